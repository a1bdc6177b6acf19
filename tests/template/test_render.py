"""Rendering templates built with openpyxl, read back with openpyxl."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from reportgen.template import (
    Collection,
    Formatted,
    Link,
    RenderContext,
    RowLink,
    inspect_template,
    render_template,
)

FIELDS = ("id", "country", "value")


def trade_rows(n: int) -> list[tuple]:
    return [(f"t{i}", f"Country {i}", i * 10) for i in range(1, n + 1)]


def context(n: int = 3, **scalars) -> RenderContext:
    base = {"title": "Trade briefing", "period": date(2023, 5, 19)}
    base.update(scalars)
    return RenderContext(base, {"trade": Collection(FIELDS, trade_rows(n))})


def build_trade_template(path: Path) -> Path:
    """A realistic template: a table with markers, totals below, CF, DV, merges, a chart."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Trade data"
    ws["A1"] = "{{ title }}"
    ws["A2"] = "Covers {{ period }}"
    ws["B2"] = "{{ period }}"
    for col, head in zip("ABCD", ("id", "country", "value", "double"), strict=True):
        ws[f"{col}4"] = head
    ws["A5"], ws["B5"], ws["C5"], ws["D5"] = (
        "{{ trade.id }}", "{{ trade.country }}", "{{ trade.value }}", "=C5*2")
    ws["A6"] = "Total"
    ws["C6"] = "=SUM(C5:C5)"
    ws["A8"] = "Note"
    ws["B8"] = "=C6/2"
    ws.merge_cells("E8:F8")
    ws.add_table(Table(displayName="Trade", ref="A4:D5"))
    ws.conditional_formatting.add(
        "C5", CellIsRule(operator="greaterThan", formula=["15"],
                         fill=PatternFill("solid", fgColor="FFFF00")))
    dv = DataValidation(type="list", formula1='"a,b"')
    dv.add("B5")
    ws.add_data_validation(dv)
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.print_area = "A1:F20"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=3, min_row=4, max_row=5), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=5, max_row=5))
    ws.add_chart(chart, "A10")
    summary = wb.create_sheet("Summary")
    summary["A1"] = "='Trade data'!C6"
    summary["A2"] = "=SUM('Trade data'!C5:C5)"
    wb.defined_names["total"] = DefinedName("total", attr_text="'Trade data'!$C$6")
    wb.save(path)
    return path


def render_to_bytes(template: Path, ctx: RenderContext) -> tuple[bytes, list[str]]:
    buf = io.BytesIO()
    warnings = render_template(template, ctx, buf)
    return buf.getvalue(), warnings


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def trade_template(tmp_path: Path) -> Path:
    return build_trade_template(tmp_path / "trade.xlsx")


def test_collection_rows_expand_and_everything_below_moves(trade_template):
    data, warnings = render_to_bytes(trade_template, context(3))
    assert warnings == []
    ws = load(data)["Trade data"]
    assert [[c.value for c in row] for row in ws["A5:D7"]] == [
        ["t1", "Country 1", 10, "=C5*2"],
        ["t2", "Country 2", 20, "=C6*2"],
        ["t3", "Country 3", 30, "=C7*2"],
    ]
    assert ws["A8"].value == "Total"
    assert ws["C8"].value == "=SUM(C5:C7)"
    assert ws["B10"].value == "=C8/2"
    assert ws.tables["Trade"].ref == "A4:D7"
    assert ws.tables["Trade"].autoFilter.ref == "A4:D7"
    assert [str(r) for r in ws.merged_cells.ranges] == ["E10:F10"]
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["C5:C7"]
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["B5:B7"]
    assert ws.freeze_panes == "A5"
    assert ws.dimensions == "A1:F10"


def test_scalars_keep_their_type_and_interpolate_as_text(trade_template):
    ws = load(render_to_bytes(trade_template, context(1))[0])["Trade data"]
    assert ws["A1"].value == "Trade briefing"
    assert ws["A2"].value == "Covers 2023-05-19"
    assert ws["B2"].value == datetime(2023, 5, 19)
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["A2"].data_type == "s"


