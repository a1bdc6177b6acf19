from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small test project; tests add or break fact files in it."""
    dest = tmp_path / "mini"
    shutil.copytree(DATA / "mini", dest)
    return dest


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


#: every workbook the suite renders, saved for the strict check in test_zz_every_workbook.py
RENDERED: list[tuple[str, bytes, Path]] = []  # (test, workbook, its template)


@pytest.fixture(autouse=True)
def _record_rendered_workbooks(monkeypatch, request):
    """Keep a copy of each workbook a test renders (BytesIO or file) for the strict check."""
    import reportgen.template.render as render_module

    original = render_module.render

    def recording(path, context, dest, **options):
        warnings = original(path, context, dest, **options)
        if hasattr(dest, "getvalue"):
            data = dest.getvalue()
        else:
            dest.flush()
            data = Path(dest.name).read_bytes()
        RENDERED.append((request.node.nodeid, data, Path(path)))
        return warnings

    monkeypatch.setattr(render_module, "render", recording)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own check cache, never the user's."""
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


#: a fact whose quote is in no article: check reports an error, so nothing is built
BROKEN_FACT = """
facts:
  - id: broken
    kind: cooperation
    source: s1
    quote: not in the article
    area: other
    summary: x
"""


def edit_one_value_and_add_one_fact(facts: Path) -> None:
    """A new edition of the seeds' facts (copied to ``facts``): one value changed (a
    qualifier dropped) and one fact added. Its diff against the seeds is those two."""
    path = facts / "2024-primeminister-bektenov-zhang-xiao.yaml"
    path.write_text(path.read_text().replace(
        "{amount: 1.4, scale: billion, unit: USD, qualifier: about}",
        "{amount: 1.4, scale: billion, unit: USD}"))
    write(facts / "new.yaml", """
        facts:
          - id: coop-new-flights
            kind: cooperation
            source: 2024-primeminister-bektenov-zhang-xiao
            quote: the issues of increasing the number of passenger flights were considered
            area: transport
            summary: The sides considered more passenger flights.
        """)
