"""A second floor: the same cells written by a Rust-backed writer (rustpy-xlsxwriter).

    python benchmarks/rust_floor.py CELLS.pickle OUT.xlsx

Optional (``pip install -e '.[bench]'``): ``benchmarks/run.py`` prints its row only when
the package is installed. It writes each sheet's rows as records (the first row gives
the column names), with no formats beyond the writer's defaults, so it is a lower bound
for any Python program that hands Rust its cells, not a like-for-like workbook.
"""

import pickle
import sys

from rustpy_xlsxwriter import FastExcel


def main(cells_path: str, out_path: str) -> None:
    with open(cells_path, "rb") as fh:
        sheets = pickle.load(fh)
    book = FastExcel(out_path)
    for name, rows in sheets.items():
        book.sheet(name[:31], _records(rows))
    book.save()


def _records(rows):
    header = [str(h) for h in rows[0]]
    for row in rows[1:]:
        yield dict(zip(header, row, strict=True))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
