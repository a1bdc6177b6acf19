"""How each supported language prints a number, declared once per language.

A :class:`Language` holds what reading a printed quantity needs: decimal and group
separators, scale words and their powers of ten, percent and "times" forms, number words
and qualifiers. Separators and scale words come from Unicode CLDR through Babel (the
short and long compact forms: 'млрд' and 'миллиарда', 'мың', '亿'); what CLDR does not
hold (qualifiers, 'раза', '倍', number words, the dot many Russian sites print as a
decimal point) is added below. English is read by :mod:`reportgen.evidence.provenance`
as before; the languages here are those whose quotes are proven by
:mod:`reportgen.evidence.printed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import babel
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

#: the Babel release (and so the CLDR data) the declarations are read from
CLDR_VERSION = f"babel {babel.__version__}"


@dataclass(frozen=True, eq=False)  # one object per language: hashed by identity
class Language:
    code: str
    name: str
    decimals: tuple[str, ...]  #: decimal marks, CLDR's first
    groups: tuple[str, ...]  #: thousands separators as they stand in a normalised quote
    scales: dict[str, int]  #: printed scale word -> its multiplier (10**n)
    percent: tuple[str, ...]  #: the words that mark a percent after the number
    percent_before: tuple[str, ...] = ()  #: ... or before it ('百分之32')
    times: tuple[str, ...] = ()  #: the words for "times" after the number ('2,6 раза', '2.6倍')
    approximate: tuple[str, ...] = ()  #: marks between number and scale: '410多亿'
    words: dict[str, float] = field(default_factory=dict)  #: number words: 'пять', 'бес'
    #: words are separated by spaces (not so in Chinese: '2023年中哈贸易额')
    spaced: bool = True
    qualifiers: dict[str, str] = field(default_factory=dict)  #: printed -> bound


def _cldr_scales(locale: str, exclude: tuple[str, ...] = ()) -> dict[str, int]:
    """Every scale word of the locale's compact number formats, with its multiplier:
    the pattern ``00 млрд`` under 10000000000 says 'млрд' multiplies by 10**9."""
    data = Locale.parse(locale).compact_decimal_formats
    scales: dict[str, int] = {}
    for width in ("short", "long"):
        for plural in data.get(width, {}):
            for magnitude, pattern in data[width][plural].items():
                text = pattern.pattern.replace("'", "")
                word = text.replace("0", "").strip(" \u00a0")
                if word and word not in exclude:
                    zeros = text.count("0")
                    scales[word] = int(magnitude) // 10 ** (zeros - 1)
    return scales


def _cldr_symbols(locale: str) -> tuple[str, str]:
    return get_decimal_symbol(locale), get_group_symbol(locale)


def _groups(symbol: str) -> tuple[str, ...]:
    # normalised quotes print no-break, narrow and thin spaces as a plain space
    return (" ",) if symbol.isspace() else (symbol,)


_RU_DECIMAL, _RU_GROUP = _cldr_symbols("ru")
_KK_DECIMAL, _KK_GROUP = _cldr_symbols("kk")
_ZH_DECIMAL, _ZH_GROUP = _cldr_symbols("zh")

RUSSIAN = Language(
    "ru", "Russian",
    decimals=(_RU_DECIMAL, "."),
    groups=_groups(_RU_GROUP),
    scales={**_cldr_scales("ru"), "тыс": 10**3},
    percent=("%", "процент", "процента", "процентов"),
    times=("раза", "раз"),
    words={"один": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
           "трёх": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
           "девять": 9, "десять": 10, "полтора": 1.5},
    qualifiers={"более": "above", "свыше": "above", "около": "approximately",
                "порядка": "approximately", "почти": "just below", "не менее": "at or above",
                "менее": "below", "до": "at or below"},
)

KAZAKH = Language(
    "kk", "Kazakh",
    decimals=(_KK_DECIMAL, "."),
    groups=_groups(_KK_GROUP),
    # CLDR's short form for 10**5, 'м.', would read '5 м.' (metres) as 5,000
    scales=_cldr_scales("kk", exclude=("м.",)),
    percent=("%", "пайыз", "пайызға", "пайызды", "пайызы", "пайызын", "пайыздан"),
    times=("есе", "есеге"),
    words={"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7,
           "сегіз": 8, "тоғыз": 9, "он": 10},
    qualifiers={"астам": "above", "артық": "above", "шамамен": "approximately",
                "шамасында": "approximately", "жуық": "just below", "кем дегенде": "at or above"},
)

CHINESE = Language(
    "zh", "Chinese",
    decimals=(_ZH_DECIMAL,),
    groups=_groups(_ZH_GROUP),
    # CLDR writes 1,000 as '1000'; news also prints '3千吨'
    scales={**_cldr_scales("zh"), "千": 10**3},
    percent=("%",),
    percent_before=("百分之",),
    times=("倍",),
    approximate=("多", "余"),
    spaced=False,
    words={"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000},
    qualifiers={"超过": "above", "逾": "above", "多": "above", "余": "above",
                "约": "approximately", "大约": "approximately", "近": "just below",
                "将近": "just below", "接近": "just below", "至少": "at or above"},
)

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (RUSSIAN, KAZAKH, CHINESE)}

#: every scale word of every language, with its multiplier, for the schema's ``scale``
SCALE_WORDS: dict[str, int] = {w: m for lang in LANGUAGES.values() for w, m in lang.scales.items()}
#: every qualifier of every language, with what it says of the true value
QUALIFIERS: dict[str, str] = {q: b for lang in LANGUAGES.values()
                              for q, b in lang.qualifiers.items()}


def language_of(code: object) -> Language | None:
    """The declared language of a source's ``language`` ('ru', 'zh-CN', 'kk_KZ'), or None
    (English, or a language not declared here)."""
    if isinstance(code, str):
        return _language_of_text(code)  # asked once per fact: remembered per code
    return _language_of_text(str(code or ""))


@lru_cache(maxsize=256)
def _language_of_text(code: str) -> Language | None:
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return LANGUAGES.get(base)
