"""Type plain YAML values by the schema: every field checked, every problem located.

Input is plain Python (dict, list, str, None, and from the fast parser also int,
float, bool, date). :func:`read_records` turns the top-level list of a fact or
sources file into :class:`Record` objects whose ``data`` holds typed values (str,
Decimal, PartialDate, bool, lists and dicts). Problems (unknown field, missing
field, wrong type, invalid value) are collected, never raised, each with the path
of the value; a *locator* turns paths into file:line:column.

A value the fast parser typed where the schema wants its exact text (``1.10`` where
text is wanted, ``true`` for an id) raises :class:`Fallback`: the file is then read
again with the exact parser, which keeps every scalar's text as written.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..problems import Location, Problem
from . import schema as s
from . import values as v
from .safe_yaml import format_path

#: path tuple, whether the key (not the value) is meant -> Location
Locator = Callable[[tuple, bool], Location]


class Fallback(Exception):
    """The fast parser typed a value whose written text matters; re-read exactly."""


class WrongType(Exception):
    def __init__(self, found: str, hint: str):
        super().__init__(found)
        self.found, self.hint = found, hint


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "scalar"


# ----------------------------------------------------------------------------- scalars


def _text(value: Any) -> str:
    if type(value) is str:
        # short values repeat across facts (units, metrics, reporters, ids): share one copy
        return sys.intern(v.check_text(value)) if len(value) < 48 else v.check_text(value)
    if isinstance(value, (dict, list)):
        raise WrongType(_kind_of(value), "write a single value on this line")
    raise Fallback


def _number(value: Any) -> Decimal:
    kind = type(value)
    if kind is str:
        return v.parse_number(value)
    if kind is int:
        return v.parse_number(str(value))
    if kind is float:
        return v.parse_number(repr(value))  # the pre-scan admits only plain decimals
    if isinstance(value, (dict, list)):
        raise WrongType(_kind_of(value), "write a single number")
    raise Fallback


def _integer(value: Any) -> int:
    if type(value) is int:
        return value
    if type(value) is str:
        return v.parse_integer(value)
    if isinstance(value, (dict, list)):
        raise WrongType(_kind_of(value), "write a whole number")
    raise Fallback


def _date(value: Any) -> v.PartialDate:
    kind = type(value)
    if kind is str:
        return v.parse_date(value)
    if kind is date and value.year >= v.FIRST_YEAR:  # earlier: read exactly, and refused
        return v.PartialDate(value.year, value.month, value.day)
    if kind is int and v.FIRST_YEAR <= value <= 9999:
        return v.PartialDate(value)
    if isinstance(value, (dict, list)):
        raise WrongType(_kind_of(value), "write YYYY, YYYY-MM or YYYY-MM-DD")
    raise Fallback  # a datetime, a bool, or an int that is not a year: read it exactly


def _boolean(value: Any) -> bool:
    if type(value) is bool:
        return value
    if type(value) is str:
        return v.parse_boolean(value)
    if isinstance(value, (dict, list)):
        raise WrongType(_kind_of(value), "write true or false")
    raise Fallback


def _scalar_converter(ftype: s.Type) -> Callable[[Any], Any]:
    if isinstance(ftype, s.Enum) and ftype.extended_by:  # a project may add values: rules.py
        def open_enum(value: Any) -> str:
            text = _text(value)
            try:
                return v.parse_slug(text)
            except v.ValueProblem:
                raise v.ValueProblem(f"{text!r} is not one of the accepted values",
                                     "use one of: " + ", ".join(ftype.values)) from None

        return open_enum
    if isinstance(ftype, s.Enum):
        allowed = frozenset(ftype.values)
        hint = "use one of: " + ", ".join(ftype.values)

        def enum(value: Any) -> str:
            text = _text(value)
            if text not in allowed:
                raise v.ValueProblem(f"{text!r} is not one of the accepted values", hint)
            return text

        return enum
    if isinstance(ftype, s.Ref) or ftype is s.SLUG:
        return lambda value: v.parse_slug(_text(value))
    return {
        s.TEXT: _text, s.NUMBER: _number, s.INTEGER: _integer, s.DATE: _date,
        s.URL: lambda value: v.parse_url(_text(value)), s.BOOLEAN: _boolean,
    }[ftype]


# ----------------------------------------------------------------------------- validator


@dataclass
class Validator:
    """Collects problems as (code, message, path, hint, at_key); locate them at the end."""

    found: list[tuple] = field(default_factory=list)

    def problem(self, code: str, message: str, path: tuple, hint: str | None = None,
                at_key: bool = False) -> None:
        self.found.append((code, message, path, hint, at_key))

    def located(self, locate: Locator) -> list[Problem]:
        return [Problem(code, message, locate(path, at_key), hint=hint)
                for code, message, path, hint, at_key in self.found]

    def value(self, value: Any, ftype: s.Type, path: tuple) -> Any:
        """Convert one value to the field's type; None (with a problem) when it cannot."""
        if value is None:
            return None
        return self._convert(value, _plan_of(ftype), path)

    def _convert(self, value: Any, plan: tuple, path: tuple) -> Any:
        shape, conv, sub, name = plan
        if shape == SCALAR:
            try:
                return conv(value)
            except v.ValueProblem as exc:
                self.problem("invalid-value", exc.message, path, exc.hint)
            except WrongType as exc:
                self.problem("wrong-type", f"expected {name}, found a {exc.found}", path,
                             exc.hint)
            return None
        if shape == STRUCT:
            return self.struct(value, sub, path, name)
        if not isinstance(value, list):
            self.problem("wrong-type", f"expected a list, found a {_kind_of(value)}", path,
                         "write [a, b] or one '- item' per line")
            return None
        out = []
        for i, item in enumerate(value):
            if item is not None:
                item = self._convert(item, conv, path + (i,))
                if item is not None:
                    out.append(item)
        return out

    def struct(self, value: Any, fields: tuple[s.Field, ...] | StructPlan, path: tuple,
               what: str) -> dict[str, Any] | None:
        plan = fields if isinstance(fields, StructPlan) else _struct_plan(fields)
        if not isinstance(value, dict):
            self.problem("wrong-type", f"expected a mapping ({what}), found a "
                         f"{_kind_of(value)}", path, "write 'field: value' pairs")
            return None
        data: dict[str, Any] = {}
        plans = plan.fields
        for key, child in value.items():
            field_plan = plans.get(key)
            if field_plan is None:
                close = difflib.get_close_matches(str(key), list(plans), n=1, cutoff=0.6)
                self.problem(
                    "unknown-field", f"{what} has no field {key!r}", path + (key,),
                    f"did you mean {close[0]!r}?" if close else
                    "accepted: " + ", ".join(plans), at_key=True,
                )
                continue
            if child is not None:
                converted = self._convert(child, field_plan, path + (key,))
                if converted is not None:
                    data[key] = converted
        for spec in plan.required:
            if spec.name not in data:
                if value.get(spec.name, ...) is None:  # written, but empty
                    self.problem("missing-field", f"{what} needs a value for {spec.name!r}",
                                 path + (spec.name,), spec.doc)
                elif spec.name not in value:
                    self.problem("missing-field", f"{what} needs the field {spec.name!r}",
                                 path, spec.doc)
        return data


