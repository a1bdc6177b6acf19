"""Checks across files, on fact summaries: duplicate ids, references, disagreements."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from .compare import disagreeing_groups
from .problems import WARNING, Location, Problem
from .summary import FactSummary

#: file name -> locator (path, at_key) -> Location
Locate = Callable[[FactSummary, tuple], Location]

LISTED = 6  # figures named in one discrepancy warning; the workbook lists them all


def duplicate_ids(facts: list[FactSummary], locate: Locate) -> list[Problem]:
    seen: dict[str, FactSummary] = {}
    problems = []
    for fact in facts:
        first = seen.setdefault(fact.id, fact)
        if first is fact:
            continue
        where = locate(first, ("id",))
        problems.append(Problem(
            "duplicate-id",
            f"fact id {fact.id!r} is already used at {where.file}:{where.line}",
            locate(fact, ("id",)), hint="give each fact its own id",
        ))
    return problems


def references(facts: list[FactSummary], sources: Iterable[str],
               locate: Locate) -> list[Problem]:
    kinds = {fact.id: fact.kind for fact in facts}
    sources = set(sources)
    problems = []
    for fact in facts:
        for name, index, target, ref in fact.refs:
            if target == "source":
                if ref in sources:
                    continue
            else:
                kind = kinds.get(ref)
                if kind is not None and (target != "person" or kind == "person"):
                    continue
            where = locate(fact, (name, index) if index >= 0 else (name,))
            if target == "source":
                problems.append(Problem(
                    "unknown-source", f"no source has the id {ref!r}", where,
                    hint=_suggest(ref, sources, "add it to the sources file"),
                ))
            elif ref not in kinds:
                what = "person" if target == "person" else "fact"
                pool = [k for k, kind in kinds.items() if target != "person" or kind == "person"]
                problems.append(Problem(
                    "unknown-reference", f"no {what} has the id {ref!r}", where,
                    hint=_suggest(ref, pool, f"add the {what} or fix the id"),
                ))
            else:
                problems.append(Problem(
                    "wrong-reference", f"{ref!r} is a {kinds[ref]} fact, not a person", where,
                    hint="name the id of a kind: person fact",
                ))
    return problems


def _suggest(name: str, pool, otherwise: str) -> str:
    close = difflib.get_close_matches(name, list(pool), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else otherwise


def discrepancies(facts: list[FactSummary], locate: Locate) -> list[Problem]:
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
