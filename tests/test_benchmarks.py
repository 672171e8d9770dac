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



def test_the_normalize_bound_writes_one_figures_row_per_mention_through_the_package_writer(
        shared_reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture):
    """benchmarks/scale.py's bound (normalize with no meaning rule) on three reports:
    every mention a figures row, in the partitioned files normalize writes; and the
    per-figure costs it is compared with are measured (not timed here)."""
    import json
    import shutil

    from benchmarks.scale import normalize_bound, per_figure_costs
    from pipeline import extract
    from pipeline.package.schema import read_csv

    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(shared_reports.glob("*.txt"))[:3]:
        shutil.copy(path, raw)
        if path.with_suffix(".yaml").is_file():
            shutil.copy(path.with_suffix(".yaml"), raw)
    extract.run(raw, tmp_path / "interim")
    mentions = sum(len(json.loads(p.read_text(encoding="utf-8"))["mentions"])
                   for p in (tmp_path / "interim").glob("*.json"))
    normalize_bound(tmp_path / "interim", tmp_path / "bound")
    assert int(capsys.readouterr().out.split()[-1]) == mentions > 0
    written = list((tmp_path / "bound" / "staging" / "data" / "figures").rglob("*.csv"))
    assert sum(len(read_csv(p)) for p in written) == mentions
    assert all(cost == cost for cost in per_figure_costs(tmp_path / "interim", reports=3))  # numbers, not NaN
