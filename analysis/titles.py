"""The names a document is cited by, and the names an interpretation cites, as people write them.

A policy titled 「江安省卫生健康委办公室关于印发《江安省护理服务管理办法（试行）》的通知」 is cited as
解读《江安省护理服务管理办法》, 图解：江安省护理服务管理办法（试行）, 《关于印发〈…〉的通知》解读, or by its
full title. Both sides are reduced to a **core name**: spaces, quote marks and bracket shapes
folded; the issuer prefix (…委员会 / …办公厅 / …人民政府 / 中华人民共和国 before 关于 / 印发 / 转发) and
关于 dropped; the 印发 / 转发 / 发布 …的通知 wrapper opened (nested wrappers too); a trailing 的通知 and
parenthesised （试行）, （暂行）, （修订）, （2019-2021年） set aside. Two names match when their cores are
equal and the parenthesised years, where both sides state some, agree (2019–2021 is not
2022–2024). Years, batches (第二批) and editions inside the name stay part of it, so they never match
another edition.

Beyond that, what real portals do (issue 24): a 的 between a name's words is dropped on one side
(两名的 `loose` cores compare without 的); an issuer stands inside a 转发 wrapper before a bare name
(关于转发省发展改革委X的通知: its core is X); one interpretation names two documents that share
their form (解读：X和Y实施方案 → X实施方案, Y实施方案: `cited_variants`); the region word moves
(江安省2019年下半年… against 2019年下半年全省…: a cited 全省 stands for the province a document's
name opens with, never for another place's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawlers.extract.labels import (
    DOCUMENT_FORM_WORDS,
    DOCUMENT_FORMS,
    GRAPHIC_INTRODUCERS,
    TEXT_INTRODUCERS,
)

FOLD = str.maketrans(
    {
        "(": "（",
        ")": "）",
        "〈": "《",
        "〉": "》",
        "<": "《",
        ">": "》",
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "【": "〔",
        "】": "〕",
        "—": "-",
        "–": "-",
        "－": "-",
        "~": "-",
        "～": "-",
        "“": "",
        "”": "",
        '"': "",
        "‘": "",
        "’": "",
        "「": "",
        "」": "",
        "：": ":",
        # spaces of every kind go
        " ": None,
        "\t": None,
        "\n": None,
        "\r": None,
        "\u3000": None,
        "\xa0": None,
    }
)
UNQUOTE = str.maketrans({"《": None, "》": None})
# the issuer before 关于 / 印发 / 转发 / 发布: a prefix of 2–70 characters ending in an organ's word
# (…委员会, …办公厅, 国务院; 省卫健委、省财政厅 joined); 中华人民共和国 before anything
ISSUER_VERBS = re.compile(r"关于|印发|转发|发布")
# the words an organ's name ends in, longer first (…委员会 before …委)
ORGAN_ENDS = (
    "人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|卫生健康委|卫健委|卫计委|卫生健康局"
    "|卫生局|管理局|局|厅|委|部|院"
)
ISSUER_PREFIX = re.compile(
    rf"^(?:中华人民共和国|[^关《]{{2,40}}?(?:{ORGAN_ENDS})(?:[、和与][^关《]{{2,30}}?)?)$"
)
NATIONAL_PREFIX = re.compile(r"^中华人民共和国(?=.{2,}(?:法|条例)$)")
WRAPPER = re.compile(r"^(?:关于)?(?:印发|转发|发布)(.+?)(?:的)?(?:通知|公告)$")
LEADING_VERB = re.compile(r"^(?:关于)?(?:印发|转发|发布)(?=《.+》$)")  # what an outer wrapper left
TRAILING_NOTICE = re.compile(r"的(?:通知|公告)$")
TRAILING_PAREN = re.compile(r"（([^（）]{1,24})）》?$")  # （试行） at the end of a name
SETTABLE_PAREN = re.compile(
    r"试行|暂行|修订|修正|(?:19|20)[0-9]{2}"
)  # not （第1234号）: part of the name
YEARS = re.compile(r"(?:19|20)[0-9]{2}")
QUOTE_OPEN, QUOTE_CLOSE = "《", "》"
# how an interpretation title introduces a name without 《》 (folded: 图解:X, 一图读懂X, 〔图解〕X …),
# the longest word first
_INTRODUCERS = "|".join(
    re.escape(w) for w in sorted((*GRAPHIC_INTRODUCERS, *TEXT_INTRODUCERS), key=len, reverse=True)
)
PREFIXED = re.compile(rf"^(?:〔(?:{_INTRODUCERS})〕|(?:{_INTRODUCERS}):?)")
# a 文号 a title cites (黔卫健发〔2025〕12号文件解读): an issuer's abbreviation of 2–12 characters
# (no punctuation, quote or bracket in it), 〔year〕, a number, 号
DOC_NO_IN_TITLE = re.compile(
    r"(?P<issuer>[^（(\s《》：:，,、。；;“”\"'【\[［]{2,12})[〔\[［【][0-9]{4}[〕\]］】][0-9]+号"
)
# words a title puts before the issuer that are no part of it (关于…, 一图读懂…, 省卫健委印发…): the
# issuer is what follows the last of them
BEFORE_ISSUER = re.compile(rf"{_INTRODUCERS}|关于|印发|转发|发布|对|就")


def cited_doc_nos(title: str) -> list[str]:
    """The 文号s an interpretation's title cites, as written, without the words before their
    issuer (一图读懂黔卫健发〔2025〕12号: 黔卫健发〔2025〕12号); none whose issuer is then shorter
    than two characters."""
    found = []
    for m in DOC_NO_IN_TITLE.finditer(title):
        issuer = BEFORE_ISSUER.split(m["issuer"])[-1]
        if len(issuer) >= 2:
            found.append(issuer + m[0][len(m["issuer"]) :])
    return found


# a document form a name written in running text must end with (中医药法, …管理办法)
DOCUMENT_FORM = re.compile(rf"(?:{DOCUMENT_FORM_WORDS})$")
LOOSE_DROPPED = "的"  # the word one side of a loose match leaves out
MIN_NAME = 4  # a shorter core (通知, 宪法) names too many things to pair by, quoted or not
# what can change a name beyond folding; a title with none of these is its own core
TRIGGERS = ("关于", "印发", "转发", "发布", "通知", "公告", "中华人民共和国")
# a title that is a document's bare name: no wrapper, ends in a document's form
WRAPPER_WORDS = "关于|印发|转发|的通知|的公告"
FORM_BRACKETS = "(?:（[^（）]{1,24}）)*$"  # （试行）（2019年修订） after the form
BARE_NAME = re.compile(
    rf"^(?!.*(?:{WRAPPER_WORDS})).{{2,}}?(?:{DOCUMENT_FORM_WORDS}){FORM_BRACKETS}"
)


# a cited 全省 / 全市 … (the whole of the issuer's region) and the place a name opens with
WHOLE_REGION = re.compile(r"全(省|市|县|州|区)")
PLACE_PREFIX = re.compile(r"^[^\d《》（）:]{1,8}?(省|市|县|州|区)")
# an organ standing before a bare name inside a 转发 wrapper (省发展改革委X)
ORGAN_PREFIX = re.compile(rf"^[^关《（）]{{1,20}}?(?:{ORGAN_ENDS})(?!员会)")  # …委, not …委|员会
# two names joined that share their form: X和Y实施方案, X、Y及Z管理办法
JOINED = re.compile(r"[和及与、]")
FORM_AT_END = re.compile(rf"(?:{DOCUMENT_FORM_WORDS})$")


@dataclass(frozen=True)
class Name:
    core: str  # what the name is, wrappers and editions' brackets set aside
    years: frozenset[str]  # the years its brackets state (（2019-2021年）)
    region: str = ""  # a cited name whose 全省 (region "省") was taken out: see `matches`

    @property
    def loose(self) -> str:
        """The core without 的 (一个名称的词之间的“的”有时省去)."""
        return loose(self.core)

    def matches(self, other: Name) -> bool:
        """Whether two names are one document's: equal cores (的 aside), the years both state
        agreeing; a cited name that said 全省 matches a name opening with a province's name."""
        if len(self.core) < 2 or (self.years and other.years and self.years != other.years):
            return False
        if self.loose == other.loose:
            return True
        for name, cited in ((self, other), (other, self)):
            if cited.region and not name.region:
                place = PLACE_PREFIX.match(name.core)
                if place and place[1] == cited.region:
                    return loose(name.core[place.end() :]) == cited.loose
        return False


