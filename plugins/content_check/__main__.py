"""``python -m content_check [CONTENT_DIR] [--settings pelicanconf.py]``: list every problem; exit 1 if there is any.

The checker reads the site's settings as the build does (site_core.settings): the time zone, the photo
limit and the embed hosts, the MARKDOWN bodies are converted with and the PLUGINS whose checks run, so
``invoke check`` and the build give the same verdict. Without ``--settings``: the pelicanconf.py beside
the content folder, else the one in the current folder, else the engine's defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_core.settings import SettingsError, load_settings, site_settings

from . import check_site, format_github, format_report, github_summary

SETTINGS_FILE = "pelicanconf.py"


def settings_file(content: Path, given: str | None) -> Path | None:
    """The settings file to read: ``given``, else the site's pelicanconf.py (the content folder's
    parent, then the current folder); None when there is none (the defaults then apply)."""
    if given:
        return Path(given)
    for candidate in (content.resolve().parent / SETTINGS_FILE, Path.cwd() / SETTINGS_FILE):
        if candidate.is_file():
            return candidate
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="invoke check", description="Kiểm tra toàn bộ nội dung trước khi đăng.")
    parser.add_argument("content", nargs="?", default="content", help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--settings", default=None,
                        help="tệp cài đặt Pelican của trang (mặc định: pelicanconf.py bên cạnh thư mục nội dung, "
                             "hoặc trong thư mục hiện tại)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: mỗi lỗi là một chú thích (::error file=…,line=…::) trên pull request, "
                             "kèm bảng tóm tắt tiếng Việt vào $GITHUB_STEP_SUMMARY")
    args = parser.parse_args(argv)
    content = Path(args.content)
    if not content.is_dir():
        print(f"Không tìm thấy thư mục nội dung {content}.", file=sys.stderr)
        return 2
    path = settings_file(content, args.settings)
    if args.settings and not path.is_file():
        print(f"Không tìm thấy tệp cài đặt {args.settings}.", file=sys.stderr)
        return 2
    try:
        settings = load_settings(path)
        site = site_settings(settings)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    report = check_site(content, display_root=args.content.rstrip("/"), markdown=settings.get("MARKDOWN"),
                        plugins=settings.get("PLUGINS") or (), site=site)
    print(format_report(report))
    if args.format == "github":
        if report.problems:
            print(format_github(report))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(github_summary(report))
    if report.problems:
        print(f"\n✗ Có {len(report.problems)} vấn đề cần sửa. Mỗi dòng ghi: tệp:dòng: [thông tin] lỗi → cách sửa.")
        return 1
    print("\n✓ Nội dung hợp lệ, sẵn sàng đăng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
