"""End-to-end CLI behaviour with click's CliRunner: output lines and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main

from .conftest import BROKEN_FACT, REPO, write


def invoke(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(old)


def test_check_shipped_seeds_passes_with_summary():
    result = invoke("check", cwd=REPO)
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("5 sources, ") and "0 errors" in last


def test_check_strict_fails_on_discrepancy_warnings():
    result = invoke("check", "--strict", cwd=REPO)
    assert result.exit_code == 1
    assert "warning[discrepancy]" in result.output


def test_check_bad_file_one_line_per_problem_exit_1(mini):
    write(mini / "facts" / "bad.yaml", """
        facts:
          - id: cargo-2022
            kind: trade
            source: s1
            quote: not in the article at all
            metric: rail-cargo
            value: {amount: 23, scale: million, unit: tons}
            period: {start: 2022, end: 2022}
            reporter: Xinhua
            partners: [China, Kazakhstan]
            colour: blue
        """)
    result = invoke("check", "--config", str(mini))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    problems = [line for line in lines if "error[" in line]
    assert any("facts.yaml:2:9 facts[0].id: error[duplicate-id] fact id 'cargo-2022' is "
               "already used at " in line and "bad.yaml:2" in line for line in problems)
    assert any("bad.yaml:5:12 facts[0].quote: error[quote-not-in-article]" in line
               for line in problems)
    assert any("bad.yaml:11:5 facts[0].colour: error[unknown-field]" in line for line in problems)
    assert lines[-1].endswith("3 errors, 0 warnings")


def test_check_json(mini):
    result = invoke("check", "--config", str(mini), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["valid"] is True and data["stats"]["facts"] == 7


def test_usage_error_exits_2():
    result = invoke("check", "--format", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize("args, named", [
    (["check", "--config", "{tmp}/nonexistent/reportgen.yml"], "nonexistent/reportgen.yml"),
    (["build", "--config", "{tmp}/nope"], "nope"),
    (["build", "--template", "{tmp}/nonexistent.xlsx"], "nonexistent.xlsx"),
    (["check", "--facts", "{tmp}/no-facts"], "no-facts"),
    (["build", "--facts", "{tmp}/no-facts"], "no-facts"),
    (["check", "--sources", "{tmp}/no-sources.yaml"], "no-sources.yaml"),
    (["check", "--articles", "{tmp}/no-articles"], "no-articles"),
    (["build", "--output", "{tmp}/no-folder/x.xlsx"], "no-folder"),
    (["build", "--output", "{tmp}"], "is a folder"),
    (["build", "--output", "{tmp}/x.csv"], "must end in .xlsx"),
], ids=lambda v: " ".join(v[:2]) if isinstance(v, list) else None)
def test_usage_errors_exit_2_with_one_error_line(tmp_path, args, named):
    """A path on the command line that does not exist, or an output that cannot be
    written, is a usage error: exit 2, one Error: line naming it, no traceback."""
    result = invoke(*[a.format(tmp=tmp_path) for a in args], cwd=REPO)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert named in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_no_project_here_is_a_usage_error(tmp_path):
    result = invoke("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("Error: no project file at ")
    assert "reportgen init" in result.output and "Traceback" not in result.output


def test_bad_project_file_names_line(tmp_path):
    write(tmp_path / "reportgen.yml", "title: x\ntemplte: t.xlsx\n")
    result = invoke("check", "--config", str(tmp_path))
    assert result.exit_code == 1
    assert "reportgen.yml:2:1 templte: error[unknown-field]" in result.output


def test_every_command_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"reportgen {name}" in readme, f"README does not document 'reportgen {name}'"


def test_help_does_not_import_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys; from reportgen.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pandas', 'openpyxl', 'lxml', 'xlsxwriter', 'yaml') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HEAVY []" in out


def test_build_does_not_import_pandas_openpyxl_or_numpy(tmp_path):
    """Half a small build's time was importing them (numpy through openpyxl) for two
    pivots and a formula tokenizer; the engine reads formulas itself (template/formula.py)
    and export imports what it needs when it runs."""
    import subprocess
    import sys

    code = ("import sys; from reportgen.cli import main\n"
            f"try:\n    main(['build', '--output', {str(tmp_path / 'out.xlsx')!r}])\n"
            "except SystemExit:\n    pass\n"
            "heavy = [m for m in ('pandas', 'openpyxl', 'numpy', 'xlsxwriter') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO).stdout
    assert (tmp_path / "out.xlsx").is_file()
    assert "HEAVY []" in out


def readme_example(command: str) -> list[str]:
    """The lines of the README's example that starts with ``$ <command>``."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", readme, re.S | re.M):
        lines = block.splitlines()
        if lines and lines[0] == f"$ {command}":
            return lines[1:]
    raise AssertionError(f"the README has no example of $ {command}")


