"""The layout of a render before anything is written: where each collection lands.

From the template's collection rows and the size of each collection this computes every
sheet's :class:`RowShift`, the first row of each expanded collection (so internal links
can point at a row rendered anywhere, continuation sheets included), and refuses a sheet
that would outgrow Excel.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.errors import BuildError, TemplateError

from .blocks import Block, Directives, Line
from .cells import ValueProblem
from .markers import SheetMarkers
from .refs import RowShift, column_letters, quote_sheet
from .values import RowLink
from .workbook import q


@dataclass(frozen=True)
class Placement:
    """Where one collection row's data lands."""

    sheet: str
    template_row: int
    first_row: int
    count: int  # rows written: the data rows, or 1 empty row for no data
    collection: str
    first_column: str
    #: for a block: the first output row of each record's repeat
    starts: tuple[int, ...] | None = None


@dataclass(frozen=True)
class BlockPlan:
    """Where a block's repeats land: per record, (template row, output row) pairs."""

    block: Block
    first_row: int
    #: per record: (template row, output row, index of the nested record or None)
    layout: list[list[tuple[int, int, int | None]]]


class Plan:
    def __init__(self, scans: list[SheetMarkers], collections: Mapping[str, object],
                 directives: Directives | None = None,
                 hidden_columns: Mapping[str, set[int]] | None = None,
                 tabs: Mapping[str, bool] | None = None,
                 pieces: Mapping[str, tuple[str, int, int]] | None = None):
        """``hidden_columns``: by lower-cased sheet, the columns whose condition does not
        hold (:func:`blocks.hidden_columns`); ``tabs``: by worksheet part, whether its tab
        is selected, where hiding sheets changed it (:func:`visibility.hide_sheets`);
        ``pieces``: for each sheet of a continued collection (by lower-cased name), the
        template sheet it continues (lower-cased) and the records it shows, start to stop
        (:mod:`.continuation`)."""
        self.collections = collections
        self.directives = directives or Directives()
        self.hidden_columns = dict(hidden_columns or {})
        self.tabs = dict(tabs or {})
        self.shifts: dict[str, RowShift] = {}
        self.placements: dict[tuple[str, int], Placement] = {}
        self.blocks: dict[tuple[str, int], BlockPlan] = {}  # by (sheet, first template row)
        #: per collection, where its rows are: (first record, placement) per sheet
        self._targets: dict[str, list[tuple[int, Placement]]] = {}
        self._groups: dict[str, str] = {}  # collection -> the sheet (or pieces) it links to
        self._keys: dict[str, dict[str, int]] = {}
        pieces = pieces or {}
        self._at: dict[tuple[str, str], str] = {}  # (sheet, column) -> "'Sheet'!A"
        for scan in scans:
            name = scan.sheet.name
            group, start, stop = pieces.get(name.lower(), (name.lower(), 0, None))
            blocks = self.directives.blocks.get(name.lower(), [])
            crows = [c for c in scan.collection_rows
                     if self.directives.block_at(name, c.row) is None]
            sizes = {
                crow.row: _records(collections[crow.collection], start, stop)
                for crow in crows
            }
            if len(sizes) < len(crows):
                raise TemplateError(f"sheet {name}: two collection rows share a row number")
            layouts = {}
            for block in blocks:
                data = collections[block.collection]
                rows = data.rows if stop is None else data.rows[start:stop]  # type: ignore
                layouts[block.first] = block.layout(data.fields, rows)  # type: ignore
            deltas = [(row, max(n, 1) - 1) for row, n in sizes.items()]
            deltas += [(b.last, sum(map(len, layouts[b.first])) - len(b.rows)) for b in blocks]
            shift = RowShift(deltas, [(b.first, b.last) for b in blocks])
            self.shifts[name.lower()] = shift
            _check_size(name, scan, shift, deltas)
            for block in blocks:
                self._target(self._place_block(name, scan, block, layouts[block.first],
                                               shift), group, start)
            for crow in sorted(crows, key=lambda c: c.row):
                first_cell = crow.element.find(q("c"))
                column = column_letters(first_cell.get("r", "A")) if first_cell is not None else "A"
                placement = Placement(name, crow.row, shift.start(crow.row),
                                      max(sizes[crow.row], 1), crow.collection, column)
                self.placements[(name, crow.row)] = placement
                self._target(placement, group, start)

    def _target(self, placement: Placement, group: str, start: int) -> None:
        """Links into a collection go to the first sheet that shows it, and to the sheets
        that continue that one."""
        collection = placement.collection
        if collection not in self._targets:
            self._targets[collection] = [(start, placement)]
            self._groups[collection] = group
        elif self._groups[collection] == group and start > self._targets[collection][-1][0]:
            self._targets[collection].append((start, placement))

    def _place_block(self, name: str, scan: SheetMarkers, block: Block,
                     layout: list[list[Line]], shift: RowShift) -> Placement:
        row = first = shift.start(block.first)
        placed, starts = [], []
        for rows in layout:
            starts.append(row)
            placed.append([(template_row, row + i, sub)
                           for i, (template_row, sub) in enumerate(rows)])
            row += len(rows)
        self.blocks[(name, block.first)] = BlockPlan(block, first, placed)
        marker_rows = [c for c in scan.collection_rows if block.first <= c.row <= block.last]
        first_cell = marker_rows[0].element.find(q("c")) if marker_rows else None
        column = column_letters(first_cell.get("r", "A")) if first_cell is not None else "A"
        return Placement(name, block.first, first, row - first, block.collection, column,
                         tuple(starts))

    def check_links(self, scans: list[SheetMarkers], scalars: Mapping[str, object]) -> None:
        """Refuse, once, a marker whose values link to rows of a collection no sheet shows."""
        seen: dict[tuple[str, str | None], set[str]] = {}
        for scan in scans:
            cells = [cell for cell in scan.scalars]
            cells += [cell for crow in scan.collection_rows for cell in crow.cells.values()]
            for cell in cells:
                for marker in cell.markers:
                    key = (marker.name, marker.field)
                    if key not in seen:
                        seen[key] = self._linked(marker.name, marker.field, scalars)
                    missing = sorted(seen[key] - set(self._targets))
                    if missing:
                        known = ", ".join(sorted(self._targets)) or "none"
                        raise TemplateError(
                            f"{cell.address}: {marker} links to rows of collection "
                            f"{missing[0]!r}, which no sheet of the template shows "
                            f"(collections shown: {known}); add a sheet with a "
                            f"{{{{ {missing[0]}.<field> }}}} row, or remove the marker"
                        )

    def _linked(self, name: str, field: str | None, scalars: Mapping[str, object]) -> set[str]:
        """The collections that the values of a marker link into."""
        if field is None:
            value = scalars.get(name)
            return {value.collection} if type(value) is RowLink else set()
        data = self.collections[name]  # a collection row, or a record's cell on a sheet
        at = list(data.fields).index(field)  # type: ignore[attr-defined]
        return {row[at].collection for row in data.rows  # type: ignore[attr-defined]
                if type(row[at]) is RowLink}

    def locate(self, link: RowLink) -> str:
        """The ``'Sheet'!A7`` location of the row a RowLink points at."""
        targets = self._targets.get(link.collection)
        if targets is None:
            known = ", ".join(sorted(self._targets)) or "none"
            raise ValueProblem(
                f"a row link points into collection {link.collection!r}, which no sheet of "
                f"the template shows (collections shown: {known})"
            )
        keys = self._keys.get(link.collection)
        if keys is None:
            keys = self._keys[link.collection] = self._index(link.collection)
        key = link.key
        index = keys.get(key if key.__class__ is str else str(key))
        if index is None:
            raise ValueProblem(
                f"a row link points at id {link.key!r}, which collection {link.collection!r} "
                "does not have"
            )
        if len(targets) == 1:
            start, placement = targets[0]
        else:  # continued: the sheet holding that record
            start, placement = targets[bisect_right([s for s, _ in targets], index) - 1]
        index -= start
        row = placement.starts[index] if placement.starts else placement.first_row + index
        where = (placement.sheet, placement.first_column)
        prefix = self._at.get(where)
        if prefix is None:
            prefix = self._at[where] = f"{quote_sheet(placement.sheet)}!{placement.first_column}"
        return f"{prefix}{row}"

    def _index(self, name: str) -> dict[str, int]:
        collection = self.collections[name]
        fields = list(collection.fields)  # type: ignore[attr-defined]
        if "id" not in fields:
            raise ValueProblem(
                f"a row link points into collection {name!r}, which has no 'id' field"
            )
        at = fields.index("id")
        keys: dict[str, int] = {}
        for index, row in enumerate(collection.rows):  # type: ignore[attr-defined]
            keys.setdefault(str(row[at]), index)
        return keys


def _records(collection, start: int, stop: int | None) -> int:
    """How many of the collection's records a sheet shows (without copying them)."""
    return len(range(len(collection.rows))[start:stop])


def _check_size(name: str, scan: SheetMarkers, shift: RowShift,
                deltas: list[tuple[int, int]]) -> None:
    """Refuse, before anything is written, a sheet that would pass Excel's last row (a
    sheet that may continue on further sheets has been split by then)."""
    from .continuation import ROW_LIMIT

    data = scan.tree.getroot().find(q("sheetData"))
    last = 0
    if data is not None and len(data):
        try:
            last = max(int(r.get("r", "0")) for r in data.iterfind(q("row")))
        except ValueError:
            last = 0
    total = sum(delta for _, delta in deltas)
    needed = max(last, max((row for row, _ in deltas), default=0)) + total
    if needed > ROW_LIMIT:
        raise BuildError(
            f"sheet {name} would need {needed:,} rows; Excel holds at most {ROW_LIMIT:,} "
            "rows per sheet: split the collection over several sheets"
        )
