"""Personal data in published pages (issue 26): a 身份证号 is one whose check character is right,
a mobile number and a bank card (Luhn-valid, beside a card word) are found too; every number is
masked before the page is read or archived, so no file the product writes holds one."""

from __future__ import annotations

import gzip
import hashlib
import html
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import pytest

from crawlers.personal_data import (
    id_number_valid,
    mask_body,
    mask_html,
    mask_text,
    may_hold_number,
)

from .conftest import run_zwgk

CASES = [
    # text, kinds found, the text as masked
    ("身份证号：11010519491231002X。", ["id_card"], "身份证号：110105********002X。"),
    ("证件号码110105194912310021", [], "证件号码110105194912310021"),  # wrong check character
    ("联系电话：13812345678", ["mobile"], "联系电话：138****5678"),
    ("电话 0851-83831234，邮编 550001", [], "电话 0851-83831234，邮编 550001"),  # landline, post code
    ("索引号：11520000009441999X/2025-00123", [], "索引号：11520000009441999X/2025-00123"),
    ("退费银行卡号：6222 0202 0000 1234 562", ["bank_card"], "退费银行卡号：6222***********4562"),
    ("项目编号：6222020200001234562", [], "项目编号：6222020200001234562"),  # no card word
    ("文号 20250912123456789012", [], "文号 20250912123456789012"),  # a long run: no number of a kind
]  # fmt: skip


@pytest.mark.parametrize("text, kinds, masked", CASES, ids=[c[0][:12] for c in CASES])
def test_what_is_found_and_how_it_is_masked(text, kinds, masked):
    got, found = mask_text(text)
    assert [f.kind for f in found] == kinds
    assert got == masked


def test_the_check_character():
    assert id_number_valid("11010519491231002X") and id_number_valid("11010519491231002x")
    assert not id_number_valid("110105194912310021")


def test_a_number_inside_a_tag_stays_so_the_link_still_leads_there():
    html = '<a href="/art/13812345678.html">联系 13812345678</a>'
    masked, found = mask_html(html)
    assert masked == '<a href="/art/13812345678.html">联系 138****5678</a>'
    assert [f.masked for f in found] == ["138****5678"]


def test_a_gbk_page_is_masked_in_its_own_encoding():
    body = "<p>身份证号：11010519491231002X</p>".encode("gb18030")
    masked, found = mask_body(body, (None, "utf-8", "gb18030"))  # not UTF-8: the next one
    assert masked.decode("gb18030") == "<p>身份证号：110105********002X</p>"
    assert len(found) == 1


