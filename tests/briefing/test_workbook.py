"""The shipped briefing read back as a reader relies on it: openpyxl, calamine, LibreOffice.

What is asserted is what an official or an analyst relies on: lists in order of their
real dates, no metric slug in front of a reader, units readable, key findings that say
what their facts say, every printed page A4 landscape with the right headings, no ###.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest

from reportgen.briefing.model import build_briefing
from reportgen.briefing.readings import reading
from reportgen.briefing.starter import SHEETS
from reportgen.build import build
from reportgen.config import load_project
from reportgen.evidence.check import check_project
from reportgen.evidence.metrics import Catalogue

from ..conftest import REPO
from ..libreoffice import to_pdf
from ..test_build import table_rows, tables

TURNOVER_2023 = "trade-2023-turnover-bektenov-zhang-xiao"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from openpyxl import load_workbook

    tmp = tmp_path_factory.mktemp("shipped")
    project = load_project(REPO)
    project.output = tmp / "briefing.xlsx"
    result = build(project)
    return project, result.output, load_workbook(result.output)


@pytest.fixture(scope="module")
def model(shipped):
    project = shipped[0]
    corpus = check_project(project).corpus
    return corpus, build_briefing(corpus, project.title, project.subtitle, "f", "0",
                                  Catalogue(project.metrics))


def rows_of(wb, table):
    ws, t = tables(wb)[table]
    return table_rows(ws, t)


# ----------------------------------------------------------------------------- order


@pytest.mark.parametrize("table", ["Trade", "Growth"])
def test_figures_newest_first_by_real_dates(shipped, table):
    rows = rows_of(shipped[2], table)
    keys = [(r["To"].value, r["From"].value) for r in rows]
    assert all(isinstance(d, datetime) for key in keys for d in key)
    assert keys == sorted(keys, reverse=True), table


def test_the_2023_turnover_stands_before_every_part_of_2023(shipped):
    wb = shipped[2]
    trade = [r["Fact ID"].value for r in rows_of(wb, "Trade")]
    assert trade[0] == TURNOVER_2023
    growth = [r["Fact ID"].value for r in rows_of(wb, "Growth")]
    assert growth.index("growth-2023-turnover-bektenov-zhang-xiao") < \
        growth.index("growth-2023h1-turnover-pm-2023-09-01")
    headlines = rows_of(wb, "Headlines")
    first = headlines[0]
    assert (first["Group"].value, first["Figure"].value, first["Period"].value) == \
        ("Annual", "Trade turnover", "2023")
    assert first["Value"].value == 31.5 and first["Value"].number_format == '"$"#,##0.0" bn"'
    groups = [r["Group"].value for r in headlines]
    assert groups == sorted(groups, key=["Annual", "Part-year", "Cumulative", "Target"].index)


def test_targets_by_deadline_and_events_oldest_first(shipped):
    wb = shipped[2]
    deadlines = [r["Deadline"].value for r in rows_of(wb, "Targets")]
    dated = [d for d in deadlines if d is not None]
    assert dated and deadlines == sorted(dated) + [None] * (len(deadlines) - len(dated))
    dates = [r["Date"].value for r in rows_of(wb, "Events")]
    assert dates == sorted(dates)


# ----------------------------------------------------------------------------- words


def test_no_metric_id_in_front_of_a_reader(shipped, model):
    corpus, _ = model
    metrics = {f.get("metric") for f in corpus.facts if f.get("metric")}
    assert "investment-inflow" in metrics
    # slugs of several words ('investment-inflow') are never English; 'turnover' is
    slugs = sorted(m for m in metrics if "-" in m)
    slug = re.compile(r"\b(" + "|".join(map(re.escape, slugs)) + r")\b")
    for ws in shipped[2].worksheets:
        id_columns = {c.column for c in ws[4] if c.value in ("Fact ID", "Source ID")}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.column not in id_columns:
                    assert cell.value not in metrics, f"{ws.title}!{cell.coordinate}"
                    if ws.title == "Summary":
                        assert not slug.search(cell.value), f"Summary!{cell.coordinate}"


def test_periods_resolved_in_words_with_approximate_dates_marked(shipped):
    rows = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Trade")}
    window = rows["trade-investment-inflow-17y-pm-2023-09-01"]
    assert window["Period"].value == "2006\u2013Sep 2023, approx."
    assert window["As printed"].value == "over the past 17 years"
    assert window["From"].number_format.startswith('"~"')
    assert "17 years counted back" in window["How the period was resolved"].value
    half = rows["trade-2023h1-turnover-pm-2023-09-01"]
    assert half["Period"].value == "Jan\u2013Jun 2023"
    assert not half["From"].number_format.startswith('"~"')
    headline = {(r["Figure"].value, r["Group"].value): r["Period"].value
                for r in rows_of(shipped[2], "Headlines")}
    assert headline[("Chinese investment inflow", "Part-year")] == "Jan\u2013Sep 2023"


def test_counts_are_numbers_with_units_and_ranks_read_as_printed(shipped):
    rows = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Cooperation")}
    companies = rows["coop-2024-3000-joint-companies"]
    assert companies["Value"].value == 3000 and companies["Unit"].value == "companies"
    assert companies["Value"].number_format == "#,##0"
    assets = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Assets")}
    railroads = assets["asset-railroads-highways-11-pm-2023-09-01"]
    assert railroads["Count"].value == 11
    assert railroads["Counted"].value == "railroads and highways"


def test_ranks_line_up_so_a_change_of_rank_shows(shipped):
    rows = [r for r in rows_of(shipped[2], "Ranks") if r["Ranked by"].value == "Trade turnover"]
    assert [r["As printed"].value for r in rows] == [
        "one of the country’s largest", "second largest trading partner",
        "largest trading partner"]
    assert [r["Position"].value for r in rows] == [None, 2, 1]
    assert rows[-1]["Before"].value == "no. 2 (2023-05-19)"
    top5 = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Ranks")}[
        "rank-top5-investor-akorda-2023-03-28"]
    assert (top5["Position"].value, top5["Meant as"].value) == (5, "among the top")


def test_new_evidence_fields_have_their_columns(shipped):
    trade = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Trade")}
    share = trade["trade-2022-trade-share-china-akorda-2023-03-28"]
    assert share["Share of"].value == "Kazakhstan's foreign trade"
    assert share["As printed"].value == "not in the quote; the article: 'In 2022'"
    window = trade["trade-investment-inflow-17y-pm-2023-09-01"]
    assert window["Linked figures"].value.startswith("same-series: $23 bn")
    targets = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Targets")}
    plan = targets["target-nonresource-export-plan-pm-2023-09-01"]
    assert plan["Basis"].value == "Plan" and plan["Deadline"].value is None
    events = {r["Fact ID"].value: r for r in rows_of(shipped[2], "Events")}
    assert events["event-2023-china-central-asia-summit-xian"]["Participants"].value == \
        "not named in the article"
    assert {r["Text kept"].value for r in rows_of(shipped[2], "Sources")} == {"full"}


def test_no_number_format_leaves_a_trailing_dot(shipped):
    for ws in shipped[2].worksheets:
        for row in ws.iter_rows():
            for cell in row:
                code = cell.number_format
                assert not re.search(r"0\.(#|\"|$)", code), f"{ws.title}!{cell.coordinate}"


# ----------------------------------------------------------------------------- findings


def test_key_findings_say_what_their_facts_say(model):
    corpus, briefing = model
    facts = corpus.by_id()
    table = briefing.tables["findings"]
    findings = [dict(zip(table.fields, row, strict=True)) for row in table.rows]
    assert 3 <= len(findings) <= 6
    for finding in findings:
        fact = facts[finding["id"]]
        text = finding["finding"]
        assert reading(fact.get("value")).text() in text, text
        assert fact.get("reporter") in text, text
        if finding["link"].collection == "sources":
            assert finding["link"].key == fact.get("source")
    first = findings[0]["finding"]
    assert first.startswith("Trade turnover was $31.5 bn in 2023, up 30% on the previous year")
    target = next(f["finding"] for f in findings if f["finding"].startswith("Target"))
    assert "$35 bn by 2030" in target and "is $3.5 bn (10%) short of it" in target
    dispute = next(f for f in findings if f["finding"].startswith("Sources disagree on 2022 "
                                                                   "trade turnover:"))
    assert "$24 bn per Government of Kazakhstan vs $31.17 bn per General Administration" \
        in dispute["finding"]
    assert dispute["link"].collection == "discrepancies"


def test_findings_in_the_workbook_link_to_their_rows(shipped, model):
    _, briefing = model
    ws = shipped[2]["Summary"]
    expected = [row[1] for row in briefing.tables["findings"].rows]
    shown = [ws.cell(r, 2).value for r in range(6, 6 + len(expected))]
    assert shown == expected
    for r in range(6, 6 + len(expected)):
        link = ws.cell(r, 9).hyperlink
        assert link is not None and link.location.split("!")[0].strip("'") in (
            "Sources", "Discrepancies")


def test_disputed_headlines_link_to_their_discrepancy(shipped):
    wb = shipped[2]
    disputes = {r["Ref"].value: r for r in rows_of(wb, "Discrepancies")}
    ws = wb["Discrepancies"]
    headlines = rows_of(wb, "Headlines")
    assert headlines[0]["Disputed"].value is None  # the 2023 figure: nobody disagrees
    (gacc,) = [r for r in headlines if r["Reporter"].value.startswith("General Admin")]
    mark = gacc["Disputed"]
    ref = mark.value.removeprefix("see ")
    target = int(mark.hyperlink.location.split("!")[1].lstrip("$A"))
    assert ws.cell(target, 1).value == ref
    assert disputes[ref]["Figure"].value == "Trade turnover"
    assert disputes[ref]["B says"].value == 31.17


# ----------------------------------------------------------------------------- readers


def test_calamine_reads_the_same_values(shipped):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(shipped[1]))
    trade = book.get_sheet_by_name("Trade").to_python()
    header = trade[3]
    rows = {r[header.index("Fact ID")]: r for r in trade[4:]}
    gacc = rows["trade-2022-turnover-gacc"]
    assert gacc[header.index("Exact")] == 31_170_000_000
    assert Decimal(str(gacc[header.index("Value")])) == Decimal("31.17")
    assert gacc[header.index("Unit")] == "USD bn"
    assert list(rows)[0] == TURNOVER_2023


def test_workbook_properties_come_from_the_project_file(shipped):
    project, path, wb = shipped
    props = wb.properties
    assert props.title == project.title and props.subject == project.subtitle
    assert props.keywords == ", ".join(project.keywords) and "Kazakhstan" in props.keywords
    assert props.description == project.description and props.creator == "reportgen"
    with zipfile.ZipFile(path) as book:
        core = book.read("docProps/core.xml").decode()
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    assert "{{" not in core


def test_the_workbook_opens_on_the_summary(shipped):
    """The Summary first, then what changed since the last edition (a returning reader's
    first question), then About, which explains the data sheets that follow."""
    wb = shipped[2]
    assert wb.sheetnames[:4] == ["Summary", "What changed", "About", "Trade"]
    assert wb.active.title == "Summary"
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == ["Summary"]


def test_every_sheet_prints_a4_landscape_fit_to_width_with_its_table_heading(shipped):
    for ws in shipped[2].worksheets:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) in ((1, 0), (None, 0)), ws.title
        assert "page &P of &N" in ws.oddFooter.right.text, ws.title
        if ws.title in ("Summary", "About"):
            continue
        assert len(ws.tables) == 1, ws.title  # one table: the repeated heading is its own
        (table,) = ws.tables.values()
        header_row = int(re.match(r"[A-Z]+(\d+)", table.ref).group(1))
        assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}", ws.title


def _sheet_xml(path, sheet: str) -> bytes:
    from lxml import etree

    with zipfile.ZipFile(path) as book:
        workbook = etree.fromstring(book.read("xl/workbook.xml"))
        rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        rid = next(el.get(f"{{{R}}}id") for el in workbook.iter("{*}sheet")
                   if el.get("name") == sheet)
        target = next(el.get("Target") for el in rels if el.get("Id") == rid)
        return book.read("xl/" + target.removeprefix("/xl/"))


def _cols(path, sheet: str) -> dict[int, dict[str, str]]:
    """The <col> attributes of a sheet, by column number."""
    from lxml import etree

    root = etree.fromstring(_sheet_xml(path, sheet))
    found = {}
    for col in root.iter("{*}col"):
        for index in range(int(col.get("min")), int(col.get("max")) + 1):
            found[index] = {k: v for k, v in col.attrib.items() if k not in ("min", "max")}
    return found


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
READING = {"Trade": ["Figure", "Period", "As printed", "Value", "Unit", "Qualifier",
                     "Reporter", "Partners", "Flow", "Share of", "Source",
                     "Quote (the article's exact words)", "Read", "Analyst's note"]}
ANALYSTS = {"Trade": ["From", "To", "How the period was resolved", "Exact", "Exact unit",
                      "Speaker", "Linked figures", "Fact ID"]}


def test_data_sheets_open_on_reading_columns_with_the_analysts_behind_the_plus(shipped):
    """Analyst's columns are an outline group, collapsed; empty columns are hidden; every
    <col> of the template reaches the workbook unchanged but for the hidden flag."""
    from openpyxl.utils import get_column_letter

    project, path, wb = shipped
    template = project.template
    unchanged = []
    for ws in (wb[design.name] for design in SHEETS):
        (table,) = ws.tables.values()
        header = {c.value: c.column for c in ws[4] if c.value}
        before, after = _cols(template, ws.title), _cols(path, ws.title)
        assert before.keys() == after.keys(), ws.title
        for index, attrs in after.items():
            assert {k: v for k, v in attrs.items() if k != "hidden"} == \
                {k: v for k, v in before[index].items() if k != "hidden"}, (ws.title, index)
        if after == before:  # no column hidden: <cols> is the template's, byte for byte
            cols = re.compile(rb"<cols>.*</cols>")
            assert cols.search(_sheet_xml(path, ws.title)).group() == \
                cols.search(_sheet_xml(template, ws.title)).group(), ws.title
            unchanged.append(ws.title)
        shown = [h for h, c in header.items() if after[c].get("hidden") != "1"]
        grouped = [h for h, c in header.items() if after[c].get("outlineLevel") == "1"]
        assert all(before[header[h]].get("hidden") == "1" for h in grouped), ws.title
        assert not set(grouped) & set(shown), ws.title
        assert grouped or ws.title in ("Discrepancies", "Articles"), ws.title  # all read
        for h in grouped:  # the + sits on the column after each group, shown
            c = header[h] + 1
            while after.get(c, {}).get("outlineLevel") == "1":
                c += 1
            assert after.get(c, {}).get("collapsed") == "1", (ws.title, h)
        # the empty columns hidden are exactly those no row fills
        rows = table_rows(ws, table)
        for h, c in header.items():
            empty = all(r[h].value in (None, "") for r in rows)
            if after[c].get("hidden") == "1" and h not in grouped:
                assert empty, (ws.title, h)
        if ws.title in READING:
            assert shown == READING[ws.title] and grouped == ANALYSTS[ws.title]
        # the table, its filter, print titles and frozen panes are as designed
        assert table.autoFilter.ref == table.ref and ws.freeze_panes == "B5", ws.title
        assert ws.print_title_rows == "$4:$4", ws.title
        assert table.ref.startswith("A4:" + get_column_letter(len(header))), ws.title
    assert unchanged  # some sheet shows every column: its <cols> was checked byte for byte
    names = {n: wb.defined_names[n].attr_text for n in wb.defined_names if n.startswith("if.")}
    assert names["if.trade.route"] == "Trade!$" + get_column_letter(
        {c.value: c.column for c in wb["Trade"][4]}["Route"]) + ":$" + get_column_letter(
        {c.value: c.column for c in wb["Trade"][4]}["Route"])


def _pdf_pages(pdf) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_libreoffice_prints_every_page_a4_with_headings_and_no_hashes(shipped, tmp_path):
    pdf = to_pdf(shipped[1], tmp_path / "pdf")
    sizes = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True,
                           text=True, check=True).stdout if shutil.which("pdfinfo") else ""
    for line in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", sizes):
        assert (round(float(line[0])), round(float(line[1]))) == (842, 595), line
    pages = _pdf_pages(pdf)
    assert pages and not any("###" in page for page in pages)
    assert not any("too few years" in page for page in pages)  # no heading over nothing
    # the first page is the briefing: what the trade is, how fast it grows, what is
    # promised, where sources disagree
    first = pages[0]
    assert first.strip().splitlines()[-1].split()[0] == "Summary"
    for words in ("Key findings", "Headline figures", "$31.5 bn", "Trade turnover was $31.5 bn "
                  "in 2023, up 30%", "Target: trade turnover of $35 bn by 2030",
                  "Sources disagree on 2022 trade turnover", "2006\u2013Sep 2023"):
        assert words in first, words
    # built without --since, What changed is hidden and not printed: About follows the
    # Summary's two pages, and says plainly that nothing was compared
    sheets = [page.strip().splitlines()[-1].split()[0] for page in pages]
    assert sheets[:4] == ["Summary", "Summary", "About", "Trade"] and "What" not in sheets
    assert "Not compared with an earlier edition." in pages[2]
    # the page count the README and docs/templates.md give is this run's
    for doc in ("README.md", "docs/templates.md"):
        text = " ".join((REPO / doc).read_text(encoding="utf-8").split())
        assert f"briefing prints on {len(pages)} pages" in text, doc
    # every page of a data sheet starts with its table's heading (print titles)
    for number, page in enumerate(pages, start=1):
        footer = page.strip().splitlines()[-1]
        sheet = footer.split()[0]
        if sheet in ("Summary", "About"):
            continue
        heading = {"Articles": "Para.", "Discrepancies": "Analysts' notes",
                   "Sources": "How the date is known", "What": "What changed (before"}.get(
            sheet, "Quote (the article's exact words)")
        assert heading in page, (number, sheet)
        assert f"page {number} of {len(pages)}" in footer
        # the analyst's columns stay behind the + : paper shows the reading columns (the
        # What changed sheet names each change by its fact's ID)
        for analysts in ("Fact ID", "Source ID", "How the period was resolved"):
            assert analysts not in page or sheet == "What", (number, sheet, analysts)


def _footer_scales(pdf) -> dict[str, float]:
    """Each sheet's smallest print scale, from its footer (8 pt) as printed: the height of
    the footer's word 'page' against the same word on the About page, which prints at
    100% (its two columns fit A4 landscape; fit-to-width never enlarges)."""
    from lxml import etree

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           check=True).stdout
    heights: dict[str, list[float]] = {}
    for page in etree.fromstring(xhtml, etree.XMLParser(recover=True)).iter("{*}page"):
        words = list(page.iter("{*}word"))
        footer = max(float(w.get("yMax")) for w in words)
        line = [w for w in words if float(w.get("yMax")) == footer]
        size = [float(w.get("yMax")) - float(w.get("yMin")) for w in line if w.text == "page"]
        heights.setdefault(line[0].text, []).append(size[0])
    full = heights["About"][0]
    return {sheet: round(min(found) / full, 2) for sheet, found in heights.items()}


def test_every_data_sheet_prints_large_enough_to_read(shipped, tmp_path):
    """Fitted to the page width, a sheet prints only as large as its printed columns
    allow: the analyst's columns (collapsed) and empty ones (hidden) do not count."""
    scales = _footer_scales(to_pdf(shipped[1], tmp_path / "pdf"))
    assert scales["About"] == 1.0 and scales["Summary"] >= 0.8
    small = {sheet: scale for sheet, scale in scales.items() if scale < 0.65}
    assert not small, small


