"""The feeds' rules: their settings (paths, limits, terms, hub) with defaults and checks, the absolute
base URL every link uses, and the channel configuration render.py needs."""

from __future__ import annotations

import datetime as dt

from site_core.settings import DEV_SITEURL

from .render import SOURCE_WORDS, ChannelConfig

DEFAULT_TERMS = (
    "Cơ quan báo chí, trang thông tin điện tử được đăng lại toàn văn hoặc trích đăng tin bài, ảnh trong "
    "nguồn tin này, với điều kiện: ghi rõ nguồn (tên công đoàn đăng bài và “{site}”) "
    "kèm liên kết về bài gốc; giữ nguyên tên tác giả và tên người chụp ảnh; không sửa nội dung làm sai "
    "lệch ý nghĩa. Bài ghi “Bài đăng lại từ” thuộc bản quyền của nguồn gốc đó: xin liên hệ nguồn gốc."
)
# The words the feeds carry besides the articles ({site}: SITENAME, {name}: the category's or unit's),
# in the build's language: a language section (site_i18n) sets its own PRESS_FEEDS_TEXTS.
DEFAULT_TEXTS = {
    "all_label": "Tất cả tin bài",
    "all_title": "{site} – Tất cả tin bài",
    "all_description": "Toàn bộ tin bài mới nhất của {site} và các công đoàn trực thuộc.",
    "category_description": "Tin bài chuyên mục {name} của {site}.",
    "unit_description": "Tin bài của {name} trên trang {site}.",
    **SOURCE_WORDS,  # the credit line's words and the photo credit's, beside the renderer that uses them
}

DEFAULTS = {
    "PRESS_FEEDS_SITEURL": None,
    "PRESS_FEEDS_ALL_RSS": "feeds/tat-ca.rss.xml",
    "PRESS_FEEDS_ALL_ATOM": "feeds/tat-ca.atom.xml",
    "PRESS_FEEDS_UNIT_RSS": "don-vi/{slug}/rss.xml",
    "PRESS_FEEDS_UNIT_ATOM": "don-vi/{slug}/atom.xml",
    "PRESS_FEEDS_CATEGORY_RSS": "chuyen-muc/{slug}/rss.xml",
    "PRESS_FEEDS_CATEGORY_ATOM": "chuyen-muc/{slug}/atom.xml",
    "PRESS_FEEDS_MAX_ITEMS": 50,
    "PRESS_FEEDS_MAX_BYTES": 2_000_000,
    "PRESS_FEEDS_HUB": None,
    "PRESS_FEEDS_TERMS": DEFAULT_TERMS,
    "PRESS_FEEDS_TEXTS": DEFAULT_TEXTS,
    "PRESS_FEEDS_LOGO": None,
    "PRESS_FEEDS_CONTACT": None,
}


def _is_http(value) -> bool:
    return str(value or "").startswith(("http://", "https://"))


def feed_settings(settings: dict) -> dict:
    """The ``PRESS_FEEDS_*`` settings over DEFAULTS, checked: a wrong value raises ValueError naming it."""
    values = {key: default if settings.get(key) is None else settings[key] for key, default in DEFAULTS.items()}
    # The terms name the site that publishes the feeds ({site}: SITENAME).
    values["PRESS_FEEDS_TERMS"] = values["PRESS_FEEDS_TERMS"].replace("{site}", settings.get("SITENAME") or "")
    texts = values["PRESS_FEEDS_TEXTS"]
    if not isinstance(texts, dict) or set(texts) - set(DEFAULT_TEXTS):
        raise ValueError(f"PRESS_FEEDS_TEXTS must be a dict with keys among {sorted(DEFAULT_TEXTS)}, not {texts!r}")
    values["PRESS_FEEDS_TEXTS"] = {**DEFAULT_TEXTS, **texts}  # a site may change some words only
    for key in ("PRESS_FEEDS_MAX_ITEMS", "PRESS_FEEDS_MAX_BYTES"):
        if not isinstance(values[key], int) or isinstance(values[key], bool) or values[key] < 1:
            raise ValueError(f"{key} must be a positive integer, not {values[key]!r}")
    hub = values["PRESS_FEEDS_HUB"]
    if hub and not _is_http(hub):
        raise ValueError(f"PRESS_FEEDS_HUB must be an http(s) URL, not {hub!r}")
    given = values["PRESS_FEEDS_SITEURL"]
    if given and not _is_http(given):
        raise ValueError(f"PRESS_FEEDS_SITEURL must be an absolute http(s) URL, not {given!r}")
    return values


def links_to_dev_server(settings: dict) -> bool:
    """Whether the feeds fall back to DEV_SITEURL (no absolute PRESS_FEEDS_SITEURL or SITEURL)."""
    return not _is_http(settings.get("PRESS_FEEDS_SITEURL")) and not _is_http(settings.get("SITEURL"))


def feed_siteurl(settings: dict) -> str:
    """The absolute base URL of every link in the feeds (no trailing slash)."""
    given = settings.get("PRESS_FEEDS_SITEURL") or settings.get("SITEURL") or ""
    if _is_http(given):
        return given.rstrip("/")
    return DEV_SITEURL


def join(siteurl: str, path: str) -> str:
    if _is_http(path):
        return path
    return f"{siteurl}/{path.lstrip('/')}"


def logo_path(settings: dict) -> str:
    identity = settings.get("CDCT_IDENTITY") or {}
    return settings.get("PRESS_FEEDS_LOGO") or identity.get("logo_png") or "theme/identity/logo-512.png"


def channel_config(settings: dict, siteurl: str, newest: dt.datetime | None) -> ChannelConfig:
    identity = settings.get("CDCT_IDENTITY") or {}
    return ChannelConfig(
        site_name=settings.get("SITENAME", ""),
        site_url=siteurl + "/",
        copyright_holder=identity.get("copyright") or settings.get("SITENAME", ""),
        terms=settings["PRESS_FEEDS_TERMS"],
        logo_url=join(siteurl, logo_path(settings)),
        hub=settings.get("PRESS_FEEDS_HUB") or "",
        max_items=settings["PRESS_FEEDS_MAX_ITEMS"],
        max_bytes=settings["PRESS_FEEDS_MAX_BYTES"],
        fallback_updated=newest,
        language=settings.get("DEFAULT_LANG") or "vi",  # "en" in the English section (site_i18n)
    )
