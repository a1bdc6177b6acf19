"""Finding ``{{ name }}`` and ``{{ collection.field }}`` markers in a template's cells.

Markers live in the text of cells: shared strings and inline strings of any worksheet.
A cell holding exactly one marker gets the value with its type; markers mixed with other
text are filled in as text. A row whose cells name fields of one collection is a
*collection row*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import TemplateError

from .refs import column_index, column_letters, letters_of, row_number
from .workbook import Book, Sheet, cell_address, q, shared_string_text

_MARKER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_NAME = r"[^\W\d]\w*"
_INSIDE = re.compile(rf"^\s*({_NAME})(?:\.({_NAME}))?\s*$")


@dataclass(frozen=True)
class Marker:
    name: str  # the scalar, or the collection
    field: str | None = None  # the field of a collection marker

    def __str__(self) -> str:
        return "{{ " + self.name + (f".{self.field}" if self.field else "") + " }}"


#: Text to fill in: literal strings and markers, in order.
Parts = list["str | Marker"]


@dataclass
class MarkerCell:
    """One template cell whose text holds markers."""

    sheet: str
    ref: str
    element: etree._Element
    parts: Parts
    #: For rich text: (run properties element or None, parts) per run; None when plain.
    runs: list[tuple[etree._Element | None, Parts]] | None = None

    @property
    def whole(self) -> Marker | None:
        """The marker when the cell holds exactly one marker and nothing else."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Marker):
            return self.parts[0]
        return None

    @property
    def markers(self) -> list[Marker]:
        return [p for p in self.parts if isinstance(p, Marker)]

    @property
    def address(self) -> str:
        return cell_address(self.sheet, self.ref)


@dataclass
class CollectionRow:
    """A template row that expands into one row per data row of ``collection``."""

    sheet: str
    row: int
    collection: str
    element: etree._Element
    cells: dict[str, MarkerCell] = field(default_factory=dict)  # by column letters


@dataclass
class SheetMarkers:
    sheet: Sheet
    tree: etree._ElementTree
    scalars: list[MarkerCell] = field(default_factory=list)
    collection_rows: list[CollectionRow] = field(default_factory=list)


def split_markers(text: str, where: str, problems: list[str] | None = None) -> Parts:
    """Split text into literal strings and markers. A malformed or unclosed marker is
    added to ``problems`` (and kept as text), or raised as a TemplateError without it."""
    parts: Parts = []
    found: list[str] = []
    last = 0
    for m in _MARKER.finditer(text):
        inside = _INSIDE.match(m.group(1))
        if not inside:
            found.append(
                f"{where}: malformed marker {m.group(0)!r}; write {{{{ name }}}} or "
                "{{ collection.field }} (letters, digits and _ only)"
            )
            continue
        if m.start() > last:
            parts.append(text[last : m.start()])
        parts.append(Marker(inside.group(1), inside.group(2)))
        last = m.end()
    if last < len(text):
        parts.append(text[last:])
    rest = "".join(p for p in parts if isinstance(p, str))
    if "{{" in _MARKER.sub("", rest):
        start = rest.rindex("{{")
        found.append(f"{where}: unclosed marker {rest[start:start + 30]!r}; close it with }}}}")
    if found and problems is None:
        raise TemplateError(found[0])
    if problems is not None:
        problems.extend(found)
    return parts


def _runs(si: etree._Element, where: str) -> list[tuple[etree._Element | None, Parts]] | None:
    """Per-run parts of a rich shared string, or None when a marker crosses runs."""
    runs = si.findall(q("r"))
    if not runs:
        return None
    out = []
    for run in runs:
        t = run.find(q("t"))
        text = t.text or "" if t is not None else ""
        parts = split_markers(text, where, [])  # the cell's whole text reports problems
        rest = "".join(p for p in parts if isinstance(p, str))
        if "{{" in rest or "}}" in rest:
            return None
        out.append((run.find(q("rPr")), parts))
    return out


