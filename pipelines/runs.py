"""A crawl run's home below the commands: its files, computed once from the database path, its
exit statuses, its start (`open_for_crawl`), the crawl itself (`crawl`), and how its outcome is
read (`run_outcome`, `exit_status`). What the database holds of a run is written by the
`RunRecord` extension (pipelines/run_record.py) while Scrapy runs.

Every command and every worker that crawls reads these: `zwgk crawl` and `zwgk run`
(zwgk/crawl.py, zwgk/run.py), the Celery task that crawls a site into its shard
(pipelines/shards.py `crawl_into_shard`, called by zwgk/cluster.py), the scorecard's archived
copies (zwgk/report.py) and the evidence commands (zwgk/evidence.py). A run is resumed by
crawling again into the same working file: what the interrupted run stored is the known state
the next one starts from.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import duckdb

from crawlers.profiles import SiteProfile, load_profiles
from crawlers.status import FINISHED, INTERRUPTED
from pipelines.known_state import write_known_state
from pipelines.publish import working_path
from pipelines.store import Store

EXIT_OK = 0  # every site ok
EXIT_FAILED = 1  # the crawl itself failed (the store could not be opened, a crash)
EXIT_BAD_INPUT = 2  # a bad sites file, a held working file: nothing crawled
EXIT_SITES_NOT_OK = 3  # the crawl finished, but some site is not ok (see site_runs)
EXIT_INTERRUPTED = 130
# what each exit status means: `zwgk crawl --help`'s epilog and `zwgk run`'s last line read it
EXIT_MEANINGS = {
    EXIT_OK: "every site ok",
    EXIT_SITES_NOT_OK: "the crawl finished and was published, but some site is not ok "
    "(unreachable, blocked by robots.txt, no 政务公开 entry, partial, empty): the summary names them",
    EXIT_FAILED: "the crawl itself failed (nothing published)",
    EXIT_BAD_INPUT: "bad input: the sites file, the options, or the working file is held by "
    "another process (nothing crawled)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C): what was fetched is kept in the working file, "
    "not published",
}
EXIT_CODES = "exit status:\n" + "".join(
    textwrap.fill(meaning, 79, initial_indent=f"  {code:<4} ", subsequent_indent=" " * 7) + "\n"
    for code, meaning in EXIT_MEANINGS.items()
)
# a crawl's exit statuses after which its data is whole (a worker writes the site's shard)
CRAWLED = (EXIT_OK, EXIT_SITES_NOT_OK)


@dataclass(frozen=True)
class RunFiles:
    """Where a database's runs keep their files, all beside it:

    - `working`: the file crawls write (audit.work.duckdb), published to `db` when one finishes;
    - `state`: the known state an incremental crawl reads (audit.state.jsonl);
    - `warc`: each run's WARC files, warc/<run id>/;
    - `logs`: a distributed run's per-site crawl logs, logs/<run id>/;
    - `report`: the HTML scorecard's folder (report/);
    - `workbook`: the evidence workbook (evidence.xlsx);
    - `reviews`: the assessors' pair verdicts, read by every scoring (reviewed_pairs.csv).
    """

    db: Path

    @property
    def working(self) -> Path:
        return working_path(self.db)

    @property
    def state(self) -> Path:
        working = self.working
        return working.with_name(working.stem.replace(".work", "") + ".state.jsonl")

    @property
    def warc(self) -> Path:
        return Path(self.db).parent / "warc"

    @property
    def logs(self) -> Path:
        return Path(self.db).parent / "logs"

    @property
    def report(self) -> Path:
        return Path(self.db).parent / "report"

    @property
    def workbook(self) -> Path:
        return Path(self.db).parent / "evidence.xlsx"

    @property
    def reviews(self) -> Path:
        return Path(self.db).parent / "reviewed_pairs.csv"


def run_files(db: str | Path) -> RunFiles:
    return RunFiles(Path(db))


def run_outcome(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[str | None, list[tuple]]:
    """(the run's status or None if it never started, [(site_id, status, reason)]), read
    through the connection the crawl wrote with."""
    row = con.execute("select status from runs where run_id = ?", [run_id]).fetchone()
    sites = con.execute(
        "select site_id, status, reason from site_runs where run_id = ? order by site_id",
        [run_id],
    ).fetchall()
    return (row[0] if row else None), sites


def exit_status(status: str | None, sites: list[tuple]) -> int:
    """A finished run's exit status from its outcome (run_outcome): every site ok, some not, or
    the crawl itself failed (never started, interrupted, the database refused a write)."""
    if status == INTERRUPTED:
        return EXIT_INTERRUPTED
    if status != FINISHED:
        return EXIT_FAILED
    return EXIT_SITES_NOT_OK if any(s[1] != "ok" for s in sites) else EXIT_OK


@dataclass
class OpenCrawl:
    """A crawl checked and started: its sites, its store held open (no other process can take the
    working file between the check and the crawl), what the known state holds."""

    sites: Path
    only: list[str] | None
    profiles: list[SiteProfile]
    store: Store
    known_sites: int
    known_documents: int
    state: Path

    def close(self) -> None:
        """Close the store (again, harmlessly, when it was closed already)."""
        self.store.close()


def open_for_crawl(
    sites: Path, working: Path, state: Path, only: list[str] | None = None
) -> OpenCrawl:
    """Fail before crawling: a bad sites file (ProfileError) or a held working file (StoreError)
    is reported, nothing lost. The sites' known state is written from the store to `state` for
    the spider to read."""
    profiles = load_profiles(sites, only=only)
    store = Store(working)
    try:
        known_sites, known_docs = write_known_state(store.con, [p.id for p in profiles], state)
    except BaseException:
        store.close()
        raise
    return OpenCrawl(sites, only, profiles, store, known_sites, known_docs, state)


def crawl(
    opened: OpenCrawl,
    *,
    run_id: str,
    warc: Path | None,
    full: bool = False,
    progress: bool = False,
    log_level: str = "WARNING",
    workers: int | None = None,
) -> str:
    """Run the disclosure spider over the opened crawl's sites into its store (its run recorded by
    RunRecord) in this process; returns the run's id. A Twisted reactor runs once per process,
    so a second crawl needs a process of its own. With a known state the crawl is incremental,
    unless `full`. A crawl Scrapy stopped without closing the spider (a second Ctrl-C) is
    finished here as interrupted, keeping what was buffered. The store stays open: whoever
    opened it reads the run's outcome through it, then closes it (`OpenCrawl.close`)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from pipelines.run_record import RunRecord

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("ZWGK_DB", str(opened.store.path), priority="cmdline")
    settings.set("ZWGK_RUN_ID", run_id, priority="cmdline")
    settings.set("ZWGK_WARC_DIR", str(warc) if warc else "", priority="cmdline")
    settings.set("ZWGK_PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    if workers is not None:
        settings.set("ZWGK_EXTRACT_WORKERS", workers, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("disclosure")
    process.crawl(
        crawler,
        sites=str(opened.sites),
        only=",".join(opened.only or []),
        state=str(opened.state),
        full=full,
        store=opened.store,
    )
    try:
        process.start()
    finally:
        try:
            record = crawler.get_extension(RunRecord)
        except RuntimeError:  # the crawl failed before its extensions were built
            record = None
        if record is not None:
            record.abandon()  # nothing to do when the run was finished
    return run_id
