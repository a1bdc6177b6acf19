"""A collection longer than a sheet can hold continues on numbered copies of its sheet.

A worksheet holds at most 1,048,576 rows. When a sheet's collection needs more, the
sheet continues on copies placed right after it, ``Trade (2)``, ``Trade (3)``: each is the
template sheet again (title, headings, styles, widths, print setup, conditional formats,
validations, its Excel Tables under names of their own) with the next records, as many as
fit. Row links to a record point at the sheet that holds it, and the scalar
``continuations`` says which sheets continue (``Trade continues on Trade (2)``).

A template keeps a collection on one sheet with the defined name ``one_sheet.<collection>``
(it may refer to any cell, such as ``=Trade!$A$5``): a collection that does not fit is then
an error naming the sheet, the collection, the rows it needs and the limit. A sheet can
continue when it shows one collection (one collection row, or one block) and holds no
drawings, notes or pivot tables; otherwise, too, a collection that does not fit is an
error. Both are raised before anything is written, and :func:`check_counts` raises them
from the number of records alone, before a caller makes the rows. What a continuation
sheet is made of is in :mod:`.continued_parts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import BuildError, TemplateError

from .blocks import Block, Directives
from .formula import range_operands
from .markers import SheetMarkers
from .package import Package
from .refs import MAX_ROWS, split_sheet
from .repeated import MAX_NAME, Repeat
from .workbook import Book, Sheet, cell_address, q

#: The rows one sheet may hold: Excel's limit (tests lower it to keep a test small).
ROW_LIMIT = MAX_ROWS
#: The scalar a template shows to say which sheets continue.
SCALAR = "continuations"
_ONE_SHEET = re.compile(r"^one_sheet\.([^\W\d]\w*)$", re.IGNORECASE)
_CARRIED = {"table", "printerSettings", "hyperlink"}


@dataclass(frozen=True)
class Shown:
    """One collection row or block of a sheet: ``rows`` template rows from ``first``."""

    collection: str
    first: int
    rows: int
    block: Block | None = None


@dataclass
class Demand:
    """What one sheet asks of the row limit."""

    sheet: Sheet
    last: int  # the last row the template uses
    shown: list[Shown]

    def needed(self, taken: Sequence[int]) -> int:
        """The rows the sheet needs when each shown collection takes ``taken`` rows."""
        bottom = max([self.last] + [s.first + s.rows - 1 for s in self.shown])
        return bottom + sum(t - s.rows for s, t in zip(self.shown, taken, strict=True))

    def room(self) -> int:
        """The rows its one collection may take on one sheet."""
        return ROW_LIMIT - self.needed([self.shown[0].rows]) + self.shown[0].rows


@dataclass
class Piece:
    """One sheet of a continued collection: records ``start`` to ``stop`` (excluded)."""

    name: str
    part: str
    start: int
    stop: int
    #: for a copy: template table part -> (its own part, id, name)
    tables: dict[str, tuple[str, int, str]] = field(default_factory=dict)


@dataclass
class Continuation:
    """The template sheet ``sheet`` showing ``collection``, over several sheets; the
    first piece is the template sheet itself. Shaped like a :class:`Repeat`, so the
    workbook's sheet list, names and relationships are made the same way."""

    sheet: Sheet
    collection: str
    records: int
    limit_rows: int
    pieces: list[Piece]

    @property
    def copies(self) -> list[Piece]:
        return self.pieces

    def table_names(self, book: Book, piece: Piece) -> dict[str, str]:
        """Template table name (lower-cased) -> the piece's own."""
        names = {}
        for part, (_, _, name) in piece.tables.items():
            names[table_root(book.pkg, part).get("name", "").lower()] = name
        return names


def one_sheet_names(book: Book) -> dict[str, str]:
    """The collections a template keeps on one sheet: collection -> the defined name."""
    found = {}
    for el in book.workbook.getroot().iter(q("definedName")):
        m = _ONE_SHEET.match(el.get("name") or "")
        if m:
            found[m.group(1)] = el.get("name", "")
    return found


