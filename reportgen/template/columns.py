"""Hiding columns in a worksheet's ``<cols>``: where a column condition does not hold.

A column is hidden, never removed, so every reference to it stays valid and a reader can
show it again in Excel. Each ``<col>`` element describes a run of columns (``min`` to
``max``) with one width and style; a run holding both hidden and shown columns is split,
each piece keeping every attribute of the original (width, style, outline level), and a
column no ``<col>`` describes gets one of the sheet's default width. Nothing else in
``<cols>`` changes, so a template's outline groups and widths are kept as designed.
"""

from __future__ import annotations

import copy
from collections.abc import Collection

from lxml import etree

from .refs import consecutive
from .workbook import q

# Excel's default column width in a <col> (8.43 characters of Calibri 11, with padding)
DEFAULT_COL_WIDTH = "9.140625"


def hide_columns(root: etree._Element, columns: Collection[int]) -> bool:
    """Mark ``columns`` (1-based) hidden in the worksheet ``root``; True when it changed."""
    wanted = set(columns)
    if not wanted:
        return False
    cols = root.find(q("cols"))
    if cols is None:
        cols = etree.Element(q("cols"))
        data = root.find(q("sheetData"))
        if data is None:
            return False
        data.addprevious(cols)
    changed = False
    described: set[int] = set()
    for col in list(cols.iterfind(q("col"))):
        try:
            low, high = int(col.get("min", "")), int(col.get("max", ""))
        except ValueError:
            continue
        described.update(range(low, high + 1))
        if col.get("hidden") in ("1", "true") or not wanted.intersection(range(low, high + 1)):
            continue
        for start, end, hide in _runs(low, high, wanted):
            piece = copy.deepcopy(col)  # with its tail: the layout's whitespace stays
            piece.set("min", str(start))
            piece.set("max", str(end))
            if hide:
                piece.set("hidden", "1")
            col.addprevious(piece)
        cols.remove(col)
        changed = True
    default = _default_width(root)
    for start, end in consecutive(sorted(wanted - described)):
        new = etree.Element(q("col"), min=str(start), max=str(end), width=default, hidden="1")
        later = [c for c in cols.iterfind(q("col")) if _min(c) > end]
        if later:
            later[0].addprevious(new)
        else:
            cols.append(new)
        changed = True
    return changed


def _runs(low: int, high: int, wanted: set[int]) -> list[tuple[int, int, bool]]:
    """``low``..``high`` as runs of columns to hide and to keep: (first, last, hide)."""
    runs: list[tuple[int, int, bool]] = []
    for column in range(low, high + 1):
        hide = column in wanted
        if runs and runs[-1][2] == hide:
            runs[-1] = (runs[-1][0], column, hide)
        else:
            runs.append((column, column, hide))
    return runs



def _min(col: etree._Element) -> int:
    try:
        return int(col.get("min", "0"))
    except ValueError:
        return 0


def _default_width(root: etree._Element) -> str:
    fmt = root.find(q("sheetFormatPr"))
    width = fmt.get("defaultColWidth") if fmt is not None else None
    return width or DEFAULT_COL_WIDTH
