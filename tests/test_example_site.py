"""The second example site (examples/lam-giang, a fictional provincial federation) builds with the
repository's theme and plugins, unchanged, from its own settings and content alone."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import feedparser
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lam-giang"
MAIN_NAME = "Công đoàn Công Thương"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("lam-giang-site")
    cache = tmp_path_factory.mktemp("lam-giang-cache")
    run = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out),
         "-e", f"CACHE_PATH={json.dumps(str(cache))}"],
        cwd=EXAMPLE, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def test_its_own_identity_and_never_the_main_sites_name(built):
    home = (built / "index.html").read_text("utf-8")
    assert "Liên đoàn Lao động tỉnh Lam Giang" in home
    assert "LĐLĐ Lam Giang" in home or "Đoàn kết – Đổi mới" in home
    for page in built.rglob("*.html"):
        assert MAIN_NAME not in page.read_text("utf-8"), page
    assert "Lam Giang" in (built / "theme" / "identity" / "logo.svg").read_text("utf-8")


def test_its_colours_from_its_settings_in_css_pages_and_share_cards(built):
    """Its IDENTITY_COLORS (teal) reach the generated identity.css, theme-color and the share cards; it
    has no CSS file of its own, and the Công đoàn Việt Nam blue appears nowhere."""
    assert not list((EXAMPLE / "nhan-dien").rglob("*.css"))
    css = (built / "theme" / "identity" / "identity.css").read_text("utf-8")
    assert "--cdct-blue-700:#0f5e5f;" in css and "--cdct-blue-900:#0b3b3c;" in css
    assert "--cdct-ink:#1b1f24;" in css  # a colour it does not set keeps the engine's
    assert "#0a2656" not in css and "#0b3d91" not in css
    assert '<meta name="theme-color" content="#0b3b3c">' in (built / "index.html").read_text("utf-8")
    cards = sorted((built / "anh" / "chia-se").rglob("*.jpg"))
    assert len(cards) == 10
    with Image.open(cards[0]) as card:
        assert card.getpixel((20, 300)) == pytest.approx((0x0b, 0x3b, 0x3c), abs=6)  # its blue-900


def test_its_four_levels_by_their_own_names(built):
    pages = {slug: (built / "don-vi" / slug / "index.html").read_text("utf-8")
             for slug in ("ldld-lam-giang", "ldld-song-cam", "cd-may-lam-thuy", "cd-xuong-cat-may")}
    assert "Liên đoàn Lao động tỉnh" in pages["ldld-lam-giang"]
    assert "Liên đoàn Lao động huyện, thành phố" in pages["ldld-song-cam"]
    assert "Công đoàn cơ sở" in pages["cd-may-lam-thuy"]
    assert "Công đoàn bộ phận" in pages["cd-xuong-cat-may"]
    assert (built / "chuyen-muc" / "thi-dua-lao-dong" / "index.html").is_file()


def test_its_feeds_parse_with_its_articles(built):
    feeds = sorted(built.rglob("*.xml"))
    feeds = [f for f in feeds if f.name != "sitemap.xml"]
    assert feeds
    items = 0
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert MAIN_NAME not in parsed.feed.get("title", ""), feed
        items = max(items, len(parsed.entries))
    assert items == 10


def test_its_report_counts_its_units_by_its_level_names(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "union_reports", "--year", "2025", "--half", "1", "--output", str(tmp_path)],
        cwd=EXAMPLE, capture_output=True, text=True, timeout=600, check=False,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads((tmp_path / "bao-cao-2025-H1.json").read_text("utf-8"))
    rows = {row["slug"]: row for row in report["units"]}
    assert len(rows) == 6
    assert rows["ldld-lam-giang"]["level_name"] == "Liên đoàn Lao động tỉnh"
    assert rows["cd-xuong-cat-may"]["level_name"] == "Công đoàn bộ phận"
    assert rows["ldld-lam-giang"]["branch"]["total"] == 10
    assert rows["ldld-tp-lam-thuy"]["branch"]["total"] == 4
    # Its own plan (PLAN_TARGETS): target 2.2 for its district federations, three orientation documents
    # a year; 2.1/2.3 from 300 members (the engine's default would be cap-tren-co-so, 2 and 1,000).
    assert report["plan"]["target_level_name"] == "Liên đoàn Lao động huyện, thành phố"
    district, province = rows["ldld-tp-lam-thuy"]["targets"], rows["ldld-lam-giang"]["targets"]
    assert district["orientation"]["applies"] and district["orientation"]["required"] == 3
    assert district["direct"]["required"] == 2 and not province["orientation"]["applies"]
    assert rows["cd-xuong-cat-may"]["targets"]["outreach"]["applies"]  # 340 members
    # The signed document names that level as its levels.yml does, never the industry union's.
    from docx import Document

    text = "\n".join(p.text for p in Document(tmp_path / "bao-cao-2025-H1.docx").paragraphs)
    assert "Liên đoàn Lao động huyện, thành phố (lũy kế từ 01/01/2025, chỉ tiêu mỗi năm ít nhất 03 tài liệu" in text
    assert "Bảng 5. Chỉ tiêu 2.2 của từng đơn vị cấp “Liên đoàn Lao động huyện, thành phố”" in text
    assert "cấp trên trực tiếp cơ sở" not in text.lower()
    # Its own settings, not the engine's site: its colours in the stand-alone page and the Excel charts.
    page = (tmp_path / "bao-cao-2025-H1.html").read_text("utf-8")
    assert "--cdct-blue-700:#0f5e5f;" in page
    # The stand-alone page states its own plan too: its level, 03 documents a year, from 300 members.
    assert "cấp “Liên đoàn Lao động huyện, thành phố”, mỗi năm ít nhất 03 tài liệu định hướng" in page
    assert "đơn vị từ 300 đoàn viên" in page and "cấp trên trực tiếp cơ sở" not in page
    with zipfile.ZipFile(tmp_path / "bao-cao-2025-H1.xlsx") as xlsx:
        charts = [xlsx.read(n).decode() for n in xlsx.namelist() if n.startswith("xl/charts/chart")]
    assert charts and all('srgbClr val="0F5E5F"' in chart for chart in charts)


def test_its_pages_pass_the_nu_validator_as_the_main_sites_do(built):
    """Checked like the main site: every page and its CSS (its own generated identity.css included)."""
    from test_theme_quality import nu_errors

    pages, errors = nu_errors(built)
    assert pages > 15
    assert [f"{m['url'].rsplit('/', 3)[-3:]}:{m.get('lastLine')}: {m['message']}" for m in errors] == []


@pytest.mark.browser
def test_its_pages_pass_axe_in_chromium(built):
    pytest.importorskip("playwright")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from local_site import chromium, serve

    pages = ["", "don-vi/", "don-vi/ldld-tp-lam-thuy/", "chuyen-muc/", "luu-tru/", "tim-kiem/"]
    pages.append(next(built.glob("don-vi/*/*/*/index.html")).parent.relative_to(built).as_posix() + "/")
    with serve(built) as base, sync_playwright() as p, chromium(p) as browser:
        page = browser.new_page(viewport={"width": 375, "height": 812})
        axe = Axe()
        found = {}
        for rel in pages:
            page.goto(base + rel, wait_until="load")
            found[rel] = [v["id"] for v in axe.run(page).response["violations"]]
    assert found == {rel: [] for rel in pages}
