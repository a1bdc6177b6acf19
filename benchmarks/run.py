"""Benchmarks: reportgen against its targets and against the writer's floor.

    python -m benchmarks.run            # 1k, 10k and 100k facts (about 10 minutes)
    python -m benchmarks.run --sizes 1000,10000 --runs 5
    python -m benchmarks.run --sizes 1000000 --runs 1 --warmup 0   # 1M: opt-in, long

Every figure is a whole process (``reportgen ...`` as a user runs it), timed over
``--runs`` runs after one warm-up; the median wall time and the largest peak memory
(resident set in MiB, from the operating system's accounting of the finished child,
started from a small launcher so that it is the command's own figure) are printed.
The *floor* is ``benchmarks/floor.py``: a bare script that writes the same
cells as the built workbook with XlsxWriter in ``constant_memory`` mode and does
nothing else; with the ``bench`` extra installed, a Rust-backed writer
(``benchmarks/rust_floor.py``) writes the same cells too. Corpora are generated
(``benchmarks/corpus.py``) under ``--work``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from .corpus import generate

REPO = Path(__file__).resolve().parent.parent


LAUNCHER = Path(__file__).resolve().with_name("launcher.py")


def measure(cmd: list[str], cwd: Path, runs: int, env: dict, before=None,
            warmups: int = 1) -> tuple[float, int]:
    """Median wall seconds and peak RSS (MiB) of ``cmd`` over ``runs`` runs after
    ``warmups`` runs that are not counted.
    ``before`` runs before each run (not timed), e.g. to change a file.

    Each run is started by a small launcher process (``benchmarks/launcher.py``) that
    times it and reads its own peak memory, so the figure is the command's, not this
    process's (see the launcher's docstring)."""
    walls, peaks = [], []
    for i in range(runs + warmups):
        if before:
            before()
        out = subprocess.run([sys.executable, str(LAUNCHER), *cmd], cwd=cwd, env=env,
                             capture_output=True, text=True, check=True).stdout
        run = json.loads(out)
        if run["exit"] != 0:  # a failed run would be a meaningless (fast) figure
            raise SystemExit(f"failed: {' '.join(cmd)} in {cwd} (exit {run['exit']})")
        if i >= warmups:  # the first runs warm caches and are not counted
            walls.append(run["wall"])
            peaks.append(run["peak_kib"] // 1024)
    return statistics.median(walls), max(peaks)


JSON_PARSE = "import json, sys\nfor name in sys.argv[1:]:\n    json.load(open(name, 'rb'))"


def facts_as_json(folder: Path) -> list[Path]:
    """The corpus's fact files as JSON (the same data), for the parse limit."""
    import yaml

    out = folder / "json"
    out.mkdir(exist_ok=True)
    files = []
    for path in sorted((folder / "facts").glob("*.yaml")):
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        target = out / (path.stem + ".json")
        target.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
        files.append(target)
    return files


