"""A collection longer than a sheet holds continues on numbered copies of its sheet.

Excel's limit is 1,048,576 rows; these tests lower it to 50 (``continuation.ROW_LIMIT``)
so that a workbook past the limit is small, and read it back with openpyxl, calamine and
LibreOffice (every workbook rendered here is also checked by openxml-audit, in
tests/test_zz_every_workbook.py). The real limit is checked by hand:
``REPORTGEN_SLOW=1 pytest tests/template/test_continuation_real_limit.py``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from reportgen.errors import BuildError, TemplateError
from reportgen.template import (
    Collection,
    RenderContext,
    RowLink,
    check_row_limits,
    continuation,
    render_template,
)

from ..libreoffice import sheets_as_csv

LIMIT = 50
FIELDS = ("id", "value")


@pytest.fixture(autouse=True)
def small_sheets(monkeypatch):
    monkeypatch.setattr(continuation, "ROW_LIMIT", LIMIT)


def trade(n: int) -> list[tuple]:
    return [(f"t{i}", i) for i in range(n)]


def trade_template(path: Path, *, one_sheet: bool = False, name: str = "Trade") -> Path:
    """A cover saying what continues; the Trade sheet: a title, an Excel Table whose
    third column is a calculated column, a total below, a conditional format and a
    validation on the data row, a wide column, print titles, frozen headings; a sheet
    of links into the trade rows."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover"
    cover["A1"], cover["A2"] = "{{ title }}", "{{ continuations }}"
    ws = wb.create_sheet(name)
    ws["A1"] = "Trade figures"
    ws["A3"], ws["B3"], ws["C3"] = "Id", "Value", "Double"
    ws["A4"], ws["B4"] = "{{ trade.id }}", "{{ trade.value }}"
    ws["C4"] = "=Trade[[#This Row],[Value]]*2"
    ws.add_table(Table(displayName="Trade", ref="A3:C4"))
    ws["A6"], ws["B6"] = "Total", "=SUM(B4:B4)"
    ws.column_dimensions["A"].width = 30
    ws.conditional_formatting.add("B4", CellIsRule(operator="greaterThan", formula=["100"],
                                                   fill=PatternFill("solid", fgColor="FF0000")))
    valid = DataValidation(type="whole")
    valid.add("B4")
    ws.add_data_validation(valid)
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    wb.active = ws
    cover.sheet_view.tabSelected, ws.sheet_view.tabSelected = False, True
    wb.create_sheet("Links")["A1"] = "{{ links.link }}"
    if one_sheet:
        wb.defined_names["one_sheet.trade"] = DefinedName("one_sheet.trade",
                                                          attr_text=f"'{name}'!$A$4")
    wb.save(path)
    return path


def render(path: Path, rows: list[tuple], linked=(), **scalars) -> tuple[bytes, list[str]]:
    links = [(RowLink(f"to {key}", "trade", key),) for key in linked]
    buf = io.BytesIO()
    warnings = render_template(path, RenderContext({"title": "T", **scalars}, {
        "trade": Collection(FIELDS, rows), "links": Collection(("link",), links)}), buf)
    return buf.getvalue(), warnings


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def ids(ws) -> list[str]:
    return [r[0] for r in ws.iter_rows(min_row=4, max_col=1, values_only=True)
            if r[0] and r[0].startswith("t")]


def test_a_long_collection_continues_on_numbered_sheets_that_keep_the_design(tmp_path):
    data, warnings = render(trade_template(tmp_path / "t.xlsx"), trade(120))
    wb = book(data)
    assert wb.sheetnames == ["Cover", "Trade", "Trade (2)", "Trade (3)", "Links"]
    # rows 1-3 and the total take 5 rows of 50: 45 records per sheet, in order
    pieces = [wb[n] for n in ("Trade", "Trade (2)", "Trade (3)")]
    assert [ids(ws) for ws in pieces] == [[f"t{i}" for i in r] for r in (
        range(0, 45), range(45, 90), range(90, 120))]
    assert max(ws.max_row for ws in pieces) <= LIMIT
    for ws, last in zip(pieces, (48, 48, 33), strict=True):
        assert [ws["A1"].value, ws["A3"].value, ws["C3"].value] == ["Trade figures", "Id",
                                                                    "Double"]
        assert (ws[f"A{last + 2}"].value, ws[f"B{last + 2}"].value) == ("Total",
                                                                        f"=SUM(B4:B{last})")
        assert ws.column_dimensions["A"].width == 30
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
        assert [str(cf.sqref) for cf in ws.conditional_formatting] == [f"B4:B{last}"]
        assert [str(v.sqref) for v in ws.data_validations.dataValidation] == [f"B4:B{last}"]
    # each an Excel Table under its own name, its calculated column reading itself
    assert [list(ws.tables.items()) for ws in pieces] == [
        [("Trade", "A3:C48")], [("Trade_2", "A3:C48")], [("Trade_3", "A3:C33")]]
    assert pieces[1]["C4"].value == "=Trade_2[[#This Row],[Value]]*2"
    # the cover says so; only the first tab is selected
    assert wb["Cover"]["A2"].value == "Trade continues on Trade (2) and Trade (3)"
    assert [bool(ws.sheet_view.tabSelected) for ws in wb.worksheets] == [
        False, True, False, False, False]
    assert any("Trade (2), Trade (3)" in w and "120 records of 'trade'" in w for w in warnings)


