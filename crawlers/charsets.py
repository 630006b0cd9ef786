"""Which encoding a page's bytes are in, the way TECH-NOTES measured to work on Chinese government
sites (no Scrapy here: the WARC writer's process reads a header's charset too).

A wrong `charset=utf-8` header beats a correct `<meta charset=gb2312>` in Scrapy and garbles the
text. Rule: if the body is valid UTF-8, it is UTF-8; otherwise it is GB18030 (a superset of GBK
and GB2312).
"""

from __future__ import annotations

import re

HEADER_CHARSET = re.compile(rb"charset=([\w-]+)", re.I)
GB_NAMES = {"gbk", "gb2312", "gb18030", "x-gbk", "cp936"}


def decide_encoding(body: bytes) -> str:
    if body.isascii():
        return "utf-8"
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def declared_charset(content_type: bytes | None) -> str | None:
    """The charset a Content-Type header names (lower case), if it names one."""
    m = HEADER_CHARSET.search(content_type or b"")
    return m.group(1).decode("ascii").lower() if m else None
