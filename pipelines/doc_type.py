"""What a document is, from the weight of all its evidence (DOMAIN.md §4: column names are not types).

Every signal votes for one type with a weight; the site's own names (column, meta tags, genre
label) are one voice, so per type only the heaviest of them counts. The type with the most weight
wins, and every
signal is kept (`Signal.describe()`, stored in `documents.doc_type_evidence`) so a reader sees
why, and where the site's own column or genre label said otherwise (`doc_type_disagreement`).

| signal | votes | weight |
|---|---|---|
| `column` (the kind of the column the page was listed in) | its kind (`personnel`, `planning`, `budget` … vote `other`) | 2 |
| `meta:ColumnName` / `meta:ColumnType` (47号文 tags) | the kind the name names | 2 |
| `table:组配分类` (信息类别, 体裁分类 …: the page's own genre label) | the kind it names | 3 |
| `title:interpretation` (解读《…》, 图解, 一图读懂, 答记者问 …) | interpretation | 5 |
| `title:wrapper` (…关于印发…的通知, 转发…的通知) | policy | 3 |
| `title:document` (the title is a document's name: …办法, …规定, …实施意见, …方案, …规划, …计划, …决定) | policy | 1 |
| `title:notice` (关于开展 / 做好 / 举办 / 召开 / 公布 / 征求…的通知 / 公告) | notice | 1 |
| `doc_no` (an issuing organ's 发文字号) | policy (notice when the title is a work notice's) | 2 |
| `doc_no` of a 规范性文件 (…规〔2026〕4号) | policy, whatever the title | 3 |

A title of an official document that needs no interpretation although it carries a 文号 —
personnel (任免, 任职, 免职, 聘任), awards and results (表彰, 通报…结果, …结果的公示), budgets and final
accounts, replies to 人大建议 / 政协提案, meeting notices — is `title:exempt`: it removes every policy
vote and names the document's official class. "An interpretation names this document" is the
strongest signal of all, but only pairing knows it: `analysis/` counts such a document as a policy
needing interpretation, with the pair as evidence.

`official_class` says which official documents must be interpreted (`analysis/rules.toml`
`[interpretation_rate] classes`): `normative` (规范性文件: a 规 文号 or a 规范性文件 genre label),
`policy` (other policy documents), or the exempt kinds `personnel`, `award`, `budget`,
`proposal_reply`, `meeting`; NULL for documents that are no official document at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from crawlers.extract.labels import (
    DOCUMENT_FORM_WORDS,
    EXEMPT_TITLE_WORDS,
    INTERPRETATION_TITLE,
    WORK_NOTICE_VERBS,
    column_kind,
)

DOC_TYPES = ("policy", "interpretation", "notice", "news")
# what the report calls each type (documents.doc_type); `other` is a page of none of them
DOC_TYPE_LABELS = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "notice": "通知公告",
    "news": "工作动态",
    "other": "其他",
}
WRAPPER_TITLE = re.compile(r"(?:印发|转发|发布).{2,80}的(?:通知|公告)")
# the title is itself a document's name, ending in its form (a year range or （试行） may follow)
DOCUMENT_TITLE = re.compile(rf"(?:{DOCUMENT_FORM_WORDS})》?(?:[（(][^（）()]{{1,20}}[）)])*》?$")
NOTICE_TITLE = re.compile(rf"关于(?:{'|'.join(WORK_NOTICE_VERBS)}).{{0,80}}的(?:通知|公告|通告)$")
# official documents that need no interpretation although they carry a 文号 (labels.py)
EXEMPT_TITLES = tuple(
    (cls, re.compile("|".join(words))) for cls, words in EXEMPT_TITLE_WORDS.items()
)
NORMATIVE_DOC_NO = re.compile(r"规[〔\[［【(（]")
NORMATIVE_LABEL = "规范性文件"

COLUMN_WEIGHT = 2
META_WEIGHT = 2
GENRE_WEIGHT = 3
INTERPRETATION_WEIGHT = 5
WRAPPER_WEIGHT = 3
DOCUMENT_NAME_WEIGHT = 1
NOTICE_WEIGHT = 1
DOC_NO_WEIGHT = 2
NORMATIVE_DOC_NO_WEIGHT = 3
# the site's own names for the document: its column, its 47号文 column tags, its genre label. They
# are one voice (a site that files a 文件 under 工作动态 usually tags and labels it 工作动态 too), so
# per type only the heaviest of them counts, not their sum.
SITE_NAMED = ("column", "meta:", "table:")


@dataclass(frozen=True)
class Signal:
    source: str  # column / meta:ColumnName / table:组配分类 / title:wrapper / doc_no …
    votes: str | None  # the type it votes for; None for title:exempt (it only removes votes)
    weight: float
    value: str  # what the page said

    def describe(self) -> str:
        """One line for documents.doc_type_evidence: `source=value → type (weight)`."""
        target = self.votes or "不需解读"
        return f"{self.source}={self.value} → {target} ({self.weight:g})"


@dataclass(frozen=True)
class DocTypeDecision:
    doc_type: str
    source: str | None  # the heaviest signal that voted for the winner
    official_class: str | None
    signals: tuple[Signal, ...]
    disagreement: bool  # the site's own column or meta named another type

    @property
    def evidence(self) -> list[str]:
        return [s.describe() for s in self.signals]


def _kind(name: str | None) -> str | None:
    """The document type a column name or genre label names, if it names one."""
    kind = column_kind(name) if name else None
    return kind if kind in DOC_TYPES else None


def exempt_class(title: str) -> str | None:
    """The official class of a title that needs no interpretation (任免, 表彰, 预算 …), if any."""
    if INTERPRETATION_TITLE.search(title):
        return None
    return next((cls for cls, form in EXEMPT_TITLES if form.search(title)), None)


def signals_of(
    *,
    column_kind_crawled: str | None,
    meta: dict[str, str],
    hints: list[tuple[str, str]],
    title: str,
    doc_no: str | None,
) -> list[Signal]:
    """Every piece of evidence about the type, in the order a reader would weigh it."""
    found: list[Signal] = []
    if column_kind_crawled:
        kind = column_kind_crawled if column_kind_crawled in DOC_TYPES else "other"
        found.append(Signal("column", kind, COLUMN_WEIGHT, column_kind_crawled))
    for key, label in (("columnname", "ColumnName"), ("columntype", "ColumnType")):
        kind = _kind(meta.get(key))
        if kind:
            found.append(Signal(f"meta:{label}", kind, META_WEIGHT, meta[key]))
    for source, value in hints:
        kind = _kind(value)
        if kind:
            found.append(Signal(source, kind, GENRE_WEIGHT, value))
    exempt = exempt_class(title)
    if INTERPRETATION_TITLE.search(title):
        found.append(Signal("title:interpretation", "interpretation", INTERPRETATION_WEIGHT, title))
    elif exempt:
        found.append(Signal("title:exempt", None, 0, exempt))
    else:
        if WRAPPER_TITLE.search(title):
            found.append(Signal("title:wrapper", "policy", WRAPPER_WEIGHT, title))
        elif DOCUMENT_TITLE.search(title):
            found.append(Signal("title:document", "policy", DOCUMENT_NAME_WEIGHT, title))
        if NOTICE_TITLE.search(title):
            found.append(Signal("title:notice", "notice", NOTICE_WEIGHT, title))
    if doc_no and NORMATIVE_DOC_NO.search(doc_no):  # 规范性文件 numbers are given to nothing else
        found.append(Signal("doc_no", "policy", NORMATIVE_DOC_NO_WEIGHT, doc_no))
    elif doc_no:  # an official document: a policy, unless its title is a work notice's
        notice = any(s.source == "title:notice" for s in found)
        found.append(Signal("doc_no", "notice" if notice else "policy", DOC_NO_WEIGHT, doc_no))
    return found


def decide_doc_type(
    *,
    column_kind_crawled: str | None,
    meta: dict[str, str],
    hints: list[tuple[str, str]],
    title: str,
    doc_no: str | None,
) -> DocTypeDecision:
    """The type with the most weight; ties go to the type of the heaviest single signal, then
    to the order of DOC_TYPES. A page with no signal is `other` with no source."""
    signals = signals_of(
        column_kind_crawled=column_kind_crawled, meta=meta, hints=hints, title=title, doc_no=doc_no
    )
    exempt = next((s.value for s in signals if s.source == "title:exempt"), None)
    totals: dict[str, float] = defaultdict(float)
    site_voice: dict[str, float] = defaultdict(float)
    heaviest: dict[str, Signal] = {}
    for s in signals:
        if s.votes is None or (exempt and s.votes == "policy"):
            continue
        if s.source.startswith(SITE_NAMED):
            site_voice[s.votes] = max(site_voice[s.votes], s.weight)
        else:
            totals[s.votes] += s.weight
        if s.votes not in heaviest or s.weight > heaviest[s.votes].weight:
            heaviest[s.votes] = s
    for kind, weight in site_voice.items():
        totals[kind] += weight
    if not totals:  # nothing but an exempt title against the site's word: no policy
        overruled = any(
            s.source.startswith(SITE_NAMED) and s.votes not in (None, "other") for s in signals
        )
        return DocTypeDecision("other", None, exempt, tuple(signals), overruled)
    order = (*DOC_TYPES, "other")
    winner = max(totals, key=lambda t: (totals[t], heaviest[t].weight, -order.index(t)))
    disagreement = bool(set(site_voice) - {winner})
    official = exempt
    if winner == "policy":
        normative = (doc_no and NORMATIVE_DOC_NO.search(doc_no)) or any(
            NORMATIVE_LABEL in (v or "") for _, v in hints
        )
        official = "normative" if normative else "policy"
    return DocTypeDecision(winner, heaviest[winner].source, official, tuple(signals), disagreement)
