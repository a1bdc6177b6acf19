"""The project file, ``reportgen.yml``: a report's title and where its inputs live.

In the spirit of ``mkdocs.yml``: paths are relative to the file's folder, every
field has a default but the title, and the file is read with the same safe loader
and schema machinery as the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, UsageError
from .evidence.metrics import METRIC, Metric
from .evidence.schema import SLUG, TEXT, Enum, Field, ListOf, Struct

PROJECT_FILE = "reportgen.yml"

PROJECT = Struct(
    "project file",
    doc="reportgen.yml: one report.",
    fields=(
        Field("title", TEXT, "The report's title, shown on the Summary and About sheets.",
              required=True),
        Field("subtitle", TEXT, "A line under the title: what the report covers."),
        Field("subject", TEXT, "The workbook's Subject property (default: the subtitle)."),
        Field("keywords", ListOf("list", TEXT), "The workbook's Keywords property: "
              "[trade, investment]."),
        Field("description", TEXT, "The workbook's Comments (description) property "
              "(default: the subtitle)."),
        Field("sources", TEXT, "The sources file.", default="seeds/sources.yaml"),
        Field("articles", TEXT, "The folder of article text files.", default="seeds/articles"),
        Field("facts", TEXT, "The folder of fact files (*.yaml, searched recursively).",
              default="seeds/facts"),
        Field("template", TEXT, "The workbook template.", default="templates/briefing.xlsx"),
        Field("output", TEXT, "Where the built workbook is written.",
              default="output/briefing.xlsx"),
        Field("paper", Enum("enum", ("A4", "A3", "letter", "legal")), "The paper every "
              "sheet prints on; when absent, as the template sets it (the starter template: "
              "A4, landscape, fitted to the page width)."),
        Field("metrics", ListOf("list", METRIC), "How metrics are labelled for readers, "
              "and which lead the Summary: a list of {id, label, headline}. Common metrics "
              "have labels already (see reportgen.evidence.metrics)."),
        Field("asset_types", ListOf("list", SLUG), "Asset types this project adds to the "
              "schema's (asset_type of an asset fact): [cable-car, data-centre]."),
    ),
)


@dataclass
class Project:
    root: Path
    title: str
    subtitle: str
    sources: Path
    articles: Path
    facts: Path
    template: Path
    output: Path
    config_file: Path | None = None
    subject: str = ""
    keywords: tuple[str, ...] = ()
    description: str = ""
    paper: str = ""
    metrics: tuple[Metric, ...] = field(default=())
    asset_types: tuple[str, ...] = ()


def load_project(config: str | Path | None = None) -> Project:
    """Read ``config`` (or ``./reportgen.yml``); raise ConfigError naming file:line."""
    from .evidence.safe_yaml import load_yaml
    from .evidence.validate import Validator

    path = Path(config) if config else Path.cwd() / PROJECT_FILE
    if path.is_dir():
        path = path / PROJECT_FILE
    if not path.is_file():
        raise UsageError(
            f"no project file at {path}: run reportgen in a folder with a {PROJECT_FILE}, "
            "pass --config, or create a project with 'reportgen init DIR'"
        )
    parsed = load_yaml(path)
    validator = Validator()
    data = None
    if parsed.root is not None:
        data = validator.struct(parsed.root, PROJECT.fields, (), "the project file")
    problems = parsed.problems + validator.located(parsed.location)
    if problems or data is None:
        lines = "\n".join(p.format() for p in problems) or f"{path}: the file is empty"
        raise ConfigError(f"the project file is not valid:\n{lines}")
    root = path.parent.resolve()

    def resolve(name: str) -> Path:
        spec = PROJECT.field(name)
        return (root / data.get(name, spec.default)).resolve()

    return Project(
        root=root,
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        sources=resolve("sources"),
        articles=resolve("articles"),
        facts=resolve("facts"),
        template=resolve("template"),
        output=resolve("output"),
        config_file=path.resolve(),
        subject=data.get("subject", ""),
        keywords=tuple(data.get("keywords", ())),
        description=data.get("description", ""),
        paper=data.get("paper", ""),
        metrics=tuple(Metric(m["id"], m["label"], bool(m.get("headline")))
                      for m in data.get("metrics", ())),
        asset_types=tuple(data.get("asset_types", ())),
    )
