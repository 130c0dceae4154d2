"""Pure functions of the press feeds: absolute URLs in HTML, items, RSS 2.0 and Atom bytes.

Nothing here knows Pelican: ``items.py`` turns articles into ``FeedItem`` and ``channels.py``
channels into ``FeedSpec``; this module renders them with feedgen, deterministically (every date
comes from the content, never from the clock), so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

ATOM_NS = "http://www.w3.org/2005/Atom"
GENERATOR = "press_feeds (python-feedgen)"  # the software; the site is named by the feed title

# Attributes that hold one URL, and those that hold a list of "URL descriptor" (srcset).
URL_ATTRS = ("href", "src", "poster", "cite", "action", "data", "longdesc", "formaction", "background")
SRCSET_ATTRS = ("srcset", "imagesrcset")
_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*?)?(/?)>", re.DOTALL)
_ATTR_RE = re.compile(
    r"""(?P<lead>\s)(?P<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?P<eq>\s*=\s*)"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+))""")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Pelican leaves "{static}x.jpg" in place when it cannot find the file: drop the marker.
_PELICAN_MARKER_RE = re.compile(r"^\{(?:static|attach|filename|category|tag|author|index)\}")


# --- URLs -----------------------------------------------------------------------------------


def absolute_url(url: str, base: str) -> str:
    """``url`` made absolute against ``base`` (an absolute http(s) URL).

    URLs with a scheme (https:, mailto:, data:...) stay as they are; ``//host/x`` takes the base's
    scheme; everything else (``../x``, ``/x``, ``x.jpg``, ``#note``, ``{static}x``) is resolved.
    """
    url = html.unescape(url).strip()
    url = _PELICAN_MARKER_RE.sub("", url)
    if _SCHEME_RE.match(url):
        return url
    return urljoin(base, url)


def absolute_srcset(value: str, base: str) -> str:
    """Each candidate of a srcset (``a.jpg 480w, b.jpg 960w``) made absolute."""
    candidates = []
    for candidate in html.unescape(value).split(","):
        parts = candidate.strip().split(None, 1)
        if not parts:
            continue
        parts[0] = absolute_url(parts[0], base)
        candidates.append(" ".join(parts))
    return ", ".join(candidates)


def absolutize_html(fragment: str, base: str) -> str:
    """Every URL-valued attribute of every tag in ``fragment`` made absolute against ``base``.

    Works on the tags only (text and the rest of the markup are kept byte for byte), so it is safe
    on whatever the sanitiser left.
    """

    def fix_attr(match: re.Match) -> str:
        name = match.group("name").lower()
        value = next(v for v in (match.group("dq"), match.group("sq"), match.group("uq")) if v is not None)
        if name in URL_ATTRS:
            new = absolute_url(value, base)
        elif name in SRCSET_ATTRS:
            new = absolute_srcset(value, base)
        else:
            return match.group(0)
        return f'{match.group("lead")}{match.group("name")}="{html.escape(new, quote=True)}"'

    def fix_tag(match: re.Match) -> str:
        attrs = match.group(2)
        if not attrs:
            return match.group(0)
        return f"<{match.group(1)}{_ATTR_RE.sub(fix_attr, attrs)}{match.group(3)}>"

    return _TAG_RE.sub(fix_tag, fragment)


def relative_urls_in(fragment: str) -> list[str]:
    """Every URL-valued attribute in ``fragment`` that is not absolute (for checks and tests)."""
    found = []
    for tag in _TAG_RE.finditer(fragment):
        for attr in _ATTR_RE.finditer(tag.group(2) or ""):
            name = attr.group("name").lower()
            value = next(v for v in (attr.group("dq"), attr.group("sq"), attr.group("uq")) if v is not None)
            urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if name in SRCSET_ATTRS else [value]
            if name in URL_ATTRS or name in SRCSET_ATTRS:
                found += [u for u in urls if not is_absolute(u)]
    return found


def is_absolute(url: str) -> bool:
    """True for a URL with a scheme (https:, mailto:, data:...) and, for http(s), a host."""
    url = html.unescape(url).strip()
    if not _SCHEME_RE.match(url):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) if parts.scheme in ("http", "https") else True


# --- Data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadImage:
    url: str
    width: int | None = None
    height: int | None = None
    length: int | None = None  # bytes
    mime: str | None = None
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Term:
    """A category, unit or tag: ``slug`` (term), ``name`` (label), ``scheme`` (the listing's URL)."""

    slug: str
    name: str
    scheme: str


