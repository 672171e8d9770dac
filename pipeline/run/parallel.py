"""Spread independent per-report work over the machine's CPUs.

Reports do not depend on each other in extract and normalize, nor do groups
of reports in validation, so a corpus of thousands uses every core. Results
come back in input order, so the outputs are the same whatever the number of
workers. One item, or one CPU, runs in this process: no start-up cost for the
common case of adding a single report.
"""
from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

from pipeline.run.progress import progress

T = TypeVar("T")
R = TypeVar("R")


def cpus() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0))


class InProcess(Executor):
    """An executor that runs each task in this process, as it is submitted."""

    def submit(self, fn: Callable[..., R], /, *args, **kwargs) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:  # handed to whoever asks for the result, as a pool would
            future.set_exception(err)
        return future


def _start_worker(warm: Callable[[], object] | None) -> None:
    """A worker ignores Ctrl-C: the main process reports it once and stops the pool,
    instead of every worker printing its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        warm()


@contextmanager
def pool(workers: int, warm: Callable[[], object] | None = None) -> Iterator[Executor]:
    """A pool of ``workers`` processes (fewer than two: this process); on leaving,
    work not yet started is cancelled.

    With ``warm`` (say, a slow import), the workers start at once and each runs
    it first, so they are ready by the time this process has work for them."""
    if workers < 2:
        yield InProcess()
        return
    from concurrent.futures import ProcessPoolExecutor  # here: most runs of a stage need no pool

    gc.freeze()  # workers share this process's memory; a collection there would copy every page it visits
    executor = ProcessPoolExecutor(max_workers=workers, initializer=partial(_start_worker, warm))
    if warm:
        executor.submit(int)  # the first task starts every worker (fork), each running ``warm`` first
    try:
        yield executor
    finally:
        executor.shutdown(cancel_futures=True)
        gc.unfreeze()


def ordered_map(func: Callable[[T], R], items: list[T], label: str) -> Iterator[R]:
    """``func`` of each item, in the order of ``items``, on up to ``cpus()`` processes.

    An exception in a worker is raised here, for the first item that failed,
    and the items not yet started are cancelled.
    """
    workers = min(len(items), cpus())
    if workers < 2:
        yield from map(func, progress(items, label))
        return
    with pool(workers) as executor:
        yield from progress(executor.map(func, items), label, total=len(items))
