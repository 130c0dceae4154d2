"""The unit levels of a union, as data: ``content/levels.yml``, highest level first.

A provincial labour federation's levels are not an industry union's, so the names live in the content,
not the code. Without the file a site gets ``DEFAULT_LEVELS`` (the three levels under an industry union).
The first level is the site's top unit: it has no parent; every other unit's parent is at a higher level.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import allowlist
from .frontmatter import load_yaml, read_source, yaml_error_line
from .problems import Problem

DEFAULT_LEVELS = {
    "cap-nganh": "Công đoàn ngành",
    "cap-tren-co-so": "Công đoàn cấp trên trực tiếp cơ sở",
    "co-so": "Công đoàn cơ sở",
}
# The English names of DEFAULT_LEVELS, for a site without levels.yml (an English section shows them).
DEFAULT_LEVEL_NAMES_EN = {
    "cap-nganh": "Industry union",
    "cap-tren-co-so": "Union directly above the grassroots",
    "co-so": "Grassroots union",
}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIX = "Viết mỗi cấp trên một dòng dạng '- slug: co-so' và dòng '  name: \"Công đoàn cơ sở\"', cấp cao nhất trước."


def load_levels(path: Path, display_path: str) -> tuple[dict[str, str], list[Problem]]:
    """slug -> Vietnamese name, highest level first; DEFAULT_LEVELS when the file does not exist."""
    if not path.is_file():
        return dict(DEFAULT_LEVELS), []
    problems: list[Problem] = []

    def problem(field, message, line=None, fix=FIX):
        problems.append(Problem(display_path, line, field, message, fix))

    try:
        data = load_yaml(read_source(path, allowlist.PROFILE_MAX_BYTES))
    except allowlist.Refused as exc:
        problem(exc.what, exc.message, fix=exc.fix)
        return dict(DEFAULT_LEVELS), problems
    except UnicodeDecodeError:
        problem("encoding", "Tệp không phải mã UTF-8.", fix="Lưu lại tệp với mã hóa UTF-8.")
        return dict(DEFAULT_LEVELS), problems
    except yaml.YAMLError as exc:
        problem("yaml", f"Sai cú pháp YAML ({getattr(exc, 'problem', exc)}).", yaml_error_line(exc))
        return dict(DEFAULT_LEVELS), problems
    levels: dict[str, str] = {}
    for index, entry in enumerate(data if isinstance(data, list) else [], start=1):
        slug = str(entry.get("slug") or "").strip() if isinstance(entry, dict) else ""
        name = str(entry.get("name") or "").strip() if isinstance(entry, dict) else ""
        if not SLUG_RE.match(slug) or not name:
            problem(f"cấp {index}", f"Cấp thứ {index} cần slug (chữ thường không dấu, gạch nối) và name.")
        elif slug in levels:
            problem(f"{slug}: slug", "Slug cấp bị trùng.", fix="Mỗi cấp một slug riêng.")
        else:
            levels[slug] = name
    if not levels:
        problem("levels.yml", "Tệp phải là danh sách các cấp, ít nhất một cấp.", 1)
        return dict(DEFAULT_LEVELS), problems
    return levels, problems


def english_level_names(path: Path) -> dict[str, str]:
    """slug -> ``name_en`` of the levels that give one (the English section's names); load_levels has
    already reported whatever is wrong with the file, so a broken one gives no names here."""
    if not path.is_file():
        return dict(DEFAULT_LEVEL_NAMES_EN)
    try:
        data = load_yaml(read_source(path, allowlist.PROFILE_MAX_BYTES))
    except (allowlist.Refused, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return {str(entry["slug"]).strip(): str(entry["name_en"]).strip() for entry in (data if isinstance(data, list) else [])
            if isinstance(entry, dict) and entry.get("slug") and entry.get("name_en")}
