"""The docs stay in step with the code."""

from __future__ import annotations

import pytest

from reportgen.schema_doc import BLOCKS, splice

from .conftest import REPO


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_generated_reference_is_current(name):
    doc = (REPO / name).read_text(encoding="utf-8")
    block, content = BLOCKS[name]
    assert splice(doc, block, content) == doc, \
        f"{name} is out of date: run python -m reportgen.schema_doc"


def test_model_offers_every_declared_scalar_and_collection():
    from reportgen.check import check_paths
    from reportgen.model import COLLECTIONS, SCALARS, build_briefing

    corpus = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                         REPO / "seeds/facts").corpus
    briefing = build_briefing(corpus, "T", "S", "f", "0")
    assert set(briefing.scalars) == set(SCALARS)
    assert set(briefing.tables) == set(COLLECTIONS)


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
        records, validator = read_records(parsed.root, "docs/facts.md", "facts", fact_fields,
                                          parsed.location)
        assert parsed.problems + validator.located(parsed.location) == [], block
        kinds |= {r.kind for r in records}
    assert kinds == set(KINDS)
