"""content_check: every problem in the content, in one run, before and after the build.

Settings read (site_core.settings, as ``python -m content_check`` reads them): PATH, TIMEZONE,
CONTENT_CHECK_STRICT (False; publishconf sets True), the photo limit and embed hosts the plugins'
checks use; MARKDOWN.
On ``initialized`` it checks the whole content folder (content_check.checker.check_site) and logs each
problem; in strict mode it then stops the build, so nothing half-built is ever published. On
``finalized`` it accounts for every file under content/: what was built, what was skipped and why.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from pelican import signals

from site_core import allowlist
from site_core.filekinds import FileKind
from site_core.problems import Problem
from site_core.settings import site_settings
from site_core.state import build_state, start_build

from .checker import CheckCache, Report, check_site

logger = logging.getLogger(__name__)

__all__ = ["Problem", "Report", "check_site", "format_report", "format_github", "github_summary",
           "ContentCheckFailed", "register"]


class ContentCheckFailed(SystemExit):
    """Raised in strict mode: the build stops with exit code 1 and this Vietnamese message.

    A SystemExit, not an Exception, so that Pelican's ``main`` does not log it with a traceback: the
    contributor reads the list of problems above it and this one line, nothing else.
    """


def plain_log_lines(stream=None) -> None:
    """Log one plain line per message when the output is not a terminal (CI, ``invoke publish``).

    Pelican's rich handler wraps every message at the console width, 80 columns when nothing tells
    it otherwise, which splits file names (``bai-co-m`` / ``a-doc.md``) in CI logs. Idempotent; the
    dedup filters are on Pelican's loggers, not on the handler, so they keep working.
    """
    from rich.logging import RichHandler  # noqa: PLC0415 (Pelican's dependency)

    stream = stream or sys.stderr
    if stream.isatty():
        return
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RichHandler):
            plain = logging.StreamHandler(stream)
            plain.setLevel(handler.level)
            plain.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
            root.removeHandler(handler)
            root.addHandler(plain)


def format_report(report: Report) -> str:
    lines = [str(p) for p in sorted(report.problems)]
    lines += [f"Gợi ý: {hint}" for hint in sorted(report.hints)]
    lines.append(f"Tổng cộng: {report.summary()}")
    return "\n".join(lines)


def _annotation_value(text: str) -> str:
    # GitHub workflow commands: %, CR and LF are escaped in the message; also , and : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(report: Report) -> str:
    """One ``::error file=…,line=…,title=…::message`` workflow command per problem: GitHub shows each
    on the pull request, beside the file and line (the path is relative to the repository)."""
    lines = []
    for p in sorted(report.problems):
        props = f"file={_annotation_value(p.path).replace(',', '%2C').replace(':', '%3A')}"
        if p.line:
            props += f",line={p.line}"
        props += f",title={_annotation_value(p.field).replace(',', '%2C').replace(':', '%3A')}"
        lines.append(f"::error {props}::{_annotation_value(f'{p.message} → Cách sửa: {p.fix}')}")
    return "\n".join(lines)


def github_summary(report: Report) -> str:
    """The job summary a contributor reads on the pull request's Checks tab (Markdown, Vietnamese)."""
    if not report.problems:
        return f"## ✓ Nội dung hợp lệ\n\n{report.summary()}\n"
    rows = ["| Tệp | Dòng | Thông tin | Lỗi | Cách sửa |", "| --- | ---: | --- | --- | --- |"]
    for p in sorted(report.problems):
        cells = [f"`{p.path}`", str(p.line or ""), p.field, p.message, p.fix]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return (f"## ✗ Có {len(report.problems)} vấn đề cần sửa trước khi đăng\n\n"
            "Sửa từng dòng dưới đây (trên trình soạn thảo web hoặc trên GitHub), lưu lại: kiểm tra tự chạy lại.\n\n"
            + "\n".join(rows) + f"\n\n{report.summary()}\n")


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while the site builds (strict mode fails on any).

    Pelican logs a given message once per process (pelican.log.LimitFilter), so this is exact for
    the publish build, which runs in a fresh process (`invoke publish`, CI).

    It sits on the root logger only while its build runs (``count_warnings``): a build that fails
    in content_check or in ``run()`` takes it off at once, so a process that builds many times (the
    tests, the live preview, ``pelican -r``) does not gather one more handler per failed build. A
    build stopped by another plugin's ``initialized`` handler, after this one, never reaches
    ``run()``: its counter goes when the next build starts (builds in one process are sequential).
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def count_warnings(pelican) -> WarningCounter:
    """A WarningCounter on the root logger until this build's ``run()`` returns or raises (the
    handler on ``finalized`` takes it off too; removing it twice is harmless)."""
    counter = WarningCounter()
    root = logging.getLogger()
    for stale in [h for h in root.handlers if isinstance(h, WarningCounter)]:
        root.removeHandler(stale)  # an earlier build's, stopped before its run() (see WarningCounter)
    root.addHandler(counter)
    run = pelican.run

    def run_then_stop_counting(*args, **kwargs):
        try:
            return run(*args, **kwargs)
        finally:
            root.removeHandler(counter)

    pelican.run = run_then_stop_counting  # this instance only
    return counter


