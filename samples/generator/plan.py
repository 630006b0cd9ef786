"""Plans every document of every sample site: dates, attributes, relations and planted cases.

The plan is the generator's own record of what it publishes. Renderers turn it into pages; the
answer key is written from it. Nothing here is shared with the product's code.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from samples.generator import calendar
from samples.generator.specs import (
    AS_OF,
    HISTORY_START,
    NEWS_PATTERNS,
    NOTICE_PATTERNS,
    OTHER_TITLES,
    PLACES,
    POLICY_FORMS,
    SEED,
    SUBJECTS,
    ColumnSpec,
    SiteSpec,
)

CN_DIGITS = "〇一二三四五六七八九"


@dataclass
class Attachment:
    name: str  # shown link text, e.g. 附件1：xxx.pdf
    ext: str  # pdf / doc / docx / xls
    exists: bool = True
    path: str = ""


@dataclass
class Image:
    exists: bool = True
    path: str = ""


@dataclass
class Doc:
    site_id: str
    seq: int
    column: ColumnSpec
    doc_type: str  # policy / interpretation / notice / news / other
    title: str
    published: dt.date
    time: str  # HH:MM shown next to the date where a family shows one
    subject: str
    written: dt.date | None = None
    index_no: str | None = None  # normalised (what the key expects)
    index_no_raw: str | None = None
    doc_no: str | None = None  # normalised with 〔〕
    doc_no_raw: str | None = None
    issuer: str | None = None
    topic: str | None = None
    validity: str | None = None
    disclosure_attr: str | None = None  # 主动公开 / 依申请公开 / 不予公开
    disclosure_raw: str | None = None  # the label as shown
    disclosure_in_body: bool = False  # note in the body instead of a table cell
    show_table: bool = False
    signing: str | None = None  # signing date as written at the end of the body
    interp_form: str | None = None  # text / graphic / video / interview
    interprets: int | None = None  # seq of the policy an interpretation explains
    related: list[int] = field(default_factory=list)  # seqs linked in 相关解读/相关文件 blocks
    attachments: list[Attachment] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    meta_pubdate: dt.date | None = None  # set where meta PubDate differs from the visible date
    has_page: bool = True  # False: listed, but the detail page answers 404
    duplicate_of: int | None = None
    flags: list[str] = field(default_factory=list)
    path: str = ""
    wrong_charset_header: bool = False
    created: dt.date | None = None  # the day the CMS made it, where it differs from `published`
    moved_from: str | None = None  # moved in from an older system: its URLs keep that form
    # the rest of the assessment (samples/generator/assessment.py)
    report: dict | None = None  # a yearly report: year, variant, parts, figures, table
    consultation: dict | None = None  # a consultation (draft, opens, closes, style) or feedback
    leader: str | None = None  # an interview: who is interviewed, as the page names them
    body_html: str | None = None  # a planted page's own body (samples/generator/disclosures.py)
    disclosure: dict | None = None  # what the key needs of it: kind, period, personal numbers
    bare_body: bool = False  # the body as planted, without the editors' long filler

    @property
    def expected_warnings(self) -> list[str]:
        warnings = []
        if self.written and self.written > self.published:
            warnings.append("written_after_published")
        if self.meta_pubdate and self.meta_pubdate != self.published:
            warnings.append("meta_pubdate_mismatch")
        if self.wrong_charset_header:
            warnings.append("charset_header_mismatch")
        if "decree_signing_date" in self.flags:
            warnings.append("written_date_disagreement")
        if self.doc_type != self.column_type:
            warnings.append("doc_type_disagreement")  # filed under a column of another kind
        return warnings

    @property
    def column_type(self) -> str:
        """The document type the column's kind names (人事, 规划计划 … name none: other)."""
        kind = self.column.kind
        return kind if kind in ("policy", "interpretation", "notice", "news") else "other"


@dataclass
class SitePlan:
    spec: SiteSpec
    docs: list[Doc]
    planted: list[dict]

    def by_seq(self, seq: int) -> Doc:
        return self.docs[seq]


