"""The acceptance archive as a reader on a phone sees it: 375 px Chromium, axe on each page type."""

from __future__ import annotations

from pathlib import Path

import pytest

from local_site import CHROMIUM, chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]
HOME_MAX_HEIGHT = 7000  # px at 375 px wide (was about 9,400 on the 50-article sample)


def page_types(corpus) -> dict:
    folder = next(u for u in corpus.articles if u.endswith("/bai-005-" + u.split("/")[1] + "/"))
    return {"home": "", "article with photos and documents": corpus.attachments[0].rsplit("/", 1)[0] + "/",
            "article with Vietnamese file names": folder, "text article": corpus.articles[1],
            "unit": corpus.articles[0].split("/20")[0] + "/", "units": "don-vi/",
            "category": "chuyen-muc/hoat-dong-cong-doan/", "archives": "luu-tru/", "press": "bao-chi/",
            "search": "tim-kiem/", "home page 2": "trang/2/"}


@pytest.fixture(scope="module")
def phone():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, chromium(p) as browser:
        context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                                      device_scale_factor=2)
        yield context.new_page()
        context.close()


def test_each_page_type_passes_axe_and_fits_a_phone(acceptance_corpus, acceptance_served, phone):
    from axe_playwright_python.sync_playwright import Axe

    axe, failures, outside = Axe(), [], []
    phone.on("request", lambda r: outside.append(r.url) if not r.url.startswith(acceptance_served) else None)
    for name, path in page_types(acceptance_corpus).items():
        response = phone.goto(acceptance_served + path, wait_until="load")
        assert response.status == 200, path
        for v in axe.run(phone).response["violations"]:
            failures.append(f"{name}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}")
        if phone.evaluate("document.documentElement.scrollWidth") > 375:
            failures.append(f"{name}: scrolls sideways")
        broken = phone.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)")
        failures += [f"{name}: broken image {src}" for src in broken]
    assert failures == []
    assert outside == []


def test_the_phone_home_page_is_short_and_its_menu_links_home(acceptance_served, phone):
    phone.goto(acceptance_served, wait_until="load")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < HOME_MAX_HEIGHT, height
    home = phone.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Trang chủ")
    assert home.is_visible()
