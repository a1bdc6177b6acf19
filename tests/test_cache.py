"""The check cache: unchanged files are not read again; any change is seen at once."""

from __future__ import annotations

import pytest

from reportgen import check as check_module
from reportgen.check import check_paths


def run(project, records=False):
    return check_paths(project / "sources.yaml", project / "articles", project / "facts",
                       records=records)


@pytest.fixture
def counted(monkeypatch):
    """Count the fact files actually read (not served from the cache)."""
    reads = []
    original = check_module.read_fact_file

    def counting(name, data, exact=False):
        reads.append(name)
        return original(name, data, exact)

    monkeypatch.setattr(check_module, "read_fact_file", counting)
    return reads


def test_second_run_reads_nothing_and_agrees(mini, counted):
    first = run(mini)
    assert len(counted) == 1
    second = run(mini)
    assert len(counted) == 1  # served from the cache
    assert second.summaries == first.summaries
    assert second.report.problems == first.report.problems
    records = run(mini, records=True)
    assert len(counted) == 1 and len(records.corpus.facts) == 7


def test_a_changed_fact_file_is_read_again(mini, counted):
    run(mini)
    path = mini / "facts" / "facts.yaml"
    path.write_text(path.read_text().replace("amount: 23,", "amount: 24,"))
    report = run(mini).report
    assert len(counted) > 1  # read again (twice: fast, then exactly for the problem's line)
    assert [(p.code, p.location.line) for p in report.problems] == [("value-not-in-quote", 9)]


def test_a_changed_article_rechecks_the_quotes(mini, counted):
    assert run(mini).report.valid
    article = mini / "articles" / "a1.txt"
    article.write_text(article.read_text().replace("23 million tons", "25 million tons"))
    report = run(mini).report
    assert len(counted) > 1
    assert "quote-not-in-article" in {p.code for p in report.problems}


def test_a_damaged_cache_entry_is_ignored(mini, counted, tmp_path):
    import os
    from pathlib import Path

    run(mini)
    for entry in Path(os.environ["REPORTGEN_CACHE_DIR"]).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a cache entry")
    assert run(mini).report.valid
    assert len(counted) == 2


def test_no_cache_reads_everything(mini, counted):
    check_paths(mini / "sources.yaml", mini / "articles", mini / "facts", use_cache=False)
    check_paths(mini / "sources.yaml", mini / "articles", mini / "facts", use_cache=False)
    assert len(counted) == 2
