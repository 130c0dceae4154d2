"""What the ``cdct`` templates get: the filters, and the globals that read the render context
(``SITEURL``, ``dates``, ``categories``, ``static_content``...) before calling the pure functions."""

from __future__ import annotations

import os

from jinja2 import pass_context
from site_core.text import plain_text

from .fragments import nav_marks, once
from .formats import iso8601, vi_date, vi_month, vi_number, vi_short_date, vi_time
from .identity import IDENTITY_DEFAULTS
from .images import image_source_path, read_image_size
from .jsonld import build_breadcrumbs, build_news_article, jsonld
from .related import neighbours_in, related_in
from .share import share_url
from .text import meta_description, striptags_escaped
from .urls import join_url


def _identity(ctx) -> dict:
    return ctx.get("CDCT_IDENTITY") or IDENTITY_DEFAULTS


@pass_context
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
    rel = image_source_path(content)
    static = (ctx.get("static_content") or {}).get(rel)
    return join_url(siteurl, static.url if static is not None else rel)


@pass_context
def image_size(ctx, content):
    rel = image_source_path(content)
    if rel is None or (ctx.get("static_content") or {}).get(rel) is None:
        return None  # not a published file (missing, or refused by the allow-list)
    return read_image_size(os.path.join(ctx.get("PATH", ""), rel))


@pass_context
def absolute(ctx, url) -> str:
    return join_url(ctx.get("SITEURL", ""), url)


@pass_context
def category_articles(ctx, category):
    for cat, arts in ctx.get("categories") or ():
        if cat == category:
            return arts
    return []


@pass_context
def related_articles(ctx, article, limit: int = 4):
    unit = getattr(article, "unit", None)
    unit_arts = getattr(unit, "articles", None) if unit is not None else None
    cat_arts = category_articles(ctx, article.category) if getattr(article, "category", None) else []
    return related_in(article, unit_arts, cat_arts, limit)


@pass_context
def neighbours(ctx, article):
    return neighbours_in(ctx.get("dates") or ctx.get("articles") or [], article)


@pass_context
def news_article_ld(ctx, article) -> dict:
    img = image_src(ctx, article) or None
    return build_news_article(article, ctx.get("SITEURL", ""), _identity(ctx), img)


@pass_context
def breadcrumb_ld(ctx, crumbs) -> dict:
    return build_breadcrumbs(crumbs, ctx.get("SITEURL", ""))


@pass_context
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
    "once": once,
    "nav_marks": nav_marks,
}
