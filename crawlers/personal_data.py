"""Personal data in published pages: 身份证号 (checksum and birth date verified), mobile numbers
and bank card numbers (Luhn-valid, beside a word that names a card or an account).

A page is masked before anything else reads it: the WARC record is written masked
(crawlers/evidence.py), extraction reads the masked text (crawlers/extract/detail.py), so no full
number reaches the database, a log, the scorecard, the workbook or an archived copy. Only text
between tags is masked: a number inside a link's address stays, so the link still leads where it
led. What was found is kept as `Exposure`s (kind, masked number, masked words around it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    r"(?![0-9A-Za-z])",
    re.ASCII,
)
MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])", re.ASCII)
CARD = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{4}[ -]?){3}\d{4}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])", re.ASCII
)
# a page writes numbers in ASCII or full-width (０-９) digits: the patterns read a copy with the
# full-width ones made ASCII, character for character, so a match's place is the same in the
# page (NFKC, the project's fold elsewhere, can change a text's length). `may_hold_number` looks
# for exactly these digits before a page is searched
AS_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
# a card number counts only after one of these words, within CARD_CONTEXT characters
CARD_WORDS = ("银行卡", "卡号", "账号", "帐号", "开户", "银行账户", "借记卡", "信用卡")
CARD_CONTEXT = 16
TAG = re.compile(r"(<[^>]*>)")
KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}


@dataclass(frozen=True)
class Exposure:
    kind: str  # id_card / mobile / bank_card
    masked: str  # 110101********1234
    context: str  # the words around it, the number masked

    def to_dict(self) -> dict:
        return {"kind": self.kind, "masked": self.masked, "context": self.context}


def id_number_valid(number: str) -> bool:
    """An 18-character 身份证号 whose check character is right (GB 11643-1999)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def mask(kind: str, number: str) -> str:
    digits = number.replace(" ", "").replace("-", "")
    if kind == "id_card":
        return digits[:6] + "*" * 8 + digits[-4:]
    if kind == "mobile":
        return digits[:3] + "****" + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def _found(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every personal number in a text, none overlapping."""
    text = text.translate(AS_ASCII)
    spans: list[tuple[int, int, str]] = []
    for m in ID_NUMBER.finditer(text):
        if id_number_valid(m[0]):
            spans.append((m.start(), m.end(), "id_card"))
    for m in CARD.finditer(text):
        digits = re.sub(r"[ -]", "", m[0])
        before = text[max(0, m.start() - CARD_CONTEXT) : m.start()]
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and any(w in before for w in CARD_WORDS):
            spans.append((m.start(), m.end(), "bank_card"))
    for m in MOBILE.finditer(text):
        spans.append((m.start(), m.end(), "mobile"))
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def mask_text(text: str) -> tuple[str, list[Exposure]]:
    """The text with every personal number masked, and what was found (context masked too)."""
    spans = _found(text)
    if not spans:
        return text, []
    out, last = [], 0
    for start, end, kind in spans:
        out += [text[last:start], mask(kind, text[start:end])]
        last = end
    out.append(text[last:])
    masked = "".join(out)
    exposures, shift = [], 0
    for start, end, kind in spans:
        shown = mask(kind, text[start:end])
        at = start + shift
        context = masked[max(0, at - 12) : at + len(shown) + 6]
        exposures.append(Exposure(kind, shown, " ".join(context.split())))
        shift += len(shown) - (end - start)
    return masked, exposures


def mask_html(html: str) -> tuple[str, list[Exposure]]:
    """A page with the numbers in its text masked (never inside a tag: addresses stay)."""
    # most pages: a quick test on the bytes, or three scans; no split (a number in an address
    # alone passes here and is left below)
    if not may_hold_number(html.encode("utf-8", "surrogatepass")) or not _found(html):
        return html, []
    parts = TAG.split(html)
    found: list[Exposure] = []
    for i in range(0, len(parts), 2):  # even parts are text, odd ones tags
        if sum(c.isdigit() for c in parts[i]) >= 11:
            parts[i], exposures = mask_text(parts[i])
            found += exposures
    return "".join(parts), found


# What a body's bytes must hold for the text to hold a personal number: eleven ASCII digits in a
# row (a mobile, a 身份证号, a card written solid) or a card's four groups with separators between
# some of them (every other way of writing a card holds one of these), or a full-width digit
# (UTF-8 or GBK/GB18030: the patterns read ０-９ as digits too). The bytes are mapped to digit /
# separator / other in one pass (bytes.translate) and the shapes searched as substrings: a regex
# testing for the same runs took 54 µs a page (0.30 s of the sample crawl's 5,668 responses on
# the crawl's one thread), this about 3 µs.
_DIGIT_SHAPE = bytes(
    ord("0") if 48 <= i <= 57 else ord(" ") if i in (32, 45) else ord("x") for i in range(256)
)
_NUMBER_SHAPES = (b"0" * 11, b"0000 0000 0000", b"00000000 00000000", b"0000 00000000 0000")
_FULLWIDTH_DIGIT = (re.compile(rb"\xef\xbc[\x90-\x99]"), re.compile(rb"\xa3[\xb0-\xb9]"))


def may_hold_number(body: bytes) -> bool:
    """False only when no decoding of `body` (UTF-8, GBK, GB18030) can hold a personal number:
    a quick test before a page is decoded and searched."""
    shape = body.translate(_DIGIT_SHAPE)
    return any(s in shape for s in _NUMBER_SHAPES) or any(p.search(body) for p in _FULLWIDTH_DIGIT)


def mask_body(body: bytes, charsets: tuple[str | None, ...]) -> tuple[bytes, list[Exposure]]:
    """A response body masked the same way, in the first of `charsets` that decodes it (decoded
    once); unchanged when none does or it holds no personal number (most pages: a quick test
    for a run of digits first, on the bytes)."""
    if not may_hold_number(body):
        return body, []
    for charset in dict.fromkeys(c for c in charsets if c):
        try:
            html = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
        masked, found = mask_html(html)
        if not found:
            return body, []
        try:
            return masked.encode(charset), found
        except UnicodeEncodeError:
            return body, []
    return body, []
