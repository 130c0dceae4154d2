"""``python -m tools.bench [--n 2000]``: the whole benchmark in one run (``invoke bench`` calls this).

Steps: generate the corpus; run ``python -m content_check`` on it; build plain Pelican and our site
cold, warm and after editing one article, each in a fresh process — ours with the README's own
command, ``invoke build --publish`` in a site folder (runners.ReadmeSite), plain Pelican with its own;
verify every enabled plugin's output (a missing part fails the run); time edit-to-preview in
``pelican --autoreload``; measure page weight, Lighthouse, image processing and the search index;
print the table and write bench-results/bench-<N>.json. Exit 1 with the reason when a part failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

from . import checks, corpus as corpus_mod, extras, readme_table, report, runners
from .runners import PY, ROOT, BenchError, measure

REPORTS_PERIOD = str(corpus_mod.LAST_YEAR)


def read_settings(settings_file: Path) -> dict:
    from pelican.settings import read_settings as pelican_read_settings

    cwd = os.getcwd()
    os.chdir(Path(settings_file).parent)  # publishconf imports pelicanconf from the working directory
    try:
        return pelican_read_settings(str(settings_file))
    finally:
        os.chdir(cwd)


def _mem_total_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            return int(f.readline().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None


def run(n: int, seed: int, work: Path, results_dir: Path, lighthouse: bool = True, preview: bool = True,
        settings: str = "publishconf.py", argv: list | None = None) -> dict:
    started = time.time()
    work.mkdir(parents=True, exist_ok=True)
    print(f"[bench] Tạo kho bài mẫu {n} bài trong {work}/corpus ...", flush=True)
    corpus = corpus_mod.generate(work / "corpus", n, seed)
    ours = runners.ours_site(corpus.ours, work, settings, period=REPORTS_PERIOD)
    reports_path = ours.folder / "reports"  # REPORTS_PATH's default, in the site folder
    shutil.rmtree(reports_path, ignore_errors=True)
    plain = runners.plain_site(corpus.plain, work)
    settings_ours = read_settings(ours.settings)
    plugins = list(settings_ours.get("PLUGINS") or [])
    newest = corpus.newest()
    results = {"command": "python -m tools.bench " + " ".join(map(shlex.quote, argv or [f"--n={n}"])),
               "settings": settings, "plugins": plugins, "corpus": corpus.summary(), "seed": seed,
               "date": time.strftime("%Y-%m-%d", time.gmtime()),
               "python": sys.version.split()[0], "cpus": os.cpu_count(), "mem_total_mb": _mem_total_mb(),
               "load_start": [round(x, 2) for x in os.getloadavg()], "runs": [], "previews": []}

    print("[bench] Kiểm tra nội dung (python -m content_check) ...", flush=True)
    check = measure("content_check", "ours", [PY, "-m", "content_check", corpus.ours], ROOT,
                    work / "logs" / "ours-content_check.log", env={"PYTHONPATH": str(ROOT / "plugins")})
    summary = Path(check.log).read_text(encoding="utf-8")
    results["runs"].append(check.as_dict())

    for site, page in ((plain, checks.plain_article_page(newest)), (ours, checks.ours_article_page(newest))):
        print(f"[bench] Dựng {site.name}: {'cold-images, cold' if site is ours else 'cold, cache-prime'}, warm, edit-one, edit-body ...",
              flush=True)
        for r in runners.build_series(site, newest.rel_for(site.name), page):
            print(f"[bench]   {r.name:12} {r.wall_s:7.2f} s  CPU {r.cpu_s:7.2f} s ({r.user_s:.1f} + {r.sys_s:.1f})  "
                  f"{r.tree_peak_rss_mb:6.0f} MB (tree)  ảnh {r.extra.get('photo_cache', '—')}  "
                  f"load {r.load_start[0]:.2f} → {r.load_end[0]:.2f}  {r.html_pages} trang", flush=True)
            results["runs"].append(r.as_dict())
    results["runs"].sort(key=lambda r: ["content_check", *readme_table.RUN_ORDER].index(r["name"]))
    report.add_ratios(results["runs"])

    results["verified"] = {
        "ours": checks.verify_ours(ours.output(), plugins, corpus,
                                   {"content_check_summary": summary, "reports_path": reports_path,
                                    "reports_period": REPORTS_PERIOD, "cache_path": ours.cache,
                                    "warm_log": work / "logs" / "ours-warm.log"}),
        "plain": checks.verify_plain(plain.output(), corpus),
    }

    if preview:
        unit_page = f"don-vi/{newest.unit}/index.html"
        preview_site = runners.ours_site(corpus.ours, work, "pelicanconf.py", period=REPORTS_PERIOD)
        ours_pages = [checks.ours_article_page(newest), unit_page, "index.html"]
        for site, pages, cache, label, live in (
                (preview_site, ours_pages, False, "live_preview", True),
                (plain, [checks.plain_article_page(newest), "index.html"], False, "full", False)):
            print(f"[bench] Xem trước ({site.name}, {label}): sửa một bài, chờ trang cập nhật ...", flush=True)
            try:
                results["previews"].append(runners.preview_latency(site, newest.rel_for(site.name), pages, cache, label, live=live))
            except runners.BenchError as exc:  # a preview that never updated is a result, not a crash
                print(f"[bench]   {exc}", flush=True)
                results["previews"].append({"name": f"preview ({label})", "site": site.name, "error": str(exc),
                                            "edit_to_preview_s": None})

    out = ours.output()
    with_photo = max((a for a in corpus.published if a.image), key=lambda a: a.date)
    pages = {"home": "index.html", "article": checks.ours_article_page(with_photo)}
    siteurl = settings_ours.get("SITEURL", "")
    results["page_weight"] = {f"ours {k}": extras.page_weight(out, v, siteurl) for k, v in pages.items()}
    results["page_weight"].update({f"plain {k}": extras.page_weight(plain.output(), v, "https://plain.example.org")
                                   for k, v in {"home": "index.html",
                                                "article": checks.plain_article_page(with_photo)}.items()})
    # The photos the builds above processed, and the same reports period.
    settings_extra = [f"PHOTO_VARIANTS_CACHE={json.dumps(str(ours.photo_cache))}", f"REPORTS_PERIOD={json.dumps(REPORTS_PERIOD)}",
                      f"REPORTS_PATH={json.dumps(str(work / 'lighthouse-reports'))}"]
    results["lighthouse"] = (extras.lighthouse(corpus.ours, pages, work, settings_extra) if lighthouse
                             else {"skipped": "--no-lighthouse"})
    results["images"] = extras.plugin_bench("photo_variants", {"content": corpus.ours, "cache_dir": work / "photo-bench-cache"})
    results["search_index"] = {**extras.search_index_size(out),
                               "browser": extras.search_browser(out)}
    results["load_end"] = [round(x, 2) for x in os.getloadavg()]
    results["headline"] = report.headline(results)
    results["elapsed_s"] = round(time.time() - started, 1)
    path = report.write_json(results, results_dir)
    print()
    print(report.table(results))
    print(f"\n[bench] Đã ghi {path} ({results['elapsed_s']} s).")
    return results


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="invoke bench", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="số bài trong kho bài mẫu (mặc định 2000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", default=None, help="thư mục làm việc (mặc định /tmp/cdct-bench-<N>)")
    parser.add_argument("--results", default=str(ROOT / "bench-results"), help="thư mục ghi JSON")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-preview", action="store_true")
    args = parser.parse_args(argv)
    work = Path(args.work or f"/tmp/cdct-bench-{args.n}")
    try:
        run(args.n, args.seed, work, Path(args.results), lighthouse=not args.no_lighthouse,
            preview=not args.no_preview, settings=args.settings, argv=argv)
    except BenchError as exc:
        print(f"\n✗ Benchmark thất bại (BENCHMARK FAILED): {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
