"""From checked facts to what a template shows: named scalars and collections.

This is where a fact becomes a row. Each collection is a list of rows with named
fields; a template shows a field with a ``{{ collection.field }}`` marker
(``docs/templates.md`` lists every collection and field). Values are typed:
numbers stay numbers, dates are dates, percentages carry a percent format, and
every fact row links to its source's row on the sources sheet.

The model knows nothing of Excel files; it hands plain values (and the small
value types of :mod:`reportgen.template.values`) to the renderer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .compare import find_discrepancies
from .corpus import Corpus
from .quantity import as_printed, is_currency, is_percent, normalised
from .template.values import Formatted, RowLink
from .validate import Record
from .values import PartialDate

DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "yyyy-mm", "year": "yyyy"}
NUMBER_FORMAT = "#,##0.###"
BILLIONS_FORMAT = "#,##0.00"
TIMES_FORMAT = '0.0#"×"'
PERCENT_FORMAT = "0.0%"
REPORTER_SLOTS = 6  # trade_by_year offers reporter_1 .. reporter_6


@dataclass
class Table:
    fields: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)

    def add(self, **values: Any) -> None:
        unknown = set(values) - set(self.fields)
        if unknown:  # a programming error: the field list is the contract
            raise KeyError(f"fields {sorted(unknown)} are not declared")
        self.rows.append(tuple(values.get(name) for name in self.fields))


@dataclass
class Briefing:
    scalars: dict[str, Any]
    tables: dict[str, Table]


# ----------------------------------------------------------------------------- values


def date_value(value: PartialDate | None) -> Formatted | None:
    if value is None:
        return None
    return Formatted(value.first_day(), DATE_FORMATS[value.precision])


def end_date_value(value: PartialDate | None) -> Formatted | None:
    if value is None:
        return None
    return Formatted(value.last_day(), DATE_FORMATS[value.precision])


def quantity_value(quantity: dict | None) -> Any:
    """The normalised number, formatted by what it counts."""
    if not quantity:
        return None
    number = normalised(quantity)
    if is_percent(quantity):
        return Formatted(number / 100, PERCENT_FORMAT)
    if str(quantity.get("unit")).lower() == "times":
        return Formatted(number, TIMES_FORMAT)
    return Formatted(number, NUMBER_FORMAT)


def billions(quantity: dict | None) -> Formatted | None:
    if not quantity or not is_currency(quantity):
        return None
    return Formatted(normalised(quantity) / Decimal(10**9), BILLIONS_FORMAT)


def printed(quantity: dict | None) -> str | None:
    return as_printed(quantity) if quantity else None


def joined(items: list | None, sep: str = ", ") -> str | None:
    return sep.join(str(i) for i in items) if items else None


def _period(fact: Record) -> dict:
    return fact.get("period") or {}


# ----------------------------------------------------------------------------- the model

PROVENANCE = ("source", "source_date", "quote", "note", "id")


def build_briefing(corpus: Corpus, title: str, subtitle: str, fingerprint: str,
                   version: str) -> Briefing:
    facts = sorted(corpus.facts, key=lambda f: f.id)
    people = {f.id: f for f in facts if f.kind == "person"}
    sources = corpus.sources

    def provenance(fact: Record) -> dict[str, Any]:
        source = sources.get(fact.get("source"))
        label = source_label(source) if source else fact.get("source")
        return {
            "source": RowLink(label, "sources", fact.get("source")),
            "source_date": date_value(source.get("date")) if source else None,
            "quote": fact.get("quote"),
            "note": fact.get("note"),
            "id": fact.id,
        }

    def name_of(person_id: str | None) -> str | None:
        person = people.get(person_id or "")
        return person.get("name") if person else person_id

    by_kind: dict[str, list[Record]] = defaultdict(list)
    for fact in facts:
        by_kind[fact.kind].append(fact)

    def period_key(f: Record):
        p = _period(f)
        return (str(p.get("end", "")), str(p.get("start", "")), f.id)

    tables: dict[str, Table] = {}

    # trade figures
    t = tables["trade"] = Table((
        "metric", "period", "period_start", "period_end", "value", "unit", "qualifier",
        "as_printed", "reporter", "speaker", "partners", "origin", "destination",
        "resolved_by", *PROVENANCE))
    for f in sorted(by_kind["trade"], key=period_key, reverse=True):
        p, q = _period(f), f.get("value")
        t.add(metric=f.get("metric"), period=p.get("label") or str(p.get("start")),
              period_start=date_value(p.get("start")), period_end=end_date_value(p.get("end")),
              value=quantity_value(q), unit=None if is_percent(q) else q.get("unit"),
              qualifier=q.get("qualifier"),
              as_printed=printed(q), reporter=f.get("reporter"),
              speaker=name_of(f.get("speaker")), partners=joined(f.get("partners")),
              origin=f.get("origin"), destination=f.get("destination"),
              resolved_by=p.get("resolved_by"), **provenance(f))

    # growth rates
    t = tables["growth"] = Table((
        "metric", "period", "period_start", "period_end", "value", "as_printed",
        "compared_to", "of", "reporter", "speaker", "partners", *PROVENANCE))
    for f in sorted(by_kind["growth"], key=period_key, reverse=True):
        p, q = _period(f), f.get("value")
        t.add(metric=f.get("metric"), period=p.get("label") or str(p.get("start")),
              period_start=date_value(p.get("start")), period_end=end_date_value(p.get("end")),
              value=quantity_value(q), as_printed=printed(q), compared_to=f.get("compared_to"),
              of=f.get("of"), reporter=f.get("reporter"), speaker=name_of(f.get("speaker")),
              partners=joined(f.get("partners")), **provenance(f))

    # targets
    t = tables["targets"] = Table((
        "metric", "value", "unit", "as_printed", "deadline", "deadline_label", "reporter",
        "speaker", "partners", *PROVENANCE))
    for f in sorted(by_kind["target"], key=lambda f: (str(f.get("deadline")), f.id)):
        q = f.get("value")
        t.add(metric=f.get("metric"), value=quantity_value(q), unit=q.get("unit"),
              as_printed=printed(q), deadline=end_date_value(f.get("deadline")),
              deadline_label=f.get("deadline_label"), reporter=f.get("reporter"),
              speaker=name_of(f.get("speaker")), partners=joined(f.get("partners")),
              **provenance(f))

    # projects
    t = tables["projects"] = Table((
        "name", "scope", "sector", "status", "location", "count", "value", "value_usd_bn",
        "as_printed", "as_of", "partners", *PROVENANCE))
    for f in sorted(by_kind["project"], key=lambda f: (f.get("sector", ""), f.get("name"))):
        q = f.get("value")
        t.add(name=f.get("name"), scope=f.get("scope"), sector=f.get("sector"),
              status=f.get("status"), location=f.get("location"),
              count=quantity_value(f.get("count")), value=quantity_value(q),
              value_usd_bn=billions(q), as_printed=printed(q), as_of=date_value(f.get("as_of")),
              partners=joined(f.get("partners")), **provenance(f))

    # infrastructure assets
    t = tables["assets"] = Table((
        "name", "asset_type", "status", "location", "capacity", "capacity_unit", "count",
        "as_printed", "partners", *PROVENANCE))
    for f in sorted(by_kind["asset"], key=lambda f: (f.get("asset_type"), f.get("name"))):
        cap = f.get("capacity")
        t.add(name=f.get("name"), asset_type=f.get("asset_type"), status=f.get("status"),
              location=f.get("location"), capacity=quantity_value(cap),
              capacity_unit=cap.get("unit") if cap else None,
              count=quantity_value(f.get("count")),
              as_printed=printed(cap) or printed(f.get("count")),
              partners=joined(f.get("partners")), **provenance(f))

    # events, and each person's meetings
    events = sorted(by_kind["event"], key=lambda f: (str(f.get("start")), f.id))
    meetings: dict[str, list[str]] = defaultdict(list)
    t = tables["events"] = Table((
        "start", "end", "date_label", "title", "event_type", "place", "participants",
        "other_participants", "topics", "outcomes", *PROVENANCE))
    for f in events:
        for pid in f.get("participants", []):
            meetings[pid].append(f"{f.get('start')} {f.get('title')}")
        t.add(start=date_value(f.get("start")), end=end_date_value(f.get("end")),
              date_label=f.get("date_label"), title=f.get("title"),
              event_type=f.get("event_type"), place=f.get("place"),
              participants=joined([name_of(p) for p in f.get("participants", [])]),
              other_participants=joined(f.get("other_participants"), "; "),
              topics=joined(f.get("topics"), "; "), outcomes=joined(f.get("outcomes"), "; "),
              **provenance(f))

    # people and roles
    roles = sorted(by_kind["role"], key=lambda f: (name_of(f.get("person")) or "",
                                                   str(f.get("as_of")), f.id))
    roles_of: dict[str, list[str]] = defaultdict(list)
    t = tables["roles"] = Table((
        "person", "title", "organisation", "country", "as_of", *PROVENANCE))
    for f in roles:
        text = ", ".join(x for x in (f.get("title"), f.get("organisation")) if x)
        if text not in roles_of[f.get("person")]:
            roles_of[f.get("person")].append(text)
        t.add(person=name_of(f.get("person")), title=f.get("title"),
              organisation=f.get("organisation"), country=f.get("country"),
              as_of=date_value(f.get("as_of")), **provenance(f))
    t = tables["people"] = Table((
        "name", "country", "also_printed_as", "roles", "meetings", "meeting_count",
        *PROVENANCE))
    for f in sorted(people.values(), key=lambda f: f.get("name")):
        t.add(name=f.get("name"), country=f.get("country"),
              also_printed_as=joined(f.get("also_printed_as")),
              roles=joined(roles_of.get(f.id), "; "),
              meetings=joined(meetings.get(f.id), "; "),
              meeting_count=len(meetings.get(f.id, [])), **provenance(f))

    # other cooperation
    t = tables["cooperation"] = Table((
        "area", "summary", "value", "as_printed", "as_of", "parties", *PROVENANCE))
    for f in sorted(by_kind["cooperation"], key=lambda f: (f.get("area"), f.id)):
        q = f.get("value")
        t.add(area=f.get("area"), summary=f.get("summary"), value=quantity_value(q),
              as_printed=printed(q), as_of=date_value(f.get("as_of")),
              parties=joined(f.get("parties")), **provenance(f))

    tables["discrepancies"] = _discrepancies(corpus, provenance)
    tables["sources"] = _sources(corpus)
    tables["headlines"] = _headlines(by_kind, provenance)
    tables["trade_by_year"], reporters = _trade_by_year(by_kind["trade"], sources)
    tables["projects_by_sector"] = _projects_by_sector(by_kind["project"])

    scalars = _scalars(corpus, title, subtitle, fingerprint, version, by_kind)
    for i in range(REPORTER_SLOTS):
        scalars[f"reporter_{i + 1}"] = reporters[i] if i < len(reporters) else None
    return Briefing(scalars, tables)


def source_label(source: Record) -> str:
    """A short name a reader knows the article by: 'Xinhua, 2023-05-19'."""
    who = source.get("outlet") or source.get("attributed_to") or source.id
    basis = " (inferred)" if source.get("date_basis") == "inferred" else ""
    return f"{who}, {source.get('date')}{basis}"


def _discrepancies(corpus: Corpus, provenance) -> Table:
    t = Table(("group", "kind", "metric", "period", "value", "as_printed", "spread",
               "reporter", *PROVENANCE))
    for n, found in enumerate(find_discrepancies(corpus.facts), start=1):
        values = found.values
        low, high = min(values), max(values)
        spread = Formatted(((high - low) / low).quantize(Decimal("0.0001")), PERCENT_FORMAT) \
            if low else None
        for f in sorted(found.facts, key=lambda f: (normalised(f.get("value")), f.id)):
            p = _period(f)
            when = p.get("label") or str(p.get("start", "")) if p else str(f.get("deadline"))
            if p and p.get("start") is not None:
                when = f"{when} ({p.get('start')}" + (
                    f"..{p.get('end')})" if p.get("end") != p.get("start") else ")")
            t.add(group=n, kind=f.kind, metric=f.get("metric"), period=when,
                  value=quantity_value(f.get("value")), as_printed=printed(f.get("value")),
                  spread=spread, reporter=f.get("reporter"), **provenance(f))
    return t


def _sources(corpus: Corpus) -> Table:
    from .template.values import Link

    counts: dict[str, int] = defaultdict(int)
    for fact in corpus.facts:
        counts[fact.get("source")] += 1
    t = Table(("id", "label", "title", "title_printed", "outlet", "attributed_to", "date",
               "date_basis", "date_note", "place", "language", "url", "file", "fact_count"))
    for s in sorted(corpus.sources.values(), key=lambda s: (str(s.get("date")), s.id)):
        url = s.get("url")
        t.add(id=s.id, label=source_label(s), title=s.get("title"),
              title_printed="yes" if s.get("title_printed") else "no (descriptive)",
              outlet=s.get("outlet"),
              attributed_to=s.get("attributed_to"), date=date_value(s.get("date")),
              date_basis=s.get("date_basis"), date_note=s.get("date_note"),
              place=s.get("place"), language=s.get("language"),
              url=Link(url, url) if url else None, file=s.get("file"),
              fact_count=counts.get(s.id, 0))
    return t


def _headlines(by_kind, provenance) -> Table:
    """Money figures and targets, newest period first: the figures a reader asks for."""
    t = Table(("metric", "period", "value_usd_bn", "as_printed", "reporter", *PROVENANCE))
    rows = [f for f in by_kind["trade"] if is_currency(f.get("value"))]
    rows += [f for f in by_kind["target"] if is_currency(f.get("value"))]

    def key(f: Record):
        p = _period(f)
        return (str(p.get("end") or f.get("deadline")), f.get("metric"), f.id)

    for f in sorted(rows, key=key, reverse=True):
        p = _period(f)
        period = p.get("label") or str(p.get("start", "")) if p else \
            (f.get("deadline_label") or f"by {f.get('deadline')}")
        t.add(metric=f.get("metric") + (" (target)" if f.kind == "target" else ""),
              period=period, value_usd_bn=billions(f.get("value")),
              as_printed=printed(f.get("value")), reporter=f.get("reporter"), **provenance(f))
    return t


def _full_year(fact: Record) -> int | None:
    p = _period(fact)
    start, end = p.get("start"), p.get("end")
    if not start or not end or start.year != end.year:
        return None
    if start.first_day().timetuple().tm_yday != 1 or (end.last_day().month, end.last_day().day) \
            != (12, 31):
        return None
    return start.year


def _trade_by_year(trade: list[Record], sources: dict) -> tuple[Table, list[str]]:
    """Bilateral turnover (USD bn) by calendar year, one column per reporter.

    Only full-year turnover figures in a currency count. Where one reporter gives a
    year twice (two articles), the most recent article's figure is shown.
    """
    import pandas as pd

    rows = []
    for f in trade:
        year = _full_year(f)
        q = f.get("value")
        if f.get("metric") != "turnover" or year is None or not is_currency(q):
            continue
        source = sources.get(f.get("source"))
        rows.append({"year": year, "reporter": f.get("reporter"),
                     "value": normalised(q) / Decimal(10**9),
                     "published": str(source.get("date")) if source else "", "id": f.id})
    fields = ("year", *(f"reporter_{i + 1}" for i in range(REPORTER_SLOTS)))
    table = Table(fields)
    if not rows:
        return table, []
    frame = pd.DataFrame(rows, dtype=object).sort_values(["published", "id"])
    frame = frame.drop_duplicates(["year", "reporter"], keep="last")
    counts = frame.groupby("reporter").size()
    reporters = sorted(counts.index, key=lambda r: (-counts[r], r))[:REPORTER_SLOTS]
    pivot = frame.pivot(index="year", columns="reporter", values="value").sort_index()
    for year, row in pivot.iterrows():
        values = {f"reporter_{i + 1}": Formatted(row[r], BILLIONS_FORMAT)
                  for i, r in enumerate(reporters) if isinstance(row.get(r), Decimal)}
        table.add(year=int(year), **values)
    return table, reporters


def _projects_by_sector(projects: list[Record]) -> Table:
    """Projects per sector, and the largest value reported for the sector (USD bn).

    Portfolio figures from different articles overlap, so values are not added up:
    the largest reported figure is shown.
    """
    import pandas as pd

    table = Table(("sector", "projects", "largest_value_usd_bn"))
    if not projects:
        return table
    frame = pd.DataFrame([{
        "sector": f.get("sector"),
        "value": normalised(f.get("value")) / Decimal(10**9)
        if f.get("value") and is_currency(f.get("value")) else None,
    } for f in projects], dtype=object)

    def largest(values) -> Decimal | None:
        return max((v for v in values if isinstance(v, Decimal)), default=None)

    grouped = frame.groupby("sector").agg(projects=("sector", "size"), value=("value", largest))
    order = sorted(grouped.index, key=lambda sector: (
        -(grouped.at[sector, "value"] or Decimal(-1)), -grouped.at[sector, "projects"], sector))
    for sector in order:
        value = grouped.at[sector, "value"]
        table.add(sector=sector, projects=int(grouped.at[sector, "projects"]),
                  largest_value_usd_bn=Formatted(value, BILLIONS_FORMAT)
                  if isinstance(value, Decimal) else None)
    return table


def _scalars(corpus, title, subtitle, fingerprint, version, by_kind) -> dict[str, Any]:
    dates = sorted(s.get("date") for s in corpus.sources.values() if s.get("date"))
    years: list[int] = []
    for fact in corpus.facts:
        p = fact.get("period") or {}
        years += [d.year for d in (p.get("start"), p.get("end")) if d]
        if fact.get("deadline"):
            years.append(fact.get("deadline").year)
    scalars: dict[str, Any] = {
        "title": title,
        "subtitle": subtitle,
        "fingerprint": fingerprint,
        "reportgen_version": version,
        "source_count": len(corpus.sources),
        "fact_count": len(corpus.facts),
        "sources_from": date_value(dates[0]) if dates else None,
        "sources_to": date_value(dates[-1]) if dates else None,
        "figures_from": min(years) if years else None,
        "figures_to": max(years) if years else None,
        "discrepancy_count": len(find_discrepancies(corpus.facts)),
    }
    for kind in ("trade", "growth", "target", "project", "asset", "person", "role", "event",
                 "cooperation"):
        scalars[f"{kind}_count"] = len(by_kind.get(kind, []))
    return scalars
