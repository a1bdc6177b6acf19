"""How references move when collection rows expand (Excel's insert-rows rule)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.template.refs import (
    MAX_ROWS,
    RowFormula,
    RowShift,
    shift_formula,
    shift_ref,
    shift_sqref,
    split_sheet,
)

SHIFT = RowShift([(5, 3)])  # row 5 became 4 rows


@pytest.mark.parametrize(
    "ref, expected",
    [
        ("D4", "D4"),            # above: unchanged
        ("D5", "D5"),            # a single cell in the collection row stays the first data row
        ("D6", "D9"),            # below: moves down
        ("A3:D5", "A3:D8"),      # contains the row: grows at its end
        ("A5:D5", "A5:D8"),
        ("A6:D9", "A9:D12"),     # wholly below: moves
        ("A1:A4", "A1:A4"),      # wholly above: unchanged
        ("$A$1:$H$30", "$A$1:$H$33"),
        ("5:5", "5:8"),
        ("$7:$7", "$10:$10"),
        ("A:A", "A:A"),
        ("A1:A1048576", "A1:A1048576"),  # never past Excel's last row
    ],
)
def test_shift_ref(ref, expected):
    assert shift_ref(ref, SHIFT) == expected


def test_sqref_single_cells_in_the_row_stand_for_the_column():
    assert shift_sqref("C5 E5:F5 A7", SHIFT) == "C5:C8 E5:F8 A10"


def test_offsets_accumulate():
    shift = RowShift([(10, 5), (3, 2)])
    assert shift.start(3) == 3 and shift.end(3) == 5
    assert shift.start(4) == 6
    assert shift.start(10) == 12 and shift.end(10) == 17
    assert shift.start(11) == 18


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("SUM(D5:D5)*2", "SUM(D5:D8)*2"),
        ("'Trade data'!$A$6+Sheet2!B7", "'Trade data'!$A$9+Sheet2!B7"),
        ("'TRADE DATA'!A6", "'TRADE DATA'!A9"),
        ("D6 +  D7", "D9 +  D10"),
        ('IF(A6>"A6",1,0)', 'IF(A9>"A6",1,0)'),
        ("Trade[[#This Row],[value]]", "Trade[[#This Row],[value]]"),
        ("[1]Sheet1!A6", "[1]Sheet1!A6"),
        ("'Trade data:Other'!A6", "'Trade data:Other'!A6"),
    ],
)
def test_shift_formula(formula, expected):
    assert shift_formula(formula, "Trade data", {"trade data": SHIFT}) == expected


def test_row_formula_copies_relative_rows():
    formula = RowFormula("D5*2+$D$5+SUM(D$4:D5)+Other!A5")
    assert formula.at(0) == "D5*2+$D$5+SUM(D$4:D5)+Other!A5"
    assert formula.at(2) == "D7*2+$D$5+SUM(D$4:D7)+Other!A7"


def test_split_sheet():
    assert split_sheet("'It''s'!A1") == ("It's", "A1")
    assert split_sheet("Sheet1!A1:B2") == ("Sheet1", "A1:B2")
    assert split_sheet("A1") == (None, "A1")


@given(
    st.lists(st.tuples(st.integers(1, 50), st.integers(0, 20)), max_size=4,
             unique_by=lambda t: t[0]),
    st.integers(1, 80), st.integers(0, 30),
)
def test_shifted_ranges_stay_ordered_and_keep_their_content(expansions, top, height):
    """A shifted range never inverts, and it grows by exactly the rows inserted inside it."""
    shift = RowShift(expansions)
    bottom = top + height
    start, end = shift.area(top, bottom)
    assert 1 <= start <= end <= MAX_ROWS
    inside = sum(d for r, d in expansions if top <= r <= bottom)
    assert end - start == height + inside
    above = sum(d for r, d in expansions if r < top)
    assert start == top + above
