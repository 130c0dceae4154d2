"""An archive shaped like real contributions, written into a folder (sample data, fictional people).

``write_corpus(content)`` copies the real unit profiles and categories, then writes six articles per
unit and year 2022–2026 (10 units × 5 years × 6 = 300) and a few more that carry what real units send:
every article has a table and a footnote; one in five is a folder with photos (a lead photo, an
inline one, upper-case extensions, Vietnamese names saved NFC or NFD) and documents (PDF, DOCX, XLSX
made here, real enough for their readers); one file is UTF-8 with BOM (Windows Notepad), one has CRLF
line ends, one both; one body starts ``TPHCM: ...``; one is a ``.markdown`` file; one carries an iPhone
HEIC photo. ``Corpus`` tells the tests what to expect.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from realfiles import docx, heic, jpeg, pdf

ROOT = Path(__file__).resolve().parents[2]
YEARS = range(2022, 2027)
PER_YEAR = 6
CATEGORIES = ["hoat-dong-cong-doan", "chinh-sach-phap-luat", "phuc-loi-doan-vien", "nghien-cuu-trao-doi",
              "su-kien-noi-bat", "guong-sang-cach-lam-hay", "doi-ngoai", "tai-lieu-tuyen-truyen"]
TOPICS = ["Đối thoại định kỳ về tiền lương", "Tháng Công nhân chăm lo đoàn viên", "Tập huấn an toàn vệ sinh lao động",
          "Thương lượng thỏa ước lao động tập thể", "Mái ấm công đoàn cho đoàn viên khó khăn",
          "Phổ biến Luật Công đoàn cho công nhân trẻ"]
PEOPLE = ["Nguyễn Thị Mai", "Trần Văn Hùng", "Lê Thu Hà", "Phạm Quốc Bảo", "Đặng Minh Tâm", "Võ Ngọc Lan"]
NFD_PDF = unicodedata.normalize("NFD", "Tài liệu hướng dẫn.PDF")


@dataclass
class Corpus:
    content: Path
    articles: list = field(default_factory=list)  # URL paths (don-vi/u/yyyy/slug/)
    attachments: list = field(default_factory=list)  # URL paths of published documents
    first_lines: dict = field(default_factory=dict)  # URL path -> text its body must start with


def xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Đơn vị", "Số đoàn viên"])
    sheet.append(["Tổ sợi", 120])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def front(title, date, category, author, extra=()):
    lines = ["---", f'title: "{title}"', f"date: {date}", f"category: {category}",
             "tags: [Dữ liệu mẫu, Đoàn viên]", f'author: "{author}"', *extra, "---"]
    return "\n".join(lines) + "\n"


def body(n, unit_name, first="", extra=""):
    return (f"{first or f'Bài số {n} của {unit_name} (dữ liệu mẫu cho kiểm thử).'}\n\n"
            f"Công đoàn ghi nhận ý kiến của {40 + n % 60} đoàn viên tại hội nghị.[^1]\n\n"
            "| Nội dung | Số người |\n| --- | ---: |\n"
            f"| Đoàn viên tham dự | {100 + n} |\n| Ý kiến được trả lời | {10 + n % 30} |\n\n"
            f"{extra}\n\n[^1]: Số liệu của ban chấp hành công đoàn, ghi ngày hội nghị.\n")


def write_corpus(content: Path) -> Corpus:
    content = Path(content)
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content/categories.yml", content / "categories.yml")
    for folder in ("pages",):  # the site's own pages (/bao-chi/, /gioi-thieu/...)
        shutil.copytree(ROOT / "content" / folder, content / folder)
    units = sorted(p.parent.name for p in (ROOT / "content/units").glob("*/unit.yml"))
    for unit in units:
        (content / "units" / unit).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "content/units" / unit / "unit.yml", content / "units" / unit / "unit.yml")
    corpus = Corpus(content)
    n = 0
    for unit in units:
        for year in YEARS:
            for k in range(PER_YEAR):
                n += 1
                _article(corpus, unit, year, k, n)
    _specials(corpus, units)
    return corpus


def _article(corpus, unit, year, k, n):
    slug = f"bai-{n:03d}-{unit}"
    month = 1 + (k * 2 + n) % 11
    date = f"{year}-{month:02d}-{1 + n % 27:02d} {7 + k}:30"
    title = f"{TOPICS[k]} tại đơn vị số {n}"
    category = CATEGORIES[n % len(CATEGORIES)]
    author = PEOPLE[n % len(PEOPLE)]
    url = f"don-vi/{unit}/{year}/{slug}/"
    base = corpus.content / "units" / unit / str(year)
    if n % 10 == 0:  # a folder: lead photo, inline photo with an upper-case extension, a PDF
        folder = base / slug
        folder.mkdir(parents=True)
        (folder / "anh-bia.jpg").write_bytes(jpeg((640, 420), "navy"))
        (folder / "anh 2.JPG").write_bytes(jpeg((640, 420), "darkgreen"))
        (folder / "tai-lieu.pdf").write_bytes(pdf(f"Tai lieu bai {n}"))
        extra = "![Đoàn viên phát biểu ý kiến](<anh 2.JPG>)\n\n[Tải tài liệu hội nghị](tai-lieu.pdf)"
        text = front(title, date, category, author, ["image: anh-bia.jpg", 'image_alt: "Hội trường hội nghị"',
                                                     'image_credit: "Ảnh: Ban Tuyên giáo"']) + body(n, unit, extra=extra)
        (folder / "index.md").write_text(text, encoding="utf-8")
        corpus.attachments.append(url + "tai-lieu.pdf")
    elif n % 10 == 5:  # Vietnamese names: an NFD PDF linked in NFC, a DOCX linked percent-encoded, an XLSX
        folder = base / slug
        folder.mkdir(parents=True)
        (folder / "ẢNH HỘI NGHỊ.JPG").write_bytes(jpeg((700, 460), "maroon"))
        (folder / NFD_PDF).write_bytes(pdf("Huong dan"))
        (folder / "Kế hoạch.docx").write_bytes(docx(f"Kế hoạch bài {n}"))
        (folder / "Bảng số liệu.xlsx").write_bytes(xlsx())
        extra = ("[Tài liệu hướng dẫn](<Tài liệu hướng dẫn.PDF>) và [kế hoạch](K%E1%BA%BF%20ho%E1%BA%A1ch.docx)")
        text = front(title, date, category, author, ["image: ẢNH HỘI NGHỊ.JPG", 'image_alt: "Toàn cảnh hội nghị"']) \
            + body(n, unit, extra=extra)
        (folder / "index.md").write_text(text, encoding="utf-8")
        corpus.attachments += [url + "tai-lieu-huong-dan.pdf", url + "ke-hoach.docx", url + "bang-so-lieu.xlsx"]
    else:
        text = front(title, date, category, author) + body(n, unit)
        (base / f"{slug}.md").parent.mkdir(parents=True, exist_ok=True)
        (base / f"{slug}.md").write_text(text, encoding="utf-8")
    corpus.articles.append(url)


def _specials(corpus, units):
    unit, base = units[0], corpus.content / "units" / units[0] / "2025"
    cases = {
        "notepad-bom": ("\ufeff", "\n", "Bài lưu bằng Notepad có BOM."),
        "windows-crlf": ("", "\r\n", "Bài có dòng kết thúc kiểu Windows."),
        "bom-va-crlf": ("\ufeff", "\r\n", "Bài có cả BOM lẫn CRLF."),
        "tphcm-dau-dong": ("", "\n", "TPHCM: sáng 12/3, công đoàn tổ chức đối thoại với 200 công nhân."),
    }
    for i, (slug, (bom, newline, first)) in enumerate(cases.items()):
        text = front(f"Trường hợp đặc biệt: {slug}", f"2025-03-{10 + i} 08:00", "hoat-dong-cong-doan",
                     PEOPLE[i]) + body(900 + i, unit, first=first)
        (base / f"{slug}.md").write_bytes((bom + text.replace("\n", newline)).encode("utf-8"))
        url = f"don-vi/{unit}/2025/{slug}/"
        corpus.articles.append(url)
        corpus.first_lines[url] = first
    text = front("Bài lưu đuôi .markdown", "2025-04-01 08:00", "doi-ngoai", PEOPLE[4]) + body(950, unit)
    (base / "duoi-markdown.markdown").write_text(text, encoding="utf-8")
    corpus.articles.append(f"don-vi/{unit}/2025/duoi-markdown/")
    folder = base / "anh-iphone"
    folder.mkdir()
    (folder / "IMG_4512.HEIC").write_bytes(heic((800, 600)))
    text = front("Ảnh chụp bằng iPhone", "2025-05-01 08:00", "hoat-dong-cong-doan", PEOPLE[5],
                 ["image: IMG_4512.HEIC", 'image_alt: "Công nhân ca sáng"']) + body(960, unit)
    (folder / "index.md").write_text(text, encoding="utf-8")
    corpus.articles.append(f"don-vi/{unit}/2025/anh-iphone/")