def test_nothing_continues_below_the_limit(tmp_path):
    data, warnings = render(trade_template(tmp_path / "t.xlsx"), trade(45))
    wb = book(data)
    assert wb.sheetnames == ["Cover", "Trade", "Links"]
    assert wb["Cover"]["A2"].value is None and warnings == []


def test_row_links_point_at_the_sheet_that_holds_the_record(tmp_path):
    keys = ["t0", "t44", "t45", "t89", "t90", "t119"]
    data, _ = render(trade_template(tmp_path / "t.xlsx"), trade(120), linked=keys)
    wb = book(data)
    for row, key in enumerate(keys, start=1):
        cell = wb["Links"].cell(row, 1)
        sheet, ref = re.match(r"'(.*)'!(\w+)$", cell.hyperlink.location).groups()
        assert wb[sheet][ref].value == key, (key, cell.hyperlink.location)


def test_readers_see_every_continued_row(tmp_path):
    from python_calamine import CalamineWorkbook

    path = tmp_path / "out.xlsx"
    path.write_bytes(render(trade_template(tmp_path / "t.xlsx"), trade(120))[0])
    calamine = CalamineWorkbook.from_path(str(path))
    rows = [r for name in ("Trade", "Trade (2)", "Trade (3)")
            for r in calamine.get_sheet_by_name(name).to_python()[3:] if str(r[0])[:1] == "t"]
    assert [r[0] for r in rows] == [f"t{i}" for i in range(120)]
    shown = sheets_as_csv(path, tmp_path / "csv")  # LibreOffice calculates every formula
    assert shown["Cover"].splitlines()[1] == "Trade continues on Trade (2) and Trade (3)"
    third = [line.split(",") for line in shown["Trade (3)"].splitlines()]
    assert third[3] == ["t90", "90", "180"]  # Trade_3[[#This Row],[Value]]*2
    assert third[-1][:2] == ["Total", str(sum(range(90, 120)))]


