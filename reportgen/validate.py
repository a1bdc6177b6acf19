"""Type a node tree by the schema: every field checked, every problem located.

:func:`read_records` turns the top-level list of a fact or sources file into
:class:`Record` objects whose ``data`` holds typed values (str, Decimal,
PartialDate, bool, lists and dicts). Problems (unknown field, missing field,
wrong type, invalid value) are collected, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import schema as s
from . import values as v
from .problems import Location, Problem
from .yamlsafe import Mapping, Node, Scalar, Sequence


@dataclass
class Record:
    """One fact or source: typed data plus where each field was written."""

    data: dict[str, Any]
    node: Mapping
    file: str
    path: str  # e.g. "facts[3]"

    @property
    def id(self) -> str:
        return self.data.get("id", "")

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def location(self, *keys: str | int) -> Location:
        """The location of a nested field, e.g. ``location("value", "amount")``."""
        node: Node = self.node
        path = self.path
        for key in keys:
            child = None
            if isinstance(node, Mapping) and isinstance(key, str) and key in node.items:
                child = node.items[key][1]
            elif isinstance(node, Sequence) and isinstance(key, int) and key < len(node.items):
                child = node.items[key]
            if child is None:
                break
            node = child
            path += f"[{key}]" if isinstance(key, int) else f".{key}"
        return Location(self.file, node.line, node.column, path)


@dataclass
class Validator:
    file: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, message: str, node: Node, path: str,
                hint: str | None = None) -> None:
        self.problems.append(
            Problem(code, message, Location(self.file, node.line, node.column, path), hint=hint)
        )

    # ------------------------------------------------------------------ values

    def value(self, node: Node, ftype: s.Type, path: str) -> Any:
        """Convert one node to the field's type; None (with a problem) when it cannot."""
        if isinstance(ftype, s.Struct):
            return self.struct(node, ftype.fields, path, ftype.name)
        if isinstance(ftype, s.ListOf):
            if isinstance(node, Scalar) and node.is_null:
                return None
            if not isinstance(node, Sequence):
                self.problem("wrong-type", f"expected a list, found a {node.kind}", node, path,
                             hint="write [a, b] or one '- item' per line")
                return None
            items = [self.value(item, ftype.item, f"{path}[{i}]")
                     for i, item in enumerate(node.items)]
            return [item for item in items if item is not None]
        if not isinstance(node, Scalar):
            self.problem("wrong-type", f"expected {ftype.name}, found a {node.kind}", node, path,
                         hint="write a single value on this line")
            return None
        if node.is_null:
            return None
        raw = node.value
        try:
            if isinstance(ftype, s.Enum):
                if raw not in ftype.values:
                    raise v.ValueProblem(
                        f"{raw!r} is not one of the accepted values",
                        "use one of: " + ", ".join(ftype.values),
                    )
                return raw
            if isinstance(ftype, s.Ref) or ftype is s.SLUG:
                return v.parse_slug(raw)
            if ftype is s.TEXT:
                return v.check_text(raw)
            if ftype is s.NUMBER:
                return v.parse_number(raw)
            if ftype is s.INTEGER:
                return v.parse_integer(raw)
            if ftype is s.DATE:
                return v.parse_date(raw)
            if ftype is s.URL:
                return v.parse_url(raw)
            if ftype is s.BOOLEAN:
                return v.parse_boolean(raw)
        except v.ValueProblem as exc:
            self.problem("invalid-value", exc.message, node, path, hint=exc.hint)
            return None
        raise AssertionError(f"unhandled field type {ftype!r}")  # pragma: no cover

    def struct(self, node: Node, fields: tuple[s.Field, ...], path: str,
               what: str) -> dict[str, Any] | None:
        if not isinstance(node, Mapping):
            if isinstance(node, Scalar) and node.is_null:
                return None
            self.problem("wrong-type", f"expected a mapping ({what}), found a {node.kind}",
                         node, path, hint="write 'field: value' pairs")
            return None
        declared = {f.name: f for f in fields}
        data: dict[str, Any] = {}
        for key, (key_node, child) in node.items.items():
            spec = declared.get(key)
            child_path = f"{path}.{key}" if path else key
            if spec is None:
                close = _closest(key, declared)
                self.problem(
                    "unknown-field", f"{what} has no field {key!r}", key_node, child_path,
                    hint=f"did you mean {close!r}?" if close else
                    "accepted: " + ", ".join(declared),
                )
                continue
            value = self.value(child, spec.type, child_path)
            if value is not None:
                data[key] = value
        for spec in fields:
            if spec.required and spec.name not in data and spec.name not in node.items:
                self.problem("missing-field", f"{what} needs the field {spec.name!r}", node,
                             path, hint=spec.doc)
            elif spec.required and spec.name in node.items and spec.name not in data:
                child = node.items[spec.name][1]
                if isinstance(child, Scalar) and child.is_null:
                    self.problem("missing-field", f"{what} needs a value for {spec.name!r}",
                                 child, f"{path}.{spec.name}", hint=spec.doc)
        return data


