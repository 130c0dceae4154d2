"""Jinja filters and globals for the ``cdct`` theme, and the site's robots.txt.

What it adds to every generator's Jinja environment (on ``generator_init``):

filters
    ``vi_date``          ``Thứ Năm, 26/11/2026`` (Babel, locale ``vi``)
    ``vi_short_date``    ``26/11/2026``
    ``vi_time``          ``08:30``
    ``vi_month``         ``Tháng 11/2026`` from a date or a ``(year, month)`` tuple
    ``vi_number``        ``1.234`` (Vietnamese digit grouping)
    ``iso8601``          ``2026-11-26T08:30:00+07:00``
    ``meta_description`` plain text from HTML, cut on a word at 160 characters
    ``jsonld``           a dict as JSON safe inside ``<script type="application/ld+json">``
    ``share_url``        ``url|share_url("zalo")`` from ``CDCT_SHARE_URLS``
globals (they read the render context: ``SITEURL``, ``dates``, ``categories``...)
    ``image_src(content)``, ``image_size(content)``
    ``related_articles(article, limit=4)``, ``neighbours(article)``
    ``news_article_ld(article)``, ``breadcrumb_ld(crumbs)``, ``absolute(url)``
    ``category_articles(category)``
    ``CDCT`` — the identity settings, merged with their defaults
    ``CDCT_COLORS`` — the identity colours (``site_core.identity.identity_colors``: name -> color, label, use)

Settings it reads (defaults set once on ``initialized``):

``CDCT_IDENTITY``
    dict: ``name``, ``short_name``, ``slogan``, ``logo`` and ``logo_png`` (paths under the output root),
    ``song_title``, ``song_audio`` (path or URL of an audio file, or None), ``copyright``.
``CDCT_SHARE_URLS``
    dict network -> URL template with ``{url}`` (and optionally ``{title}``).
``CDCT_ROBOTS_TXT``
    True (default) writes ``robots.txt`` listing ``sitemap.xml``; False leaves it to content/extra.
``IDENTITY_COLORS``
    the identity colours (site_core.engine_settings); ``theme/identity/identity.css`` is written from them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import json
import logging
import os
import re
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup
from PIL import Image

from pelican import signals
from pelican.generators import Generator
from site_core.identity import identity_colors, identity_css

logger = logging.getLogger(__name__)

# --- Defaults -------------------------------------------------------------------------------

IDENTITY_DEFAULTS = {
    "name": "",  # SITENAME when not given
    "short_name": "",
    "parent_name": "Công đoàn Việt Nam",
    "slogan": "Tổ chức của người lao động, do người lao động và vì người lao động",
    "logo": "theme/identity/logo.svg",
    "logo_png": "theme/identity/logo-512.png",
    "song_title": "Bài ca Công đoàn Việt Nam",
    "song_audio": None,
    "copyright": "",  # the name when not given
}

SHARE_URL_DEFAULTS = {
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "zalo": "https://sp.zalo.me/share?url={url}",
}

DESCRIPTION_LIMIT = 160
HEADLINE_LIMIT = 110  # schema.org NewsArticle headline, as search engines read it

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


# --- Pure functions -------------------------------------------------------------------------


def vi_date(value, pattern: str = "EEEE, dd/MM/yyyy") -> str:
    """``Thứ Năm, 26/11/2026``: Babel's Vietnamese names, every word of the weekday capitalised."""
    if value is None:
        return ""
    text = format_date(value, pattern, locale="vi")
    if pattern.startswith("EEEE"):
        weekday, sep, rest = text.partition(", ")
        text = " ".join(w[:1].upper() + w[1:] for w in weekday.split(" ")) + sep + rest
    return text


def vi_short_date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def vi_time(value) -> str:
    return value.strftime("%H:%M") if isinstance(value, dt.datetime) else ""


