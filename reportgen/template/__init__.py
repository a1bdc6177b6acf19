"""The template engine: fill an Excel template's ``{{ markers }}`` with data.

A template is an ordinary .xlsx workbook designed in Excel. Cells hold ``{{ name }}``
(a scalar) or ``{{ collection.field }}`` (a collection row, repeated once per data row).
Defined names declare more: ``repeat.<collection>`` (a block of rows per record, which may
hold a nested collection), ``if.<field>`` (a row, whole columns or a whole sheet, only
when a value is set) and ``sheet.<collection>.<field>`` (a sheet per record, named from
the field).
Rendering edits the template's own XML, so every style, table, chart, format and setting
the designer made survives. See docs/templates.md for the template language.

Heavy modules (lxml) are imported only when a template is read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .values import Formatted, Link, RowLink

__all__ = [
    "Collection", "Formatted", "Link", "RenderContext", "RowLink", "TemplateInfo",
    "check_row_limits", "inspect_template", "is_macro_enabled", "render_template",
]


@dataclass
class Collection:
    """Rows of data for ``{{ name.field }}`` markers; each row is a tuple aligned to ``fields``."""

    fields: tuple[str, ...]
    rows: Sequence[tuple]


@dataclass
class RenderContext:
    """Everything a template's markers may name."""

    scalars: Mapping[str, object]
    collections: Mapping[str, Collection]


@dataclass
class TemplateInfo:
    """What a template uses: scalar names, collection fields, and what a render cannot keep."""

    scalars: set[str] = field(default_factory=set)
    collections: dict[str, set[str]] = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)


def inspect_template(path: Path) -> TemplateInfo:
    """Read a template and report the markers it holds, without rendering it.

    Raises TemplateError for a file that is not a usable template (not an .xlsx, damaged,
    unsafe) or for markers that are malformed or mix two collections in one row.
    """
    from .checks import marker_cells, unsupported
    from .integrity import check_structure
    from .markers import scan_book
    from .overlaps import overlaps
    from .package import Package
    from .workbook import Book

    book = Book(Package.open(Path(path)))
    scans = scan_book(book)
    check_structure(book, scans)
    info = TemplateInfo()
    for scan in scans:
        for cell in marker_cells(scan):
            for marker in cell.markers:
                if marker.field is None:
                    info.scalars.add(marker.name)
                else:
                    info.collections.setdefault(marker.name, set()).add(marker.field)
    info.unsupported = unsupported(book, scans) + overlaps(book, scans)
    return info


def render_template(path: Path, context: RenderContext, dest: BinaryIO,
                    keep_macros: bool = True) -> list[str]:
    """Render the template at ``path`` with ``context`` into the binary stream ``dest``.

    A macro-enabled template (.xlsm) gives a macro-enabled workbook, to be saved as .xlsm;
    with ``keep_macros=False`` its VBA project is left out (with a warning) and the result
    is an ordinary workbook, to be saved as .xlsx. :func:`is_macro_enabled` tells which.

    Returns warnings (sentences) about what the output could not keep exactly as the
    template had it. Raises TemplateError for a template that cannot be used or a marker
    that names nothing, and BuildError for data Excel cannot hold; nothing is written to
    ``dest`` when either is raised.
    """
    from .render import render

    return render(Path(path), context, dest, keep_macros=keep_macros)


def check_row_limits(path: Path, counts: Mapping[str, int],
                     fields: Mapping[str, Sequence[str]]) -> None:
    """Refuse, from the number of records of each collection alone (``counts``, before
    the rows are made), a sheet that cannot hold its collection and may not continue on
    further sheets: the template keeps the collection on one sheet (``one_sheet.<name>``),
    or the sheet shows several collections or holds what a continuation sheet cannot
    carry. ``fields``: each collection's fields.

    Raises BuildError naming the sheet, the collection, the rows it needs and the limit;
    a collection not in ``counts`` is checked when rendering (:func:`render_template`
    refuses the same, with the real rows). When no collection holds 1% of a sheet's rows
    the template is not read: making rows that few costs less than reading it twice.
    """
    from . import continuation
    from .blocks import find_directives
    from .continuation import check_counts

    if max(counts.values(), default=0) * 100 < continuation.ROW_LIMIT:
        return
    from .markers import scan_book
    from .package import Package
    from .repeated import find_repeats
    from .workbook import Book

    book = Book(Package.open(Path(path)))
    scans = scan_book(book)
    known = {name: Collection(tuple(names), ()) for name, names in fields.items()}
    repeats = find_repeats(book, known)
    check_counts(book, scans, find_directives(book, scans, known), counts, set(repeats))


def is_macro_enabled(path: Path) -> bool:
    """True when the template holds macros, so its output keeps them only as an .xlsm."""
    from .macros import has_macros
    from .package import Package

    return has_macros(Package.open(Path(path)))
