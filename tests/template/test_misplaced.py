"""Markers where they cannot work are named with Sheet!Cell (or the part), all in one pass,
before anything is written."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import TemplateError
from reportgen.template import Collection, RenderContext, inspect_template, render_template

CONTEXT = RenderContext({"title": "T", "fact_count": 3},
                        {"trade": Collection(("id", "value"), [("a", 1)])})


def _formula(wb):
    wb["Data"]["B2"] = '=LEN("{{ title }}")'
    return ["Data!B2: the formula", "holds a marker"]


def _formula_reference(wb):
    wb["Data"]["B3"] = "={{ fact_count }}*2"
    return ["Data!B3: the formula"]


def _validation_list(wb):
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"{{ title }},other"')
    wb["Data"].add_data_validation(dv)
    dv.add("C5")
    return ["Data!C5: the data validation list holds a marker"]


def _conditional_format(wb):
    from openpyxl.formatting.rule import FormulaRule

    wb["Data"].conditional_formatting.add("D1:D4", FormulaRule(formula=['D1="{{ title }}"']))
    return ["Data!D1:D4: a conditional format's formula holds a marker"]


def _sheet_name(wb):
    wb.create_sheet("{{ title }}")
    return ["the sheet name '{{ title }}' holds a marker"]


def _defined_name(wb):
    from openpyxl.workbook.defined_name import DefinedName

    wb.defined_names["Heading"] = DefinedName("Heading", attr_text='"{{ title }}"')
    return ["the defined name 'Heading' holds a marker"]


def _table_header(wb):
    from openpyxl.worksheet.table import Table

    ws = wb.create_sheet("Trade")
    ws["A1"], ws["B1"] = "{{ trade.id }}", "Value"
    ws["A2"], ws["B2"] = "x", 1
    ws.add_table(Table(displayName="TradeTable", ref="A1:B2"))
    return ["Trade!A1: a marker in the header row of table TradeTable"]


def _unclosed(wb):
    wb["Data"]["E1"] = "Report: {{ title"
    return ["Data!E1: unclosed marker '{{ title'"]


def _two_malformed(wb):
    wb["Data"]["F1"] = "{{ not a name }}"
    wb["Data"]["F2"] = "{{ 1st }}"
    return ["Data!F1: malformed marker", "Data!F2: malformed marker"]


CASES = {f.__name__.lstrip("_"): f for f in (
    _formula, _formula_reference, _validation_list, _conditional_format, _sheet_name,
    _defined_name, _table_header, _unclosed, _two_malformed)}


def _template(path: Path, *cases: str) -> tuple[Path, list[str]]:
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "{{ title }}"
    expected = []
    for case in cases:
        expected += CASES[case](wb)
    wb.save(path)
    return path, expected


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_misplaced_marker_is_named(tmp_path, case):
    path, expected = _template(tmp_path / "t.xlsx", case)
    out = io.BytesIO()
    with pytest.raises(TemplateError) as err:
        render_template(path, CONTEXT, out)
    for text in expected:
        assert text in str(err.value)
    assert out.getvalue() == b""
    with pytest.raises(TemplateError):
        inspect_template(path)


def test_every_misplaced_marker_is_named_in_one_pass(tmp_path):
    path, expected = _template(tmp_path / "t.xlsx", *CASES)
    with pytest.raises(TemplateError) as err:
        inspect_template(path)
    message = str(err.value)
    assert message.startswith("the template has 10 markers that cannot work:")
    for text in expected:
        assert text in message


def test_markers_in_cells_and_a_data_row_still_render(tmp_path):
    from openpyxl.worksheet.table import Table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Trade"
    ws["A1"], ws["B1"] = "ID", "Value"
    ws["A2"], ws["B2"] = "{{ trade.id }}", "{{ trade.value }}"
    ws["D1"] = "=B2*2"
    ws.add_table(Table(displayName="TradeTable", ref="A1:B2"))
    wb.save(tmp_path / "t.xlsx")
    out = io.BytesIO()
    render_template(tmp_path / "t.xlsx", CONTEXT, out)
    assert openpyxl.load_workbook(out)["Trade"]["A2"].value == "a"
