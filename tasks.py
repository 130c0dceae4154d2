"""Tasks for editors and developers: `invoke --list`.

Run through the venv (`.venv/bin/invoke ...`, or `./dev build` / `./dev test` which set it up).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
# The plugins (plugins/) and the tools the tasks drive (tools/: contrib_tools, live_preview, local_site)
# are imported by their own names; neither folder is installed.
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tools")]

from site_core.kinds import kind_help  # noqa: E402 - after the plugins folder is importable


def pelican(c, settings: str, output: str, extra: str = "", warn: bool = False):
    """Run Pelican with the terminal as its output (not through c.run: invoke decodes a child's
    output 1,000 bytes at a time and splits Vietnamese letters at each boundary)."""
    import subprocess

    from invoke.exceptions import Exit

    command = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", output, *shlex.split(extra)]
    code = subprocess.run(command, cwd=ROOT, check=False).returncode
    if code and not warn:
        raise Exit(code=code)
    return code


PREVIEW_OUTPUT = "output"  # pelicanconf OUTPUT_PATH: drafts under /ban-nhap/, relative URLs


def _publish_output() -> str:
    """Where publish builds go (publishconf OUTPUT_PATH = PUBLISH_TARGET): never the preview's folder."""
    return _settings("publishconf.py")["PUBLISH_TARGET"]


def _same_folder(a: str, b: str) -> bool:
    return (ROOT / a).resolve() == (ROOT / b).resolve()


@task(help={"publish": "dựng bản xuất bản (publishconf.py: URL tuyệt đối, kiểm tra nghiêm ngặt) vào public/",
            "output": "thư mục đầu ra (mặc định output/, hoặc public/ với --publish)"})
def build(c, publish=False, output=""):
    """Dựng trang web từ content/ vào output/ (bản xem trước, có bản nháp) — xem bằng: invoke serve."""
    settings = "publishconf.py" if publish else "pelicanconf.py"
    public = _publish_output()
    output = output or (public if publish else PREVIEW_OUTPUT)
    if not publish and _same_folder(output, public):
        _fail(f"{public}/ chỉ chứa bản xuất bản; bản xem trước (có bản nháp, bài hẹn giờ) không được ghi vào đó. "
              f"Bỏ --output, hoặc dùng: invoke build --publish.")
    with c.cd(str(ROOT)):
        pelican(c, settings, output)
    how = f"invoke serve --publish{'' if _same_folder(output, public) else f' --output {output}'}" if publish \
        else f"invoke serve{'' if output == PREVIEW_OUTPUT else f' --output {output}'}"
    print(f"\n✓ Đã dựng trang vào {output}/. Xem trước: .venv/bin/{how}  (http://127.0.0.1:8000/)")


@task(help={"content": "thư mục nội dung (mặc định content)",
            "format": "text (mặc định) hoặc github (chú thích trên pull request và bảng tóm tắt)"})
def check(c, content="content", format="text"):
    """Kiểm tra toàn bộ nội dung: liệt kê mọi lỗi, mỗi lỗi ghi tệp, dòng và cách sửa."""
    from invoke.exceptions import Exit

    import content_check.__main__ as checker

    # In this process, not through c.run: invoke decodes a child's output 1,000 bytes at a time and
    # splits a Vietnamese letter at each boundary ("Cách s��a"); printing here never does.
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = checker.main([content, "--format", format])
    finally:
        os.chdir(cwd)
    if code:
        raise Exit(code=code)


@task(help={"year": "năm báo cáo, ví dụ 2024 (mặc định: năm hiện tại)",
            "half": "1 = 6 tháng đầu năm, 2 = 6 tháng cuối năm; bỏ trống = cả năm",
            "content": "thư mục nội dung (mặc định content)",
            "output": "thư mục ghi tệp báo cáo (mặc định reports)"})
def report(c, year="", half="", content="content", output="reports"):
    """Báo cáo số bài theo đơn vị, chuyên mục, loại bài (6 tháng/cả năm) và chỉ tiêu; ghi CSV, Excel, JSON, HTML.

    Không ghi kỳ: báo cáo 6 tháng hiện tại (giờ Việt Nam). Logic: plugins/union_reports (docs/reports.md).
    """
    from invoke.exceptions import Exit

    args = " ".join(f"--{name} {shlex.quote(str(value))}" for name, value in
                    (("year", year), ("half", half), ("content", content), ("output", output)) if str(value) != "")
    result = c.run(f"{PY} -m union_reports {args}", env={"PYTHONPATH": str(ROOT / "plugins")}, warn=True, pty=False)
    if result.exited:
        raise Exit(code=result.exited)


