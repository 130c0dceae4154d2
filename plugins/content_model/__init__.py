"""Content model: Markdown with YAML front matter, categories from categories.yml, units from folders.

Settings read: PATH (the content folder), TIMEZONE, MARKDOWN, ARTICLE_PATHS (the first one is the
units folder, ``units``).
Adds to each article: ``category`` (Pelican Category with the registry's slug, name, description and
order), ``unit`` (a site_core.units.Unit), ``kind``, ``featured``, ``images`` (photos beside it).
Adds to the context: ``CATEGORY_REGISTRY`` (every category in order, with or without articles).

A file the reader cannot build raises ContentError carrying Vietnamese problems; Pelican then skips it
and logs "Could not process", and content_check has already listed why.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from pathlib import Path

from markdown import Markdown
from pelican import signals
from pelican.contents import Category
from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.readers import BaseReader

from site_core import allowlist
from site_core.allowlist import HTTP_URL_RE
from site_core.filekinds import BUILDABLE, FileKind
from site_core.categories import CategoryRecord
from site_core.localized import localized
from site_core.frontmatter import FrontMatterError, read_source, split_front_matter
from site_core.layout import UNITS_FOLDER, article_folder_of, article_location, article_place, FolderFiles, is_photo, \
    published_names
from site_core.links import ATTACHMENTS_HEADING, attachments_html, link_local_files, local_path, resolve
from site_core.markdown_config import MARKDOWN_SUFFIXES, markdown_config
from site_core.problems import ContentError, Problem
from site_core.registries import load_registries
from site_core.kinds import KINDS
from site_core.rules import SLUG_RE, check_article, check_page, is_buildable
from site_core.settings import site_settings
from site_core.state import build_state
from site_core.units import Unit

from .prerender import MIN_FILES, Prerender

logger = logging.getLogger(__name__)
CREDIT_PREFIX_RE = re.compile(r"^\s*ảnh\s*:\s*", re.IGNORECASE)

__all__ = ["YamlMarkdownReader", "register", "make_category"]


def make_category(record: CategoryRecord, settings: dict) -> Category:
    # In the build's language: name_en and description_en in an English section (site_core.localized).
    lang = settings.get("DEFAULT_LANG")
    category = Category(localized(record, "name", lang), settings)
    category.slug = record.slug
    category.description = localized(record, "description", lang)
    category.order = record.order
    return category


def first_paragraph(content: str) -> str:
    """The text of the first paragraph of an HTML body (the default summary, per DESIGN.md)."""
    match = re.search(r"<p>(.*?)</p>", content, re.DOTALL)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


class YamlMarkdownReader(BaseReader):
    """Reads ``.md`` files whose metadata is YAML between two ``---`` lines."""

    enabled = True
    file_extensions = [suffix.lstrip(".") for suffix in MARKDOWN_SUFFIXES]

    def __init__(self, settings):
        super().__init__(settings)
        self._content = Path(settings["PATH"])
        # Pelican makes a reader for every generator (static files, theme pages...), most of which never
        # read Markdown: the registries and the Markdown instance are built on the first read().
        self._registries = None
        self._md = None
        # One Category, Tag and Author object per build for each value (see ``_shared``).
        self._wrappers: dict = {}
        self._folder_files = FolderFiles()  # a year folder is listed once, not once per article in it

    def _load(self):
        registries = load_registries(self._content)
        self._registries = (registries.categories,
                            {slug: Unit(record, self.settings) for slug, record in registries.units.items()})
        self._md = Markdown(**markdown_config(self.settings))

    def _shared(self, key, make):
        """The one wrapper object of this build for ``key``, made by ``make()`` the first time.

        Pelican makes a Category, Tag and Author object per article, each then holding a dict of its
        own (the content cache's pickling gives every object a materialised ``__dict__``): ≈ 5 KB per
        article, a quarter of a GB at 50,000. The same name gives the same object, which the
        templates show the same way (a wrapper is its name, slug and URLs, never changed after
        reading); keyed by the name as written, so each article keeps its own spelling of a tag.
        """
        found = self._wrappers.get(key)
        if found is None:
            found = self._wrappers[key] = make()
        return found

    @property
    def _categories(self):
        if self._registries is None:
            self._load()
        return self._registries[0]

    @property
    def _units(self):
        if self._registries is None:
            self._load()
        return self._registries[1]

    def _markdown(self, text: str, key: str | None = None) -> str:
        worker = _prerendered.get("worker")
        html = worker.get(key) if worker is not None and key else None
        if html is not None:
            return html
        if self._md is None:
            self._load()
        self._md.reset()
        return self._md.convert(text)

    def read(self, source_path):
        path = Path(source_path)
        rel = path.relative_to(self._content).as_posix() if path.is_relative_to(self._content) else path.name
        display = f"content/{rel}"
        refused = allowlist.verdict(self._content, rel) if path.is_relative_to(self._content) else None
        if refused is not None and not refused.accepted:
            raise ContentError([refused.problem])  # a link, a hidden file...: never read
        report = build_state(self.settings).check_report  # content_check's, when it ran
        if report is not None and report.kinds.get(display) in (FileKind.REJECTED, FileKind.REFUSED):
            # The checker rejected it (e.g. a second article with the same URL) and said why.
            raise ContentError([p for p in report.problems if p.path == display])
        fm = report.front_matter.pop(display, None) if report is not None else None
        if fm is None:
            fm = self._parse(path, display)
        unit, year = article_location(rel)
        if rel.startswith(f"{UNITS_FOLDER}/"):
            return self._read_article(fm, display, unit, year, path)
        return self._read_page(fm, display, path)

    @staticmethod
    def _parse(path, display):
        try:
            # Never follows a link and never reads more than an article may weigh (allowlist).
            text = read_source(path)
        except allowlist.Refused as exc:
            raise ContentError([Problem(display, None, exc.what, exc.message, exc.fix)]) from None
        except UnicodeDecodeError:
            raise ContentError([Problem(display, None, "encoding", "Tệp không phải mã UTF-8.",
                                        "Mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8.")]) from None
        try:
            fm = split_front_matter(text)
        except FrontMatterError as exc:
            raise ContentError([Problem(display, exc.line, "front matter", exc.message, exc.fix)]) from None
        return fm

    def _read_article(self, fm, display, unit, year, path):
        files = self._folder_files(path.parent, path)
        facts, problems = check_article(
            fm, display, unit, year, self._units, self._categories, site_settings(self.settings).timezone.name,
            exists=lambda name: resolve(local_path(name) or name, files) is not None)
        if not is_buildable(facts, self._units):
            raise ContentError(problems)
        meta = fm.meta
        local = site_settings(self.settings).timezone.zone()
        # Shown, filed (/yyyy/ in the URL) and counted in Vietnam time, whatever offset was written.
        metadata = {
            "title": facts.title,
            "date": facts.date.astimezone(local),
            "category": self._shared(("category", facts.category.slug),
                                     lambda: make_category(facts.category, self.settings)),
            "unit": self._units[facts.unit],
            "kind": facts.kind,
            "kind_name": KINDS[facts.kind],
            "featured": facts.featured,
            "status": facts.status,
        }
        if facts.modified:
            metadata["modified"] = facts.modified.astimezone(local)
        if facts.tags:
            metadata["tags"] = [self._shared(("tag", tag.name), lambda tag=tag: tag)
                                for tag in self.process_metadata("tags", facts.tags)]
        if meta.get("author"):
            author = str(meta["author"])
            metadata["author"] = self._shared(("author", author), lambda: self.process_metadata("author", author))
        if meta.get("summary"):
            metadata["summary"] = html.escape(str(meta["summary"]).strip())
        for key in ("image", "image_alt", "image_credit", "image_caption", "source", "source_url", "slug",
                    "lang", "translation_of"):
            if meta.get(key) not in (None, ""):
                metadata[key] = str(meta[key]).strip()
        # Refused by check_article (the checker names them): never reach a URL or a link.
        if "slug" in metadata and not SLUG_RE.match(metadata["slug"]):
            del metadata["slug"]
        if "source_url" in metadata and not HTTP_URL_RE.match(metadata["source_url"]):
            del metadata["source_url"]
        if "image_credit" in metadata:  # templates and feeds write "Ảnh: <credit>"; contributors often type it too
            metadata["image_credit"] = CREDIT_PREFIX_RE.sub("", metadata["image_credit"]).strip() or metadata["image_credit"]
        place = article_place(display.removeprefix("content/"))
        if place.is_folder:
            metadata["slug"] = place.folder_slug  # the folder is the article's URL (checker: slug: agrees)
        if "image" in metadata:  # the file's own name, however the case or NFC/NFD was written
            metadata["image"] = resolve(local_path(metadata["image"]) or metadata["image"], files) or metadata["image"]
        content, linked = link_local_files(self._markdown(fm.body, display), files)
        metadata["images"] = sorted(name for name in linked | {metadata.get("image")} if name and is_photo(name))
        if place.is_folder:
            content += attachments_html(files, self.settings.get("ATTACHMENTS_HEADING") or ATTACHMENTS_HEADING)
        if "summary" not in metadata:
            metadata["summary"] = first_paragraph(content)
        return content, metadata

    def _read_page(self, fm, display, path):
        metadata, problems = check_page(fm, display)  # url/save_as and unknown templates never pass
        if "title" not in metadata:
            raise ContentError(problems)
        content, linked = link_local_files(self._markdown(fm.body, display), self._folder_files(path.parent, path))
        metadata["images"] = sorted(name for name in linked if is_photo(name))
        return content, metadata


def add_reader(readers):
    # Every Markdown suffix, so Pelican's MarkdownReader (metadata from the body's first lines, and a
    # mutation of the shared MARKDOWN setting) is never instantiated.
    for suffix in YamlMarkdownReader.file_extensions:
        readers.reader_classes[suffix] = YamlMarkdownReader


def add_category_registry(generator):
    records = load_registries(Path(generator.settings["PATH"])).categories
    generator.context["CATEGORY_REGISTRY"] = [make_category(r, generator.settings) for r in records]


# Every list of content objects an articles or pages generator holds.
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                 "hidden_translations", "pages", "hidden_pages", "draft_pages")


def contents_of(generator):
    for name in CONTENT_LISTS:
        yield from getattr(generator, name, [])


def freeze_urls(generator):
    """Compute each article's and page's URL once.

    Pelican recomputes ``url``/``save_as`` from the settings on every access (16,000 times for 500
    articles: a tenth of the build); they cannot change once the content is read.
    """
    for content in contents_of(generator):
        content.override_url = content.url
        content.override_save_as = content.save_as


def release_reader_cache(generator):
    """Let go of Pelican's content cache once the generator has saved it.

    Pelican keeps every (HTML, metadata) pair its readers returned in ``readers._cache`` and writes
    it to ``<CACHE_PATH>`` at the end of ``generate_context``, just before sending
    ``article_generator_finalized`` / ``page_generator_finalized``; then nothing reads it in this
    build (the next build loads it from disk), but it stayed in memory to the end: a copy of every
    metadata dict (Pelican's Content copies its own), ≈ 2 KB per article. A reader called again
    after this (the live preview re-reads an edited article) only misses the cache and reads the
    file, as for any file the cache does not have.
    """
    readers = getattr(generator, "readers", None)
    if readers is not None and isinstance(getattr(readers, "_cache", None), dict):
        saved = getattr(readers, "_cache_data_policy", False)
        readers._cache = {}
        if saved:
            drop_pickled_utf8(generator)


def drop_pickled_utf8(generator):
    """Give each body a fresh copy of its text once the content cache has pickled it.

    Pickling a str that is not ASCII leaves a UTF-8 copy of it inside the string for as long as
    the string lives (CPython's ``PyUnicode_AsUTF8AndSize`` caches it): Pelican's content cache
    pickles every article's HTML, which then carries ≈ 4 KB more for the rest of the build (8 MB
    at 2,000 articles, ≈ 200 MB at 50,000). The copy is the same text without it; the old string
    goes with the reader cache.
    """
    for content in contents_of(generator):
        body = getattr(content, "_content", None)
        if type(body) is str and not body.isascii():
            content._content = "".join((body, ""))  # a new string: join copies two or more parts


def forget_folder_listings(generator):
    """Start each pass over the content with no folder listed (site_core.layout.FolderFiles).

    The readers list each folder once while the generator reads everything; the live preview reads
    one saved article again later with the same readers, and must see the photo or document just
    added beside it.
    """
    readers = getattr(getattr(generator, "readers", None), "readers", {})
    for reader in readers.values():
        if isinstance(reader, YamlMarkdownReader):
            reader._folder_files = FolderFiles()


class MemberList(list):
    """A list of articles whose ``in`` is O(1).

    Pelican writes each tag, category and author page after filtering
    ``[a for a in self.dates if a in articles]`` (pelican/generators.py): with a plain list that is
    quadratic — seconds at a few thousand articles, most of a 10,000-article build. The lists are not
    changed after the generator finishes, so their members' identities can be indexed once.
    """

    def __init__(self, items):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item):
        return id(item) in self._ids


def index_taxonomies(generator):
    """Give every tag, category and author article list an O(1) membership test."""
    generator.categories = [(cat, MemberList(arts)) for cat, arts in generator.categories]
    generator.authors = [(author, MemberList(arts)) for author, arts in generator.authors]
    for tag in list(generator.tags):
        generator.tags[tag] = MemberList(generator.tags[tag])
    generator.context["categories"] = generator.categories
    generator.context["authors"] = generator.authors


def linear_period_archives(generator):
    """Give the articles generator a period-archive grouping that is linear in the archive.

    Pelican's ``_build_period_archives`` fills each year's and month's list with
    ``[a for a in articles if a in dates]`` (pelican/generators.py), ``dates`` a plain list of that
    period's articles: every article is compared with every article of every period, twice (years,
    months). That is quadratic: 1.9 CPU s at 10,000 articles, ≈ 50 s at 50,000, where plain Pelican
    (no period archives by default) pays nothing. This runs Pelican's own method with no articles to
    filter (its URLs, save_as and period fields stay Pelican's), then fills each list with the same
    articles in the same order from an index of their positions.
    """
    pelicans = type(generator)._build_period_archives

    def build(sorted_articles, articles, settings):
        archives = pelicans(generator, sorted_articles, (), settings)
        position = {id(a): i for i, a in enumerate(articles)}
        for granularity in archives.values():
            for archive in granularity:
                members = [a for a in archive["dates"] if id(a) in position]
                archive["articles"] = sorted(members, key=lambda a: position[id(a)])
        return archives

    generator._build_period_archives = build


def place_folder_files(generators):
    """Publish the documents of each article folder under the article's own URL folder.

    ``units/u/2024/slug/Tài liệu.PDF`` is written as ``don-vi/u/2024/slug/tai-lieu.pdf`` (files.py), so
    the ``{static}`` link the reader made of ``[…](Tài liệu.PDF)`` reaches it in preview, publish and
    feeds. A folder whose article is not on the site (a draft or scheduled article in a publish build,
    or one the checker rejected) publishes nothing: its documents are withheld with it.
    """
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    static_gen = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    if articles_gen is None or static_gen is None:
        return
    written = [a for name in ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                              "drafts_translations") for a in getattr(articles_gen, name, []) if a.save_as]
    # An article folder's files go under the article's own URL (ARTICLE_URL, or DRAFT_URL in a preview).
    url_of = {posixpath.dirname(a.relative_source_path.replace(os.sep, "/")): a.url for a in written}
    shown = set(url_of)
    by_folder: dict = {}
    for static in static_gen.staticfiles:
        folder = article_folder_of(static.relative_source_path.replace(os.sep, "/"))
        if folder is not None:
            by_folder.setdefault(folder, []).append(static)
    withheld = []
    for folder, statics in by_folder.items():
        if folder not in shown:
            withheld += statics
            continue
        names = published_names(posixpath.relpath(s.relative_source_path.replace(os.sep, "/"), folder) for s in statics)
        for static in statics:
            name = names[posixpath.relpath(static.relative_source_path.replace(os.sep, "/"), folder)]
            static.override_url = static.override_save_as = url_folder(url_of[folder]) + name
    if withheld:
        ids = {id(s) for s in withheld}
        static_gen.staticfiles = [s for s in static_gen.staticfiles if id(s) not in ids]
        static_gen.context["staticfiles"] = static_gen.staticfiles
        logger.info("[content] %d file(s) of articles not on the site withheld: %s", len(withheld),
                    ", ".join(sorted(s.relative_source_path for s in withheld)))


def url_folder(url: str) -> str:
    """The folder of an article's URL: ``don-vi/u/2024/slug/`` as is, ``2024/slug.html`` -> ``2024/``,
    ``slug.html`` -> ``""`` (the site root)."""
    if not url or url.endswith("/"):
        return url
    folder = posixpath.dirname(url)
    return f"{folder}/" if folder else ""


# The worker converting Markdown for the build in progress: a dict so that handlers can replace
# it; emptied when each build ends (`pelican -r` and the tests build many times in one process).
_prerendered: dict = {}


def start_prerender(pelican):
    """Once content_check has parsed every file: convert the bodies on the second core."""
    stop_prerender(pelican)
    report = build_state(pelican.settings).check_report
    if report is None or len(report.front_matter) < MIN_FILES:
        return None
    buildable = BUILDABLE
    bodies = [(key, fm.body) for key, fm in sorted(report.front_matter.items()) if report.kinds.get(key) in buildable]
    worker = Prerender(bodies, markdown_config(pelican.settings))
    _prerendered["worker"] = worker
    return None  # get_generators receivers may return generators; this one adds none


def stop_prerender(_sender=None, **_kwargs):
    worker = _prerendered.pop("worker", None)
    if worker is not None:
        worker.close()


def register():
    signals.get_generators.connect(start_prerender)
    signals.all_generators_finalized.connect(stop_prerender)
    signals.article_generator_init.connect(linear_period_archives)
    signals.article_generator_finalized.connect(index_taxonomies)
    signals.article_generator_finalized.connect(freeze_urls)
    signals.page_generator_finalized.connect(freeze_urls)
    signals.article_generator_finalized.connect(release_reader_cache)
    signals.page_generator_finalized.connect(release_reader_cache)
    signals.article_generator_finalized.connect(forget_folder_listings)
    signals.page_generator_finalized.connect(forget_folder_listings)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(add_category_registry)
    signals.all_generators_finalized.connect(place_folder_files)
