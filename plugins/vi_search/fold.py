"""Diacritic folding for Vietnamese search (pure functions, no Pelican).

Pagefind 1.5 already folds combining marks (``lương`` and ``luong`` share one index entry, the exact
form ranking higher), but ``đ``/``Đ`` is a letter of its own that Unicode does not decompose, so
``doan`` never meets ``đoàn``. The index therefore gets, per document, a short tail listing every
word that contains ``đ`` with ``đ`` → ``d`` (``đoàn`` → ``doàn``); search.js folds the query the
same way (``fold_d``) and never shows that tail (it cuts ``FOLD_META`` words off the end).
"""

from __future__ import annotations

import re
import unicodedata

# A word as Pagefind sees one: letters, digits and combining marks (Vietnamese tones may be
# written precomposed or as combining marks; both are letters here).
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_d(text: str) -> str:
    """Replace đ/Đ by d/D and leave every other character (tones included) as it is."""
    return text.translate(D_MAP)


def fold_full(text: str) -> str:
    """Lower-case, drop every combining mark and map đ → d: ``Đoàn Viên`` → ``doan vien``."""
    decomposed = unicodedata.normalize("NFD", fold_d(text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def d_words(text: str) -> list[str]:
    """The words of ``text`` that contain đ/Đ, folded to d and lower-cased, once each, in order.

    >>> d_words("Công đoàn, Đoàn viên và đoàn thể")
    ['doàn']
    """
    seen: dict[str, None] = {}
    for word in WORD_RE.findall(unicodedata.normalize("NFC", text)):
        if "đ" in word or "Đ" in word:
            seen.setdefault(fold_d(word).lower(), None)
    return list(seen)
