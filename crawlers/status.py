"""A run's and a site's statuses, a run's id, the crawl's clock and China's time zone: the words
every layer reads (the store, the coordinator, the commands, the scorecard), declared once and
without Scrapy, so reading them costs no crawler's import (`import scrapy` alone is 0.2 s of
every `zwgk` command).
"""

from __future__ import annotations

import datetime as dt
import secrets

# 北京时间: the dates the sites state, the day a crawl ran, the days a finding names. Stored
# times are UTC; the scoring's SQL reads this offset as getvariable('china_offset').
CHINA = dt.timezone(dt.timedelta(hours=8))


def utc_now() -> dt.datetime:
    """Now in UTC, to the second, without a zone: the time every run and item records."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def utc_now_text() -> str:
    """`utc_now` as an item's time is written: ISO text."""
    return utc_now().isoformat(timespec="seconds")


def new_run_id(started: dt.datetime | None = None) -> str:
    """`YYYYMMDDTHHMMSSZ-xxxxxx`: the UTC start and a random suffix."""
    started = started or utc_now()
    return started.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


# a run's status (runs.status): the one list of them, with what each means; every writer passes
# its status through `run_status`, every reader names the constants
RUNNING, FINISHED, INTERRUPTED = "running", "finished", "interrupted"
CRASHED, STORE_ERROR = "crashed", "store_error"
RUN_STATUSES = {
    RUNNING: "crawling now (or killed, until the next run on this file notices)",
    FINISHED: "crawled to the end",
    INTERRUPTED: "stopped before its end (Ctrl-C, SIGTERM, a Scrapy close reason): run it again",
    CRASHED: "its process ended without closing it (found by the next run on this host)",
    STORE_ERROR: "the database refused a write: the crawl stopped, nothing was published",
}


def run_status(status: str) -> str:
    """`status` if it is a run status RUN_STATUSES knows; a ValueError (a writer's mistake)
    otherwise, before anything is written."""
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown run status {status!r}; known: {', '.join(RUN_STATUSES)}")
    return status


# a site's outcome in a run (site_runs.status), with the scorecard's words for it: the one list
# of them; every writer passes its status through `site_status`
STATUSES = {
    "ok": "正常",
    "partial": "部分页面未取到",
    "unreachable": "网站无法访问",
    "blocked_by_waf": "被网站防火墙拦截",
    "blocked_by_robots": "robots.txt 禁止抓取",
    "no_disclosure_entry": "未找到政务公开入口",
    "empty": "栏目均无信息",
    "interrupted": "抓取中断",
    "failed": "抓取失败（分布式抓取中各次尝试均未完成）",
}


def site_status(status: str) -> str:
    """`status` if it is a site outcome STATUSES knows; a ValueError (a writer's mistake)
    otherwise, before anything is written."""
    if status not in STATUSES:
        raise ValueError(f"unknown site status {status!r}; known: {', '.join(STATUSES)}")
    return status
