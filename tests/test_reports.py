"""union_reports: counts per unit × category × kind, roll-up, targets, files and the command line.

A tiny site with hand-counted articles across period boundaries and timezone edges, a draft, a
future-dated article, a unit without articles and nested units. It is built with the real settings
(pelicanconf.py, every plugin) and each report file is read back and checked cell by cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT, article, run_pelican
from union_reports.counting import Item, build_report, ordered_units
from union_reports.outputs import display_width
from site_core.periods import Period, PeriodError, current_period, local_day, parse_period
from site_core.state import build_state
from site_core.units import UnitRecord

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CATEGORIES = """- slug: hoat-dong-cong-doan
  name: "Hoạt động công đoàn"
  order: 1
- slug: chinh-sach-phap-luat
  name: "Chính sách – Pháp luật"
  order: 2
- slug: tai-lieu-tuyen-truyen
  name: "Tài liệu tuyên truyền"
  order: 3
- slug: doi-ngoai
  name: "Đối ngoại"
  order: 4
"""
UNITS = {
    "nganh": 'name: "Công đoàn Ngành Thử"\nshort_name: "CĐ Ngành Thử"\nlevel: cap-nganh\nmembers: 150000\n'
             'fanpage: "https://www.facebook.com/nganh.thu"\ntrained_communicators: 2\n',
    "ctcs-a": 'name: "Công đoàn Tổng công ty An Phát"\nshort_name: "CĐ An Phát"\nlevel: cap-tren-co-so\n'
              'parent: nganh\nmembers: 5000\nfanpage: "https://www.facebook.com/an.phat"\ntrained_communicators: 0\n',
    "cs-a1": 'name: "Công đoàn Công ty An Phát 1"\nshort_name: "CĐCS An Phát 1"\nlevel: co-so\nparent: ctcs-a\n'
             'members: 1200\nfanpage: "https://www.facebook.com/an.phat.1"\ntrained_communicators: 1\n'
             'zalo: "https://zalo.me/g/anphat1"\n',
    "cs-a2": 'name: "Công đoàn Công ty An Phát 2"\nlevel: co-so\nparent: ctcs-a\nmembers: 300\n',
    "ctcs-b": 'name: "Công đoàn Tổng công ty Bắc Sơn"\nshort_name: "CĐ Bắc Sơn"\nlevel: cap-tren-co-so\nparent: nganh\n',
}
TL, HD = "tai-lieu-dinh-huong", "hoat-dong-truc-tiep"
# (unit, year folder, slug, date as written, category, kind or None, extra front matter)
ARTICLES = [
    ("nganh", "2022", "n0", "2022-08-01 08:00", "hoat-dong-cong-doan", None, {}),               # 2022-H2
    ("nganh", "2023", "n1", "2023-04-01 08:00", "doi-ngoai", None, {}),                         # 2023-H1
    ("ctcs-a", "2022", "cu", "2022-12-31 23:59 +07:00", "doi-ngoai", None, {}),                 # 2022-H2
    ("ctcs-a", "2023", "nam-moi", "2022-12-31T17:30:00Z", "chinh-sach-phap-luat", None, {}),    # 01/01/2023 00:30 VN
    ("ctcs-a", "2023", "tl1", "2023-03-10 08:00", "tai-lieu-tuyen-truyen", TL, {}),
    ("ctcs-a", "2023", "tl2", "2023-06-30 23:30", "tai-lieu-tuyen-truyen", TL, {}),             # last minutes of H1
    ("ctcs-a", "2023", "nhap", "2023-05-01 08:00", "tai-lieu-tuyen-truyen", TL, {"status": "draft"}),
    ("ctcs-a", "2023", "hd1", "2023-07-01 00:30 +07:00", "hoat-dong-cong-doan", HD, {}),        # H2, 30/06 in UTC
    ("ctcs-a", "2023", "hd2", "2023-06-30T17:30:00Z", "hoat-dong-cong-doan", HD, {}),           # H2 in VN time
    ("cs-a1", "2023", "a", "2023-01-01 00:00", "hoat-dong-cong-doan", None, {}),
    ("cs-a1", "2023", "b", "2023-12-31 23:59", "chinh-sach-phap-luat", None, {}),
    ("cs-a2", "2024", "utc", "2023-12-31T17:30:00Z", "hoat-dong-cong-doan", None, {}),          # 2024 in VN time
]


def now_and_current():
    """A past and a future moment inside the current half-year (Vietnam time)."""
    now = dt.datetime.now(VN)
    period = current_period(now)
    start = dt.datetime.combine(period.start, dt.time(), VN)
    end = dt.datetime.combine(period.end, dt.time(23, 59), VN)
    return period, start + (now - start) / 2, now + (end - now) / 2


def site_files() -> dict:
    files = {"categories.yml": CATEGORIES}
    files.update({f"units/{slug}/unit.yml": text for slug, text in UNITS.items()})
    for unit, year, slug, date, category, kind, extra in ARTICLES:
        meta = {**({"kind": kind} if kind else {}), **extra}
        files[f"units/{unit}/{year}/{slug}.md"] = article(f"Bài {slug}", date, category, **meta)
    _, past, future = now_and_current()
    files[f"units/cs-a1/{past:%Y}/gan-day.md"] = article("Bài gần đây", f"{past:%Y-%m-%d %H:%M}", "doi-ngoai")
    files[f"units/ctcs-a/{future:%Y}/hen-gio.md"] = article("Bài hẹn giờ", f"{future:%Y-%m-%d %H:%M}",
                                                            "hoat-dong-cong-doan", kind=HD)
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    content = root / "content"
    for rel, text in site_files().items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_report_files(root: Path, period: str, name: str, **overrides):
    reports = root / f"reports-{name}"
    settings = run_pelican(root / "content", root / f"output-{name}", REPORTS_PERIOD=period,
                           REPORTS_PATH=str(reports), **overrides)
    return settings, reports


@pytest.fixture(scope="module")
def h1(site):
    return build_report_files(site, "2023-H1", "h1")


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so that Excel shows the diacritics"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))


HEADER_H1 = ["Mã đơn vị", "Đơn vị", "Cấp", "Trực thuộc", "Hoạt động công đoàn", "Chính sách – Pháp luật",
             "Tài liệu tuyên truyền", "Đối ngoại", "Tin bài", "Tài liệu định hướng",
             "Hoạt động truyền thông trực tiếp", "Tổng số bài của đơn vị", "Kỳ trước (6 tháng cuối năm 2022)",
             "Tăng/giảm", "Tổng toàn nhánh (gồm đơn vị trực thuộc)", "Tài liệu định hướng (lũy kế năm/chỉ tiêu)",
             "Đánh giá tài liệu định hướng", "Hoạt động truyền thông trực tiếp (lũy kế năm/chỉ tiêu)",
             "Đánh giá hoạt động trực tiếp", "Số đoàn viên", "Fanpage", "Cán bộ truyền thông được đào tạo",
             "Đánh giá fanpage và cán bộ truyền thông (đơn vị từ 1.000 đoàn viên)"]
NA = "Không áp dụng"
UPPER, GRASSROOTS = "Công đoàn cấp trên trực tiếp cơ sở", "Công đoàn cơ sở"
ROWS_H1 = [
    ["nganh", "Công đoàn Ngành Thử", "Công đoàn ngành", "", "0", "0", "0", "1", "1", "0", "0", "1", "1", "0", "5",
     "", NA, "", NA, "150000", "Có", "2", "Đạt"],
    ["ctcs-a", "Công đoàn Tổng công ty An Phát", UPPER, "Công đoàn Ngành Thử", "0", "1", "2", "0", "1", "2", "0",
     "3", "1", "+2", "4", "2/2", "Đạt", "0/2", "Chưa đạt", "5000", "Có", "0", "Chưa đạt"],
    ["cs-a1", "Công đoàn Công ty An Phát 1", GRASSROOTS, "Công đoàn Tổng công ty An Phát", "1", "0", "0", "0",
     "1", "0", "0", "1", "0", "+1", "1", "", NA, "", NA, "1200", "Có", "1", "Đạt"],
    ["cs-a2", "Công đoàn Công ty An Phát 2", GRASSROOTS, "Công đoàn Tổng công ty An Phát", "0", "0", "0", "0",
     "0", "0", "0", "0", "0", "0", "0", "", NA, "", NA, "300", "Chưa có", "0", NA],
    ["ctcs-b", "Công đoàn Tổng công ty Bắc Sơn", UPPER, "Công đoàn Ngành Thử", "0", "0", "0", "0", "0", "0", "0",
     "0", "0", "0", "0", "0/2", "Chưa đạt", "0/2", "Chưa đạt", "", "Chưa có", "0", NA],
    ["", "TOÀN CÔNG ĐOÀN (tổng các đơn vị)", "", "", "1", "1", "2", "1", "3", "2", "0", "5", "2", "+3", "5",
     "", "", "", "", "", "", "", ""],
]


# --- Pure functions -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, year, half", [
    ("2023-H1", 2023, 1), ("2023-h2", 2023, 2), ("2024", 2024, None), (2025, 2025, None), (" 2023 - H2 ", 2023, 2)])
def test_parse_period(text, year, half):
    assert parse_period(text) == Period(year, half)


@pytest.mark.parametrize("year, half, message", [
    ("abc", "", "Năm 'abc' không hợp lệ"), ("2024", "3", "Kỳ --half '3' không hợp lệ"),
    ("1999", "1", "nằm ngoài khoảng 2000–2100"), ("24", "", "Năm '24' không hợp lệ")])
def test_bad_period_messages(year, half, message):
    with pytest.raises(PeriodError, match=re.escape(message)):
        Period.from_parts(year, half)


@pytest.mark.parametrize("period, start, end, previous, label", [
    (Period(2023, 1), "2023-01-01", "2023-06-30", Period(2022, 2), "6 tháng đầu năm 2023"),
    (Period(2023, 2), "2023-07-01", "2023-12-31", Period(2023, 1), "6 tháng cuối năm 2023"),
    (Period(2023), "2023-01-01", "2023-12-31", Period(2022), "Năm 2023")])
def test_period_bounds(period, start, end, previous, label):
    assert (period.start.isoformat(), period.end.isoformat(), period.previous(), period.label) == (
        start, end, previous, label)


@pytest.mark.parametrize("moment, expected", [
    (dt.datetime(2023, 6, 30, 17, 30, tzinfo=dt.timezone.utc), Period(2023, 2)),  # 01/07 00:30 in Vietnam
    (dt.datetime(2023, 6, 30, 16, 59, tzinfo=dt.timezone.utc), Period(2023, 1)),
    (dt.datetime(2023, 12, 31, 17, 0, tzinfo=dt.timezone.utc), Period(2024, 1))])
def test_current_period_is_in_vietnam_time(moment, expected):
    assert current_period(moment) == expected


def test_local_day_and_tree_order():
    assert local_day(dt.datetime(2023, 6, 30, 17, 30, tzinfo=dt.timezone.utc), "Asia/Ho_Chi_Minh") == dt.date(2023, 7, 1)
    units = {"z": UnitRecord("z", "Z top", "cap-nganh"), "b": UnitRecord("b", "B", "cap-tren-co-so", parent="z"),
             "a": UnitRecord("a", "A", "cap-tren-co-so", parent="z"), "a1": UnitRecord("a1", "A1", "co-so", parent="a")}
    assert ordered_units(units) == [("z", 0), ("a", 1), ("a1", 2), ("b", 1)]


def test_build_report_pure_counts_and_targets():
    from site_core.categories import CategoryRecord

    units = {"top": UnitRecord("top", "Top", "cap-nganh"),
             "up": UnitRecord("up", "Up", "cap-tren-co-so", parent="top", members=999, fanpage="https://f.example/x")}
    cats = [CategoryRecord("x", "X")]
    at = lambda *a: dt.datetime(*a, tzinfo=VN)  # noqa: E731
    items = [Item("up", "x", TL, at(2024, 2, 1)), Item("up", "x", TL, at(2024, 8, 1)),
             Item("up", "x", HD, at(2024, 3, 1)), Item("top", "x", "tin-bai", at(2023, 9, 1))]
    h2 = build_report(Period(2024, 2), items, units, cats, "Asia/Ho_Chi_Minh")
    up = h2["units"][1]
    assert (up["slug"], up["own"]["total"], up["own"]["previous"], up["own"]["trend"]) == ("up", 1, 2, "down")
    assert up["targets"]["orientation"]["figure"] == "2/2" and up["targets"]["orientation"]["verdict"] == "Đạt"
    assert up["targets"]["direct"]["figure"] == "1/2" and up["targets"]["direct"]["verdict"] == "Chưa đạt"
    assert up["targets"]["outreach"]["verdict"] == NA  # 999 members: below 1,000
    assert h2["units"][0]["branch"]["total"] == 1 and h2["organisation"]["previous"] == 2
    h1 = build_report(Period(2024, 1), items, units, cats, "Asia/Ho_Chi_Minh")
    assert h1["units"][1]["targets"]["orientation"]["figure"] == "1/2"  # progress toward the yearly target
    assert h1["units"][0]["own"] == {"total": 0, "by_category": {"x": 0}, "by_kind": {"tin-bai": 0, TL: 0, HD: 0},
                                     "by_category_kind": {"x": {"tin-bai": 0, TL: 0, HD: 0}},
                                     "previous": 1, "difference": -1, "trend": "down"}


def test_the_plan_and_the_level_names_come_from_the_site_not_the_code():
    """A site's plan (its target level, its figures) and its levels.yml names reach the counts, the
    summary table's header and the signed document's sentences; the layout keys on columns, not words."""
    from site_core.categories import CategoryRecord
    from site_core.plan import plan_targets
    from union_reports.document import target_paragraphs, target_table_caption
    from union_reports.outputs import summary_column, summary_header

    levels = {"cap-tinh": "Liên đoàn Lao động tỉnh", "cap-huyen": "Liên đoàn Lao động huyện", "co-so": "Công đoàn cơ sở"}
    units = {"t": UnitRecord("t", "Tỉnh", "cap-tinh", level_name=levels["cap-tinh"]),
             "h": UnitRecord("h", "Huyện", "cap-huyen", parent="t", members=600, fanpage="https://f.example/h",
                             trained_communicators=2, level_name=levels["cap-huyen"])}
    items = [Item("h", "x", TL, dt.datetime(2024, 2, 1, tzinfo=VN))]
    plan = plan_targets({"PLAN_TARGETS": {"level": "cap-huyen", "kinds": {TL: 3, HD: 1}, "outreach_members": 500,
                                          "outreach_communicators": 2}})
    report = build_report(Period(2024, 1), items, units, [CategoryRecord("x", "X")], "Asia/Ho_Chi_Minh",
                          plan=plan, levels=levels)
    huyen = report["units"][1]
    assert huyen["targets"]["orientation"]["figure"] == "1/3" and huyen["targets"]["direct"]["figure"] == "0/1"
    assert huyen["targets"]["outreach"]["applies"] and huyen["targets"]["outreach"]["met"]  # 600 ≥ 500, 2 trained
    assert not report["units"][0]["targets"]["orientation"]["applies"]
    texts = dict(target_paragraphs(report))
    orientation = texts["2.2. Tài liệu định hướng và hoạt động truyền thông trực tiếp"]
    assert orientation.startswith("Liên đoàn Lao động huyện (lũy kế từ 01/01/2024, chỉ tiêu mỗi năm ít nhất "
                                  "03 tài liệu định hướng và 01 hoạt động truyền thông trực tiếp)")
    assert "từ 500 đoàn viên có ít nhất 02 cán bộ" in texts["2.3. Cán bộ truyền thông được đào tạo"]
    assert target_table_caption(report) == "Bảng 5. Chỉ tiêu 2.2 của từng đơn vị cấp “Liên đoàn Lao động huyện” (đã có/chỉ tiêu năm)"
    assert summary_header(report)[-1] == "Đánh giá fanpage và cán bộ truyền thông (đơn vị từ 500 đoàn viên)"
    assert summary_header(report)[summary_column(report, "difference")] == "Tăng/giảm"
    # A level the site does not have: no unit is counted for 2.2, and no level is named.
    report = build_report(Period(2024, 1), items, units, [CategoryRecord("x", "X")], "Asia/Ho_Chi_Minh", levels=levels)
    assert report["plan"]["target_level_name"] is None
    assert dict(target_paragraphs(report))["2.2. Tài liệu định hướng và hoạt động truyền thông trực tiếp"] == (
        "Không có đơn vị nào thuộc cấp áp dụng chỉ tiêu 2.2 trong danh sách đơn vị.")


def test_display_width_counts_vietnamese_letters_once():
    assert display_width("Đạt") == 3 and display_width("Đa\u0323t") == 3


# --- A real build ---------------------------------------------------------------------------------

def test_h1_csv_every_cell(h1):
    _, reports = h1
    rows = read_csv(reports / "bao-cao-2023-H1.csv")
    assert rows[0] == HEADER_H1
    assert rows[1:] == ROWS_H1


def test_h1_detail_csv(h1):
    _, reports = h1
    assert read_csv(reports / "bao-cao-2023-H1-chi-tiet.csv") == [
        ["Mã đơn vị", "Đơn vị", "Chuyên mục", "Loại bài", "Số bài"],
        ["nganh", "Công đoàn Ngành Thử", "Đối ngoại", "Tin bài", "1"],
        ["ctcs-a", "Công đoàn Tổng công ty An Phát", "Chính sách – Pháp luật", "Tin bài", "1"],
        ["ctcs-a", "Công đoàn Tổng công ty An Phát", "Tài liệu tuyên truyền", "Tài liệu định hướng", "2"],
        ["cs-a1", "Công đoàn Công ty An Phát 1", "Hoạt động công đoàn", "Tin bài", "1"],
    ]


def test_h1_json_every_cell(h1):
    settings, reports = h1
    data = json.loads((reports / "bao-cao-2023-H1.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(build_state(settings).report))
    assert data["period"] == {"id": "2023-H1", "label": "6 tháng đầu năm 2023", "start": "2023-01-01",
                              "end": "2023-06-30", "year": 2023, "half": 1}
    assert data["previous_period"]["id"] == "2022-H2"
    zero_kinds = {"tin-bai": 0, TL: 0, HD: 0}
    cats = ["hoat-dong-cong-doan", "chinh-sach-phap-luat", "tai-lieu-tuyen-truyen", "doi-ngoai"]

    def cross(**cells):
        table = {c: dict(zero_kinds) for c in cats}
        for key, count in cells.items():
            category, kind = key.split("__")
            table[category.replace("_", "-")][kind.replace("_", "-")] = count
        return table

    expected_own = {
        "nganh": cross(doi_ngoai__tin_bai=1),
        "ctcs-a": cross(chinh_sach_phap_luat__tin_bai=1, tai_lieu_tuyen_truyen__tai_lieu_dinh_huong=2),
        "cs-a1": cross(hoat_dong_cong_doan__tin_bai=1),
        "cs-a2": cross(), "ctcs-b": cross(),
    }
    expected_branch = {"nganh": 5, "ctcs-a": 4, "cs-a1": 1, "cs-a2": 0, "ctcs-b": 0}
    expected_previous = {"nganh": 1, "ctcs-a": 1, "cs-a1": 0, "cs-a2": 0, "ctcs-b": 0}
    assert [u["slug"] for u in data["units"]] == ["nganh", "ctcs-a", "cs-a1", "cs-a2", "ctcs-b"]
    assert [u["depth"] for u in data["units"]] == [0, 1, 2, 2, 1]
    for unit in data["units"]:
        slug = unit["slug"]
        assert unit["own"]["by_category_kind"] == expected_own[slug], slug
        assert unit["own"]["total"] == sum(sum(k.values()) for k in expected_own[slug].values())
        assert unit["own"]["previous"] == expected_previous[slug]
        assert unit["branch"]["total"] == expected_branch[slug]
    assert data["units"][0]["branch_units"] == ["nganh", "ctcs-a", "cs-a1", "cs-a2", "ctcs-b"]
    assert data["units"][0]["branch"]["by_category_kind"] == cross(
        doi_ngoai__tin_bai=1, chinh_sach_phap_luat__tin_bai=1, tai_lieu_tuyen_truyen__tai_lieu_dinh_huong=2,
        hoat_dong_cong_doan__tin_bai=1)
    assert data["organisation"]["by_category"] == {"hoat-dong-cong-doan": 1, "chinh-sach-phap-luat": 1,
                                                   "tai-lieu-tuyen-truyen": 2, "doi-ngoai": 1}
    assert (data["organisation"]["total"], data["organisation"]["previous"], data["organisation"]["trend"]) == (5, 2, "up")
    targets = {u["slug"]: u["targets"] for u in data["units"]}
    assert targets["ctcs-a"]["orientation"] == {"kind": TL, "kind_name": "Tài liệu định hướng", "applies": True,
                                                "count": 2, "required": 2, "figure": "2/2", "met": True,
                                                "verdict": "Đạt"}
    assert targets["ctcs-a"]["direct"]["figure"] == "0/2" and targets["ctcs-a"]["direct"]["met"] is False
    assert targets["ctcs-b"]["orientation"]["verdict"] == targets["ctcs-b"]["direct"]["verdict"] == "Chưa đạt"
    assert targets["ctcs-a"]["outreach"]["verdict"] == "Chưa đạt"  # fanpage but no trained communicator
    assert targets["cs-a1"]["outreach"]["met"] is True and targets["cs-a2"]["outreach"]["applies"] is False
    assert targets["nganh"]["orientation"]["applies"] is False
    assert data["targets_summary"] == {"orientation": {"applies": 2, "met": 1}, "direct": {"applies": 2, "met": 0},
                                       "outreach": {"applies": 3, "met": 2},
                                       "social_group": {"applies": 5, "met": 1}}  # 2.4: a Zalo group in unit.yml
    assert targets["cs-a1"]["social_group"]["verdict"] == "Đạt" and targets["nganh"]["social_group"]["met"] is False


def test_h1_xlsx_read_back(h1):
    _, reports = h1
    book = load_workbook(reports / "bao-cao-2023-H1.xlsx")
    assert book.sheetnames == ["Tổng hợp", "Chi tiết", "Biểu đồ"]
    sheet = book["Tổng hợp"]
    assert "6 tháng đầu năm 2023" in sheet["A1"].value
    assert "01/01/2023" in sheet["A2"].value and "30/06/2023" in sheet["A2"].value
    values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert values[0] == HEADER_H1
    expected = [[cell.lstrip("+") for cell in row] for row in ROWS_H1]  # numbers are numbers in Excel
    assert values[1:] == expected
    assert isinstance(sheet.cell(row=6, column=12).value, int)
    change = HEADER_H1.index("Tăng/giảm") + 1
    assert sheet.cell(row=6, column=change).value == 2 and sheet.cell(row=6, column=change).number_format == "+0;-0;0"
    assert all(cell.font.b for cell in sheet[4]) and not sheet["A5"].font.b
    assert all(cell.font.b for cell in sheet[10])  # the organisation's total
    assert sheet.freeze_panes == "C5"
    # The title spans the table (never cut between two printed pages); the header row has room for its lines.
    assert f"A1:{get_column_letter(len(HEADER_H1))}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.row_dimensions[4].height >= 15 * 4 and all(cell.alignment.wrap_text for cell in sheet[4])
    # Print setup: landscape A4, one page wide, the header row repeated on every page.
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", 9)  # 9 = A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.print_title_rows == "$4:$4"
    detail = [list(r) for r in book["Chi tiết"].iter_rows(min_row=4, values_only=True)]
    assert detail[0] == ["Mã đơn vị", "Đơn vị", "Chuyên mục", "Loại bài", "Số bài"]
    assert detail[3] == ["ctcs-a", "Công đoàn Tổng công ty An Phát", "Tài liệu tuyên truyền", "Tài liệu định hướng", 2]
    assert book["Chi tiết"].page_setup.orientation == "landscape"


def test_h1_xlsx_native_charts_beside_their_tables(h1):
    """openpyxl reads the charts back as chart objects: each one plots the table in columns A:B beside it."""
    _, reports = h1
    sheet = load_workbook(reports / "bao-cao-2023-H1.xlsx")["Biểu đồ"]
    cells = [[c for c in row] for row in sheet.iter_rows(min_col=1, max_col=2, values_only=True)]
    first = next(i for i, row in enumerate(cells) if row[0] == "Đơn vị")
    assert cells[first + 1:first + 6] == [["CĐ Ngành Thử", 1], ["CĐ An Phát", 3], ["CĐCS An Phát 1", 1],
                                          ["Công đoàn Công ty An Phát 2", 0], ["CĐ Bắc Sơn", 0]]
    months = next(i for i, row in enumerate(cells) if row[0] == "Tháng")
    assert cells[months + 1:months + 7] == [[f"Tháng {m}/2023", n] for m, n in
                                            zip(range(1, 7), (2, 0, 1, 1, 0, 1))]  # by hand: ARTICLES above
    from zipfile import ZipFile

    with ZipFile(reports / "bao-cao-2023-H1.xlsx") as package:
        charts = sorted(n for n in package.namelist() if n.startswith("xl/charts/chart"))
        xml = [package.read(n).decode("utf-8") for n in charts]
    assert len(charts) == 2 and all("<barChart>" in x and '<barDir val="bar"/>' in x for x in xml)
    refs = sorted(re.findall(r"<f>'Biểu đồ'!(\$[AB]\$\d+:\$[AB]\$\d+)</f>", "".join(xml)))
    assert f"$B${first + 2}:$B${first + 6}" in refs and f"$A${first + 2}:$A${first + 6}" in refs


def test_h1_html_page(h1):
    settings, reports = h1
    page = BeautifulSoup((reports / "bao-cao-2023-H1.html").read_text(encoding="utf-8"), "lxml")
    assert page.h1.get_text(strip=True) == "Báo cáo tin bài 6 tháng đầu năm 2023"
    assert page.find("html")["lang"] == "vi" and not page.select("script:not([type]) ~ canvas")
    rows = {tr["data-unit"]: tr for tr in page.select("[aria-labelledby=bc-don-vi] tbody tr[data-unit]")}
    assert list(rows) == ["nganh", "ctcs-a", "cs-a1", "cs-a2", "ctcs-b"]
    cells = lambda tr: [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]  # noqa: E731
    assert cells(rows["ctcs-a"]) == ["Công đoàn Tổng công ty An Phát", "3", "", "1", "↑ tăng 2", "4"]
    assert cells(rows["nganh"]) == ["Công đoàn Ngành Thử", "1", "", "1", "= không đổi", "5"]
    # widths in 5 % steps, as classes (the CSP allows no style attribute)
    widths = {slug: tr.select_one(".cdct-report__fill")["class"][-1] for slug, tr in rows.items()}
    assert widths == {"nganh": "cdct-report__fill--35", "ctcs-a": "cdct-report__fill--100",
                      "cs-a1": "cdct-report__fill--35", "cs-a2": "cdct-report__fill--0", "ctcs-b": "cdct-report__fill--0"}
    assert not page.select("[style]")
    targets = {tr["data-unit"]: cells(tr) for tr in page.select("[aria-labelledby=bc-chi-tieu] tbody tr")}
    assert targets["ctcs-a"][1:3] == ["Đạt (2/2)", "Chưa đạt (0/2)"]
    assert targets["cs-a2"][1:] == [NA, NA, NA]
    styles = " ".join(s.get_text() for s in page.find_all("style"))  # styles travel with the file
    assert ".cdct-report__fill{" in styles and "--cdct-blue-700" in styles and ".cdct-report__fill--35{width:35%}" in styles
    assert not page.find("script", src=True)  # no JavaScript in the stand-alone file
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is None or "style-src 'unsafe-inline'" in csp["content"]  # else the inline styles are blocked
    assert not page.select("nav a, .cdct-breadcrumbs")  # no site links that would point nowhere from disk
    # Nothing is loaded from the site: from disk or an e-mail it looks the same (print styles included).
    loaded = [tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script", "img", "source"])]
    assert [url for url in loaded if url and not url.startswith("data:")] == []
    assert "@media print" in styles and not page.find(href=re.compile(r"(^/|theme/)"))
    months = {tr["data-month"]: cells(tr) for tr in page.select("[aria-labelledby=bc-thang] tbody tr")}
    assert months == {f"2023-0{m}": [f"Tháng {m}/2023", str(n), ""] for m, n in zip(range(1, 7), (2, 0, 1, 1, 0, 1))}
    assert "cdct-report__fill--100" in page.select_one("[data-month='2023-01'] .cdct-report__fill")["class"]
    assert not (Path(settings["OUTPUT_PATH"]) / "bao-cao").exists()  # not published by default


def test_h2_and_year_reports(site):
    _, reports = build_report_files(site, "2023-H2", "h2")
    rows = {r[0]: r for r in read_csv(reports / "bao-cao-2023-H2.csv")[1:]}
    # unit: [own total, previous, change, branch, TLĐH, verdict, HĐTT, verdict]
    pick = lambda r: r[11:19]  # noqa: E731
    assert pick(rows["ctcs-a"]) == ["2", "3", "-1", "3", "2/2", "Đạt", "2/2", "Đạt"]
    assert pick(rows["nganh"]) == ["0", "1", "-1", "3", "", NA, "", NA]
    assert pick(rows["cs-a1"]) == ["1", "1", "0", "1", "", NA, "", NA]
    assert rows["ctcs-a"][4:11] == ["2", "0", "0", "0", "0", "0", "2"]
    assert pick(rows[""]) == ["3", "5", "-2", "3", "", "", "", ""]
    settings, reports = build_report_files(site, "2023", "year")
    header, *body = read_csv(reports / "bao-cao-2023.csv")
    assert header[12] == "Kỳ trước (Năm 2022)" and header[15] == "Tài liệu định hướng (cả năm/chỉ tiêu)"
    rows = {r[0]: r for r in body}
    assert pick(rows["ctcs-a"]) == ["5", "1", "+4", "7", "2/2", "Đạt", "2/2", "Đạt"]
    assert rows["ctcs-a"][4:11] == ["2", "1", "2", "0", "1", "2", "2"]
    assert pick(rows["cs-a1"])[:4] == ["2", "0", "+2", "2"]
    assert pick(rows["cs-a2"])[:4] == ["0", "0", "0", "0"]  # its 31/12/2023 UTC article is 2024 in Vietnam
    assert pick(rows[""])[:3] == ["8", "2", "+6"]


def test_the_report_pages_text_comes_from_the_builds_catalog(site):
    """report.html's strings go through gettext (issue 19): with the English catalog the same report
    reads in English, its figures unchanged (the period and unit names are data, not template text)."""
    settings, reports = build_report_files(site, "2023-H1", "h1-en", DEFAULT_LANG="en")
    page = BeautifulSoup((reports / "bao-cao-2023-H1.html").read_text(encoding="utf-8"), "lxml")
    assert page.h1.get_text(strip=True) == "News report for 6 tháng đầu năm 2023"
    assert page.select_one("#bc-don-vi").get_text() == "Articles by unit"
    cells = lambda tr: [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]  # noqa: E731
    assert cells(page.select_one("[aria-labelledby=bc-don-vi] tr[data-unit=ctcs-a]"))[4] == "↑ up 2"
    targets = cells(page.select_one("[aria-labelledby=bc-chi-tieu] tr[data-unit=ctcs-a]"))
    assert targets[1:3] == ["Met (2/2)", "Not met (0/2)"]
    assert "Only published articles are counted" in page.select_one(".cdct-report__note").get_text()

def test_current_half_year_leaves_out_future_articles_and_publishes_on_request(site):
    period, _, _ = now_and_current()
    settings, reports = build_report_files(site, "current", "now", REPORTS_PUBLISH=True)
    report = build_state(settings).report
    assert report["period"]["id"] == period.id
    own = {u["slug"]: u["own"] for u in report["units"]}
    assert own["cs-a1"]["total"] == 1 and own["ctcs-a"]["total"] == 0  # the scheduled article is not counted
    assert report["organisation"]["total"] == 1
    page = Path(settings["OUTPUT_PATH"]) / "bao-cao" / period.slug / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assert soup.h1.get_text(strip=True) == f"Báo cáo tin bài {period.label.lower()}"
    sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert "../../theme/css/report.css" in sheets and not soup.find("style")  # CSP: style-src 'self'
    assert (Path(settings["OUTPUT_PATH"]) / "theme" / "css" / "report.css").is_file()


def test_period_without_articles_writes_nothing(site, caplog):
    settings, reports = build_report_files(site, "2010", "empty")
    assert build_state(settings).report["organisation"]["total"] == 0
    assert not reports.exists()
    assert "Không có bài viết nào đã đăng trong Năm 2010" in caplog.text


def test_bad_setting_names_the_setting(site):
    with pytest.raises(ValueError, match="REPORTS_PERIOD: Kỳ báo cáo '2023-H3' không hợp lệ"):
        build_report_files(site, "2023-H3", "bad")


# --- The command line (invoke report, as an editor runs it) --------------------------------------

def invoke_report(*args, cwd=ROOT):
    return subprocess.run([str(ROOT / ".venv" / "bin" / "invoke"), "report", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_prints_aligned_table_and_file_paths(site, tmp_path):
    out = tmp_path / "bc"
    result = invoke_report("--year", "2023", "--half", "1", "--content", str(site / "content"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "BÁO CÁO TIN BÀI – 6 THÁNG ĐẦU NĂM 2023 (01/01/2023 – 30/06/2023, giờ Việt Nam)" in text
    assert "Tổng số bài đã đăng: 5 (↑3 so với 6 tháng cuối năm 2022: 2 bài)" in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Đơn vị "))
    table = lines[header:header + 9]
    split = lambda line: re.split(r"\s{2,}", line.strip())  # noqa: E731
    assert split(table[0]) == ["Đơn vị", "Tổng", "Kỳ trước", "+/-", "Tin bài", "TL định hướng", "HĐ trực tiếp",
                               "Toàn nhánh", "Chỉ tiêu TLĐH", "Chỉ tiêu HĐTT", "Fanpage/cán bộ"]
    assert split(table[2]) == ["CĐ Ngành Thử", "1", "1", "=", "1", "0", "0", "5", "–", "–", "Đạt"]
    assert table[3].startswith("  CĐ An Phát ")
    assert split(table[3]) == ["CĐ An Phát", "3", "1", "↑2", "1", "2", "0", "4", "Đạt 2/2", "Chưa đạt 0/2", "Chưa đạt"]
    assert table[4].startswith("    CĐCS An Phát 1 ")
    assert split(table[5]) == ["Công đoàn Công ty An Phát 2", "0", "0", "=", "0", "0", "0", "0", "–", "–", "–"]
    assert split(table[6]) == ["CĐ Bắc Sơn", "0", "0", "=", "0", "0", "0", "0", "Chưa đạt 0/2", "Chưa đạt 0/2", "–"]
    assert split(table[8]) == ["TOÀN CÔNG ĐOÀN (tổng các đơn vị)", "5", "2", "↑3", "3", "2", "0", "5"]
    # Right-aligned numbers: every row's "Tổng" ends in the header's column.
    end = display_width(table[0][:table[0].index("Tổng") + len("Tổng")])
    for line in table[2:7] + table[8:9]:
        assert line[end - 1].isdigit() and line[end] == " ", line
    for name in ("bao-cao-2023-H1.csv", "bao-cao-2023-H1-chi-tiet.csv", "bao-cao-2023-H1.xlsx",
                 "bao-cao-2023-H1.json", "bao-cao-2023-H1.html"):
        assert f"{out / name}" in text and (out / name).is_file()
    assert read_csv(out / "bao-cao-2023-H1.csv")[1:] == ROWS_H1


@pytest.mark.parametrize("args, message", [
    (["--half", "3"], "✗ Kỳ --half '3' không hợp lệ: ghi --half 1 (6 tháng đầu năm) hoặc --half 2"),
    (["--year", "abc"], "✗ Năm 'abc' không hợp lệ: hãy ghi năm bằng 4 chữ số, ví dụ: --year 2024."),
    (["--year", "2023", "--content", "/khong/co"], "✗ Không tìm thấy thư mục nội dung /khong/co"),
])
def test_cli_bad_input(args, message):
    result = invoke_report(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_period_without_articles(site, tmp_path):
    result = invoke_report("--year", "2010", "--content", str(site / "content"), "--output", str(tmp_path / "bc"))
    assert result.returncode == 1
    assert "✗ Không có bài viết nào đã đăng trong Năm 2010 (01/01/2010 – 31/12/2010)." in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "bc").exists()


def test_cli_defaults_to_current_half_year(site, tmp_path):
    period, _, _ = now_and_current()
    result = invoke_report("--content", str(site / "content"), "--output", str(tmp_path / "bc"))
    assert result.returncode == 0, result.stderr
    assert f"BÁO CÁO TIN BÀI – {period.label.upper()}" in result.stdout
    assert "Tổng số bài đã đăng: 1 " in result.stdout
    assert (tmp_path / "bc" / f"bao-cao-{period.id}.xlsx").is_file()


# --- REPORTS_* settings: defaults and validation in one place ---------------------------------------

def test_report_settings_defaults_make_a_valid_letterhead():
    from union_reports.settings import report_settings

    config = report_settings({"SITENAME": "Công đoàn Ngành Thử"})
    head = config.letterhead
    assert (config.period, config.path, config.publish) == (None, "reports", False)
    assert (head.issuer, head.superior, head.symbol, head.number, head.recipients) == (
        "Công đoàn Ngành Thử", "", "BC", "", ("Lưu: VT.",))
    assert head.subject_for("6 tháng đầu năm 2024") == "Kết quả đăng tin bài trên trang thông tin điện tử 6 tháng đầu năm 2024"


@pytest.mark.parametrize("key, value, message", [
    ("REPORTS_PERIOD", "2024-H3", "REPORTS_PERIOD: Kỳ báo cáo '2024-H3' không hợp lệ"),
    ("REPORTS_SIGNER", {"name": "A", "chuc_vu": "B"}, "REPORTS_SIGNER: phải là một dict với các khóa authority"),
    ("REPORTS_SIGNER", {"name": 5}, "REPORTS_SIGNER: name phải là một đoạn chữ"),
    ("REPORTS_RECIPIENTS", "Lưu: VT.", "REPORTS_RECIPIENTS: phải là danh sách nơi nhận"),
    ("REPORTS_RECIPIENTS", [], "REPORTS_RECIPIENTS: phải là danh sách nơi nhận"),
    ("REPORTS_SYMBOL", "12/BC-CĐ", "REPORTS_SYMBOL: '12/BC-CĐ' là phần ký hiệu sau dấu /"),
    ("REPORTS_SUBJECT", "Kết quả {ky}", "REPORTS_SUBJECT: chỉ được dùng chỗ trống {period}"),
    ("REPORTS_PLACE", "  ", "REPORTS_PLACE: không được để trống."),
    ("REPORTS_NUMBER", True, "REPORTS_NUMBER: phải là số văn bản"),
    ("REPORTS_SAVE_AS", "bao-cao/index.html", "REPORTS_SAVE_AS: phải có {slug}"),
])
def test_report_settings_refuse_what_cannot_work_naming_the_setting(key, value, message):
    from union_reports.settings import report_settings

    with pytest.raises(ValueError, match=re.escape(message)):
        report_settings({"SITENAME": "X", key: value})


def test_a_bad_letterhead_setting_stops_the_build_before_reading(site):
    with pytest.raises(ValueError, match=re.escape("REPORTS_RECIPIENTS: phải là danh sách nơi nhận")):
        build_report_files(site, "2023-H1", "bad-recipients", REPORTS_RECIPIENTS="Lưu: VT.")
