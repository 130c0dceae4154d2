"""The report's office documents as an office sees them: converted to PDF by LibreOffice, read back.

The DOCX must carry the Decree 30/2020 letterhead from the settings and every unit's figures equal to
the CSV's; the XLSX summary must print on landscape A4, one page wide, one page per 20 units at most,
with its header row on every page. Each LibreOffice run has its own profile folder (xdist-safe).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from conftest import article, run_pelican
from test_reports import CATEGORIES, ROWS_H1, site_files

pytestmark = pytest.mark.slow

LETTERHEAD = {
    "REPORTS_SUPERIOR": "Liên đoàn Lao động Thử nghiệm",
    "REPORTS_ISSUER": "Công đoàn Ngành Thử",
    "REPORTS_SYMBOL": "BC-CĐNT",
    "REPORTS_NUMBER": 27,
    "REPORTS_PLACE": "Hải Phòng",
    "REPORTS_SIGNER": {"authority": "TM. Ban Thường vụ", "position": "Chủ tịch", "name": "Lê Thị Mẫu"},
    "REPORTS_RECIPIENTS": ["Liên đoàn Lao động Thử nghiệm (để báo cáo);", "Lưu: VT, TG."],
}


def to_pdf(document: Path, tmp: Path) -> Path:
    """LibreOffice headless, with a profile folder of its own, into a folder of its own."""
    out = tmp / f"pdf-{document.suffix[1:]}"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(out), str(document)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{document.stem}.pdf"


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_info(pdf: Path) -> dict:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", text, re.M).group(1))
    width, height = (float(v) for v in re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", text, re.M).groups())
    return {"pages": pages, "landscape": width > height, "a4": {round(width), round(height)} == {595, 842}}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes()[3:].decode("utf-8"))))


def write_site(root: Path, files: dict) -> Path:
    content = root / "content"
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def h1(tmp_path_factory):
    root = tmp_path_factory.mktemp("report-docs")
    content = write_site(root, site_files())
    reports = root / "reports"
    run_pelican(content, root / "output", REPORTS_PERIOD="2023-H1", REPORTS_PATH=str(reports), **LETTERHEAD)
    return root, reports


def test_docx_is_a_decree_30_document_with_the_settings_letterhead(h1):
    root, reports = h1
    data = json.loads((reports / "bao-cao-2023-H1.json").read_text(encoding="utf-8"))
    docx = Document(str(reports / "bao-cao-2023-H1.docx"))
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25 and 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20
    normal = docx.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14

    pdf = to_pdf(reports / "bao-cao-2023-H1.docx", root)
    info = pdf_info(pdf)
    assert info["a4"] and not info["landscape"]
    text = pdf_text(pdf)
    first = pdf_text(pdf, 1)
    day = dt.date.fromisoformat(data["generated"][:10])
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    # Letterhead: the superior and issuing bodies on the left in capitals, the national name and motto
    # on the right, number and symbol, place and date; every word of it from the settings.
    lines = [re.split(r"\s{3,}", line.strip()) for line in first.splitlines() if line.strip()]
    assert lines[0] == ["LIÊN ĐOÀN LAO ĐỘNG THỬ NGHIỆM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert lines[1] == ["CÔNG ĐOÀN NGÀNH THỬ", "Độc lập - Tự do - Hạnh phúc"]
    assert re.sub(r"\s+", " ", " ".join(lines[2])) == (
        f"Số: 27/BC-CĐNT Hải Phòng, ngày {day.day:02d} tháng {month} năm {day.year}")
    assert "BÁO CÁO" in lines[3] and lines[4] == ["Kết quả đăng tin bài trên trang thông tin điện tử 6 tháng đầu năm 2023"]
    assert "Công đoàn Công Thương" not in text and "CĐCT" not in text  # nothing from the sample settings
    flat = re.sub(r"\s+", " ", text)
    assert "Từ ngày 01/01/2023 đến ngày 30/06/2023, trang thông tin điện tử đã đăng 5 tin bài, tăng 3 bài (+150%)" in flat
    assert "so với 6 tháng cuối năm 2022 (2 bài)" in flat
    for heading in ("I. KẾT QUẢ ĐĂNG TIN BÀI", "II. SO SÁNH VỚI KỲ TRƯỚC", "2.1. Fanpage", "2.4. Nhóm truyền thông"):
        assert heading in flat
    # The closing: addressees on the left, the signature block on the right, with room to sign.
    assert re.search(r"Nơi nhận:\s+TM\. BAN THƯỜNG VỤ", flat)
    assert "- Liên đoàn Lao động Thử nghiệm (để báo cáo);" in flat and "- Lưu: VT, TG." in flat
    last = pdf_text(pdf, info["pages"]).splitlines()
    position = next(i for i, line in enumerate(last) if "CHỦ TỊCH" in line)
    name = next(i for i, line in enumerate(last) if "Lê Thị Mẫu" in line)
    assert name - position >= 4  # blank lines for the signature and seal
    assert info["pages"] >= 2 and re.search(r"^\s*2\s*$", pdf_text(pdf, 2).splitlines()[0])  # page number


def table_rows(text: str, columns: int) -> dict[int, list[str]]:
    """Rows of a numbered table in pdftotext -layout text: STT → the numbers after the unit's name."""
    numbers = r"\s+".join([r"([+-]?\d+)"] * columns)
    rows = {}
    for line in text.splitlines():
        match = re.match(rf"^\s*(\d+)\s+\S.*?\s+{numbers}\s*$", line)
        if match:
            rows.setdefault(int(match.group(1)), list(match.groups()[1:]))
    return rows


