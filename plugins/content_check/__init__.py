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

from content_model.problems import Problem

from .checker import Report, check_site

logger = logging.getLogger(__name__)

__all__ = ["Problem", "Report", "check_site", "ContentCheckFailed", "register"]


class ContentCheckFailed(RuntimeError):
    """Raised in strict mode; Pelican prints it and exits non-zero."""


def format_report(report: Report) -> str:
    lines = [str(p) for p in sorted(report.problems)]
    lines.append(f"Tổng cộng: {report.summary()}")
    return "\n".join(lines)


def check_before_build(pelican):
    report = check_site(Path(pelican.settings["PATH"]), pelican.settings["TIMEZONE"])
    for problem in sorted(report.problems):
        logger.warning("[check] %s", problem)
    pelican.settings["CONTENT_CHECK_REPORT"] = report
    if report.problems and pelican.settings.get("CONTENT_CHECK_STRICT", False):
        raise ContentCheckFailed(
            f"[check] {len(report.problems)} vấn đề trong nội dung — bản xuất bản dừng lại, chưa ghi gì. "
            "Sửa các vấn đề ở trên (chạy: invoke check) rồi dựng lại.")


def account_for_files(pelican):
    """Log what happened to every file under content/ so nothing vanishes silently."""
    report = pelican.settings.get("CONTENT_CHECK_REPORT")
    if report is None:
        return
    skipped = sorted(path for path, kind in report.kinds.items() if kind in ("lỗi", "không dùng"))
    for path in skipped:
        logger.warning("[check] Không đăng %s (xem lỗi ở trên).", path)
    # Visible in every build that skipped something, so nothing vanishes silently.
    (logger.warning if skipped else logger.info)("[check] %s", report.summary())


def register():
    signals.initialized.connect(check_before_build)
    signals.finalized.connect(account_for_files)