def test_readme_check_example_is_a_real_run():
    """The README's example summary line is what check prints on the seeds today."""
    shown = readme_example("reportgen check")
    result = invoke("check", cwd=REPO)
    real = result.output.splitlines()
    assert shown[-1] == real[-1], "refresh the README's check example from a real run"
    assert len(shown) == len(real)
    for shown_line, real_line in zip(shown[:-1], real[:-1], strict=True):
        head = shown_line.split("[...]")[0].split(": ...")[0]
        assert real_line.startswith(head)


def test_readme_build_example_is_a_real_run(tmp_path):
    shown = readme_example("reportgen build")
    out = tmp_path / "china-kazakhstan-briefing.xlsx"
    result = invoke("build", "--output", str(out), cwd=REPO)
    assert result.exit_code == 0, result.output
    real = [line for line in result.output.splitlines() if not line.startswith("warning:")]
    assert shown[-2] == real[-2], "refresh the README's build example from a real run"
    assert shown[-1].startswith("Wrote output/china-kazakhstan-briefing.xlsx (sha256 ")
    assert len(shown) == len(real)


def test_readme_init_example_is_a_real_run(tmp_path):
    shown = readme_example('reportgen init water --title "Water policy"')
    result = invoke("init", "water", "--title", "Water policy", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == shown


def test_export_parquet_has_the_workbooks_numbers(tmp_path):
    """Done-when of issue 15: the Parquet export reads back in pandas with the same values
    as the built workbook (its Trade and Growth sheets, read back by fact id)."""
    import openpyxl
    import pandas as pd

    parquet, workbook = tmp_path / "facts.parquet", tmp_path / "briefing.xlsx"
    result = invoke("export", "-o", str(parquet), cwd=REPO)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Wrote {parquet} (164 facts, parquet)"
    assert invoke("build", "--output", str(workbook), cwd=REPO).exit_code == 0
    frame = pd.read_parquet(parquet).set_index("id")
    book = openpyxl.load_workbook(workbook, data_only=True)
    checked = 0
    for sheet, heading in (("Trade", "Exact"), ("Growth", "Change")):
        for table in book[sheet].tables.values():
            rows = [[c.value for c in row] for row in book[sheet][table.ref]]
            if heading not in rows[0]:
                continue
            value, ident = rows[0].index(heading), rows[0].index("Fact ID")
            for row in rows[1:]:
                exported = frame.loc[row[ident]]
                # a growth rate is a fraction with a percent format: 0.3 shown as 30%
                factor = 100 if heading == "Change" and exported["unit"] == "percent" else 1
                assert row[value] * factor == pytest.approx(exported["value"], rel=1e-12)
                checked += 1
    assert checked == 12 + 8


def test_export_csv_to_standard_output_warnings_to_stderr():
    result = CliRunner().invoke(main, ["export", "--config", str(REPO)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,kind,label,value,") and len(lines) > 164
    assert "warning[discrepancy]" in result.stderr and "warning" not in result.stdout


@pytest.mark.parametrize("args, message", [
    (["export", "--format", "parquet"], "Error: Parquet is binary: name a file with --output"),
    (["export", "-o", "{tmp}/no-folder/x.csv"], "Error: output folder "),
])
def test_export_usage_errors(tmp_path, args, message):
    result = invoke(*[a.format(tmp=tmp_path) for a in args], cwd=REPO)
    assert result.exit_code == 2
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1


def test_export_refuses_bad_facts_and_writes_nothing(mini, tmp_path):
    write(mini / "facts" / "bad.yaml", BROKEN_FACT)
    out = tmp_path / "facts.csv"
    result = invoke("export", "--config", str(mini), "-o", str(out))
    assert result.exit_code == 1
    assert result.output == ("Error: the facts have 1 error; nothing was exported. "
                             "Run 'reportgen check' for the list.\n")
    assert not out.exists() and list(tmp_path.iterdir()) == [mini]


def test_check_reports_a_figure_nobody_curated_and_strict_fails(mini):
    """Done-when of issue 15: a new article with a figure nobody curated is reported with
    its sentence: a warning (exit 0), an error for --strict (exit 1)."""
    write(mini / "articles" / "a3.txt", """
        Rail news

        Container trains grew to 1,200 a month, officials said.
        """)
    with (mini / "sources.yaml").open("a") as f:
        f.write("  - id: s3\n    file: a3.txt\n    title: Three\n    title_printed: false\n"
                "    date: 2024-01-05\n    date_basis: stated\n    language: en\n")
    expected = ("articles/a3.txt:3:1: warning[unaccounted-figure] figure '1,200' of article "
                "'s3' quoted by no fact: 'Container trains grew to 1,200 a month, officials "
                "said.' (curate a fact")
    result = invoke("check", "--config", str(mini))
    assert result.exit_code == 0 and expected in result.output
    assert result.output.splitlines()[-1].endswith("0 errors, 1 warning")
    strict = invoke("check", "--config", str(mini), "--strict")
    assert strict.exit_code == 1 and expected in strict.output


def test_draft_a_new_article_by_path(mini, tmp_path):
    article = tmp_path / "new.txt"
    article.write_text("WHEAT NEWS\n\nIn 2023, wheat exports to China reached 1.2 million "
                       "tons, up 15 percent year on year.\n", encoding="utf-8")
    result = invoke("draft", "--config", str(mini), str(article))
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# Draft facts for new.txt (not in the sources file)\n")
    assert "    value: {amount: 1.2, scale: million, unit: tons}\n" in text
    assert "    value: {amount: 15, unit: percent}\n" in text
    assert "    compared_to: previous year  # guess\n" in text


def test_draft_writes_a_file_once(tmp_path):
    out = tmp_path / "draft.yaml"
    args = ("draft", "2023-05-19-xinhua-bri", "--all", "-o", str(out))
    result = invoke(*args, cwd=REPO)
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out} (0 proposed, 14 already covered)\n"
    assert out.read_text().count("  - id: draft-2023-05-19-xinhua-bri-") == 14
    again = invoke(*args, cwd=REPO)
    assert again.exit_code == 2 and again.output == \
        f"Error: {out} exists; draft never overwrites a file\n"


def test_draft_unknown_article_is_a_usage_error():
    result = invoke("draft", "no-such-source", cwd=REPO)
    assert result.exit_code == 2
    assert result.output == ("Error: no-such-source: neither a source id of "
                             "seeds/sources.yaml nor an article file\n")


def test_diff_against_the_last_handoff(tmp_path):
    old = tmp_path / "handoff.jsonl"
    assert invoke("export", "-o", str(old), cwd=REPO).exit_code == 0
    result = invoke("diff", str(old), "seeds/facts", cwd=REPO)
    assert result.exit_code == 0, result.output
    assert result.output == ("0 added, 0 removed, 0 changed; discrepancies: 0 appeared, "
                             "0 resolved\n")
    as_json = invoke("diff", str(old), str(old), "--format", "json", cwd=REPO)
    assert json.loads(as_json.output)["changed"] == []
    missing = invoke("diff", str(old), str(tmp_path / "nope"), cwd=REPO)
    assert missing.exit_code == 2 and missing.output.startswith("Error: ")


def test_build_since_the_previous_edition_in_place(tmp_path):
    """The natural use: build --since the workbook about to be replaced."""
    out = tmp_path / "briefing.xlsx"
    assert invoke("build", "-o", str(out), cwd=REPO).exit_code == 0
    result = invoke("build", "--since", str(out), "-o", str(out), cwd=REPO)
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    intro = load_workbook(out)["What changed"]["A2"].value
    assert intro.startswith("Compared with the previous edition (input fingerprint ")
    assert intro.endswith("nothing changed in the facts.")


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing.xlsx", "{old}: no such file"),
    (lambda tmp: tmp, "{old} is a folder; name the workbook of the previous edition"),
    (lambda tmp: write(tmp / "notes.xlsx", "not a workbook"),
     "{old} is not an Excel workbook (.xlsx); name the workbook reportgen built for the "
     "previous edition"),
    (lambda tmp: Path(shutil.copy(REPO / "templates/briefing.xlsx", tmp / "resaved.xlsx")),
     "{old} carries no facts snapshot: it was not built by reportgen, or was saved again "
     "by Excel or LibreOffice, which drop it; use the workbook as reportgen wrote it (or "
     "rebuild that edition from its facts)"),
])
def test_build_since_a_bad_old_edition_is_one_line_and_clobbers_nothing(tmp_path, make,
                                                                         message):
    out = tmp_path / "out" / "briefing.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"the previous workbook")
    old = make(tmp_path)
    result = invoke("build", "--since", str(old), "-o", str(out), cwd=REPO)
    assert result.exit_code == 2
    assert result.output == "Error: --since " + message.format(old=old) + "\n"
    assert out.read_bytes() == b"the previous workbook"
    assert [p.name for p in out.parent.iterdir()] == ["briefing.xlsx"]
