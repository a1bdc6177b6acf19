"""Every number accounted for: figures no fact quotes are reported with their sentence,
unless a waiver in the sources file covers them."""

from __future__ import annotations

import pytest

from reportgen.evidence.check import check_paths

from ..conftest import REPO, write


def run(project):
    return check_paths(project / "sources.yaml", project / "articles", project / "facts").report


def coverage(report):
    return [p for p in report.problems if p.code in ("unaccounted-figure", "unused-waiver")
            or "waiver" in p.message]


def without_waiver(mini):
    text = (mini / "sources.yaml").read_text()
    (mini / "sources.yaml").write_text(text[:text.index("    waivers:")])


def test_shipped_seeds_account_for_every_figure(monkeypatch):
    monkeypatch.chdir(REPO)
    report = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                         REPO / "seeds/facts").report
    assert coverage(report) == []


def test_a_figure_nobody_curated_is_a_warning_with_its_sentence(mini):
    without_waiver(mini)
    problems = coverage(run(mini))
    assert [(p.code, p.severity, p.location.file.endswith("articles/a2.txt"),
             p.location.line, p.location.column) for p in problems] == \
        [("unaccounted-figure", "warning", True, 1, 1)]
    assert "figure '25' of article 's2'" in problems[0].message
    assert "'Last year, railway cargo between the two countries reached 25 million tons, " \
           "officials said.'" in problems[0].message


def test_figures_of_one_sentence_are_one_warning_at_its_line(mini):
    write(mini / "articles" / "a3.txt", """
        Headline with no figure

        Source: Test, 2024-01-05 10:00:00

        Exports rose 12 percent to 4.5 billion U.S. dollars in 2023. Imports were flat.
          Eleven new routes opened, and “the two sides” met on Jan. 5.
        """)
    with (mini / "sources.yaml").open("a") as f:
        f.write("  - id: s3\n    file: a3.txt\n    title: Three\n    title_printed: false\n"
                "    date: 2024-01-05\n    date_basis: stated\n    language: en\n")
    found = [(p.location.line, p.location.column, p.message.split(" of article")[0])
             for p in coverage(run(mini))]
    assert found == [(5, 1, "figures '12', '4.5'"), (6, 3, "figure 'Eleven'")]


def test_a_waiver_accounts_for_its_figures(mini):
    assert coverage(run(mini)) == []  # the mini project waives its one uncurated figure


def test_a_fact_quoting_the_sentence_accounts_for_it(mini):
    without_waiver(mini)
    write(mini / "facts" / "more.yaml", """
        facts:
          - id: cargo-s2
            kind: trade
            source: s2
            quote: railway cargo between the two countries reached 25 million tons
            metric: rail-cargo
            value: {amount: 25, scale: million, unit: tons}
            period: {label: Last year, start: 2022, end: 2022}
            reporter: officials
            partners: [China, Kazakhstan]
        """)
    assert [p.code for p in coverage(run(mini))] == []


def test_a_waiver_not_in_the_article_and_one_with_no_figure(mini):
    text = (mini / "sources.yaml").read_text().replace(
        "      - quote: railway cargo between the two countries reached 25 million tons\n",
        "      - quote: railway cargo reached 26 million tons\n"
        "        reason: a typo\n"
        "      - quote: officials said\n"
        "        reason: no figure here\n"
        "      - quote: railway cargo between the two countries reached 25 million tons\n")
    (mini / "sources.yaml").write_text(text)
    found = [(p.code, p.severity, p.location.line, p.location.path)
             for p in coverage(run(mini))]
    assert found == [
        ("quote-not-in-article", "error", 19, "sources[1].waivers[0].quote"),
        ("unused-waiver", "warning", 21, "sources[1].waivers[1].quote"),
    ]


def test_a_waiver_needs_a_reason(mini):
    text = (mini / "sources.yaml").read_text()
    (mini / "sources.yaml").write_text(text[:text.index("        reason:")])
    problems = run(mini).problems
    assert [(p.code, p.location.path) for p in problems] == \
        [("missing-field", "sources[1].waivers[0]")]


def test_coverage_is_cached_and_a_changed_quote_misses(mini, monkeypatch):
    """An unchanged corpus reads the coverage from the cache; a changed quote is seen."""
    from reportgen.evidence import coverage as module

    without_waiver(mini)
    calls = []
    original = module._unaccounted
    monkeypatch.setattr(module, "_unaccounted", lambda *a: calls.append(1) or original(*a))
    first = coverage(run(mini))
    assert coverage(run(mini)) == first and len(calls) == 1
    write(mini / "facts" / "more.yaml", """
        facts:
          - id: cargo-s2
            kind: cooperation
            source: s2
            quote: reached 25 million tons
            area: transport
            summary: cargo
        """)
    assert coverage(run(mini)) == [] and len(calls) == 2


# ------------------------------------------------------------------ waivers in fact files

FACT = """
facts:
  - id: coop-s1
    kind: cooperation
    source: s1
    quote: officials said
    area: other
    summary: x
"""


def waiver_file(mini, waivers: str, first: bool = False):
    """A fact file holding one fact of s2 and ``waivers`` (a YAML list), after the facts
    or before them; the sources file's waiver of s2 is removed."""
    if "    waivers:" in (mini / "sources.yaml").read_text():
        without_waiver(mini)
    fact = FACT.replace("s1", "s2").replace("coop-s2", "coop-s2-said")
    text = (f"waivers:\n{waivers}{fact}" if first else f"{fact.lstrip()}waivers:\n{waivers}")
    (mini / "facts" / "s2.yaml").write_text(text.lstrip("\n"), encoding="utf-8")


