"""The GitHub Actions workflows hold secrets away from untrusted code (issue 14).

zizmor (the Actions security linter, pinned in requirements.txt) reports nothing, offline; and the
rules it does not spell out are read from the YAML itself: pull requests run on `pull_request` only,
with a read-only token; every action is pinned by a full commit SHA; checkouts keep no credentials;
only the deploy job may write to Pages, and only from main.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")
SHA_PIN_RE = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1)
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict):
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def test_zizmor_reports_nothing_offline():
    assert ZIZMOR.exists(), "zizmor missing: it is pinned in requirements.txt (./dev test installs it)"
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_would_see_an_unpinned_action(tmp_path):
    """The linter run above is live: the same run on a workflow with an unpinned action fails."""
    bad = tmp_path / "kiem-tra.yml"
    text = (WORKFLOWS / "kiem-tra.yml").read_text(encoding="utf-8")
    bad.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", text), encoding="utf-8")
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(bad)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "unpinned-uses" in result.stdout


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_by_sha_and_checkouts_keep_no_credentials(name):
    workflow = load(name)
    assert workflow.get("permissions") == {}, "top-level permissions must be empty; each job asks for its own"
    for job_name, step in steps(workflow):
        if "uses" in step:
            assert SHA_PIN_RE.match(step["uses"]), f"{name}:{job_name}: {step['uses']} is not pinned by SHA"
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{name}:{job_name}"


def test_pull_requests_run_untrusted_code_without_write_access_or_secrets():
    workflow = load("kiem-tra.yml")
    assert set(workflow["on"]) == {"pull_request"}
    code = "\n".join(line.split(" #", 1)[0] for line in (WORKFLOWS / "kiem-tra.yml").read_text(encoding="utf-8")
                     .splitlines() if not line.lstrip().startswith("#"))
    assert "secrets." not in code and "pull_request_target" not in code
    for job in workflow["jobs"].values():
        assert set(job["permissions"].values()) == {"read"}, job["permissions"]


def test_only_the_deploy_job_writes_to_pages_and_only_from_main():
    workflow = load("xuat-ban.yml")
    assert "pull_request" not in workflow["on"] and "pull_request_target" not in workflow["on"]
    writers = {name for name, job in workflow["jobs"].items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert all("run" not in step for step in deploy["steps"]), "the deploy job runs no code from the repository"
    for job in workflow["jobs"].values():
        assert job.get("if") == "github.ref == 'refs/heads/main'"
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
