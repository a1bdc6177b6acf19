"""The benchmark's own measurements: a figure must be the command's, not the benchmark's."""

from __future__ import annotations

import sys

from benchmarks.run import REPO, measure


def test_peak_memory_is_the_commands_own_not_the_parents():
    """Hold 400 MiB here, then measure a process that needs about 10 MiB. Started directly
    from this process, Linux would report at least 400 MiB for it."""
    held = b"x" * (400 * 2**20)  # written, so resident
    seconds, peak_mib = measure([sys.executable, "-c", "pass"], REPO, 1, {})
    assert len(held) and seconds > 0
    assert peak_mib < 100
