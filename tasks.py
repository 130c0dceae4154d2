"""Tasks for editors and developers: `invoke --list`.

Run through the venv (`.venv/bin/invoke ...`, or `./dev build` / `./dev test` which set it up).
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
sys.path.insert(0, str(ROOT / "plugins"))


def pelican(c, settings: str, output: str, extra: str = "", **kwargs):
    return c.run(f"{PY} -m pelican content -s {settings} -o {shlex.quote(output)} {extra}", pty=False, **kwargs)


@task(help={"publish": "dựng bản xuất bản (publishconf.py: URL tuyệt đối, kiểm tra nghiêm ngặt)",
            "output": "thư mục đầu ra (mặc định output/)"})
def build(c, publish=False, output="output"):
    """Dựng trang web từ content/ vào output/ (xem trước bằng: invoke serve)."""
    settings = "publishconf.py" if publish else "pelicanconf.py"
    with c.cd(str(ROOT)):
        pelican(c, settings, output)
    print(f"\n✓ Đã dựng trang vào {output}/. Xem trước: .venv/bin/invoke serve  (http://127.0.0.1:8000/)")


@task(help={"content": "thư mục nội dung (mặc định content)"})
def check(c, content="content"):
    """Kiểm tra toàn bộ nội dung: liệt kê mọi lỗi, mỗi lỗi ghi tệp, dòng và cách sửa."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m content_check {shlex.quote(content)}", env={"PYTHONPATH": str(ROOT / "plugins")})


@task(help={"port": "cổng (mặc định 8000)", "output": "thư mục đã dựng"})
def serve(c, port=8000, output="output"):
    """Xem trước trang đã dựng tại http://127.0.0.1:PORT/."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / output))
    with http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler) as server:
        print(f"Đang phục vụ {output}/ tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
        server.serve_forever()


@task(help={"port": "cổng (mặc định 8000)"})
def livereload(c, port=8000):
    """Dựng lại khi nội dung hoặc giao diện thay đổi, và tự tải lại trang trong trình duyệt."""
    from livereload import Server

    def rebuild():
        pelican(c, "pelicanconf.py", "output", warn=True)

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "themes/cdct/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(pattern, rebuild)
    server.serve(host="127.0.0.1", port=int(port), root=str(ROOT / "output"))


@task(help={"args": "tham số thêm cho pytest, ví dụ: -k feeds"})
def test(c, args=""):
    """Chạy toàn bộ bộ kiểm thử (pytest)."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m pytest {args}", pty=False)


@task
def clean(c):
    """Xóa output/ và bộ nhớ đệm."""
    import shutil

    for name in ("output", "cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
