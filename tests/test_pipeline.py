"""End to end: the stages over every real report, the committed package, and
the DVC pipeline rebuilding it byte for byte on a scratch copy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import validate
from tests.helpers import ROOT, build_package, dvc, git_status, resource_bytes, scratch_copy


def test_every_shared_report_builds_a_valid_complete_package(tmp_path, shared_reports):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in [*shared_reports.glob("*.txt"), *(ROOT / "raw").glob("*.txt")]:
        (raw / path.name).write_bytes(path.read_bytes())
    errors = build_package(tmp_path, raw)
    assert errors == []  # includes the ledger: every Arabic numeral is a figure
    figures = resource_bytes(tmp_path, "figures").decode("utf-8")
    for report in raw.glob("*.txt"):
        assert f"\n{report.stem}," in figures
    reports = resource_bytes(tmp_path, "reports").decode("utf-8")
    assert "甘肃省,620000,province,全国" in reports and "驻马店市,411700,city,河南省" in reports and "定兴县,130626,county,保定市" in reports


def test_committed_package_validates():
    errors, numbers = validate.run(ROOT, ROOT / "datapackage.json")
    assert errors == []
    committed = json.loads((ROOT / "metrics.json").read_text(encoding="utf-8"))
    assert committed == numbers


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("scratch"))


def test_forced_rebuild_reproduces_the_committed_package(repo_copy):
    result = dvc(repo_copy, "repro", "--force")
    assert result.returncode == 0, result.stderr
    assert git_status(repo_copy) == ""
