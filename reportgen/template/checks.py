"""What a template asks for, checked against what a render context offers.

Every marker that names nothing is collected and reported at once, each with its
``Sheet!Cell`` and the names that do exist. Things a template holds that a render cannot
keep correct are listed as sentences, before anything is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from reportgen.errors import TemplateError

from .markers import MarkerCell, SheetMarkers
from .refs import row_number
from .workbook import Book, cell_address, q


def marker_cells(scan: SheetMarkers) -> Iterable[MarkerCell]:
    yield from scan.scalars
    for crow in scan.collection_rows:
        yield from crow.cells.values()


def _known(names: Iterable[str]) -> str:
    names = sorted(names)
    return ", ".join(names) if names else "none"


def _hint(name: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_context(scans: list[SheetMarkers], context) -> None:
    """Raise one TemplateError listing every marker the context cannot fill."""
    scalars = context.scalars
    collections = context.collections
    problems: list[str] = []
    for scan in scans:
        for cell in marker_cells(scan):
            for m in cell.markers:
                where = cell.address
                if m.field is None and m.name not in scalars:
                    if m.name in collections:
                        problems.append(
                            f"{where}: {m} names the collection {m.name!r}; a cell shows one of "
                            f"its fields, e.g. {{{{ {m.name}.{collections[m.name].fields[0]} }}}}"
                            if collections[m.name].fields else
                            f"{where}: {m} names the collection {m.name!r}, not a scalar"
                        )
                    else:
                        problems.append(
                            f"{where}: unknown scalar {m.name!r}{_hint(m.name, scalars)}; "
                            f"scalars: {_known(scalars)}"
                        )
                elif m.field is not None and m.name not in collections:
                    kind = "a scalar, not a collection" if m.name in scalars else (
                        f"an unknown collection{_hint(m.name, collections)}")
                    problems.append(
                        f"{where}: {m}: {m.name!r} is {kind}; collections: "
                        f"{_known(collections)}"
                    )
                elif m.field is not None and m.field not in collections[m.name].fields:
                    fields = collections[m.name].fields
                    problems.append(
                        f"{where}: unknown field {m.field!r} of collection {m.name!r}"
                        f"{_hint(m.field, fields)}; fields: {', '.join(fields)}"
                    )
    if problems:
        raise TemplateError(
            f"the template has {len(problems)} marker(s) that name nothing:\n  "
            + "\n  ".join(problems)
        )


def unsupported(book: Book, scans: list[SheetMarkers], rendering: bool = False) -> list[str]:
    """Sentences naming what a render cannot keep correct.

    When ``rendering``, the things the render itself warns about as it meets them
    (pivot sources that grow, stretched merges) are left out here.
    """
    pkg = book.pkg
    found: list[str] = []
    expanded = {s.sheet.name.lower(): s for s in scans if s.collection_rows}
    for name in pkg.names:
        if name.startswith("xl/externalLinks/") and name.endswith(".xml"):
            found.append(
                f"{name}: the template links to another workbook; its values are copied "
                "unchanged and are refreshed only when Excel updates the link"
            )
    for kind, what in (("drawing", "a shape or text box"), ("chart", "a chart"),
                       ("comments", "a comment")):
        for part in book.parts_of_kind(kind):
            if b"{{" in pkg.raw(part) and any(
                "{{" in (t.text or "") for t in pkg.xml(part).getroot().iter("{*}t")
            ):
                found.append(f"{part}: {what} holds a marker; markers are filled in cells only")
    for scan in scans:
        for el in scan.tree.getroot().iter(q("oddHeader"), q("oddFooter"), q("evenHeader"),
                                           q("evenFooter"), q("firstHeader"), q("firstFooter")):
            if "{{" in (el.text or ""):
                found.append(
                    f"sheet {scan.sheet.name}: the page header or footer holds a marker; "
                    "markers are filled in cells only"
                )
                break
    if rendering:
        return found
    for cache in book.parts_of_kind("pivotCacheDefinition"):
        source = pkg.xml(cache).getroot().find(f"{q('cacheSource')}/{q('worksheetSource')}")
        if source is not None and (source.get("sheet") or "").lower() in expanded:
            found.append(
                f"{cache}: a pivot table reads {source.get('sheet')}!{source.get('ref')}, a "
                "sheet with a collection row; it shows the template's data until refreshed"
            )
    for scan in expanded.values():
        rows = [c.row for c in scan.collection_rows]
        merges = scan.tree.getroot().find(q("mergeCells"))
        for m in merges.iterfind(q("mergeCell")) if merges is not None else ():
            first, _, last = (m.get("ref") or "").partition(":")
            if not last:
                continue
            r1, r2 = row_number(first.replace("$", "")), row_number(last.replace("$", ""))
            if r1 != r2 and any(r1 <= r <= r2 for r in rows):
                found.append(
                    f"{cell_address(scan.sheet.name, m.get('ref', ''))}: merged cells span a "
                    "collection row and other rows; they will be stretched"
                )
        for vml in scan.sheet.related("vmlDrawing"):
            try:
                pkg.xml(vml)
            except TemplateError:
                found.append(f"{vml}: note boxes on sheet {scan.sheet.name} cannot be moved")
    return found
