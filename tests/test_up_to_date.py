"""up_to_date: a cached build with nothing changed writes nothing; any change builds."""

from __future__ import annotations

import datetime as dt
import logging

from conftest import ROOT, article, run_pelican
from pelican.settings import read_settings
from up_to_date import is_up_to_date

UNIT = "units/cd-thu-nghiem"
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
SKIPPED = "[up_to_date] Không có gì thay đổi"


def settings_as_read(site):
    """The settings as a new build reads them (before any plugin adds its defaults)."""
    return read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(site.content), "OUTPUT_PATH": str(site.output), "THEME": str(ROOT / "themes" / "cdct"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")], "CACHE_PATH": str(site.output.parent / "cache"), **CACHED})


def build_again(site, caplog) -> bool:
    """Build ``site`` again in place; True if it built, False if up_to_date skipped it.

    Told by the home page's modification time: Pelican logs a given message only once per process.
    """
    home = site.output / "index.html"
    before = home.stat().st_mtime_ns
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        run_pelican(site.content, site.output, **CACHED)
    return home.stat().st_mtime_ns != before


def test_nothing_changed_means_nothing_written_and_any_change_builds(build_site, caplog):
    files = {f"{UNIT}/2024/a.md": article("Bài A"), f"{UNIT}/2099/hen-gio.md": article("Hẹn giờ", date="2099-01-01 08:00")}
    site = build_site(files, **CACHED)
    page = site.output / "don-vi/cd-thu-nghiem/2024/a/index.html"
    assert is_up_to_date(settings_as_read(site))

    written = page.stat().st_mtime_ns
    assert build_again(site, caplog) is False
    assert SKIPPED in caplog.text
    assert page.stat().st_mtime_ns == written

    # An edited article builds.
    source = site.content / f"{UNIT}/2024/a.md"
    source.write_text(article("Bài A đã sửa"), encoding="utf-8")
    assert build_again(site, caplog) is True
    assert "Bài A đã sửa" in page.read_text(encoding="utf-8")

    # The output was changed by hand: build, and the page is right again.
    page.write_text("hỏng", encoding="utf-8")
    assert build_again(site, caplog) is True
    assert "Bài A đã sửa" in page.read_text(encoding="utf-8")
    assert build_again(site, caplog) is False

    # A scheduled article falls due: build, so that it is published on its day.
    assert not is_up_to_date(settings_as_read(site), now=dt.datetime(2099, 1, 2, tzinfo=dt.timezone.utc))


def test_a_cold_build_always_builds(build_site, caplog):
    site = build_site({f"{UNIT}/2024/a.md": article("Bài A")})
    home = site.output / "index.html"
    before = home.stat().st_mtime_ns
    run_pelican(site.content, site.output)
    assert home.stat().st_mtime_ns != before
