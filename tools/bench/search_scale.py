"""``python -m tools.bench.search_scale --n 50000 --site <a built site>``: the search index at archive scale.

The search index alone, without building the whole site: the corpus generator's N articles
(``corpus.plan``, the same seeded articles as ``invoke bench --n N``) become the documents the
vi_search plugin would index (bodies rendered with Markdown, no Pelican), indexed in shards as a
build does (``vi_search.IndexJob``, one Pagefind at a time) with an empty shard cache. Reported:
shards, index time, CPU (this process and its children), peak RSS of the whole process tree, and
bundle size; then a copy of ``--site`` (a built site: its /tim-kiem/ page, theme and scripts) with
this index instead of its own is measured in Chromium by ``tools.bench.search_browser.measure``: bytes for
the first query and each next one, latency, the first query on a throttled 3G profile.

Used for the 50,000-article figures, where a whole benchmark (plain Pelican and ours, cold, warm,
photos) would not fit the session; ``invoke bench`` reports the same search figures for its own build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def documents(n: int, seed: int):
    import markdown

    from tools.bench import corpus as corpus_mod
    from vi_search.document import SearchDocument

    plan = corpus_mod.plan(n, seed)
    names = dict(plan.categories)
    docs = []
    for a in plan.published:
        docs.append(SearchDocument(
            url=f"/don-vi/{a.unit}/{a.year}/{a.slug}/", title=a.title, body_html=markdown.markdown(a.body),
            meta={"kind": "Tin bài", "date": a.date.strftime("%Y-%m-%d"), "date_vi": a.date.strftime("%d/%m/%Y"),
                  "unit": plan.units[a.unit][0], "category": names[a.category]},
            filters={"unit": a.unit, "category": a.category}, sort={"date": a.date.strftime("%Y-%m-%dT%H:%M")}))
    return docs


def index(docs, work: Path, shard_max: int | None = None, chunk_size: int | None = None) -> tuple[Path, dict]:
    from tools.bench.runners import tree_rss_kb
    from vi_search import indexer
    from vi_search.indexer import SHARD_MAX, IndexJob

    if chunk_size:
        indexer.CHUNK_SIZE = chunk_size

    cache = work / "shard-cache"
    shutil.rmtree(cache, ignore_errors=True)
    bundle = work / "bundle"
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(os.getpid()))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    load_start = [round(x, 2) for x in os.getloadavg()]
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    sampler.start()
    stats = IndexJob(docs, cache=cache, max_docs=shard_max or SHARD_MAX).finish(bundle)
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum((a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime) for a, b in zip(after, before))
    return bundle, {"documents": stats.documents, "shards": stats.shards, "shard_max": shard_max or SHARD_MAX,
                    "chunk_size": indexer.CHUNK_SIZE, "index_wall_s": round(wall, 2),
                    "index_cpu_s": round(cpu, 2), "tree_peak_rss_mb": round(peak[0] / 1024, 1),
                    "largest_child_rss_mb": round(after[1].ru_maxrss / 1024, 1),
                    "bundle_files": stats.files, "bundle_mb": round(stats.bytes / 1e6, 1),
                    "load_start": load_start, "load_end": [round(x, 2) for x in os.getloadavg()],
                    "cpus": os.cpu_count()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.search_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--site", required=True, help="a built site (e.g. the benchmark's ours-output)")
    parser.add_argument("--work", default=None)
    parser.add_argument("--shard-max", type=int, default=None, help="documents per shard (VI_SEARCH_SHARD_MAX)")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="Pagefind index chunk size (vi_search.indexer.CHUNK_SIZE)")
    parser.add_argument("--queries", default=None, help="queries to time, separated by commas (default: search_browser's)")
    args = parser.parse_args(argv)
    from .search_browser import measure

    work = Path(args.work or f"/tmp/cdct-search-scale-{args.n}")
    work.mkdir(parents=True, exist_ok=True)
    print(f"[search_scale] {args.n} bài: tạo tài liệu ...", flush=True)
    docs = documents(args.n, args.seed)
    print(f"[search_scale] lập chỉ mục {len(docs)} tài liệu ...", flush=True)
    bundle, report = index(docs, work, args.shard_max, args.chunk_size)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(args.site, site, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    shutil.move(str(bundle), str(site / "pagefind"))
    queries = tuple(q.strip() for q in args.queries.split(",") if q.strip()) if args.queries else None
    report["browser"] = measure(site, queries) if queries else measure(site)
    path = work / f"search-scale-{args.n}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"[search_scale] Đã ghi {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
