"""up_to_date: a cached build whose inputs have not changed leaves the output as it is.

Like ``make``: when nothing the site is built from has changed since the last successful build,
and the output is still what that build wrote, there is nothing to do. It only applies when the
build asked for Pelican's cache (``LOAD_CONTENT_CACHE``): a cold build always builds.

The fingerprint covers every file under PATH, THEME and PLUGIN_PATHS (path, size, modification
time), the plain values of the settings (SITEURL from the environment included), the versions of
Pelican and of the libraries that shape the output,
and time: if a scheduled article's date has come, the build runs so that it is published.
After each successful build (``finalized``) the fingerprint and a manifest of the output are
written to ``<CACHE_PATH>/up-to-date.json``. On ``initialized``, if both still match, the
instance's ``run`` is replaced by one that says so and writes nothing (its later calls, made by
``pelican --autoreload`` when something changes, build as usual).
It also guards Pelican's content cache. That cache keeps what the reader returned for each source
file and reads a file again only when the file itself changed; but an article's reading depends on
more than its own file: its unit's profile (unit.yml), categories.yml, the files beside it in its
folder (links, attachments), the settings. When any of those changed since the last build
(``reading_inputs``: the YAML files' bytes, the names of every other file under PATH, the plugins'
files, the settings except OUTPUT_PATH and how the build runs, ``pages.HOW_BUILT``), this build reads
everything again (LOAD_CONTENT_CACHE off for it; the cache is written afresh). Editing articles'
Markdown, the common case, stays warm.
The inputs are walked once per build (``Inputs``: one ``os.scandir`` per folder, one stat per file),
and that one walk gives the fingerprint, the reading inputs and ``pages``' frame.
When the build runs, ``pages`` (a writer, on ``get_writer``) renders again only the article and
listing pages whose inputs changed and copies the others from the last build's output (see its docstring).
Settings read: LOAD_CONTENT_CACHE, CACHE_CONTENT, CACHE_PATH, PATH, THEME, PLUGIN_PATHS, OUTPUT_PATH, TIMEZONE,
DELETE_OUTPUT_DIRECTORY, OUTPUT_RETENTION (pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Iterator, NamedTuple

import pelican as pelican_package
from pelican import Pelican, signals

from site_core.state import build_state, start_build

from . import pages

logger = logging.getLogger(__name__)

STATE_FILE = "up-to-date.json"
READING_FILE = "reading-inputs.json"  # the reading inputs the content cache was written with
PLAIN = (str, int, float, bool, type(None))


def _plain(value):
    """A JSON-able copy of a settings value, or None for values with no stable form (objects)."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, (list, tuple)):
        items = [_plain(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value)) else items
    if isinstance(value, dict):
        items = {str(k): _plain(v) for k, v in value.items()}
        return None if any(items[str(k)] is None and v is not None for k, v in value.items()) else items
    return None


class Stamp(NamedTuple):
    """A file found by iter_files: its path relative to the walked folder, size and modification time."""
    rel: str
    size: int
    mtime_ns: int


def iter_files(root) -> Iterator[Stamp]:
    """Every file under ``root``, in the order of their paths, one folder's listing held at a time.

    One ``os.scandir`` per folder and one stat per file (a folder's entry type comes with the
    listing): at 10,000 articles the inputs and the output are some 60,000 files, and this walk is
    most of what a build with nothing changed costs. Like ``os.walk``, links to folders are not
    followed; a link to a file counts as the file (its target's size and time). Only the size and
    the time are kept (a whole ``os.stat_result`` per file made the output's walk 32 MB at 10,000
    articles), and the output's digest reads the walk as it goes: at 50,000 articles the end of the
    build, with 207,348 files, was the memory peak.
    """
    pending = [iter(_listing("", os.fspath(root)))]
    while pending:
        found = next(pending[-1], None)
        if found is None:
            pending.pop()
        elif isinstance(found, Stamp):
            yield found
        else:
            pending.append(iter(_listing(*found)))


def _listing(rel: str, folder: str) -> list:
    """One folder's files (Stamps) and subfolders ((rel, path)) in the order of their paths: a
    subfolder sorts as its name followed by "/", so walking folder by folder gives every path in
    sorted order ("a-b/x" before "a/x", as ``sorted`` puts them)."""
    items = []
    try:
        listing = os.scandir(folder)
    except (NotADirectoryError, FileNotFoundError):
        return items
    with listing:
        for entry in listing:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():
                    items.append((entry.name + "/", (f"{rel}{entry.name}/", entry.path)))
                continue
            try:
                stat = entry.stat()
            except OSError:  # a dangling link: its own size and time
                stat = entry.stat(follow_symlinks=False)
            items.append((entry.name, Stamp(rel + entry.name, stat.st_size, stat.st_mtime_ns)))
    items.sort(key=lambda item: item[0])
    return [found for _key, found in items]


def walk_files(root) -> list[Stamp]:
    """iter_files' files as a list (the inputs' walk, read several times)."""
    return list(iter_files(root))


