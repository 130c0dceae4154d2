"""Text for attributes and descriptions: plain text (site_core.text) cut on a word, escaped for an attribute."""

from __future__ import annotations

import functools

from markupsafe import Markup
from site_core.text import plain_text

DESCRIPTION_LIMIT = 160

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
