"""The rules an article's front matter must follow (DESIGN.md, "Content model").

``check_article`` is pure: it takes the parsed front matter, where the file is and the registries,
and returns the cleaned metadata plus every problem found. The reader and the checker both call it,
so a preview build, ``invoke check`` and the publish build can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from .allowlist import CONTROL_RE, HTTP_URL_RE, INVISIBLE_RE
from .categories import CategoryRecord, find_category
from .layout import nearest_name
from .frontmatter import FrontMatter
from .kinds import KINDS
from .links import body_links, local_path, resolve
from .problems import Problem

TITLE_MAX = 200
STATUSES = {"published", "draft", "hidden"}
KNOWN_KEYS = {"title", "date", "modified", "category", "unit", "tags", "summary", "image", "image_alt",
              "image_credit", "image_caption", "author", "kind", "source", "source_url", "featured",
              "status", "slug", "lang", "translation_of"}  # lang, translation_of: site_i18n checks their values
ISO_DATE_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
# The one rule for a web address in metadata (source_url here, fanpage/website/zalo in unit.yml):
# http(s) only, a dotted host, no quotes, angle brackets, backslashes or spaces anywhere.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TAGS = 20
TAG_MAX = 60
TEXT_FIELDS = ("title", "summary", "author", "image_alt", "image_credit", "image_caption", "source")
# Templates a page may ask for (the cdct theme's page layouts); anything else is ignored.
PAGE_TEMPLATES = {"page", "press", "identity"}
IGNORED_KEYS = ("url", "save_as", "template")
# Markdown images and raw <img> tags whose source is a file beside the article (not a URL).
BODY_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']",
                           re.IGNORECASE)


@dataclass
class ArticleFacts:
    """The cleaned front matter of one article."""

    title: str = ""
    date: dt.datetime | None = None
    modified: dt.datetime | None = None
    category: CategoryRecord | None = None
    unit: str = ""
    tags: list = field(default_factory=list)
    kind: str = "tin-bai"
    status: str = "published"
    featured: bool = False
    images: list = field(default_factory=list)  # files beside the article that it uses


def parse_date(value, timezone: str) -> dt.datetime | None:
    """Parse an ISO 8601 date; a date without offset is in ``timezone``. None if invalid."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and ISO_DATE_RE.match(value.strip()):
        text = value.strip().replace(" ", "T", 1)
        text = re.sub(r"T(\d)(?=:)", r"T0\1", text)  # 7:30 is what people write; fromisoformat wants 07:30
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed


def _as_list(value) -> list | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    return None


def local_images(fm: FrontMatter) -> list[tuple[str, int | None, str]]:
    """(file, line, field) for each photo the article uses that should lie beside it."""
    found = []
    image = fm.meta.get("image")
    if isinstance(image, str) and image.strip() and not re.match(r"^[a-z]+:", image.strip()):
        found.append((image.strip(), fm.lines.get("image"), "image"))
    for offset, line in enumerate(fm.body.split("\n")):
        for match in BODY_IMAGE_RE.finditer(line):
            src = match.group(1) or match.group(2)
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", src, re.IGNORECASE):
                continue  # a URL, or a Pelican {static} link handled by Pelican itself
            if src.startswith("{"):
                continue
            found.append((src, fm.body_line + offset, "ảnh trong bài"))
    return found


