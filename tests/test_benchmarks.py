"""The benchmark scripts run by hand, not in CI: a path they name that no longer
exists (a module or table moved) fails here instead of in the next person's run."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_benchmark_imports_and_names_only_paths_that_exist(name: str):
    module = importlib.import_module(f"benchmarks.{name}")
    paths = {key: value for key, value in vars(module).items() if isinstance(value, Path) and key.isupper()}
    inside = {key: (value if value.is_absolute() else ROOT / value) for key, value in paths.items()}
    missing = {key: str(path) for key, path in inside.items()
               if path.is_relative_to(ROOT) and not path.exists()}
    assert not missing, f"benchmarks/{name}.py names paths that do not exist: {missing}"

