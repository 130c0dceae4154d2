"""schema.org data for search engines: NewsArticle, BreadcrumbList, and JSON safe in a ``<script>``."""

from __future__ import annotations

import json

from markupsafe import Markup
from site_core.text import plain_text

from .formats import iso8601
from .text import truncate_words
from .urls import join_url

HEADLINE_LIMIT = 110  # schema.org NewsArticle headline, as search engines read it


def jsonld(data) -> Markup:
    """JSON for a ``<script>`` element: readable Vietnamese, ``<``/``>``/``&`` escaped so that
    no ``</script>`` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - JSON with <, > and & escaped above


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
