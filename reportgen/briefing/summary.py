"""The Summary: key findings, headline figures and the series a chart draws.

Which metrics lead is declared in the project's metric catalogue (``headline: true``);
a project that declares none is led by the metrics with the most figures. Only figures
between the main partners (the partner set most figures share) are headlines, so a
figure about another pair of economies never passes for the report's own.

Every sentence of the key findings is made from facts, names its figure, period and
reporter, and links to the row it came from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from ..evidence.discrepancies import Discrepancy
from ..evidence.metrics import Catalogue
from ..evidence.quantity import normalised
from ..evidence.validate import Record
from ..template.values import Formatted, RowLink
from .disputes import entries, gap_text, when
from .periods import (
    ANNUAL,
    CUMULATIVE,
    PART_YEAR,
    TARGET,
    full_year,
    newest_first,
    period_group,
)
from .readings import qualifier_words, reading

if TYPE_CHECKING:
    from .model import Evidence, Table

GROUPS = (ANNUAL, PART_YEAR, CUMULATIVE, TARGET)
FIGURE_KINDS = ("trade", "target")
MOST_FINDINGS = 6
FIGURE_ORDER = {"trade": 0, "target": 1, "growth": 2}
DEFAULT_HEADLINES = 3


def partners_of(fact: Record) -> frozenset[str]:
    return frozenset(p.lower() for p in fact.get("partners") or ())


def headline_metrics(by_kind: dict[str, list[Record]], catalogue: Catalogue
                     ) -> tuple[tuple[str, ...], frozenset[str] | None]:
    """The metrics that lead, and the main partners (None when no figure has partners)."""
    figures = [f for kind in FIGURE_KINDS for f in by_kind.get(kind, [])]
    pairs = Counter(partners_of(f) for f in figures if f.get("partners"))
    main = min(pairs, key=lambda p: (-pairs[p], sorted(p))) if pairs else None
    if catalogue.headline:
        return catalogue.headline, main
    counts = Counter(f.get("metric") for f in figures if _between(f, main))
    ranked = sorted(counts, key=lambda m: (-counts[m], m))
    return tuple(ranked[:DEFAULT_HEADLINES]), main


def _between(fact: Record, main: frozenset[str] | None) -> bool:
    return main is None or partners_of(fact) == main


def _group(fact: Record) -> str:
    if fact.kind == "target":
        return TARGET
    p = fact.get("period")
    return period_group(p["start"], p["end"])


def headline_facts(by_kind, metrics, main) -> list[Record]:
    order = {m: i for i, m in enumerate(metrics)}
    chosen = [f for kind in FIGURE_KINDS for f in by_kind.get(kind, [])
              if f.get("metric") in order and _between(f, main)]

    def key(f: Record):
        deadline = f.get("deadline")
        dated = newest_first(f.get("period") or {}) if f.kind != "target" else \
            (0, deadline.last_day().toordinal() if deadline else 10**7, 0)
        return (GROUPS.index(_group(f)), order[f.get("metric")], dated,
                str(f.get("reporter")), f.id)

    return sorted(chosen, key=key)


def growth_of(by_kind) -> dict[str, Record]:
    """Figure id -> the growth rate stated for it (its ``of``)."""
    return {g.get("of"): g for g in sorted(by_kind.get("growth", []), key=lambda g: g.id)
            if g.get("of")}


def change_text(growth: Record | None) -> str | None:
    """'+34% on previous year', '2.6× year on year'."""
    if growth is None:
        return None
    shown = reading(growth.get("value"))
    if shown is None:
        return None
    amount = shown.text()
    sign = "+" if shown.unit == "%" and not amount.startswith("-") else ""
    base = growth.get("compared_to")
    return f"{sign}{amount}" + (f" on {base}" if base and not base.startswith("year")
                                else f" {base}" if base else "")


def headlines_table(by_kind, figures: list[Record], disputed: dict[str, str],
                    ev: Evidence) -> Table:
    from .model import new_table, printed

    growth = growth_of(by_kind)
    t = new_table("headlines")
    for f in figures:
        q = f.get("value")
        shown = reading(q)
        group = _group(f)
        label = ev.label(f.get("metric"))
        if group == CUMULATIVE:
            label += ", cumulative"
        dispute = disputed.get(f.id)
        t.add(group=group, label=label, metric=f.get("metric"), period=when(f),
              value=shown.labelled_cell() if shown else None, qualifier=q.get("qualifier"),
              change=change_text(growth.get(f.id)), as_printed=printed(q),
              reporter=f.get("reporter"),
              disputed=RowLink(f"see {dispute}", "discrepancies", dispute)
              if dispute else None,
              **ev.provenance(f, counted=False))  # its own row counted it
    return t


# ----------------------------------------------------------------------------- findings


def _amount(fact: Record) -> str:
    """'over $24 bn', '$31.5 bn'."""
    q = fact.get("value")
    shown = reading(q)
    qualifier = qualifier_words(q)
    return f"{qualifier} {shown.text()}".strip() if shown else ""


def _sentence(fact: Record, ev: Evidence, growth: Record | None = None) -> str:
    label = ev.label(fact.get("metric"))
    period = when(fact)
    reporter = fact.get("reporter")
    group = _group(fact)
    if group == CUMULATIVE:
        text = f"{label} totalled {_amount(fact)} over {period}"
    else:
        text = f"{label} was {_amount(fact)} in {period}"
    change = _change_words(growth)
    if change:
        text += f", {change}"
    return f"{text} (per {reporter})."


def _change_words(growth: Record | None) -> str | None:
    """'up 30% on the previous year', 'up 2.6 times year on year'."""
    if growth is None:
        return None
    shown = reading(growth.get("value"))
    if shown is None:
        return None
    amount = shown.text() if shown.unit == "%" else f"{shown.number:,} times"
    falling = amount.startswith("-")
    text = f"{'down' if falling else 'up'} {amount.lstrip('-')}"
    base = growth.get("compared_to")
    if base:
        text += f" {base}" if base.startswith(("year", "on ")) else f" on the {base}"
    return text


def findings_table(by_kind, metrics, figures: list[Record], discrepancies: list[Discrepancy],
                   disputed: dict[str, str], ev: Evidence) -> Table:
    from .model import new_table

    growth = growth_of(by_kind)
    actuals = [f for f in figures if f.kind == "trade"]
    core: list[tuple[str, RowLink, str]] = []
    others: list[tuple[str, RowLink, str]] = []

    def add(into, fact: Record, text: str) -> None:
        into.append((text, ev.source_link(fact.get("source")), fact.id))

    for rank, metric in enumerate(metrics):
        mine = [f for f in actuals if f.get("metric") == metric]
        latest = _latest(mine, ANNUAL)
        if rank == 0:
            if latest is not None:
                add(core, latest, _sentence(latest, ev, growth.get(latest.id)))
            partial = _latest(mine, PART_YEAR)
            if partial is not None and (latest is None or _end(partial) > _end(latest)):
                add(core, partial, _sentence(partial, ev, growth.get(partial.id)))
        else:
            # one sentence per other metric: its latest year, else its largest total
            chosen = latest or _largest(mine, CUMULATIVE) or _latest(mine, PART_YEAR)
            if chosen is not None:
                add(others, chosen, _sentence(chosen, ev, growth.get(chosen.id)))
        for target in (f for f in figures if f.kind == "target" and f.get("metric") == metric):
            add(core if rank == 0 else others, target, _target_sentence(target, latest, ev))
    ordered = sorted(discrepancies, key=lambda d: (FIGURE_ORDER.get(d.facts[0].kind, 9),
                                                    metrics.index(d.metric)
                                                    if d.metric in metrics else 99))
    room = MOST_FINDINGS - min(2, len(ordered))
    chosen = core[:room] + others[:max(0, room - len(core))]
    chosen += [_dispute_sentence(d, disputed, ev)
               for d in ordered[:MOST_FINDINGS - len(chosen)]]
    t = new_table("findings")
    for number, (text, link, fact_id) in enumerate(chosen, start=1):
        t.add(number=number, finding=text, link=link, id=fact_id)
    return t


def _end(fact: Record):
    return fact.get("period")["end"].last_day()


def _latest(facts: list[Record], group: str) -> Record | None:
    """The newest figure of a group; among equals, the one most reporters agree on."""
    found = [f for f in facts if _group(f) == group]
    if not found:
        return None
    return min(found, key=lambda f: (newest_first(f.get("period")), f.id))


def _largest(facts: list[Record], group: str) -> Record | None:
    found = [f for f in facts if _group(f) == group]
    if not found:
        return None
    return max(found, key=lambda f: (normalised(f.get("value")), _end(f), f.id))


def _target_sentence(target: Record, latest: Record | None, ev: Evidence) -> str:
    label = ev.label(target.get("metric"))
    deadline, basis = target.get("deadline"), target.get("basis") or "official-target"
    what = "Target" if basis == "official-target" else basis.capitalize()
    text = (f"{what}: {_lower(label)} of {_amount(target)}"
            + (f" by {deadline.year}" if deadline else "")
            + f" (per {target.get('reporter')})")
    q, latest_q = target.get("value"), latest.get("value") if latest else None
    if latest_q and latest_q.get("unit") == q.get("unit"):
        gap = normalised(q) - normalised(latest_q)
        if gap > 0:
            share = (gap / normalised(q) * 100).quantize(Decimal("1"))
            text += (f"; the latest annual figure, {reading(latest_q).text()} in "
                     f"{when(latest)}, is {gap_text(latest_q, q)} ({share}%) short of it")
        else:
            text += (f"; the latest annual figure, {reading(latest_q).text()} in "
                     f"{when(latest)}, already meets it")
    return text + "."


def _lower(label: str) -> str:
    """'Trade turnover' -> 'trade turnover' inside a sentence; 'GDP' stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _dispute_sentence(found: Discrepancy, disputed: dict[str, str], ev: Evidence
                      ) -> tuple[str, RowLink, str]:
    first = found.facts[0]
    groups = entries(found)
    label = ev.label(first.get("metric"))
    if first.kind == "growth":
        label += " growth"
    shown = groups if len(groups) <= 3 else [groups[0], groups[-1]]
    said = " vs ".join(f"{reading(g[0].get('value')).text()} per {g[0].get('reporter')}"
                       for g in shown)
    if len(groups) > len(shown):
        said += f" (and {len(groups) - len(shown)} other values)"
    low, high = groups[0][0].get("value"), groups[-1][0].get("value")
    text = (f"Sources disagree on {when(first)} {_lower(label)}: {said} "
            f"(a gap of {gap_text(low, high)}): see Discrepancies.")
    row = disputed[first.id]
    return text, RowLink(f"Discrepancies {row}", "discrepancies", row), first.id


# ----------------------------------------------------------------------------- the chart


def _yearly(trade: list[Record], metric: str, main, ev: Evidence
            ) -> tuple[dict[tuple[int, str], Record], Decimal, str] | None:
    """A metric's full-year figures by (year, reporter), the latest article's where a
    reporter gives a year twice; the divisor and unit of the largest figure's reading."""
    rows = [f for f in trade if f.get("metric") == metric and _between(f, main)
            and full_year(f.get("period")) is not None]
    if not rows:
        return None

    def published(f: Record) -> int:
        source = ev.sources.get(f.get("source"))
        date = source.get("date") if source else None
        return date.first_day().toordinal() if date else 0

    latest: dict[tuple[int, str], Record] = {}
    for f in sorted(rows, key=lambda f: (published(f), f.id)):
        latest[(full_year(f.get("period")), str(f.get("reporter")))] = f
    largest = max((f.get("value") for f in latest.values()), key=normalised)
    shown = reading(largest)
    factor = normalised(largest) / shown.number if shown.number and shown.unit != "%" \
        else Decimal(1)
    return latest, factor, shown.unit


def _years_by_reporter(latest: dict[tuple[int, str], Record]) -> list[tuple[str, int]]:
    years_of: dict[str, int] = defaultdict(int)
    for _, reporter in latest:
        years_of[reporter] += 1
    return sorted(years_of.items(), key=lambda item: (-item[1], item[0]))


