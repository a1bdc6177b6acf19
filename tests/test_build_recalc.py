"""``reportgen build --recalculate``: every formula of the built briefing has its result."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from reportgen.cli import main

from .libreoffice import require_soffice
from .test_build import REPO


@pytest.mark.libreoffice
def test_build_recalculate_leaves_no_formula_without_a_result(tmp_path):
    require_soffice()
    out = tmp_path / "b.xlsx"
    result = CliRunner().invoke(main, ["build", "--config", str(REPO / "reportgen.yml"),
                                       "--output", str(out), "--recalculate"])
    assert result.exit_code == 0, result.output
    missing = []
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                for f in etree.fromstring(zf.read(name)).iter("{*}f"):
                    if f.getparent().find("{*}v") is None:
                        missing.append((name, f.getparent().get("r")))
    assert missing == []
