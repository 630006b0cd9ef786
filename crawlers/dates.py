"""Dates and small numbers as Chinese government pages write them: the one home of reading them.

`parse_date`: a full date → `datetime.date` (naive, China-local), for every stored date;
`month_day`: a date whose year may be left to the text around it (a consultation's 至12月31日),
for body facts; `date_numbers`: the year, month and day digits of a list's date, for comparing it
with a stored one; `cn_number`: 一 … 九十九 (or Arabic digits) → int.

A compiled regex with a Chinese-numeral map handles what real pages show (labels, bylines,
`二〇一六年九月十八日`, `20160918`) in microseconds. Anything else goes to the counted fallback:
strip the label, convert Chinese numerals with cn2an, then dateparser (loaded only when needed),
as measured in TECH-NOTES.md. Partial and ambiguous dates are rejected, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1949, 2100

CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "〇○零Ｏ一二三四五六七八九"

FULL_DATE = re.compile(
    r"(?<!\d)(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*(?:日|号)?"
)
COMPACT_DATE = re.compile(
    r"(?<![\d〔\[［(（【])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"
)
CN_DATE = re.compile(
    rf"([{_CN}]{{4}})\s*年\s*([{_CN}十]{{1,3}})\s*月\s*([{_CN}十]{{1,3}})\s*[日号]"
)
PARTIAL = re.compile(
    r"(?<!\d)\d{4}\s*(?:年\s*\d{1,2}\s*月|[-/.]\d{1,2})(?![\d\s]*(?:[-/.月]\s*\d|日))"
)
YEAR_MONTH_COMPACT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?!\d)")
YEAR_ONLY = re.compile(r"\D*(?<!\d)\d{4}(?!\d)\D*")
# year, month and day with any short separator (2026年11月8日, 2026-11-08, 2026/11/08 …)
DATE_NUMBERS = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")
# a month and day, the year before them optional (2026年12月1日, 12月31日, 12-31)
MONTH_DAY = re.compile(r"(?:((?:19|20)\d{2})\s*[年\-/.]\s*)?(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
AMBIGUOUS = re.compile(r"(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)")
LABEL = re.compile(r"^[^0-9０-９〇○零一二三四五六七八九]{0,12}[:：]\s*")


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date | None
    method: str  # regex / chinese / compact / fallback / rejected:<why>


class FallbackCounter:
    """How many strings needed dateparser (reported per run, since each costs ~1 ms), and the
    strings no parser could read (a counted warning with the raw text, never a library's noise
    on stderr)."""

    calls = 0
    unreadable: dict[str, int] = {}

    @classmethod
    def unread(cls, raw: str) -> None:
        cls.unreadable[raw] = cls.unreadable.get(raw, 0) + 1


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31, 15 → 15; None for anything else."""
    text = text.strip()
    if text.isdecimal():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = CN_DIGIT.get(tens, None) if tens else 1
        o = CN_DIGIT.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1:
        return CN_DIGIT.get(text)
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_numbers(text: str | None) -> tuple[int, int, int] | None:
    """The first year, month and day in `text`, as numbers (not checked as a date)."""
    m = DATE_NUMBERS.search(text or "")
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def month_day(text: str, year: int | None = None) -> dt.date | None:
    """The first month and day in `text`, in the year written before them, else `year`."""
    m = MONTH_DAY.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]) if m[1] else year or 0, int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_date(text: str | None, *, relative_base: dt.datetime | None = None) -> ParsedDate:
    """The first full date in `text`; `method` says how it was read or why it was rejected."""
    if not text or not text.strip():
        return ParsedDate(None, "rejected:empty")
    s = unicodedata.normalize("NFKC", text)  # full-width digits and colons → ASCII
    m = FULL_DATE.search(s)
    if m:
        value = _make(int(m[1]), int(m[2]), int(m[3]))
        return ParsedDate(value, "regex" if value else "rejected:invalid")
    m = CN_DATE.search(s)
    if m:
        year_digits = [CN_DIGIT.get(c) for c in m[1]]
        month, day = cn_number(m[2]), cn_number(m[3])
        if None in year_digits or month is None or day is None:
            return ParsedDate(None, "rejected:invalid")
        year = int("".join(map(str, year_digits)))
        value = _make(year, month, day)
        return ParsedDate(value, "chinese" if value else "rejected:invalid")
    m = COMPACT_DATE.search(s)
    if m:
        value = _make(int(m[1]), int(m[2]), int(m[3]))
        return ParsedDate(value, "compact" if value else "rejected:invalid")
    if PARTIAL.search(s) or YEAR_ONLY.fullmatch(s) or YEAR_MONTH_COMPACT.search(s):
        return ParsedDate(None, "rejected:partial")
    if AMBIGUOUS.search(s):
        return ParsedDate(None, "rejected:ambiguous")
    if not re.search(r"\d|[〇○零一二三四五六七八九十]", s) and not re.search(r"[A-Za-z]{3}", s):
        return ParsedDate(None, "rejected:no-date")
    return _fallback(s, relative_base)


def _fallback(s: str, relative_base: dt.datetime | None) -> ParsedDate:
    import cn2an

    FallbackCounter.calls += 1
    stripped = LABEL.sub("", s).strip()
    # cn2an and dateparser warn on stderr about what they cannot read (不符合格式的数据：十四五);
    # that is data here, counted below with its raw text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            stripped = cn2an.transform(stripped, "cn2an")
        except (ValueError, KeyError, IndexError):
            pass
        parsed = _dateparser(stripped, relative_base)
    if parsed is None:
        FallbackCounter.unread(s)
        return ParsedDate(None, "rejected:unparsed")
    value = _make(parsed.year, parsed.month, parsed.day)
    return ParsedDate(value, "fallback" if value else "rejected:invalid")


def _dateparser(text: str, relative_base: dt.datetime | None):
    import dateparser

    settings = {
        "DATE_ORDER": "YMD",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if relative_base:
        settings["RELATIVE_BASE"] = relative_base
    return dateparser.parse(text, languages=["zh", "en"], settings=settings)
