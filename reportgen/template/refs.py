"""Cell references and how they move when collection rows expand.

Excel's own insert-rows rule, for a collection row ``R`` that becomes ``n`` rows
(``delta = n - 1``): a range wholly above ``R`` is unchanged, a range that contains ``R``
grows by ``delta`` at its end, a range wholly below ``R`` moves down by ``delta``. Several
collection rows on one sheet accumulate. A single cell (``D5``) in a formula is a cell,
not a range: it stays put in row ``R`` and moves when below it. In ``sqref`` lists and
chart series a single cell in row ``R`` stands for the column of data and grows.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

from .formula import range_operands

MAX_ROWS = 1_048_576

_CELL = r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)"
_CELL_RE = re.compile(rf"^{_CELL}$")
_AREA_RE = re.compile(rf"^{_CELL}:{_CELL}$")
_ROWS_RE = re.compile(r"^(\$?)([0-9]+):(\$?)([0-9]+)$")
_COLS_RE = re.compile(r"^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$")
#: a whole sheet: every row (what Excel and LibreOffice write), every column, or both
_WHOLE_SHEET_RE = re.compile(
    r"^(?:\$?1:\$?1048576|\$?A:\$?XFD|\$?A\$?1:\$?XFD\$?1048576)$", re.IGNORECASE)


class RowShift:
    """Where the rows of one sheet's template land once its collection rows expand."""

    def __init__(self, expansions: Iterable[tuple[int, int]] = (),
                 blocks: Iterable[tuple[int, int]] = ()):
        """``expansions``: (template row, rows added); a block of rows ``first``..``last``
        repeated per record expands at ``last``, and is listed in ``blocks``."""
        self.blocks = sorted(blocks)
        pairs = sorted((row, delta) for row, delta in expansions)
        self.rows = [row for row, _ in pairs]
        self._sums = [0]
        for _, delta in pairs:
            self._sums.append(self._sums[-1] + delta)

    def __bool__(self) -> bool:
        return any(self._sums)

    def start(self, row: int) -> int:
        """New number of template row ``row`` (also the first row of a range)."""
        return min(row + self._sums[bisect_left(self.rows, row)], MAX_ROWS)

    def end(self, row: int) -> int:
        """New last row of a range whose last template row is ``row``.

        A range ending inside a repeated block ends where the block's repeats end.
        """
        for first, last in self.blocks:
            if first <= row < last:
                row = last
                break
        return min(row + self._sums[bisect_right(self.rows, row)], MAX_ROWS)

    def area(self, r1: int, r2: int, grow: bool = True) -> tuple[int, int]:
        if not grow and r1 == r2:
            new = self.start(r1)
            return new, new
        return self.start(r1), self.end(r2)


def shift_ref(ref: str, shift: RowShift, grow_single: bool = False,
              keep_rows: bool = False) -> str:
    """Shift one reference without a sheet name: ``D5``, ``$A$1:$H$30``, ``5:5``, ``A:A``.

    ``keep_rows``: a range along one row (``$B$2:$E$2``, a chart series or sparkline in
    rows) stays one row, moving with it, instead of growing into a block.
    """
    m = _CELL_RE.match(ref)
    if m:
        d1, col, d2, row = m.groups()
        r1, r2 = shift.area(int(row), int(row), grow=grow_single)
        if r1 == r2:
            return f"{d1}{col}{d2}{r1}"
        return f"{d1}{col}{d2}{r1}:{d1}{col}{d2}{r2}"
    m = _AREA_RE.match(ref)
    if m:
        a1, c1, a2, row1, b1, c2, b2, row2 = m.groups()
        lo, hi = sorted((int(row1), int(row2)))
        r1, r2 = shift.area(lo, hi, grow=not (keep_rows and lo == hi and c1 != c2))
        if int(row1) > int(row2):
            r1, r2 = r2, r1
        return f"{a1}{c1}{a2}{r1}:{b1}{c2}{b2}{r2}"
    m = _ROWS_RE.match(ref)
    if m:
        d1, row1, d2, row2 = m.groups()
        r1, r2 = shift.area(int(row1), int(row2))
        return f"{d1}{r1}:{d2}{r2}"
    return ref


def covers_whole_sheet(ref: str) -> bool:
    """True for a reference without a sheet name that covers every cell of a sheet:
    ``$1:$1048576`` (how Excel and LibreOffice save it), ``$A:$XFD``, ``$A$1:$XFD$1048576``."""
    return bool(_WHOLE_SHEET_RE.match(ref))


