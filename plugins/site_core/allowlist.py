"""What a contribution may contain: the one table of file kinds, and the refusal of everything else.

Every file under content/ comes from a pull request and is untrusted. A file is accepted only when
it is a regular file (not a symlink, not inside a symlinked folder, not a hard link, not a device),
its name is plain (no dot in front, no invisible or direction-changing characters, no twin that
looks the same in another Unicode form), its kind is
in ``FILE_KINDS`` for the folder it sits in, it is not larger than its kind allows, and its first
bytes are what its extension says (a ``.pdf`` that is an HTML page is refused). SVG drawings are read
too: any script, event handler, ``javascript:`` or reference to another file or site refuses them.

Pure functions, used by the checker (``invoke check`` names each refused file, in Vietnamese, with
the fix) and by the build (content_check leaves refused files out of a preview and stops a publish
build; the reader and the registries open files with ``read_regular``, which never follows a link).

- ``walk(content_dir)`` yields ``(rel, Verdict)`` for every file and link under the folder, without
  entering symlinked folders (Pelican's own walk follows them).
- ``verdict(content_dir, rel)`` judges one path; ``read_regular(path, limit)`` reads one file safely.
"""

from __future__ import annotations

import enum
import errno
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from .markdown_config import MARKDOWN_SUFFIXES
from .problems import Problem

MB = 1024 * 1024


class Kind(enum.Enum):
    """What an accepted file is (the checker maps it to a FileKind, whose label the summary shows)."""

    MARKDOWN = "markdown"  # articles under units/, pages under pages/
    PROFILE = "profile"  # units/<unit>/unit.yml and categories.yml
    PHOTO = "photo"
    DOCUMENT = "document"
    EXTRA = "extra"  # extra/: copied to the site root


@dataclass(frozen=True)
class FileRule:
    kind: Kind
    label: str  # how a contributor names it ("ảnh JPEG", "tài liệu PDF")
    max_bytes: int
    folders: tuple  # top-level folders of content/ it may sit in
    short: str = ""  # documents: the label readers see beside the link ("PDF", "Word")
    mime: str = ""  # documents: the type the link announces


def _starts(*prefixes: bytes):
    return lambda head: any(head.startswith(p) for p in prefixes)


def _iso_media(*brands: bytes):
    # ISO base media (HEIC, MP4): a box "ftyp" at offset 4 with a known major brand.
    return lambda head: head[4:8] == b"ftyp" and (not brands or head[8:12] in brands)


PHOTO_FOLDERS = ("units", "pages")
DOCUMENT_FOLDERS = ("units", "pages")

def _document(label: str, short: str, mime: str, max_bytes: int = 50 * MB) -> FileRule:
    return FileRule(Kind.DOCUMENT, label, max_bytes, DOCUMENT_FOLDERS, short, mime)


_MARKDOWN = FileRule(Kind.MARKDOWN, "bài viết Markdown", 2 * MB, ("units", "pages"))
# One rule per photo format, keyed by the format (the label is only what a contributor reads).
_PHOTO = {fmt: FileRule(Kind.PHOTO, label, 30 * MB, PHOTO_FOLDERS)
          for fmt, label in (("jpeg", "ảnh JPEG"), ("png", "ảnh PNG"), ("webp", "ảnh WebP"), ("gif", "ảnh GIF"),
                             ("heic", "ảnh HEIC (iPhone)"), ("tiff", "ảnh TIFF"), ("bmp", "ảnh BMP"))}

