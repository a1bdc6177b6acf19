"""The line index finds the same line and column as the exact parser, for block layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.evidence.line_index import LineIndex
from reportgen.evidence.safe_yaml import parse_text

from ..conftest import REPO

PATHS = [("id",), ("source",), ("value",), ("value", "amount"), ("period",),
         ("period", "start"), ("period", "end"), ("quote",), ("partners",), ("name",),
         ("topics",)]


@pytest.mark.parametrize("path", sorted((REPO / "seeds" / "facts").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_line_index_agrees_with_the_exact_parser(path: Path):
    data = path.read_bytes()
    exact = parse_text(path.name, data.decode("utf-8"))
    facts = exact.root["facts"]
    index = LineIndex(path.name, data, len(facts))
    for i, fact in enumerate(facts):
        for keys in PATHS:
            node = fact
            for key in keys:
                node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                continue
            for at_key in (False, True):
                want = exact.location(("facts", i, *keys), at_key)
                got = index(("facts", i, *keys), at_key)
                assert (got.line, got.column) == (want.line, want.column), (i, keys, at_key)


def test_flow_layout_falls_back_to_the_exact_parser():
    data = b"facts: [{id: a, kind: person}, {id: b, kind: person}]\n"
    index = LineIndex("f.yaml", data, 2)
    exact = parse_text("f.yaml", data.decode())
    assert index(("facts", 1, "id")) == exact.location(("facts", 1, "id"))
