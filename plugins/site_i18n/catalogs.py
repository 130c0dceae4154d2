"""Extract, update, compile and check the theme's gettext catalogs (``invoke i18n [--check]``).

The extraction mapping is ``<THEME>/babel.cfg`` (the one home of it: ``pybabel extract -F
themes/cdct/babel.cfg themes/cdct`` reads the same file). No ``.pot`` is kept: the template catalog is
extracted in memory each time, so it cannot itself be stale. Each language's ``messages.po`` is
updated from it (removed msgids are dropped, not kept as obsolete) and compiled to ``messages.mo``,
both committed, so that a build needs no compile step.

``problems`` is what ``--check`` reports, in Vietnamese for the contributor who ran it: a catalog
whose msgids differ from the templates', a ``.mo`` that is not the compilation of its ``.po``, an
``en`` msgstr that is empty or fuzzy, a translation whose ``%(name)s`` placeholders differ.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, translations_dir

LANGUAGES = ("vi", "en")  # vi: the source language (msgstrs empty); en: every msgstr filled
SOURCE_LANG = "vi"
MAPPING_FILE = "babel.cfg"
PROJECT = "cdct theme"
HEADER = ("# The cdct theme's interface strings, language “{lang}”. The msgids are the Vietnamese text of the\n"
          "# templates; `invoke i18n` updates this file from them and compiles messages.mo beside it.\n#")


def catalog_paths(theme: Path, lang: str) -> tuple[Path, Path]:
    folder = translations_dir(theme) / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def extract(theme: Path) -> Catalog:
    """Every marked string of the theme's templates, with where it is (paths relative to the theme)."""
    theme = Path(theme)
    with open(theme / MAPPING_FILE, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    template = Catalog(project=PROJECT, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(theme), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
            comment_tags=("Translators:",), strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _read_po(path: Path, lang: str) -> Catalog:
    if not path.is_file():
        return Catalog(locale=lang, project=PROJECT, version="", fuzzy=False, msgid_bugs_address="",
                       header_comment=HEADER.format(lang=lang))
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, sort_output=False, include_previous=False)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(theme: Path) -> list[Path]:
    """Bring every catalog in line with the templates and compile it; the files that changed."""
    theme = Path(theme)
    template = extract(theme)
    changed = []
    for lang in LANGUAGES:
        po_path, mo_path = catalog_paths(theme, lang)
        catalog = _read_po(po_path, lang)
        # The PO header's dates would change at every run and make a diff of nothing; the catalog's
        # own (from the file) stay, and a new catalog takes the template's.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
        catalog.obsolete.clear()
        po_path.parent.mkdir(parents=True, exist_ok=True)
        for path, data in ((po_path, _po_bytes(catalog)), (mo_path, _mo_bytes(catalog))):
            if not path.is_file() or path.read_bytes() != data:
                path.write_bytes(data)
                changed.append(path)
    return changed


def _placeholders(text: str) -> set[str]:
    # %(name)s: filled in by the templates; {name}: by the theme's scripts (search.js).
    return set(re.findall(r"%\([a-z_]+\)s|\{[a-z_]+\}", text or ""))


def problems(theme: Path) -> list[str]:
    """What is wrong with the catalogs, one Vietnamese sentence each; empty when they are current."""
    theme = Path(theme)
    wanted = {m.id for m in extract(theme) if m.id}
    found = []
    for lang in LANGUAGES:
        po_path, mo_path = catalog_paths(theme, lang)
        shown = po_path.relative_to(Path.cwd()) if po_path.is_relative_to(Path.cwd()) else po_path
        if not po_path.is_file():
            found.append(f"Thiếu tệp {shown}. Chạy: .venv/bin/invoke i18n")
            continue
        catalog = _read_po(po_path, lang)
        ids = {m.id for m in catalog if m.id}
        if ids != wanted:
            missing, extra = sorted(wanted - ids), sorted(ids - wanted)
            detail = "; ".join(part for part in (
                f"thiếu {len(missing)} chuỗi (ví dụ “{missing[0]}”)" if missing else "",
                f"thừa {len(extra)} chuỗi (ví dụ “{extra[0]}”)" if extra else "") if part)
            found.append(f"{shown} chưa khớp với các mẫu trang: {detail}. Chạy: .venv/bin/invoke i18n")
        if not mo_path.is_file() or mo_path.read_bytes() != _mo_bytes(catalog):
            found.append(f"{mo_path.name} của “{lang}” chưa được dịch lại từ {po_path.name}. Chạy: .venv/bin/invoke i18n")
        if lang == SOURCE_LANG:
            continue
        for message in catalog:
            if not message.id:
                continue
            msgids = message.id if isinstance(message.id, tuple) else (message.id,)
            msgstrs = message.string if isinstance(message.string, tuple) else (message.string,)
            shown_id = msgids[0]
            if not all(msgstrs) or len(msgstrs) < catalog.num_plurals and len(msgids) > 1:
                found.append(f"{shown}: chuỗi “{shown_id}” chưa được dịch (msgstr trống).")
            elif message.fuzzy:
                found.append(f"{shown}: bản dịch của “{shown_id}” còn đánh dấu fuzzy: kiểm tra rồi bỏ dấu fuzzy.")
            elif any(_placeholders(text) != _placeholders(msgids[0]) for text in msgstrs):
                found.append(f"{shown}: bản dịch của “{shown_id}” phải giữ đúng các chỗ "
                             f"{', '.join(sorted(_placeholders(shown_id))) or '(không có chỗ %(...)s nào)'}.")
    return found
