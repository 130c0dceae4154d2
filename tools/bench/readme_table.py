"""The README's benchmark table, regenerated from the committed benchmark JSON.

``python -m tools.bench.readme_table [bench-results/bench-N.json]`` (``invoke bench-readme``): with a
file, it is first copied to ``COMMITTED`` (docs/benchmark.json, the figures the README shows, kept in
git); then the README's text between ``START`` and ``END`` is replaced by ``render(results)``.
``--check`` changes nothing and exits 1 when the README does not show the committed JSON
(tests/test_bench.py asserts the same), so the table can never drift from the figures it claims.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .report import add_ratios, headline as headline_of

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
COMMITTED = ROOT / "docs" / "benchmark.json"
START = "<!-- bench-table:start (generated from docs/benchmark.json by `invoke bench-readme`; do not edit) -->"
END = "<!-- bench-table:end -->"
RUN_ORDER = ("cold-images", "cold", "cache-prime", "warm", "edit-one", "edit-body")
RUN_LABELS = {"cold-images": "cold, photos too", "cold": "cold", "cache-prime": "cache-prime",
              "warm": "warm, nothing changed", "edit-one": "one article's title edited, cached rebuild",
              "edit-body": "one article's body edited, cached rebuild"}


def _mb(value) -> str:
    return f"{value:,.0f}" if value else ""


def _load(run: dict) -> str:
    start, end = run.get("load_start") or [], run.get("load_end") or []
    return f"{start[0]} → {end[0]}" if start and end else ""


def render(results: dict) -> str:
    """The Markdown the README shows for one benchmark JSON (``tools.bench`` wrote it)."""
    runs = [dict(r) for r in results["runs"] if r["name"] in RUN_ORDER]
    add_ratios(runs)
    runs.sort(key=lambda r: (RUN_ORDER.index(r["name"]), r["site"] != "plain"))
    corpus = results["corpus"]
    when = f" on {results['date']}" if results.get("date") else ""
    lines = [f"`{results['command']}`{when}: {corpus['articles']:,} articles ({corpus['published']:,} published, "
             f"{corpus['photos']:,} photos), {results.get('cpus', '?')} cores shared with other jobs, load average "
             f"{(results.get('load_start') or ['?'])[0]} at the start and {(results.get('load_end') or ['?'])[0]} at the end.",
             "",
             "| run | site | photo cache | wall s | CPU s (user + sys) | peak RSS MB (process tree) | load start → end "
             "| HTML pages | ours/plain wall | ours/plain CPU | ours/plain RSS |",
             "| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in runs:
        rel = r.get("ratios") or {}
        bold = (lambda v: f"**{v}**" if v not in (None, "") else "") if r["name"] == "cold" else (lambda v: v if v is not None else "")
        lines.append(f"| {RUN_LABELS[r['name']]} | {r['site']} | {r.get('extra', {}).get('photo_cache', '—')} | "
                     f"{r['wall_s']:.2f} | {r['cpu_s']:.2f} ({r.get('user_s', 0):.1f} + {r.get('sys_s', 0):.1f}) | "
                     f"{_mb(r.get('tree_peak_rss_mb'))} | {_load(r)} | {r.get('html_pages', 0):,} | "
                     f"{bold(rel.get('wall', ''))} | {bold(rel.get('cpu', ''))} | {bold(rel.get('rss', ''))} |")
    try:  # recomputed, so that a headline added to report.headline shows for a committed JSON too
        headline = headline_of(results)
    except KeyError:  # a JSON without every run the headline needs
        headline = results.get("headline") or {}
    if headline:
        lines += ["", "| headline | measured | goal (issue 16) |", "| --- | ---: | --- |"]
        lines += [f"| {k} | {v['value']} | {v['goal']} |" for k, v in headline.items()]
    return "\n".join(lines)


def update(readme: str, table: str) -> str:
    """``readme`` with the text between the markers replaced by ``table`` (markers kept)."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no {START!r} … {END!r} block")
    return readme[: start + len(START)] + "\n" + table + "\n" + readme[end:]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="invoke bench-readme", description=__doc__.split("\n")[0])
    parser.add_argument("json", nargs="?", help="bench-results/bench-N.json to commit (default: the committed one)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if README.md is out of date")
    args = parser.parse_args(argv)
    source = Path(args.json) if args.json else COMMITTED
    if not source.is_file():
        print(f"✗ Không có tệp {source}. Chạy trước: .venv/bin/invoke bench (ghi bench-results/bench-<N>.json).",
              file=sys.stderr)
        return 1
    if args.json and not args.check and source.resolve() != COMMITTED.resolve():  # already the committed one
        shutil.copyfile(args.json, COMMITTED)
    results = json.loads(source.read_text(encoding="utf-8"))
    text = README.read_text(encoding="utf-8")
    new = update(text, render(results))
    if args.check:
        if new != text:
            print(f"✗ Bảng hiệu năng trong README.md không khớp với {COMMITTED.relative_to(ROOT)}. "
                  "Chạy: .venv/bin/invoke bench-readme", file=sys.stderr)
            return 1
        print("✓ Bảng hiệu năng trong README.md khớp với docs/benchmark.json.")
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"✓ Đã cập nhật bảng hiệu năng trong README.md từ {COMMITTED.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