def demands(book: Book, scans: list[SheetMarkers], directives: Directives,
            repeated: set[str]) -> list[Demand]:
    """Per sheet that shows a collection, what it asks of the row limit (sheets repeated
    per record, in ``repeated`` by lower-cased name, show records in single cells)."""
    out = []
    for scan in scans:
        name = scan.sheet.name
        if name.lower() in repeated:
            continue
        shown = [Shown(b.collection, b.first, b.last - b.first + 1, b)
                 for b in directives.blocks.get(name.lower(), ())]
        shown += [Shown(c.collection, c.row, 1) for c in scan.collection_rows
                  if directives.block_at(name, c.row) is None]
        if shown:
            out.append(Demand(scan.sheet, _last_row(scan), sorted(shown, key=lambda s: s.first)))
    return out


def _last_row(scan: SheetMarkers) -> int:
    data = scan.tree.getroot().find(q("sheetData"))
    rows = [r.get("r", "0") for r in data.iterfind(q("row"))] if data is not None else []
    return max((int(r) for r in rows if r.isdigit()), default=0)


def _taken(shown: Shown, collection) -> list[int] | int:
    """Rows each record of ``collection`` takes in ``shown``'s block; for a collection
    row (one row each), the number of records."""
    if shown.block is None:
        return len(collection.rows)
    return [len(lines) for lines in shown.block.layout(collection.fields, collection.rows)]


def _total(shown: Shown, taken: list[int] | int) -> int:
    if isinstance(taken, int):
        return max(taken, 1)
    return sum(taken) if taken else shown.rows


def check_counts(book: Book, scans: list[SheetMarkers], directives: Directives,
                 counts: Mapping[str, int], repeated: set[str]) -> None:
    """Refuse, from the number of records of each collection alone, a sheet that cannot
    hold its collection and may not continue. A block's records are counted at the fewest
    rows they can take, so nothing is refused that would fit; a collection not in
    ``counts`` is left to :func:`plan_continuations`."""
    kept = one_sheet_names(book)
    for demand in demands(book, scans, directives, repeated):
        if any(s.collection not in counts for s in demand.shown):
            continue
        taken = []
        for s in demand.shown:
            n = counts[s.collection]
            fewest = s.rows - len(s.block.conditions) if s.block is not None else 1
            taken.append(n * fewest if n else s.rows)
        needed = demand.needed(taken)
        if needed > ROW_LIMIT:
            _refuse_or_allow(book, demand, kept, {s.collection: counts[s.collection]
                                                  for s in demand.shown}, needed)


def _refuse_or_allow(book: Book, demand: Demand, kept: Mapping[str, str],
                     records: Mapping[str, int], needed: int) -> None:
    """Raise BuildError when a sheet that needs ``needed`` rows may not continue."""
    sheet = demand.sheet.name
    over = f"sheet {sheet} would need {needed:,} rows"
    limit = f"Excel holds at most {ROW_LIMIT:,} rows per sheet"
    shown = demand.shown
    counted = " and ".join(f"{records[s.collection]:,} records of {s.collection!r} from row "
                           f"{s.first}" for s in shown)
    names = [kept[s.collection] for s in shown if s.collection in kept]
    if names:
        raise BuildError(
            f"{over} ({counted}); {limit}, and the template keeps "
            f"{shown[0].collection!r} on one sheet (defined name {names[0]}): show fewer "
            f"records, or remove the name to continue on sheets {sheet} (2), {sheet} (3), ..."
        )
    if len(shown) > 1:
        raise BuildError(
            f"{over} ({counted}); {limit}. A sheet continues on further sheets only when it "
            "shows one collection: give each collection a sheet of its own"
        )
    kinds = sorted({r.kind for r in demand.sheet.rels} - _CARRIED)
    if kinds:
        raise BuildError(
            f"{over} ({counted}); {limit}. It would continue on further sheets, but it holds "
            f"{', '.join(kinds)}, which continuation sheets cannot yet carry (they carry "
            "tables, styles, formats and print setup): move those to another sheet"
        )


