"""Numbers as a reader reads them: $31.5 bn, 23 Mt, 34%, 2.6×, 3,000 companies.

Every reading stays a real number (sortable, chartable); only its display unit and its
number format change. The exact figure is kept beside it for analysts. Number formats
show exactly the decimals a figure has: never a trailing dot ("52."), never "24.000".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from ..evidence.quantity import is_currency, is_percent, normalised
from ..evidence.schema import QUALIFIERS
from ..template.values import Formatted

SYMBOLS = {"USD": "$", "EUR": "\u20ac"}
TIMES = "\u00d7"

#: what a printed qualifier says, in the words a sentence uses
QUALIFIER_WORDS = {"approximately": "about", "just below": "nearly", "above": "over",
                   "at or above": "at least", "at or below": "up to", "below": "under"}


def decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(number: Decimal, minimum: int = 0, prefix: str = "", suffix: str = "") -> str:
    places = max(minimum, decimals(number))
    code = "#,##0" + ("." + "0" * places if places else "")
    quote = '"{}"'.format
    return (quote(prefix) if prefix else "") + code + (quote(suffix) if suffix else "")


@dataclass(frozen=True)
class Reading:
    """A figure in display units: ``number`` shown with ``plain`` (a column with a unit
    heading) or ``labelled`` (the unit in the cell: '$31.5 bn'); ``unit`` names it."""

    number: Decimal
    unit: str
    plain: str
    labelled: str

    def cell(self) -> Formatted:
        return self._cell

    def labelled_cell(self) -> Formatted:
        return self._labelled_cell

    # made once per reading (readings are cached, so once per distinct figure)
    @cached_property
    def _cell(self) -> Formatted:
        return Formatted(self.number, self.plain)

    @cached_property
    def _labelled_cell(self) -> Formatted:
        return Formatted(self.number, self.labelled)

    def text(self) -> str:
        """The reading as words in a sentence: '$31.5 bn', '34%', '23 Mt'."""
        return _apply(self.labelled, f"{self.number:,.{decimals(self.number)}f}")


def _apply(code: str, shown: str) -> str:
    """The text an Excel format code of ours gives a number already formatted."""
    parts = code.split('"')
    out = []
    for i, part in enumerate(parts):
        out.append(part if i % 2 else (shown if part else ""))
    return "".join(out)


def reading(quantity: dict | None) -> Reading | None:
    """The figure in the unit a reader expects, from the quantity as curated."""
    if not quantity:
        return None
    return _reading(quantity["amount"], quantity.get("scale"), str(quantity.get("unit", "")))


@lru_cache(maxsize=65536)
def _reading(amount: Decimal, scale: str | None, unit: str) -> Reading:
    quantity = {"amount": amount, "scale": scale, "unit": unit}
    number = normalised(quantity)
    if is_percent(quantity):
        fraction = number / 100
        places = decimals(number)
        code = "0" + ("." + "0" * places if places else "") + "%"
        return _Percent(fraction, "%", code, code)
    if unit.lower() == "times":
        return Reading(number, TIMES, number_format(number),
                       number_format(number, suffix=TIMES))
    if is_currency(quantity):
        symbol = SYMBOLS.get(unit, "")
        prefix = symbol or f"{unit} "
        for size, word in ((10**12, "tn"), (10**9, "bn"), (10**6, "m")):
            if abs(number) >= size:
                scaled = number / size
                return Reading(scaled, f"{unit} {word}", number_format(scaled),
                               number_format(scaled, prefix=prefix, suffix=f" {word}"))
        return Reading(number, unit, number_format(number),
                       number_format(number, prefix=prefix))
    if unit.lower() in ("tons", "tonnes", "t"):
        for size, word in ((10**6, "Mt"), (10**3, "kt")):
            if abs(number) >= size:
                scaled = number / size
                return Reading(scaled, word, number_format(scaled),
                               number_format(scaled, suffix=f" {word}"))
        return Reading(number, "t", number_format(number), number_format(number, suffix=" t"))
    if unit.lower().startswith("rank"):
        prefix = "among the top " if "top" in unit.lower() else "rank "
        return Reading(number, "rank", number_format(number, prefix=prefix),
                       number_format(number, prefix=prefix))
    label = unit.replace('"', "'")
    return Reading(number, label, number_format(number),
                   number_format(number, suffix=f" {label}" if label else ""))


class _Percent(Reading):
    def text(self) -> str:
        places = decimals(self.number * 100)
        return f"{self.number * 100:,.{places}f}%"


def exact_cell(quantity: dict | None) -> Formatted | None:
    """The exact figure (31,500,000,000): for analysts, beside its unit as curated."""
    if not quantity:
        return None
    return _exact(normalised(quantity))


@lru_cache(maxsize=65536)
def _exact(number: Decimal) -> Formatted:
    return Formatted(number, number_format(number))


def qualifier_words(quantity: dict | None) -> str:
    """'over', 'about', 'nearly' ... as a sentence needs it ('' when exact)."""
    qualifier = (quantity or {}).get("qualifier")
    return QUALIFIER_WORDS.get(QUALIFIERS.get(qualifier, ""), qualifier or "") if qualifier \
        else ""
