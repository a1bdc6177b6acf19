"""Sheet conditions: a defined name if.<collection> (or if.<scalar>, if.<collection>.<field>)
covering a whole sheet hides the sheet when the collection has no records (the scalar is
empty, no record has the field). Hidden, never removed: nothing is renumbered."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.hyperlink import Hyperlink
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, render_template

from ..libreoffice import convert, to_pdf
from .realfiles import REAL, parts, template, with_names

FIELDS = ("what", "note")
WHOLE = "'What changed'!$1:$1048576"


def changes_template(path: Path, names: dict[str, str] | None = None, active: int = 0,
                     states: dict[str, str] | None = None) -> Path:
    """Summary | What changed (a collection, print titles, tab colour) | Data (a formula
    and a link into What changed); ``active``: the sheet the workbook opens on."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    summary["A1"] = "Summary of {{ title }}"
    changes = wb.create_sheet("What changed")
    changes["A1"] = "Changes since the previous edition"
    changes["A3"], changes["B3"] = "What", "Note"
    changes["A4"], changes["B4"] = "{{ changes.what }}", "{{ changes.note }}"
    changes.print_title_rows = "3:3"
    changes.sheet_properties.tabColor = "C55A11"
    data = wb.create_sheet("Data")
    data["A1"] = "=COUNTA('What changed'!A4:A100)"
    data["A2"] = "see the changes"
    data["A2"].hyperlink = Hyperlink(ref="A2", location="'What changed'!A1")
    data.print_title_rows = "1:1"
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.active = active
    wb.worksheets[active].sheet_view.tabSelected = True
    for title, state in (states or {}).items():
        wb[title].sheet_state = state
    names = names if names is not None else {"if.changes": WHOLE}
    for name, text in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(path)
    return path


def render(path: Path, changes: list[tuple], previous: str | None = None) -> bytes:
    ctx = RenderContext({"title": "T", "previous": previous},
                        {"changes": Collection(FIELDS, changes)})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    return buf.getvalue()


def states(data: bytes) -> dict[str, str]:
    return {ws.title: ws.sheet_state for ws in openpyxl.load_workbook(io.BytesIO(data))}


def book_view(data: bytes) -> dict[str, str]:
    root = etree.fromstring(parts(data)["xl/workbook.xml"])
    return dict(next(root.iter("{*}workbookView")).attrib)


def selected(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected]


def test_a_sheet_whose_collection_is_empty_is_hidden_not_removed(tmp_path):
    path = changes_template(tmp_path / "t.xlsx")
    data = render(path, [])
    assert states(data) == {"Summary": "visible", "What changed": "hidden", "Data": "visible"}
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert [(s.name, s.visible) for s in calamine.sheets_metadata] == [
        ("Summary", SheetVisibleEnum.Visible), ("What changed", SheetVisibleEnum.Hidden),
        ("Data", SheetVisibleEnum.Visible)]
    # nothing renumbered: print titles keep their sheets, the formula and link still point
    # at What changed, and so does the defined name
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Summary", "What changed", "Data"]
    assert wb["What changed"].print_title_rows == "$3:$3"
    assert wb["Data"].print_title_rows == "$1:$1"
    assert wb["Data"]["A1"].value == "=COUNTA('What changed'!A4:A100)"
    assert wb["Data"]["A2"].hyperlink.location == "'What changed'!A1"
    assert wb.defined_names["if.changes"].attr_text == WHOLE
    assert wb["What changed"]["A1"].value == "Changes since the previous edition"
    assert book_view(data).get("activeTab", "0") == "0" and selected(data) == ["Summary"]


def test_a_sheet_whose_collection_has_records_shows(tmp_path):
    path = changes_template(tmp_path / "t.xlsx")
    data = render(path, [("Added", "a fact")])
    assert states(data) == dict.fromkeys(("Summary", "What changed", "Data"), "visible")
    template_sheets = etree.fromstring(parts(path.read_bytes())["xl/workbook.xml"])
    rendered = etree.fromstring(parts(data)["xl/workbook.xml"])
    assert [dict(s.attrib) for s in rendered.iter("{*}sheet")] == [
        dict(s.attrib) for s in template_sheets.iter("{*}sheet")]
    assert openpyxl.load_workbook(io.BytesIO(data))["What changed"]["A4"].value == "Added"


