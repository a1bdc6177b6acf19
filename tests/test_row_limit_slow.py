"""Opt-in, run by hand: a corpus just over Excel's real row limit, built end to end.

    REPORTGEN_SLOW=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_row_limit_slow.py

The benchmark corpus prints each fact in a paragraph of its own, so 1,030,000 facts make
1,050,600 paragraphs: more than the Articles sheet holds (1,048,576 rows, 4 above the
table). The build continues them on ``Articles (2)``; with the template keeping them on
one sheet (``one_sheet.paragraphs``) the build fails right after ``check``, before the
briefing is made. It takes minutes and several GB, so it is never part of the default
suite; the same behaviour is tested at a limit of 40-50 rows in
tests/template/test_continuation.py and tests/briefing/test_continued_briefing.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO
from .template.realfiles import with_names

pytestmark = pytest.mark.skipif(os.environ.get("REPORTGEN_SLOW") != "1",
                                reason="slow (minutes, GBs): set REPORTGEN_SLOW=1 to run")

FACTS = 1_030_000


def reportgen(*args: str, cwd) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).with_name("reportgen")), *args], cwd=cwd,
                          capture_output=True, text=True)
    return done, time.monotonic() - start


def test_a_corpus_just_over_the_row_limit(tmp_path):
    from python_calamine import CalamineWorkbook

    from benchmarks.corpus import generate
    from reportgen.template.package import Package, PackageWriter

    folder = tmp_path / "corpus"
    generate(folder, FACTS)
    (folder / "template.xlsx").write_bytes((REPO / "templates" / "briefing.xlsx").read_bytes())
    built, seconds = reportgen("build", cwd=folder)
    assert built.returncode == 0, built.stderr[-2000:]
    print(f"\nbuild of {FACTS:,} facts: {seconds:.0f} s")
    book = CalamineWorkbook.from_path(str(folder / "out" / "briefing.xlsx"))
    assert book.sheet_names[-2:] == ["Articles", "Articles (2)"]
    rest = book.get_sheet_by_name("Articles (2)").to_python()
    assert rest[3][:2] == ["Source", "Para."] and len(rest) - 4 == 1_050_600 - 1_048_572
    cover = book.get_sheet_by_name("Cover").to_python()
    assert any(str(row[1]).startswith("Articles continues on Articles (2)") for row in cover)

    package = Package.open(folder / "template.xlsx")  # now keep the paragraphs on one sheet
    with open(folder / "kept.xlsx", "wb") as fh:
        writer = PackageWriter(fh)
        for name in package.names:
            data = package.raw(name)
            if name == "xl/workbook.xml":
                data = with_names(data, {"one_sheet.paragraphs": "Articles!$A$5"})
            writer.write(name, data)
        writer.close()
    refused, seconds = reportgen("build", "--template", "kept.xlsx", "--output",
                                 "out/kept.xlsx", cwd=folder)
    print(f"refused (fact files cached by the first build): {seconds:.0f} s")
    assert refused.returncode != 0 and not (folder / "out" / "kept.xlsx").exists()
    assert "sheet Articles would need 1,050,604 rows (1,050,600 records of 'paragraphs'" \
        in refused.stderr
    assert "one_sheet.paragraphs" in refused.stderr
