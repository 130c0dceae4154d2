"""``python -m live_preview``: build, serve on 127.0.0.1 and keep the preview up to date on every save."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path

from local_site import PortInUse, serve
from pelican.settings import read_settings
from watchfiles import watch

from . import PreviewSite


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="invoke livereload", description="Xem trước trang, tự cập nhật khi lưu bài.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default=None, help="thư mục nội dung (mặc định: PATH trong cài đặt)")
    parser.add_argument("--output", default=None, help="thư mục đầu ra (mặc định: OUTPUT_PATH trong cài đặt)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="không mở máy chủ xem trước (chỉ cập nhật tệp)")
    parser.add_argument("-e", "--extra", nargs="*", default=[], help="KEY=GIÁ_TRỊ (JSON) như pelican -e")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")

    override = {}
    for item in args.extra:
        key, _, value = item.partition("=")
        override[key] = json.loads(value)
    if args.content:
        override["PATH"] = str(Path(args.content).resolve())
    if args.output:
        override["OUTPUT_PATH"] = str(Path(args.output).resolve())
        override.setdefault("CACHE_PATH", str(Path(args.output).resolve().parent / "cache"))  # its own cache
    settings = read_settings(args.settings, override=override)
    site = PreviewSite(settings)
    print("» Dựng toàn bộ trang lần đầu ...", flush=True)
    print(f"» Xong trong {site.full_build().seconds:.1f} s.", flush=True)

    with contextlib.ExitStack() as stack:
        if not args.no_serve:
            try:
                base = stack.enter_context(serve(settings["OUTPUT_PATH"], args.port, quiet=False))
            except PortInUse as exc:
                print(f"✗ {exc.strerror}", file=sys.stderr, flush=True)
                return 1
            print(f"» Xem trước tại {base} — lưu bài là trang được cập nhật "
                  "(tải lại trình duyệt để xem). Ctrl+C để dừng.", flush=True)
        return watch_and_update(site, settings, args.settings)


def watch_and_update(site, settings, settings_file) -> int:
    """Apply every saved change until Ctrl+C."""
    # The plugins and this tool: a change to their code rebuilds everything.
    watched = [settings["PATH"], settings["THEME"], settings_file, *settings.get("PLUGIN_PATHS", []),
               str(Path(__file__).resolve().parent)]
    print("» READY", flush=True)  # the benchmark waits for this line
    try:
        for changes in watch(*watched, debounce=50, step=20, rust_timeout=0):
            paths = {Path(p) for _, p in changes}
            try:
                update = site.apply(paths)
            except Exception as exc:  # noqa: BLE001 - keep previewing after a broken template or plugin
                logging.getLogger(__name__).error("[preview] Lỗi khi dựng: %s", exc)
                continue
            if update.mode != "unchanged":
                print(f"» {update.mode}: {update.seconds:.2f} s, {len(update.written)} tệp", flush=True)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
