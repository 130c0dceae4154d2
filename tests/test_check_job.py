"""The pull request's content job (`./dev check`) installs requirements-check.txt only: these tests keep that
subset pinned like requirements.txt and sufficient for what the checker imports."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(name: str) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / name).read_text("utf-8").splitlines())
    return [line for line in lines if line]


def closure(requirements: list[str]) -> set[str]:
    """The distributions the requirements install, with their dependencies (extras named included)."""
    seen: set[str] = set()
    todo = [Requirement(line) for line in requirements]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        extras = req.extras
        if name in seen and not extras:
            continue
        seen.add(name)
        for dep in metadata.requires(req.name) or []:
            dep_req = Requirement(dep)
            marker_ok = dep_req.marker is None or any(
                dep_req.marker.evaluate({"extra": extra}) for extra in (extras or {""}))
            if marker_ok:
                todo.append(dep_req)
    return seen


def test_the_check_subset_is_pinned_exactly_as_in_requirements_txt():
    full = set(requirement_lines("requirements.txt"))
    subset = requirement_lines("requirements-check.txt")
    assert subset, "requirements-check.txt is empty"
    assert [line for line in subset if line not in full] == [], "each line must be one of requirements.txt"


def test_the_checker_imports_nothing_outside_the_check_subset():
    """Run the checker as the content job does and map every module it imported to its distribution."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "content_check", "content"],
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s+(\S+)$", result.stderr, re.M)}
    assert {"content_check", "PIL", "nh3", "pelican"} <= imported  # the parse is not vacuous
    owners = metadata.packages_distributions()
    # pip and setuptools come with every venv (setuptools' _distutils_hack loads at start-up).
    allowed = closure(requirement_lines("requirements-check.txt")) | {"pip", "setuptools"}
    outside = {name: owners[name] for name in imported
               if name in owners and not {canonicalize_name(d) for d in owners[name]} & allowed}
    assert outside == {}, "add these to requirements-check.txt (pinned as in requirements.txt)"
