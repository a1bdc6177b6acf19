"""Where a value becomes a cell: the XML of one ``<c>`` element, as a string.

No value ever becomes a formula: text is always an inline string, with a quote-prefixed
style when it starts like a formula. Excel's limits are checked here and a value Excel
would store differently from what it is (NaN, a 17-digit integer, a control character,
text over 32,767 characters) is refused rather than changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from .styles import DATE_FORMAT, DATETIME_FORMAT, StyleBook
from .values import Formatted, Link, RowLink

MAX_TEXT = 32_767  # UTF-16 code units in one cell
MAX_URL = 2_079
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_FIRST_REAL_1900 = date(1900, 3, 1)  # serial 60 is Excel's fictitious 1900-02-29


class ValueProblem(ValueError):
    """A value Excel cannot hold as it is; the caller adds where it came from."""


def escape_text(text: str) -> str:
    """Check and escape text for a ``<t>`` element (the caller writes the element)."""
    if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le")) // 2 > MAX_TEXT:
        raise ValueProblem(
            f"text of {len(text.encode('utf-16-le')) // 2:,} characters is longer than the "
            f"{MAX_TEXT:,} an Excel cell holds (it is never truncated): shorten it"
        )
    bad = _BAD_CHARS.search(text)
    if bad:
        raise ValueProblem(
            f"text holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}, "
            "which an Excel file cannot store: remove it"
        )
    return escape_checked(text)


def escape_checked(text: str) -> str:
    """Escape text already checked for length and characters: XML's ``& < >``, a carriage
    return (kept, not normalised by readers) and Excel's own ``_xHHHH_`` escapes."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return text


def text_element(p: str, text: str) -> str:
    """``<t>`` with ``xml:space="preserve"`` when the text starts or ends with white space."""
    escaped = escape_text(text)
    if text and (text[0] in " \t\n\r" or text[-1] in " \t\n\r"):
        return f'<{p}t xml:space="preserve">{escaped}</{p}t>'
    return f"<{p}t>{escaped}</{p}t>"


def number_text(value: int | float | Decimal) -> str:
    """The exact text of a number for ``<v>``; refuses what Excel would change."""
    if isinstance(value, int):
        if -999_999_999_999_999 <= value <= 999_999_999_999_999:
            return str(value)
        digits = str(abs(value)).rstrip("0")
        if len(digits) > 15 or abs(value) > 1e308:
            raise ValueProblem(
                f"the integer {value} has more than the 15 significant digits Excel keeps; "
                "store it as text if it is an identifier"
            )
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueProblem(f"{value} is not a number Excel can store")
        return repr(value)
    if not value.is_finite():
        raise ValueProblem(f"{value} is not a number Excel can store")
    sign, digits, exponent = value.normalize().as_tuple()
    if len(digits) > 15:
        raise ValueProblem(
            f"the number {value} has more than the 15 significant digits Excel keeps: round it"
        )
    if value and not 1e-307 < abs(value) < Decimal("1e308"):
        raise ValueProblem(f"the number {value} is outside the range Excel can store")
    return str(value)


