"""The starter template: the briefing workbook's design, written with XlsxWriter.

``templates/briefing.xlsx`` is made by :func:`write_starter_template` (run
``python -m reportgen.briefing.starter`` to regenerate it), and ``reportgen init``
writes the same file into a new project. Staff restyle the .xlsx in Excel from there;
this code is only the starting point. It names no topic: every word about the
subject (title, metric labels, reporters) arrives through markers.

The Summary comes first and the workbook opens on it: the first page an official reads
says what the trade is, how fast it grows, what is promised and where sources
disagree. What changed since the previous edition follows (the first question of a
reader who had it; hidden when the build compared with no previous edition), then About
(what the briefing rests on, how to read it), then the data sheets it explains.

Every sheet prints on A4 landscape, fitted to the page width, with the table's
heading repeated on each page (one table per sheet, so the repeated heading is always
the right one) and "page X of Y" in the footer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..evidence import schema as s
from .changes import NO_ROW

A4 = 9
DATE_WIDTH = 11  # '~2023-09-30' and its indent: narrower shows ### for a day's date
FONT = "Calibri"


@dataclass(frozen=True)
class Column:
    field: str
    width: float
    style: str = "wrap"  # text, wrap, link, quote, number, date, small
    header: str = ""
    #: an analyst's column: in the outline group the sheet opens (and prints) with
    #: collapsed, so paper shows the reading columns; + above the letters shows it
    analyst: bool = False
    #: a field many records leave empty: the column is hidden (defined name
    #: if.<collection>.<field>) when no record has it
    optional: bool = False


def analyst(*columns: Column) -> tuple[Column, ...]:
    return tuple(replace(c, analyst=True) for c in columns)


def optional(column: Column) -> Column:
    return replace(column, optional=True)


def _heading(kind: str | None, column: Column) -> str:
    if column.header:
        return column.header
    if kind:
        spec = s.KINDS[kind].field(column.field)
        if spec is not None:
            return spec.heading
    return column.field.replace("_", " ").capitalize()


#: what a reader checks a fact against, on paper: its article, its words, its paragraph
_EVIDENCE = (
    Column("source", 23, "link", "Source"),
    Column("quote", 32, "wrap", "Quote (the article's exact words)"),
    Column("quote_link", 5, "link", "Read"),
    optional(Column("quote_en", 30, "small", "In English (translation)")),
    optional(Column("note", 28, "wrap", "Analyst's note")),
)
_FACT_ID = Column("id", 24, "small", "Fact ID")
#: the period in words and as printed, so a resolved 'last year' reads as one on paper
_PERIOD = (
    Column("period", 11, "wrap", "Period"),
    Column("period_label_shown", 11, "wrap", "As printed"),
)
#: how the words became dates: the analyst's, behind the + beside As printed
_PERIOD_DETAIL = analyst(
    Column("period_start", 9, "date", "From"),
    Column("period_end", 9, "date", "To"),
    optional(Column("resolved_by", 40, "small", "How the period was resolved")),
)
_EXACT = analyst(Column("exact", 14, "number", "Exact"),
                 Column("exact_unit", 8, "text", "Exact unit"))
_PLACE = (  # one route, checkpoint or asset: rare, so each hides when no figure has it
    optional(Column("route", 11, "wrap", "Route")),
    optional(Column("checkpoint", 11, "wrap", "Checkpoint")),
    optional(Column("asset", 14, "link", "Asset")),
)
_ATTRIBUTION_DETAIL = analyst(
    optional(Column("speaker", 14)),
    optional(Column("related", 36, "small", "Linked figures")),
    _FACT_ID,
)


@dataclass(frozen=True)
class SheetDesign:
    name: str
    title: str
    intro: str
    collection: str
    kind: str | None
    columns: tuple[Column, ...]
    tab_color: str = "#1F4E78"
    intro_lines: int = 1  #: lines the introduction needs once its markers are filled


#: what changed since the previous edition (build --since OLD.xlsx), after the Summary: the
#: first question of a reader who had the last edition. Without --since the sheet is
#: hidden (if.previous_edition), not removed, so it prints only when there was a
#: comparison (even one that found nothing changed)
CHANGES_SHEET = SheetDesign(
    "What changed", "What changed since the previous edition", "{{ changes_intro }}",
    "changes", None, (
        Column("change", 12, "wrap", "Change"), Column("kind", 13, "wrap", "Kind"),
        Column("fact", 40, "wrap", "Fact"),
        Column("what_changed", 58, "wrap", "What changed (before \u2192 after)"),
        Column("link", 16, "small", "Row in this edition"),
        Column("id", 22, "small", "Fact ID")), "#C55A11", intro_lines=2)

SHEETS: tuple[SheetDesign, ...] = (
    SheetDesign("Trade", "Trade figures", "{{ trade_words }}, newest period first "
                "(by the last day covered). Value is in the unit beside it; As printed is "
                "the article's words for the period. The + above the column letters shows "
                "the analyst's columns: dates, how the period was resolved, the exact "
                "figure, speaker, linked figures, fact ID.", "trade", "trade", (
        Column("label", 14, "wrap", "Figure"), *_PERIOD, *_PERIOD_DETAIL,
        Column("value", 8, "number", "Value"), Column("unit", 7, "text", "Unit"),
        optional(Column("qualifier", 8, "text", "Qualifier")), *_EXACT,
        Column("reporter", 14), Column("partners", 12),
        optional(Column("flow", 12, "wrap", "Flow")),
        optional(Column("share_of", 12, "wrap", "Share of")), *_PLACE,
        *_EVIDENCE, *_ATTRIBUTION_DETAIL)),
    SheetDesign("Growth", "Growth rates", "{{ growth_words }}, newest period "
                "first. 'Of' is the figure the rate describes (click: its Trade row); an "
                "absolute change shows its unit ('1 Mt'). The + above the column letters "
                "shows the analyst's columns.", "growth", "growth", (
        Column("label", 14, "wrap", "Figure"), *_PERIOD, *_PERIOD_DETAIL,
        Column("value", 8, "number", "Change"), optional(Column("compared_to", 12)),
        optional(Column("of", 16, "link", "Of")), Column("reporter", 14),
        Column("partners", 12), optional(Column("flow", 12, "wrap", "Flow")), *_PLACE,
        *_EVIDENCE, *_ATTRIBUTION_DETAIL), "#2E75B6"),
    SheetDesign("Targets", "Targets and forecasts", "{{ target_words }}, by deadline "
                "(those without one last). Basis: an official target, a plan, a forecast or "
                "a projection.", "targets", "target", (
        Column("label", 16, "wrap", "Figure"), Column("basis", 11, "wrap", "Basis"),
        optional(Column("deadline", 9, "date")),
        optional(Column("deadline_label", 10, "wrap", "As printed")),
        Column("value", 9, "number", "Target"), Column("unit", 7, "text", "Unit"),
        optional(Column("qualifier", 8, "text", "Qualifier")), *_EXACT,
        Column("reporter", 16), Column("partners", 12),
        *_EVIDENCE, *_ATTRIBUTION_DETAIL), "#2E75B6"),
    SheetDesign("Projects", "Investment projects", "{{ project_words }}, by "
                "sector. Portfolio figures from different articles may "
                "describe the same list: they are not added up (see the notes).",
                "projects", "project", (
        Column("name", 20), Column("scope", 9, "text"), Column("sector", 12),
        optional(Column("status", 13)), optional(Column("location", 11)),
        optional(Column("as_of", 9, "date")), optional(Column("count", 7, "number")),
        optional(Column("count_unit", 8, "text", "Counted")),
        optional(Column("value", 8, "number", "Value")),
        optional(Column("unit", 7, "text", "Unit")),
        optional(Column("qualifier", 8, "text", "Qualifier")),
        *analyst(optional(Column("as_printed", 22, "wrap", "Value as printed")),
                 optional(Column("exact", 14, "number", "Exact"))),
        *_EVIDENCE, *analyst(_FACT_ID)), "#548235"),
    SheetDesign("Infrastructure", "Infrastructure", "{{ asset_words }}, by type and "
                "name.", "assets", "asset", (
        Column("name", 24), Column("asset_type", 13), optional(Column("status", 13)),
        optional(Column("location", 16)), optional(Column("capacity", 8, "number")),
        optional(Column("capacity_unit", 7, "text", "Unit")),
        optional(Column("count", 7, "number")),
        optional(Column("count_unit", 14, "wrap", "Counted")),
        *_EVIDENCE, *analyst(_FACT_ID)), "#548235"),
    SheetDesign("People", "People", "{{ person_words }}, with their roles and the "
                "events they took part in.", "people", "person", (
        Column("name", 20), Column("country", 11), optional(Column("roles", 36)),
        optional(Column("meetings", 40, "wrap", "Meetings and events")),
        Column("meeting_count", 7, "number", "Events"), *_EVIDENCE,
        *analyst(optional(Column("also_printed_as", 20, "wrap", "Also printed as")),
                 _FACT_ID)), "#7030A0"),
    SheetDesign("Roles", "Roles", "{{ role_words }} as the articles state them, by "
                "person and date.", "roles", "role", (
        Column("person", 20), Column("title", 26), optional(Column("organisation", 26)),
        Column("country", 11), optional(Column("as_of", 9, "date")), *_EVIDENCE,
        *analyst(_FACT_ID)), "#7030A0"),
    SheetDesign("Events", "Events and meetings", "{{ event_words }}, oldest first. "
                "When is the date in words, As printed the article's own.",
                "events", "event", (
        Column("when", 12, "wrap", "When"),
        optional(Column("date_label", 11, "wrap", "As printed")),
        *analyst(Column("start", 9, "date", "Date"), optional(Column("end", 9, "date", "To")),
                 Column("event_type", 10, "text")),
        Column("title", 24), optional(Column("place", 10)),
        optional(Column("participants", 16)), optional(Column("topics", 24)),
        optional(Column("outcomes", 20)), *_EVIDENCE,
        *analyst(optional(Column("other_participants", 24, "wrap", "Other participants")),
                 _FACT_ID)), "#7030A0"),
    SheetDesign("Ranks", "Ranks", "{{ rank_words }}, by subject, measure and field, "
                "oldest first, so a change of rank shows: 'Before' is the previous rank in "
                "the same series. Position 1 is the largest.", "ranks", "rank", (
        Column("subject", 11, "wrap", "Subject"), Column("label", 14, "wrap", "Ranked by"),
        Column("among", 18, "wrap", "Among"), Column("position", 9, "number", "Position"),
        Column("as_printed", 16, "wrap", "As printed"),
        *analyst(optional(Column("qualifier", 12, "wrap", "Meant as"))),
        Column("holds_on", 9, "date", "Holds on"),
        optional(Column("above", 10, "wrap", "Above")),
        optional(Column("before", 16, "wrap", "Before")),
        Column("reporter", 14), *_EVIDENCE, *_ATTRIBUTION_DETAIL), "#BF8F00"),
    SheetDesign("Cooperation", "Other cooperation", "{{ cooperation_words }}, by "
                "area. Counts are numbers with what they count.", "cooperation",
                "cooperation", (
        Column("area", 12), Column("summary", 40), optional(Column("as_of", 9, "date")),
        optional(Column("value", 12, "number", "Value")),
        optional(Column("unit", 13, "wrap", "Unit")),
        optional(Column("qualifier", 8, "text", "Qualifier")),
        *analyst(optional(Column("as_printed", 20, "wrap", "Value as printed")),
                 optional(Column("parties", 24, "wrap", "Parties"))),
        *_EVIDENCE, *analyst(_FACT_ID)), "#BF8F00"),
    SheetDesign("Discrepancies", "Where sources disagree", "{{ discrepancy_words }}: "
                "the same figure, period and partners given differently by different "
                "reporters (or twice by one), each side by side, lowest first. Every figure "
                "is kept; nothing is averaged.", "discrepancies", None, (
        Column("id", 5, "text", "Ref"), Column("figure", 13, "wrap", "Figure"),
        Column("period", 9, "wrap", "Period"), Column("partners", 10, "wrap", "Partners"),
        Column("reporter_1", 13, "wrap", "Reporter A"), Column("value_1", 9, "number", "A says"),
        Column("as_printed_1", 16, "wrap", "As printed (A)"),
        Column("source_1", 23, "link", "Source (A)"),
        Column("reporter_2", 13, "wrap", "Reporter B"), Column("value_2", 9, "number", "B says"),
        Column("as_printed_2", 16, "wrap", "As printed (B)"),
        Column("source_2", 23, "link", "Source (B)"),
        optional(Column("gap", 9, "number", "Gap")),
        optional(Column("gap_pp", 9, "number", "Gap (points)")),
        optional(Column("others", 14, "wrap", "Other reporters")),
        optional(Column("notes", 26, "small", "Analysts' notes"))), "#C00000"),
    SheetDesign("Sources", "Sources", "{{ source_words }}, oldest first. Every "
                "fact's Source cell links here; 'Read' opens the article's text on the "
                "Articles sheet.", "sources", None, (
        Column("label", 18, "wrap", "Source"), Column("title", 30),
        optional(Column("outlet", 10, "wrap")),
        optional(Column("attributed_to", 14, "wrap", "Attributed to")),
        Column("date", 9, "date"), Column("date_basis", 8, "text", "Date is"),
        optional(Column("date_note", 38, "small", "How the date is known")),
        optional(Column("place", 9, "wrap")),
        optional(Column("url", 18, "link", "Published at")),
        Column("article", 6, "link", "Read"), Column("fact_count", 6, "number", "Facts"),
        *analyst(Column("text", 8, "wrap", "Text kept"),
                 Column("id", 24, "small", "Source ID"))), "#595959"),
    SheetDesign("Articles", "The articles", "{{ paragraph_words }} of "
                "{{ source_words }}, oldest article first: the evidence every "
                "quote was checked against. A fact's quote links to its paragraph here.",
                "paragraphs", None, (
        Column("source", 27, "link", "Source"), Column("paragraph", 6, "number", "Para."),
        Column("text", 110, "wrap", "Text"),
        Column("fact_count", 7, "number", "Facts quoting")), "#595959"),
)

ABOUT_ROWS = (
    ("Sources", "{{ source_words }}, published {{ sources_from }} to "
                "{{ sources_to }} (see Sources; each article's text is on Articles)"),
    ("Facts", "{{ fact_words }}: {{ fact_breakdown }}"),
    # shown only when a list is longer than a sheet holds (defined name if.continuations)
    ("Continued", "{{ continuations }} (a sheet holds at most 1,048,576 rows)"),
    ("Figures cover", "{{ figures_from }} to {{ figures_to }}"),
    ("Headline metrics", "{{ headline_metrics }}"),
    ("Sources disagree", "{{ discrepancy_words }} (see Discrepancies)"),
    ("What changed", "{{ changes_line }}"),
    ("Input fingerprint", "{{ fingerprint }}"),
    ("Built with", "reportgen {{ reportgen_version }}"),
)

#: lines an About row needs once filled, where the markers stand for long text
ABOUT_LINES = {"Facts": 2, "What changed": 2}

ABOUT_GUIDE = (
    ("More columns", "Each data sheet opens and prints with the columns a reader needs. "
                     "The analyst's columns (the dates a period covers and how it was "
                     "resolved, the exact figure, the speaker, linked figures, the fact's "
                     "ID) are behind the + above the column letters; the 2 at the top left "
                     "opens them all. A column no fact fills is hidden."),
    ("Source", "Every fact row names its article; click it to jump to the article's row "
               "on Sources (outlet, date, title, how the date is known). '~' before a date "
               "marks one inferred or approximate."),
    ("Quote, Read", "The exact words of the article that state the fact: reportgen checked "
                    "that the quote is in the article and every number is in the quote. "
                    "Read (¶ 3) opens the paragraph it comes from on Articles. For an "
                    "article in another language, In English is the analyst's translation: "
                    "the original is the evidence, and only it is checked."),
    ("Value, Unit, Exact", "The figure in readable units ($31.5 bn is Value 31.5, Unit "
                           "USD bn) and in full (Exact, behind the +); Qualifier keeps "
                           "'over', 'about', 'nearly' as printed."),
    ("Period", "The dates a figure covers, in words; As printed is the article's own "
               "words ('last year'), so a period the article does not state reads as one. "
               "Behind the +: From, To and How the period was resolved."),
    ("Discrepancies", "Where reporters give the same figure differently, each is kept and "
                      "shown side by side with the gap between them."),
    ("Fact ID", "The fact's id in the curated files (behind the +): search the facts "
                "folder for it."),
    ("Fingerprint", "A hash of every input (articles, facts, template): the same "
                    "fingerprint means the same evidence."),
)


def write_starter_template(path: Path) -> None:
    """Write the briefing template (deterministic: a fixed creation date)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "", "author": "reportgen", "created": datetime(2024, 1, 1)})
    fmt = _formats(wb)
    _summary(wb, fmt)
    changes = _data_sheet(wb, fmt, CHANGES_SHEET)
    wb.define_name("if.previous_edition", f"={_quoted(CHANGES_SHEET.name)}!$1:$1048576")
    # the link column reads as a note; a link, as a link: a change with no row to open (a
    # removed fact) is not underlined (a conditional format cannot take an underline off)
    link = [c.field for c in CHANGES_SHEET.columns].index("link")
    changes.conditional_format(4, link, 4, link, {
        "type": "text", "criteria": "not containing", "value": NO_ROW,
        "format": fmt["link_rule"]})
    _about(wb, fmt)
    for design in SHEETS:
        _data_sheet(wb, fmt, design)
    wb.close()


