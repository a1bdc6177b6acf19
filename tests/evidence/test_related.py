"""Linked figures read both ways."""

from __future__ import annotations

from reportgen.evidence.validate import Record


def test_links_read_both_ways():
    from reportgen.evidence.related import Link, links

    later = Record({"id": "later", "related": ["earlier"], "relation": "revises"}, "f",
                   ("facts", 0))
    earlier = Record({"id": "earlier"}, "f", ("facts", 1))
    assert links([later, earlier]) == {"earlier": [Link("later", "revised by")],
                                       "later": [Link("earlier", "revises")]}
