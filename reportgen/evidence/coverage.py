"""Every number accounted for: figures an article prints that no fact quotes.

A figure (:mod:`reportgen.evidence.figures`) is accounted for when it lies inside the
quote of a fact from the same article, or inside a waiver of its source (a passage and
the reason no fact records it, under the source in the sources file or in a fact
file's ``waivers``). A fact file's waivers are checked with its facts (and cached with
them, :func:`check_waiver`); here only their passages count. Every other figure is reported
once per sentence, as a warning located in the article itself
(``seeds/articles/x.txt:12:1``), so ``check --strict`` fails on it.

Quotes and waivers are found in the article as ``check`` finds them (normalised:
line breaks, runs of spaces, typographic quotes and dashes do not matter); only the
articles that have an unaccounted figure are split into sentences.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..problems import WARNING, Location, Problem
from .cache import FactCache
from .corpus import Corpus, display_path
from .fact_summary import FactSummary
from .figures import Number, find_numbers
from .provenance import closest_passage, normalise


def unaccounted_figures(corpus: Corpus, summaries: Iterable[FactSummary],
                        articles_dir: Path, cache: FactCache | None = None,
                        waived: Iterable[tuple[str, str]] = ()) -> list[Problem]:
    """One warning per sentence that prints a figure no fact quotes and no waiver covers;
    a problem for each waiver of the sources file that is not in its article or covers
    no figure. ``waived`` are the (source, quote) of the fact files' waivers.

    Each summary carries where its quote stands in its article (found when the quote was
    proven, see :func:`reportgen.evidence.check._provenance`). The result is cached under
    the articles, the sources file, every fact's source and quote spans and every fact
    file's waiver: a change elsewhere in the facts (a value, a note) costs one hash."""
    waived = sorted(set(waived))
    quoted: dict[str, list[tuple]] = {}  # source -> its quotes' spans
    for fact in summaries:
        if fact.spans:
            if fact.source in quoted:
                quoted[fact.source].append(fact.spans)
            else:
                quoted[fact.source] = [fact.spans]
    key = FactCache.key("coverage", corpus.evidence_key, display_path(articles_dir),
                        _digest(quoted, waived)) + ".coverage"
    cached = cache.get(key, marshal.loads) if cache is not None else None
    if cached is not None:
        try:
            return [Problem(*p[:2], Location(*p[2]), *p[3:]) for p in cached]
        except Exception as exc:  # verified, but not what this code writes: never trusted
            cache.discard(key, f"does not fit ({type(exc).__name__})")
    spans = {source: [(at[i], at[i + 1]) for at in found for i in range(0, len(at), 2)]
             for source, found in quoted.items()}
    for source, quote in waived:  # checked with their fact files: only their spans count
        article = corpus.articles.get(source)
        if article is not None:
            spans.setdefault(source, []).extend(_spans(article, quote))
    problems = _unaccounted(corpus, spans, articles_dir)
    if cache is not None:
        cache.put(key, [(p.code, p.message, tuple(vars(p.location).values()), p.severity,
                         p.hint) for p in problems], marshal.dumps)
    return problems


def _digest(quoted: dict[str, list[tuple]], waived: list[tuple[str, str]]) -> str:
    """What coverage depends on: each article's quoted spans and the fact files'
    waivers, as plain bytes (marshal's bytes would depend on which equal values happen
    to be one object)."""
    digest = hashlib.sha256()
    for source, found in quoted.items():
        flat = array("q", [at for spans in found for at in spans])
        digest.update(_text(source) + len(flat).to_bytes(8, "big") + flat.tobytes())
    digest.update(b"waived")
    for source, quote in waived:
        digest.update(_text(source) + _text(quote))
    return digest.hexdigest()


