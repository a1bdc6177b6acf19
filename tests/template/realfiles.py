"""Real Excel-made workbooks as templates: markers are injected by editing their XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

REAL = Path(__file__).parent / "data" / "real"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def _row_of(ref: str) -> int:
    return int(re.sub(r"^[A-Z]+", "", ref))


def _col_index(ref: str) -> int:
    index = 0
    for ch in re.match(r"[A-Z]+", ref).group():
        index = index * 26 + ord(ch) - 64
    return index


def set_cells(sheet_xml: bytes, cells: dict[str, str]) -> bytes:
    """The sheet with each ``ref`` set to an inline string (a marker), rows made as needed."""
    root = etree.fromstring(sheet_xml)
    data = root.find(_q("sheetData"))
    for ref, text in cells.items():
        number = _row_of(ref)
        row = next((r for r in data.iterfind(_q("row")) if int(r.get("r")) == number), None)
        if row is None:
            row = etree.Element(_q("row"), r=str(number))
            later = [r for r in data.iterfind(_q("row")) if int(r.get("r")) > number]
            if later:
                later[0].addprevious(row)
            else:
                data.append(row)
        row.attrib.pop("spans", None)
        cell = next((c for c in row.iterfind(_q("c")) if c.get("r") == ref), None)
        if cell is None:
            cell = etree.Element(_q("c"), r=ref)
            later = [c for c in row.iterfind(_q("c")) if _col_index(c.get("r")) > _col_index(ref)]
            if later:
                later[0].addprevious(cell)
            else:
                row.append(cell)
        style = cell.get("s")
        cell.clear()
        cell.set("r", ref)
        if style:
            cell.set("s", style)
        cell.set("t", "inlineStr")
        etree.SubElement(etree.SubElement(cell, _q("is")), _q("t")).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def with_names(workbook_xml: bytes, names: dict[str, str]) -> bytes:
    """The workbook part with defined names added (as Excel stores them, after <sheets>)."""
    root = etree.fromstring(workbook_xml)
    defined = root.find(_q("definedNames"))
    if defined is None:
        defined = etree.Element(_q("definedNames"))
        root.find(_q("sheets")).addnext(defined)
    for name, text in names.items():
        etree.SubElement(defined, _q("definedName"), name=name).text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def template(name: str, dest: Path, cells: dict[str, dict[str, str]] | None = None,
             replace: dict[str, bytes] | None = None) -> Path:
    """Copy ``REAL/name`` to ``dest`` with markers set (``{part: {ref: text}}``) and parts
    replaced, keeping every other member byte for byte."""
    cells = cells or {}
    replace = replace or {}
    with zipfile.ZipFile(REAL / name) as src, zipfile.ZipFile(dest, "w",
                                                               zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in cells:
                data = set_cells(data, cells[info.filename])
            data = replace.get(info.filename, data)
            out.writestr(info, data)
    return dest


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
