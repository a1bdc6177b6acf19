from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.evidence.provenance import normalise, number_in_quote, phrase_in_quote


@pytest.mark.parametrize("amount, quote", [
    ("31.5", "reaching $31.5 billion"),
    ("1000", "had exceeded 1,000 megawatts"),
    ("930", "reached 930 million U.S. dollars"),
    ("2.6", "increased 2.6 times"),
    ("5", "Five Confucius Institutes"),
    ("30", "grew by 30% last year"),
    ("3000", "Today, 3,000 joint companies"),
    ("61.3", "a year-on-year surge of 61.3 percent."),
])
def test_number_found_in_quote(amount, quote):
    assert number_in_quote(Decimal(amount), quote)


@pytest.mark.parametrize("amount, quote", [
    ("3", "reaching $31.5 billion"),
    ("1", "had exceeded 1,000 megawatts"),
    ("31", "reaching $31.5 billion"),
    ("17", "31.17 billion"),
])
def test_part_of_a_number_is_not_a_match(amount, quote):
    assert not number_in_quote(Decimal(amount), quote)


def test_quote_matching_ignores_layout_quotes_and_dashes():
    article = normalise("He said:\n\n“We are — very   excited”, in Astana–Almaty.")
    assert normalise('said: "We are - very excited", in Astana-Almaty.') in article
    assert normalise("we are very excited") not in article


def test_phrase_on_word_boundaries():
    assert phrase_in_quote("over", "worth of over 21.2 billion")
    assert not phrase_in_quote("over", "an overall rise")
    assert phrase_in_quote("Last year", "last year, the trade volume")


@pytest.mark.parametrize("article, quote", [
    ("Министр заявил: «Товарооборот вырос на 32%».", 'заявил: "Товарооборот вырос на 32%"'),
    ("Министр заявил: „Товарооборот вырос“.", 'заявил: "Товарооборот вырос".'),
    ("他说：「贸易额达到410亿美元」。", '他说:"贸易额达到410亿美元"。'),
    ("贸易额达到４１０亿美元，同比增长３２％。", "贸易额达到410亿美元,同比增长32%。"),
    ("贸易额达到410亿美元，同比增长32%。", "贸易额达到４１０亿美元，同比增长３２％。"),
    ("объем составил 1\u00a0250\u202f000 тонн", "объем составил 1 250 000 тонн"),
    ("中哈两国元首\u3000会见", "中哈两国元首 会见"),
])
def test_quotes_in_other_scripts_match_their_article(article, quote):
    assert normalise(quote) in normalise(article)


@pytest.mark.parametrize("phrase, quote, found", [
    ("2023年", "2023年中哈贸易额达到410亿美元", True),
    ("2023年前10个月", "2023年前10个月中哈贸易额增长32%", True),
    ("前10个月", "2023年前10个月中哈贸易额", True),
    ("023年", "2023年中哈贸易额", False),
    ("0个月", "2023年前10个月中哈贸易额", False),
    ("超过", "贸易额超过410亿美元", True),
    ("近", "贸易额近410亿美元", True),
    ("за 9 месяцев 2023 года", "За 9 месяцев 2023 года товарооборот вырос", True),
    ("в прошлом году", "В прошлом году товарооборот достиг 31,5 млрд", True),
    ("более", "составил более 31 млрд", True),
    ("более", "наиболее крупный", False),
    ("астам", "31 млрд доллардан астам", True),
    ("2023 жылдың 9 айында", "2023 жылдың 9 айында тауар айналымы өсті", True),
    ("9 айында", "2023 жылдың 19 айында", False),
    # Kazakh joins case endings to names: the printed form goes in also_printed_as
    ("Чжан Сяо", "Елшісі Чжан Сяомен кездесті", False),
    ("Чжан Сяомен", "Елшісі Чжан Сяомен кездесті", True),
    ("张霄", "中国驻哈萨克斯坦大使张霄。", True),
])
def test_phrases_in_scripts_with_and_without_spaces(phrase, quote, found):
    assert phrase_in_quote(phrase, normalise(quote)) is found


def test_closest_passage_in_chinese_starts_mid_sentence():
    from reportgen.evidence.provenance import closest_passage

    article = normalise("新华社阿斯塔纳12月1日电。据统计，2023年中哈贸易额达到410亿美元，"
                        "同比增长32%。两国元首举行会谈。")
    assert closest_passage("2023年中哈贸易额达到420亿美元", article) == \
        "2023年中哈贸易额达到410亿美元"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,٣５ a-$%") | st.characters(),
               max_size=40))
def test_numerals_are_those_of_the_reference_pattern(text):
    """The quick scan of a quote's numerals finds what the plain pattern finds."""
    from decimal import InvalidOperation

    from reportgen.evidence.provenance import _NUMERAL, _numerals

    want = set()
    for numeral in _NUMERAL.findall(text):
        try:
            want.add(Decimal(numeral.replace(",", "")))
        except InvalidOperation:
            pass
    assert _numerals(text) == want


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,٣ a-$"), max_size=24),
       st.decimals(min_value=-100, max_value=10**7, places=2, allow_nan=False)
       | st.sampled_from([Decimal("1000"), Decimal("5"), Decimal("0.5"), Decimal("31.5")]))
def test_a_number_is_found_as_the_full_scan_finds_it(text, amount):
    """Looking first where the amount is printed as written changes no answer."""
    from reportgen.evidence.provenance import _number_words, _numerals

    want = amount in _numerals(text) or amount in _number_words(text)
    assert number_in_quote(amount, text) == want
    assert number_in_quote(amount, f"{text} {amount} {text}") == (
        amount in _numerals(f"{text} {amount} {text}")
        or amount in _number_words(f"{text} {amount} {text}"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000", "a", "«", "—",
                                 "word"]) | st.characters(), max_size=12).map("".join))
def test_normalise_is_split_and_join_after_the_typographic_marks(text):
    """The shortcut for text already single-spaced changes nothing."""
    from reportgen.evidence.provenance import _TYPOGRAPHIC, _plain

    assert normalise(text) == " ".join(_TYPOGRAPHIC.sub(_plain, text).split())
