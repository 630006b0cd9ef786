"""The import rules are a checked contract (issue 27): `.importlinter`, run by `make lint` and
`make test`, refuses an import upward through the layers (crawlers -> pipelines -> analysis ->
reports -> zwgk) or from the product into the samples; and no modules import each other in a
cycle, outside the sample generator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawlers", "pipelines", "analysis", "reports", "zwgk", "samples", "bench")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CYCLES_ALLOWED_IN = "samples.generator"  # the generator's planners and plans call each other


def python_only(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if not (Path(folder, n).is_dir() or n.endswith(".py"))}


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """The packages' Python files and the contract, copied where a test may change them."""
    tmp = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp / package, ignore=python_only)
    shutil.copy(ROOT / ".importlinter", tmp)
    return tmp


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=300
    )


def test_the_tree_keeps_the_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # a crawler reading the scorecard: upward through every layer
        ("crawlers/upward.py", "from reports import render\n", "crawlers.upward -> reports.render"),
        ("analysis/upward.py", "import zwgk.cli\n", "analysis.upward -> zwgk.cli"),
        # the product serving the samples itself
        (
            "zwgk/samples_inside.py",
            "from samples import server\n",
            "zwgk.samples_inside -> samples.server",
        ),
    ],
)
def test_an_import_against_the_contract_fails_the_lint(tree, module, line, broken):
    added = tree / module
    added.write_text(line, encoding="utf-8")
    try:
        result = lint_imports(tree)
    finally:
        added.unlink()
    assert result.returncode != 0
    assert broken in result.stdout


def test_no_modules_import_each_other_in_a_cycle():
    graph = grimp.build_graph(*PACKAGES)
    imports = {m: graph.find_modules_directly_imported_by(m) & graph.modules for m in graph.modules}
    cycles = [c for c in strongly_connected(imports) if len(c) > 1]
    assert [c for c in cycles if not all(m.startswith(CYCLES_ALLOWED_IN) for m in c)] == []


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found
