"""The one Markdown configuration of the site, derived from the MARKDOWN setting as Pelican does.

Pelican's own MarkdownReader turns ``MARKDOWN["extension_configs"]`` into the ``extensions`` list
and appends ``markdown.extensions.meta`` to the *shared* setting when it is instantiated (for
.markdown/.mkd/.mdown). Reading the setting raw therefore gave different HTML depending on when it
was read: the worker process forked before that mutation lost ``extra``/``sane_lists`` (no tables,
no footnotes), and the reader created after it ate a first body line such as ``TPHCM: sáng 12/3``
as metadata. ``markdown_kwargs`` derives the same arguments from the setting whatever its state:
every extension named in ``extensions`` or ``extension_configs``, never ``meta`` (front matter is
YAML, read by site_core.frontmatter). The reader, the prerender worker and the checker
(through safe_html.check_body) all call it.
"""

from __future__ import annotations

import copy

# The front-matter reader's file suffixes: Pelican's MarkdownReader is replaced for all of them, so
# a .markdown file is an article like a .md file instead of being read by a second, different reader.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
META_EXTENSIONS = {"meta", "markdown.extensions.meta"}


def markdown_kwargs(markdown_setting: dict | None) -> dict:
    """Keyword arguments for ``markdown.Markdown`` from a MARKDOWN setting (not modified)."""
    setting = copy.deepcopy(dict(markdown_setting or {}))
    configs = {name: conf for name, conf in (setting.pop("extension_configs", None) or {}).items()
               if name not in META_EXTENSIONS}
    extensions = []
    for name in list(setting.pop("extensions", None) or []) + list(configs):
        if isinstance(name, str) and name in META_EXTENSIONS:
            continue
        if name not in extensions:
            extensions.append(name)
    return {**setting, "extensions": extensions, "extension_configs": configs}


def markdown_config(settings: dict) -> dict:
    """``markdown_kwargs`` of a Pelican settings dict's MARKDOWN."""
    return markdown_kwargs(settings.get("MARKDOWN"))
