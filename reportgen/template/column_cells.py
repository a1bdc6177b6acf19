"""The cells of one template cell for many data rows at once: the fast path of a row.

A collection row's cells are written column by column over a batch of rows, with the
template cell's fixed text precomputed and each class of value handled inline, rather
than one call per cell. The text of a column is checked and escaped in one pass over
the joined text. What a cell asks of the rest of the workbook (a style variant, a
hyperlink) is collected and applied in row order, so the workbook is byte for byte the
one that writing row by row makes (:meth:`CellFormat.value` stays the reference; a
batch with anything unusual in it is written by it, see ``rows.RowWriter``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from .cells import (
    _BAD_CHARS,
    _EXCEL_ESCAPE,
    FORMULA_STARTS,
    MAX_TEXT,
    CellFormat,
    ValueProblem,
    check_url,
    date_serial,
)
from .styles import DATE_FORMAT
from .values import Formatted, Link, RowLink

#: the bad characters of a cell's text, except NUL: NUL separates the joined texts
_BAD_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EDGE_SPACE = " \t\n\r"
_NUMBERS = (Decimal, int, float, date)  # what a Formatted may hold on the fast path


class Unusual(Exception):
    """A value the fast path leaves to :meth:`CellFormat.value` (the batch is written
    row by row)."""


#: a style variant a cell needs: (row in the batch, key of StyleBook.variant)
Need = tuple[int, tuple[int, str | None, bool]]
#: a hyperlink a cell makes: (row in the batch, column order, ref, Link or RowLink)
LinkAt = tuple[int, int, str, object]


class ColumnCells:
    """Writes one whole-field marker cell (``{{ trade.value }}``) for a batch of rows."""

    def __init__(self, fmt: CellFormat, field: int, order: int):
        self.fmt = fmt
        self.field = field
        self.order = order  # the cell's place in its row: links are applied in row order
        self.general = fmt.styles.is_general(fmt.style)
        self.plain = fmt.s  # the template cell's own style attribute
        self._style: dict[tuple[str | None, bool], str] = {}  # variant -> attribute
        self._serials: dict[date, str] = {}
        self._codes: set[str] = set()  # number formats found valid

    def needs(self, values: Sequence[object]) -> list[Need]:
        """The style variants these values need that the workbook does not have yet,
        each at its first row (nothing is added: the caller adds them in row order)."""
        wanted: dict[tuple[str | None, bool], int] = {}
        general = self.general
        for i, value in enumerate(values):
            cls = value.__class__
            if cls is str or cls is RowLink or cls is Link:
                text = value if cls is str else value.text  # type: ignore[union-attr]
                if text.__class__ is str and text.startswith(FORMULA_STARTS):
                    wanted.setdefault((None, True), i)
            elif cls is Formatted:
                code = value.number_format  # type: ignore[union-attr]
                if code not in self._codes:
                    if not isinstance(code, str) or not code or _BAD_CHARS.search(code):
                        raise Unusual
                    self._codes.add(code)
                if value.value.__class__ not in _NUMBERS:  # type: ignore[union-attr]
                    raise Unusual
                if general:
                    wanted.setdefault((code, False), i)
            elif cls is date:
                if general:
                    wanted.setdefault((DATE_FORMAT, False), i)
            elif not (value is None or cls is Decimal or cls is int or cls is float):
                # nothing may be added before a batch the fast path cannot write: the
                # slow path adds what it needs in its own (row) order
                raise Unusual
        styles, style = self.fmt.styles, self.fmt.style
        return [(i, (style, code, quote)) for (code, quote), i in wanted.items()
                if (code, quote) not in self._style
                and not styles.has_variant(style, code, quote)]

    def _variant(self, code: str | None, quote: bool) -> str:
        attr = self._style.get((code, quote))
        if attr is None:
            attr = self._style[(code, quote)] = self.fmt._style_attr(code, quote)
        return attr

    def cells(self, values: Sequence[object], numbers: Sequence[str],
              links: list[LinkAt]) -> list[str]:
        """The ``<c>`` elements of ``values`` on rows ``numbers``; the hyperlinks they make
        are added to ``links``. Raises Unusual or ValueProblem for the slow path."""
        fmt = self.fmt
        open_, plain = fmt.open, self.plain
        empty_tail = '"' + plain + "/>"
        v_tail, v_end = fmt._v, fmt._v_end
        out: list[str | None] = []
        texts: list[str] = []
        at: list[int] = []  # where each text goes in ``out``
        order = self.order
        for i, value in enumerate(values):
            cls = value.__class__
            rs = numbers[i]
            if cls is str:
                texts.append(value)  # type: ignore[arg-type]
                at.append(i)
                out.append(None)
            elif value is None:
                out.append(open_ + rs + empty_tail)
            elif cls is Formatted:
                inner = value.value  # type: ignore[union-attr]
                code = value.number_format  # type: ignore[union-attr]
                if code not in self._codes:  # needs() saw every code
                    raise Unusual
                icls = inner.__class__
                if icls is Decimal:
                    text = _decimal_text(inner)
                elif icls is date:
                    text = self._serial(inner)
                elif icls is int or icls is float:
                    text = _number_text(inner)
                else:
                    raise Unusual
                s = self._variant(code, False) if self.general else plain
                out.append(open_ + rs + '"' + s + v_tail + text + v_end)
            elif cls is RowLink or cls is Link:
                text = value.text  # type: ignore[union-attr]
                if text.__class__ is not str:
                    raise Unusual
                if cls is Link:
                    check_url(value.url)  # type: ignore[union-attr]
                texts.append(text)
                at.append(i)
                out.append(None)
                links.append((i, order, fmt.column + rs, value))
            elif cls is Decimal:
                out.append(open_ + rs + '"' + plain + v_tail + _decimal_text(value) + v_end)
            elif cls is int or cls is float:
                out.append(open_ + rs + '"' + plain + v_tail + _number_text(value) + v_end)
            elif cls is date:
                s = self._variant(DATE_FORMAT, False) if self.general else plain
                out.append(open_ + rs + '"' + s + v_tail + self._serial(value) + v_end)
            else:
                raise Unusual  # bool, datetime, subclasses: CellFormat.value knows them
        if texts:
            self._texts(texts, at, numbers, out)
        return out  # type: ignore[return-value]

    def _texts(self, texts: list[str], at: list[int], numbers: Sequence[str],
               out: list[str | None]) -> None:
        """Check and escape every text of the column in one pass over the joined text."""
        fmt = self.fmt
        if max(map(len, texts)) > MAX_TEXT // 2:
            raise Unusual  # maybe longer than a cell holds: CellFormat says so
        joined = "\x00".join(texts)
        if _BAD_BUT_NUL.search(joined) or joined.count("\x00") != len(texts) - 1:
            raise ValueProblem("a text Excel cannot store")  # the slow path names it
        if "&" in joined:
            joined = joined.replace("&", "&amp;")
        if "<" in joined:
            joined = joined.replace("<", "&lt;")
        if ">" in joined:
            joined = joined.replace(">", "&gt;")
        if "\r" in joined:
            joined = joined.replace("\r", "&#13;")
        if "_x" in joined:
            joined = _EXCEL_ESCAPE.sub(r"_x005F_\1", joined)
        p, open_, plain = fmt.p, fmt.open, self.plain
        head, tail = fmt._str_tail + f"<{p}t>", f"</{p}t>" + fmt._str_end
        kept = fmt._str_tail + f'<{p}t xml:space="preserve">'
        quoted = None
        for text, escaped, i in zip(texts, joined.split("\x00"), at, strict=True):
            rs = numbers[i]
            if not text:
                out[i] = open_ + rs + '"' + plain + "/>"
                continue
            s = plain
            if text.startswith(FORMULA_STARTS):
                s = quoted = quoted or self._variant(None, True)
            if text[0] in _EDGE_SPACE or text[-1] in _EDGE_SPACE:
                out[i] = open_ + rs + '"' + s + kept + escaped + tail
            else:
                out[i] = open_ + rs + '"' + s + head + escaped + tail

    def _serial(self, day: date) -> str:
        serial = self._serials.get(day)
        if serial is None:
            serial = self._serials[day] = date_serial(day, self.fmt.date1904)
        return serial


def _decimal_text(value: Decimal) -> str:
    """``number_text`` of a Decimal: its text when that is short and plain (at most 15
    characters, no exponent, finite: then it has at most 15 digits and is in range)."""
    text = str(value)
    if len(text) <= 15 and "E" not in text and text[-1].isdigit():
        return text
    raise Unusual


def _number_text(value: int | float) -> str:
    if value.__class__ is int:
        if -999_999_999_999_999 <= value <= 999_999_999_999_999:
            return str(value)
        raise Unusual
    if math.isfinite(value):
        return repr(value)
    raise Unusual
