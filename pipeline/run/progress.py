"""A per-item progress line on a terminal, silent elsewhere (CI, logs, DVC)."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], label: str, total: int = 0) -> Iterator[T]:
    """Yield ``items``, drawing ``label  i/n`` on stderr when it is a terminal.

    ``total`` is for iterators that cannot say their length (results coming
    back from worker processes)."""
    if not sys.stderr.isatty():
        yield from items
        return
    total = total or (len(items) if isinstance(items, Sized) else 0)
    for done, item in enumerate(items, 1):
        sys.stderr.write(f"\r{label} {done}/{total or '?'}")
        sys.stderr.flush()
        yield item
    sys.stderr.write("\n")
