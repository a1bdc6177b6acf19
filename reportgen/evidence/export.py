"""``reportgen export``: every checked fact as one typed row, for pandas, DuckDB or a sheet.

The columns are declared once (:data:`COLUMNS`, each with its type and meaning); CSV,
JSON Lines and Parquet are three encodings of the same rows. Numbers are the normalised
values the workbook shows (``31.5 billion`` is 31500000000); dates are resolved to days
(a period ``2023`` is 2023-01-01 .. 2023-12-31). Parquet needs the optional extra
``reportgen[parquet]`` (pyarrow), imported only when asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import UsageError
from . import schema as s
from .corpus import Corpus
from .discrepancies import Discrepancy, find_discrepancies
from .quantity import bound, normalised, printed_once
from .validate import Record
from .values import PartialDate

FORMATS = ("csv", "jsonl", "parquet")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text, number, date, list (of text), integer
    doc: str


#: The export's columns, in order. docs/export.md lists them with these words.
COLUMNS: tuple[Column, ...] = (
    Column("id", "text", "The fact's id."),
    Column("kind", "text", "The fact kind: " + ", ".join(s.KINDS) + "."),
    Column("label", "text", "What the fact is about: a figure's metric, a project's, "
           "asset's or person's name, a role's or event's title, a cooperation summary."),
    Column("value", "number", "The fact's figure, normalised: 31.5 billion is 31500000000; a "
           "percent stays in points (30 for 30 %), N times is N. The first of value, count "
           "and capacity the fact has."),
    Column("value_field", "text", "Which field value comes from: value, count or capacity."),
    Column("amount", "number", "The number as printed (31.5)."),
    Column("scale", "text", "The printed scale word: thousand, million, billion, trillion."),
    Column("unit", "text", "What is counted: USD, percent, times, tons, projects, ..."),
    Column("qualifier", "text", "The printed qualifier: about, over, nearly, ..."),
    Column("bound", "text", "What the qualifier says of the true value: exact, above, "
           "approximately, just below, ..."),
    Column("as_printed", "text", "The figure rebuilt as printed: 'over 14.5 billion USD'."),
    Column("count", "number", "A portfolio's or group's count, when the fact also has a value."),
    Column("period_label", "text", "The period or date as printed: 'last year', 'by 2030'."),
    Column("start", "date", "First day the fact covers: a figure's period, an event's first "
           "day, a role's or project's as_of."),
    Column("end", "date", "Last day it covers: a figure's period end, an event's last day, a "
           "target's deadline."),
    Column("resolved_by", "text", "How the period label was resolved to dates."),
    Column("reporter", "text", "Who the figure is attributed to."),
    Column("speaker", "text", "The person id who states it."),
    Column("partners", "list", "The economies, parties or participants involved."),
    Column("origin", "text", "For a one-way flow: where it comes from."),
    Column("destination", "text", "For a one-way flow: where it goes."),
    Column("status", "text", "A project's or asset's status."),
    Column("discrepancy", "text", "For a figure other sources report differently: the "
           "figures compared ('trade turnover 2022-01-01..2022-12-31 (China, "
           "Kazakhstan)'); empty otherwise."),
    Column("source", "text", "The source id (an article in the sources file)."),
    Column("source_date", "date", "The article's date (its first day when partial)."),
    Column("outlet", "text", "The article's outlet or whom it is attributed to."),
    Column("quote", "text", "The exact words of the article that state the fact."),
    Column("note", "text", "The analyst's note."),
    Column("fact_file", "text", "The fact file the fact is written in."),
)

_LABEL_FIELDS = ("metric", "name", "title", "summary")
_LIST_FIELDS = ("partners", "participants", "parties")


def fact_row(fact: Record, sources: dict[str, Record],
             disputed: dict[str, str] | None = None) -> dict[str, Any]:
    """One fact as a row of :data:`COLUMNS` (typed: Decimal, date, list, str or None);
    ``disputed`` maps the ids of figures in a discrepancy to its label."""
    get = fact.data.get
    value_field = quantity = None
    for name in s.QUANTITY_FIELDS:
        found = get(name)
        if found:
            value_field, quantity = name, found
            break
    count = get("count") if value_field not in (None, "count") else None
    period = get("period") or {}
    start = period.get("start") or get("start") or get("as_of")
    end = period.get("end") or get("end") or get("deadline") or start
    source = sources.get(get("source", ""))
    label = partners = None
    for name in _LABEL_FIELDS:
        label = get(name)
        if label:
            break
    for name in _LIST_FIELDS:
        partners = get(name)
        if partners:
            break
    if quantity:
        qget = quantity.get
        amount, scale, unit, qualifier = quantity["amount"], qget("scale"), qget("unit"), \
            qget("qualifier")
        value, bounds, printed = normalised(quantity), bound(quantity), \
            printed_once(amount, scale, unit, qualifier)
    else:
        amount = scale = unit = qualifier = value = bounds = printed = None
    return {
        "id": get("id", ""),
        "kind": get("kind", ""),
        "label": label or None,
        "value": value,
        "value_field": value_field,
        "amount": amount,
        "scale": scale,
        "unit": unit,
        "qualifier": qualifier,
        "bound": bounds,
        "as_printed": printed,
        "count": normalised(count) if count else None,
        "period_label": period.get("label") or get("deadline_label") or get("date_label"),
        "start": start.first_day() if start is not None else None,
        "end": end.last_day() if end is not None else None,
        "resolved_by": period.get("resolved_by"),
        "reporter": get("reporter"),
        "speaker": get("speaker"),
        "partners": list(partners) if partners else None,
        "origin": get("origin"),
        "destination": get("destination"),
        "status": get("status"),
        "discrepancy": disputed.get(get("id", "")) if disputed else None,
        "source": get("source"),
        "source_date": _first_day(source.get("date")) if source else None,
        "outlet": (source.get("outlet") or source.get("attributed_to")) if source else None,
        "quote": get("quote"),
        "note": get("note"),
        "fact_file": fact.file,
    }


def _first_day(value: PartialDate | None) -> date | None:
    return value.first_day() if value is not None else None


def _last_day(value: PartialDate | None) -> date | None:
    return value.last_day() if value is not None else None


def fact_rows(corpus: Corpus) -> list[dict[str, Any]]:
    """Every fact of a checked corpus, sorted by id (the same order every run)."""
    return list(iter_fact_rows(corpus))


def iter_fact_rows(corpus: Corpus, discrepancies: list[Discrepancy] | None = None
                   ) -> Iterator[dict[str, Any]]:
    """:func:`fact_rows` one at a time, so 100,000 facts never sit in memory as rows;
    ``discrepancies``: those of ``corpus.facts``, when the caller has found them."""
    disputed = {}
    if discrepancies is None:
        discrepancies = find_discrepancies(corpus.facts)
    for group in discrepancies:
        first = fact_row(group.facts[0], corpus.sources)
        when = f"{first['start']}..{first['end']}" if first["start"] else f"by {first['end']}"
        partners = ", ".join(sorted(group.facts[0].get("partners") or ()))
        label = f"{group.facts[0].kind} {group.metric} {when}" + \
            (f" ({partners})" if partners else "")
        disputed.update((f.id, label) for f in group.facts)
    for fact in sorted(corpus.facts, key=lambda f: f.id):
        yield fact_row(fact, corpus.sources, disputed)


# ----------------------------------------------------------------------------- encodings


def _plain(value: Any) -> Any:
    """A JSON value: Decimal as an int or float, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_default(value: Any) -> Any:
    """For json.dumps: what JSON has no type for (Decimal, date)."""
    if value.__class__ is Decimal and value.is_finite():  # as _plain, in one call
        numerator, denominator = value.as_integer_ratio()
        return numerator if denominator == 1 else float(value)
    plain = _plain(value)
    if plain is value:
        raise TypeError(f"{type(value).__name__} is not exported")
    return plain


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode


