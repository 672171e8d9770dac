"""A build is a transaction (issue 11, findings 1 and 5): the published package
(``data/*.csv``, ``metrics.json`` and the charts drawn from them) changes only
after validate has passed, all at once; a build that fails or is killed leaves it
byte for byte as it was and no temporary files behind."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
from pathlib import Path

import pytest
import yaml

from pipeline.run import atomic
from pipeline import extract, normalize, validate
from pipeline.package import publish, schema
from pipeline.package.resources import build
from tests.helpers import ROOT, build_package, dvc, git_status, package_bytes, part, resource_bytes, scratch_copy

REPORT = "政府工作报告\n——2025年1月9日在某某区第一届人民代表大会第二次会议上\n各位代表：\n" \
         "一、2024年工作回顾\n地区生产总值增长5%。{review}\n二、2025年工作安排\n地区生产总值增长6%左右。\n"


def published(root: Path) -> dict[str, bytes]:
    """Every published file: the CSVs and the metrics."""
    files = package_bytes(root)
    metrics = root / "metrics.json"
    if metrics.exists():
        files["metrics.json"] = metrics.read_bytes()
    return files


def data_files(base: Path) -> dict[str, bytes]:
    """The package's CSVs under ``base`` (a root, or the staging folder) as they are
    on disk, whatever datapackage.json says: caches left out."""
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in (base / "data").rglob("*.csv")
            if p.relative_to(base / "data").parts[0] not in ("cache", "interim")}


def strays(root: Path) -> list[str]:
    """Temporary files and leftover transaction folders under ``root``."""
    found = [p for p in root.rglob("*") if atomic.is_stray(p.name)]
    work = root / publish.WORK
    found += [p for p in work.iterdir() if p.name != "lock"] if work.is_dir() else []
    return sorted(str(p.relative_to(root)) for p in found)


NARROWED = "narrowed.json"  # under a test's root: a stricter descriptor for normalize to expand


def stage(root: Path, raw: Path) -> None:
    """extract and normalize, as the build runs them: the CSVs land in the staging folder."""
    extract.run(raw, root / "data" / "interim")
    narrower = ["--descriptor", str(root / NARROWED)] if (root / NARROWED).exists() else []
    assert normalize.main(["--interim", str(root / "data" / "interim"), "--root", str(root), *narrower]) == 0


def narrowed(root: Path, resource: str, field: str, change) -> None:
    """Make the descriptor normalize expands under ``root`` stricter: ``change(constraints)`` on one field."""
    package = build()
    res = next(r for r in package["resources"] if r["name"] == resource)
    change(next(f for f in res["schema"]["fields"] if f["name"] == field)["constraints"])
    (root / NARROWED).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    schema.descriptor.cache_clear()  # read once per process, as a stage does


def validate_and_publish(root: Path) -> int:
    return validate.main(["--root", str(root), "--staging", str(publish.STAGING),
                          "--metrics", str(root / "metrics.json")])


@pytest.fixture
def built(tmp_path: Path, shared_reports: Path) -> Path:
    """A package of one report, published, with its metrics."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "tianjin-jinghai-2025.txt").write_bytes((ROOT / "raw" / "tianjin-jinghai-2025.txt").read_bytes())
    stage(tmp_path, raw)
    assert validate_and_publish(tmp_path) == 0
    return tmp_path


# --- 1: a build that fails in validate publishes nothing ---------------------

def test_1_a_sidecar_value_that_fails_validation_changes_nothing_and_the_line_names_the_sidecar(built, capsys):
    """Sidecars are checked against their schema in extract, so a value reaches
    validate only when the descriptor is stricter than that schema: here a
    descriptor whose level list lacks 'county' (Jinghai is a district)."""
    narrowed(built, "reports", "region_level", lambda c: c["enum"].remove("county"))
    before = published(built)
    raw = built / "raw"
    (raw / "far-2025.txt").write_text(REPORT.format(review=""), encoding="utf-8")
    (raw / "far-2025.yaml").write_text("region_level: county\n", encoding="utf-8")
    stage(built, raw)
    capsys.readouterr()
    assert validate_and_publish(built) == 1
    err = capsys.readouterr().err.splitlines()
    invalid = [line for line in err if line.startswith("invalid: ")]
    assert invalid and invalid[0].startswith(f"invalid: {raw / 'far-2025.yaml'}: reports: row 2: ")
    assert "region_level" in invalid[0] and "county" in invalid[0]
    assert [line for line in err if line.startswith("error: ")] == [
        f"error: validate: 1 problem(s) in {raw / 'far-2025.yaml'}; data/ and metrics.json left as they were"]
    assert published(built) == before  # the staged rows were not published
    assert b"far-2025" in resource_bytes(built / publish.STAGING, "reports")
    assert strays(built) == []


