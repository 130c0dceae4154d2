"""The site's identity colours: the custom properties of the theme's ``identity.css``, the one source that
the CSS, the share cards and the report charts read."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import ImageColor

DEFAULT_COLORS = {
    "cdct-blue-900": "#0a2656",
    "cdct-blue-700": "#0b3d91",
    "cdct-red-700": "#c8102e",
    "cdct-gold-400": "#ffcd00",
    "cdct-white": "#ffffff",
    "cdct-line": "#c9d1de",
}
CSS_VAR_RE = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\b")


def read_identity_colors(css_path: Path | None, overrides: dict | None = None) -> dict:
    """Colours by custom-property name (without ``--``): defaults, then the CSS file, then overrides."""
    colors = dict(DEFAULT_COLORS)
    if css_path is not None and Path(css_path).is_file():
        colors.update({m.group(1): m.group(2) for m in CSS_VAR_RE.finditer(Path(css_path).read_text("utf-8"))})
    colors.update(overrides or {})
    return {k: ImageColor.getrgb(v) if isinstance(v, str) else tuple(v) for k, v in colors.items()}
