"""``invoke init``: a second union gets a working site from settings and content alone (issue 15).

The folder it writes is checked and built by the real command-line tools, as the union would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
NAME, SHORT, DOMAIN = "Công đoàn Ngành Đường sắt Hư Cấu", "CĐN ĐSHC", "congdoan-dshc.example.vn"


def _run(args, cwd, **env):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "cd-dshc"
    run = _run([sys.executable, "-m", "invoke", "init", "--name", NAME, "--short-name", SHORT,
                "--domain", f"https://{DOMAIN}/", "--folder", str(folder)], ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "✓ Đã tạo trang" in run.stdout
    return folder


def test_it_writes_the_unions_own_files_and_reaches_the_engine_by_a_relative_path(site):
    written = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert written == sorted([
        "pelicanconf.py", "publishconf.py", "content/levels.yml", "content/categories.yml",
        "content/units/cong-doan-nganh-duong-sat-hu-cau/unit.yml", "content/pages/gioi-thieu.md",
        "content/pages/lien-he.md", *[str(p.relative_to(site)) for p in site.glob("content/units/*/*/bai-mau/index.md")]])
    assert len(list(site.glob("content/units/*/*/bai-mau/index.md"))) == 1
    conf = (site / "pelicanconf.py").read_text("utf-8")
    assert f'ENGINE = (HERE / "{os.path.relpath(ROOT, site)}").resolve()' in conf
    assert "Công Thương" not in conf and NAME in conf
    assert f'"https://{DOMAIN}"' in (site / "publishconf.py").read_text("utf-8")


def test_the_checker_passes_it_and_pelican_builds_it_with_its_name_and_feed(site):
    check = _run([sys.executable, "-m", "content_check", "content"], site, PYTHONPATH=str(ROOT / "plugins"))
    assert check.returncode == 0, check.stdout + check.stderr
    build = _run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"], site)
    assert build.returncode == 0, build.stdout + build.stderr
    home = BeautifulSoup((site / "output" / "index.html").read_text("utf-8"), "html.parser")
    assert NAME in home.title.get_text()
    assert "Bài mẫu" in home.get_text()
    assert "Công Thương" not in home.get_text()
    feed = feedparser.parse((site / "output" / "feeds" / "tat-ca.rss.xml").read_bytes())
    assert not feed.bozo and feed.feed.title.startswith(NAME)
    assert [entry.title for entry in feed.entries] == [f"Bài mẫu: {SHORT} ra mắt trang thông tin điện tử"]
    assert (site / "output" / "gioi-thieu" / "index.html").is_file() and (site / "output" / "lien-he" / "index.html").is_file()


def test_a_folder_that_is_not_empty_is_refused_in_vietnamese(tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    run = _run([sys.executable, "-m", "invoke", "init", "--name", NAME, "--short-name", SHORT,
                "--domain", DOMAIN, "--folder", str(tmp_path)], ROOT)
    assert run.returncode == 1
    assert "không trống" in run.stderr and "không ghi đè" in run.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["ghi-chu.txt"]


def test_missing_options_without_a_terminal_are_listed(tmp_path):
    run = _run([sys.executable, "-m", "invoke", "init", "--name", NAME, "--folder", str(tmp_path / "moi")], ROOT)
    assert run.returncode == 1
    assert "--short-name: Tên viết tắt" in run.stderr and "--domain: Tên miền" in run.stderr
    assert not (tmp_path / "moi").exists()


def test_a_wrong_domain_is_refused(tmp_path):
    from contrib_tools.init_site import InitError, init_site

    with pytest.raises(InitError, match="Tên miền"):
        init_site(tmp_path / "moi", NAME, SHORT, "không phải tên miền")
    assert not (tmp_path / "moi").exists()
