"""Search on the built sample site, in headless Chromium over http (Pagefind needs http).

The table says, for each query (and unit / category filter), which articles must come first, must
be found and must not be found. Slugs are the articles' file names under content/units/.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from local_site import chromium as browser
from local_site import serve
from tools.bench.search_browser import measure

MIN_WAGE = "tang-luong-toi-thieu-vung-tu-1-7"
DOAN_SET = ["doan-vien-may-binh-an-duoc-tu-van-ve-bao-hiem-xa-hoi-mot-lan",
            "cong-doan-soi-tan-phu-phat-trien-them-210-doan-vien-moi"]
DONG_HAI = ["can-thep-dong-hai-huong-ung-thang-cong-nhan-voi-30-phan-viec",
            "dai-hoi-cong-doan-co-so-can-thep-dong-hai-nhiem-ky-2023-2028"]
HOC_BONG = ["hoc-bong-tiep-suc-den-truong-cho-con-doan-vien", "trao-200-suat-hoc-bong-cho-con-doan-vien-nganh-det-may",
            "cong-doan-co-khi-song-hong-trao-hoc-bong-cho-con-doan-vien"]
TET = ["tet-sum-vay-2022-cong-doan-cong-thuong-viet-nam", "chuyen-xe-tet-sum-vay-dua-300-doan-vien-may-binh-an-ve-que",
       "huong-dan-tuyen-truyen-chuong-trinh-tet-sum-vay-2023"]
FUTURE_TET = "tet-sum-vay-xuan-dinh-mui-2027-doan-vien-nganh-cong-thuong"  # scheduled: never a result
DRAFT = "du-thao-ke-hoach-truyen-thong-cong-doan-nam-2027"  # status: draft

# (query, filters, first, must, must_not)
TABLE = [
    ("tang luong toi thieu", {}, MIN_WAGE, [], []),
    ("Tăng lương tối thiểu", {}, MIN_WAGE, [], []),
    ("TANG LUONG TOI THIEU", {}, MIN_WAGE, [], []),
    ("luong toi thieu vung", {}, MIN_WAGE, [], []),
    ("doan", {}, None, DOAN_SET, []),
    ("Đoàn", {}, None, DOAN_SET, []),
    ("đoàn", {}, None, DOAN_SET, []),
    ("doàn", {}, None, DOAN_SET, []),
    ("Đông Hải", {}, None, DONG_HAI, []),
    ("dong hai", {}, None, DONG_HAI, []),
    ("đào tạo", {}, "dao-tao-ky-nang-truyen-thong-cho-120-can-bo-cong-doan-co-so", [], []),
    ("dao tao", {}, "dao-tao-ky-nang-truyen-thong-cho-120-can-bo-cong-doan-co-so", [], []),
    ("phan dam", {}, None, ["phan-dam-phu-hai-dien-tap-ung-cuu-su-co-ro-ri-khi", "hoc-bong-tiep-suc-den-truong-cho-con-doan-vien"], []),
    ("đạm", {}, None, ["phan-dam-phu-hai-dien-tap-ung-cuu-su-co-ro-ri-khi"], []),
    ("thoa uoc lao dong tap the", {}, "thep-song-hong-ky-thoa-uoc-lao-dong-tap-the-moi", [], []),
    ("hoc bong", {}, None, HOC_BONG, []),
    ("học bổng", {"unit": "dam-phu-hai"}, "hoc-bong-tiep-suc-den-truong-cho-con-doan-vien", [], HOC_BONG[1:]),
    ("tet sum vay", {}, None, TET, [FUTURE_TET]),
    ("du thao ke hoach truyen thong", {}, None, [], [DRAFT]),
    ("đối thoại", {"unit": "may-binh-an"}, "doi-thoai-dinh-ky-quy-i-may-binh-an-tang-phu-cap-nha-tro", [],
     ["dien-dan-doan-vien-doi-thoai-voi-lanh-dao"]),
    ("luat cong doan 2024", {}, "hoi-dap-ve-luat-cong-doan-nam-2024-danh-cho-doan-vien", [], []),
    ("chay no", {}, "tai-lieu-dinh-huong-tuyen-truyen-phong-chong-chay-no", [], []),
    ("zalo", {}, "may-binh-an-mo-hinh-nhom-zalo-to-doan-vien-giai-dap-thac-mac", [], []),
    ("an toàn hóa chất", {}, "dinh-huong-tuyen-truyen-an-toan-hoa-chat", [], []),
    ("phat trien doan vien moi", {}, "cong-doan-soi-tan-phu-phat-trien-them-210-doan-vien-moi", [], []),
    ("bo nhan dien", {}, "bo-nhan-dien", [], []),
    ("tuyen truyen", {"category": "tai-lieu-tuyen-truyen"}, None,
     ["tai-lieu-tuyen-truyen-10-dieu-doan-vien-can-biet-ve-bo-luat"], ["doi-moi-truyen-thong-cong-doan-trong-thoi-ky-chuyen-doi-so"]),
]

LISTING = re.compile(r"^/(chuyen-muc|the|luu-tru|tim-kiem|ban-nhap)/|^/don-vi/[^/]+/$|^/$|/trang/\d+/$")


def slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def site(sample_site):
    from playwright.sync_api import sync_playwright

    with serve(sample_site) as base, sync_playwright() as p, browser(p) as chromium:
        context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "tim-kiem/")
        page.wait_for_function("window.cdctSearch !== undefined")
        yield {"base": base, "page": page, "chromium": chromium, "errors": errors, "output": sample_site}


def ranked_urls(page, query: str, filters: dict) -> list[str]:
    """Every result for ``query`` in rank order (the script's own search, all pages of results)."""
    return page.evaluate("""async ([q, f]) => {
        const out = await window.cdctSearch.find(q, Object.keys(f).length ? f : null);
        const datas = await Promise.all(out.results.map(r => r.data()));
        return datas.map(d => d.raw_url || d.url);
    }""", [query, filters])


def shown(page, query: str, filters: dict | None = None) -> tuple[str, list[dict]]:
    """Run the query through the page's UI; (status line, results shown)."""
    filters = filters or {}
    page.evaluate("""([u, c]) => { document.querySelector('#loc-don-vi').value = u;
                                   document.querySelector('#loc-chuyen-muc').value = c; }""",
                  [filters.get("unit", ""), filters.get("category", "")])
    page.evaluate("q => window.cdctSearch.run(q)", query)
    items = page.eval_on_selector_all(".cdct-search-result", """els => els.map(e => ({
        href: e.querySelector('a').getAttribute('href'), title: e.querySelector('a').textContent,
        meta: e.querySelector('.cdct-search-result__meta').textContent,
        excerpt: e.querySelector('.cdct-search-result__excerpt').textContent,
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""")
    return page.inner_text("[data-vi-search-status]"), items


@pytest.mark.parametrize("query, filters, first, must, must_not", TABLE, ids=[f"{r[0]}|{r[1]}" for r in TABLE])
def test_query_table(site, query, filters, first, must, must_not):
    urls = ranked_urls(site["page"], query, filters)
    slugs = [slug(u) for u in urls]
    assert not [u for u in urls if LISTING.search(u)], "listings are never results"
    assert len(set(urls)) == len(urls)
    if first:
        assert slugs and slugs[0] == first, slugs[:5]
    assert not [s for s in must if s not in slugs], slugs
    assert not [s for s in must_not if s in slugs]
    for unit in filters.get("unit", "").split() or []:
        assert all(u.startswith(f"/don-vi/{unit}/") for u in urls)


def test_doan_finds_the_same_pages_however_typed(site):
    sets = {q: set(ranked_urls(site["page"], q, {})) for q in ("doan", "Đoàn", "đoàn", "doàn", "DOAN")}
    assert len({frozenset(s) for s in sets.values()}) == 1
    assert len(sets["doan"]) >= 40


def test_category_filter_keeps_that_category_only(site):
    status, items = shown(site["page"], "tuyen truyen", {"category": "tai-lieu-tuyen-truyen"})
    assert items and all("Tài liệu tuyên truyền" in item["meta"] for item in items)


def test_the_minimum_wage_article_is_first_on_the_page(site):
    status, items = shown(site["page"], "tang luong toi thieu")
    assert slug(items[0]["href"]) == MIN_WAGE
    assert items[0]["title"].startswith("Tăng lương tối thiểu vùng")
    assert re.search(r"\d{2}/\d{2}/\d{4}", items[0]["meta"]) and "Công đoàn Công Thương Việt Nam" in items[0]["meta"]
    assert "Chính sách" in items[0]["meta"]
    assert status.startswith("Tìm thấy")
    assert {m.lower() for m in items[0]["marks"]} >= {"lương", "tối", "thiểu"}


@pytest.mark.parametrize("query, missing", [("cong xyz", "xyz"), ("xyz", "xyz"), ("đoàn viên qwerty", "qwerty")])
def test_a_word_with_no_match_is_named_and_nothing_is_listed(site, query, missing):
    status, items = shown(site["page"], query)
    assert items == []
    assert f"«{missing}»" in status and status.startswith("Không có bài nào chứa")
    assert site["page"].get_attribute("[data-vi-search]", "data-state") == "missing"


def test_filters_that_leave_nothing_say_so(site):
    status, items = shown(site["page"], "thai sản", {"unit": "thep-song-hong"})
    assert items == [] and "bộ lọc" in status


def _page_words(output, href: str) -> set[str]:
    path = href.split("://", 1)[1].split("/", 1)[1]
    soup = BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "lxml")
    # The article itself, not the related articles and previous/next links around it.
    text = unicodedata.normalize("NFC", (soup.select_one("main article") or soup.select_one("main")).get_text(" "))
    return set(re.findall(r"[^\W_]+", text.lower()))


