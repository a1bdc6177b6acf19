"""Invisible and bidirectional control characters in fact text.

A character that shows nothing can make two names that look the same differ, and a
bidirectional control can make text display in another order than it is stored (a name
that reads one way and sorts, matches and is copied another). The policy:

- an **error** for the Unicode Bidi_Control set (U+061C, U+200E, U+200F, U+202A-U+202E,
  U+2066-U+2069) and for the zero-width characters that have no place inside text
  (U+200B zero width space, U+2060 word joiner, U+FEFF zero width no-break space);
- a **warning** for every other format character (Unicode category Cf), such as U+200C
  and U+200D (zero-width non-joiner and joiner, which some scripts and emoji need) and
  U+00AD (soft hyphen): kept, but shown, so an analyst can confirm each.

Each problem names the code point, its Unicode name and the field. A quote that misses
its article only because of such a character says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..problems import ERROR, WARNING, Problem
from .validate import Record

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
REFUSED = BIDI_CONTROLS | ZERO_WIDTH

#: every format (Cf) character, as of Unicode 14 (Python 3.11; a test keeps it in step
#: with the running Python's database), as inclusive ranges of code points
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_FORMAT = re.compile("[" + "".join(
    re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in _FORMAT_RANGES
) + "]")
#: the same characters as UTF-8 byte sequences, so a file is searched without decoding
_FORMAT_UTF8 = re.compile(b"|".join(
    re.escape(chr(c).encode()) for a, b in _FORMAT_RANGES for c in range(a, b + 1)))


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


def may_hold_invisible(data: bytes) -> bool:
    """Whether a file's UTF-8 bytes hold any format character (most files: no; this is
    several times faster than searching the decoded text)."""
    return not data.isascii() and _FORMAT_UTF8.search(data) is not None


def find_invisible(text: str) -> list[tuple[int, str]]:
    """(index, character) of each format character in ``text``."""
    if text.isascii():
        return []
    return [(m.start(), m.group()) for m in _FORMAT.finditer(text)]


def invisible_characters(records: list[Record]) -> list[Problem]:
    """A problem per text field holding a format character (the first one named)."""
    problems = []
    for record in records:
        for keys, text in _texts(record.data, ()):
            found = find_invisible(text)
            if not found:
                continue
            index, char = next(((i, c) for i, c in found if c in REFUSED), found[0])
            refused = char in REFUSED
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            problems.append(Problem(
                "invisible-character",
                f"the text holds the invisible character {describe(char)} at character "
                f"{index + 1}{more}"
                + (", which can change how the text displays or matches" if refused else ""),
                record.location(*keys), severity=ERROR if refused else WARNING,
                hint="remove it (retype the text)" if refused else
                "keep it only if the script needs it; otherwise remove it",
            ))
    return problems


def _texts(value: Any, keys: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, keys + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _texts(child, keys + (i,))


def strip_invisible(text: str) -> str:
    return _FORMAT.sub("", text) if not text.isascii() else text
