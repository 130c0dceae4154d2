"""Parts of a page rendered once per build and reused: ``{% call once("nav", SITEURL, key...) %}…{% endcall %}``.

Most of a page's markup is the same on thousands of pages: the header, the navigation, the footer,
the "latest news" box, an article's card on every list it appears on. ``once`` renders the block
the first time its key is met and gives the same result for the same key afterwards, for the rest
of the build. The result is what Jinja itself made of the block (autoescaped template output, a
``Markup`` only because the template made it so): nothing is marked safe here.

The rule for a block wrapped in ``once``: **its key names everything it reads that can differ from
one page to another** (SITEURL, which is per page with RELATIVE_URLS; the article or list shown; the
marks of the current page); what it reads besides must be the same for the whole build (settings,
the identity, the registries, ``pages``, the translations). Keys are compared by value for text,
numbers and tuples of them, and by identity for every other object (an article, a unit).

Scope: one memo per Jinja environment, i.e. per generator of one build (a build in another language
has its own environments). It is emptied whenever the content of a build is (re)made —
``article_generator_finalized``, ``page_generator_finalized``, ``all_generators_finalized`` — which
the live preview sends again after an edit before it writes, so an edited title is never served
from an old fragment — and when the articles' or pages' writer is done (``article_writer_finalized``,
``page_writer_finalized``): the cards, about 1 KB per article and set of arguments, are most of it.
up_to_date's page digests are unaffected: they digest the context a page is rendered from, and the
fragments are a function of it.
"""

from __future__ import annotations

import weakref

from jinja2 import pass_context

_MEMOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _frozen(value, keep: list):
    """A hashable form of a key part: text and numbers by value, other objects by identity (kept
    alive in ``keep`` so that an id cannot be reused while the memo holds it)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return tuple(v if type(v) in _SCALARS else _frozen(v, keep) for v in value)
    if isinstance(value, (str, int, float)):  # a subclass (Markup is a str): by its class and value
        return (kind, value)
    if isinstance(value, dict):
        return ("dict", tuple((_frozen(k, keep), _frozen(v, keep)) for k, v in value.items()))
    keep.append(value)
    return ("id", id(value))


@pass_context
def once(ctx, name: str, *key, caller):
    memo = _MEMOS.get(ctx.environment)
    if memo is None:
        memo = _MEMOS[ctx.environment] = {}
    keep: list = []
    frozen = (name, _frozen(key, keep))
    found = memo.get(frozen)
    if found is None:
        found = memo[frozen] = (caller(), keep)
    return found[0]


def forget(*_args, **_kwargs) -> None:
    """Empty every memo: the content the fragments show may have changed."""
    _MEMOS.clear()


def nav_marks(here: str, links, category_urls) -> tuple:
    """For the navigation of the page ``here`` (its output file): per link, (current, exact) —
    ``exact``: this is the link's own page (aria-current); ``current``: it or a page inside it —
    and the same per category URL. The whole key of the navigation besides SITEURL."""
    items = []
    for link in links:
        exact = here == link + "index.html" or (here == "index.html" and link == "")
        items.append((bool(exact or (link and here.startswith(link))), exact))
    cats = tuple((here.startswith(url), here == url + "index.html") for url in category_urls)
    return tuple(items), cats
