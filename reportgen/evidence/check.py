"""``reportgen check``: every problem of a report's evidence, in one pass.

Per fact file (cached by content, see :mod:`reportgen.evidence.cache`): the file's own
problems from loading (:mod:`reportgen.evidence.corpus`), the rules of one fact
(:mod:`reportgen.evidence.periods`, :mod:`reportgen.evidence.rules`) and provenance (each
quote in its article, each value in its quote). Across files, on fact summaries
(:mod:`reportgen.evidence.cross_file`): duplicate ids, references, and disagreements
between reporters (:mod:`reportgen.evidence.discrepancies`).
"""

from __future__ import annotations

import marshal
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..gcpause import collector_paused
from ..problems import ERROR, Location, Problem, Report
from . import cross_file
from . import schema as s
from .cache import FactCache
from .corpus import (
    Corpus,
    display_path,
    fact_files,
    load_sources,
    read_fact_bytes,
    read_fact_file,
    read_fact_stamped,
    refused,
)
from .coverage import check_waiver, unaccounted_figures
from .discrepancies import discrepancy_warnings
from .fact_summary import FactSummary, summarise
from .figures import may_hold_figure
from .inputs import FileRefused
from .invisible import (
    describe,
    find_invisible,
    invisible_characters,
    may_hold_invisible,
    strip_invisible,
)
from .languages import Language, language_of
from .line_index import LineIndex, StoredFile
from .periods import period_problems
from .printed import printed_quantities, quantity_in_quote
from .provenance import closest_passage, normalise, number_in_quote, phrase_in_quote
from .quantity import as_printed
from .rules import fact_problems
from .validate import Locator, Record


@dataclass
class Checked:
    corpus: Corpus
    report: Report
    summaries: list[FactSummary] = field(default_factory=list)


def check_paths(sources: Path, articles: Path, facts: Path, use_cache: bool = True,
                records: bool = True, asset_types: tuple[str, ...] = (),
                report_only: bool = False) -> Checked:
    """Check a report's evidence; unchanged fact files come from the cache.

    With ``records`` False (``reportgen check``), ``corpus.facts`` stays empty: only the
    summaries the checks need are loaded, which is several times faster when cached.
    With ``report_only`` (and no records), only the report is wanted: when no input has
    changed since a run that stored it, the whole report is read from the cache (see
    :func:`_report_key`) and the summaries stay empty.
    ``asset_types`` are the project's own, beside the schema's."""
    corpus = Corpus(extensions={"asset_types": tuple(asset_types)} if asset_types else {})
    with collector_paused():
        return _check(corpus, sources, articles, facts, use_cache, records,
                      report_only and not records)


def check_project(project, use_cache: bool = True, records: bool = True,
                  report_only: bool = False) -> Checked:
    return check_paths(project.sources, project.articles, project.facts, use_cache, records,
                       project.asset_types, report_only)


def _check(corpus: Corpus, sources: Path, articles: Path, facts: Path, use_cache: bool,
           records: bool, report_only: bool = False) -> Checked:
    load_sources(corpus, sources, articles)
    if corpus.extensions:  # what the facts were checked against includes them
        corpus.evidence_key += repr(sorted(corpus.extensions.items()))
    summaries: list[FactSummary] = []
    locators: dict[str, Locator] = {}
    waived: list[tuple[str, str]] = []  # the fact files' waivers: (source, quote)
    notes: list[str] = []
    if not facts.exists():
        corpus.problems.append(Problem(
            "file-unreadable", "the facts folder does not exist",
            Location(display_path(facts)), hint="create it or fix 'facts' in reportgen.yml",
        ))
        return _report(corpus, summaries, locators, notes)
    cache = FactCache(facts, enabled=use_cache)
    files = _read_fact_files(corpus, cache, facts)
    # the whole report, when every input is as a run that stored it saw it (nothing
    # refused or unreadable, which the keys would not capture)
    whole = _report_key(corpus, sources, articles, facts, files) \
        if report_only and use_cache and not corpus.problems else None
    stored = cache.get(whole, marshal.loads) if whole else None
    if stored is not None:
        try:
            return Checked(corpus, _stored_report(cache, whole, stored, corpus))
        except Exception as exc:  # verified but not the shape a checker wrote
            cache.discard(whole, f"does not fit ({type(exc).__name__})")
    keys = [f.key for f in files]
    _check_fact_files(corpus, cache, facts, records, summaries, locators, waived, files)
    corpus.problems += unaccounted_figures(corpus, summaries, articles, cache, waived)
    checked = _report(corpus, summaries, locators, cache.discarded)
    # stored only if no file was read again (edited meanwhile) and none has been touched
    # since it was read (a fact located in other bytes than its key was made of)
    if whole and keys == [f.key for f in files] and _unchanged(files):
        stats, problems = checked.report.stats, checked.report.problems
        cache.put(whole, (sorted(cache.used), stats["sources"], stats["fact_files"],
                          stats["facts"], list(stats["facts_by_kind"].items()),
                          [_problem_row(p) for p in problems]), marshal.dumps)
    cache.finish()
    return checked


