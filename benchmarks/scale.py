"""How the pipeline scales: a full ``dvc repro`` of N reports, the rebuild after
adding one more and after a rule change, against floors measured in the same run.

The corpus is built in a temporary folder (never inside the repository) from
the texts in ../shared/reports/, shaped like real years of reports: report i
is a copy of a shared text (i+1 extra trailing newlines, so every file has
distinct bytes) with a sidecar giving it the region of row i of the division
table (national, provinces, cities, counties: 3,210 regions, so 3,210 reports
are one plan year) and the plan year 2025 - i // 3210. Its rows therefore fall
into the partitions (plan year, province) a real year's would.

Prints, per N and in one run: per stage the wall time (from the moment DVC
starts a stage to the moment it starts the next, so DVC's hashing and
dvc.lock are counted), ms per report, the largest process and the memory of
the stage's processes together (sampled every 50 ms), and how many CPUs the
stage kept busy (its processes' CPU time over its wall time); the output sizes, the
largest committed file, and what it would be partitioned by plan year alone
or not at all; the rebuild after adding one report and after a rule change;
and the ratios of extract and normalize to their floors:
- extract floor: a minimal script that decodes every report (``text.decode``)
  and writes every regex number (``text.NUMBER``) to a CSV, in one process;
- normalize floor: reading every output CSV with pandas, in one process;
- normalize bound: the stage with every meaning rule removed (``bare_tables``),
  run as the stage runs, and what 5x the floor then leaves for all the rules per
  figure, beside the cost of one regex search over a clause and of one Python
  call per figure, measured in the same run.

Usage: python benchmarks/scale.py [--sizes 1000 3200] [--full-only 9600] [--reports DIR] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import NamedTuple

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.rebuild import BIN, env, project_copy  # noqa: E402

SHARED_REPORTS = ROOT.parent / "shared" / "reports"
DIVISIONS = ROOT / "pipeline" / "rules" / "meaning" / "divisions.csv"
RULE_CODE = Path("pipeline/rules/__init__.py")  # code every stage depends on: touching it redoes every report
STAGE_START = re.compile(r"Running stage '([^']+)'")
EXTRACTED = re.compile(r"extract: \d+ report\(s\) extracted")
PER_YEAR = 3210  # rows of the division table: one report per region is a year
MIB = 1024 * 1024
FIGURE_CONTEXT = 32  # characters each side of a figure that the bound writes as its context: 67 in all, a real one's mean
GOALS = {"largest committed file": "50 MB", "add one": "5 % of the full build",
         "extract": "4x floor", "normalize": "5x floor", "peak memory": "1 GiB"}


@dataclass
class StageUse:
    seconds: float = 0.0
    largest_mib: float = 0.0  # the largest single process
    together_mib: float = 0.0  # the stage's processes together (workers side by side)
    cpu_seconds: float = 0.0  # CPU time of every process of the stage (DVC's own work included)

    @property
    def cores(self) -> float:
        """How many CPUs the stage kept busy on average (2.0: both cores all the time)."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


@dataclass
class Build:
    """One ``dvc repro``: total seconds, per stage time and memory, extract's count line."""

    seconds: float
    stages: dict[str, StageUse] = field(default_factory=dict)
    extracted: str = ""

    @property
    def largest_mib(self) -> float:
        return max((s.largest_mib for s in self.stages.values()), default=0.0)

    @property
    def together_mib(self) -> float:
        return max((s.together_mib for s in self.stages.values()), default=0.0)


