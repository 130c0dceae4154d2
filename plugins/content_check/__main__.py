"""``python -m content_check [CONTENT_DIR]``: list every problem; exit 1 if there is any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import check_site, format_report


def _markdown_setting(settings_file: Path) -> dict | None:
    """The MARKDOWN setting the build uses, so bodies are checked as they will be converted."""
    if not settings_file.is_file():
        return None
    from pelican.settings import read_settings  # noqa: PLC0415

    return read_settings(str(settings_file)).get("MARKDOWN")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="invoke check", description="Kiểm tra toàn bộ nội dung trước khi đăng.")
    parser.add_argument("content", nargs="?", default="content", help="thư mục nội dung (mặc định: content)")
    parser.add_argument("--timezone", default="Asia/Ho_Chi_Minh")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="tệp cài đặt Pelican có MARKDOWN (mặc định: pelicanconf.py nếu có)")
    args = parser.parse_args(argv)
    content = Path(args.content)
    if not content.is_dir():
        print(f"Không tìm thấy thư mục nội dung {content}.", file=sys.stderr)
        return 2
    report = check_site(content, args.timezone, display_root=args.content.rstrip("/"),
                        markdown=_markdown_setting(Path(args.settings)))
    print(format_report(report))
    if report.problems:
        print(f"\n✗ Có {len(report.problems)} vấn đề cần sửa. Mỗi dòng ghi: tệp:dòng: [thông tin] lỗi → cách sửa.")
        return 1
    print("\n✓ Nội dung hợp lệ, sẵn sàng đăng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
