"""The site's identity: ``CDCT_IDENTITY`` over its defaults, and ``theme/identity/identity.css``
written from ``IDENTITY_COLORS`` (site_core.identity), so the colours have one source."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator
from site_core.identity import identity_css

logger = logging.getLogger(__name__)

IDENTITY_DEFAULTS = {
    "name": "",  # SITENAME when not given
    "short_name": "",
    "parent_name": "Công đoàn Việt Nam",
    "slogan": "Tổ chức của người lao động, do người lao động và vì người lao động",
    "logo": "theme/identity/logo.svg",
    "logo_png": "theme/identity/logo-512.png",
    "song_title": "Bài ca Công đoàn Việt Nam",
    "song_audio": None,
    "copyright": "",  # the name when not given
}


def identity_settings(given, sitename: str) -> tuple[dict, list[str]]:
    """(``CDCT_IDENTITY`` over the defaults, the unknown keys left out); not a dict: ValueError."""
    given = given or {}
    if not isinstance(given, dict):
        raise ValueError(f"CDCT_IDENTITY must be a dict, got {type(given).__name__}")
    unknown = sorted(set(given) - set(IDENTITY_DEFAULTS))
    identity = {**IDENTITY_DEFAULTS, **{k: v for k, v in given.items() if k not in unknown}}
    identity["name"] = identity["name"] or sitename or ""
    identity["copyright"] = identity["copyright"] or identity["name"]
    return identity, unknown


class IdentityCssGenerator(Generator):
    """Writes ``<THEME_STATIC_DIR>/identity/identity.css`` from IDENTITY_COLORS, so the colours have one
    source (the setting) and a second union changes them without a CSS file of its own."""

    RELATIVE = os.path.join("identity", "identity.css")

    def generate_output(self, writer):
        for folder in self.settings.get("THEME_STATIC_PATHS", []):
            if os.path.isfile(os.path.join(self.theme, folder, self.RELATIVE)):
                # The static copy runs after this generator and would replace the generated file.
                logger.warning("[theme_helpers] %s: identity.css is written from IDENTITY_COLORS; remove "
                               "this file and set the colours in pelicanconf.py", os.path.join(folder, self.RELATIVE))
        path = os.path.join(self.output_path, self.settings.get("THEME_STATIC_DIR", "theme"), self.RELATIVE)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(identity_css(self.settings))