def test_1_a_shared_sidecar_is_named_with_the_report_id(built, capsys):
    narrowed(built, "reports", "plan_year", lambda c: c.update(maximum=2030))
    raw = built / "raw"
    (raw / "far-2040.txt").write_text(REPORT.format(review=""), encoding="utf-8")
    (raw / "reports.yaml").write_text("far-2040:\n  plan_year: 2040\n  review_year: 2039\n", encoding="utf-8")
    before = published(built)
    stage(built, raw)
    capsys.readouterr()
    assert validate_and_publish(built) == 1
    invalid = [line for line in capsys.readouterr().err.splitlines() if line.startswith("invalid: ")]
    assert invalid[0].startswith(f"invalid: {raw / 'reports.yaml'}: far-2040: reports: row 2: "), invalid
    assert published(built) == before


def test_1_rows_breaking_a_constraint_name_their_raw_file_and_publish_nothing(built, capsys):
    (built / "raw" / "far-2025.txt").write_text(REPORT.format(review="港口吞吐量120万标准箱。"), encoding="utf-8")
    narrowed(built, "figures", "unit", lambda c: c["enum"].remove("TEU"))
    before = published(built)
    stage(built, built / "raw")
    capsys.readouterr()
    assert validate_and_publish(built) == 1
    invalid = [line for line in capsys.readouterr().err.splitlines() if line.startswith("invalid: ")]
    assert invalid and all(line.startswith(f"invalid: {built / 'raw' / 'far-2025.txt'}: figures: row ")
                           for line in invalid), invalid
    assert published(built) == before
    assert strays(built) == []


def test_1_the_cli_validates_the_published_package_in_place(built, capsys):
    before = published(built)
    assert validate.main(["--root", str(built), "--metrics", str(built / "metrics.json")]) == 0
    assert published(built) == before
    figures = part(built, "figures")
    figures.write_bytes(figures.read_bytes().replace(b",growth,", b",growing,", 1))
    capsys.readouterr()
    assert validate.main(["--root", str(built), "--metrics", str(built / "metrics.json")]) == 1
    err = capsys.readouterr().err
    assert f"invalid: {built / 'raw' / 'tianjin-jinghai-2025.txt'}: figures: row " in err
    assert (built / "metrics.json").read_bytes() == before["metrics.json"]  # metrics only of a valid package


# --- dvc repro on a scratch copy -----------------------------------------------

@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("transaction"))


def lock(copy: Path) -> dict:
    return yaml.safe_load((copy / "dvc.lock").read_text(encoding="utf-8"))["stages"]


def test_1_dvc_repro_failing_in_validate_leaves_everything_published_as_it_was(repo_copy):
    """A new unit in the rules (one line of units.csv) with a measure the descriptor's
    list of measures lacks: extract and normalize pass, validate fails on the report's rows."""
    before = {**published(repo_copy), **{p: (repo_copy / p).read_bytes() for p in
                                         ("docs/headline.png", "docs/scorecard.png", "docs/data-dictionary.md")}}
    committed_lock = lock(repo_copy)
    units = repo_copy / "pipeline" / "rules" / "read" / "units.csv"
    rules = units.read_bytes()
    units.write_bytes(rules + "光年,km,1,astronomy,\n".encode())
    report = repo_copy / "raw" / "far-2025.txt"
    report.write_text(REPORT.format(review="航程达到5光年。"), encoding="utf-8")
    try:
        result = dvc(repo_copy, "repro")
        after = {**published(repo_copy), **{p: (repo_copy / p).read_bytes() for p in before if p.startswith("docs")}}
        status = git_status(repo_copy)
        stages = lock(repo_copy)
        dvc_status = dvc(repo_copy, "status").stdout
    finally:
        units.write_bytes(rules)
        report.unlink()
    out = (result.stdout + result.stderr).splitlines()
    assert result.returncode != 0
    ours = [line for line in out if line.startswith("error: ")]
    assert len(ours) == 1 and re.fullmatch(
        r"error: validate: \d+ problem\(s\) in raw/far-2025.txt; data/ and metrics.json left as they were", ours[0]), ours
    assert any(line.startswith("invalid: raw/far-2025.txt: figures: row ") and "astronomy" in line for line in out)
    assert after == before  # CSVs, metrics and charts byte for byte
    assert sorted(status.split()) == ["??", "M", "M", "dvc.lock", "pipeline/rules/read/units.csv", "raw/far-2025.txt"]
    # dvc.lock records what ran: extract and normalize (outputs in data/interim and build/staging, git-ignored);
    # validate, and the stages drawing from data/, still describe the published package
    assert stages["validate"] == committed_lock["validate"] and stages["chart"] == committed_lock["chart"]
    assert stages["normalize"] != committed_lock["normalize"]
    assert "validate:" in dvc_status and "changed deps" in dvc_status
    assert strays(repo_copy) == []
    fixed = dvc(repo_copy, "repro")  # the input taken out again: the committed state, dvc.lock too
    assert fixed.returncode == 0, fixed.stderr
    assert git_status(repo_copy) == ""
    assert published(repo_copy) == {k: v for k, v in before.items() if not k.startswith("docs")}


