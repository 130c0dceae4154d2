"""The document Pagefind indexes for one article or page (pure functions).

Rather than crawling the rendered pages (which would need ``data-pagefind-*`` attributes in the
theme's templates), the plugin hands Pagefind a small HTML document per article or page, built
from Pelican's content object:

- ``<h1>`` the title (Pagefind weights headings), then the article body as Pelican rendered it,
  the words of both written as ``fold.mark_words`` does: đ → d (Pagefind folds tone marks itself
  but đ is a letter) and an end mark after each word, so that search.js can ask for whole
  syllables. ``doan`` then meets every ``đoàn`` of the body with its real frequency and position
  (ranking, phrase search on ``"congq doanq"``);
- ``text`` (metadata): the body's plain text as written. Pagefind's own ``content`` is the marked
  text; search.js builds the excerpts readers see from ``text``;
- unit, category and date as filters / metadata / sort keys on ``<meta>`` elements (no text, so
  nothing extra is indexed).

Listings (home, categories, tags, units, archives) are never documents, so they are never results.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from site_core.text import plain_text

from .fold import mark_words

_MARKUP_RE = re.compile(r"(<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


@dataclass
class SearchDocument:
    url: str  # site-root-relative, starting with "/"
    title: str
    body_html: str
    meta: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    sort: dict = field(default_factory=dict)


def indexed_html(fragment: str) -> str:
    """``fragment`` with the words of its text (not its tags) written as ``mark_words`` does."""
    parts = _MARKUP_RE.split(fragment or "")
    # split() with one group: text at even indexes, markup at odd ones.
    return "".join(part if i % 2 else html.escape(mark_words(html.unescape(part)), quote=False)
                   for i, part in enumerate(parts))


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def render(doc: SearchDocument, language: str = "vi") -> str:
    """The HTML document Pagefind indexes for ``doc``, in the build's ``language`` (a language section
    of site_i18n indexes its own documents only, into its own bundle)."""
    text = plain_text(doc.body_html)
    meta = {"title": doc.title, **doc.meta, "text": text}
    parts = [f'<!doctype html><html lang="{_attr(language)}"><head><title>-</title></head><body>', "<main data-pagefind-body>",
             f"<h1>{html.escape(mark_words(doc.title))}</h1>", indexed_html(doc.body_html)]
    for key, value in meta.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-meta="{_attr(key)}[content]" content="{_attr(value)}">')
    for key, value in doc.filters.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-filter="{_attr(key)}[content]" content="{_attr(value)}">')
    for key, value in doc.sort.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-sort="{_attr(key)}[content]" content="{_attr(value)}">')
    parts.append("</main></body></html>")
    return "".join(parts)


def from_content(content, kind: str) -> SearchDocument:
    """A ``SearchDocument`` from a Pelican Article (``kind="article"``) or Page (``kind="page"``)."""
    date = getattr(content, "date", None)
    unit = getattr(content, "unit", None) if kind == "article" else None
    category = getattr(content, "category", None) if kind == "article" else None
    meta = {"kind": "Tin bài" if kind == "article" else "Trang"}
    filters, sort = {}, {}
    if kind == "article" and date is not None:
        meta["date"] = date.strftime("%Y-%m-%d")
        meta["date_vi"] = date.strftime("%d/%m/%Y")
        sort["date"] = date.strftime("%Y-%m-%dT%H:%M")
    if unit is not None:
        meta["unit"] = getattr(unit, "name", str(unit))
        filters["unit"] = unit.slug
    if category is not None:
        meta["category"] = category.name
        filters["category"] = category.slug
    return SearchDocument(url="/" + content.url.lstrip("/"), title=plain_text(content.title),
                          body_html=content.content, meta=meta, filters=filters, sort=sort)
