"""docs/first-article.md, run: every ```sh block in order, each output compared with the
```text block that follows it, so the walkthrough cannot go stale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

DOC = REPO / "docs" / "first-article.md"
HASHES = re.compile(r"(sha256|inputs) [0-9a-f]{16}")


def blocks() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"^```(sh|text)\n(.*?)^```$", text, re.S | re.M)


def test_the_walkthrough_runs_as_written(tmp_path):
    found = blocks()
    assert sum(kind == "sh" for kind, _ in found) >= 8
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cwd = tmp_path
    last = None
    for kind, body in found:
        if kind == "sh":
            assert last is None or last[0] == 0, last  # a block shown without output
            # one shell per block; the folder carries over between blocks, as for a reader
            script = body + '\nstatus=$?\necho "@@cwd=$PWD"\nexit $status\n'
            proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=env,
                                  capture_output=True, text=True, timeout=120)
            output, _, where = proc.stdout.rpartition("@@cwd=")
            cwd = Path(where.strip())
            last = (proc.returncode, output + proc.stderr)
        else:
            assert last is not None, "an output block must follow a command block"
            status, output = last
            assert HASHES.sub(r"\1 ...", output.rstrip("\n")) == body.rstrip("\n")
            # a command exits 1 exactly when it reports an error, as the page says
            assert status == (1 if "error[" in body else 0), output
            last = None
    assert last is None or last[0] == 0, last
    assert (cwd / "output" / "briefing.xlsx").is_file()
