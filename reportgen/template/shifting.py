"""Shifting the references inside one worksheet part when collection rows expand.

Rows and cells below an expanded row get new numbers; formulas anywhere in the sheet that
point at an expanded sheet are rewritten; and the sheet's ranges (dimension, panes,
merges, conditional formats, validations, hyperlinks, filters, page breaks and the x14
extensions) follow Excel's insert-rows rule described in :mod:`refs`.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .plan import Plan
from .refs import (
    MAX_ROWS,
    RowShift,
    column_letters,
    consecutive,
    row_number,
    shift_formula,
    shift_ref,
    shift_sqref,
)
from .workbook import cell_address, q

XM = "http://schemas.microsoft.com/office/excel/2006/main"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
#: Above this many areas a format on block rows spans the repeats instead of listing them.
MAX_AREAS = 2000


class ReferenceShifter:
    def __init__(self, sheet: str, plan: Plan, warnings: list[str]):
        self.sheet = sheet
        self.plan = plan
        self.warnings = warnings
        self.shifts = {name: s for name, s in plan.shifts.items() if s}
        self.shift = plan.shifts.get(sheet.lower()) or RowShift()
        self.changed = False

    def _set(self, el: etree._Element, attr: str, value: str | None) -> None:
        if value is not None and el.get(attr) != value:
            el.set(attr, value)
            self.changed = True

    def _text(self, el: etree._Element, value: str | None) -> None:
        if value is not None and el.text != value:
            el.text = value
            self.changed = True

    def formula(self, text: str | None, grow_single: bool = False) -> str | None:
        if not text or not self.shifts:
            return text
        return shift_formula(text, self.sheet, self.shifts, grow_single=grow_single)

    def ref(self, ref: str | None) -> str | None:
        """A cell stays a cell (moving when below); a range grows or moves."""
        if not ref or not self.shift:
            return ref
        return shift_ref(ref, self.shift)

    def sqref(self, sqref: str | None, grow: bool = True, repeats: bool = False) -> str | None:
        """``repeats``: a range inside a repeated block lists the same rows of every repeat
        (for formats and validations, whose ``sqref`` may be a list)."""
        if not sqref or not self.shift:
            return sqref
        if grow:
            return " ".join((self._in_blocks(part) if repeats else None)
                            or shift_sqref(part, self.shift) for part in sqref.split())
        return " ".join(shift_ref(part, self.shift) for part in sqref.split())

    def _in_blocks(self, part: str) -> str | None:
        """A range inside a repeated block, as the same rows of every repeat (``B4 B7
        B9``); None when it is not inside one or the repeats would make too long a list."""
        first, _, last = part.replace("$", "").partition(":")
        last = last or first
        try:
            r1, r2 = row_number(first), row_number(last)
        except ValueError:
            return None
        for plan in self._blocks():
            block = plan.block
            if not (block.first <= r1 and r2 <= block.last):
                continue
            c1, c2 = column_letters(first), column_letters(last)
            out: list[str] = []
            for lines in plan.layout:
                rows = [out_row for row, out_row, _ in lines if r1 <= row <= r2]
                for start, end in consecutive(rows):
                    out.append(f"{c1}{start}" if (start, c1) == (end, c2) else
                               f"{c1}{start}:{c2}{end}")
            return " ".join(out) if 0 < len(out) <= MAX_AREAS else None
        return None

    def unshare_formulas(self, data: etree._Element, texts: dict[str, str],
                         rows: set[int]) -> None:
        """Give each cell of a shared formula its own text where the group must change.

        A group stays shared when none of its cells sits on a collection row (``rows``)
        or moves, and no cell's formula reads a shifted range; ``texts`` holds every
        formula cell's own text (:func:`stale.effective_formulas`).
        """
        groups: dict[str, list[etree._Element]] = {}
        for f in data.iter(q("f")):
            if f.get("t") == "shared":
                groups.setdefault(f.get("si", ""), []).append(f)
        for members in groups.values():
            refs = [f.getparent().get("r", "") for f in members]
            if not self._must_unshare(refs, texts, rows):
                continue
            for f, ref in zip(members, refs, strict=True):
                text = texts.get(ref)
                if text is None:
                    continue
                if not f.text:
                    if text == "INDIRECT()":  # could not be translated
                        self.warnings.append(
                            f"{cell_address(self.sheet, ref)}: a shared formula could not be "
                            "copied; check it after rendering"
                        )
                        continue
                    f.text = text
                for attr in ("t", "si", "ref"):
                    f.attrib.pop(attr, None)
                self.changed = True

    def _must_unshare(self, refs: list[str], texts: dict[str, str], rows: set[int]) -> bool:
        for ref in refs:
            row = row_number(ref) if ref else 0
            if row in rows or (self.shift and self.shift.start(row) != row):
                return True
            text = texts.get(ref)
            if text and self.formula(text) != text:
                return True
        return False

    def drop_cached_values(self, data: etree._Element, stale: set[str]) -> None:
        """Forget the last result of each formula whose value the render may change.

        ``fullCalcOnLoad`` makes Excel recalculate, but LibreOffice by default trusts a
        cached result; a formula without one is always calculated. Results that cannot
        have changed are kept, for readers that never calculate.
        """
        for f in data.iter(q("f")):
            c = f.getparent()
            if c.get("r", "") not in stale:
                continue
            v = c.find(q("v"))
            if v is not None:
                c.remove(v)
                self.changed = True
            if c.get("t") in ("str", "n", "b", "e"):
                del c.attrib["t"]
                self.changed = True

    def hide(self, row_el: etree._Element) -> None:
        """A row whose condition does not hold is hidden."""
        self._set(row_el, "hidden", "1")

    def row(self, row_el: etree._Element) -> None:
        """Renumber a template row and its cells, and shift its formulas."""
        old = int(row_el.get("r", "0"))
        new = self.shift.start(old) if self.shift else old
        if new != old:
            self._set(row_el, "r", str(new))
        for c in row_el.iterfind(q("c")):
            if new != old:
                self._set(c, "r", column_letters(c.get("r", "")) + str(new))
            f = c.find(q("f"))
            if f is not None:
                self._text(f, self.formula(f.text))
                if f.get("ref"):
                    self._set(f, "ref", self.ref(f.get("ref")))
                for attr in ("r1", "r2"):
                    if f.get(attr):
                        self._set(f, attr, self.ref(f.get(attr)))

    def sheet_parts(self, root: etree._Element,
                    merge_slot: Callable[[list], etree._Comment]) -> None:
        """Shift every range of the sheet outside its cells."""
        el = root.find(q("dimension"))
        if el is not None:
            self._set(el, "ref", self.ref(el.get("ref")))
        for view in root.iter(q("sheetView")):
            self._set(view, "topLeftCell", self.ref(view.get("topLeftCell")))
            for pane in view.iterfind(q("pane")):
                self._set(pane, "topLeftCell", self.ref(pane.get("topLeftCell")))
                split = pane.get("ySplit")
                if split and split.isdigit() and self.shift and pane.get("state") in (
                        "frozen", "frozenSplit"):
                    self._set(pane, "ySplit", str(self.shift.start(int(split) + 1) - 1))
            for sel in view.iterfind(q("selection")):
                self._set(sel, "activeCell", self.ref(sel.get("activeCell")))
                self._set(sel, "sqref", self.sqref(sel.get("sqref"), grow=False))
        self._merges(root, merge_slot)
        self._object_anchors(root)
        for cf in root.iterfind(q("conditionalFormatting")):
            self._set(cf, "sqref", self.sqref(cf.get("sqref"), repeats=True))
            for f in cf.iter(q("formula")):
                self._text(f, self.formula(f.text))
        for dv in root.iter(q("dataValidation")):
            self._set(dv, "sqref", self.sqref(dv.get("sqref"), repeats=True))
            for tag in ("formula1", "formula2"):
                for f in dv.iter(q(tag)):
                    self._text(f, self.formula(f.text))
        for link in root.iter(q("hyperlink")):
            self._set(link, "ref", self.sqref(link.get("ref")))
            if link.get("location"):
                self._set(link, "location", self.formula(link.get("location")))
        for tag in ("autoFilter", "sortState", "sortCondition"):
            for el in root.iter(q(tag)):
                self._set(el, "ref", self.ref(el.get("ref")))
        for tag in ("protectedRange", "ignoredError"):
            for el in root.iter(q(tag)):
                self._set(el, "sqref", self.sqref(el.get("sqref")))
        breaks = root.find(q("rowBreaks"))
        if breaks is not None and self.shift:
            for brk in breaks.iterfind(q("brk")):
                if (brk.get("id") or "").isdigit():
                    self._set(brk, "id", str(self.shift.end(int(brk.get("id")))))
        ext = root.find(q("extLst"))
        if ext is not None:
            for el in ext.iter(f"{{{XM}}}sqref"):
                # a sparkline sits in one cell: it stays a cell (the first data row)
                sparkline = etree.QName(el.getparent()).localname == "sparkline"
                self._text(el, self.sqref(el.text, grow=not sparkline, repeats=not sparkline))
            for el in ext.iter(f"{{{XM}}}f"):
                if etree.QName(el.getparent()).localname == "sparkline":
                    self._sparkline_data(el)
                else:
                    self._text(el, self.formula(el.text))

    def formula_keeping_rows(self, text: str | None) -> str | None:
        if not text or not self.shifts:
            return text
        return shift_formula(text, self.sheet, self.shifts, keep_rows=True)

    def _sparkline_data(self, el: etree._Element) -> None:
        """A sparkline's data along a collection row stays on that row (with a warning)."""
        new = self.formula_keeping_rows(el.text)
        if new != self.formula(el.text):
            where = el.getparent().findtext(f"{{{XM}}}sqref") or "?"
            self.warnings.append(
                f"{cell_address(self.sheet, where)}: the sparkline's data {el.text} runs "
                "along a collection row; it stays on that row and shows the first data row "
                "only"
            )
        self._text(el, new)

    def _object_anchors(self, root: etree._Element) -> None:
        """OLE objects and form controls (Excel 2010 anchors) move with their rows."""
        if not self.shift:
            return
        for anchor in root.iter(q("anchor")):
            start = anchor.find(f"{q('from')}/{{{XDR}}}row")
            if start is None or not (start.text or "").strip().isdigit():
                continue
            old = int(start.text) + 1
            moved = self.shift.start(old) - old
            if not moved:
                continue
            self._text(start, str(int(start.text) + moved))
            end = anchor.find(f"{q('to')}/{{{XDR}}}row")
            if end is not None and (end.text or "").strip().isdigit():
                self._text(end, str(min(int(end.text) + moved, MAX_ROWS - 1)))

    def _merges(self, root: etree._Element, merge_slot: Callable[[list], etree._Comment]) -> None:
        merges = root.find(q("mergeCells"))
        if merges is None or not (self.shift or self._blocks()):
            return
        counts = {p.template_row: (p.first_row, p.count)
                  for (sheet, _), p in self.plan.placements.items() if sheet == self.sheet}
        repeats: list = []
        blocks = self._blocks()
        for m in list(merges.iterfind(q("mergeCell"))):
            ref = m.get("ref", "")
            first, _, last = ref.partition(":")
            if not last:
                continue
            r1, r2 = row_number(first), row_number(last)
            block = next((b for b in blocks if b.block.first <= r1 and r2 <= b.block.last),
                         None)
            if block is not None:
                refs = []
                c1, c2 = column_letters(first), column_letters(last)
                for rows in block.layout:
                    if r1 == r2:  # every repeat of the row, nested records included
                        refs += [f"{c1}{out}:{c2}{out}" for row, out, _ in rows if row == r1]
                        continue
                    tops = [out for row, out, _ in rows if row == r1]
                    bottoms = [out for row, out, _ in rows if row == r2]
                    if tops and bottoms:
                        refs.append(f"{c1}{tops[0]}:{c2}{bottoms[-1]}")
                if refs:
                    self._set(m, "ref", refs[0])
                    repeats.extend(refs[1:])
                else:
                    merges.remove(m)
                    self.changed = True
                continue
            if r1 == r2 and r1 in counts:
                start, count = counts[r1]
                self._set(m, "ref", f"{column_letters(first)}{start}:{column_letters(last)}{start}")
                if count > 1:
                    repeats.append((column_letters(first), column_letters(last),
                                    start + 1, start + count))
                continue
            new = self.ref(ref)
            if any(r1 <= row <= r2 for row in counts) and new != ref:
                self.warnings.append(
                    f"{cell_address(self.sheet, ref)}: the merged cells {ref} span a collection "
                    f"row and other rows; they were stretched to {new}"
                )
            self._set(m, "ref", new)
        if repeats:
            merges.append(merge_slot(repeats))
            total = len(merges.findall(q("mergeCell"))) + sum(
                1 if isinstance(r, str) else r[3] - r[2] for r in repeats)
            self._set(merges, "count", str(total))

    def _blocks(self) -> list:
        return [b for (sheet, _), b in self.plan.blocks.items() if sheet == self.sheet]
