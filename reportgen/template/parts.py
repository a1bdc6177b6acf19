"""The parts around the worksheets: names, tables, charts, drawings, comments, pivots.

Each function takes the template's part and returns the rendered bytes, or None when the
part stays byte-for-byte as it was. What cannot be kept correct is said in a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lxml import etree

from reportgen.errors import TemplateError

from .package import Package, serialize
from .refs import MAX_ROWS, RowShift, shift_formula, shift_ref
from .workbook import CONTENT_TYPES, PKG_REL, Book, Sheet, q

DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CALC_CHAIN = "calcChain"
#: Elements that come after <calcPr> in a workbook (CT_Workbook order).
AFTER_CALCPR = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")
_CACHES = ("numCache", "strCache", "multiLvlStrCache")


def workbook_xml(book: Book, shifts: Mapping[str, RowShift]) -> bytes:
    """Defined names shifted; formulas set to recalculate when the file is opened."""
    root = book.workbook.getroot()
    by_index = {s.index: s.name for s in book.sheets}
    for name in root.iter(q("definedName")):
        local = name.get("localSheetId")
        own = by_index.get(int(local)) if local and local.isdigit() else None
        if name.text:
            name.text = shift_formula(name.text, own, shifts)
    calc = root.find(q("calcPr"))
    if calc is None:
        calc = etree.Element(q("calcPr"))
        after = [c for c in root if etree.QName(c).localname in AFTER_CALCPR]
        if after:
            after[0].addprevious(calc)
        else:
            root.append(calc)
    calc.set("fullCalcOnLoad", "1")
    return serialize(book.workbook)


def without_calc_chain(pkg: Package, part: str) -> bytes | None:
    """A relationships or content-types part with the calculation chain taken out."""
    tree = pkg.xml(part)
    root = tree.getroot()
    removed = False
    for el in list(root):
        tag = etree.QName(el).localname
        if tag == "Relationship" and el.get("Type", "").endswith("/" + CALC_CHAIN):
            root.remove(el)
            removed = True
        elif tag == "Override" and el.get("PartName", "").lower().endswith("/calcchain.xml"):
            root.remove(el)
            removed = True
    return serialize(tree) if removed else None


def ensure_rels_default(pkg: Package, data: bytes | None) -> bytes | None:
    """Content types with a Default for .rels parts, which new relationship parts need."""
    tree = etree.ElementTree(etree.fromstring(data)) if data else pkg.xml("[Content_Types].xml")
    root = tree.getroot()
    for el in root.iterfind(f"{{{CONTENT_TYPES}}}Default"):
        if el.get("Extension", "").lower() == "rels":
            return data
    etree.SubElement(root, f"{{{CONTENT_TYPES}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    root.insert(0, root[-1])
    return serialize(tree)


def _shift_ref_attributes(elements, shift: RowShift) -> bool:
    """Shift the ``ref`` attribute of each element; True if any changed."""
    changed = False
    for el in elements:
        ref = el.get("ref")
        if ref:
            new = shift_ref(ref, shift)
            if new != ref:
                el.set("ref", new)
                changed = True
    return changed


def table_xml(pkg: Package, part: str, shift: RowShift) -> bytes | None:
    """A table's range, its filter and its sort: they grow with the data."""
    tree = pkg.xml(part)
    root = tree.getroot()
    elements = [root, *root.iter(q("autoFilter"), q("sortState"), q("sortCondition"))]
    return serialize(tree) if _shift_ref_attributes(elements, shift) else None


