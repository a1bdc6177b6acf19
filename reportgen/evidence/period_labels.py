"""Find the period a sentence gives its figure, and resolve it from the article's date.

``in 2022`` is 2022; ``last year`` is the year before the article's; ``9 months of 2023``
is January-September 2023; ``for 2 months of the current year`` is January-February of
the article's year; ``the first half of the year`` is January-June; ``over the past 17
years`` runs from 17 years before the article to its date. Each resolution that leans on
the article's date says so in ``resolved_by``; when the article has no date the dates
are left for the analyst (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import PartialDate

_MONTH_COUNT = r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)"
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11}
_YEAR = r"((?:19|20)\d\d)"
_RELATIVE = r"(the current year|this year|last year|the previous year)"

#: (pattern, what it means), tried in order; the first match in a sentence wins
PATTERNS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p, re.IGNORECASE), m) for p, m in (
    (rf"\b(?:for |in |during |over )?(?:the first )?{_MONTH_COUNT} months of "
     rf"(?:{_YEAR}|{_RELATIVE})", "months"),
    (rf"\b(?:in |for |during )?the first half of (?:{_YEAR}|the year|{_RELATIVE})", "half"),
    (rf"\bover the (?:past|last) {_MONTH_COUNT} years", "past-years"),
    (rf"\b(?:by the end of|at the end of|as of the end of) {_YEAR}", "end-of-year"),
    (rf"\b(?:in|for|during) {_YEAR}(?![\d-])", "year"),
    (rf"\b{_RELATIVE}(?![\w-])", "relative"),
))
_DEADLINE = re.compile(rf"\bby {_YEAR}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    label: str  # as printed in the sentence
    start_offset: int  # where the label stands in the sentence
    end_offset: int
    start: PartialDate | None
    end: PartialDate | None
    resolved_by: str | None
    kind: str  # 'period' (what a figure covers) or 'as-of' (a level at a date)


@dataclass(frozen=True)
class Deadline:
    label: str
    year: int
    start_offset: int
    end_offset: int


def find_deadline(sentence: str) -> Deadline | None:
    match = _DEADLINE.search(sentence)
    if match is None:
        return None
    return Deadline(match.group(), int(match.group(1)), *match.span())


def find_period(sentence: str, article_date: PartialDate | None,
                date_basis: str = "stated") -> Period | None:
    """The first period the sentence prints, resolved against the article's date."""
    for pattern, meaning in PATTERNS:
        match = pattern.search(sentence)
        if match:
            return _resolve(match, meaning, article_date, date_basis)
    return None


def _year_of(word: str | None, article_date: PartialDate | None) -> tuple[int | None, str]:
    """A printed year, or a relative one resolved from the article's date."""
    if word is None:
        return None, ""
    if word.isdigit():
        return int(word), ""
    if article_date is None:
        return None, ""
    shift = -1 if word.lower() in ("last year", "the previous year") else 0
    return article_date.year + shift, f"{word.lower()} = {article_date.year + shift}"


def _resolve(match: re.Match, meaning: str, article_date: PartialDate | None,
             date_basis: str) -> Period:
    label = match.group().strip()
    for prefix in ("for ", "in ", "during "):  # keep 'For 2 months', but not a bare 'in'
        if meaning in ("months", "half") and label.lower().startswith(prefix) and \
                not label[0].isupper():
            label = label[len(prefix):]
    dated = f"article dated {article_date} ({date_basis})" if article_date else None
    start = end = None
    why: list[str] = []
    if meaning == "months":
        count = match.group(1)
        months = int(count) if count.isdigit() else _WORD_NUMBERS[count.lower()]
        year, note = _year_of(match.group(2) or match.group(3), article_date)
        if year and 1 <= months <= 12:
            start, end = PartialDate(year, 1), PartialDate(year, months)
            why = [note, f'"{months} months" read as January-{_MONTH_NAMES[months]} {year}']
    elif meaning == "half":
        year, note = _year_of(match.group(1) or match.group(2) or
                              ("this year" if article_date else None), article_date)
        if "the year" in label.lower() and article_date:
            note = f"the year = {article_date.year}"
        if year:
            start, end = PartialDate(year, 1), PartialDate(year, 6)
            why = [note, f"the first half = January-June {year}"]
    elif meaning == "past-years":
        count = match.group(1)
        years = int(count) if count.isdigit() else _WORD_NUMBERS[count.lower()]
        if article_date:
            start = PartialDate(article_date.year - years)
            end = article_date  # a figure so far cannot run past the article's date
            why = [f"the past {years} years counted back from the article's date "
                   "(confirm the first year)"]
    elif meaning == "end-of-year":
        year = int(match.group(1))
        start = end = PartialDate(year)
        return Period(label, *match.span(), start, end, None, "as-of")
    elif meaning == "year":
        year = int(match.group(1))
        start = end = PartialDate(year)
        return Period(label, *match.span(), start, end, None, "period")
    else:  # relative
        year, note = _year_of(match.group(1), article_date)
        if year:
            start = end = PartialDate(year)
            why = [note]
            if article_date and year == article_date.year:  # this year: so far
                end = article_date
                why.append("up to the article's date")
    resolved = "; ".join(w for w in (dated, *why) if w) if start else None
    return Period(label, *match.span(), start, end, resolved, "period")


_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")
