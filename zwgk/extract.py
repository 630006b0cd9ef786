"""zwgk extract: what the crawler would store for one page, and where each value came from."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.request
from pathlib import Path

from crawlers.charsets import decide_encoding
from crawlers.extract.detail import extract_page, parse_html
from crawlers.families import detect
from crawlers.items import DocumentItem
from crawlers.status import utc_now_text
from pipelines.normalize import normalize_document
from reports.text_table import pad, safe_text
from zwgk.arguments import Command

# files that are surely no HTML page: PDF, images, Office/zip, OLE (doc/xls), gzip, ELF
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
                b"\x1f\x8b", b"\x7fELF")  # fmt: skip
C1_CONTROLS = re.compile("[\x7f-\x9f]")


class NotAPage(ValueError):
    """The target is empty or no HTML page: said in words, no decoding error."""


def decode_page(body: bytes, where: str) -> str:
    """The text of a page, decoded as the crawler decodes it (UTF-8 if valid, else GB18030,
    a stray byte replaced rather than failing the page)."""
    if not body.strip():
        raise NotAPage(f"{where}: empty file")
    head = body[:2048]
    if head.startswith(BINARY_MAGIC) or b"\x00" in head:
        raise NotAPage(f"{where}: not an HTML page (binary content)")
    text = body.decode(decide_encoding(body), errors="replace")
    if "<" not in text[:4096]:
        raise NotAPage(f"{where}: not an HTML page (no markup in the first 4 KB)")
    return text


SHOWN = (
    "title",
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
    "image_count",
    "attachment_count",
    "body_chars",
    "warnings",
)


def load_target(target: str, url: str | None) -> tuple[str, str]:
    """(html text, page URL) for a URL or a saved file; a file's URL is --url, its Url meta, or its path."""
    if target.startswith(("http://", "https://")):
        req = urllib.request.Request(target, headers={"User-Agent": "zwgk-audit/0.1 (extract)"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read(32 * 1024 * 1024)
        return decode_page(body, target), url or target
    path = Path(target)
    if path.is_dir():
        raise NotAPage(f"{target}: a directory, not a saved page")
    body = path.read_bytes()
    text = decode_page(body, target)
    if url:
        return text, url
    meta_url = parse_html(text).xpath("//meta[translate(@name,'URL','url')='url']/@content")
    if meta_url and meta_url[0].startswith(("http://", "https://")):
        return text, meta_url[0]
    return text, path.resolve().as_uri()


def extract_one(
    target: str, *, url: str | None = None, kind: str | None = None, family: str | None = None
) -> dict:
    text, page_url = load_target(target, url)
    fam = detect(page_url, text, family)
    page = extract_page(text, page_url, body_hints=fam.body_hints)
    item = DocumentItem(
        site_id="",
        url=page_url,
        page=page.to_dict(),
        fetched_at=utc_now_text(),
        column_kind=kind,
        family=fam.name,
    )
    doc = normalize_document(item)
    row = {k: doc.row[k] for k in SHOWN}
    row = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
    return {
        "target": target,
        "url": page_url,
        "family": fam.name,
        "document": row,
        "sources": {
            "published_date": doc.row["published_source"],
            "written_date": doc.row["written_source"],
            "doc_type": doc.row["doc_type_source"],
        },
        "doc_type_evidence": doc.row["doc_type_evidence"],
        "official_class": doc.row["official_class"],
        "candidates": doc.fields,
        "links": doc.links,
    }


def print_readable(result: dict, out=sys.stdout) -> None:
    doc = result["document"]
    chosen = {(f["field"], f["source"]) for f in result["candidates"] if f["chosen"]}
    print(f"== {safe_text(result['target'])}", file=out)
    print(f"   url     {safe_text(result['url'])}\n   family  {result['family']}", file=out)
    for name, value in doc.items():
        field_key = "disclosure" if name == "disclosure_attr" else name
        source = next((s for f, s in chosen if f == field_key), "")
        shown = safe_text("" if value is None else value)
        print(f"   {name:20s} {pad(shown, 50)} {safe_text(source)}", file=out)
    print(f"   doc_type evidence (official class: {result['official_class'] or '-'}):", file=out)
    for line in result["doc_type_evidence"]:
        print(f"     {safe_text(line[:100])}", file=out)
    others = [f for f in result["candidates"] if not f["chosen"]]
    if others:
        print("   other values found (not chosen):", file=out)
        for f in others:
            raw = safe_text(repr(f["raw"][:50]))
            print(f"     {f['field']:16s} {pad(raw, 54)} {safe_text(f['source'])}", file=out)
    facts = [f for f in result["candidates"] if f["source"] == f"body:{f['field']}"]
    for f in facts:  # what the body says for the yearly report, consultation, leader indicators
        print(f"   body fact: {f['field']}", file=out)
        print(f"     {safe_text(f['value'][:400])}", file=out)
    relations = {}
    for link in result["links"]:
        relations.setdefault(link["relation"], []).append(link)
    for relation, links in sorted(relations.items()):
        print(f"   links: {relation} ×{len(links)}", file=out)
        for link in links[:5]:
            print(
                f"     {safe_text(link['to_url'])}  {safe_text(link['anchor_text'][:40])}",
                file=out,
            )


def extract_command(
    targets: list[str], url: str | None, jsonl: bool, kind: str | None, family: str | None
) -> int:
    status = 0
    for target in targets:
        try:
            result = extract_one(target, url=url, kind=kind, family=family)
        except (OSError, ValueError) as exc:
            print(
                f"zwgk: {exc}" if isinstance(exc, NotAPage) else f"zwgk: {target}: {exc}",
                file=sys.stderr,
            )
            status = 1
            continue
        if jsonl:
            # JSON escapes C0 controls itself; C1 ones (a terminal's CSI is \x9b) are escaped here
            line = json.dumps(result, ensure_ascii=False, default=str)
            print(C1_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", line))
        else:
            print_readable(result)
    return status


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    from crawlers.families import FAMILIES
    from pipelines.doc_type import DOC_TYPES

    p.add_argument("targets", nargs="+", metavar="TARGET", help="a page URL or a saved HTML file")
    p.add_argument(
        "--url",
        help="the URL a saved file was fetched from (default: its Url meta tag, else its path)",
    )
    p.add_argument(
        "--jsonl", action="store_true", help="one JSON object per target instead of a table"
    )
    p.add_argument(
        "--kind",
        default=None,
        choices=[*DOC_TYPES, "other"],
        help="the kind of the column the page was listed in; sets doc_type (default: read from "
        "the page: its ColumnName meta, 组配分类, title form or 文号)",
    )
    p.add_argument(
        "--family",
        choices=list(FAMILIES),
        help="the CMS family, when detection from the page is not enough",
    )


def _run(args: argparse.Namespace) -> int:
    return extract_command(args.targets, args.url, args.jsonl, args.kind, args.family)


COMMAND = Command(
    "extract",
    "show what the crawler reads from one page, and where each value came from",
    (
        "Read one or more document pages (URLs or saved files) exactly as the crawler does and "
        "print every documents field with the source it was taken from (信息公开 table, meta tag, "
        "byline, body, URL), the values that were found but not chosen, and the page's links. "
        "Use it to check a new site's profile before crawling it."
    ),
    _add_arguments,
    _run,
)
