"""Markup to text: the one ``plain_text`` of the project.

Contract: the text a reader sees in an HTML fragment, on one line. Scripts and styles go with their
content, every other tag becomes a space (``A<br>B`` is ``A B``, not ``AB``), entities are decoded once
(``&amp;`` is ``&``), runs of whitespace (newlines, no-break spaces) become one space, and the ends are
trimmed. The result is text, not HTML: whoever puts it in a page, an attribute, JSON or a feed escapes
it there (a decoded ``&lt;`` is a ``<``).

Used for meta descriptions and JSON-LD headlines (theme_helpers), the search index's text and titles
(vi_search) and share-card titles (photo_variants). safe_html's ``markup_free_text`` has another job
(a metadata value rewritten in place, with no ``<``/``>`` left even after decoding) and another name.
"""

from __future__ import annotations

import html
import re

_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.DOTALL | re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def plain_text(fragment) -> str:
    """Text of an HTML fragment: tags (scripts and styles with their content) removed, entities decoded,
    whitespace collapsed to single spaces, ends trimmed. ``None`` gives ``""``."""
    text = _TAG_RE.sub(" ", str(fragment or ""))
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()
