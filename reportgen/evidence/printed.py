"""Read the quantities a quote prints in its own language, and prove a fact's value is one.

'достиг 31,5 млрд долларов' prints 31.5 with the scale 10**9; '贸易额达到410亿美元' prints
410 with 10**8; 'выросла в 1,5 раза' prints 1.5 times; '增长百分之三十二' prints 32 percent.
A fact's quantity is in the quote when the quote prints its amount with the same scale
(by meaning: 'млрд', 'миллиарда' and ``billion`` are all 10**9) and, for a percent or a
"times" figure, marked as one. Quotes are normalised
(:func:`reportgen.evidence.provenance.normalise`): full-width digits are plain digits and
every kind of space is a plain space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from .languages import Language
from .quantity import is_percent
from .schema import SCALES


@dataclass(frozen=True)
class Printed:
    """One quantity as a quote prints it."""

    text: str  #: as printed: '31,5 млрд'
    number: Decimal  #: 31.5
    multiplier: int  #: 10**9; 1 without a scale word
    mark: str  #: 'percent', 'times' or ''


def _alternatives(options) -> str:
    """A regex alternation, longest first: 'миллиардов' before 'миллиард'."""
    return "|".join(sorted(options, key=len, reverse=True))


@cache
def _pattern(language: Language) -> re.Pattern:
    groups = "[" + re.escape("".join(language.groups)) + "]"
    decimals = "[" + re.escape("".join(language.decimals)) + "]"
    numeral = rf"\d{{1,3}}(?:{groups}\d{{3}})+(?:{decimals}\d+)?|\d+(?:{decimals}\d+)?"
    # a word stands alone where words are spaced; hanzi numbers compose (三十二 is 32)
    alone = r"(?![^\W\d_])" if language.spaced else ""
    if not language.words:
        words = "(?!)"
    elif language.spaced:
        words = rf"(?<![^\W\d_])(?:{_alternatives(re.escape(w) for w in language.words)})"
    else:
        words = "[" + "".join(language.words) + "]+"
    scales = _alternatives(re.escape(w) for w in SCALES | language.scales)
    marks = [rf"(?P<percent>{_alternatives(re.escape(w) for w in language.percent)})"]
    if language.times:
        marks.append(rf"(?P<times>{_alternatives(re.escape(w) for w in language.times)})")
    before = _alternatives(re.escape(p) for p in language.percent_before) or "(?!)"
    approximate = _alternatives(re.escape(a) for a in language.approximate) or "(?!)"
    return re.compile(
        rf"(?P<before>{before})?"
        rf"(?:(?<!\d)(?<!\d[.,])(?P<numeral>{numeral})(?!\d)|(?P<word>{words}){alone})"
        rf"(?:{approximate})?"
        rf"(?: ?(?P<scale>{scales}))?"
        rf"(?: ?(?:{'|'.join(marks)}){alone})?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=512)
def printed_quantities(quote: str, language: Language) -> tuple[Printed, ...]:
    """Every quantity the (normalised) quote prints, in order."""
    found = []
    scales = SCALES | language.scales
    for match in _pattern(language).finditer(quote):
        number = _number(match, language)
        if number is None:
            continue
        scale = match.group("scale")
        mark = "percent" if match.group("before") or match.group("percent") else \
            "times" if match.groupdict().get("times") else ""
        multiplier = scales.get(scale) or scales.get(scale.lower()) if scale else 1
        found.append(Printed(match.group().strip(), number, multiplier or 1, mark))
    return tuple(found)


def _number(match: re.Match, language: Language) -> Decimal | None:
    numeral = match.group("numeral")
    if numeral is not None:
        text = numeral
        for group in language.groups:
            text = text.replace(group, "")
        for mark in language.decimals:
            text = text.replace(mark, ".")
        return Decimal(text)
    word = match.group("word")
    if not language.spaced:
        return _hanzi_number(word, language.words)
    value = language.words.get(word.lower())
    return None if value is None else Decimal(str(value))


def _hanzi_number(text: str, digits: dict[str, int]) -> Decimal:
    """三十二 -> 32, 十 -> 10, 两千 -> 2000; digits alone (二〇二三) read one by one."""
    values = [digits[c] for c in text]
    if all(v < 10 for v in values):
        return Decimal("".join(str(v) for v in values))
    total = current = 0
    for value in values:
        if value < 10:
            current = value
        else:
            total += (current or 1) * value
            current = 0
    return Decimal(total + current)


def quantity_in_quote(quantity: dict[str, Any], quote: str, language: Language) -> bool:
    """The quote prints the quantity's amount with its scale (and percent or times mark)."""
    return any(_means(quantity, p) for p in printed_quantities(quote, language))


def _means(quantity: dict[str, Any], printed: Printed) -> bool:
    scale = quantity.get("scale")
    if printed.number != quantity["amount"] or printed.multiplier != \
            (SCALES[scale] if scale else 1):
        return False
    if is_percent(quantity):
        return printed.mark == "percent"
    if str(quantity.get("unit", "")).lower() == "times":
        return printed.mark == "times"
    return True
