"""Markup for processed photos (pure): ``<img>`` in article HTML becomes ``<picture>``.

``rewrite_images(html, resolve, prefix, sizes, lazy_from)`` replaces each ``<img>`` whose ``src``
``resolve`` knows with a ``<picture>``: a WebP ``<source>`` and an ``<img>`` JPEG (or PNG) fallback,
both with ``srcset``/``sizes``, plus ``width``/``height``, ``decoding="async"`` and ``loading="lazy"``
from the ``lazy_from``-th image on (0: all lazy, 1: all but the first). Other attributes are kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .checks import parse_attrs

IMG_TAG_RE = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
# Attributes this module writes; any others on the author's <img> (class, title, id...) are kept.
OWN_ATTRS = {"src", "srcset", "sizes", "width", "height", "loading", "decoding", "alt"}
DEFAULT_SIZES = "(min-width: 52em) 48em, 100vw"


@dataclass(frozen=True)
class Variant:
    """One published file: ``url`` is relative to the site root (like Pelican's ``article.url``)."""

    url: str
    width: int
    height: int
    length: int
    mime_type: str

    @property
    def type(self) -> str:  # the name press_feeds reads
        return self.mime_type

    @property
    def path(self) -> str:  # output-relative file path
        return self.url


@dataclass
class PhotoSet:
    """The published variants of one photo (WebP and a JPEG/PNG fallback), smallest first."""

    source: str  # content-relative path of the original
    webp: list = field(default_factory=list)
    fallback: list = field(default_factory=list)

    def srcset_for(self, prefix: str = "", fmt: str = "fallback") -> str:
        """``url 480w, url 800w, ...`` with ``prefix`` (e.g. SITEURL + "/") before each URL."""
        variants = self.webp if fmt == "webp" else self.fallback
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in variants)

    def default(self, max_width: int = 800) -> Variant:
        """The fallback variant for ``src``: the widest not wider than ``max_width`` (else the smallest)."""
        fitting = [v for v in self.fallback if v.width <= max_width]
        return fitting[-1] if fitting else self.fallback[0]

    @property
    def srcset(self) -> str:  # site-root-relative URLs
        return self.srcset_for("", "fallback")

    @property
    def webp_srcset(self) -> str:
        return self.srcset_for("", "webp")

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]


def attr(name: str, value) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


def picture_html(photos: PhotoSet, prefix: str, alt: str, sizes: str = DEFAULT_SIZES, lazy: bool = True,
                 extra: dict | None = None, default_width: int = 800) -> str:
    """``<picture>`` markup for one photo; ``prefix`` is put before every variant URL."""
    src = photos.default(default_width)
    img = ["<img", attr("src", prefix + src.url)]
    if len(photos.fallback) > 1:
        img += [attr("srcset", photos.srcset_for(prefix)), attr("sizes", sizes)]
    img += [attr("width", src.width), attr("height", src.height), attr("alt", alt)]
    if lazy:
        img.append(attr("loading", "lazy"))
    img.append(attr("decoding", "async"))
    for name, value in (extra or {}).items():
        img.append(attr(name, value))
    img.append(">")
    source = (f'<source type="image/webp"{attr("srcset", photos.srcset_for(prefix, "webp"))}'
              f'{attr("sizes", sizes)}>') if photos.webp else ""
    return f"<picture>{source}{''.join(img)}</picture>"


def rewrite_images(content: str, resolve, prefix: str, sizes: str = DEFAULT_SIZES, lazy_from: int = 1,
                   default_width: int = 800) -> tuple[str, int]:
    """(new HTML, number of images rewritten). ``resolve(src) -> PhotoSet | None``."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attrs = parse_attrs(match.group(1))
        if "srcset" in attrs:  # the author already wrote responsive markup
            return match.group(0)
        photos = resolve(attrs.get("src", ""))
        if photos is None or not photos.fallback:
            return match.group(0)
        extra = {k: v for k, v in attrs.items() if k not in OWN_ATTRS}
        markup = picture_html(photos, prefix, attrs.get("alt", ""), sizes, lazy=count >= lazy_from,
                              extra=extra, default_width=default_width)
        count += 1
        return markup

    return IMG_TAG_RE.sub(replace, content), count
