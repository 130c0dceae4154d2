"""Share links (``url|share_url("zalo")``) from the ``CDCT_SHARE_URLS`` templates."""

from __future__ import annotations

import html
from urllib.parse import quote

SHARE_URL_DEFAULTS = {
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "zalo": "https://sp.zalo.me/share?url={url}",
}


def share_settings(given) -> dict:
    """``CDCT_SHARE_URLS`` over the defaults; a template without ``{url}`` stops the build (ValueError)."""
    given = given or {}
    if not isinstance(given, dict):
        raise ValueError(f"CDCT_SHARE_URLS must be a dict, got {type(given).__name__}")
    templates = {**SHARE_URL_DEFAULTS, **given}
    for network, template in templates.items():
        if "{url}" not in template:
            raise ValueError(f"CDCT_SHARE_URLS[{network!r}] must contain {{url}}")
    return templates


def share_url(url: str, network: str, templates: dict | None = None, title: str = "") -> str:
    templates = templates or SHARE_URL_DEFAULTS
    try:
        template = templates[network]
    except KeyError:
        raise ValueError(f"CDCT_SHARE_URLS has no network {network!r}") from None
    return template.format(url=quote(url, safe=""), title=quote(html.unescape(str(title or "")), safe=""))
