"""The pull request's content job (`./dev check`) installs requirements-check.txt only: these tests keep that
subset pinned like requirements.txt and sufficient for what the checker imports."""

from __future__ import annotations

import importlib.metadata as metadata
import json
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


RUN_CHECKER = """
import json, runpy, sys
sys.argv = ["content_check", "content"]
try:
    runpy.run_module("content_check", run_name="__main__")
    code = 0
except SystemExit as exc:
    code = exc.code
files = [getattr(module, "__file__", None) for module in list(sys.modules.values())]
with open(OUT, "w", encoding="utf-8") as out:
    json.dump({"code": code, "files": [f for f in files if f]}, out)
"""


def test_the_checker_imports_nothing_outside_the_check_subset(tmp_path):
    """Run the checker as the content job does and map the file of every module it loaded to the
    distribution that installed it (by file, not by top-level name: pelican.plugins.sitemap is
    pelican-sitemap's, not pelican's)."""
    out = tmp_path / "modules.json"
    result = subprocess.run([sys.executable, "-c", f"OUT = {str(out)!r}\n" + RUN_CHECKER], cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=False)
    loaded = json.loads(out.read_text(encoding="utf-8"))
    assert result.returncode == 0 and loaded["code"] == 0, result.stdout + result.stderr
    owner = {}
    for dist in metadata.distributions():
        for file in dist.files or []:
            owner[str(Path(dist.locate_file(file)).resolve())] = canonicalize_name(dist.metadata["Name"])
    used = {owner[str(Path(f).resolve())] for f in loaded["files"] if str(Path(f).resolve()) in owner}
    assert {"pelican", "pillow", "nh3"} <= used  # the mapping is not vacuous
    # pip and setuptools come with every venv (setuptools' _distutils_hack loads at start-up).
    allowed = closure(requirement_lines("requirements-check.txt")) | {"pip", "setuptools"}
    assert sorted(used - allowed) == [], "add these to requirements-check.txt (pinned as in requirements.txt)"
