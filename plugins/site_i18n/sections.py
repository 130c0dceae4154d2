"""The language sections: which content each build writes, where the other language's version is,
and the settings of a section's build (pure functions; the plugin's handlers call them).

The site's own language (``DEFAULT_LANG``, ``vi``) is the root; every other language with content is
built by a second Pelican run into ``<OUTPUT_PATH>/<lang>/`` with these settings (its own home, unit
pages, categories, archives, search index and feeds), the same theme and plugins. Both runs read
every file; each writes only the content of its language. Content without ``lang`` is in the site's
language. A translation names its original with ``translation_of: <the original's slug>`` (same
unit, any year): two folders, each with its own ASCII slug, photos and documents, so the layout
rule "one folder, one article" holds and an English URL reads in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_core.settings import DEV_SITEURL

# The languages the theme has catalogs for: each one's own name (the language switch shows it in that
# language), its name in Vietnamese (the checker's messages) and its Open Graph locale.
LANGUAGES = {
    "vi": {"name": "Tiếng Việt", "vi_name": "tiếng Việt", "og_locale": "vi_VN"},
    "en": {"name": "English", "vi_name": "tiếng Anh", "og_locale": "en_US"},
}
ATTACHMENTS_HEADINGS = {"en": "Attachments"}
# The feeds' own words in each section's language (press_feeds' PRESS_FEEDS_TEXTS; Vietnamese is its default).
FEED_TEXTS = {
    "en": {
        "all_label": "All news",
        "all_title": "{site} – All news",
        "all_description": "The latest news of {site} and its member unions.",
        "category_description": "{name}: news of {site}.",
        "unit_description": "News of {name} on the site of {site}.",
        "source": "Source",
        "original": "Original",
        "republished_from": "Republished from",
        "photo": "Photo",
    },
}
TRANSLATION_KEY = "translation_of"
# The settings a section's build marks itself with (never set by a site): the root's language and URL.
MAIN_LANG_SETTING = "SITE_I18N_MAIN_LANG"
MAIN_SITEURL_SETTING = "SITE_I18N_MAIN_SITEURL"
# What the root build found: the other languages that have published content, so that a site with
# Vietnamese content only gets no English section, no language switch and no hreflang.
FOUND_SETTING = "SITE_I18N_FOUND"


def main_lang(settings: dict) -> str:
    return settings.get(MAIN_LANG_SETTING) or settings["DEFAULT_LANG"]


def is_section(settings: dict) -> bool:
    return bool(settings.get(MAIN_LANG_SETTING))


def lang_of(content, site_lang: str) -> str:
    """The content's language as its author wrote it (``lang:``), else the site's. Not Pelican's
    ``content.lang``, which is the running build's DEFAULT_LANG for content without ``lang``."""
    return str(content.metadata.get("lang") or site_lang).strip().lower()


def root_path(lang: str, site_lang: str, url: str) -> str:
    """A URL of a build in ``lang`` as a path from the site's root: ``en/`` before it in a section."""
    return url if lang == site_lang else f"{lang}/{url}"


@dataclass(frozen=True)
class Alternate:
    lang: str
    path: str  # from the site's root, as root_path gives it


def pair_translations(contents: list, site_lang: str) -> dict[int, list[Alternate]]:
    """``id(content) -> [Alternate, ...]`` (itself first) for every content with a counterpart.

    A translation names its original by slug; an original in the same unit wins over one elsewhere
    (units may reuse a slug), and an original must be in the site's language. ``content.url`` is the
    build's URL pattern, the same in every language (ARTICLE_LANG_URL = ARTICLE_URL): a section adds
    its prefix.
    """
    originals: dict[str, list] = {}
    for content in contents:
        if lang_of(content, site_lang) == site_lang:
            originals.setdefault(content.slug, []).append(content)
    groups: dict[int, list] = {}
    for content in contents:
        wanted = str(content.metadata.get(TRANSLATION_KEY) or "").strip()
        if not wanted or lang_of(content, site_lang) == site_lang:
            continue
        candidates = originals.get(wanted, [])
        unit = getattr(getattr(content, "unit", None), "slug", None)
        same_unit = [c for c in candidates if getattr(getattr(c, "unit", None), "slug", None) == unit]
        original = (same_unit or candidates or [None])[0]
        if original is not None:
            groups.setdefault(id(original), [original]).append(content)
    alternates: dict[int, list[Alternate]] = {}
    for group in groups.values():
        entries = [Alternate(lang_of(c, site_lang), root_path(lang_of(c, site_lang), site_lang, c.url)) for c in group]
        for content in group:
            mine = lang_of(content, site_lang)
            alternates[id(content)] = sorted(entries, key=lambda a: (a.lang != mine, a.lang))
    return alternates


def section_settings(settings: dict, lang: str, overrides: dict | None = None) -> dict:
    """The settings of the ``lang`` section's build, from the root build's.

    Its output, cache and URLs are under ``<lang>/``; it writes no robots.txt, web editor, security
    headers file or report (the root's serve the whole site); its feeds are named in English. The
    root's CONTENT_CHECK_REPORT stays: a file the checker rejected is left out of the section too.
    The site's LANGUAGE_SECTIONS[lang] (its name, identity texts in that language...) come last.
    """
    siteurl = settings.get("SITEURL") or ""
    section = dict(settings)
    section.update({
        "DEFAULT_LANG": lang,
        MAIN_LANG_SETTING: settings["DEFAULT_LANG"],
        MAIN_SITEURL_SETTING: siteurl,
        FOUND_SETTING: settings.get(FOUND_SETTING, []),
        "SITEURL": f"{siteurl}/{lang}" if siteurl else "",
        "OUTPUT_PATH": str(Path(settings["OUTPUT_PATH"]) / lang),
        "CACHE_PATH": str(Path(settings["CACHE_PATH"]) / lang),
        "STATIC_PATHS": [p for p in settings.get("STATIC_PATHS", []) if p != "extra"],
        "OUTPUT_RETENTION": [],
        "WEB_EDITOR_ENABLED": False,
        "SAFE_HTML_HEADERS_FILE": None,
        "CDCT_ROBOTS_TXT": False,
        "REPORTS_PERIOD": None,
        "REPORTS_PUBLISH": False,
        "PRESS_FEEDS_ALL_RSS": "feeds/all.rss.xml",
        "PRESS_FEEDS_ALL_ATOM": "feeds/all.atom.xml",
    })
    if lang in ATTACHMENTS_HEADINGS:
        section["ATTACHMENTS_HEADING"] = ATTACHMENTS_HEADINGS[lang]  # the list ending a folder article
    if lang in FEED_TEXTS:
        section["PRESS_FEEDS_TEXTS"] = {**(settings.get("PRESS_FEEDS_TEXTS") or {}), **FEED_TEXTS[lang]}
    # Feeds need absolute URLs even in a preview (relative SITEURL): the section's are under /<lang>/.
    feed_base = settings.get("PRESS_FEEDS_SITEURL") or (siteurl if siteurl.startswith(("http://", "https://")) else DEV_SITEURL)
    section["PRESS_FEEDS_SITEURL"] = f"{feed_base.rstrip('/')}/{lang}"
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(section.get(key), dict):
            section[key] = {**section[key], **value}
        else:
            section[key] = value
    return section
