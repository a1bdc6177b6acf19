"""Locate fields of a fact file read by the fast path, without parsing it again.

A file the fast parser read had no problem of its own, but a fact in it can still be
part of a problem across files (a duplicate id, a source that disagrees). Its location
is found from the bytes: the offset of the fact's ``- `` item, then each key of the
path within the fact's span. For the usual block layout this is the exact line and
column; if the layout is unusual (the facts written as one flow list, say), the exact
parser reads the file once and answers instead.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from ..problems import Location
from .safe_yaml import format_path, parse_text

_ITEM = re.compile(rb"^( *)- ", re.MULTILINE)
_TOP_KEY = re.compile(rb"^[^\s#-]", re.MULTILINE)


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern:
    return re.compile(rb"(?:^|[\s{,])(" + re.escape(key.encode()) + rb")[ \t]*:[ \t]*",
                      re.MULTILINE)


@lru_cache(maxsize=8)
def _top_key_line(key: str) -> re.Pattern:
    return re.compile(rb"^" + re.escape(key.encode()) + rb"[ \t]*:", re.MULTILINE)


_TO_BLOCK_VALUE = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n\s*")


class LineIndex:
    """A locator (``index(path, at_key)``) over one file's bytes."""

    def __init__(self, name: str, data: bytes, items: int, starts: list[int] | None = None,
                 key: str | None = None):
        """``starts``: the items' byte offsets if known (from the cache), else found here;
        ``key``: the top-level key whose list the items are (``facts``), when the file may
        hold other lists (a fact file's ``waivers``: located exactly)."""
        self.name = name
        self.key = key
        self.data = data
        self.count = items
        self._starts: list[int] | None = starts
        self._exact: Any = None
        self._seen: list[int] = []  # byte offsets whose line is known, sorted
        self._lines: list[int] = []

    def __call__(self, path: tuple, at_key: bool = False) -> Location:
        starts = self._item_starts()
        if len(path) < 2 or starts is None or not isinstance(path[1], int) \
                or path[1] >= len(starts) or any(isinstance(k, int) for k in path[2:]) \
                or (self.key is not None and path[0] != self.key):
            # an item of a nested list (a source's waivers[1]) or of another top-level
            # list (a fact file's waivers) is located exactly
            return self._exact_location(path, at_key)
        data = self.data
        index = path[1]
        position = data.index(b"-", starts[index])
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        keys = [k for k in path[2:] if isinstance(k, str)]
        for n, key in enumerate(keys):
            match = _key_pattern(key).search(data, position, end)
            if match is None:
                break
            position = match.end()
            if n == len(keys) - 1:
                if at_key:
                    position = match.start(1)
                else:  # a block value starts on a later line
                    block = _TO_BLOCK_VALUE.match(data, position)
                    if block is not None and block.end() < end:
                        position = block.end()
        line = self._line_of(position)
        line_start = data.rfind(b"\n", 0, position) + 1
        column = len(data[line_start:position].decode("utf-8", "replace")) + 1
        return Location(self.name, line, column, format_path(path))

    def _line_of(self, position: int) -> int:
        """1-based line of a byte offset, counting from the nearest offset already seen."""
        at = bisect.bisect_right(self._seen, position) - 1
        base, line = (self._seen[at], self._lines[at]) if at >= 0 else (0, 1)
        line += self.data.count(b"\n", base, position)
        bisect.insort(self._seen, position)
        self._lines.insert(self._seen.index(position), line)
        return line

    def item_starts(self) -> list[int]:
        """The items' byte offsets, to keep with the file's cache entry ([] if unknown)."""
        return self._item_starts() or []

    def _item_starts(self) -> list[int] | None:
        """Byte offsets of the top-level list's items (None if they cannot be told)."""
        if self._starts is None:
            data = self.data
            begin = 0
            if self.key is not None:  # the items of this key's list, wherever it stands
                found = _top_key_line(self.key).search(data)
                begin = found.end() if found else 0
            first = _ITEM.search(data, begin)
            starts: list[int] = []
            if first is not None:
                indent = len(first.group(1))
                top = _TOP_KEY.search(data, first.end())
                stop = top.start() if top else len(data)
                starts = [m.start() for m in _ITEM.finditer(data, first.start(), stop)
                          if len(m.group(1)) == indent]
            self._starts = starts if len(starts) == self.count else []
        return self._starts or None

    def _exact_location(self, path: tuple, at_key: bool) -> Location:
        if self._exact is None:
            text = self.data.decode("utf-8").removeprefix("\ufeff")
            self._exact = parse_text(self.name, text)
        return self._exact.location(path, at_key)
