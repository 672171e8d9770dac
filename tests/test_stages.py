"""dvc.yaml must name every module and rule table a stage uses: DVC re-runs a
stage, and the stages' per-report caches go stale (pipeline/run/cache.py), only on
edits to the files a stage lists as deps."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from pipeline import rules

ROOT = Path(__file__).resolve().parents[1]
MODULE = re.compile(r"python -m (pipeline\.\w+)")
RULE_READERS = {"table", "lookup", "words"}  # pipeline.rules functions whose first argument names a rules/*.csv


def module_file(name: str) -> Path:
    """The source of dotted module ``name``: a package's ``__init__.py`` or a ``.py`` file."""
    base = ROOT / name.replace(".", "/")
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _only_docstring(path: Path) -> bool:
    """True for a folder's ``__init__.py`` that says what the folder holds and runs nothing."""
    body = ast.parse(path.read_text(encoding="utf-8")).body if path.suffix == ".py" else [None, None]
    return len(body) == 1 and isinstance(body[0], ast.Expr)


def imported_modules(module: str) -> set[str]:
    """``module`` and every ``pipeline`` module it imports, directly or not
    (``from pipeline.read import text`` imports the module pipeline.read.text)."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse(module_file(name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pipeline":
                todo += [f"{node.module}.{a.name}" for a in node.names
                         if module_file(f"{node.module}.{a.name}").exists()]
                todo += [node.module] if node.module != "pipeline" else []
    return seen


def rule_tables(module: str) -> set[str]:
    """The rules/*.csv files ``module`` reads by name, as in ``table("units")``."""
    tree = ast.parse(module_file(module).read_text(encoding="utf-8"))
    return {rules.path(node.args[0].value).relative_to(ROOT).as_posix() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in RULE_READERS
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_every_stage_lists_each_module_and_rule_table_it_uses_as_a_dep():
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    for name, stage in stages.items():
        modules = imported_modules(MODULE.search(stage["cmd"]).group(1))
        needed = {module_file(m).relative_to(ROOT).as_posix() for m in modules} | set().union(*map(rule_tables, modules))
        deps = [d.split()[0] for d in stage["deps"]]
        missing = {f for f in needed - {"pipeline/__init__.py"} if not _only_docstring(ROOT / f)
                   if not any(f == d or f.startswith(d.rstrip("/") + "/") for d in deps)}
        assert not missing, f"dvc.yaml: stage {name} uses {sorted(missing)} but does not list them as deps"


def test_the_import_walk_finds_indirect_imports():
    found = imported_modules("pipeline.normalize")
    assert {"pipeline.meaning.figures", "pipeline.read.mentions", "pipeline.package.schema"} <= found  # numbers only via classify


def test_the_rule_table_search_finds_tables_read_by_name():
    assert "pipeline/rules/read/units.csv" in rule_tables("pipeline.read.mentions")
