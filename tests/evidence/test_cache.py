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


# --- the cache cannot change a result -------------------------------------------------

S2_FACTS = """
facts:
  - id: cargo-2022-s2
    kind: trade
    source: s2
    quote: Last year, railway cargo between the two countries reached 25 million tons
    metric: rail-cargo
    value: {amount: 25, scale: million, unit: tons}
    period: {label: Last year, start: 2022, end: 2022}
    reporter: Officials
    partners: [Kazakhstan, China]
  - id: cargo-2022-s2
    kind: cooperation
    source: s2
    quote: officials said
    topic: rail
"""


def _outcome(project, use_cache=True):
    """Everything a run shows: problems in the order found (with their locations),
    summaries, and full records."""
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts",
                          use_cache=use_cache, records=True)
    return ([p.format() for p in checked.report.problems], checked.summaries,
            [(f.id, f.file, f.path, f.data) for f in checked.corpus.facts])


def _entries():
    import os
    from pathlib import Path

    return sorted(e for e in Path(os.environ["REPORTGEN_CACHE_DIR"]).rglob("*") if e.is_file())


@pytest.fixture
def two_files(mini):
    """Two fact files whose figures disagree and share an id: problems that cite both."""
    from ..conftest import write

    write(mini / "facts" / "s2.yaml", S2_FACTS)
    return mini


def test_results_do_not_depend_on_what_was_cached(two_files, counted):
    """With, without, and partly from the cache (the other file edited): the same
    problems in the same order at the same places."""
    facts = two_files / "facts" / "facts.yaml"
    without = _outcome(two_files, use_cache=False)
    import re

    codes = {re.search(r"(?:error|warning)\[([\w-]+)\]", p).group(1) for p in without[0]}
    assert codes >= {"duplicate-id", "discrepancy"}
    assert _outcome(two_files) == without  # filling the cache
    assert _outcome(two_files) == without  # all from the cache
    facts.write_text(facts.read_text() + "\n# an edit that changes nothing\n")
    edited = _outcome(two_files, use_cache=False)
    assert _outcome(two_files) == edited  # facts.yaml read, s2.yaml from the cache


