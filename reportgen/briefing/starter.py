"""The starter template: the briefing workbook's design, written with XlsxWriter.

``templates/briefing.xlsx`` was made by :func:`write_starter_template`, and
``reportgen init`` writes the same file into a new project. Staff restyle the
.xlsx in Excel from there; this code is only the starting point. Column headings
come from the schema's field labels where a column shows a schema field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..evidence import schema as s


@dataclass(frozen=True)
class Column:
    field: str
    width: float
    style: str = "text"  # text, wrap, link, number, date, general
    header: str = ""


def _heading(kind: str | None, column: Column) -> str:
    if column.header:
        return column.header
    if kind:
        spec = s.KINDS[kind].field(column.field)
        if spec is not None:
            return spec.heading
    return column.field.replace("_", " ").capitalize()


_PROVENANCE = (
    Column("source", 27, "link", "Source"),
    Column("quote", 46, "wrap", "Quote (exact words of the article)"),
    Column("note", 28, "wrap", "Analyst's note"),
    Column("id", 20, "wrap", "Fact ID"),
)


@dataclass(frozen=True)
class Section:
    collection: str
    kind: str | None
    heading: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class SheetDesign:
    name: str
    title: str
    intro: str
    sections: tuple[Section, ...]
    tab_color: str = "#1F4E78"


SHEETS: tuple[SheetDesign, ...] = (
    SheetDesign("Trade", "Trade figures", "{{ trade_count }} figures, newest period first. "
                "Value is the printed figure as a number (31.5 billion = 31,500,000,000).", (
        Section("trade", "trade", "", (
            Column("metric", 13, "wrap"), Column("period", 14, "wrap", "Period (as printed)"),
            Column("period_start", 10, "general", "From"),
            Column("period_end", 10, "general", "To"),
            Column("value", 16, "general", "Value"), Column("unit", 7),
            Column("as_printed", 17, "wrap", "As printed"),
            Column("reporter", 18, "wrap"),
            *_PROVENANCE)),)),
    SheetDesign("Growth & targets", "Growth rates and targets",
                "{{ growth_count }} growth rates and {{ target_count }} targets.", (
        Section("growth", "growth", "Growth rates", (
            Column("metric", 13, "wrap"), Column("period", 14, "wrap", "Period (as printed)"),
            Column("period_start", 10, "general", "From"),
            Column("period_end", 10, "general", "To"),
            Column("value", 9, "general", "Change"),
            Column("compared_to", 12, "wrap"), Column("reporter", 18, "wrap"),
            *_PROVENANCE)),
        Section("targets", "target", "Targets", (
            Column("metric", 13, "wrap"), Column("as_printed", 14, "wrap", "Target"),
            Column("deadline", 10, "general"), Column("deadline_label", 10, "wrap", "As printed"),
            Column("value", 16, "general", "Target value"), Column("unit", 9),
            Column("reporter", 18, "wrap"),
            *_PROVENANCE)),
    ), "#2E75B6"),
    SheetDesign("Projects", "Investment projects", "{{ project_count }} projects and "
                "portfolios. Portfolio figures from different articles may describe the same "
                "list: see the notes.", (
        Section("projects", "project", "", (
            Column("name", 26, "wrap"), Column("scope", 9), Column("sector", 14, "wrap"),
            Column("status", 12, "wrap"), Column("location", 12, "wrap"),
            Column("count", 8, "general"),
            Column("value_usd_bn", 10, "general", "Value (USD bn)"),
            Column("as_printed", 16, "wrap", "As printed"),
            *_PROVENANCE)),), "#548235"),
    SheetDesign("Infrastructure", "Infrastructure: checkpoints, corridors, ports, pipelines, "
                "plants", "{{ asset_count }} assets.", (
        Section("assets", "asset", "", (
            Column("name", 28, "wrap"), Column("asset_type", 15, "wrap"),
            Column("status", 12, "wrap"), Column("location", 18, "wrap"),
            Column("as_printed", 16, "wrap", "Capacity or count"),
            *_PROVENANCE)),), "#548235"),
    SheetDesign("People", "People and their roles", "{{ person_count }} people, "
                "{{ role_count }} roles as the articles state them.", (
        Section("people", "person", "People", (
            Column("name", 22, "wrap"), Column("country", 11),
            Column("roles", 40, "wrap"), Column("meetings", 44, "wrap", "Meetings and events"),
            Column("meeting_count", 8, "general", "Events"), *_PROVENANCE)),
        Section("roles", "role", "Roles", (
            Column("person", 22, "wrap"), Column("country", 11),
            Column("title", 40, "wrap"), Column("organisation", 44, "wrap"),
            Column("as_of", 8, "general"), *_PROVENANCE)),
    ), "#7030A0"),
    SheetDesign("Events", "Events and meetings", "{{ event_count }} events, oldest first.", (
        Section("events", "event", "", (
            Column("start", 10, "general", "Date"),
            Column("date_label", 12, "wrap", "As printed"), Column("title", 28, "wrap"),
            Column("event_type", 10), Column("place", 10, "wrap"),
            Column("participants", 20, "wrap"),
            Column("topics", 34, "wrap"), Column("outcomes", 28, "wrap"), *_PROVENANCE)),
    ), "#7030A0"),
    SheetDesign("Cooperation", "Other cooperation", "{{ cooperation_count }} facts: "
                "agreements, education, culture, tourism, e-commerce, joint companies, "
                "standing of partners.", (
        Section("cooperation", "cooperation", "", (
            Column("area", 14, "wrap"), Column("summary", 44, "wrap"),
            Column("as_printed", 16, "wrap", "Figure"), *_PROVENANCE)),
    ), "#BF8F00"),
    SheetDesign("Discrepancies", "Where sources disagree", "{{ discrepancy_count }} figures "
                "reported differently by different sources (same metric, period and "
                "partners). Every figure is kept; spread = (highest - lowest) / lowest.", (
        Section("discrepancies", None, "", (
            Column("group", 7, "general"), Column("kind", 8), Column("metric", 11),
            Column("period", 16, "wrap"), Column("value", 16, "general"),
            Column("as_printed", 17, "wrap", "As printed"),
            Column("spread", 9, "general"), Column("reporter", 22, "wrap"),
            *_PROVENANCE)),
    ), "#C00000"),
    SheetDesign("Sources", "Sources", "{{ source_count }} articles. Every fact's Source "
                "cell links here; the article's text is in the project's articles folder.", (
        Section("sources", None, "", (
            Column("label", 27, "wrap", "Source"), Column("title", 36, "wrap"),
            Column("outlet", 10, "wrap"), Column("attributed_to", 14, "wrap", "Attributed to"),
            Column("date", 10, "general"), Column("date_basis", 9, header="Date basis"),
            Column("date_note", 44, "wrap", "How the date is known"),
            Column("place", 9), Column("url", 16, "wrap", "Link"),
            Column("file", 14, "wrap", header="Article file"),
            Column("fact_count", 7, "general", "Facts"),
            Column("id", 18, "wrap", header="Source ID"))),
    ), "#595959"),
)


def write_starter_template(path: Path) -> None:
    """Write the briefing template (deterministic: a fixed creation date)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "{{ title }}", "author": "reportgen",
                       "created": datetime(2024, 1, 1)})
    fmt = _formats(wb)
    _cover(wb, fmt)
    _summary(wb, fmt)
    for design in SHEETS:
        _data_sheet(wb, fmt, design)
    wb.close()


