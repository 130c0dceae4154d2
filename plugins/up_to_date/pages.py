"""Warm builds render again only the article and listing pages whose inputs changed (issue 16).

Most of a cached build after one edit is rendering pages that come out the same. A page's output is a
deterministic function of the build's inputs; this module renders an article page again only when
the part of those inputs it can show changed, and otherwise puts back the bytes the last build wrote.

What an article page (``article.html``, ``page.html``) can show:
- the *frame*, shared by every page: the settings, the theme, the plugins, the libraries, every file
  under PATH that is not Markdown (photos, unit.yml, categories.yml: size and modification time),
  and what the templates can read of every content object except its body: titles, dates, URLs,
  units, tags, status, the lists of the context (latest articles, related, previous/next)... — the
  ``light`` digest of the generator's context;
- its own content: the kwargs of the page (``article``, ``page``, ...) with their bodies (``_content``
  and ``_summary``).
Those templates read the body or summary only of the page's own content (``article.html`` shows
other articles by title, date, URL and unit only): review this when a template changes what it
shows of other articles, and add a template to PAGE_TEMPLATES only after the same review.

Listing pages (LISTING_TEMPLATES: home, tags, categories, units, period archives, the search and
404 pages...) show other articles' summaries but never their bodies, and pages (``Page``) by title
only. A summary is in the frame when it is the article's ``summary`` metadata (an attribute of the
content object, not its body), which content_model sets for every article (the front matter's, else
the first paragraph). So a listing page is digested like an article page (the frame and its own
context: the tag, the list, the page number) — when every article of the frame has its summary in
its metadata; otherwise (Pelican would cut a summary from the body) listing pages are rendered, and
the log says so once. Review LISTING_TEMPLATES as PAGE_TEMPLATES: a listing template must not show
``content`` or anything else made from a body. Units and categories are digested by name and slug:
what else a template shows of them comes from unit.yml and categories.yml, files of the frame.
Feeds, the search index, the sitemap and the report are always written as before.

So a changed title, date, tag, unit, summary (first paragraph), a new or deleted article, a
template, a setting or a plugin changes the frame: every page is rendered, as before. An edited
body past its first paragraph (the common edit) renders only its own page. A value with no stable
digest (an object whose ``repr`` shows its address) makes the frame unknown: everything is rendered.

How the old bytes are kept: when Pelican would empty the output folder (DELETE_OUTPUT_DIRECTORY), the
old folder is moved aside into the cache (one rename) and a fresh empty one is made, so the new
output holds exactly what this build writes (no stale file survives, as in a cold build); a page
whose digest, size and modification time match what the last build recorded is copied from the old
folder instead of rendered. The old folder is deleted when the build ends. The digests are saved
in ``<CACHE_PATH>/pages.json`` by the ``finalized`` handler.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import logging
import os
import shutil
from pathlib import Path
from typing import NamedTuple

from pelican.contents import Article, Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import Writer

logger = logging.getLogger(__name__)

PAGES_FILE = "pages.json"
PREVIOUS = "previous-output"  # the last build's output, moved aside for this build (under CACHE_PATH)
PAGE_TEMPLATES = frozenset({"article.html", "page.html"})  # reviewed: see the module's docstring
LISTING_TEMPLATES = frozenset({  # reviewed: other articles by their light fields and summary metadata only
    "index.html", "tag.html", "category.html", "author.html", "unit.html", "period_archives.html",
    "archives.html", "tags.html", "categories.html", "authors.html", "units.html", "search.html", "404.html"})
BODY = frozenset({"_content", "_summary"})
# Attributes that hold the whole context or the settings again (digested once, at the top).
SHARED = frozenset({"_context", "settings"})
# Keys the writer sets for each page (Pelican's Writer.write_file): part of the page's own digest,
# never of the frame (``localsiteurl`` is also changed in the shared context as pages are written).
PER_PAGE = frozenset({"output_file", "SITEURL", "localsiteurl"})
# Settings that say how this build ran, not what it shows: whether the content cache was read (turned
# off by guard_content_cache when the reading inputs changed; the content is the same either way).
HOW_BUILT = frozenset({"LOAD_CONTENT_CACHE"})


_MISSING = object()
# A context that differs from one already digested in at most this many keys is a copy of it with
# those keys set (Pelican's period archives: ``period``, ``period_num``; the writer's PER_PAGE keys).
COPY_MAX_KEYS_SET = 8


class Frame(NamedTuple):
    """What the pages written with one context share."""
    digest: str  # the frame: the build's inputs and the light digest of the context
    digester: Digester  # its memo: the pages' digesters name what it holds by reference
    snapshot: dict  # the context as it was digested: each page's own keys are those that differ
    lists: dict  # lists of the frame's content, digested once for all its pages (Digester.lists)


class Unstable(Exception):
    """A value without a stable digest: the frame is unknown."""


class Digester:
    """Stable text forms of the values a template can read, memoised per object.

    The frame's digester walks the shared context once per build; each page's digester has it as
    ``parent``: what the frame already holds is named by reference (a content object by its path, a
    list or object by the digest of its text), what only the page holds is written out in full.
    Pelican's writer copies the context per page; what it sets in the shared one (``localsiteurl``)
    is in PER_PAGE, and a page is compared with a snapshot of the context as it was digested
    (``SkippingWriter._new_frame``), so a key set later is part of the page's own digest.
    """

    def __init__(self, parent: Digester | None = None, lists: dict | None = None):
        self.parent = parent
        # Lists of content objects the frame holds, met again on page after page (a tag's articles on
        # each of its pages): id -> (the list, kept alive; its text), shared by the pages of a frame.
        self.lists = lists
        self.own_content_met = 0  # content objects met that the parent (the frame) does not hold
        self._content: dict[int, str] = {}
        self._objects: dict[int, str] = {}
        self._keep = []  # the memoised objects, so that their ids are not reused during the build
        self.light_fields: list[str] = []  # each content object met: its attributes but the body
        self.summaries_in_metadata = True  # every content object met has its summary in its metadata

    def _memo(self, table: str, key: int):
        found = getattr(self, table).get(key)
        if found is None and self.parent is not None:
            return self.parent._memo(table, key)
        return found

    @staticmethod
    def content_ref(obj) -> str:
        return f"<{type(obj).__name__} {getattr(obj, 'relative_source_path', None) or obj.source_path}>"

    def light(self, value, depth: int = 0) -> str:
        if value is None or isinstance(value, (bool, int, float, str)):
            return repr(value)
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return f"{type(value).__name__}({value.isoformat()}, {getattr(value, 'tzinfo', None)})"
        if isinstance(value, Content):
            return self.content(value)
        if isinstance(value, URLWrapper):
            return f"<{type(value).__name__} {value.name!r} {value.slug!r}>"
        if isinstance(value, type) or inspect.isroutine(value):  # code: in the fingerprint's plugin files
            return f"<code {getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}>"
        if depth > 40:
            raise Unstable(f"{type(value).__qualname__} (too deep)")
        key = id(value)
        found = self._memo("_objects", key)
        if found is not None:
            return found
        shareable = self.lists is not None and isinstance(value, (list, tuple))
        if shareable and key in self.lists:
            return self.lists[key][1]
        own_before = self.own_content_met
        self._objects[key] = f"<cycle {type(value).__qualname__}>"
        self._keep.append(value)
        text = self._named(value, self._expand(value, depth))
        self._objects[key] = text
        if shareable and self.own_content_met == own_before:  # only what the frame holds: the same on every page
            self.lists[key] = (value, text)
        return text

    @staticmethod
    def _named(value, text: str) -> str:
        if len(text) > 200:  # long texts are named by their digest wherever they appear again
            return f"<{type(value).__name__} {hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()}>"
        return text

    def _fresh(self, fields: dict, depth: int) -> str:
        """``light`` of a dict made here (an object's fields): the same text, but neither memoised nor
        kept, since nothing can meet the same dict again (keeping it, only so that its id was not
        reused, held a copy of every content object's attribute table for the whole build)."""
        if depth > 40:
            raise Unstable(f"{type(fields).__qualname__} (too deep)")
        return self._named(fields, self._expand(fields, depth))

    def _expand(self, value, depth: int) -> str:
        if isinstance(value, dict):
            items = [(self.light(k, depth + 1), self.light(v, depth + 1)) for k, v in value.items()]
            return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(items)) + "}"
        if isinstance(value, (list, tuple)):
            return type(value).__name__ + "[" + ", ".join(self.light(v, depth + 1) for v in value) + "]"
        if isinstance(value, (set, frozenset)):  # met in a stable order (a set's order varies per process)
            ordered = sorted(value, key=lambda v: (type(v).__name__, v if isinstance(v, str) else ""))
            return "set{" + ", ".join(sorted(self.light(v, depth + 1) for v in ordered)) + "}"
        if hasattr(value, "__dict__"):
            fields = {k: v for k, v in vars(value).items() if k not in SHARED}
            return f"<{type(value).__module__}.{type(value).__qualname__} {self._fresh(fields, depth + 1)}>"
        text = repr(value)
        if " at 0x" in text:
            raise Unstable(type(value).__qualname__)
        return text

    def content(self, obj) -> str:
        """A content object: every attribute but its body, written out once; later by path."""
        ref = self.content_ref(obj)
        key = id(obj)
        if key in self._content:
            self.own_content_met += 1
            return ref
        if self.parent is not None and self.parent._memo("_content", key) is not None:
            return ref
        self.own_content_met += 1
        self._content[key] = ref  # references from inside it (translations, previous/next) by path
        self._keep.append(obj)
        if isinstance(obj, Article) and "summary" not in (getattr(obj, "metadata", None) or {}):
            self.summaries_in_metadata = False  # (pages are listed by title, photos not at all)
        fields = {k: v for k, v in vars(obj).items() if k not in BODY and k not in SHARED}
        self.light_fields.append(f"{ref} {self._fresh(fields, 1)}")
        return ref

    def frame(self, context: dict) -> str:
        """The digest of everything every page can read (see the module's docstring)."""
        top = self._fresh({k: v for k, v in context.items() if k not in PER_PAGE | HOW_BUILT}, 0)
        # Sorted: the order content objects are first met in depends on the order of sets.
        fields, self.light_fields = self.light_fields, []  # only this digest needs them; pages have their own
        return hashlib.sha256("\n".join([top, *sorted(fields)]).encode("utf-8", "surrogateescape")).hexdigest()

    @staticmethod
    def body(obj) -> str:
        return f"{Digester.content_ref(obj)} {getattr(obj, '_content', None)!r} {getattr(obj, '_summary', None)!r}"


class SkippingWriter(Writer):
    """Pelican's writer, but an article or listing page whose digest did not change is copied, not rendered."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.session = session_for(self.settings)
        self._frames: dict[int, Frame | None] = {}
        self._keep_contexts: list[dict] = []

    def write_file(self, name, template, context, *args, **kwargs):
        session = self.session
        if session is None or getattr(template, "name", None) not in PAGE_TEMPLATES | LISTING_TEMPLATES:
            return super().write_file(name, template, context, *args, **kwargs)
        return super().write_file(name, _Remembering(self, template, context), context, *args, **kwargs)

    def frame(self, context) -> Frame | None:
        """The Frame of the context a page is written with, or None (no stable digest). A copy of a
        context already digested with a few keys set (Pelican's period archives copy the whole
        context per year and month and set ``period``) is given that context's frame: its own keys
        are then part of each page's own digest (``render``), not a frame of its own."""
        key = id(context)
        if key not in self._frames:
            self._frames[key] = self._copy_of_known(context) or self._new_frame(context)
            self._keep_contexts.append(context)  # its id is a key of _frames: kept alive for the build
        return self._frames[key]

    def _copy_of_known(self, context) -> Frame | None:
        for found in self._frames.values():
            if found is None:
                continue
            base = found.snapshot
            if base.keys() <= context.keys() and \
                    sum(base.get(k, _MISSING) is not v for k, v in context.items()) <= COPY_MAX_KEYS_SET:
                return found
        return None

    def _new_frame(self, context) -> Frame | None:
        digester = Digester()
        try:
            frame = hashlib.sha256((self.session.inputs + digester.frame(context)).encode()).hexdigest()
        except Unstable as exc:
            logger.info("[up_to_date] %s has no stable digest: every page is rendered", exc)
            return None
        if not digester.summaries_in_metadata:
            logger.info("[up_to_date] an article has no summary metadata: every listing page is rendered")
        # Pages are compared with the context as it was digested: a key set in it afterwards is then
        # part of each page's own digest, not missed.
        return Frame(frame, digester, dict(context), {})

    def render(self, template, context, localcontext) -> str:
        session = self.session
        found = self.frame(context)
        if found is None:
            return template.render(localcontext)
        name = localcontext["output_file"]
        digester = Digester(parent=found.digester, lists=found.lists)
        context = found.snapshot  # (for a copy of the context digested, that context)
        own = sorted(((k, v) for k, v in localcontext.items()
                      if k in PER_PAGE or k not in context or context[k] is not v), key=lambda item: item[0])
        try:
            light = digester.light(dict(own))
        except Unstable:
            return template.render(localcontext)
        summaries_known = found.digester.summaries_in_metadata and digester.summaries_in_metadata
        if template.name in LISTING_TEMPLATES and not summaries_known:
            return template.render(localcontext)
        # The bodies of the page's own content objects (article=, page=), not of those it lists.
        bodies = [Digester.body(v) for _, v in own if isinstance(v, Content)]
        text = "\n".join([found.digest, template.name, light, *digester.light_fields, *bodies])
        digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
        session.digests[name] = digest
        old = session.previous.get(name)
        if old and old[0] == digest and session.old_root is not None:
            path = os.path.join(session.old_root, name)
            try:
                stat = os.stat(path)
                if [stat.st_size, stat.st_mtime_ns] == old[1:]:
                    with open(path, encoding="utf-8", newline="") as f:
                        session.copied += 1
                        return f.read()
            except OSError:
                pass
        session.rendered += 1
        return template.render(localcontext)


class _Remembering:
    """The template as the writer sees it: ``render`` goes through SkippingWriter.render."""

    def __init__(self, writer, template, context):
        self.writer, self.template, self.context = writer, template, context
        self.name = template.name

    def render(self, localcontext):
        return self.writer.render(self.template, self.context, localcontext)


class Session:
    """What this build knows of the last one's pages."""

    def __init__(self, settings: dict, inputs: str):
        self.settings = settings
        self.inputs = inputs  # settings, theme, plugins, packages, non-Markdown files of PATH
        self.digests: dict[str, str] = {}
        self.previous: dict[str, list] = {}
        self.old_root: str | None = None
        self.moved: str | None = None
        self.copied = self.rendered = 0
        try:
            saved = json.loads((Path(settings["CACHE_PATH"]) / PAGES_FILE).read_text(encoding="utf-8"))
            self.previous = saved.get("pages", {}) if saved.get("output") == os.path.realpath(settings["OUTPUT_PATH"]) else {}
        except (OSError, ValueError):
            self.previous = {}


_sessions: dict = {}


def session_for(settings) -> Session | None:
    entry = _sessions.get(id(settings))
    return entry[1] if entry is not None and entry[0] is settings else None


def start(pelican, inputs: str) -> None:
    """On ``initialized``, for a build with the cache on: the old output, moved aside if Pelican would
    empty it, and the last build's page digests."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    session = Session(settings, inputs)
    output = settings["OUTPUT_PATH"]
    # A build inside another one (site_i18n's sections write into <output>/en/ while the root builds):
    # its last output was moved aside with the root's.
    for _settings, outer in list(_sessions.values()):
        if outer.moved and _inside(output, outer.settings["OUTPUT_PATH"]):
            rel = os.path.relpath(os.path.realpath(output), os.path.realpath(outer.settings["OUTPUT_PATH"]))
            session.old_root = os.path.join(outer.moved, rel)
    _sessions[id(settings)] = (settings, session)
    if session.old_root is not None:
        return
    aside = os.path.join(settings["CACHE_PATH"], PREVIOUS)
    shutil.rmtree(aside, ignore_errors=True)  # left by a build that failed
    if not session.previous or not os.path.isdir(output):
        return
    if not pelican.delete_outputdir:
        session.old_root = output  # pages are rewritten in place, as Pelican does
        return
    if _output_holds_content(output, settings["PATH"]):
        return  # Pelican does not empty it either
    if os.path.islink(output) or os.path.ismount(output):
        # Moving it would move the link (or fail): Pelican empties it in place; every page is rendered.
        return
    try:
        os.makedirs(settings["CACHE_PATH"], exist_ok=True)
        os.rename(output, aside)
        os.mkdir(output)
    except OSError as exc:  # another file system, a mount point: build as usual
        logger.info("[up_to_date] %s not moved aside (%s): every page is rendered", output, exc)
        if not os.path.isdir(output) and os.path.isdir(aside):
            os.rename(aside, output)
        return
    retention = set(settings.get("OUTPUT_RETENTION") or [])
    for entry in os.listdir(aside):  # what Pelican keeps when it empties the folder (.git ...)
        if entry in retention:
            os.rename(os.path.join(aside, entry), os.path.join(output, entry))
    session.old_root = session.moved = aside


def _inside(path: str, folder: str) -> bool:
    real, outer = os.path.realpath(path), os.path.realpath(folder)
    return real != outer and os.path.commonpath([real, outer]) == outer


def _output_holds_content(output: str, path: str) -> bool:
    """Pelican's own test (pelican.Pelican.run): it does not empty an output that contains PATH."""
    real = os.path.realpath(output)
    return os.path.commonpath([real]) == os.path.commonpath([real, os.path.realpath(path)])


def finish(settings) -> None:
    """On ``finalized``: save this build's page digests with the size and time of what was written."""
    session = session_for(settings)
    if session is None:
        return
    output = settings["OUTPUT_PATH"]
    pages = {}
    for name, digest in session.digests.items():
        try:
            stat = os.stat(sanitised_join(output, name))
        except OSError:
            continue
        pages[name] = [digest, stat.st_size, stat.st_mtime_ns]
    path = Path(settings["CACHE_PATH"]) / PAGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"output": os.path.realpath(output), "pages": pages}), encoding="utf-8")
    if session.moved:
        shutil.rmtree(session.moved, ignore_errors=True)
    if session.copied:
        logger.info("[up_to_date] %d pages unchanged (copied), %d rendered", session.copied, session.rendered)
    _sessions.pop(id(settings), None)
