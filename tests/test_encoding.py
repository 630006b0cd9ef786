"""Encodings as government servers send them (TECH-NOTES: strict UTF-8, else GB18030)."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from crawlers.middlewares import EncodingFixMiddleware

TEXT = "发布时间：2025-3-5　来源：石岭县卫生健康局"


@pytest.mark.parametrize(
    "header, body, mismatch",
    [
        (b"text/html; charset=utf-8", TEXT.encode("gbk"), True),  # the wrong header
        (b"text/html", TEXT.encode("gbk"), False),  # no charset at all
        (b"text/html; charset=gb2312", TEXT.encode("gbk"), False),
        (b"text/html; charset=ISO-8859-1", TEXT.encode("gbk"), True),  # garbles silently in Scrapy
        (b"text/html; charset=utf-8", TEXT.encode("utf-8"), False),
        (b"text/html; charset=gbk", TEXT.encode("utf-8"), True),
    ],
)
def test_body_decides_the_encoding(header, body, mismatch):
    request = Request("http://127.0.0.1/x")
    response = HtmlResponse(
        request.url,
        body=b"<html><body>" + body + b"</body></html>",
        headers={"Content-Type": header},
        request=request,
    )
    fixed = EncodingFixMiddleware().process_response(request, response)
    assert TEXT in fixed.text
    assert request.meta["zwgk_charset_mismatch"] is mismatch
