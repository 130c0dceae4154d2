"""live_preview: the editors' preview (`invoke livereload`): a saved article is on screen in about
a second, whatever the size of the archive.

Not a Pelican plugin (no ``register``): it drives Pelican from outside. The first build is an
ordinary full build run in this process, so that its generators stay in memory. Then, when the
Markdown file of a published article is saved, ``PreviewSite.apply`` :

1. checks that file with the content checker (problems are printed; if the file cannot be built the
   page keeps its last good version),
2. reads it again with the same reader (the plugins' ``content_object_init`` work, sanitising
   included, runs as in a full build),
3. puts it in place of the old version — or, for a new article without photos, into — the article
   lists, tags and categories, and sends the signals the plugins handle: site_core.signals'
   ``article_updated`` (photo_variants keeps the photos, remakes a share card) and Pelican's
   ``article_generator_finalized`` again, so the units, frozen URLs and taxonomy indexes are made
   by the same handlers as in a full build (this tool imports no plugin's internals),
4. writes only what shows it: its page, and the pages of the home page, its unit's section, its
   category and its tags on which it appears (before or after the edit), the archives, and the site,
   unit and category feeds.

Anything else — a moved or deleted file, a draft, a new article with photos, changed photos, unit.yml,
categories.yml, the theme, settings or plugins — runs a full build, as ``pelican --autoreload`` does.
Left stale until the next full build (the publish build is always a full build): other articles'
previous/next and related links, period archives, the search index, sitemap.xml and reports.
Settings read: those of the build (pelicanconf.py); DEFAULT_PAGINATION for the listing pages.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.paginator import Paginator
from pelican.writers import Writer
from site_core.filekinds import FileKind
from site_core.settings import site_settings
from site_core.state import build_state
from site_core.signals import article_updated

logger = logging.getLogger(__name__)

__all__ = ["PreviewSite", "Update", "pages_to_write"]


@dataclass
class Update:
    """What one call to ``PreviewSite.apply`` did."""

    mode: str  # "incremental", "full" or "rejected"
    seconds: float = 0.0
    written: list = field(default_factory=list)  # output paths, relative to OUTPUT_PATH
    problems: list = field(default_factory=list)


def pages_to_write(old_list: list, new_list: list, old, new, per_page: int) -> set[int]:
    """1-based numbers of the pages of a paginated list on which ``old`` was or ``new`` now is.

    Every article between the two positions shifts by one when the date changed; when the article
    joins the list (a new article) or leaves it (its category changed), every later page shifts.
    """
    at_old, at_new = _index(old_list, old), _index(new_list, new)
    if at_old is None and at_new is None:
        return set()
    if per_page <= 0:
        return {1}
    if at_old is None:
        first, last = at_new, len(new_list) - 1
    elif at_new is None:
        first, last = at_old, len(old_list) - 1
    else:
        first, last = min(at_old, at_new), max(at_old, at_new)
    return set(range(first // per_page + 1, last // per_page + 2))


def _index(items: list, item):
    for i, candidate in enumerate(items):
        if candidate is item:
            return i
    return None


class PreviewSite:
    """A site built once in this process and kept up to date, article by article."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.content = Path(settings["PATH"])
        self.generators: list = []

    # --- full builds ---------------------------------------------------------------------------

    def _keep_generators(self, generators):
        self.generators = list(generators)

    def full_build(self) -> Update:
        start = time.perf_counter()
        signals.all_generators_finalized.connect(self._keep_generators)
        try:
            Pelican(self.settings).run()
        finally:
            signals.all_generators_finalized.disconnect(self._keep_generators)
        return Update("full", time.perf_counter() - start)

    @property
    def articles_generator(self) -> ArticlesGenerator:
        return next(g for g in self.generators if isinstance(g, ArticlesGenerator))

    def _generator(self, class_name: str):
        return next((g for g in self.generators if type(g).__name__ == class_name), None)

    # --- one saved file ------------------------------------------------------------------------

    def apply(self, changed: set[Path]) -> Update:
        """Bring the output up to date after ``changed`` files were saved."""
        # Editors and tools save through temporary files (sed -i, vim's .swp, "x~"): a path that is
        # gone and was never part of the site is not a change to the site.
        known = {Path(c.source_path).resolve() for g in self.generators for name in ("articles", "drafts", "pages",
                 "hidden_pages", "draft_pages", "staticfiles") for c in getattr(g, name, [])}
        paths = {Path(p).resolve() for p in changed}
        paths = {p for p in paths if p.exists() or p in known}
        if not paths:
            return Update("unchanged")
        if len(paths) == 1 and self.generators:
            update = self._try_incremental(next(iter(paths)))
            if update is not None:
                return update
        return self.full_build()

    def _try_incremental(self, path: Path) -> Update | None:
        from content_check.checker import check_file  # the checker's public function, as `invoke check` runs it

        start = time.perf_counter()
        gen = self.articles_generator
        if path.suffix != ".md" or not path.is_file():
            return None
        try:
            rel = path.relative_to(self.content.resolve()).as_posix()
        except ValueError:
            return None
        if not rel.startswith("units/"):
            return None  # a page, or a file outside the units: build it all
        old = next((a for a in gen.articles if Path(a.source_path).resolve() == path), None)
        if old is None and any(Path(a.source_path).resolve() == path for a in gen.drafts):
            return None  # a draft or scheduled article being published: build it all

        kind, problems, fm = check_file(self.content, path, plugins=self.settings.get("PLUGINS", ()),
                                        markdown=self.settings.get("MARKDOWN"), site=site_settings(self.settings))
        for problem in problems:
            logger.warning("[check] %s", problem)
        if kind != FileKind.ARTICLE:
            if kind == FileKind.REJECTED:
                logger.warning("[preview] %s giữ bản trước vì còn lỗi ở trên.", rel)
                return Update("rejected", time.perf_counter() - start, [], problems)
            return None  # it became a draft or was scheduled
        report = build_state(self.settings).check_report
        if report is not None:
            report.front_matter[f"content/{rel}"] = fm
        new = gen.readers.read_file(
            base_path=gen.path, path=rel, content_class=Article, context=gen.context,
            preread_signal=signals.article_generator_preread, preread_sender=gen,
            context_signal=signals.article_generator_context, context_sender=gen)
        if new.status != "published":
            return None
        if (new.metadata.get("lang") or self.settings["DEFAULT_LANG"]) != self.settings["DEFAULT_LANG"]:
            return None  # another language's article (site_i18n's section, built with the site): build it all
        photos = set(getattr(new, "images", []) or [])
        if old is None and photos:
            return None  # a new article's photo variants and share card are made by a full build
        if old is not None and (photos - {new.metadata.get("image")}
                                or new.metadata.get("image") != old.metadata.get("image")):
            return None  # so are changed photos
        # What the plugins gave the old version in the full build (photo_variants: its photos, the
        # share card of a retitled article) they carry over or remake: no plugin work is redone here.
        made = [path for _receiver, path in article_updated.send(new, old=old, settings=self.settings) if path]

        before = self._snapshot(gen, old or new)
        self._replace(gen, old, new)
        # The same handlers as after a full read: content_model freezes the URLs and indexes the
        # taxonomies, union_units links the units, union_reports counts, up_to_date notes schedules.
        signals.article_generator_finalized.send(gen)
        written = self._write(gen, old, new, before) + made
        seconds = time.perf_counter() - start
        logger.warning("[preview] %s: %d trang cập nhật trong %.2f s", rel, len(written), seconds)
        return Update("incremental", seconds, written, problems)

    @staticmethod
    def _snapshot(gen, old) -> dict:
        """Each listing's article list before the edit, to find the pages the old version was on."""
        return {
            "index": list(gen.articles),
            "unit": list(getattr(gen.context.get("unit_registry", {}).get(old.unit.slug), "articles", [])),
            "category": list(dict(gen.categories).get(old.category, [])),
            "tags": {tag: list(arts) for tag, arts in gen.tags.items() if tag in getattr(old, "tags", [])},
        }

    @staticmethod
    def _replace(gen, old, new):
        order = gen.settings.get("ARTICLE_ORDER_BY", "reversed-date")
        gen.articles = [new if a is old else a for a in gen.articles] if old is not None else [*gen.articles, new]
        if callable(order):  # engine_settings.newest_first
            gen.articles.sort(key=order)
        elif order == "reversed-date":
            gen.articles.sort(key=lambda a: a.date, reverse=True)
        gen.dates = sorted(gen.articles, key=lambda a: a.date, reverse=gen.context["NEWEST_FIRST_ARCHIVES"])
        categories, tags = defaultdict(list), defaultdict(list)
        for article in gen.articles:
            categories[article.category].append(article)
            for tag in getattr(article, "tags", []):
                tags[tag].append(article)
        gen.categories = sorted(categories.items(), reverse=gen.settings["REVERSE_CATEGORY_ORDER"])
        gen.tags = tags
        for name in ("articles", "dates", "categories", "tags"):
            gen.context[name] = getattr(gen, name)

    # --- writing -------------------------------------------------------------------------------

    def _write(self, gen, old, new, before) -> list[str]:
        writer = Writer(gen.output_path, settings=self.settings)
        output = Path(self.settings["OUTPUT_PATH"]).resolve()
        written: list[str] = []

        def note(path, context=None):
            written.append(Path(path).resolve().relative_to(output).as_posix())

        signals.content_written.connect(note)
        try:
            return self._write_pages(gen, writer, old, new, before, written)
        finally:
            signals.content_written.disconnect(note)

    def _write_pages(self, gen, writer, old, new, before, written) -> list[str]:
        relative = self.settings["RELATIVE_URLS"]
        per_page = self.settings.get("DEFAULT_PAGINATION") or 0
        write = writer.write_file
        # The article itself (as ArticlesGenerator.generate_articles writes it).
        write(new.save_as, gen.get_template(new.template), gen.context, article=new,
              category=getattr(new, "category", None), override_output=True, url=new.url, blog=True,
              relative_urls=relative)
        # Listings, only the pages the article was or is on.
        home_save_as = self.settings.get("INDEX_SAVE_AS", "index.html")
        self._paginated(writer, gen, "index", home_save_as, self.settings.get("INDEX_URL", "index.html"), before["index"], gen.articles, old, new, per_page,
                        articles=gen.articles, dates=gen.dates)
        unit = new.unit
        self._paginated(writer, gen, "unit", unit.save_as, unit.url, before["unit"], unit.articles, old, new, per_page,
                        unit=unit, articles=unit.articles, dates=unit.articles, page_name=unit.page_name)
        categories = dict(gen.categories)
        ref = old or new  # the snapshot was taken of this one's category and tags
        for category in {ref.category, new.category}:
            arts = categories.get(category, [])
            old_list = before["category"] if category == ref.category else []
            self._paginated(writer, gen, "category", category.save_as, category.url, old_list, arts, old, new,
                            per_page, category=category, articles=arts,
                            dates=[a for a in gen.dates if a in arts], page_name=category.page_name,
                            all_articles=gen.articles)
        for tag in set(getattr(ref, "tags", [])) | set(getattr(new, "tags", [])):
            arts = gen.tags.get(tag, [])
            self._paginated(writer, gen, "tag", tag.save_as, tag.url, before["tags"].get(tag, []), arts, old, new,
                            per_page, tag=tag, articles=arts, dates=[a for a in gen.dates if a in arts],
                            page_name=tag.page_name, all_articles=gen.articles)
        archives = self.settings.get("ARCHIVES_SAVE_AS")
        if archives:
            write(archives, gen.get_template("archives"), gen.context, articles=gen.articles, dates=gen.dates,
                  blog=True, template_name="archives", url=self.settings.get("ARCHIVES_URL"),
                  relative_urls=relative, override_output=True)
        feeds = self._generator("PressFeedsGenerator")
        if feeds is not None:
            keys = {"all", f"unit:{unit.slug}", f"category:{new.category.slug}", f"category:{ref.category.slug}"}
            for saved in feeds.write_feeds(keys):
                written.append(saved)
        return written

    def _paginated(self, writer, gen, template_name, save_as, url, old_list, new_list, old, new, per_page, **kwargs):
        """Render the pages of one paginated listing on which the article appears (Pelican's
        Writer renders every page of a listing; at 10,000 articles the home page alone has 834)."""
        wanted = pages_to_write(old_list, new_list, old, new, per_page)
        if not save_as:
            return
        if template_name in ("index", "unit"):
            wanted.add(1)  # the home page's lead and category blocks, the unit's profile and latest
        template = gen.get_template(template_name)
        # As pelican.writers.Writer.write_file pages a listing: Paginator(save_as, url, list, ...).
        paginator = Paginator(save_as, url, kwargs["articles"], self.settings, per_page)
        dates = Paginator(save_as, url, kwargs["dates"], self.settings, per_page)
        for number in sorted(n for n in wanted if n <= paginator.num_pages):
            page = paginator.page(number)
            extra = dict(kwargs)
            for key, pager in (("articles", paginator), ("dates", dates)):
                extra.update({f"{key}_paginator": pager, f"{key}_page": pager.page(number),
                              f"{key}_previous_page": pager.page(number - 1) if number > 1 else None,
                              f"{key}_next_page": pager.page(number + 1) if number < pager.num_pages else None})
            writer.write_file(page.save_as, template, gen.context, relative_urls=self.settings["RELATIVE_URLS"],
                              template_name=template_name + "-preview", override_output=True, url=page.url,
                              blog=True, **extra)

