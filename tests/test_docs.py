"""The docs stay in step with the code."""

from __future__ import annotations

from reportgen.schema_doc import splice

from .conftest import REPO


def test_facts_reference_is_generated_from_schema():
    doc = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    assert splice(doc) == doc, (
        "docs/facts.md is out of date: run "
        "python -c \"from reportgen.schema_doc import splice; p='docs/facts.md'; "
        "open(p,'w').write(splice(open(p).read()))\""
    )