def _formats(wb) -> dict:
    base = {"font_name": FONT, "font_size": 10, "valign": "top"}
    small = {**base, "font_size": 9, "text_wrap": True, "font_color": "#404040"}
    number = {**base, "align": "right", "indent": 1}
    head = {**base, "bold": True, "text_wrap": True, "font_color": "#FFFFFF",
            "bg_color": "#1F4E78", "valign": "bottom"}
    return {
        "title": wb.add_format({**base, "font_size": 18, "bold": True, "font_color": "#1F4E78",
                                "valign": "vcenter"}),
        "subtitle": wb.add_format({**base, "font_size": 11, "italic": True,
                                   "font_color": "#404040"}),
        "h2": wb.add_format({**base, "font_size": 12, "bold": True, "font_color": "#1F4E78",
                             "valign": "bottom"}),
        "intro": wb.add_format({**base, "font_color": "#404040", "text_wrap": True}),
        "note": wb.add_format({**base, "font_size": 9, "italic": True,
                               "font_color": "#595959"}),
        "label": wb.add_format({**base, "bold": True}),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "change": wb.add_format({**base, "text_wrap": True, "indent": 1}),
        "finding": wb.add_format({**base, "font_size": 11, "text_wrap": True}),
        "small": wb.add_format(small),
        "number": wb.add_format(number),
        "date": wb.add_format(number),
        # links do not wrap: LibreOffice shows a link cell on one line
        "link": wb.add_format({**base, "font_size": 9, "font_color": "#0563C1",
                               "underline": 1}),
        "link_rule": wb.add_format({"font_color": "#0563C1", "underline": 1}),
        "head": wb.add_format(head),
        "head_right": wb.add_format({**head, "align": "right", "indent": 1}),
        "head_line": wb.add_format({**base, "bold": True, "text_wrap": True, "align": "right",
                                    "indent": 1, "valign": "bottom", "bottom": 1}),
    }


