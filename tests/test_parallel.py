"""Work spread over processes (pipeline/run/parallel.py): results in order, and an
iterator of items (extract's reports, read as they are handed out) is drawn only a
few items ahead of the results, so memory does not grow with the corpus."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.run import parallel


def drawn_ahead(monkeypatch, workers: int) -> tuple[list[int], int]:
    """The results of ``ordered_map`` over 50 items on ``workers`` CPUs, and the most
    items ever drawn from the iterator beyond the results taken."""
    monkeypatch.setattr(parallel, "cpus", lambda: workers)
    drawn = []

    def items() -> Iterator[int]:
        for n in range(50):
            drawn.append(n)
            yield -n

    results, most = [], 0
    for result in parallel.ordered_map(abs, items(), "test"):
        results.append(result)
        most = max(most, len(drawn) - len(results))
    return results, most


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_order_from_an_iterator_drawn_a_few_ahead(monkeypatch, workers):
    results, most = drawn_ahead(monkeypatch, workers)
    assert results == list(range(50))
    assert most <= workers * parallel.AHEAD + workers  # not the 50 a list would have held
