"""Repository growth per 100 articles written in the web editor (issue 17).

``python -m tools.editor_growth [--articles 20]`` makes phone-sized photos (4000 × 3000 JPEG, photo-like:
smooth light, shapes, sensor noise), downsizes each with the editor's own script (plugins/web_editor/
admin/photos.js, in Debian's Chromium) and commits articles of one lead photo, one inline photo and a
short text to a fresh git repository, once as the phone gave them and once downsized. It prints the
packed repository size of each, scaled to 100 articles.
"""

from __future__ import annotations

import argparse
import base64
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from local_site import chromium  # noqa: E402
from site_core.settings import DEFAULT_PHOTO_WIDTHS  # noqa: E402
from web_editor import ASSETS_DIR, photo_max_side  # noqa: E402

TEXT = "Dữ liệu mẫu (hư cấu). " + "Công đoàn tổ chức thăm hỏi, tặng quà đoàn viên có hoàn cảnh khó khăn. " * 40


def phone_photo(path: Path, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (test pictures, not secrets)
    img = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(4000), rng.randrange(3000)
        draw.rectangle([x, y, x + rng.randrange(200, 1200), y + rng.randrange(200, 900)],
                       fill=tuple(rng.randrange(40, 230) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(6))
    img = Image.blend(img, Image.effect_noise((4000, 3000), 24).convert("RGB"), 0.12)
    img.save(path, quality=92)


def downsize_all(photos: list[Path], out: Path, max_side: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    script = (ASSETS_DIR / "photos.js").read_text(encoding="utf-8")
    results = []
    with sync_playwright() as p, chromium(p) as browser:
        page = browser.new_page()
        page.set_content(f'<script data-max-side="{max_side}">{script}</script>')
        for photo in photos:
            data = base64.b64encode(photo.read_bytes()).decode()
            smaller = page.evaluate("""async (b64) => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const file = await window.cdctDownsize(new File([bytes], "a.jpg", {type: "image/jpeg"}));
                const buf = new Uint8Array(await file.arrayBuffer());
                let s = ""; for (const b of buf) s += String.fromCharCode(b); return btoa(s);
            }""", data)
            target = out / photo.name
            target.write_bytes(base64.b64decode(smaller))
            results.append(target)
    return results


def packed_size(articles: list[tuple[Path, Path]], work: Path) -> int:
    repo = work
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for i, (lead, inline) in enumerate(articles):
        folder = repo / "content/units/don-vi-mau/2026" / f"bai-{i}"
        folder.mkdir(parents=True)
        (folder / "anh-bia.jpg").write_bytes(lead.read_bytes())
        (folder / "anh-1.jpg").write_bytes(inline.read_bytes())
        (folder / "index.md").write_text(f"---\ntitle: Bài {i}\n---\n{TEXT}\n", encoding="utf-8")
        subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.vn",
                        "commit", "-qm", f"Bài {i}"], check=True)
    subprocess.run(["git", "-C", str(repo), "gc", "-q", "--aggressive"], check=True)
    return sum(p.stat().st_size for p in (repo / ".git" / "objects" / "pack").glob("*.pack"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args(argv)
    max_side = photo_max_side(DEFAULT_PHOTO_WIDTHS)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "phone").mkdir()
        (tmp / "small").mkdir()
        photos = []
        for i in range(2 * args.articles):
            photos.append(tmp / "phone" / f"IMG_{i:04d}.jpg")
            phone_photo(photos[-1], i)
        smaller = downsize_all(photos, tmp / "small", max_side)
        pairs = lambda ps: [(ps[2 * i], ps[2 * i + 1]) for i in range(args.articles)]  # noqa: E731
        raw = packed_size(pairs(photos), tmp / "repo-raw")
        small = packed_size(pairs(smaller), tmp / "repo-small")
        scale = 100 / args.articles
        mean_phone = sum(p.stat().st_size for p in photos) / len(photos)
        mean_small = sum(p.stat().st_size for p in smaller) / len(smaller)
        print(f"photos: {mean_phone / 1e6:.2f} MB as from the phone -> {mean_small / 1e3:.0f} KB downsized "
              f"(longest side {max_side} px)")
        print(f"repository growth per 100 articles (2 photos + text each, measured on {args.articles}):")
        print(f"  committed as from the phone: {raw * scale / 1e6:.0f} MB")
        print(f"  downsized by the web editor: {small * scale / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
