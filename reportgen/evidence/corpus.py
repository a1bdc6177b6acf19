"""Load a report's evidence: the sources file, the articles, the fact files.

Loading never raises for bad content; it returns records and the problems it met.
A fact file is read by the fast path when that cannot mislead
(:mod:`reportgen.evidence.fast_yaml`) and has no problem; otherwise, and for every file with
a problem, by the exact parser, so each problem names its line. Checks across
records live in :mod:`reportgen.evidence.check`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Location, Problem
from .fast_yaml import load_fast
from .line_index import LineIndex
from .provenance import normalise
from .safe_yaml import MAX_BYTES, decode, load_yaml, parse_text
from .validate import Fallback, Record, fact_fields, read_records, source_fields

FACT_SUFFIXES = (".yaml", ".yml")


class Articles:
    """Source id -> the article's text, normalised for matching when first asked for."""

    def __init__(self) -> None:
        self._raw: dict[str, str] = {}
        self._normalised: dict[str, str] = {}

    def add(self, source_id: str, text: str) -> None:
        self._raw[source_id] = text

    def get(self, source_id: str, default: str | None = None) -> str | None:
        text = self._normalised.get(source_id)
        if text is None and source_id in self._raw:
            text = self._normalised[source_id] = normalise(self._raw[source_id])
        return default if text is None else text

    def raw(self, source_id: str) -> str | None:
        """The article's text as its file has it (paragraphs and all)."""
        return self._raw.get(source_id)

    def __contains__(self, source_id: str) -> bool:
        return source_id in self._raw

    def __len__(self) -> int:
        return len(self._raw)


@dataclass
class Corpus:
    sources: dict[str, Record] = field(default_factory=dict)
    articles: Articles = field(default_factory=Articles)  # source id -> normalised text
    facts: list[Record] = field(default_factory=list)
    fact_files: list[str] = field(default_factory=list)  # as shown in messages
    fact_paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: a hash of the sources file and every article: what provenance was checked against
    evidence_key: str = ""
    #: project-file key -> values a project adds to an extensible list (``asset_types``)
    extensions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Record]:
        return {fact.id: fact for fact in self.facts}


def display_path(path: Path, base: Path | None = None) -> str:
    """Paths in messages: relative to the working folder when inside it."""
    full = os.path.abspath(path)
    root = os.path.abspath(base or os.getcwd())
    if full == root or full.startswith(root.rstrip(os.sep) + os.sep):
        return os.path.relpath(full, root)
    return full


def fact_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in FACT_SUFFIXES and p.is_file())


def read_fact_file(name: str, data: bytes, exact: bool = False
                   ) -> tuple[list[Record], list[Problem]]:
    """Read one fact file: typed records and the file's own problems (schema, YAML).

    ``exact`` skips the fast path (for a file found to have a problem later on)."""
    return read_records_file(name, data, "facts", fact_fields, exact)


def read_records_file(name: str, data: bytes, top_key: str, fields_for,
                      exact: bool = False) -> tuple[list[Record], list[Problem]]:
    """Read a file of ``{top_key: [records]}``, fast when it cannot mislead, else exactly."""
    if len(data) > MAX_BYTES:
        return [], load_yaml(name, data, name).problems
    text, problem = decode(name, data)
    if problem:
        return [], [problem]
    root = None if exact else load_fast(text)
    if root is not None:
        try:
            records, validator = read_records(root, name, top_key, fields_for)
        except Fallback:
            validator = None
        if validator is not None and not validator.found:
            items = root.get(top_key) if isinstance(root, dict) else None
            index = LineIndex(name, data, len(items) if isinstance(items, list) else 0)
            for record in records:
                record.locate = index
            return records, []
    parsed = parse_text(name, text)
    if parsed.root is None and not parsed.problems:
        return [], [Problem("empty-file", f"the file holds no {top_key}", Location(name),
                            severity="warning")]
    records, validator = read_records(parsed.root, name, top_key, fields_for,
                                      parsed.location)
    return records, parsed.problems + validator.located(parsed.location)


def load_sources(corpus: Corpus, sources_file: Path, articles_dir: Path) -> None:
    """Read the sources file and each source's article; set ``corpus.evidence_key``."""
    name = display_path(sources_file)
    evidence = hashlib.sha256()
    try:
        data = sources_file.read_bytes()
    except OSError as exc:
        corpus.problems.append(Problem(
            "file-unreadable", f"cannot read the file: {exc.strerror or exc}", Location(name)))
        data = b""
    else:
        evidence.update(data)
    records, problems = read_records_file(name, data, "sources", source_fields) if data \
        else ([], [])
    corpus.problems.extend(problems)
    for record in records:
        if record.id in corpus.sources:
            first = corpus.sources[record.id].location("id")
            corpus.problems.append(Problem(
                "duplicate-id",
                f"source id {record.id!r} is already used at line {first.line}",
                record.location("id"), hint="give each source its own id",
            ))
            continue
        corpus.sources[record.id] = record
        article = articles_dir / record.get("file", "")
        try:
            data = article.read_bytes()
        except OSError as exc:
            corpus.problems.append(Problem(
                "article-missing",
                f"article {display_path(article)} cannot be read: {exc.strerror or exc}",
                record.location("file"),
                hint=f"put the article's text in {display_path(articles_dir)}",
            ))
            continue
        evidence.update(record.id.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
        text, problem = decode(str(article), data)
        if problem:
            problem = decode(display_path(article), data)[1]
            corpus.problems.append(problem)
            continue
        corpus.articles.add(record.id, text)
    corpus.evidence_key = evidence.hexdigest()
