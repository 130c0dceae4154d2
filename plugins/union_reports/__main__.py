"""``python -m union_reports [--year 2024] [--half 1] [--content content] [--output reports]``

What ``invoke report`` runs. It builds the site with the project's real settings into a temporary
folder (so the counted articles are exactly those the site publishes), with REPORTS_PERIOD set, then
prints the table and where the files are. Exit 0 on success; 1 for a period without articles or a build
that fails; 2 for bad input. Every message is Vietnamese, for editors; no traceback for bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import locale
import logging
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from site_core.periods import Period, PeriodError, current_period
from site_core.settings import DEFAULT_TIMEZONE, SettingsError, load_settings, site_settings
from site_core.state import build_state

from .outputs import terminal_report

ROOT = Path(__file__).resolve().parents[2]


class VietnameseParser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"Lỗi tham số: {message}\nCách dùng: invoke report --year 2024 [--half 1] "
                     "[--content content] [--output reports]\n")


def parse_args(argv):
    parser = VietnameseParser(prog="invoke report", add_help=True,
                              description="Đếm bài đã đăng theo đơn vị, chuyên mục, loại bài cho 6 tháng hoặc cả năm.")
    parser.add_argument("--year", default="", help="năm báo cáo, ví dụ 2024 (mặc định: năm hiện tại)")
    parser.add_argument("--half", default="", help="1 = 6 tháng đầu năm, 2 = 6 tháng cuối năm; bỏ trống = cả năm")
    parser.add_argument("--content", default="content", help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--output", default="reports", help="thư mục ghi tệp báo cáo (mặc định: reports)")
    parser.add_argument("--settings", default="pelicanconf.py", help="tệp cấu hình Pelican (mặc định: pelicanconf.py)")
    return parser.parse_args(argv)


def choose_period(year: str, half: str, now: dt.datetime | None = None, timezone: str = DEFAULT_TIMEZONE) -> Period:
    """No year and no half: the current half-year (in the site's time zone); a half without a year:
    that half of this year."""
    now = now or dt.datetime.now(ZoneInfo(timezone))
    if not str(year).strip() and not str(half).strip():
        return current_period(now, timezone)
    if not str(year).strip():
        year = now.astimezone(ZoneInfo(timezone)).year
    return Period.from_parts(year, half)


def run_build(content: Path, output: Path, settings_file: Path, period: Period) -> dict:
    from pelican import Pelican  # noqa: PLC0415 - imported late so that bad input answers at once
    from pelican.settings import read_settings  # noqa: PLC0415 - as above

    saved_locale = locale.setlocale(locale.LC_ALL)
    with tempfile.TemporaryDirectory(prefix="cdct-report-") as tmp:
        settings = read_settings(str(settings_file), override={
            "PATH": str(content), "OUTPUT_PATH": str(Path(tmp) / "output"), "CACHE_PATH": str(Path(tmp) / "cache"),
            "LOAD_CONTENT_CACHE": False, "REPORTS_PERIOD": period.id, "REPORTS_PATH": str(output),
            "CONTENT_CHECK_STRICT": False})
        try:
            Pelican(settings).run()
        finally:
            locale.setlocale(locale.LC_ALL, saved_locale)
    return settings


def main(argv=None) -> int:
    args = parse_args(argv)
    settings_file = Path(args.settings)
    if not settings_file.is_absolute():
        # The site being reported on is the one in the current folder (a second union's site folder has
        # its own pelicanconf.py, with its letterhead and colours); the engine's own site otherwise.
        settings_file = settings_file.resolve() if settings_file.is_file() else ROOT / settings_file
    try:
        # "This half-year" is the site's (its TIMEZONE), as the build counts it.
        period = choose_period(args.year, args.half, timezone=site_settings(load_settings(settings_file)).timezone.name)
    except PeriodError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    except SettingsError as exc:  # its text is already one "✗ ..." line
        print(exc, file=sys.stderr)
        return 2
    content = Path(args.content).resolve()
    if not (content / "units").is_dir():
        print(f"✗ Không tìm thấy thư mục nội dung {args.content} (cần có {args.content}/units/). "
              "Kiểm tra --content.", file=sys.stderr)
        return 2
    output = Path(args.output).resolve()
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    print(f"Đang đếm bài cho {period.label} từ {args.content}/ (dựng trang tạm với {settings_file.name})…",
          flush=True)
    try:
        settings = run_build(content, output, settings_file, period)
    except Exception as exc:  # noqa: BLE001 - any build failure becomes one Vietnamese line, not a traceback
        print(f"✗ Không dựng được trang để đếm bài: {exc}\nChạy: invoke check rồi invoke build để xem chi tiết.",
              file=sys.stderr)
        return 1
    state = build_state(settings)
    report = state.report
    if report is None:
        print("✗ Plugin union_reports chưa được bật trong PLUGINS của cấu hình.", file=sys.stderr)
        return 1
    check = state.check_report
    if report["organisation"]["total"] == 0:
        print(f"✗ Không có bài viết nào đã đăng trong {period.label} "
              f"({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}). Không ghi tệp báo cáo. "
              "Kiểm tra lại --year/--half (bản nháp và bài hẹn giờ không được tính).", file=sys.stderr)
        return 1
    print(terminal_report(report, state.report_files))
    if check is not None and check.problems:
        print(f"\nLưu ý: nội dung đang có {len(check.problems)} vấn đề; bài lỗi không dựng được thì không được "
              "tính (giống khi dựng trang). Xem chi tiết: invoke check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