def check_article(fm: FrontMatter, path: str, folder_unit: str | None, folder_year: str | None,
                  units: dict, categories: list[CategoryRecord], timezone: str,
                  exists=lambda name: True, files: dict | None = None) -> tuple[ArticleFacts, list[Problem]]:
    """Check one article's front matter.

    ``path`` is shown in messages; ``folder_unit``/``folder_year`` come from
    ``units/<unit>/<yyyy>/``; ``exists(name)`` says whether a file beside the article exists.
    ``files`` (names of the files beside the article), when given, checks every local link and
    photo of the article against them instead (``link_problems``), naming the nearest name.
    """
    meta, facts, problems = fm.meta, ArticleFacts(), []

    def problem(key, message, fix, line=None):
        problems.append(Problem(path, line or fm.lines.get(key), key, message, fix))

    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        problem("title", "Thiếu tiêu đề bài viết.", "Thêm dòng title: \"Tiêu đề bài\" vào phần thông tin đầu bài.", 1)
    elif not isinstance(title, (str, int, float)):
        problem("title", "Tiêu đề phải là một dòng chữ.", "Viết title: \"Tiêu đề bài\" trên một dòng.")
    else:
        facts.title = str(title).strip()
        if len(facts.title) > TITLE_MAX:
            problem("title", f"Tiêu đề dài {len(facts.title)} ký tự, quá giới hạn {TITLE_MAX}.",
                    "Rút gọn tiêu đề; đưa ý phụ vào summary:.")

    if meta.get("date") in (None, ""):
        problem("date", "Thiếu ngày đăng bài.", "Thêm dòng date: 2024-05-01 08:00 (giờ Việt Nam).", 1)
    else:
        facts.date = parse_date(meta["date"], timezone)
        if facts.date is None:
            problem("date", f"Ngày đăng {meta['date']!r} không đúng dạng.",
                    "Ghi theo dạng năm-tháng-ngày giờ:phút, ví dụ: date: 2024-05-01 08:00.")
        elif folder_year and facts.date.astimezone(ZoneInfo(timezone)).strftime("%Y") != folder_year:
            problem("date", f"Bài nằm trong thư mục năm {folder_year} nhưng ngày đăng là năm "
                    f"{facts.date.astimezone(ZoneInfo(timezone)):%Y}.",
                    "Sửa ngày đăng, hoặc chuyển tệp vào thư mục đúng năm.")
    if meta.get("modified") not in (None, ""):
        facts.modified = parse_date(meta["modified"], timezone)
        if facts.modified is None:
            problem("modified", f"Ngày cập nhật {meta['modified']!r} không đúng dạng.",
                    "Ghi theo dạng năm-tháng-ngày giờ:phút, ví dụ: modified: 2024-05-02 10:00.")

    category = meta.get("category")
    if category in (None, ""):
        problem("category", "Thiếu chuyên mục.",
                "Thêm dòng category: với một trong: " + ", ".join(c.slug for c in categories) + ".", 1)
    else:
        facts.category = find_category(categories, str(category))
        if facts.category is None:
            problem("category", f"Chuyên mục {category!r} không có trong danh mục.",
                    "Chọn một trong: " + ", ".join(c.slug for c in categories) + ".")

    facts.unit = folder_unit or ""
    if folder_unit is None:
        problem("unit", "Bài viết không nằm trong thư mục của một đơn vị.",
                "Chuyển tệp vào content/units/<đơn vị>/<năm>/.")
    elif folder_unit not in units:
        problem("unit", f"Đơn vị {folder_unit!r} (tên thư mục) không có trong danh sách đơn vị.",
                "Kiểm tra tên thư mục, hoặc tạo hồ sơ đơn vị bằng lệnh: invoke new-unit. Các đơn vị hiện có: "
                + ", ".join(sorted(units)) + ".")
    if meta.get("unit") not in (None, "") and str(meta["unit"]) != folder_unit:
        problem("unit", f"unit: {meta['unit']!r} khác thư mục chứa bài ({folder_unit!r}).",
                f"Xóa dòng unit: (đơn vị được lấy theo thư mục), hoặc chuyển bài vào content/units/{meta['unit']}/.")

    tags = _as_list(meta.get("tags"))
    if tags is None:
        problem("tags", "Thẻ (tags) phải là một danh sách.", "Viết tags: [Thẻ một, Thẻ hai].")
    else:
        if len(tags) > MAX_TAGS:
            problem("tags", f"Bài có {len(tags)} thẻ, quá giới hạn {MAX_TAGS}; chỉ {MAX_TAGS} thẻ đầu được dùng.",
                    f"Giữ tối đa {MAX_TAGS} thẻ chính của bài.")
            tags = tags[:MAX_TAGS]
        long = [t for t in tags if len(t) > TAG_MAX]
        if long:
            problem("tags", f"Thẻ {long[0][:40]!r}… dài quá {TAG_MAX} ký tự.", "Mỗi thẻ chỉ vài từ, ví dụ: Tháng Công nhân.")
        facts.tags = [t for t in tags if len(t) <= TAG_MAX and not INVISIBLE_RE.search(t)]

    kind = meta.get("kind") or "tin-bai"
    if kind not in KINDS:
        problem("kind", f"Loại bài {kind!r} không hợp lệ.",
                "Ghi kind: là một trong " + ", ".join(f"{slug} ({label.lower()})" for slug, label in KINDS.items())
                + "; hoặc xóa dòng này nếu là tin bài thường.")
    else:
        facts.kind = kind

    status = meta.get("status") or "published"
    if status not in STATUSES:
        problem("status", f"Trạng thái {status!r} không hợp lệ.", "Ghi status: draft (bản nháp) hoặc xóa dòng này.")
    else:
        facts.status = status

    featured = meta.get("featured", False)
    if not isinstance(featured, bool):
        problem("featured", f"featured phải là true hoặc false, không phải {featured!r}.", "Ghi featured: true hoặc xóa dòng này.")
    else:
        facts.featured = featured

    for key in ("summary", "author", "image_alt", "image_credit", "image_caption", "source"):
        if meta.get(key) is not None and not isinstance(meta[key], (str, int, float)):
            problem(key, f"{key} phải là một đoạn chữ.", f"Viết {key}: \"...\" trên một dòng, đặt trong ngoặc kép.")
    if meta.get("source_url") not in (None, "") and not HTTP_URL_RE.match(str(meta["source_url"]).strip()):
        problem("source_url", f"Đường dẫn nguồn {meta['source_url']!r} không hợp lệ.",
                "Ghi đầy đủ địa chỉ bài gốc, bắt đầu bằng https://.")
    if meta.get("source_url") and not meta.get("source"):
        problem("source", "Có source_url nhưng thiếu tên nguồn.", "Thêm source: \"Tên báo/đơn vị đăng bài gốc\".")

    if meta.get("image") and not str(meta.get("image_alt") or "").strip():
        problem("image_alt", "Ảnh đại diện chưa có mô tả (alt) cho người khiếm thị.",
                "Thêm image_alt: \"Mô tả ngắn những gì có trong ảnh\".", fm.lines.get("image"))
    problems += link_problems(fm, path, files) if files is not None else []
    for name, line, key in local_images(fm):
        if files is not None:
            if local_path(name) and resolve(local_path(name), files):
                facts.images.append(name)
        elif ".." in PurePosixPath(name).parts or name.startswith("/"):
            problem(key, f"Ảnh {name!r} phải nằm cùng thư mục với bài viết.",
                    "Đặt ảnh cạnh tệp bài viết và ghi tên tệp, ví dụ: anh-1.jpg.", line)
        elif not exists(name):
            problem(key, f"Không tìm thấy tệp ảnh {name!r} cạnh bài viết.",
                    "Tải ảnh lên cùng thư mục với bài viết, hoặc sửa tên tệp cho đúng (phân biệt chữ hoa/thường).", line)
        else:
            facts.images.append(name)

    problems += text_problems(fm, path)
    if meta.get("slug") not in (None, "") and not SLUG_RE.match(str(meta["slug"])):
        problem("slug", f"slug {str(meta['slug'])[:80]!r} không hợp lệ (chỉ chữ thường không dấu, số và gạch nối; "
                "không có '/' hay '..'); tên tệp được dùng thay.",
                "Xóa dòng slug: (địa chỉ bài lấy theo tên tệp/thư mục), hoặc ghi ví dụ: slug: chuyen-xe-tet.")
    for key in sorted(set(meta) - KNOWN_KEYS):
        problem(key, f"Khóa {key!r} không được hỗ trợ.",
                "Xóa dòng này hoặc sửa tên khóa (các khóa hợp lệ: " + ", ".join(sorted(KNOWN_KEYS)) + ").")
    return facts, problems


