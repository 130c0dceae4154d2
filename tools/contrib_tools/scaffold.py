"""Scaffolds for contributors: a new article in its unit's folder, a new unit profile.

Pure apart from writing the one file they create; every refusal is a ``ScaffoldError`` whose message
is Vietnamese and says what to do.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from site_core.categories import category_choices, find_category
from site_core.frontmatter import split_front_matter
from site_core.kinds import DEFAULT_KIND, Kind, kind_help
from site_core.rules import TITLE_MAX, check_article
from site_core.registries import load_registries
from site_core.settings import DEFAULT_TIMEZONE
from site_core.units import HANDLE_RE, SLUG_RE, check_tree, load_units, read_unit

SLUG_MAX = 80


class ScaffoldError(ValueError):
    """A scaffold cannot be written; the message is for the contributor (Vietnamese)."""


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), keeping Vietnamese readable."""
    return json.dumps(value, ensure_ascii=False)


def make_slug(title: str) -> str:
    """The file name Pelican would give the title: unidecode (đ → d), lower case, hyphens."""
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], use_unicode=False)
    slug = re.sub(r"[^a-z0-9-]", "", slug.replace("_", "-")).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


def vietnam_now(timezone: str = DEFAULT_TIMEZONE) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(timezone)).replace(second=0, microsecond=0)


def kind_lines(kind: Kind | None) -> list[str]:
    """The ``kind:`` line of a new article; without one, every other kind as a commented-out choice."""
    if kind is not None and kind is not DEFAULT_KIND:
        return [f"kind: {kind.value}  # {kind.hint}"]
    lines = ["# Loại bài (kind): để nguyên là tin bài thường. Bỏ dấu # ở đầu một dòng dưới đây nếu bài là:"]
    lines += [f"# kind: {other.value}  # {other.hint}" for other in Kind if other is not DEFAULT_KIND]
    return lines


def parse_kind(value: str) -> Kind | None:
    """The Kind an ``--kind`` option names (slug, or label in any case); ScaffoldError otherwise."""
    text = (value or "").strip()
    if not text:
        return None
    for kind in Kind:
        if text.casefold() in (kind.value, kind.label.casefold()):
            return kind
    raise ScaffoldError(f"Loại bài {text!r} không có. Bỏ --kind nếu là tin bài thường, hoặc ghi --kind là một "
                        f"trong: {kind_help()}.")


def article_text(title: str, category: str, date: dt.datetime, author: str = "", kind: Kind | None = None) -> str:
    """The Markdown of a new article: valid front matter and a short Vietnamese guide as the body."""
    lines = [
        "---",
        f"title: {_q(title)}",
        f"date: {date:%Y-%m-%d %H:%M}  # giờ Việt Nam; ngày trong tương lai = hẹn giờ đăng",
        f"category: {category}",
        "tags: []  # ví dụ: [Tháng Công nhân, An toàn lao động]",
        'summary: ""  # một hai câu tóm tắt; để trống thì lấy đoạn đầu của bài',
    ]
    lines += kind_lines(kind)
    lines.append(f"author: {_q(author)}" if author else "# author: \"Họ và tên người viết\"")
    lines += [
        "# image: anh-bia.jpg  # ảnh đại diện, đặt trong thư mục của bài (cạnh tệp này); khi dùng phải có image_alt",
        "# image_alt: \"Mô tả ngắn những gì có trong ảnh\"",
        "# status: draft  # bỏ dấu # ở đầu dòng này để lưu thành bản nháp (chưa đăng)",
        "# Ảnh và tài liệu của bài đặt trong thư mục này, cạnh index.md. Chèn ảnh: ![Mô tả ảnh](ten-anh.jpg)",
        "# Tài liệu (PDF, Word, Excel...): [Tải tài liệu](ten-tai-lieu.pdf)",
        "---",
        "Viết đoạn mở đầu của bài ở đây (đoạn này là phần tóm tắt nếu summary để trống).",
        "",
        "## Tiêu đề nhỏ",
        "",
        "Nội dung bài.",
        "",
    ]
    return "\n".join(lines)


