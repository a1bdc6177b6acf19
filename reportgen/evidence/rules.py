"""Rules of one fact that a field's type alone cannot say: which fields go together,
what a value must be given another. Each broken rule is a problem at the field to fix.

Run per fact beside the quote checks (:mod:`reportgen.evidence.check`); ids named in
``related`` are checked across files with every other reference
(:mod:`reportgen.evidence.cross_file`).
"""

from __future__ import annotations

from ..problems import Problem
from . import schema as s
from .quantity import is_percent
from .validate import Record

#: per kind: (path, enum) of each field whose accepted values a project may extend
EXTENSIBLE = {
    kind.name: tuple((spec.name, spec.type) for spec in kind.fields
                     if isinstance(spec.type, s.Enum) and spec.type.extended_by)
    for kind in s.KINDS.values()
}


def fact_problems(fact: Record, extensions: dict[str, tuple[str, ...]]) -> list[Problem]:
    """``extensions``: project-file key (``asset_types``) -> the values the project adds."""
    kind, data = fact.get("kind"), fact.data
    problems = _extended_enums(fact, extensions) if EXTENSIBLE[kind] else []
    if kind == "event":
        problems += _participants(fact)
    elif kind == "rank":
        problems += _rank(fact)
    if "related" in data or "relation" in data:
        problems += _related(fact)
    if "share_of" in data:
        problems += _share_of(fact)
    return problems


def _extended_enums(fact: Record, extensions: dict[str, tuple[str, ...]]) -> list[Problem]:
    problems = []
    for name, enum in EXTENSIBLE[fact.kind]:
        value = fact.get(name)
        added = extensions.get(enum.extended_by, ())
        if value is None or value in enum.values or value in added:
            continue
        problems.append(Problem(
            "invalid-value", f"{value!r} is not one of the accepted values",
            fact.location(name),
            hint="use one of: " + ", ".join(enum.values + tuple(added))
            + f"; or add it to {enum.extended_by} in reportgen.yml",
        ))
    return problems


def _participants(fact: Record) -> list[Problem]:
    named, unknown = fact.get("participants") or [], fact.get("participants_unknown")
    if not named and not unknown:
        where = fact.location("participants") if "participants" in fact.data \
            else fact.location()
        return [Problem(
            "missing-field", "an event needs at least one participant",
            where,
            hint="list the ids of the people who took part (add each as a person fact), "
            "or write participants_unknown: true if the article names no one",
        )]
    if named and unknown:
        return [Problem(
            "invalid-value",
            f"participants_unknown is true, but participants names {len(named)}",
            fact.location("participants_unknown"),
            hint="remove participants_unknown: the participants are known",
        )]
    return []


def _rank(fact: Record) -> list[Problem]:
    position = fact.get("position")
    if position is not None and position < 1:
        return [Problem("invalid-value", f"position {position} is not a place in a ranking",
                        fact.location("position"), hint="1 is the largest, 2 the second")]
    vague = fact.get("qualifier") == "one of the largest"
    if position is None and not fact.get("above") and not vague:
        return [Problem(
            "missing-field", "a rank needs a position or the parties it is ranked above",
            fact.location(),
            hint="position: 1 for 'largest'; above: [Russia] for 'surpassed Russia'; or "
            "qualifier: one of the largest",
        )]
    return []


def _related(fact: Record) -> list[Problem]:
    related, relation = fact.get("related"), fact.get("relation")
    if related and relation is None:
        return [Problem("missing-field", "related figures need a relation",
                        fact.location("related"),
                        hint="relation: one of " + ", ".join(s.RELATIONS))]
    if relation is not None and not related:
        return [Problem("missing-field", "a relation needs the related figures' ids",
                        fact.location("relation"), hint="related: [an-id, ...]")]
    for i, ref in enumerate(related or ()):
        if ref == fact.id:
            return [Problem("invalid-value", "a fact cannot be related to itself",
                            fact.location("related", i), hint="name another fact's id")]
    return []


def _share_of(fact: Record) -> list[Problem]:
    value = fact.get("value") or {}
    if fact.get("share_of") is None or "unit" not in value or is_percent(value):
        return []
    return [Problem(
        "invalid-value", f"share_of is set, but the value's unit is {value['unit']!r}",
        fact.location("share_of"),
        hint="a share is a percent: unit: percent; for a count, leave share_of out",
    )]
