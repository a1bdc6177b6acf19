"""The model: every fact becomes exactly one row, with a link to its source."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.briefing.model import build_briefing
from reportgen.evidence.check import check_paths
from reportgen.template.values import Formatted, RowLink

from ..conftest import REPO

FACT_TABLES = {"trade": "trade", "growth": "growth", "target": "targets",
               "project": "projects", "asset": "assets", "person": "people", "role": "roles",
               "event": "events", "cooperation": "cooperation"}


@pytest.fixture(scope="module")
def seeds():
    checked = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                          REPO / "seeds/facts")
    briefing = build_briefing(checked.corpus, "T", "S", "f" * 16, "0")
    return checked.corpus, briefing


def rows(briefing, name):
    table = briefing.tables[name]
    return [dict(zip(table.fields, row, strict=True)) for row in table.rows]


def test_every_fact_is_one_row_of_its_kinds_table(seeds):
    corpus, briefing = seeds
    for kind, table in FACT_TABLES.items():
        ids = [r["id"] for r in rows(briefing, table)]
        expected = sorted(f.id for f in corpus.facts if f.kind == kind)
        assert sorted(ids) == expected, kind


def test_every_fact_row_links_to_a_known_source(seeds):
    corpus, briefing = seeds
    for table in FACT_TABLES.values():
        for row in rows(briefing, table):
            link = row["source"]
            assert isinstance(link, RowLink) and link.collection == "sources"
            assert link.key in corpus.sources
            assert row["quote"]


def test_a_paragraph_counts_each_fact_quoting_it_once(seeds):
    """A headline figure has a second row on the Summary: it still counts once."""
    from collections import Counter

    _, briefing = seeds
    quoting = Counter(row["quote_link"].key for table in [*FACT_TABLES.values(), "ranks"]
                      for row in rows(briefing, table) if row["quote_link"] is not None)
    assert rows(briefing, "headlines")
    assert {r["id"]: r["fact_count"] for r in rows(briefing, "paragraphs")} == \
        {r["id"]: quoting[r["id"]] for r in rows(briefing, "paragraphs")}


def test_by_year_one_series_per_reporter(seeds):
    _, briefing = seeds
    scalars = briefing.scalars
    reporters = [scalars["reporter_1"], scalars["reporter_2"]]
    assert set(reporters) == {"Government of Kazakhstan",
                              "General Administration of Customs of China"}
    assert scalars["by_year_unit"] == "USD bn"
    assert scalars["by_year_title"].startswith("Trade turnover by year (USD bn)")
    by_year = {r["year"]: r for r in rows(briefing, "by_year")}
    gov = f"reporter_{reporters.index('Government of Kazakhstan') + 1}"
    gacc = f"reporter_{reporters.index('General Administration of Customs of China') + 1}"
    assert by_year[2022][gov].value == Decimal("24")
    assert by_year[2022][gacc].value == Decimal("31.17")
    assert by_year[2023][gov].value == Decimal("31.5")
    assert list(by_year) == [2022, 2023]


def test_discrepancy_2022_turnover_side_by_side(seeds):
    _, briefing = seeds
    (row,) = [r for r in rows(briefing, "discrepancies")
              if r["kind"] == "trade" and r["metric"] == "turnover"]
    assert row["figure"] == "Trade turnover" and row["period"] == "2022"
    assert (row["reporter_1"], row["value_1"].value) == ("Government of Kazakhstan",
                                                          Decimal("24"))
    assert (row["reporter_2"], row["value_2"].value) == (
        "General Administration of Customs of China", Decimal("31.17"))
    # the same reporter in two articles is one entry citing both
    assert row["as_printed_1"] == ("exceeding 24 billion USD (Akorda press service, "
                                   "2023-03-28); 24 billion USD (primeminister.kz, 2023-09-01)")
    assert row["source_1"].key == "2023-03-28-akorda-tokayev-ma-xingrui"
    assert row["source_2"].key == "2023-05-19-xinhua-bri"
    assert row["gap"] == Formatted(Decimal("7.17"), '"$"#,##0.00" bn"')
    assert row["gap_pp"] is None and row["reporter_3"] is None


def test_growth_discrepancy_gap_in_percentage_points(seeds):
    _, briefing = seeds
    (row,) = [r for r in rows(briefing, "discrepancies") if r["kind"] == "growth"]
    assert row["figure"] == "Trade turnover, growth"
    assert {row["value_1"].value, row["value_2"].value} == {Decimal("0.236"), Decimal("0.34")}
    assert row["gap_pp"] == Formatted(Decimal("10.4"), '#,##0.0" pp"')
    assert row["gap"] is None


def test_percent_values_are_fractions_with_percent_format(seeds):
    _, briefing = seeds
    growth = {r["id"]: r for r in rows(briefing, "growth")}
    thirty = next(r for r in growth.values() if r["as_printed"] == "30 %")
    assert thirty["value"] == Formatted(Decimal("0.30"), "0%")
    assert growth["growth-2022-agricultural-trade-xinhua"]["value"] == \
        Formatted(Decimal("0.613"), "0.0%")


def test_people_list_their_meetings(seeds):
    _, briefing = seeds
    people = {r["name"]: r for r in rows(briefing, "people")}
    assert "Tokayev meets Xinjiang Party Secretary Ma Xingrui" in \
        people["Kassym-Jomart Tokayev"]["meetings"]
    assert people["Zhang Xiao"]["meeting_count"] >= 2


def test_translations_are_offered_beside_the_originals():
    """quote_en and label_en reach every fact row (and period_label_en the period's);
    the original quote stays the quote."""
    from ..conftest import DATA

    project = DATA / "languages"
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts")
    briefing = build_briefing(checked.corpus, "T", "S", "f" * 16, "0")
    trade = briefing.tables["trade"]
    rows = {row[trade.fields.index("id")]: dict(zip(trade.fields, row, strict=True))
            for row in trade.rows}
    facts = checked.corpus.by_id()
    for fact_id in ("ru-trade-9m-2023", "kk-trade-9m-2023", "zh-trade-10m-2023"):
        row, fact = rows[fact_id], facts[fact_id]
        assert row["quote"] == fact.get("quote")
        assert row["quote_en"] == fact.get("quote_en")
        assert row["period_label"] == fact.get("period")["label"]
        assert row["period_label_en"] == fact.get("period")["label_en"]
    people = briefing.tables["people"]
    zhang = next(r for r in people.rows if r[people.fields.index("id")] == "zhang-xiao")
    assert zhang[people.fields.index("quote_en")] == "Chinese Ambassador to Kazakhstan Zhang Xiao"
