"""The docs stay in step with the code."""

from __future__ import annotations

from reportgen.schema_doc import splice

from .conftest import REPO


def test_facts_reference_is_generated_from_schema():
    doc = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    assert splice(doc) == doc, "docs/facts.md is out of date: run python -m reportgen.schema_doc"


def test_every_kind_has_a_valid_worked_example():
    import re
    import textwrap

    from reportgen.schema import KINDS
    from reportgen.validate import fact_fields, read_records
    from reportgen.yamlsafe import parse_text

    doc = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    kinds = set()
    for block in re.findall(r"```yaml\n(.*?)```", doc, re.S):
        if not block.lstrip().startswith("- id:"):
            continue
        text = "facts:\n" + textwrap.indent(block, "  ")
        parsed = parse_text("docs/facts.md", text)
        records, problems = read_records(parsed.root, "docs/facts.md", "facts", fact_fields)
        assert parsed.problems + problems == [], block
        kinds |= {r.kind for r in records}
    assert kinds == set(KINDS)
