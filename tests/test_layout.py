"""The directions that keep the house simple (README, "Where things are"), as
imports: what is written is read without deciding what it means; validate checks
what a user downloads without normalize's internals; no stage needs the command
line or the user tools."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_stages import imported_modules

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("pipeline.extract", "pipeline.normalize", "pipeline.validate", "pipeline.docs", "pipeline.chart",
          "pipeline.scorecard_chart")


def modules_in(folder: str) -> list[str]:
    return sorted(f"pipeline.{folder}.{p.stem}" for p in (ROOT / "pipeline" / folder).glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("module", modules_in("read"))
def test_reading_the_text_decides_no_meaning(module: str):
    assert not {m for m in imported_modules(module) if m.startswith("pipeline.meaning")}


def test_validate_checks_the_package_without_normalize_or_its_meaning():
    assert not {m for m in imported_modules("pipeline.validate")
                if m.startswith(("pipeline.meaning", "pipeline.normalize"))}


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_the_command_line_or_the_user_tools(stage: str):
    assert not {m for m in imported_modules(stage) if m.startswith(("pipeline.__main__", "pipeline.tools", "pipeline.add"))}
