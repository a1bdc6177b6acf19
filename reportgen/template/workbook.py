"""The map of a template package: its sheets, their parts, relationships and strings."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree

from .package import Package

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
HYPERLINK_TYPE = REL + "/hyperlink"


def q(tag: str) -> str:
    """Qualified name in the spreadsheetml main namespace."""
    return f"{{{MAIN}}}{tag}"


def rels_part_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # a part name for internal targets, the URL for external ones
    external: bool

    @property
    def kind(self) -> str:
        """The last word of the relationship type: worksheet, table, drawing, chart..."""
        return self.type.rsplit("/", 1)[-1]


@dataclass
class Sheet:
    name: str
    part: str
    index: int  # position in <sheets>, which localSheetId refers to
    rels: list[Relationship] = field(default_factory=list)

    def related(self, kind: str) -> list[str]:
        return [r.target for r in self.rels if r.kind == kind and not r.external]


class Book:
    """Sheets, relationships, shared strings and date system of one template."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.workbook = pkg.xml("xl/workbook.xml")
        self.workbook_rels = self.relationships("xl/workbook.xml")
        by_id = {r.id: r for r in self.workbook_rels}
        self.sheets: list[Sheet] = []
        root = self.workbook.getroot()
        for index, el in enumerate(root.iterfind(f"{q('sheets')}/{q('sheet')}")):
            rel = by_id.get(el.get(f"{{{REL}}}id", ""))
            if rel is None or rel.kind != "worksheet" or rel.target not in pkg:
                continue  # chartsheets and dialog sheets hold no cells
            self.sheets.append(
                Sheet(el.get("name", ""), rel.target, index, self.relationships(rel.target))
            )
        pr = root.find(q("workbookPr"))
        self.date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        sst = [r.target for r in self.workbook_rels if r.kind == "sharedStrings"]
        self.sst_part = sst[0] if sst and sst[0] in pkg else None
        self.shared_strings: list[etree._Element] = []
        if self.sst_part:
            sst_root = pkg.xml(self.sst_part).getroot()
            self.shared_strings = list(sst_root.iterfind(q("si")))
        styles = [r.target for r in self.workbook_rels if r.kind == "styles"]
        self.styles_part = styles[0] if styles and styles[0] in pkg else None

    def relationships(self, part: str) -> list[Relationship]:
        rels_part = rels_part_of(part)
        if rels_part not in self.pkg:
            return []
        out = []
        for el in self.pkg.xml(rels_part).getroot().iterfind(f"{{{PKG_REL}}}Relationship"):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(
                Relationship(
                    el.get("Id", ""),
                    el.get("Type", ""),
                    target if external else resolve(part, target),
                    external,
                )
            )
        return out

    def sheet_named(self, name: str) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.name.lower() == name.lower():
                return sheet
        return None

    def parts_of_kind(self, kind: str) -> list[str]:
        """Every part reachable through a relationship of this kind, in package order."""
        found = set()
        for name in self.pkg.names:
            if name.endswith(".rels"):
                continue
            if rels_part_of(name) in self.pkg:
                found.update(r.target for r in self.relationships(name) if r.kind == kind)
        return [n for n in self.pkg.names if n in found]


def shared_string_text(si: etree._Element) -> str:
    """The text of a shared string, without its phonetic (furigana) runs."""
    parts = []
    for child in si:
        if child.tag == q("t"):
            parts.append(child.text or "")
        elif child.tag == q("r"):
            t = child.find(q("t"))
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


def cell_address(sheet: str, ref: str) -> str:
    """``Trade data``, ``B4`` -> ``'Trade data'!B4`` (``Summary!B4`` when no quoting is needed)."""
    if sheet.replace("_", "").isalnum() and not sheet[:1].isdigit():
        return f"{sheet}!{ref}"
    return "'" + sheet.replace("'", "''") + "'!" + ref
