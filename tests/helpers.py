"""What several test modules need: building a package in a folder, and a
scratch copy of the repository to run DVC in."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline import extract, normalize, validate
from pipeline.package import publish
from pipeline.package.schema import descriptor, iter_resource, paths, resource

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def build_package(root: Path, raw: Path) -> list[str]:
    """Run extract, normalize and validate into ``root``; the problems found. As in
    the build, the CSVs are published into ``root/data`` only if they pass."""
    extract.run(raw, root / "data" / "interim")
    assert normalize.main(["--interim", str(root / "data" / "interim"), "--root", str(root)]) == 0
    staging = root / publish.STAGING
    errors, _ = validate.run(root, root / "datapackage.json", csvs=staging)
    if not errors:
        staged = staging / "datapackage.json"
        names = [path for res in descriptor(staged)["resources"] for path in paths(res)]
        publish.publish(root, staging, names, {root / "datapackage.json": staged.read_bytes()})
    return errors


def package_bytes(root: Path) -> dict[str, bytes]:
    """The bytes of datapackage.json and every CSV of the package under ``root``, by path."""
    files = [path for res in descriptor(root / "datapackage.json")["resources"] for path in paths(res)]
    return {path: (root / path).read_bytes() for path in ["datapackage.json", *files]}


def part(base: Path, name: str) -> Path:
    """The one file of resource ``name`` in the package at ``base`` (a root, or the
    staging folder), which holds one partition (tests build a report or a few of one
    plan year and province)."""
    files = paths(resource(name, base / "datapackage.json"))
    assert len(files) == 1, f"{name}: {len(files)} files"
    return base / files[0]


def resource_bytes(base: Path, name: str) -> bytes:
    """Every file of resource ``name`` in the package at ``base``, joined."""
    return b"".join((base / path).read_bytes() for path in paths(resource(name, base / "datapackage.json")))


def scratch_copy(tmp_path: Path) -> Path:
    """The repository's tracked and untracked-but-not-ignored files, committed in a new git repo."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    copy = tmp_path / "repo"
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run([*git, "add", "-A"], cwd=copy, check=True)
    subprocess.run([*git, "commit", "-qm", "scratch"], cwd=copy, check=True)
    return copy


def dvc(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """``dvc`` in ``copy``, with a home folder outside it (tools keep caches there)."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(copy.parent / "home"), "DVC_NO_ANALYTICS": "1"}
    return subprocess.run([str(BIN / "dvc"), *args], cwd=copy, capture_output=True, text=True, env=env)


def git_status(copy: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=copy, capture_output=True, text=True,
                          check=True).stdout


def rows(root: Path, name: str) -> list[dict]:
    """The rows of resource ``name`` of the package under ``root`` (all its
    partition files), as dicts of strings."""
    return list(iter_resource(root, resource(name, root / "datapackage.json")))


def with_rule_line(tmp_path: Path, table: str, line: str, edit: str = "") -> Path:
    """A scratch root whose ``pipeline/`` is this one with ``line`` appended to rule
    table ``table`` (found by name under ``pipeline/rules/``), or put in place of the
    line that starts with ``edit``: how a reader makes a one-line rule change, so a
    test can prove the line alone has its effect."""
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    target = next((tmp_path / "pipeline" / "rules").rglob(f"{table}.csv"))
    lines = target.read_text(encoding="utf-8").splitlines()
    width = len(next(csv.reader(lines[:1])))
    assert len(next(csv.reader([line]))) == width, f"{table}.csv has {width} columns: {line!r}"
    if edit:
        at = next((i for i, old in enumerate(lines) if old.startswith(edit)), None)
        assert at is not None, f"{table}.csv: no line starts with {edit!r}"
        lines[at] = line
    else:
        lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def run_python(root: Path, code: str) -> str:
    """What ``code`` prints when run by this interpreter with ``root`` as the project
    (its ``pipeline`` package first on the path); fails the test if it fails."""
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": str(BIN), "PIPELINE_REEXEC": "1"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
