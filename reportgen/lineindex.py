"""Locate fields of a fact file read by the fast path, without parsing it again.

A file the fast parser read had no problem of its own, but a fact in it can still be
part of a problem across files (a duplicate id, a source that disagrees). Its location
is found from the text: the line of the fact's ``- `` item, then each key of the
path within the fact's lines. For the usual block layout this is the exact line; if
the layout is unusual (the facts written as one flow list, say), the exact parser
reads the file once and answers instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .problems import Location
from .yamlsafe import format_path, parse_text

_ITEM = re.compile(r"^( *)- ")


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern:
    return re.compile(r"(?:^|[\s{,])(" + re.escape(key) + r")\s*:")


class LineIndex:
    """A locator (``index(path, at_key)``) over one file's text."""

    def __init__(self, name: str, data: bytes, items: int):
        self.name = name
        self.data = data  # decoded only when a location is asked for
        self.count = items
        self._lines: list[str] | None = None
        self._starts: list[int] | None = None
        self._exact: Any = None

    def __call__(self, path: tuple, at_key: bool = False) -> Location:
        starts = self._item_starts()
        if len(path) < 2 or starts is None or not isinstance(path[1], int) \
                or path[1] >= len(starts):
            return self._exact_location(path, at_key)
        lines = self._lines
        index = path[1]
        line = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        column = lines[line].index("-") + 1
        position = 0
        for key in path[2:]:
            if not isinstance(key, str):
                break
            pattern = _key_pattern(key)
            for n in range(line, end):
                match = pattern.search(lines[n], position if n == line else 0)
                if match:
                    line, position = n, match.end()
                    column = (match.start(1) + 1) if at_key else \
                        (len(lines[n]) - len(lines[n][match.end():].lstrip()) + 1)
                    break
            else:
                break
        return Location(self.name, line + 1, column, format_path(path))

    def _text(self) -> str:
        return self.data.decode("utf-8").removeprefix("\ufeff")

    def _item_starts(self) -> list[int] | None:
        if self._starts is None:
            self._lines = self._text().split("\n")
            starts = []
            indent = None
            for n, text in enumerate(self._lines):
                match = _ITEM.match(text)
                if match is None:
                    if text and not text[0].isspace() and not text.startswith("#") and starts:
                        break  # a second top-level key: the facts list has ended
                    continue
                if indent is None:
                    indent = len(match.group(1))
                if len(match.group(1)) == indent:
                    starts.append(n)
            self._starts = starts if len(starts) == self.count else []
        return self._starts or None

    def _exact_location(self, path: tuple, at_key: bool) -> Location:
        if self._exact is None:
            self._exact = parse_text(self.name, self._text())
        return self._exact.location(path, at_key)
