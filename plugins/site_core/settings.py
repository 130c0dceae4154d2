"""Typed settings: what several parts of the engine read, validated once, with one home per default.

``site_settings(pelican_settings) -> SiteSettings`` is built once per settings dict (memoised on the
dict itself) and read by the build's plugins, the checker (``python -m content_check``), the live
preview and the reports alike, so that they never disagree on the time zone, the photo limit or the
embed hosts. ``load_settings(path)`` reads a site's pelicanconf.py for the command-line tools.

A wrong value raises ``SettingsError``: a ``SystemExit`` whose text is one Vietnamese line naming the
setting, the value and the fix, so a build (or ``invoke check``) stops with that line and no
traceback. Pelican-level settings have their one home in ``engine_settings``; the defaults here are
for what a site may leave out, and engine_settings takes its values from these constants.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .plan import PlanTargets, plan_targets

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
# A bigger photo is refused as a decompression bomb (the checker says so; the build does not decode it).
DEFAULT_MAX_PIXELS = 120_000_000
DEFAULT_PHOTO_WIDTHS = (480, 800, 1200)
DEFAULT_WEBP_QUALITY = 75
DEFAULT_JPEG_QUALITY = 80
# Exact host -> path prefix an embed's src must start with (safe_html's sanitiser and the CSP's
# frame-src). The host is compared whole, never as a prefix, so https://www.youtube.com.evil.example/
# embed/x is refused.
DEFAULT_EMBED_HOSTS = MappingProxyType({
    "www.youtube.com": "/embed/",
    "www.youtube-nocookie.com": "/embed/",
    "www.facebook.com": "/plugins/video.php",
})


# Where `invoke serve` serves a preview: the base of what must be absolute in a preview (the feeds).
DEV_SITEURL = "http://127.0.0.1:8000"
# The engine's article URL (engine_settings' ARTICLE_URL), for what reads settings without it.
DEFAULT_ARTICLE_URL = "don-vi/{unit.slug}/{date:%Y}/{slug}/"


class SettingsError(SystemExit):
    """A setting with a value the engine cannot use. A SystemExit, like content_check's strict
    failure, so that Pelican's ``main`` prints this one line and exits 1 without a traceback."""

    def __init__(self, name: str, value, problem: str, fix: str):
        self.name, self.value, self.problem, self.fix = name, value, problem, fix
        super().__init__(f"✗ Cài đặt {name} = {value!r} không hợp lệ: {problem} Cách sửa: {fix}")


@dataclass(frozen=True)
class Paths:
    content: Path  # PATH
    output: Path  # OUTPUT_PATH
    cache: Path  # CACHE_PATH
    units: str  # the folder of the units under content/: the first of ARTICLE_PATHS


@dataclass(frozen=True)
class TimeZone:
    name: str  # TIMEZONE, an IANA name

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.name)

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.zone())


@dataclass(frozen=True)
class Photos:
    widths: tuple[int, ...]  # PHOTO_VARIANTS_WIDTHS, ascending, without duplicates
    max_pixels: int  # PHOTO_VARIANTS_MAX_PIXELS
    webp_quality: int  # PHOTO_VARIANTS_WEBP_QUALITY
    jpeg_quality: int  # PHOTO_VARIANTS_JPEG_QUALITY


@dataclass(frozen=True)
class Check:
    strict: bool  # CONTENT_CHECK_STRICT: any content problem stops the build (publish)


@dataclass(frozen=True)
class Urls:
    article: str  # ARTICLE_URL, e.g. "don-vi/{unit.slug}/{date:%Y}/{slug}/"

    def article_url(self, unit: str, date: dt.datetime, slug: str) -> str:
        """The URL an article of ``unit`` dated ``date`` (in the site's time zone) with ``slug`` gets, as
        Pelican formats ARTICLE_URL: for what knows the article only from its file (the checker)."""
        return self.article.format(unit=SimpleNamespace(slug=unit), date=date, slug=slug)


