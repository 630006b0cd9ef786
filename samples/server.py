"""Serves the generated sample sites on 127.0.0.1, one port per site, with real HTTP behaviour.

Static pages come from samples/sites/<id>/www; what a real CMS computes per request is done here:
Hanweb's dataproxy.jsp paging, the gkmlpt JSON API, a calendar link trap and a redirect loop. The
legacy county site answers with no charset, or with a wrong `charset=utf-8`, on GBK bytes.

Fault mode (`Faults`, `zwgk serve-samples --faults`): what fragile government servers do. Chosen
document pages answer 503 in a burst, hang past the client's timeout, reset the connection, send
their body slowly or cut short, are huge, or are blocked by a firewall's page; and the whole site can go down after N requests
and come back S seconds later. Transient faults end after a set number of requests, so a
crawler that retries gets the page; permanent ones never do.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITES_DIR = Path(__file__).resolve().parent / "sites"
PORTALS_DIR = Path(__file__).resolve().parent / "portals"  # sections of portals: not in the six
TRUTH_DIR = Path(__file__).resolve().parent / "truth"
HOST = "127.0.0.1"
DEFAULT_PORT = 8401
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
GKMLPT_API = "/gkmlpt/api/all/"
GKMLPT_PAGE_SIZE = 20

CONTENT_TYPES = {
    ".json": "application/json; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".mp4": "video/mp4",
    ".txt": "text/plain; charset=utf-8",
    ".js": "application/javascript",
}


@dataclass
class Faults:
    """What goes wrong on one site. Paths are request paths with their query ("/a?b=1"); a
    count says how many requests to that path fail before it answers (None: every one)."""

    burst_5xx: dict[str, int | None] = field(default_factory=dict)
    hang: dict[str, int | None] = field(default_factory=dict)  # sleep hang_seconds, no answer
    reset: dict[str, int | None] = field(default_factory=dict)  # close the connection at once
    truncated: dict[str, int | None] = field(default_factory=dict)  # half the promised body
    slow_body: set[str] = field(default_factory=set)  # the body in pieces, slow_seconds apart
    huge: set[str] = field(default_factory=set)  # a page of huge_mb
    waf: set[str] = field(default_factory=set)  # a cloud firewall's 403 block page instead
    hang_seconds: float = 5.0
    slow_seconds: float = 0.2
    huge_mb: float = 40.0
    down_after: int | None = None  # the site goes down after this many requests …
    down_seconds: float = 0.0  # … for this long, then answers again
    seen: dict[str, int] = field(default_factory=dict, repr=False)
    served: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def hit(self, path: str) -> tuple[int, int]:
        """Counts a request to `path`; returns (requests to it before this one, requests to
        the site with this one)."""
        with self.lock:
            before = self.seen.get(path, 0)
            self.seen[path] = before + 1
            self.served += 1
            return before, self.served

    @staticmethod
    def active(rule: dict[str, int | None], path: str, before: int) -> bool:
        if path not in rule:
            return False
        limit = rule[path]
        return limit is None or before < limit

    @classmethod
    def plan(cls, site_id: str, **overrides) -> Faults:
        """The standard fault plan for a sample site: its document pages from the answer key,
        each fault on a different page. Transient faults clear within Scrapy's 2 retries."""
        with open(TRUTH_DIR / "documents.csv", encoding="utf-8", newline="") as f:
            pages = sorted(r["url"] for r in csv.DictReader(f) if r["site_id"] == site_id)
        if len(pages) < 12:
            raise ValueError(f"{site_id}: too few document pages for a fault plan")
        step = len(pages) // 12
        pick = [pages[i * step] for i in range(12)]
        faults = cls(
            burst_5xx={pick[0]: 2, pick[1]: None},
            hang={pick[2]: 1, pick[3]: None},
            reset={pick[4]: 2, pick[5]: None},
            truncated={pick[6]: 1, pick[7]: None},
            slow_body={pick[8]},
            huge={pick[9]},
            waf={pick[10]},
        )
        for key, value in overrides.items():
            setattr(faults, key, value)
        return faults

    def describe(self) -> dict[str, list[str]]:
        """Every faulty path by kind, transient ones marked: what a test expects to see."""
        kinds = {}
        for kind in ("burst_5xx", "hang", "reset", "truncated"):
            rule = getattr(self, kind)
            kinds[kind + "_transient"] = sorted(p for p, n in rule.items() if n is not None)
            kinds[kind + "_permanent"] = sorted(p for p, n in rule.items() if n is None)
        kinds["slow_body"] = sorted(self.slow_body)
        kinds["huge"] = sorted(self.huge)
        kinds["waf"] = sorted(self.waf)
        return kinds


