"""``python -m content_check [CONTENT_DIR]``: list every problem; exit 1 if there is any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import os

from site_core.plan import plan_targets

from . import check_site, format_github, format_report, github_summary


def _build_settings(settings_file: Path) -> dict:
    """The MARKDOWN and PLUGINS settings the build uses, so bodies are checked as they will be converted
    and the plugins' checks run (site_core.checks); without a settings file, the engine's defaults
    (every plugin's checks: a checker run elsewhere than in a site folder must not check less)."""
    if not settings_file.is_file():
        from site_core import engine_settings  # noqa: PLC0415

        return engine_settings.defaults()
    from pelican.settings import read_settings  # noqa: PLC0415

    return read_settings(str(settings_file))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="invoke check", description="Kiểm tra toàn bộ nội dung trước khi đăng.")
    parser.add_argument("content", nargs="?", default="content", help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--timezone", default="Asia/Ho_Chi_Minh")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="tệp cài đặt Pelican có MARKDOWN (mặc định: pelicanconf.py nếu có)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: mỗi lỗi là một chú thích (::error file=…,line=…::) trên pull request, "
                             "kèm bảng tóm tắt tiếng Việt vào $GITHUB_STEP_SUMMARY")
    args = parser.parse_args(argv)
    content = Path(args.content)
    if not content.is_dir():
        print(f"Không tìm thấy thư mục nội dung {content}.", file=sys.stderr)
        return 2
    settings = _build_settings(Path(args.settings))
    report = check_site(content, args.timezone, display_root=args.content.rstrip("/"),
                        markdown=settings.get("MARKDOWN"), plugins=settings.get("PLUGINS") or (),
                        plan=plan_targets(settings))
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
