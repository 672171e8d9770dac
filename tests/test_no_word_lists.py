"""No word list in code: every word the pipeline consults is a line in a table
under ``pipeline/rules/``, where a reader extends it. A string literal with two or
more Chinese characters (or full-width marks), or a tuple, list or set of Chinese
words, anywhere in ``pipeline/`` fails here, but for docstrings and the
descriptions, titles and keywords of the field registry, which document, not decide."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # CJK punctuation, ideographs, full-width forms
DOCUMENTING_KEYS = {"description", "title", "keywords"}  # registry entries read by people, never matched against text


def _documentation(tree: ast.AST) -> set[int]:
    """The ids of docstrings, and of the values of ``description``/``title`` keys."""
    ids = {id(node.body[0].value) for node in ast.walk(tree)
           if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
           and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            ids |= {id(part) for key, value in zip(node.keys, node.values)
                    if isinstance(key, ast.Constant) and key.value in DOCUMENTING_KEYS
                    for part in ast.walk(value)}
    return ids


def _chinese(node: ast.AST) -> int:
    """How many Chinese characters ``node`` holds if it is a string literal (else 0)."""
    return len(CHINESE.findall(node.value)) if isinstance(node, ast.Constant) and isinstance(node.value, str) else 0


def word_lists(path: Path) -> list[str]:
    """The word lists in the code at ``path``, as ``file:line: literal``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _documentation(tree)
    found = [node for node in ast.walk(tree) if _chinese(node) > 1 and id(node) not in skip]
    found += [node for node in ast.walk(tree) if isinstance(node, (ast.Tuple, ast.List, ast.Set))
              and sum(_chinese(item) > 0 for item in node.elts) > 1]
    return sorted(f"{path.name}:{node.lineno}: {ast.unparse(node)}" for node in found)


def test_the_pipeline_holds_no_word_list():
    found = [line for path in sorted((ROOT / "pipeline").rglob("*.py")) for line in word_lists(path)]
    assert not found, "words belong in a table under pipeline/rules/:\n" + "\n".join(found)


def test_the_check_sees_a_word_list_but_not_documentation(tmp_path):
    path = tmp_path / "m.py"
    path.write_text('"""文档字符串。"""\nLINKS = ("和", "及")\nVERBS = "建成|投用"\n'
                    'FIELD = {"description": "地区生产总值", "pattern": "全区"}\n', encoding="utf-8")
    assert word_lists(path) == ["m.py:2: ('和', '及')", "m.py:3: '建成|投用'", "m.py:4: '全区'"]
