"""The parts of the benchmark other engineers' packages provide, called when present.

- page weight: ``tools.page_weight`` (theme) if it exists, else ``page_weight_simple`` here;
- Lighthouse mobile scores: ``tools.page_weight.lighthouse_scores`` (``tools/lighthouse``, npm),
  skipped with a note when it is not installed;
- image processing cold/warm: ``photo_variants.bench`` if the plugin provides it;
- search index size and latency in Chromium: ``search_browser(output)`` (tools.bench.search_browser),
  and the size of the Pagefind folder.
Each returns a dict; a part that cannot run says why in ``"skipped"`` rather than vanishing.
"""

from __future__ import annotations

import gzip
import importlib
import inspect
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[2]


def _local(output: Path, page: Path, ref: str, site_host: str = "") -> Path | None:
    parts = urlsplit(ref)
    if (parts.scheme or parts.netloc) and not (site_host and parts.netloc == site_host):
        return None
    if not parts.path:
        return None
    path = unquote(parts.path)
    target = output / path.lstrip("/") if path.startswith("/") else page.parent / path
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def page_weight_simple(output: Path, rel: str, siteurl: str = "") -> dict:
    """Bytes of a page and what it loads from the site: HTML, CSS, JS, images (raw and gzip for text)."""
    page = (output / rel).resolve()
    data = page.read_bytes()
    doc = lxml_html.fromstring(data)
    refs = {"css": doc.xpath("//link[contains(@rel,'stylesheet')]/@href"),
            "js": doc.xpath("//script/@src"),
            "img": doc.xpath("//img/@src")}
    result = {"html": len(data), "html_gzip": len(gzip.compress(data, 6))}
    for kind, values in refs.items():
        files = {f for f in (_local(output, page, v, urlsplit(siteurl).netloc) for v in values) if f}
        result[kind] = sum(f.stat().st_size for f in files)
        if kind != "img":
            result[f"{kind}_gzip"] = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    result["total"] = result["html"] + result["css"] + result["js"] + result["img"]
    result["total_transfer"] = result["html_gzip"] + result["css_gzip"] + result["js_gzip"] + result["img"]
    return result


def _call_matching(func, available: dict):
    """Call ``func`` with the keyword arguments it names among ``available``."""
    params = inspect.signature(func).parameters
    kwargs = {k: v for k, v in available.items() if k in params}
    return func(**kwargs)


def page_weight(output: Path, rel: str, siteurl: str = "") -> dict:
    """Our own count (HTML, CSS, JS, images; same-site absolute URLs included), plus the theme's
    ``tools.page_weight.page_weight`` figures under ``"theme"`` when that module exists."""
    result = {"source": "tools/bench", **page_weight_simple(output, rel, siteurl)}
    try:
        module = importlib.import_module("tools.page_weight")
    except ImportError:
        return result
    func = getattr(module, "page_weight", None)
    if func is not None:
        try:
            theme = _call_matching(func, {"output": output, "output_dir": output, "page": rel, "rel": rel})
            result["theme"] = {k: theme.get(k) for k in ("html", "css", "js", "total")} | {
                "external": len(theme.get("external", []))}
        except (TypeError, ValueError, OSError) as exc:
            result["theme"] = {"error": str(exc)}
    return result


def lighthouse(content: Path, pages: dict, work: Path, extra: list | None = None) -> dict:
    """Mobile Lighthouse scores of ``pages`` ({label: rel}) with the theme's runner, on a publish
    build of ``content`` whose SITEURL is the local server (else absolute asset URLs point at the
    production host and do not load), or a note saying why it was skipped."""
    import tempfile

    from local_site import CHROMIUM, free_port
    from tools import page_weight

    if not page_weight.LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        return {"skipped": "Lighthouse not installed (npm ci --prefix tools/lighthouse) or no chromium"}
    paths = {label: rel[: -len("index.html")] if rel.endswith("index.html") else rel for label, rel in pages.items()}
    port = free_port()
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        site = page_weight.build_for_lighthouse(port, Path(tmp) / "site", content, extra)
        return page_weight.lighthouse_scores(site, paths, port=port)


def plugin_bench(module_name: str, available: dict) -> dict:
    """``<plugin>.bench(...)`` when the plugin provides one, else a note."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return {"skipped": f"{module_name} not importable ({exc})"}
    func = getattr(module, "bench", None)
    if func is None or inspect.ismodule(func):  # a ``bench`` submodule (photo_variants.bench.bench)
        try:
            func = getattr(importlib.import_module(f"{module_name}.bench"), "bench", None)
        except ImportError:
            func = None
    if func is None:
        return {"skipped": f"{module_name} provides no bench() function"}
    result = _call_matching(func, available)
    return result if isinstance(result, dict) else {"result": result}


def search_browser(output: Path) -> dict:
    """Index size and search latency in Chromium (tools.bench.search_browser), or why it did not run.

    A tool, not the plugin's: vi_search imports no tool (its old ``bench()`` imported a module that had
    moved here, and the benchmark crashed at its very end, after every build, without writing its JSON).
    """
    try:
        from .search_browser import measure  # Playwright only when measuring
        return measure(output)
    except Exception as exc:  # noqa: BLE001 - no Chromium here: the builds' figures still count
        return {"skipped": f"search_browser: {type(exc).__name__}: {exc}"}


def search_index_size(output: Path) -> dict:
    entries = list(output.rglob("pagefind-entry.json"))
    if not entries:
        return {"skipped": "no Pagefind index in the output"}
    folder = entries[0].parent
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"folder": str(folder.relative_to(output)), "files": len(files),
            "bytes": sum(p.stat().st_size for p in files)}
