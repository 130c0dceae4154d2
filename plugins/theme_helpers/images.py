"""A content's lead image: where its file is in the content folder, and its size as a browser shows it."""

from __future__ import annotations

import os

from PIL import Image


def image_source_path(content) -> str | None:
    """The lead image's path relative to the content folder, or None for a URL or a site-root path."""
    image = getattr(content, "image", None)
    if not image or image.startswith(("http://", "https://", "//", "/")):
        return None
    image = image.replace("{static}", "").replace("{attach}", "").lstrip("/")
    base = os.path.dirname(content.get_relative_source_path())
    return os.path.normpath(os.path.join(base, image)).replace(os.sep, "/")


def read_image_size(path: str):
    """(width, height) of an image file, or None when it is absent or unreadable."""
    if os.path.islink(path):
        return None  # never followed (site_core.allowlist refuses links)
    try:
        with Image.open(path) as im:
            width, height = im.size
            orientation = im.getexif().get(0x0112, 1)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):  # a phone photo stored on its side
        width, height = height, width
    return width, height
