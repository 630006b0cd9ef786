"""The indicators, one file each: `analysis/indicators/<name>.sql` is an indicator's only home.

A file opens with its declaration, one `-- key: value` line each:

    label       the scorecard's, the workbook's and the methodology's name (Chinese)
    short       the terminal table's column
    order       where it stands among the others
    kind        share (a least fraction, 1.0 = 100%), count (a most number) or least (a least
                number)
    unit        a count's unit (个, 天, 条, 份, 次); a share's is %
    threshold   the key of its rule that is the threshold (required, max_count, …)
    keys        every key its rule in `rules.toml` must have (besides weight, counts, source)
    rule        optional words after the threshold, formatted with the rule's values
    definition  the methodology's sentence
    quote       the words of the rule's source the definition follows (quoted on the methodology
                page beside the definition)
    changed     optional: how the definition moved from the one before, so an assessor can
                explain a moved verdict (old → new)
    judged      optional: the words saying which sites it judges when not every site of its
                levels (a site showing no letter has no 互动回应 verdict: no row, not a pass)

then two queries, each after a comment line naming it:

    -- score:    one row per site: site_id, numerator, denominator, basis
    -- findings: one row per item that counts against it: site_id, url, detail, related_url, amount
    -- pending:  optional; one row per item not yet due (未到期: in neither numerator nor
                 denominator, listed so a person sees it), the same columns as findings
    -- review:   optional; one row per item listed for a person to judge (待人工判断, e.g. a
                 possible migration), counted in no figure, the same columns as findings

Scoring makes each a view and the marts their union (analysis/scoring.py); the rule's values
reach the SQL as `getvariable('<name>__<key>')`. Adding an indicator is its file, its rule in
`rules.toml` (naming the dimension it belongs to: analysis/dimensions.py) and its test: the scorecard, the workbook, the terminal table, the methodology page
and `zwgk indicators` read it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HOME = Path(__file__).parent
# each kind's comparison of its value with the threshold: the one home of what passes, read by
# the marts' SQL (analysis/scoring.create_marts) and by IndicatorSpec.meets
PASSES = {"share": ">=", "count": "<=", "least": ">="}
KINDS = tuple(PASSES)
HEADER_KEYS = ("label", "short", "order", "kind", "threshold", "keys", "definition", "quote")
SECTION = re.compile(r"^--\s*(score|findings|pending|review)\b.*$", re.M)
# findings.status: 'finding' counts against its indicator (its `-- findings` query); the listed
# statuses, each an optional section of an indicator file named as the status, count in no
# figure: 'pending' (未到期: not yet due), 'review' (待人工判断: for a person to judge)
FINDING = "finding"
LISTED = ("pending", "review")
HEADER_LINE = re.compile(r"^--\s*(\w+):\s*(.*)$")


class IndicatorFileError(ValueError):
    """An indicator file that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    label: str  # the scorecard's name
    short: str  # the terminal table's column
    definition: str  # the methodology's sentence
    keys: tuple[str, ...]  # the numbers its rule needs, besides weight / counts / source
    quote: str = ""  # the source's words the definition follows
    changed: str = ""  # how the definition moved from the one before (old → new)
    judged: str = ""  # which sites it judges, when not every site of its levels
    kind: str = "share"
    threshold_key: str = "required"
    unit: str = ""
    rule_note: str = ""  # words after the threshold, formatted with the rule's values
    order: int = 0
    score_sql: str = ""
    findings_sql: str = ""
    pending_sql: str = ""  # items not yet due (未到期), listed apart from the findings
    review_sql: str = ""  # items for a person to judge (待人工判断), counted in no figure
    path: Path | None = None

    @property
    def is_share(self) -> bool:
        """A share with a least `required` fraction (else a count)."""
        return self.kind == "share"

    @property
    def higher_is_better(self) -> bool:
        """A share or a least count; a count with a most is better lower."""
        return PASSES[self.kind] == ">="

    def meets(self, value: float, threshold: float) -> bool:
        """Whether a value meets a threshold of this indicator."""
        return value >= threshold if self.higher_is_better else value <= threshold

    def shown(self, value: float | None) -> str:
        """A value as the report writes it: 92.5%, 3个, 15天; — for none."""
        if value is None:
            return "—"
        return f"{value * 100:.1f}%" if self.is_share else f"{value:.0f}{self.unit}"

    def threshold_text(self, threshold: float) -> str:
        """The threshold in words: ≥ 100%, ≤ 4个."""
        if self.is_share:
            return f"≥ {threshold * 100:.0f}%"
        return f"{PASSES[self.kind].replace('>=', '≥').replace('<=', '≤')} {threshold:g}{self.unit}"

    def rule_text(self, rule: dict) -> str:
        """The whole requirement in words: ≥ 100%（3个工作日内）."""
        return self.threshold_text(float(rule[self.threshold_key])) + self.rule_note.format(**rule)


def read_spec(path: Path) -> IndicatorSpec:
    """One indicator file: its declaration and its two queries."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = HEADER_LINE.match(line)
        if not match:
            break
        header[match[1]] = match[2].strip()
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise IndicatorFileError(f"{path}: the declaration lacks {', '.join(missing)}")
    if header["kind"] not in KINDS:
        raise IndicatorFileError(f"{path}: kind must be one of {KINDS}, not {header['kind']!r}")
    keys = tuple(k.strip() for k in header["keys"].split(",") if k.strip())
    if header["threshold"] not in keys:
        raise IndicatorFileError(f"{path}: threshold {header['threshold']!r} is not among keys")
    parts = SECTION.split(text)
    queries = dict(zip(parts[1::2], parts[2::2], strict=True))
    sections = parts[1::2]
    if sorted(set(sections)) != sorted(sections) or not {"score", "findings"} <= set(sections):
        raise IndicatorFileError(
            f"{path}: needs a `-- score` and a `-- findings` query (and may have `-- pending` "
            "and `-- review` ones), once each"
        )
    return IndicatorSpec(
        name=path.stem,
        label=header["label"],
        short=header["short"],
        definition=header["definition"],
        quote=header["quote"],
        changed=header.get("changed", ""),
        judged=header.get("judged", ""),
        keys=keys,
        kind=header["kind"],
        threshold_key=header["threshold"],
        unit=header.get("unit", ""),
        rule_note=header.get("rule", ""),
        order=int(header["order"]),
        score_sql=queries["score"].strip(),
        findings_sql=queries["findings"].strip(),
        pending_sql=queries.get("pending", "").strip(),
        review_sql=queries.get("review", "").strip(),
        path=path,
    )


def read_specs(folder: Path = HOME) -> tuple[IndicatorSpec, ...]:
    """Every indicator file of a folder, in their declared order."""
    return tuple(sorted((read_spec(p) for p in folder.glob("*.sql")), key=lambda s: s.order))


SPECS: tuple[IndicatorSpec, ...] = read_specs()
BY_NAME = {spec.name: spec for spec in SPECS}
INDICATORS = tuple(spec.name for spec in SPECS)
REQUIRED_KEYS = {spec.name: spec.keys for spec in SPECS}
SHARES = frozenset(spec.name for spec in SPECS if spec.is_share)
# judged only on the sites that show what they judge (their `judged` line): no row elsewhere
JUDGED_WHERE_SHOWN = tuple(spec.name for spec in SPECS if spec.judged)
