"""Column conditions: a defined name if.<collection>.<field> (or if.<scalar>) naming whole
columns hides them when no record has the field set (or the scalar is empty)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, render_template

from ..libreoffice import to_pdf
from .realfiles import REAL, parts, template, with_names

FIELDS = ("name", "route", "note", "asset")
HEADERS = ("Name", "Route", "Note", "Asset")


def figures_template(path: Path, names: dict[str, str] | None = None) -> Path:
    """A table of figures, A:D, heading in row 3, markers in row 4; B:D share one width."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    ws["A1"] = "Figures {{ footnote }}"
    for i, (field, header) in enumerate(zip(FIELDS, HEADERS, strict=True)):
        ws.cell(3, i + 1, header)
        ws.cell(4, i + 1, f"{{{{ figures.{field} }}}}")
    ws["F3"] = "Remark"
    ws.add_table(Table(displayName="Figures", ref="A3:D4"))
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions.group("B", "D", hidden=False)  # one <col> for B:D ...
    ws.column_dimensions["B"].width = 18  # ... 18 wide, outline level 1
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    names = names if names is not None else {
        "if.figures.route": "Figures!$B:$B", "if.figures.note": "Figures!$C:$C",
        "if.figures.asset": "Figures!$D:$D", "if.footnote": "Figures!$F:$F"}
    for name, text in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(path)
    return path


def rows(notes: bool = False) -> list[tuple]:
    return [(f"Figure {i}", "", f"Note {i}" if notes and i == 2 else None, None)
            for i in range(1, 4)]


def render(path: Path, records: list[tuple], footnote: str = "") -> bytes:
    ctx = RenderContext({"footnote": footnote}, {"figures": Collection(FIELDS, records)})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    return buf.getvalue()


def cols(data: bytes, part: str = "xl/worksheets/sheet1.xml") -> list[dict[str, str]]:
    root = etree.fromstring(parts(data)[part])
    return [dict(c.attrib) for c in root.iter("{*}col")]


def test_a_column_whose_field_no_record_has_is_hidden(tmp_path):
    data = render(figures_template(tmp_path / "t.xlsx"), rows(notes=True))
    ws = openpyxl.load_workbook(io.BytesIO(data))["Figures"]
    hidden = {letter for letter in "ABCDEF" if ws.column_dimensions[letter].hidden}
    assert hidden == {"B", "D", "F"}  # route is '' everywhere, asset None, footnote ''
    assert [ws.cell(r, 3).value for r in range(3, 7)] == ["Note", None, "Note 2", None]
    # hidden, not removed: the table, its cells, freeze panes and print titles stay
    assert ws.tables["Figures"].ref == "A3:D6"
    assert ws["B3"].value == "Route" and ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3"
    # the <col> run B:D is split, every piece keeping its width and outline level
    assert cols(data) == [
        {"min": "1", "max": "1", "width": "30", "customWidth": "1"},
        {"min": "2", "max": "2", "width": "18", "customWidth": "1", "outlineLevel": "1",
         "hidden": "1"},
        {"min": "3", "max": "3", "width": "18", "customWidth": "1", "outlineLevel": "1"},
        {"min": "4", "max": "4", "width": "18", "customWidth": "1", "outlineLevel": "1",
         "hidden": "1"},
        {"min": "6", "max": "6", "width": "9.140625", "hidden": "1"},
    ]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.defined_names["if.figures.note"].attr_text == "Figures!$C:$C"


def test_columns_show_when_a_record_has_the_field_and_the_scalar_is_set(tmp_path):
    path = figures_template(tmp_path / "t.xlsx")
    records = [("Figure 1", "Almaty-Urumqi", "Note", "Khorgos")]
    data = render(path, records, footnote="see notes")
    ws = openpyxl.load_workbook(io.BytesIO(data))["Figures"]
    assert not any(ws.column_dimensions[letter].hidden for letter in "ABCDEF")
    template_cols = etree.fromstring(parts(path.read_bytes())["xl/worksheets/sheet1.xml"])
    assert cols(data) == [dict(c.attrib) for c in template_cols.iter("{*}col")]


