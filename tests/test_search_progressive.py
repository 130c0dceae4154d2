"""Progressive search on a real built site of several shards, in headless Chromium.

The site has one shard per year (``VI_SEARCH_SHARD_MAX`` small): the first query must download the
newest shard's files only, widen by itself to the next shard while results are fewer than a page
(two shards at most), say which years were searched, and offer a button to search older years.
Requests are read from the browser (Playwright's request events), not assumed.
"""

from __future__ import annotations

import json

import pytest

from conftest import article, run_pelican, write_content
from local_site import chromium as browser
from local_site import serve

pytestmark = pytest.mark.browser

SHARD_MAX = 12
PER_YEAR = 11  # two years never fit one shard: one shard per year
YEARS = (2025, 2024, 2023, 2022)


def _files() -> dict:
    files = {}
    for year in YEARS:
        for i in range(PER_YEAR):
            # "hội nghị" in every article (a page and more in the newest year alone); "lương" in two
            # articles a year (fewer than a page in the newest two years together).
            body = f"Hội nghị người lao động số {i} năm {year} của đoàn viên."
            if i < 2:
                body += " Bàn về tiền lương tối thiểu."
            if year == 2022 and i == 0:
                body += " Quỹ xã hội cũ."
            files[f"units/cd-thu-nghiem/{year}/bai-{year}-{i}.md"] = article(
                f"Bài {i} năm {year}", date=f"{year}-{(i % 12) + 1:02d}-10 08:00", body=body)
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    base = tmp_path_factory.mktemp("search-progressive")
    run_pelican(write_content(base / "content", _files()), base / "output", VI_SEARCH_SHARD_MAX=SHARD_MAX, VI_SEARCH_AUTO_DOCS=PER_YEAR + 1)
    shards = json.loads((base / "output" / "pagefind" / "shards.json").read_text())["shards"]
    assert shards == [str(y) for y in YEARS]
    with serve(base / "output") as root, sync_playwright() as p, browser(p) as chromium:
        yield {"root": root, "chromium": chromium}


class Reader:
    """A fresh browser context on /tim-kiem/ (no cache, no merged shards) that records the shards
    whose files it downloads."""

    def __init__(self, site):
        self.context = site["chromium"].new_context()
        self.page = self.context.new_page()
        self.urls: list[str] = []
        self.page.on("request", lambda request: self.urls.append(request.url))
        self.page.goto(site["root"] + "tim-kiem/")
        self.page.wait_for_function("window.cdctSearch !== undefined")

    def shards(self) -> set[str]:
        return {url.split("/pagefind/", 1)[1].split("/", 1)[0] for url in self.urls
                if "/pagefind/" in url and not url.endswith("/shards.json")}

    def search(self, query: str):
        self.page.evaluate("q => window.cdctSearch.run(q)", query)
        return self.state()

    def state(self):
        older = self.page.locator("[data-vi-search-older]")
        return {"status": self.page.inner_text("[data-vi-search-status]"),
                "years": self.page.eval_on_selector_all(
                    ".cdct-search-result__meta time", "els => els.map(e => e.dateTime.slice(0, 4))"),
                "older": None if older.is_hidden() else older.inner_text()}

    def search_older(self, until: str):
        """Click the "older years" button and wait until ``until`` (a JS expression) holds and the
        search is no longer busy."""
        self.page.click("[data-vi-search-older]")
        self.page.wait_for_function(f"() => {until}")
        self.page.wait_for_function("() => !document.querySelector('[data-vi-search]').hasAttribute('aria-busy')")
        return self.state()

    def close(self):
        self.context.close()


def test_first_query_downloads_the_newest_shard_only(site):
    reader = Reader(site)
    try:
        state = reader.search("hoi nghi")
        assert reader.shards() == {"2025"}
        assert set(state["years"]) == {"2025"} and len(state["years"]) == 10  # a full page: no widening
        assert "Tìm thấy 11 kết quả" in state["status"]
        assert "Đã tìm trong các bài từ năm 2025 đến nay." in state["status"]
        assert state["older"] == "Tìm cả trong các năm 2024"
        # The next query stays in the same shard.
        reader.search("nguoi lao dong")
        assert reader.shards() == {"2025"}
    finally:
        reader.close()


