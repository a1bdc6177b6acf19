"""The engine's formula reader gives what openpyxl's tokenizer and translator gave.

The engine used openpyxl's ``Tokenizer`` and ``Translator`` until importing them (and
numpy through openpyxl) was found to be half of a small build's time; its own reader
(`reportgen.template.formula`) must read every formula the same way, quirks included,
so that no rendered workbook changes by a byte.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl.formula.tokenizer import Tokenizer
from openpyxl.formula.translate import Translator

from reportgen.template.formula import FormulaError, range_operands, tokenize, translate

from .realfiles import REAL

ROOT = Path(__file__).parent.parent.parent
WORKBOOKS = sorted(REAL.glob("*.xls*")) + [ROOT / "templates" / "briefing.xlsx"]
_FORMULA_TAGS = {"f", "formula", "formula1", "formula2"}


def _workbook_formulas(path: Path) -> list[tuple[str, str, str]]:
    """(text, cell, shared master text or '') of every formula of the workbook's XML
    parts: cells, defined names, charts, conditional formats, validations."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(zf.read(name))
            for el in root.iter():
                tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
                if tag in _FORMULA_TAGS and el.text:
                    found.append((el.text, el.getparent().get("r", ""), el.get("t", "")))
                elif tag == "definedName" and el.text:
                    found.append((el.text, "", ""))
    return found


REAL_FORMULAS = sorted({text for path in WORKBOOKS for text, _, _ in _workbook_formulas(path)})

#: What the engine's tests and Excel's grammar throw at a reader.
EDGES = [
    "SUM(D5:D5)*2", "'Trade data'!$A$6+Sheet2!B7", "'it''s'!A1", "[1]Sheet1!A1",
    "SUM(Trade[Value])", "Trade[[#This Row],[Value]]", "Table1[#Totals]",
    "Sheet1:Sheet3!A1", "A:A", "$5:$7", "1E+5+A1", "1.5e-3*B2", "-A1", "+A1", "--A1",
    "A1%", "A1 %", "(A1)-B1", "SUM(A1,B1)", "SUM((A1,B1))", "{1,2;3,4}", "{1,2}+A1",
    "#REF!", "Sheet1!#REF!", "#N/A", "#GETTING_DATA", "#WHAT?", "\"a\"\"b\"&A1",
    "\"unclosed", "'unclosed", "SUM(A1", "SUM(A1))", "A1)", "{1,2)", "[unclosed",
    "A1\nB1", "A1 \n B1", "A1  +  B1", "TRUE", "FALSE", "true", "inf", "nan", "1_000",
    "A1:B2:C3", "name:C2", "A1 B1", "IF(A1>=2,\"x\",\"y\")", "A1<>B1", "A1<=B1",
    "_xlfn.LET(x,1,x+A1)", "INDIRECT(\"B7\")", "OFFSET(A1,1,1)", "ROW()", "A1:A", "A1{",
    "\"x\"A1", "A1\"x\"", "A1'x'", "A1:'x'", "x!#REF!", "1:1048576", "XFD1048576",
    "a1+b2", "$a$1", "ZZZ1", "AAAA1", "A0", "A01", "", " ", "=", "A1=B1", "3.14",
    "1.5E", "1.5E+", "E+1", "2E+2E+2", "SUM(A1:A3;B1)", "((A1))", "N(A1)%%",
]


def openpyxl_tokens(formula: str):
    try:
        return [(t.type, t.subtype, t.value) for t in Tokenizer("=" + formula).items]
    except Exception:  # openpyxl raises bare errors on what it cannot read
        return "error"


def ours(formula: str):
    try:
        return tokenize(formula)
    except FormulaError:
        return "error"


def test_the_real_workbooks_have_formulas_to_compare():
    assert len(REAL_FORMULAS) >= 20


@pytest.mark.parametrize("formula", REAL_FORMULAS + EDGES)
def test_tokens_are_openpyxls(formula):
    assert ours(formula) == openpyxl_tokens(formula)


_PIECES = st.sampled_from([
    "A1", "$B$2", "C3:D4", "5:6", "E:F", "Sheet1!", "'My sheet'!", "'it''s'!", "[1]",
    "Tbl[Col]", "Tbl[[#This Row],[Col]]", "SUM(", "IF(", "(", ")", "{", "}", ",", ";",
    "+", "-", "*", "/", "^", "&", "=", ">", "<", ">=", "<>", "%", " ", "\n", "\"txt\"",
    "\"a\"\"b\"", "#REF!", "#N/A", "#", "1", "1.5", "1E", "2e", "TRUE", "name", ":", "!",
    "'", "\"", "[", "]", "x",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_random_formulas_tokenize_as_openpyxl_does(formula):
    assert ours(formula) == openpyxl_tokens(formula)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="A1$:!'\"[]#(){},;+-*/^&=<>% \nE.x", max_size=16))