def test_no_records_hide_every_conditional_column(tmp_path):
    data = render(figures_template(tmp_path / "t.xlsx"), [])
    assert [(c["min"], c["max"], c.get("hidden")) for c in cols(data)] == [
        ("1", "1", None), ("2", "4", "1"), ("6", "6", "1")]  # B:D stays one run


@pytest.mark.parametrize("name, text, message", [
    ("if.figure.note", "Figures!$C:$C",
     r"defined name if.figure.note \(columns C:C of sheet Figures\): there is no collection "
     "'figure'"),
    ("if.figures.notes", "Figures!$C:$E",
     r"defined name if.figures.notes \(columns C:E of sheet Figures\): collection 'figures' "
     "has no field 'notes'"),
    ("if.footnotes", "Figures!$F:$F", r"if.footnotes .*there is no scalar 'footnotes'"),
    ("if.figures.note", "Nowhere!$C:$C",
     r"defined name if.figures.note: refers to 'Nowhere!\$C:\$C'; it must name rows .*, "
     "whole columns"),
    ("if.figures.note", "Figures!$C$1:$C$9",
     "defined name if.figures.note: rows 1:9 of sheet Figures are not inside a block "
     r"repeat.figures; .* or on whole columns \('Figures'!\$F:\$F\)"),
    ("if.figures.note", "Figures!$C:$XFE", "past Excel's last column"),
])
def test_wrong_column_conditions_are_template_errors_naming_the_defined_name(
        tmp_path, name, text, message):
    path = figures_template(tmp_path / "t.xlsx", {name: text})
    with pytest.raises(TemplateError, match=message):
        render(path, rows())


def test_a_sheet_without_cols_gets_them_before_its_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "{{ figures.name }}", "{{ figures.note }}"
    wb.defined_names["if.figures.note"] = DefinedName("if.figures.note",
                                                      attr_text="Sheet!$B:$B")
    wb.save(tmp_path / "t.xlsx")
    data = render(tmp_path / "t.xlsx", rows())
    root = etree.fromstring(parts(data)["xl/worksheets/sheet1.xml"])
    names = [etree.QName(c).localname for c in root]
    assert names.index("cols") == names.index("sheetData") - 1
    assert cols(data) == [{"min": "2", "max": "2", "width": "9.140625", "hidden": "1"}]


def test_a_column_condition_in_a_real_excel_file(tmp_path):
    source = parts((REAL / "table01.xlsx").read_bytes())
    path = template("table01.xlsx", tmp_path / "r.xlsx", {
        "xl/worksheets/sheet1.xml": {"C4": "{{ t.a }}", "D4": "{{ t.b }}", "E4": "{{ t.c }}"},
    }, replace={"xl/workbook.xml": with_names(source["xl/workbook.xml"], {
        "if.t.c": "Sheet1!$E:$E"})})
    ctx = RenderContext({}, {"t": Collection(("a", "b", "c"), [(1, 2, None), (3, 4, "")])})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    data = buf.getvalue()
    assert cols(data) == [
        {"min": "3", "max": "4", "width": "11", "customWidth": "1"},
        {"min": "5", "max": "5", "width": "11", "customWidth": "1", "hidden": "1"},
        {"min": "6", "max": "6", "width": "11", "customWidth": "1"},
    ]
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.column_dimensions["E"].hidden and ws["C5"].value == 3


def test_libreoffice_does_not_print_a_hidden_column(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    path = figures_template(tmp_path / "t.xlsx")
    records = [("Figure 1", "", "Shown note", None)]
    (tmp_path / "out.xlsx").write_bytes(render(path, records))
    pdf = to_pdf(tmp_path / "out.xlsx", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Figure 1" in text and "Shown note" in text and "Note" in text
    assert "Route" not in text and "Asset" not in text and "Remark" not in text


def test_a_column_condition_on_a_repeated_sheet_is_refused_as_any_name_there(tmp_path):
    wb = openpyxl.Workbook()
    person = wb.active
    person.title = "Person"
    person["A1"], person["B1"] = "{{ figures.name }}", "{{ figures.asset }}"
    for name, text in (("sheet.figures.name", "Person!$A$1"),
                       ("if.figures.asset", "Person!$B:$B")):
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(TemplateError, match="if.figures.asset refers to sheet Person, which "
                       "repeats per record"):
        render(tmp_path / "t.xlsx", rows())
