"""A sheet repeated once per record, named from a field (defined name ``sheet.people.name``).

The template sheet is rendered once per record: its ``{{ people.field }}`` markers show
that record, its scalars and formulas stay as designed. Each copy becomes a new worksheet
part right after the template's, named from the record's field. Excel's sheet-name rules
are enforced before anything is written, naming the record: a name is never silently
changed. What a copy cannot yet carry (tables, drawings, notes, pivots, references to it
from other sheets) is refused with a template error.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import TemplateError

from .formula import range_operands
from .markers import SheetMarkers
from .package import Package, serialize
from .refs import quote_sheet, split_sheet
from .values import display_text
from .workbook import (
    CONTENT_TYPES,
    PKG_REL,
    REL,
    Book,
    Sheet,
    q,
    rels_part_of,
    shared_string_text,
)

MAX_NAME = 31
_FORBIDDEN = set("[]:*?/\\")
_DIRECTIVE = re.compile(r"^sheet\.([^\W\d]\w*)\.([^\W\d]\w*)$", re.IGNORECASE)
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKSHEET_REL = REL + "/worksheet"
_ALLOWED_RELS = {"printerSettings", "hyperlink"}


@dataclass
class Copy:
    name: str
    part: str
    record: tuple


@dataclass
class Repeat:
    """The template sheet ``sheet`` repeated per record of ``collection``."""

    sheet: Sheet
    collection: str
    field: str
    copies: list[Copy] = field(default_factory=list)


def find_repeats(book: Book, collections: Mapping[str, object]) -> dict[str, Repeat]:
    """The ``sheet.<collection>.<field>`` directives, by lower-cased template sheet name."""
    found: dict[str, Repeat] = {}
    for el in book.workbook.getroot().iter(q("definedName")):
        m = _DIRECTIVE.match(el.get("name") or "")
        if not m:
            continue
        name = el.get("name", "")
        sheet_name, _ = split_sheet((el.text or "").strip().lstrip("="))
        sheet = book.sheet_named(sheet_name) if sheet_name else None
        if sheet is None:
            raise TemplateError(
                f"defined name {name}: refers to {el.text!r}; it must point at a cell of the "
                "sheet to repeat, such as =Person!$A$1"
            )
        collection, shown = m.group(1), m.group(2)
        data = collections.get(collection)
        if data is None:
            raise TemplateError(
                f"defined name {name}: there is no collection {collection!r}; collections: "
                f"{', '.join(sorted(collections)) or 'none'}"
            )
        if shown not in data.fields:  # type: ignore[attr-defined]
            raise TemplateError(
                f"defined name {name}: collection {collection!r} has no field {shown!r}; "
                f"fields: {', '.join(data.fields)}"  # type: ignore[attr-defined]
            )
        found[sheet.name.lower()] = Repeat(sheet, collection, shown)
    return found


def check_sheet_name(name: str) -> str | None:
    """What is wrong with ``name`` as an Excel sheet name, or None."""
    if not name.strip():
        return "is empty"
    if len(name) > MAX_NAME:
        return f"has {len(name)} characters, more than the {MAX_NAME} Excel allows"
    bad = sorted(set(name) & _FORBIDDEN)
    if bad:
        return f"holds {''.join(bad)!r}, which Excel does not allow in sheet names"
    if name.startswith("'") or name.endswith("'"):
        return "starts or ends with an apostrophe, which Excel does not allow"
    if name.lower() == "history":
        return "is 'History', a name Excel reserves"
    return None


def plan_copies(book: Book, repeats: dict[str, Repeat], collections: Mapping[str, object],
                scans: list[SheetMarkers], formulas: Mapping[str, Mapping[str, str]]) -> None:
    """Name and number every copy; refuse bad names and what a copy cannot carry."""
    taken = {s.name.lower() for s in book.sheets if s.name.lower() not in repeats}
    numbers = [int(n) for n in re.findall(r"xl/worksheets/sheet(\d+)\.xml",
                                          " ".join(book.pkg.names))]
    next_number = max(numbers, default=0) + 1
    for repeat in repeats.values():
        _check_carried(book, repeat, scans, formulas)
        data = collections[repeat.collection]
        fields = list(data.fields)  # type: ignore[attr-defined]
        at = fields.index(repeat.field)
        id_at = fields.index("id") if "id" in fields else None
        records = list(data.rows) or [tuple(None for _ in fields)]  # type: ignore
        for index, record in enumerate(records):
            if not data.rows:  # type: ignore[attr-defined]
                name = repeat.sheet.name
            else:
                name = display_text(record[at])
                problem = check_sheet_name(name)
                if problem is None and name.lower() in taken:
                    problem = "is already the name of another sheet (Excel ignores case)"
                if problem:
                    key = f" (id {record[id_at]!r})" if id_at is not None else ""
                    raise TemplateError(
                        f"collection {repeat.collection!r} row {index + 1}{key}: the sheet "
                        f"name {name!r} from field {repeat.field!r} {problem}; sheet "
                        f"{repeat.sheet.name} repeats per record (defined name "
                        f"sheet.{repeat.collection}.{repeat.field})"
                    )
            taken.add(name.lower())
            if index == 0:
                part = repeat.sheet.part
            else:
                part = f"xl/worksheets/sheet{next_number}.xml"
                next_number += 1
            repeat.copies.append(Copy(name, part, record))


def _check_carried(book: Book, repeat: Repeat, scans: list[SheetMarkers],
                   formulas: Mapping[str, Mapping[str, str]]) -> None:
    sheet = repeat.sheet
    kinds = sorted({r.kind for r in sheet.rels} - _ALLOWED_RELS)
    if kinds:
        raise TemplateError(
            f"sheet {sheet.name} repeats per record but holds {', '.join(kinds)}; a repeated "
            "sheet can hold cells, formats and print setup, not yet tables, pictures, "
            "charts, notes or pivot tables"
        )
    for scan in scans:
        if scan.sheet is sheet and any(c.collection != repeat.collection
                                       for c in scan.collection_rows):
            raise TemplateError(
                f"sheet {sheet.name} repeats per record of {repeat.collection!r}; its markers "
                f"may name that record's fields and scalars, not other collections"
            )
    for other, texts in formulas.items():
        if other.lower() == sheet.name.lower():
            continue
        for ref, text in texts.items():
            if _names_sheet(text, sheet.name):
                raise TemplateError(
                    f"{quote_sheet(other)}!{ref} refers to sheet {sheet.name}, which repeats "
                    "per record and is renamed; references to a repeated sheet are not "
                    "supported"
                )
    for chart in book.parts_of_kind("chart"):
        for f in book.pkg.xml(chart).getroot().iter("{*}f"):
            if _names_sheet((f.text or "").strip("()"), sheet.name):
                raise TemplateError(
                    f"{chart}: a chart series reads sheet {sheet.name}, which repeats per "
                    "record and is renamed; references to a repeated sheet are not supported"
                )
    for el in book.workbook.getroot().iter(q("definedName")):
        if el.get("localSheetId") is None and not _DIRECTIVE.match(el.get("name") or "") \
                and _names_sheet(el.text or "", sheet.name):
            raise TemplateError(
                f"defined name {el.get('name')} refers to sheet {sheet.name}, which repeats "
                "per record; references to a repeated sheet are not supported"
            )


def _names_sheet(formula: str, sheet: str) -> bool:
    for _, operand in range_operands(formula) or ():
        name, _ = split_sheet(operand)
        if name is not None and name.lower() == sheet.lower():
            return True
    return False


def rename_in(formula: str, old: str, new: str) -> str:
    """``formula`` with references to sheet ``old`` pointing at sheet ``new``."""
    out, last = [], 0
    for pos, operand in range_operands(formula) or ():
        name, ref = split_sheet(operand)
        if name is not None and name.lower() == old.lower():
            out.append(formula[last:pos] + quote_sheet(new) + "!" + ref)
            last = pos + len(operand)
    return "".join(out) + formula[last:] if out else formula


def workbook_parts(book: Book, repeats: dict[str, Repeat], out: dict[str, bytes | None]) -> None:
    """The sheet list, local names, relationships and content types for every copy.

    Edits ``book.workbook`` in place (serialized later with the rest of the workbook part)
    and puts the relationship and content-type parts in ``out``.
    """
    root = book.workbook.getroot()
    sheets_el = root.find(q("sheets"))
    elements = list(sheets_el)
    ids = [int(e.get("sheetId", "0")) for e in elements if e.get("sheetId", "").isdigit()]
    next_id = max(ids, default=0) + 1
    added_before: dict[int, int] = {}  # template index -> copies added before later sheets
    rels_tree = _tree(book.pkg, out, "xl/_rels/workbook.xml.rels")
    types_tree = _tree(book.pkg, out, "[Content_Types].xml")
    rel_ids = {el.get("Id") for el in rels_tree.getroot()}
    for repeat in repeats.values():
        template_el = elements[repeat.sheet.index]
        template_el.set("name", repeat.copies[0].name)
        anchor = template_el
        for copy in repeat.copies[1:]:
            rid = _free_id(rel_ids)
            el = etree.Element(template_el.tag, nsmap=None)
            el.set("name", copy.name)
            el.set("sheetId", str(next_id))
            next_id += 1
            el.set(f"{{{REL}}}id", rid)
            anchor.addnext(el)
            anchor = el
            etree.SubElement(rels_tree.getroot(), f"{{{PKG_REL}}}Relationship", Id=rid,
                             Type=WORKSHEET_REL,
                             Target=posixpath.relpath(copy.part, "xl"))
            etree.SubElement(types_tree.getroot(), f"{{{CONTENT_TYPES}}}Override",
                             PartName="/" + copy.part, ContentType=WORKSHEET_TYPE)
        added_before[repeat.sheet.index] = len(repeat.copies) - 1
    _local_names(root, repeats, added_before)
    for el in root.iter(q("definedName")):  # the directive names point at the first copy
        if el.get("localSheetId") is None and _DIRECTIVE.match(el.get("name") or ""):
            for repeat in repeats.values():
                el.text = rename_in(el.text or "", repeat.sheet.name, repeat.copies[0].name)
    for view in root.iter(q("workbookView")):
        for attr in ("activeTab", "firstSheet"):
            if (view.get(attr) or "").isdigit():
                index = int(view.get(attr))
                view.set(attr, str(index + sum(n for i, n in added_before.items() if i < index)))
    out["xl/_rels/workbook.xml.rels"] = serialize(rels_tree)
    out["[Content_Types].xml"] = serialize(types_tree)


def _local_names(root: etree._Element, repeats: dict[str, Repeat],
                 added_before: dict[int, int]) -> None:
    """Names local to a sheet follow its new position; a repeated sheet's are copied."""
    by_index = {r.sheet.index: r for r in repeats.values()}
    for el in list(root.iter(q("definedName"))):
        local = el.get("localSheetId")
        if local is None or not local.isdigit():
            continue
        index = int(local)
        new_index = index + sum(n for i, n in added_before.items() if i < index)
        el.set("localSheetId", str(new_index))
        repeat = by_index.get(index)
        if repeat is None:
            continue
        old = repeat.sheet.name
        el.text = rename_in(el.text or "", old, repeat.copies[0].name)
        anchor = el
        for k, copy in enumerate(repeat.copies[1:], start=1):
            twin = etree.fromstring(etree.tostring(el))
            twin.set("localSheetId", str(new_index + k))
            twin.text = rename_in(el.text or "", repeat.copies[0].name, copy.name)
            anchor.addnext(twin)
            anchor = twin