def new_article(content_dir: Path, unit: str, category: str, title: str, author: str = "",
                now: dt.datetime | None = None, timezone: str = DEFAULT_TIMEZONE, kind: str = "") -> Path:
    """Write ``units/<unit>/<yyyy>/<slug>/index.md`` under ``content_dir``; return its path.

    Refuses an unknown unit, category or kind, an empty or too long title, and an existing file.
    """
    chosen_kind = parse_kind(kind)
    content_dir = Path(content_dir)
    registries = load_registries(content_dir)
    units, categories = registries.units, registries.categories
    title = (title or "").strip()
    if not title:
        raise ScaffoldError("Thiếu tiêu đề bài. Thêm --title \"Tiêu đề bài\".")
    if len(title) > TITLE_MAX:
        raise ScaffoldError(f"Tiêu đề dài {len(title)} ký tự, quá giới hạn {TITLE_MAX}. Hãy rút gọn.")
    if unit not in units:
        raise ScaffoldError(f"Không có đơn vị {unit!r}. Các đơn vị hiện có: {', '.join(sorted(units))}. "
                            "Đơn vị mới: chạy invoke new-unit trước.")
    record = find_category(categories, category)
    if record is None:
        raise ScaffoldError(f"Không có chuyên mục {category!r}. Chọn một trong (tên thư mục hoặc tên tiếng Việt): "
                            + category_choices(categories) + ".")
    slug = make_slug(title)
    if not slug:
        raise ScaffoldError("Tiêu đề không tạo được tên tệp (cần ít nhất một chữ cái hoặc chữ số).")
    date = (now or vietnam_now(timezone)).astimezone(ZoneInfo(timezone))
    # A folder per article (site_core.layout): its photos and documents go beside index.md.
    folder = content_dir / "units" / unit / f"{date:%Y}" / slug
    path = folder / "index.md"
    flat = folder.with_suffix(".md")
    if folder.exists() or flat.exists():
        raise ScaffoldError(f"Đã có {folder if folder.exists() else flat}. Không ghi đè: đổi tiêu đề, hoặc sửa thẳng tệp đó.")
    text = article_text(title, record.slug, date, author, chosen_kind)
    # The scaffold must pass the same rules as the build: check before writing.
    facts, problems = check_article(split_front_matter(text), str(path), unit, f"{date:%Y}", units,
                                    categories, timezone)
    if problems:
        raise ScaffoldError("Bài mẫu không hợp lệ: " + "; ".join(str(p) for p in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path


def unit_text(slug: str, name: str, level: str, parent: str | None, maintainers: list[str],
              short_name: str = "", levels: dict | None = None) -> str:
    lines = [f"name: {_q(name)}"]
    if short_name:
        lines.append(f"short_name: {_q(short_name)}")
    lines.append(f"level: {level}  # " + " | ".join(levels or [level]))
    if parent:
        lines.append(f"parent: {parent}")
    lines += [
        "# members: 1200  # số đoàn viên",
        "# trained_communicators: 1  # số cán bộ làm truyền thông đã được tập huấn",
        "# fanpage: \"https://www.facebook.com/...\"",
        "# zalo: \"https://zalo.me/...\"",
        "# website: \"https://...\"",
        "# email: \"congdoan@...\"",
        "# phone: \"...\"",
        "# address: \"...\"",
        "# description: \"Giới thiệu ngắn về đơn vị.\"",
        "maintainers: [" + ", ".join(_q(m.lstrip("@")) for m in maintainers) + "]  # tài khoản GitHub duyệt bài của đơn vị",
    ]
    return "\n".join(lines) + "\n"


def new_unit(content_dir: Path, slug: str, name: str, level: str, parent: str | None = None,
             maintainers: list[str] | None = None, short_name: str = "") -> Path:
    """Write ``units/<slug>/unit.yml``; return its path. Checks it like the build does."""
    content_dir = Path(content_dir)
    units_dir = content_dir / "units"
    levels = load_registries(content_dir).levels
    units, _ = load_units(units_dir, str(units_dir), levels)  # fresh records: check_tree below may change them
    slug, name = (slug or "").strip(), (name or "").strip()
    maintainers = [m.strip().lstrip("@") for m in (maintainers or []) if m.strip()]
    if not SLUG_RE.match(slug):
        raise ScaffoldError(f"Tên thư mục đơn vị {slug!r} không hợp lệ: dùng chữ thường không dấu, số và gạch "
                            f"nối, ví dụ: {make_slug(name) or 'thep-song-hong'}.")
    if not name:
        raise ScaffoldError("Thiếu tên đơn vị. Thêm --name \"Công đoàn ...\".")
    if level not in levels:
        raise ScaffoldError(f"Cấp {level!r} không hợp lệ. Chọn một trong: {', '.join(levels)}.")
    if level == next(iter(levels)):  # the top level has no parent
        parent = None
    elif not parent or parent not in units:
        raise ScaffoldError(f"Cần --parent là một đơn vị có sẵn. Các đơn vị hiện có: {', '.join(sorted(units))}.")
    elif units[parent].level_rank >= list(levels).index(level):
        raise ScaffoldError(f"Đơn vị cấp trên {parent!r} ({units[parent].level}) không ở cấp cao hơn {level}.")
    bad = [m for m in maintainers if not HANDLE_RE.match(m)]
    if bad:
        raise ScaffoldError(f"Tài khoản GitHub không hợp lệ: {', '.join(bad)}.")
    path = units_dir / slug / "unit.yml"
    if path.exists():
        raise ScaffoldError(f"Đã có {path}. Không ghi đè: sửa thẳng tệp đó.")
    text = unit_text(slug, name, level, parent, maintainers, short_name, levels)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    record, problems = read_unit(path, str(path), levels)
    problems += [p for p in check_tree({**units, slug: record}, str(units_dir)) if f"/{slug}/" in p.path]
    if problems:
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
        raise ScaffoldError("Hồ sơ đơn vị không hợp lệ: " + "; ".join(str(p) for p in problems))
    return path


def article_choices(content_dir: Path) -> dict:
    """The accepted values of ``invoke new``'s --unit and --category, for prompts and errors."""
    registries = load_registries(Path(content_dir))
    return {"unit": sorted(registries.units), "category": [c.slug for c in registries.categories],
            "level": list(registries.levels)}
def category_answer(content_dir: Path):
    """For ``ask_missing``: the slug of a category typed by slug or by Vietnamese name, else None."""
    categories = load_registries(Path(content_dir)).categories

    def match(answer: str) -> str | None:
        record = find_category(categories, answer)
        return record.slug if record else None

    return match
