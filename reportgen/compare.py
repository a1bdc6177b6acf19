"""Find figures that sources report differently.

Two figures are comparable when they have the same kind, metric, period (or
deadline), partners, flow direction and unit. A group of comparable figures from
more than one source whose normalised values differ is a :class:`Discrepancy`.
Nothing is overwritten: the workbook shows every figure side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .quantity import normalised
from .validate import Record

COMPARED_KINDS = ("trade", "growth", "target")


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
    if fact.kind not in COMPARED_KINDS or "value" not in fact.data:
        return None
    period = fact.get("period") or {}
    when = (str(period.get("start", "")), str(period.get("end", ""))) if period else (
        str(fact.get("deadline", "")),)
    partners = tuple(sorted(p.lower() for p in fact.get("partners", [])))
    flow = (str(fact.get("origin", "")).lower(), str(fact.get("destination", "")).lower())
    unit = str(fact.get("value", {}).get("unit", "")).lower()
    return (fact.kind, fact.get("metric"), when, partners, flow, unit)


def find_discrepancies(facts: list[Record]) -> list[Discrepancy]:
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for fact in facts:
        key = comparison_key(fact)
        if key is not None:
            groups[key].append(fact)
    found = []
    for key, members in groups.items():
        if len({m.get("source") for m in members}) < 2:
            continue
        if len({normalised(m.get("value")) for m in members}) < 2:
            continue
        found.append(Discrepancy(key, tuple(members)))
    return sorted(found, key=lambda d: (d.key[0], d.key[1] or "", d.key[2]))