class TreeSampler(threading.Thread):
    """Every 50 ms, the resident memory of a process and its descendants, charged to
    the stage running at the time: the largest process and the sum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.stage = "dvc start-up"
        self.largest: dict[str, float] = defaultdict(float)
        self.together: dict[str, float] = defaultdict(float)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                continue
            rss = []
            for proc in procs:
                try:
                    rss.append(proc.memory_info().rss / MIB)
                except psutil.Error:
                    pass
            if rss:
                stage = self.stage
                self.largest[stage] = max(self.largest[stage], max(rss))
                self.together[stage] = max(self.together[stage], sum(rss))

    def stop(self) -> None:
        self.done.set()
        self.join()


def regions() -> list[dict]:
    """The division table's rows with their parent's name."""
    with open(DIVISIONS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {row["code"]: row["name"] for row in rows}
    return [{**row, "parent": names.get(row["parent_code"], "")} for row in rows]


def make_corpus(raw: Path, sources: list[Path], count: int, first: int = 0) -> int:
    """Write reports ``first`` .. ``first + count - 1`` (texts and sidecars) into ``raw``; their bytes."""
    table = regions()
    size = 0
    for i in range(first, first + count):
        source = sources[i % len(sources)]
        data = source.read_bytes() + b"\n" * (i + 1)
        stem = f"{source.stem}-c{i:05d}"
        (raw / f"{stem}.txt").write_bytes(data)
        region = table[i % len(table)]
        plan = 2025 - i // len(table)
        lines = [f"region: {region['name']}", f"region_level: {region['level']}",
                 f"plan_year: {plan}", f"review_year: {plan - 1}"]
        if region["parent"]:
            lines.append(f"parent_region: {region['parent']}")
        (raw / f"{stem}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        size += len(data)
    return size


def repro(project: Path, targets: list[str] = ()) -> Build:
    """Run ``dvc repro``, timing each stage from its 'Running stage' line and sampling its memory."""
    began = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "dvc"), "repro", *targets], cwd=project, env=env(project), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    marks: list[tuple[str, float, float]] = []
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if match := STAGE_START.search(line):
            marks.append((match.group(1), time.perf_counter(), cpu_so_far(sampler.root)))
            sampler.stage = match.group(1)
    _, wait_status, usage = os.wait4(proc.pid, 0)  # the rusage of DVC and every stage process it waited for
    proc.returncode = status = os.waitstatus_to_exitcode(wait_status)
    ended, cpu_end = time.perf_counter(), usage.ru_utime + usage.ru_stime
    sampler.stop()
    if status != 0:
        sys.exit("dvc repro failed:\n" + "".join(lines[-30:]))
    build = Build(ended - began)
    first, cpu_first = (marks[0][1], marks[0][2]) if marks else (ended, cpu_end)
    build.stages["dvc start-up"] = StageUse(first - began, sampler.largest["dvc start-up"],
                                            sampler.together["dvc start-up"], cpu_first)
    for (stage, start, cpu), (_, end, cpu_next) in zip(marks, [*marks[1:], ("", ended, cpu_end)]):
        build.stages[stage] = StageUse(end - start, sampler.largest[stage], sampler.together[stage], cpu_next - cpu)
    found = [m.group() for m in map(EXTRACTED.search, lines) if m]
    build.extracted = found[-1] if found else "extract did not run"
    return build


def cpu_so_far(root: psutil.Process) -> float:
    """CPU seconds of DVC and of the stage processes it has waited for (a stage's
    pool workers are waited for by the stage, so they count once the stage ends)."""
    try:
        times = root.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system + times.children_user + times.children_system


class Timed(NamedTuple):
    """A command's wall seconds, peak memory (MiB), CPU seconds (its own and its
    workers') and what it printed."""

    seconds: float
    mib: float
    cpu_seconds: float
    out: str


