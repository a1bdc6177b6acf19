"""Templates saved by real Excel (tests/template/data/real), markers injected into their XML.

Each test names the defect of issue 13 it guards (D1-D7); each failed before its fix.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from lxml import etree

from reportgen.template import Collection, RenderContext, render_template

from .realfiles import REAL, parts, template

ABC = ("a", "b", "c")
SHEET1 = "xl/worksheets/sheet1.xml"


def ctx(n: int = 3, fields: tuple[str, ...] = ABC, **scalars) -> RenderContext:
    rows = [tuple(i * 10 + j for j in range(len(fields))) for i in range(1, n + 1)]
    return RenderContext({"title": "T", **scalars}, {"t": Collection(fields, rows)})


def render(path, context) -> tuple[bytes, list[str]]:
    buf = io.BytesIO()
    warnings = render_template(path, context, buf)
    return buf.getvalue(), warnings


def root(data: bytes, part: str) -> etree._Element:
    return etree.fromstring(parts(data)[part])


EVERY = [
    ("ExcelPivotTableSample.xlsx", {SHEET1: {"E2": "{{ t.a }}", "F2": "{{ t.b }}"}}),
    ("chart_column13.xlsx", {SHEET1: {"A2": "{{ t.a }}", "B2": "{{ t.b }}"}}),
    ("macro01.xlsm", {SHEET1: {"A2": "{{ t.a }}"}}),
    ("button01.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("bug64512_embed.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("56574.xlsx", {SHEET1: {"A1": "{{ t.a }}"}}),
    ("array_formula01.xlsx", {SHEET1: {"B5": "{{ t.a }}"}}),
    ("table01.xlsx", {SHEET1: {"C4": "{{ t.a }}", "D4": "{{ t.b }}"}}),
]


@pytest.mark.parametrize(("name", "cells"), EVERY, ids=[n for n, _ in EVERY])
def test_every_part_is_kept_and_the_workbook_reloads(tmp_path, name, cells):
    path = template(name, tmp_path / name, cells)
    data, _ = render(path, ctx(4))
    before = set(parts(path.read_bytes()))
    after = set(parts(data))
    assert after == {p for p in before if not p.lower().endswith("calcchain.xml")}
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    column = next(iter(cells[SHEET1]))[0]
    first = int(next(iter(cells[SHEET1]))[1:])
    assert [ws[f"{column}{first + k}"].value for k in range(4)] == [10, 20, 30, 40]


def test_real_files_are_real_excel_files():
    for path in sorted(REAL.glob("*.xls[xm]")):
        with zipfile.ZipFile(path) as zf:
            assert b"Microsoft Excel" in zf.read("docProps/app.xml"), path.name


def test_scalars_in_a_real_file(tmp_path):
    path = template("56574.xlsx", tmp_path / "s.xlsx", {SHEET1: {"B2": "{{ day }}"}})
    data, _ = render(path, ctx(1, day=date(2024, 1, 2)))
    assert openpyxl.load_workbook(io.BytesIO(data))["Sheet1"]["B2"].value.date() == \
        date(2024, 1, 2)
