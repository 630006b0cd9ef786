"""The same install next week: requirements.lock pins every dependency, and the environment the
tests run in was installed from it (make test installs with it as constraints)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from .conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            m = PIN.match(line.strip())
            assert m, f"not an exact pin: {line!r}"
            found[normal(m[1])] = m[2]
    return found


def test_every_declared_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {normal(re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0]) for d in declared}
    assert names - set(pins()) == set()


def test_the_test_environment_is_the_locked_one():
    differ, compared = {}, 0
    for name, version in pins().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # pinned for another extra or platform, not installed here
        compared += 1
        if installed != version:
            differ[name] = (installed, version)
    assert differ == {}, "installed ≠ locked: run make test (it reinstalls from the lock)"
    assert compared >= len(pins()) - 5  # the environment really is the locked one, not a few
