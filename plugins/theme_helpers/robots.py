"""robots.txt at the output root, listing sitemap.xml when pelican-sitemap writes one."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

logger = logging.getLogger(__name__)


def robots_txt(siteurl: str, sitemap: bool) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap and siteurl.startswith(("http://", "https://")):
        lines += ["", f"Sitemap: {siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def extra_robots_txt(settings: dict) -> bool:
    """Whether content/extra gives a robots.txt of its own (through EXTRA_PATH_METADATA)."""
    extra = settings.get("EXTRA_PATH_METADATA") or {}
    content = settings.get("PATH", "")
    return any((meta or {}).get("path") == "robots.txt" and os.path.exists(os.path.join(content, src))
               for src, meta in extra.items())


def has_sitemap(settings: dict) -> bool:
    return "pelican.plugins.sitemap" in [p if isinstance(p, str) else getattr(p, "__name__", "")
                                         for p in settings["PLUGINS"]]


class RobotsGenerator(Generator):
    """Writes robots.txt at the output root (Pelican's writer keeps overwrite detection)."""

    def generate_output(self, writer):
        if not self.settings.get("CDCT_ROBOTS_TXT", True):
            return
        if extra_robots_txt(self.settings):
            # The static copy runs after this generator and would replace our file.
            logger.warning("[theme_helpers] content/extra robots.txt is used; its Sitemap line must "
                           "be an absolute URL (set CDCT_ROBOTS_TXT = False to silence this)")
            return
        path = os.path.join(self.output_path, "robots.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(robots_txt(self.settings.get("SITEURL", ""), has_sitemap(self.settings)))
        logger.info("[theme_helpers] wrote %s", path)
