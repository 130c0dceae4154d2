"""Run each build in a fresh subprocess and measure it.

``measure(...)`` starts a command (``python -m pelican``, ``python -m content_check``) and collects:
wall time; CPU time, user and system, of the process and every child it waited for (``os.wait4``:
Pagefind, the Markdown worker, photo workers); the peak RSS of its largest process (``ru_maxrss``)
and the peak of the whole process tree's RSS (sampled from /proc every ``TREE_SAMPLE_S``: the
largest process alone hides a Pagefind running beside Pelican); the load average at start and end.
``preview_latency(...)`` starts Pelican's preview mode (``pelican --autoreload``), saves an edit and
times until the article page, its unit page and the home page all show it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from site_core import engine_settings

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

PLAIN_CONF = '''"""Plain Pelican for the benchmark: default theme, feeds on, no plugins."""
SITENAME = "Plain Pelican benchmark"
SITEURL = "https://plain.example.org"
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = "notmyidea"
# The same pagination as ours, so both sites write comparable list pages.
DEFAULT_PAGINATION = 12
# Slugs from file names, as ours: an edited title keeps its URL.
SLUGIFY_SOURCE = "basename"
# Photos lie beside the articles, as in ours; copied as static files.
STATIC_PATHS = ["units"]
# An empty list: otherwise Pelican loads every installed namespace plugin (pelican-sitemap is installed).
PLUGINS = []
# Pelican's default feeds stay on: FEED_ALL_ATOM, CATEGORY_FEED_ATOM, AUTHOR_FEED_ATOM/RSS, TRANSLATION_FEED_ATOM.
'''


TREE_SAMPLE_S = 0.05
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _cmdline(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return None


def tree_rss_kb(pid: int) -> int:
    """Resident memory (KB) of ``pid`` and all its descendants now.

    A process with its parent's command line is a fork that has not yet exec'd (Python's
    subprocess forks, or vforks, before it starts Pagefind): until then its resident pages are the
    parent's, so it is not counted again. Counting it doubled the 50,000-article build's tree peak
    (3,072 MB, the largest process 1,670 MB) whenever a sample fell between the fork of one of its
    501 Pagefind runs and the exec.
    """
    tree, total, todo = _children(), 0, [(pid, None)]
    while todo:
        current, parent_cmdline = todo.pop()
        cmdline = _cmdline(current)
        if parent_cmdline is not None and cmdline == parent_cmdline:
            continue
        try:
            with open(f"/proc/{current}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            pass
        todo.extend((child, cmdline) for child in tree.get(current, ()))
    return total


class BenchError(RuntimeError):
    """A part of the benchmark did not run or produced nothing: the benchmark fails."""


@dataclass
class Run:
    name: str
    site: str
    command: list
    wall_s: float = 0.0
    cpu_s: float = 0.0
    user_s: float = 0.0
    sys_s: float = 0.0
    peak_rss_mb: float = 0.0  # the largest single process (ru_maxrss)
    tree_peak_rss_mb: float = 0.0  # the whole process tree at its peak (sampled)
    load_start: list = field(default_factory=list)  # 1, 5, 15-minute load averages
    load_end: list = field(default_factory=list)
    returncode: int = 0
    html_pages: int = 0
    files: int = 0
    log: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["command"] = " ".join(str(c) for c in self.command)
        return data


def count_output(output: Path) -> tuple[int, int]:
    """(HTML pages, all files) under ``output``."""
    html = files = 0
    for _dirpath, _dirs, names in os.walk(output):
        files += len(names)
        html += sum(1 for n in names if n.endswith(".html"))
    return html, files


def measure(name: str, site: str, command: list, cwd: Path, log_path: Path, timeout: float = 900,
            env: dict | None = None) -> Run:
    """Run ``command`` as a fresh process; wall, CPU and peak RSS of that process (and its children)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200", **(env or {})}
    load_start = [round(x, 2) for x in os.getloadavg()]
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = start + timeout
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                raise BenchError(f"{name} ({site}) took more than {timeout:.0f} s: {' '.join(map(str, command))}")
            tree_peak = max(tree_peak, tree_rss_kb(proc.pid))
            time.sleep(TREE_SAMPLE_S)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(name=name, site=site, command=command, wall_s=round(wall, 3),
              cpu_s=round(usage.ru_utime + usage.ru_stime, 3), user_s=round(usage.ru_utime, 3),
              sys_s=round(usage.ru_stime, 3), peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
              tree_peak_rss_mb=round(max(tree_peak, usage.ru_maxrss) / 1024, 1),
              load_start=load_start, load_end=[round(x, 2) for x in os.getloadavg()],
              returncode=proc.returncode, log=str(log_path))
    if proc.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{name} ({site}) exited {proc.returncode}; log {log_path}:\n{tail}")
    return run


