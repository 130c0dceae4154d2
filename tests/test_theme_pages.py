"""The cdct theme's HTML: what each page type shows and the metadata around it.

Tiny sites built with the real settings (build_site), and the sample site (sample_site /
publish_site) for the site-wide rules: every page from cdct, unique titles and descriptions,
absolute URLs in production, sitemap and robots.txt.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import article

UNIT = "units/cd-thu-nghiem"
ART_URL = "don-vi/cd-thu-nghiem/2024/hoi-nghi/"


def _jpeg(width=640, height=480) -> bytes:
    from io import BytesIO

    buf = BytesIO()
    Image.new("RGB", (width, height), (30, 80, 160)).save(buf, "JPEG", quality=60)
    return buf.getvalue()


def _ld(page: BeautifulSoup, kind: str) -> dict:
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


@pytest.fixture
def small_site(build_site):
    files = {
        f"{UNIT}/2024/hoi-nghi.md": article(
            "Hội nghị người lao động năm 2024", date="2024-11-28 08:30", tags="[Đoàn viên, Tháng Công nhân]",
            author='"Trần Thị Mai"', image="hoi-nghi.jpg", image_alt='"Công nhân dự hội nghị"',
            image_credit='"Lê Hùng"', image_caption='"Quang cảnh hội nghị."', source='"Báo Lao Động"',
            source_url='"https://laodong.vn/bai-mau"', featured="true",
            body="Đoạn mở đầu của bài.\n\nĐoạn thứ hai."),
        f"{UNIT}/2024/hoi-nghi.jpg": _jpeg(),
        f"{UNIT}/2024/bai-cu.md": article("Bài cũ hơn", date="2024-03-01 08:00"),
        "units/cong-doan-nganh/2024/bai-nganh.md": article("Bài của ngành", date="2024-02-01 08:00",
                                                           category="chinh-sach-phap-luat"),
        "pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n",
        "pages/bo-nhan-dien.md": "---\ntitle: Bộ nhận diện\ntemplate: identity\n---\nBộ nhận diện.\n",
        "pages/bao-chi.md": "---\ntitle: Dành cho báo chí\ntemplate: press\n---\nĐiều kiện đăng lại.\n",
    }
    return build_site(files)


def test_article_page_shows_everything_a_reader_needs(small_site):
    page = small_site.html(ART_URL)
    assert page.html["lang"] == "vi"
    assert page.find("h1").get_text(strip=True) == "Hội nghị người lao động năm 2024"
    time = page.select_one(".cdct-article__meta time")
    assert time.get_text() == "Thứ Năm, 28/11/2024" and time["datetime"] == "2024-11-28T08:30:00+07:00"
    assert "Trần Thị Mai" in page.select_one(".cdct-article__meta").get_text()
    kicker = page.select_one(".cdct-article__kicker").get_text(" ", strip=True)
    assert "Hoạt động công đoàn" in kicker and "Công đoàn Công ty Thử Nghiệm" in kicker
    crumbs = [li.get_text(strip=True) for li in page.select(".cdct-breadcrumbs li")]
    assert crumbs == ["Trang chủ", "Đơn vị", "Công đoàn Công ty Thử Nghiệm", "Hội nghị người lao động năm 2024"]
    img = page.select_one("figure img")
    assert img["alt"] == "Công nhân dự hội nghị" and (img["width"], img["height"]) == ("640", "480")
    caption = page.select_one("figcaption").get_text(" ", strip=True)
    assert "Quang cảnh hội nghị." in caption and "Ảnh: Lê Hùng" in caption
    source = page.select_one(".cdct-article__source")
    assert source.get_text(strip=True) == "Nguồn:Báo Lao Động" and source.a["href"] == "https://laodong.vn/bai-mau"
    assert [a.get_text() for a in page.select(".cdct-tags a")] == ["Đoàn viên", "Tháng Công nhân"]
    assert page.select_one('a[rel="prev"]').get_text() == "Bài cũ hơn"
    related = [a.get_text() for a in page.select(".cdct-related li a")]
    assert related and "Bài cũ hơn" in related


def test_article_share_links_are_plain_links_and_no_third_party_script(small_site):
    page = small_site.html(ART_URL)
    share = [a["href"] for a in page.select(".cdct-share a")]
    assert share[0].startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert share[1].startswith("https://sp.zalo.me/")
    for tag in page.select("script[src], link[href], img[src]"):
        ref = tag.get("src") or tag.get("href")
        assert not ref.startswith(("http:", "https:", "//")), ref  # zero third-party requests


def test_article_metadata(small_site):
    page = small_site.html(ART_URL)
    assert page.title.get_text() == "Hội nghị người lao động năm 2024 – Công đoàn Công Thương Việt Nam"
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("Đoạn mở đầu của bài.")
    assert page.find("link", rel="canonical")["href"].endswith(ART_URL)
    assert page.find("meta", property="og:type")["content"] == "article"
    assert "hoi-nghi" in page.find("meta", property="og:image")["content"]
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    news = _ld(page, "NewsArticle")
    assert news["datePublished"] == "2024-11-28T08:30:00+07:00"
    assert news["author"][0]["name"] == "Trần Thị Mai"
    assert news["publisher"]["name"] == "Công đoàn Công Thương Việt Nam"
    crumbs = _ld(page, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs][-1] == "Hội nghị người lao động năm 2024"
    feeds = [link["href"] for link in page.select('link[rel="alternate"]')]
    assert any(f.endswith("feeds/tat-ca.rss.xml") for f in feeds)
    assert any(f.endswith("don-vi/cd-thu-nghiem/rss.xml") for f in feeds)


def test_home_has_the_lead_story_latest_category_blocks_and_units(small_site):
    home = small_site.html("")
    assert home.select_one(".cdct-home__lead h3").get_text(strip=True) == "Hội nghị người lao động năm 2024"
    headings = [h.get_text(strip=True) for h in home.select("main h2")]
    assert headings[:2] == ["Tiêu điểm", "Tin mới"]
    assert "Hoạt động công đoàn" in headings and "Chính sách – Pháp luật" in headings
    assert "Các đơn vị" in headings
    assert len(home.find_all("h1")) == 1


def test_unit_category_and_tag_pages(small_site):
    unit = small_site.html("don-vi/cd-thu-nghiem/")
    assert unit.find("h1").get_text(strip=True) == "Công đoàn Công ty Thử Nghiệm"
    facts = unit.select_one(".cdct-profile__facts").get_text(" ", strip=True)
    assert "Đoàn viên 800" in facts and "Trực thuộc Công đoàn Công Thương Việt Nam" in facts
    assert unit.select_one('link[rel="alternate"][href$="don-vi/cd-thu-nghiem/rss.xml"]')
    assert [a.get_text() for a in unit.select(".cdct-card__title a")] == ["Hội nghị người lao động năm 2024", "Bài cũ hơn"]
    category = small_site.html("chuyen-muc/hoat-dong-cong-doan/")
    assert category.find("h1").get_text(strip=True) == "Hoạt động công đoàn"
    assert category.select_one('link[rel="alternate"][href$="chuyen-muc/hoat-dong-cong-doan/rss.xml"]')
    tag = small_site.html("the/doan-vien/")
    assert tag.find("h1").get_text(strip=True) == "Đoàn viên"
    units = small_site.html("don-vi/")
    assert [h.get_text(" ", strip=True) for h in units.select("main h2")][0].startswith("Công đoàn ngành")


def test_archives_404_search_and_pages(small_site):
    archives = small_site.html("luu-tru/")
    assert [h.get_text(" ", strip=True) for h in archives.select("main h2")] == ["Năm 2024 (3 tin bài)"]
    assert archives.select_one('main h3 a[href$="luu-tru/2024/03/"]')
    month = small_site.html("luu-tru/2024/03/")
    assert month.find("h1").get_text(strip=True) == "Tháng 3/2024"
    notfound = small_site.html("404.html")
    assert notfound.find("h1").get_text() == "Không tìm thấy trang"
    assert notfound.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    search = small_site.html("tim-kiem/")
    assert search.select_one('form[role="search"] input[name="q"]')
    assert search.select_one('[data-search-fallback] a[href$="luu-tru/"]')  # works without JavaScript
    identity = small_site.html("bo-nhan-dien/")
    assert identity.select_one('.cdct-kit img[src$="theme/identity/logo.svg"]')
    assert "Tổ chức của người lao động" in identity.select_one(".cdct-kit__slogan").get_text()
    _assert_colours_from_the_setting(small_site, identity)
    press = small_site.html("bao-chi/")
    feeds = [a["href"] for a in press.select(".cdct-feeds a")]
    assert any(f.endswith("feeds/tat-ca.atom.xml") for f in feeds)
    assert any(f.endswith("chuyen-muc/doi-ngoai/rss.xml") for f in feeds)
    assert any(f.endswith("don-vi/cd-thu-nghiem/rss.xml") for f in feeds)


def _assert_colours_from_the_setting(site, identity_page):
    """identity.css, the identity page's table and theme-color all carry IDENTITY_COLORS (one source)."""
    from site_core.identity import identity_colors

    colours = identity_colors(site.settings)
    css = (site.output / "theme" / "identity" / "identity.css").read_text("utf-8")
    assert [f"--{name}:{entry['color']};" for name, entry in colours.items()] == \
        [line for line in css.splitlines() if line.startswith("--")]
    shown = [(li.select_one(".cdct-swatch__name").get_text(), li.code.get_text(), li.rect["fill"])
             for li in identity_page.select(".cdct-swatch")]
    assert shown == [(entry["label"], entry["color"], entry["color"]) for entry in colours.values()]
    home = site.html("index.html")
    assert home.find("meta", attrs={"name": "theme-color"})["content"] == colours["cdct-blue-900"]["color"]
    return colours


