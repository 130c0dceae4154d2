"""The site's identity colours, from the one setting ``IDENTITY_COLORS`` (defaults in
``site_core.engine_settings``): the theme's identity.css is written from them, and the identity page,
base.html's theme-color, the share cards and the report charts read them through here."""

from __future__ import annotations

import re

from site_core import engine_settings

HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
NAME_RE = re.compile(r"[a-z][a-z0-9-]*")


def _error(name: str, what: str) -> ValueError:
    return ValueError(f"IDENTITY_COLORS[{name!r}]: {what}. Ghi mã màu dạng \"#0a2656\", hoặc "
                      "{\"color\": \"#0a2656\", \"label\": \"Xanh đậm\", \"use\": \"Nền đầu trang\"}.")


def identity_colors(settings: dict) -> dict[str, dict]:
    """Name (the custom property without ``--``) -> {"color": "#rrggbb", "label", "use"}.

    The site's IDENTITY_COLORS over the engine's: a plain string changes only the colour, a dict
    changes what it gives, so a site names only the colours it changes and the theme never lacks one.
    ValueError (Vietnamese, naming the colour) for anything that is not a colour.
    """
    given = settings.get("IDENTITY_COLORS") or {}
    if not isinstance(given, dict):
        raise ValueError("IDENTITY_COLORS: phải là một dict tên màu → mã màu, ví dụ {\"cdct-blue-900\": \"#0a2656\"}.")
    colors = {name: dict(entry) for name, entry in engine_settings.IDENTITY_COLORS.items()}
    for name, entry in given.items():
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise _error(str(name), "tên màu chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
        entry = {"color": entry} if isinstance(entry, str) else entry
        if not isinstance(entry, dict) or not isinstance(entry.get("color"), str):
            raise _error(name, f"{entry!r} không phải mã màu")
        merged = {"label": name, "use": "", **colors.get(name, {}), **entry}
        if not HEX_RE.fullmatch(merged["color"]):
            raise _error(name, f"{merged['color']!r} không phải mã màu")
        colors[name] = merged
    for entry in colors.values():
        entry["color"] = _six_digits(entry["color"])
    return colors


def _six_digits(color: str) -> str:
    color = color.lower()
    return "#" + "".join(c * 2 for c in color[1:]) if len(color) == 4 else color


def identity_rgb(settings: dict, overrides: dict | None = None) -> dict[str, tuple]:
    """Name -> (r, g, b), for Pillow (share cards) and openpyxl (charts); ``overrides`` as PHOTO_VARIANTS_CARD_COLORS."""
    rgb = {name: _rgb(entry["color"]) for name, entry in identity_colors(settings).items()}
    for name, value in (overrides or {}).items():
        rgb[name] = _rgb(_six_digits(value)) if isinstance(value, str) else tuple(value)[:3]
    return rgb


def _rgb(color: str) -> tuple:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def identity_css(settings: dict) -> str:
    """The theme's identity/identity.css: one custom property per colour, written by the build."""
    lines = [f"--{name}:{entry['color']};" for name, entry in identity_colors(settings).items()]
    return ("/* Written by the build from the IDENTITY_COLORS setting (site_core.identity): change the\n"
            "   colours there; this file is replaced on every build. */\n:root{\n" + "\n".join(lines) + "\n}\n")