# --- 5: a kill while publishing never leaves old and new CSVs mixed -------------

def killed_at(step: int, action, exchange: bool = True) -> bool:
    """Run ``action`` in a child process that SIGKILLs itself at its ``step``-th
    file-system change (rename, replace, link, unlink, folder removal, swap);
    True if it was killed, False if it finished before that step."""
    pid = os.fork()
    if pid == 0:  # the child: count the steps, die at the chosen one
        try:
            count = [0]

            def counted(function):
                def wrapper(*args, **kwargs):
                    count[0] += 1
                    if count[0] == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return function(*args, **kwargs)
                return wrapper

            for name in ("rename", "replace", "link", "unlink", "mkdir"):
                setattr(os, name, counted(getattr(os, name)))
            shutil.rmtree = counted(shutil.rmtree)
            atomic._exchange = counted(atomic._exchange if exchange else lambda a, b: False)
            action()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2-exchange", "two-renames"])
def test_5_a_kill_at_any_step_of_publishing_leaves_the_old_package_or_the_new_one(built, tmp_path_factory, exchange):
    """Kill the publish at its first step, then from a fresh copy at its second, and
    so on to its end: the CSVs are all old or all new at once (with two renames there
    is, for an instant, no data/ at all, never a mixed one), and after the recovery
    every build starts with, metrics agree with the CSVs, the caches are back, and
    no temporary file is left."""
    old = published(built)
    (built / "raw" / "hebei-2024.txt").write_bytes((ROOT.parent / "shared" / "reports" / "hebei-2024.txt").read_bytes())
    stage(built, built / "raw")
    (built / "data" / ".figures.csv.x1y2z3.tmp").write_bytes(b"left by a build killed before this fix\n")
    new = {**package_bytes(built / publish.STAGING), "metrics.json": b'{"new": true}\n'}
    old_files, new_files = data_files(built), data_files(built / publish.STAGING)
    names = list(new_files)
    outside = {"metrics.json": new["metrics.json"], "datapackage.json": new["datapackage.json"]}
    caches = {str(p.relative_to(built)): p.read_bytes() for p in (built / "data").rglob("*")
              if p.is_file() and p.relative_to(built / "data").parts[0] in ("cache", "interim")}
    assert any("interim" in name for name in caches) and any("normalize" in name for name in caches)
    step = 0
    while True:
        step += 1
        root = tmp_path_factory.mktemp(f"step{step}") / "repo"
        shutil.copytree(built, root, symlinks=True)
        if not killed_at(step, lambda: publish.publish(root, root / publish.STAGING, names,
                                                       {root / k: v for k, v in outside.items()}), exchange):
            break
        if (root / "data").is_dir():
            assert data_files(root) in (old_files, new_files), f"killed at step {step}: old and new CSVs mixed"
        else:
            assert not exchange, f"killed at step {step}: no data/"
        publish.recover(root)  # what the next build does first
        assert published(root) in (old, new), f"killed at step {step}"
        assert strays(root) == [], f"killed at step {step}"
        assert {str(p.relative_to(root)): p.read_bytes() for p in (root / "data").rglob("*")
                if p.is_file() and p.relative_to(root / "data").parts[0] in ("cache", "interim")} == caches, f"killed at step {step}: caches lost"
    assert step > 10  # the kills fell all through the publish
    assert published(root) == new and strays(root) == []


def test_5_a_killed_normalize_changes_nothing_published_and_its_temporary_files_go(built):
    old = published(built)
    (built / "raw" / "hebei-2024.txt").write_bytes((ROOT.parent / "shared" / "reports" / "hebei-2024.txt").read_bytes())
    extract.run(built / "raw", built / "data" / "interim")
    args = ["--interim", str(built / "data" / "interim"), "--root", str(built)]
    killed = [step for step in range(1, 40) if killed_at(step, lambda: normalize.main(args))]
    assert len(killed) > 10  # between every two of its renames, among others
    assert published(built) == old
    assert normalize.main(args) == 0 and validate_and_publish(built) == 0
    assert strays(built) == []
    assert b"hebei-2024" in resource_bytes(built, "figures")


def test_5_stray_temporary_files_in_data_are_removed_by_the_next_build(built):
    stray = built / "data" / ".reports.csv.abc123.tmp"
    stray.write_bytes(b"report_id\n")
    stage(built, built / "raw")
    assert not stray.exists()  # normalize recovers first, whatever it then does
    stray.write_bytes(b"report_id\n")
    assert validate_and_publish(built) == 0
    assert not stray.exists() and strays(built) == []
