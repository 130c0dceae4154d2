"""Press feeds: full-content RSS 2.0 and Atom, built with feedgen, that partners republish from.

Writes, for the whole site, each unit and each category (Pelican's own feeds stay off):

    feeds/tat-ca.rss.xml, feeds/tat-ca.atom.xml
    don-vi/<unit>/rss.xml, don-vi/<unit>/atom.xml
    chuyen-muc/<slug>/rss.xml, chuyen-muc/<slug>/atom.xml

Each item carries the full content (``content:encoded`` / Atom ``content``) with every URL made
absolute, the lead photo (figure in the content, ``media:content`` with its size, an enclosure),
``dc:creator``, the category, the unit and the tags, and a source line crediting the unit and the
site; a republished piece (``source``/``source_url``) credits its original too. Only published
articles are fed (drafts, hidden and future-dated articles never are), newest first, capped in items
and bytes. Every date comes from the content, so two builds of the same content give the same bytes.

Settings read (defaults set on ``initialized``):

``PRESS_FEEDS_SITEURL``     absolute URL the feeds use; default: SITEURL when it is absolute, else
                            ``http://127.0.0.1:8000`` (what ``invoke serve`` serves), so a preview build
                            writes feeds that work in a local reader.
``PRESS_FEEDS_ALL_RSS`` / ``_ALL_ATOM``             ``feeds/tat-ca.rss.xml`` / ``feeds/tat-ca.atom.xml``
``PRESS_FEEDS_UNIT_RSS`` / ``_UNIT_ATOM``           ``don-vi/{slug}/rss.xml`` / ``atom.xml``
``PRESS_FEEDS_CATEGORY_RSS`` / ``_CATEGORY_ATOM``   ``chuyen-muc/{slug}/rss.xml`` / ``atom.xml``
``PRESS_FEEDS_MAX_ITEMS``   50; ``PRESS_FEEDS_MAX_BYTES`` 2 000 000 (Google News' limit is 2 MB)
``PRESS_FEEDS_HUB``         a WebSub hub URL (adds ``rel="hub"``; ``ping_hub`` notifies it), or None
``PRESS_FEEDS_TERMS``       the republishing terms (Vietnamese), in every feed's copyright
``PRESS_FEEDS_LOGO``        channel image, a path under the output root; default CDCT_IDENTITY's
                            ``logo_png`` (RSS wants PNG/JPEG/GIF, not SVG)
``PRESS_FEEDS_CONTACT``     dict ``name``, ``email``, ``phone``, ``address`` for the press page;
                            default: the profile of the industry-level unit (level ``cap-nganh``)

Context added (for ``press.html``): ``press_feeds`` — a list of ``PressFeed`` (``kind`` "all",
"category" or "unit", ``label``, ``title``, ``description``, ``rss_url``, ``atom_url`` absolute,
``rss_path``/``atom_path`` site-relative, ``count`` items); ``press_feeds_by_key`` (``"all"``,
``"unit:<slug>"``, ``"category:<slug>"`` → PressFeed); ``PRESS_FEEDS_TERMS``; ``press_contact``.

Modules: ``rules`` (the settings and their checks, the feeds' base URL, the channel configuration),
``channels`` (which articles each feed carries, the press page's list), ``items`` (an article as a
feed item), ``writing`` (the items rendered and written), ``render`` (feedgen, absolute URLs, no
Pelican), ``websub`` (the hub ping). This module holds the Pelican handlers and the generator.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from .channels import channel_specs, press_contact, press_feeds
from .rules import DEV_SITEURL, feed_settings, feed_siteurl, links_to_dev_server
from .websub import feed_urls_in, ping_hub
from .writing import write_feeds

logger = logging.getLogger(__name__)

__all__ = ["register", "ping_hub", "feed_urls_in"]


def apply_defaults(pelican):
    settings = pelican.settings
    settings.update(feed_settings(settings))
    if links_to_dev_server(settings):
        logger.info("[press_feeds] SITEURL is not absolute: feeds link to %s (set PRESS_FEEDS_SITEURL "
                    "or build with publishconf.py for the public URL)", DEV_SITEURL)


class PressFeedsGenerator(Generator):
    """Lists the feeds in the context (before pages are written) and writes them last."""

    def generate_context(self):
        specs = channel_specs(self.context, self.settings, feed_siteurl(self.settings))
        feeds = press_feeds(specs, self.settings["PRESS_FEEDS_MAX_ITEMS"])
        self.context["press_feeds"] = feeds
        self.context["press_feeds_by_key"] = {f.key: f for f in feeds}
        self.context["PRESS_FEEDS_TERMS"] = self.settings["PRESS_FEEDS_TERMS"]
        self.context["press_contact"] = press_contact(self.context, self.settings)

    def generate_output(self, writer):
        self.write_feeds()

    def write_feeds(self, keys: set | None = None) -> list[str]:
        """Write every feed, or those whose key is in ``keys`` (the live preview's call)."""
        return write_feeds(self.context, self.settings, self.output_path, keys)


def get_generators(pelican):
    return PressFeedsGenerator


def register():
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
