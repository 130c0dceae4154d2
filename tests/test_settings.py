"""Typed settings (site_core.settings) and per-build state (site_core.state): defaults, the Vietnamese
line a wrong value gives, in a real build too, and the checker reading the build's own settings."""

from __future__ import annotations

import io
import json
import locale
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from PIL import Image

from conftest import ROOT, article, run_pelican

from site_core import engine_settings
from site_core.settings import (DEFAULT_EMBED_HOSTS, DEFAULT_MAX_PIXELS, DEFAULT_TIMEZONE, SettingsError,
                                load_settings, site_settings)
from site_core.state import build_state, start_build
from site_core.filekinds import FileKind


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
    ("ARTICLE_PATHS", [], ["thư mục đầu tiên phải là units"]),
    ("ARTICLE_PATHS", ["bai-viet"], ["thư mục đầu tiên phải là units", 'ARTICLE_PATHS = ["units"]']),
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


def test_load_settings_reads_a_site_file_and_the_engines_without_one(tmp_path):
    site = _site_folder(tmp_path, 'TIMEZONE = "Asia/Bangkok"\n', {})
    assert site_settings(load_settings(site / "pelicanconf.py")).timezone.name == "Asia/Bangkok"
    # Without a site: the engine's settings, every plugin's checks with them.
    assert load_settings(tmp_path / "khong-co.py") == load_settings(None) == engine_settings.defaults()


# --- Per-build state (site_core.state) ---

STATE_KEYS = ("CONTENT_CHECK_REPORT", "REPORTS_RESULT", "REPORTS_FILES", "UP_TO_DATE_NEXT_SCHEDULED", "CSP_PATH_POLICIES")


def test_what_one_plugin_hands_another_is_in_the_build_state_not_in_the_settings(build_site, tmp_path):
    built = build_site({
        "units/cd-thu-nghiem/2024/da-dang.md": article(title="Đã đăng", date="2024-03-01 08:00"),
        "units/cd-thu-nghiem/2099/hen-gio.md": article(title="Hẹn giờ", date="2099-01-02 08:00"),
    }, REPORTS_PERIOD="2024", REPORTS_PATH=str(tmp_path / "reports"))
    state = build_state(built.settings)
    assert state.check_report.kinds["content/units/cd-thu-nghiem/2024/da-dang.md"] == FileKind.ARTICLE
    assert state.report["organisation"]["total"] == 1
    assert state.report_files and all(Path(path).is_file() for path in state.report_files.values())
    assert state.next_scheduled.startswith("2099-01-02")
    saved = json.loads((built.output.parent / "cache" / "up-to-date.json").read_text(encoding="utf-8"))
    assert saved["next_scheduled"] == state.next_scheduled  # up_to_date read it back from the state
    assert "'unsafe-eval'" in state.path_policies["/admin/"]  # web_editor's, for safe_html
    assert "/admin/*" in (built.output / "_headers").read_text(encoding="utf-8")
    assert not [key for key in STATE_KEYS if key in built.settings]


def test_a_second_build_with_the_same_settings_dict_starts_with_a_fresh_state(build_site):
    built = build_site({"units/cd-thu-nghiem/2024/a.md": article()})
    first = build_state(built.settings)
    assert first.check_report is not None
    again = Pelican(built.settings)  # `initialized`: content_check checks the content again
    second = build_state(built.settings)
    assert second is not first and start_build(again) is second
    assert second.check_report is not first.check_report and second.report is None


# --- The checker reads the build's settings (python -m content_check / invoke check) ---

def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 40)).save(out, "JPEG")
    return out.getvalue()


def test_invoke_check_and_the_build_agree_on_the_sites_photo_limit_and_embed_hosts(tmp_path, capsys):
    import tasks
    from invoke import Context, Exit

    body = ('<iframe src="https://video.example.vn/nhung/1" title="Video"></iframe>\n\n'
            '<iframe src="https://www.youtube.com/embed/x" title="YouTube"></iframe>\n')
    site = _site_folder(tmp_path, 'PHOTO_VARIANTS_MAX_PIXELS = 5_000\nSAFE_HTML_EMBED_HOSTS = {"video.example.vn": "/nhung/"}\n', {
        "units/cd-thu-nghiem/2024/anh-lon/index.md": article(title="Ảnh lớn", image="anh.jpg", image_alt="Ảnh thử"),
        "units/cd-thu-nghiem/2024/anh-lon/anh.jpg": _jpeg(120, 100),  # 12,000 pixels: over this site's limit
        "units/cd-thu-nghiem/2024/video.md": article(title="Video", body=body),
    })
    with pytest.raises(Exit) as failed:  # invoke check: the settings beside the content folder
        tasks.check(Context(), content=str(site / "content"))
    assert failed.value.code == 1
    out = capsys.readouterr().out
    photo_lines = [line for line in out.splitlines() if "anh.jpg" in line]
    assert photo_lines and "(12.000 điểm ảnh, giới hạn 5.000 điểm ảnh)" in photo_lines[0]  # this site's limit
    video_lines = [line for line in out.splitlines() if "video.md" in line]
    # Only YouTube's iframe goes, and the contributor reads which embeds this site takes.
    assert len(video_lines) == 1 and "từ www.youtube.com (chỉ nhận khung nhúng từ video.example.vn)" in video_lines[0]
    assert "từ video.example.vn (" not in video_lines[0]

    settings = load_settings(site / "pelicanconf.py")
    settings["OUTPUT_PATH"] = str(tmp_path / "output")
    saved_locale = locale.setlocale(locale.LC_ALL)
    try:
        Pelican(settings).run()
    finally:
        locale.setlocale(locale.LC_ALL, saved_locale)
    built = [str(p) for p in build_state(settings).check_report.problems if "anh.jpg" in str(p)]
    # The build's checker: the same problem, worded the same (invoke check names the folder it was given).
    assert built == [line.replace(f"{site}/", "") for line in photo_lines]
    page = (tmp_path / "output" / "don-vi" / "cd-thu-nghiem" / "2024" / "video" / "index.html").read_text(encoding="utf-8")
    assert "https://video.example.vn/nhung/1" in page and "youtube.com/embed" not in page