def _page_setup(ws, repeat_row: int | None = None) -> None:
    """Print-ready: A4 landscape, fitted to the page width, the sheet and page in the
    footer; ``repeat_row`` (0-based) is printed at the top of every page."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&8&A&R&8page &P of &N")
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)


def _lines(text: str, width: float) -> int:
    """Lines a text needs in a wrapped column (a filled marker is about as long as itself)."""
    length = len(text) - text.count("{{") * 4
    return max(1, math.ceil(length / (width * 1.1)))


def _about(wb, fmt) -> None:
    """What the briefing rests on and how to read it: after the Summary, which is the
    first page an official reads, and before the data sheets it explains."""
    ws = wb.add_worksheet("About")
    ws.set_tab_color("#1F4E78")
    ws.hide_gridlines(2)
    ws.set_column("A:A", 22)
    ws.set_column("B:B", 110)
    ws.set_row(0, 30)
    ws.write("A1", "About this briefing", fmt["title"])
    ws.write("A2", "{{ title }}", fmt["subtitle"])
    ws.write("A3", "{{ subtitle }}", fmt["subtitle"])
    wb.define_name("if.subtitle", "=About!$3:$3")
    row = 4
    for label, value in ABOUT_ROWS:
        ws.write(row, 0, label, fmt["label"])
        ws.write(row, 1, value, fmt["wrap"])
        lines = max(_lines(value, 110), ABOUT_LINES.get(label, 1))
        ws.set_row(row, lines * 13.5 + 2)
        if "{{ continuations }}" in value:  # hidden when no sheet continues
            wb.define_name("if.continuations", f"={ws.name}!${row + 1}:${row + 1}")
        row += 1
    row += 1
    ws.set_row(row, 22)
    ws.write(row, 0, "How to read this workbook", fmt["h2"])
    row += 1
    for label, text in ABOUT_GUIDE:
        ws.write(row, 0, label, fmt["label"])
        ws.write(row, 1, text, fmt["wrap"])
        ws.set_row(row, _lines(text, 110) * 13.5 + 2)
        row += 1
    _page_setup(ws)


def _table(ws, fmt, header_row: int, first_col: int, name: str, columns, kind=None) -> None:
    """An Excel table: a header row and one data row of markers."""
    ws.add_table(header_row, first_col, header_row + 1, first_col + len(columns) - 1, {
        "name": name,
        "style": "Table Style Light 9",
        "columns": [{"header": h, "format": fmt[style],
                     "header_format": fmt["head_right" if style in ("number", "date")
                                          else "head"]}
                    for h, _, style in columns],
        "data": [[f"{{{{ {marker} }}}}" for _, marker, _ in columns]],
    })
    ws.set_row(header_row, 27)


def _summary(wb, fmt) -> None:
    ws = wb.add_worksheet("Summary")
    ws.activate()  # the first sheet, and the one the workbook opens on
    ws.set_tab_color("#1F4E78")
    ws.hide_gridlines(2)
    widths = (10, 24, 16, 10, 11, 24, 26, 9, 27)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.set_row(0, 30)
    ws.write(0, 0, "{{ title }}", fmt["title"])
    ws.merge_range(1, 0, 1, 8, "Summary of {{ source_words }} published {{ sources_from }} "
                   "to {{ sources_to }}. Every sentence and figure links to its source; the "
                   "sheets that follow hold every fact.", fmt["intro"])
    ws.set_row(3, 22)
    ws.write(3, 0, "Key findings", fmt["h2"])
    ws.write(4, 0, "#", fmt["head_right"])
    ws.merge_range(4, 1, 4, 7, "Finding", fmt["head"])
    ws.write(4, 8, "Source", fmt["head"])
    ws.write(5, 0, "{{ findings.number }}", fmt["number"])
    ws.merge_range(5, 1, 5, 7, "{{ findings.finding }}", fmt["finding"])
    ws.write(5, 8, "{{ findings.link }}", fmt["link"])
    ws.set_row(5, 30)

    ws.set_row(7, 22)
    ws.write(7, 0, "Headline figures", fmt["h2"])
    ws.write(8, 0, "Annual and part-year figures, cumulative totals and targets of "
                   "{{ headline_metrics }}; newest first within each group.", fmt["note"])
    _table(ws, fmt, 9, 0, "Headlines", [
        ("Group", "headlines.group", "text"), ("Figure", "headlines.label", "wrap"),
        ("Period", "headlines.period", "wrap"), ("Qualifier", "headlines.qualifier", "number"),
        ("Value", "headlines.value", "number"), ("Change", "headlines.change", "change"),
        ("Reporter", "headlines.reporter", "wrap"),
        ("Disputed", "headlines.disputed", "link"), ("Source", "headlines.source", "link")])

    # the chart's data: a plain range, so its headings can be the reporters' names;
    # the chart stands beside it, under the same heading (LibreOffice does not show a
    # chart title taken from a cell, so the heading is the title)
    ws.set_row(12, 22)
    ws.set_h_pagebreaks([12])  # the chart starts a page; the break moves with the rows
    ws.write(12, 0, "{{ by_year_title }}", fmt["h2"])
    ws.write(13, 0, "Full calendar years only, as each reporter gives them; where "
                    "reporters differ, see Discrepancies. Source: the Trade sheet.", fmt["note"])
    ws.write(14, 0, "Year", fmt["head_right"])
    ws.write(14, 1, "{{ reporter_1 }}", fmt["head_right"])
    ws.write(14, 2, "{{ reporter_2 }}", fmt["head_right"])
    ws.set_row(14, 40)
    ws.write(15, 0, "{{ by_year.year }}", fmt["number"])
    ws.write(15, 1, "{{ by_year.reporter_1 }}", fmt["number"])
    ws.write(15, 2, "{{ by_year.reporter_2 }}", fmt["number"])

    chart = wb.add_chart({"type": "column"})
    for col in (1, 2):
        chart.add_series({
            "name": ["Summary", 14, col],
            "categories": ["Summary", 15, 0, 15, 0],
            "values": ["Summary", 15, col, 15, col],
            "data_labels": {"value": True, "num_format": "#,##0.0#"},
            "gap": 80,
        })
    chart.set_title({"none": True})
    chart.set_y_axis({"num_format": "#,##0", "min": 0,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_format": "0"})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(14, 4, chart, {"x_scale": 1.25, "y_scale": 0.95, "x_offset": 8})

    # the next headline metric with two years or more, below; its chart under its data
    # (a chart with no data is left out by the engine, so no empty frame is printed, and
    # with no such metric its heading and the table's header row are hidden too)
    wb.define_name("if.by_year_next_reporter", "=Summary!$18:$19")
    ws.set_row(17, 22)
    ws.write(17, 0, "{{ by_year_next_title }}", fmt["h2"])
    ws.write(18, 0, "Year", fmt["head_line"])
    ws.write(18, 1, "{{ by_year_next_reporter }}", fmt["head_line"])
    ws.set_row(18, 27)
    ws.write(19, 0, "{{ by_year_next.year }}", fmt["number"])
    ws.write(19, 1, "{{ by_year_next.value }}", fmt["number"])
    following = wb.add_chart({"type": "column"})
    following.add_series({
        "name": ["Summary", 18, 1],
        "categories": ["Summary", 19, 0, 19, 0],
        "values": ["Summary", 19, 1, 19, 1],
        "data_labels": {"value": True, "num_format": "#,##0.0#"},
        "gap": 80,
        "fill": {"color": "#548235"},
    })
    following.set_title({"none": True})
    following.set_y_axis({"num_format": "#,##0", "min": 0,
                          "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    following.set_legend({"position": "bottom"})
    ws.insert_chart(20, 0, following, {"x_scale": 0.95, "y_scale": 0.8, "y_offset": 6})
    _page_setup(ws)


def _data_sheet(wb, fmt, design: SheetDesign):
    from xlsxwriter.utility import xl_col_to_name

    ws = wb.add_worksheet(design.name)
    ws.set_tab_color(design.tab_color)
    ws.set_row(0, 26)
    ws.write(0, 0, design.title, fmt["title"])
    last, width = _intro_span(design.columns)
    ws.merge_range(1, 0, 1, last, design.intro, fmt["intro"])
    ws.set_row(1, max(_lines(design.intro, width), design.intro_lines) * 13.5 + 2)
    header = [(_heading(design.kind, c), f"{design.collection}.{c.field}", c.style)
              for c in design.columns]
    name = "".join(w.capitalize() for w in design.collection.split("_"))
    _table(ws, fmt, 3, 0, name, header)
    for i, c in enumerate(design.columns):
        options = {"level": 1, "hidden": True} if c.analyst else {}
        if i and design.columns[i - 1].analyst and not c.analyst:
            options["collapsed"] = True  # the + that shows the group before it
        ws.set_column(i, i, max(c.width, DATE_WIDTH) if c.style == "date" else c.width,
                      None, options)
        if c.optional:
            letter = xl_col_to_name(i)
            wb.define_name(f"if.{design.collection}.{c.field}",
                           f"={_quoted(design.name)}!${letter}:${letter}")
    if design.columns[-1].analyst:
        after = len(design.columns)
        ws.set_column(after, after, None, None, {"collapsed": True})
    ws.freeze_panes(4, 1)
    _page_setup(ws, repeat_row=3)
    return ws


def _quoted(sheet: str) -> str:
    """A sheet name as a reference writes it: quoted unless it is one word."""
    return sheet if sheet.isalnum() else f"'{sheet}'"


def _intro_span(columns: tuple[Column, ...]) -> tuple[int, float]:
    """The last column of the intro's merged cell and the width it surely shows: the
    intro spans columns until those always printed (neither an analyst's nor optional)
    are about 110 characters wide, so it wraps the same whatever is hidden."""
    shown = 0.0
    for i, c in enumerate(columns):
        if not (c.analyst or c.optional):
            shown += c.width
        if shown >= 110:
            return i, shown
    return len(columns) - 1, shown


if __name__ == "__main__":  # python -m reportgen.briefing.starter [path]
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "templates/briefing.xlsx")
    write_starter_template(target)
    print(f"wrote {target}")
