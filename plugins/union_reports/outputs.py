"""Render a report dict (counting.build_report) as the office's files and the terminal table.

Pure renderers (``summary_table``, ``detail_table``, ``terminal_table``, ``csv_bytes``, ``xlsx_bytes``,
``json_bytes``) plus ``write_files`` which puts them in the reports folder. Headers are Vietnamese; CSV is
UTF-8 with a BOM so that Excel shows the diacritics when the file is double-clicked.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from site_core.kinds import Kind

from .charts import ChartStyle, chart_data

ORG_NAME = "TOÀN CÔNG ĐOÀN (tổng các đơn vị)"
TREND_ARROWS = {"up": "↑", "down": "↓", "same": "="}


def file_stem(report: dict) -> str:
    return f"bao-cao-{report['period']['id']}"


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def trend(cell: dict) -> str:
    """``↑2``, ``↓1`` or ``=`` from an own/branch/organisation dict."""
    diff = cell["difference"]
    return f"{TREND_ARROWS[cell['trend']]}{abs(diff) if diff else ''}"


def summary_columns(report: dict) -> list[tuple[str, str]]:
    """(key, Vietnamese header) of each column of the summary table. The key says what a column holds
    (the layout is decided on it: widths, the signed column); the header is only shown."""
    half = report["period"]["half"]
    target_note = "lũy kế năm" if half else "cả năm"
    members = report["plan"]["outreach_members"]
    return ([("slug", "Mã đơn vị"), ("name", "Đơn vị"), ("level", "Cấp"), ("parent", "Trực thuộc")]
            + [(f"category:{c['slug']}", c["name"]) for c in report["categories"]]
            + [(f"kind:{k['slug']}", k["name"]) for k in report["kinds"]]
            + [("total", "Tổng số bài của đơn vị"), ("previous", f"Kỳ trước ({report['previous_period']['label']})"),
               ("difference", "Tăng/giảm"), ("branch", "Tổng toàn nhánh (gồm đơn vị trực thuộc)"),
               ("orientation", f"Tài liệu định hướng ({target_note}/chỉ tiêu)"),
               ("orientation_verdict", "Đánh giá tài liệu định hướng"),
               ("direct", f"Hoạt động truyền thông trực tiếp ({target_note}/chỉ tiêu)"),
               ("direct_verdict", "Đánh giá hoạt động trực tiếp"),
               ("members", "Số đoàn viên"), ("fanpage", "Fanpage"), ("trained", "Cán bộ truyền thông được đào tạo"),
               ("outreach_verdict", f"Đánh giá fanpage và cán bộ truyền thông (đơn vị từ {vi_count(members)} đoàn viên)")])


def summary_header(report: dict) -> list[str]:
    return [header for _key, header in summary_columns(report)]


def summary_column(report: dict, key: str) -> int:
    """The index of the summary column holding ``key`` (see summary_columns)."""
    return [k for k, _header in summary_columns(report)].index(key)


def vi_count(number: int) -> str:
    """``1.000``: thousands grouped with a dot, as Vietnamese documents write them."""
    return f"{number:,}".replace(",", ".")


def summary_table(report: dict) -> list[list]:
    """Header row, one row per unit (tree order), then the organisation's total. Counts are ints."""
    cats = [c["slug"] for c in report["categories"]]
    kinds = [k["slug"] for k in report["kinds"]]
    rows = [summary_header(report)]
    for unit in report["units"]:
        own, targets = unit["own"], unit["targets"]
        outreach = targets["outreach"]
        rows.append(
            [unit["slug"], unit["name"], unit["level_name"], unit["parent_name"]]
            + [own["by_category"][c] for c in cats] + [own["by_kind"][k] for k in kinds]
            + [own["total"], own["previous"], own["difference"], unit["branch"]["total"],
               targets["orientation"]["figure"] if targets["orientation"]["applies"] else "",
               targets["orientation"]["verdict"],
               targets["direct"]["figure"] if targets["direct"]["applies"] else "",
               targets["direct"]["verdict"],
               unit["members"] if unit["members"] is not None else "",
               "Có" if outreach["has_fanpage"] else "Chưa có",
               outreach["trained_communicators"], outreach["verdict"]])
    org = report["organisation"]
    rows.append(["", ORG_NAME, "", ""] + [org["by_category"][c] for c in cats] + [org["by_kind"][k] for k in kinds]
                + [org["total"], org["previous"], org["difference"], org["total"]] + [""] * 8)
    return rows


