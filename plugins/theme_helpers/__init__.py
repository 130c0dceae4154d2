"""Jinja filters and globals for the ``cdct`` theme, and the site's robots.txt.

This module holds only the signal handlers; each job has its own module of pure functions:
``formats`` (Vietnamese dates and numbers), ``text`` (descriptions, escaped striptags), ``urls``,
``jsonld`` (NewsArticle, BreadcrumbList), ``share`` (share links), ``related`` (related articles,
previous/next), ``images`` (lead image path and size), ``identity`` (CDCT_IDENTITY, identity.css),
``fragments`` (parts rendered once per build), ``robots`` (robots.txt), ``sitemap``
(pelican-sitemap's dating), ``context`` (the filters and globals
tables, and the globals that read the render context).

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
    ``once(name, key...)`` — ``{% call once(...) %}`` renders a block once per build and key
    (``fragments``); ``nav_marks(here, links, category_urls)`` — the navigation's current marks
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

import logging

from pelican import signals
from site_core.identity import identity_colors

from .context import FILTERS, GLOBALS
from .fragments import forget
from .identity import IDENTITY_DEFAULTS, IdentityCssGenerator, identity_settings
from .robots import RobotsGenerator
from .share import share_settings
from .sitemap import newest_article_date, sitemap_generator

logger = logging.getLogger(__name__)


def set_defaults(pelican):
    settings = pelican.settings
    identity, unknown = identity_settings(settings.get("CDCT_IDENTITY"), settings.get("SITENAME"))
    for key in unknown:
        logger.warning("[theme_helpers] %s: unknown key %r ignored", "CDCT_IDENTITY", key)
    settings["CDCT_IDENTITY"] = identity
    settings["CDCT_SHARE_URLS"] = share_settings(settings.get("CDCT_SHARE_URLS"))
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
    generator = sitemap_generator()
    if generator is not None:
        generator._main_pelican = None
        generator.page_queue = []


def date_sitemap(generators):
    """Date listing pages in sitemap.xml by the newest article, not by the build's clock.

    pelican-sitemap stamps pages that have no date of their own (home, lists) with the time the
    process started, so two builds of the same content differed; the newest published article's
    date is when those pages last changed, and keeps the publish build reproducible.
    """
    generator = sitemap_generator()
    newest = newest_article_date(generators)
    if generator is not None and newest is not None:
        generator.now = newest


def register():
    signals.initialized.connect(reset_sitemap)
    signals.all_generators_finalized.connect(date_sitemap)
    signals.initialized.connect(set_defaults)
    signals.generator_init.connect(add_jinja_helpers)
    signals.get_generators.connect(get_generators)
    # The fragments rendered once (theme_helpers.fragments) are made again after the content changed,
    # and let go once the articles' and pages' writers are done (the cards are most of the memo).
    for signal in (signals.article_generator_finalized, signals.page_generator_finalized,
                   signals.all_generators_finalized, signals.article_writer_finalized,
                   signals.page_writer_finalized):
        signal.connect(forget)
