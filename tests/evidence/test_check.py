"""Each problem code, fed a small bad fixture, is reported with its code and line."""

from __future__ import annotations

import pytest

from reportgen.evidence.check import check_paths
from reportgen.problems import CODES

from ..conftest import write

GOOD_TRADE = """
facts:
  - id: x
    kind: trade
    source: s1
    quote: In 2022, railway cargo volume between China and Kazakhstan amounted to 23 million tons
    metric: rail-cargo
    value: {amount: 23, scale: million, unit: tons}
    period: {label: In 2022, start: 2022, end: 2022}
    reporter: Xinhua
    partners: [China, Kazakhstan]
"""


def run(project):
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts")
    return checked.report


def found(report, file="bad.yaml"):
    return {(p.code, p.location.line) for p in report.problems
            if (p.location.file or "").endswith(file)}


def test_shipped_seeds_pass_check(monkeypatch):
    from ..conftest import REPO

    monkeypatch.chdir(REPO)
    checked = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                          REPO / "seeds/facts")
    assert checked.report.errors == [], "\n".join(p.format() for p in checked.report.errors)
    kinds = checked.report.stats["facts_by_kind"]
    assert set(kinds) == {"trade", "growth", "target", "project", "asset", "person", "role",
                          "event", "rank", "cooperation"}
    assert checked.report.stats["sources"] == 5


def test_mini_project_is_clean(mini):
    report = run(mini)
    assert report.problems == []
    assert report.stats["facts"] == 7