def _formats(wb) -> dict:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    return {
        "title": wb.add_format({**base, "font_size": 18, "bold": True, "font_color": "#1F4E78"}),
        "subtitle": wb.add_format({**base, "font_size": 11, "italic": True,
                                   "font_color": "#404040"}),
        "h2": wb.add_format({**base, "font_size": 12, "bold": True, "font_color": "#1F4E78"}),
        "intro": wb.add_format({**base, "font_color": "#404040"}),
        "label": wb.add_format({**base, "bold": True}),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "general": wb.add_format({**base, "align": "right", "indent": 1}),
        "number": wb.add_format({**base, "num_format": "#,##0.00", "align": "right",
                                 "indent": 1}),
        "link": wb.add_format({**base, "font_color": "#0563C1", "underline": 1,
                               "text_wrap": True}),
        "mono": wb.add_format({**base, "font_name": "Consolas"}),
    }


def _page_setup(ws, landscape: bool = True, paper: int = 9) -> None:
    """Print-ready: fit to the page's width, A4 (9) or A3 (8) for wide sheets."""
    if landscape:
        ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("&L&8&F&R&8&A")
    ws.set_footer("&L&8reportgen: every figure traceable to its source&R&8Page &P of &N")


def _cover(wb, fmt) -> None:
    ws = wb.add_worksheet("Cover")
    ws.set_tab_color("#1F4E78")
    ws.hide_gridlines(2)
    ws.set_column("A:A", 26)
    ws.set_column("B:B", 90)
    ws.set_row(0, 30)
    ws.write("A1", "{{ title }}", fmt["title"])
    ws.write("A2", "{{ subtitle }}", fmt["subtitle"])
    rows = [
        ("Sources", "{{ source_count }} articles, published {{ sources_from }} to "
                    "{{ sources_to }} (see the Sources sheet)"),
        ("Facts", "{{ fact_count }} curated facts: {{ trade_count }} trade figures, "
                  "{{ growth_count }} growth rates, {{ target_count }} targets, "
                  "{{ project_count }} projects, {{ asset_count }} infrastructure assets, "
                  "{{ person_count }} people with {{ role_count }} roles, "
                  "{{ event_count }} events, {{ cooperation_count }} other cooperation facts"),
        ("Figures cover", "{{ figures_from }} to {{ figures_to }}"),
        ("Sources disagree", "{{ discrepancy_count }} times (see the Discrepancies sheet)"),
        ("Input fingerprint", "{{ fingerprint }}"),
        ("Built with", "reportgen {{ reportgen_version }}"),
    ]
    for i, (label, value) in enumerate(rows, start=4):
        ws.write(f"A{i}", label, fmt["label"])
        ws.write(f"B{i}", value, fmt["wrap"])
        ws.set_row(i - 1, _lines(value, 90) * 13.5 + 1.5)
    ws.write("A11", "How to read this workbook", fmt["h2"])
    guide = [
        ("Source", "Every fact row names its article; click it to jump to the article's "
                   "row on the Sources sheet (outlet, date, title, how the date is known). "
                   "'~' marks a date inferred from the article's content."),
        ("Quote", "The exact words of the article that state the fact. reportgen checked "
                  "that the quote is in the article and that every number is in the quote."),
        ("As printed", "The figure as the article prints it, with its qualifier ('over', "
                       "'about', 'nearly'); Value is the same figure as a real number."),
        ("Period", "The period as printed ('last year'), with the dates it resolves to; "
                   "'How the period was resolved' explains dates the article does not state."),
        ("Fact ID", "The fact's id in the curated YAML files: search the facts folder for it."),
        ("Discrepancies", "Where sources report the same figure differently, both are kept "
                          "and shown side by side; nothing is overwritten."),
        ("Fingerprint", "A hash of every input (articles, facts, template): the same "
                        "fingerprint means the same evidence."),
    ]
    for i, (label, text) in enumerate(guide, start=12):
        ws.write(f"A{i}", label, fmt["label"])
        ws.write(f"B{i}", text, fmt["wrap"])
        ws.set_row(i - 1, _lines(text, 90) * 13.5 + 1.5)
    _page_setup(ws, landscape=False)


