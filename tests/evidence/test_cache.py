"""The check cache: unchanged files are not read again; any change is seen at once."""

from __future__ import annotations

import pytest

from reportgen.evidence import check as check_module
from reportgen.evidence.check import check_paths


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
    records = run(mini, records=True)  # check cached summaries only: build reads once more
    assert len(counted) == 2 and len(records.corpus.facts) == 7
    run(mini, records=True)
    assert len(counted) == 2


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


def test_worker_processes_give_the_same_result(tmp_path, monkeypatch):
    """Files not in the cache are checked in forked workers when there is enough to read;
    the records, problems and cache entries are the same as in one process."""
    import multiprocessing
    import os
    from pathlib import Path

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    from benchmarks.corpus import generate

    generate(tmp_path / "corpus", 400)
    corpus = tmp_path / "corpus"
    bad = corpus / "facts" / "facts-007.yaml"
    bad.write_text(bad.read_text().replace("kind: trade", "kind: trades", 1))

    def once(records=True):
        checked = check_paths(corpus / "sources.yaml", corpus / "articles", corpus / "facts",
                              records=records)
        return ([(f.id, f.data) for f in checked.corpus.facts], checked.summaries,
                [p.format() for p in checked.report.sorted_problems()])

    monkeypatch.setattr(check_module, "PARALLEL_BYTES", 10**12)
    one_process = once()
    cache = Path(os.environ["REPORTGEN_CACHE_DIR"])
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.unlink()
    monkeypatch.setattr(check_module, "PARALLEL_BYTES", 0)
    workers = once()
    assert workers == one_process
    assert any("invalid-value" in p for p in workers[2])
    entries = [e for e in cache.rglob("*") if e.is_file() and e.suffix != ".coverage"]
    assert len(entries) == 2 * 100  # every file's summary and records survived finish()
    assert once(records=False)[1:] == one_process[1:]  # now all from the cache


def test_another_cldr_release_is_another_checker(monkeypatch):
    """Non-English numbers are read with Babel's CLDR data: a new release may read them
    differently, so it must not be served results checked with the old one."""
    from reportgen.evidence import cache

    monkeypatch.setattr(cache, "_CODE", [])
    before = cache.code_fingerprint()
    monkeypatch.setattr(cache, "_CODE", [])
    monkeypatch.setattr(cache, "CLDR_VERSION", "babel 0.0")
    assert cache.code_fingerprint() != before