@dataclass(frozen=True)
class FeedItem:
    url: str  # absolute permalink: link, guid (isPermaLink) and Atom id
    title: str
    summary: str  # HTML
    content: str  # HTML, every URL absolute, lead figure and source line included
    published: dt.datetime
    updated: dt.datetime
    author: str
    unit: Term | None = None
    category: Term | None = None
    tags: tuple = ()
    image: LeadImage | None = None
    source: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class FeedSpec:
    """One channel: what it is, where its page is and where its two files go."""

    key: str  # "all", "unit:<slug>", "category:<slug>"
    title: str
    description: str
    link: str  # absolute URL of the HTML page the feed mirrors
    rss_url: str
    atom_url: str
    rss_save_as: str
    atom_save_as: str
    label: str = ""  # short name for the press page ("Tất cả tin bài", a unit's name...)


@dataclass(frozen=True)
class ChannelConfig:
    site_name: str
    site_url: str
    copyright_holder: str
    terms: str
    logo_url: str = ""
    icon_url: str = ""
    hub: str = ""
    language: str = "vi"
    max_items: int = 50
    max_bytes: int = 2_000_000
    fallback_updated: dt.datetime | None = None  # for a feed with no item: the site's newest date
    extra: dict = field(default_factory=dict)


# --- HTML added to each item ----------------------------------------------------------------


# The words of the credit line, in the feed's language (press_feeds.rules.DEFAULT_TEXTS: PRESS_FEEDS_TEXTS).
SOURCE_WORDS = {"source": "Nguồn", "original": "Bài gốc", "republished_from": "Bài đăng lại từ", "photo": "Ảnh"}


def lead_figure(image: LeadImage, photo_word: str = SOURCE_WORDS["photo"]) -> str:
    """The lead photo as a figure at the top of the item's content (readers ignore media:content)."""
    size = f' width="{image.width}" height="{image.height}"' if image.width and image.height else ""
    caption = " – ".join(p for p in (image.caption, f"{photo_word}: {image.credit}" if image.credit else "") if p)
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="{html.escape(image.url)}" alt="{html.escape(image.alt)}"{size}>'
            f"{figcaption}</figure>\n")


def source_line(url: str, unit_name: str, site_name: str, site_url: str,
                source: str = "", source_url: str = "", words: dict | None = None) -> str:
    """The credit every republisher keeps: the unit, the site, a link to the original."""
    esc = html.escape
    words = {**SOURCE_WORDS, **(words or {})}
    line = (f'<p class="nguon-tin"><em>{esc(words["source"])}: {esc(unit_name)} – '
            f'<a href="{esc(site_url)}">{esc(site_name)}</a>. '
            f'{esc(words["original"])}: <a href="{esc(url)}">{esc(url)}</a></em></p>')
    if source:
        original = f'<a href="{esc(source_url)}">{esc(source)}</a>' if source_url else esc(source)
        line += f'\n<p class="nguon-goc"><em>{esc(words["republished_from"])}: {original}</em></p>'
    return line


# --- Rendering ------------------------------------------------------------------------------


class _PressFeedExtension(BaseExtension):
    """Channel links feedgen cannot write: ``rel="hub"`` (WebSub) in RSS and in Atom.

    (feedgen writes only rel=self into an RSS channel, and its RSS <link> would become the hub.)
    """

    def __init__(self):
        self.hub = ""

    def extend_ns(self):
        return {}  # feedgen declares atom: in RSS already; Atom needs no prefix

    def extend_rss(self, rss_feed):
        if self.hub:
            xml_elem(f"{{{ATOM_NS}}}link", rss_feed.find("channel"), href=self.hub, rel="hub")
        return rss_feed

    def extend_atom(self, atom_feed):
        if self.hub:
            # feedgen builds Atom elements without a namespace under a literal xmlns attribute.
            xml_elem("link", atom_feed, href=self.hub, rel="hub")
        return atom_feed


class _PressEntryExtension(BaseExtension):
    """Entry links with their attributes: the lead image as RSS <enclosure> and Atom
    ``link rel="enclosure"``, the original of a republished piece as Atom ``link rel="via"``.

    (feedgen 1.0.0 drops every attribute but href from entry links in Atom, which would turn them
    all into rel="alternate" links and make the entry invalid.)
    """

    def __init__(self):
        self.enclosure = None  # (url, length, mime)
        self.via = None  # (url, title)

    def extend_ns(self):
        return {}

    def extend_rss(self, item):
        if self.enclosure:
            url, length, mime = self.enclosure
            xml_elem("enclosure", item, url=url, length=str(length), type=mime)
        return item

    def extend_atom(self, entry):
        if self.enclosure:
            url, length, mime = self.enclosure
            xml_elem("link", entry, href=url, rel="enclosure", type=mime, length=str(length))
        if self.via:
            url, title = self.via
            attrs = {"title": title} if title else {}
            xml_elem("link", entry, href=url, rel="via", **attrs)
        return entry


