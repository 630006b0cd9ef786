"""The crawl on the sample sites, checked against the answer key (issue #3's bar: 100%)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import duckdb
import pytest

from .conftest import SAMPLE_SITES, TRUTH, read_csv
from .support.accuracy import field_accuracy


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def con(crawled_db):
    db, _ = crawled_db
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def test_every_document_in_the_key_is_stored_with_every_field_right(crawled_db):
    db, _ = crawled_db
    score, wrong, counts = field_accuracy(db)
    report = "\n".join(
        f"  {name:22s} {right}/{total} = {100 * right / total:.2f}%"
        for name, (right, total) in score.items()
    )
    print(f"\nper-field accuracy on the samples ({counts}):\n{report}")
    assert counts["missing"] == 0 and counts["extra"] == 0, counts
    assert not wrong, f"{len(wrong)} field values differ from the key, e.g.\n" + "\n".join(
        wrong[:20]
    )


def test_every_column_is_discovered_from_the_homepage_alone(con):
    stored = {
        (site, path_of(url)): (
            name,
            kind,
            dept or "",
            count,
            "" if stated is None else str(stated),
            str(last or ""),
        )
        for site, url, name, kind, dept, count, stated, last in con.execute(
            "select site_id, column_url, name, kind, department, item_count, stated_count, "
            "last_published_date from columns"
        ).fetchall()
    }
    for col in read_csv("columns.csv"):
        url = col["url"] + ("index.html" if col["url"].endswith("/") else "")
        got = stored.get((col["site_id"], col["url"])) or stored.get((col["site_id"], url))
        assert got == (
            col["name"],
            col["kind"],  # 'other' for names outside the word lists (领导干部任免 …)
            col["department"],
            int(col["item_count"]),
            col["stated_count"],  # what the list's own counter says; "" where it says nothing
            col["last_published_date"],
        ), col
    assert len(stored) == len(read_csv("columns.csv"))
    discovered = con.execute(
        "select count(*) from columns where discovered_from = 'profile'"
    ).fetchone()[0]
    assert discovered == 0


def test_a_list_stating_more_than_it_lists_is_warned_about(crawled_db):
    _, result = crawled_db
    planted = [
        r
        for r in json.loads((TRUTH / "planted.json").read_text(encoding="utf-8"))
        if r["case"] == "stated_count_exceeds_listed"
    ]
    column = next(
        c
        for c in read_csv("columns.csv")
        if c["name"] == planted[0]["column"] and c["site_id"] == planted[0]["site_id"]
    )
    stated, found = int(column["stated_count"]), int(column["item_count"])
    assert stated == found + planted[0]["extra"]
    message = f"column {column['name']} states {stated} items, the crawl found {found}"
    assert message in result.stderr
    assert f"stated {stated}, found {found}" in result.stdout  # the summary says it too
    # only the planted column: every other stated count was met
    assert result.stderr.count("items, the crawl found") == 1


def test_a_dataproxy_that_answers_404_strands_no_column(con):
    """黔溪's odd-numbered columns page through a dataproxy.jsp that answers 404; their visible
    下一页/numbered links still reach every item, and the proxy is no dead link."""
    proxied = [
        c
        for c in read_csv("columns.csv")
        if c["site_id"] == "qianxi" and int(c["url"].split("col")[-1].split("/")[0]) % 2 == 1
    ]
    assert len(proxied) >= 4 and sum(int(c["item_count"]) for c in proxied) > 300
    for c in proxied:
        found = con.execute(
            "select item_count from columns where site_id = 'qianxi' and column_url like ?",
            [f"%{c['url']}"],
        ).fetchone()[0]
        assert found == int(c["item_count"]), c
    dead_proxy = con.execute(
        "select count(*) from link_checks where url like '%dataproxy%'"
    ).fetchone()[0]
    assert dead_proxy == 0


def test_a_list_laid_out_as_a_table_is_read_by_its_header(con):
    """江安's 规范性文件 list is a table (序号 | 标题 | 文号 | 产生日期 | 发布日期) whose first date is
    the 产生日期: every listing's date is the document's 发布日期, its 文号 and 产生日期 the key's."""
    truth = {(r["site_id"], r["url"]): r for r in read_csv("documents.csv")}
    rows = con.execute(
        "select l.item_url, l.list_date, l.doc_no, l.written_date from listings l "
        "join columns c using (site_id, column_url) where l.site_id = 'jiangan' and c.kind = 'policy'"
    ).fetchall()
    assert len(rows) > 20
    for url, list_date, doc_no, written in rows:
        doc = truth[("jiangan", path_of(url))]
        assert (str(list_date), doc_no or "", str(written or "")) == (
            doc["published_date"],
            doc["doc_no"],
            doc["written_date"],
        ), url


def test_a_list_page_under_two_addresses_is_stored_once_under_the_first(con):
    """石岭's ASP lists link 首页 and, on a list of one page, 尾页 to `…&page=1`: the page the
    column address shows. Its rows keep the address the walk read first, the column's, so a
    week that reads only that address changes none of them; its walk counts one page."""
    rows = con.execute(
        "select l.column_url, l.list_page, w.pages from listings l "
        "join column_walks w using (site_id, column_url) "
        "where l.site_id = 'shiling' and l.column_url like '%ClassID=36'"
    ).fetchall()
    assert rows and {(page, pages) for column, page, pages in rows} == {(rows[0][0], 1)}


