"""Read a printed figure the way the fact format wants it: amount, scale, unit, qualifier.

Deterministic rules over one sentence, no model: ``about $1.4 billion`` is
``{amount: 1.4, scale: billion, unit: USD, qualifier: about}``, ``up 20 percent`` is
``{amount: 20, unit: percent}``, ``increased 2.6 times`` is ``{amount: 2.6, unit:
times}``, ``doubling`` is ``{amount: 2, unit: times}``, ``45 joint Kazakhstan-China
projects`` is ``{amount: 45, unit: projects}``. The numbers themselves come from
:mod:`reportgen.evidence.figures`, so what is read here is what coverage counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figures import Number, find_numbers
from .schema import QUALIFIERS, SCALES

#: a currency sign printed before the number
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "¥": "CNY", "₸": "KZT", "₽": "RUB"}
#: unit words printed after the number (and its scale), longest first, as the format
#: writes them
UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("u.s. dollars", "USD"), ("us dollars", "USD"), ("dollars", "USD"), ("usd", "USD"),
    ("yuan", "CNY"), ("renminbi", "CNY"), ("tenge", "KZT"), ("euros", "EUR"),
    ("euro", "EUR"), ("rubles", "RUB"), ("roubles", "RUB"), ("per cent", "percent"),
    ("percent", "percent"), ("%", "percent"), ("times", "times"), ("fold", "times"),
    ("tonnes", "tons"), ("tons", "tons"), ("megawatts", "MW"), ("mw", "MW"),
    ("gigawatts", "GW"), ("kilometers", "km"), ("kilometres", "km"), ("km", "km"),
)
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(" + "|".join(re.escape(w) for w, _ in UNIT_WORDS) + r")(?![A-Za-z])",
    re.IGNORECASE)
_UNITS = dict(UNIT_WORDS)
_SCALE_AFTER = re.compile(r"\s+(" + "|".join(SCALES) + r")\b", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
    + r")\s+(?:(?:a|an|the|record|total|of|to|level|mark)\s+){0,3}(?:US\$|\$|€|¥|₸|₽)?\s*$",
    re.IGNORECASE)
#: words that end a counted noun phrase: '45 joint projects *with* ...'
_STOP = frozenset("""
a an the and or but with without are is was were be been being have has had will would
can could may might shall should do does did of in on at to for from by as than that
which who whom whose this these those it its their there here ago per each every into
onto over under about after before during since until while worth valued totalling
including such also already still now currently successfully reaching reached amounted
stood grew rose fell increased decreased year-on-year year on
""".split())
#: leading modifiers dropped from a counted noun phrase: 'joint companies' -> companies
_MODIFIERS = frozenset("""
joint new major large big small key more other further foreign domestic bilateral
international national regional local cooperation leading top additional
""".split())


@dataclass(frozen=True)
class Quantity:
    """A figure read from a sentence: the fact format's quantity and where it stands."""

    number: Number
    amount: Decimal
    scale: str | None
    unit: str | None  # None: the analyst must say what is counted
    qualifier: str | None

    def as_yaml_dict(self) -> dict:
        out: dict = {"amount": self.amount}
        if self.scale:
            out["scale"] = self.scale
        out["unit"] = self.unit
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


def read_quantities(sentence: str) -> list[Quantity]:
    """Every figure of ``sentence`` read as a quantity, in order."""
    return [read_quantity(sentence, n) for n in find_numbers(sentence)]


def read_quantity(text: str, number: Number) -> Quantity:
    if number.multiple:  # 'doubling', 'twice'
        return Quantity(number, number.amount, None, "times", None)
    end = number.end
    scale = None
    match = _SCALE_AFTER.match(text, end)
    if match:
        scale, end = match.group(1).lower(), match.end()
    unit = None
    before = text[max(0, number.start - 3):number.start]
    for sign in ("US$", "$", "€", "¥", "₸", "₽"):
        if before.endswith(sign):
            unit = CURRENCY_SIGNS[sign]
            break
    match = _UNIT_AFTER.match(text, end)
    if match and (unit is None or _UNITS[match.group(1).lower()] == unit):
        unit = _UNITS[match.group(1).lower()]
    elif unit is None:
        unit = _counted(text, end)
    match = _QUALIFIER_BEFORE.search(text, max(0, number.start - 40), number.start)
    qualifier = match.group(1).lower() if match else None
    return Quantity(number, number.amount, scale, unit, qualifier)


_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'-]*)")


def _counted(text: str, position: int) -> str | None:
    """The noun phrase after a bare number: what it counts ('projects'), or None."""
    words: list[str] = []
    while len(words) < 5:
        match = _WORD.match(text, position)
        if match is None:
            break
        word = match.group(1)
        if words and word.islower() and word.endswith(("ed", "ing")):
            break  # a verb: 'eight agreements *signed*', '30 enterprises *visited*'
        if word.lower() in _STOP:
            # 'railroads and highways': keep 'and' between two nouns
            following = _WORD.match(text, match.end())
            if word.lower() == "and" and words and following and \
                    following.group(1).lower() not in _STOP:
                words.append(word)
                position = match.end()
                continue
            break
        words.append(word)
        position = match.end()
    while words and words[-1].lower() == "and":
        words.pop()
    if not words:
        return None
    if not all(w[0].isupper() for w in words):  # 'Confucius Institutes' stays whole
        while len(words) > 1 and (words[0].lower() in _MODIFIERS or words[0][0].isupper()):
            words.pop(0)
    return " ".join(words)
