"""Search benchmark: index size and search latency of a built site, measured in headless Chromium.

``measure(output_dir)`` serves ``output_dir`` over http on 127.0.0.1 (Pagefind needs http), opens
/tim-kiem/ in Debian's Chromium through Playwright, and times ``window.cdctSearch.run(query)`` —
the whole search a reader waits for (per-word lookups, exact-diacritic tier, first 10 excerpts
rendered) — for each query: once cold (first query after the page loads, index chunks fetched)
and then warm (median of ``runs``). Also reports the bundle's size on disk and the bytes the
browser fetched from it for the first query.

Called by ``invoke bench`` (tools/bench calls ``vi_search.bench(output=...)``) and by hand::

    from vi_search.benchmark import measure
    report = measure("output")          # dict, JSON-serialisable
    python -m vi_search.benchmark output

A publish build (absolute SITEURL) is measured too: requests to SITEURL are answered from the
local folder, so the page runs on its own origin as it would in production.
"""

from __future__ import annotations

import contextlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

from local_site import chromium as browser  # `measure` has a parameter named chromium
from local_site import serve

from .indexer import bundle_stats

DEFAULT_QUERIES = ("tang luong toi thieu", "cong doan", "đoàn viên", "an toan lao dong", "tet sum vay",
                   "doi thoai", "cong xyz")


def _site_root(search_page: Path) -> str | None:
    """The absolute site URL the search page was built for (publish build), or None (relative)."""
    match = re.search(r'data-site-root="(https?://[^"]+?)/?"', search_page.read_text(encoding="utf-8"))
    return match.group(1) + "/" if match else None


def _timed_run(page, query: str) -> float:
    return page.evaluate(
        "async q => { const t = performance.now(); await window.cdctSearch.run(q); return performance.now() - t; }",
        query)


def measure(output_dir, queries=DEFAULT_QUERIES, runs: int = 5, bundle_dir: str = "pagefind",
            search_path: str = "tim-kiem/", chromium=None) -> dict:
    """Index size and search latency (milliseconds) of the site built in ``output_dir``.

    ``chromium``: an already launched Playwright browser to reuse (else one is launched).
    """
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - Playwright only when measuring

    output_dir = Path(output_dir)
    bundle = output_dir / bundle_dir
    files, size = bundle_stats(bundle)
    fragments = len(list((bundle / "fragment").glob("*")))
    index_files, index_size = bundle_stats(bundle / "index")
    report = {"bundle_files": files, "bundle_bytes": size, "index_files": index_files,
              "index_bytes": index_size, "pages_indexed": fragments, "queries": {}}
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve(output_dir))
        if chromium is None:
            chromium = stack.enter_context(browser(stack.enter_context(sync_playwright())))
        context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
        stack.callback(context.close)
        site_root = _site_root(output_dir / search_path / "index.html")
        if site_root:
            # Absolute SITEURL: answer its requests from the local server, same origin as production.
            local = base

            def forward(route, request):
                route.fulfill(response=route.fetch(url=local + request.url[len(site_root):]))
            context.route(re.compile("^" + re.escape(site_root)), forward)
            base = site_root
        page = context.new_page()
        fetched = []
        page.on("response", lambda r: fetched.append(r) if f"/{bundle_dir}/" in r.url else None)
        start = time.perf_counter()
        page.goto(base + search_path)
        page.wait_for_function("window.cdctSearch !== undefined")
        report["page_ready_ms"] = round((time.perf_counter() - start) * 1000, 1)
        fetched.clear()
        report["first_query_ms"] = round(_timed_run(page, queries[0]), 1)
        report["first_query_bytes"] = sum(len(r.body()) for r in fetched if r.ok)
        for query in queries:
            times = [_timed_run(page, query) for _ in range(runs)]
            count = page.locator(".cdct-search-result").count()
            report["queries"][query] = {"median_ms": round(statistics.median(times), 1),
                                        "max_ms": round(max(times), 1), "results_shown": count}
    medians = [q["median_ms"] for q in report["queries"].values()]
    report["median_ms"] = round(statistics.median(medians), 1)
    return report


def main(argv=None) -> int:
    """``python -m vi_search.benchmark [OUTPUT]``: print the report as JSON."""
    args = sys.argv[1:] if argv is None else argv
    print(json.dumps(measure(args[0] if args else "output"), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
