"""Rendering a template: check the markers, plan the rows, write the package.

Nothing reaches ``dest`` until every marker is known, every sheet fits and every value
has been written (collection rows go to temporary files first), so an error never leaves
half a workbook behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportgen.errors import BuildError

from . import parts
from .blocks import check_directives, find_directives, hidden_columns, without_nested
from .checks import check_context, unsupported
from .continuation import SCALAR, Continuation, plan_continuations, readers, scalar_text
from .continuation import warning as continuation_warning
from .continued_parts import (
    content_types,
    local_names,
    original_local_names,
    piece_scan,
    register,
    sheet_rels,
    table_parts,
)
from .empty_charts import empty_cells, without_empty_series
from .integrity import check_structure
from .macros import has_macros, remove_macros
from .markers import SheetMarkers, scan_book, scan_sheet
from .overlaps import overlaps
from .package import Package, PackageWriter, serialize
from .plan import Plan
from .repeated import (
    Repeat,
    as_record_cells,
    copy_rels,
    find_repeats,
    marker_strings,
    plan_copies,
    untab,
    workbook_parts,
)
from .rows import Problems
from .sheet import SheetRender
from .stale import Staleness, effective_formulas
from .styles import StyleBook
from .visibility import check_template, hidden_sheets, hide_sheets, sheet_conditions
from .workbook import Book, Sheet, q, rels_part_of
from .xmltext import make_slot, slot_token, split_slots

if TYPE_CHECKING:
    from . import RenderContext

RelsEntry = tuple[list, SheetRender, str]


def render(path: Path, context: RenderContext, dest: BinaryIO,
           keep_macros: bool = True) -> list[str]:
    from . import RenderContext

    pkg = Package.open(path)
    book = Book(pkg)
    scans = scan_book(book)
    check_structure(book, scans)
    _check_rows(context)
    formulas = {scan.sheet.name: _formulas(scan) for scan in scans}
    repeats = find_repeats(book, context.collections)
    check_template(book, sheet_conditions(book), repeats)
    plan_copies(book, repeats, context.collections, scans, formulas)
    for scan in scans:
        if scan.sheet.name.lower() in repeats:
            as_record_cells(scan, repeats[scan.sheet.name.lower()])
    directives = find_directives(book, scans, context.collections)
    offered = SCALAR in context.scalars  # the context's own, else the engine's
    scalars = dict(context.scalars) if offered else {**context.scalars, SCALAR: None}
    context = RenderContext(scalars, context.collections)
    flat = without_nested(scans, directives)  # nested rows are checked by their block
    check_context(flat, context)
    warnings = unsupported(book, scans, rendering=True) + overlaps(book, scans)
    check_directives(directives, scans, context)
    tabs = hide_sheets(book, hidden_sheets(directives.sheet_conditions, context))
    continued = plan_continuations(book, scans, directives, context.collections, repeats)
    if not offered:
        scalars[SCALAR] = scalar_text(continued)
    warnings += [continuation_warning(c) for c in continued.values()]
    warnings += readers(book, continued, formulas)
    stale = Staleness(book, scans, formulas, {
        sheet: {r for b in blocks for r in b.rows} for sheet, blocks in directives.blocks.items()
    })
    hidden = hidden_columns(directives, context)
    pieces: dict[str, list[SheetMarkers]] = {}  # the scans of continuation sheets
    for key, cont in continued.items():
        register(directives, hidden, cont)
        pieces[key] = [piece_scan(book, cont, piece) for piece in cont.pieces[1:]]
    plan = Plan(scans + [s for more in pieces.values() for s in more], context.collections,
                directives, hidden, tabs, {p.name.lower(): (key, p.start, p.stop)
                                           for key, cont in continued.items()
                                           for p in cont.pieces})
    plan.check_links(flat, context.scalars)
    shifts = {name: shift for name, shift in plan.shifts.items() if shift}
    styles = StyleBook(pkg.xml(book.styles_part) if book.styles_part else None)
    originals = original_local_names(book)  # before the names are shifted

    out: dict[str, bytes | None] = {}  # new bytes for a part; None drops it
    sheets: dict[str, SheetRender] = {}
    problems = Problems()
    try:
        for scan in scans:
            repeat = repeats.get(scan.sheet.name.lower())
            if repeat is not None:
                _render_copies(book, scan, repeat, plan, context, styles, warnings,
                               formulas, stale, problems, sheets)
                continue
            cont = continued.get(scan.sheet.name.lower())
            if cont is not None:
                _render_pieces(book, [scan, *pieces[scan.sheet.name.lower()]], cont, plan,
                               context, styles, warnings, formulas, stale, problems, sheets)
                continue
            render_ = SheetRender(scan, pkg.raw(scan.sheet.part), plan, context, styles,
                                  book.date1904, warnings, formulas[scan.sheet.name],
                                  stale.stale.get(scan.sheet.name.lower(), set()))
            render_.prepare()
            render_.generate(problems)
            render_.finish()
            if render_.changed:
                sheets[scan.sheet.part] = render_
            else:
                render_.close()
        if problems.count:
            more = problems.count - len(problems.messages)
            raise BuildError(
                "some values cannot be written to Excel:\n  " + "\n  ".join(problems.messages)
                + (f"\n  ... and {more} more" if more > 0 else "")
            )
        _other_parts(book, plan, shifts, stale.reads_change, warnings, out)
        without_empty_series(book, empty_cells(flat, context.collections), out)
        copies: dict[str, Repeat | Continuation] = {**repeats, **continued}
        if copies:
            workbook_parts(book, copies, out)
            local_names(book.workbook, continued, originals, shifts)
            out["xl/workbook.xml"] = serialize(book.workbook)
        added = table_parts(book, continued, plan.shifts)  # continuation sheets' tables
        if added:
            out["[Content_Types].xml"] = content_types(
                out.get("[Content_Types].xml") or pkg.raw("[Content_Types].xml"), list(added))
        if not keep_macros and has_macros(pkg):
            remove_macros(book, out, warnings)
        if styles.changed and book.styles_part:
            out[book.styles_part] = serialize(styles.tree)
        origin = {c.part: r.sheet.part for r in copies.values() for c in r.copies}
        copied_rels = {rels_part_of(p.part): data for cont in continued.values()
                       for p in cont.pieces[1:] if (data := sheet_rels(pkg, cont, p))}
        new_rels = _link_relationships(pkg, sheets, book, out, origin, copied_rels)
        after = {p.part: [(table[0], added[table[0]]) for table in p.tables.values()]
                 for cont in continued.values() for p in cont.pieces[1:]}
        _write(pkg, sheets, out, new_rels, dest, copies, copied_rels, after)
    finally:
        for render_ in sheets.values():
            render_.close()
    return warnings


def _render_copies(book: Book, scan: SheetMarkers, repeat: Repeat, plan: Plan,
                   context: RenderContext, styles: StyleBook, warnings: list[str],
                   formulas: dict, stale: Staleness,
                   problems: Problems, sheets: dict[str, SheetRender]) -> None:
    """Render a repeated sheet once per record, each into its own part."""
    pkg = book.pkg
    fields = tuple(context.collections[repeat.collection].fields)
    for k, copy in enumerate(repeat.copies):
        if k:
            scan = scan_sheet(book, repeat.sheet, marker_strings(book), [])  # checked once
            as_record_cells(scan, repeat)
            untab(scan.tree.getroot())
        scan.sheet = Sheet(copy.name, copy.part, repeat.sheet.index, repeat.sheet.rels)
        render_ = SheetRender(scan, pkg.raw(repeat.sheet.part), plan, context, styles,
                              book.date1904, warnings, formulas[repeat.sheet.name],
                              stale.stale.get(repeat.sheet.name.lower(), set()),
                              (fields, copy.record))
        render_.prepare()
        render_.generate(problems)
        render_.finish()
        sheets[copy.part] = render_


def _render_pieces(book: Book, scans: list[SheetMarkers], cont: Continuation, plan: Plan,
                   context: RenderContext, styles: StyleBook, warnings: list[str],
                   formulas: dict, stale: Staleness, problems: Problems,
                   sheets: dict[str, SheetRender]) -> None:
    """Render a continued sheet once per piece, each with its run of the records."""
    from . import Collection, RenderContext

    data = context.collections[cont.collection]
    for piece, scan in zip(cont.pieces, scans, strict=True):
        own = RenderContext(context.scalars, {
            **context.collections,
            cont.collection: Collection(data.fields, data.rows[piece.start:piece.stop])})
        texts = formulas[cont.sheet.name] if scan.sheet.part == cont.sheet.part \
            else _formulas(scan)
        render_ = SheetRender(scan, book.pkg.raw(cont.sheet.part), plan, own, styles,
                              book.date1904, warnings, texts,
                              stale.stale.get(cont.sheet.name.lower(), set()))
        render_.prepare()
        render_.generate(problems)
        render_.finish()
        sheets[piece.part] = render_


def _formulas(scan: SheetMarkers) -> dict[str, str]:
    data = scan.tree.getroot().find(q("sheetData"))
    return effective_formulas(data) if data is not None else {}


def _check_rows(context: RenderContext) -> None:
    for name, collection in context.collections.items():
        width = len(collection.fields)
        for index, row in enumerate(collection.rows):
            if not isinstance(row, (tuple, list)) or len(row) != width:
                raise BuildError(
                    f"collection {name!r} row {index + 1}: has "
                    f"{len(row) if isinstance(row, (tuple, list)) else 'no'} values for "
                    f"{width} fields {tuple(collection.fields)} (rows must be tuples)"
                )


def _other_parts(book: Book, plan: Plan, shifts: dict, reads_change: Callable[[str], bool],
                 warnings: list[str],
                 out: dict[str, bytes | None]) -> None:
    pkg = book.pkg
    tables, names = parts.tables_by_name(book), parts.workbook_names(book)  # before shifting
    out["xl/workbook.xml"] = parts.workbook_xml(book, shifts)
    for name in pkg.names:
        if name.lower().endswith("calcchain.xml"):
            out[name] = None
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        if name in pkg:
            new = parts.without_calc_chain(pkg, name)
            if new is not None:
                out[name] = new
    for chart in book.parts_of_kind("chart") + book.parts_of_kind("chartEx"):
        _put(out, chart, parts.chart_xml(pkg, chart, shifts, reads_change, warnings))
    for cache in book.parts_of_kind("pivotCacheDefinition"):
        _put(out, cache, parts.pivot_cache_xml(pkg, cache, shifts, warnings, tables, names))
    for sheet in book.sheets:
        shift = shifts.get(sheet.name.lower())
        if not shift:
            continue
        for table in sheet.related("table"):
            _put(out, table, parts.table_xml(pkg, table, shift))
        for drawing in sheet.related("drawing"):
            _put(out, drawing, parts.drawing_xml(pkg, drawing, shift))
        for kind in ("comments", "threadedComment"):
            for part in sheet.related(kind):
                _put(out, part, parts.comments_xml(pkg, part, shift))
        for vml in sheet.related("vmlDrawing"):
            _put(out, vml, parts.vml_xml(pkg, vml, shift, sheet, warnings))
        for pivot in sheet.related("pivotTable"):
            _put(out, pivot, parts.pivot_table_xml(pkg, pivot, shift, sheet, warnings))


def _put(out: dict[str, bytes | None], name: str, data: bytes | None) -> None:
    if data is not None:
        out[name] = data


def _link_relationships(pkg: Package, sheets: dict[str, SheetRender], book: Book,
                        out: dict[str, bytes | None], origin: dict[str, str],
                        copied: dict[str, bytes]) -> dict[str, RelsEntry]:
    """The relationship parts of sheets that gained external links, as chunk producers.

    ``origin``: for a copy of a sheet, the template part whose relationships it starts
    from; ``copied``: a copy's own relationships where they differ from its template's."""
    made: dict[str, RelsEntry] = {}
    for part, render_ in sheets.items():
        if not render_.links.external_links:
            continue
        rels_part = rels_part_of(part)
        source = rels_part_of(origin.get(part, part))
        tree, prefix = parts.rels_with_links(pkg, source, copied.get(rels_part))
        token = slot_token(copied.get(rels_part) or (pkg.raw(source) if source in pkg else b""))
        tree.getroot().append(make_slot(token, 0))
        data = serialize(tree, standalone=True)
        made[rels_part] = (split_slots(data, token), render_, prefix)
    if any(name not in pkg for name in made):
        content_types = parts.ensure_rels_default(pkg, out.get("[Content_Types].xml"))
        if content_types is not None:
            out["[Content_Types].xml"] = content_types
    return made


def _write(pkg: Package, sheets: dict[str, SheetRender], out: dict[str, bytes | None],
           new_rels: dict[str, RelsEntry], dest: BinaryIO,
           repeats: dict[str, Repeat | Continuation], copied_rels: dict[str, bytes],
           after: dict[str, list[tuple[str, bytes]]]) -> None:
    """Write the package in the template's order; a copy of a sheet right after the sheet
    it copies, followed by the parts it adds (``after``: its tables)."""
    writer = PackageWriter(dest)
    pending = [name for name in new_rels if name not in pkg]
    copies = {r.sheet.part: [c.part for c in r.copies[1:]] for r in repeats.values()}
    for name in pkg.names:
        if name in sheets:
            for part in [name, *copies.get(name, ())]:
                render_ = sheets[part]
                large = render_._tmp is not None and render_._tmp.seek(0, 2) > 1 << 30
                writer.write_chunks(part, render_.chunks(), large=large)
                for rels in [r for r in pending if r == rels_part_of(part)]:
                    writer.write_chunks(rels, _rels_chunks(new_rels[rels]))
                    pending.remove(rels)
                if part != name and rels_part_of(part) not in new_rels:
                    own = copied_rels.get(rels_part_of(part))
                    copied = (rels_part_of(part), own) if own else copy_rels(pkg, name, part)
                    if copied is not None:
                        writer.write(*copied)
                for added in after.get(part, ()):
                    writer.write(*added)
        elif name in new_rels:
            writer.write_chunks(name, _rels_chunks(new_rels[name]))
        elif name in out:
            data = out[name]
            if data is not None:
                writer.write(name, data)
        else:
            writer.write(name, pkg.raw(name))
    for rels in pending:
        writer.write_chunks(rels, _rels_chunks(new_rels[rels]))
    writer.close()


def _rels_chunks(entry: RelsEntry) -> Iterator[bytes]:
    pieces, render_, prefix = entry
    for piece in pieces:
        if isinstance(piece, bytes):
            yield piece
        else:
            yield from render_.links.relationship_xml(prefix)