def test_a_two_character_title_is_an_item(con):
    planted = [
        r
        for r in json.loads((TRUTH / "planted.json").read_text(encoding="utf-8"))
        if r["case"] == "two_character_title"
    ]
    assert len(planted) == 1
    listed = con.execute(
        "select l.title, d.title from listings l join documents d "
        "on d.site_id = l.site_id and d.url = l.item_url where l.site_id = ? and l.item_url like ?",
        [planted[0]["site_id"], "%" + planted[0]["url"]],
    ).fetchall()
    assert listed and set(listed) == {("通知", "通知")}


def test_every_dead_link_is_found(con):
    found = {
        (site, path_of(url)): status
        for site, url, status in con.execute(
            "select site_id, url, status from dead_links"
        ).fetchall()
    }
    expected = {(d["site_id"], d["url"]) for d in read_csv("dead_links.csv")}
    assert set(found) == expected
    assert set(found.values()) == {404}
    # a clean crawl of healthy servers: every other check answered, every site ok
    others = con.execute(
        "select outcome, count(*) from link_checks where outcome not in ('ok', 'dead') group by 1"
    ).fetchall()
    assert others == []
    assert con.execute("select distinct status from site_runs").fetchall() == [("ok",)]


def test_related_blocks_become_links(con):
    pairs = read_csv("pairs.csv")
    links = {
        (site, path_of(src), path_of(dst))
        for site, src, dst in con.execute(
            "select site_id, from_url, to_url from document_links where relation = 'interpretation'"
        ).fetchall()
    }
    # Hanweb, TRS, gkmlpt and the national site print 相关解读 blocks (黔溪 inline at the end of
    # the body, some under 相关文章); the county site prints none; the planted misfiled policies'
    # interpretations, and those citing a 文号 alone, only name them in their titles
    with_blocks = [p for p in pairs if p["site_id"] != "shiling" and p["linked"] == "True"]
    unlinked = [
        p
        for p in with_blocks
        if (p["site_id"], p["policy_url"], p["interpretation_url"]) not in links
    ]
    assert len(with_blocks) == 222 and unlinked == []  # 211, and 11 leader or deputy interviews
    named_in_title = [
        r
        for r in json.loads((TRUTH / "planted.json").read_text(encoding="utf-8"))
        if r["case"]
        in ("policy_filed_under_news", "plan_filed_under_planning", "interpretation_cites_doc_no")
    ]
    assert len([p for p in pairs if p["linked"] == "False"]) == len(named_in_title) == 6


def test_interpretations_link_back_and_automatic_blocks_are_no_relation(con):
    pairs = {
        (p["site_id"], p["policy_url"], p["interpretation_url"]) for p in read_csv("pairs.csv")
    }
    planted = {
        (r["site_id"], r["url"], r["news_url"])
        for r in json.loads((TRUTH / "planted.json").read_text(encoding="utf-8"))
        if r["case"] == "related_block_links_news"
    }
    related = con.execute(
        "select site_id, from_url, to_url, relation from document_links "
        "where relation in ('interpretation', 'policy')"
    ).fetchall()
    back = {(s, path_of(dst), path_of(src)) for s, src, dst, rel in related if rel == "policy"}
    forth = {(s, path_of(src), path_of(dst)) for s, src, dst, rel in related if rel != "policy"}
    # every relation stored is a pair of the key (or the planted news link); 相关阅读 lists none
    assert forth - pairs == planted
    assert back <= pairs
    linked = {
        (p["site_id"], p["policy_url"], p["interpretation_url"])
        for p in read_csv("pairs.csv")
        if p["linked"] == "True"
    }
    qianxi_back = {p for p in pairs if p[0] == "qianxi"} & back
    assert len(qianxi_back) == len({p for p in linked if p[0] == "qianxi"})


def test_the_run_is_recorded(con):
    status, sites, pages, fallbacks = con.execute(
        "select status, sites, pages, dateparser_fallbacks from runs"
    ).fetchone()
    assert (status, sites) == ("finished", 6)
    assert pages > 3063
    assert fallbacks == 0  # every sample date is read by the regex fast path


def test_every_chosen_date_names_its_source(con):
    sources = dict(
        con.execute(
            "select split_part(published_source, ':', 1), count(*) from documents group by all"
        ).fetchall()
    )
    assert set(sources) <= {"table", "meta", "byline"}
    evidence = con.execute(
        "select count(*) from document_fields where field = 'published_date' and chosen"
    ).fetchone()[0]
    assert evidence == con.execute("select count(*) from documents").fetchone()[0]


def test_the_summary_is_printed(crawled_db):
    _, result = crawled_db
    assert "run " in result.stdout and "finished" in result.stdout
    rows = {
        line.split()[0]: line.split()
        for line in result.stdout.splitlines()
        if line[:1].isalpha()
        and line.split()[0] in {d["site_id"] for d in read_csv("documents.csv")}
    }
    assert sorted(rows) == list(SAMPLE_SITES)
    for site, row in rows.items():
        documents = sum(d["site_id"] == site for d in read_csv("documents.csv"))
        dead = sum(d["site_id"] == site for d in read_csv("dead_links.csv"))
        # site, status, pages, columns, blank, docs, same, 5 types, coverage (2), warn, dead …
        assert (row[1], int(row[5]), int(row[6]), int(row[15])) == ("ok", documents, 0, dead), row
    assert "sites not ok" not in result.stdout
    assert "database:" in result.stdout
