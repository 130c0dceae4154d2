"""What the checker found each file under content/ to be: one enum instead of Vietnamese strings.

The values are plain ASCII names that code and the checker's JSON compare on; ``label`` is the
Vietnamese word contributors read in the checker's summary (display only, never compared).
"""

from __future__ import annotations

from enum import StrEnum


class FileKind(StrEnum):
    ARTICLE = "article"
    DRAFT = "draft"
    HIDDEN = "hidden"
    SCHEDULED = "scheduled"
    PAGE = "page"
    PHOTO = "photo"
    ATTACHMENT = "attachment"
    REGISTRY = "registry"  # levels.yml, categories.yml, units/<unit>/unit.yml
    STATIC = "static"  # content/extra/
    UNUSED = "unused"  # accepted nowhere, reported as a problem
    IGNORED = "ignored"  # editor and system files (.DS_Store, dot folders)
    REJECTED = "rejected"  # a file the build cannot take; its problems say why
    REFUSED = "refused"  # not allowed in a contribution at all (site_core.allowlist): never read or published

    @property
    def label(self) -> str:
        """The Vietnamese word the checker's summary shows."""
        return LABELS[self]

    @property
    def is_buildable(self) -> bool:
        return self in BUILDABLE


LABELS = {
    FileKind.ARTICLE: "bài viết", FileKind.DRAFT: "bản nháp", FileKind.HIDDEN: "bài ẩn",
    FileKind.SCHEDULED: "hẹn giờ", FileKind.PAGE: "trang", FileKind.PHOTO: "ảnh",
    FileKind.ATTACHMENT: "tệp đính kèm", FileKind.REGISTRY: "hồ sơ", FileKind.STATIC: "tệp tĩnh",
    FileKind.UNUSED: "không dùng", FileKind.IGNORED: "bỏ qua", FileKind.REJECTED: "lỗi", FileKind.REFUSED: "từ chối",
}
BUILDABLE = frozenset({FileKind.ARTICLE, FileKind.DRAFT, FileKind.SCHEDULED, FileKind.HIDDEN, FileKind.PAGE})