def plan_continuations(book: Book, scans: list[SheetMarkers], directives: Directives,
                       collections: Mapping[str, object],
                       repeats: Mapping[str, Repeat]) -> dict[str, Continuation]:
    """Which sheets continue, with each piece's records, name and parts, by lower-cased
    template sheet name; refuse what may not continue (BuildError), before anything is
    written."""
    kept = one_sheet_names(book)
    for collection, name in kept.items():
        if collection not in collections:
            raise TemplateError(
                f"defined name {name}: there is no collection {collection!r}; collections: "
                f"{', '.join(sorted(collections)) or 'none'}"
            )
    found: dict[str, Continuation] = {}
    numbers = _Numbers(book, repeats)
    for demand in demands(book, scans, directives, set(repeats)):
        taken = [_taken(s, collections[s.collection]) for s in demand.shown]
        needed = demand.needed([_total(s, t) for s, t in zip(demand.shown, taken, strict=True)])
        if needed <= ROW_LIMIT:
            continue
        counts = {s.collection: len(collections[s.collection].rows)  # type: ignore
                  for s in demand.shown}
        _refuse_or_allow(book, demand, kept, counts, needed)
        shown = demand.shown[0]
        records = counts[shown.collection]
        room = demand.room()
        spans = _spans(taken[0], room)
        if spans is None:
            raise BuildError(
                f"sheet {demand.sheet.name} would need {needed:,} rows; one record of "
                f"{shown.collection!r} takes more than the {room:,} rows a sheet leaves it "
                f"(Excel holds at most {ROW_LIMIT:,} rows per sheet)"
            )
        pieces = [Piece(demand.sheet.name, demand.sheet.part, *spans[0])]
        for start, stop in spans[1:]:
            pieces.append(numbers.piece(demand.sheet, start, stop))
        found[demand.sheet.name.lower()] = Continuation(
            demand.sheet, shown.collection, records, room, pieces)
    return found


def _spans(taken: list[int] | int, room: int) -> list[tuple[int, int]] | None:
    """Records in runs that each fit ``room`` rows; None when one record alone does not."""
    if isinstance(taken, int):  # a collection row: runs of ``room`` records
        return [(i, min(i + room, taken)) for i in range(0, taken, room)] if room >= 1 else None
    spans: list[tuple[int, int]] = []
    start, used = 0, 0
    for index, rows in enumerate(taken):
        if rows > room:
            return None
        if used + rows > room:
            spans.append((start, index))
            start, used = index, 0
        used += rows
    spans.append((start, len(taken)))
    return spans


class _Numbers:
    """Free sheet names, part numbers, table ids and table names for continuation sheets."""

    def __init__(self, book: Book, repeats: Mapping[str, Repeat]):
        self.book = book
        self.names = {s.name.lower() for s in book.sheets}
        self.names |= {c.name.lower() for r in repeats.values() for c in r.copies}
        parts = set(book.pkg.names) | {c.part for r in repeats.values() for c in r.copies}
        self.sheet_number = _next_number(parts, r"xl/worksheets/sheet(\d+)\.xml")
        self.table_number = _next_number(parts, r"xl/tables/table(\d+)\.xml")
        ids, self.table_names = [], set()
        for part in book.parts_of_kind("table"):
            root = table_root(book.pkg, part)
            ids.append(int(root.get("id", "0")) if root.get("id", "").isdigit() else 0)
            self.table_names |= {root.get(k, "").lower() for k in ("name", "displayName")}
        self.table_names |= {(el.get("name") or "").lower()
                             for el in book.workbook.getroot().iter(q("definedName"))}
        self.table_id = max(ids, default=0) + 1

    def piece(self, sheet: Sheet, start: int, stop: int) -> Piece:
        number = 2
        while True:
            suffix = f" ({number})"
            name = sheet.name[:MAX_NAME - len(suffix)] + suffix
            if name.lower() not in self.names:
                break
            number += 1
        self.names.add(name.lower())
        part = f"xl/worksheets/sheet{self.sheet_number}.xml"
        self.sheet_number += 1
        piece = Piece(name, part, start, stop)
        for table in sheet.related("table"):
            base = table_root(self.book.pkg, table).get("name", "Table")
            own, k = f"{base}_{number}", 1
            while own.lower() in self.table_names:
                k += 1
                own = f"{base}_{number}_{k}"
            self.table_names.add(own.lower())
            piece.tables[table] = (f"xl/tables/table{self.table_number}.xml", self.table_id,
                                   own)
            self.table_number += 1
            self.table_id += 1
        return piece


