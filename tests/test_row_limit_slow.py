"""Opt-in, run by hand: Excel's real row limit (1,048,576 rows), not a lowered one.

    REPORTGEN_SLOW=1 .venv/bin/python -m pytest -q -s tests/test_row_limit_slow.py

1. The shipped briefing of the seeds with 1,048,600 more paragraphs before the seeds'
   own, rendered on the shipped template: Articles continues on Articles (2), About
   says so, and every fact's Read link lands on its paragraph, now on Articles (2).
2. A corpus of 1,030,000 facts (the benchmark's: one paragraph per fact, 1,050,600 in
   all) with a template that keeps the paragraphs on one sheet: the build fails right
   after ``check``, before the briefing is made, and writes nothing.

It takes minutes and GBs, so it is never part of the default suite; the same behaviour
is tested at a limit of 40-50 rows in tests/template/test_continuation.py and
tests/briefing/test_continued_briefing.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .briefing.test_continued_briefing import kept_on_one_sheet
from .conftest import REPO

pytestmark = pytest.mark.skipif(os.environ.get("REPORTGEN_SLOW") != "1",
                                reason="slow (minutes, GBs): set REPORTGEN_SLOW=1 to run")

MORE = 1_048_600
FACTS = 1_030_000


def sheet_links(path: Path, sheet: str) -> dict[str, str]:
    """Cell -> internal link location of one sheet, from its XML (openpyxl would load
    every sheet of the workbook, a million rows included)."""
    from lxml import etree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as zf:
        book = etree.fromstring(zf.read("xl/workbook.xml"))
        rid = next(s.get(f"{rel}id") for s in book.iter(f"{main}sheet")
                   if s.get("name") == sheet)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        root = etree.fromstring(zf.read("xl/" + target.removeprefix("/xl/")))
    return {h.get("ref"): h.get("location") for h in root.iter(f"{main}hyperlink")
            if h.get("location")}


def test_the_briefing_continues_past_the_real_limit(tmp_path):
    from python_calamine import CalamineWorkbook

    from reportgen.briefing.model import build_briefing
    from reportgen.config import load_project
    from reportgen.evidence.check import check_project
    from reportgen.evidence.metrics import Catalogue
    from reportgen.template import Collection, RenderContext, RowLink, render_template

    project = load_project(REPO)
    corpus = check_project(project).corpus
    briefing = build_briefing(corpus, project.title, project.subtitle, "f", "0",
                              Catalogue(project.metrics))
    paragraphs = briefing.tables["paragraphs"]
    link = RowLink("Filler", "sources", next(iter(corpus.sources)))
    more = [(f"filler#p{i}", link, i, f"filler paragraph {i}", 0) for i in range(MORE)]
    assert paragraphs.fields == ("id", "source", "paragraph", "text", "fact_count")
    collections = {name: Collection(t.fields, t.rows) for name, t in briefing.tables.items()}
    collections["paragraphs"] = Collection(paragraphs.fields, more + list(paragraphs.rows))
    out = tmp_path / "briefing.xlsx"
    start = time.monotonic()
    with open(out, "wb") as fh:
        warnings = render_template(project.template, RenderContext(
            briefing.scalars, collections), fh)
    print(f"\nrendered {MORE + len(paragraphs.rows):,} paragraphs in "
          f"{time.monotonic() - start:.0f} s")
    assert any("continue on Articles (2)" in w for w in warnings)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names[-2:] == ["Articles", "Articles (2)"]
    rest = book.get_sheet_by_name("Articles (2)").to_python()
    # 1,048,572 rows below the heading fit on Articles; the seeds' paragraphs come after
    assert rest[3][:2] == ["Source", "Para."]
    assert len(rest) - 4 == MORE + len(paragraphs.rows) - 1_048_572
    cover = book.get_sheet_by_name("About").to_python()
    assert any(str(row[1]).startswith("Articles continues on Articles (2)") for row in cover)
    texts = {i + 1: row[2] for i, row in enumerate(rest)}
    cooperation = book.get_sheet_by_name("Cooperation").to_python()
    header = cooperation[3]
    quotes = {f"{chr(65 + header.index('Read'))}{i + 1}": row[header.index("Quote (the "
                                                                           "article's exact "
                                                                           "words)")]
              for i, row in enumerate(cooperation)}
    links = sheet_links(out, "Cooperation")
    read = {ref: loc for ref, loc in links.items() if ref.startswith(chr(65 + header.index(
        "Read")))}
    assert len(read) == 74
    for ref, location in read.items():
        sheet, row = re.match(r"'(.*)'!A(\d+)$", location).groups()
        assert sheet == "Articles (2)"
        assert " ".join(quotes[ref].split())[:30] in " ".join(texts[int(row)].split())


def test_a_corpus_over_the_limit_kept_on_one_sheet_fails_after_check(tmp_path):
    from benchmarks.corpus import generate

    folder = tmp_path / "corpus"
    generate(folder, FACTS)
    kept_on_one_sheet(REPO / "templates" / "briefing.xlsx",
                      {"one_sheet.paragraphs": "Articles!$A$5"}, folder / "template.xlsx")
    start = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).with_name("reportgen")), "build"],
                          cwd=folder, capture_output=True, text=True)
    print(f"\nrefused {FACTS:,} facts in {time.monotonic() - start:.0f} s (nothing cached)")
    assert done.returncode == 1 and not (folder / "out" / "briefing.xlsx").exists()
    assert ("sheet Articles would need 1,050,604 rows (1,050,600 records of 'paragraphs' "
            "from row 5); Excel holds at most 1,048,576 rows per sheet") in done.stderr
    assert "one_sheet.paragraphs" in done.stderr
