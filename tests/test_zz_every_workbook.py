"""Every workbook the test suite built passes a strict check (runs last, by its name).

Each must be a zip whose every XML part parses, that openpyxl reloads, and that
LibreOffice loads (soffice exits 0 even when it cannot load a file, so the check is
that it produced a non-empty CSV for each). And each must pass an OOXML validator
(openxml-audit: the schemas and the checks for what Excel would repair) with no error or
warning its template did not already have.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from .conftest import RENDERED
from .libreoffice import convert


def _parts_parse(data: bytes) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False,
                                                                  no_network=True))


def test_every_rendered_workbook_is_strictly_valid(tmp_path):
    from openpyxl import load_workbook

    if not RENDERED:
        pytest.skip("no workbook was rendered in this run")
    paths = []
    for i, (test, data, _) in enumerate(RENDERED):
        _parts_parse(data)
        load_workbook(io.BytesIO(data))
        path = tmp_path / "in" / f"w{i:04d}.xlsx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append((test, path))
    out = tmp_path / "out"
    produced = {p.stem for p in convert_many([p for _, p in paths], out)}
    missing = [test for test, p in paths if p.stem not in produced]
    assert not missing, f"LibreOffice could not load the workbooks of: {missing}"


def convert_many(paths, outdir):
    """One soffice run for all files (a run per file would take minutes)."""
    produced = []
    for start in range(0, len(paths), 100):
        batch = paths[start:start + 100]
        produced += convert(batch, "csv", outdir)
    return produced


#: Accepted by design: generated text is written as inline strings (docs/templates.md,
#: "Inline strings, by measurement"); Excel moves them to a shared-strings table when it
#: next saves the file, which is no repair.
ACCEPTED = {"Excel_InlineStrCells"}


def _problems(validator, data: bytes, folder, name: str) -> set[tuple[str, ...]]:
    """The validator's errors and warnings, each as a key without counts."""
    import re

    suffix = ".xlsm" if b"macroEnabled.main+xml" in _content_types(data) else ".xlsx"
    path = folder / (name + suffix)
    path.write_bytes(data)
    result = validator.validate(path)
    return {
        (str(e.error_type), e.part_uri or "", e.path or "", e.id or "",
         re.sub(r"\d+", "#", e.description or ""))
        for e in result.errors if (e.id or "") not in ACCEPTED
    }


def _content_types(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("[Content_Types].xml")


def test_every_rendered_workbook_is_ooxml_valid(tmp_path):
    import hashlib

    from openxml_audit import OpenXmlValidator

    if not RENDERED:
        pytest.skip("no workbook was rendered in this run")
    validator = OpenXmlValidator()
    templates: dict[str, set] = {}
    seen: set[str] = set()
    failures = []
    for i, (test, data, template) in enumerate(RENDERED):
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        key = hashlib.sha256(template.read_bytes()).hexdigest() if template.is_file() else ""
        if key not in templates:
            templates[key] = _problems(validator, template.read_bytes(), tmp_path,
                                       f"t{i}") if key else set()
        new = _problems(validator, data, tmp_path, f"w{i}") - templates[key]
        if new:
            failures.append(f"{test}: {sorted(new)[:3]}")
    assert not failures, "\n".join(failures)
