"""Related articles and the previous/next links of an article, from date-sorted lists in O(log n)."""

from __future__ import annotations

import bisect


def _sort_key(article) -> float:
    return article.date.timestamp()


def neighbours_in(seq, article):
    """(newer, older) than ``article`` in a date-sorted sequence (either direction), in O(log n)."""
    if not seq:
        return None, None
    descending = _sort_key(seq[0]) > _sort_key(seq[-1])
    key = (lambda a: -_sort_key(a)) if descending else _sort_key
    target = key(article)
    lo = bisect.bisect_left(seq, target, key=key)
    hi = bisect.bisect_right(seq, target, key=key)
    for i in range(lo, hi):
        if seq[i] is article:
            break
    else:
        return None, None
    before = seq[i - 1] if i > 0 else None
    after = seq[i + 1] if i + 1 < len(seq) else None
    return (before, after) if descending else (after, before)


def nearby_in(seq, article, limit: int):
    """Up to ``limit`` articles of ``seq`` closest in position to ``article`` (itself excluded)."""
    if not seq:
        return []
    descending = _sort_key(seq[0]) > _sort_key(seq[-1])
    key = (lambda a: -_sort_key(a)) if descending else _sort_key
    pos = bisect.bisect_left(seq, key(article), key=key)
    start = max(0, pos - limit)
    window = [a for a in seq[start : pos + limit + 1] if a is not article]
    window.sort(key=lambda a: abs(_sort_key(a) - _sort_key(article)))
    return window[:limit]


def related_in(article, unit_articles, category_articles, limit: int = 4):
    """Articles of the same unit closest in time, then of the same category."""
    chosen = nearby_in(unit_articles or [], article, limit)
    if len(chosen) < limit:
        seen = {id(a) for a in chosen}
        for other in nearby_in(category_articles or [], article, limit * 2):
            if id(other) not in seen:
                chosen.append(other)
                seen.add(id(other))
            if len(chosen) >= limit:
                break
    return chosen
