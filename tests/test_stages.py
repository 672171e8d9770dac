"""dvc.yaml must name every module and rule table a stage uses: DVC re-runs a
stage, and the stages' per-report caches go stale (pipeline/cache.py), only on
edits to the files a stage lists as deps."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MODULE = re.compile(r"python -m (pipeline\.\w+)")
RULE_READERS = {"table", "lookup"}  # pipeline.rules functions whose first argument names a rules/*.csv


def imported_modules(module: str) -> set[str]:
    """``module`` and every ``pipeline`` module it imports, directly or not."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
                todo += [f"pipeline.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline."):
                todo.append(node.module)
    return seen


def rule_tables(module: str) -> set[str]:
    """The rules/*.csv files ``module`` reads by name, as in ``table("units")``."""
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
    return {f"pipeline/rules/{node.args[0].value}.csv" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in RULE_READERS
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_every_stage_lists_each_module_and_rule_table_it_uses_as_a_dep():
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    for name, stage in stages.items():
        modules = imported_modules(MODULE.search(stage["cmd"]).group(1))
        needed = {m.replace(".", "/") + ".py" for m in modules} | set().union(*map(rule_tables, modules))
        missing = needed - set(stage["deps"]) - {"pipeline/__init__.py"}
        assert not missing, f"dvc.yaml: stage {name} uses {sorted(missing)} but does not list them as deps"


def test_the_import_walk_finds_indirect_imports():
    found = imported_modules("pipeline.normalize")
    assert {"pipeline.classify", "pipeline.numbers", "pipeline.schema"} <= found  # numbers only via classify


def test_the_rule_table_search_finds_tables_read_by_name():
    assert "pipeline/rules/units.csv" in rule_tables("pipeline.numbers")
