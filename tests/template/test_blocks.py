"""Blocks of rows repeated per record, conditional rows (defined names repeat.* and if.*)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, RowLink, render_template

PEOPLE = ("id", "name", "country", "note")


def people(n: int = 3) -> list[tuple]:
    return [(f"p{i}", f"Person {i}", f"Country {i}", None if i == 2 else f"Note {i}")
            for i in range(1, n + 1)]


def profile_template(path: Path) -> Path:
    """A person profile: three rows per person, the note row only when there is a note."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws["A1"] = "People"
    ws["A3"], ws["B3"], ws["C3"] = "Name", "{{ people.name }}", "profile"
    ws.merge_cells("C3:D3")
    ws["A4"], ws["B4"], ws["C4"] = "Country", "{{ people.country }}", "=LEN(B4)"
    ws["A5"], ws["B5"] = "Note", "{{ people.note }}"
    ws["A7"], ws["B7"] = "Names", "=COUNTA(B3:B5)"
    ws["A8"] = "{{ footnote }}"
    for name, text in (("repeat.people", "People!$3:$5"), ("if.people.note", "People!$5:$5"),
                       ("if.footnote", "People!$8:$8")):
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    ws.conditional_formatting.add("B4", CellIsRule(operator="equal", formula=['"x"'],
                                                   fill=PatternFill("solid", fgColor="FFFF00")))
    links = wb.create_sheet("Links")
    links["A1"] = "{{ refs.to }}"
    wb.save(path)
    return path


def render(path: Path, rows: list[tuple], footnote: str = "") -> openpyxl.Workbook:
    refs = Collection(("to",), [(RowLink(r[1], "people", r[0]),) for r in rows])
    ctx = RenderContext({"footnote": footnote},
                        {"people": Collection(PEOPLE, rows), "refs": refs})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    return openpyxl.load_workbook(buf)


def column(ws, col: str, first: int, last: int) -> list:
    return [ws[f"{col}{r}"].value for r in range(first, last + 1)]


def test_a_block_repeats_per_record_and_a_conditional_row_is_left_out(tmp_path):
    wb = render(profile_template(tmp_path / "p.xlsx"), people(3))
    ws = wb["People"]
    assert column(ws, "A", 3, 10) == ["Name", "Country", "Note", "Name", "Country",
                                      "Name", "Country", "Note"]
    assert column(ws, "B", 3, 10) == ["Person 1", "Country 1", "Note 1", "Person 2",
                                      "Country 2", "Person 3", "Country 3", "Note 3"]
    assert [ws[f"C{r}"].value for r in (4, 7, 9)] == ["=LEN(B4)", "=LEN(B7)", "=LEN(B9)"]
    assert sorted(str(m) for m in ws.merged_cells.ranges) == ["C3:D3", "C6:D6", "C8:D8"]
    assert ws["A12"].value == "Names" and ws["B12"].value == "=COUNTA(B3:B10)"
    assert ws.row_dimensions[13].hidden  # if.footnote: the footnote is empty
    assert wb.defined_names["repeat.people"].attr_text == "People!$3:$10"
    # a format on a block row applies to that row of every repeat
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["B4 B7 B9"]


def test_row_links_point_at_each_records_block(tmp_path):
    wb = render(profile_template(tmp_path / "p.xlsx"), people(3))
    ws = wb["Links"]
    assert [ws[f"A{r}"].hyperlink.location for r in (1, 2, 3)] == [
        "'People'!A3", "'People'!A6", "'People'!A8"]


def test_no_records_leave_the_block_once_empty_and_a_set_condition_shows(tmp_path):
    ws = render(profile_template(tmp_path / "p.xlsx"), [], footnote="Sources: ...")["People"]
    assert column(ws, "A", 3, 5) == [None, None, None]  # like a collection row: empty, styled
    assert column(ws, "B", 3, 5) == [None, None, None]
    assert ws["B7"].value == "=COUNTA(B3:B5)"
    assert ws["A8"].value == "Sources: ..." and not ws.row_dimensions[8].hidden


