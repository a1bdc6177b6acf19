"""The output may not be any input: the build refuses before anything is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.build import build
from reportgen.cli import main
from reportgen.config import load_project
from reportgen.errors import UsageError

from .conftest import REPO


@pytest.fixture
def project(mini: Path):
    """The mini project with its own copy of the template, every input inside it."""
    template = mini / "template.xlsx"
    shutil.copy(REPO / "templates" / "briefing.xlsx", template)
    config = mini / "reportgen.yml"
    config.write_text(config.read_text().replace("../../../templates/briefing.xlsx",
                                                 "template.xlsx"))
    (mini / "out").mkdir()
    return load_project(mini)


def _xlsx_copy(path: Path) -> Path:
    """Inputs with another suffix cannot be named as an .xlsx output: link to them."""
    if path.suffix == ".xlsx":
        return path
    link = path.parent / (path.name + ".xlsx")
    link.symlink_to(path.name)
    return link


INPUTS = {
    "template": lambda p: p.template,
    "template-through-symlink": lambda p: _symlink(p.root / "out" / "t.xlsx", p.template),
    "template-hard-link": lambda p: _hardlink(p.root / "out" / "t.xlsx", p.template),
    "template-relative-spelling": lambda p: p.root / "out" / ".." / "template.xlsx",
    "sources": lambda p: _xlsx_copy(p.sources),
    "project-file": lambda p: _xlsx_copy(p.config_file),
    "fact-file": lambda p: _xlsx_copy(p.facts / "facts.yaml"),
    "article": lambda p: _article_named_xlsx(p),
}


def _article_named_xlsx(project) -> Path:
    """An article whose file name ends in .xlsx: only the check after loading can see it."""
    os.replace(project.articles / "a1.txt", project.articles / "a1.xlsx")
    project.sources.write_text(project.sources.read_text().replace("a1.txt", "a1.xlsx"))
    return project.articles / "a1.xlsx"


def _symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _hardlink(link: Path, target: Path) -> Path:
    os.link(target, link)
    return link


@pytest.mark.parametrize("case", sorted(INPUTS))
def test_output_that_is_an_input_is_refused(project, case):
    output = INPUTS[case](project)
    victim = output.resolve()
    before = victim.read_bytes()
    project.output = Path(os.path.abspath(output))
    # an input not named .xlsx may be refused for its name before it is compared
    message = "is an input of the build" + ("" if victim.suffix == ".xlsx" else
                                            "|must end in .xlsx")
    with pytest.raises(UsageError, match=message):
        build(project)
    assert victim.read_bytes() == before
    assert not [p for p in victim.parent.iterdir() if p.name.endswith(".tmp")]


def test_cli_output_naming_the_template_is_one_line(project, monkeypatch):
    monkeypatch.chdir(project.root)
    before = project.template.read_bytes()
    result = CliRunner().invoke(main, ["build", "--output", "template.xlsx"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: output template.xlsx is an input of the build")
    assert project.template.read_bytes() == before


def test_symlinked_output_writes_the_file_it_points_to(project):
    real = project.root / "out" / "real.xlsx"
    real.write_bytes(b"old")
    link = project.root / "out" / "link.xlsx"
    link.symlink_to(real)
    project.output = link
    build(project)
    assert link.is_symlink() and real.read_bytes()[:2] == b"PK"
