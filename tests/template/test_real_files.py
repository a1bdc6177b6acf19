"""Templates saved by real Excel (tests/template/data/real), markers injected into their XML.

Each test names the defect of issue 13 it guards (D1-D7); each failed before its fix.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from lxml import etree

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, RowLink, render_template

from .realfiles import REAL, parts, template

ABC = ("a", "b", "c")
SHEET1 = "xl/worksheets/sheet1.xml"


def ctx(n: int = 3, fields: tuple[str, ...] = ABC, **scalars) -> RenderContext:
    rows = [tuple(i * 10 + j for j in range(len(fields))) for i in range(1, n + 1)]
    return RenderContext({"title": "T", **scalars}, {"t": Collection(fields, rows)})


def render(path, context) -> tuple[bytes, list[str]]:
    buf = io.BytesIO()
    warnings = render_template(path, context, buf)
    return buf.getvalue(), warnings


def root(data: bytes, part: str) -> etree._Element:
    return etree.fromstring(parts(data)[part])


EVERY = [
    ("ExcelPivotTableSample.xlsx", {SHEET1: {"E2": "{{ t.a }}", "F2": "{{ t.b }}"}}),
    ("chart_column13.xlsx", {SHEET1: {"A2": "{{ t.a }}", "B2": "{{ t.b }}"}}),
    ("macro01.xlsm", {SHEET1: {"A2": "{{ t.a }}"}}),
    ("button01.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("bug64512_embed.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("56574.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("array_formula01.xlsx", {SHEET1: {"B5": "{{ t.a }}"}}),
    ("table01.xlsx", {SHEET1: {"C4": "{{ t.a }}", "D4": "{{ t.b }}"}}),
]


@pytest.mark.parametrize(("name", "cells"), EVERY, ids=[n for n, _ in EVERY])
def test_every_part_is_kept_and_the_workbook_reloads(tmp_path, name, cells):
    path = template(name, tmp_path / name, cells)
    data, _ = render(path, ctx(4))
    before = set(parts(path.read_bytes()))
    after = set(parts(data))
    assert after == {p for p in before if not p.lower().endswith("calcchain.xml")}
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    column = next(iter(cells[SHEET1]))[0]
    first = int(next(iter(cells[SHEET1]))[1:])
    assert [ws[f"{column}{first + k}"].value for k in range(4)] == [10, 20, 30, 40]


# D1: a pivot table whose cache reads an Excel Table by name refreshes on open, with a warning
def test_d1_table_sourced_pivot_refreshes_on_open(tmp_path):
    path = template("ExcelPivotTableSample.xlsx", tmp_path / "p.xlsx",
                    {SHEET1: {"E2": "{{ t.a }}", "F2": "{{ t.b }}", "G2": "{{ t.c }}"}})
    data, warnings = render(path, ctx(5))
    cache = root(data, "xl/pivotCache/pivotCacheDefinition2.xml")
    assert cache.find("{*}cacheSource/{*}worksheetSource").get("name") == "Tabelle1"
    assert cache.get("refreshOnLoad") == "1"
    assert any("Tabelle1" in w and "refresh" in w for w in warnings), warnings
    table = root(data, "xl/tables/table1.xml")
    assert table.get("ref") == "E1:G8"


# D2: a chart series along the marker row stays on its row (and says so), never 2-D
def test_d2_row_wise_chart_series_stays_on_its_row(tmp_path):
    path = template("chart_column13.xlsx", tmp_path / "c.xlsx",
                    {SHEET1: {"A2": "{{ t.a }}", "B2": "{{ t.b }}"}})
    data, warnings = render(path, ctx(12))
    formulas = [f.text for f in root(data, "xl/charts/chart1.xml").iter("{*}f")]
    assert formulas == ["Sheet1!$A$1:$B$1", "Sheet1!$A$2:$B$2"]
    assert any("xl/charts/chart1.xml" in w and "Sheet1!$A$2:$B$2" in w for w in warnings), \
        warnings


# D2: a sparkline whose data is the marker row keeps that row (made with XlsxWriter)
def test_d2_row_wise_sparkline_stays_on_its_row(tmp_path):
    import xlsxwriter

    path = tmp_path / "s.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for col, text in enumerate(["{{ t.a }}", "{{ t.b }}", "{{ t.c }}"]):
        ws.write_string(0, col, text)
    ws.add_sparkline("E1", {"range": "Sheet1!A1:C1"})
    wb.close()
    data, warnings = render(path, ctx(6))
    sheet = root(data, SHEET1)
    xm = "{http://schemas.microsoft.com/office/excel/2006/main}"
    assert [f.text for f in sheet.iter(f"{xm}f")] == ["Sheet1!A1:C1"]
    assert [s.text for s in sheet.iter(f"{xm}sqref")] == ["E1"]
    assert any("sparkline" in w for w in warnings), warnings


# D3: a macro-enabled template keeps its macros and its type; or loses both, with a warning
def test_d3_macro_enabled_template_stays_macro_enabled(tmp_path):
    path = template("macro01.xlsm", tmp_path / "m.xlsm", {SHEET1: {"A2": "{{ t.a }}"}})
    data, warnings = render(path, ctx(3))
    out = parts(data)
    assert out["xl/vbaProject.bin"] == parts(path.read_bytes())["xl/vbaProject.bin"]
    assert b"macroEnabled.main+xml" in out["[Content_Types].xml"]
    assert warnings == []


def test_d3_macros_are_removed_for_an_xlsx_with_a_warning(tmp_path):
    path = template("macro01.xlsm", tmp_path / "m.xlsm", {SHEET1: {"A2": "{{ t.a }}"}})
    buf = io.BytesIO()
    warnings = render_template(path, ctx(3), buf, keep_macros=False)
    out = parts(buf.getvalue())
    assert "xl/vbaProject.bin" not in out
    assert b"macroEnabled" not in out["[Content_Types].xml"]
    assert b"vbaProject" not in out["xl/_rels/workbook.xml.rels"]
    assert b"sheet.main+xml" in out["[Content_Types].xml"]
    assert any("macro" in w for w in warnings), warnings
    openpyxl.load_workbook(buf)
    from openxml_audit import OpenXmlValidator

    (tmp_path / "out.xlsx").write_bytes(buf.getvalue())
    assert [str(e) for e in OpenXmlValidator().validate(tmp_path / "out.xlsx").errors] == []


# D4: form controls (VML anchors) and OLE objects move with their rows
def test_d4_form_control_moves_with_its_row(tmp_path):
    path = template("button01.xlsx", tmp_path / "b.xlsx", {SHEET1: {"A1": "{{ t.a }}"}})
    data, _ = render(path, ctx(5))
    vml = parts(data)["xl/drawings/vmlDrawing1.vml"].decode()
    anchor = re.search(r"<x:Anchor>\s*([^<]*)</x:Anchor>", vml).group(1)
    assert [int(n) for n in anchor.split(",")] == [2, 0, 5, 0, 3, 0, 6, 0]


def test_d4_ole_objects_move_with_their_rows(tmp_path):
    path = template("bug64512_embed.xlsx", tmp_path / "o.xlsx", {SHEET1: {"A1": "{{ t.a }}"}})
    data, _ = render(path, ctx(4))
    sheet = root(data, SHEET1)
    anchors = [(int(a.find("{*}from/{*}row").text), int(a.find("{*}to/{*}row").text))
               for a in sheet.iter("{*}anchor")]
    assert anchors == [(4, 6), (8, 10)]
    vml = parts(data)["xl/drawings/vmlDrawing1.vml"].decode()
    assert [a.split(",")[2].strip() for a in re.findall(r"<x:Anchor>\s*([^<]*)</x:Anchor>",
                                                        vml)] == ["4", "8"]
    drawing = root(data, "xl/drawings/drawing1.xml")
    assert sorted(int(r.text) for r in drawing.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}row")) == \
        [4, 6, 8, 10]


# D5: a sheet the render does not change is copied byte for byte
def test_d5_untouched_sheets_are_byte_identical(tmp_path):
    path = template("56574.xlsx", tmp_path / "u.xlsx", {SHEET1: {"A1": "{{ t.a }}"}})
    data, _ = render(path, ctx(20))
    before, after = parts(path.read_bytes()), parts(data)
    assert after["xl/worksheets/sheet3.xml"] == before["xl/worksheets/sheet3.xml"]
    assert after["xl/worksheets/sheet2.xml"] == before["xl/worksheets/sheet2.xml"]
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Func"]
    assert ws["C12"].value == 4 and ws["A5"].value == 5


# D5: on a changed sheet, shared formulas and cached results above the new rows are kept
def test_d5_shared_formulas_and_cached_values_kept_where_nothing_changed(tmp_path):
    path = template("56574.xlsx", tmp_path / "u.xlsx",
                    {"xl/worksheets/sheet3.xml": {"A30": "{{ t.a }}"}})
    data, _ = render(path, ctx(5))
    sheet = root(data, "xl/worksheets/sheet3.xml")
    shared = [f for f in sheet.iter("{*}f") if f.get("t") == "shared"]
    template_shared = [f for f in etree.fromstring(parts(path.read_bytes())[
        "xl/worksheets/sheet3.xml"]).iter("{*}f") if f.get("t") == "shared"]
    assert len(shared) == len(template_shared) > 0
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Func"]
    assert [ws[f"A{r}"].value for r in range(1, 10)] == list(range(1, 10))
    assert ws["C12"].value == 4
    assert [ws[f"A{r}"].value for r in range(30, 35)] == [10, 20, 30, 40, 50]


# D6: an array formula spanning the marker row is named in a warning
def test_d6_array_formula_spanning_the_marker_row_warns(tmp_path):
    path = template("array_formula01.xlsx", tmp_path / "a.xlsx", {SHEET1: {"B2": "{{ t.a }}"}})
    _, warnings = render(path, ctx(3))
    assert any("A1:A3" in w and "array formula" in w for w in warnings), warnings


# D7: a link into a collection no sheet shows is one template error, not one per record
def test_d7_row_link_to_a_missing_sheet_is_one_template_error(tmp_path):
    path = template("table01.xlsx", tmp_path / "l.xlsx",
                    {SHEET1: {"C4": "{{ t.a }}", "D4": "{{ t.source }}"}})
    rows = [(i, RowLink(f"source {i}", "sources", f"s{i}")) for i in range(50)]
    context = RenderContext({}, {"t": Collection(("a", "source"), rows)})
    with pytest.raises(TemplateError) as err:
        render(path, context)
    message = str(err.value)
    assert message.count("sources") >= 1 and message.count("\n") == 0, message
    assert "Sheet1!D4" in message and "{{ t.source }}" in message


# the shared-row case: another table's cells on the marker row are repeated, with a warning
def test_table_sharing_the_marker_row_warns(tmp_path):
    path = template("table01.xlsx", tmp_path / "s.xlsx", {SHEET1: {"A5": "{{ t.a }}"}})
    data, warnings = render(path, ctx(3))
    assert any("Table1" in w and "row 5" in w for w in warnings), warnings
    assert root(data, "xl/tables/table1.xml").get("ref") == "C3:F15"


def test_real_files_are_real_excel_files():
    for path in sorted(REAL.glob("*.xls[xm]")):
        with zipfile.ZipFile(path) as zf:
            assert b"Microsoft Excel" in zf.read("docProps/app.xml"), path.name


def test_scalars_in_a_real_file(tmp_path):
    path = template("56574.xlsx", tmp_path / "s.xlsx", {SHEET1: {"B2": "{{ day }}"}})
    data, _ = render(path, ctx(1, day=date(2024, 1, 2)))
    assert openpyxl.load_workbook(io.BytesIO(data))["Sheet1"]["B2"].value.date() == \
        date(2024, 1, 2)


# D6: an array formula along the marker row is as wide on every new row
def test_d6_array_formula_along_the_marker_row_keeps_its_width(tmp_path):
    import xlsxwriter

    path = tmp_path / "a.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for col, text in enumerate(["{{ t.a }}", "{{ t.b }}", "{{ t.c }}"]):
        ws.write_string(4, col, text)
    ws.write_array_formula("D5:F5", "{=A5:C5*2}")
    wb.close()
    data, _ = render(path, ctx(3))
    refs = [f.get("ref") for f in root(data, SHEET1).iter("{*}f")]
    assert refs == ["D5:F5", "D6:F6", "D7:F7"]


# richer templates on a real Excel file: a block and a sheet per record
def test_a_block_and_a_sheet_per_record_in_a_real_file(tmp_path):
    from .realfiles import with_names

    source = parts((REAL / "56574.xlsx").read_bytes())
    path = template("56574.xlsx", tmp_path / "r.xlsx", {
        SHEET1: {"A1": "{{ t.a }}", "A2": "{{ t.b }}"},
        "xl/worksheets/sheet2.xml": {"B2": "{{ t.c }}"},
    }, replace={"xl/workbook.xml": with_names(source["xl/workbook.xml"], {
        "repeat.t": "Sheet1!$1:$2", "sheet.t.a": "Sheet2!$A$1"})})
    data, _ = render(path, ctx(3))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Sheet1", "10", "20", "30", "Func"]
    assert [wb["Sheet1"][f"A{r}"].value for r in range(1, 7)] == [10, 11, 20, 21, 30, 31]
    assert [wb[n]["B2"].value for n in ("10", "20", "30")] == [12, 22, 32]
    after = parts(data)
    assert after["xl/worksheets/sheet3.xml"] == source["xl/worksheets/sheet3.xml"]  # Func
