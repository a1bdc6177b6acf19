"""Which numbers of a text are figures: what coverage asks to be accounted for."""

from __future__ import annotations

import pytest

from reportgen.evidence.figures import find_numbers


@pytest.mark.parametrize("text, figures", [
    ("grew by 30% last year, reaching $31.5 billion.", ["30", "31.5"]),
    ("Today, 3,000 joint companies are operating.", ["3,000"]),
    ("Five Confucius Institutes and four universities", ["Five", "four"]),
    ("students in two universities", ["two"]),
    ("the two countries, one of the first", []),
    ("the goal of doubling Kazakhstan's GDP by 2029", ["doubling"]),
    ("During the visit in 2019, established in 2013", []),
    ("2023-05-19 12:57:15 ASTANA, May 19 (Xinhua) --", []),
    ("From Feb. 10 to 13, a delegation of more than 30 enterprises", ["30"]),
    ("on March 27 the 10th anniversary of the 2nd expo", []),
    ("COVID-19 and the G20 summit", []),
    ("a three-party meeting", []),
    ("exports of 2022 tons and 2025 percent", ["2022", "2025"]),
    ("over $2020 billion", ["2020"]),
    ("for 9 months of 2023", ["9"]),
    ("Астана, 15 ноября 2023 года. on 17 February, 5 projects", ["5"]),
])
def test_figures(text, figures):
    assert [n.printed for n in find_numbers(text)] == figures


def test_values_and_spans():
    text = "about $1.4 billion, doubling"
    one, two = find_numbers(text)
    assert (str(one.amount), text[one.start:one.end]) == ("1.4", "1.4")
    assert (int(two.amount), two.multiple) == (2, True)