def link_problems(fm: FrontMatter, path: str, files) -> list[Problem]:
    """A problem for each local link, inline photo or ``image:`` that names no file beside the article."""
    problems = []
    targets = [(t, line, "ảnh trong bài" if kind == "image" else "liên kết") for t, line, kind in body_links(fm.body, fm.body_line)]
    image = fm.meta.get("image")
    if isinstance(image, str) and image.strip():
        targets.insert(0, (image.strip(), fm.lines.get("image"), "image"))
    for target, line, key in targets:
        name = local_path(target)
        if name is None:
            continue
        if ".." in name.split("/"):
            problems.append(Problem(path, line, key, f"Tệp {target!r} nằm ngoài thư mục của bài.",
                                    "Đặt tệp vào cùng thư mục với bài viết và ghi tên tệp, ví dụ: anh-1.jpg."))
        elif resolve(name, files) is None:
            near = nearest_name(name, files)
            hint = (f"Trong thư mục bài có {near!r}: sửa liên kết thành đúng tên đó" if near else
                    "Tải tệp lên cùng thư mục với bài viết, hoặc sửa tên tệp cho đúng")
            problems.append(Problem(path, line, key, f"Không tìm thấy tệp {target!r} trong thư mục của bài.",
                                    hint + " (tên có dấu cách thì viết trong ngoặc nhọn: [Tên](<tài liệu.pdf>))."))
    return problems