@dataclass(frozen=True)
class SiteSettings:
    paths: Paths
    timezone: TimeZone
    photos: Photos
    embed_hosts: Mapping[str, str]  # SAFE_HTML_EMBED_HOSTS, read-only
    check: Check
    plan: PlanTargets  # PLAN_TARGETS (site_core.plan): the reports' targets and the checker's hints
    urls: Urls


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _timezone(settings: Mapping) -> TimeZone:
    name = settings.get("TIMEZONE") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError("TIMEZONE", name, "không có múi giờ nào tên như vậy.",
                            f'ghi tên múi giờ IANA, ví dụ TIMEZONE = "{DEFAULT_TIMEZONE}".') from None
    return TimeZone(str(name))


def _photos(settings: Mapping) -> Photos:
    widths = settings.get("PHOTO_VARIANTS_WIDTHS", DEFAULT_PHOTO_WIDTHS)
    if isinstance(widths, (str, bytes)) or not widths or not all(_positive_int(w) for w in widths):
        raise SettingsError("PHOTO_VARIANTS_WIDTHS", widths, "phải là danh sách các bề rộng ảnh (số nguyên dương, điểm ảnh).",
                            f"ví dụ PHOTO_VARIANTS_WIDTHS = {DEFAULT_PHOTO_WIDTHS}.")
    max_pixels = settings.get("PHOTO_VARIANTS_MAX_PIXELS", DEFAULT_MAX_PIXELS)
    if not _positive_int(max_pixels):
        raise SettingsError("PHOTO_VARIANTS_MAX_PIXELS", max_pixels, "phải là một số nguyên dương (số điểm ảnh tối đa của một ảnh).",
                            f"ví dụ PHOTO_VARIANTS_MAX_PIXELS = {DEFAULT_MAX_PIXELS:_}, hoặc xóa dòng này để dùng mặc định.")
    qualities = []
    for name, default in (("PHOTO_VARIANTS_WEBP_QUALITY", DEFAULT_WEBP_QUALITY),
                          ("PHOTO_VARIANTS_JPEG_QUALITY", DEFAULT_JPEG_QUALITY)):
        value = settings.get(name, default)
        if not _positive_int(value) or value > 100:
            raise SettingsError(name, value, "chất lượng nén phải là số nguyên từ 1 đến 100.",
                                f"ví dụ {name} = {default}.")
        qualities.append(value)
    return Photos(tuple(sorted(set(widths))), max_pixels, *qualities)


def _embed_hosts(settings: Mapping) -> Mapping[str, str]:
    hosts = settings.get("SAFE_HTML_EMBED_HOSTS")
    if hosts is None:
        return DEFAULT_EMBED_HOSTS
    if not isinstance(hosts, Mapping) or not all(isinstance(h, str) and h and isinstance(p, str) and p.startswith("/")
                                                 for h, p in hosts.items()):
        raise SettingsError("SAFE_HTML_EMBED_HOSTS", hosts, "mỗi mục phải là tên máy chủ chính xác → đầu đường dẫn bắt đầu bằng /.",
                            'ví dụ SAFE_HTML_EMBED_HOSTS = {"www.youtube.com": "/embed/"}.')
    return MappingProxyType({host.lower(): prefix for host, prefix in hosts.items()})


def _paths(settings: Mapping) -> Paths:
    from .layout import UNITS_FOLDER  # noqa: PLC0415 - the layout pulls in the allow-list; pelicanconf imports this module

    article_paths = settings.get("ARTICLE_PATHS", [UNITS_FOLDER])
    if (isinstance(article_paths, str) or not article_paths or not all(isinstance(p, str) for p in article_paths)
            or article_paths[0].strip("/") != UNITS_FOLDER):
        # The article layout (site_core.layout) reads articles, photos and unit profiles from units/.
        raise SettingsError("ARTICLE_PATHS", article_paths,
                            f"thư mục đầu tiên phải là {UNITS_FOLDER} (content/{UNITS_FOLDER}/<đơn vị>/<năm>/...: bố cục bài viết của engine).",
                            f'ghi ARTICLE_PATHS = ["{UNITS_FOLDER}"], hoặc xóa dòng này để dùng cài đặt chung.')
    return Paths(Path(settings.get("PATH") or "content"), Path(settings.get("OUTPUT_PATH") or "output"),
                 Path(settings.get("CACHE_PATH") or "cache"), article_paths[0].strip("/"))


