"""reportgen: turn sourced, curated YAML facts into a briefing workbook."""

__version__ = "0.1.0"