def vi_month(value) -> str:
    """``Tháng 11/2026`` from a date, or from Pelican's ``period_num`` tuple (year, month[, day])."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"Tháng {value.month}/{value.year}"
    parts = tuple(value or ())
    if len(parts) >= 2:
        return f"Tháng {int(parts[1])}/{int(parts[0])}"
    if len(parts) == 1:
        return f"Năm {int(parts[0])}"
    return ""


def vi_number(value) -> str:
    if value is None or value == "":
        return ""
    return format_decimal(value, locale="vi")


def iso8601(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def plain_text(fragment) -> str:
    """Text of an HTML fragment, entities decoded and whitespace collapsed."""
    text = _TAG_RE.sub(" ", str(fragment or ""))
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


def truncate_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + "…"


def meta_description(fragment, limit: int = DESCRIPTION_LIMIT) -> Markup:
    # Escaped: Pelican's Jinja has no autoescape, and this lands in attributes (meta content="...").
    return _description(str(fragment or ""), limit)


@functools.lru_cache(maxsize=32768)
def _description(fragment: str, limit: int) -> Markup:
    # Memoised: a summary is shown on every list page its article appears on (about 11 per article).
    return Markup.escape(truncate_words(plain_text(fragment), limit))


def striptags_escaped(fragment) -> Markup:
    """Jinja's ``striptags`` decodes entities, so a title with a quote would break out of an
    attribute (``content="{{ title|striptags }}"``); this one gives the same text, escaped."""
    return Markup.escape(Markup(str(fragment or "")).striptags())  # noqa: S704 - tags stripped, then escaped


def jsonld(data) -> Markup:
    """JSON for a ``<script>`` element: readable Vietnamese, ``<``/``>``/``&`` escaped so that
    no ``</script>`` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - JSON with <, > and & escaped above


def share_url(url: str, network: str, templates: dict | None = None, title: str = "") -> str:
    templates = templates or SHARE_URL_DEFAULTS
    try:
        template = templates[network]
    except KeyError:
        raise ValueError(f"CDCT_SHARE_URLS has no network {network!r}") from None
    return template.format(url=quote(url, safe=""), title=quote(html.unescape(str(title or "")), safe=""))


def join_url(siteurl: str, url: str) -> str:
    """``SITEURL`` + a Pelican relative URL, as templates write ``{{ SITEURL }}/{{ x.url }}``."""
    if not url:
        return f"{siteurl}/"
    if url.startswith(("http://", "https://", "//")):
        return url
    return f"{siteurl}/{url.lstrip('/')}"


def _sort_key(article) -> float:
    return article.date.timestamp()


def neighbours_in(seq, article):
    """(newer, older) than ``article`` in a date-sorted sequence (either direction), in O(log n)."""
    if not seq:
        return None, None
    descending = _sort_key(seq[0]) > _sort_key(seq[-1])
    key = (lambda a: -_sort_key(a)) if descending else _sort_key
    target = key(article)
    lo = bisect.bisect_left(seq, target, key=key)
    hi = bisect.bisect_right(seq, target, key=key)
    for i in range(lo, hi):
        if seq[i] is article:
            break
    else:
        return None, None
    before = seq[i - 1] if i > 0 else None
    after = seq[i + 1] if i + 1 < len(seq) else None
    return (before, after) if descending else (after, before)


def nearby_in(seq, article, limit: int):
    """Up to ``limit`` articles of ``seq`` closest in position to ``article`` (itself excluded)."""
    if not seq:
        return []
    descending = _sort_key(seq[0]) > _sort_key(seq[-1])
    key = (lambda a: -_sort_key(a)) if descending else _sort_key
    pos = bisect.bisect_left(seq, key(article), key=key)
    start = max(0, pos - limit)
    window = [a for a in seq[start : pos + limit + 1] if a is not article]
    window.sort(key=lambda a: abs(_sort_key(a) - _sort_key(article)))
    return window[:limit]


def related_in(article, unit_articles, category_articles, limit: int = 4):
    """Articles of the same unit closest in time, then of the same category."""
    chosen = nearby_in(unit_articles or [], article, limit)
    if len(chosen) < limit:
        seen = {id(a) for a in chosen}
        for other in nearby_in(category_articles or [], article, limit * 2):
            if id(other) not in seen:
                chosen.append(other)
                seen.add(id(other))
            if len(chosen) >= limit:
                break
    return chosen


def build_news_article(article, siteurl: str, identity: dict, image_url: str | None) -> dict:
    url = join_url(siteurl, article.url)
    authors = [a.name for a in getattr(article, "authors", []) or [] if getattr(a, "name", "")]
    unit = getattr(article, "unit", None)
    publisher = {
        "@type": "Organization",
        "name": identity["name"],
        "url": f"{siteurl}/",
        "logo": {"@type": "ImageObject", "url": join_url(siteurl, identity["logo_png"]),
                 "width": 512, "height": 512},
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": truncate_words(plain_text(article.title), HEADLINE_LIMIT),
        "inLanguage": "vi",
        "datePublished": iso8601(article.date),
        "dateModified": iso8601(getattr(article, "modified", None) or article.date),
        "publisher": publisher,
    }
    if authors:
        data["author"] = [{"@type": "Person", "name": n} for n in authors]
    else:
        data["author"] = {"@type": "Organization", "name": unit.name if unit else identity["name"]}
    category = getattr(article, "category", None)
    if category is not None:
        data["articleSection"] = category.name
    tags = getattr(article, "tags", None)
    if tags:
        data["keywords"] = [t.name for t in tags]
    if image_url:
        data["image"] = [image_url]
    return data


