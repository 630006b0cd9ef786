"""A streaming .xlsx writer for the evidence workbook: rows go to the zip as they are written.

Why not a library: at 3,000 sites the workbook holds 1.1 million findings (8.6 million cells).
openpyxl's write-only mode wrote them in 94 s, XlsxWriter's constant-memory mode in 59 s (its
per-cell checks), this module in 15 to 20 s (two measures on bench/report.py's audit; the whole
scorecard has 60 s).
It writes only what the workbook uses, after ECMA-376 Part 1 (SpreadsheetML):

- every string an inline string (`t="inlineStr"`): never a formula, a number or a date, whatever
  it starts with (`=cmd|…`, `+`, `-`, `@`, leading zeros of an 索引号 kept);
- numbers, and dates as day numbers in a `yyyy-mm-dd` style;
- external hyperlinks (http and https only) in the Hyperlink cell style;
- the header row frozen, a filter over the rows (with Excel's `_xlnm._FilterDatabase` name),
  column widths, and list validations (a column offering its choices).

Text is escaped for XML; characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF) become
U+FFFD, and a literal `_xHHHH_` keeps its underscore escaped (`_x005F_`) so that Excel does not
read it as an escaped character. A cell holds at most 32,767 characters (Excel's limit): longer
text is cut, ending in `…`. The file is written beside its path and moved into place when closed:
an interrupted write leaves no half workbook under the name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import zipfile
from html import escape
from numbers import Number
from pathlib import Path

from crawlers.files import Replacement

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CELL_TEXT_LIMIT = 32_767
LINKED_SCHEMES = ("http://", "https://")  # never file:, javascript: or a sheet reference
# Excel repairs a file with more links a sheet, or a longer link: past these a URL stays text
EXCEL_LINKS_PER_SHEET = 65_530
EXCEL_LINK_LENGTH = 2_079
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_STYLE, LINK_STYLE = 1, 2  # cellXfs positions in STYLES
STYLES = f"""{XML_HEAD}<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="1"/></cellXfs>
<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="Hyperlink" xfId="1" builtinId="8"/></cellStyles>
</styleSheet>"""
# what XML 1.0 cannot carry, and what Excel would read as an escaped character
_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_UNSAFE = re.compile(f"{_FORBIDDEN}|_x[0-9A-Fa-f]{{4}}_")
_CONTROL = re.compile(_FORBIDDEN)
_ROWS_PER_CHUNK = 2_000


def _unsafe(match: re.Match) -> str:
    text = match.group()
    return "_x005F" + text if text.startswith("_x") else "\ufffd"


def xml_text(value: str) -> str:
    """A string as XML character data Excel shows as written (see the module's note)."""
    if len(value) > CELL_TEXT_LIMIT:
        value = value[: CELL_TEXT_LIMIT - 1] + "…"
    if _UNSAFE.search(value):
        value = _UNSAFE.sub(_unsafe, value)
    return escape(value, quote=False)


def _inline(value: str) -> str:
    return f'<is><t xml:space="preserve">{xml_text(value)}</t></is>'


def xml_attribute(value: str) -> str:
    """A string as an XML attribute's value (a link's target: no Excel escapes there)."""
    return escape(_CONTROL.sub("\ufffd", value), quote=True)


_SHEET_NAME_FORBIDDEN = re.compile(r"[\\[\]:*?/]")
SHEET_NAME_LIMIT = 31  # Excel's


def sheet_title(title: str, taken: list[str]) -> str:
    """`title` if Excel takes it as a sheet's name (at most 31 characters, none of \\ / ? * [ ] :,
    not empty, not starting or ending with ', unique ignoring case); a ValueError otherwise."""
    problem = (
        (not title and "is empty")
        or (len(title) > SHEET_NAME_LIMIT and f"is over {SHEET_NAME_LIMIT} characters")
        or (_SHEET_NAME_FORBIDDEN.search(title) and "holds one of \\ / ? * [ ] :")
        or ((title[0] == "'" or title[-1] == "'") and "starts or ends with '")
        or (title.casefold() in (t.casefold() for t in taken) and "is taken")
    )
    if problem:
        raise ValueError(f"sheet name {title!r} {problem}")
    return title


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SheetWriter:
    """One sheet, streamed: `append` rows in order, then `close` (the Workbook does). Links are
    kept within Excel's limits: past them a URL stays text, said once on stderr."""

    def __init__(
        self,
        book: Workbook,
        title: str,
        widths: tuple[int, ...],
        *,
        selected: bool,
    ):
        self.book = book
        self.title = title
        self.number = len(book.sheets) + 1
        self.rows = 0
        self.links: list[tuple[str, str]] = []  # (cell, url)
        self.unlinked = 0  # URLs past Excel's links a sheet
        self.validations: list[tuple[int, tuple[str, ...]]] = []
        self._letters = [column_letter(i) for i in range(max(len(widths), 1))]
        self._chunk: list[str] = []
        self._file = book.zip.open(f"xl/worksheets/sheet{self.number}.xml", "w", force_zip64=True)
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, 1)
        )
        tab = ' tabSelected="1"' if selected else ""
        self._write(
            f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
            f'<sheetViews><sheetView{tab} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
            "<sheetData>"
        )

    def _write(self, text: str) -> None:
        self._file.write(text.encode("utf-8"))

    def append(self, values, links: tuple[int, ...] = ()) -> None:
        """One row: strings as text, numbers, dates; the `links` positions (0-based) linked
        when they hold an http(s) URL within Excel's limits."""
        self.rows += 1
        number = str(self.rows)
        while len(self._letters) < len(values):
            self._letters.append(column_letter(len(self._letters)))
        cells = [f'<row r="{number}">']
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = self._letters[col] + number
            kind = type(value)
            if kind is str:
                style = ""
                if links and col in links and self._linkable(value):
                    self.links.append((ref, value))
                    style = f' s="{LINK_STYLE}"'
                cells.append(f'<c r="{ref}"{style} t="inlineStr">{_inline(value)}</c>')
            elif kind is int or (kind is not bool and isinstance(value, Number)):
                if isinstance(value, float) and not math.isfinite(value):
                    cells.append(f'<c r="{ref}" t="inlineStr">{_inline(str(value))}</c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif isinstance(value, dt.date):
                day = value.date() if isinstance(value, dt.datetime) else value
                cells.append(f'<c r="{ref}" s="{DATE_STYLE}"><v>{(day - EXCEL_EPOCH).days}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr">{_inline(str(value))}</c>')
        cells.append("</row>")
        self._chunk.append("".join(cells))
        if len(self._chunk) >= _ROWS_PER_CHUNK:
            self._write("".join(self._chunk))
            self._chunk.clear()

    def _linkable(self, url: str) -> bool:
        if not url.startswith(LINKED_SCHEMES) or len(url) > EXCEL_LINK_LENGTH:
            return False  # no link to what is not a web page: it stays text
        if len(self.links) >= EXCEL_LINKS_PER_SHEET:
            self.unlinked += 1
            return False
        return True

    def offer(self, column: int, choices: tuple[str, ...]) -> None:
        """Column `column` (0-based) offers `choices` in a list below its header."""
        self.validations.append((column, choices))

    @property
    def filter_range(self) -> str:
        return f"$A$1:${self._letters[-1]}${max(self.rows, 2)}"

    def close(self) -> None:
        self._write("".join(self._chunk) + "</sheetData>")
        self._chunk.clear()
        self._write(f'<autoFilter ref="{self.filter_range.replace("$", "")}"/>')
        if self.validations:
            last = max(self.rows, 2)
            self._write(
                f'<dataValidations count="{len(self.validations)}">'
                + "".join(
                    f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
                    f'sqref="{self._letters[c]}2:{self._letters[c]}{last}"><formula1>'
                    f"{escape(chr(34) + ','.join(choices) + chr(34), quote=False)}"
                    "</formula1></dataValidation>"
                    for c, choices in self.validations
                )
                + "</dataValidations>"
            )
        if self.links:
            self._write(
                "<hyperlinks>"
                + "".join(
                    f'<hyperlink ref="{ref}" r:id="rId{n}"/>'
                    for n, (ref, _) in enumerate(self.links, 1)
                )
                + "</hyperlinks>"
            )
        self._write("</worksheet>")
        self._file.close()
        if self.unlinked:
            print(
                f"workbook: sheet {self.title}: {self.unlinked:,} URLs past Excel's "
                f"{EXCEL_LINKS_PER_SHEET:,} links a sheet are plain text",
                file=sys.stderr,
            )
        if self.links:
            self.book.zip.writestr(
                f"xl/worksheets/_rels/sheet{self.number}.xml.rels",
                f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}">'
                + "".join(
                    f'<Relationship Id="rId{n}" Type="{RELS}/hyperlink" '
                    f'Target="{xml_attribute(url)}" TargetMode="External"/>'
                    for n, (_, url) in enumerate(self.links, 1)
                )
                + "</Relationships>",
            )