def located(report):
    return [(p.code, p.severity, p.location.file.rsplit("/", 1)[-1], p.location.line,
             p.location.column, p.location.path) for p in report.problems]


WAIVER = ("  - source: s2\n"
          "    quote: railway cargo between the two countries reached 25 million tons\n"
          "    reason: out of scope\n")


@pytest.mark.parametrize("first", [False, True])
def test_a_fact_file_waiver_accounts_for_its_figures(mini, first):
    waiver_file(mini, WAIVER, first)
    assert located(run(mini)) == []
    waiver_file(mini, "", first)  # the same file without its waiver
    assert [p.code for p in run(mini).problems] == ["unaccounted-figure"]


UNCOVERED = ("unaccounted-figure",)  # the waiver no longer covers the article's figure


@pytest.mark.parametrize("first", [False, True], ids=["after-facts", "before-facts"])
@pytest.mark.parametrize("waiver, code, severity, line, column, path, also", [
    (WAIVER.replace("source: s2", "source: s3"), "unknown-source", "error", 1, 13,
     "waivers[0].source", UNCOVERED),
    (WAIVER.replace("25 million", "26 million"), "quote-not-in-article", "error", 2, 12,
     "waivers[0].quote", UNCOVERED),
    (WAIVER + "  - source: s2\n    quote: officials said\n    reason: no figure here\n",
     "unused-waiver", "warning", 5, 12, "waivers[1].quote", ()),
    (WAIVER.replace("    reason: out of scope\n", ""), "missing-field", "error", 1, 5,
     "waivers[0]", ()),
    (WAIVER + "    colour: blue\n", "unknown-field", "error", 4, 5, "waivers[0].colour", ()),
    ("  - railway cargo\n", "wrong-type", "error", 1, 5, "waivers[0]", UNCOVERED),
], ids=["unknown-source", "quote-not-in-article", "unused-waiver", "missing-field",
        "unknown-field", "wrong-type"])
def test_each_fact_file_waiver_problem_at_its_line(mini, first, waiver, code, severity, line,
                                                   column, path, also):
    """Each problem of a fact file's waiver names its code and the file:line:column of the
    field, whether the waivers come after the facts or before them, from a fresh check,
    from the cache, and with the cache off."""
    waiver_file(mini, waiver, first)
    offset = 1 if first else len(FACT.strip().splitlines()) + 1  # the 'waivers:' line
    fresh = located(run(mini))
    assert fresh[0] == (code, severity, "s2.yaml", line + offset, column, path)
    assert [p[0] for p in fresh[1:]] == list(also)
    assert located(run(mini)) == fresh  # from the cache
    report = check_paths(mini / "sources.yaml", mini / "articles", mini / "facts",
                         use_cache=False).report
    assert located(report) == fresh


def test_editing_only_a_waiver_is_never_served_stale(mini):
    """The coverage cache is keyed by the fact files' waivers too: editing a waiver's
    quote alone changes the result at once, both ways."""
    waiver_file(mini, WAIVER)
    assert located(run(mini)) == []
    path = mini / "facts" / "s2.yaml"
    path.write_text(path.read_text().replace("reached 25 million tons", "reached 25 million"))
    assert [p.code for p in run(mini).problems] == []  # still covers the figure
    path.write_text(path.read_text().replace("cargo between the two countries reached 25 "
                                             "million", "cargo between the two countries"))
    assert [p.code for p in run(mini).problems] == ["unused-waiver", "unaccounted-figure"]
    path.write_text(path.read_text().replace("cargo between the two countries\n",
                                             "cargo between the two countries reached 25 "
                                             "million tons\n"))
    assert located(run(mini)) == []


def test_the_seeds_and_the_build_read_fact_file_waivers(mini):
    """A fact file with waivers builds: the waivers are no facts."""
    waiver_file(mini, WAIVER)
    checked = check_paths(mini / "sources.yaml", mini / "articles", mini / "facts")
    assert checked.report.valid
    assert "coop-s2-said" in {f.id for f in checked.corpus.facts}
    assert all(f.kind for f in checked.corpus.facts)


def test_a_note_added_in_one_file_reads_the_coverage_from_the_cache(tmp_path, monkeypatch):
    """The coverage key is the same whether a file was checked by a worker process, in
    this one, or read from the cache: an edit that moves no quote recomputes nothing."""
    import multiprocessing

    import pytest

    from benchmarks.corpus import generate
    from reportgen.evidence import check as check_module
    from reportgen.evidence import coverage as module

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    generate(tmp_path / "corpus", 400)
    corpus = tmp_path / "corpus"
    calls = []
    original = module._unaccounted
    monkeypatch.setattr(module, "_unaccounted", lambda *a: calls.append(1) or original(*a))
    monkeypatch.setattr(check_module, "PARALLEL_BYTES", 0)  # every file by a worker
    first = run(corpus).problems
    assert len(calls) == 1
    facts = corpus / "facts" / "facts-007.yaml"
    facts.write_text(facts.read_text() + "# a note\n")
    assert run(corpus).problems == first  # facts-007.yaml checked here, the rest cached
    assert len(calls) == 1
