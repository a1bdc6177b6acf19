"""``reportgen diff OLD NEW``: what changed between two hand-offs of the facts.

Each side is a JSON Lines export (``reportgen export -o handoff.jsonl``, the snapshot an
analyst keeps with each edition) or a facts folder (or file), checked against the
project's sources and articles. Facts are matched by id: added, removed, and changed
(each column that differs, old and new; the fact file it is written in does not
count, nor the discrepancy it belongs to), and the discrepancies that appeared or were
resolved. The same inputs give the
same report, in id order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .export import COLUMNS, iter_fact_rows, json_line

#: columns a change is not reported for: where the fact is written, and the discrepancy a
#: figure belongs to (derived from other facts: reported as a discrepancy that appeared
#: or was resolved, not as a change of every figure in it)
IGNORED = ("fact_file", "discrepancy")
#: the columns a changed fact names first, in this order
KEY_COLUMNS = ("value", "as_printed", "start", "end", "period_label", "source", "quote")


@dataclass
class Changes:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    #: (id, [(column, old, new)])
    changed: list[tuple[str, list[tuple[str, Any, Any]]]] = field(default_factory=list)
    discrepancies_appeared: list[str] = field(default_factory=list)
    discrepancies_resolved: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.removed)} removed, "
                f"{len(self.changed)} changed; discrepancies: "
                f"{len(self.discrepancies_appeared)} appeared, "
                f"{len(self.discrepancies_resolved)} resolved")

    def lines(self) -> list[str]:
        out = [f"added {r['id']}: {_what(r)}" for r in self.added]
        out += [f"removed {r['id']}: {_what(r)}" for r in self.removed]
        for ident, columns in self.changed:
            out.append(f"changed {ident}: " + "; ".join(
                f"{name} {_shown(old)} -> {_shown(new)}" for name, old, new in columns))
        out += [f"discrepancy appeared: {label}" for label in self.discrepancies_appeared]
        out += [f"discrepancy resolved: {label}" for label in self.discrepancies_resolved]
        return out + [self.summary()]

    def to_dict(self) -> dict:
        return {
            "added": self.added, "removed": self.removed,
            "changed": [{"id": i, "columns": [{"column": c, "old": o, "new": n}
                                              for c, o, n in cols]}
                        for i, cols in self.changed],
            "discrepancies_appeared": self.discrepancies_appeared,
            "discrepancies_resolved": self.discrepancies_resolved,
        }


def _what(row: dict) -> str:
    parts = [row.get("kind"), row.get("label"), row.get("as_printed"),
             row.get("period_label"), f"[{row.get('source')}]"]
    return " ".join(str(p) for p in parts if p)


def _shown(value: Any) -> str:
    return "(none)" if value is None else repr(value) if isinstance(value, str) else \
        json.dumps(value, ensure_ascii=False)


def diff_rows(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Changes:
    """Rows of plain values (as JSON Lines carries them), matched by id."""
    before = {r["id"]: r for r in old}
    after = {r["id"]: r for r in new}
    changes = Changes()
    changes.added = [after[i] for i in sorted(after.keys() - before.keys())]
    changes.removed = [before[i] for i in sorted(before.keys() - after.keys())]
    order = [*KEY_COLUMNS, *(c.name for c in COLUMNS if c.name not in KEY_COLUMNS)]
    for ident in sorted(before.keys() & after.keys()):
        a, b = before[ident], after[ident]
        columns = [(name, a.get(name), b.get(name)) for name in order
                   if name not in IGNORED and a.get(name) != b.get(name)]
        if columns:
            changes.changed.append((ident, columns))
    disputed_before = {r["discrepancy"] for r in old if r.get("discrepancy")}
    disputed_after = {r["discrepancy"] for r in new if r.get("discrepancy")}
    changes.discrepancies_appeared = sorted(disputed_after - disputed_before)
    changes.discrepancies_resolved = sorted(disputed_before - disputed_after)
    return changes


def load_rows(path: Path, sources: Path, articles: Path) -> list[dict[str, Any]]:
    """A JSON Lines export, or the facts of a folder or file checked against the
    project's sources and articles (a side with errors is refused)."""
    if path.is_file() and path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UsageError(f"{path}:{number}: not JSON Lines ({exc.msg})") from None
                if not isinstance(row, dict) or "id" not in row:
                    raise UsageError(f"{path}:{number}: not a row of 'reportgen export'")
                rows.append(row)
        return rows
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{path}: give a JSON Lines export (.jsonl) or a facts folder")
    from ..errors import FactsError
    from .check import check_paths

    checked = check_paths(sources, articles, path)
    if not checked.report.valid:
        raise FactsError(f"the facts in {path} have errors; run 'reportgen check --facts "
                         f"{path}' for the list", checked.report)
    # as a JSON Lines side carries them: numbers, ISO dates, lists
    return [json.loads(json_line(row)) for row in iter_fact_rows(checked.corpus)]