def _report(corpus: Corpus, summaries: list[FactSummary], locators: dict[str, Locator],
            notes: list[str]) -> Checked:
    """The checks across files, and the report."""
    def locate(fact: FactSummary, keys: tuple) -> Location:
        return locators[fact.file](fact.path + keys, False)

    problems = list(corpus.problems)
    problems += cross_file.duplicate_ids(summaries, locate)
    problems += cross_file.references(summaries, corpus.sources, locate)
    problems += discrepancy_warnings(summaries, locate)
    stats = {
        "sources": len(corpus.sources),
        "fact_files": len(corpus.fact_files),
        "facts": len(summaries),
        "facts_by_kind": dict(sorted(Counter(f.kind for f in summaries).items())),
    }
    return Checked(corpus, Report(problems, stats, notes), summaries)


def _problem_row(p: Problem) -> tuple:
    return (p.code, p.message, tuple(vars(p.location).values()), p.severity, p.hint)


def _report_key(corpus: Corpus, sources: Path, articles: Path, facts: Path,
                files: list[_File]) -> str:
    """The key of a whole report: every fact file's key in order (each made of its name,
    its bytes and the sources and articles, see :meth:`FactCache.key`), the evidence (for
    a project with no fact file), and how the three inputs are named in messages (paths
    relative to the working folder). Any edit to any input, or to reportgen, is another
    key: a report is never served for inputs it was not made from."""
    return FactCache.key("report", corpus.evidence_key, display_path(sources),
                         display_path(articles), display_path(facts),
                         *(f.key for f in files)) + ".report"


def _stored_report(cache: FactCache, key: str, stored: tuple, corpus: Corpus) -> Report:
    """The report a run stored under ``key``; every entry that run used is kept (so the
    next run with one file changed finds the others' summaries)."""
    used, sources, fact_files, facts, by_kind, rows = stored
    if sources != len(corpus.sources) or fact_files != len(corpus.fact_files):
        raise ValueError("counts")
    problems = [Problem(*p[:2], Location(*p[2]), *p[3:]) for p in rows]
    stats = {"sources": sources, "fact_files": fact_files, "facts": facts,
             "facts_by_kind": {str(kind): int(n) for kind, n in by_kind}}
    for base in used:
        cache.keep(str(base))
    cache.finish()
    return Report(problems, stats, cache.discarded)


def _unchanged(files: list[_File]) -> bool:
    """Whether every fact file still has the stamp it was read with (else a fact may have
    been located in bytes other than those its key was made of: the report is not
    stored)."""
    from .inputs import stamp_of

    for f in files:
        try:
            if stamp_of(f.stored.path) != f.stored.stamp:
                return False
        except OSError:
            return False
    return True


PARALLEL_BYTES = 4 * 1024 * 1024  # below this much unread YAML, one process is faster


@dataclass
class _File:
    """A fact file read and keyed; its bytes kept only while it may need checking."""

    name: str
    path: Path
    key: str
    stored: StoredFile
    data: bytes | None


