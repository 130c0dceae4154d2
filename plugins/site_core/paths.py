"""Where things are in the content folder (the article layout of docs/ARCHITECTURE.md)."""

from __future__ import annotations

import re


def article_location(rel_path: str) -> tuple[str | None, str | None]:
    """(unit, year) for ``units/<unit>/<yyyy>/<file>.md``; None where the path does not say."""
    parts = rel_path.split("/")
    if len(parts) >= 2 and parts[0] == "units":
        unit = parts[1] if len(parts) >= 3 else None
        year = parts[2] if len(parts) == 4 and re.fullmatch(r"\d{4}", parts[2]) else None
        return unit, year
    return None, None
