"""Problems are values: each has a stable code, a severity and a location.

A :class:`Report` collects every problem of one run; the CLI prints it and
exits ``int(not report.valid)`` (``--strict`` also fails on warnings).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"

#: Every problem code reportgen emits, with what it means. Tests and users rely on
#: these names; add new ones, never rename.
CODES: dict[str, str] = {
    # reading files
    "file-unreadable": "a file could not be read (missing, a folder, no permission)",
    "yaml-encoding": "the file is not UTF-8 text, or holds a NUL byte",
    "yaml-syntax": "the YAML could not be parsed (bad indentation, a tab, an unclosed quote...)",
    "yaml-duplicate-key": "the same key appears twice in one mapping",
    "yaml-alias": "anchors and aliases (&a, *a) are not allowed in fact files",
    "yaml-tag": "an explicit YAML tag (!!python/object, !foo) is not allowed",
    "yaml-multiple-documents": "a file holds more than one YAML document",
    "yaml-too-deep": "nesting deeper than reportgen accepts",
    "yaml-too-large": "the file is larger than reportgen accepts",
    "path-outside-folder": "a file named by a source (or found among the facts) is absolute, "
    "climbs with '..' or leads through a symbolic link outside its folder",
    "not-a-regular-file": "a path names a folder, device, pipe or socket instead of a file",
    "file-too-large": "an article (or other input) is larger than reportgen reads",
    # schema
    "unknown-field": "a field the schema does not declare (often a typo)",
    "missing-field": "a required field is absent",
    "wrong-type": "a field holds the wrong type of value (a list for text, ...)",
    "invalid-value": "a value is outside what the field accepts (enum, pattern, date, URL)",
    "invisible-character": "text holds an invisible or bidirectional control character "
    "(an error for Bidi_Control and zero-width spaces, a warning for other format characters)",
    "duplicate-id": "two records share an id",
    "unknown-source": "a fact (or a fact file's waiver) names a source id not in the "
    "sources file",
    "unknown-reference": "a fact names a person or fact id that does not exist",
    "wrong-reference": "a reference names a record of the wrong kind",
    # provenance
    "article-missing": "a source's article file does not exist",
    "quote-not-in-article": "a fact's quote is not found in its article",
    "value-not-in-quote": "a number or phrase of the fact is not found in its quote",
    "value-not-in-article": "a phrase the fact cites from elsewhere in its article "
    "(label_from) is not found in the article",
    "empty-file": "a fact file holds no facts, or the sources file lists no sources",
    # periods
    "period-reversed": "a period or event ends before it starts",
    "period-after-article": "a reported (not forecast) figure's period ends after its "
    "article's date",
    # cross-source
    "discrepancy": "reporters give different values for comparable figures (same metric, "
    "period, partners, flow and unit), in one article or several",
    # coverage: every number accounted for
    "unaccounted-figure": "an article prints a figure that no fact quotes and no waiver "
    "covers",
    "unused-waiver": "a waiver (in the sources file or a fact file) covers no figure of "
    "its article",
}


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, 1-based line and column, and a field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        if self.path:
            where = f"{where} {self.path}" if where else self.path
        return where


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, as data."""

    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: str = ERROR
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, not a user's
            raise ValueError(f"unknown problem code {self.code!r}")

    def format(self) -> str:
        text = f"{self.location}: {self.severity}[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["location"] = {k: v for k, v in data["location"].items() if v is not None}
        return data


@dataclass
class Report:
    """The outcome of ``check``: problems plus counts."""

    problems: list[Problem] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    #: what happened along the way that changes no result (a damaged cache entry
    #: discarded...), for a verbose display; never part of the report's data
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def passes(self, strict: bool = False) -> bool:
        return self.valid and not (strict and self.warnings)

    def sorted_problems(self) -> list[Problem]:
        def key(p: Problem):
            loc = p.location
            return (loc.file or "", loc.line or 0, loc.column or 0, p.code, p.message)

        return sorted(self.problems, key=key)

    def summary(self) -> str:
        kinds = self.stats.get("facts_by_kind", {})
        by_kind = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        facts = sum(kinds.values())
        counts = Counter(p.severity for p in self.problems)
        return (
            f"{plural(self.stats.get('sources', 0), 'source')}, {plural(facts, 'fact')}"
            + (f" ({by_kind})" if by_kind else "")
            + f"; {plural(counts[ERROR], 'error')}, {plural(counts[WARNING], 'warning')}"
        )

    def to_dict(self) -> dict:
        return {
            "valid": self.valid,
            "stats": self.stats,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.sorted_problems()],
        }


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``0 errors``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