def blocks_template(path: Path) -> Path:
    """People in three-row blocks; the note row only for a person with a note."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws["A1"] = "People"
    ws["A3"], ws["B3"] = "Name", "{{ people.name }}"
    ws["A4"], ws["B4"] = "Id", "{{ people.id }}"
    ws["A5"], ws["B5"] = "Note", "{{ people.note }}"
    wb.defined_names["repeat.people"] = DefinedName("repeat.people", attr_text="People!$3:$5")
    wb.defined_names["if.people.note"] = DefinedName("if.people.note", attr_text="People!$5:$5")
    wb.create_sheet("Links")["A1"] = "{{ links.link }}"
    wb.save(path)
    return path


def test_a_block_continues_with_whole_records(tmp_path):
    people = [(f"p{i}", f"Person {i}", "a note" if i % 3 == 0 else None) for i in range(40)]
    keys = [f"p{i}" for i in range(40)]
    buf = io.BytesIO()
    render_template(blocks_template(tmp_path / "b.xlsx"), RenderContext({}, {
        "people": Collection(("id", "name", "note"), people),
        "links": Collection(("link",), [(RowLink(k, "people", k),) for k in keys])}), buf)
    wb = book(buf.getvalue())
    # 94 rows of records (a note makes three), 48 rows a sheet leaves them
    assert wb.sheetnames == ["People", "People (2)", "Links"]
    shown = []
    for name in ("People", "People (2)"):
        ws = wb[name]
        assert ws.max_row <= LIMIT and ws["A1"].value == "People"
        cells = [(r[0], r[1]) for r in ws.iter_rows(min_row=3, max_col=2, values_only=True)]
        assert cells[0][0] == "Name"  # every sheet starts with a whole record
        shown += [value for label, value in cells if label == "Id"]
    assert shown == keys
    for row, key in enumerate(keys, start=1):  # a link jumps to its record's first row
        sheet, first = re.match(r"'(.*)'!A(\d+)$", wb["Links"].cell(row, 1).hyperlink.location
                                ).groups()
        assert wb[sheet][f"B{first}"].value == f"Person {key[1:]}"


def test_a_collection_kept_on_one_sheet_is_an_error_before_anything_is_written(tmp_path):
    buf = io.BytesIO()
    with pytest.raises(BuildError) as err:
        render_template(trade_template(tmp_path / "t.xlsx", one_sheet=True), RenderContext(
            {"title": "T"}, {"trade": Collection(FIELDS, trade(46)),
                             "links": Collection(("link",), [])}), buf)
    message = str(err.value)
    assert "sheet Trade would need 51 rows (46 records of 'trade' from row 4)" in message
    assert f"Excel holds at most {LIMIT:,} rows per sheet" in message
    assert "defined name one_sheet.trade" in message
    assert buf.getvalue() == b""


def test_the_row_limit_is_checked_from_counts_before_the_rows_are_made(tmp_path):
    path = trade_template(tmp_path / "t.xlsx", one_sheet=True)
    fields = {"trade": FIELDS, "links": ("link",)}
    check_row_limits(path, {"trade": 45}, fields)  # fits
    with pytest.raises(BuildError, match=r"would need 51 rows .*one_sheet\.trade"):
        check_row_limits(path, {"trade": 46}, fields)
    check_row_limits(trade_template(tmp_path / "c.xlsx"), {"trade": 10**6}, fields)  # continues
    check_row_limits(path, {"links": 10**6}, fields)  # trade uncounted: left to the render


def test_a_block_is_counted_at_the_fewest_rows_its_records_take(tmp_path):
    path = blocks_template(tmp_path / "b.xlsx")
    names = openpyxl.load_workbook(path)
    names.defined_names["one_sheet.people"] = DefinedName("one_sheet.people",
                                                          attr_text="People!$A$3")
    names.save(path)
    fields = {"people": ("id", "name", "note"), "links": ("link",)}
    # two rows each at the fewest (the note row is conditional), below row 2: 24 fit
    check_row_limits(path, {"people": 24}, fields)
    with pytest.raises(BuildError, match="would need 52 rows"):
        check_row_limits(path, {"people": 25}, fields)


def test_a_sheet_showing_two_collections_cannot_continue(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A3"] = "{{ trade.id }}", "{{ other.id }}"
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(BuildError, match="shows one collection"):
        render_template(tmp_path / "t.xlsx", RenderContext({}, {
            "trade": Collection(FIELDS, trade(60)), "other": Collection(("id",), [])}),
            io.BytesIO())


def test_a_sheet_with_a_chart_cannot_continue(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "{{ trade.id }}", "{{ trade.value }}"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=1))
    ws.add_chart(chart, "E2")
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(BuildError, match="holds drawing, which continuation sheets cannot"):
        render_template(tmp_path / "t.xlsx", RenderContext({}, {
            "trade": Collection(FIELDS, trade(60))}), io.BytesIO())


def test_one_sheet_must_name_a_collection(tmp_path):
    path = trade_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.defined_names["one_sheet.trades"] = DefinedName("one_sheet.trades", attr_text="Trade!$A$4")
    wb.save(path)
    with pytest.raises(TemplateError, match="one_sheet.trades: there is no collection 'trades'"):
        render(path, trade(3))


def test_continuation_names_fit_excel_and_skip_taken_names(tmp_path):
    long = "Trade figures by partner 2023"  # 29 characters: ' (2)' would make 33
    path = trade_template(tmp_path / "t.xlsx", name=long)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("TRADE FIGURES BY PARTNER 20 (2)")
    wb.save(path)
    out = book(render(path, trade(100))[0])
    assert out.sheetnames[1:5] == [long, "Trade figures by partner 20 (3)",
                                   "Trade figures by partner 20 (4)", "Links"]
    assert all(len(name) <= 31 for name in out.sheetnames)


def test_continued_and_repeated_sheets_together(tmp_path):
    path = trade_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    person = wb.create_sheet("Person", 1)
    person["A1"] = "{{ people.name }}"
    person.print_title_rows = "1:1"
    wb.defined_names["sheet.people.name"] = DefinedName("sheet.people.name",
                                                        attr_text="Person!$A$1")
    wb.save(path)
    buf = io.BytesIO()
    render_template(path, RenderContext({"title": "T"}, {
        "trade": Collection(FIELDS, trade(60)), "links": Collection(("link",), []),
        "people": Collection(("name",), [("Ada",), ("Li",)])}), buf)
    out = book(buf.getvalue())
    assert out.sheetnames == ["Cover", "Ada", "Li", "Trade", "Trade (2)", "Links"]
    assert [out[n].print_title_rows for n in ("Ada", "Li", "Trade", "Trade (2)")] == [
        "$1:$1", "$1:$1", "$3:$3", "$3:$3"]


def test_formulas_elsewhere_that_read_a_continued_sheet_are_warned_about(tmp_path):
    path = trade_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Cover"]["B1"] = "=SUM(Trade!B4:B4)"
    wb["Cover"]["B2"] = "=COUNT(Trade[Value])"
    wb.save(path)
    _, warnings = render(path, trade(60))
    assert any(w.startswith("Cover!B1, Cover!B2 read sheet Trade, which continues on "
                            "Trade (2): they see its first 45 records only") for w in warnings)
