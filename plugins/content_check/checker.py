"""Check the whole content folder in one pass and account for every file in it.

``check_site(content_dir, site=site_settings(...))`` is pure (reads files, writes nothing) and returns a ``Report``:
every problem found, plus what each file is (article, draft, page, photo, registry...). It runs the
same rules as the reader (site_core.rules), and adds what needs the whole tree: two articles with
one URL, stray files, the unit and category registries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from site_core import allowlist
from site_core.allowlist import Kind
from site_core.filekinds import FileKind
from site_core.frontmatter import FrontMatterError, read_source, split_front_matter
from site_core.problems import Problem
from site_core.rules import SLUG_RE, check_article, check_page, is_buildable, link_problems
from site_core.layout import FolderFiles, article_location
from site_core.layout import UNITS_FOLDER, article_folder_of, article_place, is_article_index
from site_core.checks import CheckedFile, contributed_checks, run_checks
from site_core.registries import load_registries
from site_core.settings import SiteSettings, build_site_settings

from .hints import kind_hints, published_articles


@dataclass
class Report:
    problems: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)  # display path -> what the file is
    # display path -> parsed front matter, handed to the build's reader so no file is parsed twice
    front_matter: dict = field(default_factory=dict)
    # Not problems: what a unit will want to know (hints.py); never fails a build.
    hints: list = field(default_factory=list)
    # display path -> front matter values of every Markdown file that has them (also those whose
    # result came from the CheckCache, which are not in ``front_matter``): the hints count from it
    meta: dict = field(default_factory=dict)
    cached: int = 0  # Markdown files whose result the CheckCache gave (not checked again)

    def count(self) -> Counter:
        return Counter(self.kinds.values())

    def summary(self) -> str:
        c = self.count()
        k = FileKind
        return (f"{c[k.ARTICLE]} bài viết, {c[k.DRAFT] + c[k.SCHEDULED]} bản nháp/hẹn giờ, {c[k.PAGE]} trang, "
                f"{c[k.HIDDEN]} bài ẩn, {c[k.PHOTO]} ảnh, {c[k.ATTACHMENT]} tệp đính kèm, "
                f"{c[k.REGISTRY]} hồ sơ/danh mục, {c[k.STATIC]} tệp tĩnh, {c[k.REFUSED]} tệp bị từ chối; "
                f"{c[k.REJECTED]} tệp lỗi không dựng được; {len(self.problems)} vấn đề.")


def _slug_for(path: Path, meta: dict) -> str:
    if is_article_index(path.name) and article_place(f"{UNITS_FOLDER}/x/{path.parent.parent.name}/{path.parent.name}/{path.name}").is_folder:
        return path.parent.name  # an article folder: its name is the slug
    explicit = meta.get("slug")
    if explicit and not SLUG_RE.match(str(explicit)):
        explicit = None  # refused by the rules; the reader ignores it too
    # The same slug Pelican makes with SLUGIFY_SOURCE = "basename".
    return slugify(str(explicit) if explicit else path.stem, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


CACHE_VERSION = 1  # of CheckCache's file: raise it when an entry's form or a rule's inputs change
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


class CheckCache:
    """The last check's result for each Markdown file, so that a build checks only what changed.

    An entry is used again when, and only when, all of these are what they were:

    * ``inputs``, for every file at once: what the caller knows the check depends on besides the
      file and its folder. The build passes up_to_date's reading inputs (the bytes of every unit.yml
      and categories.yml, the name of every other file under PATH, the plugins' source files — the
      checker's code and the contributed checks —, Pelican's and the libraries' versions, the
      settings), plus how it checks (``render_bodies``) and CACHE_VERSION;
    * the file's bytes (a SHA-256: a fresh checkout, whose times all change, still hits);
    * its folder: every entry's name, and the size and modification time of every one that is not
      Markdown (the photos and documents the checks open; the other articles of a year folder count
      by name only, so editing one does not check its neighbours again).

    Time is not part of the key: an entry keeps the article's date, and whether a published article
    is scheduled or out is decided again against ``now`` on every check. The hints and the
    whole-tree checks (two articles with one URL) are never cached. A hit replays the entry's
    problems, so a bad article is reported on every build, not only on the one that found it.
    """

    def __init__(self, path, inputs: str, load: bool = True):
        self.path, self.inputs = Path(path), inputs
        self.old: dict = {}
        self.new: dict = {}
        self._folders: dict = {}
        if load:
            try:
                with open(self.path, "rb") as f:
                    saved = pickle.load(f)  # noqa: S301 - written by our own build in CACHE_PATH, like Pelican's content cache
                if saved.get("version") == CACHE_VERSION and saved.get("inputs") == inputs:
                    self.old = saved["files"]
            except (OSError, ValueError, EOFError, pickle.UnpicklingError, KeyError, AttributeError, TypeError):
                self.old = {}

    def _folder(self, folder: str) -> str:
        found = self._folders.get(folder)
        if found is None:
            entries = []
            with os.scandir(folder) as listing:
                for entry in listing:
                    if entry.name.endswith(MARKDOWN_SUFFIXES) and entry.is_file(follow_symlinks=False):
                        entries.append(f"{entry.name}\0md")
                    else:
                        stat = entry.stat(follow_symlinks=False)
                        entries.append(f"{entry.name}\0{stat.st_mode}\0{stat.st_size}\0{stat.st_mtime_ns}")
            found = self._folders[folder] = hashlib.sha256(
                "\n".join(sorted(entries)).encode("utf-8", "surrogateescape")).hexdigest()
        return found

    def key(self, path: Path) -> str | None:
        try:
            with open(path, "rb") as f:
                data = f.read()
            return hashlib.sha256(data).hexdigest() + self._folder(os.path.dirname(path))
        except OSError:
            return None

    def get(self, display: str, key: str | None):
        entry = self.old.get(display)
        return entry[1] if entry is not None and key is not None and entry[0] == key else None

    def put(self, display: str, key: str | None, result: tuple) -> None:
        if key is not None:
            self.new[display] = (key, result)

    def save(self) -> None:
        """Write this check's entries (those of files gone are dropped), unless nothing changed."""
        if self.new == self.old:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "wb") as f:
            pickle.dump({"version": CACHE_VERSION, "inputs": self.inputs, "files": self.new}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


def check_site(content_dir: Path, now: dt.datetime | None = None, display_root: str = "content",
               render_bodies: bool = True, markdown: dict | None = None, plugins=(),
               site: SiteSettings | None = None, cache: CheckCache | None = None) -> Report:
    """Check everything under ``content_dir``.

    ``plugins`` is the PLUGINS setting: the ``CONTENT_CHECKS`` of those modules (site_core.checks)
    run on every article and page, e.g. safe_html's (what the sanitiser would remove) and
    photo_variants' (broken photos, missing alt); none run without it. ``render_bodies`` tells them
    they may convert bodies to HTML; the build passes False because its reader sanitises every body
    anyway and logs the same findings (which the strict publish build counts), so the Markdown is not
    converted twice. ``markdown`` is the MARKDOWN setting the bodies are converted with (None:
    Pelican's default). ``site`` is the site's typed settings (site_core.settings: the time zone, the
    photo limit, the embed hosts, the plan's targets the hints follow), the build's own; the defaults
    without it. ``cache``: a CheckCache whose entries are used for the files that did not change
    (their front matter is then not in ``report.front_matter``; the reader parses such a file itself
    if Pelican's content cache does not have it); its new entries are left in ``cache.new``.
    """
    content_dir = Path(content_dir)
    report = Report()
    site = site or build_site_settings({})
    timezone = site.timezone.name
    now = now or site.timezone.now()
    registries = load_registries(content_dir, display_root)
    categories, units = registries.categories, registries.units
    report.problems += registries.problems
    checks = contributed_checks(plugins)
    urls = defaultdict(list)
    folder_files = FolderFiles()

    for rel, verdict in allowlist.walk(content_dir, display_root):
        display = f"{display_root}/{rel}"
        if not verdict.accepted:
            report.kinds[display] = FileKind.REFUSED
            report.problems.append(verdict.problem)
            continue
        path = content_dir / rel
        if verdict.kind is Kind.PROFILE:
            report.kinds[display] = FileKind.REGISTRY
        elif verdict.kind is Kind.EXTRA:
            report.kinds[display] = FileKind.STATIC
        elif verdict.kind in (Kind.PHOTO, Kind.DOCUMENT):
            report.kinds[display] = FileKind.PHOTO if verdict.kind is Kind.PHOTO else FileKind.ATTACHMENT
            report.problems += _placement_problems(content_dir, rel, display)
        elif rel.startswith(f"{UNITS_FOLDER}/") and _stray_in_folder(rel):
            report.kinds[display] = FileKind.REJECTED
            report.problems.append(Problem(
                display, None, "tệp", "Thư mục của một bài chỉ chứa một bài viết, tên index.md.",
                f"Tạo thư mục riêng cho bài này: content/{rel.rsplit('/', 2)[0]}/{path.stem}/index.md."))
        else:  # an article or a page (the allow-list accepts Markdown only under units/ and pages/)
            key = cache.key(path) if cache is not None else None
            hit = cache.get(display, key) if cache is not None else None
            if hit is not None:
                kind, found, url, meta, date = hit
                if kind in (FileKind.ARTICLE, FileKind.SCHEDULED):
                    kind = FileKind.SCHEDULED if date > now else FileKind.ARTICLE
                report.cached += 1
            else:
                kind, found, url, fm, date = _check_markdown(path, rel, display, units, categories, site, now,
                                                             checks, render_bodies, markdown, folder_files)
                meta = fm.meta if fm is not None else None
                if fm is not None:
                    report.front_matter[display] = fm
            if cache is not None:
                cache.put(display, key, (kind, found, url, meta, date))
            if meta is not None:
                report.meta[display] = meta
            report.kinds[display] = kind
            report.problems += found
            if url:
                urls[url].append(display)

    for url, paths in sorted(urls.items()):
        if len(paths) > 1:
            for display in paths[1:]:
                report.kinds[display] = FileKind.REJECTED  # a preview keeps the first one only
            for display in paths:
                others = ", ".join(p for p in paths if p != display)
                report.problems.append(Problem(
                    display, None, "slug", f"Bài này có cùng địa chỉ /{url} với: {others}.",
                    "Đổi tên tệp (hoặc slug:) của một trong các bài để mỗi bài có địa chỉ riêng."))
    report.hints = kind_hints(published_articles(report, display_root, timezone), units, now, timezone, display_root,
                              plan=site.plan)
    return report


def _stray_in_folder(rel: str) -> bool:
    """A Markdown file inside an article folder that is not its index.md."""
    folder = article_folder_of(rel)
    return folder is not None and not article_place(rel).is_folder


def _placement_problems(content_dir: Path, rel: str, display: str) -> list[Problem]:
    """A photo or document of the units must sit in an article folder that has its index.md."""
    parts = rel.split("/")
    name = parts[-1]
    if parts[0] != UNITS_FOLDER or len(parts) == 3:  # pages/..., or a unit's own logo
        return []
    folder = article_folder_of(rel)
    if folder is None:
        year_folder = "/".join(parts[:-1])
        return [Problem(display, None, "tệp", f"Tệp {name!r} không nằm trong thư mục của một bài: hai bài "
                        "cùng năm dùng cùng tên tệp sẽ ghi đè ảnh/tài liệu của nhau.",
                        f"Mỗi bài có ảnh hay tài liệu là một thư mục: chuyển bài thành content/{year_folder}/"
                        "<tên-bài>/index.md và đặt tệp này vào cùng thư mục đó.")]
    if not any(is_article_index(p.name) for p in (content_dir / folder).iterdir()):
        return [Problem(display, None, "tệp", f"Thư mục content/{folder}/ không có bài viết index.md nên "
                        f"{name!r} sẽ không được đăng.", f"Thêm bài viết content/{folder}/index.md, "
                        "hoặc xóa thư mục nếu không cần.")]
    return []


def _check_markdown(path, rel, display, units, categories, site, now, checks=(), render_bodies=True, markdown=None,
                    folder_files=None):
    """(kind, problems, url key or None, front matter or None, the article's date or None) for one
    Markdown file: all but the front matter is what CheckCache keeps. ``folder_files``: the pass's
    FolderFiles (a new one when checking one file)."""
    folder_files = folder_files or FolderFiles()
    timezone = site.timezone.name
    try:
        text = read_source(path)  # no link followed, at most an article's size (allowlist)
    except allowlist.Refused as exc:
        return FileKind.REFUSED, [Problem(display, None, exc.what, exc.message, exc.fix)], None, None, None
    except UnicodeDecodeError:
        return FileKind.REJECTED, [Problem(display, None, "encoding", "Tệp không phải mã UTF-8 (có thể lưu bằng Word/ANSI).",
                               "Mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8.")], None, None, None
    try:
        fm = split_front_matter(text)
    except FrontMatterError as exc:
        return FileKind.REJECTED, [Problem(display, exc.line, "front matter", exc.message, exc.fix)], None, None, None
    if rel.startswith("pages/"):
        page_meta, problems = check_page(fm, display)
        if "title" not in page_meta:
            return FileKind.REJECTED, problems, None, fm, None
        problems += run_checks(checks, CheckedFile(fm, path, display, markdown, render_bodies, site))
        problems += link_problems(fm, display, folder_files(path.parent, path))
        return FileKind.PAGE, problems, "page:" + _slug_for(path, fm.meta), fm, None
    unit, year = article_location(rel)
    facts, problems = check_article(fm, display, unit, year, units, categories, timezone,
                                    files=folder_files(path.parent, path))
    if article_place(rel).is_folder and fm.meta.get("slug") not in (None, "", path.parent.name):
        problems.append(Problem(display, fm.lines.get("slug"), "slug",
                                f"slug: {fm.meta['slug']!r} khác tên thư mục của bài ({path.parent.name!r}).",
                                "Xóa dòng slug: (địa chỉ bài lấy theo tên thư mục), hoặc đổi tên thư mục."))
    problems += run_checks(checks, CheckedFile(fm, path, display, markdown, render_bodies, site))  # the plugins' checks
    if not is_buildable(facts, units):
        return FileKind.REJECTED, problems, None, fm, None
    if facts.status == "draft":
        kind = FileKind.DRAFT
    elif facts.status == "hidden":
        kind = FileKind.HIDDEN  # built at its URL, never listed, fed or counted
    elif facts.date > now:
        kind = FileKind.SCHEDULED
    else:
        kind = FileKind.ARTICLE
    url = site.urls.article_url(facts.unit, facts.date.astimezone(site.timezone.zone()), _slug_for(path, fm.meta))
    return kind, problems, url, fm, facts.date


def check_file(content_dir: Path, path: Path, now: dt.datetime | None = None, display_root: str = "content",
               plugins=(), markdown: dict | None = None, site: SiteSettings | None = None) -> tuple[str, list, object]:
    """(kind, problems, front matter) of one Markdown file, as check_site sees it (``plugins``: PLUGINS).

    For the live preview, which re-checks only the file just saved; the whole-tree checks (two
    articles with one URL, stray files) run in every full build and in `invoke check`.
    """
    content_dir, path = Path(content_dir), Path(path)
    site = site or build_site_settings({})
    registries = load_registries(content_dir, display_root)
    categories, units = registries.categories, registries.units
    rel = path.relative_to(content_dir).as_posix()
    kind, problems, _url, fm, _date = _check_markdown(path, rel, f"{display_root}/{rel}", units, categories, site,
                                                      now or site.timezone.now(), contributed_checks(plugins),
                                                      markdown=markdown)
    return kind, problems, fm
