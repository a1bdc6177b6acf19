"""Sheets shown only when a value is set: ``if.*`` defined names that cover a whole sheet.

``if.changes`` referring to ``'What changed'!$1:$1048576`` (every row: what Excel's
Define Name dialog shows for the whole sheet selected, and what Excel and LibreOffice
save; ``$A:$XFD`` and ``$A$1:$XFD$1048576`` are read the same) hides the sheet when the
collection ``changes`` has no records; ``if.note`` when the scalar ``note`` is empty;
``if.people.note`` when no record of ``people`` has a ``note``.

A sheet is hidden (``state="hidden"`` on its ``<sheet>``), never removed, so nothing is
renumbered: local names and print titles (``localSheetId``), the document's list of
sheets, and every formula, chart and link that refers to the sheet stay valid, and a
reader can unhide it. Excel and LibreOffice do not print a hidden sheet. The workbook
never opens on a hidden sheet (``activeTab``, ``firstSheet`` and each sheet's
``tabSelected`` follow), and a template in which every visible sheet carries a sheet
condition is refused: Excel needs one visible sheet, whatever the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from reportgen.errors import TemplateError

from .refs import covers_whole_sheet, split_sheet
from .values import is_set
from .workbook import Book, q

if TYPE_CHECKING:
    from . import RenderContext
    from .repeated import Repeat

_IF = re.compile(r"^if\.([^\W\d]\w*)(?:\.([^\W\d]\w*))?$", re.IGNORECASE)
#: elements of a worksheet that come before <sheetViews> (CT_Worksheet order)
_BEFORE_VIEWS = ("sheetPr", "dimension")


@dataclass(frozen=True)
class SheetCondition:
    """Sheet ``sheet``, shown only when the scalar or collection ``subject`` is set (a
    collection: has records; a scalar of that name comes first); with ``field``, when
    some record of the collection ``subject`` has that field set."""

    name: str  # the defined name, for messages
    sheet: str
    subject: str
    field: str | None

    @property
    def where(self) -> str:
        return f"defined name {self.name} (sheet {self.sheet})"

    def holds(self, context: RenderContext) -> bool:
        if self.field is not None:
            data = context.collections[self.subject]
            at = list(data.fields).index(self.field)
            return any(is_set(record[at]) for record in data.rows)
        if self.subject in context.scalars:
            return is_set(context.scalars[self.subject])
        return is_set(context.collections[self.subject])


def whole_sheet(book: Book, text: str) -> str | None:
    """The worksheet a defined name's text covers whole, else None."""
    sheet, ref = split_sheet((text or "").strip().lstrip("="))
    found = book.sheet_named(sheet) if sheet is not None and covers_whole_sheet(ref) else None
    return found.name if found is not None else None


def sheet_conditions(book: Book) -> list[SheetCondition]:
    """The ``if.*`` defined names that cover a whole sheet, in the workbook's order."""
    found = []
    for el in book.workbook.getroot().iter(q("definedName")):
        name = el.get("name") or ""
        m = _IF.match(name)
        sheet = whole_sheet(book, el.text or "") if m else None
        if m and sheet is not None:
            found.append(SheetCondition(name, sheet, m.group(1), m.group(2)))
    return found


def check_template(book: Book, conditions: list[SheetCondition],
                   repeats: Mapping[str, Repeat]) -> None:
    """Refuse, whatever the data, what a sheet condition cannot do: hide a sheet repeated
    per record, or leave the workbook with no visible sheet."""
    for condition in conditions:
        repeat = repeats.get(condition.sheet.lower())
        if repeat is not None:
            raise TemplateError(
                f"{condition.where}: sheet {condition.sheet} repeats per record (defined "
                f"name sheet.{repeat.collection}.{repeat.field}); a sheet condition cannot "
                "hide a repeated sheet (with no records it shows once, its markers empty)"
            )
    if not conditions:
        return
    conditioned = {c.sheet.lower() for c in conditions}
    visible = [el.get("name", "") for el in _sheet_elements(book) if _visible(el)]
    if visible and all(name.lower() in conditioned for name in visible):
        names = ", ".join(sorted({c.name for c in conditions}))
        raise TemplateError(
            f"defined names {names}: every visible sheet of the template ("
            f"{', '.join(visible)}) has a sheet condition, so the data could hide them all, "
            "and Excel keeps at least one sheet visible; leave one sheet (a cover, the "
            "summary) without a sheet condition"
        )


