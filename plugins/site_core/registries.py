"""The content folder's registries (levels.yml, units/*/unit.yml, categories.yml), read once per build.

The checker, the reader, the unit pages, the reports and the contributor tools all ask
``load_registries(content_dir)``; the files are parsed again only when one of them changed (the key is
each file's size and modification time), so a build parses them once however many plugins read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .categories import CategoryRecord, load_categories
from .levels import english_level_names, load_levels
from .problems import Problem
from .units import UnitRecord, load_units

REGISTRY_FILES = ("levels.yml", "categories.yml")  # besides units/<unit>/unit.yml
_MEMO: dict = {}
_MEMO_SIZE = 8  # tests build many small sites in one process


@dataclass(frozen=True)
class Registries:
    levels: dict[str, str]  # slug -> Vietnamese name, highest first
    units: dict[str, UnitRecord]
    categories: list[CategoryRecord]
    problems: tuple[Problem, ...]

    @property
    def top_level(self) -> str:
        return next(iter(self.levels))


def _signature(content_dir: Path) -> tuple:
    paths = [content_dir / name for name in REGISTRY_FILES]
    units = content_dir / "units"
    if units.is_dir():
        paths += sorted(units.glob("*/unit.yml")) + [units]  # the folder's mtime: a unit added or removed
    return tuple((str(p), s.st_size, s.st_mtime_ns) for p in paths if p.exists() for s in [p.stat()])


def load_registries(content_dir: Path, display_root: str = "content") -> Registries:
    content_dir = Path(content_dir).resolve()
    key = (str(content_dir), display_root, _signature(content_dir))
    if key not in _MEMO:
        levels, problems = load_levels(content_dir / "levels.yml", f"{display_root}/levels.yml")
        categories, found = load_categories(content_dir / "categories.yml", f"{display_root}/categories.yml")
        problems += found
        units, found = load_units(content_dir / "units", f"{display_root}/units", levels)
        problems += found
        english = english_level_names(content_dir / "levels.yml")
        for record in units.values():
            record.level_name_en = english.get(record.level, "")
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = Registries(levels, units, categories, tuple(problems))
    return _MEMO[key]
