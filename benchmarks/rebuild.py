"""Median wall time of a forced full rebuild, against a DVC pipeline of three
stages that do nothing, and their ratio (how much our stages cost on top of
DVC's own overhead).

Usage: python benchmarks/rebuild.py [--runs N]
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
NOOP_DVC = """stages:
  a:
    cmd: python -c pass
    deps:
      - params.yaml
  b:
    cmd: python -c pass
    deps:
      - params.yaml
  c:
    cmd: python -c pass
    deps:
      - params.yaml
"""


def run(cmd: list[str], cwd: Path) -> None:
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd), "DVC_NO_ANALYTICS": "1"}
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=env)


def git_repo(folder: Path) -> None:
    run(["git", "init", "-q"], folder)
    run(["git", "-c", "user.name=b", "-c", "user.email=b@example.invalid", "add", "-A"], folder)
    run(["git", "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-qm", "bench"], folder)


def project_copy(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    git_repo(dest)
    return dest


def noop_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    (dest / "params.yaml").write_text("x: 1\n")
    (dest / "dvc.yaml").write_text(NOOP_DVC)
    git_repo(dest)
    run([str(BIN / "dvc"), "init", "-q"], dest)
    return dest


def median_seconds(folder: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run([str(BIN / "dvc"), "repro", "--force", "-q"], folder)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ours = project_copy(Path(tmp) / "project")
        noop = noop_project(Path(tmp) / "noop")
        pipeline_s = median_seconds(ours, args.runs)
        noop_s = median_seconds(noop, args.runs)
    print(f"forced full rebuild: median {pipeline_s:.2f} s over {args.runs} runs")
    print(f"no-op 3-stage DVC pipeline: median {noop_s:.2f} s over {args.runs} runs")
    print(f"ratio: {pipeline_s / noop_s:.2f}x (goal <= 2.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
