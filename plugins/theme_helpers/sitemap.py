"""pelican-sitemap's state across builds, and the date of the listing pages in sitemap.xml."""

from __future__ import annotations


def sitemap_generator():
    """pelican-sitemap's module-level generator object, or None when the plugin is not installed."""
    try:
        from pelican.plugins.sitemap.sitemap import generator  # noqa: PLC0415
    except ImportError:
        return None
    return generator


def newest_article_date(generators):
    """The newest date of an article any generator holds, or None."""
    dates = [a.date for g in generators for a in getattr(g, "articles", []) if getattr(a, "date", None)]
    return max(dates) if dates else None
