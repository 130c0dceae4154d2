"""Split a Markdown file into its YAML front matter and body, remembering each key's line.

Dates are kept as strings (the timestamp resolver is removed) so that the rules can parse them in
Vietnam time instead of PyYAML's silent conversion to naive UTC.

Speed (docs/performance.md): the loader uses libyaml (CSafeLoader) when PyYAML has it, and the line of
each key (a second YAML pass) is worked out only when a problem needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# libyaml's parser with the same safe constructor and resolver: several times faster, same values.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """SafeLoader that leaves dates and times as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; ``line`` is 1-based."""

    def __init__(self, message: str, fix: str, line: int | None = None):
        super().__init__(message)
        self.message, self.fix, self.line = message, fix, line


@dataclass
class FrontMatter:
    meta: dict
    body: str
    body_line: int  # line of the body's first line in the file
    _lines: dict | None = None  # key -> line of the key; see ``lines``
    raw: str = ""  # the YAML text, for ``lines``

    def __init__(self, meta: dict, body: str, body_line: int, lines: dict | None = None, raw: str = ""):
        self.meta, self.body, self.body_line, self._lines, self.raw = meta, body, body_line, lines, raw

    @property
    def lines(self) -> dict:
        """key -> 1-based line in the file; composed from the YAML on first use (only problems need it)."""
        if self._lines is None:
            self._lines = key_lines(self.raw, offset=1)
        return self._lines


# Contributed YAML is untrusted: anchors and aliases (the "billion laughs" expansion) are refused, and
# so is nesting deeper than any profile or front matter needs (libyaml's composer recurses).
MAX_YAML_DEPTH = 20
_MAYBE_ALIAS_RE = re.compile(r"(?:^|[\s\[{,:-])[&*!]\S", re.MULTILINE)
_DEEP_INDENT_RE = re.compile(r"^ {40,}\S", re.MULTILINE)


class UnsafeYaml(yaml.YAMLError):
    """YAML the project refuses to load; ``problem`` is Vietnamese, ``problem_mark`` its place."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def _refuse_unsafe(text: str) -> None:
    """Raise UnsafeYaml for an anchor, an alias, a tag or too deep a nesting.

    The event stream of libyaml's parser is flat, so it is walked only when a cheap look at the text
    says one of them may be there (most front matters have neither).
    """
    if not (_MAYBE_ALIAS_RE.search(text) or text.count("[") + text.count("{") > MAX_YAML_DEPTH
            or _DEEP_INDENT_RE.search(text)):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnsafeYaml("dùng tham chiếu YAML (&tên / *tên), không được phép", event.start_mark)
        tag = getattr(event, "tag", None)  # the parser sets it only when the text writes one
        if tag and tag != "!":
            raise UnsafeYaml(f"dùng nhãn kiểu YAML {tag!r}, không được phép", event.start_mark)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise UnsafeYaml(f"lồng nhau quá {MAX_YAML_DEPTH} tầng", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
def normalize_text(text: str) -> str:
    """Text as the rules read it: without a UTF-8 byte-order mark (Windows Notepad writes one) and
    with Unix line ends (CRLF from Windows, lone CR from old Macs), so lines count the same."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_source(path, limit: int | None = None) -> str:
    """A contributed text file (article, unit.yml, categories.yml), normalised.

    Opened without following a link and never read past ``limit`` bytes (default: what an article
    may weigh), by site_core.allowlist, which raises ``Refused`` otherwise; UnicodeDecodeError
    when it is not UTF-8.
    """
    from .allowlist import FILE_KINDS, read_regular  # noqa: PLC0415 - allowlist imports this module's package

    return normalize_text(read_regular(path, limit or FILE_KINDS[".md"].max_bytes).decode("utf-8"))


def load_yaml(text: str):
    """Parse a YAML document with the project's loader (dates stay strings); anchors, aliases, tags
    and deep nesting raise UnsafeYaml (a yaml.YAMLError) before anything is built."""
    _refuse_unsafe(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def key_lines(text: str, offset: int = 0) -> dict:
    """Map each top-level key of a YAML mapping to its 1-based line (plus ``offset``)."""
    try:
        _refuse_unsafe(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 + offset for k, _ in node.value if hasattr(k, "value")}


def yaml_error_line(exc: yaml.YAMLError, offset: int = 0) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 + offset if mark else None


def split_front_matter(text: str) -> FrontMatter:
    """Return the front matter of a Markdown text written between two ``---`` lines."""
    lines = normalize_text(text).split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(
            "Bài viết không bắt đầu bằng phần thông tin (front matter) giữa hai dòng ---.",
            "Thêm ở đầu tệp: dòng ---, rồi title:, date:, category:, rồi một dòng --- nữa.",
            1,
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise FrontMatterError(
            "Phần thông tin ở đầu bài không có dòng --- kết thúc.",
            "Thêm một dòng chỉ có --- ngay sau dòng thông tin cuối cùng (trước nội dung bài).",
            1,
        ) from None
    raw = "\n".join(lines[1:end])
    try:
        meta = load_yaml(raw)
    except yaml.YAMLError as exc:
        raise FrontMatterError(
            f"Phần thông tin ở đầu bài sai cú pháp YAML ({getattr(exc, 'problem', exc)}).",
            "Kiểm tra dòng được chỉ ra: mỗi dòng dạng 'khóa: giá trị'; giá trị có dấu ':' hoặc '#' "
            "phải đặt trong ngoặc kép.",
            yaml_error_line(exc, offset=1),
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            "Phần thông tin ở đầu bài phải là danh sách các dòng 'khóa: giá trị'.",
            "Viết mỗi thông tin trên một dòng, ví dụ: title: \"Tên bài\".",
            2,
        )
    return FrontMatter(
        meta={str(k): v for k, v in meta.items()},
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        raw=raw,
    )