# ----------------------------------------------------------------------------- any topic


def test_a_project_that_declares_no_metric_still_gets_a_summary(mini, tmp_path):
    """A rail-freight project in tons, with no metric catalogue: its own figures lead."""
    from openpyxl import load_workbook

    project = load_project(mini)
    project.template = REPO / "templates" / "briefing.xlsx"
    project.output = tmp_path / "mini.xlsx"
    assert project.metrics == ()
    build(project)
    wb = load_workbook(project.output)
    ws = wb["Summary"]
    assert ws["B6"].value.startswith("Rail cargo was 23 Mt in 2022, up 20%")
    (headline,) = rows_of(wb, "Headlines")
    assert (headline["Figure"].value, headline["Period"].value) == ("Rail cargo", "2022")
    assert headline["Value"].number_format == '#,##0" Mt"' and headline["Value"].value == 23
    assert ws["A13"].value == "Rail cargo by year (Mt), one series per reporter"
    assert (ws["A16"].value, ws["B16"].value) == (2022, 23)


def test_counts_read_in_the_singular_when_there_is_one(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from reportgen.cli import main

    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "water", "--title", "Water"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "water")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    wb = load_workbook(tmp_path / "water" / "output" / "briefing.xlsx")
    cover = " ".join(str(c.value) for row in wb["About"].iter_rows() for c in row if c.value)
    assert "1 article, published" in cover and "1 articles" not in cover
    assert wb["Summary"]["A2"].value.startswith("Summary of 1 article published 2025-03-14")
    assert re.search(r"\b1 (trade figure|growth rate|target|person|role|event)\b", cover)


