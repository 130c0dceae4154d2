"""Render the PNG icons of the identity kit from static/identity/logo.svg with headless Chromium.

Run after replacing logo.svg with the official emblem:
    .venv/bin/python themes/cdct/make_icons.py
Writes favicon-32.png, apple-touch-icon.png (180) and logo-512.png (used as the publisher logo in
JSON-LD and as the default share image) beside the SVG.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from local_site import chromium

IDENTITY = Path(__file__).parent / "static" / "identity"
SIZES = {"favicon-32.png": 32, "apple-touch-icon.png": 180, "logo-512.png": 512}


def main() -> None:
    svg = (IDENTITY / "logo.svg").read_text(encoding="utf-8")
    with sync_playwright() as p, chromium(p) as browser:
        for name, size in SIZES.items():
            # The touch icon gets a white ground (iOS shows transparency as black).
            ground = "#fff" if name == "apple-touch-icon.png" else "transparent"
            pad = size // 12 if name == "apple-touch-icon.png" else 0
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace("<svg ", '<svg style="width:100%;height:100%;display:block" ', 1)
            page.set_content(
                f'<body style="margin:0;background:{ground}">'
                f'<div style="width:{size}px;height:{size}px;padding:{pad}px;box-sizing:border-box">'
                f"{sized}</div></body>"
            )
            page.screenshot(path=str(IDENTITY / name), omit_background=(ground == "transparent"))
            page.close()


if __name__ == "__main__":
    main()
