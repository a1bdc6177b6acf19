"""Prove provenance: a quote is in its article, a value is in its quote.

Matching ignores line breaks, runs of white space (no-break and narrow spaces included),
typographic quotes (« », „ “, 「 」) and dashes, and full-width forms (４１０，５);
everything else must match. In Chinese, which has no spaces, a phrase needs no word
boundary beside a Chinese character. Numbers are matched by value (``1,000`` in the quote
is 1000 in the fact; ``five`` is 5), phrases case-insensitively on word boundaries.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_TRANSLATE_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    # Chinese and Japanese: corner brackets, the ideographic space, full-width digits,
    # commas and letters (４１０，５ is 410,5)
    "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"', "\u3000": " ",
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
}
_TRANSLATE_CHARS = tuple(_TRANSLATE_MAP)


_TYPOGRAPHIC = re.compile("[" + "".join(_TRANSLATE_CHARS) + "]")


def normalise(text: str) -> str:
    """The form quotes and articles are compared in."""
    if not text.isascii():
        text = _TYPOGRAPHIC.sub(_plain, text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # single spaces only (every other space is unprintable): already as split and
        # join would give, without making a list of its words (most quotes)
        return text
    return " ".join(text.split())


def _plain(match: re.Match) -> str:
    return _TRANSLATE_MAP[match.group()]


#: where a passage may start: after a space, or after any character (and its punctuation)
#: of a script written without spaces
_PASSAGE_START = re.compile(r"\s|[\u2e80-\u9fff\uf900-\ufaff][,.:;!?\"()]?")
_NO_SPACES = re.compile("[\u2e80-\u9fff\uf900-\ufaff]")


#: The quote is compared only where its phrases occur in the article, so a miss against a
#: 50 MB article costs well under 2 s (a few scans of the article), not minutes, and finds
#: the same passages on the seeds as comparing at every word
#: (tests/evidence/test_closest_passage.py). An article up to this many characters that
#: shares no phrase with the quote is compared at every word.
FULL_SCAN_CHARS = 20_000
_ANCHORS = 6  # phrases of the quote looked up in the article (one scan each)
_HITS_PER_ANCHOR = 5_000  # a phrase found more often says little: it is left out
_CANDIDATES = 4  # places where the phrases line up, compared exactly
_ALIGN = 32  # characters: how closely the phrases' implied starts must agree


@lru_cache(maxsize=64)  # a file with a problem is checked twice (fast, then exactly)
def closest_passage(quote: str, article: str, width: int | None = None) -> str:
    """The passage of the (normalised) article most like the quote, for a hint."""
    q = normalise(quote)
    if not q or not article:
        return ""
    width = width or len(q)
    starts = _aligned_starts(q, article, width)
    if not starts and len(article) <= FULL_SCAN_CHARS:  # no phrase in common: every word
        starts = [0] + [m.end() for m in _PASSAGE_START.finditer(article)]
    best, best_score = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q)
    for start in starts:
        window = article[start:start + width]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = window, score
    return best


def _aligned_starts(q: str, article: str, width: int) -> list[int]:
    """Passage starts of an article near where the quote's phrases line up.

    Each occurrence of a phrase of the quote (three words; single long words when no
    phrase occurs; runs of four characters when neither does, as in Chinese) votes for
    the start its offset in the quote implies, weighted by how rare the phrase is. The
    passage starts around the best-supported starts are compared exactly by the caller.
    The work is bounded: at most 2 * _ANCHORS scans of the article (3 * for a quote in a
    script without spaces) and _CANDIDATES * a few dozen comparisons, whatever the
    article's size."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", q)]
    trigrams = [(q[spans[i][0]:spans[i + 2][1]], spans[i][0]) for i in range(len(spans) - 2)]
    words = [(q[a:b], a) for a, b in spans if b - a >= 6]
    # a script written without spaces: runs of 4 characters
    chunks = [(q[i:i + 4], i) for i in range(0, len(q) - 3, 4)] if _NO_SPACES.search(q) else []
    for anchors in (trigrams, words, chunks):
        votes = _votes(_spread(anchors), article)
        if votes:
            break
    else:
        return []
    starts: set[int] = set()
    for key in sorted(votes, key=lambda k: (-votes[k], k))[:_CANDIDATES]:
        low = max(0, (key - 2) * _ALIGN)
        high = min(len(article), (key + 3) * _ALIGN)
        if low == 0:
            starts.add(0)
        starts.update(m.end() for m in _PASSAGE_START.finditer(article, max(0, low - 2), high)
                      if m.end() >= low)
    return sorted(starts)