# A plan per declared type, made once: (shape, converter or item plan, struct plan, name).
SCALAR, STRUCT, LIST = 0, 1, 2


@dataclass(frozen=True)
class StructPlan:
    fields: dict[str, tuple]
    required: tuple[s.Field, ...]


_PLANS: dict[int, tuple[Any, Any]] = {}


def _memo(key_object: Any, make: Callable[[], Any]) -> Any:
    """Plans keyed by the identity of a declaration (declarations live as long as the
    program; the object is kept with its plan so an id is never reused)."""
    found = _PLANS.get(id(key_object))
    if found is None or found[0] is not key_object:
        found = _PLANS[id(key_object)] = (key_object, make())
    return found[1]


def _struct_plan(fields: tuple[s.Field, ...]) -> StructPlan:
    return _memo(fields, lambda: StructPlan(
        {f.name: _plan_of(f.type) for f in fields},
        tuple(f for f in fields if f.required),
    ))


def _plan_of(ftype: s.Type) -> tuple:
    def make() -> tuple:
        if isinstance(ftype, s.Struct):
            return (STRUCT, None, _struct_plan(ftype.fields), ftype.name)
        if isinstance(ftype, s.ListOf):
            return (LIST, _plan_of(ftype.item), None, ftype.name)
        full = _scalar_converter(ftype)
        _QUICK_SCALARS.setdefault(full, _quick_converter(ftype, full))
        return (SCALAR, full, None, ftype.name)

    return _memo(ftype, make)


