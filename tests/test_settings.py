"""Typed settings (site_core.settings) and per-build state (site_core.state): defaults, the Vietnamese
line a wrong value gives, in a real build too, and the checker reading the build's own settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from site_core import engine_settings
from site_core.settings import (DEFAULT_EMBED_HOSTS, DEFAULT_MAX_PIXELS, DEFAULT_TIMEZONE, SettingsError,
                                load_settings, site_settings)


def test_defaults_for_a_site_that_sets_nothing():
    site = site_settings({})
    assert site.timezone.name == DEFAULT_TIMEZONE == "Asia/Ho_Chi_Minh"
    assert site.timezone.now().utcoffset().total_seconds() == 7 * 3600
    assert site.photos.max_pixels == DEFAULT_MAX_PIXELS
    assert site.photos.widths == (480, 800, 1200)
    assert (site.photos.webp_quality, site.photos.jpeg_quality) == (75, 80)
    assert dict(site.embed_hosts) == dict(DEFAULT_EMBED_HOSTS) and "www.youtube.com" in site.embed_hosts
    assert site.check.strict is False
    assert site.paths.units == "units"


def test_the_engine_settings_take_their_values_from_the_one_home():
    defaults = engine_settings.defaults()
    assert defaults["TIMEZONE"] == DEFAULT_TIMEZONE
    assert tuple(defaults["PHOTO_VARIANTS_WIDTHS"]) == site_settings({}).photos.widths
    # engine_settings imports the typed module, not its names: no DEFAULT_* constant becomes a setting
    assert not any(name.startswith("DEFAULT_TIMEZONE") or name.startswith("DEFAULT_PHOTO") for name in defaults)


def test_built_once_per_settings_dict():
    settings = {"TIMEZONE": "Asia/Bangkok", "PHOTO_VARIANTS_WIDTHS": [800, 480, 800]}
    first = site_settings(settings)
    assert site_settings(settings) is first
    assert first.photos.widths == (480, 800)  # sorted, without duplicates
    assert site_settings(dict(settings)) is not first  # another build's dict is another build


@pytest.mark.parametrize(("name", "value", "words"), [
    ("TIMEZONE", "Asia/Ha_Noi", ["không có múi giờ nào tên như vậy", 'TIMEZONE = "Asia/Ho_Chi_Minh"']),
    ("PHOTO_VARIANTS_MAX_PIXELS", -5, ["số nguyên dương", "PHOTO_VARIANTS_MAX_PIXELS = 120_000_000"]),
    ("PHOTO_VARIANTS_MAX_PIXELS", "lớn", ["số nguyên dương"]),
    ("PHOTO_VARIANTS_WIDTHS", [800, 0], ["bề rộng ảnh", "PHOTO_VARIANTS_WIDTHS = (480, 800, 1200)"]),
    ("PHOTO_VARIANTS_WIDTHS", "800", ["bề rộng ảnh"]),
    ("PHOTO_VARIANTS_WEBP_QUALITY", 120, ["từ 1 đến 100", "PHOTO_VARIANTS_WEBP_QUALITY = 75"]),
    ("PHOTO_VARIANTS_JPEG_QUALITY", True, ["từ 1 đến 100"]),
    ("SAFE_HTML_EMBED_HOSTS", {"video.example.vn": "nhung/"}, ["bắt đầu bằng /", '"www.youtube.com": "/embed/"']),
    ("SAFE_HTML_EMBED_HOSTS", ["www.youtube.com"], ["tên máy chủ"]),
    ("CONTENT_CHECK_STRICT", "có", ["True hoặc False"]),
    ("ARTICLE_PATHS", [], ["thư mục đầu tiên chứa các đơn vị"]),
])
def test_a_wrong_value_names_the_setting_the_value_and_the_fix(name, value, words):
    with pytest.raises(SettingsError) as caught:
        site_settings({name: value})
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"✗ Cài đặt {name} = {value!r} không hợp lệ: ") and "Cách sửa: " in text
    for word in words:
        assert word in text
    assert isinstance(caught.value, SystemExit)  # so Pelican prints it without a traceback


def _site_folder(tmp_path: Path, settings_lines: str, files: dict) -> Path:
    """A site folder as a union has it: pelicanconf.py (the engine's settings, then the lines given)
    and content/ with the real categories and one unit."""
    site = tmp_path / "site"
    content = site / "content"
    (content / "units" / "cd-thu-nghiem").mkdir(parents=True)
    (content / "categories.yml").write_bytes((ROOT / "content" / "categories.yml").read_bytes())
    (content / "units" / "cd-thu-nghiem" / "unit.yml").write_text(
        "name: Công đoàn Thử Nghiệm\nlevel: cap-nganh\nmaintainers: [nguoi-thu]\n", encoding="utf-8")
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    (site / "pelicanconf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'plugins')!r})\n"
        "from site_core import engine_settings\n"
        "globals().update(engine_settings.defaults())\n"
        "SITENAME = 'Trang thử'\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        + settings_lines, encoding="utf-8")
    return site


def test_a_wrong_value_stops_a_real_build_with_one_line_and_no_traceback(tmp_path):
    site = _site_folder(tmp_path, "PHOTO_VARIANTS_MAX_PIXELS = 0\n", {})
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"],
                            cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr + result.stdout
    assert lines[-1].startswith("✗ Cài đặt PHOTO_VARIANTS_MAX_PIXELS = 0 không hợp lệ:"), result.stderr
    assert not (site / "output" / "index.html").exists()


def test_load_settings_reads_a_site_file_and_nothing_without_one(tmp_path):
    site = _site_folder(tmp_path, 'TIMEZONE = "Asia/Bangkok"\n', {})
    assert site_settings(load_settings(site / "pelicanconf.py")).timezone.name == "Asia/Bangkok"
    assert load_settings(tmp_path / "khong-co.py") == {} and load_settings(None) == {}
