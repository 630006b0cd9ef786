"""Analysts beside the crawl: a notebook holds the published copy while crawls and publishes
complete; the example notebook runs against the sample audit."""

from __future__ import annotations

import os
import shutil

import pytest

from pipelines.publish import working_path

from .conftest import ROOT, run_zwgk, write_sites_file
from .support.db import query
from .support.holder import database_held_open

NOTEBOOK = ROOT / "notebooks" / "audit_overview.ipynb"


def runs_in(db) -> int:
    return query(db, "select count(*) from runs")[0][0]


def test_a_notebook_holding_the_published_copy_blocks_neither_crawl_nor_publish(
    sample_sites, tmp_path
):
    sites = write_sites_file(tmp_path / "sites.toml", [sample_sites["shiling"]])
    db = tmp_path / "audit.duckdb"
    args = ["crawl", "--sites", str(sites), "--db", str(db), "--no-progress"]
    assert run_zwgk(*args).returncode == 0
    with database_held_open(db, read_only=True):
        second = run_zwgk(*args)
        assert second.returncode == 0, second.stderr[-2000:]
        published = run_zwgk("publish", "--db", str(db))
        assert published.returncode == 0, published.stderr[-2000:]
        assert f"→ {db.resolve()}" in published.stdout
        assert runs_in(db) == 2  # a new connection sees the new copy at once
    assert runs_in(working_path(db)) == 2
    assert not list(tmp_path.glob(".audit.duckdb.publishing-*"))  # no temporary left behind


def test_publishing_while_a_crawl_holds_the_working_file_names_it(sample_sites, tmp_path):
    sites = write_sites_file(tmp_path / "sites.toml", [sample_sites["shiling"]])
    db = tmp_path / "audit.duckdb"
    assert (
        run_zwgk("crawl", "--sites", str(sites), "--db", str(db), "--no-progress").returncode == 0
    )
    before = db.read_bytes()
    with database_held_open(working_path(db)) as pid:
        result = run_zwgk("publish", "--db", str(db))
    assert result.returncode == 2
    assert f"PID {pid}" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_the_example_notebook_runs_against_the_sample_audit(crawled_db, tmp_path):
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    db = tmp_path / "audit.duckdb"
    shutil.copy(crawled_db[0], db)
    scored = run_zwgk("score", "--db", str(db), "--as-of", "2026-11-20")
    assert scored.returncode == 0, scored.stderr[-2000:]
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    os.environ["ZWGK_DB"] = str(db)
    try:
        nbclient.NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
        ).execute()
    finally:
        del os.environ["ZWGK_DB"]
    outputs = {
        i: "".join(o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", []))
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
    }
    site_runs = outputs[3]
    for site in ("jiangan", "lingnan", "nhc", "qianxi", "quanyang", "shiling"):
        assert site in site_runs
    assert "ok" in site_runs
    assert "interpretation_rate" in outputs[5]
    dead = {line.split()[0]: line.split()[1] for line in outputs[7].splitlines()[1:-1]}
    assert dead == {"jiangan": "1", "nhc": "1", "quanyang": "1", "shiling": "1"}  # the key
