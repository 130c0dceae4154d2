"""The document Pagefind indexes for one article or page (pure functions).

Rather than crawling the rendered pages (which would need ``data-pagefind-*`` attributes in the
theme's templates), the plugin hands Pagefind a small HTML document per article or page, built
from Pelican's content object:

- ``<h1>`` the title (Pagefind weights headings), then the article body as Pelican rendered it,
  the words of both written as ``fold.mark_words`` does: đ → d (Pagefind folds tone marks itself
  but đ is a letter) and an end mark after each word, so that search.js can ask for whole
  syllables. ``doan`` then meets every ``đoàn`` of the body with its real frequency and position
  (ranking, phrase search on ``"congq doanq"``);
- ``dd`` (metadata): which d letters of the text were đ (``d_bits``). Pagefind's own ``content``
  (the document's text, title first, as indexed: marked words, đ → d) is all search.js needs for
  the excerpts readers see: it removes the marks and puts the đ back from ``dd``. A copy of the text
  as written in the metadata (the former ``text``) doubled every fragment and Pagefind's memory:
  one 2,000-document shard took 11.0 + 2.3 CPU s and 1,144 MB with it, 7.4 + 1.2 s and 646 MB without;
- unit, category and date as filters / metadata / sort keys on ``<meta>`` elements (no text, so
  nothing extra is indexed).

Listings (home, categories, tags, units, archives) are never documents, so they are never results.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

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


# Elements whose text Pagefind 1.5 leaves out of a document's content (checked on its output: every
# other element's text is kept, in document order; comments are dropped too).
PAGEFIND_SKIPS = frozenset({"script", "style", "nav", "footer", "form", "label", "svg", "iframe", "noscript",
                            "template"})
# One character per 6 bits of ``d_bits`` (URL-safe base64 digits), the same string in search.js.
BITS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


class _TextAsPagefindSees(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in PAGEFIND_SKIPS:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in PAGEFIND_SKIPS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def pagefind_text(fragment: str) -> str:
    """The text of an HTML fragment that Pagefind keeps in a document's content (same characters, in order)."""
    parser = _TextAsPagefindSees()
    parser.feed(fragment or "")
    parser.close()
    return "".join(parser.parts)


def d_bits(text: str) -> str:
    """Which d/D/đ/Đ letters of ``text`` are đ/Đ, in order, one bit each (1 = đ), six to a character of
    ``BITS_ALPHABET``, trailing zeros dropped ("" when there is no đ). Pagefind's content has the same
    letters in the same order with đ → d: search.js puts the đ back from these bits."""
    bits = [c in "đĐ" for c in text if c in "dDđĐ"]
    while bits and not bits[-1]:
        bits.pop()
    return "".join(BITS_ALPHABET[int("".join("1" if b else "0" for b in bits[i:i + 6]).ljust(6, "0"), 2)]
                   for i in range(0, len(bits), 6))


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def render(doc: SearchDocument, language: str = "vi") -> str:
    """The HTML document Pagefind indexes for ``doc``, in the build's ``language`` (a language section
    of site_i18n indexes its own documents only, into its own bundle)."""
    # The title is the content's first text (the <h1>), then the body's.
    meta = {"title": doc.title, **doc.meta, "dd": d_bits(doc.title + pagefind_text(doc.body_html))}
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