def _closest(name: str, options) -> str | None:
    import difflib

    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return match[0] if match else None


def read_records(root: Node | None, file: str, top_key: str,
                 fields_for: Any) -> tuple[list[Record], list[Problem]]:
    """Read ``{top_key: [ ... ]}``; ``fields_for(validator, node, path)`` picks each item's
    fields and name (so facts can choose by kind) or returns None to skip the item."""
    validator = Validator(file)
    records: list[Record] = []
    if root is None:
        return records, validator.problems
    if not isinstance(root, Mapping) or top_key not in root.items:
        where = root if root is not None else Scalar("", True, 1, 1)
        validator.problem("missing-field", f"the file must be a mapping with a {top_key!r} list",
                          where, "", hint=f"start the file with '{top_key}:'")
        return records, validator.problems
    for key, (key_node, _) in root.items.items():
        if key != top_key:
            validator.problem("unknown-field", f"unexpected top-level key {key!r}", key_node,
                              key, hint=f"a file holds only '{top_key}:'")
    items = root.items[top_key][1]
    if isinstance(items, Scalar) and items.is_null:
        return records, validator.problems
    if not isinstance(items, Sequence):
        validator.problem("wrong-type", f"{top_key!r} must be a list", items, top_key,
                          hint="one '- ' item per record")
        return records, validator.problems
    for i, item in enumerate(items.items):
        path = f"{top_key}[{i}]"
        chosen = fields_for(validator, item, path)
        if chosen is None:
            continue
        fields, what = chosen
        data = validator.struct(item, fields, path, what)
        if data is not None and isinstance(item, Mapping):
            records.append(Record(data, item, file, path))
    return records, validator.problems


def fact_fields(validator: Validator, node: Node, path: str):
    """Pick a fact's fields by its ``kind``."""
    if not isinstance(node, Mapping):
        validator.problem("wrong-type", f"a fact must be a mapping, found a {node.kind}", node,
                          path, hint="start each fact with '- id: ...'")
        return None
    entry = node.items.get("kind")
    if entry is None:
        validator.problem("missing-field", "the fact needs a 'kind'", node, path,
                          hint="kinds: " + ", ".join(s.KINDS))
        return None
    kind_node = entry[1]
    name = kind_node.value if isinstance(kind_node, Scalar) else None
    kind = s.KINDS.get(name or "")
    if kind is None:
        close = _closest(name or "", s.KINDS)
        validator.problem(
            "invalid-value", f"{name!r} is not a fact kind", kind_node, f"{path}.kind",
            hint=f"did you mean {close!r}?" if close else "kinds: " + ", ".join(s.KINDS),
        )
        return None
    return kind.all_fields, f"a {kind.name} fact"


def source_fields(validator: Validator, node: Node, path: str):
    return s.SOURCE.fields, "a source"
