"""`zwgk score` refuses what it cannot use, in words, and writes nothing."""

from __future__ import annotations

import pytest

from analysis.rules import DEFAULT_RULES, RulesError, load_rules
from pipelines.store import Store

from .conftest import run_zwgk


def test_no_database_is_named(tmp_path):
    result = run_zwgk("score", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and "no such database" in result.stderr


def test_a_database_without_a_crawl_asks_for_the_as_of_date(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    result = run_zwgk("score", "--db", str(db))
    assert result.returncode == 2 and "--as-of" in result.stderr


def test_a_rules_file_missing_a_threshold_is_refused_by_key(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        DEFAULT_RULES.read_text(encoding="utf-8").replace("max_workdays = 3", "# removed"),
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"\[interpretation_timeliness\] needs `max_workdays`"):
        load_rules(rules)
    db = tmp_path / "a.duckdb"
    Store(db).close()
    result = run_zwgk("score", "--db", str(db), "--as-of", "2026-11-20", "--rules", str(rules))
    assert result.returncode == 2 and "max_workdays" in result.stderr


def test_another_provinces_thresholds_change_the_verdict(tmp_path):
    """The same data, a rule set asking 60% of the policies interpreted by a 图解 instead of 80%:
    ten policies, seven with a 图解, three with a text interpretation."""
    import datetime as dt

    from analysis.scoring import score

    store = Store(tmp_path / "a.duckdb")
    store.upsert("sites", [{"site_id": "s", "name": "某委", "homepage": "http://s/"}])
    day = dt.date(2026, 11, 2)
    subjects = ["护理", "院感", "药事", "病历", "输血", "急救", "康复", "体检", "疫苗", "口腔"]
    policies = [
        {"site_id": "s", "url": f"http://s/p{i}", "title": f"关于印发《{x}服务管理办法》的通知",
         "doc_type": "policy", "official_class": "policy", "published_date": day - dt.timedelta(14)}
        for i, x in enumerate(subjects)
    ]  # fmt: skip
    interpretations = [
        {"site_id": "s", "url": f"http://s/i{i}", "doc_type": "interpretation",
         "title": f"图解：《{x}服务管理办法》" if i < 7 else f"《{x}服务管理办法》解读",
         "published_date": day - dt.timedelta(13),
         "interpretation_form": "graphic" if i < 7 else "text"}
        for i, x in enumerate(subjects)
    ]  # fmt: skip
    store.upsert("documents", policies + interpretations)
    score(store.con, as_of=day, weeks=4)
    strict = store.sql(
        "select value, threshold, passed from indicators where indicator = 'graphic_share'"
    )
    lenient_file = tmp_path / "lenient.toml"
    lenient_file.write_text(
        DEFAULT_RULES.read_text(encoding="utf-8").replace(
            "[graphic_share]\nrequired = 0.8", "[graphic_share]\nrequired = 0.6"
        ),
        encoding="utf-8",
    )
    score(store.con, as_of=day, weeks=4, rules=load_rules(lenient_file))
    lenient = store.sql(
        "select value, threshold, passed from indicators where indicator = 'graphic_share'"
    )
    store.close()
    assert strict == [(0.7, 0.8, False)]
    assert lenient == [(0.7, 0.6, True)]
