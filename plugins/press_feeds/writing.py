"""Writing the feeds: the items of the articles some feed carries, rendered with feedgen (render.py)
and written under the output folder."""

from __future__ import annotations

import logging
from pathlib import Path

from .channels import channel_specs, newest_first
from .items import item_from_article
from .render import render_capped
from .rules import channel_config, feed_siteurl, logo_path

logger = logging.getLogger(__name__)


def theme_logo(settings: dict) -> Path | None:
    """The channel logo's file in the theme, when the logo is one of the theme's (``theme/...``)."""
    logo = logo_path(settings)
    if not logo.startswith("theme/"):
        return None
    return Path(settings["THEME"]) / "static" / Path(logo).relative_to("theme")


def write_feeds(context: dict, settings: dict, output_path: str, keys: set | None = None) -> list[str]:
    """Write every feed, or those whose key ("all", "unit:<slug>", "category:<slug>") is in ``keys``
    (the live preview rewrites the few an edited article is in). Returns their site-relative paths."""
    siteurl = feed_siteurl(settings)
    specs = channel_specs(context, settings, siteurl)
    if keys is not None:
        specs = [(spec, arts) for spec, arts in specs if spec.key in keys]
    static = context.get("static_content") or {}
    # Items only for the articles some feed will carry (each feed keeps its newest
    # PRESS_FEEDS_MAX_ITEMS): at 10,000 articles that is a few thousand, not every article.
    cap = settings["PRESS_FEEDS_MAX_ITEMS"]
    specs = [(spec, newest_first(articles)[:cap]) for spec, articles in specs]
    items = {}
    for _spec, articles in specs:
        for article in articles:
            if id(article) not in items:
                items[id(article)] = item_from_article(article, siteurl, settings, static)
    newest = max((i.published for i in items.values()), default=None)
    cfg = channel_config(settings, siteurl, newest)
    logo = theme_logo(settings)
    if logo is not None and not logo.is_file():
        logger.warning("[press_feeds] channel logo %s not found in the theme", logo_path(settings))
    written = []
    for spec, articles in specs:
        feed_items = [items[id(a)] for a in articles]
        for kind, save_as in (("rss", spec.rss_save_as), ("atom", spec.atom_save_as)):
            data, kept = render_capped(spec, feed_items, cfg, kind)
            if kept < min(len(feed_items), cfg.max_items):
                logger.warning("[press_feeds] %s: %d of %d items fit in %d bytes", save_as, kept,
                               len(feed_items), cfg.max_bytes)
            path = Path(output_path) / save_as
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(save_as)
    logger.info("[press_feeds] wrote %d feeds for %d articles", len(written), len(items))
    return written