def test_other_sheets_names_print_setup_and_chart_follow(trade_template):
    data, _ = render_to_bytes(trade_template, context(4))
    wb = load(data)
    assert wb["Summary"]["A1"].value == "='Trade data'!C9"
    assert wb["Summary"]["A2"].value == "=SUM('Trade data'!C5:C8)"
    assert wb.defined_names["total"].attr_text == "'Trade data'!$C$9"
    ws = wb["Trade data"]
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_area == "'Trade data'!$A$1:$F$23"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        chart = zf.read("xl/charts/chart1.xml").decode()
        drawing = zf.read("xl/drawings/drawing1.xml").decode()
        workbook = zf.read("xl/workbook.xml").decode()
        assert "xl/calcChain.xml" not in zf.namelist()
    assert "'Trade data'!$C$5:$C$8" in chart and "'Trade data'!$B$5:$B$8" in chart
    assert "<row>12</row>" in drawing  # the chart anchored at A10 moved down 3 rows
    assert 'fullCalcOnLoad="1"' in workbook


def test_render_is_deterministic(trade_template):
    first, _ = render_to_bytes(trade_template, context(5))
    second, _ = render_to_bytes(trade_template, context(5))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as out, zipfile.ZipFile(trade_template) as tpl:
        assert out.namelist() == [n for n in tpl.namelist() if n != "xl/calcChain.xml"]
        assert {i.date_time for i in out.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_unchanged_parts_are_copied_byte_for_byte(trade_template):
    data, _ = render_to_bytes(trade_template, context(3))
    with zipfile.ZipFile(io.BytesIO(data)) as out, zipfile.ZipFile(trade_template) as tpl:
        for name in ("xl/theme/theme1.xml", "docProps/core.xml"):
            assert out.read(name) == tpl.read(name)


def test_zero_rows_leave_one_empty_styled_row(trade_template):
    ws = load(render_to_bytes(trade_template, context(0))[0])["Trade data"]
    assert [c.value for c in ws[5]][:3] == [None, None, None]
    assert ws["A6"].value == "Total"
    assert ws.tables["Trade"].ref == "A4:D5"


def test_values_of_every_type(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Values"
    names = ["text", "int", "float", "dec", "flag", "day", "moment", "none", "fmt", "formula",
             "eq", "minus"]
    for i, name in enumerate(names, 1):
        ws.cell(row=1, column=i, value="{{ " + name + " }}")
    ws["D2"] = "{{ fmt }}"
    ws["D2"].number_format = "0.000"
    wb.save(tmp_path / "v.xlsx")
    scalars = {
        "text": "plain", "int": 12345678901234, "float": 0.1, "dec": Decimal("31.17"),
        "flag": True, "day": date(1900, 3, 1), "moment": datetime(2024, 2, 29, 12, 0),
        "none": None, "fmt": Formatted(Decimal("1234.5"), "#,##0.0"), "formula": "=1+1",
        "eq": "@SUM", "minus": "-5",
    }
    data, _ = render_to_bytes(tmp_path / "v.xlsx", RenderContext(scalars, {}))
    ws = load(data)["Values"]
    row = [c for c in ws[1]]
    assert [c.value for c in row[:5]] == ["plain", 12345678901234, 0.1, 31.17, True]
    assert row[5].value == datetime(1900, 3, 1) and row[5].number_format == "yyyy-mm-dd"
    assert row[6].value == datetime(2024, 2, 29, 12, 0)
    assert row[6].number_format == "yyyy-mm-dd hh:mm:ss"
    assert row[7].value is None
    assert row[8].value == 1234.5 and row[8].number_format == "#,##0.0"
    assert ws["D2"].number_format == "0.000"  # the template's own format wins
    for cell in row[9:12]:
        assert cell.data_type == "s" and cell.quotePrefix
    assert [c.value for c in row[9:12]] == ["=1+1", "@SUM", "-5"]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    assert "<v>31.17</v>" in sheet and "<v>61</v>" in sheet  # 1900-03-01 is serial 61


def test_date1904_workbooks(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.active["A1"] = "{{ day }}"
    wb.save(tmp_path / "mac.xlsx")
    data, _ = render_to_bytes(tmp_path / "mac.xlsx",
                              RenderContext({"day": date(1904, 1, 2)}, {}))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "<v>1</v>" in zf.read("xl/worksheets/sheet1.xml").decode()
    assert load(data).active["A1"].value == datetime(1904, 1, 2)


def test_several_collection_rows_accumulate(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Two"
    ws["A1"] = "{{ a.id }}"
    ws["A3"] = "between"
    ws["A4"] = "{{ b.id }}"
    ws["A6"] = "=COUNTA(A1:A1)+COUNTA(A4:A4)"
    other = wb.create_sheet("Other")
    other["A1"] = "{{ a.id }}"
    other["A2"] = "=Two!A4"
    wb.save(tmp_path / "two.xlsx")
    ctx = RenderContext({}, {
        "a": Collection(("id",), [("a1",), ("a2",), ("a3",)]),
        "b": Collection(("id",), [("b1",), ("b2",)]),
    })
    wb = load(render_to_bytes(tmp_path / "two.xlsx", ctx)[0])
    ws = wb["Two"]
    assert [ws.cell(row=r, column=1).value for r in range(1, 10)] == [
        "a1", "a2", "a3", None, "between", "b1", "b2", None, "=COUNTA(A1:A3)+COUNTA(A6:A7)"]
    assert [c.value for c in wb["Other"]["A"]] == ["a1", "a2", "a3", "=Two!A6"]


def test_links_and_row_links(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Facts"
    ws["A1"] = "{{ facts.id }}"
    ws["B1"] = "{{ facts.source }}"
    ws["C1"] = "{{ facts.see }}"
    ws["A3"] = "{{ home }}"
    ws["A4"] = "See {{ home }}"
    wb.save(tmp_path / "links.xlsx")
    rows = [
        ("f1", Link("Xinhua", "https://example.org/a?x=1&y=2"), RowLink("f2", "facts", "f2")),
        ("f2", Link("Reuters", "http://example.org/b"), None),
    ]
    ctx = RenderContext({"home": Link("Home", "https://example.org/")},
                        {"facts": Collection(("id", "source", "see"), rows)})
    data, _ = render_to_bytes(tmp_path / "links.xlsx", ctx)
    ws = load(data)["Facts"]
    assert ws["B1"].value == "Xinhua"
    assert ws["B1"].hyperlink.target == "https://example.org/a?x=1&y=2"
    assert ws["B2"].hyperlink.target == "http://example.org/b"
    assert ws["C1"].value == "f2"
    assert ws["C1"].hyperlink.location == "'Facts'!A2"
    # A3 and A4 moved down one row: the collection row became two rows
    assert ws["A4"].value == "Home"
    assert ws["A4"].hyperlink.target == "https://example.org/"
    assert ws["A5"].value == "See Home"
    assert ws["A5"].hyperlink.target == "https://example.org/"


def test_rich_text_marker_cells_keep_their_runs(tmp_path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.Workbook()
    wb.active["A1"] = CellRichText(TextBlock(InlineFont(b=True), "Period: "), "{{ period }}")
    wb.save(tmp_path / "rich.xlsx")
    data, _ = render_to_bytes(tmp_path / "rich.xlsx", RenderContext({"period": "2023"}, {}))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<r><rPr><b val=\"1\"/></rPr><t xml:space=\"preserve\">Period: </t></r>" in sheet
    assert "<r><t>2023</t></r>" in sheet


def test_inspect_lists_markers(trade_template):
    info = inspect_template(trade_template)
    assert info.scalars == {"title", "period"}
    assert info.collections == {"trade": {"id", "country", "value"}}
    assert info.unsupported == []


def test_special_text_is_escaped_exactly(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "{{ s }}"
    wb.save(tmp_path / "s.xlsx")
    text = " a<b>&c\r\nd\t_x0041_ "
    data, _ = render_to_bytes(tmp_path / "s.xlsx", RenderContext({"s": text}, {}))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert '<t xml:space="preserve"> a&lt;b&gt;&amp;c&#13;\nd\t_x005F_x0041_ </t>' in sheet


def test_what_cannot_be_kept_is_warned(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A2"] = "{{ trade.id }}"
    ws.merge_cells("C1:C3")  # spans the collection row and rows below
    ws.oddHeader.center.text = "{{ title }}"
    wb.save(tmp_path / "w.xlsx")
    info = inspect_template(tmp_path / "w.xlsx")
    assert any("Data!C1:C3: merged cells span a collection row" in u for u in info.unsupported)
    assert any("page header or footer holds a marker" in u for u in info.unsupported)
    ctx = RenderContext({}, {"trade": Collection(("id",), [("a",), ("b",), ("c",)])})
    data, warnings = render_to_bytes(tmp_path / "w.xlsx", ctx)
    assert any("C1:C3" in w and "stretched to C1:C5" in w for w in warnings)
    assert any("page header" in w for w in warnings)
    assert [str(r) for r in load(data)["Data"].merged_cells.ranges] == ["C1:C5"]


def test_merges_inside_the_collection_row_repeat(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A2"] = "{{ trade.id }}"
    ws["B2"] = "{{ trade.country }}"
    ws.merge_cells("B2:C2")
    wb.save(tmp_path / "m.xlsx")
    ws = load(render_to_bytes(tmp_path / "m.xlsx", context(3))[0]).active
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["B2:C2", "B3:C3", "B4:C4"]
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == [
        "Country 1", "Country 2", "Country 3"]
