"""Rendering one worksheet part: fill its markers, expand its collection rows.

The sheet is parsed once; rows below an expanded row get their new numbers, formulas and
ranges are shifted, and every place that needs generated text (a collection row, a
marker cell, repeated merges, new hyperlinks) becomes a numbered comment *slot*. The
tree is serialized once with its prefixes intact and split at the slots; the generated
rows, already written to a temporary file, are streamed into their slot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

from lxml import etree

from .blocks import is_set, nested_fields
from .cells import CellFormat, ValueProblem
from .column_cells import ColumnCells
from .columns import hide_columns
from .links import AFTER_HYPERLINKS, SheetLinks
from .markers import CollectionRow, MarkerCell, SheetMarkers
from .package import serialize
from .plan import BlockPlan, Placement, Plan
from .refs import column_letters, row_number
from .rowheight import HeightEstimate
from .rows import Problems, RowWriter, cell_emitter, static_emitter
from .shifting import ReferenceShifter
from .styles import StyleBook
from .visibility import select_tab
from .workbook import REL, cell_address, q
from .xmltext import make_slot, prefix_of, scope_declarations, slot_token, split_slots

if TYPE_CHECKING:
    from . import Collection, RenderContext


class SheetRender:
    """One worksheet of the template on its way to the output."""

    def __init__(self, scan: SheetMarkers, raw: bytes, plan: Plan, context: RenderContext,
                 styles: StyleBook, date1904: bool, warnings: list[str],
                 formulas: dict[str, str] | None = None, stale: set[str] | None = None,
                 record: tuple[tuple[str, ...], tuple] | None = None):
        """``formulas``: every formula cell's own text, by ref; ``stale``: the refs of
        formula cells whose cached result the render may change; ``record``: for a sheet
        repeated per record, (fields, values) its collection markers show."""
        self.scan = scan
        self.record_fields = {n: i for i, n in enumerate(record[0])} if record else {}
        self.record = record[1] if record else ()
        self.formulas = formulas or {}
        self.stale = stale or set()
        self.name = scan.sheet.name
        self.tree = scan.tree
        self.root = self.tree.getroot()
        self.p = prefix_of(self.root)
        self.declared = scope_declarations(self.root)
        self.token = slot_token(raw)
        self.plan = plan
        self.context = context
        self.styles = styles
        self.date1904 = date1904
        self.links = SheetLinks(plan, {r.id for r in scan.sheet.rels})
        self.shifter = ReferenceShifter(self.name, plan, warnings)
        self._slots = 0
        self._columns_hidden = False
        self._tab_changed = False
        self.row_slots: list[tuple[int, RowWriter, Placement]] = []
        self.block_slots: list[tuple[int, dict[int, RowWriter], BlockPlan]] = []
        self.cell_slots: list[tuple[int, Callable, MarkerCell, str]] = []
        self.generated: dict[int, object] = {}
        self._tmp: IO[bytes] | None = None

    @property
    def changed(self) -> bool:
        return (self.shifter.changed or self._slots > 0 or self._columns_hidden
                or self._tab_changed)

    def _slot(self) -> tuple[int, etree._Comment]:
        self._slots += 1
        return self._slots, make_slot(self.token, self._slots)

    def prepare(self) -> None:
        """Hide the columns whose condition does not hold (first: row heights are estimated
        from the columns shown), shift references and put slots where generated text goes."""
        self._columns_hidden = hide_columns(
            self.root, self.plan.hidden_columns.get(self.name.lower(), ()))
        tab = self.plan.tabs.get(self.scan.sheet.part)
        if tab is not None:  # a sheet hidden is not selected; the one opened on is
            self._tab_changed = select_tab(self.root, tab)
        data = self.root.find(q("sheetData"))
        collection_rows = {crow.element: crow for crow in self.scan.collection_rows}
        scalar_cells = {cell.element: cell for cell in self.scan.scalars}
        if data is not None:
            rows = {crow.row for crow in self.scan.collection_rows}
            for block in self.plan.directives.blocks.get(self.name.lower(), ()):
                rows.update(block.rows)
            self.shifter.unshare_formulas(data, self.formulas, rows)
            self.shifter.drop_cached_values(data, self.stale)
            directives = self.plan.directives
            conditions = directives.scalar_conditions.get(self.name.lower(), {})
            in_blocks: dict[int, dict[int, etree._Element]] = {}
            for row_el in data.iterfind(q("row")):
                block = directives.block_at(self.name, int(row_el.get("r", "0")))
                if block is not None:
                    in_blocks.setdefault(block.first, {})[int(row_el.get("r"))] = row_el
            for row_el in list(data.iterfind(q("row"))):
                number = int(row_el.get("r", "0"))
                block = directives.block_at(self.name, number)
                if block is not None:
                    if block.first in in_blocks:
                        self._expand_block(data, self.plan.blocks[(self.name, block.first)],
                                           in_blocks.pop(block.first))
                    continue
                crow = collection_rows.get(row_el)
                if crow is not None:
                    self._expand(data, crow)
                    continue
                if number in conditions and not is_set(self.context.scalars.get(
                        conditions[number])):
                    self.shifter.hide(row_el)
                self.shifter.row(row_el)
                for c in row_el.iterfind(q("c")):
                    cell = scalar_cells.get(c)
                    if cell is not None:
                        self._fill(c, cell)
        self.shifter.sheet_parts(self.root, self._merge_slot)

    def _fill(self, c: etree._Element, cell: MarkerCell) -> None:
        ref = c.get("r", "")
        fmt = self._format(c, column_letters(ref))
        emit = cell_emitter(cell, fmt, self.record_fields, self.context.scalars,
                            self.declared)
        number, slot = self._slot()
        slot.tail = c.tail
        c.getparent().replace(c, slot)
        self.cell_slots.append((number, emit, cell, str(row_number(ref))))

    def _format(self, c: etree._Element, column: str) -> CellFormat:
        try:
            style = int(c.get("s", "0"))
        except ValueError:
            style = 0
        return CellFormat(self.p, column, style, self.styles, self.date1904, self.links)

    def _expand(self, data: etree._Element, crow: CollectionRow) -> None:
        collection = self.context.collections[crow.collection]
        fields = {name: i for i, name in enumerate(collection.fields)}
        cells = []
        shown = []
        columns: list | None = []  # the fast path, when every cell has one
        for c in crow.element.iterfind(q("c")):
            column = column_letters(c.get("r", ""))
            fmt = self._format(c, column)
            marker_cell = crow.cells.get(column)
            whole = marker_cell.whole if marker_cell is not None else None
            field = fields[whole.field] if whole is not None and whole.field else None
            shown.append((column, field, fmt.style))
            if marker_cell is not None:
                emit = cell_emitter(marker_cell, fmt, fields, self.context.scalars,
                                    self.declared)
                label = ", ".join(m.field or m.name for m in marker_cell.markers)
                fast = ColumnCells(fmt, field, len(cells)) if field is not None else None
            else:
                emit = static_emitter(c, self.p, self.declared, self.name, crow.row,
                                      self.plan.shifts)
                label = ""
                fast = emit
            if columns is not None:
                columns = columns + [fast] if fast is not None else None
            cells.append((emit, fmt.empty, (label, column)))
        heights = HeightEstimate.for_row(self.tree.getroot(), crow.element, self.styles, shown)
        writer = RowWriter(crow, cells, self.p, heights, columns)
        number, slot = self._slot()
        slot.tail = crow.element.tail
        data.replace(crow.element, slot)
        self.row_slots.append((number, writer, self.plan.placements[(self.name, crow.row)]))

    def _expand_block(self, data: etree._Element, plan: BlockPlan,
                      elements: dict[int, etree._Element]) -> None:
        """Put one slot where a block's rows were; its repeats are written in generate()."""
        block = plan.block
        collection = self.context.collections[block.collection]
        nested = nested_fields(block, collection)
        crows = {c.row: c for c in self.scan.collection_rows}
        writers: dict[int, RowWriter] = {}
        for number, row_el in elements.items():
            crow = crows.get(number) or CollectionRow(self.name, number, block.collection,
                                                      row_el)
            shown = nested[number] if number in block.nested else collection.fields
            fields = {name: i for i, name in enumerate(shown)}
            cells = []
            for c in row_el.iterfind(q("c")):
                column = column_letters(c.get("r", ""))
                fmt = self._format(c, column)
                marker_cell = crow.cells.get(column)
                if marker_cell is not None:
                    emit = cell_emitter(marker_cell, fmt, fields, self.context.scalars,
                                        self.declared)
                    label = ", ".join(m.field or m.name for m in marker_cell.markers)
                else:
                    emit = static_emitter(c, self.p, self.declared, self.name, number,
                                          self.plan.shifts, (block.first, block.last))
                    label = ""
                cells.append((emit, fmt.empty, (label, column)))
            writers[number] = RowWriter(crow, cells, self.p)
        number, slot = self._slot()
        ordered = [elements[r] for r in sorted(elements)]
        slot.tail = ordered[-1].tail
        data.replace(ordered[0], slot)
        for row_el in ordered[1:]:
            data.remove(row_el)
        self.block_slots.append((number, writers, plan))

    def _merge_slot(self, repeats: list[tuple[str, str, int, int]]) -> etree._Comment:
        number, slot = self._slot()
        self.generated[number] = repeats
        return slot

    def generate(self, problems: Problems) -> None:
        """Write the collection rows (to a temporary file) and the marker cells."""
        import tempfile

        for number, emit, cell, rs in self.cell_slots:
            try:
                self.generated[number] = emit(self.record, 0, rs).encode()
            except ValueProblem as exc:
                names = ", ".join(str(m) for m in cell.markers)
                problems.add(f"{cell_address(self.name, cell.ref)} ({names}): {exc}")
                self.generated[number] = b""
        if not self.row_slots and not self.block_slots:
            return
        self._tmp = tempfile.TemporaryFile()
        for number, writers, plan in self.block_slots:
            start = self._tmp.tell()
            self._write_block(writers, plan, problems)
            self.generated[number] = (start, self._tmp.tell())
        for number, writer, placement in self.row_slots:
            collection = self.context.collections[placement.collection]
            start = self._tmp.tell()
            writer.write(self._tmp, placement.first_row, collection.rows, problems,
                         self._where(placement, collection))
            self.generated[number] = (start, self._tmp.tell())

    def _write_block(self, writers: dict[int, RowWriter], plan: BlockPlan,
                     problems: Problems) -> None:
        collection = self.context.collections[plan.block.collection]
        records = collection.rows
        fields = list(collection.fields)
        id_at = fields.index("id") if "id" in fields else None
        assert self._tmp is not None
        buf: list[str] = []
        nested = {row: fields.index(name) for row, name in plan.block.nested.items()}
        for index, rows in enumerate(plan.layout):
            parent = records[index] if records else None
            for template_row, out_row, sub in rows:
                writer = writers.get(template_row)
                if writer is None:
                    continue
                record = parent
                if template_row in nested and parent is not None:
                    inner = parent[nested[template_row]]
                    record = inner.rows[sub] if sub is not None else None

                def where(_k: int, row: tuple, label: tuple[str, str], i: int = index,
                          r: int = out_row, top: tuple | None = parent) -> str:
                    field, column = label
                    key = f" (id {top[id_at]!r})" if id_at is not None and top is not None \
                        else ""
                    what = f", field {field!r}" if field else ""
                    return (f"collection {plan.block.collection!r} row {i + 1}{key}{what} at "
                            f"{cell_address(self.name, f'{column}{r}')}")

                buf.append(writer.line(record, out_row - template_row, str(out_row),
                                       problems, where))
            if len(buf) >= 2000:
                self._tmp.write("".join(buf).encode())
                buf.clear()
        self._tmp.write("".join(buf).encode())

    def _where(self, placement: Placement, collection: Collection) -> Callable:
        fields = list(collection.fields)
        id_at = fields.index("id") if "id" in fields else None

        def where(k: int, row: tuple, label: tuple[str, str]) -> str:
            field, column = label
            key = ""
            if id_at is not None and isinstance(row, tuple) and len(row) > id_at:
                key = f" (id {row[id_at]!r})"
            address = cell_address(self.name, f"{column}{placement.first_row + k}")
            what = f", field {field!r}" if field else ""
            return f"collection {placement.collection!r} row {k + 1}{key}{what} at {address}"

        return where

    def finish(self) -> None:
        """Add the hyperlinks gathered while writing, at their place in the sheet."""
        if not self.links:
            return
        el = self.root.find(q("hyperlinks"))
        if el is None or REL not in el.nsmap.values():
            new = etree.Element(q("hyperlinks"),
                                nsmap=None if REL in self.root.nsmap.values() else {"r": REL})
            if el is not None:
                new.extend(list(el))
                el.getparent().replace(el, new)
            else:
                after = [c for c in self.root if etree.QName(c).localname in AFTER_HYPERLINKS]
                if after:
                    after[0].addprevious(new)
                else:
                    self.root.append(new)
            el = new
        number, slot = self._slot()
        el.append(slot)
        rel_prefix = next(p for p, uri in el.nsmap.items() if uri == REL and p)
        self.generated[number] = ("links", rel_prefix)

    def chunks(self) -> Iterator[bytes]:
        """The rendered part, in pieces."""
        for piece in split_slots(serialize(self.tree), self.token):
            if isinstance(piece, bytes):
                yield piece
                continue
            content = self.generated[piece]
            if isinstance(content, bytes):
                yield content
            elif isinstance(content, list):
                yield from _merge_xml(self.p, content)
            elif isinstance(content, tuple) and content[0] == "links":
                yield from self.links.hyperlink_xml(self.p, content[1])
            else:
                start, end = content
                yield from _copy_range(self._tmp, start, end)

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.close()


def _merge_xml(p: str, repeats: list) -> Iterator[bytes]:
    """Merges to add: a ref, or (first, last column, start, stop row) for one per row."""
    for repeat in repeats:
        if isinstance(repeat, str):
            yield f'<{p}mergeCell ref="{repeat}"/>'.encode()
            continue
        first, last, start, stop = repeat
        yield "".join(
            f'<{p}mergeCell ref="{first}{r}:{last}{r}"/>' for r in range(start, stop)
        ).encode()


def _copy_range(fh: IO[bytes] | None, start: int, end: int) -> Iterator[bytes]:
    """The bytes ``start:end`` of the temporary file of generated rows, in chunks."""
    assert fh is not None
    fh.seek(start)
    left = end - start
    while left > 0:
        chunk = fh.read(min(left, 1024 * 1024))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk
