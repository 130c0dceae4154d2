"""Units: each subordinate union gets its sub-section, and /don-vi/ lists them all.

Settings read: PATH, UNIT_URL, UNIT_SAVE_AS, UNITS_INDEX_URL and UNITS_INDEX_SAVE_AS (their one home:
site_core.engine_settings), DEFAULT_PAGINATION.
Adds to the context: ``units`` (ordered by level, then name), ``units_by_level``
(``[(level, level_name, [Unit])]``) and ``unit_registry`` (slug → Unit). Each Unit gets
``articles`` (its published articles, newest first), ``parent`` and ``children`` as Units.
Writes ``unit.html`` for every unit (paginated like a category, even with no article) and
``units.html`` once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from site_core.registries import load_registries
from site_core.units import Unit, branch, load_units

logger = logging.getLogger(__name__)

__all__ = ["Unit", "UnitsGenerator", "load_units", "branch", "register"]

def build_units(records: dict, articles: list, settings: dict) -> dict:
    """Units linked into a tree, each with its published articles newest first (pure)."""
    units = {slug: Unit(record, settings) for slug, record in records.items()}
    for unit in units.values():
        if unit.record.parent in units:
            unit.parent = units[unit.record.parent]
            unit.parent.children.append(unit)
    for article in articles:
        unit = units.get(getattr(getattr(article, "unit", None), "slug", None))
        if unit is not None:
            article.unit = unit  # one shared object per unit, so unit.articles is the same everywhere
            unit.articles.append(article)
    for unit in units.values():
        unit.articles.sort(key=lambda a: a.date, reverse=True)
        unit.children.sort(key=lambda u: u.name)
    return units


def order_units(units: dict) -> list:
    return sorted(units.values(), key=lambda u: (u.level_rank, u.name))


def group_by_level(ordered: list, levels: dict) -> list:
    """(level slug, level name, units) for each level that has units, highest first."""
    return [(level, name, [u for u in ordered if u.level == level])
            for level, name in levels.items() if any(u.level == level for u in ordered)]


def link_units(generator):
    """After the articles are read: build the units and share them through the context."""
    registries = load_registries(Path(generator.settings["PATH"]))
    units = build_units(registries.units, generator.articles, generator.settings)
    # Drafts keep a unit too; point them at the shared objects without listing them.
    for article in generator.drafts + getattr(generator, "hidden_articles", []):
        if getattr(article, "unit", None) is not None and article.unit.slug in units:
            article.unit = units[article.unit.slug]
    ordered = order_units(units)
    generator.context["units"] = ordered
    generator.context["units_by_level"] = group_by_level(ordered, registries.levels)
    generator.context["unit_registry"] = units


class UnitsGenerator(Generator):
    """Writes the units index and each unit's sub-section."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        units = self.context.get("units", [])
        write = writer.write_file
        template_unit = self.get_template("unit")
        for unit in units:
            write(unit.save_as, template_unit, self.context, unit=unit, articles=unit.articles,
                  dates=unit.articles, paginated={"articles": unit.articles, "dates": unit.articles},
                  template_name="unit", page_name=unit.page_name, url=unit.url,
                  relative_urls=self.settings["RELATIVE_URLS"])
        write(self.settings["UNITS_INDEX_SAVE_AS"], self.get_template("units"), self.context,
              units=units, template_name="units", url=self.settings["UNITS_INDEX_URL"],
              relative_urls=self.settings["RELATIVE_URLS"])


def get_generators(pelican):
    return UnitsGenerator


def register():
    signals.article_generator_finalized.connect(link_units)
    signals.get_generators.connect(get_generators)