@pytest.mark.parametrize("query", ["doan", "dong hai", "phan dam", "dai hoi", "Đoàn viên"])
def test_excerpts_show_only_the_real_text(site, query):
    """The folded tail (doàn, dồng...) never shows: every excerpt word is a word of the page."""
    status, items = shown(site["page"], query)
    assert items
    for item in items:
        words = set(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", item["excerpt"].lower())))
        assert words <= _page_words(site["output"], item["href"]), item["href"]
        assert item["marks"], f"no highlighted word in {item['href']}"


@pytest.mark.parametrize("query, word", [("lương", "lương"), ("đào tạo", "đào"), ("Đông", "đông")])
def test_exact_diacritic_matches_rank_first(site, query, word):
    urls = ranked_urls(site["page"], query, {})
    exact = [any(w.startswith(word) for w in _page_words(site["output"], "http://x" + u)) for u in urls]
    assert True in exact
    assert exact == sorted(exact, reverse=True), "every page with the exact word comes before the others"


def test_url_parameters_fill_the_form_and_search(site):
    page = site["chromium"].new_page()
    page.goto(site["base"] + "tim-kiem/?q=h%E1%BB%8Dc+b%E1%BB%95ng&don-vi=dam-phu-hai")
    page.wait_for_selector("[data-vi-search][data-state=results]")
    assert page.input_value("#tu-khoa") == "học bổng"
    assert page.input_value("#loc-don-vi") == "dam-phu-hai"
    hrefs = page.eval_on_selector_all(".cdct-search-result a", "els => els.map(a => a.href)")
    assert [slug(h) for h in hrefs] == ["hoc-bong-tiep-suc-den-truong-cho-con-doan-vien"]
    assert page.is_hidden("[data-search-fallback]")
    page.close()


def test_header_form_leads_to_results(site):
    page = site["chromium"].new_page(viewport={"width": 1280, "height": 900})
    page.goto(site["base"])
    page.fill("#tim-kiem-dau-trang", "tang luong toi thieu")
    page.press("#tim-kiem-dau-trang", "Enter")
    page.wait_for_selector("[data-vi-search][data-state=results]")
    assert slug(page.get_attribute(".cdct-search-result a", "href")) == MIN_WAGE
    page.close()


def test_without_javascript_the_page_leads_to_the_archives(site):
    context = site["chromium"].new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["base"] + "tim-kiem/?q=luong")
    assert page.is_visible("[data-search-fallback]")
    assert page.is_hidden(".cdct-search-filters")
    page.click("[data-search-fallback] a[href$='luu-tru/']")
    assert page.url.endswith("/luu-tru/")
    context.close()


