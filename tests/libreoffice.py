"""LibreOffice as a real client: convert a workbook and check what it produced.

soffice exits 0 even when it could not load a file, so every helper checks that the
expected output exists and is not empty. Without soffice the tests skip, except in CI
(CI=true), where .ci/run installs it and its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
# tokens: separator, quote, UTF-8, from line 1, -, language, quoted as text, detect numbers,
# save cell contents as shown, formulas, trim spaces, all sheets (-1)


def require_soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is not installed in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def convert(workbook: Path | list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert with a private profile; return the files produced (never empty)."""
    soffice = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in (workbook if isinstance(workbook, list) else [workbook])]
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", target, "--outdir", str(outdir), *files],
            capture_output=True, text=True, timeout=600,
        )
    produced = sorted(p for p in outdir.iterdir() if p.stat().st_size > 0)
    assert produced, f"LibreOffice produced nothing: {proc.stdout} {proc.stderr}"
    if len(files) == 1:
        assert "Error" not in proc.stderr, proc.stderr
    return produced  # for several files, the caller checks which ones were produced


def sheets_as_csv(workbook: Path, outdir: Path) -> dict[str, str]:
    """Every sheet as CSV text, by sheet name, as LibreOffice computes and shows it."""
    files = convert(workbook, ALL_SHEETS_CSV, outdir)
    stem = workbook.stem + "-"
    return {p.stem[len(stem):]: p.read_text(encoding="utf-8") for p in files
            if p.suffix == ".csv"}


def to_pdf(workbook: Path, outdir: Path) -> Path:
    (pdf,) = [p for p in convert(workbook, "pdf", outdir) if p.suffix == ".pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf
