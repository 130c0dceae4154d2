"""Convert Markdown bodies on the second core while Pelican reads on the first.

Pelican reads and renders on one core; Markdown conversion is the largest part of reading (a
third of a cold build). When the build starts (``get_generators``, after content_check has parsed
every front matter), a worker process converts about two bodies in three, in chunks, while the
reader converts the rest itself and picks up the worker's results as it reaches those files.
The HTML is the same either way (same Python-Markdown, same arguments from
``markdown_config.markdown_config``, tested byte for byte); a body the worker has not been given is
simply converted in place.

The worker is started with ``spawn``, not ``fork``: a forked child shares the parent's heap only
until it touches it, and CPython touches every object it reaches (reference counts), so the worker
ended up holding a private copy of everything the build had read by then — every front matter and
body, 484 MB of private memory at 50,000 articles (``/proc/<pid>/smaps_rollup``), plus the system
time of copying those pages. A spawned worker starts from a fresh interpreter and receives only
the bodies it converts (they are pickled to it either way).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing

from markdown import Markdown

from site_core.markdown_config import markdown_config  # noqa: F401 - the one configuration, re-exported

MIN_FILES = 200  # below this, starting a process costs more than it saves
WORKER_SHARE = 2  # of every 3 bodies, the worker converts 2 (the reader also builds the articles)
CHUNK = 64

_worker_markdown = None  # one Markdown instance per worker process


def _render(chunk: list[tuple[str, str]], config: dict) -> list[tuple[str, str]]:
    global _worker_markdown
    if _worker_markdown is None:
        _worker_markdown = Markdown(**config)
    out = []
    for key, body in chunk:
        _worker_markdown.reset()
        out.append((key, _worker_markdown.convert(body)))
    return out


class Prerender:
    """Bodies converted in a worker process, handed out by key (the file's display path)."""

    def __init__(self, bodies: list[tuple[str, str]], config: dict):
        mine = [item for i, item in enumerate(bodies) if i % 3 < WORKER_SHARE]
        self._pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._futures: dict[str, cf.Future] = {}
        self._ready: dict[str, str] = {}
        for start in range(0, len(mine), CHUNK):
            chunk = mine[start:start + CHUNK]
            future = self._pool.submit(_render, chunk, config)
            for key, _ in chunk:
                self._futures[key] = future

    def get(self, key: str) -> str | None:
        """The worker's HTML for ``key``, waiting for it if needed; None if it was not given it.

        A chunk's results are moved out of its future when the first of them is asked for, and
        each is let go of once handed out: Pelican reads the files in no set order, so a future
        kept until all of its chunk had been read held most of the worker's HTML to the end of
        reading, beside the articles' own (sanitised) copies.
        """
        if key in self._ready:
            return self._ready.pop(key)
        future = self._futures.pop(key, None)
        if future is None:
            return None
        found = None
        for done_key, html in future.result():
            if done_key == key:
                found = html
            elif self._futures.get(done_key) is future:
                del self._futures[done_key]
                self._ready[done_key] = html
        return found

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._futures.clear()
        self._ready.clear()
