"""Ranks over time: the ranks of one subject, by one measure, among one field, in date
order, so a change of rank ('second largest trading partner' in 2023, 'largest' in 2025)
can be shown. A rank holds at the end of its period, else at its ``as_of`` date, else at
its article's date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .validate import Record
from .values import PartialDate


@dataclass(frozen=True)
class RankSeries:
    key: tuple  # (subject, metric, among), case-folded
    facts: tuple[Record, ...]  # oldest first
    dates: tuple[PartialDate | None, ...]  # when each rank holds

    @property
    def changed(self) -> bool:
        """More than one rank: a change over time (or reporters that differ)."""
        return len({standing(f) for f in self.facts}) > 1


def rank_key(fact: Record) -> tuple:
    return tuple(" ".join(str(fact.get(name, "")).split()).casefold()
                 for name in ("subject", "metric", "among"))


def standing(fact: Record) -> tuple:
    """What a rank says: its position, how it is meant, whom it is above."""
    return (fact.get("position"), fact.get("qualifier", "exactly"),
            tuple(sorted(a.casefold() for a in fact.get("above", ()))))


def holds_on(fact: Record, sources: dict[str, Record]) -> PartialDate | None:
    period = fact.get("period")
    if period and period.get("end") is not None:
        return period["end"]
    if fact.get("as_of") is not None:
        return fact.get("as_of")
    source = sources.get(fact.get("source", ""))
    return source.get("date") if source is not None else None


def rank_series(facts: list[Record], sources: dict[str, Record]) -> list[RankSeries]:
    """Every group of two or more ranks of the same subject, measure and field."""
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for fact in facts:
        if fact.kind == "rank":
            groups[rank_key(fact)].append(fact)
    found = []
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        dated = sorted(((holds_on(f, sources), f) for f in members),
                       key=lambda d: (d[0] is None, d[0].first_day() if d[0] else None,
                                      d[1].id))
        found.append(RankSeries(key, tuple(f for _, f in dated), tuple(d for d, _ in dated)))
    return found