def _read_fact_files(corpus: Corpus, cache: FactCache, facts: Path) -> list[_File]:
    """Read and key each fact file. Bytes are kept only of the files with no cached
    summary (the others' are read again if their entry turns out unfit)."""
    files = []
    for path in fact_files(facts):
        name = display_path(path)
        corpus.fact_files.append(name)
        try:
            f = _read_keyed(corpus, cache, facts, path, name)
        except (OSError, FileRefused) as exc:
            corpus.problems.append(refused(exc, Location(name)))
            continue
        corpus.fact_paths.append(path)
        if cache.has(f.key + ".summary"):
            f.data = None
        files.append(f)
    return files


def _read_keyed(corpus: Corpus, cache: FactCache, facts: Path, path: Path, name: str
                ) -> _File:
    root = facts.resolve() if facts.is_dir() else None
    evidence = corpus.evidence_key
    data, full, stamp = read_fact_stamped(path, facts, root)
    key = cache.key(name, data, evidence)
    stored = StoredFile(full, stamp, partial(_has_key, key, name, evidence),
                        partial(read_fact_bytes, path, facts, root))
    return _File(name, path, key, stored, data)


def _check_fact_files(corpus: Corpus, cache: FactCache, facts: Path, want_records: bool,
                      summaries: list[FactSummary], locators: dict[str, Locator],
                      waived: list[tuple[str, str]], files: list[_File]) -> None:
    """Check each fact file: from the cache when unchanged, else read and checked, in
    worker processes when there is enough to read. The results are merged in file order,
    so they are the same whatever the cache held. No file's bytes are kept: a fact is
    located by reading its span again (:class:`~.line_index.StoredFile`)."""
    loaded: list[Unpacked | None] = []
    kept = []
    for f in files:
        cached = _from_cache(cache, f.name, f.stored, f.key, want_records)
        if cached is None and f.data is None:  # its entry was unfit after all: read again
            try:
                f = _read_keyed(corpus, cache, facts, f.path, f.name)
            except (OSError, FileRefused) as exc:  # gone or refused since: as if then
                corpus.problems.append(refused(exc, Location(f.name)))
                corpus.fact_paths.remove(f.path)
                continue
        elif cached is not None:
            f.data = None
        kept.append(f)
        loaded.append(cached)
    files[:] = kept
    fresh = [(f.name, f.data, f.key) for f, cached in zip(files, loaded, strict=True)
             if cached is None]
    computed = _check_fresh(corpus, cache, fresh, want_records)  # type: ignore[arg-type]
    for f, cached in zip(files, loaded, strict=True):
        if cached is None:
            summary, rows = next(computed)
            cache.keep(f.key)  # may be written by a worker: this process must know it's used
            cached = _unpack(f.name, f.stored, summary, rows)
        _merge(corpus, f.name, cached, summaries, locators, waived)
    for _ in computed:  # nothing is left: this ends the workers
        raise AssertionError("more results than files")  # pragma: no cover


def _has_key(key: str, name: str, evidence: str, data: bytes) -> bool:
    """Whether ``data`` are the bytes a file named ``name`` was checked as (its key)."""
    return FactCache.key(name, data, evidence) == key


#: a file's results, ready to merge: its locator, summaries, problems, records (or None),
#: and its waivers' (source, quote)
Unpacked = tuple[LineIndex, list[FactSummary], list[Problem], "list[Record] | None",
                 list[tuple[str, str]]]


def _from_cache(cache: FactCache, name: str, stored: StoredFile, key: str,
                want_records: bool) -> Unpacked | None:
    """A file's results from the cache, or None when absent or not fit to use (then the
    entries are discarded and the file is checked again)."""
    summary = cache.get(key + ".summary", marshal.loads)
    if summary is None:
        return None
    rows = cache.get(key + ".records") if want_records else None
    if want_records and rows is None:
        return None
    try:
        return _unpack(name, stored, summary, rows)
    except Exception as exc:  # verified but not the shape a checker wrote: never trusted
        for part in (".summary", ".records"):
            cache.discard(key + part, f"does not fit ({type(exc).__name__})")
        return None