def chinese_date(d: dt.date) -> str:
    """二〇二五年三月五日 style, as printed at the end of official documents."""

    def num(n: int) -> str:
        if n < 10:
            return "〇一二三四五六七八九"[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")

    year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{num(d.month)}月{num(d.day)}日"


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class Planner:
    """Builds one site's documents, week by week, then plants the recorded special cases."""

    def __init__(self, spec: SiteSpec):
        self.spec = spec
        self.rng = random.Random(f"{SEED}:{spec.site_id}")
        self.docs: list[Doc] = []
        self.planted: list[dict] = []
        self.used_titles: set[str] = set()
        self.serials: dict[int, int] = {}
        self.doc_numbers: dict[tuple[str, int], int] = {}
        self.cols = {c.key: c for c in spec.columns}

    # ----- small helpers -------------------------------------------------------------------
    def plant(self, case: str, doc: Doc | None = None, **detail) -> None:
        record = {"case": case, "site_id": self.spec.site_id, **detail}
        if doc is not None:
            record["_doc"] = doc  # replaced by the final seq once documents are numbered
            doc.flags.append(case)
        self.planted.append(record)

    def silent(self, day: dt.date) -> bool:
        window = self.spec.silent
        return bool(window and window[0] <= day <= window[1])

    def unique_title(self, make) -> str:
        for _ in range(50):
            title = make()
            if title not in self.used_titles:
                self.used_titles.add(title)
                return title
        title = make() + f"（{len(self.used_titles)}）"
        self.used_titles.add(title)
        return title

    def next_index(self, year: int) -> tuple[str, str]:
        self.serials[year] = self.serials.get(year, 0) + 1
        n = self.serials[year]
        if self.spec.family == "legacy":
            raw = f"{self.spec.index_code}-{year}-{n:03d}"
            return raw, raw
        raw = f"{self.spec.index_code}/{year}-{n:05d}"
        return raw, raw

    def next_doc_no(self, year: int, *, normative: bool = True) -> tuple[str, str]:
        """A 文号; only a document that may be normative gets a 规 (规范性文件) number."""
        prefixes = [p for p in self.spec.doc_prefixes if normative or "规" not in p]
        prefix = self.rng.choice(prefixes or self.spec.doc_prefixes)
        key = (prefix, year)
        self.doc_numbers[key] = self.doc_numbers.get(key, 0) + self.rng.randint(1, 4)
        n = self.doc_numbers[key]
        brackets = {
            "shtml": ("〔", "〕"),
            "trs": self.rng.choice([("〔", "〕"), ("［", "］")]),
            "gkmlpt": ("[", "]"),
            "hanweb": ("〔", "〕") if self.spec.site_id == "quanyang" else ("【", "】"),
            "legacy": ("（", "）"),
        }[self.spec.family]
        raw = f"{prefix}{brackets[0]}{year}{brackets[1]}{n}号"
        return f"{prefix}〔{year}〕{n}号", raw

    def workday_in(self, week_start: dt.date) -> dt.date | None:
        days = [week_start + dt.timedelta(i) for i in range(7)]
        days = [d for d in days if d <= AS_OF]
        if self.spec.realistic and self.rng.random() < 0.06:  # 2–12% on non-working days
            off = [d for d in days if not calendar.is_workday(d)]
            if off:
                return self.rng.choice(off)
        days = [d for d in days if calendar.is_workday(d)]
        return self.rng.choice(days) if days else None

    def new_doc(
        self, column_key: str, doc_type: str, title: str, day: dt.date, subject: str
    ) -> Doc:
        hour = self.rng.randint(8, 18)
        doc = Doc(
            site_id=self.spec.site_id,
            seq=len(self.docs),
            column=self.cols[column_key],
            doc_type=doc_type,
            title=title,
            published=day,
            time=f"{hour:02d}:{self.rng.randint(0, 59):02d}",
            subject=subject,
        )
        self.docs.append(doc)
        return doc

    # ----- attribute filling ------------------------------------------------------------------
    def fill_official(self, doc: Doc, *, with_doc_no: bool, with_written: bool) -> None:
        """Give a document the 信息公开 attributes a policy or notice carries."""
        spec, rng = self.spec, self.rng
        year = doc.published.year
        doc.index_no, doc.index_no_raw = self.next_index(year)
        doc.issuer = (
            spec.short
            if spec.site_id != "nhc"
            else rng.choice(["国家卫生健康委办公厅", "国家卫生健康委"])
        )
        doc.topic = spec.topic
        if with_doc_no:
            doc.doc_no, doc.doc_no_raw = self.next_doc_no(year, normative=doc.doc_type == "policy")
        if with_written:
            r = rng.random()
            lag = rng.randint(22, 40) if r < 0.1 else rng.randint(1, 12)
            doc.written = calendar.sub_workdays(doc.published, lag)
        doc.validity = "有效" if doc.published.year >= 2025 or rng.random() < 0.8 else "失效"
        if spec.family == "hanweb" and spec.site_id == "qianxi":
            label = rng.choices(["此件公开发布", "此件依申请公开", "此件删减后公开"], [20, 1, 1])[0]
            doc.disclosure_raw = label
            doc.disclosure_attr = "依申请公开" if label == "此件依申请公开" else "主动公开"
            doc.disclosure_in_body = True
        else:
            doc.disclosure_raw = "主动公开"
            doc.disclosure_attr = "主动公开"
            doc.disclosure_in_body = spec.family in ("shtml", "legacy")
        doc.show_table = True
        if spec.family == "legacy":
            # county pages: no 有效性, no 成文日期 cell; the date is the signature in the body
            doc.validity = None
            doc.topic = None
        if doc.written:
            doc.signing = (
                chinese_date(doc.written)
                if rng.random() < 0.35
                else f"{doc.written.year}年{doc.written.month}月{doc.written.day}日"
            )

    def add_attachments(self, doc: Doc, n: int) -> None:
        exts = ["pdf", "doc", "docx", "xls", "pdf"]
        for i in range(1, n + 1):
            ext = self.rng.choice(exts)
            doc.attachments.append(
                Attachment(name=f"附件{i}：{doc.subject}相关材料{i}.{ext}", ext=ext)
            )

    # ----- generation ---------------------------------------------------------------------
    def policy_title(self, subject: str, year: int) -> str:
        form = self.rng.choice(POLICY_FORMS)
        forms = [
            f"关于印发《{self.spec.region}{subject}{form}》的通知",
            f"关于印发《{subject}{form}（{year}—{year + 2}年）》的通知",
            f"关于印发《{year}年{subject}工作要点》的通知",
            f"{self.spec.short}关于进一步加强{subject}工作的意见",
        ]
        if self.spec.realistic:  # issuer first, 印发…的通知 without 《》
            forms += [
                f"{self.spec.short}关于印发{self.spec.region}{subject}{form}的通知",
                f"{self.spec.region}人民政府办公室印发关于{subject}若干措施的通知",
            ]
        return self.rng.choice(forms)

    def interpretation_for(self, policy: Doc, day: dt.date, form: str) -> Doc:
        quoted = policy.title
        if "《" in quoted:
            quoted = quoted[quoted.index("《") + 1 : quoted.rindex("》")]
        rng = self.rng
        if form == "graphic":
            title = rng.choice([f"图解：{quoted}", f"一图读懂《{quoted}》", f"【图解】{quoted}"])
        elif form == "video":
            title = f"视频解读：《{quoted}》"
        elif form == "interview":
            title = f"在线访谈：{policy.subject}政策答记者问"
        else:
            title = rng.choice(
                [f"《{quoted}》解读", f"关于《{quoted}》的政策解读", f"解读《{quoted}》"]
            )
        title = self.unique_title(lambda: title)
        doc = self.new_doc("interp", "interpretation", title, day, policy.subject)
        doc.interp_form = form
        doc.interprets = policy.seq
        doc.related = [policy.seq]
        policy.related.append(doc.seq)
        doc.index_no, doc.index_no_raw = self.next_index(day.year)
        doc.issuer = policy.issuer or self.spec.short
        doc.topic = self.spec.topic
        doc.show_table = self.spec.family != "legacy"
        if self.spec.family == "legacy":
            doc.index_no = doc.index_no_raw = None
            doc.issuer = None
        if form == "graphic":
            most = 3 if self.spec.realistic else 5  # real 图解 pages: often one long image
            doc.images = [Image() for _ in range(rng.randint(1 if most == 3 else 2, most))]
            if self.spec.realistic and rng.random() < 0.5:  # no 信息公开 table at all
                doc.show_table = False
                doc.index_no = doc.index_no_raw = doc.issuer = doc.topic = None
        return doc

    def interpret(self, policy: Doc) -> None:
        rng, spec = self.rng, self.spec
        if rng.random() < spec.missing_interp:
            return
        forms = (
            ["graphic"]
            if rng.random() < spec.graphic_share
            else [rng.choice(["text", "text", "text", "video", "interview"])]
        )
        if rng.random() < 0.12:
            forms.append("text" if forms[0] == "graphic" else "graphic")
        for form in forms:
            if rng.random() < spec.late_interp:
                lag = rng.randint(4, 12)
            else:
                lag = rng.choice([0, 0, 0, 1, 1, 2, 3])
            day = calendar.add_workdays(policy.published, lag)
            if day > AS_OF or self.silent(day):
                continue
            self.interpretation_for(policy, day, form)

    def week(self, week_start: dt.date) -> None:
        spec, rng = self.spec, self.rng
        for col in spec.columns:
            if col.kind == "interpretation":
                continue
            for _ in range(_poisson(rng, col.rate)):
                day = self.workday_in(week_start)
                if day is None or self.silent(day):
                    continue
                if col.last_item and day > col.last_item:
                    continue
                self.generate(col, day)

    def generate(self, col: ColumnSpec, day: dt.date) -> Doc:
        spec, rng = self.spec, self.rng
        subject = rng.choice(SUBJECTS)
        year = day.year
        if col.kind == "policy":
            title = self.unique_title(lambda: self.policy_title(rng.choice(SUBJECTS), year))
            subject = next((s for s in SUBJECTS if s in title), subject)
            doc = self.new_doc(col.key, "policy", title, day, subject)
            self.fill_official(doc, with_doc_no=True, with_written=True)
            self.add_attachments(doc, rng.choice([0, 1, 1, 2]))
            self.interpret(doc)
            return doc
        if col.kind == "notice":
            pattern = rng.choice(NOTICE_PATTERNS)
            title = self.unique_title(
                lambda: rng.choice(NOTICE_PATTERNS).format(
                    year=year, subject=rng.choice(SUBJECTS), form=rng.choice(POLICY_FORMS)
                )
            )
            del pattern
            doc = self.new_doc(col.key, "notice", title, day, subject)
            self.fill_official(doc, with_doc_no=rng.random() < 0.3, with_written=True)
            doc.validity = None if spec.family != "gkmlpt" else doc.validity
            self.add_attachments(doc, rng.choice([0, 0, 1]))
            return doc
        if col.kind == "news":
            title = self.unique_title(
                lambda: rng.choice(NEWS_PATTERNS).format(
                    short=spec.short,
                    region=spec.region,
                    subject=rng.choice(SUBJECTS),
                    place=rng.choice(PLACES),
                )
            )
            doc = self.new_doc(col.key, "news", title, day, subject)
            if rng.random() < 0.3:
                doc.images = [Image() for _ in range(rng.randint(1, 2))]
            self.platform_table(doc)
            return doc
        templates = OTHER_TITLES.get(col.key) or OTHER_TITLES[col.kind]
        title = self.unique_title(
            lambda: rng.choice(templates).format(
                short=spec.short,
                region=spec.region,
                year=year,
                year2=year + 4,
                n=rng.randint(1, 300),
                place=rng.choice(PLACES),
            )
        )
        doc = self.new_doc(col.key, "other", title, day, subject)
        self.platform_table(doc)
        if col.kind == "budget":
            self.add_attachments(doc, 1)
        return doc

    def platform_table(self, doc: Doc) -> None:
        """The provincial platform shows its metadata table on every document."""
        if self.spec.family == "gkmlpt":
            doc.index_no, doc.index_no_raw = self.next_index(doc.published.year)
            doc.issuer = self.spec.short
            doc.topic = self.spec.topic
            doc.show_table = True

    def backfill(self) -> None:
        """Real sites post dozens of items on one day when they catch up (LAYOUTS §6)."""
        days = sorted({d.published for d in self.docs if not self.silent(d.published)})
        for _ in range(2):
            day = self.rng.choice(days)
            for _ in range(self.rng.randint(12, 20)):
                col = self.rng.choice(
                    [c for c in self.spec.columns if c.kind in ("news", "notice")]
                )
                self.generate(col, day)

    def run(self) -> SitePlan:
        week = HISTORY_START
        while week <= AS_OF:
            self.week(week)
            week += dt.timedelta(7)
        if self.spec.realistic:
            self.backfill()
        from samples.generator import planted

        planted.plant_cases(self)
        self.docs.sort(key=lambda d: (d.published, d.time, d.seq))
        # re-number in publication order so that ids grow with time, as CMS ids do
        remap = {d.seq: i for i, d in enumerate(self.docs)}
        for doc in self.docs:
            doc.seq = remap[doc.seq]
            doc.related = [remap[s] for s in doc.related]
            if doc.interprets is not None:
                doc.interprets = remap[doc.interprets]
            if doc.duplicate_of is not None:
                doc.duplicate_of = remap[doc.duplicate_of]
        for doc in self.docs:
            hide_unshown(doc, self.spec.family)
        for record in self.planted:
            if "_doc" in record:
                record["seq"] = record.pop("_doc").seq
            for key, value in list(record.items()):
                if isinstance(value, Doc):
                    record[key] = value.seq
        return SitePlan(self.spec, self.docs, self.planted)


# What each family's pages can show; the key must expect nothing a page does not show.
NOT_SHOWN = {"shtml": ("validity",), "legacy": ("topic", "validity")}


def hide_unshown(doc: Doc, family: str) -> None:
    for name in NOT_SHOWN.get(family, ()):
        setattr(doc, name, None)


def plan_site(spec: SiteSpec) -> SitePlan:
    return Planner(spec).run()
