"""The floor: write the given cells with XlsxWriter in constant_memory mode, nothing else.

    python benchmarks/floor.py CELLS.pickle OUT.xlsx

CELLS.pickle maps sheet names to rows of plain values (str, float, int, date, None),
as ``benchmarks/run.py`` dumps them from the model of a build.
"""

import pickle
import sys
from datetime import date

import xlsxwriter


def main(cells_path: str, out_path: str) -> None:
    with open(cells_path, "rb") as fh:
        sheets = pickle.load(fh)
    wb = xlsxwriter.Workbook(out_path, {"constant_memory": True,
                                        "strings_to_formulas": False,
                                        "strings_to_urls": False})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write(r, c, value)
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
