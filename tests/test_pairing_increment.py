"""Pairing again only what a change can reach gives what pairing everything gives.

A small synthetic audit (bench/score.py's generator: 8 sites × 200 documents, interpretations
found by link, quote and title similarity) plus pages of every shape a change can reach (an
outside citation, a running-text mention of a law, a cited 文号, an interpretation left to title
similarity) is scored; then one change is made, and the audit is scored again twice: once
keeping the state (pairing again only what the change reaches) and once after forgetting it
(pairing everything). Pairs, outside citations, indicators and findings must be equal, row for
row; and the increment must have paired fewer interpretations than there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from analysis.reviews import Review, save_reviews
from analysis.rules import load_rules
from analysis.scoring import score
from bench.score import START, generate, setup
from pipelines.attributes import normalize_doc_no
from pipelines.store import Store
from reports.score_table import score_table

SITES, DOCS, SPAN = 8, 200, 364
AS_OF = START + dt.timedelta(SPAN + 6)
NEXT_WEEK = AS_OF + dt.timedelta(7)
DOC_NO = "国卫办医发〔2026〕12号"


def add_document(
    store: Store,
    site: str,
    path: str,
    title: str,
    doc_type: str,
    published: dt.date,
    doc_no: str | None = None,
) -> str:
    url = f"http://{site}.example.gov.cn/extra/{path}.html"
    store.sql(
        "insert into documents (site_id, url, title, column_name, column_kind, column_url, "
        "doc_type, published_date, doc_no, fetched_at, first_seen_at) values "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, timestamp '2026-11-30 02:00:00', "
        "timestamp '2026-11-30 02:00:00')",
        [
            site,
            url,
            title,
            doc_type,
            doc_type,
            f"http://{site}.example.gov.cn/col/{doc_type}/index.html",
            doc_type,
            published,
            doc_no,
        ],
    )
    return url


def audit(path) -> Store:
    """The audit before the change: generated documents and one page of each shape."""
    store = Store(path)
    setup(store, SITES)
    generate(store, SITES, 0, DOCS, DOCS, SPAN)
    day = START + dt.timedelta(300)
    # s1: an interpretation naming a document no page carries yet (an outside citation)
    add_document(store, "s1", "q1", "解读《江安省护理服务质量提升管理办法》", "interpretation", day)
    # s2: one naming a law in running text, no 《》
    add_document(store, "s2", "m1", "学习基本医疗卫生与健康促进法的十个要点", "interpretation", day)
    # s3: one citing a 文号 only
    add_document(store, "s3", "n1", f"{DOC_NO}文件政策问答", "interpretation", day)
    # s4: one no link or name settles (left to title similarity)
    add_document(store, "s4", "v1", "农村订单定向医学生培养工作政策问答", "interpretation", day)
    return store


def a_week_of_new_documents(store: Store) -> None:
    generate(store, SITES, DOCS, DOCS + 10, DOCS, SPAN)


def the_cited_document_arrives(store: Store) -> None:
    add_document(
        store,
        "s1",
        "p1",
        "关于印发《江安省护理服务质量提升管理办法》的通知",
        "policy",
        START + dt.timedelta(100),  # long before it: outside the similarity window
    )


def the_mentioned_law_arrives(store: Store) -> None:
    add_document(
        store, "s2", "law1", "基本医疗卫生与健康促进法", "policy", START + dt.timedelta(200)
    )


def the_cited_doc_no_arrives(store: Store) -> None:
    add_document(
        store,
        "s3",
        "notice1",
        "关于做好医疗质量安全改进工作的通知",
        "notice",
        START + dt.timedelta(299),
        normalize_doc_no(DOC_NO),
    )


def a_policy_in_the_similarity_window_arrives(store: Store) -> None:
    add_document(
        store,
        "s4",
        "p2",
        "关于做好农村订单定向医学生培养工作的通知",
        "policy",
        START + dt.timedelta(297),
    )


def a_policy_links_an_old_interpretation(store: Store) -> None:
    store.sql(
        "insert into document_links (site_id, from_url, to_url, anchor_text, relation) values "
        "('s5', 'http://s5.example.gov.cn/art/40.html', 'http://s5.example.gov.cn/art/61.html', "
        "'相关解读', 'interpretation')"
    )


def a_policy_is_retitled(store: Store) -> None:
    store.sql(
        "update documents set title = '关于印发《s6重点传染病防控工作方案》的通知' "
        "where url = 'http://s6.example.gov.cn/art/20.html'"
    )


def a_policy_is_taken_down(store: Store) -> None:
    store.sql("delete from documents where url = 'http://s7.example.gov.cn/art/40.html'")


def everything_at_once(store: Store) -> None:
    for change in CHANGES[:-1]:
        change(store)


CHANGES: list[Callable[[Store], None]] = [
    a_week_of_new_documents,
    the_cited_document_arrives,
    the_mentioned_law_arrives,
    the_cited_doc_no_arrives,
    a_policy_in_the_similarity_window_arrives,
    a_policy_links_an_old_interpretation,
    a_policy_is_retitled,
    a_policy_is_taken_down,
    everything_at_once,
]


def results(store: Store, as_of: dt.date) -> dict[str, list[tuple]]:
    return {
        "pairs": store.sql("select * from pairs order by all"),
        "outside_citations": store.sql("select distinct * from outside_citations order by all"),
        "indicators": store.sql(
            "select * exclude (scored_at) from indicators where as_of = ? order by all", [as_of]
        ),
        "findings": store.sql("select * from findings where as_of = ? order by all", [as_of]),
    }


@pytest.fixture(scope="module")
def scored_once(tmp_path_factory):
    """The audit scored once (its pairing state written), closed, to be copied per change."""
    path = tmp_path_factory.mktemp("increment") / "audit.duckdb"
    store = audit(path)
    result = score(store.con, as_of=AS_OF)
    assert result.pairs["quote"] > 0 and result.pairs["similar"] > 0 and result.pairs["link"] > 0
    assert result.pairs["outside"] >= 1
    store.close()
    return path


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_pairing_only_what_a_change_reaches_equals_pairing_everything(
    scored_once, tmp_path, change
):
    kept, forgot = tmp_path / "kept.duckdb", tmp_path / "forgot.duckdb"
    for copy in (kept, forgot):
        copy.write_bytes(scored_once.read_bytes())
    runs = {}
    for path in (kept, forgot):
        store = Store(path)
        change(store)
        if path == forgot:
            store.sql("delete from pairing_basis")
        result = score(store.con, as_of=NEXT_WEEK)
        runs[path] = (result, results(store, NEXT_WEEK))
        store.close()
    (incremental, by_increment), (full, by_everything) = runs[kept], runs[forgot]
    interpretations = full.paired
    assert 0 < incremental.paired < interpretations
    assert incremental.pairs == full.pairs
    for table, rows in by_everything.items():
        assert by_increment[table] == rows, table
    assert by_everything["pairs"], "the audit has pairs to compare"


def test_reviews_of_pairs_kept_from_the_last_pairing_apply_as_to_pairing_everything(
    scored_once, tmp_path
):
    """The kept pairs stay in DuckDB but those a review names: rejected, confirmed, a pair
    added by hand and a review of a pair no longer found apply as when everything is paired."""
    source = Store(scored_once)
    rejected, confirmed = source.sql(
        "select site_id, policy_url, interpretation_url from pairs order by all limit 2"
    )
    policy = source.sql(
        "select url from documents where doc_type = 'policy' and site_id = ? "
        "order by url desc limit 1",
        [rejected[0]],
    )
    source.close()
    interpretation = rejected[2]
    reviews = tmp_path / "reviews.csv"
    save_reviews(
        reviews,
        [
            Review(*rejected, "reject", "不是这份文件"),
            Review(*confirmed, "confirm", ""),
            Review(rejected[0], policy[0][0], interpretation, "add", "人工"),
            Review(rejected[0], policy[0][0] + "#gone", interpretation, "confirm", ""),
        ],
    )
    runs = []
    for forget in (False, True):
        path = tmp_path / f"{forget}.duckdb"
        path.write_bytes(scored_once.read_bytes())
        store = Store(path)
        a_week_of_new_documents(store)
        if forget:
            store.sql("delete from pairing_basis")
        result = score(store.con, as_of=NEXT_WEEK, reviews_path=reviews)
        runs.append((result.paired, result.pairs, results(store, NEXT_WEEK)))
        store.close()
    (kept_paired, kept_counts, kept), (all_paired, all_counts, everything) = runs
    assert kept_paired < all_paired
    assert kept_counts == all_counts
    assert {k: v for k, v in kept_counts.items() if k.startswith("review_")} == {
        "review_confirm": 1,
        "review_reject": 1,
        "review_add": 1,
        "review_stale": 1,
    }
    assert kept == everything


def test_the_state_is_set_aside_when_the_thresholds_change(scored_once, tmp_path):
    path = tmp_path / "a.duckdb"
    path.write_bytes(scored_once.read_bytes())
    store = Store(path)
    rules = load_rules()
    rules.table["pairing"]["similarity_review_from"] -= 0.05
    result = score(store.con, as_of=NEXT_WEEK, rules=rules)
    total = store.sql("select count(*) from documents where doc_type = 'interpretation'")[0][0]
    assert result.paired == total
    # and the next scoring under the same thresholds pairs only what changed: nothing
    again = score(store.con, as_of=NEXT_WEEK, rules=rules)
    assert again.paired == 0
    assert again.pairs == result.pairs
    # and the assessor is told
    assert "0 interpretation(s) paired this time" in score_table(store.con, again, None)
    store.close()


def test_a_pair_added_by_hand_between_pages_pairing_does_not_read_has_its_lag(
    scored_once, tmp_path
):
    """A news item without a 文号 is no document an interpretation explains (pairing does not
    read it), yet a person may pair one: its lag is counted from the page's own date."""
    path = tmp_path / "a.duckdb"
    path.write_bytes(scored_once.read_bytes())
    store = Store(path)
    monday = START + dt.timedelta(weeks=40)  # 2026-08-10, no holiday that week
    news = add_document(store, "s0", "news1", "院长接待日活动", "news", monday)
    interp = add_document(
        store, "s0", "i1", "院长接待日活动答问", "interpretation", monday + dt.timedelta(2)
    )
    reviews = tmp_path / "reviews.csv"
    save_reviews(reviews, [Review("s0", news, interp, "add", "人工")])
    score(store.con, as_of=NEXT_WEEK, reviews_path=reviews)
    assert store.sql(
        "select method, lag_workdays, lag_basis from pairs where policy_url = ?", [news]
    ) == [("manual", 2, "official")]
    store.close()
