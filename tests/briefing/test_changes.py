"""build --since OLD.xlsx: the What changed sheet and the About sheet's line, read back."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from reportgen.build import build
from reportgen.config import load_project

from ..conftest import REPO, edit_one_value_and_add_one_fact
from ..test_build import table_rows, tables

INVESTMENT = "trade-2023m1-9-china-investment-bektenov-zhang-xiao"
GROWTH_GACC = "growth-2022-turnover-gacc"


def build_to(output, facts=None, since=None):
    project = load_project(REPO)
    project.output = output
    if facts is not None:
        project.facts = facts
    return build(project, since=since)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The shipped edition, and the next one (a value changed, a fact added) built with
    --since the first."""
    tmp = tmp_path_factory.mktemp("editions")
    old = build_to(tmp / "old.xlsx")
    facts = tmp / "facts"
    shutil.copytree(REPO / "seeds/facts", facts)
    edit_one_value_and_add_one_fact(facts)
    new = build_to(tmp / "new.xlsx", facts, since=old.output)
    return old, new, facts


def changes_rows(path):
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return wb, table_rows(*tables(wb)["Changes"])


def about_text(wb) -> str:
    return "\n".join(str(c.value) for row in wb["About"].iter_rows() for c in row
                     if c.value is not None)


def test_one_value_changed_and_one_fact_added_are_exactly_two_rows(editions):
    """Done-when of issue 15: the What changed sheet has exactly those two rows, each
    linking to the row of its fact, and the About sheet says 1 added, 1 changed."""
    old, new, _ = editions
    wb, rows = changes_rows(new.output)
    assert [(r["Change"].value, r["Fact ID"].value) for r in rows] == [
        ("Added", "coop-new-flights"), ("Changed", INVESTMENT)]
    added, changed = rows
    assert added["Kind"].value == "Other cooperation fact"
    assert "passenger flights" in added["What changed (before → after)"].value
    assert changed["What changed (before → after)"].value.splitlines() == [
        "As printed: about 1.4 billion USD → 1.4 billion USD",
        "Qualifier: about → (none)",
        "Bound: approximately → exact"]
    assert changed["Fact"].value.startswith("Chinese investment inflow: 1.4 billion USD, "
                                            "Jan–Sep 2023 (primeminister.kz")
    for row, sheet in ((added, "Cooperation"), (changed, "Trade")):
        link = row["Row in this edition"].hyperlink
        assert link is not None and link.target is None  # inside the workbook
        where, cell = link.location.split("!")
        assert where.strip("'") == sheet
        target = wb[sheet][cell]
        table = next(iter(wb[sheet].tables.values()))
        header_row = int(table.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        headings = {c.value: c.column for c in wb[sheet][header_row]}
        assert wb[sheet].cell(target.row, headings["Fact ID"]).value == row["Fact ID"].value
    cover = about_text(wb)
    assert (f"Changes since the previous edition (input fingerprint {old.fingerprint}, "
            "articles to 2025-02-17): 1 added, 0 removed, 1 changed; discrepancies: "
            "0 appeared, 0 resolved — see What changed.") in cover


def test_calamine_reads_the_same_two_rows(editions):
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(editions[1].output)).get_sheet_by_name(
        "What changed").to_python()
    header = sheet[3]
    rows = [r for r in sheet[4:] if any(r)]
    assert [(r[header.index("Change")], r[header.index("Fact ID")]) for r in rows] == [
        ("Added", "coop-new-flights"), ("Changed", INVESTMENT)]
    assert "1 added, 0 removed, 1 changed" in sheet[1][0]


