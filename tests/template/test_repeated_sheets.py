"""A sheet repeated per record (defined name sheet.<collection>.<field>), Excel's name rules."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, render_template
from reportgen.template.repeated import check_sheet_name

FIELDS = ("id", "name", "country")


def people(*names: str) -> list[tuple]:
    return [(f"p{i}", name, f"Country {i}") for i, name in enumerate(names, start=1)]


def sheet_template(path: Path) -> Path:
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    summary["A1"] = "{{ title }}"
    person = wb.create_sheet("Person")
    person["A1"], person["B2"], person["A3"] = "{{ people.name }}", "{{ people.country }}", \
        "=LEN(A1)"
    person["A4"] = "{{ title }}"
    person.print_title_rows = "1:1"
    wb.active = 1
    summary.sheet_view.tabSelected = False
    person.sheet_view.tabSelected = True
    wb.create_sheet("End")["A1"] = "end"
    wb.defined_names["sheet.people.name"] = DefinedName("sheet.people.name",
                                                        attr_text="Person!$A$1")
    wb.save(path)
    return path


def render(path: Path, rows: list[tuple]) -> openpyxl.Workbook:
    buf = io.BytesIO()
    render_template(path, RenderContext({"title": "T"}, {"people": Collection(FIELDS, rows)}),
                    buf)
    return openpyxl.load_workbook(buf)


def test_one_sheet_per_record_named_from_its_field(tmp_path):
    wb = render(sheet_template(tmp_path / "s.xlsx"), people("Ada", "Li", "Zhou"))
    assert wb.sheetnames == ["Summary", "Ada", "Li", "Zhou", "End"]
    assert [(wb[n]["A1"].value, wb[n]["B2"].value, wb[n]["A3"].value, wb[n]["A4"].value)
            for n in ("Ada", "Li", "Zhou")] == [
        ("Ada", "Country 1", "=LEN(A1)", "T"), ("Li", "Country 2", "=LEN(A1)", "T"),
        ("Zhou", "Country 3", "=LEN(A1)", "T")]
    assert [wb[n].print_title_rows for n in ("Ada", "Li", "Zhou")] == ["$1:$1"] * 3
    assert [bool(ws.sheet_view.tabSelected) for ws in wb.worksheets] == [
        False, True, False, False, False]
    assert wb["End"]["A1"].value == "end"


def test_no_records_keep_the_template_sheet_once(tmp_path):
    wb = render(sheet_template(tmp_path / "s.xlsx"), [])
    assert wb.sheetnames == ["Summary", "Person", "End"]
    assert wb["Person"]["A1"].value is None


@pytest.mark.parametrize("name, problem", [
    ("A/B", "holds '/'"),
    ("x" * 32, "32 characters"),
    ("'quoted", "apostrophe"),
    ("summary", "already the name of another sheet"),
    ("", "is empty"),
    ("History", "reserves"),
])
def test_a_bad_sheet_name_is_an_error_naming_the_record(tmp_path, name, problem):
    with pytest.raises(TemplateError) as err:
        render(sheet_template(tmp_path / "s.xlsx"), people("Ada", name))
    assert problem in str(err.value)
    assert "collection 'people' row 2 (id 'p2')" in str(err.value)
    assert "field 'name'" in str(err.value)


def test_two_records_with_one_name_are_refused_ignoring_case(tmp_path):
    with pytest.raises(TemplateError, match="row 2 .*already the name"):
        render(sheet_template(tmp_path / "s.xlsx"), people("Ada", "ADA"))


def test_a_reference_to_the_repeated_sheet_is_refused(tmp_path):
    path = sheet_template(tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Summary"]["B1"] = "=Person!B2"
    wb.save(path)
    with pytest.raises(TemplateError, match="Summary'!B1 refers to sheet Person"):
        render(path, people("Ada"))


def test_sheet_name_rules():
    assert check_sheet_name("Trade data 2023") is None
    assert check_sheet_name("x" * 31) is None
    assert check_sheet_name("a?b") is not None and check_sheet_name("a]") is not None


def test_each_copy_gets_its_own_links(tmp_path):
    from reportgen.template import Link

    path = sheet_template(tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Person"]["C1"] = "{{ people.site }}"
    wb.save(path)
    rows = [(f"p{i}", name, "c", Link(f"site {i}", f"https://example.org/{i}"))
            for i, name in enumerate(("Ada", "Li"), start=1)]
    buf = io.BytesIO()
    render_template(path, RenderContext({"title": "T"}, {
        "people": Collection(FIELDS + ("site",), rows)}), buf)
    out = openpyxl.load_workbook(buf)
    assert [out[n]["C1"].hyperlink.target for n in ("Ada", "Li")] == [
        "https://example.org/1", "https://example.org/2"]


def test_a_repeated_sheet_with_a_table_is_refused(tmp_path):
    from openpyxl.worksheet.table import Table

    path = sheet_template(tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Person"]["D5"], wb["Person"]["D6"] = "h", "v"
    wb["Person"].add_table(Table(displayName="T1", ref="D5:D6"))
    wb.save(path)
    with pytest.raises(TemplateError, match="holds table"):
        render(path, people("Ada"))


def test_a_chart_reading_the_repeated_sheet_is_refused(tmp_path):
    from openpyxl.chart import BarChart, Reference

    path = sheet_template(tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(wb["Person"], min_col=1, min_row=3, max_row=3))
    wb["Summary"].add_chart(chart, "C3")
    wb.save(path)
    with pytest.raises(TemplateError, match="chart series reads sheet Person"):
        render(path, people("Ada"))
