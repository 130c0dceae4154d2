"""site_core: levels as data (content/levels.yml), the registries read once per build."""

from __future__ import annotations

import os

from content_check.checker import check_site
from site_core.levels import DEFAULT_LEVELS, load_levels
from site_core.registries import load_registries

from conftest import ROOT, article
from site_core.filekinds import FileKind

# A provincial labour federation has four levels, with names an industry union does not use (sample data).
FOUR_LEVELS = """\
- slug: tinh
  name: Liên đoàn Lao động tỉnh
- slug: huyen
  name: Liên đoàn Lao động huyện
- slug: nganh-dia-phuong
  name: Công đoàn ngành địa phương
- slug: co-so
  name: Công đoàn cơ sở
"""
FEDERATION = {
    "levels.yml": FOUR_LEVELS,
    "units/ldld-tinh/unit.yml": "name: \"Liên đoàn Lao động tỉnh Mẫu (dữ liệu mẫu)\"\nlevel: tinh\n",
    "units/ldld-huyen/unit.yml": "name: \"Liên đoàn Lao động huyện Mẫu\"\nlevel: huyen\nparent: ldld-tinh\n",
    "units/cd-xa/unit.yml": "name: \"Công đoàn cơ sở xã Mẫu\"\nlevel: co-so\nparent: ldld-huyen\n",
    "units/cd-xa/2024/bai-thu.md": article(),
}


def write(folder, files):
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "categories.yml").write_text((ROOT / "content" / "categories.yml").read_text(encoding="utf-8"), encoding="utf-8")


def test_a_site_without_levels_yml_gets_the_default_levels_and_the_sample_site_says_them(tmp_path):
    assert load_levels(tmp_path / "levels.yml", "content/levels.yml") == (DEFAULT_LEVELS, [])
    levels, problems = load_levels(ROOT / "content" / "levels.yml", "content/levels.yml")
    assert problems == [] and levels == DEFAULT_LEVELS


def test_four_levels_from_the_content_name_the_units_and_check_their_tree(tmp_path):
    write(tmp_path, FEDERATION)
    registries = load_registries(tmp_path)
    assert registries.problems == ()
    assert list(registries.levels) == ["tinh", "huyen", "nganh-dia-phuong", "co-so"]
    assert registries.top_level == "tinh"
    assert registries.units["cd-xa"].level_name == "Công đoàn cơ sở"
    assert registries.units["ldld-huyen"].level_rank == 1
    # A parent at a lower level, and a level the file does not have: both named with the fix.
    write(tmp_path, {"units/ldld-huyen/unit.yml": "name: \"Huyện\"\nlevel: huyen\nparent: cd-xa\n",
                     "units/cd-khac/unit.yml": "name: \"Khác\"\nlevel: cap-nganh\nparent: ldld-tinh\n"})
    problems = check_site(tmp_path).problems
    level = [p for p in problems if p.field == "level"]
    assert len(level) == 1 and level[0].path == "content/units/cd-khac/unit.yml"
    assert "tinh, huyen, nganh-dia-phuong, co-so" in level[0].fix
    assert any(p.field == "parent" and p.path == "content/units/ldld-huyen/unit.yml" for p in problems)
    assert check_site(tmp_path).kinds["content/levels.yml"] == FileKind.REGISTRY


def test_a_broken_levels_file_is_a_problem_naming_the_file_and_entry(tmp_path):
    write(tmp_path, {**FEDERATION, "levels.yml": "- slug: tinh\n  name: Tỉnh\n- slug: Huyện\n"})
    problems = [p for p in load_registries(tmp_path).problems if p.path == "content/levels.yml"]
    assert [p.field for p in problems] == ["cấp 2"] and "slug" in problems[0].message


def test_the_registries_are_parsed_once_until_a_file_changes(tmp_path):
    write(tmp_path, FEDERATION)
    first = load_registries(tmp_path)
    assert load_registries(tmp_path) is first
    profile = tmp_path / "units" / "cd-xa" / "unit.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("xã Mẫu", "xã Mẫu Mới"), encoding="utf-8")
    stat = profile.stat()
    os.utime(profile, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = load_registries(tmp_path)
    assert again is not first and again.units["cd-xa"].name == "Công đoàn cơ sở xã Mẫu Mới"


def test_the_units_page_groups_by_the_sites_own_level_names(build_site):
    files = {rel: text for rel, text in FEDERATION.items() if rel != "levels.yml"}
    built = build_site({"levels.yml": FOUR_LEVELS, **files}, base=False)
    headings = [h.get_text(" ", strip=True) for h in built.html("don-vi/index.html").select("h2")]
    assert headings[:3] == ["Liên đoàn Lao động tỉnh (1)", "Liên đoàn Lao động huyện (1)", "Công đoàn cơ sở (1)"]
