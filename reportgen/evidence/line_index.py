"""Locate fields of a fact file read by the fast path, without parsing it again.

A file the fast parser read had no problem of its own, but a fact in it can still be
part of a problem across files (a duplicate id, a source that disagrees). Its location
is found from the bytes: the offset of the fact's ``- `` item, then each key of the
path within the fact's span. For the usual block layout this is the exact line and
column; if the layout is unusual (the facts written as one flow list, say), the exact
parser reads the file once and answers instead.

An index need not hold the file's bytes: given the items' offsets and lines (kept in the
cache with the file's summary) and a :class:`StoredFile`, it reads only the span of the
fact it locates, and only while the file is as it was read. So a check of a million
facts holds no fact file in memory to say where a fact is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..problems import Location
from .inputs import Stamp, read_again
from .safe_yaml import format_path, parse_text

_ITEM = re.compile(rb"^( *)- ", re.MULTILINE)
_TOP_KEY = re.compile(rb"^[^\s#-]", re.MULTILINE)
#: the same after the first item (where '^' follows a newline): a literal start is
#: searched for several times faster
_NEXT_TOP_KEY = re.compile(rb"\n[^\s#-]")


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern:
    return re.compile(rb"(?:^|[\s{,])(" + re.escape(key.encode()) + rb")[ \t]*:[ \t]*",
                      re.MULTILINE)


@lru_cache(maxsize=8)
def _top_key_line(key: str) -> re.Pattern:
    return re.compile(rb"^" + re.escape(key.encode()) + rb"[ \t]*:", re.MULTILINE)


_TO_BLOCK_VALUE = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n\s*")


class StoredFile:
    """A file read once, read again in part on demand: only while it is in the state it
    was read in (:func:`~.inputs.read_again`), or, failing that, read whole and accepted
    only if ``verify`` accepts its bytes (the file's cache key, say)."""

    def __init__(self, path: Path, stamp: Stamp, verify: Callable[[bytes], bool],
                 read_whole: Callable[[], bytes]):
        self.path = path
        self.stamp = stamp
        self._verify = verify
        self._read_whole = read_whole

    def span(self, start: int, end: int | None) -> bytes | None:
        return read_again(self.path, self.stamp, start, end)

    def whole(self) -> bytes | None:
        data = read_again(self.path, self.stamp)
        if data is not None:
            return data
        try:  # touched since (same bytes?) or changed: read it as the first time
            data = self._read_whole()
        except Exception:  # noqa: BLE001 - gone or refused: the place cannot be told
            return None
        return data if self._verify(data) else None


class LineIndex:
    """A locator (``index(path, at_key)``) over one file's bytes, held (``data``) or read
    again on demand (``stored``)."""

    def __init__(self, name: str, data: bytes | None, items: int,
                 starts: list[int] | None = None, lines: list[int] | None = None,
                 stored: StoredFile | None = None, key: str | None = None):
        """``starts`` and ``lines``: the items' byte offsets and 1-based lines if known
        (from the cache), else found here; ``key``: the top-level key whose list the
        items are (``facts``), when the file may hold other lists (a fact file's
        ``waivers``: located exactly)."""
        self.name = name
        self.key = key
        self.data = data
        self.count = items
        self._starts: list[int] | None = starts
        self._lines: list[int] | None = lines if starts and lines else None
        self._stored = stored
        self._exact: Any = None

    def __call__(self, path: tuple, at_key: bool = False) -> Location:
        starts = self._item_starts()
        if len(path) < 2 or starts is None or not isinstance(path[1], int) \
                or path[1] >= len(starts) or any(isinstance(k, int) for k in path[2:]) \
                or (self.key is not None and path[0] != self.key):
            # an item of a nested list (a source's waivers[1]) or of another top-level
            # list (a fact file's waivers) is located exactly
            return self._exact_location(path, at_key)
        index = path[1]
        begin = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else None
        item = self._span(begin, end)
        if item is None:  # changed since it was read: no line can be trusted
            return Location(self.name, None, None, format_path(path))
        position = item.index(b"-")
        keys = [k for k in path[2:] if isinstance(k, str)]
        for n, key in enumerate(keys):
            match = _key_pattern(key).search(item, position)
            if match is None:
                break
            position = match.end()
            if n == len(keys) - 1:
                if at_key:
                    position = match.start(1)
                else:  # a block value starts on a later line
                    block = _TO_BLOCK_VALUE.match(item, position)
                    if block is not None and block.end() < len(item):
                        position = block.end()
        lines = self.item_lines()
        line = lines[index] + item.count(b"\n", 0, position)
        line_start = item.rfind(b"\n", 0, position) + 1  # an item starts a line
        column = len(item[line_start:position].decode("utf-8", "replace")) + 1
        return Location(self.name, line, column, format_path(path))

    def _span(self, begin: int, end: int | None) -> bytes | None:
        if self.data is not None:
            return self.data[begin:end]
        item = self._stored.span(begin, end) if self._stored is not None else None
        if item is None and self._whole() is not None:
            return self.data[begin:end]  # type: ignore[index]
        return item

    def _whole(self) -> bytes | None:
        """The file's bytes, read again whole if not held (then held from now on)."""
        if self.data is None and self._stored is not None:
            self.data = self._stored.whole()
        return self.data

    def item_starts(self) -> list[int]:
        """The items' byte offsets, to keep with the file's cache entry ([] if unknown)."""
        return self._item_starts() or []

    def item_lines(self) -> list[int]:
        """The items' 1-based lines, to keep with the file's cache entry ([] if unknown)."""
        if self._lines is None:
            starts = self._item_starts()
            data = self._whole() if starts else None
            if data is None:
                return []
            lines, line, previous = [], 1, 0
            for start in starts:  # type: ignore[union-attr]
                line += data.count(b"\n", previous, start)
                lines.append(line)
                previous = start
            self._lines = lines
        return self._lines

    def _item_starts(self) -> list[int] | None:
        """Byte offsets of the top-level list's items (None if they cannot be told)."""
        if self._starts is None:
            data = self._whole()
            begin = 0
            if self.key is not None and data is not None:  # this key's list, wherever
                found = _top_key_line(self.key).search(data)
                begin = found.end() if found else 0
            starts: list[int] = []
            first = _ITEM.search(data, begin) if data is not None else None
            if first is not None:  # the items: lines indented as the first, then '- '
                top = _NEXT_TOP_KEY.search(data, first.end())  # type: ignore[arg-type]
                stop = top.start() + 1 if top else len(data)  # type: ignore[arg-type]
                marker = b"\n" + first.group(1) + b"- "
                at = first.start()
                while at >= 0 and at + len(marker) - 1 <= stop:  # '- ' before the key
                    starts.append(at)
                    at = data.find(marker, at)  # type: ignore[union-attr]
                    at = at + 1 if at >= 0 else -1
            self._starts = starts if len(starts) == self.count else []
        return self._starts or None

    def _exact_location(self, path: tuple, at_key: bool) -> Location:
        if self._exact is None:
            data = self._whole()
            if data is None:
                return Location(self.name, None, None, format_path(path))
            text = data.decode("utf-8").removeprefix("\ufeff")
            self._exact = parse_text(self.name, text)
        return self._exact.location(path, at_key)
