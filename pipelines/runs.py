"""A crawl run's home below the commands: its files, computed once from the database path, its
exit statuses, and how its outcome is read.

Every command and every worker that crawls reads these: `zwgk crawl` and `zwgk run`
(zwgk/crawl.py, zwgk/run.py), the Celery task that crawls a site into its shard (zwgk/cluster.py),
the scorecard's archived copies (zwgk/report.py) and the evidence commands (zwgk/evidence.py).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from pipelines.publish import working_path
from pipelines.store import connect

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
    - `logs`: a distributed run's per-site crawl logs, logs/<run id>/.
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


def run_files(db: str | Path) -> RunFiles:
    return RunFiles(Path(db))


def run_outcome(working: Path, run_id: str) -> tuple[str | None, list[tuple]]:
    """(the run's status or None if it never started, [(site_id, status, reason)])."""
    con = connect(working, read_only=True)
    try:
        row = con.execute("select status from runs where run_id = ?", [run_id]).fetchone()
        sites = con.execute(
            "select site_id, status, reason from site_runs where run_id = ? order by site_id",
            [run_id],
        ).fetchall()
    finally:
        con.close()
    return (row[0] if row else None), sites
