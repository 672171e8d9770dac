"""The rule tables check themselves: a line a reader adds that repeats a key,
gives an alias to two codes, names a cue kind no code asks for, or writes a
value the package's descriptor does not allow, fails here with the table and
the line, instead of being silently ignored or failing validation later."""
from __future__ import annotations

import ast
import csv
from collections import Counter
from pathlib import Path

import pytest

from pipeline import rules
from pipeline.package.schema import resource

ROOT = Path(__file__).resolve().parents[1]
TABLES = sorted(rules.RULES_DIR.rglob("*.csv"))
# The columns that identify a row, where they are not just the first column.
KEYS = {"cues": ("cue", "kind"), "periods": ("cue", "kind"), "qualifiers": ("written", "position"),
        "report_cues": ("kind", "pattern"), "self_references": ("source", "pattern")}
# Columns whose values must be allowed by a field of the descriptor: (resource, field).
ENUMS = {("units", "unit"): ("figures", "unit"), ("units", "measure"): ("figures", "measure"),
         ("qualifiers", "comparator"): ("figures", "comparator"), ("codebook", "direction"): ("codebook", "direction"),
         ("level_words", "level"): ("reports", "region_level"), ("region_levels", "level"): ("reports", "region_level"),
         ("project_status", "review"): ("projects", "status"), ("project_status", "plan"): ("projects", "status"),
         ("project_heads", "kind"): ("projects", "kind"), ("project_kind_words", "kind"): ("projects", "kind"),
         ("quality_flags", "flag"): ("quality", "flag")}
# Values a table may hold beyond the enum, because code resolves them first.
RESOLVED = {("units", "measure"): {"percent"}}  # figures.py makes a percent growth, share or change_pp
# Cue tables whose ``kind`` column code asks for by name (``cues("growth")``).
KIND_TABLES = ("cues", "periods", "sections", "report_cues")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def code_strings() -> set[str]:
    """Every string constant in the pipeline's code: the names code can ask for."""
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        found |= {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_a_table_has_no_two_rows_with_one_key(path: Path):
    table = rows(path)
    key = KEYS.get(path.stem, tuple(table[0])[:1] if table else ())
    repeated = [k for k, n in Counter(tuple(r[c] for c in key) for r in table).items() if n > 1]
    assert not repeated, f"{path.relative_to(ROOT)}: {key} repeated: {repeated}"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_row_has_every_column(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    short = [i + 1 for i, line in enumerate(lines) if len(line) != len(lines[0])]
    assert not short, f"{path.relative_to(ROOT)}: lines {short} do not have the header's {len(lines[0])} columns"


def test_no_alias_names_two_codes():
    owners: dict[str, set[str]] = {}
    for row in rules.table("codebook"):
        for alias in filter(None, [row["name_zh"], *row["aliases"].split("|")]):
            owners.setdefault(alias, set()).add(row["code"])
    shared = {alias: sorted(codes) for alias, codes in owners.items() if len(codes) > 1}
    assert not shared, f"codebook.csv: aliases on two codes: {shared}"


@pytest.mark.parametrize("name", KIND_TABLES)
def test_every_kind_of_cue_is_asked_for_by_some_code(name: str):
    unread = sorted({r["kind"] for r in rules.table(name)} - code_strings())
    assert not unread, f"{rules.path(name).relative_to(ROOT)}: kinds no code reads: {unread}"


@pytest.mark.parametrize(("table", "column"), sorted(ENUMS))
def test_table_values_are_allowed_by_the_descriptor(table: str, column: str):
    res, field = ENUMS[(table, column)]
    allowed = next(f for f in resource(res)["schema"]["fields"] if f["name"] == field)["constraints"]["enum"]
    wrong = sorted({r[column] for r in rules.table(table) if r[column]} - set(allowed) - RESOLVED.get((table, column), set()))
    assert not wrong, f"{rules.path(table).relative_to(ROOT)}: {column} {wrong} not in {res}.{field}'s enum {allowed}"
