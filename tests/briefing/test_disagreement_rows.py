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


def test_a_long_disagreement_lists_twenty_then_how_many_more():
    """At a million facts one figure can have hundreds of reporters; a cell holds 32,767
    characters, and each figure has its own row on its kind's sheet anyway."""
    from decimal import Decimal

    from reportgen.briefing.disputes import LISTED, disputes_table
    from reportgen.evidence.discrepancies import Discrepancy
    from reportgen.evidence.validate import Record
    from reportgen.template.values import RowLink

    class Evidence:
        def label(self, metric):
            return metric

        def source_link(self, source):
            return RowLink(source, "sources", source)

    facts = tuple(Record({"id": f"f{i}", "kind": "trade", "metric": "turnover",
                          "reporter": f"R{i // 2}", "source": f"s{i}", "note": f"n{i}",
                          "value": {"amount": Decimal(10 + i // 2), "unit": "USD"}},
                         "f.yaml", ("facts", i)) for i in range(100))
    table, _ = disputes_table([Discrepancy(("trade", "turnover"), facts)], Evidence())
    row = dict(zip(table.fields, table.rows[0], strict=True))
    assert row["others"].count(": ") == LISTED and row["others"].endswith("; and 27 more")
    assert row["as_printed_1"] == "10 USD (s0); 10 USD (s1)"
    assert row["notes"].split("\n")[-1] == "and 80 more"
