"""Read a YAML file into a tree of nodes that keep their line and column.

Only the YAML that fact files need is accepted: mappings, sequences and scalars.
Scalars stay raw text (plus whether they were quoted); :mod:`reportgen.validate`
types them by the schema, so YAML 1.1's guessing (``NO`` -> False, ``0755`` ->
493, ``2024-02-30`` -> crash) never touches a value.

Refused, as problems with a location: bytes that are not UTF-8, NUL, anchors and
aliases (no alias bombs), explicit tags (no object construction), duplicate keys
(both lines cited), more than one document, nesting deeper than
:data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`. The tree is built from
the parser's event stream without recursion, so deep input cannot exhaust the
stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Location, Problem

MAX_DEPTH = 32
MAX_BYTES = 64 * 1024 * 1024


class Node:
    __slots__ = ("line", "column")

    line: int
    column: int

    @property
    def kind(self) -> str:
        raise NotImplementedError


class Scalar(Node):
    __slots__ = ("value", "plain")

    def __init__(self, value: str, plain: bool, line: int, column: int):
        self.value = value
        self.plain = plain
        self.line = line
        self.column = column

    kind = "scalar"  # type: ignore[assignment]

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Mapping(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int):
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.line = line
        self.column = column

    kind = "mapping"  # type: ignore[assignment]


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int):
        self.items: list[Node] = []
        self.line = line
        self.column = column

    kind = "list"  # type: ignore[assignment]


@dataclass
class YamlFile:
    """A parsed file: its root node (None if unusable) and the problems found."""

    path: str
    root: Node | None
    problems: list[Problem]


def _loader_class():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a BOM is allowed); refuse NUL and invalid bytes with a line."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_of_offset(data, nul)
        return None, Problem(
            "yaml-encoding", "the file holds a NUL byte", Location(path, line, col),
            hint="save it as plain UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(data, exc.start)
        return None, Problem(
            "yaml-encoding",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            Location(path, line, col),
            hint="save the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def load_yaml(path: str | Path, data: bytes | None = None, name: str | None = None) -> YamlFile:
    """Parse one file into nodes. Never raises for bad content: problems are returned.

    ``name`` is how messages name the file (default: the path as given)."""
    name = name or str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return YamlFile(name, None, [Problem(
                "file-unreadable", f"cannot read the file: {reason}", Location(name),
            )])
    if len(data) > MAX_BYTES:
        return YamlFile(name, None, [Problem(
            "yaml-too-large",
            f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,}",
            Location(name), hint="split it into several fact files",
        )])
    text, problem = decode(name, data)
    if problem:
        return YamlFile(name, None, [problem])
    return parse_text(name, text)


def parse_text(name: str, text: str) -> YamlFile:
    import yaml

    problems: list[Problem] = []
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def where(mark) -> Location:
        return Location(name, mark.line + 1, mark.column + 1)

    def add(node: Node, mark) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                problems.append(Problem(
                    "yaml-syntax", "a mapping key must be plain text", where(mark),
                ))
                pending_key[-1] = Scalar("", True, node.line, node.column)
                return
            pending_key[-1] = node
            return
        pending_key[-1] = None
        previous = parent.items.get(key.value)
        if previous is not None:
            problems.append(Problem(
                "yaml-duplicate-key",
                f"key {key.value!r} appears twice in one mapping: lines "
                f"{previous[0].line} and {key.line}",
                Location(name, key.line, key.column),
                hint=f"keep one of the two (the first, line {previous[0].line}, is used)",
            ))
            return
        parent.items[key.value] = (key, node)

    try:
        for event in yaml.parse(text, Loader=_loader_class()):
            etype = type(event).__name__
            if etype in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            mark = event.start_mark
            if etype == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    problems.append(Problem(
                        "yaml-multiple-documents",
                        "a second YAML document starts here ('---')",
                        where(mark), hint="one document per fact file; split the file",
                    ))
                    break
                continue
            if etype == "AliasEvent":
                problems.append(Problem(
                    "yaml-alias", f"alias *{event.anchor} is not allowed", where(mark),
                    hint="write the value out in full",
                ))
                break
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            if anchor is not None:
                problems.append(Problem(
                    "yaml-alias", f"anchor &{anchor} is not allowed", where(mark),
                    hint="remove the anchor and write values out in full",
                ))
                break
            if tag not in (None, "!"):
                problems.append(Problem(
                    "yaml-tag", f"explicit tag {tag!r} is not allowed", where(mark),
                    hint="remove the tag; reportgen reads values by the schema",
                ))
                break
            line, col = mark.line + 1, mark.column + 1
            if etype == "ScalarEvent":
                plain = not event.style  # None (pure Python) or "" (libyaml)
                add(Scalar(event.value, plain, line, col), mark)
            elif etype in ("MappingStartEvent", "SequenceStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(
                        "yaml-too-deep",
                        f"nesting deeper than {MAX_DEPTH} levels", where(mark),
                        hint="fact files need only a few levels",
                    ))
                    break
                node = Mapping(line, col) if etype == "MappingStartEvent" else Sequence(line, col)
                add(node, mark)
                stack.append(node)
                pending_key.append(None)
            elif etype in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                pending_key.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = where(mark) if mark is not None else Location(name)
        detail = exc.problem or "invalid YAML"
        if exc.context:
            detail = f"{exc.context}: {detail}"
        hint = "check the indentation and quoting around this line"
        if "\t" in detail or "tab" in detail:
            hint = "indent with spaces, not tabs"
        problems.append(Problem("yaml-syntax", detail, loc, hint=hint))
        return YamlFile(name, None, problems)
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        problems.append(Problem(
            "yaml-encoding",
            f"character {exc.character!r} is not allowed in YAML text",
            Location(name, line, col), hint="remove the control character",
        ))
        return YamlFile(name, None, problems)
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors
        problems.append(Problem("yaml-syntax", str(exc), Location(name)))
        return YamlFile(name, None, problems)
    if any(p.code in ("yaml-alias", "yaml-tag", "yaml-too-deep", "yaml-multiple-documents")
           for p in problems):
        return YamlFile(name, None, problems)
    return YamlFile(name, root, problems)