def json_line(row: dict[str, Any]) -> str:
    """One row as a JSON object on one line (Decimal as a number, dates as ISO text)."""
    return _ENCODE(row)


def write_jsonl(rows: Iterable[dict[str, Any]], stream: BinaryIO) -> None:
    for row in rows:
        stream.write(json_line(row).encode("utf-8") + b"\n")


def write_csv(rows: Iterable[dict[str, Any]], stream: BinaryIO) -> None:
    """RFC 4180 CSV in UTF-8; a list is joined with '; '; an empty cell is no value."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow(["" if v is None else "; ".join(v) if isinstance(v, list)
                         else str(_plain(v)) for v in row.values()])
    stream.write(text.getvalue().encode("utf-8"))


_ARROW_TYPES = {"text": "string", "number": "float64", "date": "date32",
                "list": "list<string>"}


def write_parquet(rows: list[dict[str, Any]], stream: BinaryIO) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "Parquet export needs pyarrow: pip install 'reportgen[parquet]'") from None
    types = {"text": pa.string(), "number": pa.float64(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([pa.field(c.name, types[c.type], metadata={"doc": c.doc})
                        for c in COLUMNS])
    columns = {c.name: [_arrow(row[c.name]) for row in rows] for c in COLUMNS}
    table = pa.table(columns, schema=schema)
    # no writer timestamp, no dictionary of statistics that vary: the same facts give the
    # same bytes
    pq.write_table(table, stream, compression="zstd", write_statistics=False)


def _arrow(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}


def format_for(output: Path | None, fmt: str | None) -> str:
    """The format named, else the one the output's suffix names, else CSV."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet"}.get(suffix, suffix) \
        if suffix in (*FORMATS, "json", "ndjson", "pq") else "csv"


def export_facts(sources: Path, articles: Path, facts: Path, fmt: str, stream: BinaryIO,
                 use_cache: bool = True, strict: bool = False):
    """Check the facts, then write every fact as a row to ``stream``; return the report.

    As for a build, nothing is written when check finds an error (with ``strict``, a
    warning): an export carries only proven facts."""
    from ..errors import FactsError
    from ..problems import plural
    from .check import check_paths

    if fmt not in WRITERS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    checked = check_paths(sources, articles, facts, use_cache)
    report = checked.report
    if not report.passes(strict):
        raise FactsError(
            f"the facts have {plural(len(report.errors), 'error')}"
            + (f" and {plural(len(report.warnings), 'warning')} (--strict)" if strict else "")
            + "; nothing was exported. Run 'reportgen check' for the list.", report)
    rows = fact_rows(checked.corpus) if fmt == "parquet" else iter_fact_rows(checked.corpus)
    WRITERS[fmt](rows, stream)
    return report
