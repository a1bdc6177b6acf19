"""Reading a printed figure as the fact format wants it, and the period it covers."""

from __future__ import annotations

import pytest

from reportgen.evidence.period_labels import find_deadline, find_period
from reportgen.evidence.quantities import read_quantities
from reportgen.evidence.values import PartialDate


@pytest.mark.parametrize("sentence, expected", [
    ("grew by 30% last year, reaching $31.5 billion.",
     [("30", None, "percent", None), ("31.5", "billion", "USD", None)]),
    ("amounted to about $1.4 billion", [("1.4", "billion", "USD", "about")]),
    ("exceeding a record $24 billion in 30 years",
     [("24", "billion", "USD", "exceeding"), ("30", None, "years", None)]),
    ("reached 930 million U.S. dollars, a year-on-year surge of 61.3 percent",
     [("930", "million", "USD", None), ("61.3", None, "percent", None)]),
    ("had exceeded 1,000 megawatts", [("1000", None, "MW", "exceeded")]),
    ("increased 2.6 times.", [("2.6", None, "times", None)]),
    ("the goal of doubling Kazakhstan's GDP", [("2", None, "times", None)]),
    ("45 joint Kazakhstan-China projects with investments of over $14.5 billion",
     [("45", None, "projects", None), ("14.5", "billion", "USD", "over")]),
    ("Five Confucius Institutes have been founded", [("5", None, "Confucius Institutes", None)]),
    ("united by 11 railroads and highways, three oil and gas wires",
     [("11", None, "railroads and highways", None), ("3", None, "oil and gas wires", None)]),
    ("with eight cooperation agreements signed", [("8", None, "agreements", None)]),
    ("more than 30 Chinese enterprises visited Astana",
     [("30", None, "enterprises", "more than")]),
    ("amounted to 23 million tons", [("23", "million", "tons", None)]),
    ("two of the five check points", [("2", None, None, None), ("5", None, "check points", None)]),
])
def test_read_quantities(sentence, expected):
    found = [(str(q.amount), q.scale, q.unit, q.qualifier) for q in read_quantities(sentence)]
    assert found == expected


ARTICLE = PartialDate(2024, 3)


@pytest.mark.parametrize("sentence, label, start, end, resolved", [
    ("In 2022, railway cargo volume", "In 2022", "2022", "2022", None),
    ("grew by 30% last year", "last year", "2023", "2023",
     "article dated 2024-03 (inferred); last year = 2023"),
    ("for 9 months of 2023 amounted to", "9 months of 2023", "2023-01", "2023-09",
     "article dated 2024-03 (inferred); \"9 months\" read as January-September 2023"),
    ("For 2 months of the current year, traffic", "For 2 months of the current year",
     "2024-01", "2024-02", "article dated 2024-03 (inferred); the current year = 2024; "
     "\"2 months\" read as January-February 2024"),
    ("In the first half of the year it increased", "In the first half of the year",
     "2024-01", "2024-06", "article dated 2024-03 (inferred); the year = 2024; the first "
     "half = January-June 2024"),
    ("over the past 17 years has reached", "over the past 17 years", "2007", "2024-03",
     "article dated 2024-03 (inferred); the past 17 years counted back from the article's "
     "date (confirm the first year)"),
    ("By the end of 2022, the capacity", "By the end of 2022", "2022", "2022", None),
])
def test_find_period(sentence, label, start, end, resolved):
    period = find_period(sentence, ARTICLE, "inferred")
    assert (period.label, str(period.start), str(period.end), period.resolved_by) == \
        (label, start, end, resolved)
    assert sentence[period.start_offset:period.end_offset].strip().endswith(label.split()[-1])


def test_relative_periods_need_the_articles_date():
    period = find_period("grew by 30% last year", None)
    assert period.label == "last year" and period.start is None and period.resolved_by is None


def test_deadline():
    deadline = find_deadline("to bring trade to $35 billion by 2030.")
    assert (deadline.label, deadline.year) == ("by 2030", 2030)
    assert find_deadline("in 2030") is None
