"""`zwgk indicators`: every indicator as its file declares it, with the rule a rules file sets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.indicators import SPECS
from analysis.rules import DEFAULT_RULES, RulesError, load_rules
from zwgk.arguments import Command, add_rules_arg


def indicators_command(rules_path: Path | None) -> int:
    try:
        rules = load_rules(rules_path or DEFAULT_RULES)
    except RulesError as exc:
        print(f"zwgk indicators: {exc}", file=sys.stderr)
        return 2
    print(f"规则集：{rules.name}（{rules.path}）\n")
    for spec in SPECS:
        rule = rules[spec.name]
        counted = "" if rule.get("counts", True) else "；不计入总分"
        print(
            f"{spec.name}  {spec.label}  {spec.rule_text(rule)}（权重 {rule['weight']}{counted}）"
        )
        print(f"    定义：{spec.definition}")
        print(f"    依据：{rule['source']}")
        print(f"    原文：{spec.quote}")
        if spec.changed:
            print(f"    变化：{spec.changed}")
        print(f"    文件：{spec.path.relative_to(spec.path.parents[2])}\n")
    return 0


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    add_rules_arg(p, "show the requirements of this rules file")


def _run(args: argparse.Namespace) -> int:
    return indicators_command(args.rules)


COMMAND = Command(
    "indicators",
    "list every indicator: its name, requirement, definition and source",
    (
        "Print every indicator the scoring computes, in the scorecard's order: its code (the "
        "indicators table's `indicator`), its Chinese name, the requirement a rules file sets "
        "(--rules), its weight, its definition, the document the rule comes from, and the file "
        "that declares and computes it (analysis/indicators/<name>.sql)."
    ),
    _add_arguments,
    _run,
)
