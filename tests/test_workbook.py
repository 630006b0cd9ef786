"""The workbook keeps within Excel's limit of hyperlinks a sheet: past it, URLs are text."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from reports import workbook


def test_urls_past_excels_link_limit_stay_text(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(workbook, "EXCEL_LINKS_PER_SHEET", 3)
    book = Workbook(write_only=True)
    sheet = workbook.Sheet(book, "问题清单", ("页面", "相关页面"), (60, 60), rows=2)
    sheet.append(["http://a.gov.cn/1.html", "http://a.gov.cn/2.html"], links=(0, 1))
    sheet.append(["http://a.gov.cn/3.html", "http://a.gov.cn/4.html"], links=(0, 1))
    sheet.finish()
    book.save(tmp_path / "e.xlsx")
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
