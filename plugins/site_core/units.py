"""The unit registry: one ``content/units/<slug>/unit.yml`` per subordinate union.

Pure functions: ``load_units`` reads every profile and returns the usable records plus a problem for
everything wrong, worded in Vietnamese for the unit's communicator. A profile with errors still yields a
record (with the bad field left empty) so that a preview build keeps the unit's articles; the publish
build fails on the problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pelican.urlwrappers import URLWrapper

from . import allowlist
from .allowlist import CONTROL_RE, HTTP_URL_RE, INVISIBLE_RE
from .frontmatter import key_lines, load_yaml, read_source, yaml_error_line
from .levels import DEFAULT_LEVELS
from .localized import TRANSLATED_FIELDS, localized
from .problems import Problem

URL_FIELDS = ("fanpage", "zalo", "website")
TEXT_FIELDS = ("short_name", "email", "phone", "address", "logo", "description",
               "name_en", "short_name_en", "description_en")  # *_en: the English section's (site_core.localized)
KNOWN_KEYS = {"slug", "name", "level", "parent", "members", "trained_communicators", "maintainers",
              *URL_FIELDS, *TEXT_FIELDS}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = HTTP_URL_RE  # one rule for web addresses in metadata (site_core.allowlist)
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%*+=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .()/-]{5,30}$")
HANDLE_RE = re.compile(r"^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?$")


@dataclass
class UnitRecord:
    slug: str
    name: str
    level: str
    parent: str | None = None
    members: int | None = None
    trained_communicators: int | None = None
    maintainers: list = field(default_factory=list)
    fanpage: str = ""
    zalo: str = ""
    website: str = ""
    short_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    logo: str = ""
    description: str = ""
    level_name: str = ""  # the level's Vietnamese name, from levels.yml
    name_en: str = ""
    short_name_en: str = ""
    description_en: str = ""
    level_name_en: str = ""  # the level's name_en in levels.yml, if any
    level_rank: int = 0  # 0 for the highest level (the site's top unit), then 1, 2...


def _count(value):
    """An int from a YAML value ("1.200" and "1,200" as written in Vietnamese too), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}([.,]\d{3})+|\d+", value.strip()):
        return int(re.sub(r"[.,]", "", value.strip()))
    return None


