"""Press feeds: full-content RSS 2.0 and Atom, built with feedgen, that partners republish from.

Writes, for the whole site, each unit and each category (Pelican's own feeds stay off):

    feeds/tat-ca.rss.xml, feeds/tat-ca.atom.xml
    don-vi/<unit>/rss.xml, don-vi/<unit>/atom.xml
    chuyen-muc/<slug>/rss.xml, chuyen-muc/<slug>/atom.xml

Each item carries the full content (``content:encoded`` / Atom ``content``) with every URL made
absolute, the lead photo (figure in the content, ``media:content`` with its size, an enclosure),
``dc:creator``, the category, the unit and the tags, and a source line crediting the unit and the
site; a republished piece (``source``/``source_url``) credits its original too. Only published
articles are fed (drafts, hidden and future-dated articles never are), newest first, capped in items
and bytes. Every date comes from the content, so two builds of the same content give the same bytes.

Settings read (defaults set on ``initialized``):

``PRESS_FEEDS_SITEURL``     absolute URL the feeds use; default: SITEURL when it is absolute, else
                            ``http://127.0.0.1:8000`` (what ``invoke serve`` serves), so a preview build
                            writes feeds that work in a local reader.
``PRESS_FEEDS_ALL_RSS`` / ``_ALL_ATOM``             ``feeds/tat-ca.rss.xml`` / ``feeds/tat-ca.atom.xml``
``PRESS_FEEDS_UNIT_RSS`` / ``_UNIT_ATOM``           ``don-vi/{slug}/rss.xml`` / ``atom.xml``
``PRESS_FEEDS_CATEGORY_RSS`` / ``_CATEGORY_ATOM``   ``chuyen-muc/{slug}/rss.xml`` / ``atom.xml``
``PRESS_FEEDS_MAX_ITEMS``   50; ``PRESS_FEEDS_MAX_BYTES`` 2 000 000 (Google News' limit is 2 MB)
``PRESS_FEEDS_HUB``         a WebSub hub URL (adds ``rel="hub"``; ``ping_hub`` notifies it), or None
``PRESS_FEEDS_TERMS``       the republishing terms (Vietnamese), in every feed's copyright
``PRESS_FEEDS_LOGO``        channel image, a path under the output root; default CDCT_IDENTITY's
                            ``logo_png`` (RSS wants PNG/JPEG/GIF, not SVG)
``PRESS_FEEDS_CONTACT``     dict ``name``, ``email``, ``phone``, ``address`` for the press page;
                            default: the profile of the industry-level unit (level ``cap-nganh``)

Context added (for ``press.html``): ``press_feeds`` — a list of ``PressFeed`` (``kind`` "all",
"category" or "unit", ``label``, ``title``, ``description``, ``rss_url``, ``atom_url`` absolute,
``rss_path``/``atom_path`` site-relative, ``count`` items); ``press_feeds_by_key`` (``"all"``,
``"unit:<slug>"``, ``"category:<slug>"`` → PressFeed); ``PRESS_FEEDS_TERMS``; ``press_contact``.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image
from pelican import signals
from pelican.generators import Generator

from .render import (
    ChannelConfig,
    FeedItem,
    FeedSpec,
    LeadImage,
    Term,
    absolute_url,
    absolutize_html,
    lead_figure,
    render_capped,
    source_line,
)
from .websub import feed_urls_in, ping_hub

logger = logging.getLogger(__name__)

__all__ = ["register", "ping_hub", "feed_urls_in", "PressFeed", "item_from_article", "lead_image_of"]

DEV_SITEURL = "http://127.0.0.1:8000"
DEFAULT_TERMS = (
    "Cơ quan báo chí, trang thông tin điện tử được đăng lại toàn văn hoặc trích đăng tin bài, ảnh trong "
    "nguồn tin này, với điều kiện: ghi rõ nguồn (tên công đoàn đăng bài và “{site}”) "
    "kèm liên kết về bài gốc; giữ nguyên tên tác giả và tên người chụp ảnh; không sửa nội dung làm sai "
    "lệch ý nghĩa. Bài ghi “Bài đăng lại từ” thuộc bản quyền của nguồn gốc đó: xin liên hệ nguồn gốc."
)
DEFAULTS = {
    "PRESS_FEEDS_SITEURL": None,
    "PRESS_FEEDS_ALL_RSS": "feeds/tat-ca.rss.xml",
    "PRESS_FEEDS_ALL_ATOM": "feeds/tat-ca.atom.xml",
    "PRESS_FEEDS_UNIT_RSS": "don-vi/{slug}/rss.xml",
    "PRESS_FEEDS_UNIT_ATOM": "don-vi/{slug}/atom.xml",
    "PRESS_FEEDS_CATEGORY_RSS": "chuyen-muc/{slug}/rss.xml",
    "PRESS_FEEDS_CATEGORY_ATOM": "chuyen-muc/{slug}/atom.xml",
    "PRESS_FEEDS_MAX_ITEMS": 50,
    "PRESS_FEEDS_MAX_BYTES": 2_000_000,
    "PRESS_FEEDS_HUB": None,
    "PRESS_FEEDS_TERMS": DEFAULT_TERMS,
    "PRESS_FEEDS_LOGO": None,
    "PRESS_FEEDS_CONTACT": None,
}


@dataclass(frozen=True)
class PressFeed:
    """One feed pair as the press page lists it."""

    key: str
    kind: str  # "all", "category", "unit"
    label: str
    title: str
    description: str
    rss_url: str
    atom_url: str
    rss_path: str
    atom_path: str
    count: int


# --- Settings -------------------------------------------------------------------------------


def feed_siteurl(settings: dict) -> str:
    """The absolute base URL of every link in the feeds (no trailing slash)."""
    given = settings.get("PRESS_FEEDS_SITEURL") or settings.get("SITEURL") or ""
    if given.startswith(("http://", "https://")):
        return given.rstrip("/")
    return DEV_SITEURL


def join(siteurl: str, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{siteurl}/{path.lstrip('/')}"


def apply_defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        if settings.get(key) is None:
            settings[key] = value
    # The terms name the site that publishes the feeds ({site}: SITENAME).
    settings["PRESS_FEEDS_TERMS"] = settings["PRESS_FEEDS_TERMS"].replace("{site}", settings.get("SITENAME") or "")
    for key in ("PRESS_FEEDS_MAX_ITEMS", "PRESS_FEEDS_MAX_BYTES"):
        if not isinstance(settings[key], int) or isinstance(settings[key], bool) or settings[key] < 1:
            raise ValueError(f"{key} must be a positive integer, not {settings[key]!r}")
    hub = settings.get("PRESS_FEEDS_HUB")
    if hub and not str(hub).startswith(("http://", "https://")):
        raise ValueError(f"PRESS_FEEDS_HUB must be an http(s) URL, not {hub!r}")
    given = settings.get("PRESS_FEEDS_SITEURL")
    if given and not str(given).startswith(("http://", "https://")):
        raise ValueError(f"PRESS_FEEDS_SITEURL must be an absolute http(s) URL, not {given!r}")
    if not given and not str(settings.get("SITEURL") or "").startswith(("http://", "https://")):
        logger.info("[press_feeds] SITEURL is not absolute: feeds link to %s (set PRESS_FEEDS_SITEURL "
                    "or build with publishconf.py for the public URL)", DEV_SITEURL)


# --- Articles to items ----------------------------------------------------------------------


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
    tz = ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
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
    body = article.get_content(siteurl + "/") if hasattr(article, "get_content") else article.content
    body = absolutize_html(body, url)
    content = (lead_figure(image) if image else "") + body + "\n" + source_line(
        url, unit_name, site_name, siteurl + "/", str(getattr(article, "source", "") or ""),
        str(getattr(article, "source_url", "") or ""))
    summary = absolutize_html(str(article.get_summary(siteurl + "/") if hasattr(article, "get_summary")
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


def is_fed(article, now: dt.datetime) -> bool:
    """Only published articles dated up to now (a future date is scheduled, not published)."""
    return getattr(article, "status", "published") == "published" and article.date <= now


# --- Channels -------------------------------------------------------------------------------


def channel_specs(context: dict, settings: dict, siteurl: str) -> list[tuple[FeedSpec, list]]:
    """Every channel with its articles: the whole site, each category of the registry, each unit."""
    site = settings.get("SITENAME", "")
    now = dt.datetime.now(dt.timezone.utc)
    articles = [a for a in context.get("articles", []) if is_fed(a, now)]

    def titled(name):  # the industry union's own feed is named after the site: say it once
        return name if name.strip() == site.strip() else f"{name} – {site}"

    def spec(key, label, title, description, page, rss, atom):
        return FeedSpec(key, title, description, join(siteurl, page), join(siteurl, rss), join(siteurl, atom),
                        rss, atom, label)

    specs = [(spec("all", "Tất cả tin bài", f"{site} – Tất cả tin bài",
                   f"Toàn bộ tin bài mới nhất của {site} và các công đoàn trực thuộc.", "",
                   settings["PRESS_FEEDS_ALL_RSS"], settings["PRESS_FEEDS_ALL_ATOM"]), articles)]
    categories = context.get("CATEGORY_REGISTRY") or [c for c, _ in context.get("categories", [])]
    for cat in categories:
        specs.append((spec(f"category:{cat.slug}", cat.name, titled(cat.name),
                           getattr(cat, "description", "") or f"Tin bài chuyên mục {cat.name} của {site}.",
                           cat.url, settings["PRESS_FEEDS_CATEGORY_RSS"].format(slug=cat.slug),
                           settings["PRESS_FEEDS_CATEGORY_ATOM"].format(slug=cat.slug)),
                      [a for a in articles if getattr(a.category, "slug", None) == cat.slug]))
    for unit in context.get("units", []):
        specs.append((spec(f"unit:{unit.slug}", unit.name, titled(unit.name),
                           f"Tin bài của {unit.name} trên trang {site}.", unit.url,
                           settings["PRESS_FEEDS_UNIT_RSS"].format(slug=unit.slug),
                           settings["PRESS_FEEDS_UNIT_ATOM"].format(slug=unit.slug)),
                      [a for a in articles if getattr(getattr(a, "unit", None), "slug", None) == unit.slug]))
    return specs


def press_contact(context: dict, settings: dict) -> dict:
    given = settings.get("PRESS_FEEDS_CONTACT")
    if given:
        return dict(given)
    for unit in context.get("units", []):
        if unit.level_rank == 0:  # the site's top unit
            return {"name": unit.name, "email": unit.email, "phone": unit.phone, "address": unit.address}
    return {}


def logo_path(settings: dict) -> str:
    identity = settings.get("CDCT_IDENTITY") or {}
    return settings.get("PRESS_FEEDS_LOGO") or identity.get("logo_png") or "theme/identity/logo-512.png"


def channel_config(settings: dict, siteurl: str, newest: dt.datetime | None) -> ChannelConfig:
    identity = settings.get("CDCT_IDENTITY") or {}
    return ChannelConfig(
        site_name=settings.get("SITENAME", ""),
        site_url=siteurl + "/",
        copyright_holder=identity.get("copyright") or settings.get("SITENAME", ""),
        terms=settings["PRESS_FEEDS_TERMS"],
        logo_url=join(siteurl, logo_path(settings)),
        hub=settings.get("PRESS_FEEDS_HUB") or "",
        max_items=settings["PRESS_FEEDS_MAX_ITEMS"],
        max_bytes=settings["PRESS_FEEDS_MAX_BYTES"],
        fallback_updated=newest,
        language=settings.get("DEFAULT_LANG") or "vi",  # "en" in the English section (site_i18n)
    )


def newest_first(articles: list) -> list:
    """The order render_capped keeps items in (date, then URL, newest first)."""
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)


# --- Generator ------------------------------------------------------------------------------


class PressFeedsGenerator(Generator):
    """Lists the feeds in the context (before pages are written) and writes them last."""

    def generate_context(self):
        siteurl = feed_siteurl(self.settings)
        specs = channel_specs(self.context, self.settings, siteurl)
        cap = self.settings["PRESS_FEEDS_MAX_ITEMS"]
        feeds = [PressFeed(s.key, s.key.split(":")[0], s.label, s.title, s.description, s.rss_url, s.atom_url,
                           s.rss_save_as, s.atom_save_as, min(len(arts), cap)) for s, arts in specs]
        self.context["press_feeds"] = feeds
        self.context["press_feeds_by_key"] = {f.key: f for f in feeds}
        self.context["PRESS_FEEDS_TERMS"] = self.settings["PRESS_FEEDS_TERMS"]
        self.context["press_contact"] = press_contact(self.context, self.settings)

    def generate_output(self, writer):
        self.write_feeds()

    def write_feeds(self, keys: set | None = None) -> list[str]:
        """Write every feed, or those whose key ("all", "unit:<slug>", "category:<slug>") is in
        ``keys`` (the live preview rewrites the few an edited article is in). Returns their paths."""
        siteurl = feed_siteurl(self.settings)
        specs = channel_specs(self.context, self.settings, siteurl)
        if keys is not None:
            specs = [(spec, arts) for spec, arts in specs if spec.key in keys]
        static = self.context.get("static_content") or {}
        # Items only for the articles some feed will carry (each feed keeps its newest
        # PRESS_FEEDS_MAX_ITEMS): at 10,000 articles that is a few thousand, not every article.
        cap = self.settings["PRESS_FEEDS_MAX_ITEMS"]
        specs = [(spec, newest_first(articles)[:cap]) for spec, articles in specs]
        items = {}
        for _spec, articles in specs:
            for article in articles:
                if id(article) not in items:
                    items[id(article)] = item_from_article(article, siteurl, self.settings, static)
        newest = max((i.published for i in items.values()), default=None)
        cfg = channel_config(self.settings, siteurl, newest)
        logo = Path(self.settings["THEME"]) / "static" / Path(logo_path(self.settings)).relative_to("theme") \
            if logo_path(self.settings).startswith("theme/") else None
        if logo is not None and not logo.is_file():
            logger.warning("[press_feeds] channel logo %s not found in the theme", logo_path(self.settings))
        written = []
        for spec, articles in specs:
            feed_items = [items[id(a)] for a in articles]
            for kind, save_as in (("rss", spec.rss_save_as), ("atom", spec.atom_save_as)):
                data, kept = render_capped(spec, feed_items, cfg, kind)
                if kept < min(len(feed_items), cfg.max_items):
                    logger.warning("[press_feeds] %s: %d of %d items fit in %d bytes", save_as, kept,
                                   len(feed_items), cfg.max_bytes)
                path = Path(self.output_path) / save_as
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(save_as)
        logger.info("[press_feeds] wrote %d feeds for %d articles", len(written), len(items))
        return written


def get_generators(pelican):
    return PressFeedsGenerator


def register():
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
