"""No kill leaves debris: temporary files go on SIGTERM, SIGHUP and SIGINT, a SIGKILL's
are removed by the next build, and forked check workers exit when their parent dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reportgen.build import build, write_atomically
from reportgen.config import load_project

from .conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

#: a build whose render writes half a workbook, says so, and waits to be killed
SLOW_BUILD = """
import sys, time
import reportgen.template.render as render_module

def slow(path, context, dest, **options):
    dest.write(b"PK half a workbook")
    dest.flush()
    print("WRITING", flush=True)
    time.sleep(60)

render_module.render = slow
from reportgen.cli import main
sys.argv = ["reportgen", "build", "--output", {output!r}]
main()
"""


def _start(script: str, cwd: Path) -> subprocess.Popen:
    """The script as a user's build: its signals at their defaults, even when the suite
    itself runs with some ignored (under ``nohup`` SIGHUP is ignored and a child inherits
    that; a build rightly leaves an ignored signal ignored)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            preexec_fn=_default_signals)


def _default_signals() -> None:
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _wait_for(proc: subprocess.Popen, word: str) -> None:
    line = proc.stdout.readline().decode()
    assert word in line, (line, proc.stderr.read().decode() if proc.poll() is not None
                          else "")


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path):
    """An output folder holding a previous workbook."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "briefing.xlsx").write_bytes(b"the previous workbook")
    return out / "briefing.xlsx"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_mid_write_removes_the_temporary_file(previous, sig):
    proc = _start(SLOW_BUILD.format(output=str(previous)), REPO)
    try:
        _wait_for(proc, "WRITING")
        assert len(_temporaries(previous.parent)) == 1
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr.read().decode()
    assert _temporaries(previous.parent) == []
    assert previous.read_bytes() == b"the previous workbook"


def test_the_next_build_removes_what_a_sigkill_left(previous, tmp_path):
    proc = _start(SLOW_BUILD.format(output=str(previous)), REPO)
    try:
        _wait_for(proc, "WRITING")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    (left,) = _temporaries(previous.parent)
    assert left.startswith(f".briefing.xlsx.{proc.pid}.")
    assert previous.read_bytes() == b"the previous workbook"
    project = load_project(REPO)
    project.output = previous
    build(project)
    assert _temporaries(previous.parent) == []
    assert previous.read_bytes()[:2] == b"PK"


def test_a_running_build_keeps_its_temporary_file(previous):
    """Another build of the same target, still running, is not disturbed."""
    proc = _start(SLOW_BUILD.format(output=str(previous)), REPO)
    try:
        _wait_for(proc, "WRITING")
        (theirs,) = _temporaries(previous.parent)
        write_atomically(previous, lambda stream: stream.write(b"ours"))
        assert _temporaries(previous.parent) == [theirs]
    finally:
        proc.kill()
        proc.wait()


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


#: a check that forks workers which take their time
SLOW_CHECK = """
import sys, time
from pathlib import Path
from reportgen.evidence import check as check_module

original = check_module._check_one

def slow(*args):
    time.sleep(60)
    return original(*args)

check_module._check_one = slow
check_module.PARALLEL_BYTES = 0
print("CHECKING", flush=True)
corpus = Path({corpus!r})
check_module.check_paths(corpus / "sources.yaml", corpus / "articles", corpus / "facts",
                         use_cache=False)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
                    reason="needs /proc and two cores")
def test_check_workers_exit_when_their_parent_is_killed(tmp_path):
    from benchmarks.corpus import generate

    generate(tmp_path / "corpus", 40)
    proc = _start(SLOW_CHECK.format(corpus=str(tmp_path / "corpus")), REPO)
    try:
        _wait_for(proc, "CHECKING")
        deadline = time.monotonic() + 30
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{w}").exists() and _state(w) != "Z" for w in workers) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and _state(w) != "Z"]
        assert alive == []
    finally:
        proc.kill()
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "Z"
