"""Shared fixtures: where the repository and the shared test reports are."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_REPORTS = Path(os.environ.get("SHARED_REPORTS", ROOT.parent / "shared" / "reports"))


@pytest.fixture(scope="session")
def shared_reports() -> Path:
    """The five other real reports (read in place, never copied into the repository)."""
    if not any(SHARED_REPORTS.glob("*.txt")):
        pytest.fail(f"{SHARED_REPORTS}: no reports; set SHARED_REPORTS to the shared/reports folder")
    return SHARED_REPORTS


HEAD = "政府工作报告\n——2025年1月9日在某某市某某区第一届人民代表大会第二次会议上\n某某区区长 李四\n各位代表：\n"


@pytest.fixture
def make_record(tmp_path: Path):
    """Extract a short report written for a test: review of 2024, plan for 2025."""
    from pipeline.extract import extract_report

    def make(review: str = "", plan: str = "") -> dict:
        raw = tmp_path / "raw"
        raw.mkdir(exist_ok=True)
        path = raw / "t.txt"
        path.write_text(f"{HEAD}一、2024年工作回顾\n{review}\n二、2025年工作安排\n{plan}\n", encoding="utf-8")
        return extract_report(path, {})

    return make


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """An empty raw/ folder in the test's temporary folder."""
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder
