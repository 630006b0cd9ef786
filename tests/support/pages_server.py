"""A small site served on 127.0.0.1 from a function of the path: the page's HTML, or None (404)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve_pages(page_at: Callable[[str], str | None]) -> ThreadingHTTPServer:
    """Serve `page_at(path)` (the path without its query) as UTF-8 HTML on a free port, in a
    thread; `.shutdown()` it when done. Its address: `http://127.0.0.1:{server_address[1]}`."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page_at(self.path.split("?")[0])
            data = (body or "").encode("utf-8")
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
