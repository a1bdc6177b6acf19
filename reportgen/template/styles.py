"""Cell style clones: a template cell's style with a number format or a quote prefix added.

A value may need a little more than its template cell's style says: a date in a General
cell needs a date format, text starting with ``=`` needs ``quotePrefix`` so Excel keeps it
text when edited. Each such variant is a copy of the cell's ``xf`` appended to ``cellXfs``
(and a ``numFmt`` appended for a custom format code, ids from 164), created once and reused.
"""

from __future__ import annotations

import copy

from lxml import etree

from reportgen.errors import TemplateError

from .workbook import q

#: Format codes every Excel build knows by number, whatever its locale.
BUILTIN_FORMATS = {
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4,
    "0%": 9, "0.00%": 10, "0.00E+00": 11, "@": 49,
}
FIRST_CUSTOM_FORMAT = 164
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


class StyleBook:
    """The cell formats of ``xl/styles.xml`` and the variants added during a render."""

    def __init__(self, tree: etree._ElementTree | None):
        self.tree = tree
        self.changed = False
        self._variants: dict[tuple[int, str | None, bool], int] = {}
        self._general: dict[int, bool] = {}
        root = tree.getroot() if tree is not None else None
        self._xfs = root.find(q("cellXfs")) if root is not None else None
        self._xf_list = list(self._xfs.iterfind(q("xf"))) if self._xfs is not None else []
        self._numfmts = root.find(q("numFmts")) if root is not None else None
        self._codes: dict[int, str] = {}
        if self._numfmts is not None:
            for el in self._numfmts.iterfind(q("numFmt")):
                try:
                    self._codes[int(el.get("numFmtId", ""))] = el.get("formatCode", "")
                except ValueError:
                    continue

    def is_general(self, style: int) -> bool:
        """True when cells of this style show numbers in the General format."""
        if style not in self._general:
            general = True
            if 0 <= style < len(self._xf_list):
                try:
                    fmt = int(self._xf_list[style].get("numFmtId", "0"))
                except ValueError:
                    fmt = 0
                general = fmt == 0 or self._codes.get(fmt, "").lower() == "general"
            self._general[style] = general
        return self._general[style]

    def wrap_and_size(self, style: int) -> tuple[bool, float]:
        """Whether cells of this style wrap text, and their font size in points."""
        if not 0 <= style < len(self._xf_list):
            return False, 11.0
        xf = self._xf_list[style]
        alignment = xf.find(q("alignment"))
        wraps = alignment is not None and alignment.get("wrapText") in ("1", "true")
        size = 11.0
        root = self.tree.getroot() if self.tree is not None else None
        fonts = root.find(q("fonts")) if root is not None else None
        if fonts is not None:
            font_list = list(fonts.iterfind(q("font")))
            try:
                font = font_list[int(xf.get("fontId", "0"))]
                sz = font.find(q("sz"))
                if sz is not None:
                    size = float(sz.get("val", size))
            except (ValueError, IndexError):
                pass
        return wraps, size

    def has_variant(self, style: int, number_format: str | None, quote: bool) -> bool:
        """Whether :meth:`variant` made this one already (it then adds nothing)."""
        return (style, number_format, quote) in self._variants

    def variant(self, style: int, number_format: str | None = None, quote: bool = False) -> int:
        """The index of ``style`` with a number format and/or quote prefix added."""
        key = (style, number_format, quote)
        found = self._variants.get(key)
        if found is not None:
            return found
        if self._xfs is None:
            raise TemplateError("the template has no cell styles (xl/styles.xml cellXfs)")
        if 0 <= style < len(self._xf_list):
            xf = copy.deepcopy(self._xf_list[style])
        else:
            xf = etree.Element(q("xf"), numFmtId="0", fontId="0", fillId="0", borderId="0")
        if number_format is not None:
            xf.set("numFmtId", str(self._format_id(number_format)))
            xf.set("applyNumberFormat", "1")
        if quote:
            xf.set("quotePrefix", "1")
        xf.tail = None
        self._xfs.append(xf)
        self._xf_list.append(xf)
        self._xfs.set("count", str(len(self._xf_list)))
        index = len(self._xf_list) - 1
        self._variants[key] = index
        self.changed = True
        return index

    def _format_id(self, code: str) -> int:
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        for fmt_id, existing in self._codes.items():
            if existing == code:
                return fmt_id
        new_id = max([FIRST_CUSTOM_FORMAT - 1, *self._codes]) + 1
        root = self.tree.getroot()
        if self._numfmts is None:
            self._numfmts = etree.Element(q("numFmts"))
            root.insert(0, self._numfmts)
        etree.SubElement(self._numfmts, q("numFmt"), numFmtId=str(new_id), formatCode=code)
        self._codes[new_id] = code
        self._numfmts.set("count", str(len(self._codes)))
        return new_id
