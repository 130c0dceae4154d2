"""The files an article may carry, and where they are published (pure; the one home of these lists).

Layout (docs/ARCHITECTURE.md, "Content on disk"): an article with photos or documents is a folder,
``units/<unit>/<yyyy>/<slug>/index.md``, holding them beside it. Everything in the folder belongs to
that article only, so two articles can never overwrite each other's ``anh-bia.jpg``. Documents are
published under the article's own URL folder (``don-vi/<unit>/<yyyy>/<slug>/``) with an ASCII name
(``Tài liệu 1.PDF`` -> ``tai-lieu-1.pdf``): the same URL whether the name was saved NFC or NFD, with
spaces, or with an upper-case extension, on any web server. Photos are published by photo_variants.

Which suffixes are photos and documents comes from the allow-list (site_core.allowlist), which
also checks each file's bytes; this module says where the accepted files go.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from .allowlist import FILE_KINDS, Kind
from .markdown_config import MARKDOWN_SUFFIXES

# Derived from the allow-list's table of file kinds (site_core.allowlist.FILE_KINDS, the one home).
# Photos the build turns into variants (HEIC/HEIF: iPhones' default, decoded with pillow-heif).
PHOTO_SUFFIXES = {s for s, k in FILE_KINDS.items() if k.kind is Kind.PHOTO and s != ".svg"}
# Photos published as they are (not decoded); the allow-list refuses any with script.
VECTOR_PHOTO_SUFFIXES = {".svg"}
# Documents a unit may attach to an article: suffix -> (label shown to the reader, MIME type).
ATTACHMENTS = {s: (k.short, k.mime) for s, k in FILE_KINDS.items() if k.kind is Kind.DOCUMENT}
# The folder of the units under content/, the first of ARTICLE_PATHS (site_core.settings checks it).
UNITS_FOLDER = "units"
ARTICLE_INDEX = "index"  # units/<unit>/<yyyy>/<slug>/index.md
YEAR_RE = re.compile(r"\d{4}")


def suffix(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def is_photo(name: str) -> bool:
    return suffix(name) in PHOTO_SUFFIXES or suffix(name) in VECTOR_PHOTO_SUFFIXES


def is_attachment(name: str) -> bool:
    return suffix(name) in ATTACHMENTS


def is_article_index(name: str) -> bool:
    stem, ext = posixpath.splitext(name)
    return stem == ARTICLE_INDEX and ext.lower() in MARKDOWN_SUFFIXES


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def ascii_name(name: str) -> str:
    """``Tài liệu 1.PDF`` -> ``tai-lieu-1.pdf`` (NFC and NFD give the same name)."""
    stem, ext = posixpath.splitext(nfc(name))
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-") or "tep"
    return slug + ext.lower()


def published_names(names) -> dict:
    """Published name of each file of one folder; a clash gets ``-2``, ``-3``... (sorted order)."""
    out, taken = {}, set()
    for name in sorted(names):
        wanted = ascii_name(name)
        stem, ext = posixpath.splitext(wanted)
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{stem}-{n}{ext}", n + 1
        taken.add(candidate)
        out[name] = candidate
    return out


@dataclass(frozen=True)
class ArticlePlace:
    """Where an article file lies: ``units/<unit>/<yyyy>/<slug>.md`` (flat, text only) or
    ``units/<unit>/<yyyy>/<slug>/index.md`` (a folder holding its files)."""

    unit: str | None
    year: str | None
    folder_slug: str | None  # the folder's name when the article is a folder

    @property
    def is_folder(self) -> bool:
        return self.folder_slug is not None


def article_place(rel: str) -> ArticlePlace:
    parts = rel.split("/")
    if len(parts) < 2 or parts[0] != UNITS_FOLDER:
        return ArticlePlace(None, None, None)
    unit = parts[1] if len(parts) >= 3 else None
    year = parts[2] if len(parts) >= 4 and YEAR_RE.fullmatch(parts[2]) else None
    if len(parts) == 5 and year and is_article_index(parts[4]):
        return ArticlePlace(unit, year, parts[3])
    return ArticlePlace(unit, year if len(parts) == 4 else None, None)


def article_location(rel_path: str) -> tuple[str | None, str | None]:
    """(unit, year) for ``units/<unit>/<yyyy>/<file>.md`` or ``units/<unit>/<yyyy>/<slug>/index.md``;
    None where the path does not say."""
    place = article_place(rel_path)
    return place.unit, place.year


class FolderFiles:
    """Name -> size of the regular files beside an article (never following a symlink), each folder
    listed once.

    A flat article's folder is its year's: listing it for each of its articles (the checker twice,
    the reader once) made the build quadratic in a folder's size, 30 stats per article at 10,000
    and ≈ 150 at 50,000 (docs/performance.md). One instance lists a folder the first time it is
    asked and then answers from memory: make one per pass over the content (a check, a build's
    reader), since files added later are not seen.
    """

    def __init__(self):
        self._listed: dict[str, tuple[dict, dict]] = {}  # folder -> (name -> size, normcased name -> name)

    def __call__(self, folder: Path, article: Path) -> dict:
        key = os.path.normcase(os.path.abspath(folder))
        listed = self._listed.get(key)
        if listed is None:
            listed = self._listed[key] = self._list(folder)
        sizes, names = listed
        files = dict(sizes)
        own = os.path.normcase(os.path.abspath(article))
        if os.path.dirname(own) == key:
            files.pop(names.get(os.path.basename(own)), None)
        return files

    @staticmethod
    def _list(folder: Path) -> tuple[dict, dict]:
        # os.scandir: the kind of each entry comes with the listing, so a regular file costs one lstat
        # (its size) instead of three (is_file, is_symlink, stat).
        sizes = {}
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                    sizes[entry.name] = entry.stat(follow_symlinks=False).st_size
        return sizes, {os.path.normcase(name): name for name in sizes}


def article_folder_of(rel: str) -> str | None:
    """``units/u/2024/slug`` for a file inside an article folder (``units/u/2024/slug/x.pdf``)."""
    parts = rel.split("/")
    if len(parts) >= 5 and parts[0] == UNITS_FOLDER and YEAR_RE.fullmatch(parts[2]):
        return "/".join(parts[:4])
    return None


def nearest_name(wanted: str, names) -> str | None:
    """The existing name closest to ``wanted`` (case, accents and NFC/NFD aside first)."""
    names = list(names)
    folded = {ascii_name(n): n for n in names}
    if ascii_name(wanted) in folded:
        return folded[ascii_name(wanted)]
    match = difflib.get_close_matches(nfc(wanted).lower(), [nfc(n).lower() for n in names], n=1, cutoff=0.7)
    if match:
        return next(n for n in names if nfc(n).lower() == match[0])
    return None


def human_size(length: int) -> str:
    """Vietnamese size: ``850 KB``, ``1,2 MB``."""
    if length < 1_000_000:
        return f"{max(1, round(length / 1000))} KB"
    return f"{length / 1_000_000:.1f}".replace(".", ",") + " MB"
