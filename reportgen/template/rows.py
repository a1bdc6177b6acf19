"""Expanding one collection row: the XML of one row per data row, streamed as text.

Each cell of the template row becomes a precomputed writer (its column letters, style and
what to put in it). Rows are written in batches: column by column when every cell is a
whole-field marker or a cell without markers (:mod:`.column_cells`), else, and for any batch
holding a value the column writer leaves alone, row by row with one call per cell (the
reference path, which also names each value Excel cannot hold). Both give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import IO

from lxml import etree

from .cells import CellFormat, ValueProblem
from .column_cells import ColumnCells, Unusual
from .markers import CollectionRow, Marker, MarkerCell
from .refs import RowFormula, RowShift, column_letters, shift_formula
from .rowheight import HeightEstimate
from .values import Link, RowLink, display_text
from .workbook import q
from .xmltext import attributes, escape, fragment

#: A cell writer: (data row, offset below the template row, row number text) -> cell XML.
Emit = Callable[[tuple, int, str], str]
_FLUSH_ROWS = 2000


class Problems:
    """Value problems found while writing, with where they came from; capped."""

    LIMIT = 20

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.LIMIT:
            self.messages.append(message)


def text_getter(parts: list, fields: Mapping[str, int], scalars: Mapping[str, object]):
    """A function of a data row giving the parts' text, and the one link among them if any."""
    pieces: list = []
    for part in parts:
        if isinstance(part, Marker):
            if part.field is not None:
                pieces.append(fields[part.field])
            else:
                pieces.append(("scalar", scalars[part.name]))
        else:
            pieces.append(part)

    def values(row: tuple) -> list[object]:
        out: list[object] = []
        for piece in pieces:
            if isinstance(piece, int):
                out.append(row[piece])
            elif isinstance(piece, tuple):
                out.append(piece[1])
            else:
                out.append(piece)
        return out

    return values


def cell_emitter(
    cell: MarkerCell,
    fmt: CellFormat,
    fields: Mapping[str, int],
    scalars: Mapping[str, object],
    declared: set[str],
) -> Emit:
    """The writer of one marker cell (in a collection row or not)."""
    whole = cell.whole
    if whole is not None:
        if whole.field is not None:
            index = fields[whole.field]
            return lambda row, k, rs: fmt.value(row[index], rs)
        value = scalars[whole.name]
        return lambda row, k, rs: fmt.value(value, rs)
    if cell.runs is not None:
        runs = [
            (fragment(rpr, declared) if rpr is not None else "",
             text_getter(parts, fields, scalars)) for rpr, parts in cell.runs
        ]

        def rich(row: tuple, k: int, rs: str) -> str:
            texts = []
            for rpr, get in runs:
                vals = get(row)
                _attach_link(fmt, vals, rs)
                texts.append((rpr, "".join(display_text(v) if not isinstance(v, str) else v
                                           for v in vals)))
            return fmt.rich(texts, rs)

        return rich
    get = text_getter(cell.parts, fields, scalars)

    def text(row: tuple, k: int, rs: str) -> str:
        vals = get(row)
        _attach_link(fmt, vals, rs)
        return fmt.text("".join(v if isinstance(v, str) else display_text(v) for v in vals), rs)

    return text


def _attach_link(fmt: CellFormat, vals: list[object], rs: str) -> None:
    """A cell whose text holds exactly one link value becomes that link."""
    links = [v for v in vals if isinstance(v, (Link, RowLink))]
    if len(links) == 1:
        fmt.link(links[0], rs)


