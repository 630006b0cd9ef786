"""Compares a crawled store with the answer key, field by field (used by tests and bench)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

TRUTH = Path(__file__).resolve().parents[2] / "samples" / "truth"
FIELDS = (
    "title",
    "column_name",
    "doc_type",
    "published_date",
    "written_date",
    "index_no",
    "doc_no",
    "issuer",
    "topic",
    "validity",
    "disclosure_attr",
    "interpretation_form",
    "attachment_count",
    "image_count",
    "expected_warnings",
)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def field_accuracy(db_path: str | Path) -> tuple[dict[str, tuple[int, int]], list[str], dict]:
    """Per field: (right, total); the mismatches (for messages); missing/extra document counts."""
    with open(TRUTH / "documents.csv", encoding="utf-8", newline="") as f:
        truth = {(r["site_id"], r["url"]): r for r in csv.DictReader(f)}
    con = duckdb.connect(str(db_path), read_only=True)
    cur = con.execute("select * from documents")
    names = [d[0] for d in cur.description]
    got = {}
    for row in cur.fetchall():
        rec = dict(zip(names, row, strict=True))
        got[(rec["site_id"], path_of(rec["url"]))] = rec
    con.close()
    score: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong: list[str] = []
    for key, exp in truth.items():
        rec = got.get(key)
        for name in FIELDS:
            score[name][1] += 1
            if rec is None:
                continue
            if name == "expected_warnings":
                actual = ";".join(sorted(rec["warnings"] or []))
                expected = ";".join(sorted(filter(None, exp[name].split(";"))))
            else:
                value = rec[name]
                actual = "" if value is None else str(value)
                expected = exp[name]
            if actual == expected:
                score[name][0] += 1
            else:
                wrong.append(f"{key[0]} {key[1]} {name}: expected {expected!r}, got {actual!r}")
    counts = {
        "truth": len(truth),
        "stored": len(got),
        "missing": len(truth.keys() - got.keys()),
        "extra": len(got.keys() - truth.keys()),
    }
    return {k: tuple(v) for k, v in score.items()}, wrong, counts
