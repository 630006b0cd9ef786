"""Terminal output: columns line up with Chinese text in them; crawled text is made safe."""

from __future__ import annotations

import pytest

from reports.text_table import pad, safe_text, table, width


@pytest.mark.parametrize(
    "text, cells",
    [
        ("site", 4),
        ("政策", 4),
        ("发布日期 coverage", 17),
        ("黔溪州卫生健康局", 16),
        ("", 0),
        ("ａ", 2),
    ],
)
def test_width_counts_display_cells(text, cells):
    assert width(text) == cells


def test_columns_line_up_whatever_the_script():
    header = [("site", 8, "<"), ("政策", 6, ">"), ("name", 0, "<")]
    lines = table(header, [["jiangan", 40, "江安省卫生健康委员会"], ["黔溪", 7, "x"]])
    # the right edge of the 政策 column is at the same display cell on every line
    edges = [
        width(line[: line.index(v) + len(v)])
        for line, v in zip(lines, ["政策", "40", "7"], strict=True)
    ]
    assert edges == [15, 15, 15]


def test_pad():
    assert pad("解读", 6) == "解读  " and pad("解读", 6, ">") == "  解读"


def test_control_characters_become_question_marks():
    assert safe_text("a\x1b[31mb\x07c\x9bd\u202ee") == "a?[31mb?c?d?e"
    assert safe_text(None) == ""


def test_the_progress_line_fits_80_columns():
    from crawlers.progress import WIDTH, Progress

    class Crawler:
        pass

    progress = Progress(Crawler(), 2.0)
    progress.responses, progress.sites = 1234567, 3000
    progress.items.update({"document": 9876543, "column": 123456})
    progress.docs_by_site.update({f"site{i}": 1 for i in range(3000)})
    assert len(progress.line()) <= WIDTH < 80
