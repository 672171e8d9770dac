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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from functools import partial
from itertools import chain, islice
from typing import TypeVar

from pipeline.run.progress import progress

T = TypeVar("T")
R = TypeVar("R")
# Items handed to each worker ahead of the result the caller waits for: enough that
# a worker never waits for the next, few enough that they hold little memory.
AHEAD = 4


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


def ordered_map(func: Callable[[T], R], items: Iterable[T], label: str) -> Iterator[R]:
    """``func`` of each item, in the order of ``items``, on up to ``cpus()`` processes.

    ``items`` may be an iterator that makes each item as it is asked for (extract
    reads a report's bytes): it is asked only ``AHEAD`` items per worker ahead of
    the results, so a large corpus is never held in memory, and the workers start
    (a copy of this process) once it has given one item per CPU. An exception in a worker is raised
    here, for the first item that failed, and the items not yet started are cancelled.
    """
    total = len(items) if isinstance(items, Sized) else 0  # for the progress line
    items = iter(items)
    head = list(islice(items, cpus()))  # one item, or one CPU: no pool to start
    workers = min(len(head), cpus())
    if workers < 2:
        yield from map(func, progress(chain(head, items), label, total))
        return
    with pool(workers) as executor:
        yield from progress(_in_order(executor, func, chain(head, items), workers * AHEAD), label, total)


def _in_order(executor: Executor, func: Callable[[T], R], items: Iterator[T], ahead: int) -> Iterator[R]:
    """The results of ``func`` on ``items`` from ``executor``, in order, with at most
    ``ahead`` items submitted and not yet yielded."""
    running: deque[Future[R]] = deque()
    for item in items:
        running.append(executor.submit(func, item))
        if len(running) >= ahead:
            yield running.popleft().result()
    while running:
        yield running.popleft().result()
