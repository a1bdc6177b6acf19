"""Which formulas' cached results a render can change, so only those are dropped.

A template saved by Excel stores each formula's last result. Readers that do not
calculate (pandas, calamine, openpyxl ``data_only``, phone previews) show that result, so
it is kept wherever it must still be right. A result may change when the formula reads
(directly, through a defined name or a table, or through another formula) a collection
row (a range containing it grows), a cell holding a marker, or a formula whose result
may change. Functions of position (``ROW``, ``CELL``, ``ADDRESS``, ``OFFSET``) change
when a sheet they read or sit on gets markers; ``INDIRECT``, ``INFO`` and references
nothing can resolve are always treated as changed. Everything is worked out on template
coordinates, before any row moves.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from .formula import FUNC, OPEN, OPERAND, RANGE, FormulaError, tokenize, translate
from .markers import SheetMarkers
from .refs import MAX_ROWS, column_index, split_sheet
from .workbook import Book, q

#: A rectangle of one sheet, in template coordinates: (sheet, r1, c1, r2, c2).
Area = tuple[str, int, int, int, int]
_MAX_COLUMN = 16_384
_SMALL = 64  # areas spanning fewer rows are indexed row by row
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_ROWS = re.compile(r"^\$?([0-9]+):\$?([0-9]+)$")
_COLS = re.compile(r"^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$")
_ALWAYS = {"INDIRECT(", "INFO(", "_XLFN.LAMBDA(", "LAMBDA(", "_XLFN.LET("}
_POSITION = {"ROW(", "CELL(", "ADDRESS("}
_ANYWHERE = {"OFFSET("}


@dataclass
class Formula:
    sheet: str  # lower-cased
    row: int
    column: int
    areas: list[Area]
    always: bool  # its result may change whatever it reads
    position: bool = False  # it shows where a cell is (ROW, CELL, ADDRESS)


def effective_formulas(data: etree._Element) -> dict[str, str]:
    """The text of every formula cell of a sheet (shared formulas translated), by ref."""
    texts: dict[str, str] = {}
    masters: dict[str, tuple[str, str]] = {}
    for f in data.iter(q("f")):
        if f.get("t") == "shared" and f.text:
            masters[f.get("si", "")] = (f.text, f.getparent().get("r", ""))
    for f in data.iter(q("f")):
        ref = f.getparent().get("r", "")
        if f.get("t") == "shared" and not f.text:
            text, origin = masters.get(f.get("si", ""), (None, ""))
            if text is None:
                continue
            try:
                texts[ref] = translate(text, origin, ref)
            except (FormulaError, ValueError):  # unreadable, or a malformed cell address
                texts[ref] = "INDIRECT()"  # unreadable: treat as always changing
        elif f.text:
            texts[ref] = f.text
    return texts


def _area(sheet: str, ref: str) -> tuple[int, int, int, int] | None:
    """``A1``, ``A1:B3``, ``3:5``, ``A:C`` as (r1, c1, r2, c2); None when not a reference."""
    first, _, last = ref.partition(":")
    a, b = _CELL.match(first), _CELL.match(last or first)
    if a and b:
        r1, r2 = sorted((int(a.group(2)), int(b.group(2))))
        c1, c2 = sorted((column_index(a.group(1)), column_index(b.group(1))))
        return r1, c1, r2, c2
    m = _ROWS.match(ref)
    if m:
        r1, r2 = sorted((int(m.group(1)), int(m.group(2))))
        return r1, 1, r2, _MAX_COLUMN
    m = _COLS.match(ref)
    if m:
        c1, c2 = sorted((column_index(m.group(1)), column_index(m.group(2))))
        return 1, c1, MAX_ROWS, c2
    return None


class Staleness:
    """The formula cells, per sheet, whose cached result a render may change."""

    def __init__(self, book: Book, scans: Iterable[SheetMarkers],
                 formulas: Mapping[str, Mapping[str, str]],
                 repeated: Mapping[str, set[int]] | None = None):
        """``formulas``: per sheet name, the text of every formula cell by ref;
        ``repeated``: per lower-cased sheet name, rows of blocks that repeat per record."""
        self._names = _defined_names(book)
        self._tables = _tables(book)
        self._sheet_names = {s.sheet.name.lower() for s in scans}
        self.touched: set[str] = set()
        self._changed_rows: dict[str, set[int]] = {}
        self._changed_cells: dict[str, set[tuple[int, int]]] = {}
        for scan in scans:
            name = scan.sheet.name.lower()
            if scan.scalars or scan.collection_rows:
                self.touched.add(name)
            self._changed_rows[name] = {c.row for c in scan.collection_rows}
            self._changed_rows[name] |= (repeated or {}).get(name, set())
            self._changed_cells[name] = {_rc(c.ref) for c in scan.scalars}
        self.stale: dict[str, set[str]] = {}
        found: list[tuple[str, Formula]] = []
        for sheet, texts in formulas.items():
            for ref, text in texts.items():
                row, column = _rc(ref)
                found.append((ref, self._formula(sheet.lower(), row, column, text)))
        self._propagate(found)

    def _propagate(self, found: list[tuple[str, Formula]]) -> None:
        """Mark what changes, then what reads it, and so on (a worklist over an index of
        the areas each formula reads, so long chains of formulas stay linear)."""
        rows = {sheet: sorted(r) for sheet, r in self._changed_rows.items()}
        small: dict[tuple[str, int], list[tuple[Area, int]]] = {}
        large: dict[str, list[tuple[Area, int]]] = {}
        dirty = [False] * len(found)
        work: list[tuple[str, int, int]] = [(sheet, r, c) for sheet, cells in
                                            self._changed_cells.items() for r, c in cells]
        for index, (_, formula) in enumerate(found):
            if formula.always or self._moves(formula) or any(
                    _crosses(rows.get(a[0], ()), a[1], a[3]) for a in formula.areas):
                dirty[index] = True
                work.append((formula.sheet, formula.row, formula.column))
                continue
            for area in formula.areas:
                if area[3] - area[1] < _SMALL:
                    for r in range(area[1], area[3] + 1):
                        small.setdefault((area[0], r), []).append((area, index))
                else:
                    large.setdefault(area[0], []).append((area, index))
        while work:  # a formula reading a changed cell changes too
            sheet, r, c = work.pop()
            for area, index in small.get((sheet, r), []) + large.get(sheet, []):
                if not dirty[index] and area[1] <= r <= area[3] and area[2] <= c <= area[4]:
                    dirty[index] = True
                    formula = found[index][1]
                    work.append((formula.sheet, formula.row, formula.column))
        self._rows = rows
        for (ref, formula), stale in zip(found, dirty, strict=True):
            if stale:
                self.stale.setdefault(formula.sheet, set()).add(ref)
                self._changed_cells.setdefault(formula.sheet, set()).add(
                    (formula.row, formula.column))

    def reads_change(self, formula: str) -> bool:
        """True when a formula outside the cells (a chart series) reads anything the render
        changes: its cached values can no longer be trusted."""
        probe = Formula("", 0, 0, [], False)
        self._read(probe, formula.strip(), None, depth=0)
        if probe.always:
            return True
        for sheet, r1, c1, r2, c2 in probe.areas:
            if _crosses(self._rows.get(sheet, ()), r1, r2) or any(
                    r1 <= r <= r2 and c1 <= c <= c2
                    for r, c in self._changed_cells.get(sheet, ())):
                return True
        return False

    def is_stale(self, sheet: str, ref: str) -> bool:
        return ref in self.stale.get(sheet.lower(), ())

    def _moves(self, formula: Formula) -> bool:
        """A position formula whose cell, or a cell it reads, moves down."""
        if not formula.position:
            return False
        places = [(formula.sheet, formula.row), *((a[0], a[3]) for a in formula.areas)]
        return any(any(r < row for r in self._changed_rows.get(sheet, ()))
                   for sheet, row in places)

    def _formula(self, sheet: str, row: int, column: int, text: str) -> Formula:
        formula = Formula(sheet, row, column, [], False)
        self._read(formula, text, sheet, depth=0)
        return formula

    def _read(self, formula: Formula, text: str, own: str | None, depth: int) -> None:
        try:
            tokens = tokenize(text)
        except FormulaError:
            formula.always = True
            return
        sheets = {own} if own else set()
        anywhere = False
        for kind, subtype, value in tokens:
            if kind == FUNC and subtype == OPEN:
                function = value.upper()
                if function in _ALWAYS:
                    formula.always = True
                formula.position = formula.position or function in _POSITION
                anywhere = anywhere or function in _ANYWHERE
            elif kind == OPERAND and subtype == RANGE:
                sheet = self._operand(formula, value, own, depth)
                if sheet:
                    sheets.add(sheet)
        if anywhere and sheets & self.touched:
            formula.always = True

    def _operand(self, formula: Formula, operand: str, own: str | None,
                 depth: int) -> str | None:
        """Add the areas one operand reads; return the sheet it reads, if any."""
        if operand.startswith("["):
            return None  # another workbook: reportgen does not change it
        sheet, ref = split_sheet(operand)
        if sheet is not None and ":" in sheet:
            formula.always = True  # a 3-D reference
            return None
        target = (sheet.lower() if sheet is not None else own)
        area = _area(target or "", ref) if target else None
        if area is not None and target in self._sheet_names:
            formula.areas.append((target, *area))
            return target
        if area is not None:
            return None  # a chartsheet or a sheet that holds no cells
        table = self._tables.get(ref.split("[", 1)[0].lower()) if "[" in ref else None
        if table is not None:
            formula.areas.append(table)
            return table[0]
        named = self._names.get((own, ref.lower())) or self._names.get((None, ref.lower()))
        if named is not None and depth < 8:
            self._read(formula, named, own, depth + 1)
            return None
        formula.always = True  # a name or table reportgen cannot resolve
        return None


def _crosses(rows: Sequence[int], r1: int, r2: int) -> bool:
    """True when a sorted list of rows has one within r1..r2."""
    at = bisect_left(rows, r1)
    return at < len(rows) and rows[at] <= r2


def _rc(ref: str) -> tuple[int, int]:
    m = _CELL.match(ref)
    if not m:
        return 0, 0
    return int(m.group(2)), column_index(m.group(1))


def _defined_names(book: Book) -> dict[tuple[str | None, str], str]:
    by_index = {s.index: s.name.lower() for s in book.sheets}
    names: dict[tuple[str | None, str], str] = {}
    for el in book.workbook.getroot().iter(q("definedName")):
        local = el.get("localSheetId")
        sheet = by_index.get(int(local)) if local and local.isdigit() else None
        names[(sheet, (el.get("name") or "").lower())] = el.text or ""
    return names


def _tables(book: Book) -> dict[str, Area]:
    from .parts import tables_by_name

    tables: dict[str, Area] = {}
    for name, (sheet, ref) in tables_by_name(book).items():
        area = _area(sheet, ref)
        if area is not None:
            tables[name] = (sheet.lower(), *area)
    return tables
