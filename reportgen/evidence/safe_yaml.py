"""Read a YAML file into a tree of nodes that keep their line and column.

Only the YAML that fact files need is accepted: mappings, sequences and scalars.
Scalars stay raw text (a plain ``null``, ``~`` or nothing is None);
:mod:`reportgen.evidence.validate` types them by the schema, so YAML 1.1's guessing (``NO`` ->
False, ``0755`` -> 493, ``2024-02-30`` -> crash) never touches a value. Where each value
was written is kept in a table of marks, so every problem can name its line.

Refused, as problems with a location: bytes that are not UTF-8, NUL, anchors and
aliases (no alias bombs), explicit tags (no object construction), duplicate keys
(both lines cited), more than one document, nesting deeper than
:data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`. The tree is built from
the parser's event stream without recursion, so deep input cannot exhaust the
stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Location, Problem

MAX_DEPTH = 32
MAX_BYTES = 64 * 1024 * 1024


#: Where each value was written: path tuple -> (line, column, key line, key column), 1-based.
#: The path of the root is (); of ``facts[3].value`` it is ("facts", 3, "value").
Marks = dict


@dataclass
class YamlFile:
    """A parsed file: plain values (dict, list, str, None), where each was written, and the
    problems found. ``root`` is None when the file is unusable."""

    path: str
    root: Any
    problems: list[Problem]
    marks: Marks = field(default_factory=dict)

    def location(self, path: tuple, key: bool = False) -> Location:
        """Where the value at ``path`` (or, with ``key``, its key) was written; the nearest
        enclosing value when ``path`` itself is absent."""
        while path not in self.marks and path:
            path = path[:-1]
            key = False
        line, col, kline, kcol = self.marks.get(path, (None, None, None, None))
        if key and kline is not None:
            line, col = kline, kcol
        return Location(self.path, line, col, format_path(path))


def format_path(path: tuple) -> str:
    """("facts", 3, "value") -> "facts[3].value"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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


_NULLS = ("", "~", "null", "Null", "NULL")


def parse_text(name: str, text: str) -> YamlFile:
    """Parse with line tracking: the exact, slower path (every problem gets its line)."""
    import yaml

    problems: list[Problem] = []
    marks: Marks = {}
    # open containers: (value, its path); for mappings also the pending key (text, line, col)
    stack: list[list] = []
    root: Any = None
    documents = 0

    def where(mark) -> Location:
        return Location(name, mark.line + 1, mark.column + 1)

    def add(value: Any, line: int, col: int, is_scalar: bool) -> tuple | None:
        """Attach a value to its parent; return its path (None if it was a key)."""
        nonlocal root
        if not stack:
            root = value
            marks[()] = (line, col, None, None)
            return ()
        frame = stack[-1]
        parent, path = frame[0], frame[1]
        if isinstance(parent, list):
            child = path + (len(parent),)
            parent.append(value)
            marks[child] = (line, col, None, None)
            return child
        pending = frame[2]
        if pending is None:
            if not is_scalar:
                problems.append(Problem(
                    "yaml-syntax", "a mapping key must be plain text", Location(name, line, col),
                ))
            frame[2] = ("" if value is None else str(value), line, col)
            return None
        frame[2] = None
        key, kline, kcol = pending
        child = path + (key,)
        if key in parent:
            first = marks[child]
            problems.append(Problem(
                "yaml-duplicate-key",
                f"key {key!r} appears twice in one mapping: lines {first[2]} and {kline}",
                Location(name, kline, kcol, format_path(child)),
                hint=f"keep one of the two (the first, line {first[2]}, is used)",
            ))
            return path + (f"{key} (duplicate)",)  # its children must not overwrite marks
        parent[key] = value
        marks[child] = (line, col, kline, kcol)
        return child

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
                value = None if plain and event.value in _NULLS else event.value
                add(value, line, col, True)
            elif etype in ("MappingStartEvent", "SequenceStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    problems.append(_too_deep(where(mark)))
                    break
                container: Any = {} if etype == "MappingStartEvent" else []
                path = add(container, line, col, False)
                stack.append([container, path if path is not None else ("?",), None])
            elif etype in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = where(mark) if mark is not None else Location(name)
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml >= 0.2.5 (PyYAML 6.0.4's wheels) refuses deep nesting itself, often
            # before the events reach MAX_DEPTH; the user sees the same problem either way
            problems.append(_too_deep(loc))
            return YamlFile(name, None, problems)
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
    return YamlFile(name, root, problems, marks)


def _too_deep(where: Location) -> Problem:
    return Problem("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels", where,
                   hint="fact files need only a few levels")
