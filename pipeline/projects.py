"""Named projects: what was started, topped out, completed, opened or planned.

A project is a noun phrase that ends in a head noun (…医院, …线, …工程, …平台;
``rules/project_heads.csv``) and stands in a clause with a status verb
(开工, 封顶, 建成, 投入使用, 加快…; ``rules/project_status.csv``). Lists
(甲、乙主体封顶) share the verb. Phrases with event or campaign words
(``rules/project_exclude.csv``) and unnamed counts (56个工业项目) are not projects.
"""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.classify import format_value, innermost_section
from pipeline.numbers import context_span
from pipeline.rules import table
from pipeline.text import clean

CLAUSE = re.compile(r"[^，,；;。：:！!？?\n]+")
ITEM_SPLIT = re.compile(r"、|和|及|与")
LEAD_VERBS = re.compile(r"^(?:全力|加快|加速|持续|积极|扎实|全面|有序|稳步|高标准|高质量|推进|推动|开工|启动|新建|续建|"
                        r"建设|建成|完成|实施|打造|谋划|落实|提升|确保|力争|争取|实现|开展|做好)+")
NAME_CHARS = re.compile(r"[^，,；;。：:！!？?\n、]")
INVESTMENT = re.compile(r"投资(\d+(?:\.\d+)?)(亿|万)?元")
MIN_NAME, MAX_NAME = 4, 30


def _ordered(name: str, key: str) -> list[dict[str, str]]:
    return sorted(table(name), key=lambda r: len(r[key]), reverse=True)


def find_projects(record: dict) -> list[dict]:
    """``projects`` rows of one report, in text order."""
    raw = record["text"]
    text = clean(raw)
    report = record["report"]
    rows: dict[int, dict] = {}
    for clause in CLAUSE.finditer(text):
        section = innermost_section(record["sections"], clause.start())
        if section["kind"] not in ("review", "plan"):
            continue
        status = _status(clause.group())
        if not status:
            continue
        for start, end, kind in _names(clause.group(), clause.start()):
            rows.setdefault(start, _row(report, record["sections"], raw, text, start, end, kind, status))
    return [rows[k] for k in sorted(rows)]


def _status(clause: str) -> str:
    """Status from the first status verb of the clause ('' if none)."""
    best, best_pos = "", len(clause) + 1
    for row in _ordered("project_status", "verb"):
        pos = clause.find(row["verb"])
        if pos != -1 and pos < best_pos:
            best, best_pos = row["status"], pos
    return best


def _names(clause: str, offset: int) -> list[tuple[int, int, str]]:
    """Spans and kinds of the named projects in one clause."""
    heads = _ordered("project_heads", "head")
    excluded = [r["word"] for r in table("project_exclude")]
    found = []
    for item in ITEM_SPLIT.split(clause):
        item_start = clause.find(item) if item else -1
        stripped = LEAD_VERBS.sub("", item)
        lead = len(item) - len(stripped)
        for head in heads:
            pos = stripped.rfind(head["head"])
            if pos == -1:
                continue
            name = stripped[:pos + len(head["head"])]
            name = re.sub(r"(?:主体|全面|顺利|正式|建设|项目建设)+$", "", name)
            if (MIN_NAME <= len(name) <= MAX_NAME and not re.match(r"[\d一二三四五六七八九十两]+[个项家座所条]", name)
                    and not any(word in name for word in excluded) and NAME_CHARS.match(name)):
                start = offset + item_start + lead
                found.append((start, start + len(name), head["kind"]))
            break
    return found


def _row(report: dict, sections: list[dict], raw: str, text: str, start: int, end: int, kind: str,
         status: str) -> dict:
    section = innermost_section(sections, start)
    sentence_start, sentence_end = context_span(text, start, end)
    year = report.get("review_year") if section["kind"] == "review" else report.get("plan_year")
    investment = INVESTMENT.search(text[sentence_start:sentence_end])
    value = ""
    if investment:
        factor = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}.get(investment.group(2) or "", Decimal(1))
        value = format_value(Decimal(investment.group(1)) * factor)
    return {
        "report_id": report["report_id"], "project_id": f"p{start:06d}", "name": raw[start:end],
        "start": start, "end": end, "status": status, "year": year or "", "area": report.get("region", ""),
        "kind": kind, "investment_cny": value, "section_id": section["section_id"],
        "context": raw[sentence_start:sentence_end].strip(),
    }
