"""The workbook keeps within Excel's limit of hyperlinks a sheet: past it, URLs are text."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from reports import xlsx


def test_urls_past_excels_link_limit_stay_text(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(xlsx, "EXCEL_LINKS_PER_SHEET", 3)
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    sheet = book.add_sheet("问题清单", (60, 60), ("页面", "相关页面"))
    sheet.append(["http://a.gov.cn/1.html", "http://a.gov.cn/2.html"], links=(0, 1))
    sheet.append(["http://a.gov.cn/3.html", "http://a.gov.cn/4.html"], links=(0, 1))
    book.close()
    saved = load_workbook(tmp_path / "e.xlsx")["问题清单"]
    cells = [saved.cell(row, col) for row in (2, 3) for col in (1, 2)]
    assert [c.value for c in cells] == [f"http://a.gov.cn/{n}.html" for n in (1, 2, 3, 4)]
    assert [c.hyperlink.target if c.hyperlink else None for c in cells] == [
        "http://a.gov.cn/1.html",
        "http://a.gov.cn/2.html",
        "http://a.gov.cn/3.html",
        None,
    ]
    assert "1 URLs past Excel's 3 links a sheet are plain text" in capsys.readouterr().err
    assert saved.freeze_panes == "A2" and saved.auto_filter.ref == "A1:B3"


@pytest.mark.parametrize(
    ("value", "read_back", "linked"),
    [
        ('=HYPERLINK("http://evil")', '=HYPERLINK("http://evil")', False),
        ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", False),
        ("+86 0851", "+86 0851", False),
        ("-1", "-1", False),
        ("0012", "0012", False),  # an 索引号's digits stay text, zeros kept
        ("external:c:\\x.xlsx", "external:c:\\x.xlsx", False),  # a file link XlsxWriter would make
        ("https://a.gov.cn/" + "x" * 2100, "https://a.gov.cn/" + "x" * 2100, False),  # past 2,079
        ("https://a.gov.cn/1.html", "https://a.gov.cn/1.html", True),
        (3, 3, False),
        (0.25, 0.25, False),
        (dt.date(2026, 11, 20), dt.datetime(2026, 11, 20), False),
        (None, None, False),
    ],
)
def test_a_value_is_read_back_as_written(tmp_path, value, read_back, linked):
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    sheet = book.add_sheet("问题清单", (60,), ("页面",))
    sheet.append([value], links=(0,))
    book.close()
    cell = load_workbook(tmp_path / "e.xlsx")["问题清单"].cell(2, 1)
    assert cell.value == read_back
    assert cell.data_type != "f"
    assert bool(cell.hyperlink) is linked


@pytest.mark.parametrize(
    ("written", "read_back"),
    [
        ("标题\x0b含控制符\x00", "标题\ufffd含控制符\ufffd"),  # XML 1.0 cannot carry them
        ("<b>&amp;</b>", "<b>&amp;</b>"),
        ("  两端空格  ", "  两端空格  "),
        ("x" * 40_000, "x" * 32_766 + "…"),  # Excel's 32,767 characters a cell
    ],
)
def test_text_excel_cannot_hold_as_is_is_kept_readable(tmp_path, written, read_back):
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    book.add_sheet("问题清单", (60,), ("说明",)).append([written])
    book.close()
    assert load_workbook(tmp_path / "e.xlsx")["问题清单"].cell(2, 1).value == read_back


def test_a_literal_excel_escape_keeps_its_underscore_escaped(tmp_path):
    """Excel shows `_x0041_` in a cell as `A`; written as `_x005F_x0041_` it shows as written."""
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    book.add_sheet("问题清单", (60,), ("页面",)).append(["http://a.gov.cn/_x0041_.html"])
    book.close()
    with zipfile.ZipFile(tmp_path / "e.xlsx") as z:
        assert "http://a.gov.cn/_x005F_x0041_.html" in z.read("xl/worksheets/sheet1.xml").decode()


def test_a_write_that_fails_leaves_no_workbook_and_the_old_one_unchanged(tmp_path):
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"last week's workbook")
    book = xlsx.Workbook(path)
    book.add_sheet("问题清单", (60,), ("页面",)).append(["http://a.gov.cn/1.html"])
    book.abandon()
    assert path.read_bytes() == b"last week's workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["e.xlsx"]


def test_a_column_offers_its_choices(tmp_path):
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    sheet = book.add_sheet("待复核配对", (10, 8), ("网站代码", "复核"))
    sheet.offer(1, ("确认", "否决", "改配"))
    sheet.append(["jiangan", None])
    book.close()
    saved = load_workbook(tmp_path / "e.xlsx")["待复核配对"]
    (rule,) = saved.data_validations.dataValidation
    assert rule.type == "list" and rule.formula1 == '"确认,否决,改配"'
    assert str(rule.sqref) == "B2"  # the one row below the header


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("问题清单", "is taken"),
        ("问题清单/续", "holds one of"),
        ("x" * 32, "is over 31 characters"),
        ("", "is empty"),
    ],
)
def test_a_sheet_name_excel_would_refuse_is_refused_when_the_sheet_is_added(tmp_path, title, why):
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    book.add_sheet("问题清单", (60,), ("页面",))
    with pytest.raises(ValueError, match=why):
        book.add_sheet(title, (60,))
    book.abandon()


def test_a_row_wider_than_its_widths_keeps_every_value(tmp_path):
    book = xlsx.Workbook(tmp_path / "e.xlsx")
    book.add_sheet("指标", (10,), ("网站代码",)).append(["jiangan", 1, "多出的一列"])
    book.close()
    saved = load_workbook(tmp_path / "e.xlsx")["指标"]
    assert [c.value for c in saved[2]] == ["jiangan", 1, "多出的一列"]
