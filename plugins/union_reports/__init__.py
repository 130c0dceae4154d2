"""union_reports: counts of published articles per unit × category × kind for a half-year or a year,
rolled up the unit tree, with the plan's yearly targets (DESIGN.md "Reports", the plan's section I.2).

The counting runs inside the site build, on the very articles Pelican publishes (drafts, hidden and
future-dated articles are already set apart by Pelican and content_model), so a report can never
disagree with the site. ``invoke report`` runs such a build into a temporary folder
(``python -m union_reports``) and prints the table.

Settings read (defaults and validation in settings.py, checked on ``initialized``):

``REPORTS_PERIOD``
    None (default: no report), ``"2024-H1"``, ``"2024-H2"``, ``"2024"`` or ``"current"`` (the current
    half-year in Vietnam time). A bad value stops the build with a ValueError naming the setting.
``REPORTS_PATH``
    folder for the files (default ``"reports"``, relative to the working directory; gitignored):
    ``bao-cao-<period>.csv``, ``-chi-tiet.csv``, ``.xlsx``, ``.docx``, ``.json``, ``.html``.
``REPORTS_PUBLISH``
    False (default). True also writes the HTML page into the site at ``REPORTS_SAVE_AS``
    (default ``bao-cao/{slug}/index.html``, URL ``REPORTS_URL`` ``bao-cao/{slug}/``).
``REPORTS_SUPERIOR``, ``REPORTS_ISSUER``, ``REPORTS_SYMBOL``, ``REPORTS_NUMBER``, ``REPORTS_PLACE``,
``REPORTS_SUBJECT``, ``REPORTS_SIGNER``, ``REPORTS_RECIPIENTS``
    the letterhead, subject, signature block and addressees of the DOCX (document.py), laid out per
    Decree 30/2020/NĐ-CP.
Also PATH, TIMEZONE, SITENAME.

Adds to the build's state ``site_core.state.build_state(settings).report`` (the report dict, see
counting.build_report; for ReportGenerator and the command line; ``.report_files`` the files written).
Not to the generators' context: the report holds the time it was generated, and every article page
is digested from that context (up_to_date.pages), so every warm build rendered every page again.
Template: ``report.html`` (context ``report``, ``report_standalone``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from site_core.identity import identity_css
from site_core.registries import load_registries
from site_core.settings import site_settings
from site_core.state import build_state, start_build

from .charts import chart_style
from .counting import Item, build_report
from .outputs import file_stem, write_files
from site_core.periods import Period, PeriodError, parse_period
from .settings import report_settings

logger = logging.getLogger(__name__)

__all__ = ["Item", "Period", "PeriodError", "build_report", "parse_period", "register"]

# Theme stylesheets inlined into the stand-alone HTML file (it is opened from disk or attached to mail).
STANDALONE_CSS = ("css/cdct.css", "css/report.css")  # after the identity colours (site_core.identity)
STANDALONE_PRINT_CSS = "css/print.css"
# The stand-alone file has no script and carries its styles inline: a policy that allows only that.
STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'"


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


def validate_settings(pelican):
    """On initialized: every REPORTS_* setting checked before anything is read (settings.py)."""
    start_build(pelican)  # a fresh state: no report until this build counts one
    report_settings(pelican.settings)
    site_settings(pelican.settings)  # a wrong PLAN_TARGETS (or TIMEZONE) stops the build here, in one Vietnamese line


def count_articles(generator):
    """On article_generator_finalized: the report for REPORTS_PERIOD from the published articles."""
    settings = generator.settings
    period = report_settings(settings).period
    if period is None:
        return
    content = Path(settings["PATH"])
    registries = load_registries(content)
    units, categories = registries.units, registries.categories
    site = site_settings(settings)
    plan = site.plan
    if plan.level not in registries.levels:
        logger.warning("[reports] PLAN_TARGETS['level'] %r không phải một cấp trong levels.yml (%s): chỉ tiêu 2.2 "
                       "không áp dụng cho đơn vị nào.", plan.level, ", ".join(registries.levels))
    report = build_report(period, items_from_articles(generator.articles), units, categories, site.timezone.name,
                          plan=plan, levels=registries.levels)
    build_state(settings).report = report


class ReportGenerator(Generator):
    """Writes the report files to REPORTS_PATH and, if REPORTS_PUBLISH, the page into the site."""

    def generate_context(self):
        pass

    def _inline_css(self) -> str:
        static = Path(self.theme) / "static"
        parts = [identity_css(self.settings)]
        parts += [(static / rel).read_text(encoding="utf-8") for rel in STANDALONE_CSS if (static / rel).is_file()]
        if (static / STANDALONE_PRINT_CSS).is_file():  # printed from the browser as the site prints
            parts.append("@media print {\n" + (static / STANDALONE_PRINT_CSS).read_text(encoding="utf-8") + "\n}")
        return "\n".join(parts)

    def generate_output(self, writer):
        report = build_state(self.settings).report
        if report is None:
            return
        if report["organisation"]["total"] == 0:
            logger.warning("[reports] Không có bài viết nào đã đăng trong %s: không ghi tệp báo cáo.",
                           report["period"]["label"])
            return
        config = report_settings(self.settings)
        template = self.get_template("report")
        slug = report["period"]["id"].lower()
        html = template.render({**self.context, "report": report, "report_standalone": True,
                                "report_inline_css": self._inline_css(), "page_kind": "report",
                                "CSP_POLICY": STANDALONE_CSP if self.settings.get("CSP_POLICY") else None,
                                "output_file": f"{file_stem(report)}.html"})
        folder = Path(config.path).resolve()
        written = write_files(report, folder, html, config.letterhead, chart_style(Path(self.theme), self.settings))
        build_state(self.settings).report_files = written
        logger.info("[reports] %s: %d bài; đã ghi %s", report["period"]["label"],
                    report["organisation"]["total"], folder)
        if config.publish:
            writer.write_file(config.save_as.format(slug=slug), template, self.context,
                              report=report, report_standalone=False, page_kind="report",
                              url=config.url.format(slug=slug), relative_urls=self.settings["RELATIVE_URLS"])


def get_generators(pelican):
    return ReportGenerator


def register():
    signals.initialized.connect(validate_settings)
    signals.article_generator_finalized.connect(count_articles)
    signals.get_generators.connect(get_generators)