def _check(settings: Mapping) -> Check:
    strict = settings.get("CONTENT_CHECK_STRICT", False)
    if not isinstance(strict, bool):
        raise SettingsError("CONTENT_CHECK_STRICT", strict, "phải là True hoặc False.",
                            "ghi CONTENT_CHECK_STRICT = True (bản xuất bản dừng khi có lỗi) hoặc False.")
    return Check(strict)


def _plan(settings: Mapping) -> PlanTargets:
    try:
        return plan_targets(settings)
    except ValueError as exc:  # its message names the key and what to write
        raise SettingsError("PLAN_TARGETS", settings.get("PLAN_TARGETS"), str(exc),
                            "sửa khóa được nêu (docs/reports.md, mục chỉ tiêu), hoặc xóa PLAN_TARGETS để dùng chỉ tiêu mặc định.") from None


def build_site_settings(settings: Mapping) -> SiteSettings:
    """SiteSettings from a Pelican settings mapping, validated (pure; ``site_settings`` memoises it)."""
    return SiteSettings(_paths(settings), _timezone(settings), _photos(settings), _embed_hosts(settings),
                        _check(settings), _plan(settings), _urls(settings))


def _urls(settings: Mapping) -> Urls:
    article = settings.get("ARTICLE_URL", DEFAULT_ARTICLE_URL)
    try:
        Urls(article).article_url("don-vi-mau", dt.datetime(2024, 1, 1), "bai-mau")
    except (KeyError, AttributeError, IndexError, ValueError) as exc:
        raise SettingsError("ARTICLE_URL", article, f"chỉ dùng được {{unit.slug}}, {{date:...}} và {{slug}} ({exc}).",
                            'ghi ví dụ ARTICLE_URL = "don-vi/{unit.slug}/{date:%Y}/{slug}/"') from None
    return Urls(article)


class PerSettings:
    """One value per settings dict, for the dicts of the last few builds in this process.

    A dict cannot carry attributes nor be weakly referenced, so the value is keyed by ``id()`` and
    the dict is kept with it, both to check identity (an id is reused once a dict is gone) and so
    that it is not gone while its value is. Only the last ``keep`` are kept: a process builds one
    site at a time (the tests and ``pelican -r`` build many, one after the other).
    """

    def __init__(self, keep: int = 8):
        self._keep = keep
        self._values: dict[int, tuple[object, object]] = {}

    def get(self, settings):
        entry = self._values.get(id(settings))
        return entry[1] if entry is not None and entry[0] is settings else None

    def set(self, settings, value):
        self._values.pop(id(settings), None)
        self._values[id(settings)] = (settings, value)
        while len(self._values) > self._keep:
            del self._values[next(iter(self._values))]  # the oldest (dicts keep insertion order)
        return value


_built = PerSettings()


def site_settings(settings: Mapping) -> SiteSettings:
    """The SiteSettings of this settings dict, built (and validated) on first use, then the same
    object for the rest of the build."""
    return _built.get(settings) or _built.set(settings, build_site_settings(settings))


def load_settings(path: str | os.PathLike | None) -> dict:
    """A site's Pelican settings, read as a build reads them, for the command-line tools; the engine's
    (site_core.engine_settings) when ``path`` is None or no such file exists: a checker run outside a
    site folder must not check less (every plugin's CONTENT_CHECKS run).

    Read from the file's folder: publishconf.py imports pelicanconf from the current folder.
    """
    from pelican.settings import read_settings  # noqa: PLC0415 - the core stays light to import

    if path is None or not Path(path).is_file():
        from . import engine_settings  # noqa: PLC0415 - it imports this module

        return engine_settings.defaults()
    path = Path(path).resolve()
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        return read_settings(str(path))
    finally:
        os.chdir(cwd)