def dump_cells(project: Path, out: Path) -> int:
    """The cells the build writes, per sheet, for the floor script; returns the count."""
    from reportgen.briefing.model import build_briefing
    from reportgen.config import load_project
    from reportgen.evidence.check import check_project
    from reportgen.template.values import Formatted, Link, RowLink

    def plain(value):
        if isinstance(value, Formatted):
            value = value.value
        if isinstance(value, (Link, RowLink)):
            return value.text
        if hasattr(value, "as_integer_ratio") and not isinstance(value, (int, float)):
            return float(value)  # Decimal
        return value

    config = load_project(project / "reportgen.yml")
    briefing = build_briefing(check_project(config).corpus, config.title, "", "", "")
    sheets = {name: [list(table.fields)] + [[plain(v) for v in row] for row in table.rows]
              for name, table in briefing.tables.items()}
    out.write_bytes(pickle.dumps(sheets, pickle.HIGHEST_PROTOCOL))
    return sum(len(rows) * len(rows[0]) for rows in sheets.values())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1,
                        help="uncounted runs before each command's counted ones (0 for a "
                             "long size such as 1M; a warm check always has one)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rg-bench")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    reportgen = str(Path(sys.executable).with_name("reportgen"))
    env = dict(os.environ, REPORTGEN_CACHE_DIR=str(args.work / "cache"))
    # An installed package has its bytecode; with PYTHONDONTWRITEBYTECODE set (as on some
    # CI machines) every run would compile reportgen's modules again (about 0.16 s).
    # The warm-up run writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    shutil.rmtree(args.work / "cache", ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"reportgen benchmarks, {date.today()}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores; median of {args.runs} runs "
          "after a warm-up; peak = largest resident set")

    rows: list[tuple[str, float, int, str]] = []
    click_floor, _ = measure([sys.executable, "-c", "import click"], REPO, 10, env)
    help_time, _ = measure([reportgen, "--help"], REPO, 10, env)
    rows.append(("python -c 'import click'", click_floor, 0, ""))
    rows.append(("reportgen --help", help_time, 0,
                 f"{help_time / click_floor:.2f}x import click (target <= 1.2x)"))
    seeds_out = args.work / "seeds.xlsx"
    seeds, peak = measure([reportgen, "build", "-o", str(seeds_out)], REPO, args.runs, env)
    rows.append(("build shipped seeds", seeds, peak, "target <= 0.5 s"))

    builds: dict[int, float] = {}
    checks: dict[int, float] = {}
    for size in sizes:
        folder = args.work / f"corpus-{size}"
        config = generate(folder, size)
        shutil.copy(REPO / "templates" / "briefing.xlsx", folder / "template.xlsx")
        target = folder / "facts" / "facts-050.yaml"
        original = target.read_bytes()

        def touch(original=original, target=target, counter=[0]):  # noqa: B006
            counter[0] += 1
            target.write_bytes(original + f"# edit {counter[0]}\n".encode())

        label = f"{size // 1000}k facts"
        json_files = facts_as_json(folder)
        parse, parse_peak = measure(
            [sys.executable, "-c", JSON_PARSE, *map(str, json_files)], folder, args.runs, env,
            warmups=args.warmup)
        rows.append((f"JSON parse of the same {label} (the parse limit)", parse, parse_peak,
                     ""))
        cold, peak = measure([reportgen, "check", "--no-cache"], folder, args.runs, env,
                              warmups=args.warmup)
        rows.append((f"check {label}, cold", cold, peak,
                     f"{cold / parse:.1f}x the JSON parse (target (100k) <= 2.5 s, 5x)"))
        checks[size] = cold
        warm, peak = measure([reportgen, "check"], folder, args.runs, env)
        rows.append((f"check {label}, nothing changed", warm, peak, ""))
        one, peak = measure([reportgen, "check"], folder, args.runs, env, before=touch)
        target.write_bytes(original)
        rows.append((f"check {label}, 1 file of 100 changed", one, peak,
                     "target (100k) <= 0.5 s"))
        build, build_peak = measure([reportgen, "build"], folder, args.runs, env,
                                     warmups=args.warmup)
        builds[size] = build
        cells_file = folder / "cells.pickle"
        cells = dump_cells(folder, cells_file)
        floor, floor_peak = measure(
            [sys.executable, str(REPO / "benchmarks" / "floor.py"), str(cells_file),
             str(folder / "out" / "floor.xlsx")], folder, args.runs, env, warmups=args.warmup)
        rows.append((f"floor: xlsxwriter, {cells:,} cells", floor, floor_peak, ""))
        if importlib.util.find_spec("rustpy_xlsxwriter"):  # optional: the [bench] extra
            rust, rust_peak = measure(
                [sys.executable, str(REPO / "benchmarks" / "rust_floor.py"), str(cells_file),
                 str(folder / "out" / "rust.xlsx")], folder, args.runs, env,
                warmups=args.warmup)
            rows.append((f"rust writer, same cells ({label})", rust, rust_peak,
                         f"{rust / floor:.2f}x floor"))
        rows.append((f"build {label}", build, build_peak,
                     f"{build / floor:.2f}x floor (target (100k) <= 0.6x, <= 300 MiB)"))
        del config

    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        factor = large / small
        rows.append((f"growth {large // 1000}k / {small // 1000}k", 0, 0,
                     f"check {checks[large] / checks[small]:.1f}x, build "
                     f"{builds[large] / builds[small]:.1f}x for {factor:.0f}x the facts "
                     "(target <= 11x)"))

    width = max(len(r[0]) for r in rows)
    print(f"\n| {'what':<{width}} | median s | peak MiB | note |")
    print(f"| {'-' * width} | --- | --- | --- |")
    for what, seconds, peak, note in rows:
        shown = f"{seconds:.2f}" if seconds else ""
        print(f"| {what:<{width}} | {shown} | {peak or ''} | {note} |")


if __name__ == "__main__":
    main()
