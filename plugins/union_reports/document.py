"""The report as a document an office signs and sends upward: DOCX laid out per Decree 30/2020/NĐ-CP.

``docx_bytes(report, letterhead, style)`` is pure: a report dict (counting.build_report), the
``Letterhead`` from the REPORTS_* settings (settings.py) and the charts' style in, the bytes of a
.docx out. python-docx writes plain Word paragraphs, tables and pictures, so the office edits the
result in Word or LibreOffice like any document it types.

What the Decree's appendix I asks for, and where it is here:
- A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body 14 pt, justified,
  first line indented; page numbers centred in the header from page 2;
- top left: the superior body (upper case), the issuing body (upper case, bold), a short rule, and
  "Số: …/<symbol>"; top right: the national name (upper case, bold), the motto (bold) with a rule
  under it, then the place and date line in italics;
- the document's name ("BÁO CÁO", bold) with its summary under it (a report carries its subject
  there; the "V/v" line is the official letter's, which has no name);
- the body; then "Nơi nhận:" (bold italic) with its list on the left, and the signature block on the
  right: authority and position (upper case, bold), room for the signature and seal, the name (bold).
"""

from __future__ import annotations

import datetime as dt
import io

from .charts import ChartStyle, bar_chart_png, chart_data
from .outputs import vi_count
from .settings import Letterhead

FONT = "Times New Roman"
BODY_PT, HEAD_PT, TABLE_PT, RECIPIENT_PT = 14, 13, 12, 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PAGE_MM = (210, 297)
# The letterhead table reaches a little into the side margins, as office templates do, so that the
# national name (88 mm in 12 pt bold) and a body name of some 30 capitals each keep to one line.
LETTERHEAD_MM = (84, 90)  # left column (superior and issuing body, number), right column (national name, date)
LETTERHEAD_INDENT_MM = -6
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def vi_date_line(place: str, day: dt.date) -> str:
    """``Hà Nội, ngày 05 tháng 7 năm 2024``: days below 10 and months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(letterhead: Letterhead) -> str:
    """``Số: 15/BC-CĐN``, or room to write the number in when the office registers the report."""
    return f"Số: {letterhead.number or ' ' * 8}/{letterhead.symbol}"


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def change_words(difference: int, previous: int) -> str:
    """``tăng 3 bài (+60%)``, ``giảm 1 bài``, ``bằng kỳ trước``."""
    if difference == 0:
        return "bằng kỳ trước"
    share = f" ({signed(round(100 * difference / previous))}%)" if previous else ""
    return f"{'tăng' if difference > 0 else 'giảm'} {abs(difference)} bài{share}"


def _vi_day(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


# --- The document's text, as plain data (tested through the PDF LibreOffice makes of it) ----------

def summary_paragraphs(report: dict) -> list[str]:
    """The body's opening figures in words."""
    period, previous, org = report["period"], report["previous_period"], report["organisation"]
    kinds = {k["slug"]: k["name"] for k in report["kinds"]}
    by_kind = "; ".join(f"{kinds[slug].lower()}: {count}" for slug, count in org["by_kind"].items())
    text = [f"Từ ngày {_vi_day(period['start'])} đến ngày {_vi_day(period['end'])}, trang thông tin điện tử đã "
            f"đăng {org['total']} tin bài, {change_words(org['difference'], org['previous'])} so với "
            f"{previous['label'].lower()} ({org['previous']} bài). Theo loại bài: {by_kind}."]
    months = [m for m in report["months"] if m["total"]]
    if months:
        peak = max(months, key=lambda m: m["total"])
        text.append(f"Tháng có nhiều bài nhất là {peak['label'].lower()} với {peak['total']} bài.")
    return text


def unit_paragraph(report: dict) -> str:
    units = report["units"]
    active = [u for u in units if u["own"]["total"]]
    silent = [u["short_name"] or u["name"] for u in units if not u["own"]["total"]]
    text = f"{len(active)}/{len(units)} đơn vị có bài đăng trong kỳ."
    if active:
        best = max(active, key=lambda u: u["own"]["total"])
        text += f" Nhiều bài nhất: {best['name']} ({best['own']['total']} bài)."
    if silent:
        text += f" Chưa có bài: {', '.join(silent)}."
    return text


