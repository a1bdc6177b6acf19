"""Period sanity at the day: partial dates resolve to their first and last days."""

from __future__ import annotations

import pytest

from reportgen.evidence.periods import period_problems
from reportgen.evidence.validate import Record
from reportgen.evidence.values import parse_date

SOURCE = Record({"id": "s", "date": parse_date("2024-02-29")}, "s", ("sources", 0))


def codes(start, end, kind="trade"):
    period = {"start": parse_date(start), "end": parse_date(end)}
    fact = Record({"id": "f", "kind": kind, "source": "s", "period": period}, "f",
                  ("facts", 0))
    return [p.code for p in period_problems(fact, SOURCE)]


@pytest.mark.parametrize("start, end, expected", [
    ("2023", "2023", []),
    ("2023-02-28", "2023-02", []),
    ("2024-02-29", "2024-02", []),
    ("2023-03-01", "2023-02", ["period-reversed"]),
    ("2023-02", "2023-01-31", ["period-reversed"]),
    ("2024", "2022", ["period-reversed"]),
    ("2024-01", "2024-02-29", []),  # ends on the article's day
    ("2024-01", "2024-02", []),  # February 2024 ends on the 29th, the article's day
    ("2024-01", "2024-03-01", ["period-after-article"]),
    ("2024", "2024", ["period-after-article"]),
])
def test_periods(start, end, expected):
    assert codes(start, end) == expected


def test_a_target_may_end_after_its_article():
    assert codes("2024", "2030", kind="target") == []
