"""Decide what each number means: role, measure, canonical value and unit,
comparator, subject, year and area.

Input is one report's interim record (text, sections, mentions from
``extract``); output is one ``figures`` row per mention. Every decision comes
from the tables in ``pipeline/rules/`` and the report's own outline: the
review of last year holds indicators of the review year, the plan holds
targets of the plan year (or of the horizon its heading names).
"""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.numbers import context_span
from pipeline.rules import lookup, table

CLAUSE_STOP = re.compile(r"[，,；;。：:！!？?\n（）()]")
LIST_LINK = re.compile(r"(?:、|和|及|与|、和)")
SUBJECT_STOP = re.compile(r"[“”\"《》]")
TARGET_YEAR = re.compile(r"到((?:19|20)\d\d)年")
MAX_SUBJECT = 24


def cues(kind: str) -> tuple[str, ...]:
    """Cue words of one kind from ``rules/cues.csv``, longest first."""
    return tuple(sorted((r["cue"] for r in table("cues") if r["kind"] == kind), key=len, reverse=True))


def format_value(value: Decimal) -> str:
    """Plain decimal text: no exponent, no trailing zeros, at most 6 decimals."""
    value = value.quantize(Decimal("0.000001")).normalize()
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def innermost_section(sections: list[dict], pos: int) -> dict:
    """The deepest section whose span holds ``pos``."""
    best = sections[0]
    for section in sections:
        if section["start"] <= pos < section["end"] and section["level"] >= best["level"]:
            best = section
    return best


def clause_before(text: str, pos: int) -> tuple[int, str]:
    """Start and text of the clause that ends at ``pos`` (back to ，；。 etc.)."""
    start = pos
    while start > 0 and not CLAUSE_STOP.match(text[start - 1]):
        start -= 1
    return start, text[start:pos]


def list_groups(text: str, mentions: list[dict]) -> list[list[int]]:
    """Indices of mentions written as one list: 87%、91%和77%."""
    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        if (prev and prev["form"] == mention["form"] == "measure"
                and LIST_LINK.fullmatch(text[prev["raw_end"]:mention["start"]].strip())):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def classify_report(record: dict) -> list[dict]:
    """``figures`` rows of one report, in text order."""
    from pipeline.text import clean

    raw = record["text"]
    text = clean(raw)
    report = record["report"]
    mentions = record["mentions"]
    rows = [_base_row(report, record["sections"], raw, m) for m in mentions]
    for group in list_groups(text, mentions):
        _share_list_qualifiers(group, mentions)
    for row, mention in zip(rows, mentions):
        if mention["form"] == "measure":
            _measure(row, mention, text)
    _roles_and_years(rows, mentions, record["sections"], text, report)
    _subjects(rows, mentions, text)
    _areas(rows, text, report)
    return rows


def _base_row(report: dict, sections: list[dict], raw: str, m: dict) -> dict:
    ctx_start, ctx_end = context_span(raw, m["start"], m["end"])
    return {
        "report_id": report["report_id"],
        "figure_id": f"f{m['start']:06d}",
        "section_id": innermost_section(sections, m["start"])["section_id"],
        "start": m["start"], "end": m["end"], "text": raw[m["start"]:m["end"]],
        "raw": raw[m["start"]:m["raw_end"]],
        "context": raw[ctx_start:ctx_end].strip(),
        "role": "other", "subject": "", "code": "", "measure": "", "value": "", "unit": "",
        "comparator": "", "year": "", "area": "",
    }


def _share_list_qualifiers(group: list[int], mentions: list[dict]) -> None:
    """In 分别增长7%、8%左右 the trailing 左右 qualifies every item."""
    last = mentions[group[-1]]
    for i in group[:-1]:
        if not mentions[i]["after"] and not mentions[i]["before"] and last["after"]:
            mentions[i]["after"] = last["after"]


def _measure(row: dict, m: dict, text: str) -> None:
    """Canonical unit and value, measure and comparator of one measure."""
    unit = lookup("units", "written").get(m["unit_word"])
    factor = Decimal(1)
    if m["multiplier"]:
        factor = Decimal(lookup("multipliers", "written")[m["multiplier"]]["factor"])
    if unit is None:
        row.update(measure="level", unit="", value=format_value(Decimal(m["number"]) * factor))
        return
    measure = unit["measure"]
    _, clause = clause_before(text, m["start"])
    if measure == "percent":
        measure = "growth" if _has_growth_verb(clause) else "share"
    if m["unit_word"] in ("名", "位", "名次") and clause.rstrip().endswith(cues("rank")):
        measure, unit = "rank", {"unit": "rank", "factor": "1"}
    value = Decimal(m["number"]) * factor * Decimal(unit["factor"])
    if measure in ("growth", "change_pp") and _last_cue(clause, ("growth", "decline")) == "decline":
        value = -value
    row.update(measure=measure, unit=unit["unit"], value=format_value(value), comparator=_comparator(m))


def _has_growth_verb(clause: str) -> bool:
    """增长/下降 … before a percent, but not 提高到/增长至 (a level reached)."""
    for cue in cues("growth"):
        pos = clause.rfind(cue)
        if pos != -1 and not clause[pos + len(cue):pos + len(cue) + 1] in ("到", "至"):
            return True
    return False