class Workbook:
    """An .xlsx file written sheet after sheet; `close` finishes it and moves it into place."""

    def __init__(self, path: Path, compresslevel: int = 6):
        self.path = Path(path)
        self.replacement = Replacement(self.path)
        self.zip = zipfile.ZipFile(
            self.replacement.part, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel
        )
        self.sheets: list[SheetWriter] = []
        self.current: SheetWriter | None = None

    def add_sheet(
        self, title: str, widths: tuple[int, ...], headers: tuple[str, ...] = ()
    ) -> SheetWriter:
        """A new sheet, its `headers` the first row; the one before it is finished (rows can no
        longer be added to it). A name Excel would refuse is refused here (sheet_title)."""
        sheet_title(title, [s.title for s in self.sheets])
        if self.current:
            self.current.close()
        self.current = SheetWriter(self, title, widths, selected=not self.sheets)
        self.sheets.append(self.current)
        if headers:
            self.current.append(headers)
        return self.current

    def close(self) -> Path:
        if self.current:
            self.current.close()
            self.current = None
        if not self.sheets:  # a workbook needs a sheet
            self.add_sheet("Sheet1", ()).close()
            self.current = None
        sheets = "".join(
            f'<sheet name="{escape(s.title)}" sheetId="{s.number}" r:id="rId{s.number}"/>'
            for s in self.sheets
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{s.number - 1}" hidden="1">'
            f"{escape(chr(39) + s.title.replace(chr(39), chr(39) * 2) + chr(39))}!{s.filter_range}"
            "</definedName>"
            for s in self.sheets
        )
        self.zip.writestr(
            "xl/workbook.xml",
            f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>",
        )
        styles = len(self.sheets) + 1
        self.zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}">'
            + "".join(
                f'<Relationship Id="rId{s.number}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{s.number}.xml"/>'
                for s in self.sheets
            )
            + f'<Relationship Id="rId{styles}" Type="{RELS}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        self.zip.writestr("xl/styles.xml", STYLES)
        self.zip.writestr(
            "_rels/.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        self.zip.writestr(
            "[Content_Types].xml",
            f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheet_type}.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{s.number}.xml" '
                f'ContentType="{sheet_type}.worksheet+xml"/>'
                for s in self.sheets
            )
            + "</Types>",
        )
        self.zip.close()
        return self.replacement.commit()

    def abandon(self) -> None:
        """Close and remove the half-written file (after an error)."""
        if self.current:
            self.current._file.close()
            self.current = None
        self.zip.close()
        self.replacement.abandon()