def test_no_script_errors(site):
    assert site["errors"] == []


def test_benchmark_measures_the_sample_site(site, sample_site):
    report = measure(sample_site, queries=("tang luong toi thieu", "cong xyz"), runs=2, chromium=site["chromium"])
    assert report["pages_indexed"] == len(list((sample_site / "pagefind").glob("*/fragment/*")))
    assert report["pages_indexed"] >= 50 and report["shards"] == 1
    assert 0 < report["index_bytes"] < report["bundle_bytes"]
    assert 0 < report["first_query_wire_bytes"] < report["first_query_bytes"]
    assert report["3g"]["first_query_ms"] > 0 and report["3g"]["first_query_bytes"] > 0
    assert report["queries"]["tang luong toi thieu"]["results_shown"] >= 1
    assert report["queries"]["cong xyz"]["results_shown"] == 0
    assert all(q["median_ms"] > 0 for q in report["queries"].values())


# --- The English section (/en/, issue 19): its own index, English messages ---

@pytest.fixture(scope="module")
def english(site):
    context = site["chromium"].new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site["base"] + "en/tim-kiem/")
    page.wait_for_function("window.cdctSearch !== undefined")
    yield {"page": page, "errors": errors}
    context.close()


def test_english_search_finds_english_articles_only_and_says_so_in_english(english):
    urls = ranked_urls(english["page"], "scholarships", {})
    assert [slug(u) for u in urls] == ["200-scholarships-for-textile-union-members-children"]
    # The section's index holds its own documents (URLs from the section's root) and no Vietnamese one.
    english_slugs = {"200-scholarships-for-textile-union-members-children", "about",
                     "international-experts-share-social-dialogue-experience",
                     "industry-and-trade-union-welcomes-partner-delegation"}
    assert {slug(u) for u in ranked_urls(english["page"], "union", {})} <= english_slugs
    status, items = shown(english["page"], "scholarships")
    assert status == "1 result for “scholarships”." and items[0]["title"].startswith("200 scholarships")
    assert "/en/don-vi/det-may-phuong-nam/2024/200-scholarships-for-textile-union-members-children/" in items[0]["href"]
    assert items[0]["meta"] == "Jun 5, 2024 · Phuong Nam Textile Group Trade Union · Member welfare", items[0]["meta"]
    status, items = shown(english["page"], "selection")  # the English "About" page
    assert [item["meta"] for item in items] == ["Page"]
    # A Vietnamese article is not in the English index, however its words are typed.
    status, items = shown(english["page"], "hoc bong")
    assert items == [] and status.startswith("No article contains the words")
    assert english["errors"] == []