def test_the_main_site_has_the_union_kit_colours(small_site):
    colours = _assert_colours_from_the_setting(small_site, small_site.html("bo-nhan-dien/"))
    assert colours["cdct-blue-900"] == {"color": "#0a2656", "label": "Xanh đậm", "use": "Nền đầu trang, chân trang"}


def test_a_site_with_other_colours_gets_them_everywhere(build_site):
    site = build_site({"pages/bo-nhan-dien.md": "---\ntitle: Bộ nhận diện\ntemplate: identity\n---\nMàu.\n",
                       f"{UNIT}/2024/hoi-nghi.md": article("Hội nghị", date="2024-11-28 08:30")},
                      IDENTITY_COLORS={"cdct-blue-900": "#123", "cdct-red-700": {"color": "#8A1C1C", "label": "Đỏ sẫm"}})
    colours = _assert_colours_from_the_setting(site, site.html("bo-nhan-dien/"))
    assert colours["cdct-blue-900"] == {"color": "#112233", "label": "Xanh đậm", "use": "Nền đầu trang, chân trang"}
    assert colours["cdct-red-700"]["color"] == "#8a1c1c" and colours["cdct-red-700"]["label"] == "Đỏ sẫm"
    card = next((site.output / "anh" / "chia-se").rglob("*.jpg"))
    with Image.open(card) as image:
        assert image.getpixel((20, 300)) == pytest.approx((0x11, 0x22, 0x33), abs=6)


