"""Count published articles per unit × category × kind for a period, roll them up the unit tree and
check the plan's yearly targets. Everything here is pure: lists and records in, a plain dict out (the
same dict is written as the JSON report and rendered as CSV, XLSX, HTML and the terminal table).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from site_core.kinds import KINDS
from site_core.units import branch

from site_core.plan import TARGET_KEYS, PlanTargets
from site_core.periods import Period, local_day

MET, NOT_MET, NOT_APPLICABLE = "Đạt", "Chưa đạt", "Không áp dụng"


@dataclass(frozen=True)
class Item:
    """One published article, as much of it as the report needs."""

    unit: str
    category: str
    kind: str
    date: dt.datetime


def ordered_units(units: dict) -> list[tuple[str, int]]:
    """(slug, depth) for every unit, parents before their children; levels, then names, in order."""
    def key(slug):
        record = units[slug]
        return record.level_rank, record.name.casefold(), slug

    children: dict = {}
    roots = []
    for slug, record in units.items():
        if record.parent in units and record.parent != slug:
            children.setdefault(record.parent, []).append(slug)
        else:
            roots.append(slug)
    out: list[tuple[str, int]] = []

    def walk(slug, depth):
        out.append((slug, depth))
        for child in sorted(children.get(slug, []), key=key):
            walk(child, depth + 1)

    for root in sorted(roots, key=key):
        walk(root, 0)
    return out


def tally(items, start: dt.date, end: dt.date, timezone: str) -> dict:
    """unit → Counter of (category, kind) for the items whose local day lies in [start, end]."""
    counts: dict = {}
    for item in items:
        if start <= local_day(item.date, timezone) <= end:
            counts.setdefault(item.unit, Counter())[(item.category, item.kind)] += 1
    return counts


def monthly(items, period: Period, timezone: str) -> list[dict]:
    """Every month of the period with the number of articles published in it (all units)."""
    counts = Counter()
    for item in items:
        day = local_day(item.date, timezone)
        if period.contains(day):
            counts[(day.year, day.month)] += 1
    first = period.start.month
    return [{"id": f"{period.year}-{month:02d}", "month": month, "label": f"Tháng {month}/{period.year}",
             "short_label": f"T{month}", "total": counts[(period.year, month)]}
            for month in range(first, period.end.month + 1)]


def breakdown(counter: Counter, categories: list, kinds: list) -> dict:
    """The JSON shape of one cell group: total, by category, by kind and the full cross-tab."""
    return {
        "total": sum(counter.values()),
        "by_category": {c: sum(counter[(c, k)] for k in kinds) for c in categories},
        "by_kind": {k: sum(counter[(c, k)] for c in categories) for k in kinds},
        "by_category_kind": {c: {k: counter[(c, k)] for k in kinds} for c in categories},
    }


def _sum(counters) -> Counter:
    total = Counter()
    for counter in counters:
        total.update(counter)
    return total


def count_target(count: int, required: int, applies: bool) -> dict:
    met = applies and count >= required
    return {"applies": applies, "count": count, "required": required, "figure": f"{count}/{required}",
            "met": met if applies else None, "verdict": (MET if met else NOT_MET) if applies else NOT_APPLICABLE}


def outreach_target(record, plan: PlanTargets) -> dict:
    members = record.members
    applies = members is not None and members >= plan.outreach_members
    fanpage = bool(record.fanpage)
    trained = record.trained_communicators or 0
    met = applies and fanpage and trained >= plan.outreach_communicators
    return {"applies": applies, "members": members, "fanpage": record.fanpage or "", "has_fanpage": fanpage,
            "trained_communicators": trained, "required_communicators": plan.outreach_communicators,
            "figure": f"fanpage: {'có' if fanpage else 'chưa có'}; cán bộ được đào tạo: {trained}/{plan.outreach_communicators}",
            "met": met if applies else None, "verdict": (MET if met else NOT_MET) if applies else NOT_APPLICABLE}


def social_group_target(record) -> dict:
    """2.4: union officers' groups on a social network; a unit has one when its profile names its Zalo."""
    has_group = bool(record.zalo)
    return {"applies": True, "zalo": record.zalo or "", "has_group": has_group,
            "figure": "nhóm Zalo: có" if has_group else "nhóm Zalo: chưa có",
            "met": has_group, "verdict": MET if has_group else NOT_MET}


def change(now: int, before: int) -> dict:
    diff = now - before
    return {"previous": before, "difference": diff, "trend": "up" if diff > 0 else "down" if diff < 0 else "same"}