def shift_sqref(sqref: str, shift: RowShift) -> str:
    """Shift a space-separated list of ranges (conditional formats, validations, selection)."""
    return " ".join(shift_ref(part, shift, grow_single=True) for part in sqref.split())


def split_sheet(operand: str) -> tuple[str | None, str]:
    """Split ``'Trade data'!$A$1`` into (``Trade data``, ``$A$1``); (None, ref) if no sheet."""
    if operand.startswith("'"):
        i = 1
        while i < len(operand):
            if operand[i] == "'":
                if operand[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                break
            i += 1
        if operand[i + 1 : i + 2] != "!":
            return None, operand
        return operand[1:i].replace("''", "'"), operand[i + 2 :]
    if "!" in operand:
        sheet, _, ref = operand.rpartition("!")
        return sheet, ref
    return None, operand


def quote_sheet(name: str) -> str:
    """A sheet name as Excel writes it in a reference: always quoted, quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def shift_formula(
    formula: str,
    own_sheet: str | None,
    shifts: Mapping[str, RowShift],
    grow_single: bool = False,
    keep_rows: bool = False,
) -> str:
    """Shift every reference in ``formula`` that points at a sheet in ``shifts``.

    ``shifts`` is keyed by lower-cased sheet name; ``own_sheet`` is the sheet a reference
    without a sheet name belongs to (None for workbook-level names).
    """
    if not shifts or not any(ch.isdigit() for ch in formula):
        return formula
    tokens = range_operands(formula)
    if not tokens:
        return formula
    out: list[str] = []
    last = 0
    for pos, operand in tokens:
        if operand.startswith("["):
            continue
        sheet, ref = split_sheet(operand)
        if sheet is not None and ":" in sheet:
            continue  # a 3-D reference across sheets: left as written
        target = sheet if sheet is not None else own_sheet
        if target is None:
            continue
        shift = shifts.get(target.lower())
        if not shift:
            continue
        new_ref = shift_ref(ref, shift, grow_single=grow_single, keep_rows=keep_rows)
        if new_ref == ref:
            continue
        out.append(formula[last:pos])
        out.append(operand[: len(operand) - len(ref)] + new_ref)
        last = pos + len(operand)
    if not out:
        return formula
    out.append(formula[last:])
    return "".join(out)


class RowFormula:
    """A formula of a collection row, copied down: relative row numbers move with the row."""

    def __init__(self, formula: str):
        pieces: list[str | int] = []
        last = 0
        for pos, operand in range_operands(formula) or ():
            sheet, ref = split_sheet(operand)
            head = operand[: len(operand) - len(ref)]
            parts = _relative_parts(ref)
            if parts is None:
                continue
            pieces.append(formula[last:pos] + head)
            pieces.extend(parts)
            last = pos + len(operand)
        pieces.append(formula[last:])
        self._pieces = [p for p in pieces if p != ""]
        self.constant = all(isinstance(p, str) for p in self._pieces)

    def at(self, offset: int) -> str:
        """The formula as written ``offset`` rows below the template row."""
        if self.constant:
            return "".join(self._pieces)  # type: ignore[arg-type]
        return "".join(p if isinstance(p, str) else str(p + offset) for p in self._pieces)


def _relative_parts(ref: str) -> list[str | int] | None:
    """Split a reference into text and relative row numbers (ints), or None to keep as is."""
    m = _CELL_RE.match(ref)
    if m:
        d1, col, d2, row = m.groups()
        return [d1 + col + d2, row if d2 else int(row)]
    m = _AREA_RE.match(ref)
    if m:
        a1, c1, a2, row1, b1, c2, b2, row2 = m.groups()
        return [
            a1 + c1 + a2,
            row1 if a2 else int(row1),
            ":" + b1 + c2 + b2,
            row2 if b2 else int(row2),
        ]
    m = _ROWS_RE.match(ref)
    if m:
        d1, row1, d2, row2 = m.groups()
        return [d1, row1 if d1 else int(row1), ":" + d2, row2 if d2 else int(row2)]
    if _COLS_RE.match(ref):
        return None
    return None


def column_letters(ref: str) -> str:
    """``'AB12'`` -> ``'AB'``."""
    return ref.rstrip("0123456789")


def row_number(ref: str) -> int:
    """``'AB12'`` -> ``12``."""
    return int(ref[len(column_letters(ref)) :])


def column_index(letters: str) -> int:
    """``'A'`` -> 1, ``'AB'`` -> 28."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def letters_of(index: int) -> str:
    """1 -> ``'A'``, 28 -> ``'AB'``."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def consecutive(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted row or column numbers as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
