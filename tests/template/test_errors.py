"""Every way a template or its data can be refused, with a message that names the place."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import BuildError, TemplateError
from reportgen.template import (
    Collection,
    Link,
    RenderContext,
    RowLink,
    inspect_template,
    render_template,
)


def one_cell_template(path: Path, text: str = "{{ value }}", sheet: str = "Data") -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = sheet
    wb.active["B4"] = text
    wb.save(path)
    return path


def render(path: Path, ctx: RenderContext) -> bytes:
    buf = io.BytesIO()
    render_template(path, ctx, buf)
    return buf.getvalue()


def test_unknown_markers_are_all_named_at_once(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["B4"] = "{{ titel }}"
    ws["A6"] = "{{ trade.valu }}"
    ws["A8"] = "{{ trad.id }}"
    ws["A9"] = "{{ trade }}"
    wb.create_sheet("Trade data")["C2"] = "{{ missing }}"
    wb.save(tmp_path / "t.xlsx")
    ctx = RenderContext({"title": "x"},
                        {"trade": Collection(("id", "value"), [("a", 1)])})
    with pytest.raises(TemplateError) as err:
        render(tmp_path / "t.xlsx", ctx)
    message = str(err.value)
    assert ("Summary!B4: unknown scalar 'titel' (did you mean 'title'?); "
            "scalars: continuations, title") in message  # continuations: the engine's own
    assert "Summary!A6: unknown field 'valu' of collection 'trade'" in message
    assert "fields: id, value" in message
    assert "Summary!A8" in message and "'trad'" in message
    assert "Summary!A9" in message
    assert "'Trade data'!C2: unknown scalar 'missing'" in message


def test_two_collections_in_one_row(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A3"] = "{{ a.x }}"
    wb.active["B3"] = "{{ b.y }}"
    wb.save(tmp_path / "t.xlsx")
    two = r"sheet Sheet, row 3: names fields of two collections \('a' and 'b'\)"
    with pytest.raises(TemplateError, match=two):
        inspect_template(tmp_path / "t.xlsx")


def test_malformed_marker(tmp_path):
    one_cell_template(tmp_path / "t.xlsx", "{{ not a name }}")
    with pytest.raises(TemplateError, match=r"Data!B4: malformed marker"):
        inspect_template(tmp_path / "t.xlsx")


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda p: p.write_bytes(b"hello, not a zip"), "not an .xlsx workbook"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
         "encrypted .*or a legacy .xls"),
        (lambda p: _zip(p, {"a.txt": b"x"}), "has no xl/workbook.xml"),
    ],
    ids=["not-a-zip", "ole", "no-workbook"],
)
def test_files_that_are_not_templates(tmp_path, make, match):
    path = tmp_path / "bad.xlsx"
    make(path)
    with pytest.raises(TemplateError, match=match) as err:
        inspect_template(path)
    assert str(path) in str(err.value)


def test_truncated_zip(tmp_path):
    good = one_cell_template(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(TemplateError, match="damaged or truncated"):
        inspect_template(bad)


def test_missing_file(tmp_path):
    with pytest.raises(TemplateError, match="cannot be read"):
        inspect_template(tmp_path / "nope.xlsx")


def _rewrite(src: Path, dest: Path, name: str, data: bytes, **kw) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info))
    return dest


def test_doctype_in_a_part_is_refused(tmp_path):
    good = one_cell_template(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    evil = sheet.replace(
        b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1)
    bad = _rewrite(good, tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml", evil)
    with pytest.raises(TemplateError, match="sheet1.xml declares a DOCTYPE or an ENTITY"):
        inspect_template(bad)


def test_zip_bomb_ratio_is_refused_before_decompressing(tmp_path):
    good = one_cell_template(tmp_path / "good.xlsx")
    bad = _rewrite(good, tmp_path / "bomb.xlsx", "docProps/app.xml", b" " * (4 * 1024 * 1024))
    with pytest.raises(TemplateError, match=r"docProps/app.xml expands \d+:1"):
        inspect_template(bad)


def test_zip_bomb_total_is_refused(tmp_path, monkeypatch):
    from reportgen.template import package

    monkeypatch.setattr(package, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(TemplateError, match="declares .* bytes uncompressed"):
        inspect_template(one_cell_template(tmp_path / "t.xlsx"))


@pytest.mark.parametrize(
    "value, match",
    [
        (float("nan"), "nan is not a number"),
        (float("inf"), "inf is not a number"),
        (Decimal("NaN"), "NaN is not a number"),
        (12345678901234567, "more than the 15 significant digits"),
        (Decimal("0.12345678901234567"), "more than the 15 significant digits"),
        ("x" * 32_768, "32,768 characters is longer than the 32,767"),
        ("😀" * 16_384, "32,768 characters"),
        ("bell\x07", "U\\+0007 at position 5"),
        ("\ud800", "U\\+D800"),
        (date(1899, 12, 31), "before the first date"),
        (Link("x", "javascript:alert(1)"), "not an http or https address"),
        (Link("x", "https://e.org/" + "a" * 2100), "Excel accepts 2,079"),
        (object(), "a object cannot go in a cell"),
    ],
    ids=["nan", "inf", "decimal-nan", "big-int", "long-decimal", "long-text", "long-utf16",
         "control-char", "surrogate", "early-date", "js-link", "long-link", "object"],
)
def test_values_excel_cannot_hold(tmp_path, value, match):
    one_cell_template(tmp_path / "t.xlsx")
    with pytest.raises(BuildError, match=match) as err:
        render(tmp_path / "t.xlsx", RenderContext({"value": value}, {}))
    assert "Data!B4 ({{ value }})" in str(err.value)


def test_bad_value_in_a_collection_names_row_key_and_field(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A2"] = "{{ facts.id }}"
    wb.active["B2"] = "{{ facts.note }}"
    wb.save(tmp_path / "t.xlsx")
    rows = [("ok", "fine"), ("cn-2021", "bad\x01text")]
    ctx = RenderContext({}, {"facts": Collection(("id", "note"), rows)})
    with pytest.raises(BuildError) as err:
        render(tmp_path / "t.xlsx", ctx)
    assert "collection 'facts' row 2 (id 'cn-2021'), field 'note' at Data!B3" in str(err.value)


def test_nothing_is_written_when_a_value_fails(tmp_path):
    one_cell_template(tmp_path / "t.xlsx")
    buf = io.BytesIO()
    with pytest.raises(BuildError):
        render_template(tmp_path / "t.xlsx", RenderContext({"value": float("nan")}, {}), buf)
    assert buf.getvalue() == b""


def test_unknown_row_link_key(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "{{ facts.id }}"
    wb.active["B1"] = "{{ facts.see }}"
    wb.save(tmp_path / "t.xlsx")
    rows = [("f1", RowLink("f9", "facts", "f9"))]
    ctx = RenderContext({}, {"facts": Collection(("id", "see"), rows)})
    with pytest.raises(BuildError, match="points at id 'f9', which collection 'facts' does not"):
        render(tmp_path / "t.xlsx", ctx)


def test_too_many_rows_for_a_collection_kept_on_one_sheet(tmp_path):
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    wb.active["A3"] = "{{ big.x }}"
    wb.defined_names["one_sheet.big"] = DefinedName("one_sheet.big", attr_text="Sheet!$A$3")
    wb.save(tmp_path / "t.xlsx")

    class Rows(list):
        def __len__(self):
            return 1_048_575

    ctx = RenderContext({}, {"big": Collection(("x",), Rows())})
    with pytest.raises(BuildError, match="would need 1,048,577 rows"):
        render(tmp_path / "t.xlsx", ctx)


def test_row_width_must_match_fields(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "{{ c.x }}"
    wb.save(tmp_path / "t.xlsx")
    ctx = RenderContext({}, {"c": Collection(("x", "y"), [("only one",)])})
    with pytest.raises(BuildError, match="collection 'c' row 1: has 1 values for 2 fields"):
        render(tmp_path / "t.xlsx", ctx)


@pytest.mark.parametrize("evil", [
    b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!doctype w [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>',
    b'<!ENTITY x SYSTEM "file:///etc/hostname">',
], ids=["file-xxe", "network-xxe", "bare-entity"])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml",
                                  "xl/styles.xml", "[Content_Types].xml"])
def test_external_entities_in_any_part_are_refused(tmp_path, evil, part):
    good = one_cell_template(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        original = zf.read(part)
    start = original.index(b"?>") + 2 if original.startswith(b"<?xml") else 0
    bad = _rewrite(good, tmp_path / "bad.xlsx", part, original[:start] + evil + original[start:])
    with pytest.raises(TemplateError, match="DOCTYPE or an ENTITY"):
        render_template(bad, RenderContext({}, {}), io.BytesIO())


def test_a_utf16_part_cannot_hide_a_doctype(tmp_path):
    good = one_cell_template(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    sheet = sheet.replace("<worksheet", '<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet', 1)
    sheet = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    bad = _rewrite(good, tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml",
                   sheet.encode("utf-16"))
    with pytest.raises(TemplateError, match="sheet1.xml declares a DOCTYPE"):
        render_template(bad, RenderContext({}, {}), io.BytesIO())