def test_without_since_the_sheet_is_hidden_and_about_says_so_plainly(editions):
    """No previous edition: the What changed sheet is hidden (not removed: the sheets keep
    their places), the About sheet's line reads plainly, with no command in it."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    wb, rows = changes_rows(editions[0].output)
    assert all(v.value is None for row in rows for v in row.values())  # one empty row
    assert wb["What changed"].sheet_state == "hidden"
    assert [ws.title for ws in wb if ws.sheet_state != "visible"] == ["What changed"]
    assert wb.sheetnames[:3] == ["Summary", "What changed", "About"]
    assert wb.active.title == "Summary"
    assert "What changed\nNot compared with an earlier edition.\n" in about_text(wb)
    assert "--since" not in about_text(wb)
    visible = {s.name: s.visible for s in CalamineWorkbook.from_path(
        str(editions[0].output)).sheets_metadata}
    assert visible["What changed"] == SheetVisibleEnum.Hidden
    assert visible["About"] == SheetVisibleEnum.Visible


def test_with_since_the_sheet_shows_even_when_nothing_changed(editions, tmp_path):
    from openpyxl import load_workbook

    assert load_workbook(editions[1].output)["What changed"].sheet_state == "visible"
    same = build_to(tmp_path / "same.xlsx", since=editions[0].output)
    wb = load_workbook(same.output)
    assert wb["What changed"].sheet_state == "visible"
    assert wb["What changed"]["A2"].value.endswith("nothing changed in the facts.")


def test_same_inputs_and_same_old_edition_give_the_same_bytes(editions, tmp_path):
    old, new, facts = editions
    again = build_to(tmp_path / "again.xlsx", facts, since=old.output)
    assert again.sha256 == new.sha256 == hashlib.sha256(
        new.output.read_bytes()).hexdigest()
    assert again.fingerprint != build_to(tmp_path / "plain.xlsx", facts).fingerprint


def test_since_the_output_itself(editions, tmp_path):
    """build --since out.xlsx -o out.xlsx: the old edition is read before the new one
    replaces it."""
    old, new, facts = editions
    out = tmp_path / "briefing.xlsx"
    shutil.copy(old.output, out)
    result = build_to(out, facts, since=out)
    assert result.sha256 == new.sha256  # as if built --since a copy of the old edition
    assert [r["Fact ID"].value for r in changes_rows(out)[1]] == [
        "coop-new-flights", INVESTMENT]


def test_removed_fact_resolved_and_appeared_discrepancies(editions, tmp_path):
    """Removing one reporter's growth rate resolves its discrepancy; putting it back
    makes it appear again, linked to its Discrepancies row."""
    old = editions[0]
    facts = tmp_path / "facts"
    shutil.copytree(REPO / "seeds/facts", facts)
    path = facts / "2023-05-19-xinhua-bri.yaml"
    text = path.read_text()
    start = text.index(f"  - id: {GROWTH_GACC}")
    end = text.index("  - id: ", start + 10)
    path.write_text(text[:start] + text[end:])
    fewer = build_to(tmp_path / "fewer.xlsx", facts, since=old.output)
    wb, rows = changes_rows(fewer.output)
    assert [(r["Change"].value, r["Fact ID"].value) for r in rows] == [
        ("Removed", GROWTH_GACC),
        ("Discrepancy resolved", "growth turnover 2022-01-01..2022-12-31 (China, Kazakhstan)")]
    removed, resolved = rows
    assert removed["Row in this edition"].value == "No row: removed"
    assert removed["Row in this edition"].hyperlink is None
    assert resolved["Fact"].value == "Trade turnover, growth, 2022 (China, Kazakhstan)"
    assert resolved["What changed (before → after)"].value == (
        "Was: 23.6 % per General Administration of Customs of China; 34 % per Government "
        "of Kazakhstan")
    assert "1 removed" in about_text(wb) and "1 resolved" in about_text(wb)

    back = build_to(tmp_path / "back.xlsx", since=fewer.output)
    wb, rows = changes_rows(back.output)
    assert [r["Change"].value for r in rows] == ["Added", "Discrepancy appeared"]
    appeared = rows[1]
    link = appeared["Row in this edition"]
    assert link.value.startswith("Discrepancies D")
    ws, table = tables(wb)["Discrepancies"]
    target = ws[link.hyperlink.location.split("!")[1]]
    assert ws.title == link.hyperlink.location.split("!")[0].strip("'")
    assert ws.cell(target.row, 1).value == link.value.split()[1]
    assert appeared["Fact ID"].value == "growth turnover 2022-01-01..2022-12-31 (China, Kazakhstan)"


def test_an_old_edition_saved_again_by_another_program_is_refused(editions, tmp_path):
    """A workbook opened and saved by another program (openpyxl here, as Excel would)
    has lost the snapshot: the build says so and what to do, and writes nothing."""
    from openpyxl import load_workbook

    from reportgen.errors import UsageError

    resaved = tmp_path / "resaved.xlsx"
    load_workbook(editions[0].output).save(resaved)
    out = tmp_path / "next.xlsx"
    with pytest.raises(UsageError, match=r"^--since .*resaved.xlsx carries no facts "
                       r"snapshot: .* saved again by Excel or LibreOffice"):
        build_to(out, since=resaved)
    assert not out.exists()


def test_libreoffice_prints_the_changes_and_the_cover_line(editions, tmp_path):
    """As an official reads it on paper: the What changed page lists the two changes,
    no cell shows ###, and the About page's line gives the counts."""
    from ..libreoffice import to_pdf
    from .test_workbook import _pdf_pages

    pages = _pdf_pages(to_pdf(editions[1].output, tmp_path / "pdf"))
    assert not any("###" in page for page in pages)
    changed = [p for p in pages if p.strip().splitlines()[-1].startswith("What changed")]
    assert len(changed) == 1 and pages.index(changed[0]) == 2  # page 3, after the Summary
    text = " ".join(changed[0].split())
    for words in ("What changed since the previous edition", "Added", "coop-new-flights",
                  "Changed", "As printed: about 1.4 billion USD → 1.4 billion USD",
                  "Bound: approximately → exact", "Go to row"):
        assert words in text, words
    (about,) = [" ".join(p.split()) for p in pages
                if p.strip().splitlines()[-1].startswith("About")]
    assert "1 added, 0 removed, 1 changed; discrepancies: 0 appeared, 0 resolved — see " \
           "What changed." in about