def test_random_characters_tokenize_as_openpyxl_does(formula):
    assert ours(formula) == openpyxl_tokens(formula)


def openpyxl_range_operands(formula: str):
    """What the engine computed from openpyxl's tokens (refs._range_tokens before)."""
    source = "=" + formula
    try:
        tokens = Tokenizer(source).items
    except Exception:
        return None
    found, cursor = [], 1
    for token in tokens:
        if token.type == "WHITE-SPACE":
            continue
        pos = source.find(token.value, cursor)
        if pos < 0:
            return None
        cursor = pos + len(token.value)
        if token.type == "OPERAND" and token.subtype == "RANGE":
            found.append((pos - 1, token.value))
    return found


@pytest.mark.parametrize("formula", REAL_FORMULAS + EDGES)
def test_range_operands_are_those_openpyxl_gave(formula):
    assert range_operands(formula) == openpyxl_range_operands(formula)


class KeepingSheetNames(Translator):
    """openpyxl's translator without its one bug: it drops the sheet of a sheet-qualified
    name (``Sheet2!Total*A1`` copied down became ``Total*A2``); the engine keeps it."""

    @classmethod
    def translate_range(cls, range_str, rdelta, cdelta):
        sheet, ref = cls.strip_ws_name(range_str)
        if ":" not in ref and not (cls.ROW_RANGE_RE.match(ref) or cls.COL_RANGE_RE.match(ref)
                                   or cls.CELL_REF_RE.match(ref)):
            return range_str  # a name (or an error literal): left as written
        return super().translate_range(range_str, rdelta, cdelta)


def openpyxl_translation(formula: str, origin: str, dest: str, translator=KeepingSheetNames):
    try:
        return translator("=" + formula, origin=origin).translate_formula(dest)[1:]
    except Exception:
        return "error"


def our_translation(formula: str, origin: str, dest: str):
    try:
        return translate(formula, origin, dest)
    except FormulaError:
        return "error"


def _shared_formulas() -> list[tuple[str, str, str]]:
    """(master text, master cell, member cell) of every shared formula of the real files."""
    found = []
    for path in WORKBOOKS:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                    continue
                root = etree.fromstring(zf.read(name))
                masters, members = {}, []
                for f in root.iter("{*}f"):
                    if f.get("t") != "shared":
                        continue
                    ref = f.getparent().get("r")
                    if f.text:
                        masters[f.get("si")] = (f.text, ref)
                    members.append((f.get("si"), ref))
                found += [(*masters[si], ref) for si, ref in members if si in masters]
    return found


SHARED = _shared_formulas()


def test_the_real_workbooks_have_shared_formulas():
    assert len(SHARED) >= 20


@pytest.mark.parametrize("formula, origin, dest", SHARED)
def test_shared_formulas_translate_as_openpyxl_did(formula, origin, dest):
    assert our_translation(formula, origin, dest) == openpyxl_translation(
        formula, origin, dest, translator=Translator)


def test_a_sheet_qualified_name_keeps_its_sheet():
    assert translate("Sheet2!Total*A1", "A1", "A2") == "Sheet2!Total*A2"
    assert translate("'My s'!Name+B1", "A1", "A2") == "'My s'!Name+B2"
    assert Translator("=Sheet2!Total*A1", origin="A1").translate_formula("A2") == "=Total*A2"


@pytest.mark.parametrize("formula", REAL_FORMULAS + EDGES)
@pytest.mark.parametrize("origin, dest", [("B5", "B9"), ("B5", "E5"), ("C3", "A1"),
                                          ("A1", "ZZZ1"), ("D10", "D10"), ("A1", "XFD9")])
def test_translations_are_openpyxls(formula, origin, dest):
    assert our_translation(formula, origin, dest) == openpyxl_translation(formula, origin, dest)


_CELLS = st.builds(lambda c, r: f"{c}{r}", st.sampled_from(["A", "B", "Z", "AA", "XFD"]),
                   st.integers(1, 40))


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join), _CELLS, _CELLS)
def test_random_translations_are_openpyxls(formula, origin, dest):
    assert our_translation(formula, origin, dest) == openpyxl_translation(formula, origin, dest)
