"""The content categories, read from ``content/categories.yml`` (owned by the editors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
import unicodedata
from pathlib import Path

import yaml

from . import allowlist
from .frontmatter import load_yaml, read_source, yaml_error_line
from .problems import Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class CategoryRecord:
    slug: str
    name: str
    description: str = ""
    order: int = 0
    name_en: str = ""  # optional, shown by the English section (site_core.localized)
    description_en: str = ""


def load_categories(path: Path, display_path: str) -> tuple[list[CategoryRecord], list[Problem]]:
    """Read categories.yml; return the valid categories in order and a problem for each bad entry."""
    problems: list[Problem] = []

    def problem(field, message, fix, line=None):
        problems.append(Problem(display_path, line, field, message, fix))

    if not path.is_file():
        problem("categories.yml", "Không tìm thấy tệp danh mục chuyên mục.",
                "Tạo content/categories.yml với danh sách chuyên mục (slug, name, description, order).")
        return [], problems
    try:
        data = load_yaml(read_source(path, allowlist.PROFILE_MAX_BYTES))
    except allowlist.Refused as exc:
        problem(exc.what, exc.message, exc.fix)
        return [], problems
    except UnicodeDecodeError:
        problem("encoding", "Tệp không phải mã UTF-8.", "Lưu lại tệp với mã hóa UTF-8.")
        return [], problems
    except yaml.YAMLError as exc:
        problem("yaml", f"Sai cú pháp YAML ({getattr(exc, 'problem', exc)}).",
                "Sửa dòng được chỉ ra theo dạng '- slug: ...'.", yaml_error_line(exc))
        return [], problems
    if not isinstance(data, list):
        problem("categories.yml", "Tệp phải là một danh sách chuyên mục.",
                "Mỗi chuyên mục bắt đầu bằng '- slug: ...' trên một dòng riêng.", 1)
        return [], problems

    records, seen = [], set()
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problem(f"mục {index}", "Mục này không phải dạng 'khóa: giá trị'.",
                    "Viết slug:, name:, description:, order: cho mỗi chuyên mục.")
            continue
        slug, name = str(entry.get("slug") or "").strip(), str(entry.get("name") or "").strip()
        if not SLUG_RE.match(slug):
            problem(f"mục {index}: slug", f"Slug chuyên mục {slug!r} không hợp lệ.",
                    "Dùng chữ thường không dấu, số và gạch nối, ví dụ: phuc-loi-doan-vien.")
            continue
        if not name:
            problem(f"{slug}: name", "Chuyên mục chưa có tên hiển thị.", "Thêm name: \"Tên chuyên mục\".")
            continue
        if slug in seen:
            problem(f"{slug}: slug", "Slug chuyên mục bị trùng.", "Đổi slug để mỗi chuyên mục có một slug riêng.")
            continue
        order = entry.get("order", index)
        if not isinstance(order, int) or isinstance(order, bool):
            problem(f"{slug}: order", f"Thứ tự {order!r} không phải số nguyên.", "Ghi order là một số, ví dụ: order: 3.")
            order = index
        seen.add(slug)
        records.append(CategoryRecord(slug, name, str(entry.get("description") or ""), order,
                                      str(entry.get("name_en") or "").strip(), str(entry.get("description_en") or "").strip()))
    records.sort(key=lambda c: (c.order, c.slug))
    return records, problems


def _comparable(text: str) -> str:
    """A category name as typed anywhere: NFC, one kind of dash, single spaces, case ignored."""
    text = unicodedata.normalize("NFC", text).replace("—", "–").replace(" - ", " – ")
    return " ".join(text.split()).casefold()


def find_category(records: list[CategoryRecord], value: str) -> CategoryRecord | None:
    """A category by slug, or by its Vietnamese name (case, spacing, dash kind and NFC/NFD aside)."""
    wanted = str(value).strip()
    for record in records:
        if record.slug == wanted or _comparable(record.name) == _comparable(wanted):
            return record
    return None


def category_choices(records: list[CategoryRecord]) -> str:
    """``slug (Name), ...`` for error messages: contributors know the names, the files want slugs."""
    return ", ".join(f"{r.slug} ({r.name})" for r in records)