def comparison_paragraph(report: dict) -> str:
    units = report["units"]
    up = sum(1 for u in units if u["own"]["trend"] == "up")
    down = sum(1 for u in units if u["own"]["trend"] == "down")
    same = len(units) - up - down
    org = report["organisation"]
    return (f"So với {report['previous_period']['label'].lower()}, tổng số bài "
            f"{change_words(org['difference'], org['previous'])}; {up} đơn vị tăng, {down} đơn vị giảm, "
            f"{same} đơn vị không đổi (chi tiết ở Bảng 2).")


def in_sentence(label: str) -> str:
    """A label as a word inside a sentence: ``Tài liệu định hướng`` -> ``tài liệu định hướng``."""
    return label[:1].lower() + label[1:]


def target_level_name(report: dict) -> str | None:
    """The site's own name (levels.yml) of the level target 2.2 applies to, None when it has no such level."""
    return report["plan"]["target_level_name"]


def target_paragraphs(report: dict) -> list[tuple[str, str]]:
    """(heading, text) for targets 2.1 to 2.4 of the plan, each with its figures and verdict.

    The figures (members, articles a year, communicators) come from the report's plan and the level's
    name from the site's levels.yml, so another union's report names its own levels."""
    units, plan = report["units"], report["plan"]
    members = f"{vi_count(plan['outreach_members'])} đoàn viên"
    note = f"lũy kế từ 01/01/{report['period']['year']}" if report["period"]["half"] else "cả năm"
    large = [u for u in units if u["targets"]["outreach"]["applies"]]
    with_page = [u for u in large if u["targets"]["outreach"]["has_fanpage"]]
    top = next((u for u in units if u["depth"] == 0 and u["targets"]["outreach"]["has_fanpage"]), None)
    roots = [u for u in units if u["depth"] == 0]
    no_large = f"Không có đơn vị nào từ {members} (theo hồ sơ đơn vị)."
    fanpage = (f"Fanpage của {roots[0]['name']}: {'có' if top else 'chưa có'}. " if roots else "")
    fanpage += (f"Đơn vị từ {members} có fanpage: {len(with_page)}/{len(large)} — "
                f"{'Đạt' if len(with_page) == len(large) else 'Chưa đạt'}." if large else no_large)
    upper = [u for u in units if u["targets"]["orientation"]["applies"]]
    summary = report["targets_summary"]
    level = target_level_name(report)
    kinds = {k["slug"]: k["name"] for k in report["kinds"]}
    wanted = " và ".join(f"{required:02d} {in_sentence(kinds.get(kind, kind))}"  # "02 tài liệu định hướng"
                         for kind, required in plan["target_kinds"].items())
    orientation = (f"{level} ({note}, chỉ tiêu mỗi năm ít nhất {wanted}): tài liệu định hướng "
                   f"{summary['orientation']['met']}/{len(upper)} đơn vị đạt; hoạt động trực tiếp "
                   f"{summary['direct']['met']}/{len(upper)} đơn vị đạt. Chi tiết từng đơn vị ở Bảng 5." if upper else
                   f"Không có đơn vị nào thuộc cấp “{level}” trong danh sách đơn vị." if level else
                   "Không có đơn vị nào thuộc cấp áp dụng chỉ tiêu 2.2 trong danh sách đơn vị.")
    communicators = plan["outreach_communicators"]
    trained = [u for u in large if u["targets"]["outreach"]["trained_communicators"] >= communicators]
    missing = [u["short_name"] or u["name"] for u in large if u not in trained]
    training = (f"Đơn vị từ {members} có ít nhất {communicators:02d} cán bộ truyền thông được đào tạo: {len(trained)}/"
                f"{len(large)} — {'Đạt' if not missing else 'Chưa đạt'}"
                + (f" (chưa có: {', '.join(missing)})." if missing else ".") if large else no_large)
    groups = [u for u in units if u["targets"]["social_group"]["has_group"]]
    social = (f"Đơn vị có nhóm truyền thông trên Zalo (ghi trong hồ sơ đơn vị): {len(groups)}/{len(units)} — "
              f"{'Đạt' if len(groups) == len(units) else 'Chưa đạt'}.")
    return [("2.1. Fanpage", fanpage), ("2.2. Tài liệu định hướng và hoạt động truyền thông trực tiếp", orientation),
            ("2.3. Cán bộ truyền thông được đào tạo", training), ("2.4. Nhóm truyền thông trên mạng xã hội", social)]


