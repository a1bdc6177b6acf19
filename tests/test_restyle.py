"""A template restyled as a user would restyle it keeps every change through a build."""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from reportgen.build import build
from reportgen.config import load_project

from .conftest import REPO
from .libreoffice import to_pdf
from .test_build import table_rows, tables

NEW_ORDER = ["Fact ID", "Exact", "Figure", "Period", "As printed", "From", "To",
             "How the period was resolved", "Value", "Qualifier", "Exact unit", "Reporter",
             "Speaker", "Partners", "Flow", "Source", "Quote (the article's exact words)", "Read",
             "Analyst's note"]
# "Unit" is removed; "Fact ID" and "Exact" move to the front.


def restyle(template: Path, dest: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet.table import TableColumn

    shutil.copy(template, dest)
    wb = load_workbook(dest)
    ws = wb["Trade"]
    table = ws.tables["Trade"]
    min_col, header_row, max_col, _ = range_boundaries(table.ref)
    old = {ws.cell(header_row, c).value: c for c in range(min_col, max_col + 1)}
    saved = {name: [(copy.copy(ws.cell(r, c).value), copy.copy(ws.cell(r, c)._style))
                    for r in (header_row, header_row + 1)]
             for name, c in old.items()}
    widths = {name: ws.column_dimensions[get_column_letter(c)].width for name, c in old.items()}
    for c in range(min_col, max_col + 1):
        for r in (header_row, header_row + 1):
            ws.cell(r, c).value = None
    for i, name in enumerate(NEW_ORDER, start=min_col):
        for r, (value, style) in zip((header_row, header_row + 1), saved[name], strict=True):
            cell = ws.cell(r, i)
            cell.value = value
            cell._style = style
        ws.column_dimensions[get_column_letter(i)].width = widths[name]
    last = get_column_letter(min_col + len(NEW_ORDER) - 1)
    table.ref = f"A{header_row}:{last}{header_row + 1}"
    table.autoFilter.ref = table.ref
    table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(NEW_ORDER, start=1)]

    # new fonts and fills on the header, italic quotes
    for c in range(1, len(NEW_ORDER) + 1):
        cell = ws.cell(header_row, c)
        cell.font = Font(name="Georgia", size=12, bold=True, color="FF8B0000")
        cell.fill = PatternFill("solid", fgColor="FFFFF2CC")
    quote_col = NEW_ORDER.index("Quote (the article's exact words)") + 1
    ws.cell(header_row + 1, quote_col).font = Font(name="Georgia", italic=True, size=9)
    ws["A1"].font = Font(name="Georgia", size=20, color="FF006400")

    # a conditional format on the value column's marker row
    ws.conditional_formatting.add(
        f"B{header_row + 1}",
        CellIsRule(operator="greaterThan", formula=["30000000000"],
                   fill=PatternFill("solid", bgColor="FFFFC7CE")),
    )
    # a chart of value by metric, from the marker row
    chart = BarChart()
    chart.title = "Trade values"
    data = Reference(ws, min_col=2, min_row=header_row, max_row=header_row + 1)
    cats = Reference(ws, min_col=3, min_row=header_row + 1, max_row=header_row + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    ws.add_chart(chart, "N2")
    wb.save(dest)


@pytest.fixture(scope="module")
def restyled_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("restyle")
    project = load_project(REPO)
    project.template = tmp / "restyled.xlsx"
    restyle(REPO / "templates" / "briefing.xlsx", project.template)
    project.output = tmp / "out.xlsx"
    return build(project), tmp


def test_columns_reordered_and_removed(restyled_build):
    from openpyxl import load_workbook

    result, _ = restyled_build
    wb = load_workbook(result.output)
    ws, table = tables(wb)["Trade"]
    rows = table_rows(ws, table)
    assert list(rows[0]) == NEW_ORDER
    assert len(rows) == 12
    gacc = next(r for r in rows if r["Fact ID"].value == "trade-2022-turnover-gacc")
    assert gacc["Exact"].value == 31_170_000_000 and gacc["Exact"].column == 2


def test_fonts_and_fills_kept(restyled_build):
    from openpyxl import load_workbook

    result, _ = restyled_build
    ws = load_workbook(result.output)["Trade"]
    header = ws["A4"]
    assert header.font.name == "Georgia" and header.font.b and header.font.sz == 12
    assert header.fill.fgColor.rgb == "FFFFF2CC"
    assert ws["A1"].font.name == "Georgia" and ws["A1"].font.sz == 20
    quote_col = NEW_ORDER.index("Quote (the article's exact words)") + 1
    for row in range(5, 17):
        cell = ws.cell(row, quote_col)
        assert cell.value and cell.font.i and cell.font.name == "Georgia", row


def test_conditional_format_extended_over_rows(restyled_build):
    from openpyxl import load_workbook

    result, _ = restyled_build
    ws = load_workbook(result.output)["Trade"]
    ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
    assert "B5:B16" in ranges, ranges


def test_chart_follows_the_data(restyled_build):
    result, _ = restyled_build
    with zipfile.ZipFile(result.output) as zf:
        charts = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/charts/chart")]
    refs = {f for chart in charts for f in re.findall(r"<(?:c:)?f>([^<]*)</(?:c:)?f>", chart)}
    assert "'Trade'!$B$5:$B$16" in refs or "Trade!$B$5:$B$16" in refs, refs
    assert any("$C$5:$C$16" in r for r in refs), refs


def test_restyled_workbook_opens_in_libreoffice(restyled_build):
    result, tmp = restyled_build
    assert to_pdf(result.output, tmp / "pdf").stat().st_size > 20_000
