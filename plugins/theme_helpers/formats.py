"""Dates and numbers as Vietnamese readers write them (the ``vi_*`` and ``iso8601`` filters)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from babel.numbers import format_decimal


def vi_date(value, pattern: str = "EEEE, dd/MM/yyyy") -> str:
    """``Thứ Năm, 26/11/2026``: Babel's Vietnamese names, every word of the weekday capitalised."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()  # what Babel's format_date formats of a datetime
    if isinstance(value, dt.date):
        return _long_date(value, pattern)  # memoised: a page shows its date, lists show many
    return _long_date.__wrapped__(value, pattern)


@functools.lru_cache(maxsize=8192)
def _long_date(value, pattern: str) -> str:
    text = format_date(value, pattern, locale="vi")
    if pattern.startswith("EEEE"):
        weekday, sep, rest = text.partition(", ")
        text = " ".join(w[:1].upper() + w[1:] for w in weekday.split(" ")) + sep + rest
    return text


def vi_short_date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def vi_time(value) -> str:
    return value.strftime("%H:%M") if isinstance(value, dt.datetime) else ""


def vi_month(value) -> str:
    """``Tháng 11/2026`` from a date, or from Pelican's ``period_num`` tuple (year, month[, day])."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"Tháng {value.month}/{value.year}"
    parts = tuple(value or ())
    if len(parts) >= 2:
        return f"Tháng {int(parts[1])}/{int(parts[0])}"
    if len(parts) == 1:
        return f"Năm {int(parts[0])}"
    return ""


def vi_number(value) -> str:
    """``1.234``: Vietnamese digit grouping."""
    if value is None or value == "":
        return ""
    return format_decimal(value, locale="vi")


def iso8601(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
