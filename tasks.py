"""Tasks for editors and developers: `invoke --list`.

Run through the venv (`.venv/bin/invoke ...`, or `./dev build` / `./dev test` which set it up).

Two folders: ROOT is the engine (this file's folder: plugins/, tools/, .venv, node_modules, the tests);
SITE is the site the tasks work on, the nearest folder from the current directory upwards holding a
pelicanconf.py. invoke finds this file by walking up from the current directory too, so a union's site
in a subfolder (`invoke init --folder site`, examples/lam-giang) runs the same commands as the root's:
`cd site && ../.venv/bin/invoke build` writes site/output/. Its content/, output/, public/, reports/,
cache/ and settings files are the site's; relative --content/--output/--target options are read from
the site's folder.
"""

from __future__ import annotations

import contextlib
import functools
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


def repository_top(folder: Path) -> Path:
    """The top of the git repository holding ``folder`` (``folder`` itself outside one)."""
    for each in (folder, *folder.parents):
        if (each / ".git").exists():  # a folder, or a file in a worktree
            return each
    return folder


def site_folder(start: Path, default: Path) -> Path:
    """The nearest folder from ``start`` upwards that holds a pelicanconf.py; ``default`` without one."""
    for folder in (start, *start.parents):
        if (folder / "pelicanconf.py").is_file():
            return folder
    return default


SITE = site_folder(Path.cwd().resolve(), ROOT)


def invoke_command(where: Path, root: Path = ROOT) -> str:
    """How to run these tasks from the folder ``where``, for the commands the messages suggest: the
    engine's .venv by a relative path inside the repository; from elsewhere invoke would not find this
    file by walking up, so it is named (-r)."""
    program = root / ".venv" / "bin" / "invoke"
    if Path(where).resolve().is_relative_to(root):
        return shlex.quote(os.path.relpath(program, Path(where).resolve()))
    return f"{shlex.quote(str(program))} -r {shlex.quote(str(root))}"


def _invoke() -> str:
    return invoke_command(Path.cwd())


@functools.cache
def _site() -> Path:
    """SITE, saying once which site it is when it is not the repository's own (the folder rule above)."""
    if SITE != ROOT:
        print(f"» Trang trong thư mục {_shown(SITE, ROOT)}/ (thư mục có pelicanconf.py gần nhất).", flush=True)
    return SITE


