"""Linked figures: what each fact's ``related`` ids and ``relation`` say, read both ways,
so the workbook can show a figure with those it is linked to."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from .validate import Record

#: how a relation reads from the other end
CONVERSE = {"same-series": "same-series", "revises": "revised by", "narrower": "broader",
            "broader": "narrower", "rounds": "rounded by"}


class Link(NamedTuple):
    other: str  # the linked fact's id
    relation: str  # as it reads from this fact: 'revises', 'revised by', ...


def links(facts: list[Record]) -> dict[str, list[Link]]:
    """Fact id -> its links, in both directions, each once, sorted by the other id."""
    found: dict[str, set[Link]] = defaultdict(set)
    for fact in facts:
        relation = fact.get("relation")
        for other in fact.get("related") or ():
            found[fact.id].add(Link(other, relation))
            found[other].add(Link(fact.id, CONVERSE.get(relation, relation)))
    return {fid: sorted(found[fid]) for fid in sorted(found)}
