"""Blocks of rows repeated per record, and rows shown only when a value is set.

Both are declared the Excel way, with a defined name (Formulas > Define Name), so no
cell holds anything but the design and its markers:

- ``repeat.people`` naming rows 5:7 of a sheet: the three rows repeat, together, once per
  record of ``people``; their ``{{ people.field }}`` markers show that record.
- ``if.people.note`` naming row 7 inside that block: for a record whose ``note`` is
  empty, row 7 is left out of its block.
- ``if.note`` naming a row outside any block: when the scalar ``note`` is empty, the row
  is hidden and its marker cells left empty.
- ``if.people.note`` (or ``if.note``) naming whole columns (``People!$F:$F``): when no
  record of ``people`` has a ``note`` (or the scalar is empty), the columns are hidden
  (:mod:`.columns` writes that into the sheet's ``<cols>``).
- ``if.changes`` (or ``if.note``, ``if.people.note``) naming a whole sheet
  (``'What changed'!$1:$1048576``): the sheet is hidden when the collection has no
  records (the scalar is empty, no record has the field); see :mod:`.visibility`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportgen.errors import TemplateError

from .markers import SheetMarkers
from .refs import column_index, letters_of, quote_sheet, split_sheet
from .values import is_set
from .visibility import (
    SheetCondition,
    check_conditions,
    require_field,
    sheet_conditions,
    whole_sheet,
)
from .workbook import Book, q

if TYPE_CHECKING:
    from . import RenderContext

_NAME = r"[^\W\d]\w*"
_REPEAT = re.compile(rf"^repeat\.({_NAME})$", re.IGNORECASE)
_IF = re.compile(rf"^if\.({_NAME})(?:\.({_NAME}))?$", re.IGNORECASE)
_ROWS = re.compile(r"^\$?[A-Za-z]{0,3}\$?([0-9]+)(?::\$?[A-Za-z]{0,3}\$?([0-9]+))?$")
_COLUMNS = re.compile(r"^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$")
MAX_COLUMN = 16_384  # XFD


#: One output row of a block: (template row, index of the nested record or None).
Line = tuple[int, "int | None"]


@dataclass
class Block:
    """Template rows ``first``..``last`` of ``sheet`` that repeat per record of ``collection``."""

    sheet: str
    first: int
    last: int
    collection: str
    conditions: dict[int, str] = field(default_factory=dict)  # row -> field that must be set
    #: rows showing a nested collection: row -> the field whose values are Collections
    nested: dict[int, str] = field(default_factory=dict)

    @property
    def rows(self) -> range:
        return range(self.first, self.last + 1)

    def layout(self, fields: Sequence[str], records: Sequence[tuple]) -> list[list[Line]]:
        """Per record, the template rows it shows, each with the index of the nested record
        it shows (None for a plain row or an empty nested collection). With no records,
        every row once."""
        if not records:
            return [[(r, None) for r in self.rows]]
        names = list(fields)
        checks = [(row, names.index(name)) for row, name in self.conditions.items()]
        hidden_rows = {row for row, _ in checks}
        nested = {row: names.index(name) for row, name in self.nested.items()}
        out = []
        for record in records:
            shown = {row for row, at in checks if is_set(record[at])}
            lines: list[Line] = []
            for r in self.rows:
                if r in hidden_rows and r not in shown:
                    continue
                if r in nested:
                    inner = record[nested[r]]
                    count = len(inner.rows) if inner is not None else 0  # type: ignore
                    lines.extend((r, i) for i in range(count)) if count else lines.append(
                        (r, None))
                else:
                    lines.append((r, None))
            out.append(lines)
        return out


@dataclass(frozen=True)
class ColumnCondition:
    """Columns ``first``..``last`` (1-based) of ``sheet``, shown only when some record of
    ``collection`` has ``field`` set; with no collection, when the scalar ``field`` is."""

    name: str  # the defined name, for messages
    sheet: str
    first: int
    last: int
    collection: str | None
    field: str

    @property
    def where(self) -> str:
        span = letters_of(self.first) + ":" + letters_of(self.last)
        return f"defined name {self.name} (columns {span} of sheet {self.sheet})"

    def holds(self, context: RenderContext) -> bool:
        if self.collection is None:
            return is_set(context.scalars.get(self.field))
        data = context.collections[self.collection]
        at = list(data.fields).index(self.field)
        return any(is_set(record[at]) for record in data.rows)


@dataclass
class Directives:
    blocks: dict[str, list[Block]] = field(default_factory=dict)  # by lower-cased sheet
    #: rows shown only when a scalar is set: lower-cased sheet -> row -> scalar name
    scalar_conditions: dict[str, dict[int, str]] = field(default_factory=dict)
    #: columns shown only when a value is set, by lower-cased sheet
    column_conditions: dict[str, list[ColumnCondition]] = field(default_factory=dict)
    #: sheets shown only when a value is set (:mod:`.visibility`)
    sheet_conditions: list[SheetCondition] = field(default_factory=list)

    def block_at(self, sheet: str, row: int) -> Block | None:
        for block in self.blocks.get(sheet.lower(), ()):
            if block.first <= row <= block.last:
                return block
        return None


def _rows_of(book: Book, text: str, name: str, columns_too: bool = False
             ) -> tuple[str, int, int]:
    sheet, ref = split_sheet((text or "").strip().lstrip("="))
    m = _ROWS.match(ref)
    if sheet is None or not m or book.sheet_named(sheet) is None:
        raise TemplateError(
            f"defined name {name}: refers to {text!r}; it must name rows of one sheet of "
            "this workbook, such as 'Sheet1'!$5:$7"
            + (", whole columns, such as 'Sheet1'!$F:$F, or a whole sheet, such as "
               "'Sheet1'!$1:$1048576" if columns_too else "")
        )
    first = int(m.group(1))
    last = int(m.group(2) or first)
    return book.sheet_named(sheet).name, min(first, last), max(first, last)


def _columns_of(book: Book, text: str, name: str) -> tuple[str, int, int] | None:
    """The sheet and columns a name refers to when it names whole columns, else None."""
    sheet, ref = split_sheet((text or "").strip().lstrip("="))
    m = _COLUMNS.match(ref)
    if sheet is None or not m or book.sheet_named(sheet) is None:
        return None
    first, last = column_index(m.group(1)), column_index(m.group(2))
    if max(first, last) > MAX_COLUMN:
        raise TemplateError(
            f"defined name {name}: refers to {text!r}, past Excel's last column XFD"
        )
    return book.sheet_named(sheet).name, min(first, last), max(first, last)


def find_directives(book: Book, scans: list[SheetMarkers],
                    collections: Mapping[str, object] | None = None) -> Directives:
    """Read ``repeat.*`` and ``if.*`` defined names; refuse what cannot work."""
    found = Directives(sheet_conditions=sheet_conditions(book))
    conditions: list[tuple[str, str, str | None, str]] = []
    for el in book.workbook.getroot().iter(q("definedName")):
        name = el.get("name") or ""
        repeat, condition = _REPEAT.match(name), _IF.match(name)
        if repeat:
            sheet, first, last = _rows_of(book, el.text or "", name)
            collection = repeat.group(1)
            if collections is not None and collection not in collections:
                raise TemplateError(
                    f"defined name {name}: there is no collection {collection!r}; "
                    f"collections: {', '.join(sorted(collections)) or 'none'}"
                )
            block = Block(sheet, first, last, collection)
            for other in found.blocks.get(sheet.lower(), ()):
                if other.first <= last and first <= other.last:
                    raise TemplateError(
                        f"defined names repeat.{other.collection} and {name}: their rows "
                        f"overlap on sheet {sheet}; blocks cannot share rows"
                    )
            found.blocks.setdefault(sheet.lower(), []).append(block)
        elif condition and whole_sheet(book, el.text or "") is None:  # sheets: above
            conditions.append((name, condition.group(1), condition.group(2), el.text or ""))
    for name, first_word, second, text in conditions:
        columns = _columns_of(book, text, name)
        if columns is not None:
            sheet, first, last = columns
            found.column_conditions.setdefault(sheet.lower(), []).append(ColumnCondition(
                name, sheet, first, last, first_word if second else None, second or first_word))
            continue
        sheet, first, last = _rows_of(book, text, name, columns_too=True)
        for row in range(first, last + 1):
            block = found.block_at(sheet, row)
            if second is not None:
                if block is None or block.collection != first_word:
                    raise TemplateError(
                        f"defined name {name}: rows {first}:{last} of sheet {sheet} are not "
                        f"inside a block repeat.{first_word}; a field condition works on "
                        "rows inside the block of its collection, or on whole columns "
                        f"({quote_sheet(sheet)}!$F:$F)"
                    )
                block.conditions[row] = second
            else:
                found.scalar_conditions.setdefault(sheet.lower(), {})[row] = first_word
    for scan in scans:
        for crow in scan.collection_rows:
            block = found.block_at(scan.sheet.name, crow.row)
            if block is not None and block.collection != crow.collection and (
                    collections is not None and crow.collection in getattr(
                        collections.get(block.collection), "fields", ())):
                block.nested[crow.row] = crow.collection  # a field holding Collections
            elif block is not None and block.collection != crow.collection:
                raise TemplateError(
                    f"sheet {scan.sheet.name}, row {crow.row}: names fields of "
                    f"{crow.collection!r} inside the block repeat.{block.collection}; a block "
                    f"shows its collection, and nested collections held in its fields"
                )
    return found


def nested_fields(block: Block, collection: object) -> dict[int, tuple[str, ...]]:
    """The fields of each nested collection of a block, from its records' values.

    Every value of a nested field must be a Collection (or nothing), all with the same
    fields.
    """
    names = list(collection.fields)  # type: ignore[attr-defined]
    found: dict[int, tuple[str, ...]] = {}
    for row, name in block.nested.items():
        at = names.index(name)
        fields: tuple[str, ...] | None = None
        for index, record in enumerate(collection.rows):  # type: ignore[attr-defined]
            value = record[at]
            if value is None:
                continue
            if not (hasattr(value, "rows") and hasattr(value, "fields")):
                raise TemplateError(
                    f"sheet {block.sheet}, row {row}: {{{{ {name}.* }}}} shows field {name!r} "
                    f"of {block.collection!r} as a nested collection, but record "
                    f"{index + 1} holds {type(value).__name__}, not a Collection"
                )
            if fields is None:
                fields = tuple(value.fields)
            elif tuple(value.fields) != fields:
                raise TemplateError(
                    f"field {name!r} of {block.collection!r}: record {index + 1} holds a "
                    f"collection with fields {tuple(value.fields)}, others {fields}"
                )
        found[row] = fields or ()
    return found


def _check_nested(block: Block, scans: list[SheetMarkers], context: RenderContext) -> None:
    """Each nested row's markers name fields its nested collections have."""
    fields = nested_fields(block, context.collections[block.collection])
    for scan in scans:
        if scan.sheet.name != block.sheet:
            continue
        for crow in scan.collection_rows:
            known = fields.get(crow.row, ())
            for cell in crow.cells.values() if crow.row in block.nested else ():
                for marker in cell.markers:
                    if marker.field is not None and known and marker.field not in known:
                        raise TemplateError(
                            f"{cell.address}: unknown field {marker.field!r} of the nested "
                            f"collection {marker.name!r} (a field of {block.collection!r}); "
                            f"fields: {', '.join(known)}"
                        )


def without_nested(scans: list[SheetMarkers], directives: Directives) -> list[SheetMarkers]:
    """The scans without the rows that show a nested collection inside a block."""
    out = []
    for scan in scans:
        nested = {row for b in directives.blocks.get(scan.sheet.name.lower(), ())
                  for row in b.nested}
        if not nested:
            out.append(scan)
            continue
        out.append(SheetMarkers(scan.sheet, scan.tree, scan.scalars,
                                [c for c in scan.collection_rows if c.row not in nested]))
    return out


def check_directives(directives: Directives, scans: list[SheetMarkers],
                     context: RenderContext) -> None:
    """Every scalar and field a directive names exists; nested markers name real fields."""
    check_conditions(directives.sheet_conditions, context)
    for conditions in directives.column_conditions.values():
        for condition in conditions:
            _check_column_condition(condition, context)
    for sheet, rows in directives.scalar_conditions.items():
        for row, name in rows.items():
            if name not in context.scalars:
                raise TemplateError(
                    f"defined name if.{name} (sheet {sheet}, row {row}): there is no scalar "
                    f"{name!r}; scalars: {', '.join(sorted(context.scalars)) or 'none'}"
                )
    for blocks in directives.blocks.values():
        for block in blocks:
            _check_nested(block, scans, context)
            fields = context.collections[block.collection].fields
            for row, name in block.conditions.items():
                if name not in fields:
                    raise TemplateError(
                        f"defined name if.{block.collection}.{name} (sheet {block.sheet}, "
                        f"row {row}): collection {block.collection!r} has no field "
                        f"{name!r}; fields: {', '.join(fields)}"
                    )


def _check_column_condition(condition: ColumnCondition, context: RenderContext) -> None:
    name, where = condition.collection, condition.where
    if name is None:
        if condition.field not in context.scalars:
            raise TemplateError(
                f"{where}: there is no scalar {condition.field!r}; scalars: "
                f"{', '.join(sorted(context.scalars)) or 'none'}"
            )
        return
    require_field(where, name, condition.field, context)


def hidden_columns(directives: Directives, context: RenderContext) -> dict[str, set[int]]:
    """The columns to hide, by lower-cased sheet: those whose condition does not hold."""
    hidden: dict[str, set[int]] = {}
    for sheet, conditions in directives.column_conditions.items():
        for condition in conditions:
            if not condition.holds(context):
                hidden.setdefault(sheet, set()).update(
                    range(condition.first, condition.last + 1))
    return hidden