def _next_number(names, pattern: str) -> int:
    numbers = [int(m.group(1)) for n in names if (m := re.fullmatch(pattern, n))]
    return max(numbers, default=0) + 1


def table_root(pkg: Package, part: str) -> etree._Element:
    """The root element of a table part."""
    return pkg.xml(part).getroot()


def scalar_text(continued: Mapping[str, Continuation]) -> str | None:
    """``Trade continues on Trade (2)``; ``Trade continues on Trade (2) to Trade (4)``; one
    sentence per sheet, joined with '; '. None when no sheet continues."""
    said = []
    for cont in continued.values():
        names = [p.name for p in cont.pieces[1:]]
        shown = names[0] if len(names) == 1 else (
            f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} to {names[-1]}")
        said.append(f"{cont.sheet.name} continues on {shown}")
    return "; ".join(said) or None


def warning(cont: Continuation) -> str:
    return (f"sheet {cont.sheet.name}: its {cont.records:,} records of {cont.collection!r} "
            f"need more rows than a sheet holds ({ROW_LIMIT:,}); they continue on "
            f"{', '.join(p.name for p in cont.pieces[1:])} (at most {cont.limit_rows:,} rows "
            "of it per sheet)")


def readers(book: Book, continued: Mapping[str, Continuation],
            formulas: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Warnings: formulas, names and charts elsewhere that read a continued sheet see its
    first piece only."""
    out = []
    for cont in continued.values():
        sheet = cont.sheet.name.lower()
        tables = {table_root(book.pkg, t).get("name", "").lower()
                  for t in cont.sheet.related("table")}
        places = [cell_address(other, ref) for other, texts in formulas.items()
                  if other.lower() != sheet for ref, text in texts.items()
                  if _reads(text, sheet, tables)]
        places += [f"defined name {el.get('name')}"
                   for el in book.workbook.getroot().iter(q("definedName"))
                   if el.get("localSheetId") is None and _reads(el.text or "", sheet, tables)]
        places += [chart for chart in book.parts_of_kind("chart")
                   if any(_reads((f.text or "").strip("()"), sheet, tables)
                          for f in book.pkg.xml(chart).getroot().iter("{*}f"))]
        if places:
            out.append(
                f"{', '.join(places[:3])}{' and others' if len(places) > 3 else ''} read "
                f"sheet {cont.sheet.name}, which continues on "
                f"{', '.join(p.name for p in cont.pieces[1:])}: they see its first "
                f"{cont.pieces[0].stop:,} records only"
            )
    return out


def _reads(formula: str, sheet: str, tables: set[str]) -> bool:
    """True when ``formula`` names the sheet, or one of its tables, in a reference."""
    for _, operand in range_operands(formula) or ():
        name, ref = split_sheet(operand)
        if (name is not None and name.lower() == sheet) or \
                ref.split("[", 1)[0].lower() in tables:
            return True
    return False
