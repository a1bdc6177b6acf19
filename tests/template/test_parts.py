"""XML parts are read safely by construction: UTF-8 or UTF-16 only, no DOCTYPE after
decoding, never a DOCTYPE written; a damaged zip member names the template and the part."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.errors import TemplateError
from reportgen.template import RenderContext, inspect_template, render_template
from reportgen.template.package import serialize

SHEET = "xl/worksheets/sheet1.xml"
EVIL = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>'


def template(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["B4"] = "{{ value }}"
    wb.save(path)
    return path


def rewrite(src: Path, dest: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info))
    return dest


def _body(original: bytes) -> str:
    """The part without its XML declaration."""
    text = original.decode("utf-8")
    return text[text.index("?>") + 2:] if text.startswith("<?xml") else text


def utf7(original: bytes) -> bytes:
    """The case that once built: a UTF-7 declaration and an encoded DOCTYPE."""
    body = _body(original).replace("<worksheet", EVIL + "<worksheet", 1)
    head = '<?xml version="1.0" encoding="UTF-7"?>'
    return head.encode() + body.encode("utf-7")


def latin1(original: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="ISO-8859-1"?>' + _body(original).encode("latin-1")


def ebcdic(original: bytes) -> bytes:
    return ('<?xml version="1.0" encoding="IBM037"?>' + _body(original)).encode("cp037")


def utf32(original: bytes) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-32"?>' + _body(original)).encode("utf-32")


def utf16_no_bom(original: bytes) -> bytes:
    text = '<?xml version="1.0" encoding="UTF-16"?>' + EVIL + _body(original).lstrip()
    return text.encode("utf-16-le")


def utf16_be(original: bytes) -> bytes:
    text = '<?xml version="1.0" encoding="UTF-16"?>' + EVIL + _body(original).lstrip()
    return b"\xfe\xff" + text.encode("utf-16-be")


def utf16_declaring_utf7(original: bytes) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-7"?>' + _body(original)).encode("utf-16")


def utf8_declaring_utf16(original: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-16"?>' + _body(original).encode()


def long_declaration(original: bytes) -> bytes:
    return (b'<?xml version="1.0"' + b" " * 2000 + b'encoding="UTF-7"?>'
            + _body(original).encode())


REFUSED = {
    "utf7-hidden-doctype": (utf7, "declares encoding 'utf-7'"),
    "latin1": (latin1, "declares encoding 'iso-8859-1'"),
    "ebcdic": (ebcdic, "does not start as XML in UTF-8 or UTF-16"),
    "utf32": (utf32, "is not valid UTF-16 text"),
    "utf16-no-bom-doctype": (utf16_no_bom, "declares a DOCTYPE"),
    "utf16-be-doctype": (utf16_be, "declares a DOCTYPE"),
    "utf16-declaring-utf7": (utf16_declaring_utf7, "is UTF-16 but declares encoding 'utf-7'"),
    "utf8-declaring-utf16": (utf8_declaring_utf16, "declares encoding 'utf-16'"),
    "long-declaration": (long_declaration, "XML declaration reportgen cannot read"),
}


@pytest.mark.parametrize("part", [SHEET, "xl/workbook.xml", "xl/styles.xml",
                                  "[Content_Types].xml", "docProps/app.xml"])
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_parts_in_other_encodings_are_refused(tmp_path, case, part):
    good = template(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        original = zf.read(part)
    make, message = REFUSED[case]
    bad = rewrite(good, tmp_path / "bad.xlsx", part, make(original))
    out = io.BytesIO()
    with pytest.raises(TemplateError, match=message) as err:
        render_template(bad, RenderContext({"value": 1}, {}), out)
    assert str(bad) in str(err.value) and f"part {part} " in str(err.value)
    assert out.getvalue() == b""


def test_a_clean_utf16_part_is_read_and_written_as_utf8(tmp_path):
    good = template(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        original = zf.read(SHEET)
    text = original.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    bad = rewrite(good, tmp_path / "utf16.xlsx", SHEET, text.encode("utf-16"))
    out = io.BytesIO()
    render_template(bad, RenderContext({"value": 42}, {}), out)
    with zipfile.ZipFile(out) as zf:
        written = zf.read(SHEET)
    assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    assert openpyxl.load_workbook(out)["Data"]["B4"].value == 42


def test_a_doctype_is_never_serialised():
    from lxml import etree

    tree = etree.ElementTree(etree.fromstring(b'<!DOCTYPE a [<!ENTITY x "y">]><a/>'))
    with pytest.raises(TemplateError, match="DOCTYPE"):
        serialize(tree)


def _central_entry(data: bytes, name: str) -> int:
    """Offset of the central directory header of member ``name``."""
    at = data.index(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4:][:0])
    while True:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        extra, comment = struct.unpack_from("<HH", data, at + 30)
        if data[at + 46:at + 46 + name_len] == name.encode():
            return at
        at += 46 + name_len + extra + comment


def forged_compressed_size(data: bytes) -> bytes:
    at = _central_entry(data, SHEET)
    size = struct.unpack_from("<I", data, at + 20)[0]
    return data[:at + 20] + struct.pack("<I", size // 3) + data[at + 24:]


def garbled_member(data: bytes) -> bytes:
    at = _central_entry(data, SHEET)
    local = struct.unpack_from("<I", data, at + 42)[0]
    name_len, extra = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_len + extra
    size = struct.unpack_from("<I", data, at + 20)[0]
    middle = bytearray(data[start:start + size])
    for i in range(len(middle) // 3, len(middle) // 2):
        middle[i] ^= 0x5A
    return data[:start] + bytes(middle) + data[start + size:]


@pytest.mark.parametrize("damage", [forged_compressed_size, garbled_member],
                         ids=["forged-compressed-size", "garbled-member"])
def test_a_damaged_member_names_template_and_part(tmp_path, damage, monkeypatch):
    from reportgen.cli import main

    good = template(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(damage(good.read_bytes()))
    with pytest.raises(TemplateError, match=f"part {SHEET} is damaged or truncated") as err:
        inspect_template(bad)
    assert str(bad) in str(err.value)
    monkeypatch.chdir(Path(__file__).parent.parent.parent)
    result = CliRunner().invoke(main, ["build", "--template", str(bad),
                                       "--output", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1 and "Aborted" not in result.output
    assert result.output.startswith("Error: template ") and SHEET in result.output
    assert not (tmp_path / "out.xlsx").exists()


def without(src: Path, dest: Path, name: str) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info.filename, zin.read(info))
    return dest


def two_sheets(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["B4"] = "{{ value }}"
    wb.active["C4"] = "plain text"
    wb.create_sheet("More")["A1"] = "more text"
    wb.save(path)
    return path


def _edit(part: str, old: bytes, new: bytes):
    def change(src: Path, dest: Path) -> Path:
        with zipfile.ZipFile(src) as zf:
            data = zf.read(part)
        assert old in data
        return rewrite(src, dest, part, data.replace(old, new, 1))
    return change


DAMAGE = {
    "missing-sheet-part": (lambda s, d: without(s, d, "xl/worksheets/sheet2.xml"),
                           ["worksheet part xl/worksheets/sheet2.xml is missing"]),
    "missing-shared-strings": (lambda s, d: without(
        Path(__file__).parent.parent.parent / "templates" / "briefing.xlsx", d,
        "xl/sharedStrings.xml"),
        ["sharedStrings part xl/sharedStrings.xml is missing", "Summary!A1: shared string"]),
    "style-out-of-range": (_edit(SHEET, b'r="B4"', b'r="B4" s="99"'),
                           ["Data!B4: style 99 does not exist"]),
    "shared-string-out-of-range": (_edit("xl/worksheets/sheet2.xml",
                                         b't="inlineStr"><is><t>more text</t></is>',
                                         b't="s"><v>77</v>'),
                                   ["More!A1: shared string 77 does not exist"]),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_structural_damage_is_refused_before_writing(tmp_path, case):
    good = two_sheets(tmp_path / "good.xlsx")
    make, messages = DAMAGE[case]
    bad = make(good, tmp_path / "bad.xlsx")
    out = io.BytesIO()
    with pytest.raises(TemplateError, match="is damaged") as err:
        render_template(bad, RenderContext({"value": 1}, {}), out)
    for message in messages:
        assert message in str(err.value)
    assert out.getvalue() == b""


def test_every_dangling_reference_is_named_at_once(tmp_path):
    good = two_sheets(tmp_path / "good.xlsx")
    step = _edit(SHEET, b'r="B4"', b'r="B4" s="99"')(good, tmp_path / "one.xlsx")
    bad = _edit(SHEET, b'r="C4"', b'r="C4" s="98"')(step, tmp_path / "bad.xlsx")
    with pytest.raises(TemplateError) as err:
        inspect_template(bad)
    assert "Data!B4: style 99" in str(err.value) and "Data!C4: style 98" in str(err.value)
