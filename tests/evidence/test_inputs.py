"""Inputs are confined: an article or fact file outside its folder, a device, a pipe or an
oversized file is a problem naming the line that names it, never a read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.evidence import corpus as corpus_module
from reportgen.evidence.check import check_paths

from ..conftest import write

SECRET = "reportgen-secret-line"


def run(project: Path):
    return check_paths(project / "sources.yaml", project / "articles", project / "facts").report


def set_article(project: Path, name: str) -> None:
    sources = project / "sources.yaml"
    sources.write_text(sources.read_text().replace("file: a1.txt", f"file: {name}"))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project that must never be read."""
    return write(tmp_path / "host" / "secret.txt", f"{SECRET}\n")


ARTICLE_NAMES = {
    "absolute": lambda outside, mini: str(outside),
    "dot-dot": lambda outside, mini: os.path.relpath(outside, mini / "articles"),
    "dot-dot-inside": lambda outside, mini: "../articles/a1.txt",
    "etc-passwd": lambda outside, mini: "/etc/passwd",
    "many-dot-dots": lambda outside, mini: "../../../../../../../../etc/passwd",
    "dev-zero": lambda outside, mini: "/dev/zero",
    "home": lambda outside, mini: "~/secret.txt",
    "windows-drive": lambda outside, mini: "'C:\\Windows\\win.ini'",
    "backslash-dot-dot": lambda outside, mini: "'..\\..\\host\\secret.txt'",
}


@pytest.mark.parametrize("case", sorted(ARTICLE_NAMES))
def test_article_path_outside_the_folder_is_refused(mini, outside, case):
    set_article(mini, ARTICLE_NAMES[case](outside, mini))
    report = run(mini)
    codes = {(p.code, p.location.file, p.location.line) for p in report.errors}
    assert ("path-outside-folder", str(mini / "sources.yaml"), 3) in \
        {(c, os.path.abspath(f), line) for c, f, line in codes}
    assert SECRET not in repr(report.problems)


def test_symlink_leading_outside_is_refused(mini, outside):
    (mini / "articles" / "link.txt").symlink_to(outside)
    set_article(mini, "link.txt")
    report = run(mini)
    (problem,) = [p for p in report.errors if p.code == "path-outside-folder"]
    assert problem.location.line == 3 and "symbolic link" in problem.message
    assert SECRET not in repr(report.problems)


def test_symlink_within_the_folder_is_followed(mini):
    (mini / "articles" / "sub").mkdir()
    os.replace(mini / "articles" / "a1.txt", mini / "articles" / "sub" / "real.txt")
    (mini / "articles" / "a1.txt").symlink_to(Path("sub") / "real.txt")
    assert run(mini).problems == []


def test_symlink_loop_is_refused(mini):
    (mini / "articles" / "loop.txt").symlink_to("loop.txt")
    set_article(mini, "loop.txt")
    codes = {p.code for p in run(mini).errors}
    assert codes & {"path-outside-folder", "article-missing"}


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_article_that_is_not_a_regular_file_is_refused(mini, kind):
    target = mini / "articles" / "odd.txt"
    os.mkfifo(target) if kind == "fifo" else target.mkdir()
    set_article(mini, "odd.txt")
    report = run(mini)  # a FIFO must not hang
    assert ("not-a-regular-file", 3) in {(p.code, p.location.line) for p in report.errors}


def test_oversized_article_is_refused(mini, monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_ARTICLE_BYTES", 100)
    report = run(mini)
    assert ("file-too-large", 3) in {(p.code, p.location.line) for p in report.errors}


def test_fact_file_symlinked_from_outside_is_refused(mini, tmp_path):
    elsewhere = write(tmp_path / "elsewhere" / "more.yaml", "facts: []\n")
    (mini / "facts" / "more.yaml").symlink_to(elsewhere)
    report = run(mini)
    (problem,) = report.errors
    assert problem.code == "path-outside-folder"
    assert problem.location.file.endswith("more.yaml")


def test_fact_file_that_is_a_fifo_is_refused(mini):
    os.mkfifo(mini / "facts" / "pipe.yaml")
    (problem,) = run(mini).errors
    assert problem.code == "not-a-regular-file" and problem.location.file.endswith("pipe.yaml")


@pytest.mark.parametrize("text", ["", "# nothing\n", "sources: []\n"])
def test_empty_sources_file_is_named(mini, text):
    (mini / "sources.yaml").write_text(text)
    report = run(mini)
    about_file = [p for p in report.problems if p.code == "empty-file"
                  and p.location.file.endswith("sources.yaml")]
    assert about_file


def test_sources_file_that_is_a_device_is_refused(mini):
    report = check_paths(Path("/dev/zero"), mini / "articles", mini / "facts").report
    assert "not-a-regular-file" in {p.code for p in report.errors}


def test_cli_check_reports_host_path_without_traceback(mini, outside, monkeypatch):
    set_article(mini, "/dev/zero")
    monkeypatch.chdir(mini)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "sources.yaml:3:11 sources[0].file: error[path-outside-folder]" in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
