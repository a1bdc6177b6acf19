"""Rows written column by column (template/column_cells.py) are the rows written cell by cell.

The fast path writes a batch of rows a column at a time; whatever it meets, the workbook
must be byte for byte the one the reference path (CellFormat.value, one cell at a time)
writes, and a value Excel cannot hold must be refused with the same message.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import ReportgenError
from reportgen.template import Collection, RenderContext, render_template, rows
from reportgen.template.column_cells import ColumnCells, Unusual
from reportgen.template.values import Formatted, Link, RowLink


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    path = tmp_path_factory.mktemp("columns") / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["A", "B", "C", "D", "Length"])
    ws.append(["{{ rows.a }}", "{{ rows.b }}", "{{ rows.c }}", "{{ rows.d }}", "=LEN(A2)"])
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws["C2"].number_format = "0.00"
    ws["D2"].alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 12
    targets = wb.create_sheet("Targets")
    targets.append(["{{ targets.id }}"])
    wb.save(path)
    return path


texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " lead", "trail\n", "=SUM(A1)", "-3", "a & b < c > d", "x\r\ny",
                     "_x0041_", "long " * 40, "line\none\ntwo", "\u00b6 3", "\u4e2d\u6587"]),
)
days = st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1))
numbers = st.one_of(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9),
                max_value=10**9),
)
codes = st.sampled_from(["0.0", '"\u00b6 "0', "yyyy", "#,##0", "General"])
#: what the fast path writes itself
usual = st.one_of(
    st.none(), texts, numbers, days,
    st.builds(Formatted, st.one_of(numbers, days), codes),
    st.builds(Link, texts, st.just("https://example.org/a?b=1&c")),
    st.builds(RowLink, texts, st.just("targets"), st.sampled_from(["t1", "t2"])),
)
#: and what it leaves to the reference path, or the reference path refuses
unusual = st.one_of(
    st.booleans(), st.sampled_from(["bad \x01 char", "nul \x00", "\ud800"]),
    st.dates(min_value=date(1890, 1, 1), max_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(min_value=10**15, max_value=10**17),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("1E+20"), Decimal("123456789012345.6"), Decimal("-0")]),
    st.builds(Formatted, st.one_of(st.booleans(), st.text(max_size=3), numbers),
              st.sampled_from(["", "bad\x02", "0.0"])),
    st.builds(Link, texts, st.sampled_from(["ftp://no", "https://example.org/x y"])),
    st.builds(RowLink, texts, st.just("targets"), st.just("none")),
)
row = st.tuples(usual, usual, usual, usual)


def render(template, table, monkeypatch, fast: bool, batch: int = 3) -> bytes | str:
    with monkeypatch.context() as patch:
        patch.setattr(rows, "_FLUSH_ROWS", batch)  # several batches: later ones differ
        if not fast:
            def refuse(*args, **kwargs):
                raise Unusual

            patch.setattr(ColumnCells, "cells", refuse)
        context = RenderContext({}, {
            "rows": Collection(("a", "b", "c", "d"), table),
            "targets": Collection(("id",), [("t1",), ("t2",)]),
        })
        out = io.BytesIO()
        try:
            render_template(template, context, out)
        except ReportgenError as exc:
            return str(exc)
        return out.getvalue()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(table=st.lists(row, max_size=9))
def test_the_fast_path_writes_what_the_reference_path_writes(template, table, monkeypatch):
    assert render(template, table, monkeypatch, True) == \
        render(template, table, monkeypatch, False)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(table=st.lists(row, max_size=9), odd=st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 3), unusual), min_size=1, max_size=3))
def test_a_batch_the_fast_path_leaves_is_written_as_before(template, table, odd,
                                                            monkeypatch):
    """Same bytes, or the same refusal naming the same cells."""
    table = [list(r) for r in table] or [[None] * 4]
    for at, column, value in odd:
        table[at % len(table)][column] = value
    table = [tuple(r) for r in table]
    assert render(template, table, monkeypatch, True) == \
        render(template, table, monkeypatch, False)


def test_a_long_collection_takes_the_fast_path(template, monkeypatch):
    calls = []
    original = ColumnCells.cells

    def counted(self, *args):
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(ColumnCells, "cells", counted)
    table = [(f"text {i}", Decimal(i), Formatted(date(2024, 1, 1 + i % 28), "yyyy"),
              RowLink(f"to {i}", "targets", "t1")) for i in range(5000)]
    written = render(template, table, monkeypatch, True, batch=2000)
    # 3 batches of 4 columns, and the one row of targets
    assert isinstance(written, bytes) and len(calls) == 3 * 4 + 1


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columns_of_one_kind_take_the_short_way_to_the_same_bytes(template, data,
                                                                  monkeypatch):
    links = st.builds(RowLink, texts, st.just("targets"), st.sampled_from(["t1", "t2"]))
    kinds = [data.draw(st.sampled_from([st.none(), texts, links, usual])) for _ in range(4)]
    table = data.draw(st.lists(st.tuples(*kinds), max_size=9))
    assert render(template, table, monkeypatch, True) == \
        render(template, table, monkeypatch, False)
