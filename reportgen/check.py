"""``reportgen check``: every problem of a report's evidence, in one pass.

Schema problems come from loading (:mod:`reportgen.corpus`); this module adds
what needs the whole corpus: duplicate ids, references, provenance (quote in
article, values in quote) and disagreements between sources.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import schema as s
from .compare import find_discrepancies
from .corpus import Corpus, load_corpus
from .problems import WARNING, Problem, Report
from .provenance import closest_passage, find_quote, number_in_quote, phrase_in_quote
from .quantity import as_printed
from .validate import Record


@dataclass
class Checked:
    corpus: Corpus
    report: Report


def check_paths(sources: Path, articles: Path, facts: Path) -> Checked:
    corpus = load_corpus(sources, articles, facts)
    problems = list(corpus.problems)
    problems += _duplicate_ids(corpus)
    problems += _references(corpus)
    problems += _provenance(corpus)
    problems += _discrepancies(corpus)
    stats = {
        "sources": len(corpus.sources),
        "fact_files": len(corpus.fact_files),
        "facts": len(corpus.facts),
        "facts_by_kind": dict(sorted(Counter(f.kind for f in corpus.facts).items())),
    }
    return Checked(corpus, Report(problems, stats))


def check_project(project) -> Checked:
    return check_paths(project.sources, project.articles, project.facts)


def _duplicate_ids(corpus: Corpus) -> list[Problem]:
    seen: dict[str, Record] = {}
    problems = []
    for fact in corpus.facts:
        first = seen.get(fact.id)
        if first is None:
            seen[fact.id] = fact
            continue
        where = first.location("id")
        problems.append(Problem(
            "duplicate-id",
            f"fact id {fact.id!r} is already used at {where.file}:{where.line}",
            fact.location("id"), hint="give each fact its own id",
        ))
    return problems


def _ref_fields(kind: s.Kind):
    for spec in kind.all_fields:
        if isinstance(spec.type, s.Ref):
            yield spec.name, spec.type.target, False
        elif isinstance(spec.type, s.ListOf) and isinstance(spec.type.item, s.Ref):
            yield spec.name, spec.type.item.target, True


def _references(corpus: Corpus) -> list[Problem]:
    facts = corpus.by_id()
    problems = []
    for fact in corpus.facts:
        kind = s.KINDS[fact.kind]
        for name, target, many in _ref_fields(kind):
            value = fact.get(name)
            if value is None:
                continue
            for i, ref in enumerate(value if many else [value]):
                where = fact.location(name, i) if many else fact.location(name)
                if target == "source":
                    if ref not in corpus.sources:
                        problems.append(Problem(
                            "unknown-source", f"no source has the id {ref!r}", where,
                            hint=_suggest(ref, corpus.sources, "add it to the sources file"),
                        ))
                    continue
                found = facts.get(ref)
                if found is None:
                    what = "person" if target == "person" else "fact"
                    pool = {k for k, f in facts.items()
                            if target != "person" or f.kind == "person"}
                    problems.append(Problem(
                        "unknown-reference", f"no {what} has the id {ref!r}", where,
                        hint=_suggest(ref, pool, f"add the {what} or fix the id"),
                    ))
                elif target == "person" and found.kind != "person":
                    problems.append(Problem(
                        "wrong-reference",
                        f"{ref!r} is a {found.kind} fact, not a person", where,
                        hint="name the id of a kind: person fact",
                    ))
    return problems


def _suggest(name: str, pool, otherwise: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(pool), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else otherwise


def _provenance(corpus: Corpus) -> list[Problem]:
    problems = []
    for fact in corpus.facts:
        article = corpus.articles.get(fact.get("source", ""))
        quote = fact.get("quote")
        if article is None or quote is None:
            continue  # unknown source or missing quote is reported elsewhere
        if not find_quote(quote, article):
            passage = closest_passage(quote, article)
            problems.append(Problem(
                "quote-not-in-article",
                f"the quote is not in article {fact.get('source')!r}",
                fact.location("quote"),
                hint=f"closest passage: {passage!r}" if passage else "copy it from the article",
            ))
            continue
        kind = s.KINDS[fact.kind]
        problems += _values_in_quote(fact, kind.all_fields, fact.data, quote, ())
    return problems


def _values_in_quote(fact: Record, fields, data: dict, quote: str, path: tuple) -> list[Problem]:
    problems = []
    for spec in fields:
        value = data.get(spec.name)
        if value is None:
            continue
        here = path + (spec.name,)
        if isinstance(spec.type, s.Struct):
            problems += _values_in_quote(fact, spec.type.fields, value, quote, here)
            continue
        if not spec.in_quote:
            continue
        if spec.type is s.NUMBER:
            if not number_in_quote(value, quote):
                shown = as_printed(data) if "unit" in data else str(value)
                problems.append(Problem(
                    "value-not-in-quote",
                    f"the number {value} ({shown}) is not in the quote",
                    fact.location(*here),
                    hint="write the number as printed in the quote, or quote the sentence "
                    "that states it",
                ))
            continue
        options = [value] + list(data.get(spec.alternatives) or []) if spec.alternatives \
            else [value]
        if not any(phrase_in_quote(str(o), quote) for o in options):
            problems.append(Problem(
                "value-not-in-quote",
                f"{spec.name} {value!r} is not in the quote",
                fact.location(*here),
                hint="write it exactly as printed"
                + (f", or list the printed form in {spec.alternatives}"
                   if spec.alternatives else ""),
            ))
    return problems


def _discrepancies(corpus: Corpus) -> list[Problem]:
    problems = []
    for found in find_discrepancies(corpus.facts):
        first = found.facts[0]
        listed = "; ".join(
            f"{as_printed(f.get('value'))} per {f.get('reporter')} "
            f"[{f.get('source')}, {f.location('value').file}:{f.location('value').line}]"
            for f in found.facts
        )
        period = first.get("period") or {}
        when = f"{period.get('start')}..{period.get('end')}" if period else \
            f"by {first.get('deadline')}"
        problems.append(Problem(
            "discrepancy",
            f"sources disagree on {first.kind} {found.metric!r} for {when}: {listed}",
            first.location("value"), severity=WARNING,
            hint="every figure is kept; the workbook shows them side by side",
        ))
    return problems
