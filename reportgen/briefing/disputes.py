"""The Discrepancies sheet: each disputed figure once, its reporters side by side.

A discrepancy (found by :mod:`reportgen.evidence.discrepancies`) is a group of
comparable figures with different values. A reader wants one row per disputed figure:
who says what, where, and how far apart they are: the gap in the figure's own unit
and, for rates, in percentage points (34% against 23.6% is 10.4 points apart, not
"44% apart"). The same reporter giving the same value in two articles is one entry
citing the first article.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..evidence.discrepancies import Discrepancy
from ..evidence.quantity import is_percent, normalised
from ..evidence.validate import Record
from ..template.values import Formatted
from .periods import period_words
from .readings import decimals, number_format, reading

if TYPE_CHECKING:
    from .model import Evidence, Table

KIND_WORDS = {"trade": "", "growth": ", growth", "target": ", target"}
LISTED = 20  # reporters, articles or notes one cell lists before saying how many more


def dispute_id(number: int) -> str:
    return f"D{number}"


def entries(found: Discrepancy) -> list[list[Record]]:
    """The group's facts by (reporter, value), lowest value first; each entry lists the
    facts that give it, oldest article first."""
    grouped: dict[tuple[str, Decimal], list[Record]] = {}
    for value, _, f in sorted((normalised(f.get("value")), f.id, f) for f in found.facts):
        grouped.setdefault((str(f.get("reporter", "")), value), []).append(f)
    return list(grouped.values())


def when(fact: Record) -> str:
    p = fact.get("period")
    if p:
        return period_words(p.get("start"), p.get("end"), bool(p.get("approximate")))
    deadline = fact.get("deadline")
    return f"by {deadline.year}" if deadline else ""


def disputes_table(discrepancies: list[Discrepancy], ev: Evidence
                   ) -> tuple[Table, dict[str, str]]:
    """The rows, and fact id -> the id of its discrepancy row."""
    from .model import DISPUTE_SLOTS, joined, new_table

    t = new_table("discrepancies")
    disputed: dict[str, str] = {}
    for number, found in enumerate(discrepancies, start=1):
        row_id = dispute_id(number)
        first = found.facts[0]
        groups = entries(found)
        slots: dict[str, object] = {}
        for i, group in enumerate(groups[:DISPUTE_SLOTS], start=1):
            fact = group[0]
            shown = reading(fact.get("value"))
            slots[f"reporter_{i}"] = fact.get("reporter")
            slots[f"value_{i}"] = shown.labelled_cell() if shown else None
            slots[f"as_printed_{i}"] = _printed(group, ev)
            slots[f"source_{i}"] = ev.source_link(fact.get("source"))
        others = listing([f"{g[0].get('reporter')}: {reading(g[0].get('value')).text()}"
                          for g in groups[DISPUTE_SLOTS:]], "; ")
        for fact in found.facts:
            disputed[fact.id] = row_id
        low, high = groups[0][0].get("value"), groups[-1][0].get("value")
        gap, gap_pp = _gaps(low, high)
        itself = [f"{r} gives more than one value." for r in found.self_contradicting]
        notes = listing(itself + list(dict.fromkeys(f.get("note") for f in found.facts
                                                    if f.get("note"))), "\n") or None
        t.add(id=row_id,
              figure=ev.label(first.get("metric")) + KIND_WORDS.get(first.kind, ""),
              kind=first.kind, metric=first.get("metric"), period=when(first),
              partners=joined(first.get("partners")), others=others or None,
              gap=gap, gap_pp=gap_pp, notes=notes, **slots)
    return t, disputed


def _printed(group: list[Record], ev: Evidence) -> str:
    """The value as printed; where several articles give it, each with its article."""
    from .model import printed

    if len(group) == 1:
        return printed(group[0].get("value")) or ""
    return listing([f"{printed(f.get('value'))} ({ev.source_link(f.get('source')).text})"
                    for f in group], "; ")


def listing(items: list[str], sep: str) -> str:
    """The items joined; past :data:`LISTED`, the first ones and how many more (a cell
    holds 32,767 characters, and a reader wants the gist: each figure has its own row on
    its kind's sheet)."""
    if len(items) <= LISTED:
        return sep.join(items)
    return sep.join(items[:LISTED]) + f"{sep}and {len(items) - LISTED:,} more"


def _gaps(low: dict, high: dict) -> tuple[Formatted | None, Formatted | None]:
    """Highest minus lowest in the figure's unit; for a percent, in percentage points."""
    difference = normalised(high) - normalised(low)
    if is_percent(high):
        return None, Formatted(difference, number_format(difference, suffix=" pp"))
    shown = reading({**high, "amount": difference, "scale": None, "qualifier": None})
    return (shown.labelled_cell() if shown else None), None


def gap_text(low: dict, high: dict) -> str:
    """The gap in words, for sentences: '$7.17 bn', '10.4 percentage points'."""
    difference = normalised(high) - normalised(low)
    if is_percent(high):
        return f"{difference:,.{decimals(difference)}f} percentage points"
    shown = reading({**high, "amount": difference, "scale": None, "qualifier": None})
    return shown.text() if shown else str(difference)
