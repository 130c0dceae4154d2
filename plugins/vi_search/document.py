"""The document Pagefind indexes for one article or page (pure functions).

Rather than crawling the rendered pages (which would need ``data-pagefind-*`` attributes in the
theme's templates and would put the folded word list in every page readers download), the plugin
hands Pagefind a small HTML document per article or page, built from Pelican's content object:

- ``<h1>`` the title (Pagefind weights headings), then the article body as Pelican rendered it;
- unit, category and date as filters / metadata / sort keys on ``<meta>`` elements (no text, so
  nothing extra is indexed);
- a tail with the đ-folded words: the whole title with đ → d at the title's weight (when it has a đ),
  then the body's other đ-words (``fold.d_words``), once each, at normal weight. ``fold`` (metadata) says how many words the tail has, so search.js can cut it
  from the text it builds excerpts from.

Listings (home, categories, tags, units, archives) are never documents, so they are never results.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .fold import WORD_RE, d_words, fold_d

TITLE_WEIGHT = 7  # Pagefind's default weight for <h1>
_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.DOTALL | re.IGNORECASE)


@dataclass
class SearchDocument:
    url: str  # site-root-relative, starting with "/"
    title: str
    body_html: str
    meta: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    sort: dict = field(default_factory=dict)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment (tags, scripts and styles removed, entities decoded)."""
    return html.unescape(_TAG_RE.sub(" ", fragment or ""))


def fold_tail(title: str, body_html: str) -> tuple[list[str], list[str]]:
    """The tail's words: the whole title with đ → d (when it has a đ: phrase matches on the title
    then rank as well as with the real title), and the body's other đ-words folded, once each."""
    title_d = d_words(title)
    title_words = [w.lower() for w in WORD_RE.findall(fold_d(title))] if title_d else []
    body_words = [w for w in d_words(plain_text(body_html)) if w not in title_d]
    return title_words, body_words


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def render(doc: SearchDocument) -> str:
    """The HTML document Pagefind indexes for ``doc``."""
    title_words, body_words = fold_tail(doc.title, doc.body_html)
    meta = {"title": doc.title, **doc.meta, "fold": str(len(title_words) + len(body_words))}
    parts = [f'<!doctype html><html lang="vi"><head><title>{_attr(doc.title)}</title></head><body>',
             "<main data-pagefind-body>", f"<h1>{html.escape(doc.title)}</h1>", doc.body_html or ""]
    for key, value in meta.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-meta="{_attr(key)}[content]" content="{_attr(value)}">')
    for key, value in doc.filters.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-filter="{_attr(key)}[content]" content="{_attr(value)}">')
    for key, value in doc.sort.items():
        if value not in (None, ""):
            parts.append(f'<meta data-pagefind-sort="{_attr(key)}[content]" content="{_attr(value)}">')
    # The tail goes last: search.js drops the last `fold` words of the text before making excerpts.
    if title_words:
        parts.append(f'<p data-pagefind-weight="{TITLE_WEIGHT}">{" ".join(title_words)}</p>')
    if body_words:
        parts.append(f"<p>{' '.join(body_words)}</p>")
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
    return SearchDocument(url="/" + content.url.lstrip("/"), title=plain_text(content.title).strip(),
                          body_html=content.content, meta=meta, filters=filters, sort=sort)