@dataclass
class SampleSite:
    """One generated site: its files, its server behaviour and its per-request data."""

    site_id: str
    root: Path
    config: dict
    data: dict
    port: int = 0
    server: ThreadingHTTPServer | None = field(default=None, repr=False)
    faults: Faults | None = None
    down_until: float = 0.0  # monotonic time the site answers again after an outage
    stopped: bool = False
    handler: type | None = field(default=None, repr=False)
    requests: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (method, path)
    in_flight: int = 0  # requests being answered now, and the most there ever were at once
    most_in_flight: int = 0
    counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, directory: Path) -> SampleSite:
        config = json.loads((directory / "server.json").read_text(encoding="utf-8"))
        data = json.loads((directory / "data.json").read_text(encoding="utf-8"))
        return cls(site_id=config["site_id"], root=directory / "www", config=config, data=data)

    def switch(self, directory: Path) -> None:
        """Serve another rendering of the site from now on (the same site a week later:
        samples/generator/weeks.py), on the same port."""
        other = SampleSite.load(directory)
        if other.site_id != self.site_id:
            raise ValueError(f"{directory} holds {other.site_id}, not {self.site_id}")
        self.root, self.config, self.data = other.root, other.config, other.data

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def homepage_url(self) -> str:
        return self.base_url + self.config["homepage"]


def load_sites(sites_dir: Path = SITES_DIR, only: Iterable[str] | None = None) -> list[SampleSite]:
    if not sites_dir.is_dir():
        raise FileNotFoundError(
            f"no sample sites at {sites_dir}: run `make samples` to generate them"
        )
    wanted = set(only or [])
    sites = [
        SampleSite.load(d) for d in sorted(sites_dir.iterdir()) if (d / "server.json").is_file()
    ]
    unknown = wanted - {s.site_id for s in sites}
    if unknown:
        raise ValueError(
            f"no sample site {', '.join(sorted(unknown))}; the sample sites are "
            + ", ".join(s.site_id for s in sites)
        )
    return [s for s in sites if not wanted or s.site_id in wanted]


def stored_name(path: str, query: str) -> str:
    """The file under www/ for a URL path and query (same rule as the generator)."""
    if path.endswith("/"):
        path += "index.html"
    return path.lstrip("/") + (f"@{query}" if query else "")


class SampleHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SampleCMS/1.0"
    # headers and body go out in two writes; with Nagle on, a keep-alive client's delayed ACK
    # held every GET back by ~40 ms (measured). Real servers set TCP_NODELAY too.
    disable_nagle_algorithm = True
    site: SampleSite
    latency: float = 0.0

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet by default
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # ----- responses ---------------------------------------------------------------------
    def send_static(self, body: bytes, content_type: str) -> None:
        """A file as a static web server sends it: with an ETag (of its bytes), and 304 Not
        Modified to a request that names that ETag (If-None-Match)."""
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        asked = self.headers.get("If-None-Match")
        if asked and etag in [t.strip() for t in asked.split(",")]:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send(HTTPStatus.OK, body, content_type, {"ETag": etag})

    def send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.answered()  # before the client can have it: it may ask again at once
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found(self) -> None:
        body = "<html><head><title>404</title></head><body><h1>404 页面不存在</h1></body></html>"
        self.send(HTTPStatus.NOT_FOUND, body.encode("utf-8"), "text/html; charset=utf-8")

    def html_type(self, url_path: str) -> str:
        if self.site.config.get("encoding", "utf-8") == "utf-8":
            return "text/html; charset=utf-8"
        if url_path in self.site.config.get("wrong_charset", ()):
            return "text/html; charset=utf-8"  # the planted wrong header on GBK bytes
        return "text/html"

    def with_origin(self, body: bytes) -> bytes:
        return body.replace(b"__ORIGIN__", f"{HOST}:{self.site.port}".encode())

    # ----- routing -----------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self.route()

    def do_GET(self) -> None:
        self.route()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.route(self.rfile.read(length).decode("utf-8", "replace") if length else "")

    def route(self, form: str = "") -> None:
        site = self.site
        with site.counting:
            site.in_flight += 1
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        self.counted = True
        try:
            self.answer(form)
        finally:
            self.answered()

    def answered(self) -> None:
        """The request no longer in flight, counted once: as its answer's headers go out (the
        client, given the whole answer, may send its next request before this thread runs on;
        counting it on return saw 3 at once against a limit of 2 under load), or on return for
        an answer written some other way."""
        if getattr(self, "counted", False):
            self.counted = False
            with self.site.counting:
                self.site.in_flight -= 1

    def answer(self, form: str) -> None:
        self.site.requests.append((self.command, self.path))  # what the tests count
        if self.latency:
            time.sleep(self.latency)
        if self.site.faults and self.fault():
            return
        parts = urlsplit(self.path)
        path, query = parts.path, parts.query
        config = self.site.config
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        params.update({k: v[-1] for k, v in parse_qs(form).items()})
        full = path + (f"?{query}" if query else "")
        if path in config.get("redirects", {}):
            self.send(HTTPStatus.FOUND, b"", "text/html", {"Location": config["redirects"][path]})
        elif path == config.get("calendar_trap"):
            self.calendar(params.get("d", "2026-11-20"))
        elif path == DATAPROXY and "hanweb_records" in self.site.data:
            self.dataproxy(params)
        elif path.startswith(GKMLPT_API) and "gkmlpt_api" in self.site.data:
            self.gkmlpt_api(path[len(GKMLPT_API) :], params)
        elif path == "/":
            self.static(config["homepage"], "")
        else:
            self.static(path, query, full)

    # ----- faults ------------------------------------------------------------------------
    def drop(self) -> None:
        """Close the connection at once with a TCP reset, no answer."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass

    def fault(self) -> bool:
        """Acts out this request's fault, if it has one; True when the request is answered."""
        faults, site = self.site.faults, self.site
        if time.monotonic() < site.down_until:
            self.drop()  # a kept-alive connection to a server that is down
            return True
        path = self.path
        before, served = faults.hit(path)
        if faults.down_after is not None and served == faults.down_after + 1:
            go_down(site, faults.down_seconds)
            self.drop()
            return True
        if Faults.active(faults.burst_5xx, path, before):
            body = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
            self.send(HTTPStatus.SERVICE_UNAVAILABLE, body, "text/html", {"Retry-After": "0"})
            return True
        if Faults.active(faults.hang, path, before):
            time.sleep(faults.hang_seconds)
            self.drop()
            return True
        if Faults.active(faults.reset, path, before):
            self.drop()
            return True
        if Faults.active(faults.truncated, path, before):
            body = self.page_bytes(path)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.html_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.drop()
            return True
        if path in faults.slow_body:
            body = self.page_bytes(path)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.html_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(0, len(body), max(1, len(body) // 4)):
                self.wfile.write(body[i : i + max(1, len(body) // 4)])
                self.wfile.flush()
                time.sleep(faults.slow_seconds)
            return True
        if path in faults.waf:
            body = (
                "<html><head><title>403</title></head><body><h1>您的访问被拦截</h1>"
                "<p>当前访问疑似黑客攻击，已被网站管理员设置为拦截。（创宇盾）</p></body></html>"
            )
            self.send(HTTPStatus.FORBIDDEN, body.encode("utf-8"), "text/html; charset=utf-8")
            return True
        if path in faults.huge:
            size = int(faults.huge_mb * 1024 * 1024)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"<p>" + "很长的页面。".encode() * 1000 + b"</p>\n"
            sent = 0
            try:
                while sent < size:
                    piece = chunk[: size - sent]
                    self.wfile.write(piece)
                    sent += len(piece)
            except OSError:
                pass  # the client stopped reading: what a size limit does
            self.close_connection = True
            return True
        return False

    def page_bytes(self, path: str) -> bytes:
        parts = urlsplit(path)
        target = self.site.root / stored_name(parts.path, parts.query)
        return self.with_origin(target.read_bytes()) if target.is_file() else b""

    def static(self, path: str, query: str, full: str | None = None) -> None:
        target = self.site.root / stored_name(path, query)
        presentation = set(self.site.config.get("presentation_params", ()))
        if query and presentation and set(parse_qs(query)) <= presentation:
            target = self.site.root / stored_name(path, "")  # ?xxgkhide=1: the same page
        if target.is_dir():
            target = target / "index.html"
        try:
            resolved = target.resolve()
            resolved.relative_to(self.site.root.resolve())
        except (ValueError, OSError):
            return self.not_found()
        if not resolved.is_file():
            return self.not_found()
        body = resolved.read_bytes()
        suffix = Path(path).suffix.lower()
        if Path(query).suffix.lower() in CONTENT_TYPES:  # downfile.jsp?filename=x.pdf
            suffix = Path(query).suffix.lower()
        if suffix in CONTENT_TYPES:
            ctype = CONTENT_TYPES[suffix]
        else:
            ctype = self.html_type(full or path)
        if ctype.startswith(("text/", "application/json")):
            body = self.with_origin(body)
        self.send_static(body, ctype)

    def dataproxy(self, params: dict) -> None:
        """Hanweb's paging endpoint: records startrecord..endrecord of a column, as XML."""
        records = self.site.data["hanweb_records"].get(params.get("columnid", ""))
        if records is None:
            return self.not_found()
        try:
            per_page = max(1, int(params.get("perpage", 15)))
            start = max(1, int(params.get("startrecord", 1)))
            end = int(params.get("endrecord", start + per_page * 3 - 1))
        except ValueError:
            return self.send(HTTPStatus.BAD_REQUEST, b"bad paging parameters", "text/plain")
        chosen = records[start - 1 : end]
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><datastore>'
            f"<totalrecord>{len(records)}</totalrecord>"
            f"<totalpage>{-(-len(records) // per_page)}</totalpage>"
            "<recordset>"
            + "".join(f"<record><![CDATA[\n{r}]]></record>" for r in chosen)
            + "</recordset></datastore>"
        )
        self.send(HTTPStatus.OK, body.encode("utf-8"), "text/xml; charset=UTF-8")

    def gkmlpt_api(self, classify: str, params: dict) -> None:
        """The platform's list API: 20 articles a page, newest first."""
        articles = self.site.data["gkmlpt_api"].get(classify.strip("/"))
        if articles is None:
            body = json.dumps({"code": 404, "msg": "分类不存在"}, ensure_ascii=False).encode()
            return self.send(HTTPStatus.NOT_FOUND, body, "application/json; charset=utf-8")
        try:
            page = max(1, int(params.get("page", 1)))
        except ValueError:
            page = 1
        chosen = articles[(page - 1) * GKMLPT_PAGE_SIZE : page * GKMLPT_PAGE_SIZE]
        payload = {
            "total": len(articles),
            "page": page,
            "per_page": GKMLPT_PAGE_SIZE,
            "articles": chosen,
        }
        body = self.with_origin(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        self.send(HTTPStatus.OK, body, "application/json; charset=utf-8")

    def calendar(self, day: str) -> None:
        """An activity calendar whose previous/next links never end: a crawler trap."""
        try:
            d = dt.date.fromisoformat(day)
        except ValueError:
            d = dt.date(2026, 11, 20)
        links = " ".join(
            f'<a href="?d={(d + dt.timedelta(k)).isoformat()}">{label}</a>'
            for k, label in ((-1, "前一天"), (1, "后一天"), (-30, "上个月"), (30, "下个月"))
        )
        html = (
            f"<html><head><title>活动日历 {escape(d.isoformat())}</title></head><body>"
            f"<h1>{d.year}年{d.month}月{d.day}日 活动安排</h1><p>当日无活动。</p><p>{links}</p></body></html>"
        )
        encoding = self.site.config.get("encoding", "utf-8")
        self.send(HTTPStatus.OK, html.encode(encoding), self.html_type(self.path))


class LocalServer(ThreadingHTTPServer):
    """A threaded server on this machine that keeps up with a crawl: every server the samples and
    the tests run is one."""

    # socketserver's default listen backlog is 5: a crawler opening a burst of connections can
    # overflow it, the kernel drops SYNs and clients retry after 1 s (measured: `zwgk crawl` of
    # tests/support/windowed_pager.py's 429 pages took 23.7 s, 2.5 s with this; its test ran at
    # 18% CPU). Real servers listen with a backlog in the hundreds.
    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a timeout, a size limit) is no server error: no traceback."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def start(
    sites: list[SampleSite],
    port: int = DEFAULT_PORT,
    latency_ms: float = 0.0,
    faults: dict[str, Faults] | None = None,
) -> list[SampleSite]:
    """Start one threaded server per site (ports port, port+1, …; 0 = any free port), with
    the given faults per site id."""
    if latency_ms < 0:
        raise ValueError(f"latency must be 0 or more milliseconds, got {latency_ms:g}")
    for i, site in enumerate(sites):
        site.faults = (faults or {}).get(site.site_id)
        site.stopped = False
        site.handler = type(
            f"Handler_{site.site_id}",
            (SampleHandler,),
            {"site": site, "latency": latency_ms / 1000},
        )
        listen(site, port + i if port else 0)
    return sites


def listen(site: SampleSite, port: int) -> None:
    server = LocalServer((HOST, port), site.handler)
    site.server, site.port = server, server.server_address[1]
    threading.Thread(
        target=server.serve_forever, name=f"sample-{site.site_id}", daemon=True
    ).start()


def go_down(site: SampleSite, seconds: float) -> None:
    """The site stops answering (its port refuses connections, kept-alive ones are reset) and
    comes back on the same port `seconds` later."""
    site.down_until = time.monotonic() + seconds
    server = site.server

    def outage() -> None:
        server.shutdown()
        server.server_close()
        time.sleep(max(0.0, site.down_until - time.monotonic()))
        if not site.stopped:
            listen(site, site.port)

    threading.Thread(target=outage, name=f"outage-{site.site_id}", daemon=True).start()


def stop(sites: list[SampleSite]) -> None:
    for site in sites:
        site.stopped = True
        site.down_until = 0.0
        if site.server:
            site.server.shutdown()
            site.server.server_close()