def timed(command: list[str], cwd: Path) -> Timed:
    """Run ``command`` and measure it (``Timed``)."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env(cwd), stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        sys.exit(f"{command}: failed")
    return Timed(time.perf_counter() - began, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, out)


def extract_floor(raw: Path, out: Path) -> None:
    """The extract floor: decode every report, write every regex number to one CSV."""
    from pipeline.read.text import NUMBER, decode

    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["report_id", "start", "end", "text"])
        for path in sorted(raw.glob("*.txt")):
            text = decode(path.read_bytes(), str(path)).text
            writer.writerows((path.stem, m.start(), m.end(), m.group()) for m in NUMBER.finditer(text))


def normalize_floor(data: Path) -> None:
    """The normalize floor: read every output CSV with pandas."""
    import pandas as pd

    rows = sum(len(pd.read_csv(path, dtype=str, keep_default_na=False)) for path in sorted(data.rglob("*.csv"))
               if "cache" not in path.parts and "interim" not in path.parts)
    print(rows)


def bare_tables(record: dict) -> dict[str, list[dict]]:
    """``normalize.report_tables`` with every meaning rule removed: a figures row per
    mention from the interim fields as they are, with a context as long as a real
    one on average (a fixed window of the text), and nothing that takes a rule:
    no role, subject, period, area, code, project, headline, quality flag or scorecard side."""
    from pipeline.normalize import ROLE_TABLES, SIDES

    report_id, text = record["report"]["report_id"], record["text"]
    figures = [{**m, "report_id": report_id, "figure_id": f"f{m['start']:06d}", "role": "",
                "raw": text[m["start"]:m["raw_end"]],
                "context": text[max(0, m["start"] - FIGURE_CONTEXT):m["end"] + FIGURE_CONTEXT]}
               for m in record["mentions"]]
    return {"reports": [record["report"]], "sections": [{"report_id": report_id, **s} for s in record["sections"]],
            "figures": figures, **{name: [] for name in ROLE_TABLES}, "projects": [], "headline": [], "quality": [],
            SIDES: []}


def normalize_bound(interim: Path, root: Path) -> None:
    """The bound: the normalize stage with ``bare_tables`` for its rules, run as the
    stage runs (its per-report map on every CPU, its cache of pieces, its package
    writer, into ``root``); prints the number of figures written."""
    from pipeline import normalize
    from pipeline.package.resources import build

    (root / normalize.CACHE).mkdir(parents=True)
    entries = normalize.report_entries(normalize.interim_files(interim), root / normalize.CACHE,
                                       partial(normalize.report_piece, tables_of=bare_tables))
    counts, _ = normalize.write_package(entries, root / "staging", build(), Decimal(0))  # no sides: no scorecard
    print(counts["figures"])


def _call(clause: str) -> str:
    """The least a rule can be: one Python function call."""
    return clause


def per_figure_costs(interim: Path, reports: int = 50) -> tuple[float, float]:
    """CPU µs per figure of one compiled-regex search over the figure's clause (the
    101 verbs of ``periods.csv`` kind acted, a rule's usual pattern) and of one Python
    function call, over the figures of the first ``reports`` interim records: the
    least one rule costs, beside what 5x the floor leaves for them all."""
    from pipeline.read.reading import Reading
    from pipeline.rules.patterns import any_cue

    clauses: list[str] = []
    for path in sorted(interim.glob("*.json"))[:reports]:
        record = json.loads(path.read_text(encoding="utf-8"))
        r = Reading(record["text"])  # each figure's clause as the rules read it
        clauses += [r.text[r.clause_start(m["start"]):r.clause_end(m["start"])] for m in record["mentions"]]
    search = any_cue("acted", "periods").search
    loop = _best(lambda: [c for c in clauses])  # the loop alone: taken off both
    return ((_best(lambda: [search(c) for c in clauses]) - loop) / len(clauses) * 1e6,
            (_best(lambda: [_call(c) for c in clauses]) - loop) / len(clauses) * 1e6)


def _best(run: Callable[[], object]) -> float:
    """CPU seconds of ``run``, the best of five (the least disturbed by other work)."""
    return min(timeit.repeat(run, number=1, repeat=5, timer=time.process_time))


def committed_files(project: Path) -> dict[str, int]:
    """Bytes of every file the package commits: datapackage.json and data/'s CSVs."""
    out = {"datapackage.json": (project / "datapackage.json").stat().st_size}
    for path in (project / "data").rglob("*.csv"):
        rel = path.relative_to(project)
        if rel.parts[1] not in ("cache", "interim"):
            out[rel.as_posix()] = path.stat().st_size
    return out


