"""Pure functions of the content model: front matter, dates, the article rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_core.categories import CategoryRecord, find_category, load_categories
from site_core.frontmatter import FrontMatterError, split_front_matter
from site_core.rules import check_article, is_buildable, parse_date
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from site_core.units import UnitRecord

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = [CategoryRecord("hoat-dong-cong-doan", "Hoạt động công đoàn"),
              CategoryRecord("chinh-sach-phap-luat", "Chính sách – Pháp luật")]
UNITS = {"cong-doan-nganh": UnitRecord("cong-doan-nganh", "Công đoàn Công Thương Việt Nam", "cap-nganh"),
         "thep": UnitRecord("thep", "Công đoàn Thép", "co-so", parent="cong-doan-nganh")}
PATH = "content/units/thep/2024/bai.md"


def check(text, unit="thep", year="2024", exists=lambda name: True):
    return check_article(split_front_matter(text), PATH, unit, year, UNITS, CATEGORIES, "Asia/Ho_Chi_Minh", exists)


def fields(problems):
    return sorted(p.field for p in problems)


GOOD = "---\ntitle: \"Đại hội Công đoàn\"\ndate: 2024-05-01 08:00\ncategory: hoat-dong-cong-doan\n---\nNội dung.\n"


def test_front_matter_keeps_dates_as_text_and_knows_key_lines():
    fm = split_front_matter(GOOD)
    assert fm.meta["date"] == "2024-05-01 08:00"
    assert fm.lines == {"title": 2, "date": 3, "category": 4}
    assert fm.body.strip() == "Nội dung." and fm.body_line == 6


@pytest.mark.parametrize("text, line, words", [
    ("title: x\n---\nbody", 1, "không bắt đầu"),
    ("---\ntitle: x\nbody without end", 1, "không có dòng ---"),
    ("---\ntitle: \"x\ndate: 2024-01-01\n---\nbody", 3, "sai cú pháp YAML"),
    ("---\n- a\n- b\n---\nbody", 2, "khóa: giá trị"),
])
def test_malformed_front_matter_says_where_and_what(text, line, words):
    with pytest.raises(FrontMatterError) as err:
        split_front_matter(text)
    assert err.value.line == line
    assert words in err.value.message
    assert err.value.fix


@pytest.mark.parametrize("value, expected", [
    ("2024-05-01 08:00", "2024-05-01T08:00:00+07:00"),
    ("2024-05-01", "2024-05-01T00:00:00+07:00"),
    ("2023-07-01T00:30:00+07:00", "2023-07-01T00:30:00+07:00"),
    ("2023-06-30T17:30:00Z", "2023-06-30T17:30:00+00:00"),
    ("2024-05-01T08:00+0700", "2024-05-01T08:00:00+07:00"),
])
def test_dates_are_vietnam_time_unless_an_offset_is_given(value, expected):
    assert parse_date(value, "Asia/Ho_Chi_Minh").isoformat() == expected


@pytest.mark.parametrize("value", ["2024-13-01", "01/05/2024", "hôm qua", "2024-02-30 08:00", 20240501, ""])
def test_invalid_dates_are_rejected(value):
    assert parse_date(value, "Asia/Ho_Chi_Minh") is None


def test_a_good_article_has_no_problem():
    facts, problems = check(GOOD)
    assert problems == []
    assert is_buildable(facts, UNITS)
    assert facts.date == dt.datetime(2024, 5, 1, 1, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("front, field, words", [
    ("date: 2024-05-01\ncategory: hoat-dong-cong-doan", "title", "Thiếu tiêu đề"),
    (f"title: \"{'Dài ' * 70}\"\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan", "title", "quá giới hạn 200"),
    ("title: x\ncategory: hoat-dong-cong-doan", "date", "Thiếu ngày"),
    ("title: x\ndate: 1/5/2024\ncategory: hoat-dong-cong-doan", "date", "không đúng dạng"),
    ("title: x\ndate: 2023-05-01\ncategory: hoat-dong-cong-doan", "date", "thư mục năm 2024"),
    ("title: x\ndate: 2024-05-01", "category", "Thiếu chuyên mục"),
    ("title: x\ndate: 2024-05-01\ncategory: the-thao", "category", "không có trong danh mục"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\nunit: cong-doan-nganh", "unit", "khác thư mục"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\nkind: phong-su", "kind", "không hợp lệ"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\nimage: a.jpg", "image_alt", "chưa có mô tả"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\nfeatured: có", "featured", "true hoặc false"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\nsource_url: bao.vn/a", "source_url", "không hợp lệ"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\ncatgory: y", "catgory", "không được hỗ trợ"),
    ("title: x\ndate: 2024-05-01\ncategory: hoat-dong-cong-doan\ntags: {a: 1}", "tags", "danh sách"),
])
def test_each_rule_names_the_field_and_the_fix(front, field, words):
    _, problems = check(f"---\n{front}\n---\nNội dung.\n")
    assert field in fields(problems)
    problem = next(p for p in problems if p.field == field)
    assert words in problem.message
    assert problem.path == PATH and problem.fix and "Cách sửa" in str(problem)


def test_category_by_exact_name_and_unknown_unit():
    facts, problems = check(GOOD.replace("hoat-dong-cong-doan", "Chính sách – Pháp luật"), unit="khong-co")
    assert facts.category.slug == "chinh-sach-phap-luat"
    assert fields(problems) == ["unit"] and "không có trong danh sách đơn vị" in problems[0].message
    assert not is_buildable(facts, UNITS)


def test_missing_photos_are_reported_with_their_line():
    text = GOOD.replace("Nội dung.", "Đoạn một.\n\n![Hội nghị](anh-2.jpg)\n")
    _, problems = check(text, exists=lambda name: False)
    assert [(p.field, p.line) for p in problems] == [("ảnh trong bài", 8)]


def test_slugs_drop_diacritics_and_turn_d_bar_into_d():
    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    assert slugify("Đại hội Công đoàn Điện lực", regex_subs=subs) == "dai-hoi-cong-doan-dien-luc"
    assert slugify("Hoà", regex_subs=subs) == slugify("Hòa", regex_subs=subs) == "hoa"


def test_categories_registry_of_the_sample_site():
    records, problems = load_categories(ROOT / "content" / "categories.yml", "content/categories.yml")
    assert problems == []
    assert [r.order for r in records] == sorted(r.order for r in records)
    assert find_category(records, "phuc-loi-doan-vien").name == "Phúc lợi đoàn viên"
    assert len(records) == 8
