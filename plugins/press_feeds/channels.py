"""Which articles each feed carries: the whole site, each category of the registry, each unit;
the list of feeds the press page shows, and the press contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .render import FeedSpec
from .rules import join


@dataclass(frozen=True)
class PressFeed:
    """One feed pair as the press page lists it."""

    key: str
    kind: str  # "all", "category", "unit"
    label: str
    title: str
    description: str
    rss_url: str
    atom_url: str
    rss_path: str
    atom_path: str
    count: int


def is_fed(article, now: dt.datetime) -> bool:
    """Only published articles dated up to now (a future date is scheduled, not published)."""
    return getattr(article, "status", "published") == "published" and article.date <= now


def channel_specs(context: dict, settings: dict, siteurl: str) -> list[tuple[FeedSpec, list]]:
    """Every channel with its articles: the whole site, each category of the registry, each unit."""
    site = settings.get("SITENAME", "")
    now = dt.datetime.now(dt.timezone.utc)
    articles = [a for a in context.get("articles", []) if is_fed(a, now)]

    def titled(name):  # the industry union's own feed is named after the site: say it once
        return name if name.strip() == site.strip() else f"{name} – {site}"

    def spec(key, label, title, description, page, rss, atom):
        return FeedSpec(key, title, description, join(siteurl, page), join(siteurl, rss), join(siteurl, atom),
                        rss, atom, label)

    words = settings["PRESS_FEEDS_TEXTS"]
    specs = [(spec("all", words["all_label"], words["all_title"].format(site=site),
                   words["all_description"].format(site=site), "",
                   settings["PRESS_FEEDS_ALL_RSS"], settings["PRESS_FEEDS_ALL_ATOM"]), articles)]
    categories = context.get("CATEGORY_REGISTRY") or [c for c, _ in context.get("categories", [])]
    for cat in categories:
        specs.append((spec(f"category:{cat.slug}", cat.name, titled(cat.name),
                           getattr(cat, "description", "") or words["category_description"].format(name=cat.name, site=site),
                           cat.url, settings["PRESS_FEEDS_CATEGORY_RSS"].format(slug=cat.slug),
                           settings["PRESS_FEEDS_CATEGORY_ATOM"].format(slug=cat.slug)),
                      [a for a in articles if getattr(a.category, "slug", None) == cat.slug]))
    for unit in context.get("units", []):
        specs.append((spec(f"unit:{unit.slug}", unit.name, titled(unit.name),
                           words["unit_description"].format(name=unit.name, site=site), unit.url,
                           settings["PRESS_FEEDS_UNIT_RSS"].format(slug=unit.slug),
                           settings["PRESS_FEEDS_UNIT_ATOM"].format(slug=unit.slug)),
                      [a for a in articles if getattr(getattr(a, "unit", None), "slug", None) == unit.slug]))
    return specs


def press_feeds(specs: list[tuple[FeedSpec, list]], max_items: int) -> list[PressFeed]:
    """The feeds as the press page lists them, each with the number of items it carries."""
    return [PressFeed(s.key, s.key.split(":")[0], s.label, s.title, s.description, s.rss_url, s.atom_url,
                      s.rss_save_as, s.atom_save_as, min(len(arts), max_items)) for s, arts in specs]


def press_contact(context: dict, settings: dict) -> dict:
    given = settings.get("PRESS_FEEDS_CONTACT")
    if given:
        return dict(given)
    for unit in context.get("units", []):
        if unit.level_rank == 0:  # the site's top unit
            return {"name": unit.name, "email": unit.email, "phone": unit.phone, "address": unit.address}
    return {}


def newest_first(articles: list) -> list:
    """The order render_capped keeps items in (date, then URL, newest first)."""
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)