def chart_xml(pkg: Package, part: str, shifts: Mapping[str, RowShift],
              reads_change: Callable[[str], bool], warnings: list[str]) -> bytes | None:
    """Chart series formulas shifted; the cached values of a series that reads anything
    the render changes (``reads_change``) are dropped so clients re-read them.

    A series along a collection row (series in rows) stays on its row: it shows the
    first data row, and a warning says so.
    """
    tree = pkg.xml(part)
    changed = False
    for f in list(tree.getroot().iter("{*}f")):
        text = f.text or ""
        new = shift_formula(text, None, shifts, grow_single=True, keep_rows=True)
        if new != shift_formula(text, None, shifts, grow_single=True):
            warnings.append(
                f"{part}: the chart series {text} runs along a collection row; it stays "
                f"on that row as {new} and shows the first data row only (put series in "
                "columns to chart every row)"
            )
        if new != text:
            f.text = new
            changed = True
        if text and reads_change(text):
            for sibling in list(f.itersiblings()):
                if etree.QName(sibling).localname in _CACHES:
                    f.getparent().remove(sibling)
                    changed = True
    return serialize(tree) if changed else None


def drawing_xml(pkg: Package, part: str, shift: RowShift) -> bytes | None:
    """Pictures, shapes and charts below a collection row move down; none is stretched."""
    tree = pkg.xml(part)
    changed = False
    for anchor in tree.getroot().iter(f"{{{DRAWING}}}twoCellAnchor",
                                      f"{{{DRAWING}}}oneCellAnchor"):
        start = anchor.find(f"{{{DRAWING}}}from/{{{DRAWING}}}row")
        if start is None or not (start.text or "").strip().isdigit():
            continue
        old = int(start.text) + 1
        moved = shift.start(old) - old
        if not moved:
            continue
        changed = True
        start.text = str(int(start.text) + moved)
        end = anchor.find(f"{{{DRAWING}}}to/{{{DRAWING}}}row")
        if end is not None and (end.text or "").strip().isdigit():
            end.text = str(min(int(end.text) + moved, MAX_ROWS - 1))
    return serialize(tree) if changed else None


def comments_xml(pkg: Package, part: str, shift: RowShift) -> bytes | None:
    """Comments (notes and threaded comments) keep to their cells."""
    tree = pkg.xml(part)
    elements = tree.getroot().iter("{*}comment", "{*}threadedComment")
    return serialize(tree) if _shift_ref_attributes(elements, shift) else None


def vml_xml(pkg: Package, part: str, shift: RowShift, sheet: Sheet,
            warnings: list[str]) -> bytes | None:
    """The boxes of legacy notes: their row and anchor move with their cell."""
    try:
        tree = pkg.xml(part)
    except TemplateError as exc:
        if "DOCTYPE" in str(exc):
            raise
        warnings.append(
            f"sheet {sheet.name}: the note boxes in {part} could not be read, so notes below "
            "a collection row may show at their old position until edited"
        )
        return None
    changed = False
    x = "{urn:schemas-microsoft-com:office:excel}"
    for data in tree.getroot().iter(f"{x}ClientData"):
        # notes name their cell (x:Row); form controls and OLE objects only their anchor
        row = data.find(f"{x}Row")
        anchor = data.find(f"{x}Anchor")
        numbers = [n.strip() for n in anchor.text.split(",")] if (
            anchor is not None and anchor.text) else []
        if row is not None and (row.text or "").strip().isdigit():
            top = int(row.text)
        elif len(numbers) == 8 and numbers[2].isdigit():
            top = int(numbers[2])
        else:
            continue
        moved = shift.start(top + 1) - (top + 1)
        if not moved:
            continue
        if row is not None and (row.text or "").strip().isdigit():
            row.text = str(int(row.text) + moved)
        if len(numbers) == 8 and numbers[2].isdigit() and numbers[6].isdigit():
            numbers[2] = str(int(numbers[2]) + moved)
            numbers[6] = str(min(int(numbers[6]) + moved, MAX_ROWS - 1))
            anchor.text = ", ".join(numbers)
        changed = True
    return serialize(tree) if changed else None


