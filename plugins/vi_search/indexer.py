"""Write the Pagefind bundle for a list of ``SearchDocument``: one Pagefind index per shard.

Why shards. Pagefind holds the whole index it builds in memory: one index of a 10,000-article
archive peaked at 2.6 GB, growing linearly (≈ 12 GB at 50,000, more than a CI runner has). The
documents are therefore split into shards of at most ``SHARD_MAX`` documents (``plan_shards``:
consecutive years packed together, a larger year cut into runs of days), indexed one
after the other by separate Pagefind processes, so memory is bounded by one shard whatever the
archive's size. search.js merges them in the browser (Pagefind's ``mergeIndex``).

Why a cache. A shard's bundle depends only on its documents, the code that renders them
(document.py, fold.py) and Pagefind's version: it is kept in ``<cache>/<shard>-<digest>/`` and
reused when the digest matches, so a build after one edited
article re-indexes that article's year only, and a warm build re-indexes nothing. Reused bundles
are the same bytes, so a warm build's output is identical to the cold build that filled the cache.

The output: ``<bundle>/<shard>/`` per shard and ``<bundle>/shards.json`` (``{"shards": [...]}``,
newest first; with several shards ``"auto"``, how many of the newest search.js searches by itself
(``AUTO_DOCS``), and ``"starts": {"2024.3": "2024-05-02", ...}``, the oldest date of each run of a
year cut into runs of days, when there are some). The first shard is the primary one and keeps Pagefind's JS and WebAssembly; the
others hold only their index (search.js loads them with the primary's code).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .document import SearchDocument, render

# At most this many documents per Pagefind run: bounds the indexer's memory (≈ 0.25 MB per
# document measured at 10,000) and what a reader's browser loads per shard: a query downloads, per
# word, the word's locations in each shard searched, 100-300 bytes per document for a common
# syllable, so the first query's shard is small (docs/performance.md, "Search that scales": at
# 10,000 articles, 2,000 → 744 KB for a first query, 100 → 138 KB).
SHARD_MAX = 100
# Index chunk size given to Pagefind (``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``, read by Pagefind 1.5's
# CLI; default 20,000): a chunk closes once its words' word locations on pages (plus one per page)
# reach this. Pagefind 1.5 does not count the locations of a word's other diacritic forms
# (``additional_variants``), which in Vietnamese is most of them (``qcôngq`` is a variant of
# ``qcongq``), so its default made chunks of 140-290 KB whatever the shard's size; a query
# downloads one chunk per word. With 1,000 a chunk is one common syllable or a few KB of rarer
# ones. Part of every shard's digest.
CHUNK_SIZE = 1000
# search.js searches the newest shards holding at least this many documents by itself (widening while
# a query has fewer results than a page), older ones when the reader asks: shards.json's "auto".
AUTO_DOCS = 500
CHUNK_SIZE_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
PAGES_SHARD = "trang"  # a site with static pages only
MANIFEST = "shards.json"
# Pagefind's own UIs: search.js uses the JS API only, so these are never loaded; removing them
# keeps ~420 KB of unused files out of every deploy.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                # search.js runs Pagefind on the page (noWorker), so its Web Worker is never loaded.
                "pagefind-worker.js")
# Pagefind's code: needed once, in the primary shard.
CODE_FILES = ("pagefind.js", "wasm.unknown.pagefind")


@dataclass
class IndexStats:
    documents: int
    files: int
    bytes: int
    seconds: float
    shards: int = 0
    shards_built: int = 0


def bundle_stats(bundle: Path) -> tuple[int, int]:
    """(files, bytes) of a written bundle folder."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _date(doc: SearchDocument) -> dt.date | None:
    date = doc.sort.get("date") or doc.meta.get("date")
    return dt.date(int(date[:4]), int(date[5:7]), int(date[8:10])) if date else None


def shard_start(docs: list[SearchDocument]) -> str | None:
    """The date (ISO) of a shard's oldest dated document: where the searched range starts when the
    newest shards up to this one have been searched (search.js tells the reader), or None."""
    dates = [d for d in map(_date, docs) if d is not None]
    return min(dates).isoformat() if dates else None