# extension -> what it is. The one home of this table: the checker, the reader, the build and
# site_core.layout (which photos are processed, which documents listed) all read it.
FILE_KINDS = {
    **{suffix: _MARKDOWN for suffix in MARKDOWN_SUFFIXES},
    ".jpg": _PHOTO["jpeg"],
    ".jpeg": _PHOTO["jpeg"],
    ".png": _PHOTO["png"],
    ".webp": _PHOTO["webp"],
    ".gif": _PHOTO["gif"],
    ".heic": _PHOTO["heic"],
    ".heif": _PHOTO["heic"],
    ".tif": _PHOTO["tiff"],
    ".tiff": _PHOTO["tiff"],
    ".bmp": _PHOTO["bmp"],
    ".svg": FileRule(Kind.PHOTO, "hình vẽ SVG", 1 * MB, PHOTO_FOLDERS),
    ".pdf": _document("tài liệu PDF", "PDF", "application/pdf"),
    ".docx": _document("văn bản Word (.docx)", "Word",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": _document("bảng tính Excel (.xlsx)", "Excel",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": _document("trình chiếu PowerPoint (.pptx)", "PowerPoint",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": _document("văn bản OpenDocument (.odt)", "ODT", "application/vnd.oasis.opendocument.text"),
    ".ods": _document("bảng tính OpenDocument (.ods)", "ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    ".mp3": _document("âm thanh MP3", "MP3", "audio/mpeg"),
    ".mp4": _document("video MP4", "MP4", "video/mp4", 95 * MB),
}
# Exact places of the registries (content-relative; "*" is one unit folder).
PROFILE_PLACES = {"categories.yml": "danh mục chuyên mục", "levels.yml": "danh sách cấp đơn vị",
                  "units/*/unit.yml": "hồ sơ đơn vị"}
PROFILE_MAX_BYTES = 256 * 1024
# extra/ is copied to the site root: only these names, each a plain file of its kind.
EXTRA_FILES = {
    "robots.txt": ("tệp robots.txt", 64 * 1024),
    "favicon.ico": ("biểu tượng favicon.ico", 256 * 1024),
    "CNAME": ("tệp tên miền CNAME", 1024),
}

MAGIC = {
    ".jpg": _starts(b"\xff\xd8\xff"),
    ".jpeg": _starts(b"\xff\xd8\xff"),
    ".png": _starts(b"\x89PNG\r\n\x1a\n"),
    ".webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    ".gif": _starts(b"GIF87a", b"GIF89a"),
    ".tif": _starts(b"II*\0", b"MM\0*"),
    ".tiff": _starts(b"II*\0", b"MM\0*"),
    ".bmp": _starts(b"BM"),
    ".heic": _iso_media(b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"),
    ".heif": _iso_media(b"heic", b"heix", b"mif1", b"msf1", b"heif"),
    ".pdf": _starts(b"%PDF-"),
    ".docx": _starts(b"PK\x03\x04"),
    ".xlsx": _starts(b"PK\x03\x04"),
    ".pptx": _starts(b"PK\x03\x04"),
    ".odt": _starts(b"PK\x03\x04"),
    ".ods": _starts(b"PK\x03\x04"),
    # ID3 tag, or an MPEG audio frame sync (11 bits set)
    ".mp3": lambda head: head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0),
    ".mp4": _iso_media(),
    ".ico": _starts(b"\x00\x00\x01\x00"),
}
# What the inside of an office file (a zip) must hold to be what its extension says.
ZIP_MEMBERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
ODF_MIMETYPES = {".odt": b"application/vnd.oasis.opendocument.text",
                 ".ods": b"application/vnd.oasis.opendocument.spreadsheet"}

# Kinds refused with their own message (the fix says what to do instead).
NAMED_REFUSALS = {
    (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"):
        ("trang web (HTML)", "Trang web đóng góp có thể chạy mã lệnh dưới tên miền của trang.",
         "Chép nội dung vào một bài viết .md (chữ, ảnh, liên kết), hoặc xuất thành PDF."),
    (".js", ".mjs", ".cjs", ".wasm", ".vbs", ".ps1", ".sh", ".bat", ".cmd", ".exe", ".dll", ".jar", ".apk",
     ".msi", ".swf"):
        ("mã lệnh/chương trình", "Không đăng mã lệnh hay chương trình lên trang.", "Xóa tệp này."),
    (".css", ".xml", ".json", ".yml", ".yaml", ".txt", ".csv"):
        ("tệp dữ liệu/định dạng", "Chỉ ban biên tập thêm tệp loại này vào giao diện trang.",
         "Xóa tệp; muốn đăng bảng số liệu, xuất thành .xlsx hoặc PDF."),
    (".doc", ".xls", ".ppt", ".rtf"):
        ("tệp Office đời cũ", "Định dạng Office đời cũ (97–2003) có thể chứa macro.",
         "Mở bằng Word/Excel/PowerPoint và lưu lại thành .docx/.xlsx/.pptx (hoặc PDF)."),
    (".zip", ".rar", ".7z", ".tar", ".gz"):
        ("tệp nén", "Không đăng tệp nén: không ai kiểm tra được bên trong.",
         "Giải nén và đặt từng ảnh/tài liệu cạnh bài viết."),
}

# Characters that change how text is shown without being seen: direction overrides/isolates, zero-width
# characters, the byte-order mark inside text, soft hyphen.
INVISIBLE_RE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
# The one rule for web addresses in metadata (source_url, unit.yml links): http(s), a dotted host,
# no quotes, brackets or spaces that could break out of an attribute.
HTTP_URL_RE = re.compile(r"^https?://[^\s/?#\\\"'<>`@]+\.[^\s/?#\\\"'<>`@]+(?:[/?#][^\s\\\"'<>`]*)?$")

SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
                "textPath", "defs", "linearGradient", "radialGradient", "stop", "title", "desc", "clipPath",
                "mask", "use", "symbol", "pattern", "marker", "metadata"}


@dataclass(frozen=True)
class Verdict:
    kind: Kind | None  # None: refused
    problem: Problem | None = None
    label: str = ""

    @property
    def accepted(self) -> bool:
        return self.problem is None


class Refused(ValueError):
    """``read_regular`` refused a path (a link, not a regular file, too large)."""

    def __init__(self, what: str, message: str, fix: str):
        super().__init__(message)
        self.what, self.message, self.fix = what, message, fix


def _refuse(display: str, what: str, message: str, fix: str) -> Verdict:
    return Verdict(None, Problem(display, None, what, message, fix))


def _human(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size // 1024} KB"


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file, opened without following a link; ``Refused`` otherwise.

    Reads at most ``limit`` bytes: a larger file is refused before it is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("liên kết", "Tệp là một liên kết (symlink), không phải tệp thật.",
                          "Xóa liên kết và tải lên chính tệp đó.") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("loại tệp", "Đây không phải một tệp thường.", "Xóa nó khỏi thư mục nội dung.")
        if info.st_size > limit:
            raise Refused("dung lượng", f"Tệp nặng {_human(info.st_size)}, quá giới hạn {_human(limit)}.",
                          "Thu nhỏ hoặc chia tệp, hoặc đăng ở nơi khác rồi dẫn liên kết.")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise Refused("dung lượng", f"Tệp vượt quá giới hạn {_human(limit)}.", "Thu nhỏ hoặc chia tệp.")
        return data
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int) -> str:
    """``read_regular`` decoded as UTF-8 (a BOM is dropped); UnicodeDecodeError for other encodings."""
    return read_regular(path, limit).decode("utf-8-sig")


def name_problem(name: str) -> tuple[str, str] | None:
    """(message, fix) when a file or folder name cannot be published as it is."""
    if name.startswith("."):
        return (f"Tệp ẩn {name!r} (tên bắt đầu bằng dấu chấm) không được đăng: thường là tệp hệ thống hoặc "
                "chứa mật khẩu, cấu hình.", "Xóa tệp/thư mục này khỏi pull request.")
    if INVISIBLE_RE.search(name) or CONTROL_RE.search(name):
        return ("Tên có ký tự ẩn (ký tự đổi chiều chữ hoặc ký tự không có độ rộng) có thể đánh lừa người duyệt.",
                "Đổi tên: chỉ dùng chữ thường không dấu, số và gạch nối, ví dụ: anh-1.jpg.")
    return None


def twin_problems(names, folder_display: str) -> dict:
    """{name: (message, fix)} for names of one folder that look the same as another: equal once
    written in one Unicode form (NFC; macOS saves NFD). A name alone in NFD is fine, and so are names
    that differ in case only (site_core.layout publishes each under its own ASCII name; two
    articles with one URL are the checker's own problem)."""
    groups = {}
    for name in names:
        groups.setdefault(unicodedata.normalize("NFC", name), []).append(name)
    found = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for name in group:
            others = ", ".join(repr(o) for o in sorted(group) if o != name)
            found[name] = (f"Tên tệp trông giống hệt {others} trong cùng thư mục {folder_display}/ (chỉ khác cách "
                           "mã hóa dấu tiếng Việt, NFC/NFD): người duyệt không phân biệt được.",
                           "Đổi tên một trong các tệp, hoặc xóa bản thừa.")
    return found


def _profile_place(rel: str) -> str | None:
    parts = rel.split("/")
    if rel in ("categories.yml", "levels.yml"):
        return PROFILE_PLACES[rel]
    if len(parts) == 3 and parts[0] == "units" and parts[2] == "unit.yml":
        return PROFILE_PLACES["units/*/unit.yml"]
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG drawing cannot be published as it is (None when it is only shapes and text)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "hình vẽ không phải mã UTF-8"
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "khai báo DOCTYPE/ENTITY (có thể tải tệp khác hoặc làm treo máy)"
    try:
        # DOCTYPE/ENTITY refused above, so no entity expansion or external load can reach the parser.
        root = ElementTree.fromstring(text)  # noqa: S314
    except ElementTree.ParseError:
        return "hình vẽ sai cú pháp XML"
    if root.tag != SVG_NS + "svg":
        return "tệp không phải hình vẽ SVG"
    for el in root.iter():
        name = el.tag.removeprefix(SVG_NS)
        if name not in SVG_ELEMENTS:
            return f"thẻ <{name.rsplit('}', 1)[-1]}>"
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1].lower()
            lowered = re.sub(r"\s+", "", value).lower()
            if local.startswith("on"):
                return f"mã lệnh {local}= trong <{name}>"
            if "javascript:" in lowered or "data:" in lowered:
                return f"đường dẫn javascript:/data: trong <{name}>"
            if local == "href" and not value.startswith("#"):
                return f"liên kết ra ngoài href={value[:60]!r} trong <{name}>"
            if re.search(r"url\((?![\x27\x22]?#)", lowered) or "@import" in lowered or "expression(" in lowered:
                return f"tham chiếu url(...) ra ngoài trong <{name}>"
    return None


def content_problem(suffix: str, data: bytes) -> str | None:
    """Why the bytes are not the kind their extension says (None when they are)."""
    check = MAGIC.get(suffix)
    if check is not None and not check(data[:64]):
        return "nội dung tệp không đúng với đuôi tên tệp"
    if suffix in ZIP_MEMBERS or suffix in ODF_MIMETYPES:
        import io  # noqa: PLC0415

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if any(n.lower().endswith(("vbaproject.bin", ".bin")) and "vba" in n.lower() for n in names):
                    return "tệp Office có macro (VBA)"
        except zipfile.BadZipFile:
            return "tệp Office bị hỏng (không mở được)"
        if suffix in ZIP_MEMBERS and ZIP_MEMBERS[suffix] not in names:
            return "nội dung tệp không đúng với đuôi tên tệp"
        if suffix in ODF_MIMETYPES and data[30:38] == b"mimetype" and not data[38:38 + 80].startswith(
                ODF_MIMETYPES[suffix]):
            return "nội dung tệp không đúng với đuôi tên tệp"
        if suffix in ODF_MIMETYPES and "mimetype" not in names:
            return "nội dung tệp không đúng với đuôi tên tệp"
    if suffix == ".svg":
        return svg_problem(data)
    return None


def _links_on_the_way(content_dir: Path, rel: str) -> str | None:
    """The first folder of ``rel`` (content-relative) that is a symlink, or None."""
    here = content_dir
    for part in PurePosixPath(rel).parts[:-1]:
        here = here / part
        if os.path.islink(here):
            return here.relative_to(content_dir).as_posix()
    return None


def verdict(content_dir: Path, rel: str, display_root: str = "content") -> Verdict:
    """Accept or refuse one path under ``content_dir`` (``rel`` is content-relative, with /)."""
    content_dir = Path(content_dir)
    display = f"{display_root}/{rel}"
    for part in PurePosixPath(rel).parts:
        found = name_problem(part)
        if found:
            return _refuse(display, "tên tệp", *found)
    link = _links_on_the_way(content_dir, rel)
    if link:
        return _refuse(display, "liên kết", f"Tệp nằm trong thư mục {link!r} là một liên kết (symlink) "
                       "tới nơi khác.", "Xóa liên kết; đặt chính các tệp vào thư mục của bài.")
    path = content_dir / rel
    try:
        info = os.lstat(path)
    except OSError:
        return _refuse(display, "tệp", "Không đọc được tệp.", "Kiểm tra lại tệp trong pull request.")
    if stat.S_ISLNK(info.st_mode):
        return _refuse(display, "liên kết", "Tệp là một liên kết (symlink) tới nơi khác, không phải tệp thật: "
                       "khi dựng trang nó có thể làm lộ tệp của máy dựng.",
                       "Xóa liên kết và tải lên chính tệp đó (ảnh, tài liệu) vào thư mục của bài.")
    if stat.S_ISDIR(info.st_mode):
        return Verdict(None)  # a plain folder: its files are judged one by one
    if not stat.S_ISREG(info.st_mode):
        return _refuse(display, "loại tệp", "Đây không phải một tệp thường (thiết bị, ống dẫn...).",
                       "Xóa nó khỏi thư mục nội dung.")
    if info.st_nlink > 1:
        return _refuse(display, "liên kết", "Tệp là một liên kết cứng (hard link) dùng chung nội dung với tệp "
                       "khác.", "Xóa tệp và tải lên một bản sao thật của nó.")

    name = PurePosixPath(rel).name
    suffix = PurePosixPath(name).suffix.lower()
    top = rel.split("/", 1)[0]
    place = _profile_place(rel)
    if place:
        if info.st_size > PROFILE_MAX_BYTES:
            return _refuse(display, "dung lượng", f"Tệp {place} nặng {_human(info.st_size)}, quá giới hạn "
                           f"{_human(PROFILE_MAX_BYTES)}.", "Rút gọn tệp: chỉ giữ các dòng thông tin cần thiết.")
        return Verdict(Kind.PROFILE, label=place)
    if top == "extra":
        wanted = EXTRA_FILES.get(rel.removeprefix("extra/"))
        if wanted is None:
            return _refuse(display, "tệp", f"Thư mục extra/ chỉ nhận: {', '.join(EXTRA_FILES)}.",
                           "Xóa tệp này; ảnh và tài liệu đặt cạnh bài viết trong thư mục của đơn vị.")
        label, limit = wanted
        if info.st_size > limit:
            return _refuse(display, "dung lượng", f"{label} quá giới hạn {_human(limit)}.", "Rút gọn tệp.")
        return Verdict(Kind.EXTRA, label=label)
    file_kind = FILE_KINDS.get(suffix)
    if top == "images":
        # Pelican's habit, not ours: a photo there belongs to no article and would never be published.
        return _refuse(display, "tệp", "Thư mục content/images/ không được đăng: ảnh ở đây không thuộc bài nào.",
                       "Chuyển ảnh vào thư mục của bài dùng nó (content/units/<đơn vị>/<năm>/<tên-bài>/), "
                       "rồi chèn bằng ![Mô tả ảnh](ten-anh.jpg).")
    if file_kind is None or top not in file_kind.folders:
        for suffixes, (label, message, fix) in NAMED_REFUSALS.items():
            if suffix in suffixes:
                return _refuse(display, "loại tệp", f"Không nhận {label} ({name}): {message}", fix)
        if file_kind is not None:
            return _refuse(display, "vị trí", f"{file_kind.label} không được đặt ở thư mục {top}/.",
                           "Đặt ảnh và tài liệu cạnh bài viết, trong content/units/<đơn vị>/<năm>/.")
        return _refuse(display, "loại tệp", f"Không nhận loại tệp {suffix or '(không có đuôi)'} ({name}).",
                       "Chỉ đăng bài viết .md, ảnh (JPG, PNG, WebP, GIF, HEIC) và tài liệu (PDF, DOCX, XLSX, PPTX, "
                       "ODT, ODS, MP3, MP4). Xóa tệp này hoặc chuyển sang một định dạng đó.")
    if info.st_size > file_kind.max_bytes:
        return _refuse(display, "dung lượng", f"{file_kind.label.capitalize()} nặng {_human(info.st_size)}, quá "
                       f"giới hạn {_human(file_kind.max_bytes)}.",
                       "Thu nhỏ tệp (ảnh: chụp lại ở cỡ thường; bài: chia thành nhiều bài), hoặc đăng ở nơi khác "
                       "rồi dẫn liên kết.")
    if file_kind.kind is Kind.MARKDOWN:
        return Verdict(Kind.MARKDOWN, label=file_kind.label)  # read and checked as an article or page
    try:
        # Office files are read whole (the zip's directory is at the end); others by their first bytes.
        limit = file_kind.max_bytes if suffix in ZIP_MEMBERS or suffix in ODF_MIMETYPES or suffix == ".svg" else 64
        data = _head(path, limit)
    except (OSError, Refused):
        return _refuse(display, "tệp", "Không đọc được tệp.", "Tải tệp lên lại.")
    why = content_problem(suffix, data)
    if why:
        return _refuse(display, "nội dung tệp", f"Không nhận {file_kind.label} {name!r}: {why}.",
                       "Mở tệp bằng đúng chương trình và lưu lại (xuất) đúng định dạng; với SVG, xuất lại thành "
                       "PNG. Nếu tệp đặt nhầm đuôi, đổi tên cho đúng loại.")
    return Verdict(file_kind.kind, label=file_kind.label)


def _head(path: Path, size: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        return os.read(fd, size) if size <= MB else read_regular(path, size)
    finally:
        os.close(fd)


def walk(content_dir: Path, display_root: str = "content"):
    """(rel, Verdict) for every file, link and special file under ``content_dir``, sorted.

    Symlinked folders are judged (refused) but never entered; plain folders are entered.
    """
    content_dir = Path(content_dir)
    found, twins = [], {}
    for dirpath, dirs, files in os.walk(content_dir, followlinks=False):
        here = Path(dirpath)
        for name in list(dirs):
            if os.path.islink(here / name):
                dirs.remove(name)
                files.append(name)  # judged as a link below, never entered
            elif name_problem(name):
                dirs.remove(name)
                files.append(name)  # a hidden or oddly named folder: refused once, by name
        folder = here.relative_to(content_dir).as_posix()
        for name, problem in twin_problems(files + dirs, f"{display_root}/{folder}").items():
            twins[f"{folder}/{name}".removeprefix("./")] = problem
        for name in files:
            rel = (here / name).relative_to(content_dir).as_posix()
            found.append(rel)
    for rel in sorted(found):
        path = content_dir / rel
        if not os.path.islink(path) and path.is_dir():
            found_problem = name_problem(path.name)
            yield rel, _refuse(f"{display_root}/{rel}", "tên tệp", *found_problem)
            continue
        result = verdict(content_dir, rel, display_root)
        if result.accepted and rel in twins:
            result = _refuse(f"{display_root}/{rel}", "tên tệp", *twins[rel])
        yield rel, result


def refused_folders(content_dir: Path) -> list[str]:
    """Content-relative symlinked or hidden folders: the build must not walk into them."""
    return [rel for rel, v in walk(content_dir) if not v.accepted and (Path(content_dir) / rel).is_dir()]
