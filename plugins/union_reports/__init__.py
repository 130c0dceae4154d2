"""union_reports: counts of published articles per unit × category × kind for a half-year or a year,
rolled up the unit tree, with the plan's yearly targets (DESIGN.md "Reports", the plan's section I.2).

The counting runs inside the site build, on the very articles Pelican publishes (drafts, hidden and
future-dated articles are already set apart by Pelican and content_model), so a report can never
disagree with the site. ``invoke report`` runs such a build into a temporary folder
(``python -m union_reports``) and prints the table.

Settings read (defaults set on ``initialized``):

``REPORTS_PERIOD``
    None (default: no report), ``"2024-H1"``, ``"2024-H2"``, ``"2024"`` or ``"current"`` (the current
    half-year in Vietnam time). A bad value stops the build with a ValueError naming the setting.
``REPORTS_PATH``
    folder for the files (default ``"reports"``, relative to the working directory; gitignored):
    ``bao-cao-<period>.csv``, ``-chi-tiet.csv``, ``.xlsx``, ``.json``, ``.html``.
``REPORTS_PUBLISH``
    False (default). True also writes the HTML page into the site at ``REPORTS_SAVE_AS``
    (default ``bao-cao/{slug}/index.html``, URL ``REPORTS_URL`` ``bao-cao/{slug}/``).
Also PATH, TIMEZONE.

Adds to the article generator's context: ``union_report`` (the report dict, see counting.build_report);
and to the settings ``REPORTS_RESULT`` (the same dict, for the command line). Template: ``report.html``
(context ``report``, ``report_standalone``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from site_core.registries import load_registries

from .counting import Item, build_report
from .outputs import file_stem, write_files
from .periods import Period, PeriodError, current_period, parse_period

logger = logging.getLogger(__name__)

__all__ = ["Item", "Period", "PeriodError", "build_report", "parse_period", "register"]

DEFAULTS = {
    "REPORTS_PERIOD": None,
    "REPORTS_PATH": "reports",
    "REPORTS_PUBLISH": False,
    "REPORTS_URL": "bao-cao/{slug}/",
    "REPORTS_SAVE_AS": "bao-cao/{slug}/index.html",
}
# Theme stylesheets inlined into the stand-alone HTML file (it is opened from disk or attached to mail).
STANDALONE_CSS = ("identity/identity.css", "css/cdct.css", "css/report.css")
# The stand-alone file has no script and carries its styles inline: a policy that allows only that.
STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'"


def resolve_period(value, timezone: str) -> Period | None:
    """The Period a REPORTS_PERIOD value names; ValueError naming the setting when it is wrong."""
    if value in (None, "", False):
        return None
    if str(value).strip().lower() in ("current", "hien-tai"):
        return current_period(timezone=timezone)
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValueError(f"REPORTS_PERIOD: {exc}") from None


def items_from_articles(articles) -> list[Item]:
    """Adapt Pelican articles (already published only) to the counting records."""
    items = []
    for article in articles:
        unit = getattr(getattr(article, "unit", None), "slug", None)
        category = getattr(getattr(article, "category", None), "slug", None)
        if unit is None or category is None:
            logger.warning("[reports] %s has no unit or category; not counted", article.source_path)
            continue
        items.append(Item(unit, category, getattr(article, "kind", "tin-bai") or "tin-bai", article.date))
    return items


def set_defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings["REPORTS_RESULT"] = None
    resolve_period(settings["REPORTS_PERIOD"], settings["TIMEZONE"])  # validate early, before reading


def count_articles(generator):
    """On article_generator_finalized: the report for REPORTS_PERIOD from the published articles."""
    settings = generator.settings
    period = resolve_period(settings.get("REPORTS_PERIOD"), settings["TIMEZONE"])
    if period is None:
        return
    content = Path(settings["PATH"])
    registries = load_registries(content)
    units, categories = registries.units, registries.categories
    report = build_report(period, items_from_articles(generator.articles), units, categories, settings["TIMEZONE"])
    generator.context["union_report"] = report
    settings["REPORTS_RESULT"] = report


class ReportGenerator(Generator):
    """Writes the report files to REPORTS_PATH and, if REPORTS_PUBLISH, the page into the site."""

    def generate_context(self):
        pass

    def _inline_css(self) -> str:
        static = Path(self.theme) / "static"
        parts = [(static / rel).read_text(encoding="utf-8") for rel in STANDALONE_CSS if (static / rel).is_file()]
        return "\n".join(parts)

    def generate_output(self, writer):
        report = self.context.get("union_report")
        if report is None:
            return
        if report["organisation"]["total"] == 0:
            logger.warning("[reports] Không có bài viết nào đã đăng trong %s: không ghi tệp báo cáo.",
                           report["period"]["label"])
            return
        template = self.get_template("report")
        slug = report["period"]["id"].lower()
        html = template.render({**self.context, "report": report, "report_standalone": True,
                                "report_inline_css": self._inline_css(), "page_kind": "report",
                                "CSP_POLICY": STANDALONE_CSP if self.settings.get("CSP_POLICY") else None,
                                "output_file": f"{file_stem(report)}.html"})
        folder = Path(self.settings["REPORTS_PATH"]).resolve()
        written = write_files(report, folder, html)
        self.settings["REPORTS_FILES"] = written
        logger.info("[reports] %s: %d bài; đã ghi %s", report["period"]["label"],
                    report["organisation"]["total"], folder)
        if self.settings.get("REPORTS_PUBLISH"):
            writer.write_file(self.settings["REPORTS_SAVE_AS"].format(slug=slug), template, self.context,
                              report=report, report_standalone=False, page_kind="report",
                              url=self.settings["REPORTS_URL"].format(slug=slug),
                              relative_urls=self.settings["RELATIVE_URLS"])


def get_generators(pelican):
    return ReportGenerator


def register():
    signals.initialized.connect(set_defaults)
    signals.article_generator_finalized.connect(count_articles)
    signals.get_generators.connect(get_generators)
