"""Find the figures an article prints: the numbers a reader would expect a fact to carry.

A *figure* is a numeral (``31.5``, ``1,000``, ``30%``) or a number word (``five``,
``eleven``, ``doubling``) that states a quantity. What is not a figure: a year standing
alone (``in 2019``), a date or time stamp (``2023-05-19 12:57:15``, ``Feb. 17``,
``From Feb. 10 to 13``), an ordinal (``10th``, ``2nd``), a number inside a name
(``COVID-19``, ``G20``), a day before its month (``15 ноября``), and the words
``one`` and ``the two`` (``one of the first``, ``the two countries``), which English
uses far more often as words than as counts.

Both ``check``'s coverage (:mod:`reportgen.evidence.coverage`) and ``reportgen draft``
(:mod:`reportgen.evidence.draft`) use this one definition, so what draft proposes is
what coverage asks to be accounted for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

#: number words that count, with their value; "one" never does, "two" not after "the"
NUMBER_WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
#: words that print a multiple: "doubling" is 2 times
MULTIPLE_WORDS: dict[str, int] = {
    "twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "tripling": 3,
}
_NOT_A_COUNT_BEFORE_TWO = {"the", "these", "those", "both", "our", "its", "their", "his",
                           "her", "all"}

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
          "september", "october", "november", "december")

_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_COUNT_WORD = re.compile(r"\b(?:" + "|".join(sorted({*NUMBER_WORDS, *MULTIPLE_WORDS},
                                                      key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?")
_MONTH = "|".join(MONTHS)
#: the text just before a day of the month: 'Feb. ', 'March ', 'Feb. 10 to '
_BEFORE_DAY = re.compile(rf"\b(?:{_MONTH})\.?\s+(?:\d{{1,2}}\s*(?:-|to|and)\s*)?$",
                         re.IGNORECASE)
#: month names a day is printed before: '17 February', '15 ноября', '15 қараша'
MONTHS_AFTER_DAY = (
    *MONTHS, "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря", "қаңтар", "ақпан", "наурыз", "сәуір",
    "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан")
_AFTER_DAY = re.compile(r"\.?\s+(?:" + "|".join(MONTHS_AFTER_DAY) + r")(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
#: what may follow a year-like number and make it a quantity after all
_QUANTITY_AFTER = re.compile(
    r"\s?(?:%|percent|per cent|thousand|million|billion|trillion|tons|tonnes|MW|"
    r"megawatts|people|projects|companies|enterprises|units)\b", re.IGNORECASE)
_DIGIT = re.compile(r"[0-9]")


def may_hold_figure(text: str) -> bool:
    """False when ``text`` certainly prints no figure (no digit, no number word)."""
    # the digit first: most quotes have one, found at once
    return _DIGIT.search(text) is not None or _COUNT_WORD.search(text) is not None


@dataclass(frozen=True)
class Number:
    """One figure's number in a text: where it is, as printed, and its value."""

    start: int
    end: int
    printed: str
    amount: Decimal
    multiple: bool = False  # a word such as 'doubling': amount is the factor


def find_numbers(text: str) -> list[Number]:
    """Every figure's number in ``text``, in order (see the module's rules)."""
    stamps = [m.span() for m in _STAMP.finditer(text)] if ":" in text or "-" in text else []
    found: list[Number] = []
    for match in _NUMERAL.finditer(text):
        start, end = match.span()
        if not _standalone_numeral(text, start, end) or \
                stamps and any(a <= start < b for a, b in stamps):
            continue
        printed = match.group()
        if len(printed) <= 2 and (_BEFORE_DAY.search(text, max(0, start - 24), start)
                                  or _AFTER_DAY.match(text, end)):
            continue  # a day of the month
        if len(printed) == 4 and _YEAR.fullmatch(printed) and \
                not _QUANTITY_AFTER.match(text, end) and text[start - 1:start] != "$":
            continue  # a year
        found.append(Number(start, end, printed, Decimal(printed.replace(",", ""))))
    for match in _COUNT_WORD.finditer(text):
        word = match.group().lower()
        start, end = match.span()
        if word in MULTIPLE_WORDS:
            found.append(Number(start, end, match.group(), Decimal(MULTIPLE_WORDS[word]),
                                multiple=True))
        elif _hyphen_free(text, start, end):
            if word == "two" and _word_before(text, start) in _NOT_A_COUNT_BEFORE_TWO:
                continue
            found.append(Number(start, end, match.group(), Decimal(NUMBER_WORDS[word])))
    return sorted(found, key=lambda n: n.start)


def _standalone_numeral(text: str, start: int, end: int) -> bool:
    """Not part of a name or an ordinal: no letter right before (G20, COVID-19) and no
    letter right after (10th, 5G) except a unit written solid (30km is rare: refused)."""
    before = text[start - 1:start]
    if before.isalpha() or before in ("_", ".") and text[start - 2:start - 1].isdigit():
        return False
    if before == "-" and text[start - 2:start - 1].isalpha():
        return False
    return not text[end:end + 1].isalpha()


def _hyphen_free(text: str, start: int, end: int) -> bool:
    """'three' but not 'three-party' or 'one-two' (part of a compound adjective)."""
    return text[end:end + 1] != "-" and text[start - 1:start] != "-"


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 20):start])
    return match.group(1).lower() if match else ""
