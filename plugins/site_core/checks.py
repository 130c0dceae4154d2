"""Content checks contributed by plugins, so that the checker imports none of them.

A plugin module may define ``CONTENT_CHECKS``: a list of pure functions, each

    check(source: CheckedFile) -> list[Problem]

called once for every article and page the checker reads (after the article rules, whether or not
the file can be built), returning Vietnamese problems for that one file (or ``[]``). A check reads
files at most, never writes. The checker (content_check) runs the checks of the modules named in the
site's PLUGINS setting, in that order: a site without photo_variants in PLUGINS runs no photo checks,
one without safe_html no check of the HTML a body holds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .frontmatter import FrontMatter
from .problems import Problem
from .settings import SiteSettings, build_site_settings


@dataclass(frozen=True)
class CheckedFile:
    """One Markdown file (article or page) as the checker hands it to the contributed checks."""

    front_matter: FrontMatter
    path: Path  # the file on disk; its photos and documents are beside it
    display: str  # the path the problems name, ``content/units/x/2024/a/index.md``
    markdown: dict | None = None  # the MARKDOWN setting the build converts bodies with (None: Pelican's)
    # False in a build: its reader converts (and sanitises, logging what it removes) every body
    # anyway, so a check that would convert the Markdown returns nothing then.
    render_bodies: bool = True
    # The site's typed settings, the build's own (the photo limit, the embed hosts); the defaults
    # when the checker runs without a site's settings.
    settings: SiteSettings = field(default_factory=lambda: build_site_settings({}))

    @property
    def folder(self) -> Path:
        return self.path.parent


Check = Callable[[CheckedFile], list[Problem]]


def contributed_checks(plugins: Iterable) -> tuple[Check, ...]:
    """The CONTENT_CHECKS of every plugin in ``plugins`` (the PLUGINS setting: names or modules)."""
    return _checks_of(tuple(plugins))


@lru_cache(maxsize=8)
def _checks_of(plugins: tuple) -> tuple[Check, ...]:
    modules = [_module(p) if isinstance(p, str) else p for p in plugins]
    return tuple(check for module in modules for check in getattr(module, "CONTENT_CHECKS", ()))


def _module(name: str):
    """A plugin by name as Pelican finds it: on sys.path (the caller puts PLUGIN_PATHS there), or as a
    namespace plugin (``sitemap`` is ``pelican.plugins.sitemap``). A name that cannot be imported
    raises, as it fails the build: a check silently skipped would pass content the build refuses."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        if name.startswith("pelican.plugins."):
            raise
        return importlib.import_module(f"pelican.plugins.{name}")


def run_checks(checks: Iterable[Check], source: CheckedFile) -> list[Problem]:
    return [problem for check in checks for problem in check(source)]
