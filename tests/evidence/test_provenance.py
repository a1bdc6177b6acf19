from __future__ import annotations

from decimal import Decimal

import pytest

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
