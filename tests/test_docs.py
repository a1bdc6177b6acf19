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


def _examples(start: str) -> list[str]:
    import re

    doc = (REPO / "docs" / "facts.md").read_text(encoding="utf-8")
    return [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S)
            if b.lstrip().startswith(start)]


def test_every_kind_has_a_worked_example_that_check_passes(tmp_path, monkeypatch):
    """Every fact example of docs/facts.md, together, passes ``reportgen check`` against
    the shipped articles (and those of tests/data/docs and tests/data/languages): schema, rules,
    periods, quotes, values in quotes, references among the examples."""
    import shutil
    import textwrap

    import yaml

    from reportgen.evidence.check import check_paths
    from reportgen.evidence.schema import KINDS

    from .conftest import DATA

    articles = tmp_path / "articles"
    shutil.copytree(REPO / "seeds" / "articles", articles)
    sources = (REPO / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    for extra in (DATA / "docs", DATA / "languages"):  # illustrative and non-English articles
        shutil.copytree(extra / "articles", articles, dirs_exist_ok=True)
        sources += (extra / "sources.yaml").read_text(encoding="utf-8").split("sources:\n", 1)[1]
    (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
    blocks = _examples("- id:")
    facts = "facts:\n" + "".join(textwrap.indent(b, "  ") + "\n" for b in blocks)
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "examples.yaml").write_text(facts, encoding="utf-8")
    # speakers named in the examples are the shipped people
    people = {f["id"] for f in yaml.safe_load(
        (REPO / "seeds" / "facts" / "people.yaml").read_text(encoding="utf-8"))["facts"]}
    monkeypatch.chdir(tmp_path)
    checked = check_paths(tmp_path / "sources.yaml", articles, tmp_path / "facts")
    problems = [p for p in checked.report.problems
                if not (p.code == "unknown-reference"
                        and any(f"'{person}'" in p.message for person in people))
                and p.code != "unaccounted-figure"]  # the examples quote some figures only
    assert problems == [], "\n".join(p.format() for p in problems)
    assert {f.kind for f in checked.corpus.facts} == set(KINDS)


def test_the_sources_example_is_valid():
    from reportgen.evidence.safe_yaml import parse_text
    from reportgen.evidence.validate import read_records, source_fields

    (block,) = _examples("sources:")
    parsed = parse_text("docs/facts.md", block)
    records, validator = read_records(parsed.root, "docs/facts.md", "sources", source_fields,
                                      parsed.location)
    assert parsed.problems + validator.located(parsed.location) == []
    assert records[0].get("text") == "partial"


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


def test_export_docs_examples_run(tmp_path, monkeypatch, capsys):
    """The pandas and DuckDB examples of docs/export.md run on a real export."""
    import re

    from reportgen.evidence.export import export_facts

    with (tmp_path / "facts.parquet").open("wb") as stream:
        export_facts(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                     REPO / "seeds/facts", "parquet", stream)
    doc = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    examples = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert len(examples) == 2
    monkeypatch.chdir(tmp_path)
    for code in examples:
        exec(compile(code, "docs/export.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "31.17" in printed and "General Administration of Customs of China" in printed


def test_diff_docs_build_since_example_is_a_real_run(tmp_path, monkeypatch):
    """docs/diff.md's build --since example, run as written on a copy of the project
    (the curation step being the edition edit of tests/conftest.py): the build's output,
    the About sheet's line and the What changed sheet are what the page shows."""
    import re
    import shlex
    import shutil

    from click.testing import CliRunner
    from openpyxl import load_workbook

    from reportgen.cli import main

    from .conftest import edit_one_value_and_add_one_fact

    doc = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    section = doc[doc.index("## What changed, inside the new edition"):]
    commands, output, cover = re.findall(r"^```(?:sh|text)\n(.*?)^```$", section,
                                         re.S | re.M)[:3]
    for name in ("seeds", "templates", "reportgen.yml"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, tmp_path / name)
    (tmp_path / "output").mkdir()
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0  # the edition handed off
    hashes = re.compile(r"(sha256|inputs|fingerprint) [0-9a-f]{16}")
    for line in commands.splitlines():
        if line.startswith("mkdir"):
            prepare, _, copy = line.partition(" && ")
            (tmp_path / prepare.split()[-1]).mkdir()
            shutil.copy(*shlex.split(copy)[1:])
        elif line.startswith("# ... curate"):
            edit_one_value_and_add_one_fact(tmp_path / "seeds" / "facts")
        elif line.startswith("reportgen"):
            result = runner.invoke(main, shlex.split(line)[1:])
            assert result.exit_code == 0, result.output
    shown = output.splitlines()
    assert shown[0] == f"$ {commands.splitlines()[-1]}"
    real = hashes.sub(r"\1 ...", result.output).splitlines()
    assert len(real) == len(shown) - 1 and real[-3:] == shown[-3:]
    for shown_line, real_line in zip(shown[1:-3], real[:-3], strict=True):
        assert real_line.startswith(shown_line.split(": ...")[0])

    wb = load_workbook(tmp_path / "output" / "china-kazakhstan-briefing.xlsx")
    line = next(c.value for row in wb["About"].iter_rows() for c in row
                if str(c.value).startswith("Changes since"))
    assert hashes.sub(r"\1 ...", line) == cover.strip()
    ws = wb["What changed"]
    table = next(iter(ws.tables.values()))

    def shown_cell(cell, value):
        if value is None:
            return ""
        if cell.hyperlink is not None:
            return f"{value} ({cell.hyperlink.location.split('!')[0].strip(chr(39))})"
        return str(value).replace("\n", "<br>")

    cells = [list(row) for row in ws[table.ref]]
    markdown = ["| " + " | ".join(c.value for c in cells[0]) + " |",
                "|" + " --- |" * len(cells[0])]
    markdown += ["| " + " | ".join(shown_cell(c, c.value) for c in row) + " |"
                 for row in cells[1:]]
    assert markdown == [t for t in section.splitlines() if t.startswith("| ")]


def test_the_fact_file_waiver_example_passes_check(tmp_path):
    """docs/facts.md's waiver in a fact file, written beside the seeds' facts: its passage
    is in its article and prints a figure, so check finds nothing new."""
    import shutil

    from reportgen.evidence.check import check_paths

    (block,) = _examples("# in a fact file")
    waivers = block[:block.index("facts:")]
    facts = tmp_path / "facts"
    shutil.copytree(REPO / "seeds" / "facts", facts)
    (facts / "waivers.yaml").write_text(waivers, encoding="utf-8")
    report = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles", facts).report
    assert [p.code for p in report.problems] == ["discrepancy", "discrepancy"]
    broken = waivers.replace("30 years", "31 years")
    (facts / "waivers.yaml").write_text(broken, encoding="utf-8")
    report = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles", facts).report
    assert [(p.code, p.location.file.endswith("waivers.yaml"), p.location.line)
            for p in report.errors] == [("quote-not-in-article", True, 4)]