def build_breadcrumbs(crumbs, siteurl: str) -> dict:
    """BreadcrumbList from ``[(name, url-or-None), ...]``; the last item may have no URL."""
    items = []
    for position, (name, url) in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": name}
        if url is not None:
            item["item"] = join_url(siteurl, url)
        items.append(item)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


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


# --- Context-aware adapters (Jinja globals) -------------------------------------------------


def _identity(ctx) -> dict:
    return ctx.get("CDCT_IDENTITY") or IDENTITY_DEFAULTS


def _image_source_path(ctx, content):
    image = getattr(content, "image", None)
    if not image or image.startswith(("http://", "https://", "//", "/")):
        return None
    image = image.replace("{static}", "").replace("{attach}", "").lstrip("/")
    base = os.path.dirname(content.get_relative_source_path())
    return os.path.normpath(os.path.join(base, image)).replace(os.sep, "/")


def _pass_context(func):
    return pass_context(func)


@_pass_context
def image_src(ctx, content) -> str:
    """URL of a content's lead image: absolute URLs as given, else the copied static file's URL
    (Pelican copies photos beside articles when they are in STATIC_PATHS)."""
    image = getattr(content, "image", None)
    if not image:
        return ""
    if image.startswith(("http://", "https://", "//")):
        return image
    siteurl = ctx.get("SITEURL", "")
    if image.startswith("/"):
        return f"{siteurl}{image}"
    rel = _image_source_path(ctx, content)
    static = (ctx.get("static_content") or {}).get(rel)
    return join_url(siteurl, static.url if static is not None else rel)


@_pass_context
def image_size(ctx, content):
    rel = _image_source_path(ctx, content)
    if rel is None or (ctx.get("static_content") or {}).get(rel) is None:
        return None  # not a published file (missing, or refused by the allow-list)
    return read_image_size(os.path.join(ctx.get("PATH", ""), rel))


@_pass_context
def absolute(ctx, url) -> str:
    return join_url(ctx.get("SITEURL", ""), url)


@_pass_context
def category_articles(ctx, category):
    for cat, arts in ctx.get("categories") or ():
        if cat == category:
            return arts
    return []


@_pass_context
def related_articles(ctx, article, limit: int = 4):
    unit = getattr(article, "unit", None)
    unit_arts = getattr(unit, "articles", None) if unit is not None else None
    cat_arts = category_articles(ctx, article.category) if getattr(article, "category", None) else []
    return related_in(article, unit_arts, cat_arts, limit)


@_pass_context
def neighbours(ctx, article):
    return neighbours_in(ctx.get("dates") or ctx.get("articles") or [], article)


@_pass_context
def news_article_ld(ctx, article) -> dict:
    img = image_src(ctx, article) or None
    return build_news_article(article, ctx.get("SITEURL", ""), _identity(ctx), img)


@_pass_context
def breadcrumb_ld(ctx, crumbs) -> dict:
    return build_breadcrumbs(crumbs, ctx.get("SITEURL", ""))


@_pass_context
def share_filter(ctx, url, network, title=""):
    return share_url(url, network, ctx.get("CDCT_SHARE_URLS"), title)


FILTERS = {
    "vi_date": vi_date,
    "vi_short_date": vi_short_date,
    "vi_time": vi_time,
    "vi_month": vi_month,
    "vi_number": vi_number,
    "iso8601": iso8601,
    "meta_description": meta_description,
    "striptags": striptags_escaped,
    "plain_text": plain_text,
    "jsonld": jsonld,
    "share_url": share_filter,
}

GLOBALS = {
    "image_src": image_src,
    "image_size": image_size,
    "absolute": absolute,
    "category_articles": category_articles,
    "related_articles": related_articles,
    "neighbours": neighbours,
    "news_article_ld": news_article_ld,
    "breadcrumb_ld": breadcrumb_ld,
}


# --- robots.txt -----------------------------------------------------------------------------