def layouts(files: dict[str, int]) -> dict[str, tuple[str, int]]:
    """The largest file under each layout: as published (plan year and province), by plan
    year alone, and one file per resource."""
    by_year: dict[str, int] = defaultdict(int)
    whole: dict[str, int] = defaultdict(int)
    for path, size in files.items():
        parts = path.split("/")
        if len(parts) == 4:  # data/<resource>/<year>/<province>.csv
            by_year[f"data/{parts[1]}/{parts[2]}.csv"] += size
            whole[f"data/{parts[1]}.csv"] += size
        else:
            by_year[path] += size
            whole[path] += size
    return {name: max(sizes.items(), key=lambda item: item[1])
            for name, sizes in (("plan year and province (as published)", files),
                                ("plan year alone", by_year), ("one file per resource", whole))}


def measure(size: int, sources: list[Path], tmp: Path, keep: Path | None, rebuilds: bool = True) -> None:
    """Everything for N = ``size`` reports, in one run (without ``rebuilds``: the
    full build and the floors only, for the memory and time of a large corpus)."""
    project = project_copy(tmp / f"n{size}")
    raw = project / "raw"
    for old in raw.iterdir():
        old.unlink()
    corpus_bytes = make_corpus(raw, sources, size)
    full = repro(project)

    files = committed_files(project)
    floor_out = tmp / f"floor-{size}.csv"
    py = str(BIN / "python")
    me = str(Path(__file__).resolve())
    extract_floor_s, extract_floor_mib, *_ = timed([py, me, "--floor", "extract", str(raw), str(floor_out)], project)
    normalize_floor = timed([py, me, "--floor", "normalize", str(project / "data")], project)
    normalize_floor_s, normalize_floor_mib = normalize_floor.seconds, normalize_floor.mib
    interim = project / "data" / "interim"
    bound = timed([py, me, "--floor", "bound", str(interim), str(tmp / f"bound-{size}")], project)

    n = size
    print(f"\nN={n}: {corpus_bytes / 1e6:.1f} MB of text, {os.cpu_count()} CPUs, one run")
    print(f"  full build            {full.seconds:7.1f} s  {full.seconds / n * 1e3:6.1f} ms/report  "
          f"largest process {full.largest_mib:5.0f} MiB  processes together {full.together_mib:5.0f} MiB")
    print(f"    {'stage':<16} {'s':>7} {'ms/report':>10} {'largest MiB':>12} {'together MiB':>13} {'CPUs busy':>10}")
    for stage, use in full.stages.items():
        print(f"    {stage:<16} {use.seconds:7.1f} {use.seconds / n * 1e3:10.2f} {use.largest_mib:12.0f} "
              f"{use.together_mib:13.0f} {use.cores:10.2f}")
    total = sum(files.values())
    print(f"  output: {len(files)} committed files, {total / 1e6:.1f} MB")
    for name, (path, biggest) in layouts(files).items():
        print(f"    largest file, {name:<38} {biggest / 1e6:7.1f} MB  {path}")
    ex, no = full.stages.get("extract"), full.stages.get("normalize")
    print(f"  floors (one process): extract floor {extract_floor_s:.1f} s ({extract_floor_mib:.0f} MiB), "
          f"normalize floor {normalize_floor_s:.1f} s ({normalize_floor_mib:.0f} MiB)")
    if ex and no:
        print(f"    extract   {ex.seconds:6.1f} s = {ex.seconds / extract_floor_s:4.1f}x its floor (goal <= 4x)")
        print(f"    normalize {no.seconds:6.1f} s = {no.seconds / normalize_floor_s:4.1f}x its floor (goal <= 5x)")
        print_bound(bound, normalize_floor, no, per_figure_costs(interim))
    if rebuilds:
        print_rebuilds(project, sources, size, full, files)
    sys.stdout.flush()
    if keep:
        shutil.copytree(project, keep / f"n{size}", symlinks=True, dirs_exist_ok=True)
    shutil.rmtree(project)


