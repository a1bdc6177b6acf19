"""The values a render context may hold, beyond plain Python scalars.

Plain values are ``None`` (an empty cell), ``bool``, ``int``, ``float``, ``Decimal``,
``str``, ``datetime.date`` and ``datetime.datetime``. The three classes here wrap a value
with a default number format or make a cell a hyperlink.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Formatted:
    """A number or date with the number format to use when the template cell is General.

    The template wins: a cell that a designer formatted in Excel keeps its format, and
    ``number_format`` (an Excel format code such as ``'#,##0.0'``) is only the default.
    """

    value: int | float | Decimal | date | datetime
    number_format: str


@dataclass(frozen=True, slots=True)
class Link:
    """An external hyperlink: the cell shows ``text`` and opens ``url`` (http or https only)."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class RowLink:
    """An internal hyperlink to the row of ``collection`` whose ``id`` field equals ``key``.

    The link points at the first cell of that row, wherever the collection was rendered.
    """

    text: str
    collection: str
    key: str


PLAIN_TYPES = (type(None), bool, int, float, Decimal, str, date, datetime)
VALUE_TYPES = PLAIN_TYPES + (Formatted, Link, RowLink)


def display_text(value: object) -> str:
    """The text a value shows when a marker sits inside other text (``Covers {{ period }}``)."""
    if value is None:
        return ""
    if isinstance(value, (Link, RowLink)):
        return value.text
    if isinstance(value, Formatted):
        value = value.value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        if value.microsecond:
            return value.isoformat(sep=" ")
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_set(value: object) -> bool:
    """A condition holds for any value but nothing, empty text, FALSE and no records."""
    if hasattr(value, "rows") and hasattr(value, "fields"):
        return bool(value.rows)  # type: ignore[attr-defined]
    return value is not None and value != "" and value is not False
