"""Terminal text: columns padded by display width (a CJK character takes two cells), and crawled
text made safe to print (no control characters, so no escape sequence reaches the terminal)."""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def safe_text(text: object) -> str:
    """Crawled text for a terminal: control characters (ESC …) and bidi overrides shown as '?'."""
    return CONTROL.sub("?", "" if text is None else str(text))


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: object, cells: int, align: str = "<") -> str:
    """`text` padded with spaces to `cells` display cells (left `<` or right `>` aligned)."""
    text = safe_text(text)
    space = " " * max(0, cells - width(text))
    return text + space if align == "<" else space + text


def table(header: list[tuple[str, int, str]], rows: list[list[object]]) -> list[str]:
    """Lines of a table: header is [(title, cells, align)], each row one value per column."""
    lines = [" ".join(pad(t, w, a) for t, w, a in header).rstrip()]
    for row in rows:
        lines.append(
            " ".join(pad(v, w, a) for v, (_, w, a) in zip(row, header, strict=True)).rstrip()
        )
    return lines