# What the first search may download on the sample site (bytes as a static host sends them). The
# issue's goal is 150 KB (issue 16): measured 107 KB on 2026-12-03 with index chunks of
# ``CHUNK_SIZE`` (plugins/vi_search/indexer.py; 215 KB with Pagefind's default, where the whole
# sample index was one chunk of 127 KB) — Pagefind's code (pagefind.js 13 KB, wasm 68 KB), the meta
# index, 2 index chunks of 21 KB and 3 fragments of 4.5 KB. This budget is today's figure with a
# margin, so that a change that loads more (Pagefind's default chunks again, the UI files, an eager
# shard) fails here; lower it with the figure when the index layout changes (docs/performance.md, "Search").
FIRST_QUERY_BUDGET = 115_000  # the goal: 150_000


def test_the_first_query_downloads_pagefinds_code_once_and_stays_within_budget(site, sample_site):
    report = measure(sample_site, queries=("tang luong toi thieu",), runs=1, chromium=site["chromium"])
    kinds = report["first_query_by_kind"]
    assert kinds["code"]["files"] == 1 and kinds["wasm"]["files"] == 1 and kinds["meta"]["files"] == 1
    assert 1 <= kinds["index"]["files"] <= 4  # at most one chunk per query word
    assert sum(k["wire_bytes"] for k in kinds.values()) == report["first_query_wire_bytes"]
    assert report["first_query_wire_bytes"] <= FIRST_QUERY_BUDGET, kinds