def test_docx_figures_equal_the_csv(h1):
    root, reports = h1
    csv_rows = read_csv(reports / "bao-cao-2023-H1.csv")
    header, body = csv_rows[0], csv_rows[1:-1]
    assert body == ROWS_H1[:-1]
    text = pdf_text(to_pdf(reports / "bao-cao-2023-H1.docx", root))
    by_unit = text[text.index("Bảng 2."):text.index("Bảng 3.")]
    by_kind = text[text.index("Bảng 4."):text.index("II. SO SÁNH")]
    targets = text[text.index("Bảng 5."):]
    own = [header.index(c) for c in ("Tổng số bài của đơn vị", header[12], "Tăng/giảm",
                                     "Tổng toàn nhánh (gồm đơn vị trực thuộc)")]
    kinds = [header.index(c) for c in ("Tin bài", "Tài liệu định hướng", "Hoạt động truyền thông trực tiếp")]
    unit_table, kind_table = table_rows(by_unit, 4), table_rows(by_kind, 3)
    assert sorted(unit_table) == sorted(kind_table) == list(range(1, len(body) + 1))
    for number, row in enumerate(body, start=1):
        assert unit_table[number] == [row[i] for i in own], row[1]
        assert kind_table[number] == [row[i] for i in kinds], row[1]
    total = ROWS_H1[-1]
    assert re.search(rf"Toàn Công đoàn\s+{total[11]}\s+{total[12]}\s+\{total[13]}\s+{total[14]}", by_unit)
    # Target 2.2 of each upper-level union, as "count/required – verdict" like the CSV's two columns.
    flat = re.sub(r"\s+", " ", targets)
    for number, row in enumerate(body, start=1):
        if row[15]:
            assert f"{row[15]} – {row[16]} {row[17]} – {row[18]}" in flat, row[1]


UNIT_COUNT = 45


@pytest.fixture(scope="module")
def many_units(tmp_path_factory):
    """45 units (more than two pages' worth) under one industry union, some with articles."""
    root = tmp_path_factory.mktemp("report-many")
    files = {"categories.yml": CATEGORIES,
             "units/nganh/unit.yml": 'name: "Công đoàn Ngành Thử"\nlevel: cap-nganh\nmembers: 90000\n'}
    for index in range(1, UNIT_COUNT):
        slug = f"don-vi-{index:02d}"
        files[f"units/{slug}/unit.yml"] = (f'name: "Công đoàn cơ sở Công ty Cổ phần Thử nghiệm số {index}"\n'
                                           f"level: cap-tren-co-so\nparent: nganh\nmembers: {500 * index}\n")
        for n in range(index % 4):
            files[f"units/{slug}/2024/bai-{n}.md"] = article(f"Bài {n} của đơn vị {index}", f"2024-0{n + 1}-10 08:00",
                                                             "hoat-dong-cong-doan")
    content = write_site(root, files)
    reports = root / "reports"
    run_pelican(content, root / "output", REPORTS_PERIOD="2024-H1", REPORTS_PATH=str(reports))
    return root, reports


@pytest.mark.parametrize("fixture", ["h1", "many_units"])
def test_xlsx_summary_prints_landscape_one_page_per_20_units(fixture, request, tmp_path):
    root, reports = request.getfixturevalue(fixture)
    source = next(reports.glob("*.xlsx"))
    csv_body = read_csv(next(p for p in reports.glob("*.csv") if "chi-tiet" not in p.name))[1:]
    units = len(csv_body) - 1
    # The summary sheet alone, as the office prints it (the other sheets print on their own pages).
    book = load_workbook(source)
    for name in book.sheetnames[1:]:
        del book[name]
    summary = tmp_path / "tong-hop.xlsx"
    book.save(summary)
    pdf = to_pdf(summary, tmp_path)
    info = pdf_info(pdf)
    assert info["a4"] and info["landscape"]
    assert info["pages"] <= math.ceil(units / 20), f"{units} units on {info['pages']} pages"
    assert fixture == "h1" or info["pages"] >= 2  # the header-on-every-page check below means something
    text = pdf_text(pdf)
    first = pdf_text(pdf, 1)
    assert "Báo cáo số tin bài đăng trên trang thông tin điện tử – 6 tháng đầu năm" in first  # title not cut
    for page in range(1, info["pages"] + 1):
        assert "Mã đơn vị" in pdf_text(pdf, page), f"header row missing on page {page}"
    # Every unit is on the printout with its own total, the +1/-1 difference printed with its sign.
    change = 13
    for row in csv_body[:-1]:
        line = next((line for line in text.splitlines() if re.match(rf"^\s*{re.escape(row[0])}\s", line)), None)
        assert line is not None, row[0]
        numbers = re.findall(r"(?<![\w/])[+-]?\d+(?![\w/])", line)
        assert row[change] in numbers, (row[0], row[change], line)


def test_whole_xlsx_converts_every_sheet_landscape(h1):
    root, reports = h1
    pdf = to_pdf(reports / "bao-cao-2023-H1.xlsx", root / "whole")
    info = pdf_info(pdf)
    assert info["a4"] and info["landscape"]
    text = pdf_text(pdf)
    assert "Chuyên mục" in text and "Số bài của từng đơn vị, 6 tháng đầu năm 2023" in text  # detail, charts


def test_standalone_html_passes_the_nu_validator(h1, tmp_path):
    from test_theme_quality import nu_errors

    _, reports = h1
    folder = tmp_path / "html"
    folder.mkdir()
    (folder / "bao-cao.html").write_bytes((reports / "bao-cao-2023-H1.html").read_bytes())
    pages, errors = nu_errors(folder)
    assert pages == 1 and [f"{m.get('lastLine')}: {m['message']}" for m in errors] == []
