"""Search benchmark: index size and search latency of a built site, measured in headless Chromium.

``measure(output_dir)`` serves ``output_dir`` over http on 127.0.0.1 (Pagefind needs http), opens
/tim-kiem/ in Debian's Chromium through Playwright, and times ``window.cdctSearch.run(query)`` —
the whole search a reader waits for (per-word lookups, exact-diacritic tier, first 10 excerpts
rendered) — for each query: once cold (first query after the page loads, index chunks fetched)
and then warm (median of ``runs``). Also reports the bundle's size on disk (and its shards), the
bytes the browser fetched from it for the first query and for each next one (raw, and as sent
gzip'd by a static host such as GitHub Pages: Pagefind's own files are gzip'd already), and the
first query once more in a fresh browser on a throttled 3G profile (``PROFILE_3G``, Chrome
DevTools' "Fast 3G", set with CDP ``Network.emulateNetworkConditions``): time to results, from the
loaded page (``first_query_ms``) and from the navigation to /tim-kiem/?q=… (``query_url_ms``: what a
reader of another page's search form waits for) and after the search box's focus has loaded Pagefind
(``after_warm_query_ms``: a reader who types). ``first_query_requests``: each file of the first
query (path, kind, wire bytes); ``next_queries``: each next query's bytes by kind.

Called by ``invoke bench-search`` and tools/bench/search_scale.py, and by hand::

    from tools.bench.search_browser import measure
    report = measure("output")          # dict, JSON-serialisable
    python -m tools.bench.search_browser output

A tool, not part of the vi_search plugin (which imports no tool): it drives a browser.

A publish build (absolute SITEURL) is measured too: requests to SITEURL are answered from the
local folder, so the page runs on its own origin as it would in production.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

from local_site import chromium as browser  # `measure` has a parameter named chromium
from local_site import serve
from vi_search.indexer import bundle_stats

# The first query is the one whose bytes the benchmark's headline reports ("first search"), so it is
# one with results in the generated corpus; "tang luong toi thieu" (no "thieu" in the corpus: a word
# found nowhere, the worst case) and "cong xyz" come later.
DEFAULT_QUERIES = ("tien luong thu nhap", "cong doan", "đoàn viên", "an toan lao dong", "tet sum vay",
                   "doi thoai", "tang luong toi thieu", "cong xyz")
# Chrome DevTools' "Fast 3G": 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up (bytes/s for CDP).
PROFILE_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 1_440_000 / 8, "uploadThroughput": 675_000 / 8}


def _wire_bytes(body: bytes, url: str) -> int:
    """Bytes sent for ``body`` by a host that gzips text (Pagefind's pf_* and wasm files are gzip'd)."""
    if re.search(r"\.(js|json|html|css)(\?|$)", url):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def _received(responses) -> list[tuple[str, bytes]]:
    """(URL, body) of the responses whose body came over the network.

    Responses the browser had in its cache are not counted (no body received: Playwright reports
    ``responseBodySize`` 0); a host's caching headers decide how often that happens in production.
    """
    return [(r.url, r.body()) for r in responses if r.ok and r.request.sizes()["responseBodySize"] > 0]


def _fetched(responses) -> tuple[int, int]:
    """(body bytes received over the network, the same as a gzip'ing host would send them)."""
    received = _received(responses)
    return sum(len(b) for _, b in received), sum(_wire_bytes(b, u) for u, b in received)


def _kind(url: str) -> str:
    """What a Pagefind file is, from its URL: code, wasm, entry, meta, index, filter, fragment."""
    path = url.split("?", 1)[0]
    for kind in ("fragment", "index", "filter"):
        if f"/{kind}/" in path:
            return kind
    if path.endswith(".pf_meta"):
        return "meta"
    if "wasm" in path:
        return "wasm"
    if path.endswith("pagefind-entry.json") or path.endswith("shards.json"):
        return "entry"
    return "code"


def by_kind(responses) -> dict[str, dict]:
    """Files and wire bytes fetched, per kind of Pagefind file (``_kind``): where the bytes go."""
    out: dict[str, dict] = {}
    for url, body in _received(responses):
        entry = out.setdefault(_kind(url), {"files": 0, "wire_bytes": 0})
        entry["files"] += 1
        entry["wire_bytes"] += _wire_bytes(body, url)
    return dict(sorted(out.items()))


def request_list(responses, bundle_dir: str = "pagefind") -> list[dict]:
    """Each file fetched over the network, in order: its path under the bundle, kind and wire bytes."""
    out = []
    for url, body in _received(responses):
        path = url.split("?", 1)[0].split(f"/{bundle_dir}/", 1)[-1]
        out.append({"path": path, "kind": _kind(url), "wire_bytes": _wire_bytes(body, url)})
    return out


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
    from playwright.sync_api import sync_playwright  # Playwright only when measuring

    output_dir = Path(output_dir)
    bundle = output_dir / bundle_dir
    files, size = bundle_stats(bundle)
    shards = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["shards"]
    fragments = len(list(bundle.glob("*/fragment/*")))
    index_files = list(bundle.glob("*/index/*"))
    report = {"bundle_files": files, "bundle_bytes": size, "shards": len(shards), "index_files": len(index_files),
              "index_bytes": sum(p.stat().st_size for p in index_files), "pages_indexed": fragments, "queries": {}}
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve(output_dir))
        if chromium is None:
            chromium = stack.enter_context(browser(stack.enter_context(sync_playwright())))
        site_root = _site_root(output_dir / search_path / "index.html")

        def new_page(throttle=None, query=None):
            context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
            stack.callback(context.close)
            url = base
            if site_root:
                # Absolute SITEURL: answer its requests from the local server, same origin as production.
                local = base

                def forward(route, request):
                    route.fulfill(response=route.fetch(url=local + request.url[len(site_root):]))
                context.route(re.compile("^" + re.escape(site_root)), forward)
                url = site_root
            page = context.new_page()
            if throttle:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", throttle)
            fetched = []
            # The context's responses: also those of a Web Worker's requests (Pagefind's own worker).
            context.on("response", lambda r: fetched.append(r) if f"/{bundle_dir}/" in r.url else None)
            start = time.perf_counter()
            page.goto(url + search_path + (f"?q={quote_plus(query)}" if query else ""))
            page.wait_for_function("window.cdctSearch !== undefined")
            if query:  # the search the page runs for its ?q=: wait until its results are shown
                page.wait_for_function("""() => { const root = document.querySelector('[data-vi-search]');
                    return root.hasAttribute('data-state') && !root.hasAttribute('aria-busy'); }""", timeout=120_000)
            return page, fetched, round((time.perf_counter() - start) * 1000, 1)

        page, fetched, report["page_ready_ms"] = new_page()
        fetched.clear()
        report["first_query_ms"] = round(_timed_run(page, queries[0]), 1)
        report["first_query_bytes"], report["first_query_wire_bytes"] = _fetched(fetched)
        report["first_query_by_kind"] = by_kind(fetched)
        report["first_query_requests"] = request_list(fetched, bundle_dir)
        report["first_query_results"] = page.locator(".cdct-search-result").count()
        next_bytes = []
        report["next_queries"] = {}
        for query in queries[1:]:
            fetched.clear()
            _timed_run(page, query)
            next_bytes.append(_fetched(fetched))
            report["next_queries"][query] = {"wire_bytes": next_bytes[-1][1], "by_kind": by_kind(fetched)}
        if next_bytes:
            report["next_query_bytes_max"] = max(b for b, _ in next_bytes)
            report["next_query_wire_bytes_max"] = max(w for _, w in next_bytes)
            report["next_query_wire_bytes_median"] = statistics.median(w for _, w in next_bytes)
        for query in queries:
            times = [_timed_run(page, query) for _ in range(runs)]
            count = page.locator(".cdct-search-result").count()
            report["queries"][query] = {"median_ms": round(statistics.median(times), 1),
                                        "max_ms": round(max(times), 1), "results_shown": count}
        slow, slow_fetched, ready_3g = new_page(PROFILE_3G)
        slow_fetched.clear()
        report["3g"] = {"profile": "Chrome DevTools Fast 3G (562.5 ms RTT, 1.44 Mbit/s down)",
                        "page_ready_ms": ready_3g, "first_query_ms": round(_timed_run(slow, queries[0]), 1)}
        report["3g"]["first_query_bytes"] = _fetched(slow_fetched)[0]
        # A reader who types: the search box's focus loads Pagefind (search.js warm) while they type;
        # time to results from the end of typing, the warm-up (its time given) being done by then.
        typed, _, _ = new_page(PROFILE_3G)
        report["3g"]["warm_ms"] = round(typed.evaluate(
            "async () => { const t = performance.now(); document.querySelector('input[name=q]').focus();"
            " await window.cdctSearch.warm(); return performance.now() - t; }"), 1)
        report["3g"]["after_warm_query_ms"] = round(_timed_run(typed, queries[0]), 1)
        # A reader arriving from another page's search form: /tim-kiem/?q=… until its results are shown
        # (the page, its CSS and scripts, Pagefind and the index), in another fresh browser context.
        _, url_fetched, report["3g"]["query_url_ms"] = new_page(PROFILE_3G, queries[0])
        report["3g"]["query_url_wire_bytes"] = _fetched(url_fetched)[1]
    medians = [q["median_ms"] for q in report["queries"].values()]
    report["median_ms"] = round(statistics.median(medians), 1)
    return report


def main(argv=None) -> int:
    """``python -m tools.bench.search_browser [OUTPUT]``: print the report as JSON."""
    args = sys.argv[1:] if argv is None else argv
    print(json.dumps(measure(args[0] if args else "output"), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
