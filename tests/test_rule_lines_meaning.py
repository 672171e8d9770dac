"""On the meaning side a rule change is one line in one table.

Each test appends one line to one rule table in a scratch copy of ``pipeline/``
(``helpers.with_rule_line``), reads a short report written for it there, and
checks that the line has its effect, and that the same report read by the
unchanged code does not have it (so the test could fail). tests/test_no_word_lists.py
keeps word lists out of the code, so that the tables stay the one place to make
such a change.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from helpers import ROOT, run_python, with_rule_line

from pipeline.rules import table

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


def effect(tmp_path: Path, table: str, line: str, review: str, edit: str = "") -> tuple[dict, dict]:
    """``review`` read by this code, and by a copy whose ``table`` has ``line``
    appended (or in place of the line starting with ``edit``)."""
    return read(ROOT, review), read(with_rule_line(tmp_path, table, line, edit), review)


def test_a_cue_word_is_one_line(tmp_path):
    before, after = effect(tmp_path, "cues", "力推,lead,,", "力推规上工业增加值增长5%。")
    assert [f["subject"] for f in before["figures"]] == ["力推规上工业增加值"]
    assert [f["subject"] for f in after["figures"]] == ["规上工业增加值"]


def test_a_codebook_alias_is_one_line(tmp_path):
    row = next(r for r in table("codebook") if r["code"] == "grain_output")
    line = _csv_line({**row, "aliases": row["aliases"] + "|粮食收成"})
    before, after = effect(tmp_path, "codebook", line, "粮食收成增长5%。", edit="grain_output,")
    assert [(f["subject"], f["code"]) for f in before["figures"]] == [("粮食收成", "")]
    assert [(f["subject"], f["code"]) for f in after["figures"]] == [("粮食收成", "grain_output")]


def test_a_new_codebook_concept_is_one_line(tmp_path):
    line = "mooncake_output,月饼产量,Output of Mooncakes,月饼总产量,Mooncakes produced in the year.,higher,flow,"
    before, after = effect(tmp_path, "codebook", line, "月饼总产量增长5%。")
    assert [(f["subject"], f["code"]) for f in before["figures"]] == [("月饼总产量", "")]
    assert [(f["subject"], f["code"]) for f in after["figures"]] == [("月饼总产量", "mooncake_output")]



def test_a_bare_head_noun_is_one_line(tmp_path):
    code = ("from pipeline.meaning.codebook import figure_code\n"
            "print(figure_code({'context': '加快重点项目建设，全年完成投资120亿元。', 'raw': '120亿元', 'subject': '投资'}) or '-')")
    without = with_rule_line(tmp_path, "cues", "投入,bare_head,,", edit="投资,bare_head,")  # 投资's line taken out
    assert run_python(ROOT, code) == "key_project_investment"
    assert run_python(without, code) == "-"

def _csv_line(row: dict[str, str]) -> str:
    """``row`` as one line of CSV, quoted where a cell needs it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row.values())
    return out.getvalue()


def test_a_project_head_noun_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_heads", "驿站,facility,,", "东湖驿站建成投用。")
    assert before["projects"] == []
    assert after["projects"] == [{"name": "东湖驿站", "status": "in_use", "kind": "facility"}]


def test_a_pair_of_words_around_parts_of_a_whole_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_parts", "融,为一体,,", "建设融东湖电商中心、西山研究院、南湖基地为一体的示范区。")
    assert [p["name"] for p in before["projects"]] == ["融东湖电商中心", "西山研究院"]
    assert after["projects"] == []


def test_a_word_for_a_stretch_of_a_line_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_sections", "区间,,", "东湖铁路西山区间建成通车。")
    assert [p["name"] for p in before["projects"]] == ["东湖铁路"]
    assert [p["name"] for p in after["projects"]] == ["东湖铁路西山区间"]


def test_a_verb_that_breaks_a_name_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_name_breaks", "承建,,", "甲方承建西山医院开工。")
    assert [p["name"] for p in before["projects"]] == ["甲方承建西山医院"]
    assert after["projects"] == []


def test_a_project_status_verb_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_status", "揭牌,opened,opened,3,", "东湖研究院揭牌。")
    assert before["projects"] == []
    assert [(p["name"], p["status"]) for p in after["projects"]] == [("东湖研究院", "opened")]


def test_an_area_suffix_is_one_line(tmp_path):
    before, after = effect(tmp_path, "areas", "矿区,zone,a mining zone,", "某某矿区实现生产总值增长5%。")
    assert [f["area"] for f in before["figures"]] == ["某某区"]
    assert [f["area"] for f in after["figures"]] == ["某某矿区"]



def test_a_zone_event_is_one_line(tmp_path):
    review = "某某新区通过验收。新增就业1200人。"
    before, after = effect(tmp_path, "cues", "通过验收,zone_event,,", review)
    assert [f["area"] for f in before["figures"]] == ["某某新区"]  # the sentence before introduces it
    assert [f["area"] for f in after["figures"]] == ["某某区"]  # a milestone: a statement closed in itself


def test_a_scope_change_is_one_line(tmp_path):
    review = "城市更新提速，中心城区新建公园8个，城郊新建绿道20公里。"
    before, after = effect(tmp_path, "cues", "城郊,scope_change,,", review)
    assert [f["area"] for f in before["figures"]] == ["中心城区", "中心城区"]
    assert [f["area"] for f in after["figures"]] == ["中心城区", "某某区"]