def check_conditions(conditions: Iterable[SheetCondition], context: RenderContext) -> None:
    """Every scalar, collection and field a sheet condition names exists."""
    for condition in conditions:
        name, where = condition.subject, condition.where
        if condition.field is None:
            if name not in context.scalars and name not in context.collections:
                raise TemplateError(
                    f"{where}: there is no scalar or collection {name!r}; scalars: "
                    f"{', '.join(sorted(context.scalars)) or 'none'}; collections: "
                    f"{', '.join(sorted(context.collections)) or 'none'}"
                )
            continue
        require_field(where, name, condition.field, context)


def require_field(where: str, name: str, field: str, context: RenderContext) -> None:
    """A template error naming ``where`` unless collection ``name`` has ``field`` (for
    the sheet and column conditions that name a collection's field)."""
    data = context.collections.get(name)
    if data is None:
        raise TemplateError(
            f"{where}: there is no collection {name!r}; collections: "
            f"{', '.join(sorted(context.collections)) or 'none'}"
        )
    if field not in data.fields:
        raise TemplateError(
            f"{where}: collection {name!r} has no field {field!r}; fields: "
            f"{', '.join(data.fields)}"
        )


def hidden_sheets(conditions: Iterable[SheetCondition], context: RenderContext) -> set[str]:
    """The lower-cased names of the sheets to hide: a condition of theirs does not hold."""
    return {c.sheet.lower() for c in conditions if not c.holds(context)}


def hide_sheets(book: Book, hidden: set[str]) -> dict[str, bool]:
    """Mark the sheets named in ``hidden`` (lower-cased) hidden in ``book.workbook``, and
    move the workbook views' ``activeTab`` and ``firstSheet`` off hidden sheets.

    Returns, by worksheet part, the ``tabSelected`` its sheet view must get: False for
    each sheet hidden here, True for the sheet the workbook now opens on (when the one it
    opened on was hidden). A sheet the template already hides stays as it is.
    """
    elements = _sheet_elements(book)
    newly = [i for i, el in enumerate(elements)
             if el.get("name", "").lower() in hidden and _visible(el)]
    if not newly:
        return {}
    for i in newly:
        elements[i].set("state", "hidden")
    parts = {sheet.index: sheet.part for sheet in book.sheets}
    tabs = {parts[i]: False for i in newly if i in parts}
    visible = [i for i, el in enumerate(elements) if _visible(el)]
    for view in [] if not visible else book.workbook.getroot().iter(q("workbookView")):
        active = _index(view, "activeTab")
        if active not in visible:
            active = _nearest(visible, active)
            view.set("activeTab", str(active))
            if active in parts:
                tabs[parts[active]] = True
        first = _index(view, "firstSheet")
        if first not in visible:
            view.set("firstSheet", str(min(_nearest(visible, first), active)))
    return tabs


def select_tab(root: etree._Element, selected: bool) -> bool:
    """Select the worksheet ``root``'s tab (in its first sheet view) or unselect it in every
    view; True when it changed."""
    views = root.find(q("sheetViews"))
    if not selected:
        changed = False
        for view in root.iter(q("sheetView")):
            if view.attrib.pop("tabSelected", None) not in (None, "0", "false"):
                changed = True
        return changed
    if views is None:
        views = etree.Element(q("sheetViews"))
        before = [c for c in root if etree.QName(c).localname in _BEFORE_VIEWS]
        if before:
            before[-1].addnext(views)
        else:
            root.insert(0, views)
    view = views.find(q("sheetView"))
    if view is None:
        view = etree.SubElement(views, q("sheetView"), workbookViewId="0")
    if view.get("tabSelected") in ("1", "true"):
        return False
    view.set("tabSelected", "1")
    return True


def _sheet_elements(book: Book) -> list[etree._Element]:
    return list(book.workbook.getroot().iterfind(f"{q('sheets')}/{q('sheet')}"))


def _visible(el: etree._Element) -> bool:
    return el.get("state", "visible") == "visible"


def _index(view: etree._Element, attr: str) -> int:
    value = view.get(attr, "0")
    return int(value) if value.isdigit() else 0


def _nearest(visible: list[int], index: int) -> int:
    """The first visible sheet after ``index``, else the last before it."""
    after = [i for i in visible if i > index]
    return after[0] if after else [i for i in visible if i < index][-1]