def target_table_caption(report: dict) -> str:
    level = target_level_name(report)
    return f"Bảng 5. Chỉ tiêu 2.2 của từng đơn vị {f'cấp “{level}” ' if level else ''}(đã có/chỉ tiêu năm)"


def unit_rows(report: dict) -> list[list[str]]:
    rows = []
    for index, unit in enumerate(report["units"], start=1):
        own = unit["own"]
        rows.append([str(index), unit["name"], str(own["total"]), str(own["previous"]), signed(own["difference"]),
                     str(unit["branch"]["total"])])
    org = report["organisation"]
    rows.append(["", "Toàn Công đoàn", str(org["total"]), str(org["previous"]), signed(org["difference"]),
                 str(org["total"])])
    return rows


def target_rows(report: dict) -> list[list[str]]:
    rows = []
    for index, unit in enumerate(report["units"], start=1):  # numbered as in Bảng 2
        targets = unit["targets"]
        if targets["orientation"]["applies"]:
            rows.append([str(index), unit["name"], f"{targets['orientation']['figure']} – {targets['orientation']['verdict']}",
                         f"{targets['direct']['figure']} – {targets['direct']['verdict']}"])
    return rows


# --- python-docx ------------------------------------------------------------------------------------

def _fonts(run_or_style, size=None, bold=None, italic=None):
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    font = run_or_style.font
    font.name = FONT
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _para(container, text="", size=BODY_PT, bold=False, italic=False, align="justify", indent=True,
          before=0, after=6, keep=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    paragraph = container.add_paragraph()
    paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Mm(12.7) if indent else None
    fmt.keep_with_next = keep or None  # headings, captions and charts stay on the page of what follows
    if text:
        _fonts(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _rule(container, width_mm: float, column_mm: float):
    """A short centred rule under a letterhead line: a bottom border on an empty, indented paragraph."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    paragraph = _para(container, align="center", indent=False, after=0)
    side = max((column_mm - width_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _no_borders(table, indent_mm: float | None = None):
    """No rules around or between the cells; with ``indent_mm``, no cell padding and the table shifted."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    if indent_mm is not None:
        twips = lambda mm: str(round(mm * 1440 / 25.4))  # noqa: E731
        shift = OxmlElement("w:tblInd")
        shift.set(qn("w:w"), twips(indent_mm))
        shift.set(qn("w:type"), "dxa")
        table._tbl.tblPr.append(shift)
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.append(margins)


def _columns(table, widths_mm):
    from docx.shared import Mm  # noqa: PLC0415

    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)


def _text_mm(text: str, size_pt: float, bold: bool) -> float:
    """About how wide ``text`` is in Times New Roman: for the length of the rules under headings."""
    average = 0.50 if bold else 0.46  # em per character, measured on Vietnamese capitals and text
    return len(text) * size_pt * average * 0.3528


def _data_table(document, header: list[str], rows: list[list[str]], widths_mm: list[float],
                numeric: set[int], total_row: bool = False):
    from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate([header, *rows]):
        row = table.rows[index]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks over two pages
        bold = index == 0 or (total_row and index == len(rows))
        for column, value in enumerate(values):
            paragraph = row.cells[column].paragraphs[0]
            paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if index == 0 else
                                   WD_ALIGN_PARAGRAPH.RIGHT if column in numeric else WD_ALIGN_PARAGRAPH.LEFT)
            _fonts(paragraph.add_run(value), TABLE_PT, bold)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page the table runs onto
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    _columns(table, widths_mm)
    return table


def _caption(document, text: str):
    return _para(document, text, size=TABLE_PT, italic=True, align="center", indent=False, before=6, after=3,
                 keep=True)


