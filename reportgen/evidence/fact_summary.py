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
from .discrepancies import comparison_key
from .figures import may_hold_figure
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
    #: the quote, if it prints a figure: the figures of its article it accounts for
    quote: str


#: a fact summary and a key path within the fact -> where that is in its file
Locate = Callable[[FactSummary, tuple], Location]


def summarise(fact: Record, compared: bool = True) -> FactSummary:
    """``compared`` False leaves the fact out of the search for disagreements."""
    refs = []
    for name, target, many in REF_FIELDS[fact.kind]:
        value = fact.get(name)
        if value is None:
            continue
        if many:
            refs += [(name, i, target, ref) for i, ref in enumerate(value)]
        else:
            refs.append((name, -1, target, value))
    key = comparison_key(fact) if compared else None
    value = fact.get("value")
    when = ""
    if key is not None:  # as written: compared by resolved dates, shown as the analyst wrote
        period = fact.get("period")
        start, end = (str(period["start"]), str(period["end"])) if period else ("", "")
        when = (start if start == end else f"{start}..{end}") if period else \
            f"by {fact.get('deadline')}"
    return FactSummary(
        fact.id, fact.kind, fact.get("source", ""), fact.file, fact.path, tuple(refs), key,
        str(normalised(value).normalize()) if key is not None else "",
        as_printed(value) if key is not None else "",
        str(fact.get("reporter", "")), when, _quote_with_figures(fact.get("quote")),
    )


def _quote_with_figures(quote: str | None) -> str:
    """Coverage needs only the quotes that print a figure; the rest stay out of the
    cached summary (smaller to load on every check)."""
    return quote if quote and may_hold_figure(quote) else ""
