"""Issue 19: the theme's interface strings through gettext (site_i18n) and `invoke i18n --check`.

The catalogs of the repository are checked as they are; the check itself on a copy of the theme in
tmp_path; the build on tiny real sites, in Vietnamese and with the English catalog.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from babel.messages.pofile import read_po, write_po
from lxml import etree

from conftest import GRASSROOTS_UNIT, ROOT, TOP_UNIT, article, soup
from site_i18n import catalogs

THEME = ROOT / "themes" / "cdct"


def _theme_copy(tmp_path: Path) -> Path:
    theme = tmp_path / "cdct"
    shutil.copytree(THEME / "templates", theme / "templates")
    shutil.copytree(THEME / "translations", theme / "translations")
    shutil.copy(THEME / catalogs.MAPPING_FILE, theme / catalogs.MAPPING_FILE)
    return theme


def _translate(theme: Path, msgid: str, text: str) -> None:
    po_path, _ = catalogs.catalog_paths(theme, "en")
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    catalog[msgid].string = text
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=100)


def test_every_vietnamese_text_of_the_templates_goes_through_gettext():
    """Text in Vietnamese outside ``{% trans %}`` and ``_("…")`` would show as it is on English pages."""
    unmarked = []
    for path in sorted((THEME / "templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", "", text, flags=re.S)
        text = re.sub(r'_\(\s*"[^"]*"\s*\)', "", text)
        unmarked += [f"{path.relative_to(THEME)}: {line.strip()}" for line in text.splitlines() if VIETNAMESE.search(line)]
    assert unmarked == []


def test_the_repositorys_catalogs_match_the_templates_and_english_is_complete():
    """What `invoke i18n --check` (CI) asks: run `invoke i18n` after changing a template's text."""
    assert catalogs.problems(THEME) == []


def test_the_check_names_a_new_string_then_its_missing_translation_then_a_stale_mo(tmp_path):
    theme = _theme_copy(tmp_path)
    footer = theme / "templates" / "partials" / "_footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<p>{% trans %}Chuỗi mới của chân trang{% endtrans %}</p>\n",
                      encoding="utf-8")
    stale = catalogs.problems(theme)
    assert any("chưa khớp với các mẫu trang" in p and "Chuỗi mới của chân trang" in p for p in stale), stale

    changed = catalogs.update(theme)
    assert {path.parent.parent.name for path in changed if path.name == "messages.po"} == {"vi", "en"}
    assert catalogs.update(theme) == []  # a second run changes nothing (no dates rewritten)
    untranslated = catalogs.problems(theme)
    assert [p for p in untranslated if "“Chuỗi mới của chân trang” chưa được dịch" in p] and len(untranslated) == 1, untranslated

    _translate(theme, "Chuỗi mới của chân trang", "A new footer string")
    assert any("messages.mo" in p and "“en”" in p for p in catalogs.problems(theme))  # .po edited, .mo not compiled
    catalogs.update(theme)
    assert catalogs.problems(theme) == []

    _translate(theme, "Trang %(number)s/%(pages)s", "Page %(number)s")
    catalogs.update(theme)
    assert any("%(pages)s" in p for p in catalogs.problems(theme))


def test_vietnamese_pages_keep_the_template_text_and_english_builds_take_the_catalog(build_site):
    files = {"units/cd-thu-nghiem/2024/hoi-nghi.md": article(title="Hội nghị người lao động")}
    vi = build_site(files)
    page = vi.html("index.html")
    assert page.select_one(".cdct-skip").get_text() == "Chuyển đến nội dung chính"
    assert page.select_one(".cdct-footer__legal").get_text().endswith("Ghi rõ nguồn khi đăng lại.")

    en = build_site(files, DEFAULT_LANG="en")
    page = en.html("index.html")
    assert page.select_one(".cdct-skip").get_text() == "Skip to main content"
    assert page.select_one(".cdct-nav__link").get_text() == "Home"
    # A {% trans %} block with a variable: the variable is filled in (and escaped) in the English text.
    assert page.select_one(".cdct-footer__legal").get_text().endswith("Credit the source when republishing.")


# --- The English section (/en/) ----------------------------------------------------------------------

