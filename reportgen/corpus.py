"""Load a report's evidence: the sources file, the articles, the fact files.

Loading never raises for bad content; it returns a :class:`Corpus` with the
records it could read and the problems it met. Checks across records live in
:mod:`reportgen.check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Location, Problem
from .provenance import normalise
from .validate import Record, fact_fields, read_records, source_fields
from .yamlsafe import decode, load_yaml

FACT_SUFFIXES = (".yaml", ".yml")


@dataclass
class Corpus:
    sources: dict[str, Record] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)  # source id -> normalised text
    facts: list[Record] = field(default_factory=list)
    fact_files: list[str] = field(default_factory=list)  # as shown in messages
    fact_paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Record]:
        return {fact.id: fact for fact in self.facts}


def display_path(path: Path, base: Path | None = None) -> str:
    """Paths in messages: relative to the working folder when possible."""
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def fact_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in FACT_SUFFIXES and p.is_file())


def load_corpus(sources_file: Path, articles_dir: Path, facts_dir: Path) -> Corpus:
    corpus = Corpus()
    _load_sources(corpus, sources_file, articles_dir)
    if not facts_dir.exists():
        corpus.problems.append(Problem(
            "file-unreadable", "the facts folder does not exist",
            Location(display_path(facts_dir)), hint="create it or fix 'facts' in reportgen.yml",
        ))
        return corpus
    for path in fact_files(facts_dir):
        name = display_path(path)
        corpus.fact_files.append(name)
        corpus.fact_paths.append(path)
        parsed = load_yaml(path, name=name)
        corpus.problems.extend(parsed.problems)
        if parsed.root is None and not parsed.problems:
            corpus.problems.append(Problem(
                "empty-file", "the file holds no facts", Location(name), severity="warning",
            ))
            continue
        records, problems = read_records(parsed.root, name, "facts", fact_fields)
        corpus.problems.extend(problems)
        corpus.facts.extend(records)
    return corpus


def _load_sources(corpus: Corpus, sources_file: Path, articles_dir: Path) -> None:
    name = display_path(sources_file)
    parsed = load_yaml(sources_file, name=name)
    corpus.problems.extend(parsed.problems)
    records, problems = read_records(parsed.root, name, "sources", source_fields)
    corpus.problems.extend(problems)
    for record in records:
        if record.id in corpus.sources:
            first = corpus.sources[record.id]
            corpus.problems.append(Problem(
                "duplicate-id",
                f"source id {record.id!r} is already used at line {first.node.line}",
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
        text, problem = decode(display_path(article), data)
        if problem:
            corpus.problems.append(problem)
            continue
        corpus.articles[record.id] = normalise(text)
