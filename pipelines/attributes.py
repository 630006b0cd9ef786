"""Normalising the 信息公开 attributes: 发文字号, 索引号, 公开属性, 有效性, interpretation form.

Every function is tolerant: what it cannot parse it returns cleaned, never dropped; the raw string
is kept beside the normalised value by the caller.
"""

from __future__ import annotations

import re
import unicodedata

from crawlers.extract.labels import FORM_WORDS, GRAPHIC_WORDS, PLACEHOLDERS

_SPACES = re.compile(r"[\s\u3000\xa0]+")

DOC_NO = re.compile(
    r"^(?P<prefix>.*?)\s*[〔\[［【（(﹝]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］】）)﹞]\s*第?\s*(?P<n>\d+)\s*号$"
)

DISCLOSURE = {
    "主动公开": "主动公开",
    "公开": "主动公开",
    "此件公开发布": "主动公开",
    "此件主动公开": "主动公开",
    "此件删减后公开": "主动公开",
    "删减后公开": "主动公开",
    "依申请公开": "依申请公开",
    "此件依申请公开": "依申请公开",
    "不予公开": "不予公开",
    "不公开": "不予公开",
    "此件不公开": "不予公开",
    "此件不予公开": "不予公开",
    "免予公开": "不予公开",
}
VALIDITY = {
    "有效": "有效",
    "现行有效": "有效",
    "失效": "失效",
    "已失效": "失效",
    "废止": "废止",
    "已废止": "废止",
}

# each interpretation form as a reader sees it (the report, the workbook, finding texts); the
# store keeps the code
FORM_LABELS = {
    "graphic": "图解",
    "text": "文字",
    "video": "视频",
    "audio": "音频",
    "interview": "访谈",
    "h5": "H5页面",
}


def clean(text: str | None) -> str | None:
    """Collapse spaces (including full-width) and strip; None for empty or a placeholder (无)."""
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    return None if not text or text in PLACEHOLDERS else text


def normalize_doc_no(raw: str | None) -> str | None:
    """枣卫字[2016]61号 / 枣卫字（2016）61号 → 枣卫字〔2016〕61号; unknown shapes come back cleaned."""
    text = clean(raw)
    if not text:
        return None
    m = DOC_NO.match(text.replace(" ", ""))
    if not m:
        return text
    return f"{m['prefix']}〔{m['year']}〕{int(m['n'])}号"


def normalize_index_no(raw: str | None) -> str | None:
    """索引号 as shown, without spaces; shapes vary too much between sites to reformat."""
    text = clean(raw)
    return unicodedata.normalize("NFKC", text).replace(" ", "") if text else None


def normalize_disclosure(raw: str | None) -> str | None:
    text = clean(raw)
    if not text:
        return None
    key = text.strip("（）() ").replace("信息公开形式：", "").replace("信息公开形式:", "").strip()
    return DISCLOSURE.get(key)


def normalize_validity(raw: str | None) -> str | None:
    text = clean(raw)
    return VALIDITY.get(text.replace(" ", "")) if text else None


def interpretation_form(title: str, *, images: int, text_chars: int, has_video: bool) -> str:
    """text / graphic / video / audio / interview / h5, from the title first, then the body."""
    if any(w in title for w in GRAPHIC_WORDS):
        return "graphic"
    for form, words in FORM_WORDS:
        if any(w in title for w in words):
            return form
    if has_video:
        return "video"
    if images and text_chars < 200:
        return "graphic"  # a body that is mostly images
    return "text"