def _picture(document, png: bytes, width_mm: float, description: str, max_height_mm: float = 180):
    """The chart, ``width_mm`` wide unless that would make it taller than ``max_height_mm``."""
    from docx.shared import Mm  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    with Image.open(io.BytesIO(png)) as image:
        aspect = image.height / image.width
    size = {"width": Mm(width_mm)} if width_mm * aspect <= max_height_mm else {"height": Mm(max_height_mm)}
    paragraph = _para(document, align="center", indent=False, before=6, after=0, keep=True)
    shape = paragraph.add_run().add_picture(io.BytesIO(png), **size)
    shape._inline.docPr.set("descr", description)  # alt text, read by screen readers in Word
    return shape


def _page_numbers(section):
    """Page numbers centred in the header, from page 2 (the Decree leaves the first page unnumbered)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _fonts(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _letterhead(document, letterhead: Letterhead, day: dt.date):
    left_mm, right_mm = LETTERHEAD_MM
    table = document.add_table(rows=1, cols=2)
    _no_borders(table, LETTERHEAD_INDENT_MM)
    _columns(table, [left_mm, right_mm])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if letterhead.superior:
        _para(left, letterhead.superior.upper(), size=HEAD_PT - 1, align="center", indent=False, after=0)
    issuer = letterhead.issuer.upper()
    _para(left, issuer, size=HEAD_PT - 1, bold=True, align="center", indent=False, after=0)
    _rule(left, min(_text_mm(issuer, HEAD_PT - 1, True) * 0.45, left_mm * 0.5), left_mm)
    _para(left, number_line(letterhead), size=HEAD_PT, align="center", indent=False, before=6, after=0)
    _para(right, NATIONAL_NAME, size=HEAD_PT - 1, bold=True, align="center", indent=False, after=0)
    _para(right, MOTTO, size=HEAD_PT, bold=True, align="center", indent=False, after=0)
    _rule(right, _text_mm(MOTTO, HEAD_PT, True), right_mm)
    _para(right, vi_date_line(letterhead.place, day), size=BODY_PT, italic=True, align="center", indent=False,
          before=6, after=0)


def _signature(document, letterhead: Letterhead, width_mm: float):
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    right_mm = 85
    _columns(table, [width_mm - right_mm, right_mm])
    from docx.oxml import OxmlElement  # noqa: PLC0415

    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the signature is never split
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _para(left, "Nơi nhận:", size=TABLE_PT, bold=True, italic=True, align="left", indent=False, before=6, after=0)
    for recipient in letterhead.recipients:
        _para(left, f"- {recipient}", size=RECIPIENT_PT, align="left", indent=False, after=0)
    first = True
    for line in (letterhead.authority, letterhead.position):
        if line:
            _para(right, line.upper(), size=BODY_PT, bold=True, align="center", indent=False,
                  before=6 if first else 0, after=0)
            first = False
    for _ in range(4):  # room for the signature and the seal
        _para(right, "", align="center", indent=False, after=0)
    _para(right, letterhead.signer, size=BODY_PT, bold=True, align="center", indent=False, after=0)


def docx_bytes(report: dict, letterhead: Letterhead, style: ChartStyle = ChartStyle(),
               day: dt.date | None = None) -> bytes:
    """The DOCX of ``report``, dated ``day`` (default: the day the report was generated)."""
    from docx import Document  # noqa: PLC0415 - only needed when the files are written
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    day = day or dt.date.fromisoformat(report["generated"][:10])
    period = report["period"]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    width_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    normal = document.styles["Normal"]
    _fonts(normal, BODY_PT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = True  # no line left alone at the top or foot of a page
    properties = document.core_properties
    properties.title = f"Báo cáo {letterhead.subject_for(period['label'])}"
    properties.author = letterhead.issuer
    properties.language = "vi-VN"
    _page_numbers(section)

    _letterhead(document, letterhead, day)
    _para(document, "BÁO CÁO", size=BODY_PT, bold=True, align="center", indent=False, before=18, after=0)
    subject = letterhead.subject_for(period["label"])
    _para(document, subject[:1].upper() + subject[1:], size=BODY_PT, bold=True, align="center", indent=False)
    _rule(document, 40, width_mm)
    _para(document, f"{letterhead.issuer} báo cáo kết quả đăng tin bài trên trang thông tin điện tử "
                    f"{period['label'].lower()} (tính theo ngày đăng, giờ Việt Nam; chỉ tính bài đã đăng) "
                    "như sau:", before=12)

    charts = chart_data(report)
    _para(document, "I. KẾT QUẢ ĐĂNG TIN BÀI", bold=True, indent=False, before=6, keep=True)
    _para(document, "1. Tổng số tin bài", bold=True, indent=False, keep=True)
    for text in summary_paragraphs(report):
        _para(document, text)
    _picture(document, bar_chart_png(charts["months"], style), 150, charts["months"].description)
    _caption(document, "Bảng 1. Số bài theo tháng (số liệu của biểu đồ trên)")
    _data_table(document, ["Tháng", "Số bài"], [[m["label"], str(m["total"])] for m in report["months"]]
                + [["Cả kỳ", str(report["organisation"]["total"])]], [60, 30], {1}, total_row=True)

    _para(document, "2. Theo đơn vị", bold=True, indent=False, before=12, keep=True)
    _para(document, unit_paragraph(report))
    _picture(document, bar_chart_png(charts["units"], style), 160, charts["units"].description)
    _caption(document, f"Bảng 2. Số bài của từng đơn vị so với {report['previous_period']['label'].lower()}")
    _data_table(document, ["STT", "Đơn vị", "Số bài", "Kỳ trước", "Tăng/ giảm", "Toàn nhánh"], unit_rows(report),
                [12, 83, 17, 17, 17, 19], {0, 2, 3, 4, 5}, total_row=True)

    org = report["organisation"]
    _para(document, "3. Theo chuyên mục", bold=True, indent=False, before=12, keep=True)
    _caption(document, "Bảng 3. Số bài theo chuyên mục (toàn Công đoàn)")
    _data_table(document, ["Chuyên mục", "Số bài", "Tỷ lệ"],
                [[c["name"], str(org["by_category"][c["slug"]]),
                  f"{100 * org['by_category'][c['slug']] / org['total']:.0f}%" if org["total"] else "–"]
                 for c in report["categories"]], [95, 25, 25], {1, 2})
    _para(document, "4. Theo loại bài", bold=True, indent=False, before=12, keep=True)
    _caption(document, "Bảng 4. Số bài theo loại bài")
    kind_header = ["STT", "Đơn vị"] + [k["name"] for k in report["kinds"]]
    kind_rows = [[str(index), u["name"]] + [str(u["own"]["by_kind"][k["slug"]]) for k in report["kinds"]]
                 for index, u in enumerate(report["units"], start=1)]
    kind_rows.append(["", "Toàn Công đoàn"] + [str(org["by_kind"][k["slug"]]) for k in report["kinds"]])
    _data_table(document, kind_header, kind_rows, [12, 73, 22, 26, 32], {0, 2, 3, 4}, total_row=True)

    _para(document, "II. SO SÁNH VỚI KỲ TRƯỚC", bold=True, indent=False, before=12, keep=True)
    _para(document, comparison_paragraph(report))

    _para(document, "III. KẾT QUẢ THỰC HIỆN CHỈ TIÊU CỦA KẾ HOẠCH TRUYỀN THÔNG", bold=True, indent=False, before=6, keep=True)
    rows = target_rows(report)
    for heading, text in target_paragraphs(report):
        _para(document, heading, bold=True, indent=False, before=6, keep=True)
        _para(document, text)
        if heading.startswith("2.2.") and rows:
            _caption(document, target_table_caption(report))
            _data_table(document, ["STT", "Đơn vị", "Tài liệu định hướng", "Hoạt động truyền thông trực tiếp"], rows,
                        [12, 69, 40, 44], {0})

    _para(document, f"Trên đây là báo cáo kết quả đăng tin bài trên trang thông tin điện tử {period['label'].lower()} "
                    f"của {letterhead.issuer}./.", before=12, keep=True)
    _para(document, f"Số liệu lập tự động từ nội dung trang thông tin điện tử lúc {report['generated_label']}.",
          size=TABLE_PT, italic=True, keep=True)
    _signature(document, letterhead, width_mm)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
