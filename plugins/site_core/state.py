"""Per-build state: what one part of a build hands to another, kept out of the settings dict.

The settings are the site's configuration; what a build finds while it runs (the checker's report,
the union report and its files, the next scheduled article) lives in one ``BuildState`` per build:

    start_build(pelican)      on ``initialized``: a fresh state for this build (every plugin that
                              uses the state calls it; the first call makes it, the others get it)
    build_state(settings)     the state of the build that uses this settings dict, from any signal
                              handler, generator or reader (they all hold the build's settings dict),
                              and from the caller once the build has run (``invoke report``, the
                              live preview)

A plugin writes only its own fields; another one reads them through here, never through a settings
key, so no plugin depends on another's private key (and the settings stay what the site wrote).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from .settings import PerSettings


@dataclass(eq=False)
class BuildState:
    # content_check's Report of the content folder (its front matter is reused by the reader)
    check_report: Any = None
    # union_reports: the report dict for REPORTS_PERIOD, and the files written (format -> path)
    report: dict | None = None
    report_files: dict = field(default_factory=dict)
    # up_to_date: nothing changed since the last build, which this one skips (content_check then
    # checks nothing); the earliest scheduled article's date (ISO 8601), when the next build must run
    unchanged: bool = False
    next_scheduled: str | None = None
    # up_to_date: the digest of what reading an article depends on besides its own file (its
    # ``reading_inputs``), when the cache is on; content_check keys its per-file cache on it
    reading_inputs: str | None = None
    # {"/admin/": policy}: folders served with their own Content-Security-Policy instead of the site's,
    # added on ``initialized`` by the plugin that needs one (web_editor); safe_html writes them into
    # the hosts' header files (_headers, `python -m safe_html nginx`)
    path_policies: dict = field(default_factory=dict)
    _pelican: Any = field(default=None, repr=False)  # a weak reference to the build's Pelican object


_states = PerSettings()


def build_state(settings) -> BuildState:
    """The state of the build whose settings dict this is (made on first use)."""
    return _states.get(settings) or _states.set(settings, BuildState())


def start_build(pelican) -> BuildState:
    """The state of this Pelican build: a fresh one the first time it is asked for this Pelican
    object, so that a second build with the same settings dict starts clean."""
    state = _states.get(pelican.settings)
    if state is None or state._pelican is None or state._pelican() is not pelican:
        state = _states.set(pelican.settings, BuildState(_pelican=weakref.ref(pelican)))
    return state
