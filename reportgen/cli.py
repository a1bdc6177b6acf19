"""The command line: parse options, call one library function, print, set the exit code.

Heavy libraries are imported inside the library functions, so ``reportgen --help``
stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ReportgenError

_debug = False


def _fail(exc: ReportgenError) -> None:
    if _debug:
        raise exc
    click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ReportgenError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show a traceback for errors (for bug reports).")
def main(debug: bool) -> None:
    """reportgen: check sourced YAML facts against their articles and build a briefing
    workbook from an Excel template.

    Run it in a folder with a reportgen.yml (the shipped China-Kazakhstan briefing has
    one at the top of the repository), or pass --config.
    """
    global _debug
    _debug = debug
    # A command is a short-lived process over large acyclic data: the cyclic collector
    # would only rescan it (reference counting still frees everything).
    import gc

    gc.disable()


_config_option = click.option(
    "--config", "-c", type=click.Path(dir_okay=True, path_type=Path),
    help="Project file (default: ./reportgen.yml).",
)


def _project(config, **overrides):
    """The project file, with the paths given on the command line in place of its own.
    A path named on the command line that does not exist is a usage error (exit 2)."""
    from .config import load_project
    from .errors import UsageError

    named = {"config": config, **overrides}
    for name, value in named.items():
        if value is not None and name != "output" and not Path(value).exists():
            raise UsageError(f"--{name} {value}: no such file or folder")
    project = load_project(config)
    for name, value in overrides.items():
        if value is not None:
            setattr(project, name, Path(value).resolve())
    return project


_verbose_option = click.option(
    "--verbose", "-v", is_flag=True,
    help="Also say what changed no result (a damaged cache entry discarded and redone).")


def _notes(report, verbose: bool) -> None:
    if verbose:
        for note in report.notes:
            click.echo(f"note: {note}", err=True)


@main.command()
@_config_option
@click.option("--facts", type=click.Path(path_type=Path), help="Fact file or folder.")
@click.option("--sources", type=click.Path(path_type=Path), help="Sources file.")
@click.option("--articles", type=click.Path(path_type=Path), help="Folder of articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format; json is for machines.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
@_verbose_option
def check(config, facts, sources, articles, fmt, strict, no_cache, verbose) -> None:
    """Check the facts: schema, ids, references, quotes in articles, values in quotes.

    Prints one line per problem (file:line:column field: severity[code] message (fix))
    and a summary. Exit 0 when clean, 1 when problems are found, 2 for a usage error.
    """
    from .evidence.check import check_project

    project = _project(config, facts=facts, sources=sources, articles=articles)
    report = check_project(project, use_cache=not no_cache, records=False,
                           report_only=True).report
    _notes(report, verbose)
    if fmt == "json":
        import json

        click.echo(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        for problem in report.sorted_problems():
            click.echo(problem.format())
        click.echo(report.summary())
    sys.exit(0 if report.passes(strict) else 1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["markdown"]), default="markdown",
              show_default=True)
def schema(fmt) -> None:
    """Print the fact format reference, generated from the schema."""
    from .reference import schema_markdown

    click.echo(schema_markdown(), nl=False)


@main.command()
@_config_option
@click.option("--facts", type=click.Path(path_type=Path), help="Fact file or folder.")
@click.option("--template", "-t", type=click.Path(path_type=Path), help="Template .xlsx.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Workbook to write.")
@click.option("--strict", is_flag=True, help="Refuse to build when check has warnings.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
@click.option("--recalculate", is_flag=True,
              help="Fill in formula results (totals) with LibreOffice, for viewers that do "
                   "not calculate.")
@click.option("--since", type=click.Path(path_type=Path), metavar="OLD.xlsx",
              help="The previous edition's workbook: show what changed since it (a What "
                   "changed sheet and a line on the About sheet; without --since that sheet "
                   "is hidden). It may be the output itself.")
@_verbose_option
def build(config, facts, template, output, strict, no_cache, recalculate, since,
          verbose) -> None:
    """Check the facts and build the workbook from the template.

    Nothing is written unless the facts pass check; the previous workbook is replaced
    only when the new one is complete.
    """
    from .build import build as build_workbook
    from .evidence.corpus import display_path

    project = _project(config, facts=facts, template=template, output=output)
    result = build_workbook(project, strict=strict, use_cache=not no_cache,
                            recalculate=recalculate, since=since)
    _notes(result.report, verbose)
    for problem in result.report.sorted_problems():  # warnings only: errors stop the build
        click.echo(problem.format())
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{result.report.summary()}")
    if result.compared:
        click.echo(result.compared)
    click.echo(f"Wrote {display_path(result.output)} (sha256 {result.sha256[:16]}, "
               f"inputs {result.fingerprint})")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="My briefing", show_default=True, help="The report's title.")
def init(folder, title) -> None:
    """Create a new report project in FOLDER: project file, starter template, one example
    article and fact. It builds at once: cd FOLDER && reportgen build."""
    from .briefing.scaffold import init_project

    made = init_project(folder, title)
    for path in made:
        click.echo(f"created {path}")
    click.echo(f"Next: cd {folder} && reportgen check && reportgen build")


@main.command()
@_config_option
@click.option("--facts", type=click.Path(path_type=Path), help="Fact file or folder.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Output format (default: from the output's suffix, else csv).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output; Parquet needs a file).")
@click.option("--strict", is_flag=True, help="Refuse to export when check has warnings.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring the cache.")
def export(config, facts, fmt, output, strict, no_cache) -> None:
    """Export every fact, one typed row each (normalised value, resolved period, source,
    quote), as CSV, JSON Lines or Parquet. The facts must pass check first."""
    from .build import write_atomically
    from .errors import UsageError
    from .evidence.corpus import display_path
    from .evidence.export import export_facts, format_for

    project = _project(config, facts=facts)
    fmt = format_for(output, fmt)
    if fmt == "parquet" and output is None:
        raise UsageError("Parquet is binary: name a file with --output")
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"output folder {display_path(output.parent)} does not exist")

    def write(stream):
        return export_facts(project.sources, project.articles, project.facts, fmt, stream,
                            use_cache=not no_cache, strict=strict)

    if output is None:
        report = write(sys.stdout.buffer)
    else:
        report = write_atomically(output, write)
    for problem in report.sorted_problems():  # warnings only: errors stop the export
        click.echo(problem.format(), err=True)
    if output is not None:
        click.echo(f"Wrote {display_path(output)} ({report.stats['facts']} facts, {fmt})")


@main.command()
@_config_option
@click.argument("article")
@click.option("--facts", type=click.Path(path_type=Path), help="Fact file or folder.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Fact file to write (default: standard output).")
@click.option("--all", "include_covered", is_flag=True,
              help="Draft the figures existing facts already quote too.")
def draft(config, article, facts, output, include_covered) -> None:
    """Propose facts for ARTICLE (a source id or an article file): one per figure, with
    the sentence as quote, the value read as printed, the period resolved from the
    article's date, and the kind and metric marked as guesses."""
    from .build import write_atomically
    from .errors import UsageError
    from .evidence.corpus import display_path
    from .evidence.draft import draft_project, to_yaml

    project = _project(config, facts=facts)
    if output is not None and output.exists():
        raise UsageError(f"{display_path(output)} exists; draft never overwrites a file")
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"output folder {display_path(output.parent)} does not exist")
    result = draft_project(project.sources, project.articles, project.facts, article)
    text = to_yaml(result, include_covered)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, lambda stream: stream.write(text.encode("utf-8")))
        click.echo(f"Wrote {display_path(output)} ({len(result.proposed)} proposed, "
                   f"{len(result.covered)} already covered)", err=True)


@main.command()
@_config_option
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format; json is for machines.")
def diff(config, old, new, fmt) -> None:
    """What changed from OLD to NEW: facts added, removed and changed (value, period,
    source, quote, ...) and discrepancies that appeared or were resolved. Each side is a
    workbook reportgen built, a JSON Lines export or a facts folder."""
    from .briefing.snapshot import load_side
    from .evidence.diff import diff_rows

    project = _project(config)
    changes = diff_rows(load_side(old, project.sources, project.articles),
                        load_side(new, project.sources, project.articles))
    if fmt == "json":
        import json

        click.echo(json.dumps(changes.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in changes.lines():
            click.echo(line)