# ----------------------------------------------------------------------------- quick path
#
# Most items are valid. For them a plan is also compiled into a *quick* converter: plain
# closures, one per declared struct, that convert a valid item with no path tuples, no
# problem bookkeeping and no per-value dispatch. On anything else (an unknown or missing
# field, a value of another type, a value the full converter refuses) it gives up, and
# the item is converted again by :meth:`Validator.struct`, which finds and locates every
# problem. So the quick path returns either what the full one would, or nothing
# (tests/evidence/test_fuzz_loader.py keeps the two equal).


class _GiveUp(Exception):
    """The quick path leaves this item to the full validator."""


_QUICK: dict[int, tuple[Any, Callable[[Any], Any]]] = {}
_QUICK_TEXT = v.MAX_TEXT // 2  # this many characters are at most MAX_TEXT UTF-16 units


def _quick(plan: tuple | StructPlan) -> Callable[[Any], Any]:
    """The quick converter of a plan (made once; kept with the plan, as in _memo)."""
    found = _QUICK.get(id(plan))
    if found is None or found[0] is not plan:
        found = _QUICK[id(plan)] = (plan, _compile_quick(plan))
    return found[1]


def _compile_quick(plan: tuple | StructPlan) -> Callable[[Any], Any]:
    if isinstance(plan, StructPlan):
        return _quick_struct(plan)
    shape, conv, sub, _ = plan
    if shape == STRUCT:
        return _quick(sub)
    if shape == LIST:
        item = _quick(conv)

        def quick_list(value: Any) -> list:
            if type(value) is not list:
                raise _GiveUp
            return [item(i) for i in value if i is not None]

        return quick_list
    return _QUICK_SCALARS.get(conv, conv)  # the full converter: it raises on a problem


def _quick_struct(plan: StructPlan) -> Callable[[Any], dict]:
    converters = {name: _quick(field_plan) for name, field_plan in plan.fields.items()}
    required = frozenset(spec.name for spec in plan.required)

    def quick_struct(value: Any) -> dict:
        if type(value) is not dict:
            raise _GiveUp
        data = {}
        for key, child in value.items():
            if child is not None:
                data[key] = converters[key](child)  # an unknown field: KeyError
            elif key not in converters:
                raise _GiveUp
        if not required <= data.keys():
            raise _GiveUp
        return data

    return quick_struct


def _quick_of_fields(fields: tuple[s.Field, ...]) -> Callable[[Any], dict]:
    found = _QUICK.get(id(fields))
    if found is None or found[0] is not fields:
        found = _QUICK[id(fields)] = (fields, _quick(_struct_plan(fields)))
    return found[1]


def _quick_text(value: Any) -> str:
    if type(value) is str and len(value) <= _QUICK_TEXT and value.isprintable():
        # printable: no character XML cannot carry (those are all unprintable)
        return sys.intern(value) if len(value) < 48 else value
    return _text(value)


def _quick_slug(value: Any) -> str:
    if type(value) is str and len(value) < 48 and _SLUG_MATCH(value):
        return sys.intern(value)
    return v.parse_slug(_text(value))


_SLUG_MATCH = v.SLUG.fullmatch


def _quick_number(value: Any) -> Decimal:
    if type(value) is int and -10**v.MAX_DIGITS < value < 10**v.MAX_DIGITS:
        return Decimal(value)  # the same as Decimal(str(value)): at most 15 digits
    return _number(value)


_QUICK_SCALARS: dict[Callable, Callable] = {_text: _quick_text, _number: _quick_number}


