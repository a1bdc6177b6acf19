"""Charts and series with nothing to draw are left out: no empty frame reaches the reader.

A series whose values come only from collection cells that received no data (the
collection has no rows, or the field its column shows is empty in every row) would draw
nothing but a legend entry; it is removed from its chart. A chart left with no series
would render as an empty frame with axes: its anchor is removed from the sheet's drawing
(the chart part stays in the package, unreferenced by any anchor). A series with any
value outside such cells (a fixed cell, data) is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from .markers import SheetMarkers
from .package import Package, serialize
from .refs import split_sheet
from .workbook import REL, Book

DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_RANGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")
#: elements holding a series' values, by chart type
_VALUES = ("val", "yVal", "bubbleSize")


Cells = set[tuple[str, int, str | None]]  # (sheet lower-cased, template row, column or None)


def empty_cells(scans: list[SheetMarkers], collections: Mapping[str, object]) -> Cells:
    """Template cells of collection rows that receive no data: a whole row (column None)
    for a collection without rows; a column whose field is empty in every row."""
    found: Cells = set()
    for scan in scans:
        sheet = scan.sheet.name.lower()
        for crow in scan.collection_rows:
            collection = collections[crow.collection]
            rows = collection.rows  # type: ignore[attr-defined]
            if not len(rows):
                found.add((sheet, crow.row, None))
                continue
            fields = list(collection.fields)  # type: ignore[attr-defined]
            for column, cell in crow.cells.items():
                marker = cell.whole
                if marker is None or marker.field not in fields:
                    continue
                index = fields.index(marker.field)
                if all(row[index] is None for row in rows):
                    found.add((sheet, crow.row, column.upper()))
    return found


def _series_values(series: etree._Element) -> list[str] | None:
    """The formulas a series takes its values from; None when any value is literal."""
    formulas = []
    for tag in _VALUES:
        for values in series.iter(f"{{{CHART}}}{tag}"):
            found = [f.text or "" for f in values.iter(f"{{{CHART}}}f")]
            if not found:
                return None
            formulas += found
    return formulas


def _in_empty_cells(formula: str, empty: Cells) -> bool:
    for operand in formula.strip().strip("()").split(","):
        sheet, ref = split_sheet(operand.strip())
        match = _RANGE.match(ref)
        if sheet is None or match is None:
            return False
        sheet = sheet.lower()
        first_col, first, last_col, last = match.groups()
        column = first_col.upper()
        if last_col and last_col.upper() != column:
            return False  # a block of several columns: kept as it is
        for row in range(int(first), int(last or first) + 1):
            if (sheet, row, None) not in empty and (sheet, row, column) not in empty:
                return False
    return True


def _empty_series(tree: etree._ElementTree, empty: Cells) -> list[etree._Element]:
    found = []
    for series in tree.getroot().iter(f"{{{CHART}}}ser"):
        formulas = _series_values(series)
        if formulas and all(_in_empty_cells(f, empty) for f in formulas):
            found.append(series)
    return found


def without_empty_series(book: Book, empty: Cells, out: dict[str, bytes | None]) -> None:
    """Remove empty series from charts and the anchors of charts left with none; the new
    parts go into ``out`` (which may already hold this render's version of a part)."""
    pkg = book.pkg
    for sheet in book.sheets:
        for drawing in sheet.related("drawing"):
            charts = {r.id: r.target for r in book.relationships(drawing)
                      if r.kind == "chart" and not r.external and r.target in pkg}
            dropped = set()
            for rid, chart in charts.items():
                # emptiness is judged on the template's references (template rows); the
                # series are removed from this render's version (references shifted)
                template = pkg.xml(chart)
                empties = _empty_series(template, empty)
                if not empties:
                    continue
                every = list(template.getroot().iter(f"{{{CHART}}}ser"))
                if len(empties) == len(every):
                    dropped.add(rid)
                    continue
                tree = _tree(pkg, chart, out)
                current = list(tree.getroot().iter(f"{{{CHART}}}ser"))
                for index in sorted(every.index(s) for s in empties):
                    current[index].getparent().remove(current[index])
                out[chart] = serialize(tree)
            if dropped:
                tree = _tree(pkg, drawing, out)
                root = tree.getroot()
                for anchor in list(root):
                    chart = anchor.find(f".//{{{CHART}}}chart")
                    if chart is not None and chart.get(f"{{{REL}}}id") in dropped:
                        root.remove(anchor)
                out[drawing] = serialize(tree)


def _tree(pkg: Package, part: str, out: dict[str, bytes | None]) -> etree._ElementTree:
    current = out.get(part)
    if current is None:
        return pkg.xml(part)
    return etree.ElementTree(etree.fromstring(current))  # our own serialisation: safe
