"""Periods in words, figures in readable units, metric labels: the reader's vocabulary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.briefing.periods import newest_first, period_group, period_words
from reportgen.briefing.readings import exact_cell, reading
from reportgen.evidence.metrics import Catalogue, Metric
from reportgen.evidence.values import PartialDate as D


@pytest.mark.parametrize("start, end, approximate, words", [
    (D(2023), D(2023), False, "2023"),
    (D(2023, 1), D(2023, 9), False, "Jan\u2013Sep 2023"),
    (D(2023, 3), D(2023, 3), False, "Mar 2023"),
    (D(2019), D(2022), False, "2019\u20132022"),
    (D(2006), D(2023, 9), True, "2006\u2013Sep 2023, approx."),
    (D(2025, 2, 10), D(2025, 2, 13), False, "10\u201313 Feb 2025"),
    (D(2025, 2, 17), D(2025, 2, 17), False, "17 Feb 2025"),
    (D(2024, 12), D(2025, 2), False, "Dec 2024\u2013Feb 2025"),
])
def test_period_words(start, end, approximate, words):
    assert period_words(start, end, approximate) == words


def test_groups_and_order_by_real_dates():
    year = {"start": D(2023), "end": D(2023)}
    half = {"start": D(2023, 1), "end": D(2023, 6)}
    nine = {"start": D(2023, 1), "end": D(2023, 9)}
    window = {"start": D(2006), "end": D(2023, 9)}
    assert [period_group(p["start"], p["end"]) for p in (year, half, window)] == \
        ["Annual", "Part-year", "Cumulative"]
    ordered = sorted([half, window, year, nine], key=newest_first)
    assert ordered == [year, nine, window, half]  # by last day, then the later start


@pytest.mark.parametrize("quantity, text, unit, plain, exact", [
    ({"amount": "31.5", "scale": "billion", "unit": "USD"}, "$31.5 bn", "USD bn",
     "#,##0.0", "31500000000"),
    ({"amount": "24", "scale": "billion", "unit": "USD"}, "$24 bn", "USD bn", "#,##0",
     "24000000000"),
    ({"amount": "930", "scale": "million", "unit": "USD"}, "$930 m", "USD m", "#,##0",
     "930000000"),
    ({"amount": "5", "scale": "billion", "unit": "CNY"}, "CNY 5 bn", "CNY bn", "#,##0",
     "5000000000"),
    ({"amount": "23", "scale": "million", "unit": "tons"}, "23 Mt", "Mt", "#,##0",
     "23000000"),
    ({"amount": "61.3", "unit": "percent"}, "61.3%", "%", "0.0%", "61.3"),
    ({"amount": "2.6", "unit": "times"}, "2.6\u00d7", "\u00d7", "#,##0.0", "2.6"),
    ({"amount": "3000", "unit": "companies"}, "3,000 companies", "companies", "#,##0",
     "3000"),
    ({"amount": "52", "unit": "projects"}, "52 projects", "projects", "#,##0", "52"),
    ({"amount": "5", "unit": "rank (top N investor countries)"}, "among the top 5", "rank",
     '"among the top "#,##0', "5"),
])
def test_readings(quantity, text, unit, plain, exact):
    quantity = {k: Decimal(v) if k == "amount" else v for k, v in quantity.items()}
    shown = reading(quantity)
    assert (shown.text(), shown.unit, shown.plain) == (text, unit, plain)
    cell = exact_cell(quantity)
    assert cell.value == Decimal(exact)
    # exactly the decimals the figure has: '#,##0' for whole numbers, never '#,##0.'
    assert cell.number_format == ("#,##0.0" if "." in exact else "#,##0")


def test_metric_labels_declared_once_with_project_overrides():
    catalogue = Catalogue((Metric("investment-inflow", "Chinese investment inflow", True),
                           Metric("water-use", "Water use", True)))
    assert catalogue.label("turnover") == "Trade turnover"  # a shipped default
    assert catalogue.label("investment-inflow") == "Chinese investment inflow"
    assert catalogue.label("non-food-exports") == "Non food exports"  # never a slug
    assert catalogue.headline == ("investment-inflow", "water-use")
    assert Catalogue().headline == ()


def test_the_shipped_template_is_the_starter_generators_output(tmp_path):
    """templates/briefing.xlsx is made by python -m reportgen.briefing.starter: a design
    change goes into the generator (which reportgen init uses too), never only the file."""
    from reportgen.briefing.starter import write_starter_template

    from ..conftest import REPO

    write_starter_template(tmp_path / "briefing.xlsx")
    assert (tmp_path / "briefing.xlsx").read_bytes() == \
        (REPO / "templates" / "briefing.xlsx").read_bytes(), \
        "regenerate it: python -m reportgen.briefing.starter"