@task(help={"port": "cổng (mặc định 8000)",
            "output": "thư mục đã dựng (mặc định output/, hoặc public/ với --publish)",
            "publish": "xem bản xuất bản (public/): địa chỉ trang thật được thay bằng http://127.0.0.1:PORT khi gửi"})
def serve(c, port=8000, output="", publish=False):
    """Xem trước trang đã dựng tại http://127.0.0.1:PORT/ (bản xuất bản: --publish)."""
    import threading

    from local_site import PortInUse
    from local_site import serve as serving

    output = output or (_publish_output() if publish else PREVIEW_OUTPUT)
    if not (ROOT / output / "index.html").is_file():
        _fail(f"Chưa có trang đã dựng trong {output}/. Chạy trước: .venv/bin/invoke build"
              + (" --publish" if publish else "") + ".")
    siteurl = _settings("publishconf.py")["SITEURL"] if publish else None
    try:
        with serving(ROOT / output, int(port), quiet=False, rewrite_host=siteurl, host_headers=True) as base:
            print(f"Đang phục vụ {output}/ tại {base}" + (f" (thay {siteurl} bằng {base})" if siteurl else "")
                  + " — Ctrl+C để dừng", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    except PortInUse as exc:
        _fail(exc.strerror)


@task(help={"port": "cổng (mặc định 8000)", "content": "thư mục nội dung (mặc định content)",
            "output": "thư mục đầu ra (mặc định output/)"})
def livereload(c, port=8000, content="", output=""):
    """Xem trước và tự cập nhật khi lưu: bài vừa sửa hiện ra sau khoảng một giây (tools/live_preview)."""
    from live_preview.__main__ import main

    # In this process, not a child: Ctrl+C then stops the server that holds the port (a child started
    # by invoke without a terminal outlived it, port and all).
    args = ["--port", str(int(port))] + (["--content", content] if content else []) + (["--output", output] if output else [])
    if output and _same_folder(output, _publish_output()):
        _fail(f"{output}/ chỉ chứa bản xuất bản; bản xem trước không được ghi vào đó.")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(args)  # a busy port: it says so in Vietnamese and returns 1
    finally:
        os.chdir(cwd)
    if code:
        from invoke import Exit

        raise Exit(code=code)


@task(help={"port": "cổng xem trước (mặc định 8000)", "output": "thư mục đã dựng (invoke build trước)"})
def editor(c, port=8000, output="output"):
    """Trình soạn thảo web trên máy: http://127.0.0.1:PORT/admin/, lưu bài thành nhánh git cms/... (decap-server)."""
    import contextlib
    import subprocess
    import threading

    from local_site import serve as serving

    server = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    if not server.is_file():
        _fail("Chưa cài decap-server. Chạy: ./dev build")
    backend = _settings().get("WEB_EDITOR_LOCAL_BACKEND", "http://127.0.0.1:8081/api/v1")
    from urllib.parse import urlsplit

    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(ROOT), "BIND_HOST": "127.0.0.1",
           "PORT": str(urlsplit(backend).port or 8081)}
    proxy = subprocess.Popen(["node", str(server)], env=env)
    try:
        with serving(ROOT / output, int(port), quiet=True, host_headers=True) as base:
            print(f"Trình soạn thảo: {base}admin/  (Ctrl+C để dừng; bài được lưu thành nhánh cms/... trong kho này)")
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    finally:
        proxy.terminate()
        proxy.wait(10)


# The fast job skips what builds the whole sample site or needs an external program (pytest.ini markers).
FAST_SELECTION = "not slow and not browser"


@task(help={"args": "tham số thêm cho pytest, ví dụ: -k feeds",
            "fast": "bỏ qua các kiểm thử `slow` và `browser` (dưới 2 phút; CI chạy mỗi lần push)",
            "workers": "số tiến trình song song của pytest-xdist (mặc định auto = số lõi CPU; 0 = chạy tuần tự)"})
def test(c, args="", fast=False, workers="auto"):
    """Chạy bộ kiểm thử (pytest, song song bằng pytest-xdist); --fast: chỉ các kiểm thử nhanh."""
    selection = f"-m {shlex.quote(FAST_SELECTION)} " if fast else ""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m pytest -n {shlex.quote(str(workers))} {selection}{args}", pty=False)


