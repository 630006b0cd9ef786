"""Running the Scrapy crawl from the command line (zwgk crawl / zwgk demo)."""

from __future__ import annotations

import sys
from pathlib import Path

from crawlers.profiles import ProfileError, load_profiles
from pipelines.store import StoreError, connect


def check_inputs(sites: Path, only: list[str] | None, db: Path) -> list:
    """Fail before crawling: a bad sites file or a locked database is reported, nothing is lost."""
    profiles = load_profiles(sites, only=only)
    con = connect(db)
    con.close()
    return profiles


def run_crawl(
    sites: Path,
    db: Path,
    *,
    only: list[str] | None = None,
    progress: bool = True,
    log_level: str = "WARNING",
    workers: int | None = None,
) -> str:
    """Crawl the sites into db; returns the run's final status (finished / interrupted / …)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("ZWGK_DB", str(db), priority="cmdline")
    settings.set("ZWGK_PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    if workers is not None:
        settings.set("ZWGK_EXTRACT_WORKERS", workers, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl("disclosure", sites=str(sites), only=",".join(only or []))
    process.start()
    con = connect(db, read_only=True)
    try:
        row = con.execute("select status from runs order by started_at desc limit 1").fetchone()
    finally:
        con.close()
    return row[0] if row else "failed"


def crawl_command(
    sites: Path,
    db: Path,
    only: list[str] | None,
    progress: bool,
    verbose: bool,
    *,
    workers: int | None = None,
) -> int:
    from reports.summary import crawl_summary

    try:
        profiles = check_inputs(sites, only, db)
    except (ProfileError, StoreError) as exc:
        print(f"zwgk: {exc}", file=sys.stderr)
        return 2
    unverified = [p.id for p in profiles if not p.verified]
    if workers is not None and workers < 0:
        print("zwgk: --workers must be 0 or more", file=sys.stderr)
        return 2
    if unverified:
        print(
            f"note: unverified profiles (never checked against the live site): {', '.join(unverified)}",
            file=sys.stderr,
        )
    print(f"crawling {len(profiles)} sites into {db}", file=sys.stderr)
    status = run_crawl(
        sites,
        db,
        only=only,
        progress=progress,
        log_level="INFO" if verbose else "WARNING",
        workers=workers,
    )
    print(crawl_summary(db))
    print(f"\ndatabase: {db.resolve()}")
    if status == "interrupted":
        print(
            "zwgk: the crawl was interrupted; what was fetched is stored. Run it again to complete it.",
            file=sys.stderr,
        )
        return 130
    return 0 if status == "finished" else 1
