"""Time the live preview in-process on a benchmark corpus: an edit, and a new article.

    python -m tools.bench.preview_live --content /tmp/bench10k/corpus/ours/content \
        --photo-cache /tmp/bench10k/ours-photo-cache

Builds once with publishconf.py (reusing the photo cache given), then edits the title of one
article, restores it, and adds a new article (deleted afterwards), printing for each what
``live_preview.PreviewSite.apply`` did: mode, seconds, files written. The corpus is left as it was.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pelican.settings import read_settings

from live_preview import PreviewSite  # tools/live_preview (tools.bench put tools/ on sys.path)

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", required=True)
    parser.add_argument("--photo-cache", default=None)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="preview-live-"))
    override = {"PATH": str(Path(args.content).resolve()), "OUTPUT_PATH": str(work / "output"),
                "CACHE_PATH": str(work / "cache"), "CONTENT_CHECK_STRICT": False}
    if args.photo_cache:
        override["PHOTO_VARIANTS_CACHE"] = str(Path(args.photo_cache).resolve())
    site = PreviewSite(read_settings(str(ROOT / "publishconf.py"), override=override))
    print(f"full build: {site.full_build().seconds:.1f} s", flush=True)

    articles = site.articles_generator.articles
    article = articles[len(articles) // 2]
    path = Path(article.source_path)
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text.replace("title: ", "title: SỬA ", 1), encoding="utf-8")
        update = site.apply({path})
        print(f"edit a title: {update.mode}, {update.seconds:.2f} s, {len(update.written)} files", flush=True)
    finally:
        path.write_text(text, encoding="utf-8")
        site.apply({path})
    year = path.parent if path.name != "index.md" else path.parent.parent  # an article folder's year
    new = year / "bai-moi-xem-truoc.md"
    new.write_text(f'---\ntitle: "Bài mới xem trước"\ndate: {year.name}-12-31 08:00\n'
                   "category: hoat-dong-cong-doan\n---\nNội dung mới.\n", encoding="utf-8")
    try:
        update = site.apply({new})
        print(f"add an article: {update.mode}, {update.seconds:.2f} s, {len(update.written)} files", flush=True)
    finally:
        new.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