@task
def lint(c):
    """Kiểm tra mã Python bằng ruff (cấu hình trong pyproject.toml)."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m ruff check .", pty=False)


@task
def clean(c):
    """Xóa output/ và bộ nhớ đệm."""
    import shutil

    for name in ("output", "cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


# --- Contributing (contrib_tools; issue 7) ---
def _settings(name: str = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    cwd = os.getcwd()
    os.chdir(ROOT)  # publishconf imports pelicanconf from the current folder
    try:
        return read_settings(str(ROOT / name))
    finally:
        os.chdir(cwd)


def _shown(path) -> str:
    return os.path.relpath(path, ROOT) if Path(path).is_relative_to(ROOT) else str(path)


def _fail(exc) -> None:
    from invoke import Exit

    raise Exit(f"✗ {exc}", code=1)


@task(help={"unit": "thư mục đơn vị (ví dụ thep-song-hong)", "category": "chuyên mục (tên thư mục hoặc tên tiếng Việt trong categories.yml)",
            "title": "tiêu đề bài", "author": "người viết (không bắt buộc)", "content": "thư mục nội dung",
            "kind": "loại bài (không bắt buộc, bỏ trống = tin bài thường): " + kind_help()})
def new(c, unit="", category="", title="", author="", content="content", kind=""):
    """Tạo bài viết mới: content/units/<đơn vị>/<năm>/<tên-bài>/index.md (hỏi những gì còn thiếu)."""
    import contrib_tools as ct

    labels = {"unit": ("--unit", "Đơn vị"), "category": ("--category", "Chuyên mục"), "title": ("--title", "Tiêu đề bài")}
    try:
        values = ct.ask_missing({"unit": unit, "category": category, "title": title}, labels,
                                ct.article_choices(ROOT / content), match={"category": ct.category_answer(ROOT / content)})
        path = ct.new_article(ROOT / content, values["unit"], values["category"], values["title"], author, kind=kind)
    except ct.ScaffoldError as exc:
        _fail(exc)
    print(f"✓ Đã tạo {_shown(path)}\n  Viết bài, đặt ảnh và tài liệu trong thư mục {_shown(path.parent)}/, "
          "rồi chạy: .venv/bin/invoke check")


@task(name="new-unit", help={"slug": "tên thư mục, chữ thường không dấu (ví dụ det-may-phuong-nam)",
                             "name": "tên đầy đủ của đơn vị", "level": "cấp đơn vị: một slug trong content/levels.yml",
                             "parent": "thư mục đơn vị cấp trên", "maintainers": "tài khoản GitHub duyệt bài, cách nhau dấu phẩy",
                             "short-name": "tên ngắn (không bắt buộc)", "content": "thư mục nội dung"})
def new_unit(c, slug="", name="", level="", parent="", maintainers="", short_name="", content="content"):
    """Tạo hồ sơ đơn vị mới: content/units/<slug>/unit.yml, rồi cập nhật .github/CODEOWNERS."""
    import contrib_tools as ct

    labels = {"slug": ("--slug", "Tên thư mục đơn vị"), "name": ("--name", "Tên đơn vị"), "level": ("--level", "Cấp")}
    try:
        values = ct.ask_missing({"slug": slug, "name": name, "level": level}, labels, {"level": ct.article_choices(ROOT / content)["level"]})
        path = ct.new_unit(ROOT / content, values["slug"], values["name"], values["level"], parent or None,
                           maintainers.split(","), short_name)
    except ct.ScaffoldError as exc:
        _fail(exc)
    print(f"✓ Đã tạo {_shown(path)}")
    if content == "content":
        codeowners(c)


@task(help={"check": "chỉ kiểm tra: lỗi nếu .github/CODEOWNERS chưa cập nhật (CI dùng)"})
def codeowners(c, check=False):
    """Tạo .github/CODEOWNERS từ maintainers trong mỗi unit.yml (đơn vị nào duyệt bài đơn vị đó)."""
    import contrib_tools as ct

    editors = _settings().get("CONTRIB_EDITORS")
    if check:
        if not ct.codeowners_is_current(ROOT, ROOT / "content", editors):
            _fail(".github/CODEOWNERS chưa khớp với maintainers trong các unit.yml. "
                  "Chạy: .venv/bin/invoke codeowners rồi commit tệp .github/CODEOWNERS.")
        print("✓ .github/CODEOWNERS khớp với các unit.yml.")
        return
    path, changed = ct.write_codeowners(ROOT, ROOT / "content", editors)
    print(f"✓ {'Đã cập nhật' if changed else 'Không đổi:'} {_shown(path)}")


@task(help={"name": "tên đầy đủ của công đoàn, ví dụ \"Công đoàn Ngành X\"", "short-name": "tên viết tắt, ví dụ \"CĐN X\"",
            "domain": "tên miền của trang, ví dụ congdoan-x.example.vn", "folder": "thư mục mới (trống) cho trang"})
def init(c, name="", short_name="", domain="", folder=""):
    """Tạo trang cho một công đoàn khác: cấu hình, hồ sơ đơn vị, chuyên mục, trang và một bài mẫu (hỏi những gì còn thiếu)."""
    import contrib_tools as ct
    from contrib_tools.init_site import init_site

    labels = {"name": ("--name", "Tên công đoàn"), "short_name": ("--short-name", "Tên viết tắt"),
              "domain": ("--domain", "Tên miền của trang"), "folder": ("--folder", "Thư mục mới cho trang")}
    try:
        values = ct.ask_missing({"name": name, "short_name": short_name, "domain": domain, "folder": folder}, labels)
        written = init_site(Path(values["folder"]).expanduser(), values["name"], values["short_name"], values["domain"])
    except ct.ScaffoldError as exc:
        _fail(exc)
    site = written[0].parent
    print(f"✓ Đã tạo trang {values['name']} trong {site}/ ({len(written)} tệp). Dựng thử (vào {site}/output/):\n"
          f"  cd {shlex.quote(str(site))} && {PY} -m pelican content -s pelicanconf.py")


@task(help={"target": "thư mục trang công khai (mặc định PUBLISH_TARGET, tức public/)",
            "content": "thư mục nội dung", "no-rsync": "không rsync dù PUBLISH_RSYNC_TARGET được đặt"})
def publish(c, target="", content="content", no_rsync=False):
    """Xuất bản an toàn: dựng bằng publishconf.py vào thư mục mới, kiểm tra, rồi đổi chỗ một bước."""
    import contrib_tools as ct

    settings = _settings("publishconf.py")
    target = target or settings["PUBLISH_TARGET"]
    if _same_folder(target, PREVIEW_OUTPUT):
        _fail(f"{PREVIEW_OUTPUT}/ là thư mục của bản xem trước; xuất bản vào {settings['PUBLISH_TARGET']}/ (bỏ --target).")
    # The site's own content builds warm from publishconf's cache; another folder builds cold
    # (contrib_tools.publish), so that it never overwrites the site's cache.
    cache = settings["CACHE_PATH"] if _same_folder(content, settings["PATH"]) else None
    try:
        result = ct.publish(ROOT, content, target, "publishconf.py",
                            None if no_rsync else settings.get("PUBLISH_RSYNC_TARGET"), cache=cache)
    except ct.PublishError as exc:
        _fail(exc)
    ct.ping_feeds_hub(settings.get("PRESS_FEEDS_HUB"), result.target)


@task(name="stamp-files")
def stamp_files(c):
    """CI: đặt thời điểm sửa của mỗi tệp trong git theo nội dung tệp, để bộ nhớ đệm nhận ra bài không đổi sau checkout."""
    from up_to_date import stamp_checkout

    print(f"✓ Đã đặt thời điểm sửa cho {stamp_checkout(ROOT)} tệp theo nội dung.")


@task(help={"n": "số bài trong kho bài mẫu (mặc định 2000; ví dụ --n 10000)",
            "lighthouse": "chạy Lighthouse (mặc định có; --no-lighthouse để bỏ qua)",
            "preview": "đo thời gian từ lúc lưu bài đến khi trang xem trước cập nhật (mặc định có)"})
def bench(c, n=2000, lighthouse=True, preview=True):
    """Đo tốc độ dựng trang so với Pelican gốc trên kho bài mẫu; in bảng, ghi bench-results/bench-N.json."""
    args = [f"--n={int(n)}"] + ([] if lighthouse else ["--no-lighthouse"]) + ([] if preview else ["--no-preview"])
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m tools.bench {' '.join(args)}", pty=False)


@task(name="bench-readme", help={"json": "tệp JSON của invoke bench để đưa vào README (mặc định: docs/benchmark.json đã commit)",
                                 "check": "chỉ kiểm tra: lỗi nếu bảng trong README.md không khớp docs/benchmark.json"})
def bench_readme(c, json="", check=False):
    """Viết lại bảng hiệu năng trong README.md từ JSON của invoke bench (chép JSON vào docs/benchmark.json)."""
    from invoke.exceptions import Exit

    from tools.bench.readme_table import main

    code = main(([json] if json else []) + (["--check"] if check else []))
    if code:
        raise Exit(code=code)


@task(name="bench-photos", help={"n": "số ảnh điện thoại giả lập (mặc định 12)"})
def bench_photos(c, n=12):
    """Đo xử lý ảnh: thời gian N ảnh lần đầu và khi đã có bộ nhớ đệm, dung lượng ảnh mỗi trang trước/sau."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m photo_variants.bench {int(n)}", env={"PYTHONPATH": str(ROOT / "plugins")}, pty=False)


@task(name="bench-search", help={"output": "thư mục đã dựng (mặc định output/; dựng trước bằng invoke build)"})
def bench_search(c, output="output"):
    """Đo tìm kiếm: dung lượng chỉ mục Pagefind và thời gian tìm trong Chromium (in JSON)."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m tools.bench.search_browser {shlex.quote(output)}", pty=False)
