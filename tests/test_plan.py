"""The plan's targets are data (PLAN_TARGETS), not code: the report and the checker's hints follow a
site's own target level and counts, and a wrong value is refused with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from content_check.hints import kind_hints
from site_core.categories import CategoryRecord
from site_core.periods import Period
from site_core.plan import DEFAULT_PLAN_TARGETS, PlanTargets, plan_targets
from site_core.units import UnitRecord
from union_reports.counting import Item, build_report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UNITS = {"tinh": UnitRecord("tinh", "LĐLĐ tỉnh", "cap-tinh"),
         "huyen": UnitRecord("huyen", "LĐLĐ huyện", "cap-huyen", parent="tinh", members=400, fanpage="https://f.example/h")}


def test_the_defaults_are_the_engines_and_missing_keys_take_them():
    assert plan_targets({}) == PlanTargets() == plan_targets({"PLAN_TARGETS": DEFAULT_PLAN_TARGETS})
    partial = plan_targets({"PLAN_TARGETS": {"level": "cap-huyen"}})
    assert partial.level == "cap-huyen" and dict(partial.kinds) == DEFAULT_PLAN_TARGETS["kinds"]


@pytest.mark.parametrize(("value", "named"), [
    ({"levle": "cap-huyen"}, "levle"),
    ({"level": ""}, "PLAN_TARGETS['level']"),
    ({"kinds": {"tin-bai-hay": 2}}, "PLAN_TARGETS['kinds']"),
    ({"kinds": {"tai-lieu-dinh-huong": "hai"}}, "PLAN_TARGETS['kinds']"),
    ({"outreach_members": -1}, "PLAN_TARGETS['outreach_members']"),
])
def test_a_wrong_value_is_refused_naming_the_key(value, named):
    with pytest.raises(ValueError, match="ghi|Chỉ dùng") as refused:
        plan_targets({"PLAN_TARGETS": value})
    assert named in str(refused.value)


def test_the_report_follows_the_sites_target_level_and_counts():
    items = [Item("huyen", "x", "tai-lieu-dinh-huong", dt.datetime(2025, 2, 1, tzinfo=VN))] * 2
    plan = plan_targets({"PLAN_TARGETS": {"level": "cap-huyen", "kinds": {"tai-lieu-dinh-huong": 3,
                                                                            "hoat-dong-truc-tiep": 0},
                                          "outreach_members": 300}})
    report = build_report(Period(2025, 1), items, UNITS, [CategoryRecord("x", "X")], "Asia/Ho_Chi_Minh", plan=plan)
    huyen = next(r for r in report["units"] if r["slug"] == "huyen")["targets"]
    assert (huyen["orientation"]["applies"], huyen["orientation"]["figure"], huyen["orientation"]["met"]) == (True, "2/3", False)
    assert not huyen["direct"]["applies"]  # 0 a year: the site's plan has no such target
    assert huyen["outreach"]["applies"]  # 400 members ≥ 300
    with_defaults = build_report(Period(2025, 1), items, UNITS, [CategoryRecord("x", "X")], "Asia/Ho_Chi_Minh")
    assert not next(r for r in with_defaults["units"] if r["slug"] == "huyen")["targets"]["orientation"]["applies"]


def test_the_checkers_hint_names_the_sites_own_count():
    now = dt.datetime(2025, 3, 1, tzinfo=VN)
    articles = [("huyen", "tin-bai", dt.datetime(2025, 2, 1, tzinfo=VN))]
    plan = plan_targets({"PLAN_TARGETS": {"level": "cap-huyen", "kinds": {"tai-lieu-dinh-huong": 3}}})
    hints = kind_hints(articles, UNITS, now, "Asia/Ho_Chi_Minh", plan=plan)
    assert len(hints) == 1 and "0/3" in hints[0].message and "ít nhất 03 bài" in hints[0].message
    assert kind_hints(articles, UNITS, now, "Asia/Ho_Chi_Minh") == []  # the engine's level is cap-tren-co-so