def copyright_text(items: list[FeedItem], cfg: ChannelConfig) -> str:
    years = sorted({i.published.year for i in items})
    span = "" if not years else (f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}")
    return f"© {span + ' ' if span else ''}{cfg.copyright_holder}. {cfg.terms}".strip()


def last_updated(items: list[FeedItem], cfg: ChannelConfig) -> dt.datetime:
    """The newest date in the feed (never the build time)."""
    dates = [max(i.published, i.updated) for i in items]
    if dates:
        return max(dates)
    if cfg.fallback_updated is not None:
        return cfg.fallback_updated
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def build_generator(spec: FeedSpec, items: list[FeedItem], cfg: ChannelConfig, kind: str) -> FeedGenerator:
    """A feedgen FeedGenerator for one channel; ``kind`` is "rss" or "atom" (sets the self link)."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.load_extension("media")
    fg.register_extension("press", _PressFeedExtension, _PressEntryExtension)
    fg.press.hub = cfg.hub
    self_url = spec.rss_url if kind == "rss" else spec.atom_url
    fg.id(self_url)
    fg.title(spec.title)
    fg.description(spec.description)
    fg.link(href=self_url, rel="self", type="application/rss+xml" if kind == "rss" else "application/atom+xml")
    # Last: feedgen takes the RSS <link> from the last link added.
    fg.link(href=spec.link, rel="alternate", type="text/html")
    fg.language(cfg.language)
    fg.author(name=cfg.site_name, uri=cfg.site_url)
    fg.copyright(copyright_text(items, cfg))
    fg.generator(GENERATOR)
    fg.docs("https://www.rssboard.org/rss-specification")
    if cfg.logo_url:
        fg.logo(cfg.logo_url)
        fg.image(url=cfg.logo_url, title=spec.title, link=spec.link)
    if cfg.icon_url:
        fg.icon(cfg.icon_url)
    newest = last_updated(items, cfg)
    fg.updated(newest)
    fg.lastBuildDate(newest)

    # feedgen prepends by default; appending keeps our newest-first order.
    for item in items:
        fe = fg.add_entry(order="append")
        fe.guid(item.url, permalink=True)
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.summary(item.summary or html.escape(item.title), type="html")
        fe.content(item.content, type="html")
        fe.author(name=item.author)
        fe.dc.dc_creator(item.author)
        if item.source:
            fe.dc.dc_source(item.source_url or item.source)
            if item.source_url:
                fe.press.via = (item.source_url, item.source)
        terms = [t for t in (item.category, item.unit) if t is not None] + list(item.tags)
        if terms:
            fe.category([{"term": t.slug, "label": t.name, "scheme": t.scheme} for t in terms])
        if item.image is not None:
            img = item.image
            media = {"url": img.url, "medium": "image", "group": None}
            if img.width and img.height:
                media.update(width=str(img.width), height=str(img.height))
            if img.mime:
                media["type"] = img.mime
            if img.length:
                media["fileSize"] = str(img.length)
            fe.media.content(**media)
            if img.length and img.mime:
                fe.press.enclosure = (img.url, img.length, img.mime)
    return fg


def render(spec: FeedSpec, items: list[FeedItem], cfg: ChannelConfig, kind: str) -> bytes:
    fg = build_generator(spec, items, cfg, kind)
    return fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)


def render_capped(spec: FeedSpec, items: list[FeedItem], cfg: ChannelConfig, kind: str) -> tuple[bytes, int]:
    """The feed with at most ``cfg.max_items`` items (newest first) and at most ``cfg.max_bytes``
    bytes, dropping the oldest items until it fits. Returns (bytes, number of items kept)."""
    items = sorted(items, key=lambda i: (i.published, i.url), reverse=True)[: max(cfg.max_items, 0)]
    data = render(spec, items, cfg, kind)
    while len(data) > cfg.max_bytes and items:
        # Drop roughly the share of items that overflows (at least one), then re-check.
        overflow = max(1, int(len(items) * (len(data) - cfg.max_bytes) / len(data)))
        items = items[: len(items) - overflow]
        data = render(spec, items, cfg, kind)
    return data, len(items)