def robots_txt(siteurl: str, sitemap: bool) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap and siteurl.startswith(("http://", "https://")):
        lines += ["", f"Sitemap: {siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"


class IdentityCssGenerator(Generator):
    """Writes ``<THEME_STATIC_DIR>/identity/identity.css`` from IDENTITY_COLORS, so the colours have one
    source (the setting) and a second union changes them without a CSS file of its own."""

    RELATIVE = os.path.join("identity", "identity.css")

    def generate_output(self, writer):
        for folder in self.settings.get("THEME_STATIC_PATHS", []):
            if os.path.isfile(os.path.join(self.theme, folder, self.RELATIVE)):
                # The static copy runs after this generator and would replace the generated file.
                logger.warning("[theme_helpers] %s: identity.css is written from IDENTITY_COLORS; remove "
                               "this file and set the colours in pelicanconf.py", os.path.join(folder, self.RELATIVE))
        path = os.path.join(self.output_path, self.settings.get("THEME_STATIC_DIR", "theme"), self.RELATIVE)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(identity_css(self.settings))


class RobotsGenerator(Generator):
    """Writes robots.txt at the output root (Pelican's writer keeps overwrite detection)."""

    def generate_output(self, writer):
        if not self.settings.get("CDCT_ROBOTS_TXT", True):
            return
        extra = self.settings.get("EXTRA_PATH_METADATA") or {}
        content = self.settings.get("PATH", "")
        if any((meta or {}).get("path") == "robots.txt" and os.path.exists(os.path.join(content, src))
               for src, meta in extra.items()):
            # The static copy runs after this generator and would replace our file.
            logger.warning("[theme_helpers] content/extra robots.txt is used; its Sitemap line must "
                           "be an absolute URL (set CDCT_ROBOTS_TXT = False to silence this)")
            return
        path = os.path.join(self.output_path, "robots.txt")
        has_sitemap = "pelican.plugins.sitemap" in [
            p if isinstance(p, str) else getattr(p, "__name__", "") for p in self.settings["PLUGINS"]
        ]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(robots_txt(self.settings.get("SITEURL", ""), has_sitemap))
        logger.info("[theme_helpers] wrote %s", path)


# --- Signal handlers ------------------------------------------------------------------------


def set_defaults(pelican):
    settings = pelican.settings
    for name, defaults in (("CDCT_IDENTITY", IDENTITY_DEFAULTS), ("CDCT_SHARE_URLS", SHARE_URL_DEFAULTS)):
        given = settings.get(name) or {}
        if not isinstance(given, dict):
            raise ValueError(f"{name} must be a dict, got {type(given).__name__}")
        unknown = sorted(set(given) - set(defaults)) if name == "CDCT_IDENTITY" else []
        for key in unknown:
            logger.warning("[theme_helpers] %s: unknown key %r ignored", name, key)
        settings[name] = {**defaults, **{k: v for k, v in given.items() if k not in unknown}}
    identity = settings["CDCT_IDENTITY"]
    identity["name"] = identity["name"] or settings.get("SITENAME") or ""
    identity["copyright"] = identity["copyright"] or identity["name"]
    for network, template in settings["CDCT_SHARE_URLS"].items():
        if "{url}" not in template:
            raise ValueError(f"CDCT_SHARE_URLS[{network!r}] must contain {{url}}")
    settings.setdefault("CDCT_ROBOTS_TXT", True)
    identity_colors(settings)  # a wrong colour stops the build here, naming it (ValueError)


def add_jinja_helpers(generator):
    generator.env.filters.update(FILTERS)
    generator.env.globals.update(GLOBALS)
    generator.env.globals["CDCT"] = generator.settings.get("CDCT_IDENTITY", IDENTITY_DEFAULTS)
    generator.env.globals["CDCT_COLORS"] = identity_colors(generator.settings)


def get_generators(pelican):
    return [IdentityCssGenerator, RobotsGenerator]


def reset_sitemap(pelican):
    """Forget a previous build that failed half-way (before ``finalized``).

    pelican-sitemap remembers the Pelican instance it serves from ``get_generators`` to
    ``finalized``; when a build stops in between (a template error, or a publish build refused by
    content_check), every later build in the same process — ``pelican --autoreload``, ``invoke
    livereload``, the test suite — silently writes no sitemap.xml. Resetting at the start of each
    build keeps it writing one.
    """
    try:
        from pelican.plugins.sitemap.sitemap import generator  # noqa: PLC0415
    except ImportError:
        return
    generator._main_pelican = None
    generator.page_queue = []


def date_sitemap(generators):
    """Date listing pages in sitemap.xml by the newest article, not by the build's clock.

    pelican-sitemap stamps pages that have no date of their own (home, lists) with the time the
    process started, so two builds of the same content differed; the newest published article's
    date is when those pages last changed, and keeps the publish build reproducible.
    """
    try:
        from pelican.plugins.sitemap.sitemap import generator  # noqa: PLC0415
    except ImportError:
        return
    dates = [a.date for g in generators for a in getattr(g, "articles", []) if getattr(a, "date", None)]
    if dates:
        generator.now = max(dates)


def register():
    signals.initialized.connect(reset_sitemap)
    signals.all_generators_finalized.connect(date_sitemap)
    signals.initialized.connect(set_defaults)
    signals.generator_init.connect(add_jinja_helpers)
    signals.get_generators.connect(get_generators)
