"""Work shared out to processes forked from this one, which see its data without a copy."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
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
