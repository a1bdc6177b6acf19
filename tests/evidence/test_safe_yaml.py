"""The safe YAML loader: hostile input is refused within bounded time, with a location."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from reportgen.evidence.safe_yaml import MAX_DEPTH, load_yaml, parse_text


def codes(result):
    return [(p.code, p.location.line) for p in result.problems]


def test_plain_tree_keeps_raw_text_and_positions():
    result = parse_text("f.yaml", "facts:\n  - id: a\n    n: 0755\n    b: NO\n    d: 2024-02-30\n")
    assert result.problems == []
    (item,) = result.root["facts"]
    assert item == {"id": "a", "n": "0755", "b": "NO", "d": "2024-02-30"}
    where = result.location(("facts", 0, "n"))
    assert (where.line, where.column, where.path) == (3, 8, "facts[0].n")
    assert result.location(("facts", 0, "n"), key=True).column == 5


def test_billion_laughs_is_refused_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    start = time.perf_counter()
    result = parse_text("bomb.yaml", bomb)
    assert time.perf_counter() - start < 2
    assert result.root is None and codes(result)[0][0] == "yaml-alias"


@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_in_100kb_is_refused_without_crashing(tmp_path, opener, closer):
    """libyaml's recursive composer can overflow the C stack on deep nesting; the
    loader builds the tree from events and stops at MAX_DEPTH. Run in a subprocess
    so that a segfault would fail the test instead of killing the suite."""
    depth = 100_000 // (len(opener) + len(closer))
    path = tmp_path / "deep.yaml"
    path.write_text(opener * depth + closer * depth)
    code = ("import sys; from reportgen.evidence.safe_yaml import load_yaml; "
            "r = load_yaml(sys.argv[1]); print([p.code for p in r.problems])")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "yaml-too-deep" in proc.stdout
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1001, 5000])
def test_too_deep_is_one_code_whichever_parser_refuses(depth):
    """Past MAX_DEPTH the loader refuses; past 1,000 flow levels libyaml (0.2.5, in
    PyYAML 6.0.4's wheels) refuses first. A user sees yaml-too-deep either way."""
    result = parse_text("deep.yaml", "a: " + "[" * depth + "]" * depth + "\n")
    assert result.root is None
    assert [p.code for p in result.problems] == ["yaml-too-deep"]
    assert result.problems[0].location.line == 1


def test_depth_limit_allows_ordinary_files():
    text = "a:\n" + "".join("  " * i + f"b{i}:\n" for i in range(1, MAX_DEPTH - 2)) + \
        "  " * (MAX_DEPTH - 2) + "c: 1\n"
    assert parse_text("ok.yaml", text).problems == []


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\na: 2\n", "yaml-duplicate-key", 2),
    ("a:\n  b:\n    c: 1\n    c: 2\n", "yaml-duplicate-key", 4),
    ("a: !!python/object:os.system x\n", "yaml-tag", 1),
    ("a: !custom x\n", "yaml-tag", 1),
    ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 2),
    ("a:\n\t- b\n", "yaml-syntax", 2),
    ("a: [1, 2\n", "yaml-syntax", 2),
    ('a: "unclosed\n', "yaml-syntax", 2),
    ("a: \x07\n", "yaml-encoding", 1),
])
def test_bad_yaml_codes_and_lines(text, code, line):
    result = parse_text("bad.yaml", text)
    assert (code, line) in codes(result), codes(result)


def test_duplicate_key_cites_both_lines():
    result = parse_text("d.yaml", "x: 1\ny: 2\nx: 3\n")
    (problem,) = result.problems
    assert "lines 1 and 3" in problem.message


@pytest.mark.parametrize("data, line", [
    (b"a: 1\nb: \xc3\x28\n", 2),
    (b"a: 1\n\nb: x\x00y\n", 3),
])
def test_bytes_that_are_not_utf8_or_nul(tmp_path, data, line):
    path = tmp_path / "b.yaml"
    path.write_bytes(data)
    result = load_yaml(path)
    assert [(p.code, p.location.line) for p in result.problems] == [("yaml-encoding", line)]


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    result = load_yaml(path)
    assert result.problems == [] and result.root == {"a": "1"}


def test_unreadable_file_is_a_problem(tmp_path):
    result = load_yaml(tmp_path)  # a folder
    assert [p.code for p in result.problems] == ["file-unreadable"]


def test_sequences_and_scalars():
    result = parse_text("s.yaml", "- 'quoted'\n- plain\n- 'null'\n- null\n")
    assert result.root == ["quoted", "plain", "null", None]


@pytest.mark.parametrize("text, null", [("a: null", True), ("a: ~", True), ("a:", True),
                                        ("a: 'null'", False), ('a: ""', False)])
def test_null_only_when_plain(text, null):
    result = parse_text("n.yaml", text + "\n")
    assert (result.root["a"] is None) is null
