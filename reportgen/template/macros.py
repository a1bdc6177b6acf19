"""Macro-enabled templates (.xlsm): keep the VBA project, or take it out cleanly.

Excel refuses a file whose type does not match its name: a workbook with the macro-enabled
content type must be called .xlsm, and an .xlsx must not hold one. So a render either
keeps the template's macros (and the output must be an .xlsm) or removes the VBA project,
its signatures and their relationships and declares an ordinary workbook, with a warning.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from .package import Package, serialize
from .workbook import CONTENT_TYPES, PKG_REL, Book, rels_part_of

MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
PRINTER_SETTINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
_VBA_KINDS = ("vbaProject", "vbaProjectSignature", "vbaProjectSignatureAgile",
              "vbaProjectSignatureV3")


def has_macros(pkg: Package) -> bool:
    """True for a macro-enabled workbook (its main part's type, or a VBA project part)."""
    if "[Content_Types].xml" in pkg and b"macroEnabled.main+xml" in pkg.raw("[Content_Types].xml"):
        return True
    return any(posixpath.basename(name).lower() == "vbaproject.bin" for name in pkg.names)


def remove_macros(book: Book, out: dict[str, bytes | None], warnings: list[str]) -> None:
    """Drop the VBA project and declare an ordinary workbook, editing ``out`` in place."""
    pkg = book.pkg
    projects = [r.target for r in book.workbook_rels if r.kind in _VBA_KINDS]
    dropped = set(projects)
    for project in projects:
        dropped.update(r.target for r in book.relationships(project) if not r.external)
        dropped.add(rels_part_of(project))
    dropped = {name for name in dropped if name in pkg}
    for name in dropped:
        out[name] = None
    rels = "xl/_rels/workbook.xml.rels"
    tree = _tree(pkg, out, rels)
    for el in list(tree.getroot()):
        if el.tag == f"{{{PKG_REL}}}Relationship" and el.get("Type", "").rsplit("/", 1)[-1] \
                in _VBA_KINDS:
            tree.getroot().remove(el)
    out[rels] = serialize(tree)
    tree = _tree(pkg, out, "[Content_Types].xml")
    root = tree.getroot()
    remaining_bins = [n for n in pkg.names if n.lower().endswith(".bin") and n not in dropped]
    for el in list(root):
        if el.tag == f"{{{CONTENT_TYPES}}}Override":
            part = el.get("PartName", "").lstrip("/")
            if part in dropped:
                root.remove(el)
            elif el.get("ContentType") == MACRO_MAIN:
                el.set("ContentType", PLAIN_MAIN)
        elif el.tag == f"{{{CONTENT_TYPES}}}Default" and el.get("Extension", "").lower() == "bin" \
                and "vbaProject" in el.get("ContentType", ""):
            if remaining_bins:
                el.set("ContentType", PRINTER_SETTINGS)
            else:
                root.remove(el)
    out["[Content_Types].xml"] = serialize(tree)
    warnings.append(
        f"the template {pkg.path.name} holds macros (a VBA project), which an .xlsx cannot "
        "hold: they were left out; name the output .xlsm to keep them"
    )


def _tree(pkg: Package, out: dict[str, bytes | None], name: str) -> etree._ElementTree:
    data = out.get(name)
    if data:
        return etree.ElementTree(etree.fromstring(data))
    return pkg.xml(name)