def static_emitter(c: etree._Element, p: str, declared: set[str], own_sheet: str,
                   row: int, shifts: Mapping[str, RowShift],
                   span: tuple[int, int] | None = None) -> Emit:
    """A cell of a collection row without markers: repeated, its formula copied down.

    ``span``: the template rows repeated together (a block); references into them are
    copied, not grown. By default the row itself.
    """
    first, last = span or (row, row)
    col = column_letters(c.get("r", ""))
    f = c.find(q("f"))
    if f is None or f.get("t") not in (None, "normal", "array"):
        attrs = attributes(c, skip=("r",))
        inner = "".join(fragment(child, declared) for child in c)
        pre = f'<{p}c r="{col}'
        post = f'"{attrs}>{inner}</{p}c>' if inner else f'"{attrs}/>'
        return lambda row_, k, rs: pre + rs + post
    own = {name: s for name, s in shifts.items() if name != own_sheet.lower()}
    mine = shifts.get(own_sheet.lower())
    if mine:
        # Copy-down semantics inside the row: references to the row itself do not grow.
        own[own_sheet.lower()] = RowShift(
            (r + 0.5 if first <= r <= last else r, d) for r, d in _expansions(mine)
        )
    formula = RowFormula(shift_formula(f.text or "", own_sheet, own))
    attrs = attributes(c, skip=("r", "t"))
    pre = f'<{p}c r="{col}'
    array = f.get("t") == "array"
    # an array formula along its row (D5:F5) stays as wide on every copy of the row
    last_col = column_letters((f.get("ref") or "").partition(":")[2].replace("$", ""))
    span = f":{last_col}" if array and last_col and last_col != col else ""

    def emit(row_: tuple, k: int, rs: str) -> str:
        ftag = f'<{p}f t="array" ref="{col}{rs}{span}{rs if span else ""}">' if array \
            else f"<{p}f>"
        return f'{pre}{rs}"{attrs}>{ftag}{escape(formula.at(k))}</{p}f></{p}c>'

    return emit


def _expansions(shift: RowShift) -> list[tuple[float, int]]:
    sums = shift._sums
    return [(r, sums[i + 1] - sums[i]) for i, r in enumerate(shift.rows)]


