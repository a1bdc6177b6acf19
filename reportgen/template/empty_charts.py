"""Charts with nothing to draw are left out: no empty frame reaches the reader.

A chart whose every series takes its values only from collection rows that received no
data would render as an empty frame with axes. Its anchor is removed from the sheet's
drawing (the chart part stays in the package, unreferenced by any anchor), so the
sheet shows nothing where there is nothing to show. A chart with any value outside an
empty collection row (a fixed cell, a formula, data rows) is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from .package import Package, serialize
from .plan import Plan
from .refs import split_sheet
from .workbook import REL, Book

DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_ROWS = re.compile(r"^\$?[A-Za-z]{1,3}\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?(\d+))?$")
#: elements holding a series' values, by chart type
_VALUES = ("val", "yVal", "bubbleSize")


def empty_rows(plan: Plan, collections: Mapping[str, object]) -> set[tuple[str, int]]:
    """(sheet name lower-cased, template row) of every collection row with no data."""
    return {(sheet.lower(), row) for (sheet, row), placement in plan.placements.items()
            if not len(collections[placement.collection].rows)}  # type: ignore[attr-defined]


def chart_is_empty(pkg: Package, chart: str, empty: set[tuple[str, int]]) -> bool:
    """True when the chart has series and each takes its values only from empty rows."""
    tree = pkg.xml(chart)
    formulas = [f.text or "" for tag in _VALUES
                for values in tree.getroot().iter(f"{{{CHART}}}{tag}")
                for f in values.iter(f"{{{CHART}}}f")]
    literal = [v for tag in _VALUES for v in tree.getroot().iter(f"{{{CHART}}}{tag}")
               if v.find(f".//{{{CHART}}}f") is None]
    if not formulas or literal:
        return False
    return all(_in_empty_rows(formula, empty) for formula in formulas)


def _in_empty_rows(formula: str, empty: set[tuple[str, int]]) -> bool:
    for operand in formula.strip().strip("()").split(","):
        sheet, ref = split_sheet(operand.strip())
        match = _ROWS.match(ref)
        if sheet is None or match is None:
            return False
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if any((sheet.lower(), row) not in empty for row in range(first, last + 1)):
            return False
    return True


def without_empty_charts(book: Book, drawing: str, current: bytes | None,
                         empty: set[tuple[str, int]]) -> bytes | None:
    """The drawing without the anchors of empty charts (None when nothing changes).
    ``current`` is the drawing as already rewritten this render, if it was."""
    pkg = book.pkg
    charts = {r.id: r.target for r in book.relationships(drawing)
              if r.kind == "chart" and not r.external and r.target in pkg}
    if not charts:
        return None
    empty_charts = {rid for rid, part in charts.items() if chart_is_empty(pkg, part, empty)}
    if not empty_charts:
        return None
    tree = etree.ElementTree(etree.fromstring(current)) if current is not None else \
        pkg.xml(drawing)
    root = tree.getroot()
    removed = False
    for anchor in list(root):
        chart = anchor.find(f".//{{{CHART}}}chart")
        if chart is not None and chart.get(f"{{{REL}}}id") in empty_charts:
            root.remove(anchor)
            removed = True
    return serialize(tree) if removed else None
