"""A document's type (policy / interpretation / notice / news / other) from all the evidence.

Strongest first, the first that names a type wins and is recorded as the source:
  1. `column`: the kind of the column the crawl found the page in;
  2. `meta:ColumnName` / `meta:ColumnType`: the 47号文 tags the page carries;
  3. `table:组配分类` (信息类别, 体裁分类 …): the page's own genre label;
  4. `title`: title forms (`解读《…》`, `图解`, `一图读懂`, `答记者问`, `…关于印发…的通知`, `…的决定`,
     `…实施意见`);
  5. `doc_no`: a 发文字号 makes it a policy.
A page with none of these is `other`, with no source.
"""

from __future__ import annotations

import re

from crawlers.extract.labels import column_kind

DOC_TYPES = ("policy", "interpretation", "notice", "news")
INTERPRETATION_TITLE = re.compile(
    r"解读|图解|一图[读看]懂|一图了解|答记者问|图说《|政策问答|新闻发布会.*《"
)
POLICY_TITLE = re.compile(
    r"印发.{2,80}的通知|转发.{2,80}的通知|的决定$|实施意见$|的意见$"
    r"|(?:条例|办法|规定|细则|规范|规程|程序|(?<![方做说看用])法)》?(?:[（(]试行[）)])?$"
)


def _kind(name: str | None) -> str | None:
    """The document type a column name or genre label names, if it names one."""
    kind = column_kind(name) if name else None
    return kind if kind in DOC_TYPES else None


def decide_doc_type(
    *,
    column_kind_crawled: str | None,
    meta: dict[str, str],
    hints: list[tuple[str, str]],
    title: str,
    doc_no: str | None,
) -> tuple[str, str | None]:
    """(doc_type, the source that decided it)."""
    if column_kind_crawled:
        return (column_kind_crawled if column_kind_crawled in DOC_TYPES else "other"), "column"
    for name in ("columnname", "columntype"):
        kind = _kind(meta.get(name))
        if kind:
            return kind, f"meta:{'ColumnName' if name == 'columnname' else 'ColumnType'}"
    for source, value in hints:
        kind = _kind(value)
        if kind:
            return kind, source
    if INTERPRETATION_TITLE.search(title):
        return "interpretation", "title"
    if POLICY_TITLE.search(title):
        return "policy", "title"
    if doc_no:
        return "policy", "doc_no"
    return "other", None
