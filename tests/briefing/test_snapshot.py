"""The facts snapshot inside each built workbook, and reportgen diff OLD.xlsx NEW.xlsx."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest

from reportgen.briefing.snapshot import PART, load_side, read_snapshot
from reportgen.build import build
from reportgen.config import load_project
from reportgen.errors import UsageError
from reportgen.evidence.diff import diff_rows
from reportgen.evidence.export import export_facts

from ..conftest import REPO, edit_one_value_and_add_one_fact


def build_to(tmp_path, name, facts=None):
    project = load_project(REPO)
    project.output = tmp_path / name
    if facts is not None:
        project.facts = facts
    build(project)
    return project.output


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return build_to(tmp_path_factory.mktemp("snap"), "briefing.xlsx")


def test_the_workbook_carries_every_fact_as_the_export_does(workbook):
    rows = read_snapshot(workbook)
    stream = io.BytesIO()
    export_facts(REPO / "seeds/sources.yaml", REPO / "seeds/articles", REPO / "seeds/facts",
                 "jsonl", stream)
    exported = [json.loads(line) for line in stream.getvalue().decode().splitlines()]
    for row in exported:
        row["fact_file"] = row["fact_file"].rsplit("seeds/facts/", 1)[-1]
    assert {r["fact_file"] for r in rows} == {p.name for p in (REPO / "seeds/facts").glob(
        "*.yaml")}  # relative to the facts folder, wherever the build ran
    assert len(rows) == 164 and rows == exported


def test_the_part_is_plain_xml_with_the_packages_default_type(workbook):
    with zipfile.ZipFile(workbook) as package:
        info = package.getinfo(PART)
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        types = package.read("[Content_Types].xml").decode()
        assert '<Default Extension="xml" ContentType="application/xml"/>' in types
        from xml.dom.minidom import parseString

        root = parseString(package.read(PART)).documentElement
        assert root.tagName == "facts" and len(root.getElementsByTagName("f")) == 164


def test_diff_of_two_editions_one_value_changed_one_fact_added(workbook, tmp_path):
    """Done-when of issue 15 (the diff half): change one value, add one fact, build, and
    the diff of the two workbooks names exactly those two facts."""
    facts = tmp_path / "facts"
    shutil.copytree(REPO / "seeds/facts", facts)
    edit_one_value_and_add_one_fact(facts)
    new = build_to(tmp_path, "new.xlsx", facts)
    changes = diff_rows(read_snapshot(workbook), read_snapshot(new))
    assert [r["id"] for r in changes.added] == ["coop-new-flights"]
    assert [(i, [c for c, _, _ in cols]) for i, cols in changes.changed] == [
        ("trade-2023m1-9-china-investment-bektenov-zhang-xiao",
         ["as_printed", "qualifier", "bound"])]
    assert changes.removed == [] and changes.discrepancies_appeared == []


def test_a_workbook_without_a_snapshot(tmp_path):
    plain = tmp_path / "plain.xlsx"
    shutil.copy(REPO / "templates" / "briefing.xlsx", plain)
    with pytest.raises(UsageError, match="carries no facts snapshot"):
        load_side(plain, REPO / "seeds/sources.yaml", REPO / "seeds/articles")
    text = tmp_path / "x.xlsx"
    text.write_text("not a zip")
    with pytest.raises(UsageError, match=r"is not an Excel workbook \(.xlsx\)"):
        read_snapshot(text)
