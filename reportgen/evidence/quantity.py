"""What a printed quantity means: its normalised number and how to show it."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from .provenance import unspaced
from .schema import CURRENCY_UNITS, PERCENT_UNITS, QUALIFIERS, SCALES


def normalised(quantity: dict[str, Any]) -> Decimal:
    """31.5 billion USD -> 31500000000; 30 percent -> 30 (the unit says it is a percent)."""
    amount: Decimal = quantity["amount"]
    scale = quantity.get("scale")
    return amount * SCALES[scale] if scale else amount


def is_percent(quantity: dict[str, Any]) -> bool:
    return str(quantity.get("unit", "")).lower() in PERCENT_UNITS


def is_currency(quantity: dict[str, Any]) -> bool:
    return quantity.get("unit") in CURRENCY_UNITS


def as_printed(quantity: dict[str, Any]) -> str:
    """A readable form rebuilt from the parts: 'over 21.2 billion USD'; Chinese words
    stand without spaces: '超过120万 tons'."""
    qualifier, scale = quantity.get("qualifier"), quantity.get("scale")
    number = f"{quantity['amount']:,}".rstrip()
    if scale and unspaced(scale[0]):
        number, scale = number + scale, None
    if qualifier and unspaced(qualifier[-1]):
        number, qualifier = qualifier + number, None
    parts = [qualifier, number, scale, _unit_text(quantity)]
    return " ".join(str(p) for p in parts if p)


def printed_once(amount: Decimal, scale: str | None, unit: str | None,
                 qualifier: str | None) -> str:
    """:func:`as_printed` of these parts, worked out once per distinct figure as printed
    (31.5 and 31.50 are equal numbers but print differently: the cache tells them apart)."""
    return _printed(amount, str(amount), scale, unit, qualifier)


@lru_cache(maxsize=65536)
def _printed(amount: Any, text: str, scale: Any, unit: Any, qualifier: Any) -> str:
    return as_printed({"amount": amount, "scale": scale, "unit": unit, "qualifier": qualifier})


def _unit_text(quantity: dict[str, Any]) -> str:
    unit = str(quantity.get("unit", ""))
    return "%" if unit.lower() in PERCENT_UNITS else unit


def change_type(quantity: dict[str, Any]) -> str:
    """How a growth figure's change is meant: 'percent' (+30%), 'times' (2.6 times), or
    'absolute' (by one million tons: shown with its unit, never as a bare number)."""
    unit = str(quantity.get("unit", "")).lower()
    if unit in PERCENT_UNITS:
        return "percent"
    return "times" if unit == "times" else "absolute"


def bound(quantity: dict[str, Any]) -> str:
    """'exact', or what the qualifier says about the true value ('above', ...)."""
    qualifier = quantity.get("qualifier")
    return QUALIFIERS[qualifier] if qualifier else "exact"
