"""Serves the generated sample sites on 127.0.0.1, one port per site, with real HTTP behaviour.

Static pages come from samples/sites/<id>/www; what a real CMS computes per request is done here:
Hanweb's dataproxy.jsp paging, the gkmlpt JSON API, a calendar link trap and a redirect loop. The
legacy county site answers with no charset, or with a wrong `charset=utf-8`, on GBK bytes.
"""

from __future__ import annotations

import datetime as dt
import json
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
class SampleSite:
    """One generated site: its files, its server behaviour and its per-request data."""

    site_id: str
    root: Path
    config: dict
    data: dict
    port: int = 0
    server: ThreadingHTTPServer | None = field(default=None, repr=False)

    @classmethod
    def load(cls, directory: Path) -> SampleSite:
        config = json.loads((directory / "server.json").read_text(encoding="utf-8"))
        data = json.loads((directory / "data.json").read_text(encoding="utf-8"))
        return cls(site_id=config["site_id"], root=directory / "www", config=config, data=data)

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
    def send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
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
        if self.latency:
            time.sleep(self.latency)
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
        self.send(HTTPStatus.OK, body, ctype)

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


class SampleServer(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: a crawler opening a burst of connections can
    # overflow it, the kernel drops SYNs and clients retry after 1 s. Real servers listen with a
    # backlog in the hundreds.
    request_queue_size = 256
    daemon_threads = True


def start(
    sites: list[SampleSite], port: int = DEFAULT_PORT, latency_ms: float = 0.0
) -> list[SampleSite]:
    """Start one threaded server per site (ports port, port+1, …; 0 = any free port)."""
    for i, site in enumerate(sites):
        handler = type(
            f"Handler_{site.site_id}",
            (SampleHandler,),
            {"site": site, "latency": latency_ms / 1000},
        )
        server = SampleServer((HOST, port + i if port else 0), handler)
        site.server, site.port = server, server.server_address[1]
        threading.Thread(
            target=server.serve_forever, name=f"sample-{site.site_id}", daemon=True
        ).start()
    return sites


def stop(sites: list[SampleSite]) -> None:
    for site in sites:
        if site.server:
            site.server.shutdown()
            site.server.server_close()