# A body as served, in its encoding; what the archived copy must show. The quick test on the
# bytes must let each of these through: a card's groups split other ways than 4-4-4-4 and
# full-width digits (０-９) were missed by the test it replaced, and archived unmasked; a mobile
# or 身份证号 in full-width digits was missed by the patterns themselves.
BODIES = [
    ("退费银行卡号：6222 02020000 1234562", "utf-8", "退费银行卡号：6222***********4562"),
    ("退费银行卡号：62220202 00001234 562", "utf-8", "退费银行卡号：6222***********4562"),
    ("卡号：６２２２０２０２００００１２３４５６２", "utf-8", "卡号：６２２２***********４５６２"),
    ("卡号：６２２２０２０２００００１２３４５６２", "gb18030", "卡号：６２２２***********４５６２"),
    ("联系电话：13812345678", "gb18030", "联系电话：138****5678"),
    ("联系电话：１３８１２３４５６７８", "utf-8", "联系电话：１３８****５６７８"),
    ("身份证号：１１０１０５１９４９１２３１００２Ｘ", "gb18030", "身份证号：１１０１０５********００２Ｘ"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, charset, archived", BODIES, ids=[f"{c[1]} {c[0][-8:]}" for c in BODIES]
)
def test_every_way_of_writing_a_number_is_masked_in_the_archive(text, charset, archived):
    body = f"<p>{text}</p>".encode(charset)
    assert may_hold_number(body)
    masked, found = mask_body(body, (charset,))
    assert masked.decode(charset) == f"<p>{archived}</p>"
    assert len(found) == 1


@pytest.mark.parametrize(
    "text",
    ["电话 0851-83831234，邮编 550001", "2025-09-12 发布", "黔卫健发〔2025〕12号"],
)
def test_a_page_without_a_long_run_of_digits_is_not_searched(text):
    assert not may_hold_number(f"<p>{text}</p>".encode())


def test_a_gzipped_page_is_archived_decoded_and_masked_and_says_so():
    """Real sites serve gzip (the samples do not): the record keeps the page decoded, masked,
    without its Content-Encoding, and names the served body's sha1."""
    from scrapy.http import Headers

    from crawlers.warc_writer import masked_payload

    page = "<p>联系电话：13812345678</p>".encode()
    served = gzip.compress(page)
    headers = Headers({"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"})
    head, body = masked_payload(200, headers, served)
    assert body.decode() == "<p>联系电话：138****5678</p>"
    assert b"Content-Encoding" not in head
    assert f"served body sha1 {hashlib.sha1(served).hexdigest()}".encode() in head
    plain = gzip.compress(b"<p>no number</p>")
    assert masked_payload(200, headers, plain)[1] == plain  # as served when nothing is masked


def readable_text(path: Path) -> str:
    """What a file holds as text: gzip members and workbook parts opened, a PDF's text."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    elif path.suffix == ".xlsx":  # its XML parts, character references undone
        with zipfile.ZipFile(path) as z:
            xml = b"".join(z.read(name) for name in z.namelist()).decode("utf-8")
        return html.unescape(xml)
    elif path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return data.decode("utf-8", errors="replace") + data.decode("gb18030", errors="replace")


def test_no_file_the_product_writes_holds_a_full_number(crawled_db, truth_indicators, tmp_path):
    """Crawl (WARC, state, logs), score, scorecard with archived copies, workbook, PDF and one
    page's evidence: every file read, every text column of every table queried."""
    numbers = [n for key in truth_indicators.values() for n in key["personal_data"]["numbers"]]
    assert len(numbers) == 2, "the samples plant an ID number and a mobile number"
    source = crawled_db[0].parent
    work = tmp_path / "audit"
    shutil.copytree(source, work)
    db = work / "audit.duckdb"
    assert (
        run_zwgk("score", "--db", str(db), "--as-of", "2026-11-20", "--weeks", "106").returncode
        == 0
    )
    report = run_zwgk(
        "report", "--db", str(db), "--out", str(work / "report"),
        "--xlsx", str(work / "evidence.xlsx"), "--pdf", str(work / "scorecard.pdf"),
    )  # fmt: skip
    assert report.returncode == 0, report.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    [(page,)] = con.execute(
        "select distinct url from findings where indicator = 'personal_data' and status = 'finding'"
    ).fetchall()
    [(captured,)] = con.execute(
        "select distinct url from captures where starts_with(url, ?)", [page]
    ).fetchall()  # the page as fetched (a Hanweb page through its ?xxgkhide=1 view)
    exposed = run_zwgk("evidence", "--db", str(db), captured, "--out", str(work / "page.html"))
    assert exposed.returncode == 0, exposed.stderr
    assert "****" in (work / "page.html").read_text(encoding="utf-8")
    texts = [
        (table, column)
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns "
            "where data_type in ('VARCHAR', 'JSON') or data_type like 'VARCHAR%'"
        ).fetchall()
    ]
    for table, column in texts:
        for number in numbers:
            [(hits,)] = con.execute(
                f'select count(*) from "{table}" where contains("{column}"::varchar, ?)', [number]
            ).fetchall()
            assert hits == 0, (table, column)
    con.close()
    files = [p for p in work.rglob("*") if p.is_file()]
    assert any(p.suffix == ".gz" for p in files) and any(p.suffix == ".xlsx" for p in files)
    for path in files:
        text = readable_text(path)
        for number in numbers:
            assert number not in text, path
    # the masked forms are there: the finding names its kind and the number masked
    book = readable_text(work / "evidence.xlsx")
    assert "身份证号" in book and numbers[0][:6] + "********" + numbers[0][-4:] in book
