"""Cached formula results: kept where the render cannot change them, dropped where it can."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import xlsxwriter

from reportgen.template import Collection, RenderContext, render_template

from .realfiles import parts


def cached_template(path: Path) -> Path:
    """Formulas with cached results (as Excel saves them) around a collection row."""
    wb = xlsxwriter.Workbook(str(path))
    data = wb.add_worksheet("Data")
    data.write_string("A1", "{{ title }}")
    data.write_number("B1", 7)
    data.write_formula("C1", "=B1*2", None, 14)          # reads nothing that changes
    data.write_formula("D1", "=LEN(A1)", None, 11)       # reads a marker cell
    data.write_formula("E1", "=D1+1", None, 12)          # reads a formula that changes
    data.write_string("A3", "{{ t.v }}")
    data.write_formula("B3", "=A3*2", None, 0)           # copied down: generated
    data.write_formula("A5", "=SUM(A3:A3)", None, 0)     # a range that grows
    data.write_formula("B5", "=C1+1", None, 15)          # moves, reads a kept formula
    data.write_formula("C5", "=ROW()", None, 5)          # moves: its position changes
    data.write_formula("D2", "=ROW()", None, 2)          # above: stays
    other = wb.add_worksheet("Other")
    other.write_formula("A1", "=Data!C1", None, 14)      # kept: reads a kept formula
    other.write_formula("A2", "=Data!B1+1", None, 8)
    quiet = wb.add_worksheet("Quiet")
    quiet.write_number("A1", 1)
    quiet.write_formula("A2", "=A1+1", None, 2)
    named = wb.add_worksheet("Named")
    wb.define_name("Values", "=Data!$A$3:$A$3")
    named.write_formula("A1", "=SUM(Values)", None, 0)  # a name over the growing range
    named.write_formula("A2", "=INDIRECT(\"Data!B1\")", None, 7)  # unknowable
    wb.close()
    return path


def render(path: Path, n: int = 3) -> bytes:
    ctx = RenderContext({"title": "Eleven char"},
                        {"t": Collection(("v",), [(i,) for i in range(1, n + 1)])})
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    return buf.getvalue()


def test_results_that_cannot_change_are_kept_and_the_rest_dropped(tmp_path):
    data = render(cached_template(tmp_path / "c.xlsx"))
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    ws = wb["Data"]
    assert ws["C1"].value == 14
    assert ws["D2"].value == 2
    assert ws["B7"].value == 15  # B5 moved to B7, its result still right
    assert ws["D1"].value is None and ws["E1"].value is None
    assert ws["A7"].value is None and ws["C7"].value is None
    assert [ws[f"B{r}"].value for r in (3, 4, 5)] == [None, None, None]
    assert wb["Other"]["A1"].value == 14 and wb["Other"]["A2"].value == 8
    assert wb["Named"]["A1"].value is None and wb["Named"]["A2"].value is None


def test_a_sheet_the_render_does_not_change_is_byte_identical(tmp_path):
    path = cached_template(tmp_path / "c.xlsx")
    before, after = parts(path.read_bytes()), parts(render(path))
    assert after["xl/worksheets/sheet3.xml"] == before["xl/worksheets/sheet3.xml"]  # Quiet
    assert after["xl/worksheets/sheet2.xml"] == before["xl/worksheets/sheet2.xml"]  # Other
    assert after["xl/worksheets/sheet4.xml"] != before["xl/worksheets/sheet4.xml"]  # Named


def test_a_long_chain_of_formulas_is_followed_in_linear_time(tmp_path):
    import time

    path = tmp_path / "chain.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    n = 3000
    for row in range(1, n + 1):  # each formula reads the one below it: A1 <- A2 <- ... <- marker
        ws.write_formula(f"A{row}", f"=A{row + 1}+1", None, 1)
    ws.write_string(f"A{n + 1}", "{{ title }}")
    ws.write_formula("B1", "=C1*2", None, 0)
    wb.close()
    start = time.perf_counter()
    data = render(path)
    assert time.perf_counter() - start < 10
    ws = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Data"]
    assert ws["A1"].value is None and ws[f"A{n}"].value is None
    assert ws["B1"].value == 0


def test_a_chart_of_data_the_render_does_not_change_keeps_its_part(tmp_path):
    path = tmp_path / "charts.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    data = wb.add_worksheet("Data")
    data.write_string("A1", "{{ t.v }}")
    static = wb.add_worksheet("Static")
    for row, value in enumerate((3, 5, 8)):
        static.write_number(row, 0, value)
    for sheet, ref in ((static, "=Static!$A$1:$A$3"), (data, "=Data!$A$1:$A$1")):
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"values": ref})
        sheet.insert_chart("C2", chart)
    wb.close()
    before, after = parts(path.read_bytes()), parts(render(path))
    # XlsxWriter numbers charts in sheet order: chart1 is Data's, chart2 Static's
    assert after["xl/charts/chart2.xml"] == before["xl/charts/chart2.xml"]
    assert after["xl/worksheets/sheet2.xml"] == before["xl/worksheets/sheet2.xml"]
    assert b"numCache" in before["xl/charts/chart1.xml"]
    assert b"numCache" not in after["xl/charts/chart1.xml"]  # Data's: its data grew
