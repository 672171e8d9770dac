"""No function writes into its input (issue 10): each returns what it computed,
so a caller's record, rows or mentions are as it gave them after the call.

Classification runs passes over the rows of a report; one that filled in the
rows or the interim record in place would change what its caller (normalize,
which then builds the projects and headline from the same record) reads next."""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from pipeline import normalize
from pipeline.extract import extract_report
from pipeline.meaning.figures import classify_report
from pipeline.read.mentions import find_mentions

ROOT = Path(__file__).resolve().parents[1]
# Each sentence takes a pass that used to write into what it was given: a list
# qualifier shared by its items, a structure, shares distributed over a list, a
# zone, a comparison with the figure before, a range, a rank with no counter.
REVIEW = ("工业、服务业增加值分别增长7%、8%左右；三次产业结构由22.2:41.3:36.5调整为20.1:40.2:39.7。"
          "某某经开区完成投资12亿元，增长9%，高于全省1个百分点；综合实力居全省第7。")
PLAN = "地区生产总值增长4.5%—5%。"
# Methods that change the object they are called on.
CHANGING = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "setdefault",
            "popitem", "add", "discard"}


def test_classifying_a_report_leaves_its_record_as_given(make_record):
    record = make_record(REVIEW, PLAN)
    given = copy.deepcopy(record)
    rows = classify_report(record)
    assert record == given
    shared = next(r for r in rows if r["text"] == "7")
    assert shared["comparator"] == "approx"  # the list's 左右 reached its first item: the pass ran


def test_building_a_reports_tables_leaves_its_record_as_given(make_record, shared_reports: Path):
    records = [make_record(REVIEW, PLAN)]
    records += [extract_report(path, {}) for path in sorted(shared_reports.glob("*.txt"))[:3]]
    for record in records:
        given = copy.deepcopy(record)
        normalize.report_tables(record)
        assert record == given, record["report"]["report_id"]


def test_a_mention_cannot_be_changed_once_read():
    mention = next(m for m in find_mentions("增长4.5%—5%") if m.range_part == "low")
    with pytest.raises(AttributeError):
        mention.form = "bare"  # type: ignore[misc]


def writes_into_parameters(tree: ast.AST) -> list[str]:
    """``function: target`` for each assignment into, or changing call on, a
    parameter or an item a loop takes straight from one (``for row in rows``)."""
    found = []
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        given = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs} - {"self", "cls"}
        for loop in (n for n in ast.walk(fn) if isinstance(n, ast.For | ast.comprehension)):
            if _names(loop.iter) & given:
                given |= _names(loop.target)
        for node in ast.walk(fn):
            targets = _changed_by_call(node) or _assigned(node)
            found += [f"{fn.name}: {ast.unparse(t)}" for t in targets if _root(t) in given]
    return found


def _assigned(node: ast.AST) -> list[ast.AST]:
    """The items and attributes an assignment writes (``x[k] = …``, ``x.a += …``)."""
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    if not isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
        return []
    flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
    return [t for t in flat if isinstance(t, ast.Subscript | ast.Attribute)]


def _changed_by_call(node: ast.AST) -> list[ast.AST]:
    """The object a call changes: ``x`` of ``x.append(…)`` or ``setattr(x, …)``."""
    if not isinstance(node, ast.Call):
        return []
    if isinstance(node.func, ast.Attribute) and node.func.attr in CHANGING:
        return [node.func.value]
    return node.args[:1] if isinstance(node.func, ast.Name) and node.func.id == "setattr" else []


def _root(node: ast.AST) -> str:
    """The name an item or attribute chain starts from (``rows`` of ``rows[i]["a"]``)."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


@pytest.mark.parametrize("path", sorted((ROOT / "pipeline").rglob("*.py")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_function_writes_into_a_parameter(path: Path):
    assert writes_into_parameters(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_write_into_a_parameter():
    code = ("def f(rows, m):\n    for row in rows:\n        row['a'] = 1\n    m.form = 'x'\n    rows.sort()\n"
            "    setattr(m, 'form', 'y')\n"
            "def g(rows):\n    out = [dict(r) for r in rows]\n    out[0]['a'] = 1\n    return out\n")
    assert sorted(writes_into_parameters(ast.parse(code))) == ["f: m", "f: m.form", "f: row['a']", "f: rows"]
