"""Markers where they cannot work, named before anything is rendered.

Markers are filled in the text of cells. One written anywhere else would be left as it is
and silently break the workbook: in a formula (a formula error in every client), in a
data-validation list or a conditional format's formula, in a sheet name or a defined
name (never filled), or in a table's header row (the header would repeat, or no longer
match the table's column names). Each is reported with its ``Sheet!Cell`` (or the part).
"""

from __future__ import annotations

from .markers import SheetMarkers, marker_cells_of
from .refs import column_index, column_letters, row_number
from .workbook import Book, cell_address, q

_MOVE = "put the marker in a cell of its own and refer to that cell"


def misplaced_markers(book: Book, scans: list[SheetMarkers]) -> list[str]:
    found: list[str] = []
    root = book.workbook.getroot()
    for sheet in root.iterfind(f"{q('sheets')}/{q('sheet')}"):
        if "{{" in sheet.get("name", ""):
            found.append(f"xl/workbook.xml: the sheet name {sheet.get('name')!r} holds a "
                         "marker; sheet names are never filled (reportgen never names sheets "
                         "from data)")
    for name in root.iterfind(f"{q('definedNames')}/{q('definedName')}"):
        if "{{" in (name.text or "") or "{{" in name.get("name", ""):
            found.append(f"xl/workbook.xml: the defined name {name.get('name')!r} holds a "
                         f"marker; defined names are never filled: {_MOVE}")
    for scan in scans:
        found += _in_sheet(scan)
        found += _in_table_headers(book, scan)
    return found


def _in_sheet(scan: SheetMarkers) -> list[str]:
    found = []
    root = scan.tree.getroot()
    name = scan.sheet.name
    for cell in root.iter(q("c")):
        formula = cell.find(q("f"))
        if formula is not None and "{{" in (formula.text or ""):
            found.append(f"{cell_address(name, cell.get('r', '?'))}: the formula "
                         f"{'=' + (formula.text or '')!r} holds a marker; formulas are "
                         f"never filled: {_MOVE}")
    for rule in root.iter(q("dataValidation")):
        for formula in (rule.find(q("formula1")), rule.find(q("formula2"))):
            if formula is not None and "{{" in (formula.text or ""):
                found.append(f"{cell_address(name, rule.get('sqref', '?'))}: the data "
                             "validation list holds a marker; validation lists are never "
                             f"filled: {_MOVE}, or list a range")
                break
    for block in root.iter(q("conditionalFormatting")):
        if any("{{" in (f.text or "") for f in block.iter(q("formula"))):
            found.append(f"{cell_address(name, block.get('sqref', '?'))}: a conditional "
                         f"format's formula holds a marker; it is never filled: {_MOVE}")
    return found


def _in_table_headers(book: Book, scan: SheetMarkers) -> list[str]:
    headers: list[tuple[int, int, int, str]] = []  # (row, first col, last col, table)
    for part in scan.sheet.related("table"):
        if part not in book.pkg:
            continue
        table = book.pkg.xml(part).getroot()
        if table.get("headerRowCount", "1") == "0":
            continue
        first, _, last = (table.get("ref") or "").partition(":")
        if not last:
            continue
        headers.append((row_number(first), column_index(column_letters(first)),
                        column_index(column_letters(last)), table.get("displayName") or
                        table.get("name") or part))
    found = []
    for cell in marker_cells_of(scan):
        row, col = row_number(cell.ref), column_index(column_letters(cell.ref))
        for header_row, low, high, table in headers:
            if row == header_row and low <= col <= high:
                found.append(f"{cell.address}: a marker in the header row of table {table}; "
                             "a table's headers are fixed text: put the collection's markers "
                             "in the row below the headers")
    return found
