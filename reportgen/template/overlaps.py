"""What shares a collection row and cannot follow it exactly: said as warnings.

A collection row becomes many rows. Two things on it cannot do so as Excel would: an array
formula spanning it and other rows (Excel refuses to insert rows inside one; reportgen
stretches it), and an Excel Table that lies across the row without holding any of its
markers (its cells on that row are repeated on every new row and it grows with them).
"""

from __future__ import annotations

from .markers import SheetMarkers
from .refs import column_index, column_letters, row_number
from .workbook import Book, cell_address, q


def overlaps(book: Book, scans: list[SheetMarkers]) -> list[str]:
    """One sentence per array formula or table that shares a collection row."""
    found: list[str] = []
    for scan in scans:
        rows = {crow.row: crow for crow in scan.collection_rows}
        if not rows:
            continue
        data = scan.tree.getroot().find(q("sheetData"))
        for f in data.iter(q("f")) if data is not None else ():
            if f.get("t") != "array" or ":" not in (f.get("ref") or ""):
                continue
            ref = f.get("ref", "")
            first, _, last = ref.replace("$", "").partition(":")
            r1, r2 = row_number(first), row_number(last)
            inside = [r for r in rows if r1 <= r <= r2]
            if inside and r1 != r2:
                found.append(
                    f"{cell_address(scan.sheet.name, ref)}: an array formula spans collection "
                    f"row {inside[0]} and other rows; Excel cannot insert rows inside one, so "
                    "reportgen stretched it over the new rows: check it after rendering"
                )
        for part in scan.sheet.related("table"):
            table = book.pkg.xml(part).getroot()
            ref = (table.get("ref") or "").replace("$", "")
            first, _, last = ref.partition(":")
            if not last:
                continue
            c1, c2 = column_index(column_letters(first)), column_index(column_letters(last))
            for row, crow in rows.items():
                if not row_number(first) <= row <= row_number(last):
                    continue
                columns = [column_index(c) for c in crow.cells]
                if any(c1 <= c <= c2 for c in columns):
                    continue
                name = table.get("displayName") or table.get("name") or part
                found.append(
                    f"sheet {scan.sheet.name}: the Excel Table {name} ({ref}) lies across "
                    f"collection row {row} of {crow.collection!r} but holds none of its "
                    f"markers; its cells on row {row} are repeated on every new row and it "
                    "grows with them: move the table or the markers"
                )
    return found