def _quick_converter(ftype: s.Type, full: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The quick converter of a scalar type whose full converter is ``full``."""
    if isinstance(ftype, s.Enum) and not ftype.extended_by:
        canonical = {sys.intern(value): sys.intern(value) for value in ftype.values}

        def quick_enum(value: Any) -> str:
            if type(value) is str:
                found = canonical.get(value)
                if found is not None:
                    return found
            return full(value)

        return quick_enum
    if isinstance(ftype, s.Ref) or ftype is s.SLUG:
        return _quick_slug
    return full


# ----------------------------------------------------------------------------- records


class Record:
    """One fact or source: typed data, and how to find where each field was written."""

    __slots__ = ("data", "file", "path", "locate", "get")

    def __init__(self, data: dict[str, Any], file: str, path: tuple,
                 locate: Locator | None = None):
        self.data = data
        self.file = file
        self.path = path  # e.g. ("facts", 3)
        self.locate = locate
        self.get = data.get  # the hot path of the model: a direct dict lookup

    def __repr__(self) -> str:
        return f"Record({self.data!r}, {self.file!r}, {self.path!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and (self.data, self.file, self.path) == \
            (other.data, other.file, other.path)

    __hash__ = None  # type: ignore[assignment]

    @property
    def id(self) -> str:
        return self.data.get("id", "")

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    def location(self, *keys: str | int) -> Location:
        """The location of a nested field, e.g. ``location("value", "amount")``."""
        path = self.path + keys
        if self.locate is None:
            return Location(self.file, None, None, format_path(path))
        return self.locate(path, False)


def read_records(root: Any, file: str, top_key: str, fields_for: Any,
                 locate: Locator | None = None, others: dict[str, s.Struct] | None = None
                 ) -> tuple[list[Record], Validator]:
    """Read ``{top_key: [ ... ]}``; ``fields_for(validator, item, path)`` picks each item's
    fields and name (so facts can choose by kind) or returns None to skip the item.
    ``others`` are further top-level lists the file may hold (a fact file's ``waivers``),
    each of one struct; their records follow, with paths such as ``("waivers", 0)``.
    Raises Fallback when a value's written text is needed (fast parser only)."""
    validator = Validator()
    records: list[Record] = []
    others = others or {}
    if root is None:
        return records, validator
    if not isinstance(root, dict) or not (top_key in root or root.keys() & others.keys()):
        validator.problem("missing-field", f"the file must be a mapping with a {top_key!r} list",
                          (), f"start the file with '{top_key}:'")
        return records, validator
    for key in root:
        if key != top_key and key not in others:
            held = " and ".join(f"'{k}:'" for k in (top_key, *others))
            validator.problem("unknown-field", f"unexpected top-level key {key!r}", (key,),
                              f"a file holds only {held}", at_key=True)
    for key in (top_key, *others):
        items = root.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            validator.problem("wrong-type", f"{key!r} must be a list", (key,),
                              "one '- ' item per record")
            continue
        struct = others.get(key)
        for i, item in enumerate(items):
            path = (key, i)
            chosen = fields_for(validator, item, path) if struct is None else \
                (struct.fields, f"a {struct.name}")
            if chosen is None:
                continue
            fields, what = chosen
            try:
                data = _quick_of_fields(fields)(item)
            except Exception:  # noqa: BLE001 - anything unusual: the full validator says what
                data = validator.struct(item, fields, path, what)
            if data is not None:
                records.append(Record(data, file, path, locate))
    return records, validator


def fact_fields(validator: Validator, item: Any, path: tuple):
    """Pick a fact's fields by its ``kind``."""
    if not isinstance(item, dict):
        validator.problem("wrong-type", f"a fact must be a mapping, found a {_kind_of(item)}",
                          path, "start each fact with '- id: ...'")
        return None
    name = item.get("kind")
    if name is None:
        validator.problem("missing-field", "the fact needs a 'kind'", path,
                          "kinds: " + ", ".join(s.KINDS))
        return None
    if isinstance(name, (dict, list)):
        validator.problem("wrong-type", f"'kind' must be text, found a {_kind_of(name)}",
                          path + ("kind",), "kinds: " + ", ".join(s.KINDS))
        return None
    if not isinstance(name, str):
        raise Fallback
    chosen = _KIND_FIELDS.get(name)
    if chosen is None:
        close = difflib.get_close_matches(name, list(s.KINDS), n=1, cutoff=0.6)
        validator.problem(
            "invalid-value", f"{name!r} is not a fact kind", path + ("kind",),
            f"did you mean {close[0]!r}?" if close else "kinds: " + ", ".join(s.KINDS),
        )
        return None
    return chosen


#: kind name -> (its fields, how a message names a fact of it)
_KIND_FIELDS = {kind.name: (kind.all_fields, f"a {kind.name} fact") for kind in s.KINDS.values()}


def source_fields(validator: Validator, item: Any, path: tuple):
    return s.SOURCE.fields, "a source"
