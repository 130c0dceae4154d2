"""The communication plan's targets (section I.2) as data: the ``PLAN_TARGETS`` setting, read by the
reports and the checker's hints. Each union sets its own (a provincial federation's target level is not
an industry union's); the engine's default is the plan these targets come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from site_core.kinds import KINDS

# The report's JSON/CSV keys for the two kinds target 2.2 counts: fixed names, not an organisation's data.
TARGET_KEYS = {"tai-lieu-dinh-huong": "orientation", "hoat-dong-truc-tiep": "direct"}

DEFAULT_PLAN_TARGETS = {
    # 2.2: each union of this level publishes, every year, at least this many articles of each kind.
    "level": "cap-tren-co-so",
    "kinds": {"tai-lieu-dinh-huong": 2, "hoat-dong-truc-tiep": 2},
    # 2.1 and 2.3: a union of at least this many members keeps a fanpage and trains this many communicators.
    "outreach_members": 1000,
    "outreach_communicators": 1,
}


@dataclass(frozen=True)
class PlanTargets:
    level: str = DEFAULT_PLAN_TARGETS["level"]
    kinds: MappingProxyType = field(default_factory=lambda: MappingProxyType(dict(DEFAULT_PLAN_TARGETS["kinds"])))
    outreach_members: int = DEFAULT_PLAN_TARGETS["outreach_members"]
    outreach_communicators: int = DEFAULT_PLAN_TARGETS["outreach_communicators"]

    @property
    def least_per_kind(self) -> int:
        return min(self.kinds.values()) if self.kinds else 0


def plan_targets(settings=None) -> PlanTargets:
    """``PLAN_TARGETS`` of a settings mapping (missing keys take the default) as PlanTargets; a wrong
    value raises ValueError with a Vietnamese message naming the key and the fix."""
    given = dict((settings or {}).get("PLAN_TARGETS") or {})
    unknown = sorted(set(given) - set(DEFAULT_PLAN_TARGETS))
    if unknown:
        raise ValueError(f"PLAN_TARGETS: khóa không có: {', '.join(unknown)}. "
                         f"Chỉ dùng: {', '.join(DEFAULT_PLAN_TARGETS)}.")
    values = {**DEFAULT_PLAN_TARGETS, **given}
    if not isinstance(values["level"], str) or not values["level"]:
        raise ValueError("PLAN_TARGETS['level']: ghi slug của cấp phải đạt chỉ tiêu 2.2 (một slug trong levels.yml).")
    kinds = values["kinds"]
    if not isinstance(kinds, dict) or any(k not in KINDS for k in kinds) or \
            any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in kinds.values()):
        raise ValueError("PLAN_TARGETS['kinds']: ghi {loại bài: số bài mỗi năm}, loại bài là một trong "
                         f"{', '.join(k for k in KINDS if k in TARGET_KEYS)}, số bài là số nguyên không âm.")
    for key in ("outreach_members", "outreach_communicators"):
        if not isinstance(values[key], int) or isinstance(values[key], bool) or values[key] < 0:
            raise ValueError(f"PLAN_TARGETS['{key}']: ghi một số nguyên không âm.")
    return PlanTargets(level=values["level"], kinds=MappingProxyType(dict(kinds)),
                       outreach_members=values["outreach_members"],
                       outreach_communicators=values["outreach_communicators"])
