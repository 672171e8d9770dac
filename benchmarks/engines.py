"""What an existing engine does with the per-report map: normalize's work for
N reports (``normalize.report_piece`` on each interim file, the stage's
dominant cost) run three ways on this machine, each a median of ``--runs``:

- one process, a plain loop (the floor: no parallelism, no overhead);
- the pipeline's own pool (``parallel.ordered_map``, processes on every CPU);
- Dask distributed (``LocalCluster``, one single-threaded worker process per
  CPU, ``client.map`` then ``gather``): the engine the README names for
  taking the map past one machine.

The interim files are copies of the shared reports' (extracted once), so
every engine maps the same work. Dask is not a dependency of the package:
install it to run this (``pip install "dask[distributed]"``).

Usage: python benchmarks/engines.py [--reports 1000] [--runs 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import extract, normalize  # noqa: E402
from pipeline.run.parallel import cpus, ordered_map  # noqa: E402

SHARED_REPORTS = ROOT.parent / "shared" / "reports"


def interim_copies(shared: Path, count: int, folder: Path) -> list[Path]:
    """``count`` interim files, copies of the shared reports' in turn."""
    raw, interim = folder / "raw", folder / "interim"
    raw.mkdir()
    for path in sorted(shared.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    extract.run(raw, interim)
    sources = normalize.interim_files(interim)
    copies = folder / "copies"
    copies.mkdir()
    paths = []
    for i in range(count):
        path = copies / f"r{i:05d}.json"
        shutil.copy(sources[i % len(sources)], path)
        paths.append(path)
    return paths


def plain(paths: list[Path]) -> None:
    for path in paths:
        normalize.report_piece(path)


def own_pool(paths: list[Path]) -> None:
    for _ in ordered_map(normalize.report_piece, paths, "normalize"):
        pass


def dask_engine() -> Callable[[list[Path]], None] | None:
    """A map over Dask's local cluster, or None where Dask is not installed. The
    cluster starts here, once, as a user's long-lived cluster would be."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    client = Client(LocalCluster(n_workers=cpus(), threads_per_worker=1, processes=True,
                                 dashboard_address=None))

    def run(paths: list[Path]) -> None:
        client.gather(client.map(normalize.report_piece, paths, pure=False))
    return run


def median_seconds(run: Callable[[list[Path]], None], paths: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(paths)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = interim_copies(SHARED_REPORTS, args.reports, Path(tmp))
        engines: dict[str, Callable[[list[Path]], None] | None] = {
            "one process (floor)": plain, "pipeline pool": own_pool, "dask distributed": dask_engine()}
        floor = None
        print(f"normalize's per-report map, {args.reports} reports, {cpus()} CPUs, median of {args.runs}")
        for name, run in engines.items():
            if run is None:
                print(f"  {name:22} not installed (pip install \"dask[distributed]\")")
                continue
            seconds = median_seconds(run, paths, args.runs)
            floor = floor or seconds
            print(f"  {name:22} {seconds:7.2f} s  {1000 * seconds / args.reports:6.2f} ms/report  "
                  f"{seconds / floor:5.2f}x the one-process loop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
