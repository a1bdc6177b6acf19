"""D3: a macro-enabled template builds an .xlsm that keeps its macros, or an .xlsx without."""

from __future__ import annotations

import zipfile

import pytest

from reportgen.build import build
from reportgen.errors import UsageError

from .template.realfiles import template
from .test_build import project_to


@pytest.fixture
def macro_template(tmp_path):
    return template("macro01.xlsm", tmp_path / "t.xlsm",
                    {"xl/worksheets/sheet1.xml": {"A2": "{{ title }}"}})


def test_xlsm_output_keeps_the_macros(tmp_path, macro_template):
    result = build(project_to(tmp_path, template=macro_template, output=tmp_path / "b.xlsm"))
    with zipfile.ZipFile(result.output) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
        assert b"macroEnabled.main+xml" in zf.read("[Content_Types].xml")
    assert not any("macro" in w for w in result.warnings)


def test_xlsx_output_leaves_the_macros_out_with_a_warning(tmp_path, macro_template):
    result = build(project_to(tmp_path, template=macro_template, output=tmp_path / "b.xlsx"))
    with zipfile.ZipFile(result.output) as zf:
        assert "xl/vbaProject.bin" not in zf.namelist()
        assert b"macroEnabled" not in zf.read("[Content_Types].xml")
    assert any("macros" in w and ".xlsm" in w for w in result.warnings)


def test_xlsm_output_needs_a_macro_enabled_template(tmp_path):
    with pytest.raises(UsageError, match="holds no macros"):
        build(project_to(tmp_path, output=tmp_path / "b.xlsm"))
