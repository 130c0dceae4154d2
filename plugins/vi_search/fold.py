"""Diacritic folding for Vietnamese search (pure functions, no Pelican).

Pagefind 1.5 already folds combining marks (``lương`` and ``luong`` share one index entry, the exact
form ranking higher), but ``đ``/``Đ`` is a letter of its own that Unicode does not decompose, so
``doan`` never meets ``đoàn``. The documents Pagefind indexes are therefore written with ``đ`` → ``d``
(``đoàn`` → ``doàn``, see document.py) and search.js folds the query the same way (``foldD``).

Whole syllables. Pagefind matches every query word as a prefix and ranks ``doanh`` like ``doàn``
for the query ``doan`` (it measures closeness in bytes: both are 5). In Vietnamese every syllable
is a word, so each indexed word is written between two marks (``mark_words``: ``doàn`` →
``qdoànq``): the query ``qdoanq`` then finds whole syllables only, ranked by Pagefind as usual, and
``qdoan`` finds ``qdoanhq`` as the prefix fallback. The same marks around every word keep both
exact: ``qxq`` equals ``qyq`` only when ``x`` equals ``y``. The leading mark is for indexes merged
in the browser: an index (shard) with no word starting with the query word answers with the
longest word that is a prefix of it (Pagefind's fallback), and with the leading mark no indexed
word ever is (``q<w>q`` would have to be a prefix of ``q<query>``). search.js adds the same marks
(``MARK``).
"""

from __future__ import annotations

import re
import unicodedata

# A word as Pagefind sees one: letters, digits and combining marks (tones may be precomposed or
# combining). The same class as search.js's queryWords.
WORD_RE = re.compile(r"[^\W_]+")
# Written before and after every indexed word (see above). Any letter works; a Vietnamese syllable
# never ends with "q", and a query word with a "q" inside is not a word.
MARK = "q"
D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_d(text: str) -> str:
    """Replace đ/Đ by d/D and leave every other character (tones included) as it is."""
    return text.translate(D_MAP)


def fold_full(text: str) -> str:
    """Lower-case, drop every combining mark and map đ → d: ``Đoàn Viên`` → ``doan vien``."""
    decomposed = unicodedata.normalize("NFD", fold_d(text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def mark_words(text: str) -> str:
    """``text`` as indexed: đ → d and every word between ``MARK``s (``Công đoàn`` → ``qCôngq qdoànq``)."""
    return WORD_RE.sub(lambda m: MARK + m.group(0) + MARK, fold_d(unicodedata.normalize("NFC", text)))
