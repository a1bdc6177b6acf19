"""Recalculation (opt-in): totals below an expanded table are readable without a calc engine."""

from __future__ import annotations

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from reportgen.errors import BuildError
from reportgen.template import recalc

from ..libreoffice import require_soffice
from .test_render import build_trade_template, context
from .test_stale import cached_template, render


@pytest.mark.libreoffice
def test_totals_below_an_expanded_table_are_filled_in(tmp_path):
    require_soffice()
    from reportgen.template import render_template

    template = build_trade_template(tmp_path / "trade.xlsx")
    out = tmp_path / "out.xlsx"
    with open(out, "wb") as fh:
        render_template(template, context(3), fh)
    assert openpyxl.load_workbook(out, data_only=True)["Trade data"]["C8"].value is None
    filled = recalc.recalculate(out)
    assert filled > 0
    ws = openpyxl.load_workbook(out, data_only=True)["Trade data"]
    assert ws["C8"].value == 60  # =SUM(C5:C7) over 10, 20, 30
    assert [ws[f"D{r}"].value for r in (5, 6, 7)] == [20, 40, 60]
    assert ws["C8"].value == 60 and ws["B10"].value == 30
    summary = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Summary").to_python()
    assert summary[0][0] == 60
    # the formulas themselves and every other part are reportgen's own
    assert openpyxl.load_workbook(out)["Trade data"]["C8"].value == "=SUM(C5:C7)"


@pytest.mark.libreoffice
def test_kept_results_stay_and_text_results_get_their_type(tmp_path):
    require_soffice()
    out = tmp_path / "out.xlsx"
    out.write_bytes(render(cached_template(tmp_path / "c.xlsx")))
    recalc.recalculate(out)
    wb = openpyxl.load_workbook(out, data_only=True)
    assert wb["Data"]["D1"].value == 11  # LEN("Eleven char")
    assert wb["Data"]["E1"].value == 12
    assert wb["Data"]["A7"].value == 6  # SUM of 1, 2, 3
    assert wb["Named"]["A1"].value == 6
    assert wb["Data"]["C1"].value == 14


def test_without_libreoffice_recalculation_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(recalc, "find_soffice", lambda: None)
    with pytest.raises(BuildError, match="needs LibreOffice"):
        recalc.recalculate(tmp_path / "any.xlsx")