def read_unit(path: Path, display_path: str, levels: dict = DEFAULT_LEVELS) -> tuple[UnitRecord, list[Problem]]:
    """Read one unit.yml; the slug is the folder name; ``levels`` as site_core.levels.load_levels gives them."""
    slug = path.parent.name
    problems: list[Problem] = []
    text = ""
    lines: dict | None = None

    def problem(key, message, fix):
        nonlocal lines
        if lines is None:  # a second YAML pass, only when there is a problem to place
            lines = key_lines(text) if text else {}
        problems.append(Problem(display_path, lines.get(key), key, message, fix))

    lowest = list(levels)[-1]
    record = UnitRecord(slug=slug, name=slug, level=lowest, level_name=levels[lowest], level_rank=len(levels) - 1)
    try:
        text = read_source(path, allowlist.PROFILE_MAX_BYTES)
    except allowlist.Refused as exc:
        problem(exc.what, exc.message, exc.fix)
        return record, problems
    except UnicodeDecodeError:
        problem("encoding", "Tệp hồ sơ đơn vị không phải mã UTF-8.", "Mở tệp và lưu lại với mã hóa UTF-8.")
        return record, problems
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        problems.append(Problem(display_path, yaml_error_line(exc), "yaml",
                                f"Hồ sơ đơn vị sai cú pháp YAML ({getattr(exc, 'problem', exc)}).",
                                "Sửa dòng được chỉ ra: mỗi dòng dạng 'khóa: giá trị'."))
        return record, problems
    if not isinstance(data, dict):
        problem("unit.yml", "Hồ sơ đơn vị phải gồm các dòng 'khóa: giá trị'.", "Xem mẫu trong HUONG-DAN-DONG-GOP.md.")
        return record, problems

    if not SLUG_RE.match(slug):
        problem("slug", f"Tên thư mục đơn vị {slug!r} không hợp lệ.",
                "Đổi tên thư mục thành chữ thường không dấu, số và gạch nối, ví dụ: thep-song-hong.")
    if "slug" in data and data["slug"] != slug:
        problem("slug", f"slug {data['slug']!r} khác tên thư mục {slug!r}.",
                f"Xóa dòng slug: hoặc ghi slug: {slug}.")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problem("name", "Thiếu tên đơn vị.", "Thêm dòng name: \"Công đoàn ...\" (tên đầy đủ của đơn vị).")
    else:
        record.name = name.strip()
    level = data.get("level")
    if level not in levels:
        problem("level", f"Cấp đơn vị {level!r} không hợp lệ.", "Ghi level: là một trong " + ", ".join(levels) + ".")
    else:
        record.level, record.level_name, record.level_rank = level, levels[level], list(levels).index(level)
    parent = data.get("parent")
    if parent is not None and not isinstance(parent, str):
        problem("parent", "Đơn vị cấp trên phải là slug của một đơn vị.", "Ghi parent: <tên thư mục của đơn vị cấp trên>.")
    else:
        record.parent = parent.strip() if parent else None
    for key in ("members", "trained_communicators"):
        if data.get(key) is not None:
            value = _count(data[key])
            if value is None:
                problem(key, f"{key} phải là một số nguyên không âm, không phải {data[key]!r}.",
                        f"Ghi {key}: bằng chữ số, ví dụ: {key}: 1200.")
            setattr(record, key, value)
    for key in URL_FIELDS:
        value = data.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or not URL_RE.match(value.strip()):
            problem(key, f"Địa chỉ {key} {value!r} không phải đường dẫn web hợp lệ.",
                    f"Ghi đầy đủ, bắt đầu bằng https://, ví dụ: {key}: https://www.facebook.com/tendonvi.")
        else:
            setattr(record, key, value.strip())
    email = data.get("email")
    if email not in (None, "") and (not isinstance(email, str) or not EMAIL_RE.match(email.strip())):
        problem("email", f"Địa chỉ email {email!r} không hợp lệ.", "Ghi dạng ten@donvi.vn.")
    phone = data.get("phone")
    if phone not in (None, "") and (not isinstance(phone, (str, int)) or not PHONE_RE.match(str(phone).strip())
                                   or sum(c.isdigit() for c in str(phone)) < 6):
        problem("phone", f"Số điện thoại {str(phone)[:40]!r} không hợp lệ.",
                "Chỉ ghi chữ số và dấu cách, chấm, gạch nối, ngoặc, ví dụ: phone: \"0274 3811 456\".")
    for key in ("name", *TEXT_FIELDS):
        value = data.get(key)
        if isinstance(value, str) and (INVISIBLE_RE.search(value) or CONTROL_RE.search(value.replace("\n", ""))):
            problem(key, f"{key} có ký tự ẩn (ký tự đổi chiều chữ hoặc không có độ rộng).",
                    "Gõ lại dòng này bằng bàn phím, hoặc xóa các ký tự ẩn.")
    for key in TEXT_FIELDS:
        value = data.get(key)
        if key in ("email", "phone") and any(p.field == key for p in problems):
            continue
        if value not in (None, ""):
            setattr(record, key, str(value).strip())
    maintainers = data.get("maintainers") or []
    if isinstance(maintainers, str):
        maintainers = [maintainers]
    if not isinstance(maintainers, list) or not all(isinstance(m, str) and HANDLE_RE.match(m) for m in maintainers):
        problem("maintainers", "Danh sách người duyệt bài phải là các tài khoản GitHub.",
                "Ghi dạng maintainers: [ten-tai-khoan-1, ten-tai-khoan-2].")
    else:
        record.maintainers = [m.lstrip("@") for m in maintainers]
    for key in sorted(set(data) - KNOWN_KEYS):
        problem(key, f"Khóa {key!r} không được hỗ trợ trong hồ sơ đơn vị.",
                "Xóa dòng này hoặc sửa tên khóa cho đúng (xem HUONG-DAN-DONG-GOP.md).")
    return record, problems


