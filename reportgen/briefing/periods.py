"""Periods as a reader says them, and the order figures stand in.

A period is stored as two partial dates (``start: 2023-01``, ``end: 2023-09``); a reader
wants "Jan–Sep 2023". Lists are ordered by the real dates (the last day covered, then
the first), never by their text, so a full year stands after every part of it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..evidence.values import PartialDate
from ..template.values import Formatted

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "yyyy-mm", "year": "yyyy"}
DASH = "\u2013"
APPROX = "~"

ANNUAL, PART_YEAR, CUMULATIVE, TARGET = "Annual", "Part-year", "Cumulative", "Target"


def _is_year_start(day: date) -> bool:
    return (day.month, day.day) == (1, 1)


def _is_year_end(day: date) -> bool:
    return (day.month, day.day) == (12, 31)


def _is_month_end(day: date) -> bool:
    return (day.replace(day=28) + _FOUR_DAYS).month != day.month


_FOUR_DAYS = date(2000, 1, 5) - date(2000, 1, 1)


@lru_cache(maxsize=8192)
def period_words(start: PartialDate | None, end: PartialDate | None,
                 approximate: bool = False) -> str:
    """'2023', 'Jan–Sep 2023', '2019–2022', '10–13 Feb 2025', '2006–Sep 2023, approx.'."""
    if start is None:
        return ""
    end = end or start
    first, last = start.first_day(), end.last_day()
    text = _span(first, last)
    return f"{text}, approx." if approximate else text


def _span(first: date, last: date) -> str:
    whole_months = first.day == 1 and _is_month_end(last)
    if first.year == last.year:
        if _is_year_start(first) and _is_year_end(last):
            return str(first.year)
        if whole_months:
            if first.month == last.month:
                return f"{MONTHS[first.month - 1]} {first.year}"
            return f"{MONTHS[first.month - 1]}{DASH}{MONTHS[last.month - 1]} {first.year}"
        if first.month == last.month:
            if first.day == last.day:
                return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
            return f"{first.day}{DASH}{last.day} {MONTHS[first.month - 1]} {first.year}"
        return (f"{first.day} {MONTHS[first.month - 1]}{DASH}{last.day} "
                f"{MONTHS[last.month - 1]} {first.year}")
    return f"{_left(first, whole_months)}{DASH}{_right(last, whole_months)}"


def _left(day: date, whole_months: bool) -> str:
    return _edge(day, whole_months, _is_year_start(day))


def _right(day: date, whole_months: bool) -> str:
    return _edge(day, whole_months, _is_year_end(day))


def _edge(day: date, whole_months: bool, whole_year: bool) -> str:
    """One end of a range: '2023' at a year's edge, 'Sep 2023' for whole months, else
    '15 Sep 2023'."""
    if whole_year:
        return str(day.year)
    if whole_months:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_group(start: PartialDate, end: PartialDate) -> str:
    """Annual (one calendar year), Part-year (within one year) or Cumulative (longer)."""
    first, last = start.first_day(), end.last_day()
    if first.year != last.year:
        return CUMULATIVE
    return ANNUAL if _is_year_start(first) and _is_year_end(last) else PART_YEAR


def full_year(period: dict) -> int | None:
    start, end = period.get("start"), period.get("end")
    if start is None or end is None or period_group(start, end) != ANNUAL:
        return None
    return start.year


def newest_first(period: dict) -> tuple:
    """A sort key, ascending = newest first: by the last day covered, then the first."""
    start, end = period.get("start"), period.get("end") or period.get("start")
    if start is None:
        return (1, 0, 0)
    return (0, -end.last_day().toordinal(), -start.first_day().toordinal())


@lru_cache(maxsize=8192)
def date_cell(value: PartialDate | None, approximate: bool = False) -> Formatted | None:
    """A first-day date in its precision's format; '~' before an approximate one."""
    if value is None:
        return None
    return Formatted(value.first_day(), _format(value, approximate))


@lru_cache(maxsize=8192)
def end_date_cell(value: PartialDate | None, approximate: bool = False) -> Formatted | None:
    if value is None:
        return None
    return Formatted(value.last_day(), _format(value, approximate))


def _format(value: PartialDate, approximate: bool) -> str:
    code = DATE_FORMATS[value.precision]
    return f'"{APPROX}"{code}' if approximate else code
