"""The generator is deterministic: the same seed writes the same bytes as the committed samples."""

from __future__ import annotations

import hashlib
from pathlib import Path

from samples.generator.build import build

from .conftest import ROOT


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_regenerating_writes_the_committed_bytes(tmp_path):
    build(tmp_path)
    for part in ("sites", "truth"):
        fresh, committed = tree_digest(tmp_path / part), tree_digest(ROOT / "samples" / part)
        assert fresh.keys() == committed.keys(), (
            f"{part}: files differ; run `make samples` and commit"
        )
        changed = [name for name in fresh if fresh[name] != committed[name]]
        assert not changed, f"{part}: {len(changed)} files differ, e.g. {changed[:3]}"


def test_two_runs_in_a_row_are_identical(tmp_path):
    first = build(tmp_path / "a")
    second = build(tmp_path / "b")
    assert first == second
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
