"""One saved page per family and document type, extracted and normalised like the crawler does.

The pages are the committed sample sites (samples/sites); the expected values are the key's.
"""

from __future__ import annotations

import pytest

from samples.generator.build import file_name
from zwgk.extract import extract_one

from .conftest import ROOT, read_csv
from .support.accuracy import FIELDS as ACCURACY_FIELDS

# the key's fields a single page shows (column and counts come from the crawl, see accuracy.py)
FIELDS = tuple(
    f
    for f in ACCURACY_FIELDS
    if f not in ("column_name", "doc_type", "attachment_count", "image_count", "expected_warnings")
)


def cases() -> list[dict]:
    chosen, seen = [], set()
    for row in read_csv("documents.csv"):
        key = (row["site_id"], row["doc_type"])
        if key not in seen:
            seen.add(key)
            chosen.append(row)
    return chosen


@pytest.mark.parametrize("row", cases(), ids=lambda r: f"{r['site_id']}-{r['doc_type']}")
def test_sample_page(row):
    path = ROOT / "samples" / "sites" / row["site_id"] / "www" / file_name(row["url"])
    result = extract_one(
        str(path), url=f"http://127.0.0.1:8401{row['url']}", kind=row["column_kind"]
    )
    doc = result["document"]
    got = {f: "" if doc[f] is None else str(doc[f]) for f in FIELDS}
    assert got == {f: row[f] for f in FIELDS}
