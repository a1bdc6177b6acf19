"""reportgen export: one typed row per fact, the same numbers as the workbook."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from reportgen.errors import FactsError, UsageError
from reportgen.evidence.check import check_paths
from reportgen.evidence.export import COLUMNS, export_facts, fact_rows, format_for

from ..conftest import BROKEN_FACT, REPO, write

SEEDS = (REPO / "seeds/sources.yaml", REPO / "seeds/articles", REPO / "seeds/facts")


@pytest.fixture(scope="module")
def rows():
    return fact_rows(check_paths(*SEEDS).corpus)


def by_id(rows):
    return {row["id"]: row for row in rows}


def test_one_row_per_fact_with_every_column(rows):
    assert len(rows) == 164 and len(by_id(rows)) == 164
    assert all(list(row) == [c.name for c in COLUMNS] for row in rows)


def test_a_trade_figure_is_normalised_and_resolved(rows):
    row = by_id(rows)["trade-2023m1-9-china-investment-bektenov-zhang-xiao"]
    assert row["value"] == Decimal("1400000000") and row["amount"] == Decimal("1.4")
    assert (row["scale"], row["unit"], row["qualifier"], row["bound"]) == \
        ("billion", "USD", "about", "approximately")
    assert (row["start"], row["end"]) == (date(2023, 1, 1), date(2023, 9, 30))
    assert row["period_label"] == "9 months of 2023"
    assert row["source_date"] == date(2024, 3, 1) and row["outlet"] == "primeminister.kz"
    assert row["quote"].startswith("The volume of PRC investments")


def test_target_ends_at_its_deadline_and_a_portfolio_keeps_its_count(rows):
    target = by_id(rows)["target-2029-kazakhstan-gdp-doubling-bektenov-zhang-xiao"]
    assert target["end"] == date(2029, 12, 31) and target["period_label"] == "by 2029"
    project = by_id(rows)["project-portfolio-45-joint-projects-bektenov-zhang-xiao"]
    assert project["value"] == Decimal("14500000000") and project["count"] == 45


def test_same_numbers_as_the_briefing_model(rows):
    """Every figure the workbook's fact collections show in full (their exact field; a
    growth rate's value, which the workbook keeps as a fraction with a percent format)
    equals the export's value."""
    from reportgen.briefing.model import build_briefing
    from reportgen.evidence.metrics import Catalogue

    briefing = build_briefing(check_paths(*SEEDS).corpus, "T", "S", "f", "0", Catalogue())
    exported = by_id(rows)
    compared = 0
    for name, table in briefing.tables.items():
        if "id" not in table.fields or not {"exact", "value"} & set(table.fields):
            continue
        field = "exact" if "exact" in table.fields else "value" if name == "growth" else None
        if field is None:
            continue
        value, ident = table.fields.index(field), table.fields.index("id")
        for row in table.rows:
            if row[value] is None:
                continue
            shown = row[value].value
            mine = exported[row[ident]]
            if field == "value" and mine["unit"] == "percent":
                shown = shown * 100
            assert shown == mine["value"], row[ident]
            compared += 1
    assert compared >= 20  # every trade figure and growth rate at least


def test_jsonl_and_csv_carry_the_same_rows(rows):
    out = io.BytesIO()
    export_facts(*SEEDS, "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    assert [line["id"] for line in lines] == [row["id"] for row in rows]
    turnover = next(line for line in lines if line["id"] == "trade-2022-turnover-gacc")
    assert turnover["value"] == 31170000000 and turnover["start"] == "2022-01-01"
    out = io.BytesIO()
    export_facts(*SEEDS, "csv", out)
    table = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert len(table) == len(rows)
    gacc = next(r for r in table if r["id"] == "trade-2022-turnover-gacc")
    assert gacc["value"] == "31170000000" and gacc["partners"] == "China; Kazakhstan"


def test_parquet_reads_back_in_pandas_and_duckdb_with_the_same_values(rows, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "facts.parquet"
    with path.open("wb") as stream:
        export_facts(*SEEDS, "parquet", stream)
    frame = pd.read_parquet(path)
    assert list(frame.columns) == [c.name for c in COLUMNS]
    assert str(frame["value"].dtype) == "float64"
    values = dict(zip(frame["id"], frame["value"], strict=True))
    for row in rows:
        if row["value"] is not None:
            assert values[row["id"]] == float(row["value"])
    again = tmp_path / "again.parquet"
    with again.open("wb") as stream:
        export_facts(*SEEDS, "parquet", stream)
    assert again.read_bytes() == path.read_bytes()  # deterministic
    duckdb = pytest.importorskip("duckdb")
    total = duckdb.connect().execute(
        f"select sum(value) from '{path}' where kind = 'trade' and unit = 'USD'").fetchone()[0]
    assert total == sum(float(r["value"]) for r in rows
                        if r["kind"] == "trade" and r["unit"] == "USD")


def test_export_refuses_facts_with_errors(mini, tmp_path):
    write(mini / "facts" / "bad.yaml", BROKEN_FACT)
    out = io.BytesIO()
    with pytest.raises(FactsError, match="nothing was exported"):
        export_facts(mini / "sources.yaml", mini / "articles", mini / "facts", "csv", out)
    assert out.getvalue() == b""


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown export format 'xls'"):
        export_facts(*SEEDS, "xls", io.BytesIO())


@pytest.mark.parametrize("output, fmt, expected", [
    (None, None, "csv"), ("x.parquet", None, "parquet"), ("x.jsonl", None, "jsonl"),
    ("x.json", None, "jsonl"), ("x.txt", None, "csv"), ("x.parquet", "csv", "csv"),
])
def test_format_from_suffix(output, fmt, expected):
    from pathlib import Path

    assert format_for(Path(output) if output else None, fmt) == expected


def test_a_figure_is_shown_as_printed_whatever_equal_figure_came_before():
    """31.5 and 31.50 are equal numbers; each row shows its own (the figures are worked
    out once per distinct figure as printed, in the export and in the workbook)."""
    from reportgen.briefing.model import printed
    from reportgen.evidence.export import fact_row
    from reportgen.evidence.validate import Record

    def figure(amount: str) -> Record:
        return Record({"id": amount, "kind": "trade", "value": {
            "amount": Decimal(amount), "scale": "billion", "unit": "USD"}}, "f.yaml", ())

    for amount in ("31.5", "31.50", "31.5"):
        assert fact_row(figure(amount), {})["as_printed"] == f"{amount} billion USD"
        assert printed(figure(amount).get("value")) == f"{amount} billion USD"
