"""Issue 19: the theme's interface strings through gettext (site_i18n) and `invoke i18n --check`.

The catalogs of the repository are checked as they are; the check itself on a copy of the theme in
tmp_path; the build on tiny real sites, in Vietnamese and with the English catalog.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from conftest import ROOT, article
from site_i18n import catalogs

THEME = ROOT / "themes" / "cdct"


def _theme_copy(tmp_path: Path) -> Path:
    theme = tmp_path / "cdct"
    shutil.copytree(THEME / "templates", theme / "templates")
    shutil.copytree(THEME / "translations", theme / "translations")
    shutil.copy(THEME / catalogs.MAPPING_FILE, theme / catalogs.MAPPING_FILE)
    return theme


def _translate(theme: Path, msgid: str, text: str) -> None:
    po_path, _ = catalogs.catalog_paths(theme, "en")
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    catalog[msgid].string = text
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=100)


def test_the_repositorys_catalogs_match_the_templates_and_english_is_complete():
    """What `invoke i18n --check` (CI) asks: run `invoke i18n` after changing a template's text."""
    assert catalogs.problems(THEME) == []


def test_the_check_names_a_new_string_then_its_missing_translation_then_a_stale_mo(tmp_path):
    theme = _theme_copy(tmp_path)
    footer = theme / "templates" / "partials" / "_footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<p>{% trans %}Chuỗi mới của chân trang{% endtrans %}</p>\n",
                      encoding="utf-8")
    stale = catalogs.problems(theme)
    assert any("chưa khớp với các mẫu trang" in p and "Chuỗi mới của chân trang" in p for p in stale), stale

    changed = catalogs.update(theme)
    assert {path.parent.parent.name for path in changed if path.name == "messages.po"} == {"vi", "en"}
    assert catalogs.update(theme) == []  # a second run changes nothing (no dates rewritten)
    untranslated = catalogs.problems(theme)
    assert [p for p in untranslated if "“Chuỗi mới của chân trang” chưa được dịch" in p] and len(untranslated) == 1, untranslated

    _translate(theme, "Chuỗi mới của chân trang", "A new footer string")
    assert any("messages.mo" in p and "“en”" in p for p in catalogs.problems(theme))  # .po edited, .mo not compiled
    catalogs.update(theme)
    assert catalogs.problems(theme) == []

    _translate(theme, "Trang %(number)s/%(pages)s", "Page %(number)s")
    catalogs.update(theme)
    assert any("%(pages)s" in p for p in catalogs.problems(theme))


def test_vietnamese_pages_keep_the_template_text_and_english_builds_take_the_catalog(build_site):
    files = {"units/cd-thu-nghiem/2024/hoi-nghi.md": article(title="Hội nghị người lao động")}
    vi = build_site(files)
    page = vi.html("index.html")
    assert page.select_one(".cdct-skip").get_text() == "Chuyển đến nội dung chính"
    assert page.select_one(".cdct-footer__legal").get_text().endswith("Ghi rõ nguồn khi đăng lại.")

    en = build_site(files, DEFAULT_LANG="en")
    page = en.html("index.html")
    assert page.select_one(".cdct-skip").get_text() == "Skip to main content"
    assert page.select_one(".cdct-nav__link").get_text() == "Home"
    # A {% trans %} block with a variable: the variable is filled in (and escaped) in the English text.
    assert page.select_one(".cdct-footer__legal").get_text().endswith("Credit the source when republishing.")