def pelican(c, settings: str, output: str, extra: str = "", warn: bool = False):
    """Run Pelican with the terminal as its output (not through c.run: invoke decodes a child's
    output 1,000 bytes at a time and splits Vietnamese letters at each boundary)."""
    import subprocess

    from invoke.exceptions import Exit

    command = [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", output, *shlex.split(extra)]
    code = subprocess.run(command, cwd=_site(), check=False).returncode
    if code and not warn:
        raise Exit(code=code)
    return code


PREVIEW_OUTPUT = "output"  # pelicanconf OUTPUT_PATH: drafts under /ban-nhap/, relative URLs


def _publish_output() -> str:
    """Where publish builds go (publishconf OUTPUT_PATH = PUBLISH_TARGET): never the preview's folder."""
    return _settings("publishconf.py")["PUBLISH_TARGET"]


def _same_folder(a: str, b: str) -> bool:
    return (SITE / a).resolve() == (SITE / b).resolve()



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
    pelican(c, settings, output)
    how = f"serve --publish{'' if _same_folder(output, public) else f' --output {output}'}" if publish \
        else f"serve{'' if output == PREVIEW_OUTPUT else f' --output {output}'}"
    print(f"\n✓ Đã dựng trang vào {output}/. Xem trước: {_invoke()} {how}  (http://127.0.0.1:8000/)")


@task(help={"content": "thư mục nội dung (mặc định content)",
            "format": "text (mặc định) hoặc github (chú thích trên pull request và bảng tóm tắt)",
            "settings": "tệp cài đặt của trang (mặc định: pelicanconf.py bên cạnh thư mục nội dung)"})
def check(c, content="content", format="text", settings=""):
    """Kiểm tra toàn bộ nội dung: liệt kê mọi lỗi, mỗi lỗi ghi tệp, dòng và cách sửa."""
    from invoke.exceptions import Exit

    import content_check.__main__ as checker

    # In this process, not through c.run: invoke decodes a child's output 1,000 bytes at a time and
    # splits a Vietnamese letter at each boundary ("Cách s��a"); printing here never does.
    cwd = os.getcwd()
    os.chdir(_site())
    try:
        # The site's settings, as the build reads them (time zone, photo limit, embed hosts, PLUGINS):
        # the checker's own default is the pelicanconf.py beside the content folder.
        code = checker.main([content, "--format", format] + (["--settings", settings] if settings else []))
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
    with c.cd(str(_site())):  # union_reports reads the settings, content/ and reports/ of the current folder
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

    site = _site()
    output = output or (_publish_output() if publish else PREVIEW_OUTPUT)
    if not (site / output / "index.html").is_file():
        _fail(f"Chưa có trang đã dựng trong {output}/. Chạy trước: {_invoke()} build"
              + (" --publish" if publish else "") + ".")
    siteurl = _settings("publishconf.py")["SITEURL"] if publish else None
    try:
        with serving(site / output, int(port), quiet=False, rewrite_host=siteurl, host_headers=True) as base:
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
    os.chdir(_site())
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

    site = _site()
    server = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    if not server.is_file():
        _fail("Chưa cài decap-server. Chạy: ./dev build")
    backend = _settings()["WEB_EDITOR_LOCAL_BACKEND"]  # the engine's settings give it a default
    from urllib.parse import urlsplit

    # The web editor's paths are the repository's (site/content/... for a site in a subfolder, as the
    # GitHub backend needs them), so decap-server works at the repository's top.
    from web_editor import repository_top

    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repository_top(site) or site), "BIND_HOST": "127.0.0.1",
           "PORT": str(urlsplit(backend).port or 8081)}
    proxy = subprocess.Popen(["node", str(server)], env=env)
    try:
        with serving(site / output, int(port), quiet=True, host_headers=True) as base:
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


@task(help={"check": "chỉ kiểm tra (CI dùng): lỗi nếu danh mục chuỗi chưa khớp với mẫu trang, .mo chưa dịch lại, "
                    "hoặc còn chuỗi tiếng Anh chưa dịch"})
def i18n(c, check=False):
    """Cập nhật danh mục chuỗi giao diện (gettext) của giao diện cdct từ các mẫu trang, rồi dịch sang .mo."""
    from site_i18n import catalogs

    theme = Path(_settings()["THEME"])
    if check:
        found = catalogs.problems(theme)
        if found:
            _fail("Danh mục chuỗi giao diện chưa đúng:\n  " + "\n  ".join(found))
        print(f"✓ Danh mục chuỗi giao diện ({', '.join(catalogs.LANGUAGES)}) khớp với các mẫu trang và đã dịch đủ.")
        return
    changed = catalogs.update(theme)
    for path in changed:
        print(f"✓ Đã cập nhật {_shown(path)}")
    if not changed:
        print("✓ Danh mục chuỗi giao diện không đổi.")
    missing = [problem for problem in catalogs.problems(theme) if "chưa được dịch" in problem]
    if missing:
        print("Còn chuỗi tiếng Anh chưa dịch (điền msgstr rồi chạy lại .venv/bin/invoke i18n):\n  " + "\n  ".join(missing))


@task
def lint(c):
    """Kiểm tra mã Python bằng ruff (cấu hình trong pyproject.toml)."""
    with c.cd(str(ROOT)):
        c.run(f"{PY} -m ruff check .", pty=False)


@task
def clean(c):
    """Xóa output/ và bộ nhớ đệm (cache/) của trang."""
    import shutil

    for name in ("output", "cache"):
        shutil.rmtree(_site() / name, ignore_errors=True)


