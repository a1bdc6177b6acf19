"""Disagreement is between reporters, whichever article carries them."""

from __future__ import annotations

import pytest

from reportgen.evidence.check import check_paths
from reportgen.evidence.discrepancies import find_discrepancies

from ..conftest import write

ARTICLES = {
    "a1": "In January-October, trade between China and Kazakhstan reached 25.3 billion "
          "dollars, China's customs said. Kazakhstan's statistics bureau put the same "
          "ten-month trade at 18.9 billion dollars.",
    "a2": "Trade between Kazakhstan and China reached 25.3 billion dollars in the first "
          "ten months, according to China's customs.",
    "a3": "Kazakhstan's statistics bureau said trade with China reached 18.9 billion "
          "dollars in ten months. In a later release, the bureau put it at 19.4 billion "
          "dollars.",
}


def figure(id_, source, quote, amount, reporter, partners="[China, Kazakhstan]",
           start="2023-01", end="2023-10"):
    return f"""
  - id: {id_}
    kind: trade
    source: {source}
    quote: {quote}
    metric: turnover
    value: {{amount: {amount}, scale: billion, unit: USD}}
    period: {{start: {start}, end: {end}}}
    reporter: {reporter}
    partners: {partners}
"""


CUSTOMS_A1 = ("customs-a1", "a1", "trade between China and Kazakhstan reached 25.3 billion",
              "25.3", "China customs")
STATS_A1 = ("stats-a1", "a1", "put the same ten-month trade at 18.9 billion", "18.9",
            "Kazakhstan statistics bureau")
CUSTOMS_A2 = ("customs-a2", "a2", "reached 25.3 billion dollars in the first ten months",
              "25.3", "China customs")
STATS_A3 = ("stats-a3", "a3", "trade with China reached 18.9 billion", "18.9",
            "Kazakhstan statistics bureau")
STATS_A3_LATER = ("stats-a3-later", "a3", "the bureau put it at 19.4 billion", "19.4",
                  "Kazakhstan Statistics  Bureau")


@pytest.fixture
def project(tmp_path):
    sources = "sources:\n"
    for name, text in ARTICLES.items():
        write(tmp_path / "articles" / f"{name}.txt", text)
        sources += (f"  - {{id: {name}, file: {name}.txt, title: t, title_printed: false, "
                    f"date: 2023-11-20, date_basis: stated, language: en}}\n")
    write(tmp_path / "sources.yaml", sources)
    return tmp_path


def run(project, *figures, **changes):
    text = "facts:\n" + "".join(figure(*f, **changes.get(f[0], {})) for f in figures)
    write(project / "facts" / "f.yaml", text)
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts")
    assert checked.report.errors == [], [p.format() for p in checked.report.errors]
    # each case quotes only some of the articles' figures: coverage is tested elsewhere
    checked.report.problems = [p for p in checked.report.problems
                               if p.code != "unaccounted-figure"]
    return checked


def test_two_reporters_in_one_article_disagree(project):
    checked = run(project, CUSTOMS_A1, STATS_A1)
    (warning,) = checked.report.warnings
    assert warning.code == "discrepancy"
    assert warning.location.line == 8  # the first figure's value
    for text in ("reporters disagree", "25.3 billion USD per China customs",
                 "18.9 billion USD per Kazakhstan statistics bureau"):
        assert text in warning.message
    (found,) = find_discrepancies(checked.corpus.facts)
    assert [f.id for f in found.facts] == ["customs-a1", "stats-a1"]
    assert found.reporters == ["China customs", "Kazakhstan statistics bureau"]


def test_two_reporters_in_two_articles_disagree(project):
    (warning,) = run(project, CUSTOMS_A2, STATS_A3).report.warnings
    assert "[a2," in warning.message and "[a3," in warning.message


def test_the_same_reporter_repeating_a_figure_is_no_disagreement(project):
    checked = run(project, CUSTOMS_A1, CUSTOMS_A2)
    assert checked.report.warnings == []
    assert find_discrepancies(checked.corpus.facts) == []


def test_the_same_reporter_giving_two_values_says_so(project):
    (warning,) = run(project, STATS_A3, STATS_A3_LATER).report.warnings
    assert "Kazakhstan statistics bureau gives different values" in warning.message
    assert "18.9 billion USD" in warning.message and "19.4 billion USD" in warning.message


def test_a_reporter_contradicting_itself_among_others_is_named(project):
    (warning,) = run(project, CUSTOMS_A1, STATS_A3, STATS_A3_LATER).report.warnings
    assert "reporters disagree" in warning.message
    assert "Kazakhstan statistics bureau itself gives 2 different values" in warning.message


@pytest.mark.parametrize("partners", ["[China, Kazakhstan]", "[Kazakhstan, China]",
                                      "[kazakhstan, CHINA]"])
def test_partners_in_either_order_are_compared(project, partners):
    checked = run(project, CUSTOMS_A1, STATS_A1, **{"stats-a1": {"partners": partners}})
    assert len(checked.report.warnings) == 1


def test_other_partners_are_not_compared(project):
    checked = run(project, CUSTOMS_A1, STATS_A1,
                  **{"stats-a1": {"partners": "[Kazakhstan, Russia]"}})
    assert checked.report.warnings == []


def test_periods_compare_by_their_resolved_dates(project):
    same = {"customs-a1": {"start": "2022", "end": "2022"},
            "stats-a1": {"start": "2022-01-01", "end": "2022-12"}}
    assert len(run(project, CUSTOMS_A1, STATS_A1, **same).report.warnings) == 1
    other = {"stats-a1": {"start": "2023-01", "end": "2023-09"}}
    assert run(project, CUSTOMS_A1, STATS_A1, **other).report.warnings == []


def test_a_fact_with_an_error_is_not_compared(project):
    misread = figure(*STATS_A1).replace("amount: 18.9", "amount: 81.9")
    text = "facts:\n" + figure(*CUSTOMS_A1) + misread
    write(project / "facts" / "f.yaml", text)
    report = check_paths(project / "sources.yaml", project / "articles",
                         project / "facts").report
    assert [p.code for p in report.problems if p.code != "unaccounted-figure"] == \
        ["value-not-in-quote"]


def test_the_discrepancy_names_the_reporter_giving_two_values(project):
    checked = run(project, CUSTOMS_A1, STATS_A3, STATS_A3_LATER)
    (found,) = find_discrepancies(checked.corpus.facts)
    assert found.self_contradicting == ["Kazakhstan statistics bureau"]
    (found,) = find_discrepancies(run(project, CUSTOMS_A1, STATS_A1).corpus.facts)
    assert found.self_contradicting == []
