"""Work shared out to processes forked from this one, which see its data without a copy; the collector's pace in a run."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

# The function and data of the fork_map running now; forked workers inherit them.
_work: tuple[Callable, object] | None = None


def fork_map(function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item], jobs: int) -> list[Result]:
    """Return [function(shared, item) for item in items], computed in up to `jobs` forked processes.

    `shared` (an index of a hundred thousand claims, say) reaches the workers through the fork,
    not through a pipe; only the items and the results are sent. Where processes cannot be
    forked, or there is one job or one item, the work is done here, with the same result.
    """
    global _work
    workers = min(jobs, len(items))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(shared, item) for item in items]
    _work = (function, shared)
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=leave_with_parent
        ) as pool:
            return list(pool.map(_run, items))
    finally:
        _work = None


def _run(item: object) -> object:
    assert _work is not None, "set by fork_map before the workers are forked"
    function, shared = _work
    return function(shared, item)


# How often a worker looks whether the run that started it is still there, in seconds.
PARENT_CHECK_SECONDS = 1.0


def leave_with_parent() -> None:
    """Make this worker exit once the process that started it is gone.

    A run killed outright (SIGKILL, out of memory) cannot stop its pool: the workers would wait
    on its queue for ever.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="leave-with-parent", daemon=True).start()


# Allocations between collections of the youngest objects (Python's default is 700), and
# collections of each generation between collections of the next (default 10).
COLLECTOR_THRESHOLDS = (100_000, 50, 50)


def pace_collector() -> None:
    """Collect garbage at a run's pace from now on.

    A run builds millions of small objects that live to its end (claims, frames, pairs):
    collecting the youngest generation every 700 allocations rescans them for nothing.
    """
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


@contextmanager
def collector_paced() -> Iterator[None]:
    """Collect garbage at a run's pace (pace_collector) within the block, as before after it."""
    before = gc.get_threshold()
    pace_collector()
    try:
        yield
    finally:
        gc.set_threshold(*before)