def fold(text: str) -> str:
    """Spaces, quote marks and bracket shapes folded to one spelling (one translate: this runs on
    every document title of every site)."""
    return text.translate(FOLD)


def unquoted(text: str) -> str:
    return text.translate(UNQUOTE)


def loose(text: str) -> str:
    """A name or title without 的, as the two sides of a loose match compare it."""
    return text.replace(LOOSE_DROPPED, "")


def loose_sql(column: str) -> str:
    """`loose` as a SQL expression."""
    return f"replace({column}, '{LOOSE_DROPPED}', '')"


def plain_sql(column: str) -> str:
    """A SQL expression for `unquoted(fold(column))`, built from the same tables, so DuckDB folds
    millions of titles at once and the rule still has one home (FOLD, UNQUOTE)."""
    mapped = {**FOLD, **UNQUOTE}
    kept = [(chr(k), v) for k, v in mapped.items() if v]
    dropped = [chr(k) for k, v in mapped.items() if not v]
    source = "".join(k for k, _ in kept) + "".join(dropped)
    target = "".join(v for _, v in kept)
    return f"translate({column}, '{source.replace(chr(39), chr(39) * 2)}', '{target}')"


def is_bare_name(plain: str) -> bool:
    """Whether a folded, unquoted title is a document's bare name (中华人民共和国中医药法, 医疗事故处理
    条例): the titles a running-text mention can name."""
    return BARE_NAME.match(plain) is not None


