"""Typed values the schema produces from raw YAML text: numbers, partial dates, text.

Each parser takes the raw scalar text and returns a value or raises
:class:`ValueProblem` with a message and the fix.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache


class ValueProblem(Exception):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2023``, ``2023-09``, ``2023-09-01``."""

    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __reduce__(self) -> tuple:
        # unpickled (from the cache) by a call, not field by field, and once per date
        return partial_date, (self.year, self.month, self.day)


@cache
def partial_date(year: int, month: int | None, day: int | None) -> PartialDate:
    """PartialDate(year, month, day), one object per distinct date (for unpickling: a
    corpus of 100,000 facts has a few thousand distinct dates)."""
    return PartialDate(year, month, day)


_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")  #: an id
# characters XML 1.0 cannot carry, plus U+FFFE/U+FFFF and lone surrogates
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 32767  # Excel's limit per cell, in UTF-16 code units
MAX_URL = 2079  # Excel's limit for a hyperlink address


FIRST_YEAR = 1900  # Excel's first date is 1900-01-01 (1900 date system)
MAX_DIGITS = 15  # Excel keeps 15 significant digits; more would change silently


def parse_number(raw: str) -> Decimal:
    text = raw.strip()
    if _NUMBER.fullmatch(text):
        digits = text.lstrip("-").replace(".", "").strip("0")
        if len(digits) > MAX_DIGITS:
            raise ValueProblem(
                f"{raw!r} has {len(digits)} significant digits; Excel keeps {MAX_DIGITS}",
                "write the number as printed, with at most 15 significant digits",
            )
        return Decimal(text)
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", text):
        raise ValueProblem(
            f"{raw!r} has thousands separators",
            f"write {text.replace(',', '')} (the quote may keep the commas)",
        )
    if re.fullmatch(r"-?0[0-9]+(\.[0-9]+)?", text):
        raise ValueProblem(f"{raw!r} has a leading zero", "write the number without it")
    raise ValueProblem(f"{raw!r} is not a number", "write digits with an optional decimal point")


def parse_integer(raw: str) -> int:
    value = parse_number(raw)
    if value != value.to_integral_value() or "." in raw:
        raise ValueProblem(f"{raw!r} is not a whole number")
    return int(value)


def parse_date(raw: str) -> PartialDate:
    text = raw.strip()
    match = _DATE.fullmatch(text)
    if not match:
        hint = "write YYYY, YYYY-MM or YYYY-MM-DD"
        if re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]", text):
            hint = "times and time zones are not accepted; write the date only (YYYY-MM-DD)"
        raise ValueProblem(f"{raw!r} is not a date", hint)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueProblem(
            f"{raw!r} is not a real date ({exc})", "check the month and day"
        ) from None
    if year < FIRST_YEAR:
        raise ValueProblem(
            f"{raw!r} is before {FIRST_YEAR}: Excel cannot store dates before "
            f"{FIRST_YEAR}-01-01",
            "check the year; for an earlier date, write it in the label or a note",
        )
    return PartialDate(year, month, day)


def parse_slug(raw: str) -> str:
    if not SLUG.fullmatch(raw):
        raise ValueProblem(
            f"{raw!r} is not a valid id",
            "use lower-case letters, digits, '-', '.' or '_', starting with a letter or digit",
        )
    return raw


def parse_boolean(raw: str) -> bool:
    if raw in ("true", "false"):
        return raw == "true"
    raise ValueProblem(f"{raw!r} is not true or false", "write true or false")


def check_text(raw: str) -> str:
    if raw.isascii() and len(raw) <= MAX_TEXT and raw.isprintable():
        return raw  # the common case: no control character, and short enough
    bad = _XML_ILLEGAL.search(raw)
    if bad:
        raise ValueProblem(
            f"the text holds the control character U+{ord(bad.group()):04X}, "
            "which a workbook cannot carry",
            "remove it",
        )
    units = len(raw.encode("utf-16-le")) // 2
    if units > MAX_TEXT:
        raise ValueProblem(
            f"the text is {units:,} characters long; an Excel cell holds at most {MAX_TEXT:,}",
            "shorten it; reportgen never truncates",
        )
    return raw


def parse_url(raw: str) -> str:
    text = raw.strip()
    if not re.match(r"https?://[^\s/$.?#][^\s]*$", text, re.IGNORECASE):
        raise ValueProblem(f"{raw!r} is not an http or https URL", "write http://... or https://...")
    if len(text) > MAX_URL:
        raise ValueProblem(
            f"the URL is {len(text):,} characters; Excel links hold at most {MAX_URL:,}"
        )
    return check_text(text)
