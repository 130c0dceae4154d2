"""Quality gates of the cdct theme on the sample site:

- the Nu HTML validator reports no error on any generated page;
- in headless Chromium (Debian's build, driven by Playwright), axe finds no violation on each page
  type at 375 px and 1280 px, and nothing scrolls sideways at 375 px, on the Vietnamese site and the
  English section (/en/);
- a screenshot of each page type at both widths goes to test-artifacts/screenshots/ (not committed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from local_site import CHROMIUM, chromium, serve

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHOTS = ROOT / "test-artifacts" / "screenshots"
WIDTHS = (375, 1280)


def nu_errors(folder: Path) -> tuple[int, list[dict]]:
    """(pages checked, error messages) of the Nu validator over every HTML file under ``folder``."""
    assert VNU_JAR.exists(), "Nu validator missing: run `npm ci` (./dev test does it)"
    assert shutil.which("java"), "Java missing: apt-get install default-jre-headless"
    pages = len(list(folder.rglob("*.html")))
    proc = subprocess.run(["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--also-check-css",
                           "--format", "json", str(folder)], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    return pages, [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


@pytest.mark.slow
def test_nu_validator_finds_no_error_on_any_sample_page(sample_site):
    pages, errors = nu_errors(sample_site)
    assert pages > 20
    assert (sample_site / "en" / "index.html").is_file()  # the English section (/en/) is validated too
    report = [f"{m['url'].split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert report == []


# --- Browser ---

@pytest.fixture(scope="module")
def served_sample(sample_site):
    """The sample site over http on 127.0.0.1 (a thread-based server, stopped after the module)."""
    with serve(sample_site) as base:
        yield base


def _first(folder: Path, pattern: str) -> str:
    found = sorted(folder.glob(pattern))
    assert found, f"the sample site has no page matching {pattern}"
    return found[0].parent.relative_to(folder).as_posix() + "/"


def page_types(folder: Path) -> dict:
    """One page of each type in a built site, as URL paths."""
    articles = sorted(folder.glob("don-vi/*/[0-9][0-9][0-9][0-9]/*/index.html"))
    with_photo = [p for p in articles if "cdct-figure" in p.read_text(encoding="utf-8")]
    article = (with_photo or articles)[0]
    def kind(name: str) -> list[str]:
        return [p.parent.relative_to(folder).as_posix() + "/" for p in sorted(folder.glob("*/index.html"))
                if f"cdct-page--{name}" in p.read_text(encoding="utf-8")]

    static = kind("static")
    assert static, "the sample site has no static page"
    return {
        "home": "",
        "article": article.parent.relative_to(folder).as_posix() + "/",
        "unit": _first(folder, "don-vi/*/index.html"),
        "units": "don-vi/",
        "category": _first(folder, "chuyen-muc/*/index.html"),
        "tag": _first(folder, "the/*/index.html"),
        "archives": "luu-tru/",
        "page": "gioi-thieu/" if "gioi-thieu/" in static else static[0],
        "404": "404.html",
        # Beyond the nine required types: the kit, the press page, search, a second home page.
        **{name: pages[0] for name in ("identity", "press", "search") if (pages := kind(name))},
        **({"home-2": "trang/2/"} if (folder / "trang" / "2" / "index.html").exists() else {}),
    }


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, chromium(p) as browser:
        yield browser


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_passes_axe_and_fits_the_screen(sample_site, served_sample, browser, axe, width):
    context = browser.new_context(viewport={"width": width, "height": 812}, is_mobile=width < 600,
                                  has_touch=width < 600, device_scale_factor=1)
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    failures = []
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(served_sample) else None)
    try:
        # Every page type of the Vietnamese site, then of the English section (/en/, issue 19).
        english = {f"en-{name}": f"en/{path}" for name, path in page_types(sample_site / "en").items()}
        for name, path in {**page_types(sample_site), **english}.items():
            page.goto(served_sample + path, wait_until="load")
            violations = axe.run(page).response["violations"]
            for v in violations:
                targets = [n["target"] for n in v["nodes"]][:3]
                failures.append(f"{name} @{width}px: {v['id']} ({v['impact']}) {targets}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if width == 375 and scroll > width:
                failures.append(f"{name} @{width}px: scrolls sideways ({scroll}px wide)")
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert failures == []
    assert outside == [], "third-party requests"


@pytest.mark.slow
@pytest.mark.browser
def test_article_page_works_without_javascript(sample_site, served_sample, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        page.goto(served_sample + page_types(sample_site)["article"])
        assert page.locator("h1").first.is_visible()
        assert page.locator(".cdct-share__link--facebook").is_visible()
        assert page.locator(".cdct-share__button").count() == 0  # JS-only buttons are not shown
        # The stylesheet applied: panels are white boxes with padding (guards against a broken rule).
        box = page.locator(".cdct-box").first.evaluate(
            "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).paddingLeft]")
        assert box == ["rgb(255, 255, 255)", "16px"]
        # On paper: the article without navigation, share links or related lists.
        page.emulate_media(media="print")
        for selector in (".cdct-nav", ".cdct-share", ".cdct-related", ".cdct-layout__aside"):
            assert not page.locator(selector).first.is_visible(), selector
        assert page.locator("h1").first.is_visible()
        page.screenshot(path=str(SHOTS / "article-print.png"), full_page=True)
        page.screenshot(path=str(SHOTS / "article-nojs-375.png"), full_page=False)
    finally:
        context.close()
