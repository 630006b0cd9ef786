"""Chooses one value per field from the extracted candidates, by one documented precedence.

Precedence (first source with a valid value wins):
  信息公开 table  >  47号文 meta tags  >  byline / page heading  >  body  >  list page  >  URL.
Every candidate is kept as evidence (`document_fields`), chosen or not; disagreements that
matter become warnings on the document, never silent choices.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawlers.dates import parse_date
from crawlers.extract.labels import INTERPRETATION_TITLE
from crawlers.items import DocumentItem
from crawlers.status import CHINA
from pipelines.attributes import (
    clean,
    interpretation_form,
    normalize_disclosure,
    normalize_doc_no,
    normalize_index_no,
    normalize_validity,
)
from pipelines.doc_type import decide_doc_type

SOURCE_RANK = {
    "table": 0,
    "meta": 1,
    "byline": 2,
    "heading": 2,
    "body": 3,
    "html_title": 3,
    "list": 4,
    "url": 5,
}
# the candidate fields one value is chosen for (`disclosure` becomes documents.disclosure_attr)
CHOSEN_FIELDS = (
    "title",
    "published_date",
    "written_date",
    "index_no",
    "doc_no",
    "issuer",
    "topic",
    "validity",
    "disclosure",
)


@dataclass
class Choice:
    value: object = None
    raw: str | None = None
    source: str | None = None


@dataclass
class NormalizedDocument:
    row: dict
    fields: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)


def _rank(source: str) -> int:
    return SOURCE_RANK.get(source.split(":", 1)[0], 9)


def _normalizer(field_name: str):
    if field_name.endswith("_date"):
        return lambda raw: parse_date(raw).value
    return {
        "doc_no": normalize_doc_no,
        "index_no": normalize_index_no,
        "validity": normalize_validity,
        "disclosure": normalize_disclosure,
    }.get(field_name, clean)


def choose(candidates: list[dict], field_name: str, evidence: list[dict]) -> Choice:
    """The best-ranked candidate that normalises to a value; every candidate goes to `evidence`."""
    norm = _normalizer(field_name)
    ordered = sorted(
        (c for c in candidates if c["field"] == field_name), key=lambda c: _rank(c["source"])
    )
    chosen = Choice()
    for c in ordered:
        value = norm(c["raw"])
        is_chosen = chosen.source is None and value is not None
        if is_chosen:
            chosen = Choice(value, c["raw"], c["source"])
        evidence.append(
            {
                "field": field_name,
                "raw": c["raw"],
                "source": c["source"],
                "value": None if value is None else str(value),
                "chosen": is_chosen,
            }
        )
    return chosen


def link_relation(relation: str, anchor_text: str, doc_type: str) -> str:
    """A related link's relation, decided by its target as well as its heading: a link to an
    interpretation is an interpretation link under any heading (相关文章 too); on an
    interpretation page, any other related link points back at the policy."""
    if relation not in ("interpretation", "policy", "related"):
        return relation
    if INTERPRETATION_TITLE.search(anchor_text):
        return "interpretation"
    if doc_type == "interpretation":
        return "policy"
    return relation


def _url_meta_confirms(url: str, meta_url: str | None) -> bool:
    """Whether the page's own `Url` meta names the document's URL (path and query; hosts and
    schemes differ harmlessly between a portal's mirrors). No meta confirms nothing, denies
    nothing."""
    if not meta_url or not meta_url.startswith(("http://", "https://", "/")):
        return True
    mine, theirs = urlsplit(url), urlsplit(meta_url)
    return (mine.path, mine.query) == (theirs.path, theirs.query)


def _disagree(evidence: list[dict], field_name: str, first: str, second: str) -> bool:
    """Whether two sources of one field both hold a value and the values differ."""
    values = [
        {e["value"] for e in evidence if e["field"] == field_name and e["source"].startswith(p)}
        - {None}
        for p in (first, second)
    ]
    return bool(values[0] and values[1] and not values[0] & values[1])


def normalize_document(item: DocumentItem) -> NormalizedDocument:
    """A spider `DocumentItem` → a `documents` row, its evidence rows and its link rows."""
    page = item.page
    candidates = list(page["candidates"])
    for name, raw in (
        ("published_date", item.list_date),
        ("title", item.list_title),
        ("doc_no", item.list_doc_no),  # a table list's 文号 column
        ("written_date", item.list_written),  # a table list's 产生日期 column
    ):
        if raw:
            candidates.append({"field": name, "raw": raw, "source": "list"})
    evidence: list[dict] = []
    picked = {name: choose(candidates, name, evidence) for name in CHOSEN_FIELDS}
    fetched_at = dt.datetime.fromisoformat(item.fetched_at)
    fetched_day = fetched_at.replace(tzinfo=dt.UTC).astimezone(CHINA).date()
    published, written = picked["published_date"].value, picked["written_date"].value
    warnings = []
    if published and written and written > published:
        warnings.append("written_after_published")
    if any(d and d > fetched_day for d in (published, written)):
        warnings.append("future_date")
    # the PubDate tag as `choose` already read it (evidence values are ISO strings)
    meta_date = next((e["value"] for e in evidence if e["source"] == "meta:PubDate"), None)
    if published and meta_date and meta_date != published.isoformat():
        warnings.append("meta_pubdate_mismatch")
    if item.charset_mismatch:
        warnings.append("charset_header_mismatch")
    if not published:
        warnings.append("no_published_date")
    if _disagree(evidence, "written_date", "table:", "body:signing"):
        warnings.append("written_date_disagreement")
    if not _url_meta_confirms(item.url, (page.get("meta") or {}).get("url")):
        warnings.append("url_meta_mismatch")

    title = picked["title"].value or ""
    decision = decide_doc_type(
        column_kind_crawled=item.column_kind,
        meta=page.get("meta") or {},
        hints=[(c["source"], c["raw"]) for c in candidates if c["field"] == "doc_type_hint"],
        title=title,
        doc_no=picked["doc_no"].value,
    )
    doc_type = decision.doc_type
    if decision.disagreement:
        warnings.append("doc_type_disagreement")
    form = None
    if doc_type == "interpretation":
        form = interpretation_form(
            title,
            images=page["image_count"],
            text_chars=page["body_chars"],
            has_video=page["has_video"],
        )
    row = {
        "site_id": item.site_id,
        "url": item.url,
        "linked_url": item.linked_url,
        "title": title,
        "column_name": item.column_name,
        "column_kind": item.column_kind,
        "column_url": item.column_url,
        "doc_type": doc_type,
        "doc_type_source": decision.source,
        "doc_type_evidence": decision.evidence,
        "official_class": decision.official_class,
        "published_date": published,
        "written_date": written,
        "index_no": picked["index_no"].value,
        "index_no_raw": picked["index_no"].raw,
        "doc_no": picked["doc_no"].value,
        "doc_no_raw": picked["doc_no"].raw,
        "issuer": picked["issuer"].value,
        "topic": picked["topic"].value,
        "validity": picked["validity"].value,
        "disclosure_attr": picked["disclosure"].value,
        "disclosure_raw": picked["disclosure"].raw,
        "interpretation_form": form,
        "image_count": page["image_count"],
        "attachment_count": page["attachment_count"],
        "body_chars": page["body_chars"],
        "fetched_at": fetched_at,
        "first_seen_at": fetched_at,
        "last_seen_at": fetched_at,
        "body_hash": page.get("body_hash") or None,
        "content_hash": item.content_hash,
        "etag": item.etag,
        "last_modified": item.last_modified,
        "warc_file": item.capture[0] if item.capture else None,
        "warc_offset": item.capture[1] if item.capture else None,
        "warnings": warnings,
        "published_source": picked["published_date"].source,
        "written_source": picked["written_date"].source,
        "family": item.family,
        "found_on": item.found_on,
        "http_status": item.status,
        "encoding": item.encoding,
    }
    fields = [{"site_id": item.site_id, "url": item.url, **e} for e in evidence]
    # what the body says beyond the fields (a yearly report's parts and table, a consultation's
    # period, the leader named): JSON, read by analysis/sql/intermediate/int_body_facts.sql
    fields += [
        {
            "site_id": item.site_id,
            "url": item.url,
            "field": name,
            "raw": None,
            "source": f"body:{name}",
            "value": json.dumps(
                fact, ensure_ascii=False
            ),  # in the order read (the table's columns)
            "chosen": True,
        }
        for name, fact in (page.get("facts") or {}).items()
    ]
    links = [
        {
            "site_id": item.site_id,
            "from_url": item.url,
            "to_url": ln["to_url"],
            "anchor_text": ln["anchor_text"],
            "relation": link_relation(ln["relation"], ln["anchor_text"], doc_type),
            "linked_url": ln.get("linked_url"),
        }
        for ln in page["links"]
    ]
    return NormalizedDocument(row, fields, links)
