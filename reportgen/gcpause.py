"""Pause Python's cyclic garbage collector while building large acyclic data.

Loading 100,000 facts or laying out their rows makes millions of small objects that
hold no reference cycles; the cyclic collector would scan them again and again for
nothing (measured: a third to two fifths of the model's time at 100,000 facts).
Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
