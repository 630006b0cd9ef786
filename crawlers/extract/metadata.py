"""Reads the 信息公开 metadata block: every `label → value` pair, whatever the block's shape.

Real sites lay the block out in many ways (../shared/LAYOUTS.md §1): label and value in separate
cells; label and value in one cell (label in `<b>`/`<span>`/`<strong>`/`<i>`, value as the text
after it); several pairs a row; `ul/li/span`, `dl/dt/dd`, `div` rows; labels padded with spaces,
NBSP or U+3000; `:`/`：`/no colon; empty values and placeholders (`无`, `-`, `/`). One reader
serves them all:

1. The page's visible text is a sequence of text pieces, each owned by an element.
2. A piece is split wherever a known label starts (`发布时间：… 来源：…` holds two pairs).
3. A label's value is the text that follows it *inside the same cell* (the nearest `td`, `th`,
   `li`, `dd`, `dt`, `p` or `div` around the label) up to the next label; when the cell holds
   nothing more, the value is the text of the *next cell* (its next sibling element), unless that
   cell starts with a label — then the value is empty. A value is never another label's text.

Which words are labels is data (`crawlers.extract.labels`); this module is only the mechanism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawlers.extract.labels import (
    BODY_FIELDS,
    LABEL_TO_FIELD,
    PLACEHOLDERS,
    STOP_LABELS,
    label_key,
)

CELL_TAGS = frozenset({"td", "th", "li", "dd", "dt", "p", "div", "tr", "section"})
# cells of a structured block: a label in one of these counts even inside the article body
TABLE_CELLS = frozenset({"td", "th", "li", "dd", "dt"})
NEXT_CELL_TAGS = frozenset({"td", "th", "dt", "dd", "div", "li", "span", "p"})
MAX_VALUE_CHARS = 200
MAX_PIECE_CHARS = 400  # longer pieces are prose, not a metadata block
_PAD = r"[\s\u3000\xa0]*"
# a value's edges: spaces, colons and a bracketed label's brackets (`[ 发布日期 ] 2023-09-22 [`)
_EDGE = re.compile(r"^[\s\u3000\xa0:：\]】]+|[\s\u3000\xa0:：\[【]+$")


@dataclass(frozen=True)
class LabelledValue:
    """One pair read from the page: the field it fills, the label as written and the value
    (`""` when the page shows the label with no value or a placeholder)."""

    field: str
    label: str  # the label without padding or colon, e.g. 索引号
    value: str
    raw: str  # the value as shown, placeholders included (`无`)
    inline: bool  # label and value in one text piece (`索引号：X`)
    cell: str  # the tag of the cell holding the label (td, li, div …), "" if none


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    """Every known label, padding allowed between its characters, longest first; a label counts
    where it starts a piece or follows a space, punctuation or an opening bracket, and is
    followed by a colon, a closing bracket (重庆's `[ 发布日期 ] 2023-09-22`) or stands alone."""
    labels = sorted({*LABEL_TO_FIELD, *STOP_LABELS}, key=len, reverse=True)
    alternatives = "|".join(_PAD.join(map(re.escape, label)) for label in labels)
    return re.compile(
        rf"(?:^|(?<=[\s\u3000\xa0|｜,，;；\[【]))(?P<label>{alternatives}){_PAD}(?:[:：]+|[\]】]|$)"
    )


def _split(piece: str) -> list[tuple[str | None, str]]:
    """A text piece as (label key or None, the text that follows it) runs."""
    matches = list(_label_pattern().finditer(piece))
    if not matches:
        return [(None, piece)]
    runs: list[tuple[str | None, str]] = []
    if matches[0].start() > 0:
        runs.append((None, piece[: matches[0].start()]))
    for m, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(piece)
        runs.append((label_key(m["label"]), piece[m.end() : end]))
    return runs


def _cell(el):
    while el is not None and el.tag not in CELL_TAGS:
        el = el.getparent()
    return el


def inside(el, container) -> bool:
    """Whether `el` is `container` or lies within it (False for no container)."""
    if container is None:
        return False
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


def _next_element(el):
    following = el.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following


def _text(el) -> str:
    return "".join(el.itertext())


def _clean(text: str) -> str:
    return " ".join(_EDGE.sub("", text).split())


def read_labelled_values(
    pieces: list[tuple[str, object]], skip: set[int] | frozenset[int] = frozenset()
) -> list[LabelledValue]:
    """Every `label → value` pair in `pieces` (visible text pieces with their owning element,
    in document order). Labels that name no field (来源, 浏览次数 …) only end the value before them.
    A label whose element is in `skip` (ids: the article body) counts only in a table-like cell,
    unless its field is one of BODY_FIELDS (a letter's 来信时间 in a paragraph)."""
    # tokens: (label or None, text, owning element, number of the text piece it came from)
    tokens: list[tuple[str | None, str, object, int]] = []
    for n, (text, el) in enumerate(pieces):
        if len(text) > MAX_PIECE_CHARS:
            tokens.append((None, text, el, n))
            continue
        for label, rest in _split(text):
            if label is not None:
                tokens.append((label, "", el, n))
            if rest.strip():
                tokens.append((None, rest, el, n))
    found: list[LabelledValue] = []
    for i, (label, _, el, _) in enumerate(tokens):
        if label is None or label not in LABEL_TO_FIELD:
            continue
        cell = _cell(el)
        cell_tag = cell.tag if cell is not None else ""
        in_body_prose = id(el) in skip and cell_tag not in TABLE_CELLS
        if in_body_prose and LABEL_TO_FIELD[label] not in BODY_FIELDS:
            continue
        raw, inline = _value_after(tokens, i, el, cell)
        if len(raw) > MAX_VALUE_CHARS:
            continue
        value = "" if raw in PLACEHOLDERS else raw
        found.append(LabelledValue(LABEL_TO_FIELD[label], label, value, raw, inline, cell_tag))
    return found


def _value_after(tokens, i: int, label_el, cell) -> tuple[str, bool]:
    """The text after label token i in its cell, else the next cell's text; ("", …) if none."""
    parts: list[str] = []
    j = i + 1
    while j < len(tokens):
        label, text, el, _ = tokens[j]
        if label is not None or not (el is label_el or inside(el, cell)):
            break
        parts.append(text)
        j += 1
    if parts:  # inline: the value starts in the label's own text piece (`索引号：X`)
        return _clean(" ".join(parts)), tokens[i + 1][3] == tokens[i][3]
    # nothing more in the label's cell: the next cell, if it is a sibling and holds no label
    if cell is None or j >= len(tokens):
        return "", False
    label = tokens[i][0]
    following = _next_element(cell)
    # <td><div><b>发布机构</b></div></td><td>…: the label's own cell may sit inside another
    while following is None:
        parent = cell.getparent()
        if parent is None or parent.tag not in CELL_TAGS or label_key(_text(parent)) != label:
            break
        cell, following = parent, _next_element(parent)
    if following is None or following.tag not in NEXT_CELL_TAGS:
        return "", False
    while j < len(tokens):
        label, text, el, _ = tokens[j]
        if not inside(el, following):
            break
        if label is not None:
            break
        parts.append(text)
        j += 1
    return _clean(" ".join(parts)), False