# --- content_check's warning counter leaves the root logger as it found it ---

def test_failed_strict_builds_leave_no_handler_on_the_root_logger(build_site, tmp_path):
    from content_check import WarningCounter

    root = logging.getLogger()

    def counters():
        return [h for h in root.handlers if isinstance(h, WarningCounter)]

    before = [h for h in root.handlers if h not in counters()]
    for _ in range(2):  # stopped on `initialized` by a plugin after content_check (union_reports)
        with pytest.raises(ValueError, match="REPORTS_RECIPIENTS"):
            build_site({}, CONTENT_CHECK_STRICT=True, REPORTS_RECIPIENTS="Lưu: VT.")
        assert len(counters()) <= 1  # the next build takes the last one off: they never pile up
    bad = {"units/cd-thu-nghiem/2024/a.md": article(category="khong-co-chuyen-muc")}
    for _ in range(2):  # stopped on `initialized` by a content problem
        with pytest.raises(SystemExit):
            build_site(bad, CONTENT_CHECK_STRICT=True)
    blocker = tmp_path / "la-tep"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):  # stopped while writing: the output folder cannot be made
        build_site({"units/cd-thu-nghiem/2024/a.md": article()}, CONTENT_CHECK_STRICT=True,
                   OUTPUT_PATH=str(blocker / "output"))
    assert root.handlers == before and counters() == []


def test_the_command_line_tools_print_the_one_line_and_exit_2(tmp_path, capsys):
    import content_check.__main__ as checker
    import union_reports.__main__ as reports

    site = _site_folder(tmp_path, 'TIMEZONE = "Asia/Ha_Noi"\n', {})
    assert checker.main([str(site / "content")]) == 2  # the site's pelicanconf.py, found beside content/
    assert reports.main(["--settings", str(site / "pelicanconf.py"), "--content", str(site / "content")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["✗ Cài đặt TIMEZONE = 'Asia/Ha_Noi' không hợp lệ: không có múi giờ nào tên như vậy. "
                   'Cách sửa: ghi tên múi giờ IANA, ví dụ TIMEZONE = "Asia/Ho_Chi_Minh".'] * 2


def test_a_build_up_to_date_found_unchanged_checks_nothing(build_site):
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    built = build_site({"units/cd-thu-nghiem/2024/a.md": article()}, **cached)
    assert build_state(built.settings).check_report is not None
    again = run_pelican(built.content, built.output, **cached)
    state = build_state(again)
    assert state.unchanged is True and state.check_report is None  # content_check read the state up_to_date left


def test_the_plan_targets_are_part_of_the_typed_settings():
    assert site_settings({}).plan.level == "cap-tren-co-so"
    assert site_settings({"PLAN_TARGETS": {"level": "cap-huyen"}}).plan.level == "cap-huyen"
    with pytest.raises(SettingsError) as caught:
        site_settings({"PLAN_TARGETS": {"muc_tieu": 3}})
    text = str(caught.value)
    assert text.startswith("✗ Cài đặt PLAN_TARGETS = {'muc_tieu': 3} không hợp lệ: PLAN_TARGETS: khóa không có: muc_tieu.")
    assert "\n" not in text and "Cách sửa: " in text


def test_what_the_sanitiser_removed_names_the_sites_own_embed_hosts():
    from safe_html import check_body

    body = '<iframe src="https://video.la.example/nhung/1"></iframe>\n'
    (default,) = check_body(body, "content/a.md")
    assert "chỉ nhận video YouTube, Facebook" in default.message and "YouTube hoặc Facebook" in default.fix
    (own,) = check_body(body, "content/a.md", hosts=site_settings({"SAFE_HTML_EMBED_HOSTS": {"video.example.vn": "/nhung/"}}).embed_hosts)
    assert "chỉ nhận khung nhúng từ video.example.vn" in own.message and "YouTube" not in own.fix
    assert "từ video.example.vn" in own.fix
