"""What the checker found each file under content/ to be: one enum instead of Vietnamese strings.

A ``StrEnum`` whose values are the Vietnamese words contributors see in the checker's summary, so a
kind prints as itself and compares equal to the word (``report.kinds``, the checker's JSON output).
"""

from __future__ import annotations

from enum import StrEnum


class FileKind(StrEnum):
    ARTICLE = "bài viết"
    DRAFT = "bản nháp"
    HIDDEN = "bài ẩn"
    SCHEDULED = "hẹn giờ"
    PAGE = "trang"
    PHOTO = "ảnh"
    ATTACHMENT = "tệp đính kèm"
    REGISTRY = "hồ sơ"  # levels.yml, categories.yml, units/<unit>/unit.yml
    STATIC = "tệp tĩnh"  # content/extra/
    UNUSED = "không dùng"  # accepted nowhere, reported as a problem
    IGNORED = "bỏ qua"  # editor and system files (.DS_Store, dot folders)
    REJECTED = "lỗi"  # a file the build cannot take; its problems say why
    REFUSED = "từ chối"  # not allowed in a contribution at all (site_core.allowlist): never read or published

    @property
    def is_buildable(self) -> bool:
        return self in BUILDABLE


BUILDABLE = frozenset({FileKind.ARTICLE, FileKind.DRAFT, FileKind.SCHEDULED, FileKind.HIDDEN, FileKind.PAGE})
