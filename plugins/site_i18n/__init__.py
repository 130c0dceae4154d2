"""site_i18n: the interface in the reader's language, and a section per other language (issue 19).

Interface strings. The cdct templates mark every visible string with ``{% trans %}`` or ``_()``
(Jinja's i18n extension, enabled in engine_settings' JINJA_ENVIRONMENT); on ``generator_init`` this
plugin installs the Babel catalog of the build's language (``DEFAULT_LANG``) from
``<THEME>/translations/<lang>/LC_MESSAGES/messages.mo``. The msgids are the Vietnamese text itself
(the site's source language), so the Vietnamese catalog has empty msgstrs and a missing or stale
Vietnamese catalog can never change the Vietnamese site; only ``en`` is translated. ``catalogs``
extracts, updates, compiles and checks them (``invoke i18n``, ``invoke i18n --check``). The gettext
callables are Jinja's old style (``newstyle=False``): ``_("…")`` returns a plain string, escaped where
it is printed exactly like the string literal it replaced, and a ``{% trans %}`` block is markup
like the template text it wraps, its variables escaped: the Vietnamese HTML stayed byte-identical
when the templates were marked.

Language sections (``sections``). Articles and pages with ``lang: en`` are left out of the root
build (``article_generator_pretaxonomy``, ``page_generator_finalized``, before any list is made of
them) and built by a second Pelican run (``SectionsGenerator``, while the root build writes) into
``<OUTPUT_PATH>/en/`` with the same theme and plugins: its own home, units, the categories its
articles are in (``used_categories``), archives, search index (its own Pagefind bundle) and feeds,
English dates (``localize``), ``og:locale``, ``inLanguage``. ``translation_of`` pairs a translation
with its original: both get ``content.alternates`` for the ``hreflang`` links and the language
switch (the ``language_links()`` template global). A site with no content in another language gets
no section, no switch and no alternates.

Settings read: ``DEFAULT_LANG``, ``LANGUAGE_SECTIONS`` (lang → settings of that section: its
SITENAME, CDCT_IDENTITY texts...), ``THEME``; ``sections.section_settings`` names what a section
changes.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from babel.support import NullTranslations, Translations
from jinja2 import pass_context

from pelican import Pelican, signals
from pelican.generators import Generator

from . import localize
from .checks import CONTENT_CHECKS  # noqa: F401 - the checker reads it from the plugin (site_core.checks)
from .sections import FOUND_SETTING, LANGUAGES, MAIN_LANG_SETTING, MAIN_SITEURL_SETTING, is_section, lang_of, main_lang, \
    pair_translations, root_path, section_settings

logger = logging.getLogger(__name__)

DOMAIN = "messages"
TRANSLATIONS_FOLDER = "translations"  # inside the theme, beside templates/ and static/


def translations_dir(theme: str | Path) -> Path:
    return Path(theme) / TRANSLATIONS_FOLDER


def load_translations(theme: str | Path, lang: str) -> NullTranslations:
    """The compiled catalog of ``lang``; Babel's NullTranslations (every msgid as it is) without one."""
    return Translations.load(str(translations_dir(theme)), [lang], DOMAIN)


def _site_root(ctx) -> str:
    """The URL of the site's root from the page being written (SITEURL is the section's in a section)."""
    siteurl = ctx.get("SITEURL", "")
    if not ctx.get(MAIN_LANG_SETTING):
        return siteurl
    return f"{siteurl}/.." if ctx.get("RELATIVE_URLS") else ctx.get(MAIN_SITEURL_SETTING, "")


@pass_context
def language_links(ctx) -> list[dict]:
    """The site's languages for the page being written, its own first: ``lang``, ``name`` (in that
    language), ``href``, ``current`` and ``alternate`` (True when ``href`` is this page in that
    language — a translation, or the other home — so it belongs in an hreflang link)."""
    site = ctx.get(MAIN_LANG_SETTING) or ctx["DEFAULT_LANG"]
    mine = ctx["DEFAULT_LANG"]
    langs = [site, *[lang for lang in ctx.get(FOUND_SETTING) or [] if lang in LANGUAGES and lang != site]]
    if len(langs) < 2:
        return []
    root = _site_root(ctx)
    content = ctx.get("article") or ctx.get("page")
    alternates = {a.lang: a.path for a in getattr(content, "alternates", None) or []}
    home = content is None and ctx.get("output_file") == ctx.get("INDEX_SAVE_AS", "index.html")
    links = []
    for lang in sorted(langs, key=lambda lang: (lang != mine, lang != site, lang)):
        path = alternates.get(lang, root_path(lang, site, ""))
        links.append({"lang": lang, "name": LANGUAGES[lang]["name"], "og_locale": LANGUAGES[lang]["og_locale"], "href": f"{root}/{path}",
                      "current": lang == mine, "alternate": lang in alternates or home})
    return links


def _with_language(news_article_ld, lang: str):
    @pass_context
    def localized(ctx, article):
        return {**news_article_ld(ctx, article), "inLanguage": lang}
    return localized


def install_translations(generator) -> None:
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    env = generator.env
    env.install_gettext_translations(load_translations(settings["THEME"], lang), newstyle=False)
    env.globals["language_links"] = language_links
    env.globals["OG_LOCALE"] = LANGUAGES.get(lang, {}).get("og_locale", lang)