def _entries(folder, files) -> list:
    return [[f"{folder}/{rel}", size, mtime_ns] for rel, size, mtime_ns in files]


# Libraries whose upgrade can change the output without any file of the site changing.
PACKAGES = ("markdown", "jinja2", "pillow", "pillow-heif", "feedgen", "nh3", "pagefind", "babel", "pyyaml", "pelican-sitemap")


def package_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


class Inputs:
    """One walk of the site's input folders (PATH, THEME, PLUGIN_PATHS) for this build, from which
    both the build's fingerprint and the content cache's reading inputs are taken."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.content = walk_files(settings["PATH"]) if os.path.isdir(settings["PATH"]) else []
        self.theme = walk_files(settings["THEME"]) if os.path.isdir(settings["THEME"]) else []
        self.plugins = [(folder, walk_files(folder)) for folder in settings.get("PLUGIN_PATHS", [])
                        if os.path.isdir(folder)]
        self.packages = package_versions()

    def plugin_state(self) -> list:
        return [e for folder, files in self.plugins for e in _entries(folder, files)]

    def fingerprint(self) -> str:
        settings = self.settings
        inputs = {
            "pelican": pelican_package.__version__,
            "packages": self.packages,
            "settings": {k: _plain(v) for k, v in sorted(settings.items())
                         if k.isupper() and not k.startswith("UP_TO_DATE_") and _plain(v) is not None},
            "files": [*_entries(settings["PATH"], self.content), *_entries(settings["THEME"], self.theme),
                      *self.plugin_state()],
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()

    def page_inputs(self) -> str:
        """The fingerprint without the Markdown files: what every page is built from besides the
        content objects (``pages``' frame)."""
        settings = self.settings
        markdown = (".md", ".markdown", ".mkd", ".mdown")
        inputs = {
            "pelican": pelican_package.__version__,
            "packages": self.packages,
            "settings": {k: _plain(v) for k, v in sorted(settings.items()) if k.isupper() and k not in pages.HOW_BUILT
                         and not k.startswith("UP_TO_DATE_") and _plain(v) is not None},
            "files": [*_entries(settings["PATH"], [e for e in self.content if not e[0].endswith(markdown)]),
                      *_entries(settings["THEME"], self.theme), *self.plugin_state()],
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()

    def reading_inputs(self) -> str:
        """What reading an article depends on besides its own Markdown file (see the module's docstring)."""
        settings = self.settings
        root = settings["PATH"]
        files = []
        for rel, *_stamp in self.content:
            if rel.endswith((".yml", ".yaml")):
                with open(os.path.join(root, rel), "rb") as f:
                    files.append([rel, hashlib.sha256(f.read()).hexdigest()])
            elif not rel.endswith((".md", ".markdown", ".mkd", ".mdown")):
                files.append([rel])
        # The plugins' code too: the content cache holds what the readers returned (content_model's
        # Markdown, links, attachments), so a changed plugin reads everything again.
        inputs = {"files": files, "plugins": self.plugin_state(),
                  "pelican": pelican_package.__version__, "packages": self.packages,
                  # Not how the build ran (HOW_BUILT): site_i18n's section copies the root's settings after
                  # the guard, so LOAD_CONTENT_CACHE off in one build made the next one read everything again.
                  "settings": {k: _plain(v) for k, v in sorted(settings.items()) if k.isupper() and k != "OUTPUT_PATH"
                               and k not in pages.HOW_BUILT and not k.startswith("UP_TO_DATE_") and _plain(v) is not None}}
        return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def fingerprint(settings: dict) -> str:
    return Inputs(settings).fingerprint()


def reading_inputs(settings: dict) -> str:
    """What reading an article depends on besides its own Markdown file (see the module's docstring)."""
    return Inputs(settings).reading_inputs()


def guard_content_cache(pelican, inputs: Inputs | None = None) -> None:
    """Read everything again when an article's reading inputs changed since the cache was written."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    pelican.up_to_date_reading = (inputs or Inputs(settings)).reading_inputs()  # saved with the cache this build writes
    build_state(settings).reading_inputs = pelican.up_to_date_reading  # content_check's cache is keyed on it
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    try:
        saved = json.loads((Path(settings["CACHE_PATH"]) / READING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    if saved.get("reading") != pelican.up_to_date_reading:
        settings["LOAD_CONTENT_CACHE"] = False
        logger.info("[up_to_date] units, categories, files beside the articles or settings changed: "
                    "every article is read again (content cache refreshed)")


# A fresh checkout (CI) gives every file the time of the checkout, so Pelican's content cache, whose
# stamp is the modification time (CHECK_MODIFIED_METHOD "mtime", see pelicanconf), would read every
# article again. Setting each tracked file's time from its git blob id instead gives an unchanged
# file the same time in every checkout, and a changed one another.
STAMP_BASE = 1_000_000_000  # 2001-09-09: far from any real edit time


def stamps_from_index(listing: str) -> dict[str, int]:
    """Path -> modification time (s) for each regular file of ``git ls-files -s -z`` output."""
    stamps = {}
    for entry in listing.split("\0"):
        if not entry:
            continue
        info, _, path = entry.partition("\t")
        mode, blob, _stage = info.split()
        if mode in ("100644", "100755"):  # not links (120000) nor submodules (160000)
            stamps[path] = STAMP_BASE + int(blob[:7], 16)
    return stamps


def stamp_checkout(root) -> int:
    """Give every tracked file of the git checkout at ``root`` its content-derived time; the count."""
    import subprocess  # noqa: PLC0415 - only the CI task needs git

    def git(*args):
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout

    stamps = stamps_from_index(git("ls-files", "-s", "-z"))
    for path in git("ls-files", "-m", "-z").split("\0"):  # edited since the commit: the blob is not its content
        stamps.pop(path, None)
    for path, stamp in stamps.items():
        os.utime(Path(root) / path, (stamp, stamp), follow_symlinks=False)
    return len(stamps)


def output_state(output: str) -> str:
    # The digest of the lines "path\0size\0time" joined by newlines, fed line by line: no manifest
    # of every output file is held at once.
    digest, separator = hashlib.sha256(), b""
    for rel, size, mtime_ns in iter_files(output) if os.path.isdir(output) else []:
        digest.update(separator + f"{rel}\0{size}\0{mtime_ns}".encode("utf-8", "surrogateescape"))
        separator = b"\n"
    return digest.hexdigest()


def state_path(settings: dict) -> Path:
    return Path(settings["CACHE_PATH"]) / STATE_FILE


def is_up_to_date(settings: dict, now: dt.datetime | None = None, inputs_fingerprint: str | None = None) -> bool:
    try:
        saved = json.loads(state_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    now = now or dt.datetime.now(dt.timezone.utc)
    due = saved.get("next_scheduled")
    if due and dt.datetime.fromisoformat(due) <= now:
        return False  # a scheduled article is due: publish it
    if saved.get("fingerprint") != (inputs_fingerprint or fingerprint(settings)):
        return False
    return (saved.get("output") == output_state(settings["OUTPUT_PATH"]))


def note_scheduled(generator):
    """The earliest scheduled (future-dated) article: when it is due, the next build must run."""
    now = dt.datetime.now(dt.timezone.utc)
    due = [a.date for a in generator.drafts if getattr(a, "date", None) and a.date > now]
    build_state(generator.settings).next_scheduled = min(due).isoformat() if due else None


def check(pelican):
    """Before building: fingerprint the inputs; skip the build if nothing changed."""
    settings = pelican.settings
    state = start_build(pelican)
    # Taken now, before other plugins add their defaults, and saved as is after the build.
    inputs = Inputs(settings)  # one walk of the inputs for both the fingerprint and the content cache's guard
    pelican.up_to_date_fingerprint = inputs.fingerprint()
    up_to_date = bool(settings.get("LOAD_CONTENT_CACHE")) and is_up_to_date(
        settings, inputs_fingerprint=pelican.up_to_date_fingerprint)
    if not up_to_date:
        page_inputs = inputs.page_inputs()  # before the guard may turn LOAD_CONTENT_CACHE off
        guard_content_cache(pelican, inputs)
        pages.start(pelican, page_inputs)
    # Connected here, after every plugin registered its own receivers, so that it runs last of
    # all on `finalized`: the output manifest must include what the others write then (sitemap,
    # search index, _headers).
    signals.finalized.connect(remember)
    if not up_to_date:
        return
    state.unchanged = True  # content_check need not check what did not change

    calls = []

    def run():
        # The first call is this build, found up to date. `pelican --autoreload` calls run()
        # again only when something changed: those are real builds.
        if not calls:
            calls.append(1)
            logger.warning("[up_to_date] Không có gì thay đổi kể từ lần dựng trước: giữ nguyên %s.",
                           settings["OUTPUT_PATH"])
            return
        Pelican.run(pelican)

    pelican.run = run  # this instance only


def remember(pelican):
    """After a successful build with the cache on: what it was built from and what it wrote."""
    settings = pelican.settings
    pages.finish(settings)
    path = state_path(settings)
    if not settings.get("CACHE_CONTENT"):
        path.unlink(missing_ok=True)
        return
    state = {"fingerprint": pelican.up_to_date_fingerprint, "output": output_state(settings["OUTPUT_PATH"]),
             "next_scheduled": build_state(settings).next_scheduled}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state), encoding="utf-8")
    reading = getattr(pelican, "up_to_date_reading", None)
    if reading:  # the content cache now holds what these inputs give
        (path.parent / READING_FILE).write_text(json.dumps({"reading": reading}), encoding="utf-8")


def writer(_pelican):
    """Pelican's writer, skipping the article and listing pages whose inputs did not change (``pages``)."""
    return pages.SkippingWriter


def register():
    signals.initialized.connect(check)
    signals.get_writer.connect(writer)
    signals.article_generator_finalized.connect(note_scheduled)
