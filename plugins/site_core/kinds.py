"""The kinds of article (front matter ``kind:``): one home for their slugs, Vietnamese labels and the
plain explanations a contributor reads.

The reader and the checker validate against ``Kind``; the reports count by it (target 2.2 of the plan
counts the last two kinds); ``invoke new --kind`` and the web editor's generated configuration offer
``kind_options()``, so a label or an explanation is changed here and nowhere else.
"""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """An article's kind; the value is what a contributor writes after ``kind:``."""

    NEWS = "tin-bai"
    ORIENTATION = "tai-lieu-dinh-huong"
    DIRECT = "hoat-dong-truc-tiep"

    @property
    def label(self) -> str:
        return _TEXTS[self][0]

    @property
    def short_label(self) -> str:
        """For narrow columns (the terminal table)."""
        return _TEXTS[self][1]

    @property
    def explanation(self) -> str:
        return _TEXTS[self][2]

    @property
    def example(self) -> str:
        return _TEXTS[self][3]

    @property
    def hint(self) -> str:
        """A few words, for a comment in a new article's front matter."""
        return _TEXTS[self][4]


DEFAULT_KIND = Kind.NEWS

# (label, short label, what it is in plain words, an example title, a few words for a comment)
_TEXTS = {
    Kind.NEWS: (
        "Tin bài", "Tin bài",
        "Tin, bài thông thường về hoạt động của đơn vị (mặc định, không cần ghi kind).",
        "Công đoàn Công ty tổ chức giải bóng đá chào mừng Tháng Công nhân",
        "tin, bài thường (mặc định)"),
    Kind.ORIENTATION: (
        "Tài liệu định hướng", "TL định hướng",
        "Tài liệu do công đoàn cấp trên soạn để định hướng tuyên truyền cho công đoàn cơ sở: đề cương, "
        "hướng dẫn, thông điệp, câu hỏi – đáp về một chủ đề. Tính vào chỉ tiêu 2.2 (mỗi năm ít nhất 02).",
        "Đề cương tuyên truyền Tháng Công nhân năm 2024",
        "tài liệu định hướng tuyên truyền cho công đoàn cơ sở (chỉ tiêu 2.2)"),
    Kind.DIRECT: (
        "Hoạt động truyền thông trực tiếp", "HĐ trực tiếp",
        "Bài kể lại một buổi truyền thông gặp mặt trực tiếp đoàn viên, người lao động: hội nghị đối "
        "thoại, tọa đàm, buổi tuyên truyền pháp luật tại xưởng. Tính vào chỉ tiêu 2.2 (mỗi năm ít nhất 02).",
        "Tọa đàm “Hiểu đúng về Bộ luật Lao động” tại phân xưởng May 2",
        "bài về một buổi truyền thông trực tiếp với đoàn viên (chỉ tiêu 2.2)"),
}

KINDS = {kind.value: kind.label for kind in Kind}  # slug → label, in order


def kind_options() -> list[dict]:
    """Every kind as ``{"value", "label", "hint"}``: for the web editor's select and for prompts."""
    return [{"value": kind.value, "label": kind.label, "hint": kind.explanation} for kind in Kind]


def kind_help() -> str:
    """The kinds a contributor may write, ``slug = a few words``, for ``invoke new --help``."""
    return "; ".join(f"{kind.value} = {kind.hint}" for kind in Kind if kind is not DEFAULT_KIND)
