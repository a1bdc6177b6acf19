"""Two reporters disagreeing inside one article make a row of the Discrepancies sheet,
and the About sheet's count follows."""

from __future__ import annotations

from reportgen.briefing.model import build_briefing

from ..evidence.test_discrepancies import (  # noqa: F401 (project is a fixture)
    CUSTOMS_A1,
    STATS_A1,
    STATS_A3,
    STATS_A3_LATER,
    project,
    run,
)


def disputes(checked):
    briefing = build_briefing(checked.corpus, "T", "S", "f", "0")
    table = briefing.tables["discrepancies"]
    return [dict(zip(table.fields, row, strict=True)) for row in table.rows], briefing.scalars


def test_one_article_two_reporters_is_a_row(project):  # noqa: F811
    (row,), scalars = disputes(run(project, CUSTOMS_A1, STATS_A1))
    assert {row["reporter_1"], row["reporter_2"]} == {"China customs",
                                                      "Kazakhstan statistics bureau"}
    assert scalars["discrepancy_count"] == 1


def test_a_reporter_giving_two_values_is_noted(project):  # noqa: F811
    (row,), _ = disputes(run(project, CUSTOMS_A1, STATS_A3, STATS_A3_LATER))
    assert "Kazakhstan statistics bureau gives more than one value." in row["notes"]