def test_a_wrong_colour_stops_the_build_naming_it(build_site):
    with pytest.raises(ValueError, match=r"IDENTITY_COLORS\['cdct-ink'\].*không phải mã màu"):
        build_site({}, IDENTITY_COLORS={"cdct-ink": "đen"})


def test_publish_build_uses_absolute_urls(build_site):
    site = build_site({f"{UNIT}/2024/hoi-nghi.md": article("Hội nghị")}, settings="publishconf.py",
                      SITEURL="https://cd.example.vn")
    page = site.html(ART_URL)
    assert page.find("link", rel="canonical")["href"] == f"https://cd.example.vn/{ART_URL}"
    assert page.find("meta", property="og:url")["content"] == f"https://cd.example.vn/{ART_URL}"
    assert page.find("meta", property="og:image")["content"].startswith("https://cd.example.vn/")
    fb = page.select_one(".cdct-share__link--facebook")["href"]
    assert fb.endswith("u=https%3A%2F%2Fcd.example.vn%2Fdon-vi%2Fcd-thu-nghiem%2F2024%2Fhoi-nghi%2F")
    assert _ld(page, "NewsArticle")["url"] == f"https://cd.example.vn/{ART_URL}"
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://cd.example.vn/{ART_URL}</loc>" in sitemap
    assert "404.html" not in sitemap and "tim-kiem" not in sitemap
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://cd.example.vn/sitemap.xml" in robots


# --- The sample site ---

def _pages(output: Path):
    # admin/ is the web editor (Decap CMS, plugins/web_editor), not a page of the theme.
    return sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin")


@pytest.mark.slow
def test_every_sample_page_comes_from_cdct_with_a_unique_title_and_description(sample_site):
    titles, descriptions = Counter(), Counter()
    for path in _pages(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert page.select_one("body.cdct-page"), f"{path} is not from the cdct theme"
        assert page.select_one("main#noi-dung") and page.select_one("header.cdct-header"), path
        assert page.find("link", rel="canonical"), path
        titles[page.title.get_text()] += 1
        descriptions[page.find("meta", attrs={"name": "description"})["content"]] += 1
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


@pytest.mark.slow
def test_sample_publish_build_is_absolute_and_has_a_sitemap(publish_site):
    sitemap = (publish_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http" in sitemap and "<loc>/" not in sitemap
    robots = (publish_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://" in robots and robots.rstrip().endswith("/sitemap.xml"), robots
    for path in _pages(publish_site)[:50]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert page.find("link", rel="canonical")["href"].startswith("http"), path
