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
    FORMULA_STARTS,
    MAX_TEXT,
    CellFormat,
    ValueProblem,
    check_url,
    date_serial,
    escape_checked,
)
from .styles import DATE_FORMAT
from .values import Formatted, Link, RowLink

#: the bad characters of a cell's text, except NUL: NUL separates the joined texts
_BAD_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EDGE_SPACE = " \t\n\r"
_PRESERVE = ' xml:space="preserve"'
_NONE = type(None)
_ALIKE = {_NONE, str, RowLink}  # batches of one of these kinds take a shorter way


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

    def _attribute(self, code: str | None, quote: bool, first: int,
                   new: dict[tuple[str | None, bool], int]) -> str | None:
        """The style attribute of a variant the workbook has; else None, and the variant
        is noted in ``new`` at its first row (the caller adds new ones in row order)."""
        attr = self._style.get((code, quote))
        if attr is None:
            if not self.fmt.styles.has_variant(self.fmt.style, code, quote):
                new.setdefault((code, quote), first)
                return None
            attr = self._style[(code, quote)] = self.fmt._style_attr(code, quote)
        return attr

    def cells(self, values: Sequence[object], numbers: Sequence[str]
              ) -> tuple[list[str] | None, list[LinkAt], list[Need]]:
        """The ``<c>`` elements of ``values`` on rows ``numbers`` and the hyperlinks they
        make; or, when they need style variants the workbook does not have yet, None and
        those variants at their first row (nothing is added here: the caller adds them
        in row order, then asks again). Raises Unusual or ValueProblem for the slow
        path, before anything is added to the workbook."""
        fmt = self.fmt
        open_, plain, general, order = fmt.open, self.plain, self.general, self.order
        empty = '"' + plain + "/>"
        number = '"' + plain + fmt._v
        v_tail, v_end = fmt._v, fmt._v_end
        new: dict[tuple[str | None, bool], int] = {}
        kinds = set(map(type, values))
        if len(kinds) == 1 and (kinds <= _ALIKE):  # one kind of value: no per-value choice
            return self._alike(kinds.pop(), values, numbers, new)
        out: list = []
        links: list[LinkAt] = []
        texts: list[str] = []
        at: list[int] = []  # where each text goes in ``out``
        for i, value in enumerate(values):
            cls = value.__class__
            if cls is str:
                texts.append(value)  # type: ignore[arg-type]
                at.append(i)
                out.append(None)
            elif value is None:
                out.append(f"{open_}{numbers[i]}{empty}")
            elif cls is Formatted:
                inner = value.value  # type: ignore[union-attr]
                code = value.number_format  # type: ignore[union-attr]
                if code not in self._codes:
                    if not isinstance(code, str) or not code or _BAD_CHARS.search(code):
                        raise Unusual
                    self._codes.add(code)
                icls = inner.__class__
                if icls is Decimal:
                    text = _decimal_text(inner)
                elif icls is date:
                    text = self._serial(inner)
                elif icls is int or icls is float:
                    text = _number_text(inner)
                else:
                    raise Unusual
                s = self._attribute(code, False, i, new) if general else plain
                out.append(f'{open_}{numbers[i]}"{s}{v_tail}{text}{v_end}')
            elif cls is RowLink or cls is Link:
                text = value.text  # type: ignore[union-attr]
                if text.__class__ is not str:
                    raise Unusual
                if cls is Link:
                    check_url(value.url)  # type: ignore[union-attr]
                texts.append(text)
                at.append(i)
                out.append(None)
                links.append((i, order, fmt.column + numbers[i], value))
            elif cls is Decimal:
                out.append(f"{open_}{numbers[i]}{number}{_decimal_text(value)}{v_end}")
            elif cls is int or cls is float:
                out.append(f"{open_}{numbers[i]}{number}{_number_text(value)}{v_end}")
            elif cls is date:
                s = self._attribute(DATE_FORMAT, False, i, new) if general else plain
                out.append(f'{open_}{numbers[i]}"{s}{v_tail}{self._serial(value)}{v_end}')
            else:
                raise Unusual  # bool, datetime, subclasses: CellFormat.value knows them
        if texts:
            self._texts(texts, at, numbers, out, new)
        if new:
            style = fmt.style
            return None, [], [(i, (style, code, quote)) for (code, quote), i in new.items()]
        return out, links, []

    def _alike(self, kind: type, values: Sequence[object], numbers: Sequence[str],
               new: dict[tuple[str | None, bool], int]
               ) -> tuple[list[str] | None, list[LinkAt], list[Need]]:
        """:meth:`cells` for a batch of values of one kind: empty, text or row links."""
        fmt = self.fmt
        if kind is _NONE:
            empty = f'{fmt.open}{{}}"{self.plain}/>'.format
            return list(map(empty, numbers)), [], []
        links: list[LinkAt] = []
        if kind is RowLink:
            texts = [value.text for value in values]  # type: ignore[attr-defined]
            if set(map(type, texts)) != {str}:
                raise Unusual
            order, column = self.order, fmt.column
            links = [(i, order, column + rs, value)
                     for i, (rs, value) in enumerate(zip(numbers, values, strict=True))]
        else:
            texts = values  # type: ignore[assignment]
        out: list = [None] * len(texts)
        self._texts(texts, range(len(texts)), numbers, out, new)
        if new:
            style = fmt.style
            return None, [], [(i, (style, code, quote)) for (code, quote), i in new.items()]
        return out, links, []

    def _texts(self, texts: Sequence[str], at: Sequence[int], numbers: Sequence[str],
               out: list, new: dict[tuple[str | None, bool], int]) -> None:
        """Check and escape every text of the column in one pass over the joined text."""
        fmt = self.fmt
        if max(map(len, texts)) > MAX_TEXT // 2:
            raise Unusual  # maybe longer than a cell holds: CellFormat says so
        joined = "\x00".join(texts)
        if _BAD_BUT_NUL.search(joined) or joined.count("\x00") != len(texts) - 1:
            raise ValueProblem("a text Excel cannot store")  # the slow path names it
        joined = escape_checked(joined)
        p, open_, plain = fmt.p, fmt.open, self.plain
        empty = '"' + plain + "/>"
        head = f'"{plain}{fmt._str_tail}<{p}t>'
        kept = f'"{plain}{fmt._str_tail}<{p}t{_PRESERVE}>'
        tail = f"</{p}t>" + fmt._str_end
        for text, escaped, i in zip(texts, joined.split("\x00"), at, strict=True):
            if not text:
                out[i] = f"{open_}{numbers[i]}{empty}"
            elif text.startswith(FORMULA_STARTS):
                s = self._attribute(None, True, i, new)
                if s is not None:
                    space = _PRESERVE if text[0] in _EDGE_SPACE or text[-1] in _EDGE_SPACE \
                        else ""
                    out[i] = f'{open_}{numbers[i]}"{s}{fmt._str_tail}<{p}t{space}>{escaped}{tail}'
            elif text[0] in _EDGE_SPACE or text[-1] in _EDGE_SPACE:
                out[i] = f"{open_}{numbers[i]}{kept}{escaped}{tail}"
            else:
                out[i] = f"{open_}{numbers[i]}{head}{escaped}{tail}"

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
