"""A registry record's text in a language: ``name_en`` for English when it is given, else ``name``.

Units (unit.yml), categories (categories.yml) and levels (levels.yml) may carry ``name_en`` and
``description_en`` beside their Vietnamese ``name`` and ``description``; a build in English (the
site_i18n plugin's section) shows those. Only the site's language needs no suffix, so a build in
Vietnamese reads the plain fields whatever it is asked.
"""

from __future__ import annotations

# The fields that have an English twin in the registries' YAML (``<field>_en``).
TRANSLATED_FIELDS = ("name", "short_name", "description", "level_name")
# A name stands for itself in any language (a proper name is better than none); a description in
# Vietnamese on an English page is not one: without ``description_en`` the English build has none, and
# its templates say something general instead.
NAMES = ("name", "short_name", "level_name")


def localized(record, field: str, lang: str | None) -> str:
    """``record.<field>_<lang>`` when it is set, else ``record.<field>`` (for a description, only in a
    build whose language has no twin field, i.e. the site's own)."""
    twin = f"{field}_{lang}" if lang else ""
    if twin and hasattr(record, twin):
        value = getattr(record, twin)
        if value or field not in NAMES:
            return value
    return getattr(record, field)