def _spread(anchors: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """At most _ANCHORS distinct anchors, spread evenly over the quote."""
    seen: dict[str, int] = {}
    for text, offset in anchors:
        seen.setdefault(text, offset)
    items = list(seen.items())
    if len(items) <= _ANCHORS:
        return items
    step = len(items) / _ANCHORS
    return [items[int(i * step)] for i in range(_ANCHORS)]


def _votes(anchors: list[tuple[str, int]], article: str) -> dict[int, float]:
    """Implied start (in units of _ALIGN) -> support, from each anchor's occurrences."""
    votes: dict[int, float] = {}
    for text, offset in anchors:
        hits = []
        at = article.find(text)
        while at >= 0 and len(hits) < _HITS_PER_ANCHOR:
            hits.append((at - offset) // _ALIGN)
            at = article.find(text, at + 1)
        if not hits or at >= 0:  # absent, or too common to tell anything
            continue
        weight = 1.0 / len(hits)
        for key in hits:
            votes[key] = votes.get(key, 0.0) + weight
    return votes


_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "half": Decimal("0.5"),
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "double": 2,
    "doubling": 2, "triple": 3,
}
#: a numeral: digits with thousands commas, or plain digits, either with decimals; not
#: after a digit, a point or a comma (so '1.5.3' and '.5' print no numeral after '1.5')
_NUMERAL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
#: the same numerals, found several times faster: a numeral starts a run of digits,
#: points and commas that begins with a digit and stands after neither (the run itself is
#: matched by _NUMERAL's alternatives from its start). tests/evidence/test_provenance.py
#: keeps the two equal.
_DIGIT_RUN = re.compile(r"\d[\d.,]*")
_NUMERAL_AT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=256)  # a fact with several numbers asks about one quote several times
def _numerals(text: str) -> frozenset[Decimal]:
    found = set()
    for run in _DIGIT_RUN.finditer(text):
        start = run.start()
        if start and text[start - 1] in ".,":
            continue  # inside a run that starts with a point or comma: no numeral
        numeral = _NUMERAL_AT.match(run.group()).group()  # type: ignore[union-attr]
        try:
            found.add(Decimal(numeral.replace(",", "") if "," in numeral else numeral))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    return frozenset(found)


def _number_words(text: str) -> frozenset[Decimal]:
    return frozenset(Decimal(_WORDS[w]) for w in _WORD.findall(text.lower()) if w in _WORDS)


def number_in_quote(amount: Decimal, quote: str) -> bool:
    """``quote`` must be normalised (see :func:`normalise`). Numerals are tried first;
    number words ('five', 'second') only when no numeral matches."""
    # most quotes print the amount as the fact writes it: a numeral that starts there
    # is one of _numerals (nothing before it joins it to another), so look there first
    at = quote.find(str(amount))
    if at >= 0 and (at == 0 or not (quote[at - 1].isdecimal() or quote[at - 1] in ".,")):
        numeral = _NUMERAL_AT.match(quote, at)
        if numeral is not None and Decimal(numeral.group().replace(",", "")) == amount:
            return True
    return amount in _numerals(quote) or amount in _number_words(quote)


def phrase_in_quote(phrase: str, quote: str, lowered: str | None = None) -> bool:
    """A printed label or qualifier: case-insensitive, on word boundaries.
    ``quote`` must be normalised; ``lowered``, if given, is ``quote.lower()`` (so a quote
    asked about several phrases is lowered once)."""
    target = _phrase_target(phrase)
    if not target:
        return True
    text = quote.lower() if lowered is None else lowered
    # no boundary is needed beside a Chinese character: '2023年' stands in '2023年中哈贸易额'
    open_start, open_end = unspaced(target[0]), unspaced(target[-1])
    start = text.find(target)
    while start >= 0:
        end = start + len(target)
        if (start == 0 or open_start or not _spaced_word(text[start - 1])) and \
                (end == len(text) or open_end or not _spaced_word(text[end])):
            return True
        start = text.find(target, start + 1)
    return False


@lru_cache(maxsize=4096)  # labels and qualifiers repeat across facts
def _phrase_target(phrase: str) -> str:
    return normalise(phrase).lower()


def _spaced_word(char: str) -> bool:
    """A character that continues a word of a script written with spaces."""
    return (char.isalnum() or char == "_") and not unspaced(char)


def unspaced(char: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese)."""
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
