"""Shared fixtures: the sample sites served for real on 127.0.0.1, the answer key, ../shared."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "samples" / "truth"
SHARED = ROOT.parent / "shared"


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (pyproject's addopts): one worker more than the cores. The suite's tests wait on
    servers, timeouts and child processes for about half their time (measured on 2 cores: 162%
    CPU with 2 workers, 423 s; 183% with 3, 388 s), so a spare worker fills the waits."""
    return (os.cpu_count() or 1) + 1


def pytest_report_header(config) -> str | None:
    """The machine's speed, beside the suite's time (its speed has varied twofold in a day).
    Measured by the process that prints it: an xdist worker's header and summary are not shown,
    and each measurement takes about a second and 256 MB."""
    if hasattr(config, "workerinput"):
        return None
    from bench.machine import speed_line

    return speed_line("at the start")


def pytest_terminal_summary(terminalreporter, config) -> None:
    if hasattr(config, "workerinput"):
        return
    from bench.machine import speed_line

    terminalreporter.write_line(speed_line("at the end"))


# a test using one of these crawls the sample sites, or drives Chromium: slow, whether or not it
# says so (`pytest -m "not slow"` runs the others)
SLOW_FIXTURES = {"sample_sites", "crawled_db", "browser"}

# The files whose tests read `crawled_db` (a crawl of every sample site, a session fixture) run on
# one xdist worker, so the samples are crawled once a session rather than once on every worker
# that runs one of them. The distributed crawl's file runs apart: its tests compare against a crawl
# of its own worker's sample servers, and they are the suite's longest file on their own.
CRAWLED_DB_FILES = frozenset(
    {
        "tests/test_analysts.py",
        "tests/test_crawl_samples.py",
        "tests/test_indicator_home.py",
        "tests/test_personal_data.py",
        "tests/test_report.py",
        "tests/test_reviews.py",
        "tests/test_scoring_samples.py",
    }
)
CRAWLED_DB_APART = frozenset({"tests/test_distributed_crawl.py"})


def pytest_collection_modifyitems(config, items) -> None:
    readers = set()
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
        if "crawled_db" in fixtures:
            readers.add(item.nodeid.split("::", 1)[0])
    unlisted = readers - CRAWLED_DB_FILES - CRAWLED_DB_APART
    if unlisted:
        raise pytest.UsageError(
            f"{', '.join(sorted(unlisted))} read crawled_db: add them to CRAWLED_DB_FILES in "
            "tests/conftest.py, so that they run on the worker that crawled the samples"
        )


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (pyproject's addopts), except that CRAWLED_DB_FILES are one unit."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class CrawledDbOnOneWorker(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return "crawled_db" if file in CRAWLED_DB_FILES else file

    return CrawledDbOnOneWorker(config, log)


def read_csv(name: str) -> list[dict]:
    with open(TRUTH / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# the sample sites, as the generator's answer key lists them (samples/truth/sites.csv): tests
# count them from here, never by a typed number
SAMPLE_SITES = tuple(sorted(r["site_id"] for r in read_csv("sites.csv")))


def indicator_rows(levels: list[str | None] | None = None) -> int:
    """How many rows of the indicators judged on every site scoring sites of these levels writes
    (default: the six sample sites' levels): every such indicator of every site, except where a
    rule asks it only of some levels (`levels`: 疫情 monthly). The indicators judged only where a
    site shows what they judge (JUDGED_WHERE_SHOWN: letters) are not among them: their rows
    depend on the data, and their own tests check them against the key."""
    from analysis.indicators import INDICATORS, JUDGED_WHERE_SHOWN
    from analysis.rules import load_rules

    rules = load_rules()
    levels = [r["level"] for r in read_csv("sites.csv")] if levels is None else levels
    return sum(
        sum(level in rules[name].get("levels", [level]) for level in levels)
        for name in INDICATORS
        if name not in JUDGED_WHERE_SHOWN
    )


def judged_everywhere_rows(db) -> int:
    """The rows a store holds of the indicators judged on every site (what indicator_rows
    predicts)."""
    import duckdb

    from analysis.indicators import JUDGED_WHERE_SHOWN

    con = duckdb.connect(str(db), read_only=True)
    try:
        marks = ", ".join("?" for _ in JUDGED_WHERE_SHOWN) or "''"
        return con.execute(
            f"select count(*) from indicators where indicator not in ({marks})",
            list(JUDGED_WHERE_SHOWN),
        ).fetchone()[0]
    finally:
        con.close()


def shared_path(*parts: str) -> Path:
    """A path in ../shared; skips the test when it is absent, fails when absent under CI=true."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: ../shared lives beside the project only in CI and on developers' machines"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def truth_documents() -> list[dict]:
    return read_csv("documents.csv")


@pytest.fixture(scope="session")
def truth_indicators() -> dict:
    return json.loads((TRUTH / "indicators.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def truth_planted() -> list[dict]:
    return json.loads((TRUTH / "planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_sites():
    """Every sample site served on its own free port for the whole session."""
    from samples import server

    sites = server.start(server.load_sites(), port=0)
    yield {s.site_id: s for s in sites}
    server.stop(sites)


def write_sites_file(path: Path, sites, **extra_by_site) -> Path:
    """A sites file naming served sample sites by homepage alone (plus per-site extras)."""
    lines = []
    for site in sites:
        lines += [
            "[[site]]",
            f'id = "{site.site_id}"',
            f'name = "{site.config["name"]}"',
            f'homepage = "{site.homepage_url}"',
            "private_network = true",
        ]
        for key, value in extra_by_site.get(site.site_id, {}).items():
            lines.append(f"{key} = {value}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def sample_sites_file(path: Path, sites) -> Path:
    """The sample sites' file with each site's level (the key's), as the required columns need."""
    levels = {r["site_id"]: {"level": f'"{r["level"]}"'} for r in read_csv("sites.csv")}
    return write_sites_file(path, sites, **levels)


def run_zwgk(*args: str, timeout: float = 600, cwd: Path = ROOT, **kwargs):
    """Run the `zwgk` command as an assessor would, in a child process (of the project in `cwd`)."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "zwgk.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        **kwargs,
    )


def spawn_zwgk(*args: str):
    """Start the `zwgk` command in a child process and return at once (to stop it mid-way)."""
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "zwgk.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="session")
def crawled_db(sample_sites, tmp_path_factory):
    """Every sample site crawled once through `zwgk crawl`, from homepages alone (and each site's
    level, which the required columns depend on)."""
    tmp = tmp_path_factory.mktemp("crawl")
    sites = sample_sites_file(tmp / "sites.toml", sample_sites.values())
    db = tmp / "audit.duckdb"
    result = run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium (reports/browser.py); a test without one skips, except in CI."""
    from reports.browser import BrowserMissing, chromium_driver

    try:
        driver = chromium_driver()
    except BrowserMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have a browser: {exc}")
        pytest.skip(str(exc))
    yield driver
    driver.quit()
