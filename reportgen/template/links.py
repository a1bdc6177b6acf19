"""Hyperlinks written into a sheet: ``<hyperlink>`` elements and their relationships.

External links (:class:`Link`) need a relationship in the sheet's ``.rels`` part;
internal ones (:class:`RowLink`) carry a ``location``. Both are collected while rows are
written and turned into text only when the parts are written.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from .cells import LinkSink
from .plan import Plan
from .values import RowLink
from .workbook import HYPERLINK_TYPE
from .xmltext import escape_attr

#: Elements that come after <hyperlinks> in a worksheet (CT_Worksheet order).
AFTER_HYPERLINKS = (
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)


class SheetLinks(LinkSink):
    """The hyperlinks one sheet gains during a render."""

    def __init__(self, plan: Plan, taken_ids: set[str]):
        self.plan = plan
        self.taken = taken_ids
        self.external_links: list[tuple[str, str, str]] = []  # ref, relationship id, url
        self.internal_links: list[tuple[str, str, str]] = []  # ref, location, display
        self._next = 0

    def __bool__(self) -> bool:
        return bool(self.external_links or self.internal_links)

    def external(self, ref: str, url: str) -> None:
        self._next += 1
        rid = f"rIdRg{self._next}"
        while rid in self.taken:
            self._next += 1
            rid = f"rIdRg{self._next}"
        self.external_links.append((ref, rid, url))

    def internal(self, ref: str, link: RowLink) -> None:
        self.internal_links.append((ref, self.plan.locate(link), link.text))

    def hyperlink_xml(self, p: str, r: str) -> Iterator[bytes]:
        """``<hyperlink>`` elements; ``p`` and ``r`` are the main and relationship prefixes."""
        external = (f'<{p}hyperlink ref="{ref}" {r}:id="{rid}"/>'
                    for ref, rid, _ in self.external_links)
        internal = (f'<{p}hyperlink ref="{ref}" location="{location}" display="{display}"/>'
                    for some in _batches(self.internal_links)
                    for ref, location, display in _escaped(some))
        yield from _chunked(itertools.chain(external, internal))

    def relationship_xml(self, p: str) -> Iterator[bytes]:
        """``<Relationship>`` elements of the external links; ``p`` is the rels prefix."""
        yield from _chunked(
            f'<{p}Relationship Id="{rid}" Type="{HYPERLINK_TYPE}" '
            f'Target="{escape_attr(url)}" TargetMode="External"/>'
            for _, rid, url in self.external_links)


def _batches(items: list, size: int = 5000) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _escaped(links: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(ref, location, display) with the two texts escaped for attributes, all at once."""
    refs, locations, displays = zip(*links, strict=True)
    joined = "\x00".join(locations + displays)
    parts = escape_attr(joined).split("\x00")
    if len(parts) != 2 * len(links):  # a text holds NUL itself: one at a time
        parts = [escape_attr(text) for text in locations + displays]
    return list(zip(refs, parts[:len(links)], parts[len(links):], strict=True))


def _chunked(parts: Iterable[str], size: int = 5000) -> Iterator[bytes]:
    """XML text in encoded chunks of ``size`` elements (links can be 100,000s)."""
    buf: list[str] = []
    for part in parts:
        buf.append(part)
        if len(buf) >= size:
            yield "".join(buf).encode()
            buf.clear()
    yield "".join(buf).encode()
