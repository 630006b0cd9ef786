"""A small site served on 127.0.0.1 from a function of the path."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from samples.server import LocalServer

Answer = tuple[int, dict[str, str], str]  # status, headers, HTML body


def serve_answers(answer_at: Callable[[str], Answer], latency: float = 0.0) -> LocalServer:
    """Serve `answer_at(path)` (the path without its query: status, headers, body as UTF-8 HTML)
    on a free port, in a thread, each answer `latency` seconds late; `.shutdown()` it when done.
    Its address: `http://127.0.0.1:{server_address[1]}`."""

    class Answers(BaseHTTPRequestHandler):
        def do_GET(self):
            if latency:
                threading.Event().wait(latency)
            status, headers, body = answer_at(self.path.split("?")[0])
            data = body.encode("utf-8")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = LocalServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve_pages(page_at: Callable[[str], str | None]) -> LocalServer:
    """Serve `page_at(path)` as a page, None as a 404 (see serve_answers)."""

    def answer(path: str) -> Answer:
        body = page_at(path)
        return (200, {}, body) if body is not None else (404, {}, "")

    return serve_answers(answer)
