"""A figure of one border crossing shows its checkpoint and links to the asset's row;
an absolute change shows its unit in the cell."""

from __future__ import annotations

import shutil

from reportgen.briefing.model import build_briefing
from reportgen.evidence.check import check_paths
from reportgen.template.values import RowLink

from ..conftest import DATA, write


def test_checkpoint_asset_link_and_absolute_change(tmp_path):
    shutil.copytree(DATA / "docs", tmp_path, dirs_exist_ok=True)
    write(tmp_path / "facts" / "rail.yaml", """
        facts:
          - id: growth-dostyk
            kind: growth
            source: example-rail-2024
            quote: In 2023, cargo through the Dostyk border crossing increased by one million tons
            metric: rail-cargo
            value: {amount: 1, scale: million, unit: tons}
            period: {label: In 2023, start: 2023, end: 2023}
            checkpoint: Dostyk
            asset: asset-dostyk
            reporter: Kazakhstan Temir Zholy
            partners: [Kazakhstan, China]
          - id: asset-dostyk
            kind: asset
            source: example-rail-2024
            quote: the Dostyk border crossing
            name: Dostyk border crossing
            asset_type: border-crossing
        """)
    checked = check_paths(tmp_path / "sources.yaml", tmp_path / "articles", tmp_path / "facts")
    assert checked.report.problems == [], [p.format() for p in checked.report.problems]
    table = build_briefing(checked.corpus, "T", "S", "f", "0").tables["growth"]
    (row,) = [dict(zip(table.fields, r, strict=True)) for r in table.rows]
    assert row["checkpoint"] == "Dostyk"
    assert row["asset"] == RowLink("Dostyk border crossing", "assets", "asset-dostyk")
    assert row["value"].number_format.endswith('" Mt"') and row["value"].value == 1
