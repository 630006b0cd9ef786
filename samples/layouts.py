"""How varied the sample sites are: metadata-block shapes, pager kinds, body lengths.

    python -m samples.layouts [--sites DIR]

Counts what the generated pages show, so that the samples can be compared with real sites
(../shared/LAYOUTS.md) and with earlier generations of themselves. A report, not a test.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
from collections import Counter
from pathlib import Path

from crawlers.charsets import decide_encoding
from crawlers.extract.detail import find_body, parse_html
from samples.server import stored_name

SAMPLES = Path(__file__).resolve().parent
SHAPES = (
    (
        "label and value in one cell",
        re.compile(r"<td[^>]*>\s*<b>(?:<span>)?[^<]{1,30}[:：]\s*(?:</span>)?</b>"),
    ),
    ("label cell | value cell", re.compile(r"<t[dh][^>]*>[^<]{1,14}[:：]?\s*</t[dh]>\s*<td")),
    ("list items", re.compile(r"<li>\s*<(?:span|em|i)>[^<]{1,14}[:：]</(?:span|em|i)>")),
    ("dl/dt/dd", re.compile(r"<dt>[^<]{1,14}[:：]?</dt>")),
    ("div rows", re.compile(r'<div class="row"><span class="label">')),
    ("byline only", re.compile(r"(?:发布时间|发布日期|时间)\s*[:：]\s*\d{4}")),
)
PAGERS = (
    ("createPageHTML", re.compile(r"createPageHTML\(")),
    ("datastore + dataproxy.jsp", re.compile(r"<nextgroup>.*dataproxy", re.S)),
    (
        "datastore + static next group",
        re.compile(r"<nextgroup><!\[CDATA\[<a href=\"[^\"]*index_\d+"),
    ),
    ("JSON API shell", re.compile(r"/gkmlpt/api/")),
    ("页次 counter", re.compile(r"页次")),
    ("共N条 counter", re.compile(r"共\s*\d+\s*条")),
    ("共N页 counter", re.compile(r"共\s*\d+\s*页|第\s*\d+\s*/\s*\d+\s*页")),
    ("下一页 link", re.compile(r">\s*下一页\s*</a>")),
    ("numbered links", re.compile(r">\s*[2-9]\s*</a>")),
)


def read(root: Path, url: str) -> str | None:
    path = root / stored_name(*((url.split("?", 1) + [""])[:2]))
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return None
    body = path.read_bytes()
    return body.decode(decide_encoding(body))


def report(sites_dir: Path, truth_dir: Path) -> dict:
    shapes, pagers, lengths = Counter(), Counter(), []
    with open(truth_dir / "documents.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            html = read(sites_dir / row["site_id"] / "www", row["url"])
            if html is None:
                continue
            head = html.split('id="zoom"')[0].split("TRS_Editor")[0]
            shape = next((name for name, rx in SHAPES if rx.search(head)), "meta tags only")
            shapes[shape] += 1
            body, _ = find_body(parse_html(html), html)
            text = "".join(body.itertext()) if body is not None else ""
            lengths.append(len(re.sub(r"\s", "", text)))
    with open(truth_dir / "columns.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            html = read(sites_dir / row["site_id"] / "www", row["url"]) or ""
            for name, rx in PAGERS:
                if rx.search(html):
                    pagers[name] += 1
    cuts = statistics.quantiles(lengths, n=10) if len(lengths) > 1 else [0] * 9
    return {
        "pages": len(lengths),
        "shapes": dict(shapes.most_common()),
        "pagers": dict(pagers.most_common()),
        "body_chars": {"p10": cuts[0], "p50": cuts[4], "p90": cuts[8], "max": max(lengths)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="a samples/ folder")
    args = parser.parse_args()
    result = report(args.samples / "sites", args.samples / "truth")
    print(f"detail pages: {result['pages']}")
    print("metadata-block shapes (pages):")
    for name, n in result["shapes"].items():
        print(f"  {name:32s} {n:5d}")
    print("pager kinds (columns showing each):")
    for name, n in result["pagers"].items():
        print(f"  {name:32s} {n:5d}")
    b = result["body_chars"]
    print(
        f"body characters: p10 {b['p10']:.0f}, median {b['p50']:.0f}, p90 {b['p90']:.0f}, max {b['max']}"
    )


if __name__ == "__main__":
    main()