def is_buildable(facts: ArticleFacts, units: dict) -> bool:
    """An article can be built when it has a title, a valid date, a known category and a known unit."""
    return bool(facts.title and facts.date and facts.category and facts.unit in units)


def text_problems(fm: FrontMatter, path: str, keys=TEXT_FIELDS + ("tags", "slug")) -> list[Problem]:
    """One problem per text field carrying invisible or direction-changing characters (they can make a
    title read differently from what a reviewer sees) or control characters."""
    found = []
    for key in keys:
        value = fm.meta.get(key)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and (INVISIBLE_RE.search(v) or CONTROL_RE.search(v.replace("\n", "")))
               for v in values):
            found.append(Problem(path, fm.lines.get(key), key,
                                 f"{key} có ký tự ẩn (ký tự đổi chiều chữ, ký tự không có độ rộng hoặc ký tự điều "
                                 "khiển) có thể làm chữ hiện khác với những gì người duyệt thấy.",
                                 "Gõ lại dòng này bằng bàn phím (không dán từ nơi khác), hoặc xóa các ký tự ẩn."))
    return found


def check_page(fm: FrontMatter, path: str) -> tuple[dict, list[Problem]]:
    """The metadata a page may set (title, slug, template from PAGE_TEMPLATES, status, summary) and a
    problem for each key that is refused or ignored (``url``, ``save_as``, an unknown template)."""
    meta, problems, metadata = fm.meta, [], {}

    def problem(key, message, fix, line=None):
        problems.append(Problem(path, line or fm.lines.get(key), key, message, fix))

    title = meta.get("title")
    if not isinstance(title, (str, int, float)) or not str(title).strip():
        problem("title", "Trang chưa có tiêu đề.", "Thêm dòng title: \"Tên trang\" vào phần thông tin đầu trang.", 1)
    else:
        metadata["title"] = str(title).strip()
    slug = meta.get("slug")
    if slug not in (None, ""):
        if SLUG_RE.match(str(slug)):
            metadata["slug"] = str(slug)
        else:
            problem("slug", f"slug {str(slug)[:80]!r} không hợp lệ (chỉ chữ thường không dấu, số và gạch nối; "
                    "không có '/' hay '..'); tên tệp được dùng thay.",
                    "Xóa dòng slug:, hoặc ghi ví dụ: slug: gioi-thieu.")
    template = meta.get("template")
    if template not in (None, ""):
        if str(template) in PAGE_TEMPLATES:
            metadata["template"] = str(template)
        else:
            problem("template", f"Mẫu trang {str(template)[:60]!r} không có; trang dùng mẫu thường.",
                    "Xóa dòng template:, hoặc ghi một trong: " + ", ".join(sorted(PAGE_TEMPLATES)) + ".")
    for key in ("url", "save_as"):
        if meta.get(key) not in (None, ""):
            problem(key, f"Khóa {key}: bị bỏ qua: địa chỉ trang được tạo từ slug.",
                    f"Xóa dòng {key}:; muốn đổi địa chỉ, sửa slug:.")
    for key in ("status", "summary", "lang", "translation_of"):  # lang, translation_of: see site_i18n
        if meta.get(key) not in (None, ""):
            metadata[key] = str(meta[key]).strip()
    problems += text_problems(fm, path, ("title", "summary", "slug"))
    return metadata, problems