@dataclass
class Site:
    """One of the two sites built from the corpus: how to run Pelican for it."""

    name: str  # "ours" or "plain"
    content: Path
    settings: Path
    cwd: Path
    work: Path  # outputs, caches and logs go here
    extra: dict = field(default_factory=dict)  # settings passed with -e on every build

    def output(self, label: str = "output") -> Path:
        return self.work / f"{self.name}-{label}"

    @property
    def cache(self) -> Path:
        return self.work / f"{self.name}-cache"

    def command(self, output: Path, cache: bool, extra: dict | None = None, settings: Path | None = None) -> list:
        overrides = {"CACHE_CONTENT": cache, "LOAD_CONTENT_CACHE": cache, **self.extra, **(extra or {})}
        return [PY, "-m", "pelican", self.content, "-s", settings or self.settings, "-o", output,
                "--cache-path", self.cache, "--log-handler", "plain",
                "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]

    def build(self, name: str, cache: bool, output: Path | None = None, settings: Path | None = None) -> Run:
        output = output or self.output()
        run = measure(name, self.name, self.command(output, cache, settings=settings), self.cwd,
                      self.work / "logs" / f"{self.name}-{name}.log")
        run.html_pages, run.files = count_output(output)
        if run.html_pages == 0:
            raise BenchError(f"{name} ({self.name}) wrote no HTML page into {output}")
        return run


# The benchmark's site folder: the repository's own settings over the generated content, so that the
# README's command builds it as it builds the repository's site. Only the reporting period is fixed
# (the reports of the corpus's last year, the same in every run).
SITE_SETTINGS = '''"""Benchmark site, generated by tools/bench: the repository's pelicanconf.py over this folder's content/."""
import sys

ENGINE = {engine!r}
if ENGINE + "/plugins" not in sys.path:
    sys.path.insert(0, ENGINE + "/plugins")
with open(ENGINE + "/pelicanconf.py", encoding="utf-8") as _settings:
    exec(compile(_settings.read(), ENGINE + "/pelicanconf.py", "exec"))
REPORTS_PERIOD = {period!r}
'''


@dataclass
class ReadmeSite(Site):
    """Our site, built with the README's command: ``invoke build --publish`` run in a site folder.

    The command decides its caches itself, as for an editor or in CI: Pelican's content cache, the
    photo cache and the search shards all live in the site's ``cache/xuat-ban/`` (``cache/xem-truoc/``
    for preview settings), the output in ``public/``. A cold build is that command with the cache
    folder emptied (``build_series``), not a setting of the benchmark's own. ``invoke -r <repository>``
    finds the repository's tasks.py from a site folder outside it; tasks.py then works on the nearest
    folder holding a pelicanconf.py, this one.
    """

    invoke_args: tuple = ("build", "--publish")

    @property
    def folder(self) -> Path:
        return self.cwd

    @property
    def cache(self) -> Path:
        publish = self.settings.name == "publishconf.py"
        path = engine_settings.publish_settings("")["CACHE_PATH"] if publish else engine_settings.CACHE_PATH
        return self.folder / path

    @property
    def photo_cache(self) -> Path:
        return self.cache / "anh"  # photo_variants' default PHOTO_VARIANTS_CACHE: <CACHE_PATH>/anh

    def output(self, label: str = "output") -> Path:
        if label == "output":
            return self.folder / engine_settings.PUBLISH_TARGET
        return super().output(label)

    def command(self, output: Path, cache: bool, extra: dict | None = None, settings: Path | None = None) -> list:
        return [PY, "-m", "invoke", "-r", ROOT, *self.invoke_args]


def ours_site(corpus_content: Path, work: Path, settings: str = "publishconf.py", period: str | None = None) -> ReadmeSite:
    """Our site: ``corpus_content``'s parent becomes a site folder (settings written beside content/)."""
    folder = corpus_content.parent
    (folder / "pelicanconf.py").write_text(SITE_SETTINGS.format(engine=str(ROOT), period=period), encoding="utf-8")
    shutil.copyfile(ROOT / "publishconf.py", folder / "publishconf.py")
    args = ("build", "--publish") if settings == "publishconf.py" else ("build",)
    return ReadmeSite("ours", corpus_content, folder / settings, folder, work, invoke_args=args)


def plain_site(corpus_content: Path, work: Path) -> Site:
    conf = corpus_content.parent / "pelicanconf.py"
    conf.write_text(PLAIN_CONF, encoding="utf-8")
    return Site("plain", corpus_content, conf, corpus_content.parent, work)


def edit_article(path: Path, marker: str, ours: bool) -> None:
    """Save an edit: the title gets ``marker`` (shown on the article, unit and home pages)."""
    text = path.read_text(encoding="utf-8")
    # Our front matter is YAML (`title: "…"`); the stock Pelican corpus uses `Title: …` lines.
    text = text.replace('title: "', f'title: "{marker} ', 1) if ours else text.replace("Title: ", f"Title: {marker} ", 1)
    path.write_text(text, encoding="utf-8")


def add_paragraph(path: Path, marker: str) -> None:
    """Save the commonest edit: a paragraph added at the end of the body (the title, date and tags
    stay, so no other article page shows anything new)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nĐoạn bổ sung {marker}.\n", encoding="utf-8")


def build_series(site: Site, article_rel: str, article_page: str, edits: int = 1) -> list[Run]:
    """Cold, warm (nothing changed), edit-one (a title) and edit-body builds; plain Pelican also a
    cache-priming one.

    Ours runs the README's command every time (``ReadmeSite``): its cold build is that command with an
    empty cache folder, and it fills the caches the warm, edit-one and edit-body builds use. First a build with
    the photo cache cold too ("cold-images"); the "cold" build keeps the photo cache it filled, as an
    editor's machine or CI (which restores ``cache/`` between runs) does, and empties the rest.
    Plain Pelican has no cache unless asked: cold without it, then a cache-priming build with
    ``CACHE_CONTENT``/``LOAD_CONTENT_CACHE`` on that its warm, edit-one and edit-body builds use.
    """
    for path in (site.output(), site.cache):
        shutil.rmtree(path, ignore_errors=True)
    runs = []
    if isinstance(site, ReadmeSite):
        runs.append(site.build("cold-images", cache=True))
        runs[-1].extra["photo_cache"] = "cold"
        shutil.rmtree(site.output(), ignore_errors=True)
        for entry in site.cache.iterdir():
            if entry != site.photo_cache:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        runs.append(site.build("cold", cache=True))
    else:
        runs.append(site.build("cold", cache=False))
        # cache-prime starts from an empty cache too.
        for path in (site.output(), site.cache):
            shutil.rmtree(path, ignore_errors=True)
        runs.append(site.build("cache-prime", cache=True))
    runs.append(site.build("warm", cache=True))
    marker = f"SỬA-{site.name.upper()}-{edits}"
    edit_article(site.content / article_rel, marker, ours=site.name == "ours")
    runs.append(_edited(site, "edit-one", article_page, marker))
    marker = f"THÂN-BÀI-{site.name.upper()}-{edits}"
    add_paragraph(site.content / article_rel, marker)
    runs.append(_edited(site, "edit-body", article_page, marker))
    if isinstance(site, ReadmeSite):
        for later in runs[1:]:  # the photo cache cold-images filled, kept by every later build
            later.extra["photo_cache"] = "warm"
    return runs


def _edited(site: Site, name: str, article_page: str, marker: str) -> Run:
    """A cached rebuild after an edit, which the article's page must show (else the cache served stale content)."""
    run = site.build(name, cache=True)
    page = site.output() / article_page
    if not page.is_file() or marker not in page.read_text(encoding="utf-8"):
        raise BenchError(f"{name} ({site.name}): {page} does not show the edit {marker!r}: "
                         "the cached rebuild served stale content")
    return run


def _contains(path: Path, marker: str) -> bool:
    try:
        return marker in path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return False


def live_preview_command(site: Site, output: Path) -> list:
    """Our preview mode (`invoke livereload` = ``python -m live_preview``), without its web server."""
    return [PY, "-m", "live_preview", "--no-serve", "--settings", site.settings, "--content", site.content,
            "--output", output, "-e", *[f"{k}={json.dumps(v)}" for k, v in site.extra.items()],
            f"CACHE_PATH={json.dumps(str(site.cache))}"]


def preview_latency(site: Site, article_rel: str, pages: list[str], cache: bool, label: str,
                    timeout: float = 600, live: bool = False) -> dict:
    """Start a preview mode — ``pelican --autoreload``, or ours (``live=True``) — save an edit, and
    time until ``pages`` show it."""
    output = site.output(f"preview-{label}")
    shutil.rmtree(output, ignore_errors=True)
    command = live_preview_command(site, output) if live else site.command(output, cache) + ["--autoreload"]
    log_path = site.work / "logs" / f"{site.name}-preview-{label}.log"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if live:
        env["PYTHONPATH"] = os.pathsep.join(str(ROOT / d) for d in ("tools", "plugins"))  # live_preview is a tool
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([str(c) for c in command], cwd=site.cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            start = time.perf_counter()
            home = output / pages[-1]
            def ready():
                # The first build is over: ours says its watcher runs; Pelican prints "Done:" and
                # only then starts watching (an edit saved before that is never seen).
                return home.is_file() and _contains(log_path, "READY" if live else "Done: Processed")

            while not ready():
                if proc.poll() is not None or time.perf_counter() - start > timeout:
                    raise BenchError(f"preview ({site.name}, {label}) did not build; log {log_path}")
                time.sleep(0.1)
            first_build = time.perf_counter() - start
            time.sleep(1.5)  # let the watcher settle after the first build's writes
            marker = f"XEM-TRUOC-{label}-{int(time.time())}"
            edit_article(site.content / article_rel, marker, ours=site.name == "ours")
            saved = time.perf_counter()
            waiting = [output / p for p in pages]
            while waiting:
                waiting = [p for p in waiting if not _contains(p, marker)]
                if proc.poll() is not None or time.perf_counter() - saved > timeout:
                    raise BenchError(f"preview ({site.name}, {label}): {', '.join(map(str, waiting))} never showed "
                                     f"the edit; log {log_path}")
                time.sleep(0.02)
            latency = time.perf_counter() - saved
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"name": f"preview ({label})", "site": site.name, "first_build_s": round(first_build, 2),
            "edit_to_preview_s": round(latency, 2), "pages": pages,
            "command": " ".join(str(c) for c in command)}
