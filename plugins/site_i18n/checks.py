"""The checker's rules for another language's content (``CONTENT_CHECKS``, site_core.checks).

An article or page with ``lang:`` must be in a language the theme has a catalog for; a translation
(``translation_of:``) must be in another language than the site's and name an original that exists
(an article of the same unit, a page); an English article's unit and category need their English
names (``name_en`` in unit.yml and categories.yml), or the English pages would show them in
Vietnamese. Every message is Vietnamese, for the contributor.
"""

from __future__ import annotations

from pathlib import Path

from site_core.categories import find_category
from site_core.checks import CheckedFile
from site_core.layout import article_place
from site_core.problems import Problem
from site_core.registries import load_registries

from .sections import LANGUAGES, TRANSLATION_KEY

SITE_LANG = next(iter(LANGUAGES))  # the site's own language, whose content has no lang: line
OTHER_LANGS = ", ".join(lang for lang in LANGUAGES if lang != SITE_LANG)


def _content_dir(path: Path, top: str) -> Path | None:
    for parent in path.parents:
        if parent.name == top:
            return parent.parent
    return None


def _article_slugs(unit_dir: Path) -> set[str]:
    """The slugs of a unit's articles: each folder holding index.md, each flat .md's stem."""
    slugs = set()
    for year in (p for p in unit_dir.iterdir() if p.is_dir()) if unit_dir.is_dir() else ():
        for entry in year.iterdir():
            if entry.is_dir() and (entry / "index.md").is_file():
                slugs.add(entry.name)
            elif entry.suffix == ".md":
                slugs.add(entry.stem)
    return slugs


def _page_slugs(pages_dir: Path) -> set[str]:
    slugs = set()
    for page in pages_dir.glob("*.md"):
        slugs.add(page.stem)
        for line in page.read_text(encoding="utf-8", errors="replace").splitlines()[:30]:
            if line.startswith("slug:"):
                slugs.add(line.partition(":")[2].strip().strip("\"'"))
    return slugs


def check_language(source: CheckedFile) -> list[Problem]:
    meta, lines = source.front_matter.meta, source.front_matter
    lang = str(meta.get("lang") or "").strip().lower()
    original = str(meta.get(TRANSLATION_KEY) or "").strip()
    if not lang and not original:
        return []
    problems = []

    def problem(field, message, fix):
        problems.append(Problem(source.display, lines.lines.get(field), field, message, fix))

    if lang and lang not in LANGUAGES:
        problem("lang", f"Ngôn ngữ {lang!r} chưa được hỗ trợ.",
                f"Ghi lang: {OTHER_LANGS} cho bài viết bằng ngôn ngữ đó, hoặc xóa dòng lang: (bài tiếng Việt).")
        return problems
    if original and lang in ("", SITE_LANG):
        problem(TRANSLATION_KEY, "Chỉ bài dịch sang ngôn ngữ khác mới ghi translation_of (bài này là bài tiếng Việt).",
                f"Thêm dòng lang: {OTHER_LANGS} nếu đây là bản dịch, hoặc xóa dòng translation_of:.")
        return problems
    if lang == SITE_LANG:
        return problems
    name = LANGUAGES[lang]["vi_name"]
    content = _content_dir(source.path, "units")
    place = article_place(source.path.relative_to(content).as_posix()) if content else None
    if place and place.unit:
        registries = load_registries(content)
        unit = registries.units.get(place.unit)
        if unit is not None and not getattr(unit, f"name_{lang}", ""):
            problem("unit", f"Bài viết {name} nhưng đơn vị {place.unit!r} chưa có tên {name} "
                    f"(name_{lang}): các trang {name} sẽ hiện tên tiếng Việt.",
                    f"Thêm dòng name_{lang}: \"...\" vào content/units/{place.unit}/unit.yml.")
        category = find_category(registries.categories, str(meta.get("category") or ""))
        if category is not None and not getattr(category, f"name_{lang}", ""):
            problem("category", f"Bài viết {name} nhưng chuyên mục {category.slug!r} chưa có tên {name} "
                    f"(name_{lang}): các trang {name} sẽ hiện tên tiếng Việt.",
                    f"Thêm dòng name_{lang}: \"...\" dưới - slug: {category.slug} trong content/categories.yml.")
        if original and original not in _article_slugs(content / "units" / place.unit):
            problem(TRANSLATION_KEY, f"Không tìm thấy bài gốc {original!r} trong đơn vị {place.unit!r}.",
                    f"Ghi translation_of: là tên thư mục (hoặc tên tệp, bỏ .md) của bài tiếng Việt, "
                    f"trong content/units/{place.unit}/<năm>/.")
    elif original:
        content = _content_dir(source.path, "pages")
        if content is not None and original not in _page_slugs(content / "pages"):
            problem(TRANSLATION_KEY, f"Không tìm thấy trang gốc {original!r} trong content/pages/.",
                    "Ghi translation_of: là slug (hoặc tên tệp, bỏ .md) của trang tiếng Việt.")
    return problems


CONTENT_CHECKS = [check_language]