@pytest.mark.parametrize("paper, code", [("A3", 8), ("letter", 1)])
def test_paper_size_from_the_project_file(tmp_path, paper, code):
    from openpyxl import load_workbook

    project = load_project(REPO)
    project.output = tmp_path / "out.xlsx"
    project.paper = paper
    build(project)
    wb = load_workbook(project.output)
    assert {ws.page_setup.paperSize for ws in wb.worksheets} == {code}
    assert {ws.page_setup.orientation for ws in wb.worksheets} == {"landscape"}


def test_a_second_metric_with_two_years_gets_its_own_chart(mini, tmp_path):
    """Turnover leads the first chart; rail cargo, with 2021 and 2022 from Xinhua, the
    second. On the shipped seeds no second metric has two years: no frame is drawn."""
    from openpyxl import load_workbook

    from ..conftest import write

    write(mini / "articles" / "a3.txt", "Rail cargo reached 19 million tons in 2021. Trade "
          "between China and Kazakhstan was 25 billion dollars in 2021 and 31 billion "
          "dollars in 2022.\n")
    sources = (mini / "sources.yaml").read_text(encoding="utf-8")
    (mini / "sources.yaml").write_text(sources + """\
  - id: s3
    file: a3.txt
    title: Test article three
    title_printed: false
    outlet: Xinhua
    date: 2023-02-01
    date_basis: stated
    language: en
""", encoding="utf-8")
    figure = """\
  - id: {id}
    kind: trade
    source: s3
    quote: {quote}
    metric: {metric}
    value: {{amount: {amount}, scale: {scale}, unit: {unit}}}
    period: {{start: {year}, end: {year}}}
    reporter: Xinhua
    partners: [China, Kazakhstan]
"""
    write(mini / "facts" / "more.yaml", "facts:\n" + "".join(figure.format(**f) for f in (
        dict(id="cargo-2021", quote="Rail cargo reached 19 million tons in 2021",
             metric="rail-cargo", amount=19, scale="million", unit="tons", year=2021),
        dict(id="trade-2021", quote="was 25 billion dollars in 2021", metric="turnover",
             amount=25, scale="billion", unit="USD", year=2021),
        dict(id="trade-2022", quote="31 billion dollars in 2022", metric="turnover",
             amount=31, scale="billion", unit="USD", year=2022))))
    project = load_project(mini)
    project.template = REPO / "templates" / "briefing.xlsx"
    project.output = tmp_path / "mini.xlsx"
    build(project)
    ws = load_workbook(project.output)["Summary"]
    # one reporter each: each chart has one series (no nameless second legend entry)
    assert [len(chart.series) for chart in ws._charts] == [1, 1]
    titles = [ws.cell(r, 1).value for r in range(1, 60)]
    # no metric declared: the two with the most figures lead, ties by name
    assert "Rail cargo by year (Mt), one series per reporter" in titles
    second = titles.index("Trade turnover by year (USD bn), per Xinhua") + 1
    assert ws.cell(second + 1, 2).value == "Xinhua"
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (second + 2, second + 3)] \
        == [(2021, 25), (2022, 31)]
    assert not any(ws.row_dimensions[r].hidden for r in (second, second + 1))


def test_the_shipped_summary_draws_no_empty_chart(shipped):
    ws = shipped[2]["Summary"]
    (chart,) = ws._charts
    assert len(chart.series) == 2  # one per reporter
    titles = [ws.cell(r, 1).value for r in range(1, 60)]
    # no second metric to chart: no heading over an empty table, nor its header row
    row = titles.index("Other headline metrics: too few years to chart") + 1
    assert ws.row_dimensions[row].hidden and ws.row_dimensions[row + 1].hidden
    assert ws.cell(row + 1, 1).value == "Year" and ws.cell(row + 2, 1).value is None
