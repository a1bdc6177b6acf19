"""The one exception root of reportgen.

The library raises these; the CLI turns them into one ``Error: ...`` line and a
non-zero exit. A user's mistake never reaches them as a traceback.
"""

from __future__ import annotations


class ReportgenError(Exception):
    """Root of every error reportgen raises on purpose."""

    exit_code = 1


class UsageError(ReportgenError):
    """The command was called wrongly (a path that does not exist, ...)."""

    exit_code = 2


class ConfigError(ReportgenError):
    """The project file (reportgen.yml) is missing or wrong."""


class FactsError(ReportgenError):
    """The facts did not pass the checker; carries the report."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class TemplateError(ReportgenError):
    """The template workbook cannot be used; the message names sheet!cell or the part."""


class BuildError(ReportgenError):
    """The workbook could not be written (output path, limits of Excel, ...)."""
