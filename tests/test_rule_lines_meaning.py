"""On the meaning side a rule change is one line in one table.

Each test appends one line to one rule table in a scratch copy of ``pipeline/``
(``helpers.with_rule_line``), reads a short report written for it there, and
checks that the line has its effect, and that the same report read by the
unchanged code does not have it (so the test could fail). The last test keeps
word lists out of the meaning code, so that the tables stay the one place to
make such a change.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from helpers import ROOT, run_python, with_rule_line

# The files of the meaning side that once held word lists: each word of theirs
# now comes from a table in pipeline/rules/meaning/.
WORDLESS = ("pipeline/meaning/figures.py", "pipeline/meaning/codebook.py", "pipeline/meaning/projects.py",
            "pipeline/meaning/quality.py", "pipeline/meaning/scorecard.py", "pipeline/meaning/headline.py",
            "pipeline/meaning/word_patterns.py")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

READ = """
import json, sys, tempfile
from pathlib import Path
from pipeline.extract import extract_report
from pipeline.meaning.codebook import code_for
from pipeline.meaning.figures import classify_report
from pipeline.meaning.projects import find_projects

HEAD = "政府工作报告\\n——2025年1月9日在某某市某某区第一届人民代表大会第二次会议上\\n某某区区长 李四\\n各位代表：\\n"
path = Path(tempfile.mkdtemp()) / "t.txt"
path.write_text(HEAD + "一、2024年工作回顾\\n" + {review!r} + "\\n二、2025年工作安排\\n\\n", encoding="utf-8")
record = extract_report(path, {{}})
figures = [{{"raw": f["raw"], "subject": f["subject"], "area": f["area"], "code": code_for(f["subject"])}}
           for f in classify_report(record) if f["role"] == "indicator"]
projects = [{{"name": p["name"], "status": p["status"], "kind": p["kind"]}} for p in find_projects(record)]
print(json.dumps({{"figures": figures, "projects": projects}}, ensure_ascii=False))
"""


def read(root: Path, review: str) -> dict:
    """The indicators (raw, subject, area, code) and projects of a report whose
    review is ``review``, as the code under ``root`` reads them."""
    return json.loads(run_python(root, READ.format(review=review)).splitlines()[-1])


def effect(tmp_path: Path, table: str, line: str, review: str) -> tuple[dict, dict]:
    """``review`` read by this code, and by a copy whose ``table`` has ``line`` appended."""
    return read(ROOT, review), read(with_rule_line(tmp_path, table, line), review)


def test_a_cue_word_is_one_line(tmp_path):
    before, after = effect(tmp_path, "cues", "力推,lead,", "力推规上工业增加值增长5%。")
    assert [f["subject"] for f in before["figures"]] == ["力推规上工业增加值"]
    assert [f["subject"] for f in after["figures"]] == ["规上工业增加值"]


def test_a_codebook_alias_is_one_line(tmp_path):
    line = "mooncake_output,月饼产量,Output of Mooncakes,月饼总产量,Mooncakes produced in the year.,higher"
    before, after = effect(tmp_path, "codebook", line, "月饼总产量增长5%。")
    assert [(f["subject"], f["code"]) for f in before["figures"]] == [("月饼总产量", "")]
    assert [(f["subject"], f["code"]) for f in after["figures"]] == [("月饼总产量", "mooncake_output")]


def test_a_project_head_noun_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_heads", "驿站,facility,", "东湖驿站建成投用。")
    assert before["projects"] == []
    assert after["projects"] == [{"name": "东湖驿站", "status": "in_use", "kind": "facility"}]


def test_a_project_status_verb_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_status", "揭牌,opened,opened,3", "东湖研究院揭牌。")
    assert before["projects"] == []
    assert [(p["name"], p["status"]) for p in after["projects"]] == [("东湖研究院", "opened")]


def test_an_area_suffix_is_one_line(tmp_path):
    before, after = effect(tmp_path, "areas", "港区,a port zone", "某某港区实现生产总值增长5%。")
    assert [f["area"] for f in before["figures"]] == ["某某区"]
    assert [f["area"] for f in after["figures"]] == ["某某港区"]


def chinese_literals(path: Path) -> list[str]:
    """Word lists in the code of ``path``: string literals outside docstrings with
    more than one Chinese character, and tuples, lists or sets of Chinese words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = [node for node in ast.walk(tree) if _chinese(node) > 1 and id(node) not in docstrings]
    found += [node for node in ast.walk(tree) if isinstance(node, (ast.Tuple, ast.List, ast.Set))
              and sum(_chinese(item) > 0 for item in node.elts) > 1]
    return sorted(f"{path.name}:{node.lineno}: {ast.unparse(node)}" for node in found)


def _chinese(node: ast.AST) -> int:
    """How many Chinese characters ``node`` holds if it is a string literal (else 0)."""
    is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
    return len(CJK.findall(node.value)) if is_text else 0


def test_the_meaning_code_holds_no_word_list():
    found = [literal for name in WORDLESS for literal in chinese_literals(ROOT / name)]
    assert found == [], "words belong in a table under pipeline/rules/meaning/:\n" + "\n".join(found)


def test_the_word_check_sees_a_word_list(tmp_path):
    path = tmp_path / "m.py"
    path.write_text('"""文档字符串。"""\nLINKS = ("和", "及")\nVERBS = "建成|投用"\n', encoding="utf-8")
    assert chinese_literals(path) == ["m.py:2: ('和', '及')", "m.py:3: '建成|投用'"]
