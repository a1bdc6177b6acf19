"""The line index finds the same line and column as the exact parser, for block layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _reference_starts(data: bytes) -> list[int]:
    """The items' offsets as first written: every '- ' line indented as the first item,
    up to the next top-level key."""
    from reportgen.evidence.line_index import _ITEM, _TOP_KEY

    first = _ITEM.search(data)
    if first is None:
        return []
    top = _TOP_KEY.search(data, first.end())
    stop = top.start() if top else len(data)
    return [m.start() for m in _ITEM.finditer(data, first.start(), stop)
            if len(m.group(1)) == len(first.group(1))]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"facts:", b"  - id: a", b"    - x", b"  -", b"  - ", b"- b",
                                 b"top: 1", b"# c", b"", b"  x: - y", b"  -\tz", b"\r"]),
                max_size=12))
def test_item_offsets_are_those_of_the_line_scan(lines):
    data = b"\n".join(lines)
    want = _reference_starts(data)
    assert LineIndex("f.yaml", data, len(want)).item_starts() == want


def _stored(path: Path, data: bytes):
    """An index of ``path`` that holds no bytes, as a cached file's (offsets and lines
    from an index that read them)."""
    from reportgen.evidence.inputs import read_stamped
    from reportgen.evidence.line_index import StoredFile

    read, stamp = read_stamped(path, 1 << 20)
    assert read == data
    held = LineIndex(path.name, data, len(_reference_starts(data)))
    stored = StoredFile(path, stamp, lambda again: again == data, path.read_bytes)
    return LineIndex(path.name, None, held.count, held.item_starts(), held.item_lines(),
                     stored)


@pytest.mark.parametrize("path", sorted((REPO / "seeds" / "facts").glob("*.yaml"))[:3],
                         ids=lambda p: p.name)
def test_an_index_without_the_bytes_locates_alike(path: Path, tmp_path):
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    data = copy.read_bytes()
    held = LineIndex(copy.name, data, len(_reference_starts(data)))
    stored = _stored(copy, data)
    assert stored.data is None
    for i in range(held.count):
        for keys in PATHS:
            assert stored(("facts", i, *keys)) == held(("facts", i, *keys))
    assert stored.data is None  # each fact's span was read, never the whole file


def test_a_file_changed_since_it_was_read_gives_no_line(tmp_path):
    path = tmp_path / "f.yaml"
    data = b"facts:\n  - id: a\n    kind: person\n  - id: b\n    kind: person\n"
    path.write_bytes(data)
    stored = _stored(path, data)
    import os

    os.utime(path, ns=(1, 1))  # touched: the same bytes, read whole and accepted
    assert (stored(("facts", 1, "id")).line, stored(("facts", 1, "id")).column) == (4, 9)
    stored = _stored(path, data)
    path.write_bytes(b"facts:\n\n\n  - id: a\n    kind: person\n  - id: b\n")
    assert stored(("facts", 1, "id")).line is None  # changed: no line is trusted
