"""What readers and editors saw on the sample site (issue 13, "Also seen by readers and editors")."""

from __future__ import annotations

from lxml import etree

from conftest import article, soup

UNIT = "units/cd-thu-nghiem"


def test_the_press_page_is_one_scannable_line_per_feed_with_full_urls(publish_site):
    page = soup(publish_site / "bao-chi")
    items = page.select(".cdct-feeds__item")
    assert len(items) >= 1 + 8 + 10
    for item in items:
        name = item.select_one(".cdct-feeds__name").get_text(strip=True)
        links = item.select("a.cdct-feeds__url")
        assert name and [a.select_one(".cdct-feeds__format").get_text() for a in links] == ["RSS", "Atom"]
        for a in links:  # the full URL is the text a press officer copies
            assert a.get_text(" ", strip=True).split(" ", 1)[1] == a["href"]
        assert item.select_one(".cdct-feeds__count").get_text(strip=True).startswith("(")
    assert not page.select(".cdct-feeds code")


def test_the_industry_unit_feed_title_does_not_repeat_the_name(publish_site):
    title = etree.parse(str(publish_site / "don-vi/cong-doan-nganh/rss.xml")).findtext("channel/title")
    assert title == "Công đoàn Công Thương Việt Nam"
    other = etree.parse(str(publish_site / "don-vi/may-binh-an/rss.xml")).findtext("channel/title")
    assert other.endswith(" – Công đoàn Công Thương Việt Nam") and other.count("Công đoàn Công Thương Việt Nam") == 1


def test_a_credit_already_starting_with_anh_is_not_doubled(build_site):
    from realfiles import jpeg

    site = build_site({f"{UNIT}/2024/co-anh/index.md": article(
        image="anh.jpg", image_alt="Hội trường", image_credit='"Ảnh: Nguyễn Văn A"'),
        f"{UNIT}/2024/co-anh/anh.jpg": jpeg()})
    caption = site.html("don-vi/cd-thu-nghiem/2024/co-anh/").select_one("figcaption").get_text(" ", strip=True)
    assert "Ảnh: Nguyễn Văn A" in caption and "Ảnh: Ảnh" not in caption


def test_the_phone_menu_links_home():
    css = (soup.__globals__["ROOT"] / "themes/cdct/static/css/cdct.css").read_text(encoding="utf-8")
    assert ".cdct-nav__item--home{display:none}" not in css.replace(" ", "")
