"""Optional: fill in the results of formulas the render made stale, computed by LibreOffice.

A rendered workbook has no cached result for a formula whose inputs changed (a total below
an expanded table), so readers that never calculate (pandas, calamine, openpyxl
``data_only``, mail and phone previews) show an empty cell. With recalculation on,
LibreOffice (headless) opens a copy, calculates it and saves it; only the *results* of
the formulas that had none are copied back, as ``<v>`` values, into reportgen's own
output. Nothing else of LibreOffice's copy is used, so every part of the template stays
as it was. See docs/templates.md ("Totals every viewer can read") for why LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from reportgen.errors import BuildError

from .package import Package, PackageWriter, serialize
from .workbook import Book, q, shared_string_text

TIMEOUT = 600


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(path: Path) -> int:
    """Give every formula of the workbook at ``path`` without a result its result, in place.

    Returns how many results were filled in. Raises BuildError when LibreOffice is not
    installed or cannot calculate the file.
    """
    path = Path(path)
    soffice = find_soffice()
    if soffice is None:
        raise BuildError(
            "recalculation needs LibreOffice (soffice) on PATH; install it or build "
            "without --recalculate"
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "in.xlsx"  # LibreOffice reads the type from the content
        shutil.copyfile(path, source)
        out = folder / "out"
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                 "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                 str(out), str(source)],
                capture_output=True, timeout=TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired:
            raise BuildError(f"LibreOffice did not finish recalculating within {TIMEOUT} s") \
                from None
        calculated = out / "in.xlsx"
        if not calculated.is_file() or calculated.stat().st_size == 0:
            raise BuildError("LibreOffice could not open the workbook to recalculate it")
        results = _results(Package.open(calculated))
    return _fill(path, results)


Result = tuple[str | None, str]  # (cell type attribute, value text)


def _results(pkg: Package) -> dict[str, dict[str, Result]]:
    """Per sheet name (lower-cased), the result of every formula cell, by ref."""
    book = Book(pkg)
    found: dict[str, dict[str, Result]] = {}
    for sheet in book.sheets:
        cells: dict[str, Result] = {}
        for c in pkg.xml(sheet.part).getroot().iter(q("c")):
            if c.find(q("f")) is None:
                continue
            v = c.findtext(q("v"))
            kind = c.get("t")
            if v is None:
                continue
            if kind == "s":
                index = int(v)
                if index >= len(book.shared_strings):
                    continue
                kind, v = "str", shared_string_text(book.shared_strings[index])
            cells[c.get("r", "")] = (kind if kind in ("str", "b", "e") else None, v)
        found[sheet.name.lower()] = cells
    return found


def _fill(path: Path, results: dict[str, dict[str, Result]]) -> int:
    pkg = Package.open(path)
    book = Book(pkg)
    changed: dict[str, bytes] = {}
    filled = 0
    for sheet in book.sheets:
        computed = results.get(sheet.name.lower(), {})
        tree = pkg.xml(sheet.part)
        count = 0
        for f in tree.getroot().iter(q("f")):
            c = f.getparent()
            if c.find(q("v")) is not None or c.get("r") not in computed:
                continue
            kind, value = computed[c.get("r", "")]
            if kind:
                c.set("t", kind)
            v = etree.SubElement(c, q("v"))
            v.text = value
            f.addnext(v)
            count += 1
        if count:
            changed[sheet.part] = serialize(tree)
            filled += count
    if not filled:
        return 0
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                     suffix=".tmp", delete=False) as fh:
        try:
            writer = PackageWriter(fh)
            for name in pkg.names:
                writer.write(name, changed.get(name, pkg.raw(name)))
            writer.close()
        except BaseException:
            Path(fh.name).unlink(missing_ok=True)
            raise
    Path(fh.name).replace(path)
    return filled
