"""``reportgen build`` end to end: the default workbook read back by openpyxl and LibreOffice."""

from __future__ import annotations

import csv
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build import build
from reportgen.cli import main
from reportgen.config import load_project
from reportgen.errors import BuildError, FactsError, TemplateError, UsageError
from reportgen.evidence.check import check_project

from .conftest import REPO, write
from .libreoffice import sheets_as_csv, to_pdf

#: Excel table name in the default template -> fact kind it lists
TABLE_KIND = {"Trade": "trade", "Growth": "growth", "Targets": "target",
              "Projects": "project", "Assets": "asset", "People": "person", "Roles": "role",
              "Events": "event", "Cooperation": "cooperation"}


def project_to(tmp: Path, **overrides):
    project = load_project(REPO)
    project.output = tmp / "briefing.xlsx"
    for name, value in overrides.items():
        setattr(project, name, value)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("built")
    project = project_to(tmp)
    result = build(project)
    return project, result


def table_rows(ws, table):
    """The rows of an Excel table as dicts keyed by header, with the cells."""
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header = [ws.cell(min_row, c).value for c in range(min_col, max_col + 1)]
    return [{h: ws.cell(r, c) for h, c in zip(header, range(min_col, max_col + 1), strict=True)}
            for r in range(min_row + 1, max_row + 1)]


def tables(wb):
    return {name: (ws, ws.tables[name]) for ws in wb.worksheets for name in ws.tables}