def _truncate(entries, project):
    for e in entries:
        e.write_bytes(e.read_bytes()[: len(e.read_bytes()) // 2])


def _garble(entries, project):
    for e in entries:
        data = bytearray(e.read_bytes())
        data[-20] ^= 0xFF
        e.write_bytes(bytes(data))


def _swap_parts(entries, project):
    """Each file's summary and records exchanged."""
    by_key: dict = {}
    for e in entries:
        by_key.setdefault(e.name.partition(".")[0], []).append(e)
    for pair in by_key.values():
        if len(pair) != 2:
            continue  # the articles' coverage entry stands alone
        a, b = pair
        da, db = a.read_bytes(), b.read_bytes()
        a.write_bytes(db)
        b.write_bytes(da)


def _swap_files(entries, project):
    """The two files' summaries exchanged."""
    a, b = [e for e in entries if e.name.endswith(".summary")]
    da, db = a.read_bytes(), b.read_bytes()
    a.write_bytes(db)
    b.write_bytes(da)


def _edit_quote(entries, project):
    """A quote edited inside the records payload, digest left as it was."""
    for e in entries:
        data = e.read_bytes()
        e.write_bytes(data.replace(b"railway cargo volume", b"railway cargo VOLUME"))


def _reseal(entries, project, payload_of):
    from reportgen.evidence.cache import seal

    for e in entries:
        payload = payload_of(e)
        if payload is not None:
            e.write_bytes(seal(e.name, payload))


def _forged_shape(entries, project):
    """Entries that verify but hold what no checker wrote (a bug, or a forger)."""
    import marshal
    import pickle

    _reseal(entries, project, lambda e: marshal.dumps(([("x",)], [], "two", None))
            if e.name.endswith(".summary") else pickle.dumps([("not a row",)]))


def _forged_records(entries, project):
    """Records that verify, with a quote no article holds, and an object that would run
    code if unpickled freely."""
    import pickle

    class Boom:
        def __reduce__(self):
            return (exec, ("import pathlib; pathlib.Path('PWNED').touch()",))

    def payload(e):
        if not e.name.endswith(".records"):
            return None
        return pickle.dumps([({"id": "cargo-2022", "quote": "in no article"}, ("facts", 0)),
                             (Boom(), ("facts", 1))])

    _reseal(entries, project, payload)


def _empty(entries, project):
    for e in entries:
        e.write_bytes(b"")


CORRUPTIONS = {f.__name__.lstrip("_"): f for f in (
    _truncate, _garble, _swap_parts, _swap_files, _edit_quote, _forged_shape,
    _forged_records, _empty)}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupted_cache_changes_nothing(two_files, corruption, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    without = _outcome(two_files, use_cache=False)
    _outcome(two_files)
    entries = _entries()
    assert len(entries) == 5  # two fact files' summary and records, the articles' coverage
    CORRUPTIONS[corruption](entries, two_files)
    checked = check_paths(two_files / "sources.yaml", two_files / "articles",
                          two_files / "facts", records=True)
    assert checked.report.notes, "a discarded entry is noted"
    assert _outcome(two_files) == without  # the cache, rewritten, serves the same again
    assert not (tmp_path / "PWNED").exists()


def test_build_after_a_corrupted_cache_is_byte_identical(two_files, tmp_path):
    from reportgen.build import build
    from reportgen.config import load_project

    from ..conftest import REPO

    (two_files / "facts" / "s2.yaml").unlink()
    project = load_project(two_files)
    project.template = REPO / "templates" / "briefing.xlsx"
    project.output = tmp_path / "clean.xlsx"
    build(project, use_cache=False)
    clean = project.output.read_bytes()
    build(project)
    _edit_quote(_entries(), two_files)
    project.output = tmp_path / "after.xlsx"
    build(project)
    assert project.output.read_bytes() == clean


def test_a_killed_writers_temporary_entry_is_removed(mini):
    import os
    import subprocess
    import sys
    from pathlib import Path

    run(mini)
    folder = next(p for p in Path(os.environ["REPORTGEN_CACHE_DIR"]).iterdir() if p.is_dir())
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    dead = folder / f".{'a' * 64}.summary.{gone}.tmp"
    alive = folder / f".{'b' * 64}.summary.{os.getpid()}.tmp"
    dead.write_bytes(b"half")
    alive.write_bytes(b"being written")
    run(mini)
    assert not dead.exists() and alive.exists()


def test_verbose_check_says_a_damaged_entry_was_redone(two_files, monkeypatch, tmp_path):
    """The note reaches the user under --verbose (on stderr), and only there; the
    report's lines are the same either way."""
    from click.testing import CliRunner

    from reportgen.cli import main

    monkeypatch.chdir(tmp_path)
    args = ["check", "--config", str(two_files)]
    clean = CliRunner().invoke(main, args)
    assert clean.exit_code in (0, 1) and clean.output.count("\n") >= 1, clean.output
    _garble(_entries(), two_files)
    quiet = CliRunner().invoke(main, args)
    _garble(_entries(), two_files)
    loud = CliRunner().invoke(main, [*args, "--verbose"])
    assert quiet.output == clean.output
    assert loud.stdout == clean.output
    assert "note: " in loud.stderr and "note: " not in quiet.output


# --- the whole report, cached (``reportgen check`` with nothing changed) ---------------

def _report_of(project, use_cache=True):
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts",
                          use_cache=use_cache, records=False, report_only=True)
    report = checked.report
    return [p.format() for p in report.problems], report.stats, report.to_dict()


def _edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


_S2_TRADE = S2_FACTS[S2_FACTS.index("  - id: cargo-2022-s2\n    kind: trade"):
                     S2_FACTS.index("  - id: cargo-2022-s2\n    kind: cooperation")]

#: edits applied one after another; after each the cached report must equal a fresh one
EDITS = [
    ("an edit that changes nothing", "facts/facts.yaml", "facts:", "# a comment\nfacts:"),
    ("the duplicate id in s2.yaml goes",
     "facts/s2.yaml", "  - id: cargo-2022-s2\n    kind: cooperation",
     "  - id: cargo-2022-coop\n    kind: cooperation"),
    ("an id becomes duplicate across files",
     "facts/s2.yaml", "id: cargo-2022-coop", "id: cargo-2022"),
    ("a reference breaks", "facts/facts.yaml", "of: cargo-2022", "of: cargo-2021"),
    ("the disagreeing figure goes", "facts/s2.yaml", _S2_TRADE, ""),
    ("the disagreeing figure comes back", "facts/s2.yaml", "facts:\n", "facts:\n" + _S2_TRADE),
    ("an article changes", "articles/a1.txt", "23", "24"),
    ("an article changes back", "articles/a1.txt", "24", "23"),
    ("a waiver changes", "sources.yaml", "reached 25 million tons", "reached 26 million tons"),
]


def test_the_cached_report_is_never_stale(two_files, counted):
    """Every edit that changes a result across files (an id duplicated, a reference
    broken, a disagreement gone, an article or a waiver changed) is seen: the report
    served from the cache equals one made with no cache, after each edit in turn."""
    fresh = _report_of(two_files, use_cache=False)
    assert _report_of(two_files) == fresh  # stored
    reads = len(counted)
    assert _report_of(two_files) == fresh  # served whole: no fact file read
    assert len(counted) == reads
    seen = {fresh[1]["facts"]}
    for _, file, old, new in EDITS:
        _edit(two_files / file, old, new)
        fresh = _report_of(two_files, use_cache=False)
        assert _report_of(two_files) == fresh, file
        assert _report_of(two_files) == fresh, file
        seen.add(tuple(fresh[0]))
    assert len(seen) >= 6  # the edits did change the report


def test_a_served_report_keeps_every_files_entry(two_files, counted):
    """After a run served whole from the cache, editing one file reads only that one:
    the other files' summaries (and the coverage) were kept."""
    _report_of(two_files)
    _report_of(two_files)
    _edit(two_files / "facts" / "s2.yaml", "facts:", "# edited\nfacts:")
    before = len(counted)
    cached = _report_of(two_files)
    assert {name.rpartition("/")[2] for name in counted[before:]} == {"s2.yaml"}
    assert cached == _report_of(two_files, use_cache=False)


def test_cached_records_share_each_date_and_refuse_other_callables():
    """Dates come back from a records entry as one object per distinct date (memory and
    time at 100,000 facts); the entry may still build nothing but record data."""
    import pickle

    from reportgen.evidence.cache import EntryRefused, load_records
    from reportgen.evidence.values import PartialDate

    rows = [{"start": PartialDate(2023, 1)}, {"start": PartialDate(2023, 1), "end": None}]
    loaded = load_records(pickle.dumps(rows, pickle.HIGHEST_PROTOCOL))
    assert loaded == rows and loaded[0]["start"] is loaded[1]["start"]

    class Evil:
        def __reduce__(self):
            return (print, ("boom",))

    with pytest.raises(EntryRefused):
        load_records(pickle.dumps([Evil()], pickle.HIGHEST_PROTOCOL))