def plan_shards(documents: list[SearchDocument], max_docs: int = SHARD_MAX) -> dict[str, list[SearchDocument]]:
    """Documents by shard name, newest shard first.

    Years are packed oldest first into shards of at most ``max_docs`` documents (``"2019-2021"``,
    ``"2022"``); a year with more is cut into ``k`` runs of days (``"2024.1"`` … ``"2024.k"``,
    ``k = ceil(n / max_docs)``, run ``p`` the days ``[D(p-1)/k, Dp/k)`` of the year's ``D``: even
    when articles are, and a new article changes the last run only, unless ``k`` grows; whole
    months would not do at 50,000 articles, 600 a month, with small shards). Packing from the oldest year keeps old shards as they
    are while the archive grows at its newest end, and keeps shards of similar sizes (Pagefind
    scores each shard with its own statistics, so results from shards of very different sizes
    would not compare well). Pages (no date) go with the newest shard. A site of at most
    ``max_docs`` documents has one shard.
    """
    by_year: dict[int, list[tuple[int, SearchDocument]]] = {}
    pages = []
    for doc in documents:
        when = _date(doc)
        if when is None:
            pages.append(doc)
        else:
            by_year.setdefault(when.year, []).append((when.timetuple().tm_yday - 1, doc))
    shards: list[tuple[str, list[SearchDocument]]] = []
    run_years: list[int] = []
    run: list[SearchDocument] = []

    def close_run():
        if run_years:
            name = str(run_years[0]) if len(run_years) == 1 else f"{run_years[0]}-{run_years[-1]}"
            shards.append((name, list(run)))
            run_years.clear()
            run.clear()

    for year in sorted(by_year):
        docs = by_year[year]
        if len(docs) > max_docs:
            close_run()
            parts = math.ceil(len(docs) / max_docs)
            days = 366 if calendar.isleap(year) else 365
            for part in range(1, parts + 1):
                first, end = days * (part - 1) // parts, days * part // parts
                shards.append((f"{year}.{part}", [d for day, d in docs if first <= day < end]))
            continue
        if len(run) + len(docs) > max_docs:
            close_run()
        run_years.append(year)
        run.extend(d for _, d in docs)
    close_run()
    if pages:
        if shards:
            name, docs = shards[-1]
            shards[-1] = (name, docs + pages)
        else:
            shards.append((PAGES_SHARD, pages))
    return {name: docs for name, docs in reversed(shards) if docs}


@functools.lru_cache(maxsize=1)
def _pagefind_executable() -> str:
    """The Pagefind binary of the pinned ``pagefind[bin]`` package. Run directly: ``python -m
    pagefind`` only finds it and execs it, a Python start-up (≈ 70 ms CPU) per shard, which at 100
    documents a shard is ≈ 7 CPU s at 10,000 articles."""
    from pagefind.service import _must_get_executable  # noqa: PLC0415 - imports asyncio (60 ms): only when indexing

    return str(_must_get_executable().resolve())


def _pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


# The code that turns a SearchDocument into the HTML Pagefind indexes: part of every shard's
# digest, since the documents are digested before they are rendered (see IndexJob).
_RENDER_CODE = tuple(Path(__file__).with_name(name) for name in ("document.py", "fold.py"))
_render_code_hash: str | None = None


def _render_code() -> str:
    global _render_code_hash
    if _render_code_hash is None:
        h = hashlib.sha256()
        for path in _RENDER_CODE:
            h.update(path.read_bytes())
        _render_code_hash = h.hexdigest()
    return _render_code_hash


def _digest(docs: list[SearchDocument], language: str) -> str:
    """What a shard's bundle depends on: Pagefind's version, the render code, the chunk size, the files
    removed from Pagefind's output, the language and each
    document's fields (not its rendered HTML: rendering waits for the index thread)."""
    h = hashlib.sha256(f"pagefind {_pagefind_version()}\nrender {_render_code()}\nlanguage {language}\n"
                       f"chunk {CHUNK_SIZE}\nremoved {' '.join(UNUSED_FILES)}\n".encode())
    for doc in docs:
        fields = json.dumps([doc.url, doc.title, doc.body_html, doc.meta, doc.filters, doc.sort], ensure_ascii=False, default=str)
        h.update(f"{len(fields)}:".encode())
        h.update(fields.encode("utf-8"))
    return h.hexdigest()[:20]


def _rendered(docs: list[SearchDocument], language: str):
    """(url, html) of each document, rendered one at a time; the list is emptied as it goes."""
    docs.reverse()
    while docs:
        doc = docs.pop()
        yield doc.url, render(doc, language)


def _run_pagefind(rendered, target: Path, language: str = "vi") -> None:
    """Index ``rendered`` (an iterable of (url, html)) into the folder ``target`` (written atomically)."""
    with tempfile.TemporaryDirectory(prefix="vi-search-", dir=target.parent) as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        for url, html in rendered:
            rel = url.strip("/")
            path = root / rel / "index.html" if rel else root / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        out = Path(tmp) / "bundle"
        command = [_pagefind_executable(), "--site", str(root), "--output-path", str(out),
                   "--force-language", language, "--quiet"]
        env = {**os.environ, CHUNK_SIZE_ENV: str(CHUNK_SIZE)}
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"pagefind exited with {done.returncode}: {done.stdout.strip()[-500:]}")
        for name in UNUSED_FILES:
            (out / name).unlink(missing_ok=True)
        os.replace(out, target)