def print_bound(bound: Timed, floor: Timed, stage: StageUse, costs: tuple[float, float]) -> None:
    """The bound's ratio to the floor, in wall time and in CPU time (the one to trust
    on a busy machine), and per figure the CPU time the rules take today, what 5x
    the floor would leave them with every CPU busy, and the least one rule costs."""
    figures, cpus = int(bound.out.split()[-1]), os.cpu_count() or 1
    today = (stage.cpu_seconds - bound.cpu_seconds) / figures * 1e6
    left = (5 * floor.cpu_seconds * cpus - bound.cpu_seconds) / figures * 1e6
    print(f"    bound     {bound.seconds:6.1f} s = {bound.seconds / floor.seconds:4.1f}x its floor "
          f"(CPU {bound.cpu_seconds:.1f} s = {bound.cpu_seconds / floor.cpu_seconds:.1f}x the floor's "
          f"{floor.cpu_seconds:.1f} s): normalize with no meaning rule, {figures} figures")
    print(f"      all rules, CPU per figure: {today:.0f} us today; 5x the floor leaves {left:.0f} us "
          f"(all {cpus} CPUs busy); one regex search over its clause {costs[0]:.2f} us, one Python call {costs[1]:.2f} us")


def print_rebuilds(project: Path, sources: list[Path], size: int, full: Build, files: dict[str, int]) -> None:
    """The rebuild after adding one report, then after a rule change, against the full build."""
    make_corpus(project / "raw", sources, 1, first=size)
    added = repro(project)
    added_files = committed_files(project)
    touched = [p for p, n in added_files.items() if files.get(p) != n]
    with open(project / RULE_CODE, "a", encoding="utf-8") as fh:
        fh.write("\n# benchmark: a rule change (every stage's code, so every report is redone)\n")
    changed = repro(project)
    print(f"  add one report        {added.seconds:7.1f} s = {added.seconds / full.seconds:.1%} of the full build "
          f"(goal <= 5%); {len(touched)} committed file(s) rewritten ({added.extracted})")
    for stage, use in added.stages.items():
        print(f"    {stage:<16} {use.seconds:7.1f} s  largest {use.largest_mib:5.0f} MiB")
    print(f"  rule change           {changed.seconds:7.1f} s = {changed.seconds / full.seconds:.1%} of the full build "
          f"({changed.extracted})")
    for stage, use in changed.stages.items():
        print(f"    {stage:<16} {use.seconds:7.1f} s  largest {use.largest_mib:5.0f} MiB  "
              f"together {use.together_mib:5.0f} MiB  CPUs busy {use.cores:4.2f} of {os.cpu_count()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3200])
    parser.add_argument("--reports", type=Path, default=SHARED_REPORTS)
    parser.add_argument("--keep", type=Path, default=None, help="copy each built project here")
    parser.add_argument("--full-only", nargs="*", type=int, default=[], metavar="N",
                        help="for these sizes, the full build and floors only (no add-one or rule-change rebuild)")
    parser.add_argument("--floor", nargs="+", help=argparse.SUPPRESS)  # the floors, run as their own process
    args = parser.parse_args(argv)
    if args.floor:
        if args.floor[0] == "extract":
            extract_floor(Path(args.floor[1]), Path(args.floor[2]))
        elif args.floor[0] == "bound":
            normalize_bound(Path(args.floor[1]), Path(args.floor[2]))
        else:
            normalize_floor(Path(args.floor[1]))
        return 0
    sources = sorted(args.reports.glob("*.txt"))
    if not sources:
        sys.exit(f"{args.reports}: no .txt reports")
    print(f"{os.cpu_count()} CPUs; goals at N=3200: " + ", ".join(f"{k} <= {v}" for k, v in GOALS.items()))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            measure(size, sources, Path(tmp), args.keep, rebuilds=size not in args.full_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
