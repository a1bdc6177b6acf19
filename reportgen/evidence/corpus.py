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
from typing import NamedTuple

from ..problems import Location, Problem
from . import schema as s
from .fast_yaml import load_fast
from .inputs import (
    MAX_ARTICLE_BYTES,
    FileRefused,
    Stamp,
    confined,
    is_inside,
    read_regular,
    read_stamped,
    resolve_below,
)
from .invisible import invisible_characters, may_hold_invisible
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
    #: source id -> its article file, resolved (inside the articles folder)
    article_paths: dict[str, Path] = field(default_factory=dict)
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
    """The fact files of a folder, sorted; anything named like one that is not a folder is
    listed, so a pipe or a dangling link is reported rather than skipped."""
    if not folder.is_dir():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in FACT_SUFFIXES and not p.is_dir())


class FactFile(NamedTuple):
    """One fact file read: its facts, its own problems (schema, YAML), its waivers."""

    facts: list[Record]
    problems: list[Problem]
    waivers: list[Record]


#: the top-level lists of a fact file beside ``facts``, each of one struct
_FACT_FILE_OTHERS = {"waivers": s.FILE_WAIVER}


def read_fact_file(name: str, data: bytes, exact: bool = False) -> FactFile:
    """Read one fact file: typed records (facts, then waivers) and the file's own problems.

    ``exact`` skips the fast path (for a file found to have a problem later on)."""
    records, problems = read_records_file(name, data, "facts", fact_fields, exact,
                                          _FACT_FILE_OTHERS)
    facts = [r for r in records if r.path[0] == "facts"]
    return FactFile(facts, problems, records[len(facts):])


def read_records_file(name: str, data: bytes, top_key: str, fields_for,
                      exact: bool = False, others: dict[str, s.Struct] | None = None
                      ) -> tuple[list[Record], list[Problem]]:
    """Read a file of ``{top_key: [records]}`` (and the lists ``others`` names), fast when
    it cannot mislead, else exactly."""
    if len(data) > MAX_BYTES:
        return [], load_yaml(name, data, name).problems
    text, problem = decode(name, data)
    if problem:
        return [], [problem]
    root = None if exact else load_fast(text)
    if root is not None:
        try:
            records, validator = read_records(root, name, top_key, fields_for, None, others)
        except Fallback:
            validator = None
        if validator is not None and not validator.found:
            items = root.get(top_key) if isinstance(root, dict) else None
            index = LineIndex(name, data, len(items) if isinstance(items, list) else 0,
                              key=top_key)
            for record in records:
                record.locate = index
            return records, []
    parsed = parse_text(name, text)
    if parsed.root is None and not parsed.problems:
        return [], [Problem("empty-file", f"the file holds no {top_key}", Location(name),
                            severity="warning")]
    records, validator = read_records(parsed.root, name, top_key, fields_for,
                                      parsed.location, others)
    return records, parsed.problems + validator.located(parsed.location)


def read_fact_bytes(path: Path, facts: Path, root: Path | None) -> bytes:
    """A fact file's bytes: a regular file inside the facts folder ``facts``, resolved as
    ``root`` (None when ``facts`` is itself the one fact file)."""
    return read_fact_stamped(path, facts, root)[0]


def read_fact_stamped(path: Path, facts: Path, root: Path | None
                      ) -> tuple[bytes, Path, Stamp]:
    """:func:`read_fact_bytes`, with the path it was read from (resolved) and its stamp,
    to read part of it again (:func:`~.inputs.read_again`)."""
    if root is None:
        full = path.resolve()
    else:
        full = resolve_below(root, path.relative_to(facts).parts)
    if root is not None and not is_inside(full, root):
        raise FileRefused("path-outside-folder",
                          f"the fact file leads (through a symbolic link) outside {facts.name}/",
                          f"put the file itself in {facts.name}/")
    # one byte more than the YAML reader accepts, so a larger file is reported as such
    data, stamp = read_stamped(full, MAX_BYTES + 1, "fact file")
    return data, full, stamp


def refused(exc: FileRefused | OSError, location: Location, code: str = "file-unreadable",
            what: str = "the file") -> Problem:
    """The problem for a file that could not or would not be read."""
    if isinstance(exc, FileRefused):
        return Problem(exc.code, exc.message, location, hint=exc.hint)
    return Problem(code, f"cannot read {what}: {exc.strerror or exc}", location)


def load_sources(corpus: Corpus, sources_file: Path, articles_dir: Path) -> None:
    """Read the sources file and each source's article; set ``corpus.evidence_key``."""
    name = display_path(sources_file)
    evidence = hashlib.sha256()
    try:
        data = read_regular(sources_file, MAX_BYTES + 1, "sources file")
    except (OSError, FileRefused) as exc:
        corpus.problems.append(refused(exc, Location(name)))
        data = None
    else:
        evidence.update(data)
    records, problems = read_records_file(name, data, "sources", source_fields) if data \
        else ([], [])
    corpus.problems.extend(problems)
    if data and may_hold_invisible(data):
        corpus.problems.extend(invisible_characters(records))
    if data is not None and not records and not problems:
        corpus.problems.append(Problem(
            "empty-file", "the sources file lists no sources", Location(name),
            hint="add one entry per article: id, file, title, outlet, date"))
    root = articles_dir.resolve()
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
        try:
            article = confined(articles_dir, record.get("file", ""), "article", root)
            data = read_regular(article, MAX_ARTICLE_BYTES, "article")
        except FileRefused as exc:
            corpus.problems.append(refused(exc, record.location("file")))
            continue
        except OSError as exc:
            corpus.problems.append(Problem(
                "article-missing",
                f"article {display_path(article)} cannot be read: {exc.strerror or exc}",
                record.location("file"),
                hint=f"put the article's text in {display_path(articles_dir)}",
            ))
            continue
        corpus.article_paths[record.id] = article
        evidence.update(record.id.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
        text = _plain_utf8(data)
        if text is None:  # a NUL, a byte that is not UTF-8, or a BOM: decode says which
            text, problem = decode(display_path(article), data)
            if problem:
                corpus.problems.append(problem)
                continue
        corpus.articles.add(record.id, text)
    corpus.evidence_key = evidence.hexdigest()


def _plain_utf8(data: bytes) -> str | None:
    """The text of UTF-8 bytes with no NUL and no BOM (most files), else None."""
    if b"\x00" in data or data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
