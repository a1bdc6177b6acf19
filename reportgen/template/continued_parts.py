"""What a continuation sheet is made of: its own copy of the template sheet, tables,
relationships, content types and local names (:mod:`.continuation` decides which sheets
continue, and where).

A copy's Excel Tables get their own part, id and name (``Trade_2``), and the formulas of
the copy (cells, conditional formats, validations, calculated columns) that name the
template's table name the copy's; its relationships point at its own tables; its local
names (print titles, print area) read its own rows.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence

from lxml import etree

from .blocks import Directives
from .continuation import Continuation, Piece
from .formula import range_operands
from .markers import SheetMarkers, scan_sheet
from .package import Package, serialize
from .refs import RowShift, shift_formula, shift_ref
from .repeated import marker_strings, rename_in, untab
from .workbook import CONTENT_TYPES, PKG_REL, REL, Book, Sheet, q, rels_part_of, resolve

_TABLE_REL = REL + "/table"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"


def piece_scan(book: Book, cont: Continuation, piece: Piece) -> SheetMarkers:
    """A continuation sheet's own copy of the template sheet, its tables renamed in its
    formulas; not the selected tab."""
    scan = scan_sheet(book, cont.sheet, marker_strings(book), [])  # checked once
    renames = cont.table_names(book, piece)
    if renames:
        rename_tables(scan.tree.getroot(), renames)
    untab(scan.tree.getroot())
    scan.sheet = Sheet(piece.name, piece.part, cont.sheet.index, cont.sheet.rels)
    return scan


def register(directives: Directives, hidden_columns: dict[str, set[int]],
             cont: Continuation) -> None:
    """The template sheet's blocks, conditional rows and hidden columns hold on every
    continuation sheet (a column is hidden when no record of the whole collection has
    its field, so on all of them or none)."""
    key = cont.sheet.name.lower()
    for piece in cont.pieces[1:]:
        own = piece.name.lower()
        for found in (directives.blocks, directives.scalar_conditions, hidden_columns):
            if key in found:
                found[own] = found[key]  # type: ignore[index]


_FORMULA_TAGS = ("f", "formula", "formula1", "formula2")
XM = "http://schemas.microsoft.com/office/excel/2006/main"


def rename_tables(root: etree._Element, renames: Mapping[str, str]) -> None:
    """Structured references to the tables ``renames`` names (lower-cased) point at their
    new names, in every formula of a sheet or table part."""
    tags = {q(t) for t in _FORMULA_TAGS} | {f"{{{XM}}}f", q("calculatedColumnFormula"),
                                            q("totalsRowFormula")}
    for el in root.iter():
        if el.tag in tags and el.text:
            el.text = renamed_tables(el.text, renames)


def renamed_tables(formula: str, renames: Mapping[str, str]) -> str:
    out, last = [], 0
    for pos, operand in range_operands(formula) or ():
        name = operand.split("[", 1)[0]
        new = renames.get(name.lower())
        if new is not None and (operand == name or operand[len(name):].startswith("[")):
            out.append(formula[last:pos] + new)
            last = pos + len(name)
    return "".join(out) + formula[last:] if out else formula


def sheet_rels(pkg: Package, cont: Continuation, piece: Piece) -> bytes | None:
    """The template sheet's relationships for a continuation sheet: its tables are its
    own (None when the template sheet has no relationships part)."""
    source = rels_part_of(cont.sheet.part)
    if source not in pkg:
        return None
    tree = pkg.xml(source)
    for el in tree.getroot().iterfind(f"{{{PKG_REL}}}Relationship"):
        if el.get("Type") == _TABLE_REL:
            written = el.get("Target", "")
            target = resolve(cont.sheet.part, written)
            if target in piece.tables:
                own = piece.tables[target][0]
                el.set("Target", "/" + own if written.startswith("/") else
                       posixpath.relpath(own, posixpath.dirname(piece.part)))
    return serialize(tree)


def table_parts(book: Book, continued: Mapping[str, Continuation],
                shifts: Mapping[str, RowShift]) -> dict[str, bytes]:
    """Each continuation sheet's own tables: the template's, with their own id and name,
    their range (and filter, sort) grown by that sheet's rows."""
    out = {}
    for cont in continued.values():
        for piece in cont.pieces[1:]:
            shift = shifts.get(piece.name.lower()) or RowShift()
            renames = cont.table_names(book, piece)
            for template, (part, number, name) in piece.tables.items():
                tree = book.pkg.xml(template)
                root = tree.getroot()
                root.set("id", str(number))
                root.set("name", name)
                root.set("displayName", name)
                for el in [root, *root.iter(q("autoFilter"), q("sortState"),
                                            q("sortCondition"))]:
                    if el.get("ref"):
                        el.set("ref", shift_ref(el.get("ref", ""), shift))
                rename_tables(root, renames)
                out[part] = serialize(tree)
    return out


def content_types(data: bytes, parts: Sequence[str]) -> bytes:
    """The content types part with an override for each new table part."""
    root = etree.fromstring(data)
    for part in parts:
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName="/" + part,
                         ContentType=TABLE_TYPE)
    return serialize(etree.ElementTree(root), standalone=True)


def local_names(workbook: etree._ElementTree, continued: Mapping[str, Continuation],
                originals: Mapping[tuple[str, int], str],
                shifts: Mapping[str, RowShift]) -> None:
    """A continuation sheet's copies of the template sheet's local names (print titles,
    print area) read its own rows: the template's text, renamed, shifted by that sheet's
    rows (the copies were made from the template sheet's own, shifted, text)."""
    root = workbook.getroot()
    order = [el.get("name", "").lower() for el in root.iterfind(f"{q('sheets')}/{q('sheet')}")]
    for cont in continued.values():
        for piece in cont.pieces[1:]:
            index = order.index(piece.name.lower())
            for el in root.iter(q("definedName")):
                if el.get("localSheetId") != str(index):
                    continue
                text = originals.get((el.get("name", ""), cont.sheet.index))
                if text is not None:
                    el.text = shift_formula(rename_in(text, cont.sheet.name, piece.name),
                                            piece.name, shifts)


def original_local_names(book: Book) -> dict[tuple[str, int], str]:
    """Every local defined name's text as the template has it, by (name, sheet index)."""
    found = {}
    for el in book.workbook.getroot().iter(q("definedName")):
        local = el.get("localSheetId")
        if local is not None and local.isdigit():
            found[(el.get("name", ""), int(local))] = el.text or ""
    return found