def _text(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return len(data).to_bytes(8, "big") + data


def _unaccounted(corpus: Corpus, quoted: dict[str, list[tuple[int, int]]],
                 articles_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    for source_id, source in corpus.sources.items():
        article = corpus.articles.get(source_id)
        if article is None:
            continue  # a missing article is reported where it is read
        waived, waiver_problems = _waivers(source, article)
        problems += waiver_problems
        open_numbers = _outside(article, Intervals(quoted.get(source_id, []) + waived))
        if open_numbers:
            file = display_path(articles_dir / source.get("file", ""))
            problems += _by_sentence(source_id, file, corpus.articles.raw(source_id) or "",
                                     open_numbers)
    return problems


def _spans(article: str, quote: str) -> list[tuple[int, int]]:
    """Where a quote stands in the (normalised) article: every occurrence."""
    text = normalise(quote)
    if not text:
        return []
    found, start = [], article.find(text)
    while start >= 0:
        found.append((start, start + len(text)))
        start = article.find(text, start + 1)
    return found


_WORDY = re.compile(r"[^\W_]")

#: how far the rules of :func:`find_numbers` look around a number ('Feb. 10 to 13')
CONTEXT = 32


def _figures_within(article: str, start: int, end: int) -> list[Number]:
    low = max(0, start - CONTEXT)
    return [n for n in find_numbers(article[low:end + CONTEXT])
            if start <= n.start + low and n.end + low <= end]


def _outside(article: str, covered: Intervals) -> list[Number]:
    """The figures not inside a covered span. Only the gaps between the spans are read
    (with a little context either side), so a well-curated article costs little."""
    found: dict[int, Number] = {}
    for gap_start, gap_end in covered.gaps(len(article)):
        if not _WORDY.search(article, gap_start, gap_end):
            continue  # only spaces and punctuation between two quotes
        low = max(0, gap_start - CONTEXT)
        for number in find_numbers(article[low:min(len(article), gap_end + CONTEXT)]):
            start, end = number.start + low, number.end + low
            if start not in found and not covered.contain(start, end):
                found[start] = replace(number, start=start, end=end)
    return [found[start] for start in sorted(found)]


class Intervals:
    """The union of spans, merged, for a fast 'is this inside one of them'."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def contain(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and end <= self.ends[k]

    def gaps(self, length: int) -> list[tuple[int, int]]:
        """The stretches of ``[0, length)`` outside every span."""
        bounds = [0, *(x for pair in zip(self.starts, self.ends, strict=True) for x in pair),
                  length]
        return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)
                if bounds[i] < bounds[i + 1]]


def _waivers(source, article: str) -> tuple[list[tuple[int, int]], list[Problem]]:
    """The spans a source's waivers (in the sources file) cover, and their problems."""
    spans: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for i, waiver in enumerate(source.get("waivers") or ()):
        quote = waiver.get("quote")
        if not quote:
            continue  # a missing quote is a schema problem, reported by the loader
        found, problem = check_waiver(quote, source.id, article,
                                      lambda i=i: source.location("waivers", i, "quote"))
        spans += found
        problems += problem
    return spans, problems


def check_waiver(quote: str, source_id: str, article: str, where
                 ) -> tuple[list[tuple[int, int]], list[Problem]]:
    """Where a waiver's passage stands in its (normalised) article, and its problems: a
    passage not in the article, or one that prints no figure (``unused-waiver``).
    ``where()`` gives the location of the waiver's quote (asked only for a problem)."""
    found = _spans(article, quote)
    if not found:
        passage = closest_passage(quote, article)
        return [], [Problem(
            "quote-not-in-article",
            f"the waiver's quote is not in article {source_id!r}",
            where(),
            hint=f"closest passage: {passage!r}" if passage else "copy it from the article",
        )]
    if not any(_figures_within(article, a, b) for a, b in found):
        return found, [Problem(
            "unused-waiver", "the waiver's passage prints no figure", where(), WARNING,
            hint="quote the passage that prints the figure, or remove the waiver",
        )]
    return found, []


def _by_sentence(source_id: str, file: str, raw: str, numbers: list[Number]
                 ) -> list[Problem]:
    """One warning per sentence, located at the sentence's first line in the article.
    Sentences are found in the text as read, where line breaks still end a heading."""
    offsets = OffsetMap(raw)
    sentences = [(offsets.to_normalised(start), offsets.to_normalised(end - 1) + 1)
                 for start, end in sentence_spans(raw)]
    starts = [start for start, _ in sentences]
    grouped: dict[int, list[Number]] = defaultdict(list)
    for number in numbers:
        grouped[max(0, bisect.bisect_right(starts, number.start) - 1)].append(number)
    problems = []
    for index, found in sorted(grouped.items()):
        start, end = sentences[index]
        raw_start = offsets.to_raw(start)
        line, column = offsets.line_column(raw_start)
        sentence = " ".join(raw[raw_start:offsets.to_raw(end - 1) + 1].split())
        figures = ", ".join(repr(n.printed) for n in found)
        problems.append(Problem(
            "unaccounted-figure",
            f"{'figures' if len(found) > 1 else 'figure'} {figures} of article "
            f"{source_id!r} quoted by no fact: {sentence!r}",
            Location(file, line, column), WARNING,
            hint="curate a fact that quotes it, or waive the passage with a reason: under "
            "the source's 'waivers' in the sources file, or in a fact file's 'waivers'",
        ))
    return problems


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries (pysbd, a rule-based segmenter that knows 'U.S.' and 'Feb.')
    as (start, end) offsets in ``text``, surrounding white space excluded."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans = []
    for span in segmenter.segment(text):
        sentence = text[span.start:span.end]
        stripped = sentence.strip()
        if stripped:
            start = span.start + sentence.index(stripped)
            spans.append((start, start + len(stripped)))
    return spans or [(0, len(text))]


_TOKEN = re.compile(r"\S+")


class OffsetMap:
    """Offsets between an article as read and its normalised form. Normalising keeps
    each non-space character (a typographic one becomes one plain character) and joins
    the runs of non-space characters with single spaces."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.raw_starts: list[int] = []
        self.norm_starts: list[int] = []
        position = 0
        for match in _TOKEN.finditer(raw):
            self.raw_starts.append(match.start())
            self.norm_starts.append(position)
            position += len(match.group()) + 1

    def to_raw(self, offset: int) -> int:
        if not self.raw_starts:
            return 0
        k = max(0, bisect.bisect_right(self.norm_starts, offset) - 1)
        return self.raw_starts[k] + (offset - self.norm_starts[k])

    def to_normalised(self, offset: int) -> int:
        """A raw offset on a non-space character -> its normalised offset."""
        if not self.raw_starts:
            return 0
        k = max(0, bisect.bisect_right(self.raw_starts, offset) - 1)
        return self.norm_starts[k] + (offset - self.raw_starts[k])

    def line_column(self, offset: int) -> tuple[int, int]:
        line = self.raw.count("\n", 0, offset) + 1
        return line, offset - (self.raw.rfind("\n", 0, offset) + 1) + 1
