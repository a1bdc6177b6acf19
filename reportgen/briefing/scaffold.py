"""``reportgen init DIR``: a new report project that builds at once.

It holds a project file, a starter template (the briefing design), one example
article (an excerpt of the Xinhua article of 2023-05-19 shipped with reportgen)
and one fact drawn from it. Replace them with your own topic's evidence.
"""

from __future__ import annotations

from pathlib import Path

from ..config import PROJECT_FILE
from ..errors import UsageError

EXAMPLE_ARTICLE = """\
Fruitful China-Kazakhstan cooperation under Belt & Road Initiative (excerpt)

Source: Xinhua

2023-05-19 12:57:15

In 2022, railway cargo volume between China and Kazakhstan amounted to 23 million tons, \
up 20 percent year on year.
"""

PROJECT_YML = """\
# A reportgen project: `reportgen check` proves the facts, `reportgen build` writes the workbook.
title: {title}
subtitle: Replace the example article and fact with your own evidence
sources: seeds/sources.yaml
articles: seeds/articles
facts: seeds/facts
template: templates/briefing.xlsx
output: output/briefing.xlsx
"""

SOURCES_YAML = """\
sources:
  - id: 2023-05-19-xinhua-bri
    file: 2023-05-19-xinhua-bri.txt
    title: Fruitful China-Kazakhstan cooperation under Belt & Road Initiative
    title_printed: true
    outlet: Xinhua
    date: 2023-05-19
    date_basis: stated
    place: Astana
    language: en
"""

FACTS_YAML = """\
facts:
  - id: rail-cargo-2022
    kind: trade
    source: 2023-05-19-xinhua-bri
    quote: >-
      In 2022, railway cargo volume between China and Kazakhstan amounted to 23 million tons
    metric: rail-cargo
    value: {amount: 23, scale: million, unit: tons}
    period: {label: In 2022, start: 2022, end: 2022}
    reporter: Xinhua
    partners: [China, Kazakhstan]
"""


def init_project(folder: Path, title: str = "My briefing") -> list[Path]:
    """Create the project; refuse to overwrite an existing one. Returns the files made."""
    from .starter import write_starter_template

    if (folder / PROJECT_FILE).exists():
        raise UsageError(f"{folder / PROJECT_FILE} already exists; choose another folder")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder")
    files = {
        PROJECT_FILE: PROJECT_YML.format(title=_yaml_text(title)),
        "seeds/sources.yaml": SOURCES_YAML,
        "seeds/articles/2023-05-19-xinhua-bri.txt": EXAMPLE_ARTICLE,
        "seeds/facts/example.yaml": FACTS_YAML,
    }
    made = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        made.append(path)
    template = folder / "templates" / "briefing.xlsx"
    template.parent.mkdir(parents=True, exist_ok=True)
    write_starter_template(template)
    (folder / "output").mkdir(exist_ok=True)
    return made + [template]


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(text, ensure_ascii=False)
