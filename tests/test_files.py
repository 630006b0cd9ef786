"""Files written whole (crawlers/files.py), and no writer renaming files into place on its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawlers.files import Replacement, write_atomically

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("crawlers", "pipelines", "analysis", "reports", "zwgk")


def test_a_write_replaces_the_file_and_leaves_nothing_beside_it(tmp_path):
    target = tmp_path / "out" / "sites.toml"
    write_atomically(target, "旧\n")
    write_atomically(target, "新\n")
    assert target.read_text(encoding="utf-8") == "新\n"
    assert [p.name for p in target.parent.iterdir()] == ["sites.toml"]


def test_a_write_that_fails_leaves_the_old_file(tmp_path):
    target = tmp_path / "reviews.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), Replacement(target) as part:
        part.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.csv"]


def test_a_folder_is_replaced_whole(tmp_path):
    shard = tmp_path / "shards" / "nhc"
    (shard / "warc").mkdir(parents=True)
    (shard / "warc" / "old.warc.gz").write_bytes(b"old")
    with Replacement(shard) as part:
        part.mkdir()
        (part / "MANIFEST.json").write_text("{}", encoding="utf-8")
    assert sorted(p.name for p in shard.iterdir()) == ["MANIFEST.json"]
    assert [p.name for p in shard.parent.iterdir()] == ["nhc"]


def test_a_part_left_by_a_killed_writer_is_cleared_first(tmp_path):
    target = tmp_path / "audit.duckdb"
    stale = Replacement(target).part
    stale.write_bytes(b"half a database")
    write_atomically(target, "whole")
    assert not stale.exists()
    assert target.read_text(encoding="utf-8") == "whole"


def test_no_other_module_renames_a_file_into_place():
    """Renaming a written file into place has one home: crawlers/files.py."""
    home = ROOT / "crawlers" / "files.py"
    spelled = re.compile(
        r"\bos\.replace\(|\bos\.rename\(|\.rename\(|\.replace\(\s*(?:path|target)\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in PRODUCT
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != home
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert found == []


def test_a_folder_whose_rename_fails_keeps_its_old_version(tmp_path, monkeypatch):
    """The rename into place fails (a full disk, a folder held open elsewhere): the old shard is
    still there, whole, and nothing hidden is left beside it."""
    import os

    shard = tmp_path / "shards" / "nhc"
    shard.mkdir(parents=True)
    (shard / "MANIFEST.json").write_text("old", encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(src).name.startswith(".nhc.part-") and not str(src).endswith(".old"):
            raise OSError("no space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError), Replacement(shard) as part:
        part.mkdir()
        (part / "MANIFEST.json").write_text("new", encoding="utf-8")
    assert (shard / "MANIFEST.json").read_text(encoding="utf-8") == "old"
    assert [p.name for p in shard.parent.iterdir()] == ["nhc"]
