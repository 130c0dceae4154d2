"""No feature turned off to win: verify that every plugin in PLUGINS produced its output.

``verify_ours(output, plugins, corpus, extra)`` checks our build's output folder against the corpus
(every published article page, every unit page, the feeds, the search index, the image variants, the
reports...) and returns ``{plugin: "what was found"}``; a plugin whose output is missing, or a plugin
this module has no check for, raises BenchError. ``verify_plain`` does the same for plain Pelican.
Add a check here when you add a plugin: the benchmark refuses to run without one.
"""

from __future__ import annotations

import re
from pathlib import Path

from .runners import BenchError

SITEMAP_NAMES = ("sitemap", "pelican.plugins.sitemap")


def ours_article_page(a) -> str:
    return f"don-vi/{a.unit}/{a.year}/{a.slug}/index.html"


def plain_article_page(a) -> str:
    return f"{a.slug}.html"


def _require(condition: bool, plugin: str, message: str) -> None:
    if not condition:
        raise BenchError(f"[{plugin}] enabled in PLUGINS but produced nothing: {message}")


def _files(output: Path, pattern: str) -> list[Path]:
    return sorted(output.glob(pattern))


def check_content_model(output: Path, corpus, extra: dict) -> str:
    missing = [ours_article_page(a) for a in corpus.published if not (output / ours_article_page(a)).is_file()]
    _require(not missing, "content_model", f"{len(missing)} article pages missing, e.g. {missing[:3]}")
    return f"{len(corpus.published)} article pages"


def check_union_units(output: Path, corpus, extra: dict) -> str:
    missing = [s for s in corpus.units if not (output / "don-vi" / s / "index.html").is_file()]
    _require((output / "don-vi" / "index.html").is_file(), "union_units", "no don-vi/index.html")
    _require(not missing, "union_units", f"unit pages missing: {missing[:5]}")
    return f"{len(corpus.units)} unit pages + index"


def check_content_check(output: Path, corpus, extra: dict) -> str:
    # Writes no file; its summary line proves it ran (the harness builds with -v off, so read the
    # separate `python -m content_check` run the harness makes on the same corpus).
    summary = extra.get("content_check_summary", "")
    _require(f"{len(corpus.published)} bài viết" in summary, "content_check",
             f"the checker's summary does not count {len(corpus.published)} articles: {summary!r}")
    return summary.splitlines()[-1] if summary else ""


def check_theme_helpers(output: Path, corpus, extra: dict) -> str:
    home = (output / "index.html").read_text(encoding="utf-8")
    _require("cdct" in home, "theme_helpers", "the home page is not the cdct theme")
    return "cdct home page"


def check_sitemap(output: Path, corpus, extra: dict) -> str:
    sitemap = output / "sitemap.xml"
    _require(sitemap.is_file(), "sitemap", "no sitemap.xml")
    count = sitemap.read_text(encoding="utf-8").count("<url>")
    _require(count >= len(corpus.published), "sitemap", f"sitemap.xml lists {count} URLs")
    return f"sitemap.xml, {count} URLs"


def check_press_feeds(output: Path, corpus, extra: dict) -> str:
    feeds = [output / "feeds" / "tat-ca.rss.xml", output / "feeds" / "tat-ca.atom.xml"]
    feeds += [output / "don-vi" / u / "rss.xml" for u in sorted({a.unit for a in corpus.published})]
    feeds += [output / "chuyen-muc" / c / "rss.xml" for c in sorted({a.category for a in corpus.published})]
    missing = [str(f.relative_to(output)) for f in feeds if not f.is_file()]
    _require(not missing, "press_feeds", f"feeds missing: {missing[:5]}")
    items = feeds[0].read_text(encoding="utf-8").count("<item>")
    _require(items > 0, "press_feeds", "feeds/tat-ca.rss.xml has no item")
    return f"{len(feeds)} RSS feeds (+ Atom), {items} items in tat-ca.rss.xml"


def check_photo_variants(output: Path, corpus, extra: dict) -> str:
    webp = sum(1 for _ in output.rglob("*.webp"))
    _require(webp > 0, "photo_variants", "no .webp variant in the output")
    with_photo = [a for a in corpus.published if a.image]
    page = (output / ours_article_page(with_photo[-1])).read_text(encoding="utf-8")
    _require(re.search(r'src(?:set)?="[^"]*-\d+w\.(?:jpg|webp|png)', page) is not None, "photo_variants",
             f"{ours_article_page(with_photo[-1])} does not use a resized variant (…-800w.jpg) of its lead photo")
    return f"{webp} WebP files for {len(with_photo)} lead photos"


def check_vi_search(output: Path, corpus, extra: dict) -> str:
    index = [p for p in output.rglob("pagefind-entry.json")]
    _require(bool(index), "vi_search", "no pagefind-entry.json in the output")
    folder = index[0].parent
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"Pagefind index {folder.relative_to(output)}/, {size / 1e6:.1f} MB"


