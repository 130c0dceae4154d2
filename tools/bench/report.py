"""The benchmark's table (terminal / Markdown) and its JSON file."""

from __future__ import annotations

import json
from pathlib import Path


def ratio(ours: float, plain: float) -> float | None:
    return round(ours / plain, 2) if plain else None


# Which plain Pelican run each of ours is compared with: plain Pelican has no photo cache, so our
# build with the photo cache cold is compared with its (only) cold build.
PLAIN_COUNTERPART = {"cold-images": "cold"}
RATIO_FIELDS = {"wall": "wall_s", "cpu": "cpu_s", "rss": "tree_peak_rss_mb"}


def add_ratios(runs: list[dict]) -> None:
    """Give each of our runs ``ratios``: wall, CPU and whole-tree peak RSS over plain Pelican's same run."""
    plain = {r["name"]: r for r in runs if r["site"] == "plain"}
    for r in runs:
        other = plain.get(PLAIN_COUNTERPART.get(r["name"], r["name"])) if r["site"] == "ours" else None
        if other:
            r["ratios"] = {k: ratio(r.get(f, 0) or 0, other.get(f, 0) or 0) for k, f in RATIO_FIELDS.items()}


def headline(results: dict) -> dict:
    """Ratios against plain Pelican and the absolute figures, next to the goals of issue 16."""
    runs = {(r["site"], r["name"]): r for r in results["runs"]}
    cold_o, cold_p = runs[("ours", "cold")], runs[("plain", "cold")]
    warm_o, edit_o = runs[("ours", "warm")], runs[("ours", "edit-one")]
    rows = {
        "cold wall / plain cold": (ratio(cold_o["wall_s"], cold_p["wall_s"]), "≤ 1.0"),
        # CPU time too: on a shared 2-core machine wall time also measures the neighbours.
        "cold CPU / plain cold CPU": (ratio(cold_o["cpu_s"], cold_p["cpu_s"]), "≤ 1.3"),
        "cold system CPU / plain": (ratio(cold_o.get("sys_s", 0), cold_p.get("sys_s", 0)), "—"),
        "cold peak RSS, process tree, MB": (cold_o.get("tree_peak_rss_mb"), "≤ 1024 at 50,000"),
        "cold peak RSS tree / plain": (ratio(cold_o.get("tree_peak_rss_mb", 0), cold_p.get("tree_peak_rss_mb", 0)), "—"),
        "warm (nothing changed) wall, s": (warm_o["wall_s"], "≤ 2 at 10,000"),
        "edit one article (its title), cached rebuild wall, s": (edit_o["wall_s"], "≤ 5 at 10,000"),
    }
    if ("ours", "edit-body") in runs:  # JSONs written before the run existed lack it
        rows["edit one article (a paragraph), cached rebuild wall, s"] = (runs[("ours", "edit-body")]["wall_s"], "≤ 5 at 10,000")
    if ("ours", "cold-images") in runs:
        rows["photos cold: cold-images − cold wall, s"] = (
            round(runs[("ours", "cold-images")]["wall_s"] - cold_o["wall_s"], 2), "—")
    search = (results.get("search_index") or {}).get("browser") or {}
    if search.get("first_query_wire_bytes"):
        rows["first search, bytes sent (Chromium, search_browser)"] = (search["first_query_wire_bytes"], "≤ 150,000")
    preview = [p for p in results.get("previews", []) if p["site"] == "ours" and p.get("edit_to_preview_s") is not None]
    if preview:
        best = min(preview, key=lambda p: p["edit_to_preview_s"])
        rows[f"edit-to-preview, s ({best['name']})"] = (best["edit_to_preview_s"], "< 1")
    return {k: {"value": v, "goal": g} for k, (v, g) in rows.items()}


def table(results: dict) -> str:
    n = results["corpus"]["articles"]
    lines = [f"Benchmark: {n} articles ({results['corpus']['published']} published), "
             f"{results['corpus']['photos']} photos, {results['corpus']['units']} units — {results['command']}",
             f"Machine: {results.get('cpus')} cores, {results.get('mem_total_mb', '?')} MB; load average (1/5/15 min) "
             f"{results.get('load_start')} at start, {results.get('load_end')} at end",
             "",
             "| run | site | photo cache | wall s | CPU s (user + sys) | peak RSS MB: tree / largest | load at start → end | "
             "HTML pages | files | ours/plain wall | ours/plain CPU | ours/plain RSS |",
             "| --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    add_ratios(results["runs"])
    for r in results["runs"]:
        rel = r.get("ratios") or {}
        lines.append(f"| {r['name']} | {r['site']} | {r.get('extra', {}).get('photo_cache', '—')} | {r['wall_s']:.2f} | "
                     f"{r['cpu_s']:.2f} ({r.get('user_s', 0):.1f} + {r.get('sys_s', 0):.1f}) | "
                     f"{r.get('tree_peak_rss_mb', 0):.0f} / {r['peak_rss_mb']:.0f} | {_load(r)} | "
                     f"{r['html_pages']} | {r['files']} | {rel.get('wall', '')} | {rel.get('cpu', '')} | {rel.get('rss', '')} |")
    for p in results.get("previews", []):
        lines.append(f"| {p['name']}: save → article, unit, home updated | {p['site']} | "
                     f"{'did not update' if p.get('edit_to_preview_s') is None else format(p['edit_to_preview_s'], '.2f')}"
                     " | | | | | | | | | |")
    lines += ["", "| headline | value | goal |", "| --- | ---: | --- |"]
    for k, v in results["headline"].items():
        lines.append(f"| {k} | {v['value']} | {v['goal']} |")
    lines += ["", "| page weight (bytes) | HTML | HTML gz | CSS | JS | images | total | transfer |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, w in results.get("page_weight", {}).items():
        if "html" in w:
            lines.append(f"| {label} | {w['html']} | {w.get('html_gzip', '')} | {w.get('css', '')} | {w.get('js', '')} | "
                         f"{w.get('img', '')} | {w.get('total', '')} | {w.get('total_transfer', '')} |")
    for key in ("lighthouse", "images", "search_index"):
        lines.append(f"\n{key}: {json.dumps(results.get(key), ensure_ascii=False)}")
    lines.append("\nfeatures verified: " + "; ".join(f"{k}: {v}" for k, v in results["verified"]["ours"].items()))
    return "\n".join(lines)


def _load(run: dict) -> str:
    """The 1-minute load average when the run started and when it ended."""
    start, end = run.get("load_start") or [], run.get("load_end") or []
    return f"{start[0] if start else '?'} → {end[0] if end else '?'}"


def write_json(results: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{results['corpus']['articles']}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
