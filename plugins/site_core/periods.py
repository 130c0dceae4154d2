"""Reporting periods: a half-year (H1 = January–June, H2 = July–December) or a whole year.

Pure: ``parse_period("2023-H1")``, ``Period.from_parts(2023, 1)``, ``current_period(now)``.
Dates are compared as calendar dates in the site's timezone (TIMEZONE, Vietnam time by default), so an article dated
2023-07-01 00:30 +07:00 belongs to H2 although it is still 30 June in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .settings import DEFAULT_TIMEZONE

PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*-\s*[Hh]([12]))?\s*$")


class PeriodError(ValueError):
    """A period the editor typed that does not exist; ``str()`` is a Vietnamese message."""


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None = None  # 1, 2, or None for the whole year

    @classmethod
    def from_parts(cls, year, half=None) -> Period:
        """Validate what an editor typed (strings from the command line are accepted)."""
        text = str(year).strip() if year is not None else ""
        if not re.fullmatch(r"\d{4}", text):
            raise PeriodError(f"Năm {year!r} không hợp lệ: hãy ghi năm bằng 4 chữ số, ví dụ: --year 2024.")
        if not 2000 <= int(text) <= 2100:
            raise PeriodError(f"Năm {text} nằm ngoài khoảng 2000–2100: kiểm tra lại --year.")
        if half in (None, "", 0, "0"):
            return cls(int(text))
        half_text = str(half).strip()
        if half_text not in ("1", "2"):
            raise PeriodError(f"Kỳ --half {half!r} không hợp lệ: ghi --half 1 (6 tháng đầu năm) hoặc "
                              "--half 2 (6 tháng cuối năm); bỏ --half để báo cáo cả năm.")
        return cls(int(text), int(half_text))

    @property
    def id(self) -> str:
        """``2023-H1``, ``2023-H2`` or ``2023`` (the value of REPORTS_PERIOD and the file names)."""
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def label(self) -> str:
        if self.half == 1:
            return f"6 tháng đầu năm {self.year}"
        if self.half == 2:
            return f"6 tháng cuối năm {self.year}"
        return f"Năm {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        if self.half == 2:
            return Period(self.year, 1)
        if self.half == 1:
            return Period(self.year - 1, 2)
        return Period(self.year - 1)

    def year_to_date(self) -> tuple[dt.date, dt.date]:
        """From 1 January to the end of this period: what counts toward the yearly targets."""
        return dt.date(self.year, 1, 1), self.end


def parse_period(value) -> Period:
    """``"2023-H1"``, ``"2023-h2"``, ``"2023"`` or ``2023`` → Period; PeriodError otherwise."""
    if isinstance(value, Period):
        return value
    match = PERIOD_RE.match(str(value))
    if not match:
        raise PeriodError(f"Kỳ báo cáo {value!r} không hợp lệ: ghi dạng 2024-H1, 2024-H2 hoặc 2024.")
    return Period.from_parts(match.group(1), match.group(2))


def current_period(now: dt.datetime | None = None, timezone: str = DEFAULT_TIMEZONE) -> Period:
    """The half-year that contains ``now`` in Vietnam time."""
    now = now or dt.datetime.now(ZoneInfo(timezone))
    local = now.astimezone(ZoneInfo(timezone)) if now.tzinfo else now
    return Period(local.year, 1 if local.month <= 6 else 2)


def local_day(date: dt.datetime, timezone: str) -> dt.date:
    """The calendar day of an (aware) datetime in ``timezone``; a naive one is taken as local."""
    if date.tzinfo is None:
        return date.date()
    return date.astimezone(ZoneInfo(timezone)).date()
