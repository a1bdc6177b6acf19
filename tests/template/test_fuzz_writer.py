"""Random text and numbers thrown at the writer: a clean reportgen error or an exact round trip."""

from __future__ import annotations

import io
import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen.errors import ReportgenError
from reportgen.template import Collection, RenderContext, render_template


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("fuzz") / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "{{ title }}"
    ws.append([])
    ws.append(["Text", "Number"])
    ws.append(["{{ rows.text }}", "{{ rows.number }}"])
    wb.save(path)
    return path


# mostly values Excel can hold (so the round trip is exercised), sometimes hostile ones
numbers = st.one_of(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.decimals(allow_nan=False, allow_infinity=False, places=4,
                min_value=-(10**9), max_value=10**9),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=5).map(
        lambda t: "=" + t),
    st.text(max_size=40),
)
rows = st.lists(st.tuples(texts, numbers), min_size=1, max_size=6)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=texts, data=rows)
def test_writer_round_trips_or_refuses_cleanly(template, title, data):
    from openpyxl import load_workbook

    context = RenderContext({"title": title},
                            {"rows": Collection(("text", "number"), data)})
    out = io.BytesIO()
    try:
        render_template(template, context, out)
    except ReportgenError:
        event("refused")
        assert out.getvalue() == b""  # nothing half-written
        return
    event("written")
    ws = load_workbook(io.BytesIO(out.getvalue()))["Data"]
    assert (ws["A1"].value or "") == title
    for i, (text, number) in enumerate(data, start=4):
        assert (ws.cell(i, 1).value or "") == text
        assert ws.cell(i, 1).data_type == "s" or text == ""
        read = ws.cell(i, 2).value
        expected = float(number) if not isinstance(number, int) else number
        assert not (isinstance(expected, float) and not math.isfinite(expected))
        assert read == expected or Decimal(str(read)) == Decimal(str(expected)), (number, read)
