"""A chart with nothing to draw is left out; a chart with data, or fixed cells, stays."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from reportgen.template import Collection, RenderContext, render_template


def _template(path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Year", "Value"])
    ws.write_row(1, 0, ["{{ a.year }}", "{{ a.value }}"])
    ws.write_row(3, 0, ["Year", "Value"])
    ws.write_row(4, 0, ["{{ b.year }}", "{{ b.value }}"])
    ws.write_row(6, 0, ["fixed", 3])
    for name, row in (("from a", 1), ("from b", 4), ("fixed", 6)):
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"name": name, "categories": ["Data", row, 0, row, 0],
                          "values": ["Data", row, 1, row, 1]})
        ws.insert_chart(10 + 16 * ("from a", "from b", "fixed").index(name), 0, chart)
    wb.close()


def _render(template, a_rows, b_rows) -> bytes:
    context = RenderContext(scalars={}, collections={
        "a": Collection(("year", "value"), a_rows),
        "b": Collection(("year", "value"), b_rows),
    })
    out = io.BytesIO()
    render_template(template, context, out)
    return out.getvalue()


def _charts_shown(data: bytes) -> list[str]:
    """The series names of the charts the drawing anchors, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        drawing = book.read("xl/drawings/drawing1.xml").decode()
        rels = book.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="\.\./charts/(chart\d+)\.xml"',
                                  rels))
        names = []
        for rid in re.findall(r'r:id="(rId\d+)"', drawing):
            chart = book.read(f"xl/charts/{targets[rid]}.xml").decode()
            names += re.findall(r"<c:v>([^<]*)</c:v>", chart.split("<c:val>")[0])[:1]
        return names


@pytest.mark.parametrize("a_rows, shown", [
    ([], ["from b", "fixed"]),
    ([(2023, 4)], ["from a", "from b", "fixed"]),
])
def test_empty_chart_is_left_out(tmp_path, a_rows, shown):
    from openpyxl import load_workbook

    template = tmp_path / "t.xlsx"
    _template(template)
    data = _render(template, a_rows, [(2022, 1), (2023, 2)])
    assert _charts_shown(data) == shown
    out = tmp_path / "out.xlsx"
    out.write_bytes(data)
    assert len(load_workbook(out)["Data"]._charts) == len(shown)


def test_chart_over_a_filled_and_an_empty_collection_stays(tmp_path):
    import xlsxwriter

    template = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(template))
    ws = wb.add_worksheet("Data")
    ws.write_row(1, 0, ["{{ a.year }}", "{{ a.value }}"])
    ws.write_row(4, 0, ["{{ b.year }}", "{{ b.value }}"])
    chart = wb.add_chart({"type": "line"})
    for row in (1, 4):
        chart.add_series({"values": ["Data", row, 1, row, 1]})
    ws.insert_chart(8, 0, chart)
    wb.close()
    data = _render(template, [], [(2022, 1)])
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.read("xl/drawings/drawing1.xml").decode().count("graphicFrame>") == 1


def test_a_series_whose_field_is_empty_in_every_row_is_removed(tmp_path):
    """One reporter of two: the second series would be a nameless legend entry."""
    import xlsxwriter
    from openpyxl import load_workbook

    template = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(template))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Total", "above the rows"])
    ws.write_row(2, 0, ["Year", "{{ first }}", "{{ second }}"])
    ws.write_row(3, 0, ["{{ a.year }}", "{{ a.first }}", "{{ a.second }}"])
    chart = wb.add_chart({"type": "column"})
    for col in (1, 2):
        chart.add_series({"name": ["Data", 2, col], "categories": ["Data", 3, 0, 3, 0],
                          "values": ["Data", 3, col, 3, col]})
    ws.insert_chart(6, 0, chart)
    wb.close()
    context = RenderContext(scalars={"first": "Reporter A", "second": None}, collections={
        "a": Collection(("year", "first", "second"), [(2021, 1, None), (2022, 2, None)])})
    out = io.BytesIO()
    render_template(template, context, out)
    path = tmp_path / "out.xlsx"
    path.write_bytes(out.getvalue())
    (chart,) = load_workbook(path)["Data"]._charts
    (series,) = chart.series
    assert series.val.numRef.f in ("Data!$B$4:$B$5", "'Data'!$B$4:$B$5")
