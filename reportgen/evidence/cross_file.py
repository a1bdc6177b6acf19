"""Checks across fact files, on fact summaries: duplicate ids and references to unknown
sources, people or facts. (Disagreements between sources: :mod:`.discrepancies`.)"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..problems import Problem
from .fact_summary import FactSummary, Locate


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
                if kind is not None and (target == "fact" or kind == target):
                    continue
            where = locate(fact, (name, index) if index >= 0 else (name,))
            if target == "source":
                problems.append(Problem(
                    "unknown-source", f"no source has the id {ref!r}", where,
                    hint=suggest(ref, sources, "add it to the sources file"),
                ))
            elif ref not in kinds:
                what = target
                pool = [k for k, kind in kinds.items() if target == "fact" or kind == target]
                problems.append(Problem(
                    "unknown-reference", f"no {what} has the id {ref!r}", where,
                    hint=suggest(ref, pool, f"add the {what} or fix the id"),
                ))
            else:
                problems.append(Problem(
                    "wrong-reference", f"{ref!r} is {_a(kinds[ref])} fact, not {_a(target)}",
                    where, hint=f"name the id of a kind: {target} fact",
                ))
    return problems


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def suggest(name: str, pool, otherwise: str) -> str:
    close = difflib.get_close_matches(name, list(pool), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else otherwise