def scan_sheet(book: Book, sheet: Sheet, marker_strings: dict[int, str],
               problems: list[str]) -> SheetMarkers:
    """Find every marker cell of one sheet and group collection rows; what is wrong with
    them is added to ``problems``."""
    tree = book.pkg.xml(sheet.part)
    found = SheetMarkers(sheet, tree)
    data = tree.getroot().find(q("sheetData"))
    if data is None:
        return found
    fill_addresses(data)
    for row_el in data.iterfind(q("row")):
        cells: list[MarkerCell] = []
        for c in row_el.iterfind(q("c")):
            kind = c.get("t")
            text = None
            si = None
            if kind == "s":
                v = c.findtext(q("v"))
                if v is not None and v.strip().isdigit() and int(v) in marker_strings:
                    text = marker_strings[int(v)]
                    si = book.shared_strings[int(v)]
            elif kind == "inlineStr":
                is_el = c.find(q("is"))
                if is_el is not None:
                    candidate = shared_string_text(is_el)
                    if "{{" in candidate:
                        text, si = candidate, is_el
            if text is None:
                continue
            ref = c.get("r", "")
            where = cell_address(sheet.name, ref)
            cell = MarkerCell(sheet.name, ref, c, split_markers(text, where, problems))
            if not cell.markers:
                continue
            cell.runs = _runs(si, where) if si is not None else None
            cells.append(cell)
        _group_row(found, row_el, cells, problems)
    return found


def fill_addresses(data: etree._Element) -> None:
    """Give rows and cells that omit ``r`` (allowed, rarely written) their address."""
    row_number_ = 0
    for row_el in data.iterfind(q("row")):
        if row_el.get("r"):
            row_number_ = int(row_el.get("r"))
        else:
            row_number_ += 1
            row_el.set("r", str(row_number_))
        col = 0
        for c in row_el.iterfind(q("c")):
            ref = c.get("r")
            if ref:
                col = column_index(column_letters(ref))
            else:
                col += 1
                c.set("r", f"{letters_of(col)}{row_number_}")


def _group_row(found: SheetMarkers, row_el: etree._Element, cells: list[MarkerCell],
               problems: list[str]) -> None:
    collections = sorted({m.name for c in cells for m in c.markers if m.field is not None})
    if len(collections) > 1:
        names = " and ".join(repr(n) for n in collections)
        problems.append(
            f"sheet {found.sheet.name}, row {row_el.get('r', '?')}: names fields of two "
            f"collections ({names}) at {', '.join(c.address for c in cells)}; a row expands "
            "for one collection only: move one of them to its own row"
        )
        return
    if not collections:
        found.scalars.extend(cells)
        return
    if not cells[0].ref:
        raise TemplateError(f"sheet {found.sheet.name}: a cell without an address")
    row = CollectionRow(
        found.sheet.name, row_number(cells[0].ref), collections[0], row_el,
        {column_letters(c.ref): c for c in cells},
    )
    found.collection_rows.append(row)


def marker_cells_of(scan: SheetMarkers) -> list[MarkerCell]:
    """Every marker cell of a scanned sheet: scalars and collection rows."""
    return scan.scalars + [c for row in scan.collection_rows for c in row.cells.values()]


def scan_book(book: Book) -> list[SheetMarkers]:
    """Scan every worksheet of the template. Raises one TemplateError naming every
    marker that is malformed or sits where it cannot work (see :mod:`.misplaced`)."""
    from .misplaced import misplaced_markers

    marker_strings = {}
    for index, si in enumerate(book.shared_strings):
        text = shared_string_text(si)
        if "{{" in text:
            marker_strings[index] = text
    problems: list[str] = []
    scans = [scan_sheet(book, sheet, marker_strings, problems) for sheet in book.sheets]
    problems += misplaced_markers(book, scans)
    if len(problems) == 1:
        raise TemplateError(problems[0])
    if problems:
        raise TemplateError(f"the template has {len(problems)} markers that cannot work:\n  "
                            + "\n  ".join(problems))
    return scans
