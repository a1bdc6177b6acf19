"""The docs stay in step with the code."""

from __future__ import annotations

import pytest

from reportgen.reference import BLOCKS, splice

from .conftest import REPO


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_generated_reference_is_current(name):
    doc = (REPO / name).read_text(encoding="utf-8")
    block, content = BLOCKS[name]
    assert splice(doc, block, content) == doc, \
        f"{name} is out of date: run python -m reportgen.reference"


def test_model_offers_every_declared_scalar_and_collection():
    from reportgen.briefing.model import COLLECTIONS, SCALARS, build_briefing
    from reportgen.evidence.check import check_paths

    corpus = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                         REPO / "seeds/facts").corpus
    briefing = build_briefing(corpus, "T", "S", "f", "0")
    assert set(briefing.scalars) == set(SCALARS)
    assert set(briefing.tables) == set(COLLECTIONS)


def test_every_kind_has_a_valid_worked_example():
    import re
    import textwrap

    from reportgen.evidence.safe_yaml import parse_text
    from reportgen.evidence.schema import KINDS
    from reportgen.evidence.validate import fact_fields, read_records

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


def test_architecture_names_real_modules_and_functions():
    """docs/architecture.md walks one fact through the code by name; every dotted name it
    gives (`evidence.check.check_project`, `template/rows.py`) must exist."""
    import importlib
    import re

    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    names = {n for n in re.findall(r"`((?:evidence|briefing|template|build|cli)\.[\w.]+)`", doc)
             if not n.endswith(".py")}
    files = set(re.findall(r"`((?:reportgen/)?(?:evidence|briefing|template)/[\w/]*\.py)`", doc))
    assert len(names) > 10 and len(files) > 5
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module("reportgen." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr)  # AttributeError names the stale name
            break
        else:
            raise AssertionError(f"{name} in docs/architecture.md does not exist")
    for file in sorted(files):
        path = REPO / (file if file.startswith("reportgen/") else "reportgen/" + file)
        assert path.is_file(), f"{file} in docs/architecture.md does not exist"


def test_examples_in_other_languages_pass_check(tmp_path):
    """The Russian and Chinese worked examples of docs/facts.md are proven against the
    articles they quote (the test project tests/data/languages)."""
    import re
    import shutil
    import textwrap

    from reportgen.evidence.check import check_paths

    from .conftest import DATA

    project = tmp_path / "languages"
    shutil.copytree(DATA / "languages", project)
    sources = set(re.findall(r"- id: (\S+)", (project / "sources.yaml").read_text("utf-8")))
    doc = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S)
              if set(re.findall(r"^\s*source: (\S+)", b, re.M)) & sources]
    assert len(blocks) >= 2
    text = "facts:\n" + "".join(textwrap.indent(b, "  ") for b in blocks)
    (project / "facts" / "docs.yaml").write_text(text, encoding="utf-8")
    checked = check_paths(project / "sources.yaml", project / "articles", project / "facts")
    assert checked.report.problems == [], [p.format() for p in checked.report.problems]
    languages = {checked.corpus.sources[f.get("source")].get("language")
                 for f in checked.corpus.facts if f.file.endswith("docs.yaml")}
    assert languages == {"ru", "zh-CN"}
