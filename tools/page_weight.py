"""Page weight and Lighthouse scores of a built site: the theme's part of `invoke bench`.

    from tools.page_weight import theme_bench
    result = theme_bench("output", lighthouse=True)   # dict, JSON-ready

or standalone:

    .venv/bin/python tools/page_weight.py output [--lighthouse] [--json bench-results/theme.json]

Page weight = the HTML of a page plus every same-site stylesheet and script it links (print
stylesheet included), uncompressed, photos and icons excluded. The budget (issue 3): an article page
≤ 40 KB. Lighthouse (npm, installed by `npm ci --prefix tools/lighthouse`) runs against a
thread-based http server on 127.0.0.1 with Debian's Chromium, mobile form factor; it takes about
15 s a page and is for the benchmark only, never the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from local_site import CHROME_FLAGS, CHROMIUM, free_port, serve  # noqa: E402

ARTICLE_BUDGET = 40 * 1024
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Assets(HTMLParser):
    """Collects the stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.canonical = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.refs.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.refs.append(a["src"])


def page_weight(output: Path, page: str) -> dict:
    """Bytes of one page (a path under ``output``, e.g. ``don-vi/x/2024/y/``) and of its CSS and JS."""
    output = Path(output)
    html_path = output / page
    if html_path.is_dir() or page.endswith("/") or page == "":
        html_path = html_path / "index.html"
    html = html_path.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    page_url = "/" + html_path.relative_to(output).as_posix()
    assets, external = {}, []
    site = urlparse(parser.canonical)
    for ref in parser.refs:
        parsed = urlparse(ref)
        if parsed.netloc and site.netloc and parsed.netloc == site.netloc:
            ref = parsed.path  # an absolute URL of this site (publish build)
            parsed = urlparse(ref)
        if parsed.scheme or ref.startswith("//"):
            external.append(ref)  # a third-party request: reported, never counted as fine
            continue
        target = urljoin(page_url, parsed.path)
        assets[target] = (output / target.lstrip("/")).stat().st_size
    css = sum(size for url, size in assets.items() if url.endswith(".css"))
    js = sum(size for url, size in assets.items() if url.endswith(".js"))
    return {"page": page, "html": len(html), "css": css, "js": js, "total": len(html) + css + js,
            "assets": assets, "external": external}


def article_pages(output: Path) -> list[str]:
    output = Path(output)
    return sorted(p.parent.relative_to(output).as_posix() + "/"
                  for p in output.glob("don-vi/*/[0-9][0-9][0-9][0-9]/*/index.html"))


def weigh_site(output: Path, budget: int = ARTICLE_BUDGET) -> dict:
    """Weights of the home page and of every article page, with the budget verdict."""
    articles = [page_weight(output, p) for p in article_pages(output)]
    if not articles:
        raise ValueError(f"no article page under {output}/don-vi/")
    heaviest = max(articles, key=lambda w: w["total"])
    totals = [w["total"] for w in articles]
    return {
        "budget_bytes": budget,
        "home": {k: v for k, v in page_weight(output, "").items() if k != "assets"},
        "articles": len(articles),
        "article_median_bytes": int(statistics.median(totals)),
        "article_max": {k: v for k, v in heaviest.items() if k != "assets"},
        "over_budget": [w["page"] for w in articles if w["total"] > budget],
        "within_budget": heaviest["total"] <= budget,
    }


def build_for_lighthouse(port: int, folder: Path, content: str | Path = "content", extra: list | None = None) -> Path:
    """The site as published (publishconf.py: absolute URLs, canonical) with SITEURL on 127.0.0.1:port,
    so that Lighthouse loads every asset and reads a real canonical URL. ``extra``: ``-e`` settings."""
    env = {**os.environ, "CDCT_SITEURL": f"http://127.0.0.1:{port}"}
    command = [sys.executable, "-m", "pelican", str(content), "-s", "publishconf.py", "-o", str(folder), "-q"]
    if extra:
        command += ["-e", *extra]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return folder


def lighthouse_scores(output: Path, pages: dict[str, str], timeout: int = 180, port: int = 0) -> dict:
    """Lighthouse mobile scores (0–100) per page name, e.g. {"home": "", "article": "don-vi/..."}."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} missing: run `npm ci --prefix tools/lighthouse --no-audit --no-fund`")
    results = {}
    with serve(Path(output), port) as base, tempfile.TemporaryDirectory() as tmp:
        for name, page in pages.items():
            report = Path(tmp) / f"{name}.json"
            cmd = [str(LIGHTHOUSE), base + page, "--form-factor=mobile",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
                   "--output=json", f"--output-path={report}", "--quiet"]
            subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=timeout,
                           check=False, capture_output=True)
            if not report.exists():
                results[name] = {"error": "lighthouse wrote no report"}
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {c: round(data["categories"][c]["score"] * 100) if data["categories"][c]["score"] is not None
                      else None for c in CATEGORIES}
            failed = sorted(a["id"] for a in data["audits"].values()
                            if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
            results[name] = {"page": page, **scores, "failed_audits": failed}
    return results


def theme_bench(output: str | Path = "output", lighthouse: bool = False) -> dict:
    """The theme's benchmark figures for a built site (see the module docstring). Weigh a publish
    build (absolute URLs are longer). Lighthouse builds its own publish copy of content/."""
    output = Path(output)
    result = {"page_weight": weigh_site(output)}
    if lighthouse:
        pages = {"home": "", "article": result["page_weight"]["article_max"]["page"]}
        port = free_port()
        with tempfile.TemporaryDirectory() as tmp:
            site = build_for_lighthouse(port, Path(tmp) / "site")
            result["lighthouse"] = lighthouse_scores(site, pages, port=port)
    return result


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", nargs="?", default="output")
    ap.add_argument("--lighthouse", action="store_true", help="also run Lighthouse on home and article (slow)")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args(argv)
    result = theme_bench(args.output, args.lighthouse)
    pw = result["page_weight"]
    heaviest = pw["article_max"]
    print(f"Home: {_kb(pw['home']['total'])} (HTML {_kb(pw['home']['html'])}, CSS {_kb(pw['home']['css'])}, "
          f"JS {_kb(pw['home']['js'])})")
    print(f"Articles: {pw['articles']}, median {_kb(pw['article_median_bytes'])}, heaviest {_kb(heaviest['total'])} "
          f"(HTML {_kb(heaviest['html'])}, CSS {_kb(heaviest['css'])}, JS {_kb(heaviest['js'])}) {heaviest['page']}")
    print(f"Budget {_kb(pw['budget_bytes'])} per article: {'OK' if pw['within_budget'] else 'OVER: ' + ', '.join(pw['over_budget'])}")
    for name, scores in result.get("lighthouse", {}).items():
        print(f"Lighthouse {name}: " + ", ".join(f"{c} {scores.get(c)}" for c in CATEGORIES)
              + (f"; failed: {', '.join(scores['failed_audits'])}" if scores.get("failed_audits") else ""))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if pw["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