def _last_cue(clause: str, kinds: tuple[str, ...]) -> str:
    """Which of ``kinds`` has the cue nearest the end of ``clause``."""
    best, best_pos = "", -1
    for kind in kinds:
        for cue in cues(kind):
            pos = clause.rfind(cue)
            if pos > best_pos or (pos == best_pos and pos != -1 and kind == "decline"):
                best, best_pos = kind, pos
    return best


def _comparator(m: dict) -> str:
    if m["range_part"] == "low":
        return "ge"
    if m["range_part"] == "high":
        return "le"
    qualifiers = lookup("qualifiers", "written")
    for word in (m["after"], m["before"], m["inner"]):
        if word:
            return qualifiers[word]["comparator"]
    return "eq"


def _roles_and_years(rows: list[dict], mentions: list[dict], sections: list[dict], text: str,
                     report: dict) -> None:
    """Review → indicator of the review year; plan → target of the plan year."""
    review_year, plan_year = report.get("review_year"), report.get("plan_year")
    for row, m in zip(rows, mentions):
        if m["form"] != "measure":
            continue
        section = innermost_section(sections, m["start"])
        _, clause = clause_before(text, m["start"])
        sentence = text[context_span(text, m["start"], m["end"])[0]:m["start"]]
        if section["kind"] == "review":
            row.update(role="indicator", year=review_year or "")
        elif section["kind"] == "plan" and any(c in clause for c in cues("stock")):
            row.update(role="indicator", year=review_year or "")
        elif section["kind"] == "plan":
            stated = TARGET_YEAR.findall(sentence)
            row.update(role="target", year=int(stated[-1]) if stated else section["year"] or plan_year or "")
        else:
            row.update(role="")


def _subjects(rows: list[dict], mentions: list[dict], text: str) -> None:
    """The shortest phrase before the number that says what it measures."""
    previous: dict | None = None
    for row, m in zip(rows, mentions):
        if row["role"] in ("other",) or m["form"] != "measure":
            continue
        _, clause = clause_before(text, m["start"])
        subject = previous["subject"] if previous and m["range_part"] == "high" else _strip(clause)
        if not subject and previous and _same_sentence(text, previous["start"], m["start"]):
            subject = previous["subject"]
        if not subject:
            subject = _noun_after(text, m["raw_end"])
        row["subject"] = subject[-MAX_SUBJECT:]
        previous = row
    _distribute(rows, mentions, text)


def _strip(clause: str) -> str:
    """Remove lead words, tail verbs and qualifiers, and earlier list items."""
    clause = SUBJECT_STOP.sub("", clause)
    clause = re.sub(r"[\d.%]+[^、和]*[、和]$", "", clause)  # earlier items of a number list
    changed = True
    while changed and clause:
        changed = False
        for cue in cues("tail"):
            if clause.endswith(cue):
                clause, changed = clause[:-len(cue)], True
        for cue in cues("lead"):
            if clause.startswith(cue) and len(clause) > len(cue):
                clause, changed = clause[len(cue):], True
    return clause.strip("、和 ")


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not re.search(r"[。；;！？\n]", text[a:b])


def _noun_after(text: str, pos: int) -> str:
    """For 建成8家智能工厂 the subject follows the counter."""
    match = re.match(r"[^，,；;。：:！!？?\n]*", text[pos:])
    phrase = match.group() if match else ""
    return re.split(r"(?:完成|实现|获得|获评|入选|入围|成为|达到|通过|参加|参与)", phrase)[0][:MAX_SUBJECT]


def _distribute(rows: list[dict], mentions: list[dict], text: str) -> None:
    """A、B、C分别增长10%、5%和10%: one subject per number, in order."""
    for group in list_groups(text, mentions):
        if len(group) < 2 or rows[group[0]]["role"] == "other":
            continue
        _, clause = clause_before(text, mentions[group[0]]["start"])
        head = clause.split("分别")[0] if "分别" in clause else ""
        items = [i for i in re.split(r"、|和", _strip(head)) if i]
        if len(items) != len(group):
            continue
        shared = _shared_tail(items)
        for i, item in zip(group, items):
            rows[i]["subject"] = item + shared if not item.endswith(shared) else item


def _shared_tail(items: list[str]) -> str:
    """占全区比重 in 产值、零售额、税收收入占全区比重: the last item's tail after a verb."""
    match = re.search(r"(占.*)$", items[-1])
    return match.group(1) if match else ""


def _areas(rows: list[dict], text: str, report: dict) -> None:
    """The zone, town or park a sentence is about, else the report's region."""
    suffixes = sorted((r["suffix"] for r in table("areas")), key=len, reverse=True)
    pattern = re.compile(r"^[^，,。；;：:\s]{0,14}?(?:" + "|".join(map(re.escape, suffixes)) + ")")
    region = report.get("region", "")
    for row in rows:
        if row["role"] in ("other", ""):
            continue
        sentence_start = context_span(text, row["start"], row["end"])[0]
        sentence = text[sentence_start:row["start"]].lstrip()
        match = pattern.match(sentence)
        area = match.group() if match and not sentence.startswith(("各", "全", "重点", "建设", "打造")) else ""
        row["area"] = area or region
