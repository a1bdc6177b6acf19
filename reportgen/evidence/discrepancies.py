"""Find figures that sources report differently.

Two figures are comparable when they have the same kind, metric, period (or
deadline), partners, flow direction and unit. A group of comparable figures from
more than one source whose normalised values differ is a :class:`Discrepancy`.
Nothing is overwritten: the workbook shows every figure side by side, and ``check``
warns about each group (:func:`discrepancy_warnings`, on fact summaries).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..problems import WARNING, Problem
from .quantity import normalised
from .validate import Record

if TYPE_CHECKING:  # fact_summary imports comparison_key from here
    from .fact_summary import FactSummary, Locate

COMPARED_KINDS = ("trade", "growth", "target")
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


def comparison_key(fact: Record) -> tuple | None:
    if fact.kind not in COMPARED_KINDS or "amount" not in (fact.get("value") or {}):
        return None
    period = fact.get("period") or {}
    when = (str(period.get("start", "")), str(period.get("end", ""))) if period else (
        str(fact.get("deadline", "")),)
    partners = tuple(sorted(p.lower() for p in fact.get("partners", [])))
    flow = (str(fact.get("origin", "")).lower(), str(fact.get("destination", "")).lower())
    unit = str(fact.get("value", {}).get("unit", "")).lower()
    return (fact.kind, fact.get("metric"), when, partners, flow, unit)


def find_discrepancies(facts: list[Record]) -> list[Discrepancy]:
    keyed = ((comparison_key(f), f) for f in facts)
    groups = disagreeing_groups((key, f.get("source"), normalised(f.get("value")), f)
                                for key, f in keyed if key is not None)
    return [Discrepancy(key, tuple(members)) for key, members in groups]


def disagreeing_groups(items: Iterable[tuple[tuple | None, str, Any, Any]]
                       ) -> list[tuple[tuple, list]]:
    """Group ``(key, source, value, item)`` by key; keep the groups where more than one
    source gives more than one value. Sorted by kind, metric, period."""
    groups: dict[tuple, list] = defaultdict(list)
    for key, source, value, item in items:
        if key is not None:
            groups[key].append((source, value, item))
    found = []
    for key, members in groups.items():
        if len({m[0] for m in members}) < 2 or len({m[1] for m in members}) < 2:
            continue
        found.append((key, [m[2] for m in members]))
    return sorted(found, key=lambda g: (g[0][0], g[0][1] or "", g[0][2]))


def discrepancy_warnings(facts: list[FactSummary], locate: Locate) -> list[Problem]:
    problems = []
    groups = disagreeing_groups((f.compare_key, f.source, f.value_key, f) for f in facts)
    for key, members in groups:
        first = members[0]

        def cite(fact: FactSummary) -> str:
            where = locate(fact, ("value",))
            return (f"{fact.printed} per {fact.reporter} [{fact.source}, "
                    f"{where.file}:{where.line}]")

        listed = "; ".join(cite(f) for f in members[:LISTED])
        if len(members) > LISTED:
            listed += f"; and {len(members) - LISTED} more (see the Discrepancies sheet)"
        problems.append(Problem(
            "discrepancy",
            f"sources disagree on {first.kind} {key[1]!r} for {first.when}: {listed}",
            locate(first, ("value",)), severity=WARNING,
            hint="every figure is kept; the workbook shows them side by side",
        ))
    return problems