def _lines(text: str, width: int) -> int:
    """Lines a text needs in a wrapped column (a filled marker is about as long as itself)."""
    import math

    length = len(text) - text.count("{{") * 4
    return max(1, math.ceil(length / (width * 1.05)))


def _summary(wb, fmt) -> None:
    ws = wb.add_worksheet("Summary")
    ws.set_tab_color("#1F4E78")
    ws.hide_gridlines(2)
    ws.set_row(0, 24)
    ws.write("A1", "Summary", fmt["title"])
    ws.write("A2", "Headline figures in USD billions, newest first; charts from the "
                   "trade and projects sheets.", fmt["intro"])
    widths = {"A": 22, "B": 22, "C": 12, "D": 24, "E": 34, "F": 30}
    for col, width in widths.items():
        ws.set_column(f"{col}:{col}", width)
    ws.write("A3", "Headline figures", fmt["h2"])
    headers = [("Metric", "headlines.metric", "text"), ("Period", "headlines.period", "text"),
               ("USD bn", "headlines.value_usd_bn", "number"),
               ("As printed", "headlines.as_printed", "text"),
               ("Reporter", "headlines.reporter", "wrap"), ("Source", "headlines.source", "link")]
    _table(ws, fmt, 3, 0, "Headlines", headers)
    # trade by year: reporter names sit above the table, so table headers stay constant
    ws.write("A8", "Bilateral trade by year (USD bn), one column per reporter", fmt["h2"])
    ws.write("B9", "{{ reporter_1 }}", fmt["label"])
    ws.write("C9", "{{ reporter_2 }}", fmt["label"])
    _table(ws, fmt, 9, 0, "TradeByYear", [
        ("Year", "trade_by_year.year", "general"),
        ("Reporter 1", "trade_by_year.reporter_1", "number"),
        ("Reporter 2", "trade_by_year.reporter_2", "number")])
    ws.write("A13", "Projects by sector (largest value reported, USD bn)", fmt["h2"])
    _table(ws, fmt, 13, 0, "ProjectsBySector", [
        ("Sector", "projects_by_sector.sector", "text"),
        ("Projects", "projects_by_sector.projects", "general"),
        ("Largest value (USD bn)", "projects_by_sector.largest_value_usd_bn", "number")])

    trade = wb.add_chart({"type": "column"})
    for col in (1, 2):
        trade.add_series({
            "name": ["Summary", 8, col],
            "categories": ["Summary", 10, 0, 10, 0],
            "values": ["Summary", 10, col, 10, col],
            "data_labels": {"value": True, "num_format": "0.0"},
        })
    trade.set_title({"name": "Bilateral trade by year and reporter (USD bn)",
                     "name_font": {"size": 11}})
    trade.set_y_axis({"num_format": "0", "major_gridlines": {"visible": True}})
    trade.set_legend({"position": "bottom"})
    ws.insert_chart("H3", trade, {"x_scale": 1.3, "y_scale": 1.1})

    sectors = wb.add_chart({"type": "bar"})
    sectors.add_series({
        "name": "Largest value (USD bn)",
        "categories": ["Summary", 14, 0, 14, 0],
        "values": ["Summary", 14, 2, 14, 2],
        "data_labels": {"value": True, "num_format": "0.0"},
    })
    sectors.set_title({"name": "Project value by sector (USD bn)", "name_font": {"size": 11}})
    sectors.set_legend({"none": True})
    ws.insert_chart("H21", sectors, {"x_scale": 1.3, "y_scale": 1.1})
    _page_setup(ws)