def test_few_results_widen_to_the_next_shard_only(site):
    reader = Reader(site)
    try:
        state = reader.search("luong")
        assert reader.shards() == {"2025", "2024"}  # 2 results in 2025: widened once, not to 2023
        assert sorted(state["years"]) == ["2024", "2024", "2025", "2025"]
        assert "Đã tìm trong các bài từ năm 2024 đến nay." in state["status"]
        assert state["older"] == "Tìm cả trong các năm 2023"
    finally:
        reader.close()


def test_older_button_searches_older_years_on_demand(site):
    reader = Reader(site)
    try:
        reader.search("luong")
        state = reader.search_older("document.querySelector('[data-vi-search-status]').textContent.includes('2023')")
        assert reader.shards() == {"2025", "2024", "2023"}
        assert sorted(state["years"]) == ["2023", "2023", "2024", "2024", "2025", "2025"]
        assert state["older"] == "Tìm cả trong các năm 2022"
        state = reader.search_older("document.querySelector('[data-vi-search-older]').hidden")
        assert reader.shards() == {"2025", "2024", "2023", "2022"}
        assert len(state["years"]) == 8
        assert "Đã tìm trong" not in state["status"]  # the whole archive: no range to tell
    finally:
        reader.close()


def test_a_word_only_in_old_years_is_missing_from_the_searched_range(site):
    reader = Reader(site)
    try:
        state = reader.search("quy xa hoi")
        assert reader.shards() == {"2025", "2024"}
        assert "Không có bài nào chứa" in state["status"]
        assert "Đã tìm trong các bài từ năm 2024 đến nay." in state["status"]
        assert state["older"] == "Tìm cả trong các năm 2023"
        reader.search_older("document.querySelector('[data-vi-search-status]').textContent.includes('2023')")
        state = reader.search_older("document.querySelector('[data-vi-search-older]').hidden")
        assert state["years"] == ["2022"] and "Tìm thấy 1 kết quả" in state["status"]
    finally:
        reader.close()


@pytest.fixture(scope="module")
def cut_site(tmp_path_factory, site):
    """Years of four articles with two a shard: each year is cut into two runs of days (2025.2, 2025.1,
    2024.2, 2024.1), and 2023 is one shard. Served next to ``site``, in its browser."""
    base = tmp_path_factory.mktemp("search-cut")
    files = {}
    for year, months in ((2025, (2, 5, 8, 11)), (2024, (2, 5, 8, 11)), (2023, (6,))):
        for month in months:
            files[f"units/cd-thu-nghiem/{year}/bai-{year}-{month}.md"] = article(
                f"Bài tháng {month} năm {year}", date=f"{year}-{month:02d}-10 08:00", body="Hội nghị người lao động.")
    run_pelican(write_content(base / "content", files), base / "output", VI_SEARCH_SHARD_MAX=2, VI_SEARCH_AUTO_DOCS=3)
    manifest = json.loads((base / "output" / "pagefind" / "shards.json").read_text())
    assert manifest["shards"] == ["2025.2", "2025.1", "2024.2", "2024.1", "2023"]
    assert manifest["starts"] == {"2025.2": "2025-08-10", "2025.1": "2025-02-10", "2024.2": "2024-08-10",
                                  "2024.1": "2024-02-10"}
    with serve(base / "output") as root:
        yield {"root": root, "chromium": site["chromium"]}


def test_a_year_cut_into_runs_says_the_first_day_searched_and_the_button_adds_a_whole_year(cut_site):
    reader = Reader(cut_site)
    try:
        state = reader.search("hoi nghi")
        assert reader.shards() == {"2025.2", "2025.1"}  # 2 results in the newest run: widened once
        assert "Đã tìm trong các bài từ ngày 10/2/2025 đến nay." in state["status"]
        assert state["older"] == "Tìm cả trong các năm 2024"
        state = reader.search_older("document.querySelector('[data-vi-search-status]').textContent.includes('2024')")
        assert reader.shards() == {"2025.2", "2025.1", "2024.2", "2024.1"}  # both runs of 2024 in one click
        assert len(state["years"]) == 8 and "từ ngày 10/2/2024" in state["status"]
        assert state["older"] == "Tìm cả trong các năm 2023"
    finally:
        reader.close()
