"""What the checks across files need to know of a fact, in plain values.

``check`` works on these summaries rather than on full records, so a file that has
not changed since the last run costs one small cache read (``marshal``) instead of
rebuilding its records. ``build`` still reads full records for the workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..problems import Location
from . import schema as s
from .discrepancies import COMPARED_KINDS, comparison_key
from .quantity import as_printed, normalised
from .validate import Record

#: per kind: (field, target, is a list) of each reference field, from the schema
REF_FIELDS = {
    kind.name: tuple(
        (spec.name, spec.type.target, False) if isinstance(spec.type, s.Ref)
        else (spec.name, spec.type.item.target, True)
        for spec in kind.all_fields
        if isinstance(spec.type, s.Ref)
        or (isinstance(spec.type, s.ListOf) and isinstance(spec.type.item, s.Ref))
    )
    for kind in s.KINDS.values()
}


class FactSummary(NamedTuple):
    id: str
    kind: str
    source: str
    file: str
    path: tuple
    #: (field, index in a list or -1, target kind, the id named)
    refs: tuple
    #: facts with the same key are compared across sources (None: not compared)
    compare_key: tuple | None
    value_key: str  # the normalised value, canonical text
    printed: str  # the value as printed
    reporter: str
    when: str  # the period or deadline, for messages
    #: where the quote stands in its article, if it prints a figure: (start, end, ...) of
    #: each occurrence in the normalised article, the figures it accounts for (coverage)
    spans: tuple


#: a fact summary and a key path within the fact -> where that is in its file
Locate = Callable[[FactSummary, tuple], Location]


def summarise(fact: Record, spans: tuple = (), compared: bool = True) -> FactSummary:
    """``spans``: where its quote stands in its article (see :class:`FactSummary`);
    ``compared`` False leaves the fact out of the search for disagreements."""
    data = fact.data
    get = data.get
    kind = get("kind", "")
    refs = []
    for name, target, many in REF_FIELDS[kind]:
        value = get(name)
        if value is None:
            continue
        if many:
            refs += [(name, i, target, ref) for i, ref in enumerate(value)]
        else:
            refs.append((name, -1, target, value))
    refs = _share(tuple(refs)) if refs else ()
    key = comparison_key(fact) if compared and kind in COMPARED_KINDS else None
    if key is None:
        return FactSummary(get("id", ""), kind, get("source", ""), fact.file, fact.path,
                           refs, None, "", "", str(get("reporter", "")), "", spans)
    shared = _SHARED.get(key)
    key = shared if shared is not None else _share(tuple(_share(part) for part in key))
    value = get("value")
    # when, as written: compared by resolved dates, shown as the analyst wrote
    period = get("period")
    if period:
        start, end = str(period["start"]), str(period["end"])
        when = start if start == end else f"{start}..{end}"
    else:
        when = f"by {get('deadline')}"
    return FactSummary(
        get("id", ""), kind, get("source", ""), fact.file, fact.path, refs, key,
        str(normalised(value).normalize()), as_printed(value),
        str(get("reporter", "")), when, spans,
    )


_SHARED: dict = {}


def _share(value):
    """One object for equal comparison keys (and their periods and partners) and equal
    references, so that a file's summaries, marshalled, refer to it instead of repeating
    it: smaller to store, faster to load, and shared in memory once loaded."""
    return _SHARED.setdefault(value, value)
