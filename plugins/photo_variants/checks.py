"""Checks on the photos an article uses, worded for the contributor (pure; reads files, writes nothing).

``check_article_photos(fm, folder, display)`` returns Problems for: a photo that is not an image,
cannot be read, is truncated (upload cut short), is absurdly large (decompression bomb), and body
photos without alt text. The plugin lists it in ``CONTENT_CHECKS`` (site_core.checks), so the
checker runs it for every article and page without importing photo_variants, and ``invoke check``,
the preview build (warnings) and the publish build (fails) all report the same problems.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

from site_core.checks import CheckedFile
from site_core.problems import Problem
from site_core.rules import local_images
from site_core.settings import DEFAULT_MAX_PIXELS

from .process import RASTER_SUFFIXES, PhotoError, header_only, open_photo

# The largest variant: decoding JPEGs at this width (DCT scaling) is enough to find a truncated file.
CHECK_DECODE_WIDTH = 1200

MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMG_RE = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
ATTR_RE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|\{)", re.IGNORECASE)


def parse_attrs(text: str) -> dict:
    """Attributes of a tag's inside, values unescaped; a bare attribute has the value ""."""
    attrs = {}
    for m in ATTR_RE.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        attrs.setdefault(m.group(1).lower(), html.unescape(value or ""))
    return attrs


def body_images(body: str, first_line: int = 1) -> list[tuple[str, str | None, int]]:
    """(src, alt or None when absent, line) for each image written in a Markdown body."""
    found = []
    for offset, line in enumerate(body.split("\n")):
        for m in MD_IMAGE_RE.finditer(line):
            found.append((m.group(2), m.group(1), first_line + offset))
        for m in HTML_IMG_RE.finditer(line):
            attrs = parse_attrs(m.group(1))
            found.append((attrs.get("src", ""), attrs.get("alt"), first_line + offset))
    return found


def missing_alt_problems(body: str, display: str, first_line: int = 1) -> list[Problem]:
    problems = []
    for src, alt, line in body_images(body, first_line):
        if alt is None or not alt.strip():
            problems.append(Problem(
                display, line, "ảnh trong bài",
                f"Ảnh {src!r} trong bài chưa có mô tả (alt) cho người khiếm thị và khi ảnh không tải được.",
                f"Viết mô tả ngắn vào giữa hai dấu ngoặc vuông: ![Mô tả những gì có trong ảnh]({src})."))
    return problems


def _pixels(count: int) -> str:
    """``120 triệu`` for the default limit, ``5.000`` for a site's small one (PHOTO_VARIANTS_MAX_PIXELS)."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.0f} triệu"
    return f"{count:,}".replace(",", ".")


def photo_problem(error: PhotoError, display: str, name: str, field: str, line: int | None,
                  photo_display: str, max_pixels: int) -> Problem:
    """The contributor's problem for one bad photo (``display`` is the article, ``name`` the photo)."""
    where = f"Ảnh {name!r} ({photo_display})"
    if error.kind == "not-image":
        message = f"{where} không phải là tệp ảnh (không nhận ra định dạng JPEG, PNG, WebP hay GIF)."
        fix = "Xuất lại ảnh ở dạng JPEG từ điện thoại hoặc máy tính rồi tải lên thay tệp này, giữ nguyên tên tệp."
    elif error.kind == "truncated":
        message = f"{where} bị hỏng hoặc tải lên chưa hết (tệp bị cắt cụt, ảnh sẽ hiện không đủ)."
        fix = "Tải lại ảnh gốc từ điện thoại hoặc máy ảnh lên lần nữa, thay tệp này."
    elif error.kind == "too-large":
        size = _pixels(int(error.detail)) if error.detail.isdigit() else "quá nhiều"
        message = (f"{where} có kích thước bất thường ({size} điểm ảnh, giới hạn "
                   f"{_pixels(max_pixels)} điểm ảnh); ảnh như vậy làm treo máy dựng trang.")
        fix = "Thu nhỏ ảnh (chiều rộng 4000 điểm ảnh là đủ) hoặc chụp lại ở chế độ thường, rồi tải lên lại."
    else:
        message = f"{where} không đọc được ({error.detail or 'lỗi không rõ'})."
        fix = "Mở thử ảnh trên máy tính; nếu không mở được, tải lại ảnh gốc lên thay tệp này."
    return Problem(display, line, field, message, fix)


def jpeg_complete(data: bytes) -> bool:
    """Whether a JPEG has its end-of-image marker after the first scan (a cut upload has none).

    Walks the marker segments (so an EXIF thumbnail's own end marker inside APP1 is skipped) to the
    first start-of-scan, then looks for FFD9: entropy-coded data cannot contain it (FF is stuffed).
    Data after the end marker (phones append motion-photo trailers) is fine.
    """
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return False
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker == 0xDA:  # start of scan
            return data.find(b"\xff\xd9", i + 2 + length) != -1
        i += 2 + length
    return False


def png_complete(data: bytes) -> bool:
    """Whether a PNG's chunks run whole up to IEND."""
    i = 8
    while i + 8 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        if data[i + 4:i + 8] == b"IEND":
            return True
        i += 12 + length
    return False


def check_photo_file(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> PhotoError | None:
    """None when ``path`` is a whole image within the size limit, else the PhotoError.

    Fast: JPEG and PNG are checked by their structure (header, then every segment up to the end
    marker) without decoding pixels, since the checker runs before every build; other formats are
    decoded. The build decodes every photo anyway (once per content hash) and logs what fails there.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return PhotoError("unreadable", exc.strerror or str(exc))
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        try:
            header_only(data, max_pixels)
        except PhotoError as exc:
            return exc
        whole = jpeg_complete(data) if data[:2] == b"\xff\xd8" else png_complete(data)
        return None if whole else PhotoError("truncated", "no end marker")
    try:
        open_photo(data, max_pixels, CHECK_DECODE_WIDTH)
    except PhotoError as exc:
        return exc
    return None


def check_article_photos(fm, folder: Path, display: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> list[Problem]:
    """Every photo problem of one article (front matter ``fm`` parsed by site_core.frontmatter).

    ``folder`` is the article's folder on disk; ``display`` the article's path as shown
    (``content/units/x/2024/a.md``). Missing files are site_core.rules' business, not repeated here.
    """
    problems = missing_alt_problems(fm.body, display, fm.body_line)
    seen = set()
    for name, line, field in local_images(fm):
        if name in seen or name.startswith("/") or ".." in PurePosixPath(name).parts:
            continue
        seen.add(name)
        path = folder / name
        if PurePosixPath(name).suffix.lower() not in RASTER_SUFFIXES or not path.is_file():
            continue
        error = check_photo_file(path, max_pixels)
        if error is not None:
            photo_display = display.rsplit("/", 1)[0] + "/" + name
            problems.append(photo_problem(error, display, name, field, line, photo_display, max_pixels))
    return problems


def check_source_photos(source: CheckedFile) -> list[Problem]:
    """check_article_photos for the content checker (site_core.checks)."""
    return check_article_photos(source.front_matter, source.folder, source.display, source.settings.photos.max_pixels)
