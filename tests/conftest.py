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