def test_every_fact_is_on_its_sheet_with_a_working_source_link(built):
    from openpyxl import load_workbook

    from reportgen.evidence.provenance import normalise

    project, result = built
    corpus = check_project(project).corpus
    wb = load_workbook(result.output)
    found = tables(wb)
    sources_ws, sources_table = found["Sources"]
    source_rows = {}
    for row in table_rows(sources_ws, sources_table):
        source_rows[row["Source ID"].row] = row["Source ID"].value
    articles_ws, articles_table = found["Paragraphs"]
    paragraphs = {row["Text"].row: (row["Source"].hyperlink.location, row["Text"].value)
                  for row in table_rows(articles_ws, articles_table)}
    for name, kind in TABLE_KIND.items():
        ws, table = found[name]
        rows = table_rows(ws, table)
        ids = [r["Fact ID"].value for r in rows]
        expected = sorted(f.id for f in corpus.facts if f.kind == kind)
        assert sorted(ids) == expected, name
        facts = corpus.by_id()
        for row in rows:
            fact = facts[row["Fact ID"].value]
            link = row["Source"].hyperlink
            assert link is not None and link.location, (name, fact.id)
            sheet, cell = link.location.split("!")
            assert sheet.strip("'") == "Sources"
            target_row = int(cell.lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            assert source_rows[target_row] == fact.get("source")
            assert row["Quote (the article's exact words)"].value == fact.get("quote")
            # the quote's link lands on the paragraph of its own article that holds it
            read = row["Read"].hyperlink
            assert read is not None, (name, fact.id)
            sheet, cell = read.location.split("!")
            assert sheet.strip("'") == "Articles"
            source_link, text = paragraphs[int(cell.lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
            assert source_rows[int(source_link.split("!")[1].lstrip("$A"))] == \
                fact.get("source")
            quote = normalise(fact.get("quote"))
            assert normalise(text).find(quote[:40]) >= 0, (name, fact.id)


def test_values_are_real_numbers_and_dates(built):
    from datetime import datetime

    from openpyxl import load_workbook

    _, result = built
    wb = load_workbook(result.output)
    ws, table = tables(wb)["Trade"]
    rows = {r["Fact ID"].value: r for r in table_rows(ws, table)}
    gacc = rows["trade-2022-turnover-gacc"]
    assert gacc["Exact"].value == 31_170_000_000 and gacc["Exact"].data_type == "n"
    assert gacc["Exact unit"].value == "USD"
    assert gacc["Value"].value == 31.17 and gacc["Unit"].value == "USD bn"
    assert gacc["Value"].number_format == "#,##0.00"
    assert isinstance(gacc["From"].value, datetime) and gacc["From"].value.year == 2022
    assert gacc["Period"].value == "2022" and gacc["As printed"].value == "in 2022"
    ws, table = tables(wb)["Growth"]
    growth = {r["Fact ID"].value: r for r in table_rows(ws, table)}
    change = next(r["Change"] for r in growth.values() if r["Change"].value == 0.3)
    assert change.number_format.endswith("%")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                assert not (isinstance(cell.value, str) and "{{" in cell.value), \
                    f"{ws.title}!{cell.coordinate} kept a marker: {cell.value!r}"


def test_qualifiers_visible(built):
    from openpyxl import load_workbook

    wb = load_workbook(built[1].output)
    ws, table = tables(wb)["Projects"]
    rows = {r["Fact ID"].value: r for r in table_rows(ws, table)}
    portfolio = rows["project-portfolio-52-xinhua"]
    assert portfolio["Qualifier"].value == "over" and portfolio["Value"].value == 21.2
    assert portfolio["Unit"].value == "USD bn"
    assert portfolio["Count"].value == 52 and portfolio["Counted"].value == "projects"


def test_two_builds_are_byte_identical(built, tmp_path):
    project, first = built
    again = build(project_to(tmp_path))
    assert again.sha256 == first.sha256
    assert hashlib.sha256(again.output.read_bytes()).hexdigest() == first.sha256


def test_every_part_is_deflated_at_the_chosen_level(built):
    """Sheets are written in pieces and the snapshot appended: each takes the package's
    level (docs/performance.md says why that level), not zlib's default."""
    import zipfile
    import zlib

    from reportgen.template.package import COMPRESS_LEVEL

    project, _ = built
    with zipfile.ZipFile(project.output) as package:
        for info in package.infolist():
            packer = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
            data = package.read(info)
            assert info.compress_size == len(packer.compress(data) + packer.flush()), \
                info.filename


def test_libreoffice_reads_the_workbook(built, tmp_path):
    _, result = built
    sheets = sheets_as_csv(result.output, tmp_path / "csv")
    assert {"Summary", "About", "Trade", "Growth", "Targets", "Projects", "Infrastructure",
            "People", "Roles", "Events", "Cooperation", "Discrepancies", "Sources",
            "Articles"} <= set(sheets)
    trade = list(csv.reader(io.StringIO(sheets["Trade"])))
    gacc = next(r for r in trade if "trade-2022-turnover-gacc" in r)
    assert "31,170,000,000" in gacc and "31.17" in gacc and "USD bn" in gacc
    discrepancies = list(csv.reader(io.StringIO(sheets["Discrepancies"])))
    turnover = next(r for r in discrepancies if r and r[1] == "Trade turnover")
    assert {"$24 bn", "$31.17 bn", "$7.17 bn"} <= set(turnover)
    growth = next(r for r in discrepancies if r and r[1] == "Trade turnover, growth")
    assert {"23.6%", "34%", "10.4 pp"} <= set(growth)
    about = sheets["About"]
    assert "China–Kazakhstan Cooperation Briefing" in about
    assert built[1].fingerprint in about
    summary = list(csv.reader(io.StringIO(sheets["Summary"])))
    year_2022 = next(r for r in summary if r and r[0] == "2022")
    assert {"24.0", "31.17"} <= set(year_2022)
    pdf = to_pdf(result.output, tmp_path / "pdf")
    assert pdf.stat().st_size > 20_000


def test_failed_build_leaves_previous_workbook_untouched(built, tmp_path):
    import shutil

    project = project_to(tmp_path)
    build(project)
    before = project.output.read_bytes()
    broken = tmp_path / "broken.xlsx"
    shutil.copy(project.template, broken)
    _add_marker(broken, "Trade", "A2", "{{ trade.no_such_field }}")
    project.template = broken
    with pytest.raises(TemplateError, match=r"Trade!A2"):
        build(project)
    assert project.output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.xlsx", "broken.xlsx"]


def _add_marker(path: Path, sheet: str, cell: str, text: str) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb[sheet][cell] = text
    wb.save(path)


def test_bad_facts_write_nothing(mini, tmp_path):
    write(mini / "facts" / "bad.yaml", "facts:\n  - id: x\n    kind: trade\n")
    project = load_project(mini)
    project.template = REPO / "templates" / "briefing.xlsx"
    out = tmp_path / "out"
    out.mkdir()
    project.output = out / "out.xlsx"
    with pytest.raises(FactsError):
        build(project)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("output, message", [
    ("folder", "is a folder"),
    ("missing/out.xlsx", "does not exist"),
    ("out.csv", "must end in .xlsx"),
])
def test_bad_output_paths(tmp_path, output, message):
    (tmp_path / "folder").mkdir()
    project = project_to(tmp_path)
    project.output = tmp_path / output
    with pytest.raises(UsageError, match=message):
        build(project)


def test_cli_build_and_init(tmp_path, monkeypatch):
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "topic", "--title", "Wind power: a briefing"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "topic")
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "Wrote output/briefing.xlsx" in result.output
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "topic" / "output" / "briefing.xlsx")
    assert wb.sheetnames[:3] == ["Summary", "What changed", "About"]
    assert wb.active.title == "Summary"
    assert wb["Summary"]["A1"].value == wb["About"]["A2"].value == "Wind power: a briefing"
    ws, table = tables(wb)["Trade"]
    ids = {row["Fact ID"].value for row in table_rows(ws, table)}
    assert ids == {"trade-2024-turnover", "trade-2024-turnover-southland"}
    result = runner.invoke(main, ["init", "."])
    assert result.exit_code == 2 and "already exists" in result.output


def test_money_in_billions_is_exact(built):
    from openpyxl import load_workbook

    wb = load_workbook(built[1].output)
    ws, table = tables(wb)["Headlines"]
    values = {(Decimal(str(r["Value"].value)), r["Value"].number_format)
              for r in table_rows(ws, table)}
    assert {(Decimal("31.17"), '"$"#,##0.00" bn"'), (Decimal("31.5"), '"$"#,##0.0" bn"'),
            (Decimal("24"), '"$"#,##0" bn"'), (Decimal("35"), '"$"#,##0" bn"')} <= values


def test_read_only_location_is_one_clear_error(tmp_path):
    import os

    if os.geteuid() == 0:  # root writes through permissions; /sys refuses even root
        target = Path("/sys/briefing.xlsx")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        target = folder / "briefing.xlsx"
    project = project_to(tmp_path)
    project.output = target
    with pytest.raises(BuildError, match=r"cannot write in .*: Permission denied"):
        build(project)


def test_failure_while_writing_keeps_previous_workbook(tmp_path, monkeypatch):
    import reportgen.template.render as render_module

    project = project_to(tmp_path)
    build(project)
    before = project.output.read_bytes()

    def broken(path, context, dest, **options):
        dest.write(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render_module, "render", broken)
    with pytest.raises(BuildError, match="No space left on device"):
        build(project)
    assert project.output.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.xlsx"]


INJECTION = ["=HYPERLINK(\"http://example.org\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)",
             "\tTAB", "\rCR"]


def test_formula_looking_text_stays_text(mini, tmp_path):
    import json

    from openpyxl import load_workbook

    facts = "facts:\n" + "".join(
        f"  - id: inject-{i}\n    kind: cooperation\n    source: s1\n"
        f"    quote: Five Confucius Institutes have been founded in Kazakhstan.\n"
        f"    area: education\n    summary: {json.dumps(text)}\n"
        for i, text in enumerate(INJECTION))
    write(mini / "facts" / "inject.yaml", facts)
    project = load_project(mini)
    project.template = REPO / "templates" / "briefing.xlsx"
    project.output = tmp_path / "out.xlsx"
    build(project)
    wb = load_workbook(project.output)
    ws, table = tables(wb)["Cooperation"]
    rows = {r["Fact ID"].value: r for r in table_rows(ws, table)}
    for i, text in enumerate(INJECTION):
        cell = rows[f"inject-{i}"]["Summary"]
        assert cell.data_type == "s" and cell.value == text
        assert cell.quotePrefix, (text, cell.coordinate)
        assert cell.hyperlink is None
    csv_text = sheets_as_csv(project.output, tmp_path / "csv")["Cooperation"]
    assert '=HYPERLINK(""http://example.org"",""click"")' in csv_text
    assert "@SUM(A1:A2)" in csv_text and "+1+1" in csv_text


@pytest.fixture(scope="module")
def built_languages(tmp_path_factory):
    """The Russian, Kazakh and Chinese test project (tests/data/languages), built."""
    from openpyxl import load_workbook

    from .conftest import DATA

    project = load_project(DATA / "languages")
    project.output = tmp_path_factory.mktemp("languages") / "languages.xlsx"
    build(project)
    checked = check_project(project, records=True)
    wb = load_workbook(project.output)
    rows = {}
    for ws, table in tables(wb).values():
        for row in table_rows(ws, table):
            if "Fact ID" in row:
                rows[row["Fact ID"].value] = row
    return checked.corpus.by_id(), rows


@pytest.mark.parametrize("fact_id, value", [
    ("ru-trade-9m-2023", 31_500_000_000), ("kk-trade-9m-2023", 31_500_000_000),
    ("zh-trade-10m-2023", 32_800_000_000), ("kk-grain-2022", 150_000),
    ("zh-grain-2022", 1_200_000), ("ru-grain-2022", 1_250_000),
])
def test_figures_in_other_languages_show_normalised_value_and_original_quote(
        built_languages, fact_id, value):
    facts, rows = built_languages
    row = rows[fact_id]
    assert row["Exact"].value == value
    assert row["Quote (the article's exact words)"].value == facts[fact_id].get("quote")
    assert row["Read"].value and row["Read"].hyperlink  # the quote found in its paragraph


def test_figures_in_other_languages_show_their_english_rendering(built_languages):
    facts, rows = built_languages
    for fact_id in ("ru-trade-9m-2023", "kk-trade-9m-2023", "zh-trade-10m-2023"):
        row = rows[fact_id]
        # the original is the evidence; the translation stands beside it, marked as one
        assert row["Quote (the article's exact words)"].value == facts[fact_id].get("quote")
        assert row["In English (translation)"].value == facts[fact_id].get("quote_en")
        period = facts[fact_id].get("period")
        assert row["As printed"].value == (
            f"{period['label']} (in English: {period['label_en']})")