def detail_table(report: dict) -> list[list]:
    """Unit × category × kind, own counts, only the cells that are not zero."""
    cat_names = {c["slug"]: c["name"] for c in report["categories"]}
    kind_names = {k["slug"]: k["name"] for k in report["kinds"]}
    rows = [["Mã đơn vị", "Đơn vị", "Chuyên mục", "Loại bài", "Số bài"]]
    for unit in report["units"]:
        for cat, by_kind in unit["own"]["by_category_kind"].items():
            for kind, count in by_kind.items():
                if count:
                    rows.append([unit["slug"], unit["name"], cat_names[cat], kind_names[kind], count])
    return rows


def _csv_cell(value):
    return signed(value) if isinstance(value, int) and value < 0 else value


def csv_bytes(rows: list[list], signed_column: int | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, row in enumerate(rows):
        if index and signed_column is not None and isinstance(row[signed_column], int):
            row = [*row[:signed_column], signed(row[signed_column]), *row[signed_column + 1:]]
        writer.writerow(row)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


# Excel layout: column widths (characters) by column key (summary_columns; a verdict is "text", others "count"), and the signed format of the +1/-1 column.
XLSX_WIDTHS = {"slug": 12, "name": 24, "level": 13, "parent": 20, "count": 8, "text": 11}
SIGNED_FORMAT = "+0;-0;0"
LINE_PT = 15  # one line of 11-point text


def _lines(text, width: float) -> int:
    """How many lines a wrapped cell of ``width`` characters needs (words are not split)."""
    lines, used = 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > width - 1:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _print_setup(sheet, header_row: int, last_column: int):
    """Landscape A4, every column on one page width, the header row repeated on every page."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.properties import PageSetupProperties  # noqa: PLC0415

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(last_column)}{sheet.max_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "Trang &P/&N"


def _table_sheet(book, name: str, rows: list[list], title: str, subtitle: str, widths: list[int],
                 signed_columns: set[int], total_row: bool, index: int):
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    sheet = book.active if index == 0 else book.create_sheet()
    sheet.title = name
    columns = len(rows[0])
    thin = Side(style="thin", color="808080")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row_number, text, font in ((1, title, Font(bold=True, size=13)), (2, subtitle, Font(italic=True))):
        sheet.cell(row=row_number, column=1, value=text).font = font
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=columns)
        sheet.cell(row=row_number, column=1).alignment = Alignment(wrap_text=True, vertical="center")
    total_width = sum(widths)
    sheet.row_dimensions[1].height = LINE_PT * 1.3 * _lines(title, total_width * 0.85)
    sheet.row_dimensions[2].height = LINE_PT * _lines(subtitle, total_width)
    header_row = 4  # row 3 stays empty
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=header_row + offset, column=column, value=value)
    fill = PatternFill("solid", fgColor="DCE6F1")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row_index in range(header_row, sheet.max_row + 1):
        is_header = row_index == header_row
        height = 1
        for column in range(1, columns + 1):
            cell = sheet.cell(row=row_index, column=column)
            cell.border = grid
            wrap = is_header or isinstance(cell.value, str)
            cell.alignment = Alignment(wrap_text=wrap, vertical="center" if is_header else "top",
                                       horizontal="center" if is_header else None)
            if is_header:
                cell.font, cell.fill = Font(bold=True), fill
            if not is_header and column - 1 in signed_columns and isinstance(cell.value, int):
                cell.number_format = SIGNED_FORMAT
            if cell.value not in (None, ""):
                height = max(height, _lines(cell.value, widths[column - 1] * (0.9 if is_header else 1)))
        # An explicit height: a wrapped cell then never spills over the row below in print.
        sheet.row_dimensions[row_index].height = LINE_PT * height
    if total_row:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    _print_setup(sheet, header_row, columns)
    return sheet


def _chart_sheet(book, report: dict, title: str, style: ChartStyle):
    """Each chart's figures as a table, and a native bar chart of them beside it."""
    from openpyxl.chart import BarChart, Reference  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    sheet = book.create_sheet("Biểu đồ")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 36, 10
    row = 3
    anchors = []
    for chart in chart_data(report).values():
        sheet.cell(row=row, column=1, value=chart.title).font = Font(bold=True)
        sheet.cell(row=row + 1, column=1, value=chart.label_header).font = Font(bold=True)
        sheet.cell(row=row + 1, column=2, value=chart.value_header).font = Font(bold=True)
        for offset, (label, value) in enumerate(chart.bars, start=2):
            sheet.cell(row=row + offset, column=1, value=label)
            sheet.cell(row=row + offset, column=2, value=value)
        first, last = row + 2, row + 1 + len(chart.bars)
        bars = BarChart()
        bars.type, bars.style = "bar", 10
        bars.title, bars.legend = chart.title, None
        bars.y_axis.title = chart.value_header
        bars.x_axis.scaling.orientation = "maxMin"  # first unit / month at the top, as in the table
        bars.y_axis.majorGridlines = None
        bars.x_axis.delete = bars.y_axis.delete = False
        bars.add_data(Reference(sheet, min_col=2, min_row=row + 1, max_row=last), titles_from_data=True)
        bars.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        bars.height = max(6.0, 0.65 * len(chart.bars) + 2.5)
        bars.width = 16
        bars.series[0].graphicalProperties.solidFill = style.bar_hex
        anchors.append((bars, f"D{row}"))
        rows_taken = max(len(chart.bars) + 3, int(bars.height / 0.5) + 2)
        row += rows_taken
    for bars, anchor in anchors:
        sheet.add_chart(bars, anchor)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return sheet


def xlsx_bytes(report: dict, style: ChartStyle = ChartStyle()) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - only needed when the files are written

    title = f"Báo cáo số tin bài đăng trên trang thông tin điện tử – {report['period']['label']}"
    subtitle = (f"Từ {_vi_date(report['period']['start'])} đến {_vi_date(report['period']['end'])} (giờ Việt Nam); "
                f"so sánh với {report['previous_period']['label']}.")
    book = Workbook()
    summary = summary_table(report)
    widths = [XLSX_WIDTHS.get(key, XLSX_WIDTHS["text" if key.endswith("_verdict") else "count"])
              for key, _header in summary_columns(report)]
    _table_sheet(book, "Tổng hợp", summary, title, subtitle, widths, {summary_column(report, "difference")}, True, 0)
    detail = detail_table(report)
    _table_sheet(book, "Chi tiết", detail, title, subtitle, [14, 34, 26, 30, 9], set(), False, 1)
    _chart_sheet(book, report, title, style)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _vi_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def json_bytes(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def write_files(report: dict, folder: Path, html: str | None = None, letterhead=None, style=None) -> dict:
    """Write CSV (summary and detail), XLSX, JSON and, if given, the HTML page and (with the settings'
    ``Letterhead``) the signed document as DOCX; return name → path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(report)
    summary = summary_table(report)
    files = {
        "csv": (f"{stem}.csv", csv_bytes(summary, signed_column=summary_column(report, "difference"))),
        "csv_detail": (f"{stem}-chi-tiet.csv", csv_bytes(detail_table(report))),
        "xlsx": (f"{stem}.xlsx", xlsx_bytes(report, style or ChartStyle())),
        "json": (f"{stem}.json", json_bytes(report)),
    }
    if letterhead is not None:
        from .document import docx_bytes  # noqa: PLC0415

        files["docx"] = (f"{stem}.docx", docx_bytes(report, letterhead, style or ChartStyle()))
    if html is not None:
        files["html"] = (f"{stem}.html", html.encode("utf-8"))
    written = {}
    for key, (name, data) in files.items():
        (folder / name).write_bytes(data)
        written[key] = folder / name
    return written


# --- Terminal -------------------------------------------------------------------------------------

def display_width(text: str) -> int:
    """Columns a string takes on a terminal (combining marks take none, wide characters two)."""
    width = 0
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def terminal_table(report: dict) -> str:
    """The report as aligned text: one line per unit, then the organisation and the targets."""
    kinds = report["kinds"]
    header = (["Đơn vị", "Tổng", "Kỳ trước", "+/-"] + [Kind(k["slug"]).short_label for k in kinds]
              + ["Toàn nhánh", "Chỉ tiêu TLĐH", "Chỉ tiêu HĐTT", "Fanpage/cán bộ"])
    rows = []
    for unit in report["units"]:
        own, targets = unit["own"], unit["targets"]
        cells = ["  " * unit["depth"] + (unit["short_name"] or unit["name"]), str(own["total"]),
                 str(own["previous"]), trend(own)]
        cells += [str(own["by_kind"][k["slug"]]) for k in kinds]
        cells.append(str(unit["branch"]["total"]))
        for key in ("orientation", "direct", "outreach"):
            target = targets[key]
            if not target["applies"]:
                cells.append("–")
            elif key == "outreach":
                cells.append(target["verdict"])
            else:
                cells.append(f"{target['verdict']} {target['figure']}")
        rows.append(cells)
    org = report["organisation"]
    rows.append([ORG_NAME, str(org["total"]), str(org["previous"]), trend(org)]
                + [str(org["by_kind"][k["slug"]]) for k in kinds] + [str(org["total"]), "", "", ""])
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    numeric = {1, 2, 4, 5, 6, 7}
    lines = ["  ".join(pad(h, widths[i], i in numeric) for i, h in enumerate(header)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for index, row in enumerate(rows):
        if index == len(rows) - 1:
            lines.append("  ".join("-" * w for w in widths))
        lines.append("  ".join(pad(c, widths[i], i in numeric) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)


def terminal_report(report: dict, files: dict) -> str:
    period, previous = report["period"], report["previous_period"]
    summary = report["targets_summary"]
    note = "lũy kế từ đầu năm" if period["half"] else "cả năm"
    plan = report["plan"]
    level = f"cấp “{plan['target_level_name']}”" if plan["target_level_name"] else "không có cấp áp dụng"
    # One figure when every target kind asks the same number of articles (the plan's 2 and 2).
    required = "/".join(sorted({str(n) for n in plan["target_kinds"].values()}))
    parts = [
        f"BÁO CÁO TIN BÀI – {period['label'].upper()} ({_vi_date(period['start'])} – {_vi_date(period['end'])}, giờ Việt Nam)",
        f"Tổng số bài đã đăng: {report['organisation']['total']} "
        f"({trend(report['organisation'])} so với {previous['label']}: {report['organisation']['previous']} bài)",
        "",
        terminal_table(report),
        "",
        f"Chỉ tiêu 2.2 ({note}, {level}, mỗi loại ≥ {required}/năm): "
        f"tài liệu định hướng {summary['orientation']['met']}/{summary['orientation']['applies']} đơn vị đạt; "
        f"hoạt động trực tiếp {summary['direct']['met']}/{summary['direct']['applies']} đơn vị đạt.",
        f"Chỉ tiêu 2.1/2.3 (đơn vị từ {vi_count(plan['outreach_members'])} đoàn viên: có fanpage và "
        f"≥ {plan['outreach_communicators']} cán bộ truyền thông được đào tạo): "
        f"{summary['outreach']['met']}/{summary['outreach']['applies']} đơn vị đạt.",
        "Ký hiệu: ↑ tăng, ↓ giảm, = không đổi so với kỳ trước; TLĐH = tài liệu định hướng, HĐTT = hoạt động "
        f"truyền thông trực tiếp (x/{required} = số đã có/chỉ tiêu năm); – chỉ tiêu không áp dụng cho đơn vị.",
        "",
        "Đã ghi các tệp báo cáo:",
    ]
    labels = {"csv": "CSV tổng hợp", "csv_detail": "CSV chi tiết", "xlsx": "Excel", "json": "JSON",
              "docx": "Văn bản Word", "html": "Trang HTML"}
    parts += [f"  {labels[key]:<13} {path}" for key, path in files.items()]
    return "\n".join(parts)
