"""Benchmark of the photo pipeline, for ``invoke bench`` (never run by the tests).

``bench(n=12)`` makes ``n`` phone-like photos (4000×3000 JPEG, EXIF orientation 6, GPS), processes them
cold (empty cache) and warm (second run, from the cache), and measures the bytes a phone downloads
per article page of the real content before (originals) and after (the 800 px WebP a 375 px wide
screen at 2× picks). Returns a dict; ``python -m photo_variants.bench [n]`` prints it.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_core.frontmatter import split_front_matter
from site_core.rules import local_images
from PIL import ExifTags, Image

from .process import PhotoCache, ProcessSettings, content_key

ROOT = Path(__file__).resolve().parents[2]


def phone_photo(seed: int, size=(4000, 3000)) -> bytes:
    """A JPEG like a phone's: sideways with orientation 6, GPS position, camera noise (3–6 MB)."""
    w, h = size
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 48 + seed % 16)
    red = Image.blend(gradient, noise, 0.45)
    green = Image.blend(gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise, 0.35)
    blue = Image.blend(gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM), noise, 0.4)
    im = Image.merge("RGB", (red, green, blue))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Bench"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (21.0, 1.0, float(seed % 60)), 3: "E", 4: (105.0, 51.0, 0.0)})
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=92, exif=exif)
    return buf.getvalue()


def _run(photos: list[bytes], cache: PhotoCache, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda data: cache.process(data, content_key(data, cache.settings)), photos))
    return time.perf_counter() - start, sum(1 for r in results if r.from_cache)


def page_weights(content: Path, cache: PhotoCache, width: int = 800) -> list[dict]:
    """Bytes of photos per article page: the originals vs the ``width`` WebP (lead and body photos)."""

    pages = []
    for md in sorted((content / "units").rglob("*.md")):
        try:
            fm = split_front_matter(md.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001, S112 - the checker reports broken files; the bench skips them
            continue
        before = after = 0
        for name, _, _ in local_images(fm):
            path = md.parent / name
            if not path.is_file():
                continue
            data = path.read_bytes()
            try:
                processed = cache.process(data)
            except ValueError:
                continue
            webp = [v for v in processed.of_format("webp") if v.width <= width] or processed.of_format("webp")[:1]
            before += len(data)
            after += webp[-1].length
        if before:
            pages.append({"page": md.relative_to(content).as_posix(), "before": before, "after": after})
    return pages


def bench(n: int = 12, workers: int = 4, content: Path | None = None, cache_dir: Path | None = None) -> dict:
    settings = ProcessSettings()
    photos = [phone_photo(i) for i in range(n)]
    with tempfile.TemporaryDirectory(prefix="photo-bench-") as tmp:
        cache = PhotoCache(tmp, settings)
        cold, _ = _run(photos, cache, workers)
        warm, hits = _run(photos, cache, workers)
        sample = cache.process(photos[0])
        variant_bytes = {f"{v.width}w.{v.format}": v.length for v in sample.variants}
    content = content or ROOT / "content"
    real_cache = PhotoCache(cache_dir or ROOT / "cache" / "anh", settings)
    pages = page_weights(content, real_cache) if (content / "units").is_dir() else []
    return {
        "photos": n,
        "original_mb_mean": round(statistics.mean(len(p) for p in photos) / 1e6, 2),
        "cold_seconds": round(cold, 2),
        "cold_ms_per_photo": round(cold / n * 1000),
        "warm_seconds": round(warm, 3),
        "warm_from_cache": hits,
        "variant_kb_of_one_photo": {k: round(v / 1000, 1) for k, v in sorted(variant_bytes.items())},
        "article_pages_with_photos": len(pages),
        "page_photo_kb_before_mean": round(statistics.mean(p["before"] for p in pages) / 1000, 1) if pages else None,
        "page_photo_kb_after_mean": round(statistics.mean(p["after"] for p in pages) / 1000, 1) if pages else None,
    }


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    print(json.dumps(bench(int(argv[0]) if argv else 12), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
