"""Every workbook the test suite built passes a strict check (runs last, by its name).

Each must be a zip whose every XML part parses, that openpyxl reloads, and that
LibreOffice loads (soffice exits 0 even when it cannot load a file, so the check is
that it produced a non-empty CSV for each).
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
    for i, (test, data) in enumerate(RENDERED):
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
