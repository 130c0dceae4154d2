"""The communication plan's targets (section I.2), in one place for the reports and the checker's hints.

The constants are the plan's defaults; ``plan_from_settings`` gives a site's ``Plan``: a union whose
levels are not an industry union's names, with ``PLAN_TARGET_LEVEL`` in pelicanconf.py, the level of
its levels.yml that target 2.2 applies to (the level directly above the base unions).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The plan's targets (section I.2). 2.2: each upper-level union, every year.
TARGET_LEVEL = "cap-tren-co-so"
TARGET_KINDS = {"tai-lieu-dinh-huong": 2, "hoat-dong-truc-tiep": 2}
TARGET_KEYS = {"tai-lieu-dinh-huong": "orientation", "hoat-dong-truc-tiep": "direct"}
# 2.1 and 2.3: unions of at least this many members keep a fanpage and train a communicator.
OUTREACH_MEMBERS = 1000
OUTREACH_COMMUNICATORS = 1


@dataclass(frozen=True)
class Plan:
    """The plan's figures as one site applies them."""

    target_level: str = TARGET_LEVEL  # a level slug of levels.yml: who target 2.2 applies to
    target_kinds: dict = field(default_factory=lambda: dict(TARGET_KINDS))  # kind slug -> articles a year
    outreach_members: int = OUTREACH_MEMBERS
    outreach_communicators: int = OUTREACH_COMMUNICATORS


def plan_from_settings(settings: dict) -> Plan:
    """The site's Plan: ``PLAN_TARGET_LEVEL`` (a level slug) when set, the defaults otherwise."""
    level = settings.get("PLAN_TARGET_LEVEL") or TARGET_LEVEL
    if not isinstance(level, str):
        raise ValueError(f"PLAN_TARGET_LEVEL must be a level slug of levels.yml, not {level!r}")
    return Plan(target_level=level)
