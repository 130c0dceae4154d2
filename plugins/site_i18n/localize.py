"""Dates and numbers of a section in another language (Babel), under the theme's filter names.

The cdct templates format dates with ``vi_date``, ``vi_short_date``, ``vi_month`` and numbers with
``vi_number`` (theme_helpers). In a section's build those names are given these functions of the
section's locale instead, so the templates stay one set for every language; the root build keeps
theme_helpers' Vietnamese ones.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from babel.numbers import format_decimal


def long_date(lang: str, value) -> str:
    """``Thursday, 26 November 2026`` (en)."""
    return format_date(value, "EEEE, d MMMM yyyy", locale=lang) if value else ""


def short_date(lang: str, value) -> str:
    """``26 Nov 2026`` (en): a day/month order no reader of English has to guess."""
    return format_date(value, "d MMM yyyy", locale=lang) if value else ""


def month(lang: str, value) -> str:
    """``November 2026`` from a date or Pelican's ``period_num`` (year, month[, day]); a year alone."""
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, "LLLL yyyy", locale=lang)
    parts = tuple(value or ())
    if len(parts) >= 2:
        return format_date(dt.date(int(parts[0]), int(parts[1]), 1), "LLLL yyyy", locale=lang)
    return str(int(parts[0])) if parts else ""


def number(lang: str, value) -> str:
    return "" if value is None or value == "" else format_decimal(value, locale=lang)


def filters(lang: str) -> dict:
    return {
        "vi_date": functools.partial(long_date, lang),
        "vi_short_date": functools.partial(short_date, lang),
        "vi_month": functools.partial(month, lang),
        "vi_number": functools.partial(number, lang),
    }