@pytest.mark.parametrize("name, text, message", [
    ("repeat.persons", "People!$3:$5", "no collection 'persons'"),
    ("if.people.notes", "People!$5:$5", "no field 'notes'"),
    ("if.people.note", "People!$8:$8", "not inside a block repeat.people"),
    ("if.missing", "People!$8:$8", "no scalar 'missing'"),
    ("repeat.refs", "People!$4:$6", "overlap"),
    ("repeat.refs", "Nowhere!$1:$2", "must name rows of one sheet"),
])
def test_wrong_directives_are_template_errors(tmp_path, name, text, message):
    path = profile_template(tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(path)
    with pytest.raises(TemplateError, match=message):
        render(path, people(2))


def test_a_block_naming_another_collection_is_refused(tmp_path):
    path = profile_template(tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["People"]["B4"] = "{{ refs.to }}"
    wb.save(path)
    with pytest.raises(TemplateError, match="inside the block repeat.people"):
        render(path, people(2))


ROLES = ("title", "since")


def nested_template(path: Path) -> Path:
    """Each person, with their roles beneath: a nested collection inside a block."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws["A3"], ws["B3"] = "{{ people.name }}", "{{ people.country }}"
    ws["A4"], ws["B4"], ws["C4"] = "{{ roles.title }}", "{{ roles.since }}", "=B4+1"
    ws.merge_cells("D4:E4")
    ws["A6"], ws["B6"] = "Roles", "=COUNTA(A3:A4)"
    wb.defined_names["repeat.people"] = DefinedName("repeat.people", attr_text="People!$3:$4")
    wb.save(path)
    return path


def nested_people() -> list[tuple]:
    roles = [Collection(ROLES, [("Minister", 2021), ("Envoy", 2019)]),
             Collection(ROLES, []), None, Collection(ROLES, [("Mayor", 2015)])]
    return [(f"p{i}", f"Person {i}", f"C{i}", roles[i - 1]) for i in range(1, 5)]


def test_a_nested_collection_repeats_inside_each_record_of_its_block(tmp_path):
    path = nested_template(tmp_path / "n.xlsx")
    ctx = RenderContext({}, {"people": Collection(("id", "name", "country", "roles"),
                                                  nested_people())})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    ws = openpyxl.load_workbook(buf)["People"]
    assert column(ws, "A", 3, 11) == ["Person 1", "Minister", "Envoy", "Person 2", None,
                                      "Person 3", None, "Person 4", "Mayor"]
    assert column(ws, "B", 4, 5) == [2021, 2019]
    assert [ws[f"C{r}"].value for r in (4, 5, 7, 11)] == ["=B4+1", "=B5+1", None, "=B11+1"]
    assert sorted(str(m) for m in ws.merged_cells.ranges) == [
        "D11:E11", "D4:E4", "D5:E5", "D7:E7", "D9:E9"]
    assert ws["A13"].value == "Roles" and ws["B13"].value == "=COUNTA(A3:A11)"


def test_a_nested_marker_naming_no_field_is_a_template_error(tmp_path):
    path = nested_template(tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["People"]["B4"] = "{{ roles.sinse }}"
    wb.save(path)
    ctx = RenderContext({}, {"people": Collection(("id", "name", "country", "roles"),
                                                  nested_people())})
    with pytest.raises(TemplateError, match="unknown field 'sinse' of the nested"):
        render_template(path, ctx, io.BytesIO())


def test_a_nested_row_left_out_when_the_record_has_none(tmp_path):
    path = nested_template(tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.defined_names["if.people.roles"] = DefinedName("if.people.roles",
                                                      attr_text="People!$4:$4")
    wb.save(path)
    ctx = RenderContext({}, {"people": Collection(("id", "name", "country", "roles"),
                                                  nested_people())})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    ws = openpyxl.load_workbook(buf)["People"]
    assert column(ws, "A", 3, 9) == ["Person 1", "Minister", "Envoy", "Person 2",
                                     "Person 3", "Person 4", "Mayor"]
