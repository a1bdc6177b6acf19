"""LibreOffice, a real client, opens a rendered workbook and sees the data."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.template import render_template

from .test_render import build_trade_template, context

SOFFICE = shutil.which("soffice")


def convert(source: Path, fmt: str, outdir: Path) -> Path:
    """Convert with soffice; it exits 0 even when it cannot load, so check the output."""
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
         "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    out = outdir / f"{source.stem}.{fmt}"
    assert out.exists(), f"LibreOffice could not convert {source.name} to {fmt}"
    return out


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_rendered_workbook(tmp_path):
    template = build_trade_template(tmp_path / "trade.xlsx")
    rendered = tmp_path / "briefing.xlsx"
    with open(rendered, "wb") as fh:
        assert render_template(template, context(3), fh) == []
    rows = list(csv.reader(io.StringIO(convert(rendered, "csv", tmp_path).read_text())))
    assert rows[0][0] == "Trade briefing"
    assert rows[1][:2] == ["Covers 2023-05-19", "2023-05-19"]
    assert rows[3][:4] == ["id", "country", "value", "double"]
    # formulas were recalculated on load: the copied-down column and the grown total
    assert [r[:4] for r in rows[4:7]] == [
        ["t1", "Country 1", "10", "20"],
        ["t2", "Country 2", "20", "40"],
        ["t3", "Country 3", "30", "60"],
    ]
    assert rows[7][:3] == ["Total", "", "60"]
    assert rows[9][:2] == ["Note", "30"]
    pdf = convert(rendered, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_template_saved_by_libreoffice_renders(tmp_path):
    """Shared strings, markup-compatibility prefixes and cached formula results, as office
    suites write them: the render keeps the prefixes and makes every formula recompute."""
    source = build_trade_template(tmp_path / "source.xlsx")
    saved = tmp_path / "saved"
    saved.mkdir()
    template = convert(source, "xlsx", saved)
    rendered = tmp_path / "briefing.xlsx"
    with open(rendered, "wb") as fh:
        render_template(template, context(4), fh)
    rows = list(csv.reader(io.StringIO(convert(rendered, "csv", tmp_path).read_text())))
    assert rows[0][0] == "Trade briefing"
    assert [r[2] for r in rows[4:8]] == ["10", "20", "30", "40"]
    assert rows[8][:3] == ["Total", "", "100"]
    assert rows[10][:2] == ["Note", "50"]
