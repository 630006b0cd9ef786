"""Benchmark: the population's cost. Imports two provinces' register downloads (3,300 rows),
again (nothing changed), then runs `zwgk sites check` on `--sites` synthetic commissions served
from one local server (each its homepage, 政务公开 entry and one column list; some behind a
firewall's page, some dead, some redirecting elsewhere), every response delayed by `--latency`
ms. From the measured per-request cost and a polite rate it estimates the first national crawl
and a weekly incremental one with N workers.

    .venv/bin/python -m bench.registry [--sites 3300] [--latency 20]

Goals (issue 25): the import of 3,300 rows in under 30 s; `sites check` of 3,300 sites, served
locally, in under 10 minutes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import run_measured  # noqa: E402
from samples.generator.register import build_register, write_register  # noqa: E402
from tests.conftest import run_zwgk  # noqa: E402
from tests.support.pages_server import serve_answers  # noqa: E402

IMPORT_GOAL, CHECK_GOAL = 30.0, 600.0
# the estimate's assumptions (README, "The population's cost")
POLITE_DELAY = 2.0  # seconds between two requests to one site (the registry's delay)
SITES_AT_ONCE = 32  # per worker: Scrapy's CONCURRENT_REQUESTS, one request at a time per site
FIRST_CRAWL_PAGES = 3000  # per commission: lists, documents, attachments checked
WEEKLY_PAGES = 80  # per commission: first list pages, new documents, links due a re-check
COMMISSIONS = 3300
# a crawl's CPU per page, all its processes (README, Performance: 2.79 ms after issue 16)
CRAWL_CPU_MS = 2.8


def page(i: int, path: str) -> tuple[int, dict, str]:
    kind = i % 50
    if kind == 0:  # a firewall's challenge
        return (
            200,
            {},
            "<html><head><title>访问被拦截 - 网站防火墙</title></head><body></body></html>",
        )
    if kind == 1:
        return 404, {}, "<html><body>404</body></html>"
    if kind == 2:
        return 301, {"Location": f"http://localhost/s{i}/"}, ""
    base = f"/s{i}/"
    if path.endswith("/zwgk/index.html"):
        links = "".join(
            f'<li><a href="{base}{slug}/index.html">{name}</a></li>'
            for slug, name in (("zcwj", "政策文件"), ("zcjd", "政策解读"), ("tzgg", "通知公告"))
        )
        return 200, {}, f"<html><body><h3>政府信息公开目录</h3><ul>{links}</ul></body></html>"
    if "/zcwj/" in path:
        rows = "".join(
            f'<li><a href="t2026010{d}_{d}.html">文件{d}</a><span>2026-01-0{d}</span></li>'
            for d in range(1, 9)
        )
        return (
            200,
            {},
            f'<html><body><ul>{rows}</ul><script>createPageHTML(3, 0, "index", "html");</script></body></html>',
        )
    return (
        200,
        {},
        (
            f'<html><body><a href="{base}zwgk/index.html">政务公开</a><p>{"卫生健康" * 20}</p></body></html>'
        ),
    )


ANSWERED: list[str] = []  # every path the server answered: the requests, counted


def answer(path: str) -> tuple[int, dict, str]:
    ANSWERED.append(path)
    if path == "/robots.txt":
        return 200, {}, "User-agent: *\nAllow: /\n"
    return page(int(path.split("/")[1][1:]), path)


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3300)
    parser.add_argument("--latency", type=float, default=20.0, help="ms per response")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = [
            write_register(build_register("41", 1650), tmp / "河南省.xlsx"),
            write_register(build_register("51", 1650), tmp / "四川省.csv"),
        ]
        registry = tmp / "registry.toml"
        times = []
        for _ in range(2):
            started = time.monotonic()
            result = run_zwgk("sites", "import", *map(str, files), "--registry", str(registry))
            times.append(time.monotonic() - started)
            assert result.returncode == 0, result.stderr[-2000:]
        print(f"import of 3,300 rows: {times[0]:.1f} s; again, nothing changed: {times[1]:.1f} s")

        server = serve_answers(answer, latency=args.latency / 1000)
        port = server.server_address[1]
        lines = []
        for i in range(args.sites):
            lines += [
                "[[site]]",
                f'id = "s{i}"',
                f'name = "合成{i}卫生健康局"',
                f'homepage = "http://127.0.0.1:{port}/s{i}/index.html"',
                "private_network = true",
                "",
            ]
        sites = tmp / "sites.toml"
        sites.write_text("\n".join(lines), encoding="utf-8")
        cpu, started = child_cpu(), time.monotonic()
        result = run_zwgk(
            "sites",
            "check",
            "--sites",
            str(sites),
            "--csv",
            str(tmp / "c.csv"),
            "--no-progress",
            timeout=3600,
        )
        wall, cpu = time.monotonic() - started, child_cpu() - cpu
        server.shutdown()
        assert result.returncode == 0, result.stderr[-2000:]
        summary = result.stdout.splitlines()[1]
        requests = len(ANSWERED)
        per_request_cpu = cpu / requests
        print(
            f"sites check of {args.sites} sites ({args.latency:g} ms a response): {wall:.1f} s "
            f"wall, {cpu:.1f} s CPU: {summary}"
        )
        print(f"  {requests:,} requests, ≈ {per_request_cpu * 1000:.1f} ms CPU a request")
        polite = -(-COMMISSIONS // SITES_AT_ONCE) * 3 * POLITE_DELAY / 60
        print(
            f"  first contact of {COMMISSIONS:,} real sites at the polite pace: ≈ {polite:.0f} min"
        )

        print(
            "estimates (polite: one request every "
            f"{POLITE_DELAY:g} s per site, {SITES_AT_ONCE} sites at once per worker):"
        )
        for label, pages in (
            ("first national crawl", FIRST_CRAWL_PAGES),
            ("weekly increment", WEEKLY_PAGES),
        ):
            per_site = pages * POLITE_DELAY
            for workers in (1, 4, 16):
                rounds = -(-COMMISSIONS // (SITES_AT_ONCE * workers))
                hours = rounds * per_site / 3600
                cpu_hours = COMMISSIONS * pages * CRAWL_CPU_MS / 1000 / 3600 / workers
                print(
                    f"  {label} ({pages} pages a site), {workers:>2} worker(s): "
                    f"≈ {hours:,.1f} h, of it CPU ≈ {cpu_hours:,.1f} h a worker"
                )
        verdict = "met" if times[0] < IMPORT_GOAL and wall < CHECK_GOAL else "NOT met"
        print(f"goals (import < {IMPORT_GOAL:g} s, check of 3,300 < {CHECK_GOAL:g} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(run_measured(main))
