"""The article layout (a folder per article holding its photos and documents), local links, and
the files real contributors send: BOM/CRLF text, content/images/ (issue 13: failures 3, 4, 5, 7, 8)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from lxml import etree

from conftest import BASE_FILES, article
from content_check import check_site
from realfiles import docx, jpeg, pdf, xlsx

UNIT = "units/cd-thu-nghiem"
SITEURL = "https://cd.example.vn"
NFD_DOCX = unicodedata.normalize("NFD", "Kế hoạch 2024.DOCX")
FOLDER = {
    f"{UNIT}/2024/hoi-nghi/index.md": article(
        title="Hội nghị người lao động", image="Anh-Bia.JPG", image_alt="Hội trường",
        body="Mở đầu.\n\n![Công nhân phát biểu](anh 2.jpg)\n\n[Tải tài liệu](tai-lieu.pdf) và "
             "[kế hoạch](<Kế hoạch 2024.DOCX>).\n"),
    f"{UNIT}/2024/hoi-nghi/Anh-Bia.JPG": jpeg(),
    f"{UNIT}/2024/hoi-nghi/anh 2.jpg": jpeg((500, 300), "green"),
    f"{UNIT}/2024/hoi-nghi/tai-lieu.pdf": pdf(),
    f"{UNIT}/2024/hoi-nghi/{NFD_DOCX}": docx(),
    f"{UNIT}/2024/hoi-nghi/Bảng số liệu.xlsx": xlsx(),  # not linked from the body
}


def local_refs(page: Path, output: Path, siteurl: str = ""):
    """Output files every src/href/srcset of a page names (own site only)."""
    doc = etree.parse(str(page), etree.HTMLParser())
    base = urljoin(siteurl + "/" if siteurl else "http://local/", page.relative_to(output).as_posix())
    values = [v for v in doc.xpath("//@src | //@href")]
    values += [part.strip().split(" ")[0] for s in doc.xpath("//@srcset") for part in s.split(",")]
    for value in values:
        url = urljoin(base, value)
        host = urlsplit(siteurl or "http://local").netloc
        if urlsplit(url).netloc != host or urlsplit(url).scheme not in ("http", "https"):
            continue
        path = unquote(urlsplit(url).path).lstrip("/")
        if path and not path.endswith("/"):  # files; pages are the acceptance link checker's business
            yield value, output / path


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_every_photo_and_document_of_an_article_folder_is_a_written_file(build_site, settings):
    site = build_site(FOLDER, settings, SITEURL=SITEURL) if settings == "publishconf.py" else build_site(FOLDER)
    page = site.output / "don-vi/cd-thu-nghiem/2024/hoi-nghi/index.html"
    refs = list(local_refs(page, site.output, SITEURL if settings == "publishconf.py" else ""))
    missing = [value for value, path in refs if not path.is_file()]
    assert not missing
    names = {p.name for _, p in refs}
    assert {"tai-lieu.pdf", "ke-hoach-2024.docx", "bang-so-lieu.xlsx"} <= names
    assert any(n.startswith("anh-2-") for n in names) and any(n.startswith("anh-bia-") for n in names)
    text = " ".join(site.html("don-vi/cd-thu-nghiem/2024/hoi-nghi/").get_text().split())
    assert "Tải tài liệu (PDF, " in text and "kế hoạch (Word, " in text
    box = site.html("don-vi/cd-thu-nghiem/2024/hoi-nghi/").select_one(".cdct-attachments")
    # a real workbook: the allow-list opens it
    assert [li.get_text(" ", strip=True).split(" (")[1] for li in box.select("li")] == [
        "Excel, 5 KB)", "Word, 1 KB)", "PDF, 1 KB)"]


def test_documents_are_linked_absolutely_in_the_feeds(build_site):
    site = build_site(FOLDER, "publishconf.py", SITEURL=SITEURL)
    feed = etree.parse(str(site.output / "don-vi/cd-thu-nghiem/rss.xml"))
    html = feed.xpath("//item/*[local-name()='encoded']/text()")[0]
    assert f'href="{SITEURL}/don-vi/cd-thu-nghiem/2024/hoi-nghi/tai-lieu.pdf"' in html
    assert f'{SITEURL}/don-vi/cd-thu-nghiem/2024/hoi-nghi/ke-hoach-2024.docx' in html
    assert (site.output / "don-vi/cd-thu-nghiem/2024/hoi-nghi/tai-lieu.pdf").read_bytes() == pdf()


def test_a_link_to_no_file_is_a_problem_naming_line_and_nearest_name(tmp_path):
    files = {**FOLDER, f"{UNIT}/2024/hoi-nghi/index.md": article(
        title="Sai tên", body="Đoạn đầu.\n\n[Tải](tai-lieu.PFD)\n\n![Ảnh](anh2.jpg)\n")}
    report = _check(tmp_path, files)
    found = {(p.line, p.field): p for p in report.problems}
    assert set(found) == {(8, "liên kết"), (10, "ảnh trong bài")}
    assert found[(8, "liên kết")].message == "Không tìm thấy tệp 'tai-lieu.PFD' trong thư mục của bài."
    assert "'tai-lieu.pdf'" in found[(8, "liên kết")].fix
    assert "'anh 2.jpg'" in found[(10, "ảnh trong bài")].fix


def test_two_articles_can_never_share_a_photo_name(tmp_path, build_site):
    flat = {f"{UNIT}/2024/bai-mot.md": article(title="Một", image="anh-bia.jpg", image_alt="Một"),
            f"{UNIT}/2024/bai-hai.md": article(title="Hai", image="anh-bia.jpg", image_alt="Hai"),
            f"{UNIT}/2024/anh-bia.jpg": jpeg()}
    (problem,) = _check(tmp_path / "flat", flat).problems
    assert problem.path == "content/units/cd-thu-nghiem/2024/anh-bia.jpg" and problem.field == "tệp"
    assert "ghi đè" in problem.message and "<tên-bài>/index.md" in problem.fix
    folders = {f"{UNIT}/2024/bai-mot/index.md": article(title="Một", image="anh-bia.jpg", image_alt="Một"),
               f"{UNIT}/2024/bai-mot/anh-bia.jpg": jpeg(color="red"),
               f"{UNIT}/2024/bai-hai/index.md": article(title="Hai", image="anh-bia.jpg", image_alt="Hai"),
               f"{UNIT}/2024/bai-hai/anh-bia.jpg": jpeg(color="blue")}
    assert _check(tmp_path / "folders", folders).problems == []
    site = build_site(folders, "publishconf.py", SITEURL=SITEURL)
    one = site.html("don-vi/cd-thu-nghiem/2024/bai-mot/").select_one("meta[property='og:image']")
    two = site.html("don-vi/cd-thu-nghiem/2024/bai-hai/").select_one("meta[property='og:image']")
    assert one["content"] != two["content"]


def test_photos_under_content_images_are_refused_by_name(tmp_path):
    (problem,) = _check(tmp_path, {"images/hoi-nghi.jpg": jpeg()}).problems
    assert problem.path == "content/images/hoi-nghi.jpg"
    assert "content/images/ không được đăng" in problem.message and "content/units/" in problem.fix


def test_documents_of_a_draft_never_reach_the_publish_build(build_site):
    files = {f"{UNIT}/2024/nhap/index.md": article(title="Nháp", status="draft", body="[Tải](tai-lieu.pdf)"),
             f"{UNIT}/2024/nhap/tai-lieu.pdf": pdf(),
             f"{UNIT}/2030/hen-gio/index.md": article(title="Hẹn giờ", date="2030-01-01 08:00", body="[Tải](kh.pdf)"),
             f"{UNIT}/2030/hen-gio/kh.pdf": pdf()}
    site = build_site(files, "publishconf.py", SITEURL=SITEURL)
    assert not [p for p in site.output.rglob("*.pdf")]


BOM_CRLF = ("\ufeff" + article(title="Lưu bằng Notepad", body="Dòng một.\n\nDòng hai.")).replace("\n", "\r\n")


def test_utf8_with_bom_and_crlf_files_are_read_everywhere(tmp_path, build_site, caplog):
    unit = ("\ufeff" + BASE_FILES[f"{UNIT}/unit.yml"]).replace("\n", "\r\n")
    files = {f"{UNIT}/unit.yml": unit, f"{UNIT}/2024/notepad.md": BOM_CRLF,
             f"{UNIT}/2024/sai-ngay.md": ("\ufeff" + article(title="Sai", date="2024-13-01")).replace("\n", "\r\n")}
    problems = _check(tmp_path, files).problems
    assert [(p.path.rsplit("/", 1)[1], p.line, p.field) for p in problems] == [("sai-ngay.md", 3, "date")]
    del files[f"{UNIT}/2024/sai-ngay.md"]
    site = build_site(files, "publishconf.py", SITEURL=SITEURL)
    body = site.html("don-vi/cd-thu-nghiem/2024/notepad/")
    assert body.select_one("h1").get_text(strip=True) == "Lưu bằng Notepad"
    assert "\r" not in (site.output / "don-vi/cd-thu-nghiem/2024/notepad/index.html").read_text(encoding="utf-8")
    assert "Công ty Thử Nghiệm" in site.html("don-vi/cd-thu-nghiem/").get_text()


def _check(tmp_path, files):
    content = tmp_path / "content"
    content.mkdir(parents=True)
    (content / "categories.yml").write_text((Path(__file__).parent.parent / "content/categories.yml").read_text("utf-8"), "utf-8")
    for rel, data in {**BASE_FILES, **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_bytes(data.encode("utf-8"))
    return check_site(content)


def test_an_iphone_heic_photo_is_published_like_a_jpeg_upright_and_without_gps(tmp_path, build_site):
    from PIL import Image

    from realfiles import heic

    files = {f"{UNIT}/2024/iphone/index.md": article(
        title="Ảnh iPhone", image="IMG_4512.HEIC", image_alt="Công nhân", body="![Tổ sản xuất](img_4513.heic)"),
        f"{UNIT}/2024/iphone/IMG_4512.HEIC": heic(), f"{UNIT}/2024/iphone/img_4513.heic": heic((900, 600), 1)}
    assert _check(tmp_path, files).problems == []
    site = build_site(files, "publishconf.py", SITEURL=SITEURL)
    page = site.output / "don-vi/cd-thu-nghiem/2024/iphone/index.html"
    refs = [path for _, path in local_refs(page, site.output, SITEURL)]
    assert all(p.is_file() for p in refs)
    lead = sorted(p for p in refs if p.name.startswith("img-4512-") and p.suffix == ".jpg")[-1]
    with Image.open(lead) as im:
        assert im.width < im.height  # turned upright: stored 1600×1200, orientation 6
        assert im.getpixel((im.width - 5, 5))[0] > 200  # the red quarter is now top-right
        assert not im.getexif() and "exif" not in im.info
    assert not list(site.output.rglob("*.HEIC")) and not list(site.output.rglob("*.heic"))
    assert any(p.name.startswith("img-4513-") for p in refs)
