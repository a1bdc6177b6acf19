"""The package's layers, read from its imports: data flows one way.

plumbing (errors, problems, gcpause) <- evidence <- config <- briefing <- build, cli;
the template engine knows nothing of facts, and the evidence layer nothing of Excel.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "reportgen"
PLUMBING = {"reportgen", "reportgen.errors", "reportgen.problems", "reportgen.gcpause"}
EXCEL = {"openpyxl", "xlsxwriter", "lxml", "pandas"}

#: layer -> what it may import from reportgen (prefixes), and third-party names it may not
RULES = {
    "plumbing": (PLUMBING, EXCEL),
    "evidence": (PLUMBING | {"reportgen.evidence"}, EXCEL),
    "config": (PLUMBING | {"reportgen.evidence"}, EXCEL),
    "template": ({"reportgen.errors", "reportgen.template"}, {"yaml", "yaml_rs"}),
    # the project file (config) sits on the evidence layer and names the briefing's inputs
    "briefing": (PLUMBING | {"reportgen.config", "reportgen.evidence", "reportgen.template",
                             "reportgen.briefing"}, set()),
}


def layer_of(module: str) -> str | None:
    if module in PLUMBING:
        return "plumbing"
    if module == "reportgen.config":
        return "config"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RULES else None


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every module this one imports (absolute names), with the line."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from . import schema` imports a module, not a name
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names
                      if (PACKAGE.parent / f"{target}.{alias.name}".replace(".", "/")
                          ).with_suffix(".py").exists()]
    return found


def test_every_module_has_a_layer_or_is_on_top():
    top = {"reportgen.cli", "reportgen.build", "reportgen.reference",
           "reportgen.__main__"}
    unplaced = [m for m, _ in modules() if layer_of(m) is None and m not in top]
    assert unplaced == [], "place each module in a layer (see docs/architecture.md)"


@pytest.mark.parametrize("module, path", [m for m in modules() if layer_of(m[0])],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_no_module_imports_from_a_layer_above_it(module, path):
    allowed, forbidden = RULES[layer_of(module)]
    wrong = []
    for target, line in imports(module, path):
        if target.startswith("reportgen"):
            # plumbing by exact name (``reportgen`` itself only for __version__), a layer
            # package with everything in it
            if not any(target == a or (a.count(".") == 1 and a not in PLUMBING
                                       and target.startswith(a + ".")) for a in allowed):
                wrong.append(f"{path.name}:{line} imports {target}")
        elif target.split(".")[0] in forbidden:
            wrong.append(f"{path.name}:{line} imports {target}")
    assert wrong == []


def test_the_checker_finds_a_wrong_import(tmp_path):
    """The rule is not vacuous: an evidence module importing the briefing is caught."""
    fake = tmp_path / "bad.py"
    fake.write_text("from ..briefing.model import build_briefing\nimport openpyxl\n")
    found = imports("reportgen.evidence.bad", fake)
    assert ("reportgen.briefing.model", 1) in found and ("openpyxl", 2) in found