ENGLISH_UNITS = {
    "units/cong-doan-nganh/unit.yml": TOP_UNIT + 'name_en: "Vietnam Industry and Trade Union"\nshort_name_en: "VITU"\n',
    "units/cd-thu-nghiem/unit.yml": GRASSROOTS_UNIT + 'name_en: "Test Company Grassroots Union"\n',
}
VI_URL = "don-vi/cd-thu-nghiem/2024/hoi-nghi-nguoi-lao-dong/"
EN_URL = "en/don-vi/cd-thu-nghiem/2024/workers-conference/"
ONLY_EN_URL = "en/don-vi/cd-thu-nghiem/2024/partner-visit/"
SECTION_FILES = {
    **ENGLISH_UNITS,
    "units/cd-thu-nghiem/2024/hoi-nghi-nguoi-lao-dong.md": article(
        title="Hội nghị người lao động năm 2024", date="2024-05-02 08:00", tags="[Đối thoại]"),
    "units/cd-thu-nghiem/2024/workers-conference.md": article(
        title="The 2024 workers' conference", date="2024-05-02 09:00", lang="en",
        translation_of="hoi-nghi-nguoi-lao-dong", tags="[Dialogue]", body="The conference met on Thursday."),
    "units/cd-thu-nghiem/2024/partner-visit.md": article(
        title="A partner union visits the factory", date="2024-06-03 09:00", category="doi-ngoai", lang="en",
        body="Written in English only."),
}


def _alternates(page) -> dict:
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}


def test_english_articles_make_a_section_under_en_with_its_own_home_lists_and_feeds(build_site):
    site = build_site(SECTION_FILES)
    vi_home, en_home = site.html("index.html"), site.html("en/index.html")
    assert vi_home.html["lang"] == "vi" and en_home.html["lang"] == "en"
    assert en_home.select_one('meta[property="og:locale"]')["content"] == "en_US"
    assert vi_home.select_one('meta[property="og:locale"]')["content"] == "vi_VN"
    # Each home lists its own language's articles only.
    vi_titles = {a.get_text() for a in vi_home.select(".cdct-card__title a")}
    en_titles = {a.get_text() for a in en_home.select(".cdct-card__title a")}
    assert vi_titles == {"Hội nghị người lao động năm 2024"}
    assert en_titles == {"The 2024 workers' conference", "A partner union visits the factory"}
    assert not site.exists("don-vi/cd-thu-nghiem/2024/workers-conference/index.html")
    assert not site.exists("en/" + VI_URL + "index.html")
    # The section's own pages: units, categories (English names from the YAML), archives, search.
    for rel in ("en/don-vi/index.html", "en/don-vi/cd-thu-nghiem/index.html", "en/chuyen-muc/doi-ngoai/index.html",
                "en/luu-tru/index.html", "en/tim-kiem/index.html", "en/the/dialogue/index.html"):
        assert site.exists(rel), rel
    assert site.html("en/chuyen-muc/doi-ngoai/index.html").select_one("h1").get_text() == "International relations"
    # The section's navigation lists the categories it has articles in (their pages exist), in English.
    assert [a.get_text() for a in en_home.select(".cdct-catnav__link")] == ["Union activities", "International relations"]
    assert site.html("en/don-vi/cd-thu-nghiem/index.html").select_one("h1").get_text() == "Test Company Grassroots Union"
    # English dates and JSON-LD language.
    page = site.html(EN_URL + "index.html")
    assert page.select_one(".cdct-article__meta time").get_text() == "Thursday, 2 May 2024"
    ld = next(json.loads(s.string) for s in page.select('script[type="application/ld+json"]')
              if json.loads(s.string)["@type"] == "NewsArticle")
    assert ld["inLanguage"] == "en" and ld["articleSection"] == "Union activities"
    # Feeds: the section's under /en/feeds/, in English, with its articles only.
    feed = etree.parse(str(site.output / "en" / "feeds" / "all.rss.xml")).getroot()
    assert feed.findtext("channel/language") == "en"
    assert {item.findtext("title") for item in feed.iter("item")} == en_titles
    # Its own words and its own URLs, even in a preview (whose feeds link to the local server).
    channel = feed.find("channel")
    assert channel.findtext("title").endswith("– All news") and "tin bài" not in channel.findtext("description")
    assert channel.find("{http://www.w3.org/2005/Atom}link[@rel='self']").get("href").endswith("/en/feeds/all.rss.xml")
    assert channel.findtext("link").endswith("/en/")
    for item in feed.iter("item"):
        assert "/en/" in item.findtext("link")
        body = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert "Source:" in body and "Original:" in body and "Nguồn:" not in body
    vi_feed = etree.parse(str(site.output / "feeds" / "tat-ca.rss.xml")).getroot()
    assert {item.findtext("title") for item in vi_feed.iter("item")} == vi_titles
    assert vi_feed.find("channel").findtext("title").endswith("– Tất cả tin bài")
    assert "Nguồn:" in next(vi_feed.iter("item")).findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    # One sitemap for the whole site, the section's pages under en/.
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>/{EN_URL}</loc>" in sitemap and f"<loc>/{VI_URL}</loc>" in sitemap


