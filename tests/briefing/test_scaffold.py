"""``reportgen init``: a new project on any topic that checks and builds at once, shows
its example on every sheet, and says nothing of the shipped China-Kazakhstan briefing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main

SHIPPED_TOPIC = re.compile(r"china|chinese|kazakh|bilateral|astana|almaty|xinhua", re.I)


@pytest.fixture
def water(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "water", "--title", "Water policy"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "water")
    return tmp_path / "water"


def test_the_example_checks_with_its_one_disagreement_and_correct_plurals(water):
    """The example shows a disagreement on purpose (two reporters, one figure): one
    warning, no error."""
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and "warning[discrepancy] reporters disagree" in lines[0]
    assert lines[-1].startswith("1 source, 11 facts (")
    assert lines[-1].endswith("; 0 errors, 1 warning")


def test_the_new_project_says_nothing_of_the_shipped_topic(water):
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    texts = {p.relative_to(water).as_posix(): p.read_text(encoding="utf-8")
             for p in water.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml", ".txt",
                                                                       ".md")}
    with zipfile.ZipFile(water / "output" / "briefing.xlsx") as book:
        texts |= {f"output/briefing.xlsx:{n}": book.read(n).decode("utf-8")
                  for n in book.namelist() if n.endswith((".xml", ".rels"))}
    with zipfile.ZipFile(water / "templates" / "briefing.xlsx") as book:
        texts |= {f"templates/briefing.xlsx:{n}": book.read(n).decode("utf-8")
                  for n in book.namelist() if n.endswith(".xml")}
    found = {name: SHIPPED_TOPIC.findall(text) for name, text in texts.items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_every_table_shows_the_example(water):
    """Each list in the workbook (an Excel table) has at least one row of the example;
    What changed lists changes only once a build names a previous edition (--since), and
    is hidden until then."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import range_boundaries

    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    wb = load_workbook(water / "output" / "briefing.xlsx")
    empty = []
    for ws in wb.worksheets:
        for name, ref in ws.tables.items():
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            rows = [[ws.cell(r, c).value for c in range(min_col, max_col + 1)]
                    for r in range(min_row + 1, max_row + 1)]
            if not any(
                    any(v not in (None, "") for v in row) for row in rows):
                empty.append(f"{ws.title}!{name}")
    assert empty == ["What changed!Changes"]
    assert wb["What changed"]["A2"].value == "Not compared with an earlier edition."
    assert [ws.title for ws in wb if ws.sheet_state != "visible"] == ["What changed"]
    assert len(wb.worksheets) >= 8


def test_the_new_readme_gives_the_three_steps(water):
    readme = (water / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Water policy\n")
    for step in ("seeds/articles/", "seeds/sources.yaml", "seeds/facts/", "reportgen check",
                 "reportgen build"):
        assert step in readme
    assert "{" not in readme.replace("{{ markers }}", "")  # every placeholder filled


def test_init_refuses_an_existing_project(water):
    result = CliRunner().invoke(main, ["init", "."])
    assert result.exit_code == 2 and "already exists" in result.output