def date_serial(value: date, date1904: bool) -> str:
    """An Excel serial day number for a date or datetime (1900 or 1904 date system)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            raise ValueProblem(
                f"the datetime {value.isoformat()} has a time zone, which Excel cannot store: "
                "convert it to local time without a zone"
            )
        day = value.date()
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        fraction = (seconds + value.microsecond / 1_000_000) / 86_400
    else:
        day = value
        fraction = 0.0
    if date1904:
        days = (day - _EPOCH_1904).days
    elif day >= _FIRST_REAL_1900:
        days = (day - _EPOCH_1900).days
    else:
        days = (day - _EPOCH_1900 + timedelta(days=-1)).days
    if days < (0 if date1904 else 1):
        raise ValueProblem(f"the date {value.isoformat()} is before the first date Excel stores")
    if not fraction:
        return str(days)
    return repr(days + fraction)


def check_url(url: str) -> str:
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise ValueProblem(f"the link {url!r} is not an http or https address")
    if len(url) > MAX_URL:
        raise ValueProblem(f"the link is {len(url):,} characters long; Excel accepts {MAX_URL:,}")
    if any(ch.isspace() for ch in url) or _BAD_CHARS.search(url) or url.endswith("://"):
        raise ValueProblem(f"the link {url!r} is not a valid address (spaces or no host)")
    return url


class LinkSink:
    """Receives the hyperlinks cells ask for, and resolves RowLink targets."""

    def external(self, ref: str, url: str) -> None:
        raise NotImplementedError

    def internal(self, ref: str, link: RowLink) -> None:
        raise NotImplementedError


class CellFormat:
    """Writes cells of one template cell's column: its letters, style and namespace prefix."""

    def __init__(self, p: str, column: str, style: int, styles: StyleBook, date1904: bool,
                 links: LinkSink, extra: str = ""):
        self.p = p
        self.column = column
        self.style = style
        self.styles = styles
        self.date1904 = date1904
        self.links = links
        self.open = f'<{p}c r="{column}'
        self.s = f' s="{style}"{extra}' if style else extra
        self.extra = extra
        self._str_tail = f' t="inlineStr"><{p}is>'
        self._str_end = f"</{p}is></{p}c>"
        self._v = f"><{p}v>"
        self._v_end = f"</{p}v></{p}c>"

    def _style_attr(self, number_format: str | None = None, quote: bool = False) -> str:
        style = self.styles.variant(self.style, number_format, quote)
        return f' s="{style}"{self.extra}'

    def empty(self, rs: str) -> str:
        return self.open + rs + '"' + self.s + "/>"

    def text(self, text: str, rs: str) -> str:
        if not text:
            return self.open + rs + '"' + self.s + "/>"
        s = self._style_attr(quote=True) if text.startswith(FORMULA_STARTS) else self.s
        body = text_element(self.p, text)
        return self.open + rs + '"' + s + self._str_tail + body + self._str_end

    def rich(self, runs: list[tuple[str, str]], rs: str) -> str:
        """Rich text: ``(run properties XML, text)`` per run."""
        joined = "".join(text for _, text in runs)
        if not joined:
            return self.empty(rs)
        s = self._style_attr(quote=True) if joined.startswith(FORMULA_STARTS) else self.s
        body = "".join(
            f"<{self.p}r>{rpr}{text_element(self.p, text)}</{self.p}r>" for rpr, text in runs
        )
        return self.open + rs + '"' + s + self._str_tail + body + self._str_end

    def value(self, value: object, rs: str) -> str:
        """A typed value: numbers stay numbers, dates become serials, text stays text."""
        cls = value.__class__
        if cls is str:
            return self.text(value, rs)  # type: ignore[arg-type]
        if cls is int or cls is float or cls is Decimal:
            return self.open + rs + '"' + self.s + self._v + number_text(value) + self._v_end
        if value is None:
            return self.open + rs + '"' + self.s + "/>"
        if cls is bool:
            return self.open + rs + '"' + self.s + ' t="b"' + self._v + (
                "1" if value else "0") + self._v_end
        if cls is date or cls is datetime:
            return self._date(value, cls is datetime, rs)  # type: ignore[arg-type]
        return self._special(value, rs)

    def link(self, value: Link | RowLink, rs: str) -> None:
        """Make this cell a hyperlink (its text is written separately)."""
        if isinstance(value, Link):
            self.links.external(self.column + rs, check_url(value.url))
        else:
            self.links.internal(self.column + rs, value)

    def _date(self, value: date, is_datetime: bool, rs: str) -> str:
        s = self.s
        if self.styles.is_general(self.style):
            s = self._style_attr(DATETIME_FORMAT if is_datetime else DATE_FORMAT)
        return self.open + rs + '"' + s + self._v + date_serial(value, self.date1904) + self._v_end

    def _special(self, value: object, rs: str) -> str:
        if isinstance(value, Formatted):
            inner = value.value
            if isinstance(inner, bool) or not isinstance(inner, (int, float, Decimal, date)):
                raise ValueProblem(f"Formatted holds {type(inner).__name__}, not a number or date")
            code = value.number_format
            if not isinstance(code, str) or not code or _BAD_CHARS.search(code):
                raise ValueProblem(f"Formatted has an invalid number format {code!r}")
            s = self.s
            if self.styles.is_general(self.style):
                s = self._style_attr(code)
            text = (date_serial(inner, self.date1904) if isinstance(inner, date)
                    else number_text(inner))
            return self.open + rs + '"' + s + self._v + text + self._v_end
        if isinstance(value, Link):
            url = check_url(value.url)
            xml = self.text(_text_of(value.text), rs)
            self.links.external(self.column + rs, url)
            return xml
        if isinstance(value, RowLink):
            xml = self.text(_text_of(value.text), rs)
            self.links.internal(self.column + rs, value)
            return xml
        if isinstance(value, bool):
            return self.value(bool(value), rs)
        if isinstance(value, str):
            return self.text(str(value), rs)
        if isinstance(value, (int, float, Decimal)):
            return self.open + rs + '"' + self.s + self._v + number_text(value) + self._v_end
        if isinstance(value, date):
            return self._date(value, isinstance(value, datetime), rs)
        raise ValueProblem(
            f"a {type(value).__name__} cannot go in a cell (use text, a number, a date, "
            "True/False, None, Formatted, Link or RowLink)"
        )


def _text_of(text: object) -> str:
    if not isinstance(text, str):
        raise ValueProblem(f"link text must be text, not {type(text).__name__}")
    return text


Emit = Callable[[tuple, str], str]