def check_before_build(pelican):
    plain_log_lines()
    state = start_build(pelican)
    if state.unchanged:
        return  # up_to_date found nothing changed since the last (checked) build
    # Warnings found while building (a sanitised script, a photo that fails to decode...) count too.
    pelican.content_check_warnings = count_warnings(pelican)
    try:
        _check_content(pelican, state)
    except BaseException:
        # The build stops here (strict mode, or a check that failed): run() never comes.
        logging.getLogger().removeHandler(pelican.content_check_warnings)
        raise


def _check_content(pelican, state) -> None:
    # The plugins Pelican registered contribute their checks (site_core.checks): photo_variants' run
    # here, safe_html's not (render_bodies=False: the reader sanitises and logs what it removes).
    site = site_settings(pelican.settings)
    cache = check_cache(pelican.settings, state)
    report = check_site(site.paths.content, render_bodies=False, markdown=pelican.settings.get("MARKDOWN"),
                        plugins=pelican.plugins, site=site, cache=cache)
    if cache is not None:
        cache.save()
        if report.cached:
            logger.info("[check] %d tệp không đổi từ lần dựng trước: dùng lại kết quả kiểm tra (lỗi cũ vẫn được báo lại)",
                        report.cached)
    for problem in sorted(report.problems):
        logger.warning("[check] %s", problem)
    for hint in sorted(report.hints):  # information, not a warning: a publish build goes on
        logger.info("[check] Gợi ý: %s", hint)
    state.check_report = report  # the reader takes each file's front matter from it (content_model)
    # Pelican walks content/ following symlinked folders: keep every generator out of refused ones.
    refused_dirs = refused_folders(report, Path(pelican.settings["PATH"]))
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        pelican.settings[key] = [*pelican.settings.get(key, []), *refused_dirs]
    if report.problems and site.check.strict:
        raise ContentCheckFailed(
            f"[check] {len(report.problems)} vấn đề trong nội dung — bản xuất bản dừng lại, chưa ghi gì. "
            "Sửa các vấn đề ở trên (chạy: invoke check) rồi dựng lại.")


CHECK_CACHE = "content-check.pickle"  # under CACHE_PATH


def check_cache(settings, state) -> CheckCache | None:
    """The per-file check cache (checker.CheckCache) of a build with the cache on: its entries are
    used when LOAD_CONTENT_CACHE is on (up_to_date turns it off when units, categories, the other
    files' names, the plugins or the settings changed; the key changes with them anyway)."""
    if not settings.get("CACHE_CONTENT") or not state.reading_inputs:
        return None
    # render_bodies=False: how the build checks (the CLI checks with the bodies converted, uncached)
    inputs = hashlib.sha256(f"{state.reading_inputs}\0render_bodies=False".encode()).hexdigest()
    return CheckCache(Path(settings["CACHE_PATH"]) / CHECK_CACHE, inputs, load=bool(settings.get("LOAD_CONTENT_CACHE")))


def refused_folders(report: Report, content_dir: Path) -> list[str]:
    """Content-relative folders the checker refused (symlinked or hidden)."""
    prefix = "content/"
    return [display[len(prefix):] for display, kind in report.kinds.items()
            if kind == FileKind.REFUSED and os.path.isdir(content_dir / display[len(prefix):])]


def leave_out_refused(generator):
    """Drop every static file the allow-list refuses, so no link, hidden file or script is copied.

    The checker has named each one already; publish stopped before this point.
    """
    content_dir = Path(generator.settings["PATH"])
    kept = []
    for static in generator.staticfiles:
        rel = static.relative_source_path.replace(os.sep, "/")
        verdict = allowlist.verdict(content_dir, rel)
        if verdict.accepted:
            kept.append(static)
        else:
            logger.warning("[check] Không sao chép %s: %s", verdict.problem.path, verdict.problem.message)
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept
    if "static_content" in generator.context:
        generator.context["static_content"] = {
            key: value for key, value in generator.context["static_content"].items()
            if value in kept or not hasattr(value, "relative_source_path")}


def account_for_files(pelican):
    """Log what happened to every file under content/ so nothing vanishes silently."""
    counter = getattr(pelican, "content_check_warnings", None)
    if counter is not None:
        logging.getLogger().removeHandler(counter)
    report = build_state(pelican.settings).check_report
    if report is None:
        return
    skipped = sorted(path for path, kind in report.kinds.items()
                     if kind in (FileKind.REJECTED, FileKind.UNUSED, FileKind.REFUSED))
    for path in skipped:
        logger.warning("[check] Không đăng %s (xem lỗi ở trên).", path)
    # Visible in every build that skipped something, so nothing vanishes silently.
    (logger.warning if skipped else logger.info)("[check] %s", report.summary())
    if counter is not None and counter.count and site_settings(pelican.settings).check.strict:
        raise ContentCheckFailed(
            f"[check] {counter.count} cảnh báo/lỗi trong lúc dựng (xem ở trên) — bản xuất bản không hợp lệ. "
            "Sửa rồi dựng lại; trang đang chạy không bị thay đổi khi dùng invoke publish.")


def register():
    signals.initialized.connect(check_before_build)
    signals.static_generator_finalized.connect(leave_out_refused)
    signals.finalized.connect(account_for_files)
