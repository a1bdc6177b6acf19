"""Quantities as Russian, Kazakh and Chinese quotes print them: every number format."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from reportgen.evidence.languages import CHINESE, KAZAKH, LANGUAGES, RUSSIAN, language_of
from reportgen.evidence.printed import printed_quantities, quantity_in_quote
from reportgen.evidence.provenance import normalise
from reportgen.evidence.schema import QUALIFIERS, SCALES


def test_scale_words_come_from_cldr_with_their_powers():
    assert SCALES["亿"] == 10**8
    assert SCALES["万"] == 10**4
    assert SCALES["万亿"] == 10**12
    assert SCALES["млрд"] == SCALES["миллиардов"] == SCALES["billion"] == 10**9
    assert SCALES["тыс."] == SCALES["мың"] == 10**3
    assert SCALES["трлн"] == 10**12
    assert "м." not in KAZAKH.scales  # CLDR's short 10**5 form would read metres as 1,000


def test_qualifiers_of_each_language_say_what_they_mean():
    assert QUALIFIERS["более"] == QUALIFIERS["астам"] == QUALIFIERS["超过"] == "above"
    assert QUALIFIERS["около"] == QUALIFIERS["约"] == "approximately"
    assert QUALIFIERS["почти"] == QUALIFIERS["近"] == "just below"


@pytest.mark.parametrize("code, expected", [
    ("ru", RUSSIAN), ("RU", RUSSIAN), ("kk-KZ", KAZAKH), ("zh_CN", CHINESE), ("zh-Hans", CHINESE),
    ("en", None), ("", None), (None, None), ("de", None),
])
def test_language_of_a_source(code, expected):
    assert language_of(code) is expected


def read(quote: str, code: str) -> list[tuple[str, int, str]]:
    return [(str(p.number), p.multiplier, p.mark)
            for p in printed_quantities(normalise(quote), LANGUAGES[code])]


@pytest.mark.parametrize("code, quote, expected", [
    # decimal comma and the short scale word
    ("ru", "товарооборот достиг 31,5 млрд долларов США", ("31.5", 10**9, "")),
    # long scale words in their plural forms
    ("ru", "инвестиции составили 12,8 миллиарда долларов", ("12.8", 10**9, "")),
    ("ru", "объем превысил 3 миллионов тонн", ("3", 10**6, "")),
    ("ru", "экспорт зерна составил 150 тыс. тонн", ("150", 10**3, "")),
    ("ru", "бюджет проекта 1,2 трлн тенге", ("1.2", 10**12, "")),
    # group separators: no-break, narrow no-break and plain spaces
    ("ru", "перевезено 1\u00a0250\u00a0000 тонн груза", ("1250000", 1, "")),
    ("ru", "перевезено 1\u202f250\u202f000 тонн груза", ("1250000", 1, "")),
    ("ru", "перевезено 1 250 000 тонн груза", ("1250000", 1, "")),
    # percent and "times"
    ("ru", "вырос на 32% по сравнению с прошлым годом", ("32", 1, "percent")),
    ("ru", "вырос на 23,6 процента", ("23.6", 1, "percent")),
    ("ru", "увеличился в 2,6 раза", ("2.6", 1, "times")),
    ("ru", "реализовано пять проектов", ("5", 1, "")),
    ("ru", "объем вырос в полтора раза", ("1.5", 1, "times")),
    ("ru", "Пять новых маршрутов", ("5", 1, "")),
    # the dot many Russian sites print as a decimal point
    ("ru", "достиг 31.5 млрд долларов", ("31.5", 10**9, "")),
    # Kazakh: мың, пайыз with its case endings, есе
    ("kk", "тауар айналымы 31,5 млрд АҚШ долларына жетті", ("31.5", 10**9, "")),
    ("kk", "астық экспорты 150 мың тоннаға жетті", ("150", 10**3, "")),
    ("kk", "сауда көлемі 32 пайызға өсті", ("32", 1, "percent")),
    ("kk", "сауда көлемі 32%-ға өсті", ("32", 1, "percent")),
    ("kk", "экспорт 2,6 есе ұлғайды", ("2.6", 1, "times")),
    ("kk", "бес бірлескен жоба іске қосылды", ("5", 1, "")),
    ("kk", "жүк 1 250 000 тоннаны құрады", ("1250000", 1, "")),
    # Chinese: 万, 亿, 万亿, full-width digits, 百分之, 倍, hanzi numbers, 多 inside a number
    ("zh", "2023年中哈贸易额达到410亿美元", ("410", 10**8, "")),
    ("zh", "中哈贸易额达到４１０亿美元", ("410", 10**8, "")),
    ("zh", "双边投资存量达1.2万亿元", ("1.2", 10**12, "")),
    ("zh", "双边投资存量达１．２万亿元", ("1.2", 10**12, "")),
    ("zh", "过境货物4100万吨", ("4100", 10**4, "")),
    ("zh", "进口粮食3千吨", ("3", 10**3, "")),
    ("zh", "投资三千亿元", ("3000", 10**8, "")),
    ("zh", "同比增长32%", ("32", 1, "percent")),
    ("zh", "同比增长３２％", ("32", 1, "percent")),
    ("zh", "同比增长百分之三十二", ("32", 1, "percent")),
    ("zh", "出口增长了2.6倍", ("2.6", 1, "times")),
    ("zh", "贸易额达到410多亿美元", ("410", 10**8, "")),
    ("zh", "运输货物1,250,000吨", ("1250000", 1, "")),
    ("zh", "运输货物１，２５０，０００吨", ("1250000", 1, "")),
    ("zh", "三千家企业在哈萨克斯坦运营", ("3000", 1, "")),
])
def test_each_number_format_is_read(code, quote, expected):
    assert expected in read(quote, code)


@pytest.mark.parametrize("code, quote, wrong", [
    ("ru", "достиг 31,5 млрд долларов", ("5", 1, "")),  # part of a number
    ("ru", "достиг 31,5 млрд долларов", ("31.5", 1, "")),  # without its scale
    ("ru", "перевезено 1 250 000 тонн", ("250000", 1, "")),
    ("zh", "贸易额达到410亿美元", ("10", 10**8, "")),
    ("zh", "贸易额达到410亿美元", ("410", 1, "")),
    ("kk", "5 м. биіктікте", ("5", 10**3, "")),  # metres, not thousands
])
def test_part_of_a_printed_quantity_is_not_one(code, quote, wrong):
    assert wrong not in read(quote, code)


def quantity(amount: str, unit: str = "USD", scale: str | None = None) -> dict:
    found = {"amount": Decimal(amount), "unit": unit}
    if scale:
        found["scale"] = scale
    return found


@pytest.mark.parametrize("code, quote, fact, ok", [
    ("ru", "достиг 31,5 млрд долларов США", quantity("31.5", scale="млрд"), True),
    ("ru", "достиг 31,5 млрд долларов США", quantity("31.5", scale="billion"), True),
    ("ru", "достиг 31,5 млрд долларов США", quantity("31.5", scale="миллиарда"), True),
    ("ru", "достиг 31,5 млрд долларов США", quantity("31.5", scale="млн"), False),
    ("ru", "достиг 31,5 млрд долларов США", quantity("31.5"), False),
    ("ru", "достиг 31,5 млрд долларов США", quantity("32.5", scale="млрд"), False),
    ("ru", "вырос на 23,6 процента", quantity("23.6", "percent"), True),
    ("ru", "вырос на 23,6 процента", quantity("23.6", "times"), False),
    ("ru", "увеличился в 2,6 раза", quantity("2.6", "times"), True),
    ("ru", "увеличился в 2,6 раза", quantity("2.6", "percent"), False),
    ("kk", "32 пайызға өсті", quantity("32", "%"), True),
    ("zh", "贸易额达到410亿美元", quantity("410", scale="亿"), True),
    ("zh", "贸易额达到410亿美元", quantity("41", scale="billion"), False),  # not as printed
    ("zh", "贸易额达到410亿美元", quantity("410", scale="万"), False),
    ("zh", "出口增长了2.6倍", quantity("2.6", "times"), True),
])
def test_a_quantity_is_proven_with_its_scale_and_mark(code, quote, fact, ok):
    assert quantity_in_quote(fact, normalise(quote), LANGUAGES[code]) is ok


@pytest.mark.parametrize("fact, shown", [
    ({"amount": Decimal("120"), "scale": "万", "unit": "tons", "qualifier": "超过"},
     "超过120万 tons"),
    ({"amount": Decimal("31.5"), "scale": "млрд", "unit": "USD", "qualifier": "более"},
     "более 31.5 млрд USD"),
    ({"amount": Decimal("21.2"), "scale": "billion", "unit": "USD", "qualifier": "over"},
     "over 21.2 billion USD"),
])
def test_as_printed_keeps_chinese_words_together(fact, shown):
    from reportgen.evidence.quantity import as_printed

    assert as_printed(fact) == shown


def test_a_language_without_number_words_reads_only_digits():
    from reportgen.evidence.languages import Language

    bare = Language("xx", "Bare", decimals=(",",), groups=(" ",), scales={}, percent=("%",))
    assert [(str(p.number), p.text) for p in printed_quantities("a 5 b 2,5%", bare)] == \
        [("5", "5"), ("2.5", "2,5%")]


# CLDR writes, printed.py reads: whatever Babel prints for a language reads back the same.
_CODES = st.sampled_from(["ru", "kk", "zh"])
#: a number as articles print them: up to 13 digits, up to 2 decimals
_AMOUNTS = st.builds(lambda units, cents: Decimal(units) + Decimal(cents) / 100,
                     st.integers(0, 10**13), st.integers(0, 99))


@given(_CODES, _AMOUNTS)
def test_a_number_as_cldr_writes_it_reads_back(code, amount):
    text = format_decimal(amount, locale=code, decimal_quantization=False)
    (printed,) = printed_quantities(normalise(f"составил {text} единиц"), LANGUAGES[code])
    assert (printed.number, printed.multiplier, printed.mark) == (amount, 1, "")


@given(_CODES, st.integers(1, 9999), st.integers(3, 13), st.sampled_from(["short", "long"]))
def test_a_compact_number_as_cldr_writes_it_reads_back(code, mantissa, power, width):
    value = Decimal(mantissa) * 10**power / 10  # one decimal, as 31,5 млрд
    text = format_compact_decimal(value, locale=code, format_type=width, fraction_digits=1)
    if code == "kk" and width == "short" and text.endswith("м."):
        return  # CLDR's '150 м.' is not read as thousands: it would read metres too
    (printed,) = printed_quantities(normalise(text), LANGUAGES[code])
    # CLDR rounds to one decimal of its scale word: 10100 is '1万'
    assert abs(printed.number * printed.multiplier - value) <= \
        printed.multiplier * Decimal("0.05"), text


@given(_CODES, st.integers(0, 100000))
def test_a_percent_as_cldr_writes_it_reads_back(code, tenths):
    value = Decimal(tenths) / 10
    text = format_percent(value / 100, locale=code, decimal_quantization=False)
    (printed,) = printed_quantities(normalise(text), LANGUAGES[code])
    assert (printed.number, printed.mark) == (value, "percent"), text