def by_year_table(trade: list[Record], metrics, main, ev: Evidence
                  ) -> tuple[Table, list[str], str, str | None]:
    """The first headline metric with full-year figures, by year, one column per reporter
    (values in one display unit, that of the largest figure); also the metric shown."""
    from .model import REPORTER_SLOTS, new_table

    table = new_table("by_year")
    for metric in metrics:
        found = _yearly(trade, metric, main, ev)
        if found is not None:
            break
    else:
        return table, [], "", None
    latest, factor, unit = found
    reporters = [r for r, _ in _years_by_reporter(latest)][:REPORTER_SLOTS]
    for year in sorted({y for y, _ in latest}):
        values = {}
        for i, reporter in enumerate(reporters):
            f = latest.get((year, reporter))
            if f is not None:
                values[f"reporter_{i + 1}"] = Formatted(normalised(f.get("value")) / factor,
                                                        "#,##0.0#")
        table.add(year=year, **values)
    return table, reporters, unit, metric


def by_year_next_table(trade: list[Record], metrics, main, ev: Evidence, shown: str | None
                       ) -> tuple[Table, dict[str, str | None]]:
    """The next headline metric with at least two years from one reporter, by year: the
    reporter with the most years. Scalars: its title, unit and reporter."""
    from .model import new_table

    table = new_table("by_year_next")
    for metric in metrics:
        found = _yearly(trade, metric, main, ev) if metric != shown else None
        if found is None:
            continue
        latest, factor, unit = found
        reporter, years = _years_by_reporter(latest)[0]
        if years < 2:
            continue
        for year in sorted(y for y, r in latest if r == reporter):
            f = latest[(year, reporter)]
            table.add(year=year, value=Formatted(normalised(f.get("value")) / factor,
                                                 "#,##0.0#"))
        label = ev.label(metric)
        return table, {"by_year_next_title": f"{label} by year ({unit}), per {reporter}",
                       "by_year_next_unit": unit, "by_year_next_reporter": reporter}
    return table, {"by_year_next_title": "Other headline metrics: too few years to chart",
                   "by_year_next_unit": None, "by_year_next_reporter": None}
