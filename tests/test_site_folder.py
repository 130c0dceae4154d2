"""The tasks work on the site of the folder they are run from (issue 15, adoption).

A union's site in a subfolder (``invoke init --folder site``) and the example examples/lam-giang run the
same commands as the repository's own site: ``cd site && ../.venv/bin/invoke build``. invoke finds
tasks.py by walking up; the tasks then use the nearest pelicanconf.py's folder for content/, output/,
public/, reports/ and the cache. Each test lays out a repository as a union has it — the engine
(tasks.py, plugins/, themes/, tools/, .venv) at the top and the site in a folder below — in tmp_path, with
the engine linked to this one, runs the real commands there, and checks that everything lands in the
site's folder and nothing in the engine's: neither the linked copy's top nor this repository's output/,
public/, reports/ or cache/.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from local_site import free_port

# What merging the engine brings to a union's repository: its code and the sample site's settings at the top.
ENGINE_PARTS = ("tasks.py", "plugins", "themes", "tools", "pelicanconf.py", "publishconf.py")
SITE_FOLDERS = ("output", "public", "reports", "cache")
NAME, SHORT, DOMAIN = "Công đoàn Ngành Cảng biển Hư Cấu", "CĐN CBHC", "congdoan-cbhc.example.vn"
MAIN_NAME = "Công đoàn Công Thương"


def repository(tmp: Path) -> Path:
    """A union's git repository: the engine at its top (linked to this checkout's), no site of its own yet."""
    top = tmp / "kho"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    for name in ENGINE_PARTS:
        (top / name).symlink_to(ROOT / name)
    (top / ".venv").symlink_to(Path(sys.prefix))  # the venv running the tests: its bin/invoke
    return top


def invoke(top: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``<relative path>/.venv/bin/invoke ARGS`` run from ``cwd``, as the README writes it."""
    env = {key: value for key, value in os.environ.items() if key not in ("SITEURL", "CDCT_SITEURL")}
    program = os.path.relpath(top / ".venv" / "bin" / "invoke", cwd)
    return subprocess.run([program, *args], cwd=cwd, capture_output=True, text=True, timeout=900,
                          check=False, env=env, stdin=subprocess.DEVNULL)


def ok(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def stamps(folder: Path) -> dict:
    """What this repository's own site folders hold at their top, and when each entry last changed."""
    return {name: sorted((p.name, p.stat().st_mtime_ns) for p in (folder / name).iterdir())
            if (folder / name).is_dir() else None for name in SITE_FOLDERS}


def run_the_site_tasks(top: Path, site: Path, year: str) -> dict:
    """build, check, build --publish and report, each from inside ``site``; the outputs of each."""
    before = stamps(ROOT)
    outputs = {"build": ok(invoke(top, site, "build")), "check": ok(invoke(top, site, "check")),
               "publish": ok(invoke(top, site, "build", "--publish")),
               "report": ok(invoke(top, site / "content", "report", "--year", year))}  # from a folder below too
    assert stamps(ROOT) == before, "the repository's own output/, public/, reports/ or cache/ changed"
    assert sorted(p.name for p in top.iterdir()) == sorted([*ENGINE_PARTS, ".git", ".venv", site.relative_to(top).parts[0]])
    for folder in SITE_FOLDERS:
        assert (site / folder).is_dir(), folder
    return outputs


def absolute_urls(page: Path) -> set:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return {link["href"] for link in soup.find_all("link", href=True) if link["href"].startswith("https://")}


def test_an_initialised_site_in_a_subfolder_builds_checks_publishes_and_reports_in_its_folder(tmp_path):
    top = repository(tmp_path)
    ok(invoke(top, top, "init", "--name", NAME, "--short-name", SHORT, "--domain", DOMAIN, "--folder", "site"))
    site = top / "site"
    bai_mau = next(site.glob("content/units/*/*/bai-mau"))
    unit, year = bai_mau.parent.parent.name, bai_mau.parent.name
    root_content = sorted(p.relative_to(ROOT) for p in (ROOT / "content").rglob("*"))
    made = ok(invoke(top, site, "new", "--unit", unit, "--category", "cham-lo-doan-vien", "--title", "Tặng quà đoàn viên"))
    assert f"✓ Đã tạo content/units/{unit}/{year}/tang-qua-doan-vien/index.md" in made
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "content").rglob("*")) == root_content
    outputs = run_the_site_tasks(top, site, year)

    assert "» Trang trong thư mục" in outputs["build"] and str(site) in outputs["build"]
    assert "✓ Nội dung hợp lệ" in outputs["check"]
    home = (site / "output" / "index.html").read_text("utf-8")
    assert NAME in home and "Bài mẫu" in home and "Tặng quà đoàn viên" in home and MAIN_NAME not in home
    public = site / "public" / "index.html"
    assert NAME in public.read_text("utf-8")
    assert f"https://{DOMAIN}/" in absolute_urls(public)  # canonical: the publish build's own domain
    assert not (site / "public" / "ban-nhap").exists()
    assert {p.name for p in (site / "reports").iterdir()} >= {f"bao-cao-{year}.{ext}" for ext in ("csv", "xlsx", "json", "docx", "html")}
    report = (site / "reports" / f"bao-cao-{year}.html").read_text("utf-8")
    assert NAME in report and MAIN_NAME not in report
    assert str(site / "reports" / f"bao-cao-{year}.xlsx") in outputs["report"]

    # CODEOWNERS: GitHub reads it at the repository's top, so its rows name the site's folder.
    root_owners = (ROOT / ".github" / "CODEOWNERS").read_bytes()
    ok(invoke(top, site / "content" / "units", "codeowners"))
    owners = (top / ".github" / "CODEOWNERS").read_text("utf-8")
    assert f"/site/content/units/{unit}/" in owners and "/site/content/categories.yml" in owners
    assert "\n/content/" not in owners
    assert "khớp" in ok(invoke(top, site, "codeowners", "--check"))
    assert (ROOT / ".github" / "CODEOWNERS").read_bytes() == root_owners


