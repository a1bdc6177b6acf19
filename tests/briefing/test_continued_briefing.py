"""The shipped briefing past the row limit: lists continue on numbered sheets, every
link lands on the row it names, the About sheet says what continues; a template that keeps a
list on one sheet fails before the briefing is made.

The limit is lowered to 40 rows (``continuation.ROW_LIMIT``) so that the seeds pass it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.briefing.articles import ArticleText, paragraph_count
from reportgen.briefing.model import build_briefing, collection_sizes
from reportgen.build import build
from reportgen.config import load_project
from reportgen.errors import BuildError
from reportgen.evidence.check import check_project
from reportgen.evidence.metrics import Catalogue
from reportgen.template import continuation

from ..conftest import REPO
from ..libreoffice import sheets_as_csv
from ..template.realfiles import with_names
from ..test_build import table_rows, tables

LIMIT = 40


@pytest.fixture
def small_sheets(monkeypatch):
    monkeypatch.setattr(continuation, "ROW_LIMIT", LIMIT)


@pytest.fixture
def project(tmp_path):
    project = load_project(REPO)
    project.output = tmp_path / "briefing.xlsx"
    return project


def target(location: str) -> tuple[str, int]:
    sheet, row = re.match(r"'?(.*?)'?!\$?[A-Z]+\$?(\d+)$", location).groups()
    return sheet.replace("''", "'"), int(row)


def test_lists_past_the_limit_continue_and_every_link_lands_on_its_row(small_sheets, project):
    from openpyxl import load_workbook

    from reportgen.evidence.provenance import normalise

    result = build(project)
    wb = load_workbook(result.output)
    names = wb.sheetnames
    assert names[names.index("Cooperation"):names.index("Cooperation") + 3] == [
        "Cooperation", "Cooperation (2)", "Cooperation (3)"]
    assert names[-2:] == ["Articles", "Articles (2)"]
    assert all(wb[n].max_row <= LIMIT for n in names)
    cover = wb["About"]
    row = next(r for r in range(1, 20) if cover.cell(r, 1).value == "Continued")
    assert not cover.row_dimensions[row].hidden
    assert cover.cell(row, 2).value.startswith(
        "Cooperation continues on Cooperation (2) and Cooperation (3); Articles continues "
        "on Articles (2)")
    found = tables(wb)
    sources = {r["Source ID"].row: r["Source ID"].value
               for r in table_rows(*found["Sources"])}
    corpus = check_project(project).corpus
    facts = corpus.by_id()
    rows = [r for name in ("Cooperation", "Cooperation_2", "Cooperation_3")
            for r in table_rows(*found[name])]
    assert sorted(r["Fact ID"].value for r in rows) == sorted(
        f.id for f in corpus.facts if f.kind == "cooperation")
    for r in rows:
        fact = facts[r["Fact ID"].value]
        sheet, at = target(r["Source"].hyperlink.location)
        assert (sheet, sources[at]) == ("Sources", fact.get("source"))
        sheet, at = target(r["Read"].hyperlink.location)  # the paragraph, on either sheet
        assert sheet in ("Articles", "Articles (2)")
        paragraph = wb[sheet]
        assert normalise(paragraph.cell(at, 3).value).find(normalise(fact.get("quote"))[:40]) >= 0
        assert sources[target(paragraph.cell(at, 1).hyperlink.location)[1]] == fact.get("source")
    assert {target(r["Read"].hyperlink.location)[0] for r in rows} == {"Articles",
                                                                       "Articles (2)"}
    # the columns no record fills are hidden on every piece alike
    hidden = [sorted(k for k, d in wb[n].column_dimensions.items() if d.hidden)
              for n in ("Cooperation", "Cooperation (2)", "Cooperation (3)")]
    assert hidden[0] and hidden[1:] == hidden[:1] * 2
    # each continuation sheet prints its table's heading on every page
    assert [wb[n].print_title_rows for n in ("Cooperation (3)", "Articles (2)")] == ["$4:$4"] * 2
    shown = sheets_as_csv(result.output, project.output.parent / "csv")
    assert shown["Cooperation (3)"].splitlines()[3].startswith("Area,")
    assert len(shown["Articles (2)"].splitlines()) == 67 - 36 + 4


def test_the_continued_row_of_about_is_hidden_when_nothing_continues(project):
    from openpyxl import load_workbook

    cover = load_workbook(build(project).output)["About"]
    row = next(r for r in range(1, 20) if cover.cell(r, 1).value == "Continued")
    assert cover.row_dimensions[row].hidden and cover.cell(row, 2).value.startswith(" (")


def kept_on_one_sheet(template: Path, names: dict[str, str], dest: Path) -> Path:
    """The template with defined names added (``one_sheet.<collection>``)."""
    from reportgen.template.package import Package, PackageWriter

    package = Package.open(template)
    with open(dest, "wb") as fh:
        writer = PackageWriter(fh)
        for name in package.names:
            data = package.raw(name)
            if name == "xl/workbook.xml":
                data = with_names(data, names)
            writer.write(name, data)
        writer.close()
    return dest


def test_a_list_kept_on_one_sheet_fails_before_the_briefing_is_made(small_sheets, project,
                                                                    tmp_path, monkeypatch):
    project.template = kept_on_one_sheet(project.template, {
        "one_sheet.cooperation": "Cooperation!$A$5"}, tmp_path / "kept.xlsx")
    project.output.write_bytes(b"the previous workbook")

    def never(*args, **kwargs):
        raise AssertionError("the briefing was made before the row limit was checked")

    monkeypatch.setattr("reportgen.briefing.model.build_briefing", never)
    with pytest.raises(BuildError) as err:
        build(project)
    message = str(err.value)
    assert "sheet Cooperation would need 78 rows (74 records of 'cooperation' from row 5)" \
        in message
    assert f"at most {LIMIT} rows per sheet" in message and "one_sheet.cooperation" in message
    assert project.output.read_bytes() == b"the previous workbook"


def test_the_error_in_the_docs_is_the_one_at_excels_real_limit(project, tmp_path):
    from reportgen.briefing.model import COLLECTIONS
    from reportgen.template import check_row_limits

    docs = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    shown = " ".join(re.search(r"`(sheet Trade would need 1,048,700 rows \(1,048,696.*?)`",
                               docs, re.S).group(1).split())
    template = kept_on_one_sheet(project.template, {"one_sheet.trade": "Trade!$A$5"},
                                 tmp_path / "kept.xlsx")
    with pytest.raises(BuildError) as err:
        check_row_limits(template, {"trade": 1_048_696},
                         {name: fields for name, (_, fields) in COLLECTIONS.items()})
    assert str(err.value) == shown


def test_the_counts_checked_early_are_the_briefings_rows(project):
    corpus = check_project(project).corpus
    briefing = build_briefing(corpus, "t", "s", "f", "0", Catalogue(project.metrics))
    sizes = collection_sizes(corpus)
    assert sizes == {name: len(briefing.tables[name].rows) for name in sizes}
    assert {"trade", "people", "sources", "paragraphs", "cooperation"} <= set(sizes)


@pytest.mark.parametrize("text", [
    "", "\n\n", "one\n\n  two  \n", "\u200b\nthree", "\u00a0\u3000\u202f\n\u2014",
    "x " * 40_000 + "\nlast",
    "a" * 70_000,
])
def test_paragraphs_are_counted_as_the_articles_sheet_shows_them(text):
    assert paragraph_count(text) == len(ArticleText("s", text).paragraphs)
