"""The What changed sheet: what this edition changes since a previous one.

``build --since OLD.xlsx`` reads the facts snapshot of the previous edition's workbook
(:mod:`.snapshot`), compares it with the rows this build carries
(:func:`reportgen.evidence.diff.diff_rows`, the same comparison ``reportgen diff``
prints) and hands the result here as a :class:`Comparison`. Each fact added, removed or
changed and each discrepancy that appeared or was resolved becomes one row of the
``changes`` collection, in the order ``reportgen diff`` lists them, linking to the row
that shows it in this workbook (a removed fact has none, and says so; a discrepancy
links to its Discrepancies row). Without a previous edition the collection is empty,
``previous_edition`` is empty (the starter template hides the What changed sheet on it:
defined name ``if.previous_edition``) and the About sheet's line says plainly that
nothing was compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..evidence.diff import Changes
from ..evidence.values import PartialDate
from ..template.values import RowLink
from .periods import period_words

if TYPE_CHECKING:
    from .model import Evidence, Table

#: the collection each fact kind is shown in: a change links to the fact's row there
SHOWN_IN = {"trade": "trade", "growth": "growth", "target": "targets",
            "project": "projects", "asset": "assets", "person": "people", "role": "roles",
            "event": "events", "rank": "ranks", "cooperation": "cooperation"}
#: kinds whose label is a metric (shown with the project's human label)
_METRIC_KINDS = ("trade", "growth", "target", "rank")
#: how a column of the snapshot is named in a change, where its name alone is unclear
COLUMN_WORDS = {"value": "Value (in full)", "as_printed": "As printed", "start": "From",
                "end": "To", "period_label": "Period as printed", "source": "Source",
                "source_date": "Source date", "value_field": "Value field",
                "resolved_by": "How the period was resolved", "fact_file": "Fact file"}
ARROW = "\u2192"
#: the link column of a change with no row in this edition (the template greys it out)
NO_ROW = "No row: "
#: said to the reader when no previous edition was given (how to give one belongs in the
#: docs and the CLI's help, not in a policy document)
NOT_COMPARED = "Not compared with an earlier edition."


@dataclass
class Comparison:
    """A previous edition and what changed since: the rows each workbook carries."""

    changes: Changes
    old_rows: list[dict[str, Any]]
    new_rows: list[dict[str, Any]]
    #: the previous edition in words: 'input fingerprint d1dd..., articles to 2024-03-05'
    edition: str


def name_edition(rows: list[dict[str, Any]], fingerprint: str, title: str, sha256: str,
                 current_title: str) -> str:
    """The previous edition as the About sheet names it: its input fingerprint (what its
    own About sheet, or Cover, shows; the workbook's SHA-256 for a snapshot that predates
    it), its newest article and, when it differs from this one, its title. No clock is
    read."""
    parts = [f"input fingerprint {fingerprint}" if fingerprint
             else f"workbook sha256 {sha256[:16]}"]
    dates = [r["source_date"] for r in rows if r.get("source_date")]
    if dates:
        parts.append(f"articles to {max(dates)}")
    named = f"'{title}', " if title and title != current_title else ""
    return named + ", ".join(parts)


def changes_scalars(comparison: Comparison | None) -> dict[str, Any]:
    """The About sheet's line, the What changed sheet's introduction and the previous
    edition in words (None without one)."""
    if comparison is None:
        return {"changes_line": NOT_COMPARED, "changes_intro": NOT_COMPARED,
                "change_count": 0, "previous_edition": None}
    c = comparison.changes
    count = len(c.added) + len(c.removed) + len(c.changed) + \
        len(c.discrepancies_appeared) + len(c.discrepancies_resolved)
    line = f"Changes since the previous edition ({comparison.edition}): {c.summary()}"
    intro = (f"Compared with the previous edition ({comparison.edition}): "
             + (f"{c.summary()}. One row per change; 'Row in this edition' opens "
                "the row that shows it in this workbook." if count else
                "nothing changed in the facts."))
    return {"changes_line": line + (" \u2014 see What changed." if count else "."),
            "changes_intro": intro, "change_count": count,
            "previous_edition": comparison.edition}


def changes_table(comparison: Comparison | None, ev: Evidence, disputed: dict[str, str]
                  ) -> Table:
    """One row per change; ``disputed`` maps fact ids to their Discrepancies row id."""
    from .model import NOUNS, new_table

    t = new_table("changes")
    if comparison is None:
        return t
    c = comparison.changes

    def kind_words(kind: str) -> str:
        one = NOUNS.get(kind, (kind, kind))[0]
        return one[:1].upper() + one[1:]

    for row in c.added:
        t.add(change="Added", kind=kind_words(row["kind"]), fact=_described(row, ev),
              what_changed=_quoted("Quote", row.get("quote")), link=_row_link(row),
              id=row["id"])
    for row in c.removed:
        t.add(change="Removed", kind=kind_words(row["kind"]), fact=_described(row, ev),
              what_changed=_quoted("Quote was", row.get("quote")),
              link=NO_ROW + "removed", id=row["id"])
    new_by_id = {r["id"]: r for r in comparison.new_rows}
    for ident, columns in c.changed:
        row = new_by_id[ident]
        t.add(change="Changed", kind=kind_words(row["kind"]), fact=_described(row, ev),
              what_changed="\n".join(
                  f"{_column(name)}: {_shown(old)} {ARROW} {_shown(new)}"
                  for name, old, new in columns),
              link=_row_link(row), id=ident)
    for label in c.discrepancies_appeared:
        group = [r for r in comparison.new_rows if r.get("discrepancy") == label]
        row_id = next((disputed[r["id"]] for r in group if r["id"] in disputed), None)
        t.add(change="Discrepancy appeared", kind="Disputed figure",
              fact=_dispute(group, ev), what_changed=_figures(group),
              link=RowLink(f"Discrepancies {row_id}", "discrepancies", row_id)
              if row_id else None, id=label)
    for label in c.discrepancies_resolved:
        group = [r for r in comparison.old_rows if r.get("discrepancy") == label]
        t.add(change="Discrepancy resolved", kind="Disputed figure",
              fact=_dispute(group, ev), what_changed="Was: " + _figures(group),
              link=NO_ROW + "resolved", id=label)
    return t


def _row_link(row: dict[str, Any]) -> RowLink:
    return RowLink("Go to row", SHOWN_IN[row["kind"]], row["id"])


def _label(row: dict[str, Any], ev: Evidence) -> str:
    label = row.get("label") or row["id"]
    return ev.label(label) if row["kind"] in _METRIC_KINDS else str(label)


def _when(row: dict[str, Any]) -> str:
    start, end = _day(row.get("start")), _day(row.get("end"))
    return period_words(start, end) if start else ""


def _day(text: Any) -> PartialDate | None:
    try:
        day = date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return PartialDate(day.year, day.month, day.day) if day else None


def _described(row: dict[str, Any], ev: Evidence) -> str:
    """The fact in a line: 'Chinese investment inflow: 1.4 billion USD, Jan–Sep 2023
    (primeminister.kz, ~2024-03)'."""
    from .model import source_label

    what = ", ".join(x for x in (row.get("as_printed"), _when(row)) if x)
    known = ev.sources.get(row.get("source") or "")
    source = source_label(known) if known is not None else ", ".join(
        str(x) for x in (row.get("outlet") or row.get("source"), row.get("source_date")) if x)
    return f"{_label(row, ev)}{': ' + what if what else ''} ({source})"


def _dispute(group: list[dict[str, Any]], ev: Evidence) -> str:
    if not group:
        return ""
    from .disputes import KIND_WORDS

    first = group[0]
    partners = ", ".join(sorted(first.get("partners") or ()))
    return f"{_label(first, ev)}{KIND_WORDS.get(first['kind'], '')}, {_when(first)}" + \
        (f" ({partners})" if partners else "")


def _figures(group: list[dict[str, Any]]) -> str:
    """Who gives what, lowest first; a reporter repeating a figure is named once."""
    said = (f"{r.get('as_printed')} per {r.get('reporter') or r.get('outlet')}"
            for r in sorted(group, key=lambda r: (r.get("value") or 0, r["id"])))
    return "; ".join(dict.fromkeys(said))


def _quoted(label: str, quote: str | None) -> str | None:
    return f"{label}: \u201c{quote}\u201d" if quote else None


def _column(name: str) -> str:
    return COLUMN_WORDS.get(name) or name.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    """A value of the snapshot as a reader reads it: numbers with separators, lists
    joined, nothing as '(none)'."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        return f"{number:,f}" if number != number.to_integral_value() else f"{int(number):,}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