def _link_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    """Copy ``source`` to ``target`` as hard links (same bytes, no copy), else as copies."""
    for dirpath, _dirs, files in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            if rel == Path(".") and name in skip:
                continue
            src, dst = Path(dirpath) / name, target / rel / name
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)


class IndexJob:
    """The shards indexed in the background as soon as the documents are known.

    A thread runs Pagefind once per shard that is not in the cache, one shard at a time (memory
    bounded by one shard), on the second core while Pelican (single-threaded) renders and writes
    the pages; ``finish`` waits for it and assembles the output bundle. Each document is written as
    <tmp>/site/<url>/index.html for the Pagefind CLI, which indexes in parallel (the ``pagefind``
    Python API sends documents one message at a time: 8½ minutes for 5,000 articles).
    """

    def __init__(self, documents: list[SearchDocument], cache: Path | None = None, max_docs: int = SHARD_MAX,
                 language: str = "vi", auto_docs: int = AUTO_DOCS):
        self.started = time.perf_counter()
        self.documents = len(documents)
        self._tmp = None
        if cache is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="vi-search-cache-")
            cache = Path(self._tmp.name)
        self.cache = Path(cache)
        self.cache.mkdir(parents=True, exist_ok=True)
        # (name, folder in the cache, documents to index or None when the folder is already there).
        # Documents are rendered in the index thread one shard at a time, so that the build holds
        # one shard's HTML at most, not the whole archive's.
        self.shards: list[tuple[str, Path, list | None]] = []
        # The oldest date of each run of a year cut into runs of days (named "<year>.<k>").
        self.starts: dict[str, str] = {}
        # How many of the newest shards hold ``auto_docs`` documents (all of them if fewer).
        self.auto, seen = 0, 0
        for name, docs in plan_shards(documents, max_docs).items():
            if seen < auto_docs:
                self.auto, seen = self.auto + 1, seen + len(docs)
            if "." in name and shard_start(docs):
                self.starts[name] = shard_start(docs)
            folder = self.cache / f"{name}-{_digest(docs, language)}"
            self.shards.append((name, folder, None if (folder / "pagefind-entry.json").is_file() else docs))
        self.built = sum(1 for _, _, todo in self.shards if todo is not None)
        self.language = language
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._index, name="vi-search-index", daemon=True)
        self._thread.start()

    def _index(self) -> None:
        try:
            for i, (name, folder, docs) in enumerate(self.shards):
                if docs is not None:
                    # Let go of the shard's documents as they are written: the build no longer holds a
                    # document per article while it writes the pages (at most one rendered at a time).
                    self.shards[i] = (name, folder, None)
                    shutil.rmtree(folder, ignore_errors=True)
                    _run_pagefind(_rendered(docs, self.language), folder, self.language)
                    del docs
        except BaseException as exc:  # noqa: BLE001 - reported by finish(), in the build's thread
            self._error = exc

    def finish(self, bundle: Path) -> IndexStats:
        """Wait for the shards, then replace ``bundle`` (e.g. ``output/pagefind``) with the new index."""
        try:
            self._thread.join()
            if self._error is not None:
                raise RuntimeError(str(self._error)) from self._error
            bundle = Path(bundle).resolve()
            shutil.rmtree(bundle, ignore_errors=True)
            bundle.mkdir(parents=True)
            for i, (name, folder, _) in enumerate(self.shards):
                _link_tree(folder, bundle / name, skip=() if i == 0 else CODE_FILES)
            manifest = {"shards": [name for name, _, _ in self.shards]}
            if len(self.shards) > 1:
                manifest["auto"] = self.auto
            if self.starts:  # a year cut into runs of days: where each run starts (search.js's status)
                manifest["starts"] = self.starts
            (bundle / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")) + "\n", encoding="utf-8")
            self._prune()
            files, size = bundle_stats(bundle)
            return IndexStats(self.documents, files, size, time.perf_counter() - self.started,
                              shards=len(self.shards), shards_built=self.built)
        finally:
            self.close()

    def _prune(self) -> None:
        """Remove cached shard folders this build did not use (older versions, gone shards)."""
        keep = {folder.name for _, folder, _ in self.shards}
        for entry in self.cache.iterdir():
            if entry.is_dir() and entry.name not in keep and not entry.name.startswith("vi-search-"):
                shutil.rmtree(entry, ignore_errors=True)

    def close(self) -> None:
        # A running Pagefind is left to finish (the thread owns it); its output goes to the cache.
        if self._tmp is not None and not self._thread.is_alive():
            self._tmp.cleanup()
            self._tmp = None


def write_index(documents: list[SearchDocument], bundle: Path, cache: Path | None = None) -> IndexStats:
    """Replace ``bundle`` (e.g. ``output/pagefind``) with a fresh index of ``documents`` (blocking)."""
    return IndexJob(documents, cache=cache).finish(bundle)
