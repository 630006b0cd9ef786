"""Small real HTTP servers on 127.0.0.1 that fail the way commission sites do, one way each."""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from samples.server import LocalServer

HOMEPAGE_WITHOUT_ENTRY = """<html><head><meta charset="utf-8"><title>某县人民医院</title></head>
<body><h1>欢迎访问</h1><ul><li><a href="/news/1.html">医院召开年度工作会议</a></li>
<li><a href="/about.html">医院简介</a></li></ul></body></html>"""
HOMEPAGE_WITH_EMPTY_COLUMN = """<html><head><meta charset="utf-8"><title>某县卫生健康局</title></head>
<body><div class="nav"><a href="/zwgk/tzgg/">通知公告</a></div></body></html>"""
HOMEPAGE_POINTING_OUT_OF_SCOPE = """<html><head><meta charset="utf-8"><title>某县卫生健康局</title></head>
<body><div class="nav"><a href="file:///etc/hostname">政策文件</a>
<a href="/zwgk/tzgg/">通知公告</a> <a href="http://10.0.0.7/zwgk/">政务公开</a></div></body></html>"""
WAF_CHALLENGE = """<html><head><meta charset="utf-8"><title>安全验证 - 创宇云防御</title></head>
<body><p>访问过于频繁，请完成验证后继续访问。</p><script>/* challenge */</script></body></html>"""
WAF_403 = """<html><head><meta charset="utf-8"><title>403</title></head>
<body><h1>您的访问被拦截</h1><p>当前访问疑似黑客攻击，已被网站管理员设置为拦截。（创宇盾）</p></body></html>"""
EMPTY_LIST = """<html><head><meta charset="utf-8"><title>通知公告</title></head>
<body><h2>通知公告</h2><ul class="list"></ul><div class="page">共0条 共1页</div></body></html>"""


class Fragile(BaseHTTPRequestHandler):
    """Behaviour by the server's `kind`: slow, robots, no_entry, empty,
    waf, waf_pages, gateway_down, out_of_scope, private_redirect (its column redirects to the
    same server under this machine's host name, which resolves to a private address)."""

    protocol_version = "HTTP/1.1"
    kind = "ok"
    delay = 3.0

    def log_message(self, *args) -> None:
        pass

    def answer(self, status: int, body: str, ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.kind == "slow":
            time.sleep(self.delay)
        if self.path == "/robots.txt":
            if self.kind == "robots":
                return self.answer(200, "User-agent: *\nDisallow: /\n", "text/plain")
            return self.answer(404, "")
        if self.kind == "no_entry" and self.path == "/":
            return self.answer(200, HOMEPAGE_WITHOUT_ENTRY)
        if self.kind == "waf":  # a cloud firewall's challenge page instead of the homepage
            return self.answer(200, WAF_CHALLENGE)
        if self.kind == "waf_pages":  # the homepage passes, the columns are blocked
            if self.path == "/":
                return self.answer(200, HOMEPAGE_WITH_EMPTY_COLUMN)
            return self.answer(403, WAF_403)
        if self.kind == "gateway_down":  # the CMS is down behind its gateway: 503 for all
            return self.answer(
                503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
            )
        if self.kind == "out_of_scope":
            if self.path == "/":
                return self.answer(200, HOMEPAGE_POINTING_OUT_OF_SCOPE)
            if self.path == "/zwgk/tzgg/":  # a redirect to a local file
                self.send_response(302)
                self.send_header("Location", "file:///etc/hostname")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        if self.kind == "private_redirect":
            if self.path == "/":
                return self.answer(200, HOMEPAGE_POINTING_OUT_OF_SCOPE)
            if self.path == "/zwgk/tzgg/" and self.headers.get("Host", "").startswith("127."):
                self.send_response(302)
                port = self.server.server_address[1]
                self.send_header("Location", f"http://{socket.gethostname()}:{port}/zwgk/tzgg/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        if self.kind == "empty":
            if self.path == "/":
                return self.answer(200, HOMEPAGE_WITH_EMPTY_COLUMN)
            if self.path == "/zwgk/tzgg/":
                return self.answer(200, EMPTY_LIST)
        return self.answer(200, "<html><body>ok</body></html>")


class QuietServer(LocalServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that gives up on the slow server is what the test wants


@contextmanager
def fragile_server(kind: str) -> Iterator[str]:
    """A server of one kind; yields its base URL."""
    handler = type(f"Fragile_{kind}", (Fragile,), {"kind": kind})
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> str:
    """The base URL of a port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def free_ports(count: int) -> int:
    """A base port p with p … p+count-1 all free now (the sample sites need consecutive ports),
    below the kernel's ephemeral range: a port from that range can be taken between two runs by
    any outgoing connection on the machine (a demo run twice on the same ports failed so)."""
    ephemeral = Path("/proc/sys/net/ipv4/ip_local_port_range")
    low = int(ephemeral.read_text().split()[0]) if ephemeral.exists() else 32768
    for _ in range(200):
        base = random.randrange(10_000, low - count)
        sockets = []
        try:
            for port in range(base, base + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError(f"no {count} consecutive free ports found")
