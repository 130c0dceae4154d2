"""The newcomer's contract: README's first code block, .ci/run, pinned requirements."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```[^\n]*\n(.*?)```", text, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_build_then_the_test_command():
    assert readme_commands() == ["./dev build", "./dev test"]


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == readme_commands()[1]


def test_every_requirement_is_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^\s]*", line), line


def test_the_code_passes_ruff_with_the_projects_rules():
    import subprocess
    import sys

    assert "[tool.ruff.lint]" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_fast_job_on_every_push_and_the_full_suite_on_pull_requests():
    import yaml

    workflows = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    # PyYAML reads the key `on:` as True.
    fast = [w for w in workflows.values() if "push" in w[True] and any(
        "--fast" in step.get("run", "") for job in w["jobs"].values() for step in job["steps"])]
    assert fast, "no workflow runs `./dev test --fast` on push"
    assert not fast[0][True]["push"] or "branches" not in fast[0][True]["push"], "the fast job must run on every branch"
    full = [w for w in workflows.values() if "pull_request" in w[True] and any(
        step.get("run", "").strip() == "./dev test" for job in w["jobs"].values() for step in job["steps"])]
    assert full, "no workflow runs the full suite (./dev test) on pull requests"
