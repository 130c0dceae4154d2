"""A feed item from a Pelican article: the content after the sanitiser with every URL absolute,
the lead photo with its size and length, the unit, category and tags, and the source line."""

from __future__ import annotations

import datetime as dt
import html
import logging
import mimetypes
import os
from zoneinfo import ZoneInfo

from PIL import Image

from site_core.settings import DEFAULT_TIMEZONE

from .render import SOURCE_WORDS, FeedItem, LeadImage, Term, absolute_url, absolutize_html, lead_figure, source_line
from .rules import join

logger = logging.getLogger(__name__)


def _image_mime(path: str, fmt: str | None) -> str:
    return Image.MIME.get(fmt or "", "") or mimetypes.guess_type(path)[0] or "application/octet-stream"


def _read_image(path: str) -> tuple[int, int, str] | None:
    """(width, height, mime) of an image file as a browser shows it (EXIF rotation applied)."""
    try:
        with Image.open(path) as im:
            width, height = im.size
            fmt = im.format
            orientation = im.getexif().get(0x0112, 1)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return width, height, _image_mime(path, fmt)


def _field(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def lead_image_of(article, siteurl: str, content_path: str, output_path: str,
                  static_content: dict | None = None) -> LeadImage | None:
    """The article's lead photo with an absolute URL, its size and its length in bytes.

    Prefers ``article.lead_image`` (the processed image from photo_variants: an object or dict with
    ``url``/``src``, ``width``, ``height`` and ``path`` (the written file) or ``length``, ``type``),
    else the original file beside the article. A photo that is missing or unreadable gives None
    (and a warning): a broken image never yields a relative or dead URL in a feed.
    """
    alt = str(getattr(article, "image_alt", "") or "")
    caption = str(getattr(article, "image_caption", "") or "")
    credit = str(getattr(article, "image_credit", "") or "")
    permalink = join(siteurl, article.url)
    processed = getattr(article, "lead_image", None)
    if processed:
        url = _field(processed, "url") or _field(processed, "src")
        if url:
            path = _field(processed, "path")
            if path and not os.path.isabs(path):
                path = os.path.join(output_path, path)
            length = _field(processed, "length") or (os.path.getsize(path) if path and os.path.isfile(path) else None)
            mime = _field(processed, "type") or _field(processed, "mime") or mimetypes.guess_type(str(url))[0]
            width, height = _field(processed, "width"), _field(processed, "height")
            return LeadImage(absolute_url(join(siteurl, url) if not str(url).startswith(("/", ".")) else url,
                                          permalink),
                             int(width) if width else None, int(height) if height else None,
                             int(length) if length else None, mime, alt, caption, credit)
    image = str(getattr(article, "image", "") or "").strip()
    if not image:
        return None
    if image.startswith(("http://", "https://", "//")):
        return LeadImage(absolute_url(image, permalink), alt=alt, caption=caption, credit=credit)
    name = image.replace("{static}", "").replace("{attach}", "")
    rel = os.path.normpath(os.path.join(os.path.dirname(article.get_relative_source_path()), name.lstrip("/")))
    rel = rel.replace(os.sep, "/")
    source = os.path.join(content_path, rel)
    static = (static_content or {}).get(rel)
    # Only a file the build publishes (content_check leaves refused ones out; links are never read).
    published = static is not None or static_content is None
    facts = _read_image(source) if published and os.path.isfile(source) and not os.path.islink(source) else None
    if facts is None:
        logger.warning("[press_feeds] lead image %r of %s is missing or unreadable; its feed item has no photo",
                       image, article.get_relative_source_path())
        return None
    url = join(siteurl, static.url) if static is not None else absolute_url(name, permalink)
    width, height, mime = facts
    return LeadImage(url, width, height, os.path.getsize(source), mime, alt, caption, credit)


def _published(article, tz: ZoneInfo) -> dt.datetime:
    return article.date.astimezone(tz)


def item_from_article(article, siteurl: str, settings: dict, static_content: dict | None = None) -> FeedItem:
    """A feed item from a Pelican article (content after the sanitiser, every URL absolute)."""
    tz = ZoneInfo(settings.get("TIMEZONE") or DEFAULT_TIMEZONE)
    url = join(siteurl, article.url)
    published = _published(article, tz)
    modified = getattr(article, "modified", None)
    updated = modified.astimezone(tz) if isinstance(modified, dt.datetime) and modified > article.date else published
    unit = getattr(article, "unit", None)
    unit_name = getattr(unit, "name", "") or settings.get("SITENAME", "")
    author = ""
    if "author" in getattr(article, "metadata", {}) and getattr(article, "author", None):
        author = str(article.author)
    author = author or unit_name
    site_name = settings.get("SITENAME", "")
    image = lead_image_of(article, siteurl, settings["PATH"], settings["OUTPUT_PATH"], static_content)
    # With an http(s) base, Pelican makes the same links of "https://x" and "https://x/"; the pages
    # were written with SITEURL, as given (no slash), so the feed shares their memoised copy of the
    # body instead of keeping a second one for the whole build (≈ 10 KB per article in a feed).
    body = article.get_content(siteurl) if hasattr(article, "get_content") else article.content
    body = absolutize_html(body, url)
    words = {**SOURCE_WORDS, **(settings.get("PRESS_FEEDS_TEXTS") or {})}
    content = (lead_figure(image, words["photo"]) if image else "") + body + "\n" + source_line(
        url, unit_name, site_name, siteurl + "/", str(getattr(article, "source", "") or ""),
        str(getattr(article, "source_url", "") or ""), words)
    summary = absolutize_html(str(article.get_summary(siteurl) if hasattr(article, "get_summary")
                                  else article.summary or ""), url)
    category = getattr(article, "category", None)
    return FeedItem(
        url=url,
        title=html.unescape(str(article.title)),
        summary=summary,
        content=content,
        published=published,
        updated=updated,
        author=author,
        unit=Term(unit.slug, unit.name, join(siteurl, settings.get("UNITS_INDEX_URL", "don-vi/")))
        if unit is not None else None,
        category=Term(category.slug, category.name, join(siteurl, settings.get("CATEGORIES_URL", "chuyen-muc/")))
        if category is not None else None,
        tags=tuple(Term(t.slug, t.name, join(siteurl, settings.get("TAGS_URL", "the/")))
                   for t in getattr(article, "tags", None) or ()),
        image=image,
        source=str(getattr(article, "source", "") or ""),
        source_url=str(getattr(article, "source_url", "") or ""),
    )