# --- Contributing (contrib_tools; issue 7) ---
def _settings(name: str = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    site, cwd, path = _site(), os.getcwd(), list(sys.path)
    os.chdir(site)  # publishconf imports pelicanconf from the current folder
    # ... and from sys.path, where invoke put the engine's folder first: the site's must come before it.
    sys.path.insert(0, str(site))
    sys.modules.pop("pelicanconf", None)
    try:
        return read_settings(str(site / name))
    finally:
        os.chdir(cwd)
        sys.path[:] = path


def _shown(path, base: Path | None = None) -> str:
    base = SITE if base is None else base
    return os.path.relpath(path, base) if Path(path).is_relative_to(base) else str(path)


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
    content = _site() / content
    try:
        values = ct.ask_missing({"unit": unit, "category": category, "title": title}, labels,
                                ct.article_choices(content), match={"category": ct.category_answer(content)})
        path = ct.new_article(content, values["unit"], values["category"], values["title"], author, kind=kind,
                              timezone=_settings()["TIMEZONE"])  # the site's own time zone
    except ct.ScaffoldError as exc:
        _fail(exc)
    print(f"✓ Đã tạo {_shown(path)}\n  Viết bài, đặt ảnh và tài liệu trong thư mục {_shown(path.parent)}/, "
          f"rồi chạy: {_invoke()} check")


@task(name="new-unit", help={"slug": "tên thư mục, chữ thường không dấu (ví dụ det-may-phuong-nam)",
                             "name": "tên đầy đủ của đơn vị", "level": "cấp đơn vị: một slug trong content/levels.yml",
                             "parent": "thư mục đơn vị cấp trên", "maintainers": "tài khoản GitHub duyệt bài, cách nhau dấu phẩy",
                             "short-name": "tên ngắn (không bắt buộc)", "content": "thư mục nội dung"})
def new_unit(c, slug="", name="", level="", parent="", maintainers="", short_name="", content="content"):
    """Tạo hồ sơ đơn vị mới: content/units/<slug>/unit.yml, rồi cập nhật .github/CODEOWNERS."""
    import contrib_tools as ct

    labels = {"slug": ("--slug", "Tên thư mục đơn vị"), "name": ("--name", "Tên đơn vị"), "level": ("--level", "Cấp")}
    folder = _site() / content
    try:
        values = ct.ask_missing({"slug": slug, "name": name, "level": level}, labels, {"level": ct.article_choices(folder)["level"]})
        path = ct.new_unit(folder, values["slug"], values["name"], values["level"], parent or None,
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
    # GitHub reads CODEOWNERS at the repository's top only, so a site in a folder (a union's site/) has
    # its rows name that folder: /site/content/units/<unit>/. One repository, one CODEOWNERS: the site
    # it is written from owns it.
    repository = repository_top(SITE)
    prefix = SITE.relative_to(repository).as_posix()
    if check:
        if not ct.codeowners_is_current(repository, SITE / "content", editors, prefix):
            _fail(".github/CODEOWNERS chưa khớp với maintainers trong các unit.yml. "
                  f"Chạy: {_invoke()} codeowners rồi commit tệp .github/CODEOWNERS.")
        print("✓ .github/CODEOWNERS khớp với các unit.yml.")
        return
    path, changed = ct.write_codeowners(repository, SITE / "content", editors, prefix)
    print(f"✓ {'Đã cập nhật' if changed else 'Không đổi:'} {_shown(path, repository)}")


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
    shown = os.path.relpath(site) if site.resolve().is_relative_to(Path.cwd().resolve()) else str(site)
    print(f"✓ Đã tạo trang {values['name']} trong {shown}/ ({len(written)} tệp). Dựng thử (vào {shown}/output/):\n"
          f"  cd {shlex.quote(shown)} && {invoke_command(site)} build")


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
        result = ct.publish(_site(), content, target, "publishconf.py",
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