@pytest.mark.slow
def test_the_example_federation_builds_with_its_own_colours_domain_and_reports_in_its_folder(tmp_path):
    top = repository(tmp_path)
    site = top / "examples" / "lam-giang"
    shutil.copytree(ROOT / "examples" / "lam-giang", site, ignore=shutil.ignore_patterns(*SITE_FOLDERS))
    run_the_site_tasks(top, site, "2025")

    home = (site / "output" / "index.html").read_text("utf-8")
    assert "Liên đoàn Lao động tỉnh Lam Giang" in home and MAIN_NAME not in home
    assert '<meta name="theme-color" content="#0b3b3c">' in home
    assert "--cdct-blue-900:#0b3b3c;" in (site / "output" / "theme" / "identity" / "identity.css").read_text("utf-8")
    assert "https://ldld-lamgiang.example.vn/" in absolute_urls(site / "public" / "index.html")
    assert (site / "reports" / "bao-cao-2025.docx").is_file()
    assert "Lam Giang" in (site / "reports" / "bao-cao-2025.html").read_text("utf-8")


def test_the_nearest_pelicanconf_names_the_site_and_the_root_is_the_default(tmp_path):
    import tasks

    site = tmp_path / "kho" / "site"
    (site / "content" / "units").mkdir(parents=True)
    (site / "pelicanconf.py").write_text("", encoding="utf-8")
    assert tasks.site_folder(site / "content" / "units", ROOT) == site
    assert tasks.site_folder(site, ROOT) == site
    assert tasks.site_folder(tmp_path / "kho", ROOT) == ROOT
    assert tasks.invoke_command(ROOT / "examples" / "lam-giang") == "../../.venv/bin/invoke"
    assert tasks.invoke_command(ROOT) == ".venv/bin/invoke"
    assert tasks.invoke_command(site) == f"{ROOT / '.venv' / 'bin' / 'invoke'} -r {ROOT}"


def test_a_publishconf_importing_pelicanconf_from_the_current_folder_gets_the_sites_not_the_engines(tmp_path):
    """The root's publishconf.py finds pelicanconf through the current folder (sys.path.append(os.curdir));
    a site that keeps that line must still get its own pelicanconf in the tasks that read the settings,
    although invoke put the engine's folder, with the engine's pelicanconf.py, first on sys.path."""
    top = repository(tmp_path)
    ok(invoke(top, top, "init", "--name", NAME, "--short-name", SHORT, "--domain", DOMAIN, "--folder", "site"))
    site = top / "site"
    (site / "publishconf.py").write_text(
        "import os\nimport sys\n\nsys.path.append(os.curdir)\n"
        "from pelicanconf import *  # noqa: F403\nfrom site_core import engine_settings\n\n"
        "globals().update(engine_settings.publish_settings(PUBLISH_TARGET))  # noqa: F405\n"
        f"SITEURL = 'https://{DOMAIN}' if SITENAME == {NAME!r} else 'https://sai.example.vn'  # noqa: F405\n",
        encoding="utf-8")
    (site / "public").mkdir()
    (site / "public" / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    port = free_port()
    program = os.path.relpath(top / ".venv" / "bin" / "invoke", site)
    server = subprocess.Popen([program, "serve", "--publish", "--port", str(port)], cwd=site, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        lines = []
        for line in server.stdout:
            lines.append(line)
            if "Đang phục vụ" in line or "✗" in line or "Traceback" in line:
                break
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    assert f"(thay https://{DOMAIN} bằng http://127.0.0.1:{port}/)" in "".join(lines), "".join(lines)
