"""theme_helpers: the pure functions behind the cdct theme's filters, and the identity colours."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from theme_helpers.formats import iso8601, vi_date, vi_month, vi_number
from theme_helpers.identity import IDENTITY_DEFAULTS
from theme_helpers.jsonld import build_breadcrumbs, build_news_article, jsonld
from theme_helpers.related import nearby_in, neighbours_in, related_in
from theme_helpers.robots import robots_txt
from theme_helpers.share import share_url
from theme_helpers.text import meta_description

ROOT = Path(__file__).resolve().parent.parent
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("day, expected", [
    (dt.date(2026, 11, 23), "Thứ Hai, 23/11/2026"),
    (dt.date(2026, 11, 24), "Thứ Ba, 24/11/2026"),
    (dt.date(2026, 11, 25), "Thứ Tư, 25/11/2026"),
    (dt.date(2026, 11, 26), "Thứ Năm, 26/11/2026"),
    (dt.date(2026, 11, 27), "Thứ Sáu, 27/11/2026"),
    (dt.date(2026, 11, 28), "Thứ Bảy, 28/11/2026"),
    (dt.date(2026, 11, 29), "Chủ Nhật, 29/11/2026"),
    (dt.datetime(2024, 5, 1, 8, 30, tzinfo=VN), "Thứ Tư, 01/05/2024"),
])
def test_vi_date_names_the_weekday_in_vietnamese(day, expected):
    assert vi_date(day) == expected


@pytest.mark.parametrize("value, expected", [
    (dt.date(2024, 5, 1), "Tháng 5/2024"),
    ((2024, 11), "Tháng 11/2024"),
    ((2024, 11, 3), "Tháng 11/2024"),
    ((2023,), "Năm 2023"),
])
def test_vi_month(value, expected):
    assert vi_month(value) == expected


def test_vi_number_groups_with_dots_and_iso8601_keeps_the_offset():
    assert vi_number(150000) == "150.000"
    assert iso8601(dt.datetime(2024, 5, 1, 8, 0, tzinfo=VN)) == "2024-05-01T08:00:00+07:00"


@pytest.mark.parametrize("html, limit, expected", [
    ("<p>Ngắn &amp; gọn.</p>", 160, "Ngắn &amp; gọn."),  # escaped again: it goes into attributes
    ('<p>"Ngoặc" &lt;b&gt;</p>', 160, "&#34;Ngoặc&#34; &lt;b&gt;"),
    ("<p>một hai ba bốn năm</p>", 12, "một hai ba…"),
    ("<p>A</p>\n\n<p>B</p>", 160, "A B"),
    ("", 160, ""),
])
def test_meta_description_is_plain_text_cut_on_a_word(html, limit, expected):
    assert meta_description(html, limit) == expected
    assert len(__import__("html").unescape(meta_description(html, limit))) <= limit


def test_jsonld_cannot_close_its_script_element():
    text = str(jsonld({"headline": "</script><b>Đoàn viên & lao động</b>"}))
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><b>Đoàn viên & lao động</b>"
    assert "Đoàn viên" in text  # readable Vietnamese, not \\u escapes


def test_share_urls_are_plain_links_with_the_page_url_encoded():
    url = "https://example.vn/don-vi/a/2024/bai-1/"
    fb = share_url(url, "facebook")
    assert fb == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.vn%2Fdon-vi%2Fa%2F2024%2Fbai-1%2F"
    assert share_url(url, "zalo").startswith("https://sp.zalo.me/")
    with pytest.raises(ValueError, match="CDCT_SHARE_URLS"):
        share_url(url, "myspace")


def _art(day, **kw):
    return SimpleNamespace(date=dt.datetime(2024, 1, day, 8, tzinfo=VN), **kw)


@pytest.mark.parametrize("descending", [True, False])
def test_neighbours_find_newer_and_older_in_either_order(descending):
    arts = [_art(d) for d in (1, 2, 3, 3, 5)]
    seq = sorted(arts, key=lambda a: a.date, reverse=descending)
    newer, older = neighbours_in(seq, arts[2])
    assert older is not None and newer is not None
    assert older.date <= arts[2].date <= newer.date
    assert neighbours_in(seq, arts[0]) == (seq[-2] if descending else seq[1], None)
    assert neighbours_in(seq, _art(9)) == (None, None)  # not in the list


def test_related_prefers_the_same_unit_then_the_category():
    me = _art(10)
    unit = sorted([me, _art(9), _art(2)], key=lambda a: a.date, reverse=True)
    cat = sorted([me, _art(11), _art(12), _art(1), unit[1]], key=lambda a: a.date, reverse=True)
    chosen = related_in(me, unit, cat, limit=4)
    assert me not in chosen and len(chosen) == 4
    assert chosen[:2] == [unit[1], unit[2]]
    assert len({id(a) for a in chosen}) == 4
    assert nearby_in([], me, 3) == []


def test_news_article_json_ld_has_what_search_engines_read():
    unit = SimpleNamespace(name="Công đoàn Thử", url="don-vi/thu/")
    article = SimpleNamespace(
        title="Hội nghị <em>người lao động</em>", url="don-vi/thu/2024/hoi-nghi/", summary="<p>Tóm tắt.</p>",
        date=dt.datetime(2024, 5, 1, 8, tzinfo=VN), modified=None, authors=[SimpleNamespace(name="Lê Văn B")],
        unit=unit, category=SimpleNamespace(name="Hoạt động công đoàn"), tags=[SimpleNamespace(name="Đoàn viên")])
    data = build_news_article(article, "https://cd.example.vn", IDENTITY_DEFAULTS, "https://cd.example.vn/a.jpg")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị người lao động"
    assert data["datePublished"] == data["dateModified"] == "2024-05-01T08:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Lê Văn B"}]
    assert data["publisher"]["logo"]["url"] == "https://cd.example.vn/theme/identity/logo-512.png"
    assert data["mainEntityOfPage"]["@id"] == "https://cd.example.vn/don-vi/thu/2024/hoi-nghi/"
    assert data["image"] == ["https://cd.example.vn/a.jpg"]


def test_breadcrumbs_json_ld():
    data = build_breadcrumbs([("Trang chủ", ""), ("Đơn vị", "don-vi/"), ("Bài", None)], "https://x.vn")
    items = data["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert items[0]["item"] == "https://x.vn/" and items[1]["item"] == "https://x.vn/don-vi/"
    assert "item" not in items[2]


def test_robots_txt_lists_the_sitemap_only_with_an_absolute_siteurl():
    assert "Sitemap: https://x.vn/sitemap.xml" in robots_txt("https://x.vn", True)
    assert "Sitemap" not in robots_txt("", True) and "Sitemap" not in robots_txt("https://x.vn", False)


# --- Identity colours: every pair used for text meets WCAG 2.2 AA (4.5:1) ---

def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _site_colours(settings_file: Path) -> dict:
    """A site's identity colours as its build resolves them (IDENTITY_COLORS over the engine's)."""
    from pelican.settings import read_settings

    from site_core.identity import identity_colors

    return {name: entry["color"] for name, entry in identity_colors(read_settings(str(settings_file))).items()}


# The main site (the Công đoàn Việt Nam kit) and the second example site (its own colours).
SITES = {"main": ROOT / "pelicanconf.py", "lam-giang": ROOT / "examples" / "lam-giang" / "pelicanconf.py"}

TEXT_PAIRS = [  # (text, ground) as the theme uses them
    ("cdct-white", "cdct-blue-900"), ("cdct-line", "cdct-blue-900"), ("cdct-gold-400", "cdct-blue-900"),
    ("cdct-blue-700", "cdct-white"), ("cdct-blue-700", "cdct-paper"), ("cdct-blue-700", "cdct-blue-100"),
    ("cdct-red-700", "cdct-white"), ("cdct-red-700", "cdct-paper"), ("cdct-red-800", "cdct-blue-100"),
    ("cdct-ink", "cdct-white"), ("cdct-ink", "cdct-paper"), ("cdct-ink-muted", "cdct-white"),
    ("cdct-ink-muted", "cdct-paper"), ("cdct-white", "cdct-red-700"), ("cdct-white", "cdct-blue-700"),
    ("cdct-white", "cdct-ink-muted"),
]


@pytest.mark.parametrize("site", SITES)
def test_identity_colour_pairs_meet_wcag_aa(site):
    colours = _site_colours(SITES[site])
    weak = [(text, ground, round(contrast(colours[text], colours[ground]), 2)) for text, ground in TEXT_PAIRS
            if contrast(colours[text], colours[ground]) < 4.5]
    assert weak == []


def test_identity_settings_merge_the_defaults_and_leave_out_unknown_keys():
    from theme_helpers.identity import identity_settings

    identity, unknown = identity_settings({"short_name": "LĐLĐ", "slogn": "typo"}, "Liên đoàn Lao động tỉnh")
    assert unknown == ["slogn"] and "slogn" not in identity
    assert identity["name"] == identity["copyright"] == "Liên đoàn Lao động tỉnh"  # SITENAME, then the name
    assert identity["short_name"] == "LĐLĐ" and identity["logo_png"] == IDENTITY_DEFAULTS["logo_png"]
    with pytest.raises(ValueError, match="CDCT_IDENTITY must be a dict"):
        identity_settings(["name"], "x")


def test_share_settings_keep_the_defaults_and_refuse_a_template_without_the_url():
    from theme_helpers.share import SHARE_URL_DEFAULTS, share_settings

    templates = share_settings({"x": "https://x.example/share?u={url}&t={title}"})
    assert templates["zalo"] == SHARE_URL_DEFAULTS["zalo"] and "x" in templates
    assert share_url("https://a.example/b c", "x", templates, "Tin &amp; ảnh").endswith("u=https%3A%2F%2Fa.example%2Fb%20c&t=Tin%20%26%20%E1%BA%A3nh")
    with pytest.raises(ValueError, match=r"CDCT_SHARE_URLS\['x'\] must contain \{url\}"):
        share_settings({"x": "https://x.example/"})


def _fragment_env():
    from jinja2 import DictLoader, Environment
    from theme_helpers.fragments import once
    env = Environment(autoescape=True, loader=DictLoader({
        "t.html": '{% call once("t", SITEURL, item) %}<a href="{{ SITEURL }}/">{{ item.title }}</a>{% endcall %}'}))
    env.globals["once"] = once
    return env


def test_once_renders_a_block_once_per_key_and_forget_empties_it():
    from theme_helpers.fragments import forget
    env = _fragment_env()
    template = env.get_template("t.html")
    item = SimpleNamespace(title="<b>Tin & ảnh</b>")
    other = SimpleNamespace(title="Khác")
    first = template.render(SITEURL="https://a.example", item=item)
    assert first == '<a href="https://a.example/">&lt;b&gt;Tin &amp; ảnh&lt;/b&gt;</a>'  # still autoescaped
    item.title = "đã sửa"
    assert template.render(SITEURL="https://a.example", item=item) == first  # same key: the first render
    assert "Khác" in template.render(SITEURL="https://a.example", item=other)  # objects keyed by identity
    assert "https://b.example/" in template.render(SITEURL="https://b.example", item=item)  # text by value
    forget()
    assert "đã sửa" in template.render(SITEURL="https://a.example", item=item)
    # Nothing is marked safe by the memo: it hands back what Jinja's autoescaped block made.
    from theme_helpers import fragments
    assert "Markup(" not in Path(fragments.__file__).read_text(encoding="utf-8")


def test_nav_marks_say_which_links_hold_the_current_page():
    from theme_helpers.fragments import nav_marks
    links = ["", "don-vi/", "luu-tru/", "tim-kiem/"]
    cats = ["chuyen-muc/a/", "chuyen-muc/b/"]
    assert nav_marks("index.html", links, cats) == (
        ((True, True), (False, False), (False, False), (False, False)), ((False, False), (False, False)))
    assert nav_marks("don-vi/x/2024/bai/index.html", links, cats)[0][1] == (True, False)
    assert nav_marks("don-vi/index.html", links, cats)[0][1] == (True, True)
    assert nav_marks("chuyen-muc/b/index.html", links, cats)[1] == ((False, False), (True, True))
    assert nav_marks("chuyen-muc/b/2/index.html", links, cats)[1] == ((False, False), (True, False))
