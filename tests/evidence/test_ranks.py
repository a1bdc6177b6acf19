"""Ranks of one subject, measure and field line up in date order; a change shows."""

from __future__ import annotations

from reportgen.evidence.quantity import as_printed, change_type
from reportgen.evidence.ranks import rank_series
from reportgen.evidence.validate import Record
from reportgen.evidence.values import PartialDate

SOURCES = {
    "old": Record({"id": "old", "date": PartialDate(2023, 5, 19)}, "s", ("sources", 0)),
    "new": Record({"id": "new", "date": PartialDate(2025, 2, 17)}, "s", ("sources", 1)),
}


def rank(id_, source, position=None, **more):
    data = {"id": id_, "kind": "rank", "source": source, "subject": "China",
            "metric": "turnover", "among": "Kazakhstan's trading partners", **more}
    if position is not None:
        data["position"] = position
    return Record(data, "f", ("facts", 0))


def test_a_change_of_rank_shows_in_date_order():
    facts = [rank("largest", "new", 1), rank("second", "old", 2),
             rank("other-field", "old", 1, among="investors")]
    (series,) = rank_series(facts, SOURCES)
    assert [f.id for f in series.facts] == ["second", "largest"]
    assert series.dates == (PartialDate(2023, 5, 19), PartialDate(2025, 2, 17))
    assert series.changed


def test_the_same_rank_repeated_is_no_change():
    facts = [rank("a", "old", 1), rank("b", "new", 1, subject=" china ")]
    (series,) = rank_series(facts, SOURCES)
    assert not series.changed


def test_as_of_comes_before_the_article_date():
    facts = [rank("a", "new", 1, as_of=PartialDate(2020)), rank("b", "old", 2)]
    (series,) = rank_series(facts, SOURCES)
    assert [f.id for f in series.facts] == ["a", "b"]


def test_an_absolute_change_keeps_its_unit():
    change = {"amount": 1, "scale": "million", "unit": "tons"}
    assert change_type(change) == "absolute"
    assert as_printed(change) == "1 million tons"
    assert change_type({"amount": 2.6, "unit": "times"}) == "times"
    assert change_type({"amount": 30, "unit": "percent"}) == "percent"

