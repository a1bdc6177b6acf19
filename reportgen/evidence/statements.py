"""Statements without a figure that ``reportgen draft`` proposes: a named person with a
title, a dated meeting or visit, an agreement.

Deterministic patterns over one sentence: ``Prime Minister of the Republic of
Kazakhstan Olzhas Bektenov``, ``Chinese President Xi Jinping`` and ``Raimbek Batalov,
chairman of the Board`` name a person with a title; a sentence with a printed date
(``March 27``, ``From Feb. 10 to 13``) and a meeting word is a dated meeting; a sentence
saying agreements were signed or reached states an agreement. Each match keeps its
exact span, so the quote a candidate carries is in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import MONTHS

TITLES = (
    "Ambassador Extraordinary and Plenipotentiary", "Deputy Prime Minister",
    "First Deputy Prime Minister", "Prime Minister", "Vice President", "Vice Premier",
    "President", "Premier", "Foreign Minister", "Minister", "Ambassador", "Chairman",
    "chairman of the Board", "chairman", "Party Secretary", "Secretary", "Governor",
    "Mayor", "Speaker", "Consul General", "General Director", "CEO", "chief executive",
)
_TITLE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}"
#: 'of the Republic of Kazakhstan', 'of the People's Republic of China to the Republic of
#: Kazakhstan': capitalised words, 'of', 'the', 'to', 'in', "'s"
_OF = r"(?:\s+(?:of|to|in)\s+the\s+(?:[A-Z][\w'-]*\s+(?:of\s+)?)*?[A-Z][\w'-]*)*"
_TITLE_FIRST = re.compile(rf"\b(?P<title>{_TITLE}){_OF}\s+(?P<name>{_NAME})\b")
_NAME_FIRST = re.compile(rf"\b(?P<name>{_NAME}),\s+(?:the\s+)?(?P<title>{_TITLE})\b")
#: words of a capitalised phrase that make it an institution or a place, not a name
_NOT_NAMES = frozenset("""
The This That Kazakh Chinese China Kazakhstan Republic People Central Government Head Said
National Chamber Committee Bureau Region Party Communist Center Centre Ministry Board
Council Bank Company Corporation Road Belt Initiative Summit Institute University
Workshop Office Administration Service Agency Union Assembly State Autonomous
""".split())

_MONTH = "|".join(MONTHS)
_DATE = re.compile(
    rf"\b(?:from\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:\s*(?:-|to|and)\s*\d{{1,2}})?\b"
    rf"(?:,\s*(?:19|20)\d\d)?", re.IGNORECASE)
_MEETING = re.compile(r"\b(met|meets|meeting|talks|visit|visited|visits|summit|forum|expo|"
                      r"discussed|negotiations|held|delegation)\b", re.IGNORECASE)
_AGREEMENT = re.compile(
    r"\b(agreements?|memorand(?:um|a)|accords?|treaty|contracts?)\b[^.]*?\b(signed|reached|"
    r"concluded|inked)\b|\b(signed|reached|concluded|inked)\b[^.]*?\b(agreements?|"
    r"memorand(?:um|a)|accords?|treaty|contracts?)\b", re.IGNORECASE)
#: 'ALMATY, ' before a date: the article's dateline, not the day of an event
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s*$")
_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


@dataclass(frozen=True)
class Mention:
    """A person named with a title: the span printed, the name and the title."""

    start: int
    end: int
    name: str
    title: str


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    label: str
    month: int
    day: int
    last_day: int | None


def people(sentence: str) -> list[Mention]:
    found: dict[str, Mention] = {}
    for pattern in (_TITLE_FIRST, _NAME_FIRST):
        for match in pattern.finditer(sentence):
            name = match.group("name")
            if any(word in _NOT_NAMES for word in name.split()) or name in found:
                continue
            found[name] = Mention(match.start(), match.end(), name, match.group("title"))
    return sorted(found.values(), key=lambda m: m.start)


def meeting_date(sentence: str) -> DateMention | None:
    """A printed day in a sentence that speaks of a meeting or visit."""
    if not _MEETING.search(sentence):
        return None
    match = next((m for m in _DATE.finditer(sentence)
                  if not _DATELINE.search(sentence, 0, m.start())), None)
    if match is None:
        return None
    label = match.group()
    word = next(w for w in re.findall(r"[A-Za-z]+", label) if w.lower() in MONTHS)
    month = _MONTH_NUMBER[word.lower()[:3]]
    days = [int(d) for d in re.findall(r"\b\d{1,2}\b", label)]
    return DateMention(match.start(), match.end(), label, month, days[0],
                       days[1] if len(days) > 1 else None)


def states_agreement(sentence: str) -> bool:
    return _AGREEMENT.search(sentence) is not None
