"""Run one command and print its own wall time and peak memory, as JSON.

    python benchmarks/launcher.py CMD [ARG ...]

Why a launcher: on Linux, a child's peak resident set (``ru_maxrss``) is at least the
peak of the process it was forked from, because exec keeps the larger of the old and the
new address space's high-water mark. The benchmark itself holds whole corpora, so a
command started from it directly would report the benchmark's memory, not its own
(``python -c pass`` reported 611 MB once the benchmark held 600 MB). Started from this
small process instead, a command's figure is its own (or this launcher's, about 10 MiB,
if that is larger). Prints ``{"wall": seconds, "peak_kib": KiB, "exit": code}``.
"""

import json
import os
import subprocess
import sys
import time


def main(cmd: list[str]) -> None:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "peak_kib": usage.ru_maxrss,
                      "exit": os.waitstatus_to_exitcode(status)}))


if __name__ == "__main__":
    main(sys.argv[1:])
