"""One problem found in the content, worded for the contributor who must fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem in one file.

    ``path`` is relative to the project (``content/units/x/2024/a.md``), ``field`` names the key or
    part of the file, ``message`` says what is wrong and ``fix`` what to do, both in Vietnamese for
    contributors. ``line`` is 1-based when known.
    """

    path: str
    line: int | None
    field: str
    message: str
    fix: str

    def __lt__(self, other: "Problem") -> bool:
        # Sorted by file, then line (problems about the whole file first), then field.
        return (self.path, self.line or 0, self.field) < (other.path, other.line or 0, other.field)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.field}] {self.message} → Cách sửa: {self.fix}"


class ContentError(ValueError):
    """Raised by the reader for a file it cannot turn into an article; carries its problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