class RowWriter:
    """Writes the rows one collection row expands into."""

    def __init__(self, crow: CollectionRow, cells: list[tuple[Emit, Callable[[str], str], str]],
                 p: str, heights: HeightEstimate | None = None,
                 columns: list[ColumnCells | Emit] | None = None):
        """``cells``: per template cell, its writer, its empty form and the field it shows;
        ``heights``: the row height for wrapped text, when the template row sets none;
        ``columns``: per template cell, its :class:`ColumnCells` (a whole-field marker) or
        its writer (a cell without markers), when every cell is one of these: then rows
        are written a batch at a time, column by column."""
        self.crow = crow
        self.heights = heights
        self.fitted = '"' + attributes(crow.element, skip=("r", "ht", "customHeight"))
        self.emitters = [emit for emit, _, _ in cells]
        self.empties = [empty for _, empty, _ in cells]
        self.cell_fields = [field for _, _, field in cells]
        self.columns = columns
        self.open = f'<{p}row r="'
        self.attrs = '"' + attributes(crow.element, skip=("r",)) + ">"
        self.close = f"</{p}row>"

    def write(self, out: IO[bytes], first: int, rows: Sequence[tuple], problems: Problems,
              where: Callable[[int, tuple, str], str]) -> None:
        """Write every data row, starting at row number ``first``."""
        if not rows:
            rs = str(first)
            out.write((self.open + rs + self.attrs + "".join(e(rs) for e in self.empties)
                       + self.close).encode())
            return
        for start in range(0, len(rows), _FLUSH_ROWS):
            batch = rows[start:start + _FLUSH_ROWS]
            text = None
            if self.columns is not None:
                try:
                    text = self._columns(batch, start, first + start)
                except (Unusual, ValueProblem):
                    text = None  # written again row by row, which names each problem
            if text is None:
                text = self._rows(batch, start, first + start, problems, where)
            out.write(text.encode())

    def _row_attrs(self, row: tuple) -> str:
        height = self.heights.height(row) if self.heights is not None else None
        if height is None:
            return self.attrs
        return f'{self.fitted} ht="{height:g}" customHeight="1">'

    def _rows(self, batch: Sequence[tuple], start: int, number: int, problems: Problems,
              where: Callable[[int, tuple, str], str]) -> str:
        """A batch of rows written row by row, cell by cell (the reference path)."""
        open_, close, emitters = self.open, self.close, self.emitters
        buf: list[str] = []
        for k, row in enumerate(batch, start):
            rs = str(number + k - start)
            row_attrs = self._row_attrs(row)
            try:
                buf.append(open_ + rs + row_attrs + "".join([e(row, k, rs) for e in emitters])
                           + close)
            except ValueProblem:
                buf.append(self._careful(row, k, rs, problems, where, row_attrs))
        return "".join(buf)

    def _columns(self, batch: Sequence[tuple], start: int, number: int) -> str:
        """A batch of rows written column by column (:mod:`.column_cells`); the style variants
        and hyperlinks the cells need are added in row order, as row by row would."""
        assert self.columns is not None
        numbers = list(map(str, range(number, number + len(batch))))
        values = {}
        cells: list[list[str] | None] = []
        links: list = []
        new: list[tuple[int, int, tuple]] = []
        for column in self.columns:
            if isinstance(column, ColumnCells):
                values[column.order] = found = list(map(itemgetter(column.field), batch))
                written, made, needed = column.cells(found, numbers)
                cells.append(written)
                links += made
                new += [(i, column.order, key) for i, key in needed]
            else:
                cells.append([column(row, k, rs) for k, row, rs in
                              zip(range(start, start + len(batch)), batch, numbers,
                                  strict=True)])
        if new:  # style variants added in the order row by row adds them, then used
            styles = next(c for c in self.columns if isinstance(c, ColumnCells)).fmt.styles
            for _, _, key in sorted(new, key=lambda n: n[:2]):
                styles.variant(*key)
            for order, column in enumerate(self.columns):
                if cells[order] is None:
                    assert isinstance(column, ColumnCells)
                    cells[order], made, _ = column.cells(values[order], numbers)
                    links += made
        if links:
            sink = self.columns[links[0][1]].fmt.links  # type: ignore[union-attr]
            for _, _, ref, link in sorted(links, key=lambda n: n[:2]):
                if link.__class__ is Link:
                    sink.external(ref, link.url)
                else:
                    sink.internal(ref, link)
        open_, close = self.open, self.close
        if self.heights is None:
            attrs = self.attrs
            return "".join([open_ + rs + attrs + "".join(row) + close
                            for rs, row in zip(numbers, zip(*cells, strict=True), strict=True)])
        by_field = {c.field: values[c.order] for c in self.columns
                    if isinstance(c, ColumnCells)}
        fitted, attrs = self.fitted, self.attrs
        return "".join([open_ + rs + (attrs if height is None else
                                      f'{fitted} ht="{height:g}" customHeight="1">')
                        + "".join(row) + close for rs, height, row in
                        zip(numbers, self.heights.heights(by_field), zip(*cells, strict=True),
                            strict=True)])

    def line(self, row: tuple | None, k: int, rs: str, problems: Problems,
             where: Callable[[int, tuple, str], str]) -> str:
        """One output row: the template row ``k`` rows down, for ``row`` (None: empty)."""
        if row is None:
            return self.open + rs + self.attrs + "".join(e(rs) for e in self.empties) + self.close
        try:
            return self.open + rs + self.attrs + "".join([e(row, k, rs) for e in self.emitters]) \
                + self.close
        except ValueProblem:
            return self._careful(row, k, rs, problems, where, self.attrs)

    def _careful(self, row: tuple, k: int, rs: str, problems: Problems,
                 where: Callable[[int, tuple, str], str], row_attrs: str) -> str:
        """Write a row cell by cell, recording each problem with its field."""
        cells = []
        for emit, empty, field in zip(self.emitters, self.empties, self.cell_fields, strict=True):
            try:
                cells.append(emit(row, k, rs))
            except ValueProblem as exc:
                problems.add(f"{where(k, row, field)}: {exc}")
                cells.append(empty(rs))
        return self.open + rs + row_attrs + "".join(cells) + self.close