def pivot_cache_xml(pkg: Package, part: str, shifts: Mapping[str, RowShift],
                    warnings: list[str], tables: Mapping[str, tuple[str, str]],
                    names: Mapping[str, str]) -> bytes | None:
    """A pivot cache over data that grew refreshes when opened, with a warning.

    Its source is a range (which follows the data), an Excel Table or a defined name
    (``tables`` and ``names``, lower-cased, give their sheet and range or formula; both
    grow on their own).
    """
    tree = pkg.xml(part)
    source = tree.getroot().find(f"{q('cacheSource')}/{q('worksheetSource')}")
    if source is None:
        return None
    if source.get("name"):
        name = source.get("name", "")
        if name.lower() in tables:
            sheet, ref = tables[name.lower()]
            shift = shifts.get(sheet.lower())
            grown = bool(shift) and shift_ref(ref, shift) != ref
            what = f"the Excel Table {name} ({sheet}!{ref})"
        else:
            formula = names.get(name.lower(), "")
            grown = bool(formula) and shift_formula(formula, None, shifts) != formula
            what = f"the defined name {name} ({formula})"
        if not grown:
            return None
        tree.getroot().set("refreshOnLoad", "1")
        warnings.append(
            f"{part}: the pivot table data, {what}, grew; the pivot table shows the "
            "template's data until it is refreshed (Excel refreshes it on open; elsewhere "
            "use Data > Refresh)"
        )
        return serialize(tree)
    if not source.get("ref") or not source.get("sheet"):
        return None
    shift = shifts.get(source.get("sheet", "").lower())
    if not shift:
        return None
    ref = source.get("ref", "")
    new = shift_ref(ref, shift)
    if new == ref:
        return None
    source.set("ref", new)
    tree.getroot().set("refreshOnLoad", "1")
    warnings.append(
        f"{part}: the pivot table data {source.get('sheet')}!{ref} grew to {new}; the pivot "
        "table shows the template's data until it is refreshed (Excel refreshes it on open; "
        "elsewhere use Data > Refresh)"
    )
    return serialize(tree)


def tables_by_name(book: Book) -> dict[str, tuple[str, str]]:
    """Every Excel Table of the template by lower-cased name: (its sheet, its range)."""
    found: dict[str, tuple[str, str]] = {}
    for sheet in book.sheets:
        for part in sheet.related("table"):
            root = book.pkg.xml(part).getroot()
            for key in ("name", "displayName"):
                if root.get(key):
                    found[root.get(key, "").lower()] = (sheet.name, root.get("ref", ""))
    return found


def workbook_names(book: Book) -> dict[str, str]:
    """Workbook-level defined names by lower-cased name: their formula text."""
    return {(el.get("name") or "").lower(): el.text or ""
            for el in book.workbook.getroot().iter(q("definedName"))
            if el.get("localSheetId") is None}


def pivot_table_xml(pkg: Package, part: str, shift: RowShift, sheet: Sheet,
                    warnings: list[str]) -> bytes | None:
    tree = pkg.xml(part)
    location = tree.getroot().find(q("location"))
    if location is None or not location.get("ref"):
        return None
    ref = location.get("ref", "")
    new = shift_ref(ref, shift)
    if new == ref:
        return None
    location.set("ref", new)
    warnings.append(
        f"sheet {sheet.name}: the pivot table in {part} was moved from {ref} to {new}; "
        "check it after refreshing"
    )
    return serialize(tree)


def rels_with_links(pkg: Package, part: str | None,
                    data: bytes | None = None) -> tuple[etree._ElementTree, str]:
    """A sheet's relationships tree (new if it had none) and the prefix its elements use;
    ``data``: the relationships to start from instead of the part's."""
    if data:
        tree = etree.ElementTree(etree.fromstring(data))
    elif part and part in pkg:
        tree = pkg.xml(part)
    else:
        tree = etree.ElementTree(etree.Element(f"{{{PKG_REL}}}Relationships",
                                               nsmap={None: PKG_REL}))
    root = tree.getroot()
    return tree, f"{root.prefix}:" if root.prefix else ""
