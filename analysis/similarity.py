"""Title similarity for the interpretations no link and no quotation pairs (jieba).

jieba loads lazily, once per process, quietly, with the domain's words (`jieba_words.txt`) so that
政策解读, 答记者问, 一图读懂 stay whole. A title's content words are its tokens less the stock
words every policy or interpretation title carries (关于, 印发, 通知, 解读 …). An interpretation
pairs with the policy of the same site, published up to `WINDOW_DAYS` before it (or a week
after), whose title holds the largest share of the interpretation's content words (each found
anywhere in the policy's title, so 管理 counts inside 管理工作) — at least the floor the caller
gives (the rules file's `[pairing] similarity_review_from`), and only when no other policy scores
as well. Whether such a pair counts or waits for a person is the caller's rule, not this
module's. Near misses are refused: different
years (2019 vs 2020 editions), different batches (第二批 vs 第一批), a 领导小组 notice against the
plan it issues.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

USER_WORDS = Path(__file__).with_name("jieba_words.txt")
STOCK_WORDS = frozenset(
    """关于 印发 转发 通知 的 了 和 与 及 对 等 进一步 加强 做好 开展 工作 有关 事项 解读 图解 政策
    政策解读 一图读懂 一图看懂 图说 视频 视频解读 在线访谈 访谈 答记者问 新闻发布会 发布会 文件 我 市 省 县 州 区
    委 局 卫生健康 卫健委 卫生健康委员会 卫生健康局 办公室 人民政府 印发 通知书 意见 方案 《 》 （ ） ( ) ： : 、
    ， , 【 】 — - “ ” 年""".split()
)
WINDOW_DAYS = 90  # a policy up to this many days before the interpretation
AFTER_DAYS = 7  # or up to a week after it
MIN_SCORE = 0.75  # the floor when the caller names none
YEAR = re.compile(r"(?:19|20)\d{2}")
BATCH = re.compile(r"第([一二三四五六七八九十\d]+)批")


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(USER_WORDS))
    jieba.initialize()
    return jieba


def content_words(title: str) -> frozenset[str]:
    """The words of a title that say what it is about."""
    words = _jieba().lcut(re.sub(r"\s+", "", title))
    return frozenset(w for w in words if w not in STOCK_WORDS and not w.isdigit() and len(w) > 1)


def near_miss(a: str, b: str) -> bool:
    """Titles about different editions, batches or bodies of the same subject."""
    years_a, years_b = set(YEAR.findall(a)), set(YEAR.findall(b))
    if years_a and years_b and not years_a & years_b:
        return True
    batch_a, batch_b = BATCH.findall(a), BATCH.findall(b)
    if (batch_a or batch_b) and batch_a != batch_b:
        return True
    return ("领导小组" in a) != ("领导小组" in b)


@dataclass(frozen=True)
class Candidate:
    url: str
    title: str
    published: dt.date


def best_policy(
    title: str, published: dt.date, policies: list[Candidate], *, floor: float = MIN_SCORE
) -> tuple[Candidate, float] | None:
    """The one policy an interpretation's title points at, with its score, or None."""
    words = content_words(title)
    if not words:
        return None
    scored = []
    for p in policies:
        if not (-AFTER_DAYS <= (published - p.published).days <= WINDOW_DAYS) or near_miss(
            title, p.title
        ):
            continue
        score = sum(1 for w in words if w in p.title) / len(words)
        if score >= floor:
            scored.append((score, -abs((published - p.published).days), p))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None  # two policies fit equally well: leave it to a person
    return scored[0][2], round(scored[0][0], 3)
