"""The fast path for clean fact files: a compiled YAML parser, when it cannot mislead.

The exact parser (:mod:`reportgen.evidence.safe_yaml`) keeps every line number and every
scalar's text, and costs about 15 s for 100,000 facts. yaml-rs (Rust) parses the same
in about 1 s, but types plain values by YAML 1.2 and accepts anchors, aliases, tags
and several documents. It is used only where that cannot change a result:

- a value it types where the schema wants text, an id, a date or a choice (``1.10``,
  ``true``, ``0755``) makes the validator fall back (:class:`~.validate.Fallback`);
- the schema's number fields (``amount``) are pre-scanned for plain values YAML 1.2 reads
  differently from reportgen (leading zeros, ``0x``, ``+``, exponents, ``_``, ``.5``,
  ``23.``, more than 15 digits): such a file is read exactly;
- a file with an anchor, alias or tag, a second document or a directive is read exactly.

Any file the validator then finds a problem in is read exactly too, so problems get
exact lines. Without yaml-rs installed every file is read exactly; results are the same
(``tests/test_fuzz_loader.py`` checks that both paths agree).
"""

from __future__ import annotations

import re
from typing import Any

from . import schema as s


def _number_fields() -> list[str]:
    """Names of the fields the schema types as numbers, wherever they are declared."""
    names: set[str] = set()
    structs = [kind.all_fields for kind in s.KINDS.values()] + [s.SOURCE.fields]
    while structs:
        for spec in structs.pop():
            if spec.type in (s.NUMBER, s.INTEGER):
                names.add(spec.name)
            elif isinstance(spec.type, s.Struct):
                structs.append(spec.type.fields)
    return sorted(names)


# ... a plain value ends at the end of the line, a comment, or a flow indicator.
_END = r"[ \t]*(?:[,\]}#]|$)"
# Whole plain values that YAML 1.2 would read as a number other than as written.
_RISKY_NUMBER = "|".join((
    r"[+-]?0[0-9][0-9_]*(?:\.[0-9_]*)?",  # leading zero: 0755
    r"[+-]?0[xXoObB][0-9a-fA-F_]+",  # base prefix: 0x1F
    r"\+[0-9.][0-9._eE+-]*",  # explicit plus: +5
    r"[+-]?\.[0-9][0-9_]*(?:[eE][+-]?[0-9]+)?",  # leading dot: .5
    r"[+-]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][+-]?[0-9]+",  # exponent: 1e3
    r"[+-]?[0-9][0-9]*_[0-9_]*(?:\.[0-9_]*)?",  # underscores: 1_000
    r"[+-]?[0-9]+\.",  # trailing dot: 23.
    r"[+-]?[0-9.]{17,}",  # more digits than Excel keeps
))
# one pattern per field name: a literal start is searched for far faster than a choice
_RISKY_NUMBER_VALUES = [
    re.compile(rf"{name}[ \t]*:[ \t]*(?:{_RISKY_NUMBER}){_END}", re.MULTILINE)
    for name in _number_fields()]
# an anchor (&a), alias (*a) or tag (!t, !!t) where a node's properties stand
_PROPERTY = re.compile(r"(?:^|[\s\[{,])[&*!][^\s]", re.MULTILINE)


def _parser():
    try:
        import yaml_rs
    except ImportError:  # optional: everything still works, only slower
        return None
    return yaml_rs


def is_clean(text: str) -> bool:
    """True when the fast parser cannot read ``text`` differently from the exact one."""
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text \
            or "\n%" in text:
        return False
    if ("&" in text or "*" in text or "!" in text) and _PROPERTY.search(text):
        return False
    return not any(pattern.search(text) for pattern in _RISKY_NUMBER_VALUES)


def load_fast(text: str) -> Any | None:
    """The parsed values, or None when the file must take the exact path."""
    parser = _parser()
    if parser is None or not is_clean(text):
        return None
    try:
        return parser.loads(text)
    except Exception:  # noqa: BLE001 - any refusal means: read it exactly instead
        return None
