"""site_i18n: the theme's interface strings through gettext (issue 19).

The cdct templates mark every visible string with ``{% trans %}`` or ``_()`` (Jinja's i18n extension,
enabled in engine_settings' JINJA_ENVIRONMENT); on ``generator_init`` this plugin installs the Babel
catalog of the build's language (``DEFAULT_LANG``) from ``<THEME>/translations/<lang>/LC_MESSAGES/
messages.mo`` into the generator's Jinja environment. The msgids are the Vietnamese text itself (the
site's source language), so the Vietnamese catalog has empty msgstrs and a missing or stale Vietnamese
catalog can never change the Vietnamese site; only ``en`` is translated. ``catalogs`` extracts,
updates, compiles and checks them (``invoke i18n``, ``invoke i18n --check``).

The gettext callables are Jinja's old style (``newstyle=False``): ``_("…")`` returns a plain string,
escaped where it is printed exactly like the string literal it replaced, and a ``{% trans %}`` block
is markup like the template text it wraps, its variables escaped. That is what keeps the Vietnamese
HTML byte-identical to the templates before they were marked.
"""

from __future__ import annotations

from pathlib import Path

from babel.support import NullTranslations, Translations

from pelican import signals

DOMAIN = "messages"
TRANSLATIONS_FOLDER = "translations"  # inside the theme, beside templates/ and static/


def translations_dir(theme: str | Path) -> Path:
    return Path(theme) / TRANSLATIONS_FOLDER


def load_translations(theme: str | Path, lang: str) -> NullTranslations:
    """The compiled catalog of ``lang``; Babel's NullTranslations (every msgid as it is) without one."""
    return Translations.load(str(translations_dir(theme)), [lang], DOMAIN)


def install_translations(generator) -> None:
    settings = generator.settings
    generator.env.install_gettext_translations(load_translations(settings["THEME"], settings["DEFAULT_LANG"]), newstyle=False)


def register():
    signals.generator_init.connect(install_translations)
