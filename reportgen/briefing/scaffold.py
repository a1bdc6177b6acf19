"""``reportgen init DIR``: a new report project, on any topic, that builds at once.

It holds a project file, the starter template, a short README (how to add an article),
and a topic-neutral example: one article about two imaginary countries and a fact of
every kind drawn from it, so that every sheet and the Summary show something. The
example lives in ``briefing/example/`` as the files it becomes.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..config import PROJECT_FILE
from ..errors import UsageError

EXAMPLE_ID = "2025-03-14-example-trade-record"

PROJECT_YML = """\
# A reportgen project: `reportgen check` proves the facts, `reportgen build` writes the workbook.
title: {title}
subtitle: Replace the example article and its facts with your own evidence
sources: seeds/sources.yaml
articles: seeds/articles
facts: seeds/facts
template: templates/briefing.xlsx
output: output/briefing.xlsx
"""

#: file in the new project -> file in briefing/example/
EXAMPLE_FILES = {
    "seeds/sources.yaml": "sources.yaml",
    f"seeds/articles/{EXAMPLE_ID}.txt": "article.txt",
    "seeds/facts/example.yaml": "facts.yaml",
}


def init_project(folder: Path, title: str = "My briefing") -> list[Path]:
    """Create the project; refuse to overwrite an existing one. Returns the files made."""
    from .starter import write_starter_template

    if (folder / PROJECT_FILE).exists():
        raise UsageError(f"{folder / PROJECT_FILE} already exists; choose another folder")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder")
    example = resources.files(__package__) / "example"
    files = {
        PROJECT_FILE: PROJECT_YML.format(title=_yaml_text(title)),
        "README.md": (example / "README.md").read_text(encoding="utf-8").format(
            title=title, output="output/briefing.xlsx"),
        **{name: (example / source).read_text(encoding="utf-8")
           for name, source in EXAMPLE_FILES.items()},
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
