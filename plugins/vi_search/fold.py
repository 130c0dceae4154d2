"""Diacritic folding for Vietnamese search (pure functions, no Pelican).

Pagefind 1.5 already folds combining marks (``lương`` and ``luong`` share one index entry, the exact
form ranking higher), but ``đ``/``Đ`` is a letter of its own that Unicode does not decompose, so
``doan`` never meets ``đoàn``. The documents Pagefind indexes are therefore written with ``đ`` → ``d``
(``đoàn`` → ``doàn``, see document.py) and search.js folds the query the same way (``foldD``).

Whole syllables. Pagefind matches every query word as a prefix and ranks ``doanh`` like ``doàn``
for the query ``doan`` (it measures closeness in bytes: both are 5). In Vietnamese every syllable
is a word, so the indexed words carry an end mark (``mark_words``: ``doàn`` → ``doànq``): the query
``doanq`` then finds whole syllables only, ranked by Pagefind as usual, and ``doan`` still finds
``doanhq`` as the prefix fallback. Appending the same mark to every word keeps both exact: ``xq``
equals ``yq`` only when ``x`` equals ``y``. search.js adds the same mark (``SYLLABLE_END``).
"""

from __future__ import annotations

import re
import unicodedata

# A word as Pagefind sees one: letters, digits and combining marks (tones may be precomposed or
# combining). The same class as search.js's queryWords.
WORD_RE = re.compile(r"[^\W_]+")
# Appended to every indexed word (see above). Any letter works; "q" never ends a Vietnamese syllable.
SYLLABLE_END = "q"
D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_d(text: str) -> str:
    """Replace đ/Đ by d/D and leave every other character (tones included) as it is."""
    return text.translate(D_MAP)


def fold_full(text: str) -> str:
    """Lower-case, drop every combining mark and map đ → d: ``Đoàn Viên`` → ``doan vien``."""
    decomposed = unicodedata.normalize("NFD", fold_d(text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def mark_words(text: str) -> str:
    """``text`` as indexed: đ → d and ``SYLLABLE_END`` after every word (``Công đoàn`` → ``Côngq doànq``)."""
    return WORD_RE.sub(lambda m: m.group(0) + SYLLABLE_END, fold_d(unicodedata.normalize("NFC", text)))
