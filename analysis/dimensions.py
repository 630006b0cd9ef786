"""The roll-up: indicators grouped into weighted first-level dimensions (一级维度), the composite
(综合得分) that follows from them, and the vetoes (单项否决) listed apart. The one home of how a
site's verdicts add up; the rules file (`[dimensions]`, `veto = true`) says what groups what.

A dimension's score is the weighted share of its judged indicators that pass (each indicator's
own `weight`); an indicator with nothing to judge, or with `counts = false`, is left out. The
composite is the dimensions' scores weighted by the dimensions' weights, over the dimensions that
have a score; 0–1 here, 0–100 分 on the page. A veto is an indicator whose rule says `veto = true`
and that fails: the site keeps its composite but the 通报 lists it apart, with the veto named, as
published assessments do (国办秘函〔2019〕19号 单项否决).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str  # the scorecard's name (Chinese)
    weight: float
    indicators: tuple[str, ...]
    note: str = ""  # what the dimension covers, for the methodology page


@dataclass(frozen=True)
class Judged:
    """One indicator's verdict as the roll-up reads it."""

    passed: bool | None  # None: nothing to judge
    weight: float = 1.0
    counts: bool = True


@dataclass
class Composite:
    dimensions: dict[str, float | None] = field(default_factory=dict)  # key -> 0–1 or None
    score: float | None = None  # 0–1
    vetoes: list[str] = field(default_factory=list)  # failing veto indicators, in rule order


def dimension_score(dimension: Dimension, verdicts: Mapping[str, Judged]) -> float | None:
    """The weighted share of the dimension's judged, counting indicators that pass."""
    judged = [
        verdicts[name]
        for name in dimension.indicators
        if name in verdicts and verdicts[name].counts and verdicts[name].passed is not None
    ]
    total = sum(j.weight for j in judged)
    return sum(j.weight for j in judged if j.passed) / total if total else None


def roll_up(
    verdicts: Mapping[str, Judged], dimensions: tuple[Dimension, ...], vetoes: tuple[str, ...]
) -> Composite:
    """A site's dimension scores, composite and failing vetoes."""
    scores = {d.key: dimension_score(d, verdicts) for d in dimensions}
    scored = [(d.weight, scores[d.key]) for d in dimensions if scores[d.key] is not None]
    total = sum(w for w, _ in scored)
    return Composite(
        dimensions=scores,
        score=sum(w * s for w, s in scored) / total if total else None,
        vetoes=[
            name
            for name in vetoes
            if name in verdicts and verdicts[name].counts and verdicts[name].passed is False
        ],
    )
