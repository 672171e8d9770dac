"""How the pipeline scales: a full ``dvc repro`` of N reports, then the rebuild
after adding one more.

The corpus is built in a temporary folder (never inside the repository) from
the texts in ../shared/reports/: copy i of a text gets the id ``<stem>-c<i>``
and i+1 extra trailing newlines, so that every file has distinct bytes (the
pipeline rejects duplicates) and the same numbers.

Prints, per N: wall time per stage (from the moment DVC starts a stage to the
moment it starts the next one, so DVC's own hashing and caching are counted),
peak memory (the largest process of the run, and the machine's memory in use
sampled every 50 ms, above what it was before the run: worker processes run
side by side), characters per second of extraction, and the incremental
rebuild with the extract stage's own count.

Usage: python benchmarks/scale.py [--sizes 100 1000] [--runs N] [--reports DIR] [--target STAGE]
(--target: build only up to that stage, e.g. validate, to time the stages before it alone)
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.rebuild import BIN, env, project_copy  # noqa: E402
from pipeline.text import read_report  # noqa: E402

SHARED_REPORTS = ROOT.parent / "shared" / "reports"
STAGE_START = re.compile(r"Running stage '([^']+)'")
EXTRACTED = re.compile(r"extract: \d+ report\(s\) extracted")


@dataclass
class Build:
    """One ``dvc repro``: total and per-stage seconds, peak memory, the extract count line."""

    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    peak_mib: float = 0.0
    machine_mib: float = 0.0
    extracted: str = ""


def memory_in_use_mib() -> float:
    """The machine's memory in use (total minus available), in MiB."""
    info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    return (int(info["MemTotal"].split()[0]) - int(info["MemAvailable"].split()[0])) / 1024


class MemorySampler(threading.Thread):
    """The highest memory in use while it runs, above what was in use when it started."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.base = self.peak = memory_in_use_mib()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, memory_in_use_mib())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak - self.base


def make_corpus(raw: Path, sources: list[Path], count: int, first: int = 0) -> int:
    """Write ``count`` distinct reports into ``raw``; their total characters."""
    chars = 0
    for i in range(first, first + count):
        source = sources[i % len(sources)]
        data = source.read_bytes() + b"\n" * (i + 1)
        (raw / f"{source.stem}-c{i:05d}.txt").write_bytes(data)
        chars += len(read_report(source).text) + i + 1
    return chars


def repro(project: Path, targets: list[str]) -> Build:
    """Run ``dvc repro``, timing each stage from its 'Running stage' line."""
    sampler = MemorySampler()
    sampler.start()
    began = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "dvc"), "repro", *targets], cwd=project, env=env(project), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    marks: list[tuple[str, float]] = []
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if match := STAGE_START.search(line):
            marks.append((match.group(1), time.perf_counter()))
    _, status, usage = os.wait4(proc.pid, 0)
    ended = time.perf_counter()
    if status != 0:
        sys.exit("dvc repro failed:\n" + "".join(lines[-20:]))
    build = Build(ended - began, peak_mib=usage.ru_maxrss / 1024, machine_mib=sampler.stop())
    build.stages["dvc start-up"] = marks[0][1] - began if marks else ended - began
    for (stage, start), (_, end) in zip(marks, [*marks[1:], ("", ended)]):
        build.stages[stage] = end - start
    found = [m.group() for m in map(EXTRACTED.search, lines) if m]
    build.extracted = found[-1] if found else "extract did not run"
    return build


def median_build(builds: list[Build]) -> Build:
    """Per figure, the median over ``builds``."""
    return Build(statistics.median(b.seconds for b in builds),
                 {stage: statistics.median(b.stages.get(stage, 0.0) for b in builds) for stage in builds[0].stages},
                 statistics.median(b.peak_mib for b in builds), statistics.median(b.machine_mib for b in builds),
                 builds[0].extracted)


def measure(size: int, sources: list[Path], tmp: Path, targets: list[str], runs: int) -> None:
    """Full builds of ``size`` reports, each followed by the rebuild after adding one report; medians."""
    fulls, addeds = [], []
    for run in range(runs):
        project = project_copy(tmp / f"n{size}-{run}")
        raw = project / "raw"
        for old in raw.iterdir():
            old.unlink()
        chars = make_corpus(raw, sources, size)
        fulls.append(repro(project, targets))
        make_corpus(raw, sources, 1, first=size)
        addeds.append(repro(project, targets))
        shutil.rmtree(project)
    full, added = median_build(fulls), median_build(addeds)
    print(f"N={size}: {chars / 1e6:.1f} M characters; medians of {runs} run(s)")
    print(f"  full build        {full.seconds:7.1f} s  peak memory {full.peak_mib:6.0f} MiB "
          f"(machine {full.machine_mib:.0f} MiB)")
    print_stages(full)
    if "extract" in full.stages:
        print(f"  extraction        {chars / full.stages['extract'] / 1e3:7.0f} k characters/s")
    print(f"  add one report    {added.seconds:7.1f} s  peak memory {added.peak_mib:6.0f} MiB "
          f"(machine {added.machine_mib:.0f} MiB) "
          f"= {added.seconds / full.seconds:.1%} of the full build ({added.extracted})")
    print_stages(added)
    sys.stdout.flush()


def print_stages(build: Build) -> None:
    """Seconds per stage, after DVC's start-up before the first stage."""
    for stage, seconds in build.stages.items():
        print(f"    {stage:<15} {seconds:7.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--reports", type=Path, default=SHARED_REPORTS)
    parser.add_argument("--target", action="append", default=[], help="dvc repro target (default: every stage)")
    parser.add_argument("--runs", type=int, default=1, help="builds per size; medians are printed")
    args = parser.parse_args(argv)
    sources = sorted(args.reports.glob("*.txt"))
    if not sources:
        sys.exit(f"{args.reports}: no .txt reports")
    print(f"{os.cpu_count()} CPUs; goals for N=1000: <= 120 s, <= 2048 MiB, add one <= 10% of full")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            measure(size, sources, Path(tmp), args.target, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