@pytest.mark.parametrize("text", [
    "'What changed'!$1:$1048576", "'What changed'!1:1048576", "'What changed'!$A:$XFD",
    "'What changed'!$A$1:$XFD$1048576", "='What changed'!$a$1:$xfd$1048576",
])
def test_every_way_of_writing_a_whole_sheet(tmp_path, text):
    path = changes_template(tmp_path / "t.xlsx", {"if.changes": text})
    assert states(render(path, []))["What changed"] == "hidden"
    assert states(render(path, [("Added", None)]))["What changed"] == "visible"


def test_a_name_scoped_to_its_sheet_works_too(tmp_path):
    path = changes_template(tmp_path / "t.xlsx", {})
    wb = openpyxl.load_workbook(path)
    wb["What changed"].defined_names["if.changes"] = DefinedName("if.changes",
                                                                 attr_text=WHOLE)
    wb.save(path)
    assert states(render(path, []))["What changed"] == "hidden"


@pytest.mark.parametrize("name, previous, changes, hidden", [
    ("if.previous", None, [], True), ("if.previous", "", [], True),
    ("if.previous", "edition 3", [], False),
    ("if.changes.note", None, [("Added", None), ("Changed", "")], True),
    ("if.changes.note", None, [("Added", None), ("Changed", "why")], False),
])
def test_a_scalar_or_a_field_as_the_condition(tmp_path, name, previous, changes, hidden):
    path = changes_template(tmp_path / "t.xlsx", {name: WHOLE})
    state = states(render(path, changes, previous))["What changed"]
    assert state == ("hidden" if hidden else "visible")


def test_a_sheet_the_template_hides_stays_hidden_and_is_never_shown(tmp_path):
    path = changes_template(tmp_path / "t.xlsx", states={"What changed": "veryHidden"})
    assert states(render(path, [("Added", None)]))["What changed"] == "veryHidden"
    assert states(render(path, []))["What changed"] == "veryHidden"


def test_the_workbook_never_opens_on_a_hidden_sheet(tmp_path):
    data = render(changes_template(tmp_path / "t.xlsx", active=1), [])
    assert states(data)["What changed"] == "hidden"
    assert book_view(data)["activeTab"] == "2"  # the next visible sheet
    assert selected(data) == ["Data"]
    # opened on the last sheet, hidden: the one before it
    names = {"if.changes": WHOLE, "if.previous": "Data!$1:$1048576"}
    data = render(changes_template(tmp_path / "u.xlsx", names, active=2), [])
    assert states(data) == {"Summary": "visible", "What changed": "hidden", "Data": "hidden"}
    assert book_view(data)["activeTab"] == "0" and selected(data) == ["Summary"]


def test_the_first_tab_shown_is_never_a_hidden_sheet(tmp_path):
    path = changes_template(tmp_path / "t.xlsx", active=2)
    wb = openpyxl.load_workbook(path)
    wb.views[0].firstSheet = 1  # the tab strip scrolled to What changed
    wb.save(path)
    view = book_view(render(path, []))
    assert (view["firstSheet"], view["activeTab"]) == ("2", "2")


def test_a_hidden_sheet_in_a_real_excel_file(tmp_path):
    """56574.xlsx (saved by Excel) opens on its third sheet, Func: hiding it moves the
    workbook to Sheet2 and the tab selection with it."""
    source = parts((REAL / "56574.xlsx").read_bytes())
    path = template("56574.xlsx", tmp_path / "r.xlsx", {
        "xl/worksheets/sheet1.xml": {"A30": "{{ note }}"},
    }, replace={"xl/workbook.xml": with_names(source["xl/workbook.xml"], {
        "if.note": "Func!$1:$1048576"})})
    buf = io.BytesIO()
    render_template(path, RenderContext({"note": None}, {}), buf)
    data = buf.getvalue()
    assert states(data) == {"Sheet1": "visible", "Sheet2": "visible", "Func": "hidden"}
    assert book_view(data)["activeTab"] == "1" and selected(data) == ["Sheet2"]
    func = etree.fromstring(parts(data)["xl/worksheets/sheet3.xml"])
    assert [v.get("tabSelected") for v in func.iter("{*}sheetView")] == [None]
    buf = io.BytesIO()
    render_template(path, RenderContext({"note": "kept"}, {}), buf)
    assert parts(buf.getvalue())["xl/worksheets/sheet3.xml"] == source[
        "xl/worksheets/sheet3.xml"]
    assert states(buf.getvalue())["Func"] == "visible"