def load_units(units_dir: Path, display_root: str = "content/units", levels: dict = DEFAULT_LEVELS) -> tuple[dict, list[Problem]]:
    """Read every unit's profile and check the tree (parents exist, levels nest, no cycles)."""
    units: dict[str, UnitRecord] = {}
    problems: list[Problem] = []
    if not units_dir.is_dir():
        return units, problems
    # A symlinked or hidden folder is not a unit (site_core.allowlist refuses it by name).
    for folder in sorted(p for p in units_dir.iterdir() if p.is_dir() and not p.is_symlink()
                         and not p.name.startswith(".")):
        path = folder / "unit.yml"
        display = f"{display_root}/{folder.name}/unit.yml"
        if not path.is_file():
            problems.append(Problem(display, None, "unit.yml",
                                    f"Thư mục đơn vị {folder.name!r} chưa có hồ sơ unit.yml.",
                                    "Tạo unit.yml bằng lệnh: invoke new-unit, hoặc xóa thư mục nếu gõ nhầm tên."))
            continue
        record, found = read_unit(path, display, levels)
        units[record.slug] = record
        problems.extend(found)
    problems.extend(check_tree(units, display_root))
    return units, problems


def check_tree(units: dict, display_root: str) -> list[Problem]:
    problems = []
    for slug, record in units.items():
        display = f"{display_root}/{slug}/unit.yml"
        if record.level_rank == 0:
            if record.parent:
                problems.append(Problem(display, None, "parent", f"{record.level_name} không có đơn vị cấp trên trong trang này.",
                                        "Xóa dòng parent:."))
                record.parent = None
            continue
        if not record.parent:
            problems.append(Problem(display, None, "parent", "Thiếu đơn vị cấp trên.",
                                    "Thêm parent: <tên thư mục đơn vị cấp trên>, ví dụ: parent: cong-doan-nganh."))
        elif record.parent not in units:
            problems.append(Problem(display, None, "parent", f"Không có đơn vị nào tên {record.parent!r}.",
                                    "Ghi parent: đúng tên thư mục của đơn vị cấp trên trong content/units/. "
                                    "Các đơn vị hiện có: " + ", ".join(sorted(units)) + "."))
            record.parent = None
        elif units[record.parent].level_rank >= record.level_rank:
            problems.append(Problem(display, None, "parent",
                                    f"Đơn vị cấp trên {record.parent!r} không ở cấp cao hơn đơn vị này.",
                                    "Kiểm tra lại level: của hai đơn vị hoặc chọn đúng đơn vị cấp trên."))
            record.parent = None
    return problems


def branch(units: dict, slug: str) -> list[str]:
    """The slugs of ``slug`` and every unit below it, depth first."""
    children = sorted(s for s, r in units.items() if r.parent == slug)
    return [slug] + [s for child in children for s in branch(units, child)]


class Unit(URLWrapper):
    """A union unit, usable like Pelican's Category (``{{ unit.url }}``, UNIT_URL/UNIT_SAVE_AS)."""

    def __init__(self, record: UnitRecord, settings):
        super().__init__(localized(record, "name", settings.get("DEFAULT_LANG")), settings)
        self.slug = record.slug
        self.record = record
        self.parent = None
        self.children = []
        self.articles = []

    def __getattr__(self, name):
        # Profile fields (members, fanpage, level_name...) come from the registry record, in the
        # build's language where the record has it (description_en in an English build).
        if name.startswith("_") or name == "record":
            raise AttributeError(name)
        if name in TRANSLATED_FIELDS:
            return localized(self.record, name, self.settings.get("DEFAULT_LANG"))
        return getattr(self.record, name)

    def __getstate__(self):
        # Cached articles keep only the record; the build re-links parents and articles.
        return {"settings": self.settings, "_name": self._name, "_slug": self._slug,
                "_slug_from_name": self._slug_from_name, "record": self.record,
                "parent": None, "children": [], "articles": []}

    def __setstate__(self, state):
        self.__dict__.update(state)