def test_a_translation_and_its_original_name_each_other_and_switch_language(build_site):
    site = build_site(SECTION_FILES)
    vi_page, en_page = site.html(VI_URL + "index.html"), site.html(EN_URL + "index.html")
    # hreflang both ways (relative in a preview build: each resolves to the other article).
    assert _alternates(vi_page) == {"vi": f"../../../../{VI_URL}", "en": f"../../../../{EN_URL}"}
    assert _alternates(en_page) == {"en": f"../../../../../{EN_URL}", "vi": f"../../../../../{VI_URL}"}
    switch = vi_page.select_one(".cdct-lang a")
    assert (switch.get_text(), switch["lang"], switch["href"]) == ("English", "en", f"../../../../{EN_URL}")
    assert en_page.select_one(".cdct-lang a").get_text() == "Tiếng Việt"
    assert en_page.select_one('meta[property="og:locale:alternate"]')["content"] == "vi_VN"
    # An English article without an original: no alternate; the switch leads to the Vietnamese home.
    only = site.html(ONLY_EN_URL + "index.html")
    assert _alternates(only) == {}
    assert only.select_one(".cdct-lang a")["href"] == "../../../../../"
    # The homes are each other's alternates.
    assert _alternates(site.html("index.html")) == {"vi": "./", "en": "./en/"}


def test_a_site_with_vietnamese_content_only_gets_no_section_switch_or_alternates(build_site):
    site = build_site({"units/cd-thu-nghiem/2024/hoi-nghi.md": article(title="Hội nghị")})
    assert not site.exists("en")
    page = site.html("index.html")
    assert page.select(".cdct-lang") == [] and _alternates(page) == {}


VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content", "value")


def _vietnamese_on(page) -> list[str]:
    """Visible text and shown attributes with a Vietnamese letter, outside elements marked another
    language (the switch's "Tiếng Việt" link has lang="vi")."""
    found = []
    for script in page(["script", "style"]):
        script.decompose()
    for node in page.find_all(string=True):
        marked = node.find_parent(attrs={"lang": True})
        if VIETNAMESE.search(node) and (marked is None or marked["lang"] == "en"):
            found.append(node.strip())
    for tag in page.find_all(True):
        marked = tag if tag.has_attr("lang") else tag.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] != "en":
            continue
        found += [f"{tag.name}[{name}]={tag[name]}" for name in SHOWN_ATTRIBUTES
                  if isinstance(tag.get(name), str) and VIETNAMESE.search(tag[name])]
    return found


def test_no_interface_string_is_left_in_vietnamese_on_english_pages(build_site):
    """Every page of an English section whose content is all English shows no Vietnamese: the
    interface strings come from the en catalog, dates from Babel, names from the YAML's name_en."""
    files = {**ENGLISH_UNITS, **{rel: text for rel, text in SECTION_FILES.items() if "lang=" in text or "lang: en" in text}}
    site = build_site(files)
    pages = sorted((site.output / "en").rglob("*.html"))
    assert len(pages) > 15
    left = {str(path.relative_to(site.output)): found for path in pages if (found := _vietnamese_on(soup(path)))}
    assert left == {}


