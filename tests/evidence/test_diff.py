"""reportgen diff: what changed between two hand-offs, matched by fact id."""

from __future__ import annotations

import shutil

import pytest

from reportgen.errors import FactsError, UsageError
from reportgen.evidence.diff import diff_rows, load_rows
from reportgen.evidence.export import export_facts

from ..conftest import REPO, edit_one_value_and_add_one_fact, write

SOURCES, ARTICLES, FACTS = REPO / "seeds/sources.yaml", REPO / "seeds/articles", \
    REPO / "seeds/facts"
INVESTMENT = "trade-2023m1-9-china-investment-bektenov-zhang-xiao"


@pytest.fixture
def handoff(tmp_path):
    """The last hand-off's export, and a copy of the facts to change."""
    old = tmp_path / "handoff.jsonl"
    with old.open("wb") as stream:
        export_facts(SOURCES, ARTICLES, FACTS, "jsonl", stream)
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    return old, facts


def test_nothing_changed(handoff):
    old, facts = handoff
    changes = diff_rows(load_rows(old, SOURCES, ARTICLES), load_rows(facts, SOURCES, ARTICLES))
    assert changes.lines() == ["0 added, 0 removed, 0 changed; discrepancies: 0 appeared, "
                               "0 resolved"]


def test_one_value_changed_and_one_fact_added_are_exactly_two_lines(handoff):
    old, facts = handoff
    edit_one_value_and_add_one_fact(facts)
    changes = diff_rows(load_rows(old, SOURCES, ARTICLES), load_rows(facts, SOURCES, ARTICLES))
    assert changes.lines() == [
        "added coop-new-flights: cooperation The sides considered more passenger flights. "
        "[2024-primeminister-bektenov-zhang-xiao]",
        f"changed {INVESTMENT}: as_printed 'about 1.4 billion USD' -> '1.4 billion USD'; "
        "qualifier 'about' -> (none); bound 'approximately' -> 'exact'",
        "1 added, 0 removed, 1 changed; discrepancies: 0 appeared, 0 resolved",
    ]


def test_a_resolved_discrepancy_and_a_removed_fact(handoff):
    old, facts = handoff
    path = facts / "2023-05-19-xinhua-bri.yaml"
    text = path.read_text()
    start = text.index("  - id: growth-2022-turnover-gacc")
    end = text.index("  - id: ", start + 10)
    path.write_text(text[:start] + text[end:])
    changes = diff_rows(load_rows(old, SOURCES, ARTICLES), load_rows(facts, SOURCES, ARTICLES))
    assert [r["id"] for r in changes.removed] == ["growth-2022-turnover-gacc"]
    assert changes.discrepancies_resolved == [
        "growth turnover 2022-01-01..2022-12-31 (China, Kazakhstan)"]
    assert changes.discrepancies_appeared == []
    assert changes.changed == []  # the other reporters' figures: only their dispute ended


def test_moving_a_fact_to_another_file_is_no_change(handoff):
    old, facts = handoff
    (facts / "people.yaml").rename(facts / "persons.yaml")
    changes = diff_rows(load_rows(old, SOURCES, ARTICLES), load_rows(facts, SOURCES, ARTICLES))
    assert changes.changed == []


def test_bad_sides(tmp_path, handoff):
    old, facts = handoff
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n')
    with pytest.raises(UsageError, match=r"bad.jsonl:2: not JSON Lines"):
        load_rows(bad, SOURCES, ARTICLES)
    with pytest.raises(UsageError, match="no such file or folder"):
        load_rows(tmp_path / "missing", SOURCES, ARTICLES)
    write(facts / "broken.yaml", "facts:\n  - id: x\n    kind: nope\n")
    with pytest.raises(FactsError, match="have errors"):
        load_rows(facts, SOURCES, ARTICLES)
