"""Rules a field's type cannot say alone; codes and lines are in test_check.BAD_CASES.
Here: what a project adds to an extensible list, and the fixes the messages name."""

from __future__ import annotations

from reportgen.evidence.check import check_paths

from ..conftest import write

CABLE_CAR = """
facts:
  - id: a
    kind: asset
    source: s1
    quote: renewable energy projects
    name: renewable energy projects
    asset_type: cable-car
"""


def run(mini, **options):
    return check_paths(mini / "sources.yaml", mini / "articles", mini / "facts",
                       **options).report


def test_a_project_extends_the_asset_types(mini):
    write(mini / "facts" / "a.yaml", CABLE_CAR)
    (problem,) = run(mini).problems
    assert (problem.code, problem.location.line) == ("invalid-value", 7)
    assert "sea-port" in problem.hint and "asset_types in reportgen.yml" in problem.hint
    # the cache is keyed by the project's types too: the same file, now accepted
    assert run(mini, asset_types=("cable-car",)).problems == []
    assert [p.code for p in run(mini).problems] == ["invalid-value"]


def test_the_project_file_declares_asset_types(mini):
    from reportgen.config import load_project

    config = mini / "reportgen.yml"
    config.write_text(config.read_text() + "asset_types: [cable-car, data-centre]\n")
    assert load_project(config).asset_types == ("cable-car", "data-centre")


def test_period_after_article_names_the_date_to_end_by(mini):
    text = (mini / "facts" / "facts.yaml").read_text()
    (mini / "facts" / "facts.yaml").write_text(
        text.replace("period: {label: In 2022, start: 2022, end: 2022}",
                     "period: {label: In 2022, start: 2022, end: 2023-05}", 1))
    (problem,) = run(mini).problems
    assert problem.code == "period-after-article"
    assert "2023-05-31" in problem.message and "2023-05-19" in problem.hint


def test_label_from_is_found_in_the_article_outside_the_quote(mini):
    text = (mini / "facts" / "facts.yaml").read_text()
    (mini / "facts" / "facts.yaml").write_text(text.replace(
        "period: {start: 2022, end: 2022}",
        "period: {label_from: 'In 2022', start: 2022, end: 2022}", 1))
    assert run(mini).problems == []