def test_the_checker_says_in_vietnamese_what_an_english_article_lacks(tmp_path):
    from test_checker import run_check, write

    content = tmp_path / "content"
    write(content, {
        "units/cd-thu-nghiem/2024/workers-conference.md": article(
            title="Workers' conference", lang="en", translation_of="khong-co-bai-nay"),
        "units/cd-thu-nghiem/2024/bai-viet.md": article(title="Bài viết", translation_of="x"),
        "units/cd-thu-nghiem/2024/bonjour.md": article(title="Bonjour", lang="fr"),
    })
    categories = content / "categories.yml"  # a category without its English name
    categories.write_text(categories.read_text(encoding="utf-8").replace('  name_en: "Union activities"\n', ""), encoding="utf-8")
    out = run_check(content).stdout
    en = "units/cd-thu-nghiem/2024/workers-conference.md"
    assert (f"{en}: [unit] Bài viết tiếng Anh nhưng đơn vị 'cd-thu-nghiem' chưa có tên tiếng Anh (name_en): "
            "các trang tiếng Anh sẽ hiện tên tiếng Việt. → Cách sửa: Thêm dòng name_en: \"...\" vào "
            "content/units/cd-thu-nghiem/unit.yml.") in out
    assert f"{en}:4: [category] Bài viết tiếng Anh nhưng chuyên mục 'hoat-dong-cong-doan' chưa có tên tiếng Anh" in out
    assert f"{en}:6: [translation_of] Không tìm thấy bài gốc 'khong-co-bai-nay' trong đơn vị 'cd-thu-nghiem'." in out
    assert "bai-viet.md:5: [translation_of] Chỉ bài dịch sang ngôn ngữ khác mới ghi translation_of" in out
    assert "bonjour.md:5: [lang] Ngôn ngữ 'fr' chưa được hỗ trợ." in out

    (content / "units/cd-thu-nghiem/unit.yml").write_text(GRASSROOTS_UNIT + 'name_en: "Test Union"\n', encoding="utf-8")
    assert "[unit]" not in run_check(content).stdout


def test_the_english_section_has_its_own_search_index_and_keeps_the_page_weight(build_site):
    from page_weight import ARTICLE_BUDGET, weigh_site

    site = build_site(SECTION_FILES)

    def languages(bundle):  # Pagefind's entry file names the index's language and its page count
        shards = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["shards"]
        entries = [json.loads((bundle / shard / "pagefind-entry.json").read_text(encoding="utf-8")) for shard in shards]
        return {lang: sum(e["languages"][lang]["page_count"] for e in entries) for e in entries for lang in e["languages"]}

    assert languages(site.output / "pagefind") == {"vi": 1}
    assert languages(site.output / "en" / "pagefind") == {"en": 2}
    search = site.html("en/tim-kiem/index.html").select_one("[data-vi-search]")
    assert search["data-bundle"] == "../pagefind/" and search["data-text-searching"] == "Searching…"
    weights = weigh_site(site.output / "en")
    assert weights["articles"] == 2 and weights["article_max"]["total"] <= ARTICLE_BUDGET, weights


def test_a_publish_build_names_the_other_language_with_absolute_urls(build_site):
    site = build_site(SECTION_FILES, settings="publishconf.py", SITEURL="https://cd.example.vn")
    base = "https://cd.example.vn"
    assert _alternates(site.html(EN_URL + "index.html")) == {"en": f"{base}/{EN_URL}", "vi": f"{base}/{VI_URL}"}
    assert _alternates(site.html(VI_URL + "index.html")) == {"vi": f"{base}/{VI_URL}", "en": f"{base}/{EN_URL}"}
    assert site.html("en/index.html").select_one('link[rel="canonical"]')["href"] == f"{base}/en/"
    feed = etree.parse(str(site.output / "en" / "feeds" / "all.rss.xml")).getroot()
    assert feed.find("channel/{http://www.w3.org/2005/Atom}link[@rel='self']").get("href") == f"{base}/en/feeds/all.rss.xml"
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}/{EN_URL}</loc>" in sitemap and f"<loc>{base}/en/</loc>" in sitemap
    assert not (site.output / "en" / "sitemap.xml").exists() and not (site.output / "en" / "robots.txt").exists()
    assert not (site.output / "en" / "admin").exists() and not (site.output / "en" / "_headers").exists()


def test_an_english_articles_attachments_are_listed_under_an_english_heading(build_site):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    site = build_site({**ENGLISH_UNITS,
                       "units/cd-thu-nghiem/2024/plan/index.md": article(
                           title="The communication plan", lang="en", body="See [the plan](plan.pdf)."),
                       "units/cd-thu-nghiem/2024/plan/plan.pdf": pdf,
                       "units/cd-thu-nghiem/2024/ke-hoach/index.md": article(title="Kế hoạch", body="Xem [kế hoạch](ke-hoach.pdf)."),
                       "units/cd-thu-nghiem/2024/ke-hoach/ke-hoach.pdf": pdf})
    english = site.html("en/don-vi/cd-thu-nghiem/2024/plan/").select_one(".cdct-attachments h2").get_text()
    vietnamese = site.html("don-vi/cd-thu-nghiem/2024/ke-hoach/").select_one(".cdct-attachments h2").get_text()
    assert (english, vietnamese) == ("Attachments", "Tệp đính kèm")