def _free_id(taken: set[str | None]) -> str:
    n = 1
    while f"rIdR{n}" in taken:
        n += 1
    taken.add(f"rIdR{n}")
    return f"rIdR{n}"


def _tree(pkg: Package, out: dict[str, bytes | None], name: str) -> etree._ElementTree:
    data = out.get(name)
    if data:
        return etree.ElementTree(etree.fromstring(data))
    return pkg.xml(name)


def untab(root: etree._Element) -> None:
    """A copy is not selected: only one tab of a workbook may be (or the sheets are grouped)."""
    for view in root.iter(q("sheetView")):
        view.attrib.pop("tabSelected", None)


def copy_rels(pkg: Package, template_part: str, copy_part: str) -> tuple[str, bytes] | None:
    """The template sheet's relationships part, for a copy (None when it has none)."""
    source = rels_part_of(template_part)
    if source not in pkg:
        return None
    return rels_part_of(copy_part), pkg.raw(source)


def as_record_cells(scan: SheetMarkers, repeat: Repeat) -> None:
    """On a repeated sheet, the record's markers are single cells, not rows to expand."""
    for crow in scan.collection_rows:
        scan.scalars.extend(crow.cells.values())
    scan.collection_rows = []


def marker_strings(book: Book) -> dict[int, str]:
    """The shared strings holding markers, by index (what scanning a sheet needs)."""
    return {index: text for index, si in enumerate(book.shared_strings)
            if "{{" in (text := shared_string_text(si))}
