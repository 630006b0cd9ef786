"""The roll-up (analysis/dimensions.py): each dimension the weighted share of its judged
indicators that pass, the composite the dimensions weighted, the vetoes apart; and the rules file
that declares them (every indicator in one dimension)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analysis.dimensions import Dimension, Judged, roll_up
from analysis.indicators import BY_NAME, INDICATORS
from analysis.rules import DEFAULT_RULES, RulesError, load_rules

from .conftest import ROOT

BY_LABEL = {name: spec.label for name, spec in BY_NAME.items()}

DIMS = (
    Dimension("a", "甲", 30, ("x", "y")),
    Dimension("b", "乙", 10, ("z",)),
)
CASES = [
    # verdicts, dimension a, dimension b, composite, vetoes (z is the veto)
    ({"x": Judged(True, 2), "y": Judged(False, 1), "z": Judged(True)}, 2 / 3, 1.0, (30 * 2 / 3 + 10) / 40, []),
    ({"x": Judged(True, 2), "y": Judged(None, 1), "z": Judged(False)}, 1.0, 0.0, 30 / 40, ["z"]),
    # nothing to judge in b: the composite is a's alone
    ({"x": Judged(False), "y": Judged(True), "z": Judged(None)}, 0.5, None, 0.5, []),
    # an indicator that does not count is neither judged nor a veto
    ({"x": Judged(True), "y": Judged(False, 1, False), "z": Judged(False, 1, False)}, 1.0, None, 1.0, []),
    ({}, None, None, None, []),
]  # fmt: skip


@pytest.mark.parametrize("verdicts, a, b, composite, vetoes", CASES)
def test_roll_up(verdicts, a, b, composite, vetoes):
    got = roll_up(verdicts, DIMS, ("z",))
    assert (got.dimensions["a"], got.dimensions["b"]) == (
        pytest.approx(a) if a is not None else None,
        pytest.approx(b) if b is not None else None,
    )
    assert got.score == (pytest.approx(composite) if composite is not None else None)
    assert got.vetoes == vetoes


def test_every_indicator_sits_in_one_dimension_of_the_default_rules():
    rules = load_rules()
    placed = [name for d in rules.dimensions for name in d.indicators]
    assert sorted(placed) == sorted(INDICATORS)
    assert all(d.weight > 0 for d in rules.dimensions)
    # the vetoes are the rules whose sources say 单项否决
    for name in rules.vetoes:
        assert "否决" in rules[name]["source"], name


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_indicator_without_a_dimension_is_refused_by_name(tmp_path):
    text = DEFAULT_RULES.read_text(encoding="utf-8").replace('dimension = "annual"\n', "", 1)
    with pytest.raises(RulesError, match=r"\[annual_report_timely\] needs `dimension`"):
        load_rules(write(tmp_path, text))


def test_an_unknown_dimension_is_refused_by_name(tmp_path):
    text = DEFAULT_RULES.read_text(encoding="utf-8").replace(
        'dimension = "annual"', 'dimension = "yearly"', 1
    )
    with pytest.raises(RulesError, match="not 'yearly'"):
        load_rules(write(tmp_path, text))


def test_the_readme_table_is_the_rules_file():
    """README's table of dimensions, weights and sources says what rules.toml says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    data = tomllib.loads(DEFAULT_RULES.read_text(encoding="utf-8"))
    rules = load_rules()
    for d in rules.dimensions:
        labels = "、".join(
            f"{BY_LABEL[n]}{'（否决）' if n in rules.vetoes else ''}" for n in d.indicators
        )
        assert f"| {d.label} | {d.weight:g} | {labels} |" in readme, d.key
    assert data["dimensions"]["source"] in readme


@pytest.mark.parametrize(
    "elements", ['["事项名称", "办理事项"]', '"事项名称"', "[]"], ids=["unknown", "text", "empty"]
)
def test_a_guide_rule_naming_elements_pages_are_not_read_for_is_refused(tmp_path, elements):
    """service_guides.required_elements names the elements crawlers/extract/labels.py reads."""
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    start = text.index("required_elements = [")
    end = text.index("]", start) + 1
    text = text[:start] + f"required_elements = {elements}" + text[end:]
    with pytest.raises(RulesError, match=r"\[service_guides\] required_elements must be a list"):
        load_rules(write(tmp_path, text))
