"""Reads a download of the 全国政府网站基本信息数据库 (xls, xlsx or csv) into rows.

Each download heads its columns a little differently (words.toml `[headers]`); the header row is
the first of the file's first rows that names both 首页网址 and 主办单位. Every other row is a
website; a row that cannot be one (no 首页网址, a 网址 that is no URL, no 主办单位) is refused
with its line number and the reason, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

WORDS = Path(__file__).with_name("words.toml")
HEADER_SEARCH_ROWS = 10
REQUIRED = ("homepage", "organizer")


class RegisterError(ValueError):
    """A file that is no register download at all (no header row, unreadable)."""


@cache
def words() -> dict:
    return tomllib.loads(WORDS.read_text(encoding="utf-8"))


@dataclass
class RegisterRow:
    source: str  # the file's name
    line: int  # the row's line in the file (1 = the first line)
    values: dict[str, str]  # our field → the cell's text
    problems: list[str] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def where(self) -> str:
        return f"{self.source} line {self.line}"


def _cells(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RegisterError(f"{path}: neither UTF-8 nor GB18030 text")
        return [list(r) for r in csv.reader(io.StringIO(text))]
    if suffix == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise RegisterError(f"{path}: not a readable .xlsx workbook ({exc})") from None
        sheet = book.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return rows
    if suffix == ".xls":
        import xlrd

        try:
            book = xlrd.open_workbook(str(path))
        except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds for a bad file
            raise RegisterError(f"{path}: not a readable .xls workbook ({exc})") from None
        sheet = book.sheet_by_index(0)
        return [[_xls_text(v) for v in sheet.row_values(i)] for i in range(sheet.nrows)]
    raise RegisterError(
        f"{path}: a register download is .xls, .xlsx or .csv, not {suffix or 'no suffix'}"
    )


def _xls_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 政府网站标识码 stored as a number
    return "" if value is None else str(value)


def _header_map(row: list[str]) -> dict[int, str]:
    synonyms = {h.strip(): name for name, hs in words()["headers"].items() for h in hs}
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        name = synonyms.get(str(cell).strip().replace(" ", ""))
        if name and name not in found.values():
            found[i] = name
    return found


def read_register(path: str | Path) -> list[RegisterRow]:
    """Every website row of the file, each with the problems that refuse it (none: usable)."""
    path = Path(path)
    if not path.exists():
        raise RegisterError(f"{path}: no such file")
    cells = _cells(path)
    header_at = next(
        (
            i
            for i, row in enumerate(cells[:HEADER_SEARCH_ROWS])
            if all(name in _header_map(row).values() for name in REQUIRED)
        ),
        None,
    )
    if header_at is None:
        heads = " / ".join(words()["headers"]["homepage"][:1] + words()["headers"]["organizer"][:1])
        raise RegisterError(
            f"{path}: no header row naming {heads} in its first {HEADER_SEARCH_ROWS} rows; "
            "is this a 全国政府网站基本信息数据库 download?"
        )
    columns = _header_map(cells[header_at])
    rows = []
    for line, cells_of_row in enumerate(cells[header_at + 1 :], start=header_at + 2):
        if not any(str(c).strip() for c in cells_of_row):
            continue
        values = {
            name: " ".join(str(cells_of_row[i]).split()) if i < len(cells_of_row) else ""
            for i, name in columns.items()
        }
        rows.append(RegisterRow(path.name, line, values, _problems(values)))
    return rows


def homepage_url(text: str) -> str | None:
    """The 首页网址 as an http(s) URL (`www.x.gov.cn` gets http://), None if it is none."""
    text = text.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host or " " in text:
        return None
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path or '/'}" + (
        f"?{parts.query}" if parts.query else ""
    )


def _problems(values: dict[str, str]) -> list[str]:
    problems = []
    if not values.get("homepage"):
        problems.append("首页网址 is empty")
    elif homepage_url(values["homepage"]) is None:
        problems.append(f"首页网址 {values['homepage'][:80]!r} is not a web address")
    if not values.get("organizer"):
        problems.append("主办单位 is empty")
    return problems


def is_health_commission(organizer: str) -> bool:
    """A 主办单位 that names a health commission (words.toml [health])."""
    health = words()["health"]
    return any(w in organizer for w in health["organizer"]) and not any(
        w in organizer for w in health["not_organizer"]
    )


def is_portal(row: RegisterRow) -> bool:
    """A division's portal: its 网站类型 says 门户, or its 主办单位 is the 人民政府."""
    portal = words()["portal"]
    kind = row.get("kind")
    if kind:
        return any(k in kind for k in portal["kind"])
    return row.get("organizer").endswith(tuple(portal["organizer_ends"]))