@pytest.mark.parametrize("names, message", [
    ({"if.chnages": WHOLE}, r"defined name if.chnages \(sheet What changed\): there is no "
     r"scalar or collection 'chnages'; scalars: continuations, previous, title; "
     r"collections: changes"),
    ({"if.changes.notes": WHOLE}, r"defined name if.changes.notes \(sheet What changed\): "
     "collection 'changes' has no field 'notes'; fields: what, note"),
    ({"if.change.note": WHOLE}, r"defined name if.change.note \(sheet What changed\): "
     "there is no collection 'change'"),
    ({"if.changes": "Nowhere!$1:$1048576"}, r"defined name if.changes: refers to "
     r"'Nowhere!\$1:\$1048576'; it must name rows .* or a whole sheet, such as "
     r"'Sheet1'!\$1:\$1048576"),
    ({"if.changes": WHOLE, "if.title": "Summary!$1:$1048576",
      "if.previous": "Data!$A:$XFD"},
     r"defined names if.changes, if.previous, if.title: every visible sheet of the template "
     r"\(Summary, What changed, Data\) has a sheet condition, so the data could hide them "
     "all, and Excel keeps at least one sheet visible"),
])
def test_wrong_sheet_conditions_are_template_errors_naming_the_defined_name(
        tmp_path, names, message):
    path = changes_template(tmp_path / "t.xlsx", names)
    with pytest.raises(TemplateError, match=message):
        render(path, [("Added", "a fact")], "edition 3")


def test_every_other_sheet_hidden_by_the_template_counts_as_hidden(tmp_path):
    path = changes_template(tmp_path / "t.xlsx", {
        "if.changes": WHOLE, "if.title": "Summary!$1:$1048576"}, states={"Data": "hidden"})
    with pytest.raises(TemplateError, match="every visible sheet of the template "
                       r"\(Summary, What changed\) has a sheet condition"):
        render(path, [], "edition 3")


def test_a_repeated_sheet_cannot_carry_a_sheet_condition(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Summary"
    wb.create_sheet("Change")["A1"] = "{{ changes.what }}"
    for name, text in (("sheet.changes.what", "Change!$A$1"),
                       ("if.changes", "Change!$1:$1048576")):
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(TemplateError, match=r"defined name if.changes \(sheet Change\): "
                       r"sheet Change repeats per record \(defined name "
                       r"sheet.changes.what\); a sheet condition cannot hide a repeated "
                       "sheet"):
        render(tmp_path / "t.xlsx", [])


def test_libreoffice_does_not_print_a_hidden_sheet(tmp_path):
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("pdfinfo/pdftotext (poppler) is not installed")
    path = changes_template(tmp_path / "t.xlsx")
    printed = {}
    for label, changes in (("none", []), ("some", [("Added", "a fact")])):
        (tmp_path / f"{label}.xlsx").write_bytes(render(path, changes))
        pdf = to_pdf(tmp_path / f"{label}.xlsx", tmp_path / label)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines()
                         if line.startswith("Pages:")))
        printed[label] = (pages, "Changes since the previous edition" in text)
    assert printed == {"none": (2, False), "some": (3, True)}


def test_a_template_saved_by_libreoffice_keeps_the_condition(tmp_path):
    """LibreOffice saves a whole sheet written any way as every row ($1:$1048576), and
    the condition still works on the file it saved."""
    path = changes_template(tmp_path / "t.xlsx", {"if.changes": "'What changed'!$A:$XFD"})
    (saved,) = convert(path, "xlsx", tmp_path / "saved")
    text = openpyxl.load_workbook(saved).defined_names["if.changes"].attr_text
    assert text == WHOLE
    assert states(render(saved, []))["What changed"] == "hidden"
    assert states(render(saved, [("Added", None)]))["What changed"] == "visible"