BAD_CASES = {
    "bad-indentation": ("facts:\n  - id: x\n    kind: trade\n   source: s1\n",
                        {("yaml-syntax", 4)}),
    "tab": ("facts:\n  - id: x\n\tkind: trade\n", {("yaml-syntax", 3)}),
    "misspelt-field": (GOOD_TRADE.replace("    reporter:", "    reportr:"),
                       {("unknown-field", 9), ("missing-field", 2)}),
    "missing-field": (GOOD_TRADE.replace("    reporter: Xinhua\n", ""), {("missing-field", 2)}),
    "wrong-type": (GOOD_TRADE.replace("partners: [China, Kazakhstan]", "partners: {a: b}"),
                   {("wrong-type", 10)}),
    "bad-enum": (GOOD_TRADE.replace("scale: million", "scale: millions"),
                 {("invalid-value", 7)}),
    "impossible-date": (GOOD_TRADE.replace("end: 2022}", "end: 2024-02-30}"),
                        {("invalid-value", 8)}),
    "timestamp": (GOOD_TRADE.replace("end: 2022}", "end: 2022-01-01T10:00:00+02:00}"),
                  {("invalid-value", 8)}),
    "leading-zero": (GOOD_TRADE.replace("amount: 23,", "amount: 023,"),
                     {("invalid-value", 7)}),
    "thousands-separator": (GOOD_TRADE.replace("amount: 23,", "amount: '1,000',"),
                            {("invalid-value", 7)}),
    "quote-not-in-article": (GOOD_TRADE.replace("23 million tons", "32 million tons"),
                             {("quote-not-in-article", 5)}),
    "value-not-in-quote": (GOOD_TRADE.replace("amount: 23,", "amount: 24,"),
                           {("value-not-in-quote", 7)}),
    "label-not-in-quote": (GOOD_TRADE.replace("label: In 2022", "label: last year"),
                           {("value-not-in-quote", 8)}),
    "duplicate-id": (GOOD_TRADE + GOOD_TRADE.replace("facts:\n", ""),
                     {("duplicate-id", 12)}),
    "duplicate-key": (GOOD_TRADE.replace("    reporter: Xinhua\n",
                                         "    reporter: Xinhua\n    reporter: Other\n"),
                      {("yaml-duplicate-key", 10)}),
    "nested-duplicate-key": (GOOD_TRADE.replace("unit: tons}", "unit: tons, unit: t}"),
                             {("yaml-duplicate-key", 7)}),
    "unknown-source": (GOOD_TRADE.replace("source: s1", "source: s9"),
                       {("unknown-source", 4)}),
    "unknown-person": (
        "facts:\n  - id: e\n    kind: event\n    source: s1\n"
        "    quote: Prime Minister Alikhan Smailov\n    title: t\n    event_type: meeting\n"
        "    start: 2023\n    participants: [smailov, nobody]\n",
        {("unknown-reference", 9)}),
    "wrong-reference": (
        "facts:\n  - id: e\n    kind: role\n    source: s1\n"
        "    quote: Prime Minister Alikhan Smailov\n    person: confucius\n"
        "    title: Prime Minister\n    organisation: Government\n    country: Kazakhstan\n",
        {("wrong-reference", 6)}),
    "sixteen-digits": (GOOD_TRADE.replace("amount: 23,", "amount: 1234567890123456,"),
                       {("invalid-value", 7)}),
    "nan": (GOOD_TRADE.replace("amount: 23,", "amount: .nan,"), {("invalid-value", 7)}),
    "infinity": (GOOD_TRADE.replace("amount: 23,", "amount: .inf,"), {("invalid-value", 7)}),
    "text-too-long": (GOOD_TRADE.replace("    reporter: Xinhua", "    reporter: " + "x" * 32768),
                      {("invalid-value", 9)}),
    "text-too-long-in-utf16": (
        GOOD_TRADE.replace("    reporter: Xinhua", "    reporter: " + "\U0001F600" * 16384),
        {("invalid-value", 9)}),
    "bad-kind": ("facts:\n  - id: x\n    kind: trades\n", {("invalid-value", 3)}),
    "alias": ("facts: &a []\n", {("yaml-alias", 1)}),
    "tag": ("facts: !!python/object/apply:os.system ['true']\n", {("yaml-tag", 1)}),
    "two-documents": ("facts: []\n---\nfacts: []\n", {("yaml-multiple-documents", 2)}),
    "too-deep": ("facts: " + "[" * 200 + "]" * 200 + "\n", {("yaml-too-deep", 1)}),
    "not-utf8": (b"facts:\n  - id: \xff\n", {("yaml-encoding", 2)}),
    "nul": (b"facts:\n\n  - id: a\x00\n", {("yaml-encoding", 3)}),
    # periods
    "period-reversed": (GOOD_TRADE.replace("start: 2022, end: 2022", "start: 2024, end: 2022"),
                        {("period-reversed", 8)}),
    "period-after-article": (GOOD_TRADE.replace("end: 2022}", "end: 2023-06}"),
                             {("period-after-article", 8)}),
    "year-before-1900": (GOOD_TRADE.replace("start: 2022,", "start: 1899,"),
                         {("invalid-value", 8)}),
    "date-before-1900": (GOOD_TRADE.replace("start: 2022,", "start: 1899-12-31,"),
                         {("invalid-value", 8)}),
    "label-from-not-in-article": (
        GOOD_TRADE.replace("label: In 2022", "label_from: in the same year"),
        {("value-not-in-article", 8)}),
    "event-ends-before-it-starts": (
        "facts:\n  - id: e\n    kind: event\n    source: s1\n"
        "    quote: Prime Minister Alikhan Smailov\n    title: t\n    event_type: meeting\n"
        "    start: 2023-05-02\n    end: 2023-05-01\n    participants_unknown: true\n",
        {("period-reversed", 9)}),
    # rules of one fact
    "no-participants": (
        "facts:\n  - id: e\n    kind: event\n    source: s1\n"
        "    quote: Prime Minister Alikhan Smailov\n    title: t\n    event_type: meeting\n"
        "    start: 2023\n    participants: []\n",
        {("missing-field", 9)}),
    "participants-known-and-unknown": (
        "facts:\n  - id: e\n    kind: event\n    source: s1\n"
        "    quote: Prime Minister Alikhan Smailov\n    title: t\n    event_type: meeting\n"
        "    start: 2023\n    participants: [smailov]\n    participants_unknown: true\n",
        {("invalid-value", 10)}),
    "related-without-relation": (GOOD_TRADE + "    related: [cargo-2022]\n",
                                 {("missing-field", 11)}),
    "relation-without-related": (GOOD_TRADE + "    relation: rounds\n",
                                 {("missing-field", 11)}),
    "related-to-itself": (GOOD_TRADE + "    related: [x]\n    relation: rounds\n",
                          {("invalid-value", 11)}),
    "related-unknown-id": (GOOD_TRADE + "    related: [cargo-2021]\n    relation: rounds\n",
                           {("unknown-reference", 11)}),
    "asset-is-not-an-asset": (GOOD_TRADE + "    asset: cargo-2022\n",
                              {("wrong-reference", 11)}),
    "share-of-not-a-percent": (GOOD_TRADE + "    share_of: all rail cargo\n",
                               {("invalid-value", 11)}),
    "route-not-in-quote": (GOOD_TRADE + "    route: Altynkol-Khorgos\n",
                           {("value-not-in-quote", 11)}),
    "unknown-asset-type": (
        "facts:\n  - id: a\n    kind: asset\n    source: s1\n"
        "    quote: renewable energy projects\n    name: renewable energy projects\n"
        "    asset_type: cable-car\n",
        {("invalid-value", 7)}),
    "asset-type-not-a-slug": (
        "facts:\n  - id: a\n    kind: asset\n    source: s1\n"
        "    quote: renewable energy projects\n    name: renewable energy projects\n"
        "    asset_type: Sea Port\n",
        {("invalid-value", 7)}),
    "rank-position-zero": (
        "facts:\n  - id: r\n    kind: rank\n    source: s1\n"
        "    quote: railway cargo volume between China and Kazakhstan\n    subject: China\n"
        "    metric: rail-cargo\n    among: partners\n    position: 0\n",
        {("invalid-value", 9)}),
    "rank-without-position": (
        "facts:\n  - id: r\n    kind: rank\n    source: s1\n"
        "    quote: railway cargo volume between China and Kazakhstan\n    subject: China\n"
        "    metric: rail-cargo\n    among: partners\n",
        {("missing-field", 2)}),
    "control-char": ('facts:\n  - id: x\n    kind: person\n    name: "a\\x01b"\n',
                     {("invalid-value", 4), ("missing-field", 2)}),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_fact_file_reports_code_and_line(mini, case):
    text, expected = BAD_CASES[case]
    path = mini / "facts" / "bad.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        write(path, text)
    report = run(mini)
    assert not report.valid or not expected
    assert found(report) == expected, [p.format() for p in report.problems]


def test_unknown_fact_reference(mini):
    write(mini / "facts" / "bad.yaml", """
        facts:
          - id: g
            kind: growth
            source: s1
            quote: up 20 percent year on year
            metric: rail-cargo
            value: {amount: 20, unit: percent}
            period: {start: 2022, end: 2022}
            of: cargo-2021
            reporter: Xinhua
            partners: [China, Kazakhstan]
        """)
    assert ("unknown-reference", 9) in found(run(mini))


def test_yaml_implicit_types_stay_text(mini):
    write(mini / "facts" / "ok.yaml", """
        facts:
          - id: p
            kind: person
            source: s1
            quote: Prime Minister Alikhan Smailov
            name: Alikhan Smailov
            also_printed_as: [NO, on, 1.10, 0755]
            country: NO
        """)
    checked = check_paths(mini / "sources.yaml", mini / "articles", mini / "facts")
    fact = next(f for f in checked.corpus.facts if f.id == "p")
    assert fact.get("country") == "NO"
    assert fact.get("also_printed_as") == ["NO", "on", "1.10", "0755"]


def test_closest_passage_is_shown(mini):
    write(mini / "facts" / "bad.yaml", GOOD_TRADE.replace("23 million tons", "32 million tons"))
    problem = next(p for p in run(mini).problems if p.code == "quote-not-in-article")
    assert "23 million tons" in problem.hint


def test_discrepancy_is_a_warning_listing_both(mini):
    write(mini / "facts" / "s2.yaml", """
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
        """)
    report = run(mini)
    assert report.valid and not report.passes(strict=True)
    (warning,) = report.warnings
    assert warning.code == "discrepancy"
    assert "23 million tons" in warning.message and "25 million tons" in warning.message


def test_missing_article_is_reported(mini):
    (mini / "articles" / "a2.txt").unlink()
    report = run(mini)
    assert ("article-missing", 11) in found(report, "sources.yaml")


def test_every_code_is_exercised():
    """Each code in CODES is covered by a case here or in another test module."""
    covered = {code for _, expected in BAD_CASES.values() for code, _ in expected}
    covered |= {"discrepancy", "article-missing", "empty-file",
                "file-unreadable", "yaml-too-large", "path-outside-folder",
                "not-a-regular-file", "file-too-large", "invisible-character",
                "unaccounted-figure", "unused-waiver"}  # tests/evidence/test_coverage.py
    assert covered == set(CODES)


@pytest.mark.parametrize("url, ok", [
    ("https://english.news.cn/20230519/x.html", True),
    ("http://example.org/a", True),
    ("javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("ftp://example.org/x", False),
    ("https://example.org/" + "a" * 2100, False),
])
def test_source_urls_http_only(mini, url, ok):
    text = (mini / "sources.yaml").read_text()
    text = text.replace("    language: en\n  - id: s2", f"    language: en\n    url: '{url}'\n"
                        "  - id: s2", 1)
    (mini / "sources.yaml").write_text(text)
    report = run(mini)
    assert report.valid is ok
    if not ok:
        assert [(p.code, p.location.line) for p in report.problems] == [("invalid-value", 10)]


def test_object_tags_never_run(mini, tmp_path):
    marker = tmp_path / "pwned"
    write(mini / "facts" / "bad.yaml",
          f"facts: !!python/object/apply:os.system ['touch {marker}']\n")
    report = run(mini)
    assert ("yaml-tag", 1) in found(report)
    assert not marker.exists()


def test_same_result_without_the_fast_parser(monkeypatch, tmp_path):
    """The fast path is an optimisation only: with it off, every record and problem is
    the same (the shipped seeds plus a broken copy of one file)."""
    from reportgen.evidence import fast_yaml as fastyaml

    from ..conftest import REPO

    facts = tmp_path / "facts"
    facts.mkdir()
    for path in (REPO / "seeds" / "facts").glob("*.yaml"):
        (facts / path.name).write_bytes(path.read_bytes())
    bad = (facts / "people.yaml").read_text().replace("country: China", "country: [China]", 1)
    (facts / "people.yaml").write_text(bad)

    def run_once():
        checked = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles", facts,
                              use_cache=False)
        return ([(f.id, f.data) for f in checked.corpus.facts],
                [p.format() for p in checked.report.sorted_problems()])

    fast = run_once()
    monkeypatch.setattr(fastyaml, "_parser", lambda: None)
    exact = run_once()
    assert fast == exact
    assert any("wrong-type" in p for p in fast[1])
