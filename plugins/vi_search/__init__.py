"""vi_search: a Pagefind index of the site's articles and pages, searchable with or without
Vietnamese diacritics (đ included), for the /tim-kiem/ page of the cdct theme.

What it does: after the build (``finalized``) it writes ``<OUTPUT_PATH>/<VI_SEARCH_BUNDLE_DIR>/``
(one Pagefind index per shard: a year, or part of a large year, and the pages; see indexer.py;
shards whose documents did not change are reused from ``<CACHE_PATH>/vi_search/``) from one small
HTML document per published article and page
(``document.py``: title, body, unit / category / date as Pagefind filters, metadata and sort
keys; the indexed text has đ → d so that ``doan`` finds ``đoàn``, and the ``dd`` metadata tells
which d letters were đ: search.js makes excerpts from Pagefind's content with the đ put back). Listings are not indexed.
The theme's search.js (themes/cdct/static/js/search.js) queries it with Pagefind's JS API.

Settings read (the first two set in site_core.engine_settings, the others' defaults on ``initialized``):
    VI_SEARCH_ENABLED      True; False skips the index (the search page then says search is off)
    VI_SEARCH_BUNDLE_DIR   "pagefind": the bundle's folder under OUTPUT_PATH (and its URL path)
    VI_SEARCH_PAGES        True: index static pages too, not only articles
    VI_SEARCH_SHARD_MAX    100 (indexer.SHARD_MAX): at most this many documents per Pagefind index
    VI_SEARCH_AUTO_DOCS    500 (indexer.AUTO_DOCS): search.js searches the newest shards holding this
                           many documents by itself, older ones when the reader asks
Context added: none beyond those settings (templates read ``VI_SEARCH_BUNDLE_DIR``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .document import SearchDocument, from_content
from .fold import fold_d, fold_full
from .indexer import AUTO_DOCS, SHARD_MAX, IndexJob, IndexStats, plan_shards, write_index

logger = logging.getLogger(__name__)

__all__ = ["SearchDocument", "IndexStats", "collect_documents", "fold_d", "fold_full",
           "plan_shards", "write_index", "register"]

# What a site may leave out; VI_SEARCH_ENABLED and VI_SEARCH_BUNDLE_DIR are the engine's (engine_settings).
DEFAULTS = {
    "VI_SEARCH_PAGES": True,
    "VI_SEARCH_SHARD_MAX": SHARD_MAX,
    "VI_SEARCH_AUTO_DOCS": AUTO_DOCS,
}

# The Pagefind job started when the generators finish and collected once the output is written, one
# per output folder: a language section (site_i18n) is built while the root build writes, and must not
# take or drop the root's job. Reset on `initialized` so `pelican -r` and the test suite (many builds
# in one process) start clean.
_pending: dict[str, IndexJob] = {}


def collect_documents(articles, pages) -> list[SearchDocument]:
    """One ``SearchDocument`` per published article and page (drafts and hidden pages excluded)."""
    docs = [from_content(a, "article") for a in articles if getattr(a, "status", "published") == "published"]
    docs += [from_content(p, "page") for p in pages if getattr(p, "status", "published") == "published"]
    return docs


def _drop_pending(output: str):
    job = _pending.pop(str(output), None)
    if job is not None:
        job.close()


def apply_defaults(pelican):
    _drop_pending(pelican.settings["OUTPUT_PATH"])
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    bundle = pelican.settings["VI_SEARCH_BUNDLE_DIR"]
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in bundle:
        raise ValueError(f"VI_SEARCH_BUNDLE_DIR must be a folder name under OUTPUT_PATH, not {bundle!r}")


def gather(generators):
    articles, pages, settings = [], [], None
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles, settings = generator.articles, generator.settings
        elif isinstance(generator, PagesGenerator):
            pages, settings = generator.pages, generator.settings
    if settings is None or not settings.get("VI_SEARCH_ENABLED", True):
        return
    _drop_pending(settings["OUTPUT_PATH"])
    # Start indexing now, on the other core, while Pelican writes the pages.
    docs = collect_documents(articles, pages if settings.get("VI_SEARCH_PAGES", True) else [])
    _pending[str(settings["OUTPUT_PATH"])] = IndexJob(docs, cache=Path(settings["CACHE_PATH"]) / "vi_search",
                                                      max_docs=int(settings.get("VI_SEARCH_SHARD_MAX", SHARD_MAX)),
                                                      language=settings.get("DEFAULT_LANG") or "vi",
                                                      auto_docs=int(settings.get("VI_SEARCH_AUTO_DOCS", AUTO_DOCS)))


def build_index(pelican):
    settings = pelican.settings
    if not settings.get("VI_SEARCH_ENABLED", True):
        return
    bundle = Path(settings["OUTPUT_PATH"]) / settings["VI_SEARCH_BUNDLE_DIR"]
    job = _pending.pop(str(settings["OUTPUT_PATH"]), None)
    if job is None:
        return
    try:
        stats = job.finish(bundle)
    except Exception as exc:  # noqa: BLE001 - the site is still usable; the search page falls back to the archives
        logger.error("[vi_search] Không tạo được chỉ mục tìm kiếm (Pagefind): %s — kiểm tra gói pagefind[bin] "
                     "trong .venv (pip install -r requirements.txt). Index not written.", exc)
        return
    finally:
        job.close()
    logger.info("[vi_search] indexed %d documents in %d shards (%d rebuilt, the others from the cache): "
                "%d files, %.1f KB in %.2f s", stats.documents, stats.shards, stats.shards_built, stats.files,
                stats.bytes / 1024, stats.seconds)


def register():
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(gather)
    signals.finalized.connect(build_index)
