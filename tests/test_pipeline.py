"""End to end: the stages over every real report, the committed package, and
the DVC pipeline rebuilding it byte for byte on a scratch copy."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import extract, normalize, validate

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def build_package(root: Path, raw: Path) -> list[str]:
    """Run extract, normalize and validate into ``root``; the problems found."""
    shutil.copy(ROOT / "datapackage.json", root / "datapackage.json")
    extract.run(raw, root / "data" / "interim")
    assert normalize.main(["--interim", str(root / "data" / "interim"), "--root", str(root)]) == 0
    errors, _ = validate.run(root, root / "datapackage.json")
    return errors


def test_every_shared_report_builds_a_valid_complete_package(tmp_path, shared_reports):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in [*shared_reports.glob("*.txt"), *(ROOT / "raw").glob("*.txt")]:
        (raw / path.name).write_bytes(path.read_bytes())
    errors = build_package(tmp_path, raw)
    assert errors == []  # includes the ledger: every Arabic numeral is a figure
    figures = (tmp_path / "data" / "figures.csv").read_text(encoding="utf-8")
    for report in raw.glob("*.txt"):
        assert f"\n{report.stem}," in figures
    reports = (tmp_path / "data" / "reports.csv").read_text(encoding="utf-8")
    assert "甘肃省,province" in reports and "驻马店市,city" in reports and "定兴县,county" in reports


def test_committed_package_validates():
    errors, numbers = validate.run(ROOT, ROOT / "datapackage.json")
    assert errors == []
    committed = json.loads((ROOT / "metrics.json").read_text(encoding="utf-8"))
    assert committed == numbers


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
    home = copy.parent / "home"  # caches (DVC's, matplotlib's) stay out of the repository
    home.mkdir(exist_ok=True)
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(home), "DVC_NO_ANALYTICS": "1"}
    return subprocess.run([str(BIN / "dvc"), *args], cwd=copy, capture_output=True, text=True, env=env)


def git_status(copy: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=copy, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("scratch"))


def test_forced_rebuild_reproduces_the_committed_package(repo_copy):
    result = dvc(repo_copy, "repro", "--force")
    assert result.returncode == 0, result.stderr
    assert git_status(repo_copy) == ""


def test_bad_report_fails_clearly_and_keeps_the_package(repo_copy):
    (repo_copy / "raw" / "broken.txt").write_bytes(b"%PDF-1.7 not text")
    result = dvc(repo_copy, "repro")
    assert result.returncode != 0
    assert "raw/broken.txt: a PDF file, not a text report" in result.stdout + result.stderr
    assert git_status(repo_copy).strip() == "?? raw/broken.txt"
    (repo_copy / "raw" / "broken.txt").unlink()
