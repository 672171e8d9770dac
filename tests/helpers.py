"""What several test modules need: building a package in a folder, and a
scratch copy of the repository to run DVC in."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline import extract, normalize, publish, validate
from pipeline.schema import descriptor

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def build_package(root: Path, raw: Path) -> list[str]:
    """Run extract, normalize and validate into ``root``; the problems found. As in
    the build, the CSVs are published into ``root/data`` only if they pass."""
    shutil.copy(ROOT / "datapackage.json", root / "datapackage.json")
    extract.run(raw, root / "data" / "interim")
    assert normalize.main(["--interim", str(root / "data" / "interim"), "--root", str(root)]) == 0
    staging = root / publish.STAGING
    errors, _ = validate.run(root, root / "datapackage.json", csvs=staging)
    if not errors:
        names = [res["path"] for res in descriptor(root / "datapackage.json")["resources"]]
        publish.publish(root, staging, names, {})
    return errors


def package_bytes(root: Path) -> dict[str, bytes]:
    """The bytes of every CSV of the package under ``root``, by path."""
    paths = [res["path"] for res in descriptor(ROOT / "datapackage.json")["resources"]]
    return {path: (root / path).read_bytes() for path in paths}


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
    """The rows of ``data/<name>.csv`` under ``root``, as dicts of strings."""
    with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