def bare_name_sql(column: str) -> str:
    """A SQL condition every bare name meets, so that DuckDB sets most titles aside before
    `is_bare_name` decides (RE2 has no look-behind: a title ending in 方法 passes here only)."""
    forms = "|".join(DOCUMENT_FORMS)
    return (
        f"(regexp_matches({column}, '(?:{forms}){FORM_BRACKETS}') "
        f"and not regexp_matches({column}, '{WRAPPER_WORDS}'))"
    )


def _strip_quotes(text: str) -> str:
    while text.startswith(QUOTE_OPEN) and text.endswith(QUOTE_CLOSE):
        text = text[1:-1]
    return text


def strip_issuer(text: str) -> str:
    """The text without the issuer standing before its first 关于 / 印发 / 转发 / 发布."""
    verb = ISSUER_VERBS.search(text, 2)
    if verb and ISSUER_PREFIX.match(text, 0, verb.start()):
        return text[verb.start() :]
    return text


@lru_cache(maxsize=1 << 16)  # a cited name is read again for its variants, and to be kept
def name_of(text: str) -> Name:
    """The core name of a title or a quoted name (see the module docstring)."""
    text = _strip_quotes(fold(text))
    years: set[str] = set()
    nested = any(t in text for t in TRIGGERS)
    for _ in range(4 if nested else 0):  # wrappers nest: 转发…关于印发《X》的通知…的通知
        before = text
        text = strip_issuer(text)
        text = NATIONAL_PREFIX.sub("", text)
        wrapped = WRAPPER.match(text)
        if wrapped:
            text = wrapped.group(1)
            if "转发" in wrapped.group(0)[: wrapped.start(1)]:
                text = _forwarded(text)
        text = _strip_quotes(TRAILING_NOTICE.sub("", text))
        if text.startswith("关于") and len(text) > 4:
            text = text[2:]
        text = _strip_quotes(LEADING_VERB.sub("", text))
        text = _strip_quotes(strip_issuer(text))
        if text == before:
            break
    while True:  # （试行）, （2019-2021年） at the end, possibly several
        m = TRAILING_PAREN.search(text)
        if not m or not SETTABLE_PAREN.search(m.group(1)):
            break
        years.update(YEARS.findall(m.group(1)))
        text = _strip_quotes(text[: m.start()])
    return Name(unquoted(text), frozenset(years))


