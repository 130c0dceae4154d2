"""Write the Pagefind bundle for a list of ``SearchDocument`` (with the ``pagefind[bin]`` CLI)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .document import SearchDocument, render

# Pagefind's own UIs: search.js uses the JS API only, so these are never loaded; removing them
# keeps ~420 KB of unused files out of every deploy.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass
class IndexStats:
    documents: int
    files: int
    bytes: int
    seconds: float


def bundle_stats(bundle: Path) -> tuple[int, int]:
    """(files, bytes) of a written bundle folder."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


class IndexJob:
    """Pagefind started in the background as soon as the documents are known.

    It indexes on the second core while Pelican (single-threaded) renders and writes the pages;
    ``finish`` waits for it and moves the bundle into the output. Each document is written as
    <tmp>/site/<url>/index.html for the Pagefind CLI, which indexes in parallel (the ``pagefind``
    Python API sends documents one message at a time: 8½ minutes for 5,000 articles).
    """

    def __init__(self, documents: list[SearchDocument]):
        self.started = time.perf_counter()
        self.documents = len(documents)
        self._tmp = tempfile.TemporaryDirectory(prefix="vi-search-")
        root = Path(self._tmp.name) / "site"
        for doc in documents:
            rel = doc.url.strip("/")
            target = root / rel / "index.html" if rel else root / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(doc), encoding="utf-8")
        root.mkdir(exist_ok=True)
        self._bundle = Path(self._tmp.name) / "bundle"
        self._log = open(Path(self._tmp.name) / "pagefind.log", "w+", encoding="utf-8")  # noqa: SIM115
        command = [sys.executable, "-m", "pagefind", "--site", str(root), "--output-path", str(self._bundle),
                   "--force-language", "vi", "--quiet"]
        self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)

    def finish(self, bundle: Path) -> IndexStats:
        """Wait for Pagefind, then replace ``bundle`` (e.g. ``output/pagefind``) with the new index."""
        try:
            code = self._process.wait()
            if code != 0:
                self._log.seek(0)
                raise RuntimeError(f"pagefind exited with {code}: {self._log.read().strip()[-500:]}")
            bundle = Path(bundle).resolve()
            shutil.rmtree(bundle, ignore_errors=True)
            bundle.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(self._bundle), str(bundle))
            for name in UNUSED_FILES:
                (bundle / name).unlink(missing_ok=True)
            files, size = bundle_stats(bundle)
            return IndexStats(self.documents, files, size, time.perf_counter() - self.started)
        finally:
            self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._log.close()
        self._tmp.cleanup()


def write_index(documents: list[SearchDocument], bundle: Path) -> IndexStats:
    """Replace ``bundle`` (e.g. ``output/pagefind``) with a fresh index of ``documents`` (blocking)."""
    return IndexJob(documents).finish(bundle)