def _unpack(name: str, stored: StoredFile, summary: tuple, rows: list | None) -> Unpacked:
    found, problems, items, starts, lines, waivers = summary
    if not isinstance(items, int) or not isinstance(starts, list) or \
            not isinstance(lines, list) or len(lines) != len(starts) or \
            (starts and (len(starts) != items or type(starts[-1]) is not int
                         or type(lines[-1]) is not int)):
        raise ValueError("item offsets")
    waived = [(str(source), str(quote)) for source, quote in waivers]
    index = LineIndex(name, None, items, starts or None, lines or None, stored, key="facts")
    facts = [FactSummary._make(f) for f in found]
    problems = [Problem(*p[:2], Location(*p[2]), *p[3:]) for p in problems]
    records = None
    if rows is not None:
        records = [Record(row, name, rpath, index) for row, rpath in rows]
        if len(records) != len(facts) or any(
                not isinstance(r.data, dict) or r.id != f.id for r, f in
                zip(records, facts, strict=True)):
            raise ValueError("records do not match the summary")
    return index, facts, problems, records, waived


def _merge(corpus: Corpus, name: str, unpacked: Unpacked, summaries: list[FactSummary],
           locators: dict[str, Locator], waived: list[tuple[str, str]]) -> None:
    index, facts, problems, records, waivers = unpacked
    locators[name] = index
    summaries.extend(facts)
    waived.extend(waivers)
    corpus.problems.extend(problems)
    if records is not None:
        corpus.facts.extend(records)


_WORKER: dict = {}  # what forked workers inherit: the corpus (articles) and the cache


def _check_fresh(corpus: Corpus, cache: FactCache, fresh: list[tuple[str, bytes, str]],
                 want_records: bool) -> Iterator[tuple[tuple, list | None]]:
    """(summary, rows) per file, computed here or by forked workers, in file order, each
    as soon as it is ready (so this process merges one file while the workers check the
    next). Exhaust it: the workers are shut down at its end."""
    import os

    size = sum(len(data) for _, data, _ in fresh)
    workers = min(os.cpu_count() or 1, len(fresh))
    if workers < 2 or size < PARALLEL_BYTES or not _can_fork():
        for item in fresh:
            yield _check_one(corpus, cache, item, want_records)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    for source_id in list(corpus.sources):  # normalised once, here, for every worker and
        corpus.articles.get(source_id)  # for coverage (which reads every article)
    _WORKER.update(corpus=corpus, cache=cache, records=want_records)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_exit_with_parent, initargs=(os.getpid(),)) \
                as pool:
            yield from pool.map(_check_one_in_worker, fresh, chunksize=1)
    finally:
        _WORKER.clear()


