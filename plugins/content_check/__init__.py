"""content_check: every problem in the content, in one run, before and after the build.

Settings read: PATH, TIMEZONE, CONTENT_CHECK_STRICT (False; publishconf sets True).
On ``initialized`` it checks the whole content folder (content_check.checker.check_site) and logs each
problem; in strict mode it then stops the build, so nothing half-built is ever published. On
``finalized`` it accounts for every file under content/: what was built, what was skipped and why.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from site_core.filekinds import FileKind
from site_core.problems import Problem

from .checker import Report, check_site

logger = logging.getLogger(__name__)

__all__ = ["Problem", "Report", "check_site", "ContentCheckFailed", "register"]


class ContentCheckFailed(RuntimeError):
    """Raised in strict mode; Pelican prints it and exits non-zero."""


def format_report(report: Report) -> str:
    lines = [str(p) for p in sorted(report.problems)]
    lines += [f"Gợi ý: {hint}" for hint in sorted(report.hints)]
    lines.append(f"Tổng cộng: {report.summary()}")
    return "\n".join(lines)


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while the site builds (strict mode fails on any).

    Pelican logs a given message once per process (pelican.log.LimitFilter), so this is exact for
    the publish build, which runs in a fresh process (`invoke publish`, CI).
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def check_before_build(pelican):
    if getattr(pelican, "up_to_date_skip", False):
        return  # up_to_date found nothing changed since the last (checked) build
    # Warnings found while building (a sanitised script, a photo that fails to decode...) count too.
    pelican.content_check_warnings = WarningCounter()
    logging.getLogger().addHandler(pelican.content_check_warnings)
    report = check_site(Path(pelican.settings["PATH"]), pelican.settings["TIMEZONE"], render_bodies=False,
                        markdown=pelican.settings.get("MARKDOWN"))
    for problem in sorted(report.problems):
        logger.warning("[check] %s", problem)
    for hint in sorted(report.hints):  # information, not a warning: a publish build goes on
        logger.info("[check] Gợi ý: %s", hint)
    pelican.settings["CONTENT_CHECK_REPORT"] = report
    if report.problems and pelican.settings.get("CONTENT_CHECK_STRICT", False):
        raise ContentCheckFailed(
            f"[check] {len(report.problems)} vấn đề trong nội dung — bản xuất bản dừng lại, chưa ghi gì. "
            "Sửa các vấn đề ở trên (chạy: invoke check) rồi dựng lại.")


def account_for_files(pelican):
    """Log what happened to every file under content/ so nothing vanishes silently."""
    counter = getattr(pelican, "content_check_warnings", None)
    if counter is not None:
        logging.getLogger().removeHandler(counter)
    report = pelican.settings.get("CONTENT_CHECK_REPORT")
    if report is None:
        return
    skipped = sorted(path for path, kind in report.kinds.items() if kind in (FileKind.REJECTED, FileKind.UNUSED))
    for path in skipped:
        logger.warning("[check] Không đăng %s (xem lỗi ở trên).", path)
    # Visible in every build that skipped something, so nothing vanishes silently.
    (logger.warning if skipped else logger.info)("[check] %s", report.summary())
    if counter is not None and counter.count and pelican.settings.get("CONTENT_CHECK_STRICT", False):
        raise ContentCheckFailed(
            f"[check] {counter.count} cảnh báo/lỗi trong lúc dựng (xem ở trên) — bản xuất bản không hợp lệ. "
            "Sửa rồi dựng lại; trang đang chạy không bị thay đổi khi dùng invoke publish.")


def register():
    signals.initialized.connect(check_before_build)
    signals.finalized.connect(account_for_files)
