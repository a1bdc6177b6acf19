"""Invisible and bidirectional control characters in fact text are problems naming the
code point and the field; a quote that misses only because of one says so."""

from __future__ import annotations

import re
import unicodedata

import pytest

from reportgen.evidence.check import check_paths
from reportgen.evidence.invisible import _FORMAT, _FORMAT_UTF8, BIDI_CONTROLS, REFUSED


def run(project):
    return check_paths(project / "sources.yaml", project / "articles", project / "facts",
                       use_cache=False).report


def edit(project, old: str, new: str) -> None:
    facts = project / "facts" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new, 1), encoding="utf-8")


FIELDS = {  # where the character goes -> (old text, field path, line)
    "person-name": ("name: Alikhan Smailov", "facts[4].name", 47),
    "country": ("country: China", "facts[5].country", 55),
    "summary": ("summary: Five Confucius", "facts[3].summary", 40),
    "list-item": ("partners: [China,", "facts[0].partners[0]", 12),
}

ERRORS = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c",
          "\u200b", "\u2060", "\ufeff"]
WARNINGS = ["\u200c", "\u200d", "\u00ad", "\U000e0041"]


def _insert(old: str, char: str) -> str:
    """The character inside the value: after its first letter."""
    key, _, value = old.partition(": ")
    if value.startswith("["):
        return f"{key}: [{value[1]}{char}{value[2:]}"
    return f"{key}: {value[0]}{char}{value[1:]}"


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("char", ERRORS + WARNINGS,
                         ids=[f"U+{ord(c):04X}" for c in ERRORS + WARNINGS])
def test_invisible_character_is_named_with_its_field(mini, field, char):
    old, path, line = FIELDS[field]
    edit(mini, old, _insert(old, char))
    problems = [p for p in run(mini).problems if p.code == "invisible-character"]
    assert len(problems) == 1, problems
    (problem,) = problems
    assert f"U+{ord(char):04X} ({unicodedata.name(char)})" in problem.message
    assert problem.location.path == path and problem.location.line == line
    assert problem.severity == ("error" if char in REFUSED else "warning")


def test_quote_missing_only_because_of_an_invisible_character_says_so(mini):
    edit(mini, "quote: Prime Minister Alikhan Smailov",
         "quote: Prime Minister Ali\u200bkhan Smailov")
    problems = {p.code: p for p in run(mini).problems}
    miss = problems["quote-not-in-article"]
    assert "only because it holds the invisible character U+200B (ZERO WIDTH SPACE)" in \
        miss.message
    assert miss.location.line == 46
    assert problems["invisible-character"].location.path == "facts[4].quote"


def test_source_text_is_checked_too(mini):
    sources = mini / "sources.yaml"
    sources.write_text(sources.read_text().replace("title: Test article one",
                                                   "title: Test \u202earticle one"))
    (problem,) = [p for p in run(mini).problems if p.code == "invisible-character"]
    assert problem.location.file.endswith("sources.yaml") and problem.location.line == 4


def test_plain_text_in_other_scripts_passes(mini):
    edit(mini, "name: Alikhan Smailov", "name: Әлихан Смайылов")
    edit(mini, "quote: Prime Minister Alikhan Smailov", "quote: Prime Minister")
    assert not [p for p in run(mini).problems if p.code == "invisible-character"]


def test_the_format_set_covers_this_python():
    every = [chr(c) for c in range(0x80, 0x110000) if unicodedata.category(chr(c)) == "Cf"]
    missing = [f"U+{ord(c):04X}" for c in every if not _FORMAT.fullmatch(c)]
    assert missing == [], "add these format characters to invisible._FORMAT"
    # Bidi_Control: the explicit embedding, override and isolate characters, plus the
    # three marks (LRM, RLM, ALM), whose bidirectional classes are L, R and AL
    explicit = {chr(c) for c in range(0x110000) if unicodedata.bidirectional(chr(c)) in
                ("LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI")}
    assert BIDI_CONTROLS == explicit | {"\u200e", "\u200f", "\u061c"}
    assert re.fullmatch(_FORMAT, "\u200b")
    assert all(_FORMAT_UTF8.fullmatch(c.encode()) for c in every)