def check_safe_html(output: Path, corpus, extra: dict) -> str:
    # The publish build refuses unsafe HTML (content_check), so the corpus has only an allowed embed:
    # it must survive sanitising, and the CSP headers file must be written.
    page = (output / ours_article_page(corpus.articles[1])).read_text(encoding="utf-8")
    _require("youtube.com/embed/bench0001" in page, "safe_html",
             f"{ours_article_page(corpus.articles[1])} lost its allowed YouTube embed")
    headers = output / "_headers"
    _require(headers.is_file() and "Content-Security-Policy" in headers.read_text(encoding="utf-8"),
             "safe_html", "no _headers file with a Content-Security-Policy")
    return "allowed embed kept, _headers with CSP"


def check_union_reports(output: Path, corpus, extra: dict) -> str:
    folder = Path(extra.get("reports_path", ""))
    files = sorted(folder.glob("bao-cao-*")) if folder.is_dir() else []
    _require(bool(files), "union_reports", f"no bao-cao-* file in {folder} (REPORTS_PERIOD={extra.get('reports_period')})")
    return f"{len(files)} report files"


def check_web_editor(output: Path, corpus, extra: dict) -> str:
    # The editor's bundle is copied and its config lists every unit of the corpus as a choice.
    admin = output / "admin"
    _require((admin / "decap-cms.js").is_file() and (admin / "index.html").is_file(), "web_editor",
             "no admin/decap-cms.js or admin/index.html")
    config = (admin / "config.yml").read_text(encoding="utf-8") if (admin / "config.yml").is_file() else ""
    missing = [u for u in corpus.units if f"value: {u}" not in config]
    _require(config and not missing, "web_editor", f"admin/config.yml lacks the units {missing[:3]}")
    return f"admin/ with config for {len(corpus.units)} units"


def check_up_to_date(output: Path, corpus, extra: dict) -> str:
    # It must have recorded the cached builds, and the nothing-changed build must have said it
    # skipped (its output is then the previous build's, checked by every other check here).
    state = Path(extra.get("cache_path", "")) / "up-to-date.json"
    _require(state.is_file(), "up_to_date", f"no {state} after the cached builds")
    warm_log = Path(extra.get("warm_log", ""))
    skipped = warm_log.is_file() and "[up_to_date]" in warm_log.read_text(encoding="utf-8", errors="replace")
    return "warm build: nothing changed, nothing rewritten" if skipped else "warm build ran in full"


def check_site_i18n(output: Path, corpus, extra: dict) -> str:
    # The templates' strings go through gettext: without the plugin's catalog no page renders, and
    # og:locale is its language table's.
    home = (output / "index.html").read_text(encoding="utf-8")
    _require('<meta property="og:locale" content="vi_VN">' in home, "site_i18n", "no og:locale on the home page")
    section = " + English section en/" if (output / "en" / "index.html").is_file() else ""
    return "interface strings through the vi catalog" + section


CHECKS = {
    "up_to_date": check_up_to_date,
    "content_model": check_content_model,
    "union_units": check_union_units,
    "content_check": check_content_check,
    "theme_helpers": check_theme_helpers,
    "press_feeds": check_press_feeds,
    "photo_variants": check_photo_variants,
    "vi_search": check_vi_search,
    "safe_html": check_safe_html,
    "union_reports": check_union_reports,
    "web_editor": check_web_editor,
    "site_i18n": check_site_i18n,
    **{name: check_sitemap for name in SITEMAP_NAMES},
}


def verify_ours(output: Path, plugins: list, corpus, extra: dict | None = None) -> dict:
    extra = extra or {}
    unknown = [p for p in plugins if p not in CHECKS]
    if unknown:
        raise BenchError(f"no benchmark check for plugin(s) {unknown}: add one to tools/bench/checks.py "
                         "(the benchmark must prove every enabled feature ran)")
    _require((output / "index.html").is_file(), "ours", "no home page")
    return {plugin: CHECKS[plugin](output, corpus, extra) for plugin in plugins}


def verify_plain(output: Path, corpus) -> dict:
    missing = [plain_article_page(a) for a in corpus.published if not (output / plain_article_page(a)).is_file()]
    if missing:
        raise BenchError(f"plain Pelican: {len(missing)} article pages missing, e.g. {missing[:3]}")
    feed = output / "feeds" / "all.atom.xml"
    if not feed.is_file() or not re.search(r"<entry>", feed.read_text(encoding="utf-8")):
        raise BenchError("plain Pelican: feeds/all.atom.xml missing or empty (feeds must be on)")
    return {"articles": f"{len(corpus.published)} article pages", "feeds": "feeds/all.atom.xml + per category/author"}
