"""Structural damage a template may carry, refused before anything is written.

A workbook whose parts point at nothing (a sheet or table part that is missing, a cell
using a shared string or a style that does not exist) opens in no client; rendering it
would only copy the damage into the output. Every such place is named, at once.
"""

from __future__ import annotations

from reportgen.errors import TemplateError

from .markers import SheetMarkers
from .workbook import REL, Book, cell_address, q

LISTED = 10  # places named in the message; the count says how many more


def check_structure(book: Book, scans: list[SheetMarkers]) -> None:
    """Raise one TemplateError naming every dangling part, string or style index."""
    pkg = book.pkg
    found: list[str] = []
    rel_ids = {r.id: r for r in book.workbook_rels}
    for el in book.workbook.getroot().iterfind(f"{q('sheets')}/{q('sheet')}"):
        rel = rel_ids.get(el.get(f"{{{REL}}}id", ""))
        if rel is None:
            found.append(f"sheet {el.get('name', '?')}: xl/workbook.xml gives it no part")
    for rel in book.workbook_rels:
        if not rel.external and rel.target not in pkg:
            found.append(f"xl/workbook.xml: its {rel.kind} part {rel.target} is missing")
    for sheet in book.sheets:
        for rel in sheet.rels:
            if not rel.external and rel.target not in pkg and rel.kind != "hyperlink":
                found.append(f"sheet {sheet.name}: its {rel.kind} part {rel.target} is missing")
    strings = len(book.shared_strings)
    styles = _cell_formats(book)
    for scan in scans:
        root = scan.tree.getroot()
        name = scan.sheet.name
        for cell in root.iter(q("c")):
            where = cell_address(name, cell.get("r", "?"))
            style = cell.get("s")
            if style is not None and not _below(style, styles):
                found.append(f"{where}: style {style} does not exist "
                             f"(the template has {styles or 0})")
            if cell.get("t") == "s":
                value = cell.findtext(q("v"))
                if value is not None and not _below(value, strings):
                    found.append(f"{where}: shared string {value.strip()} does not exist "
                                 f"(the template has {strings})")
        for row in root.iter(q("row")):
            style = row.get("s")
            if style is not None and not _below(style, styles):
                found.append(f"{name} row {row.get('r', '?')}: style {style} does not exist")
        for col in root.iter(q("col")):
            style = col.get("style")
            if style is not None and not _below(style, styles):
                found.append(f"{name} columns {col.get('min')}-{col.get('max')}: style "
                             f"{style} does not exist")
    if found:
        more = len(found) - LISTED
        raise TemplateError(
            f"template {pkg.path} is damaged ({len(found)} dangling references); save it "
            "again in Excel:\n  " + "\n  ".join(found[:LISTED])
            + (f"\n  ... and {more} more" if more > 0 else "")
        )


def _cell_formats(book: Book) -> int | None:
    """How many cell formats (cellXfs) the styles part declares; None without one."""
    if book.styles_part is None:
        return None
    xfs = book.pkg.xml(book.styles_part).getroot().find(q("cellXfs"))
    return 0 if xfs is None else len(xfs.findall(q("xf")))


def _below(index: str, count: int | None) -> bool:
    """``index`` is a whole number less than ``count`` (no count: only 0 is safe)."""
    text = index.strip()
    if not text.isdigit():
        return False
    return int(text) < (count if count is not None else 1)