def build_report(period: Period, items: list[Item], units: dict, categories: list, timezone: str,
                 generated: dt.datetime | None = None, plan: PlanTargets | None = None,
                 levels: dict | None = None) -> dict:
    """The report for ``period``.

    ``items`` are the published articles (drafts and scheduled ones already left out, as the site
    build does); ``units`` maps slug → union_units UnitRecord; ``categories`` is the ordered list of
    content_model CategoryRecord. Every unit appears, with zeros when it has no article. ``plan`` gives
    the targets (site_core.plan); ``levels`` (slug → name, levels.yml) names the level target 2.2 applies to.
    """
    generated = (generated or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(timezone))
    plan = plan or PlanTargets()
    cat_slugs = [c.slug for c in categories]
    kind_slugs = list(KINDS)
    now = tally(items, period.start, period.end, timezone)
    prev_period = period.previous()
    before = tally(items, prev_period.start, prev_period.end, timezone)
    ytd = tally(items, *period.year_to_date(), timezone)

    rows = []
    for slug, depth in ordered_units(units):
        record = units[slug]
        members_of_branch = branch(units, slug)
        own, own_before = now.get(slug, Counter()), before.get(slug, Counter())
        whole = _sum(now.get(s, Counter()) for s in members_of_branch)
        whole_before = _sum(before.get(s, Counter()) for s in members_of_branch)
        own_ytd = ytd.get(slug, Counter())
        targets = {}
        for kind, key in TARGET_KEYS.items():
            count = sum(n for (_, k), n in own_ytd.items() if k == kind)
            required = plan.kinds.get(kind, 0)  # a union's plan may drop one of the two kinds
            targets[key] = {"kind": kind, "kind_name": KINDS[kind],
                            **count_target(count, required, record.level == plan.level and required > 0)}
        targets["outreach"] = outreach_target(record, plan)
        targets["social_group"] = social_group_target(record)
        parent = units.get(record.parent) if record.parent else None
        rows.append({
            "slug": slug, "name": record.name, "short_name": record.short_name, "level": record.level,
            "level_name": record.level_name or record.level, "depth": depth,
            "parent": record.parent if parent else None, "parent_name": parent.name if parent else "",
            "members": record.members, "branch_units": members_of_branch,
            "own": {**breakdown(own, cat_slugs, kind_slugs), **change(sum(own.values()), sum(own_before.values()))},
            "branch": {**breakdown(whole, cat_slugs, kind_slugs),
                       **change(sum(whole.values()), sum(whole_before.values()))},
            "targets": targets,
        })

    total = _sum(now.values())
    total_before = _sum(before.values())
    return {
        "period": {"id": period.id, "label": period.label, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "year": period.year, "half": period.half},
        "previous_period": {"id": prev_period.id, "label": prev_period.label,
                            "start": prev_period.start.isoformat(), "end": prev_period.end.isoformat()},
        "targets_counted_from": period.year_to_date()[0].isoformat(),
        "timezone": timezone,
        "generated": generated.isoformat(timespec="seconds"),
        "generated_label": f"{generated:%d/%m/%Y %H:%M} (giờ Việt Nam)",
        "categories": [{"slug": c.slug, "name": c.name} for c in categories],
        "kinds": [{"slug": k, "name": name} for k, name in KINDS.items()],
        "units": rows,
        "months": monthly(items, period, timezone),
        "organisation": {**breakdown(total, cat_slugs, kind_slugs),
                         **change(sum(total.values()), sum(total_before.values()))},
        "targets_summary": summarise_targets(rows),
        "plan": plan_summary(plan, units, levels),
    }


def plan_summary(plan: PlanTargets, units: dict, levels: dict | None) -> dict:
    """The plan's figures as the report's texts name them; the target level's name is the site's own
    (levels.yml, else a unit's ``level_name``), None when the site has no such level."""
    names = dict(levels or {})
    for record in units.values():
        names.setdefault(record.level, record.level_name)
    return {"target_level": plan.level, "target_level_name": names.get(plan.level) or None,
            "target_kinds": dict(plan.kinds), "outreach_members": plan.outreach_members,
            "outreach_communicators": plan.outreach_communicators}


def summarise_targets(rows: list) -> dict:
    """How many units the targets apply to and how many met them, per target."""
    summary = {}
    for key in ("orientation", "direct", "outreach", "social_group"):
        applies = [r for r in rows if r["targets"][key]["applies"]]
        summary[key] = {"applies": len(applies), "met": sum(1 for r in applies if r["targets"][key]["met"])}
    return summary
