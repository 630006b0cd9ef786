"""A non-editable install: the wheel built from the tree carries everything `zwgk demo` needs
(schema, migrations, SQL, templates, sites files, the sample sites) and the demo runs from it;
run again into the same file, it stores the same rows, none doubled (issue 8)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb
import pytest

from .conftest import ROOT, indicator_rows, judged_everywhere_rows, read_csv
from .support.fragile import free_ports

TABLES = ("sites", "columns", "listings", "documents", "document_fields", "document_links")
SKIP = {".venv", "output", ".git", ".pytest_cache", ".ruff_cache", "build", "dist"}


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[:3000])
    return result


def snapshot(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        documents = con.execute(
            "select site_id, url, title, doc_type, published_date, doc_no from documents "
            "order by site_id, url"
        ).fetchall()
        runs = con.execute("select count(*), count(*) filter (status = 'finished') from runs")
        return {"counts": counts, "documents": documents, "runs": runs.fetchone()}
    finally:
        con.close()


@pytest.mark.slow
def test_the_built_wheel_installs_into_a_fresh_venv_and_runs_the_demo_twice(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".egg-info")],
    )
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "--wheel-dir", str(tmp_path / "dist"), str(source))  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("zwgk_audit-*.whl")

    venv = tmp_path / "venv"
    # without pip of its own (3.6 s of CPU to put it there): the test environment's pip installs
    # into it (`--python`)
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    # the dependencies come from the test environment (no index here); zwgk itself only from
    # the wheel: the project's editable finder is not on this path
    site_packages = run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    (Path(site_packages.stdout.strip()) / "deps.pth").write_text(
        sysconfig.get_path("purelib") + "\n"
    )
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
        "-q", str(wheel))  # fmt: skip

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run(
        str(python),
        "-c",
        "import zwgk, pipelines; print(zwgk.__file__, pipelines.__file__)",
        cwd=work,
    )
    assert str(ROOT) not in where.stdout and str(venv) in where.stdout

    port = free_ports(6)
    demo = run(str(venv / "bin" / "zwgk"), "demo", "--port", str(port), cwd=work)
    assert "scorecard: " in demo.stdout
    assert (work / "output" / "report" / "index.html").is_file()
    assert "sites not ok" not in demo.stdout
    db = work / "output" / "audit.duckdb"
    assert judged_everywhere_rows(db) == indicator_rows()  # every indicator of 6 sites
    con = duckdb.connect(str(db), read_only=True)
    (stored,) = con.execute("select count(*) from indicators").fetchone()
    con.close()
    assert f"{stored} indicator rows" in demo.stdout
    once = snapshot(db)

    # again, into the same file (the default), on the same ports: nothing stored twice
    run(str(venv / "bin" / "zwgk"), "demo", "--port", str(port), cwd=work)
    twice = snapshot(db)
    assert once["counts"]["documents"] == len(read_csv("documents.csv"))  # every page, once
    assert twice["counts"] == once["counts"]
    assert twice["documents"] == once["documents"]
    assert twice["runs"] == (2, 2)
