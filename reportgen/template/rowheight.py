"""Row heights for wrapped text, so a long quote shows in full in Excel and LibreOffice.

Excel fits a row to wrapped text only when a cell is edited, and LibreOffice does not
on load either; a row of wrapped quotes would show one line of each. For each data row
of a collection row whose template row has no height of its own, the height is
estimated from the text length, the column width and the font size. A template row
with a height the designer set (customHeight) keeps it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from lxml import etree

from .refs import column_index
from .values import display_text
from .workbook import q

DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters of the default font
# average width of text relative to the digit "0", with room for word breaks: measured on
# the briefing rendered by LibreOffice with Carlito (Calibri metrics), wrapped lines hold
# 1.19-1.25 times the characters of the column width; 0.85 keeps a margin for long words
CHAR_FACTOR = 0.85
# a wrapped line's height relative to its font size (Excel: 15 points for 11-point Calibri,
# 12.75 for 10-point); the sheet's default row height is that of its default font, so it
# overstates the lines of smaller text
LINE_FACTOR = 1.35


def _sheet_format(sheet: etree._Element, name: str, default: float) -> float:
    """A number of the sheet's ``sheetFormatPr`` (default column width, row height)."""
    fmt = sheet.find(q("sheetFormatPr"))
    try:
        return float(fmt.get(name) or default) if fmt is not None else default
    except ValueError:
        return default


def column_widths(sheet: etree._Element) -> tuple[dict[int, float], float]:
    """Widths (in characters) by 1-based column index, and the sheet's default width."""
    default = _sheet_format(sheet, "defaultColWidth", DEFAULT_WIDTH)
    widths: dict[int, float] = {}
    cols = sheet.find(q("cols"))
    if cols is not None:
        for col in cols.iterfind(q("col")):
            try:
                low, high = int(col.get("min", "0")), int(col.get("max", "0"))
                width = float(col.get("width", default))
            except ValueError:
                continue
            if col.get("hidden") in ("1", "true"):
                width = 0
            for index in range(low, min(high, 16384) + 1):
                widths[index] = width
    return widths, default


class HeightEstimate:
    """``height(row)``: points for one data row, or None when one line is enough;
    ``heights(columns)`` the same for a batch of rows, column by column."""

    def __init__(self, cells: Sequence[tuple[int, float, float]], base: float):
        """``cells``: (field index, column width in characters, font size in points) of
        each wrapped cell that shows a field; ``base``: the sheet's default row height."""
        self.cells = [(i, w, pt) for i, w, pt in cells if w > 0]
        self.base = base
        #: per wrapped cell: its field, the characters a line holds, its line's height
        self._lines = [(i, max(1.0, w * 11.0 / pt / CHAR_FACTOR), pt * LINE_FACTOR)
                       for i, w, pt in self.cells]

    def height(self, row: tuple) -> float | None:
        return self.heights({index: [row[index]] for index, _, _ in self._lines})[0]

    def heights(self, columns: Mapping[int, Sequence[object]]) -> list[float | None]:
        """The height of each row of a batch; ``columns``: field index -> its values."""
        needed: list[float] | None = None
        line_height: list[float] = []
        for index, per_line, height in self._lines:
            values = columns[index]
            if needed is None:
                needed = [1.0] * len(values)
                line_height = [self.base] * len(values)
            texts = [v if v.__class__ is str else display_text(v) for v in values]
            if "\n" in "".join(texts):
                counts = [sum(max(1, math.ceil(len(part) / per_line))
                              for part in text.split("\n")) if text else 0
                          for text in texts]
            else:  # an empty text counts 0 lines: it never sets the height
                counts = [math.ceil(len(text) / per_line) for text in texts]
            for i, lines in enumerate(counts):
                if lines > needed[i]:
                    needed[i] = lines
                    line_height[i] = height
        if needed is None:
            return [None] * len(next(iter(columns.values()), [None]))
        return [None if lines <= 1 else math.ceil((lines * points + 2) * 4) / 4
                for lines, points in zip(needed, line_height, strict=True)]

    @classmethod
    def for_row(cls, sheet: etree._Element, crow_element: etree._Element, styles,
                shown: Sequence[tuple[str, int | None, int]]) -> HeightEstimate | None:
        """``shown``: (column letters, field index or None, style) per cell of the row."""
        if crow_element.get("customHeight") in ("1", "true"):
            return None
        widths, default = column_widths(sheet)
        base = _sheet_format(sheet, "defaultRowHeight", 15.0)
        cells = []
        for letters, field, style in shown:
            if field is None:
                continue
            wraps, points = styles.wrap_and_size(style)
            if wraps:
                cells.append((field, widths.get(column_index(letters), default), points))
        return cls(cells, base) if cells else None
