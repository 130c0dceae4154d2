"""Hints: not problems (nothing is wrong with any file, a publish build goes on), but what a unit will
want to know before its report goes upward.

``kind_hints`` is pure. Target 2.2 of the plan counts an upper-level union's articles of two kinds
(``kind: tai-lieu-dinh-huong`` and ``kind: hoat-dong-truc-tiep``) over the year; a union that
publishes but never writes ``kind:`` shows "Chưa đạt 0/2" in the report although it did the work.
So when such a union has published this half-year and the year's count of a target kind is still
short, the checker says so and shows how to mark an article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from site_core.layout import article_location
from site_core.kinds import DEFAULT_KIND, KINDS
from site_core.filekinds import FileKind
from site_core.problems import Problem
from site_core.rules import parse_date
from site_core.plan import PlanTargets
from site_core.periods import current_period, local_day


def published_articles(report, display_root: str, timezone: str) -> list[tuple[str, str, dt.datetime]]:
    """(unit, kind, date) of every article the checker found published (``report.kinds`` = FileKind.ARTICLE)."""
    out = []
    prefix = f"{display_root}/"
    for display, what in report.kinds.items():
        meta = report.meta.get(display)
        if what != FileKind.ARTICLE or meta is None or not display.startswith(prefix):
            continue
        unit, _ = article_location(display[len(prefix):])
        date = parse_date(meta.get("date"), timezone)
        if unit and date:
            out.append((unit, str(meta.get("kind") or DEFAULT_KIND.value), date))
    return out


def kind_hints(articles, units: dict, now: dt.datetime, timezone: str, display_root: str = "content",
               plan: PlanTargets | None = None) -> list[Problem]:
    """A hint per union of the plan's target level that published this half-year while a target-2.2 kind
    falls short."""
    plan = plan or PlanTargets()
    period = current_period(now, timezone)
    year_start = dt.date(period.year, 1, 1)
    today = now.astimezone(ZoneInfo(timezone)).date()
    this_half, this_year = Counter(), Counter()
    for unit, kind, date in articles:
        day = local_day(date, timezone)
        if period.start <= day <= today:
            this_half[unit] += 1
        if year_start <= day <= today:
            this_year[(unit, kind)] += 1
    hints = []
    for slug, record in sorted(units.items()):
        if record.level != plan.level or not this_half[slug]:
            continue
        short = [(kind, this_year[(slug, kind)], need) for kind, need in plan.kinds.items()
                 if this_year[(slug, kind)] < need]
        if not short:
            continue
        figures = "; ".join(f"{KINDS[kind].lower()} {have}/{need}" for kind, have, need in short)
        hints.append(Problem(
            f"{display_root}/units/{slug}/", None, "kind",
            f"Đơn vị đã đăng {this_half[slug]} bài trong {period.label.lower()}, nhưng từ đầu năm {period.year} "
            f"mới có {figures} (chỉ tiêu 2.2: mỗi loại ít nhất {plan.least_per_kind:02d} bài một năm).",
            "Nếu bài nào là tài liệu định hướng hoặc hoạt động truyền thông trực tiếp, thêm vào phần đầu bài "
            "dòng kind: tai-lieu-dinh-huong hoặc kind: hoat-dong-truc-tiep (xem HUONG-DAN-DONG-GOP.md, mục "
            "\"Loại bài\"); nếu chưa có, báo cáo sẽ ghi \"Chưa đạt\"."))
    return hints