def localize_section(generators) -> None:
    """A section's dates, numbers and JSON-LD language, set once every generator is ready (after
    theme_helpers has added its Vietnamese filters on ``generator_init``, whatever the plugin order)."""
    for generator in generators:
        settings = getattr(generator, "settings", {})
        if not is_section(settings) or not hasattr(generator, "env"):
            continue
        generator.env.filters.update(localize.filters(settings["DEFAULT_LANG"]))
        levels = generator.context.get("units_by_level")
        if levels:  # union_units names each level from levels.yml's Vietnamese; its units know theirs
            generator.context["units_by_level"] = [(slug, units[0].level_name if units else name, units)
                                                   for slug, name, units in levels]
        if "news_article_ld" in generator.env.globals:
            generator.env.globals["news_article_ld"] = _with_language(generator.env.globals["news_article_ld"],
                                                                      settings["DEFAULT_LANG"])


def _keep_language(generator, names: tuple[str, ...]) -> None:
    settings = generator.settings
    site, mine = main_lang(settings), settings["DEFAULT_LANG"]
    lists = [getattr(generator, name, None) or [] for name in names]
    published = lists[0] + lists[1]
    alternates = pair_translations(published, site)
    for content in (c for items in lists for c in items):
        content.alternates = alternates.get(id(content), [])
    if not is_section(settings):
        found = set(settings.get(FOUND_SETTING) or []) | {lang_of(c, site) for c in published}
        found = sorted(lang for lang in found - {site} if lang in LANGUAGES)
        settings[FOUND_SETTING] = generator.context[FOUND_SETTING] = found
    for items in lists:
        items[:] = [c for c in items if lang_of(c, site) == mine]


def split_articles(generator) -> None:
    _keep_language(generator, ("articles", "translations", "hidden_articles", "hidden_translations",
                               "drafts", "drafts_translations"))


def used_categories(generator) -> None:
    """A section lists (navigation, home blocks, feeds) only the categories its articles are in: it has
    a handful of articles, and Pelican writes no page for a category without one."""
    if not is_section(generator.settings) or "CATEGORY_REGISTRY" not in generator.context:
        return
    used = {getattr(a.category, "slug", None) for a in generator.articles}
    generator.context["CATEGORY_REGISTRY"] = [c for c in generator.context["CATEGORY_REGISTRY"] if c.slug in used]


def split_pages(generator) -> None:
    _keep_language(generator, ("pages", "translations", "hidden_pages", "hidden_translations",
                               "draft_pages", "draft_translations"))


class SectionBuild(Pelican):
    """The build of one language section. ``up_to_date_skip``: content_check reads it to skip its run
    of every check, which the root build has just made on the same files and printed."""

    up_to_date_skip = True


def _sitemap():
    try:
        from pelican.plugins.sitemap.sitemap import generator  # noqa: PLC0415 - optional plugin
    except ImportError:
        return None
    return generator


class SectionsGenerator(Generator):
    """Builds each other language with content into <OUTPUT_PATH>/<lang>/, while the root build writes.

    A generator and not a ``finalized`` receiver: the root's own ``finalized`` work (its sitemap,
    which then lists the section's pages; up_to_date's manifest of the output, which then includes
    them) must come after the section, and the order of one signal's receivers is only the order
    the plugins first registered in. The root's output folder was emptied before any generator ran.
    """

    def generate_context(self):
        pass

    def generate_output(self, writer):
        if not is_section(self.settings):
            build_sections(self.settings)


def get_generators(pelican):
    return SectionsGenerator


def build_sections(settings: dict) -> None:
    for lang in settings.get(FOUND_SETTING) or []:
        section = section_settings(settings, lang, (settings.get("LANGUAGE_SECTIONS") or {}).get(lang))
        # pelican-sitemap writes one sitemap.xml for the root build (made for i18n sub-sites); keep
        # the root's queue and clock across the section's start (theme_helpers resets them then),
        # so the section's pages join the root's sitemap under en/.
        sitemap = _sitemap()
        saved = (sitemap._main_pelican, list(sitemap.page_queue), sitemap.now) if sitemap else None
        logger.info("[site_i18n] Dựng phần %s vào %s", LANGUAGES[lang]["vi_name"], section["OUTPUT_PATH"])
        build = SectionBuild(section)
        if sitemap:
            sitemap._main_pelican, sitemap.page_queue = saved[0], saved[1] + sitemap.page_queue
        build.run()
        if sitemap:
            sitemap.now = saved[2]
            start = len(saved[1])
            sitemap.page_queue[start:] = [(path, _moved(obj, lang)) for path, obj in sitemap.page_queue[start:]]


def _moved(content, lang: str):
    """A section's article or page as the root's sitemap lists it: its URL under <lang>/ (the sitemap
    reads ``content.url``, which is the section's own)."""
    if content is None or not hasattr(content, "url"):
        return content
    moved = copy.copy(content)
    moved.override_url = f"{lang}/{content.url}"
    return moved


def register():
    signals.generator_init.connect(install_translations)
    signals.all_generators_finalized.connect(localize_section)
    signals.article_generator_pretaxonomy.connect(split_articles)
    signals.page_generator_finalized.connect(split_pages)
    signals.article_generator_finalized.connect(used_categories)
    signals.get_generators.connect(get_generators)
