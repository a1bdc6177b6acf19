"""Find figures that reporters give differently.

Two figures are comparable when they have the same kind (a target's basis too), metric,
resolved period (or deadline), partners (in any order), flow direction, unit, and route,
checkpoint or whole (``share_of``) if any. A disagreement is a group
of comparable figures with more than one value: two or more reporters (statistics
offices, customs, officials) giving different values, whether in one article or many,
or one reporter giving two values. The same reporter repeating a figure, in one
article or several, is not a disagreement. Nothing is overwritten: the workbook shows
every figure side by side, and ``check`` warns about each group
(:func:`discrepancy_warnings`, on fact summaries).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..problems import WARNING, Problem
from .quantity import normalised
from .validate import Record
from .values import PartialDate

if TYPE_CHECKING:  # fact_summary imports comparison_key from here
    from .fact_summary import FactSummary, Locate

COMPARED_KINDS = ("trade", "growth", "target")
#: fields that narrow what a figure measures: figures differing in one are not compared
SCOPE_FIELDS = ("route", "checkpoint", "share_of")
NO_SCOPE = ("",) * len(SCOPE_FIELDS)
LISTED = 6  # figures named in one discrepancy warning; the workbook lists them all


@dataclass(frozen=True)
class Discrepancy:
    key: tuple
    facts: tuple[Record, ...]

    @property
    def metric(self) -> str:
        return self.facts[0].get("metric", "")

    @property
    def values(self) -> list[Decimal]:
        return [normalised(f.get("value")) for f in self.facts]

    @property
    def self_contradicting(self) -> list[str]:
        """Reporters that give more than one value in this group, as first written."""
        named = {reporter_key(f.get("reporter")): f.get("reporter", "") for f in
                 reversed(self.facts)}
        found = self_contradictions([(reporter_key(f.get("reporter")), value, f)
                                     for f, value in zip(self.facts, self.values,
                                                         strict=True)])
        return [named[r] for r in named if r in found][::-1]

    @property
    def reporters(self) -> list[str]:
        """The reporters, as first written, in the order of the facts."""
        seen: dict[str, str] = {}
        for f in self.facts:
            seen.setdefault(reporter_key(f.get("reporter")), f.get("reporter", ""))
        return list(seen.values())


def reporter_key(reporter: Any) -> str:
    """Reporters match ignoring case and runs of spaces."""
    return " ".join(str(reporter or "").split()).casefold()


def resolved_when(fact: Record) -> tuple[str, ...]:
    """The period's first and last day (or the deadline's last day), as ISO dates: 2023
    and 2023-01..2023-12 resolve alike."""
    period = fact.get("period")
    if period and period.get("start") is not None and period.get("end") is not None:
        return _span(period["start"], period["end"])
    deadline = fact.get("deadline")
    return (_last(deadline),) if deadline is not None else ()


@lru_cache(maxsize=4096)  # a corpus has few distinct dates and many figures
def _span(start: PartialDate, end: PartialDate) -> tuple[str, str]:
    return (start.first_day().isoformat(), end.last_day().isoformat())


@lru_cache(maxsize=4096)
def _last(day: PartialDate) -> str:
    return day.last_day().isoformat()


def comparison_key(fact: Record) -> tuple | None:
    data = fact.data
    kind = data.get("kind", "")
    if kind not in COMPARED_KINDS or "amount" not in (data.get("value") or {}):
        return None
    when = resolved_when(fact)
    if not when:
        return None  # a forecast without a deadline: nothing to compare it with
    partners = tuple(sorted(p.casefold() for p in fact.get("partners", [])))
    flow = (str(fact.get("origin", "")).casefold(),
            str(fact.get("destination", "")).casefold())
    unit = str(fact.get("value", {}).get("unit", "")).casefold()
    # a figure of one route, checkpoint or whole, or a forecast, is its own measure
    scope = tuple(str(data.get(name, "")).casefold() for name in SCOPE_FIELDS) \
        if any(name in data for name in SCOPE_FIELDS) else NO_SCOPE
    if kind == "target":
        kind = f"target ({fact.get('basis', 'official-target')})"
    return (kind, fact.get("metric"), when, partners, flow, unit) + scope


def find_discrepancies(facts: list[Record]) -> list[Discrepancy]:
    keyed = ((comparison_key(f), f) for f in facts)
    groups = disagreeing_groups((key, reporter_key(f.get("reporter")),
                                 normalised(f.get("value")), f)
                                for key, f in keyed if key is not None)
    return [Discrepancy(key, tuple(members)) for key, members in groups]


def disagreeing_groups(items: Iterable[tuple[tuple | None, str, Any, Any]]
                       ) -> list[tuple[tuple, list]]:
    """Group ``(key, reporter, value, item)`` by key; keep the groups that hold more than
    one value (whoever gives them). Sorted by kind, metric, period."""
    groups: dict[tuple, list] = defaultdict(list)
    for key, reporter, value, item in items:
        if key is not None:
            groups[key].append((reporter, value, item))
    found = []
    for key, members in groups.items():
        if len({m[1] for m in members}) < 2:
            continue  # one value, however many reporters or articles repeat it
        found.append((key, [m[2] for m in members]))
    return sorted(found, key=lambda g: (g[0][0], g[0][1] or "", g[0][2]))


def self_contradictions(members: list[tuple[str, Any, Any]]) -> dict[str, set]:
    """Reporter key -> its values, for each reporter that gives more than one value."""
    values: dict[str, set] = defaultdict(set)
    for reporter, value, _ in members:
        values[reporter].add(value)
    return {r: v for r, v in values.items() if len(v) > 1}


def discrepancy_warnings(facts: list[FactSummary], locate: Locate) -> list[Problem]:
    problems = []
    compared = [f for f in facts if f.compare_key is not None]
    # a corpus has few reporters and many figures: each reporter's key is made once
    keys = {reporter: reporter_key(reporter) for reporter in {f.reporter for f in compared}}
    groups = disagreeing_groups((f.compare_key, keys[f.reporter], f.value_key, f)
                                for f in compared)
    for key, members in groups:
        first = members[0]

        def cite(fact: FactSummary) -> str:
            where = locate(fact, ("value",))
            return (f"{fact.printed} per {fact.reporter} [{fact.source}, "
                    f"{where.file}:{where.line}]")

        listed = "; ".join(cite(f) for f in members[:LISTED])
        if len(members) > LISTED:
            listed += f"; and {len(members) - LISTED} more (see the Discrepancies sheet)"
        reporters: dict[str, str] = {}
        for f in members:
            reporters.setdefault(keys[f.reporter], f.reporter)  # as first written
        repeated = self_contradictions([(keys[f.reporter], f.value_key, f) for f in members])
        who = "reporters disagree" if len(reporters) > 1 else \
            f"{first.reporter} gives different values"
        when = first.when if first.when.startswith("by ") else f"for {first.when}"
        message = f"{who} on {first.kind} {key[1]!r} {when}: {listed}"
        if repeated and len(reporters) > 1:
            message += "; " + "; ".join(
                f"{reporters[r]} itself gives {len(v)} different values"
                for r, v in sorted(repeated.items()))
        problems.append(Problem(
            "discrepancy", message, locate(first, ("value",)), severity=WARNING,
            hint="every figure is kept; the workbook shows them side by side"
            + ("" if len(reporters) > 1 else
               "; if one figure was misread, correct it, else the article itself differs"),
        ))
    return problems