def _forwarded(text: str) -> str:
    """What a 转发 wrapper forwards, without the organ standing before a bare name (省发展改革委X:
    X); kept whole when what follows the organ is no document's name."""
    organ = ORGAN_PREFIX.match(text)
    if not organ or text[organ.end() :].startswith(("关于", "印发", "《")):
        return text  # 省卫健委关于印发…: the issuer is stripped as usual
    rest = _strip_quotes(text[organ.end() :])
    rest_core = TRAILING_NOTICE.sub("", rest)
    return rest if len(rest_core) >= MIN_NAME and FORM_AT_END.search(rest_core) else text


def cited_variants(cited: str) -> list[list[Name]]:
    """What a cited name may stand for when no document carries it as it is, in groups: each
    group one document, its names tried in order until one is found. Two names joined that share
    their form (X和Y实施方案): Y实施方案, and X with as much of Y's end as it takes, longest first
    (X实施方案, then X方案); a part with a form of its own stands alone. A name saying 全省 / 全市: the
    name without it, matched only against a name opening with a place of that level."""
    name = name_of(cited)
    groups: list[list[Name]] = []
    parts = JOINED.split(name.core)
    last = parts[-1]
    if len(parts) > 1 and FORM_AT_END.search(last):
        ends = [last[i:] for i in range(1, len(last) - 1) if FORM_AT_END.search(last[i:])]
        for part in parts:
            if len(part) < 2:
                continue
            if FORM_AT_END.search(part):
                group = [Name(part, name.years)]
            else:
                group = [Name(part + end, name.years) for end in ends]
            groups.append([n for n in group if len(n.core) >= MIN_NAME])
    region = WHOLE_REGION.search(name.core)
    if region:
        core = name.core[: region.start()] + name.core[region.end() :]
        groups.append([Name(core, name.years, region[1])])
    return [g for g in groups if g]


def outer_quotes(title: str) -> list[str]:
    """The outermost 《…》 of a (folded) title, nested 《〈…〉》 and 《《…》》 kept whole inside."""
    if QUOTE_OPEN not in title:
        return []
    found, depth, start = [], 0, 0
    for i, ch in enumerate(title):
        if ch == QUOTE_OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == QUOTE_CLOSE and depth:
            depth -= 1
            if depth == 0 and i > start:
                found.append(title[start:i])
    return found


def cited_names(title: str) -> list[str]:
    """The names an interpretation's title cites: every outermost 《…》, else what follows 图解：,
    一图读懂, 解读 … (the whole rest of the title: a name, or only a headline — see
    `looks_like_document`)."""
    text = fold(title)
    if QUOTE_OPEN in text:
        return outer_quotes(text)
    prefixed = PREFIXED.match(text)
    if prefixed and len(text) - prefixed.end() >= 4:
        return [text[prefixed.end() :]]
    return []


def looks_like_document(name: str) -> bool:
    """Whether a cited name is a document's name (ends in a document's form or a wrapper), not a
    headline such as 权威解读：中医药发展的里程碑."""
    core = name_of(name).core
    return DOCUMENT_FORM.search(core) is not None or WRAPPER.match(fold(name)) is not None


def mentioned(title: str, document: Name, *, folded: bool = False) -> bool:
    """Whether a title names a document in running text (…中医药法的立法背景): only whole
    document names of at least four characters that end in a document's form."""
    core, text = document.core, title if folded else fold(title)
    return (
        len(core) >= MIN_NAME
        and DOCUMENT_FORM.search(core) is not None
        and core in text
        and document.years <= set(YEARS.findall(text))  # another edition is another document
    )