def _table(ws, fmt, header_row: int, first_col: int, name: str, columns) -> None:
    """An Excel table: a header row and one data row of markers."""
    ws.add_table(header_row, first_col, header_row + 1, first_col + len(columns) - 1, {
        "name": name,
        "style": "Table Style Light 9",
        "columns": [{"header": h, "format": fmt[style]} for h, _, style in columns],
        "data": [[f"{{{{ {marker} }}}}" for _, marker, _ in columns]],
    })


def _data_sheet(wb, fmt, design: SheetDesign) -> None:
    ws = wb.add_worksheet(design.name)
    ws.set_tab_color(design.tab_color)
    ws.write("A1", design.title, fmt["title"])
    ws.write("A2", design.intro, fmt["intro"])
    row = 3
    first_header = None
    widths: dict[int, float] = {}
    for section in design.sections:
        columns = section.columns
        if section.heading:
            ws.write(row, 0, section.heading, fmt["h2"])
            row += 1
        header = [(_heading(section.kind, c), f"{section.collection}.{c.field}", c.style)
                  for c in columns]
        name = "".join(w.capitalize() for w in section.collection.split("_"))
        _table(ws, fmt, row, 0, name, header)
        if first_header is None:
            first_header = row
        for i, c in enumerate(columns):
            widths[i] = max(widths.get(i, 0), c.width)
        row += 4
    for i, width in widths.items():
        ws.set_column(i, i, width)
    ws.set_row(0, 24)
    ws.freeze_panes(first_header + 1, 1)
    ws.repeat_rows(first_header)
    _page_setup(ws, paper=8 if sum(widths.values()) > 150 else 9)