def _can_fork() -> bool:
    """Whether workers can be forked here; asked only when there is enough to read, so a
    check of one changed file does not import multiprocessing (about 5 ms)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the parent is gone (killed, say), rather than live on
    as an orphan holding its memory. A thread looks twice a second."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="reportgen-parent-watch", daemon=True).start()


def _check_one_in_worker(item: tuple[str, bytes, str]):
    return _check_one(_WORKER["corpus"], _WORKER["cache"], item, _WORKER["records"])


def _check_one(corpus: Corpus, cache: FactCache, item: tuple[str, bytes, str],
               want_records: bool) -> tuple[tuple, list | None]:
    """Read and check one file; store it in the cache; return its summary (and rows)."""
    name, data, key = item
    records, problems, waivers = read_fact_file(name, data)
    invisible = may_hold_invisible(data)

    def own_problems() -> tuple[list[Problem], list[tuple]]:
        found, spans = _provenance(corpus, records)
        found += _waiver_problems(corpus, waivers)
        if invisible:
            found += invisible_characters(records + waivers)
        return found, spans

    found, spans = own_problems()
    read = records or waivers
    if found and read and isinstance(read[0].locate, LineIndex):
        # read fast, but has a problem: read it exactly so every line is right
        records, problems, waivers = read_fact_file(name, data, exact=True)
        found, spans = own_problems()
    problems = problems + found
    items = max((r.path[1] for r in records), default=-1) + 1
    broken = _items_with_errors(problems) if problems else ()
    # the items' places: a cached file needs no scan
    index = LineIndex(name, data, items, key="facts")
    summary = (
        [tuple(summarise(r, at, compared=r.path[1] not in broken))
         for r, at in zip(records, spans, strict=True)],
        [(p.code, p.message, tuple(vars(p.location).values()), p.severity, p.hint)
         for p in problems],
        items,
        index.item_starts(),
        index.item_lines(),
        [(w.get("source"), w.get("quote")) for w in waivers
         if w.get("source") and w.get("quote")],
    )
    cache.put(key + ".summary", summary, marshal.dumps)
    if not want_records:
        return summary, None  # only build needs full records: it caches them itself
    rows = [(r.data, r.path) for r in records]
    cache.put(key + ".records", rows)
    return summary, rows


def _waiver_problems(corpus: Corpus, waivers: list[Record]) -> list[Problem]:
    """A fact file's waivers, checked as the sources file's are (coverage.check_waiver):
    a known source, the passage in its article, a figure in the passage."""
    problems = []
    for waiver in waivers:
        source, quote = waiver.get("source"), waiver.get("quote")
        if source is None or quote is None:
            continue  # a missing field is a schema problem, reported by the loader
        if source not in corpus.sources:
            hint = cross_file.suggest(source, corpus.sources, "add it to the sources file")
            problems.append(Problem("unknown-source", f"no source has the id {source!r}",
                                    waiver.location("source"), hint=hint))
            continue
        article = corpus.articles.get(source)
        if article is not None:  # a missing article is reported where it is read
            problems += check_waiver(quote, source, article,
                                     lambda w=waiver: w.location("quote"))[1]
    return problems


def _items_with_errors(problems: list[Problem]) -> set[int]:
    """The indexes of the facts that have an error: they are not compared with others
    until fixed (a misread figure would only add a discrepancy to its error)."""
    found = set()
    for p in problems:
        match = re.match(r"facts\[(\d+)\]", p.location.path or "")
        if match and p.severity == ERROR:
            found.add(int(match.group(1)))
    return found


def _provenance(corpus: Corpus, facts: list[Record]) -> tuple[list[Problem], list[tuple]]:
    """The facts' problems of provenance and of their own rules; and per fact, where its
    quote stands in its article when the quote prints a figure (every occurrence, as
    ``(start, end, start, end, ...)`` in the normalised article; ``()`` otherwise), so
    that coverage (:mod:`reportgen.evidence.coverage`) need not search again."""
    problems: list[Problem] = []
    spans: list[tuple] = []
    sources, articles, extensions = corpus.sources, corpus.articles, corpus.extensions
    for fact in facts:
        data = fact.data
        source_id = data.get("source", "")
        source = sources.get(source_id)
        problems += period_problems(fact, source)
        problems += fact_problems(fact, extensions)
        article = articles.get(source_id)
        quote = data.get("quote")
        if article is None or quote is None:
            spans.append(())
            continue  # unknown source or missing quote is reported elsewhere
        quote = normalise(quote)
        at = article.find(quote)
        if at < 0:
            spans.append(())
            problems.append(_quote_missed(fact, quote, article))
            continue
        spans.append(_occurrences(article, quote, at) if quote and may_hold_figure(quote)
                     else ())
        language = language_of(source and source.get("language"))
        problems += _values_in_quote(fact, quote, language)
        if IN_ARTICLE[data.get("kind")]:
            problems += _phrases_in_article(fact, article)
    return problems, spans


def _occurrences(article: str, quote: str, at: int) -> tuple[int, ...]:
    """``(start, end, ...)`` of every occurrence of ``quote`` in ``article``, the first
    at ``at``."""
    found = []
    while at >= 0:
        found += (at, at + len(quote))
        at = article.find(quote, at + 1)
    return tuple(found)


def _quote_missed(fact: Record, quote: str, article: str) -> Problem:
    """The problem for a quote not in its article: the closest passage, or the invisible
    character that alone makes it miss."""
    hidden = find_invisible(quote)
    if hidden and normalise(strip_invisible(quote)) in article:
        index, char = hidden[0]
        return Problem(
            "quote-not-in-article",
            f"the quote is not in article {fact.get('source')!r} only because it holds the "
            f"invisible character {describe(char)} at character {index + 1}",
            fact.location("quote"), hint="remove the invisible character",
        )
    passage = closest_passage(quote, article)
    return Problem(
        "quote-not-in-article",
        f"the quote is not in article {fact.get('source')!r}",
        fact.location("quote"),
        hint=f"closest passage: {passage!r}" if passage else "copy it from the article",
    )


def _in_quote_paths(fields, prefix=()) -> list[tuple[tuple, s.Field, dict]]:
    """Every field (at any depth) whose value must be in the quote, with its path."""
    found = []
    for spec in fields:
        if isinstance(spec.type, s.Struct):
            found += [(prefix + (spec.name,) + path, f, struct)
                      for path, f, struct in _in_quote_paths(spec.type.fields)]
        elif spec.in_quote:
            found.append((prefix + (spec.name,), spec, None))
    return found


#: per kind: the paths of the values its quote must contain, from the schema
IN_QUOTE = {kind.name: _in_quote_paths(kind.all_fields) for kind in s.KINDS.values()}


def _in_article_paths(fields, prefix=()) -> list[tuple]:
    found = []
    for spec in fields:
        if isinstance(spec.type, s.Struct):
            found += _in_article_paths(spec.type.fields, prefix + (spec.name,))
        elif spec.in_article:
            found.append(prefix + (spec.name,))
    return found


#: per kind: the paths of the phrases its article (not necessarily its quote) must contain
IN_ARTICLE = {kind.name: _in_article_paths(kind.all_fields) for kind in s.KINDS.values()}


def _phrases_in_article(fact: Record, article: str) -> list[Problem]:
    problems = []
    for path in IN_ARTICLE[fact.get("kind")]:
        if path[0] not in fact.data:
            continue
        value = fact.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and not phrase_in_quote(str(value), article):
            problems.append(Problem(
                "value-not-in-article",
                f"{path[-1]} {value!r} is not in article {fact.get('source')!r}",
                fact.location(*path),
                hint="copy the words that state the period from the article",
            ))
    return problems


def _values_in_quote(fact: Record, quote: str, language: Language | None = None
                     ) -> list[Problem]:
    """Each value of the fact is in its quote; numbers as ``language`` prints them
    (English when None)."""
    problems = []
    data = fact.data
    lowered = None  # the quote in lower case, made once for its phrases
    for path, spec, _ in IN_QUOTE[data.get("kind")]:
        if path[0] not in data:
            continue  # most optional fields are absent: skip the walk
        parent = data
        for key in path[:-1]:
            parent = parent.get(key)
            if parent is None:
                break
        value = parent.get(path[-1]) if parent is not None else None
        if value is None:
            continue
        if spec.type is s.NUMBER and language and "unit" in parent:
            if not quantity_in_quote(parent, quote, language):
                problems.append(_not_printed(fact, path, parent, quote, language))
            continue
        if spec.type is s.NUMBER:
            if not number_in_quote(value, quote):
                shown = as_printed(parent) if "unit" in parent else str(value)
                problems.append(Problem(
                    "value-not-in-quote",
                    f"the number {value} ({shown}) is not in the quote",
                    fact.location(*path),
                    hint="write the number as printed in the quote, or quote the sentence "
                    "that states it",
                ))
            continue
        if lowered is None:
            lowered = quote.lower()
        options = [value] + list(parent.get(spec.alternatives) or []) if spec.alternatives \
            else (value,)
        if not any(phrase_in_quote(str(o), quote, lowered) for o in options):
            problems.append(Problem(
                "value-not-in-quote",
                f"{spec.name} {value!r} is not in the quote",
                fact.location(*path),
                hint="write it exactly as printed"
                + (f", or list the printed form in {spec.alternatives}"
                   if spec.alternatives else ""),
            ))
    return problems


def _not_printed(fact: Record, path: tuple, quantity: dict, quote: str,
                 language: Language) -> Problem:
    """A quantity the quote does not print: name what it does print."""
    printed = list(dict.fromkeys(p.text for p in printed_quantities(quote, language)))
    shown = ", ".join(repr(p) for p in printed[:6]) or "no number"
    return Problem(
        "value-not-in-quote",
        f"the number {quantity['amount']} ({as_printed(quantity)}) is not in the "
        f"{language.name} quote, which prints {shown}",
        fact.location(*path),
        hint="write the amount as printed, with a decimal point and no separators, and its "
        "scale word in scale; or quote the sentence that states it",
    )
