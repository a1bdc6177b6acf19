"""The articles inside the workbook: one paragraph per row, and where each quote is.

A paragraph is a non-empty line of the article's text file. ``check`` proved every
quote is in its article, ignoring line breaks and typographic differences; here the
quote is found again in the same normalised text to name the paragraph it starts in,
so a reader can jump from a fact to the words it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..evidence.provenance import normalise

#: Excel holds at most 32,767 characters in a cell; longer paragraphs are split
CELL_LIMIT = 32000


@dataclass(frozen=True, slots=True)
class Paragraph:
    source: str
    number: int  # 1-based within the article
    part: int  # 1-based part of a paragraph longer than a cell holds (usually 1)
    text: str
    id: str


def paragraph_id(source: str, number: int, part: int = 1) -> str:
    return f"{source}#p{number}" + (f".{part}" if part > 1 else "")


class ArticleText:
    """One article's paragraphs and a map from a quote to the paragraph it starts in."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.paragraphs: list[Paragraph] = []
        starts: list[int] = []
        plains: list[str] = []
        offset = 0
        for line in text.splitlines():
            plain = normalise(line)
            if not plain:
                continue
            number = len(plains) + 1
            line = line.strip()
            pieces = _chunks(line)
            done = 0
            for part, chunk in enumerate(pieces, start=1):
                self.paragraphs.append(
                    Paragraph(source, number, part, chunk, paragraph_id(source, number, part)))
                starts.append(offset + (len(normalise(line[:done]).rstrip()) + 1 if done else 0))
                done += len(chunk)
            plains.append(plain)
            offset += len(plain) + 1  # normalised paragraphs are joined by one space
        self._starts = starts
        self._text = " ".join(plains)

    def locate(self, quote: str) -> str | None:
        """The id of the paragraph the quote starts in, or None if it is not found."""
        position = self._text.find(normalise(quote))
        if position < 0 or not self.paragraphs:
            return None
        return self.paragraphs[max(0, bisect_right(self._starts, position) - 1)].id


def paragraph_count(text: str) -> int:
    """How many paragraph rows ``ArticleText(text)`` makes, without mapping quotes (a
    line that normalises to nothing is one that strips to nothing: normalising maps
    characters to others, and only white space to spaces)."""
    count = 0
    for line in text.splitlines():
        line = line.strip()
        if line:
            count += 1 if len(line) <= CELL_LIMIT else len(_chunks(line))
    return count


def _chunks(text: str) -> list[str]:
    """A paragraph in pieces a cell can hold, split at a space where possible."""
    if len(text) <= CELL_LIMIT:
        return [text]
    pieces = []
    while len(text) > CELL_LIMIT:
        cut = text.rfind(" ", 0, CELL_LIMIT)
        cut = cut if cut > CELL_LIMIT // 2 else CELL_LIMIT
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces
