"""Median wall time of a forced full rebuild, against DVC pipelines of stages
that do nothing (``python -c pass``): one of three stages (issue 2's baseline)
and one of as many stages as ours, and the ratios: how much our stages cost on
top of DVC's own overhead.

Two forced rebuilds are timed: "warm", as ``dvc repro --force`` runs for a
user (the stages' per-report caches in data/interim and data/cache are kept,
so unchanged reports are not extracted, classified or validated again), and
"cold", with those caches deleted before every run (every report redone).

Usage: python benchmarks/rebuild.py [--runs N] [--target STAGE]
(--target: rebuild only that stage and the ones it depends on, e.g. validate)
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ISSUE_NOOP_STAGES = 3  # the baseline issue 2 names: three stages that do nothing
NOOP_STAGE = """  s{n}:
    cmd: python -c pass
    deps:
      - params.yaml
"""
CACHES = ("data/interim", "data/cache")


def env(cwd: Path) -> dict[str, str]:
    """A clean environment: the venv's tools, a home folder beside ``cwd`` (no user config,
    tools' caches outside the project), no analytics, unbuffered output."""
    return {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd.parent / "home"), "DVC_NO_ANALYTICS": "1",
            "PYTHONUNBUFFERED": "1"}


def run(cmd: list[str], cwd: Path) -> str:
    """Run ``cmd`` in ``cwd``; its output."""
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True, env=env(cwd)).stdout


def git_repo(folder: Path) -> None:
    run(["git", "init", "-q"], folder)
    run(["git", "-c", "user.name=b", "-c", "user.email=b@example.invalid", "add", "-A"], folder)
    run(["git", "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-qm", "bench"], folder)


def project_copy(dest: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored) in ``dest``, as a new git repository."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if not (ROOT / name).is_file():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    git_repo(dest)
    return dest


def noop_project(dest: Path, stages: int) -> Path:
    """A DVC project of ``stages`` stages that do nothing."""
    dest.mkdir(parents=True)
    (dest / "params.yaml").write_text("x: 1\n")
    (dest / "dvc.yaml").write_text("stages:\n" + "".join(NOOP_STAGE.format(n=n) for n in range(stages)))
    git_repo(dest)
    run([str(BIN / "dvc"), "init", "-q"], dest)
    return dest


def median_seconds(folder: Path, runs: int, targets: list[str], cold: bool = False) -> float:
    """Median seconds of ``dvc repro --force``; ``cold`` deletes the stages' caches before each run."""
    times = []
    for _ in range(runs):
        if cold:
            for cache in CACHES:
                shutil.rmtree(folder / cache, ignore_errors=True)
        began = time.perf_counter()
        run([str(BIN / "dvc"), "repro", "--force", "-q", *targets], folder)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", action="append", default=[], help="dvc repro target (default: every stage)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "project")
        output = run([str(BIN / "dvc"), "repro", "--force", *args.target], ours)  # also fills the caches
        stages = output.count("Running stage")
        noops = {n: noop_project(Path(tmp) / f"noop{n}", n) for n in sorted({stages, ISSUE_NOOP_STAGES})}
        warm_s = median_seconds(ours, args.runs, args.target)
        cold_s = median_seconds(ours, args.runs, args.target, cold=True)
        noop_s = {n: median_seconds(folder, args.runs, []) for n, folder in noops.items()}
    print(f"forced rebuild of {stages} stages, warm caches: median {warm_s:.2f} s over {args.runs} runs")
    print(f"forced rebuild of {stages} stages, cold caches: median {cold_s:.2f} s over {args.runs} runs")
    for n, seconds in noop_s.items():
        print(f"no-op {n}-stage DVC pipeline: median {seconds:.2f} s over {args.runs} runs; "
              f"ratio warm {warm_s / seconds:.2f}x, cold {cold_s / seconds:.2f}x (goal <= 2.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
