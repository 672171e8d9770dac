"""Decide what each number means: role, measure, canonical value and unit,
comparator, subject, year and area (where a figure is about: ``areas`` decides it).

Input is one report's interim record (text, sections, mentions from
``extract``); output is one ``figures`` row per mention. Every decision comes
from the tables in ``pipeline/rules/`` and the report's own outline: the
review of last year holds indicators of the review year, the plan holds
targets of the plan year (or of the horizon its heading names).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from decimal import Context, Decimal
from functools import cache, partial

from pipeline.meaning import areas, periods
from pipeline.rules.patterns import any_cue, cue_words
from pipeline.read.mentions import RATIO_LINK, first_threshold, words_through_names
from pipeline.read.reading import Reading
from pipeline.rules import alternation, cues, lookup, table, words
from pipeline.read.text import (ATTRIBUTIVES, BRACKETS_CLOSE, BRACKETS_OPEN, CLAUSE_STOP, CLAUSE_STOPS, CN_ORDINALS, INVISIBLE,
                                ITEM_PAUSES, LIST_PAUSE, NUMBER, PAUSES, QUOTES_OPEN, SENTENCE_STOP, char_class,
                                clean)

MAX_SUBJECT = 24
ITEM_BREAK = re.compile(char_class(ITEM_PAUSES))
GRADES = re.compile(f"[{CN_ORDINALS}]{re.escape(LIST_PAUSE)}[{CN_ORDINALS}]")  # 一、二级医院: a 、 between numerals joins grades, no items
LEADING_YEAR = re.compile(r"^\d{4}年")  # 2020年生产总值达…: a time word, no part of what is measured


MINUS_SIGNS = ("-", "－", "−")
ANNOTATION = re.compile(rf"^{char_class(BRACKETS_OPEN)}{char_class(BRACKETS_CLOSE, negated=True)}{{1,3}}"
                        rf"{char_class(BRACKETS_CLOSE)}{char_class(ITEM_PAUSES)}?")  # 7.4万套（间）、累计…: the unit's note, not a subject
TRAILING_NOTE = re.compile(rf"{char_class(BRACKETS_OPEN)}{char_class(BRACKETS_CLOSE, negated=True)}{{1,6}}"
                           rf"{char_class(BRACKETS_CLOSE)}$")  # 智能工厂（车间）: a gloss ending a subject, none of its name
CHANGE_MEASURES = {"growth", "change_pp"}  # what changes is named where the level changed is
MADE_MEASURES = {"count", "level"}  # what a verb can make (新建5G基站8000个, 改造管网30公里); never a rate
TENDED_REACH = 6  # characters before a count where a verb of tending takes it as its object (加强环雄安5个乡镇)
HELD_REACH = 2  # numbers after a streak's where the level it held may stand (连续四年稳定在37万吨以上: the next)
MAX_ATTRIBUTE = 4  # an attribute said of the things counted just before is a short word (交付率, 入住率), no phrase of its own
LAW_BODY = 10  # the longest name of a body asked or helped to make law (市人大及其常委会)
BARE_DEED = 2  # a deed this short after whom it is for (为市场主体减负: 减负) is a verb alone, no one's measure without them
MAX_MODIFIER = 5  # a modifier alone (千亿级, 省重点, 国家级重点) is short; a longer item is a noun of its own (…导入事项)
SHORT_ITEM = 3  # a listed item this short (示范村, 示范镇) is a short form of the noun of the item before, sharing its qualifiers
SHARED_OPENING = 2  # the characters of such an item found in the noun before it, where the two nouns open alike (示范)
LISTED_UNIT = 4  # the longest unit an item of a list of ranks or changes is written with (位, 个百分点): longer is words, no item
COUNTED_REACH = 8  # characters beside a number where what it counts may be named (100户专精特新企业, 5575万农村贫困人口)
OTHER = {"role": "other", "subject": "", "code": "", "measure": "", "value": "", "unit": "",
         "comparator": "", "year": "", "period_start": "", "basis": "", "area": ""}  # a figure that measures nothing
SAME_THINGS = 3  # the shortest end of a review stock's subject that names the same things in the plan (开发区)
Changes = dict[int, dict]  # what a pass decided: the fields it sets, by row index
PRECISE = Context(prec=60)  # values and unit factors (format_value says why 60), one context for all, not one per value
MICRO = Decimal("0.000001")  # the finest a value is written to


@cache
def unit_factor(written: str) -> Decimal:
    """A unit's factor as the table writes it: a decimal, or an exact ratio such as
    亩's 10000/15 (a decimal of it made 2214.54万亩 14763599999.999999 m2). Kept
    per written factor: a table has few, and every measure asks for one."""
    numerator, _, denominator = written.partition("/")
    return PRECISE.divide(Decimal(numerator), Decimal(denominator or 1))


def scaled(number: str, *factors: Decimal) -> Decimal:
    """``number`` times ``factors`` in the shared precise context: the default 28
    digits would round a long numeral times 万亿 before format_value sees it."""
    value = Decimal(number)
    for factor in factors:
        value = PRECISE.multiply(value, factor)
    return value


def format_value(value: Decimal) -> str:
    """Plain decimal text: no exponent, no trailing zeros, at most 6 decimals.

    Computed with 60 significant digits, enough for any numeral extract lets
    through (``numbers.MAX_DIGITS``) times 万亿 and a unit factor; the default 28
    made a 23-digit number fail with decimal.InvalidOperation."""
    value = value.quantize(MICRO, context=PRECISE).normalize(PRECISE)
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def section_finder(sections: list[dict]) -> Callable[[int], dict]:
    """A function giving the deepest section holding a position, in O(log n).

    Sections nest (each lies inside its parent and after it in the list, the
    root first), so the deepest one holding ``pos`` is the last one starting at
    or before it, or the first of its ancestors that still reaches ``pos``.
    Scanning every section for every figure made normalize quadratic in a
    report's size."""
    starts = [s["start"] for s in sections]
    by_id = {s["section_id"]: s for s in sections}

    def find(pos: int) -> dict:
        section = sections[max(0, bisect_right(starts, pos) - 1)]
        while not section["start"] <= pos < section["end"] and section["parent_id"] in by_id:
            section = by_id[section["parent_id"]]
        return section if section["start"] <= pos < section["end"] else sections[0]

    return find


def _list_gap(text: str, prev: dict, mention: dict) -> str:
    """The words between two numbers but a rank's ordinal before the second (cues
    kind rank_ordinal: 第3位、第2位), which every item of a list of ranks repeats."""
    gap = text[prev["raw_end"]:mention["start"]].strip()
    return gap.removesuffix(_longest_end(gap, "rank_ordinal"))


def list_groups(text: str, mentions: list[dict]) -> list[list[int]]:
    """Indices of mentions written as one list: 87%、91%和77%."""
    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        prev = mentions[i - 1] if i else None
        if (prev and prev["form"] == mention["form"] == "measure"
                and any_cue("item_link").fullmatch(_list_gap(text, prev, mention))):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class Asked:
    """What the passes of one report ask of its text again and again, answered
    once: the clause before each mention, its start and words (``clauses``, by
    the mention's start; five passes ask it of every figure), and the phrases
    :func:`_strip` cleaned (``strip``: the subjects' and the times' passes ask it
    of the same clauses, 5,939 asks of 3,084 phrases over the shared reports).

    One per :func:`classify_report` call, dropped after it: kept across reports,
    it would make the scale benchmark, whose corpus is copies of the same
    reports, faster than a year of distinct ones."""

    def __init__(self, r: Reading, mentions: list[dict]) -> None:
        self.clauses = {m["start"]: r.clause_before(m["start"]) for m in mentions}
        self.strip = cache(_strip)


def classify_report(record: dict, reading: Reading | None = None) -> list[dict]:
    """``figures`` rows of one report, in text order. ``reading`` is the report's
    text read once (``pipeline.read.reading``), when the caller has it already.

    The passes run in this order, each reading the rows as the ones before left
    them; each returns only what it decided (``Changes``) and ``_merged`` makes
    the new rows, so no pass writes into what it reads and the record stays as given."""
    r = reading or Reading(record["text"])
    report = record["report"]
    asked = Asked(r, record["mentions"])
    groups = list_groups(r.text, record["mentions"])
    mentions = _merged(record["mentions"], _list_qualifiers(record["mentions"], groups))
    mentions = _merged(mentions, _list_units(mentions, groups))
    mentions = _merged(mentions, _list_names(mentions, r, asked))
    section_at = section_finder(record["sections"])
    rows = [_base_row(report, section_at, r, m) for m in mentions]
    rows = _merged(rows, {i: _measure(m, r, asked) for i, m in enumerate(mentions) if m["form"] == "measure"})
    titles = _heading_chains(record["sections"])
    rows = _merged(rows, _roles_and_years(rows, mentions, record.get("parts", []), r, asked, report, titles))
    rows = _merged(rows, _subjects(rows, mentions, r, asked, report.get("region", "")))
    rows = _merged(rows, _repeated_stocks(rows, mentions, r, report.get("review_year") or ""))
    rows = _merged(rows, _region_make_up(rows, mentions, r, report))
    rows = _merged(rows, _modifier_items(rows, mentions, r.text))
    rows = _merged(rows, _distribute(rows, mentions, r, groups))
    rows = _merged(rows, _shared_predicates(rows, mentions, r.text))
    rows = _merged(rows, _side_by_side_subjects(rows, mentions))
    rows = _merged(rows, _structure_subjects(rows, mentions, r))
    rows = _merged(rows, _streak_subjects(rows, mentions, r, asked))
    rows = _merged(rows, _ranked_together(rows, mentions, r))
    rows = _merged(rows, _placed(rows, areas.assign(rows, r, report.get("region_code", "")), report.get("region", "")))
    return _merged(rows, _placed(rows, areas.distribute(rows, mentions, r, groups)))


def _merged(rows: list[dict], changes: Changes) -> list[dict]:
    """``rows`` with each changed one a new dict holding its changes (the others as they are)."""
    merged = list(rows)
    for i, change in changes.items():
        merged[i] = {**rows[i], **change}
    return merged


def _base_row(report: dict, section_at: Callable[[int], dict], r: Reading, m: dict) -> dict:
    raw = r.raw
    ctx_start, ctx_end = r.raw_window(m["start"], m["end"])
    return {
        "report_id": report["report_id"],
        "figure_id": f"f{m['start']:06d}",
        "section_id": section_at(m["start"])["section_id"],
        "start": m["start"], "end": m["end"], "text": raw[m["start"]:m["end"]],
        "raw": raw[m["start"]:m["raw_end"]],
        "context": raw[ctx_start:ctx_end].strip(),
        **OTHER,
    }


def in_project_names(rows: list[dict], names: list[dict]) -> list[dict]:
    """``rows`` with each figure written inside a named project's name, past its
    first character (兰州石化120万吨乙烯改造项目, 君乐宝年产20万吨鲜奶: ``names`` are the
    ``projects`` rows, in text order), an other: a part of a name, as 5G is
    (tests/labels/README.md); a planned plant's size is no result and no goal of the year."""
    starts = [name["start"] for name in names]

    def inside(row: dict) -> bool:
        at = bisect_right(starts, row["start"] - 1) - 1  # the last name opening before the figure
        return at >= 0 and row["end"] <= names[at]["end"]
    return [{**row, **OTHER} if row["role"] != "other" and inside(row) else row for row in rows]


def _list_qualifiers(mentions: list[dict], groups: list[list[int]]) -> Changes:
    """In 分别增长7%、8%左右 the trailing 左右 qualifies every item, and in 分别超过2%、5%
    the leading 超过 does (each item that has no qualifier of its own)."""
    changes = _from_last(mentions, groups, "after", lambda m, _: not m["after"] and not m["before"])
    for group in groups:
        first = mentions[group[0]]
        for i in group[1:] if first["before"] else ():
            if i not in changes and not mentions[i]["after"] and not mentions[i]["before"]:
                changes[i] = {"before": first["before"]}
    return changes


def _list_units(mentions: list[dict], groups: list[list[int]]) -> Changes:
    """In 参保分别达426万、656万人以上 the unit written after the last item (人) is each
    earlier item's that has the same multiplier and no unit of its own: values side
    by side for one thing share it (tests/labels/README.md)."""
    return _from_last(mentions, groups, "unit_word", lambda m, last: bool(
        last["multiplier"] and not m["unit_word"] and m["multiplier"] == last["multiplier"]))


def _from_last(mentions: list[dict], groups: list[list[int]], field: str,
               takes: Callable[[dict, dict], bool]) -> Changes:
    """The ``field`` written with each list's last item, given to every earlier item
    that ``takes`` it (asked of the item and the last one): what is written once
    after a list's values is theirs."""
    return {i: {field: mentions[group[-1]][field]} for group in groups if mentions[group[-1]][field]
            for i in group[:-1] if takes(mentions[i], mentions[group[-1]])}


def _measure(m: dict, r: Reading, asked: Asked) -> dict:
    """Canonical unit and value, measure and comparator of one measure."""
    text = r.text
    unit = lookup("units", "written").get(m["unit_word"])
    factor = Decimal(1)
    if m["multiplier"]:
        factor = Decimal(lookup("multipliers", "written")[m["multiplier"]]["factor"])
    if unit is None and m["multiplier"]:
        unit = _bare_multiplier_unit(text, m)
    if unit is None:
        return {"measure": "level", "unit": "", "value": format_value(scaled(m["number"], factor))}
    measure = unit["measure"]
    _, clause = asked.clauses[m["start"]]
    if measure == "percent":
        measure = "growth" if _has_growth_verb(clause) else "share"
    if _is_rank(m, clause):
        measure, unit = "rank", {"unit": "rank", "factor": "1"}
    measure = _duration_or_count(measure, unit["unit"], clause)
    if unit["unit"] == "household" and _counts_firms(text, m, _counted_clause(r, m["start"], clause)):
        unit = {**unit, "unit": "count"}  # 规上工业企业3382户: 户 counts firms, not households
    elif unit["unit"] == "count" and _counts_households(text, m):
        unit = {**unit, "unit": "household"}  # 8.1万个困难家庭: 个 counts households
    value = scaled(m["number"], factor, unit_factor(unit["factor"]))
    if measure in ("growth", "change_pp") and _last_cue(clause, ("growth", "decline")) == "decline":
        value = PRECISE.minus(value)
    if measure == "growth" and clause.endswith(MINUS_SIGNS) and m["range_part"] != "high":
        value = PRECISE.minus(value)  # 增长-2.6%: the sign is written before the number
    top = clause.rstrip().endswith(cues("rank_top")) or m["unit_word"] in cues("top_n")  # 前10位, 50强
    comparator = "le" if measure == "rank" and top else _comparator(m)
    return {"measure": measure, "unit": unit["unit"], "value": format_value(value), "comparator": comparator}


def _duration_or_count(measure: str, unit: str, clause: str) -> str:
    """平均受教育年限11.3年 is a level in years, not a run; 优良天数278天 counts the
    days of a year (cues kind day_count); a streak word right before the number
    (cues kind streak: 平均受教育年限连续3年提高, 连续四次获评) makes it a run, a
    duration, whatever the clause names."""
    if measure in ("duration", "count") and clause.endswith(cues("streak")):
        return "duration"
    if measure == "duration" and any_cue("years_level").search(clause):
        return "level"
    if measure == "duration" and unit == "day" and any_cue("day_count").search(clause):
        return "count"
    return measure


def _is_rank(m: dict, clause: str) -> bool:
    """第N名, 居全国前10位, 排名上升到235位: a place in a ranking."""
    if m["unit_word"] not in cues("rank_unit"):
        return False
    clause = _listed_before().sub("", clause)  # 分别提升6位、49位: the second ranks as the first
    return clause.rstrip().endswith((*cues("rank"), *cues("rank_top"))) or any_cue("rank_noun").search(clause) is not None


@cache
def _listed_before() -> re.Pattern:
    """The items of a list of numbers that end a clause (6位、 before 49位), each a
    number, a short unit (up to LISTED_UNIT characters) and an item link (cues kind item_link)."""
    unit = char_class(CLAUSE_STOPS, negated=True, also=r"\d")
    return re.compile(rf"(?:{NUMBER.pattern}{unit}{{0,{LISTED_UNIT}}}?(?:{cue_words('item_link')}))+$")


def _bare_multiplier_unit(text: str, m: dict) -> dict | None:
    """The unit of a bare 万 or 亿 (no unit written), from the words beside it: people
    (cues kind person_noun: 5575万农村贫困人口, 46万群众), yuan after a word of a
    sum of money (cues kind money_noun: 生活用纸产值超二百亿), or households (cues kind
    household: 受困扰的家庭以千万计); None when none says."""
    if _names_beside(text, m, "person_noun"):
        return {"unit": "person", "factor": "1", "measure": "count"}
    if _names_beside(text, m, "money_noun"):
        return lookup("units", "written")["元"]
    if _names_beside(text, m, "household"):  # 受困扰的家庭以千万计: the contract's 户
        return lookup("units", "written")["户"]
    return None


def _names_beside(text: str, m: dict, kind: str) -> bool:
    """Whether a word of cues ``kind`` stands within a few characters of the number
    (COUNTED_REACH), before it or after its multiplier."""
    before = text[max(0, m["start"] - COUNTED_REACH):m["start"]]
    after = text[m["raw_end"]:m["raw_end"] + COUNTED_REACH]
    return any(c in before or c in after for c in cues(kind))


def _counts_firms(text: str, m: dict, clause: str) -> bool:
    """Whether 户 counts firms (企业, 经营主体, 工商户 … : cues kind firm) in the
    clause or the words right after the number, up to the clause's end (新设经营主体
    30万户，其中企业8万户: the firms of the next clause are counted there)."""
    after = CLAUSE_STOP.split(text[m["raw_end"]:m["raw_end"] + COUNTED_REACH], maxsplit=1)[0]
    return any_cue("firm").search(clause + after) is not None


def _counts_households(text: str, m: dict) -> bool:
    """Whether the noun a counter counts, the words after it to the clause's end,
    ends with a word for households (cues kind household: 惠及8.1万个困难家庭): 户
    and 家庭 are the contract's household, whatever counter is written."""
    noun = CLAUSE_STOP.split(text[m["raw_end"]:m["raw_end"] + COUNTED_REACH], maxsplit=1)[0]
    return noun.endswith(cues("household"))


def _counted_clause(r: Reading, pos: int, clause: str) -> str:
    """The words that name what a number counts: its clause, or, when the clause
    opens with a total (cues kind total_suffix: …企业535户，总数达到3159户), the
    sentence before it, whose earlier clause named what the total is of."""
    return r.text[r.sentence_start(pos):pos] if clause.lstrip().startswith(cues("total_suffix")) else clause


def _has_growth_verb(clause: str) -> bool:
    """增长/下降 … before a percent, but not 提高到/增长至 (a level reached)."""
    seen: set[int] = set()
    for cue in cues("growth"):  # longest first: 增 at the 增加 of 增加到 is the same verb
        pos = clause.rfind(cue)
        if pos == -1 or pos in seen:
            continue
        seen.add(pos)
        rest = clause[pos + len(cue):]
        if not rest.startswith(cues("level_reached")) and not any(noun in rest[1:] for noun in cues("rate_noun")):
            return True  # 新增就业…、失业率控制在4.5%: the rate named after the verb is what is measured
    return False


def _last_cue(clause: str, kinds: tuple[str, ...]) -> str:
    """Which of ``kinds`` has the cue nearest the end of ``clause`` (decline on a tie)."""
    found = {kind: match.start() for kind in kinds if (match := _last_match(kind, clause))}
    return max(found, key=lambda kind: (found[kind], kind == "decline"), default="")


def _last_match(kind: str, clause: str, skip: frozenset[int] = frozenset()) -> re.Match | None:
    """The last cue of ``kind`` in ``clause`` not ending at a position of ``skip``."""
    return next((cue for cue in reversed(list(any_cue(kind).finditer(clause))) if cue.end() not in skip), None)


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


def _heading_chains(sections: list[dict]) -> dict[str, tuple[str, ...]]:
    """section_id → the titles of the section and the headings it lies in, outermost first: an
    item (一是) is a section inside its （一） heading, whose period (“十四五”以来的主要成就) reaches it."""
    chains: dict[str, tuple[str, ...]] = {}
    for section in sections:  # a parent comes before its sections; the whole report's, level 0, has no title
        chains[section["section_id"]] = (*chains.get(section["parent_id"], ()), *([section["title"]] if section["level"] else []))
    return chains


def _roles_and_years(rows: list[dict], mentions: list[dict], parts: list[dict], r: Reading, asked: Asked,
                     report: dict, titles: dict[str, tuple[str, ...]]) -> Changes:
    """Role, year, period and basis from the part of the report a figure lies in
    (``pipeline.meaning.periods``) and the ``titles`` over its section (by section_id,
    :func:`_heading_chains`: a heading may name the period the running totals under it run over); a figure may take
    the period of the one before it in the sentence (:func:`_time_of_previous`)."""
    spans = [periods.Part(**p) for p in parts] or [periods.Part(0, len(r.text), "", None, None)]
    starts = [p.start for p in spans]
    changes: Changes = {}
    previous: dict | None = None  # the measure before: its time, where it is written, measure and clause
    for i, (row, m) in enumerate(zip(rows, mentions)):
        if m["form"] != "measure":
            continue
        _, clause = asked.clauses[m["start"]]
        part = periods.part_at(spans, starts, m["start"])
        headings = titles.get(row["section_id"], ())
        headings = headings if part.under_heading else headings[1:]  # the top-level one no longer says its period
        time = _time(row, m, clause, part, r, report.get("review_year") or "", headings)
        if previous and _same_sentence(r.text, previous["start"], m["start"]):
            gap = r.text[previous["raw_end"]:m["start"]].strip()
            gap = _rank_words().sub("", gap) if row["measure"] == "rank" else gap  # 居全省第一、第二位: one list
            ranged = m["range_part"] == "high" and row["measure"] not in periods.STATE_MEASURES  # 3-5年 ends later
            linked = ranged or any_cue("item_link").fullmatch(gap) is not None
            time = _time_of_previous(asked, time, row["measure"], clause, previous, linked)
        changes[i] = time
        previous = {**time, "start": m["start"], "raw_end": m["raw_end"], "measure": row["measure"], "clause": clause}
    return changes


def _time_of_previous(asked: Asked, time: dict, measure: str, clause: str, previous: dict, linked: bool) -> dict:
    """``time`` with the period of the measure before it in the sentence where it
    is that one's: ``linked`` to it as the next value of one list (分别从771家、481家增加到…:
    both the base year's) or as the high end of its range (企业2—3家: one figure's bounds), held through the streak before it (连续8年稳定在1300亿斤以上: each
    year's value, annual, from the streak's first year; a rank held, 连续30个月居前10位,
    and a total over it, 连续4年累计净增, keep the streak's basis), compared with
    it (高于全省1个百分点), a share or a part of it opening its clause or its clause's last list item
    (…，占财政支出的80%; …，其中企业8.4万户; 交易255亿美元、占全球10%),
    ranked by it with no words of its own but a total (农民合作社2.3万家，全省第二位; 8人获称号，
    总数全省第一: a rank takes the basis of what it ranks), or with no words of its own after a
    list (分别提高19.6%，15.6%)."""
    if linked and measure == previous["measure"]:
        return {**time, "year": previous["year"], "period_start": previous["period_start"], "basis": previous["basis"]}
    if previous["measure"] == "duration" and measure != "duration" and any_cue("streak").search(clause):
        total = any_cue("cumulative", "periods").search(clause) is not None  # 连续4年累计净增: periods.csv kind cumulative
        held = measure == "rank" or total
        return {**time, "period_start": previous["period_start"], "basis": previous["basis"] if held else "annual"}
    listed = not clause.strip() and any_cue("respectively").search(previous["clause"])
    item = clause.rsplit(LIST_PAUSE, 1)[-1]  # 交易255亿美元、占全球10%: the list's last item
    share = any(phrase.lstrip().startswith((*cues("share_of"), *cues("part_of"))) for phrase in (clause, item))
    words = _rank_words().sub("", asked.strip(clause))  # 合作社2.3万家，全省第二位; …8人获称号，总数全省第一: the total of them
    ranked = (measure == "rank" and words == _total_end(words)
              and not any_cue("rank_change", "periods").search(clause))  # but 排名46位，提升6位: the year's change
    if listed or share or ranked or any_cue("compare").search(clause):
        return {**time, "period_start": previous["period_start"], "basis": previous["basis"]}
    return time


def _time(row: dict, m: dict, clause: str, part: periods.Part, r: Reading, review_year: int | str,
          headings: tuple[str, ...]) -> dict:
    """Role, year, period and basis of one measure: a review part gives indicators,
    a plan part targets, except a stock described in the plan (an indicator of the
    review year) and a target quoted beside a result in the review or named a goal met there.
    ``headings``: the titles over it, outermost first, which may name the period of its running totals."""
    sentence_start, sentence_end = r.sentence_span(m["start"], m["end"])
    part = periods.of_year_named(part, r.text, sentence_start, m["start"])  # 2023年，… in a five-year review
    sentence = r.text[sentence_start:m["start"]]
    after = r.text[m["end"]:sentence_end]
    target_quoted_or_met = part.kind == "review" and (periods.is_quoted_target(r.text, m["start"])
                                                      or periods.names_a_goal_met(after))
    number = periods.Number(_time_measure(row), m["unit_word"], target_quoted_or_met, m["after"])
    named = partial(periods.named_start, r.text, m["start"], part.year or 0, headings)  # read only for a running total
    time = periods.figure_time(part, number, clause, sentence, after, named)
    goal = time["role"] == "target" and not target_quoted_or_met
    if goal and (basis := _stock_basis(row, clause, after, time["basis"])):
        time = {**time, **_review_stock(review_year), "basis": basis}  # 巩固368个村: the villages there at the year's end
    elif goal and _plan_given(clause):
        time = {**time, "role": "indicator", "period_start": time["year"], "basis": "annual"}
    if row["measure"] == "duration" and time["year"]:
        time = {**time, **periods.streak({**row, **time}, time["year"], clause, after)}
    return time


def _plan_given(clause: str) -> bool:
    """Whether a plan's figure states a given of the plan year the work must meet,
    not a goal: a cohort (cues kind given: 今年高校毕业生超过1000万人) opening its
    clause, after words of when or of an estimate only (kind given_time: 今年, 预计)
    and with words of size only (kind given_link: 规模, 将, 达到) before the number.
    The plan does not aim at it, so it is the plan year's indicator (annual)."""
    return _given().fullmatch(clause.strip()) is not None


@cache
def _given() -> re.Pattern:
    """今年预计高校毕业生规模达: the whole clause before a given's number."""
    return re.compile(f"(?:{any_cue('given_time').pattern})*{any_cue('given').pattern}(?:{any_cue('given_link').pattern})*")


def _stock_basis(row: dict, clause: str, after: str, basis: str) -> str:
    """The basis of a plan's figure that describes what exists (an indicator of the
    review year), '' for a goal. A stock cue (cues kind stock: 目前已建成…, 去年) with no
    verb that makes new things after it (cues kind made) keeps the figure's own
    ``basis`` (去年新增 is last year's flow), but makes a count a state (as_of) unless
    the cue only says when (去年). A state too: a figure after a word of what is in
    force with no other number between (cues kind in_force: 现行16%的税率降至13%: the
    16%, not the 13%), and a count of the things a verb of tending works on, written
    just before it (cues kind tended: 巩固368个经济薄弱村扶持成效, 加快完善6个经开区运营模式),
    the things the work builds on or the region's people, said later in its clause
    (``after`` it; cues kinds built_on, populace: 以2个国家现代农业产业园为引领, 40万满城人民,
    56个民族), a count said to be how many there are (cues kind reckoned right after it:
    家庭以千万计), or the sets whose members the work is on (:func:`_sets_of_members`:
    对15条产业链重点企业改造): those things are there already. 完善试点幼儿园10所 counts
    the work planned."""
    cue = _stock_cue(clause)
    made = cue and any_cue("made").search(clause, cue.end())  # 利用现有资源改造建设20个中心: new ones
    if cue and not (made and made.start() > cue.end()):  # but 去年新增 is last year's
        dated = cue.group() in periods.cues("one_year")  # 去年 says when, not that the things are there
        return "as_of" if row["measure"] == "count" and not dated else basis
    in_force = _last_match("in_force", clause)
    if in_force and not NUMBER.search(clause, in_force.end()):
        return "as_of"
    rest = CLAUSE_STOP.split(after, maxsplit=1)[0]
    tended = _tends(clause) or any(any_cue(kind).search(rest) for kind in ("built_on", "populace"))
    members = _sets_of_members().match(periods.QUOTE_MARKS.sub("", rest)) and not _makes_them(clause)
    tended = tended or members or _named_designated(clause, rest) or rest.startswith(cues("reckoned"))
    return "as_of" if row["measure"] == "count" and (tended or _tends_a_list(clause, row["value"])) else ""


def _tends_a_list(clause: str, count: str) -> bool:
    """聚焦先进制造业、…、社会民生7个领域: a verb of tending (cues kind tended) opens the clause
    and its object is a list of as many items as the number counts (``count``, its
    canonical value: 三个 and 3个 alike), the things named there already."""
    verb, items = _tended_list(clause.lstrip())
    return verb is not None and verb.start() == 0 and len(items) > 1 and str(len(items)) == count


def _tends(clause: str) -> bool:
    """Whether a verb of tending (cues kind tended) takes the number's things as its
    object: written just before it, or before the first item of a list the number's
    item goes on (聚焦九大主导产业、15条细分产业链: the chains are aimed at too) with no number
    before it (聚焦…实施200个省重点、500个市重点项目: the list's counts are of the verb after)."""
    listed = clause.endswith(LIST_PAUSE) and not NUMBER.search(clause) and _tended_list(clause)[0]
    return bool(listed or any_cue("tended").search(clause[-TENDED_REACH:]))


def _tended_list(clause: str) -> tuple[re.Match | None, list[str]]:
    """The verb of tending (cues kind tended) in the first item of the list ``clause``
    holds, and the items after it, split at list pauses: the verb takes them all as
    its object (聚焦九大主导产业、15条细分产业链). (None, []) with no such verb there."""
    verb = any_cue("tended").search(clause.split(LIST_PAUSE, maxsplit=1)[0])
    return verb, (clause[verb.end():].split(LIST_PAUSE) if verb else [])


def _stock_cue(clause: str) -> re.Match | None:
    """The clause's last stock cue (cues kind stock) that is no base of a change: in
    比去年增加8000亿元 (cues kind base_last_year) last year is what this year's target
    is measured from, no stock the plan describes."""
    return _last_match("stock", clause, frozenset(base.end() for base in any_cue("base_last_year").finditer(clause)))


def _named_designated(clause: str, rest: str) -> bool:
    """正阳花生、泌阳夏南牛2个国家现代农业产业园: things of a designation (cues kind
    designation: 国家, 省级) counted right after a list of their names, with no
    number before in the clause, hold it already (a designation is awarded, so the
    ones named have it): what the plan's work builds on, a stock, not a goal. A number
    after a list pause is an item of its own (甲中心、3个省级中心), no count of the names."""
    return (LIST_PAUSE in clause and not clause.endswith(LIST_PAUSE) and not NUMBER.search(clause)
            and _designated().match(rest) is not None)  # …、3个省级中心: an item of its own, no count of the names


@cache
def _designated() -> re.Pattern:
    """A counter (a few characters) and a word of a designation (cues kind designation)."""
    return re.compile(rf"\D{{0,{LISTED_UNIT}}}?(?:{cue_words('designation')})")


@cache
def _sets_of_members() -> re.Pattern:
    """A counter and a few words ending in a set (cues kind member_set: 产业链) right
    before the members the work is on (cues kind members: 重点企业): 对15条产业链重点企业改造
    counts the chains whose firms are worked on, there already, not a goal."""
    return re.compile(rf"[^\d]{{0,{COUNTED_REACH}}}?(?:{cue_words('member_set')})(?:{cue_words('members')})")


def _makes_them(clause: str) -> bool:
    """Whether a verb that makes new things (cues kinds made, flow: 新建, 培育) ends the
    words before the number: 新培育3条产业链重点企业配套项目 counts new ones, a goal, not
    sets whose members are worked on."""
    return clause.rstrip().endswith(_made_and_flow_cues())


@cache
def _made_and_flow_cues() -> tuple[str, ...]:
    """The verbs that make new things (cues kinds made, flow), gathered once, not per clause."""
    return tuple({*cues("made"), *cues("flow")})


def _repeated_stocks(rows: list[dict], mentions: list[dict], r: Reading, review_year: int | str) -> Changes:
    """A plan's count of the very things a stock of the review counts, the same
    number written before the same noun (有效期内高新技术企业176家 … 抓好…176家高新技术企业发展,
    全市11个产业集聚区 … 突出抓好11个产业集聚区): the plan works on what is there, an
    indicator of the review year (as_of), no goal. Only a stock matches: a yearly
    programme repeated (办好20项民生工程, a deed of the review year) is a new goal."""
    stocks: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row["role"] == "indicator" and row["basis"] == "as_of" and row["measure"] == "count" and row["subject"]:
            stocks.setdefault((row["value"], row["unit"]), []).append(row["subject"])
    changes: Changes = {}
    for i, (row, m) in enumerate(zip(rows, mentions)):
        subjects = stocks.get((row["value"], row["unit"]), []) if row["role"] == "target" else []
        noun = CLAUSE_STOP.split(r.text[m["raw_end"]:m["raw_end"] + COUNTED_REACH], maxsplit=1)[0]
        if any(_same_things(subject, noun) for subject in subjects):
            changes[i] = _review_stock(review_year)
    return changes


def _list_names(mentions: list[dict], r: Reading, asked: Asked) -> Changes:
    """A list's size (cues kind top_n: 500强), or the top share of a list (前1%, 前1‰: a
    share's sign, number_forms.csv kind share_sign, after cues kind rank_top), that
    is not the standing of one body at its clause's end (天水经开区跻身全国50强。: a
    rank) is part of the list's name, a bare number that measures nothing
    (tests/labels/README.md): quoted or before more words (“三类500强”企业,
    对接全国500强和央企), or after another number of its clause, which counts what
    entered the list (26家企业上榜…500强, 连续19年上榜全国500强, 92个学科进入ESI全球前1%)."""
    changes: Changes = {}
    for i, m in enumerate(mentions):
        if m["form"] != "measure":
            continue
        _, clause = asked.clauses[m["start"]]
        share = m["unit_word"] in words("number_forms", "written", "share_sign")
        if not (m["unit_word"] in cues("top_n") or (share and clause.endswith(cues("rank_top")))):
            continue
        ends = r.text[m["raw_end"]:m["raw_end"] + 1] in CLAUSE_STOPS
        if not ends or NUMBER.search(clause) or clause.endswith(QUOTES_OPEN):
            changes[i] = {"form": "bare"}
    return changes


def _review_stock(review_year: int | str) -> dict:
    """The time of a plan's figure that counts what is there already: the review year's state."""
    return {"role": "indicator", "year": review_year, "period_start": review_year, "basis": "as_of"}


# The cue kinds of words for a region's divisions of one level, with the levels
# (rules/meaning/divisions.csv) they name: 市州 the cities, 县域 the counties and districts.
PART_LEVELS = {"city_parts": ("city",), "county_parts": ("county", "district")}


def _region_make_up(rows: list[dict], mentions: list[dict], r: Reading, report: dict) -> Changes:
    """A plan's count right before a word for the region's divisions of one level
    (cues kinds city_parts, county_parts) that is as many as the region has (在14个市州城区…
    in 甘肃省, 86台县域“发动机”) counts the region's make-up, there already: an
    indicator of the review year (as_of), no goal. A count of fewer (在5个市州开展试点)
    picks some of them for the plan's work: a goal."""
    changes: Changes = {}
    for i, (row, m) in enumerate(zip(rows, mentions)):
        after = r.text[m["raw_end"]:m["raw_end"] + COUNTED_REACH]
        kind = next((k for k in PART_LEVELS if after.startswith(cues(k))), "") if row["role"] == "target" else ""
        if kind and row["measure"] == "count" and row["value"] == str(_part_count(report.get("region_code", ""), kind)):
            changes[i] = _review_stock(report.get("review_year") or "")
    return changes


@cache
def _part_count(region_code: str, kind: str) -> int:
    """How many divisions of the levels of cues ``kind`` (PART_LEVELS) lie one or two levels below the region."""
    rows = table("divisions")
    return sum(rows[n]["level"] in PART_LEVELS[kind] for n in areas.near_rows(region_code))


def _same_things(subject: str, noun: str) -> bool:
    """Whether ``noun`` opens with an end of ``subject`` at least SAME_THINGS long
    (先进制造业开发区 … 开发区集约集聚水平): the head noun of both is one."""
    return any(noun.startswith(subject[cut:]) for cut in range(len(subject) - SAME_THINGS + 1))


def _time_measure(row: dict) -> str:
    """The measure whose time is read: a multiple in Arabic numerals written with
    no unit word, a ratio (收入比值由3.27缩小至2.93, 收入比2.1∶1), is a level of its year, not a
    change over a period as 增长2倍 is. Read in the cleaned view: 2．81∶1 is a ratio too."""
    text, raw = clean(row["text"]), clean(row["raw"])
    ratio = row["measure"] == "multiple" and NUMBER.fullmatch(text) and raw.startswith(text) and (
        raw == text or RATIO_LINK.match(raw, len(text)))
    return "level" if ratio else row["measure"]


def _subjects(rows: list[dict], mentions: list[dict], r: Reading, asked: Asked, region: str) -> Changes:
    """The shortest phrase near the number that says what it measures."""
    changes: Changes = {}
    previous: dict | None = None  # the measure before, as this pass leaves it: its subject may carry on
    last_end = item_end = low = 0  # item_end: where the last threshold ends (投资超50亿元、100亿元产业项目实现突破、…)
    for i, (row, m) in enumerate(zip(rows, mentions)):
        if m["form"] == "threshold":
            item_end = m["raw_end"]
        if m["form"] != "measure":
            continue
        subject, last_end = _subject(r, asked, m, last_end, previous, row["measure"], item_end)
        subject, last_end = _through_threshold(r.text, subject, last_end, mentions[i + 1:i + 2])
        subject = _without_distributive(_without_own_name(subject.replace(INVISIBLE, ""), region))
        subject = _after_named_examples(subject)
        if previous and _same_sentence(r.text, previous["start"], m["start"]):
            subject = _class_quantity(subject, previous["subject"])
        changes[i] = {"subject": _last_words(subject)}
        low = i if m["range_part"] == "low" else low
        if m["range_part"] == "high" and not changes[low]["subject"]:
            changes[low] = changes[i]  # 获批1—2个产业园: the low end counts what follows the high end's counter
        if not _is_pool(r, m, mentions[i + 1:i + 2], rows[i + 1:i + 2]):
            previous = {**row, "subject": _carried_subject(r, m, changes[i]["subject"])}
    return changes


def _is_pool(r: Reading, m: dict, following: list[dict], rows_after: list[dict]) -> bool:
    """位列全国337个城市第17位: a count that opens the pool the rank after it in its
    clause is among (:func:`_pool_start`) names nothing that rank, or a figure after
    it, carries on."""
    if not following or not rows_after or rows_after[0]["measure"] != "rank":
        return False
    start = r.clause_start(following[0]["start"])
    return start <= _pool_start(r.text, start, following[0]["start"]) < m["start"]


def _through_threshold(text: str, subject: str, end: int, following: list[dict]) -> tuple[str, int]:
    """4个县一般公共预算收入超过15亿元: a threshold right after the noun a count is of,
    its qualifier (超过) ending that noun, defines the class counted (as 年主营业务收入超
    10亿元企业 does): the subject runs through it, and the text used ends after it."""
    after = following[0] if following else None
    if after is None or after["form"] != "threshold" or after["start"] != end or not after["before"] \
            or not subject.endswith(after["before"]):
        return subject, end
    return subject + text[end:after["raw_end"]], after["raw_end"]


def _class_quantity(subject: str, before: str) -> str:
    """超50亿元企业 after 主营业务收入超100亿元企业 in its sentence: a class whose threshold
    (:func:`~pipeline.read.mentions.first_threshold`) opens the subject, naming
    no quantity, is reckoned by the quantity the class before it named, the list's shared
    head (tests/labels/README.md)."""
    opening = first_threshold(subject)
    bound = opening.group(1) if opening and opening.start() == 0 else ""
    found = re.search(re.escape(bound) + r"\d", before) if bound else None  # 超高清…超100亿元: the 超 before a number
    return before[:found.start()] + subject if found and found.start() > 0 else subject


def _carried_subject(r: Reading, m: dict, subject: str) -> str:
    """The subject the numbers after this one carry on: its own, but for a count of
    steps passed (a subject ending with cues kind milestone: 连跨4个千亿台阶), whose
    numbers after it (、突破1.3万亿元) measure what passed them, the words before its verb."""
    if not subject.endswith(cues("milestone")):
        return subject
    return _strip(r.text[r.clause_start(m["start"]):m["start"]]) or subject


def _after_named_examples(subject: str) -> str:
    """“舞台艺术送基层”“戏曲进校园”等文化惠民活动: names in quotes alone (maybe parted by 、),
    closed by a word of cues kind list_close, are examples of the things counted,
    which the words after them name (tests/labels/README.md): the subject is those words."""
    found = _named_examples().match(subject)
    return subject[found.end():] if found and len(subject) - found.end() > 1 else subject


@cache
def _named_examples() -> re.Pattern:
    """See :func:`_after_named_examples`."""
    return re.compile(rf"(?:{QUOTED.pattern}{LIST_PAUSE}?)+(?:{cue_words('list_close')})")


def _without_own_name(subject: str, region: str) -> str:
    """全国财政收入 on a national report (its region is 全国), 某某区财政收入 on
    某某区's: the report's own region names no part of what is measured
    (tests/labels/README.md). Its full name only: a short one names institutions
    (重庆大学, 上海博物馆), and a facility named for it stays (某某区港: cues
    kind not_division_after)."""
    rest = subject.removeprefix(region) if region else subject
    return rest if len(rest) > 1 and not rest.startswith(cues("not_division_after")) else subject


def _without_distributive(subject: str) -> str:
    """产业项目均到位, 产业项目分别到位 → 产业项目到位: a distributive word (cues kinds
    distributive, respectively) inside a subject says how the numbers are shared
    out, no part of what is measured (tests/labels/README.md); a word that holds
    one but is a word of its own (cues kind whole_word: 人均, 各类) stays, and one at
    an edge is left to the words around it, but for a 分别 (cues kind respectively)
    opening the subject (2人分别入选…, read after the counter): it names nothing there."""
    def kept(found: re.Match) -> str:
        inside = 0 < found.start() and found.end() < len(subject)
        opening = found.start() == 0 and found.group("respectively") and found.end() < len(subject)
        return found.group() if found.group("whole") or not (inside or opening) else ""
    return _distributive_words().sub(kept, subject)


@cache
def _distributive_words() -> re.Pattern:
    """Words of a whole (cues kind whole_word) first, so that 人均's 均 is never read alone."""
    return re.compile(f"(?P<whole>{cue_words('whole_word')})|{cue_words('distributive')}"
                      f"|(?P<respectively>{cue_words('respectively')})")


def _last_words(subject: str) -> str:
    """A subject longer than MAX_SUBJECT as the longest tail of it that fits and
    starts after a break (a stop, space or list link: 、, 和), so that it starts
    at a word (执法事项综合率, not 一体化”行政执法…); cut blind where none fits. A list of
    rates (:func:`_rates_listed`) stays whole: one number of them all is of each."""
    if len(subject) <= MAX_SUBJECT or _rates_listed(subject):
        return subject
    cuts = [b.end() for b in _run_break().finditer(subject) if len(subject) - b.end() <= MAX_SUBJECT]
    return subject[cuts[0]:] if cuts else subject[-MAX_SUBJECT:]


def _rates_listed(subject: str) -> bool:
    """集中式饮用水水源水质达标率、受污染耕地安全利用率均保持100%: whether ``subject`` lists
    items (parted by 、) that each end with an attribute (cues kind attribute: 率, 比重), so
    that a cut at any break would leave the figure a part of what it is of."""
    items = subject.split(LIST_PAUSE)
    return len(items) > 1 and all(item.endswith(cues("attribute")) for item in items)


def _streak_subjects(rows: list[dict], mentions: list[dict], r: Reading, asked: Asked) -> Changes:
    """增速连续30个月居全国前10位: a streak measures how long the words after it
    held, so they are part of its subject (增速居全国前10位). A pass of its own:
    the rank that follows still ranks the 增速 alone. Words that hold a figure of
    their own other than a rank (稳定在37万吨以上) are that figure's: the streak
    keeps the subject. A lead verb opening the words held (cues kind lead: 实现, 被评为)
    is dropped as it is before any subject; where the streak names nothing before
    it, its subject is those words, taken after its counter, without that verb."""
    text = r.text
    changes: Changes = {}
    for i, (row, m) in enumerate(zip(rows, mentions)):
        if row["measure"] != "duration" or not row["subject"]:
            continue
        if not asked.clauses[m["start"]][1].endswith(cues("streak")):
            continue
        start = _words_after(m)
        end = r.clause_end(start)
        if any(start <= mentions[j]["start"] < end and rows[j]["role"] != "other" and rows[j]["measure"] != "rank"
               for j in range(i + 1, min(i + 1 + HELD_REACH, len(rows)))):
            continue  # 粮食产量连续四年稳定在37万吨以上: the level held is a figure of its own, of the same subject
        written = text[start:end]
        held = written[len(_lead(written)):]  # 连续两年被评为先进市: the title held, not the verb reaching it
        own = row["subject"].removesuffix(written) if row["subject"].endswith(written) else row["subject"]
        if held and held not in own and len(own) + len(held) <= MAX_SUBJECT:
            changes[i] = {"subject": own + held}
    return changes


def _ranked_together(rows: list[dict], mentions: list[dict], r: Reading) -> Changes:
    """生产总值增长3.6%，固定资产投资增长6.5%，均为全省第一: a rank whose clause opens with a
    distributive word (cues kind distributive: 均) and names nothing ranks each figure of the
    run just before it in its sentence (:func:`_run_before`); its subject lists what each
    ranks (生产总值增速、固定资产投资增速), as a rank after a written list of them keeps the list."""
    changes: Changes = {}
    for i, (row, m) in enumerate(zip(rows, mentions)):
        if row["measure"] != "rank" or row["role"] == "other":
            continue
        clause = r.text[r.clause_start(m["start"]):m["start"]]
        if not clause.startswith(cues("distributive")) or _rank_words().sub("", _strip(clause)):
            continue
        run = _run_before(rows, mentions, r.text, i)
        if len(run) > 1:
            changes[i] = {"subject": LIST_PAUSE.join(_rank_subject("", rows[j]) for j in run)}
    return changes


def _run_before(rows: list[dict], mentions: list[dict], text: str, i: int) -> list[int]:
    """The figures right before figure ``i`` in its sentence that share the measure of the
    last of them (a rank or another measure ends the run), in text order."""
    run: list[int] = []
    for j in range(i - 1, -1, -1):
        if mentions[j]["form"] != "measure":
            continue
        if (not _same_sentence(text, mentions[j]["start"], mentions[i]["start"]) or rows[j]["role"] == "other"
                or rows[j]["measure"] != rows[run[0] if run else j]["measure"] or rows[j]["measure"] == "rank"):
            break
        run.append(j)
    return run[::-1]


def _structure_subjects(rows: list[dict], mentions: list[dict], r: Reading) -> Changes:
    """三次产业结构由22.2:41.3:36.5调整为…: each share is one part of the whole the
    sentence names (``rules/list_expansions.csv``: 第一产业比重, 第二产业比重 …),
    and all of them are of the first one's time; the shares of a flow (产业结构,
    quantities.csv) are of one year's, though the clause a colon cuts (36.5调整到)
    names nothing."""
    changes: Changes = {}
    for run in _share_runs(mentions, r.text):
        first = mentions[run[0]]["start"]
        sentence = r.text[r.sentence_span(first, first)[0]:first]
        for i, item in zip(run, _structure_items(sentence, len(run))):
            changes[i] = {"subject": item}
        time = {key: rows[run[0]][key] for key in ("year", "period_start", "basis")}
        if periods.quantity(sentence) == "flow":  # 产业结构: shares of the year's value added, whatever the clause
            time["basis"] = "annual"
        for i in run:  # one structure, one time: 由22.2:41.3:36.5 is all of the base year
            changes[i] = {**changes.get(i, {}), **time}
    return changes


def _share_runs(mentions: list[dict], text: str) -> list[list[int]]:
    """Indices of the shares of a structure (percents read from bare numbers joined
    by colons, ``read.mentions``), one list per structure."""
    runs: list[list[int]] = []
    for i, m in enumerate(mentions):
        if not (m["form"] == "measure" and m["unit_word"] == "%" and m["raw_end"] == m["end"]):
            continue
        if runs and runs[-1][-1] == i - 1 and RATIO_LINK.fullmatch(text[mentions[i - 1]["end"]:m["start"]]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if len(run) > 1]


def _structure_items(sentence: str, count: int) -> list[str]:
    """The ``count`` parts of the whole a sentence names (the last row of
    ``rules/list_expansions.csv`` that fits), [] if it names none."""
    found: list[str] = []
    for row in table("list_expansions"):
        items = row["items"].split("|")
        if row["written"] in sentence and len(items) == count:
            found = items
    return found


def _subject(r: Reading, asked: Asked, m: dict, last_end: int, previous: dict | None, measure: str,
             item_end: int) -> tuple[str, int]:
    """Subject of one measure (before it, else after its counter, else the previous
    one's) and where the text it used ends, so the next number does not reuse it;
    ``item_end``, where the last threshold ends, marks an item before it in the clause too."""
    text = r.text
    end = _words_after(m)
    clause_start = asked.clauses[m["start"]][0]
    clause = _among(_after_qualifier(_item_words(text, clause_start, m["start"], last_end, item_end), m["before"]),
                    last_end > clause_start)
    same_sentence = previous is not None and _same_sentence(text, previous["start"], m["start"])
    if previous and (m["range_part"] == "high" and previous["subject"] or periods.is_quoted_target(text, m["start"])):
        return previous["subject"], end  # 4.5%—5%, and 增长6.5%（年度目标6%以上）: the same subject
    if measure == "rank":
        pool = _pool_start(text, clause_start, m["start"])
        ranked = _rank_subject(text[clause_start:pool], previous if same_sentence else None) if pool >= 0 else ""
        rank = ranked or _rank_subject(clause, previous if same_sentence else None)
        return (_with_quality_of(rank, previous, _continues(text, last_end, m["start"])), end)
    listed = (clause_start < last_end and bool(any_cue("item_link").match(text, last_end))
              and previous is not None and {previous["measure"], measure} <= MADE_MEASURES)
    subject = _shared_verb(asked.strip(clause), clause, listed, previous)
    continues = previous is not None and _continues(text, last_end, m["start"])
    subject = _of_things_before(subject, clause, previous, continues, same_sentence)
    if not subject and same_sentence and previous and _holds_on(clause, text[end:]):
        return previous["subject"], end  # 增长11.9%，连续12个月保持两位数增长: the streak of that growth
    if (word := _noun_through_counter(text, m)) and _counts_people_after(text, m, word, subject, clause):
        return word, text.find(word, m["raw_end"] - len(m["unit_word"])) + len(word)
    if _names_nothing_before(subject, clause) or _counts_what_follows(text, end):  # 新建3个口袋公园: what the verbs made
        after = _noun_after(text, end, clause.endswith(_flow_made_and_object_cues()))
        if asked.strip(after):  # 3年保持100%: a verb after the counter names nothing
            return after, max(end, text.find(after, end)) + len(after)  # 30多年的东马钢材市场: past the 的 dropped too
        if m["range_part"] == "low":
            return "", end  # 围绕2-3个主导产业: the noun follows the high end's counter, whose subject the low takes
        subject = subject.removesuffix(_longest_end(subject, "list_close"))
    subject = _carried_on(subject, clause, previous if same_sentence else None, measure,
                          text[r.sentence_start(m["start"]):m["start"]])
    subject = _object_of_verb_before(r, asked, clause_start, subject, clause)
    if not subject and measure in CHANGE_MEASURES:
        subject = _named_before(r, clause_start)
    return subject, end


def _among(clause: str, counted: bool) -> str:
    """``clause`` without the word of a part counted among a whole that ends it (cues kind among: 中有):
    where a count before it in its clause names the whole (``counted``: 59项测评点中有22项), the part
    is of those things (测评点); else the words before it say where the count was made (在全省考核中有
    5项指标), no thing counted: none are left, and the noun after the counter is the subject."""
    among = _longest_end(clause, "among")
    if not among:
        return clause
    return clause[:-len(among)] if counted else ""


def _after_qualifier(clause: str, qualifier: str) -> str:
    """``clause`` without the number's qualifier written before it (上亿: 上 says more;
    覆盖近30万儿童: 近 stands between the verb and its count); where the qualifier stands
    before the verb (每季度至少出庭一次: read.mentions, position before_verb), the
    words before it say who or when, and the verb after it is what is counted."""
    if not qualifier or clause.endswith(qualifier):
        return clause.removesuffix(qualifier)
    at = clause.rfind(qualifier)
    return clause[at + len(qualifier):] if at >= 0 else clause


def _item_words(text: str, clause_start: int, pos: int, last_end: int, item_end: int) -> str:
    """The words before ``pos`` that may name what it measures: its clause, from
    where the text the number before used ends (``last_end``), and after the last
    item break where an item ended inside the clause (7个贫困县全部摘帽、9个贫困村…:
    the words before the 、 end the item before; ``item_end``, a threshold's end,
    too), with no list link leading them."""
    clause = text[max(clause_start, last_end):pos]
    if max(last_end, item_end) > clause_start:
        clause = ITEM_BREAK.split(clause)[-1]
    return _leading_links().sub("", clause)


def _of_things_before(subject: str, clause: str, previous: dict | None, continues: bool, same_sentence: bool) -> str:
    """``subject`` as said of what the number before measured, where it is: a short
    attribute running on from those things (14个保交房项目交付率达85%: 交付率 of
    those projects; one opening with a quality of theirs, whatever its length:
    :func:`_with_quality_of`), a verb said of them (30个重点项目完成投资50亿元: the investment
    of those projects), or a share opening its clause in their sentence
    (投资80亿元，占年度计划的120%: the share of that investment). ``continues``: the
    words run on from a subject the number before took after its counter (:func:`_continues`)."""
    if (subject and previous and continues and len(subject) <= MAX_ATTRIBUTE
            and subject.endswith(cues("attribute"))):
        subject = previous["subject"] + subject
    elif (quality := _with_quality_of(subject, previous, continues)) != subject:
        subject = quality
    elif subject.endswith(cues("bare_head")) and _said_of_those(clause) and previous and continues:
        subject = previous["subject"] + _up_to(clause.strip(), subject)
    if subject.startswith(cues("share_of")) and same_sentence and previous:
        subject = _whole(previous["subject"]) + subject
    return subject


def _with_quality_of(subject: str, previous: dict | None, continues: bool) -> str:
    """74个国控断面水质优良比例100%: a subject opening with a quality (cues kind quality)
    that runs on from the things the number before counted is a measure of theirs."""
    joined = previous is not None and continues and subject.startswith(cues("quality"))
    return previous["subject"] + subject if joined else subject


def _names_nothing_before(subject: str, clause: str) -> bool:
    """Whether the words before a number name nothing it measures, so that what it
    counts follows its counter: no words, a list closed by 等 (cues kind
    list_close), items (新增东湖、西山3家景区; grades are none: 一、二级医院), verbs
    alone (新建和改造30公里管网), names in quotes alone, a word of what is in force
    (cues kind in_force: 行业现行16%的税率, the rate's noun follows), or a ``clause`` ending
    with a verb that takes its object after the count (cues kind object_verb), or a body
    named whole after a verb of cues kind zone_lead (完成中心城区3000个停车位: where they are), or
    each member of a set (:func:`_per_member`: 每个县区完成1家…)."""
    return (not subject or subject.endswith((*cues("list_close"), *cues("in_force")))
            or (LIST_PAUSE in subject and not GRADES.search(subject)) or clause.endswith(LIST_PAUSE)
            or _ends_with_object_verb(clause) or _only_verbs(subject) or _only_names(subject)
            or _place_of_verb(subject, clause) or _per_member(subject))


def _place_of_verb(subject: str, clause: str) -> bool:
    """Whether ``subject`` is a body named whole (cues kind whole_area) that a verb of cues
    kind zone_lead puts right before the number: the place the counted things are in."""
    return subject in cues("whole_area") and clause.rstrip().removesuffix(subject).endswith(areas.lead_verbs())


def _per_member(subject: str) -> bool:
    """Whether ``subject`` opens, after a word of where the region acts (cues kind
    general_area: 在), with a word of each member of a set (cues kind per_member:
    每个县区完成1家…, 在每个乡镇建设2个…): the number counts for each of them, which
    says where, not what; what is counted follows the counter."""
    return subject.removeprefix(_longest_start(subject, "general_area")).startswith(cues("per_member"))


def _ends_with_object_verb(clause: str) -> bool:
    """Whether ``clause`` ends with a verb that takes its object after the count
    (cues kind object_verb), maybe followed by the place it reaches into (cues kind
    reached_place: 辐射全国75个城市, 通达全球127个国家): the place says where, the
    noun after the counter what is counted."""
    return clause.removesuffix(_longest_end(clause, "reached_place")).endswith(cues("object_verb"))


def _counts_what_follows(text: str, end: int) -> bool:
    """出台推动国企发展21项重点举措: a counter followed by a noun of measures taken
    (cues kind counted_after: 举措, 实事) counts that noun, whatever the words before
    it (they say what the measures are for); a phrase with a list link in it
    (4次通报表扬案例和实事) is a clause of its own, not that noun."""
    if text.startswith(cues("counted_after"), end):  # 1053个事项“跨省通办”
        return True
    noun = _noun_after(text, end, False)
    return noun.endswith(cues("counted_after")) and not any_cue("list_link").search(noun)


def _carried_on(subject: str, clause: str, before: dict | None, measure: str, written: str) -> str:
    """``subject`` where it goes on from ``before``, the measure before in the same
    sentence (None where there is none): new ones of the same thing (市场主体达39万户，
    新增3.6万户), a bare attribute of it (粮食播种面积…、产量300万吨: 粮食产量; one of
    kind owned_attribute only after a subject that ends with an attribute), a grade
    alone of the things counted before (cues kind grade: 龙头企业410家，其中国家级6家、
    省级80家 → 国家级龙头企业, 省级龙头企业: :func:`_graded`), or,
    with no words of its own, that measure's subject (净增市场主体3000家、达到3.3万家:
    the stock, 市场主体, after a word of a total or a level reached; a change of a size that
    a bare size word joined to the thing before it, its subject not ``written`` in the
    sentence so far, of the thing sized: :func:`_without_size`)."""
    if subject in cues("made"):
        same_thing = before is not None and before["measure"] == measure
        subject = subject + _without_flow(before["subject"]) if same_thing else ""
    if subject in cues("grade") and before and before["measure"] == measure:
        subject = _graded(subject, before["subject"])
    elif subject in cues("bare_attribute") and before:
        subject = _of_previous(subject, before)
    elif subject in cues("owned_attribute") and before and _attribute_of(before["subject"]):
        subject = _attribute_of(before["subject"]) + subject  # 航线147条、吞吐量…: 集装箱吞吐量
    if not subject and before:  # of another measure, what the verb before it acted on (63人获得保险赔付资金8.1万元)
        subject = before["subject"] if before["measure"] == measure else _strip(before["subject"]) or before["subject"]
        subject = _fund_of(subject) if measure == "level" else subject
        joined = before["subject"] not in written  # 转移支付…、规模9.8万亿元: 转移支付规模 is no words of the text
        subject = _without_size(subject) if measure in CHANGE_MEASURES and joined else subject
        if any(c in clause for c in (*cues("stock_total"), *periods.cues("as_of_reached"))):
            subject = _without_flow(subject)
    return subject


def _graded(grade: str, things: str) -> str:
    """``things`` (the subject before) of ``grade``: the grade written in it, wherever it
    stands, replaced (获评国家级示范园区2个、省级5个 → 获评省级示范园区: the verb stays
    first), else ``grade`` put before them (龙头企业 → 国家级龙头企业)."""
    found = any_cue("grade").search(things)
    return things[:found.start()] + grade + things[found.end():] if found else grade + things


def _object_of_verb_before(r: Reading, asked: Asked, clause_start: int, subject: str, clause: str) -> str:
    """开展文化下乡活动，市级开展300场: words ending with the lead verb (cues kind lead)
    that opens the clause before, in the sentence, maybe after who acts (市级), or
    lead words alone, which leave no subject (``clause``, the words before the number:
    开展120场, 全年开展120场), name no thing: the number counts that verb's object
    written there, in a clause with no number of its own."""
    verb = _longest_end(subject or clause.strip(), "lead")
    if not verb or clause_start == 0 or not _same_sentence(r.text, clause_start - 1, clause_start):
        return subject
    before = areas.without_enumeration(r.clause_before(clause_start - 1)[1])
    if not before.startswith(verb) or NUMBER.search(before):
        return subject
    return asked.strip(before) or subject


def _without_size(subject: str) -> str:
    """转移支付规模 as 转移支付: a change carried from a size (cues kind size_word) is a
    change of the thing sized; a size word alone stays."""
    size = _longest_end(subject, "size_word")
    return subject[:-len(size)] if size and len(subject) - len(size) > 1 else subject


def _fund_of(subject: str) -> str:
    """争取中央预算内投资项目61个14.5亿元: an amount beside a count of a fund's projects
    (a fund's name, ending with cues kind fund: 投资, 国债, 专项债, then cues kind
    fund_projects: 项目) is the money of the fund, 中央预算内投资, not of the projects."""
    projects = _longest_end(subject, "fund_projects")
    fund = subject[:len(subject) - len(projects)] if projects else ""
    return fund if fund.endswith(cues("fund")) else subject


def _words_after(m: dict) -> int:
    """Where the words after a number start: past its unit and the qualifier written
    after it (30万吨以上), which name nothing it measures."""
    return m["raw_end"] + len(m["after"])


def _holds_on(clause: str, after: str) -> bool:
    """Whether a streak (``clause`` ends with cues kind streak: 连续) is followed by
    a verb of holding or changing (cues kind tail: 保持, 增长) or a rank's verb and
    area (连续16年排名世界第一: :func:`_rank_phrase`) and no noun: what held is what
    the figure before it measured."""
    held = bool(_longest_start(after, "tail")) or bool(_rank_phrase().match(after))
    return clause.endswith(cues("streak")) and held


def _said_of_those(clause: str) -> bool:
    """Whether ``clause`` opens with a verb said of the things counted just before
    it (30个重点项目完成投资), maybe after a word their noun left off (cues kind
    noun_tail: 300个重点项目累计完成投资), so its amount is of those things."""
    rest = clause.removeprefix(_longest_start(clause, "noun_tail"))
    return rest.startswith((*cues("noun_end"), *cues("said_of")))


def _named_before(r: Reading, clause_start: int) -> str:
    """空气质量综合指数6.06，同比下降6.87%: a change whose own clause names nothing
    and follows no measure of its sentence is a change of what the clause before
    it names, up to that clause's number (a bare one, no figure of its own)."""
    if clause_start == 0 or not _same_sentence(r.text, clause_start - 1, clause_start):
        return ""
    before = r.clause_before(clause_start - 1)[1]
    return _strip(NUMBER.split(before)[0])


def _up_to(clause: str, subject: str) -> str:
    """完成投资同比增长 up to 投资: the clause's words through the subject taken from
    it, its lead verb kept (重点项目完成投资), the tail and qualifier words after it
    (同比增长, 超过) dropped; the whole clause where the subject is not written in it."""
    found = clause.find(subject)
    return clause[:found + len(subject)] if found >= 0 else clause


def _of_previous(attribute: str, previous: dict) -> str:
    """A bare attribute of the thing the number before measured: 粮食播种面积…、产量
    → 粮食产量, 输出技术合同396项，成交额 → 输出技术合同成交额."""
    return _without_attribute(_without_flow(previous["subject"])) + attribute


def _only_verbs(subject: str) -> bool:
    """新建, 新建和改造: a subject that is verbs alone (cues kinds object_verb, made
    and lead, joined by list links), maybe after a word that marks their object
    ahead (cues kind object_mark: 对新增), names nothing; what they act on follows the counter."""
    verbs = subject.removeprefix(_longest_start(subject, "object_mark"))  # 对新增2万亿元资金: 对 marks the object ahead
    return all(part in _object_made_and_lead_cues() for part in any_cue("list_link").split(verbs))


def _noun_through_counter(text: str, m: dict) -> str:
    """近14亿人口的…: a noun of people that opens with the counter (cues kind
    person_noun: 人口 read as 人 and 口), or a counter that is itself the noun of
    the things counted (cues kind counted_noun: 近千万家庭, 上亿市场主体), or a people
    named after the counter (cues kind populace: 56个民族), is what is counted, '' where none does."""
    if m["unit_word"] in cues("counted_noun"):
        return m["unit_word"]
    counter = m["raw_end"] - len(m["unit_word"])
    word = _longest_start(text[counter:counter + COUNTED_REACH], "person_noun")
    if len(word) > len(m["unit_word"]):
        return word
    people = _longest_start(text[counter:counter + COUNTED_REACH], "populace")  # 56个民族: the people after the counter
    return people.removeprefix(m["unit_word"]) if m["unit_word"] and len(people) > len(m["unit_word"]) else ""


def _counts_people_after(text: str, m: dict, word: str, subject: str, clause: str) -> bool:
    """Whether ``word``, a noun of people or of the things counted right after the number
    (:func:`_noun_through_counter`), is what it counts: where nothing before names it
    (上亿市场主体), where the words before say something of those people (使符合减税政策的约8000万纳税人,
    汇聚起960万人民) or are a verb whose object they open (建设56个民族…的家园), verbs that make
    them new aside (cues kinds made, flow: 新增40.8万青年留渝来渝: what the verb made follows,
    its predicate too), or where it owns the noun after it (近14亿中国人的饭碗)."""
    if not subject:
        return bool(m["unit_word"]) or text.startswith(tuple(ATTRIBUTIVES), m["raw_end"] - len(m["unit_word"]) + len(word))
    return not _names_nothing_before(subject, clause) or not clause.rstrip().endswith((*cues("made"), *cues("flow")))


def _only_names(subject: str) -> bool:
    """“甲”“乙”两个地标产品: names in quotes side by side, and nothing else, are the
    things counted, named one by one; what they are follows the counter."""
    run = QUOTED_RUN.fullmatch(subject)
    return bool(run) and not run.group(2)


@cache
def _object_made_and_lead_cues() -> frozenset[str]:
    """The cues of kinds object_verb, made and lead, gathered once, not per subject."""
    return frozenset((*cues("object_verb"), *cues("made"), *cues("lead")))


@cache
def _flow_made_and_object_cues() -> tuple[str, ...]:
    """The verbs that take what a number after them counts as their object (cues
    kinds flow, made and object_verb: 新增, 新建, 建设), gathered once."""
    return tuple({*cues("flow"), *cues("made"), *cues("object_verb")})


def _shared_verb(subject: str, clause: str, listed: bool, previous: dict | None) -> str:
    """改造棚户区1万套、老旧小区600个: an item ``listed`` right after the number
    before (a list link follows it in this clause; both are things or amounts:
    新增贷款200亿元、贷存比60%, no rate is made) that is a noun alone, with no word of its own around it (、总数达到310家,
    、其中高铁370公里) but a distributive word (、公厕和口袋公园各5个: cues kind
    distributive), takes the verb that made the item before (cues kind made),
    written once for the list, and with a short item the words after that verb too
    (:func:`_shared_lead`), or with no such verb the words before where the noun before
    opens as it does (创建“四美乡村”示范乡镇10个、示范村250个: “四美乡村”示范村)."""
    verb = _made_verbs(previous["subject"]) if previous and listed else ""
    alone = TRAILING_NOTE.sub("", clause.strip())  # 、智能工厂（车间）7家: a noun alone, its gloss dropped
    alone = alone.removesuffix(_longest_end(alone, "distributive"))
    if not (previous and listed) or subject != alone or (verb and subject.startswith(verb)) \
            or subject in cues("bare_attribute"):
        return subject
    return _shared_lead(previous["subject"], verb, subject) + subject


def _shared_lead(before: str, verb: str, item: str) -> str:
    """What a listed ``item`` takes from the subject ``before`` it, which opens with
    ``verb``: a short item (示范村 after 新增省级示范乡镇7个) is a short form of the
    noun before, so it takes all the words up to where that noun opens as the
    item does (新增省级); a longer one, or one whose opening is not there, the verb alone."""
    shared = before.find(item[:SHARED_OPENING], len(verb)) if len(item) <= SHORT_ITEM else -1
    return before[:shared] if shared > 0 else verb


def _made_verbs(subject: str) -> str:
    """The verbs ``subject`` opens with that make what it counts: a verb of kind made,
    and the verbs joined to it by a verb link (cues kind verb_link: 引进或培育带货达人
    → 引进或培育), so that each item of the list takes all of them."""
    verbs = _longest_start(subject, "made")
    while verbs:
        link = _longest_start(subject[len(verbs):], "verb_link")
        rest = subject[len(verbs) + len(link):]
        more = _longest_start(rest, "made") or _longest_start(rest, "lead")
        if not (link and more):
            break
        verbs += link + more
    return verbs


def _without_flow(subject: str) -> str:
    """A subject of new things (新增, 净增 … : cues kind flow) as the stock of them."""
    for cue in cues("flow"):
        if subject.startswith(cue) and len(subject) > len(cue) + 1:
            return subject[len(cue):]
    return subject


def _whole(subject: str) -> str:
    """What a share of the same thing as ``subject`` is a share of: the subject
    before its own share word (数字经济规模占地区生产总值比重 → 数字经济规模)."""
    found = [pos for cue in cues("share_of") if (pos := subject.find(cue)) > 0]
    return subject[:min(found)] if found else subject


def _without_attribute(subject: str) -> str:
    """粮食播种面积 as 粮食: a subject without the attribute it ends with (cues kind
    measured_attribute), so a bare attribute after it is of the same thing."""
    attribute = max((cue for cue in cues("measured_attribute") if subject.endswith(cue) and len(subject) - len(cue) > 1),
                    key=len, default="")
    return subject[:len(subject) - len(attribute)]


def _rank_subject(clause: str, previous: dict | None) -> str:
    """增速居全国第2位 ranks the growth of the figure before it (cues kind
    ranked_growth: 增速)."""
    stripped = _strip(clause)
    rest = stripped if _zone_ranking(stripped) else _out_of_frame(_rank_words().sub("", stripped))
    rest = "" if rest in cues("tail") else rest  # 以全省第一名成绩: the 以 left names nothing
    rest = any_cue("rank_awarded").split(rest)[-1]  # 某园区获评全市主题园区第四名
    growth_words = cues("ranked_growth")
    if rest and rest not in growth_words:
        return rest
    if previous is None:
        return rest
    growth = rest in growth_words or previous["measure"] == "growth"
    added = growth_words[0] if growth and not previous["subject"].endswith(growth_words) else ""
    return previous["subject"] + added


def _out_of_frame(phrase: str) -> str:
    """在全省考评中 (cues kinds rank_frame_open, rank_frame_close) says where a rank was
    won: what was ranked is written before it (热线在全省考评中 → 热线), else the
    ranking framed is (全省重点项目综合考评); a close left after a pool's count
    (城市运行质量排名中, :func:`_pool_start`) frames it too."""
    framed = _rank_frame().fullmatch(phrase)
    return (framed.group("ranked") or framed.group("framed")) if framed else phrase


@cache
def _rank_frame() -> re.Pattern:
    """See :func:`_out_of_frame`. The frame opens at the last open word: what was
    ranked may hold one (存在问题整改率, 在建项目开工率, 所在镇), the ranking rarely does."""
    return re.compile(f"(?:(?P<ranked>.*)(?:{cue_words('rank_frame_open')}))?(?P<framed>.+?)"
                      f"(?:{cue_words('rank_frame_close')})")


def _pool_start(text: str, start: int, end: int) -> int:
    """Where the pool a rank is among (全国337个城市: cues kind rank_area, a number,
    a counter of kind pool_counter, maybe in a frame: 在全国344个城市…中) opens in
    ``text[start:end]``, -1 where none does: the words before it name what was
    ranked (热线在全国344个城市评估中位列第27名 → 热线), the pool no part of it."""
    found = _pool().search(text, start, end)
    return found.start() if found else -1


@cache
def _pool() -> re.Pattern:
    """See :func:`_pool_start`."""
    return re.compile(f"(?:{cue_words('rank_frame_open')})?(?:{cue_words('rank_area')}){NUMBER.pattern}"
                      f"(?:{cue_words('pool_counter')})")


def _zone_ranking(phrase: str) -> bool:
    """某高新区全国排名53位: a rank's area and noun (cues kinds rank_area,
    rank_noun) right after a zone's name (or a list of them) are the zone's ranking,
    what is ranked (tests/labels/README.md); the zone is the figure's area, and
    the area pass drops it from the subject."""
    ranking = _area_ranking().search(phrase)
    return bool(ranking) and areas.area_pattern().fullmatch(phrase, 0, ranking.start()) is not None


@cache
def _area_ranking() -> re.Pattern:
    """全国排名, 全省排名 ending a phrase (cues kinds rank_area, rank_noun)."""
    return re.compile(f"(?:{cue_words('rank_area')})(?:{cue_words('rank_noun')})$")


@cache
def _rank_words() -> re.Pattern:
    """The words that end a clause before a rank (均居全国第, 位列全省前), in
    their order: each of the four kinds at most once, all of them optional."""
    kinds = ("rank_adverb", "rank_verb", "rank_area", "rank_ordinal")
    return re.compile("".join(f"(?:{cue_words(kind)})?" for kind in kinds) + "$")


@cache
def _rank_phrase() -> re.Pattern:
    """A rank's verb and area (居全国, 位列全省: cues kinds rank_verb, rank_area):
    after a counted noun they open what the next number ranks. An award's verb
    (评为全省…: cues kind rank_awarded) matches as ``awarded``: what follows it is a title."""
    return re.compile(f"(?:{cue_words('rank_verb')}|(?P<awarded>{cue_words('rank_awarded')}))"
                      f"(?:{cue_words('rank_area')})")


@cache
def _leading_links() -> re.Pattern:
    """List links (cues kind item_link) at the start of a clause: 、和… ."""
    return re.compile(f"^(?:{cue_words('item_link')})+")


def _strip(clause: str) -> str:
    """Remove lead words, tail verbs and qualifiers around a subject, and a base
    it is compared with (比2017年, 较“十三五”末的, 高于全省: cues kind compare)."""
    clause = any_cue("first_of").split(areas.without_enumeration(clause))[-1]  # 成为全省首个产值超…: 产值
    clause = _leading_date().sub("", periods.strip_bases(clause))  # after the bases: 2021年以来 is one
    clause = _leading_span().sub("", clause)
    for cue in cues("compare"):
        clause = clause.replace(cue, "")
    changed = True
    while changed and clause:
        stripped = periods.strip_bases(periods.strip_plan_names(TRAILING_NOTE.sub("", ANNOTATION.sub("", clause))))
        tail = _tail_end(stripped) or _total_end(stripped) or _from_standard(stripped)  # longest first, one at a time
        stripped = stripped[:len(stripped) - len(tail)]
        lead = _lead(stripped)
        rest = _edge_links().sub("", stripped[len(lead):])  # 新建、盘活: the link left after one verb opens the next
        rest = _leading_date().sub("", rest) if lead else rest  # 结转2024年高标准农田: the batch's year, after the verb
        changed, clause = rest != clause, rest
    phrase = _balance_quotes(clause)
    return phrase if len(phrase) > 1 else ""  # 年 left of 年均增长 names nothing


def _tail_end(phrase: str) -> str:
    """The cue of kind tail ending ``phrase``, unless a word holding it ends the
    phrase (cues kind not_tail: the modal 要 is no part of 编制规划纲要, 主要)."""
    return "" if _longest_end(phrase, "not_tail") else _longest_end(phrase, "tail")


def _total_end(phrase: str) -> str:
    """总数, 总量 ending ``phrase`` (cues kind total_word): the basis (as_of) says
    a total, no part of what is counted (市场主体总量 → 市场主体; 总数 alone after
    新增企业50家 leaves the stock of those, 企业); but a measure named by its total
    word (cues kind total_measure: 经济总量, 学位总数) keeps it."""
    return "" if _longest_end(phrase, "total_measure") else _longest_end(phrase, "total_word")


def _from_standard(phrase: str) -> str:
    """A base's standard ending ``phrase`` after 从 (periods.csv kinds from and standard:
    起征点从月销售额10万元提高到15万元): it says what the base is reckoned on, no part of
    what is measured; 从 alone (从业人员) is no base."""
    standard = next((word for word in periods.cues("standard") if phrase.endswith(word)), "")
    before = phrase[:len(phrase) - len(standard)]
    base = next((word for word in periods.cues("from") if before.endswith(word)), "") if standard else ""
    return base + standard if base else ""


@cache
def _leading_date() -> re.Pattern:
    """2020年, 4月, 7月1日, 6月底前 opening a clause (a year, or a month, cues kind month,
    with its day, number_forms.csv kind day_after, and the words of its kind date_end; not 号
    of its kind date_after: 4号线 opens a name): when
    the plan or review speaks of, no part of what is measured (力争今年4月贯通应用场景200个)."""
    month = f"\\d{{1,2}}(?:{cue_words('month')})"
    day = f"(?:\\d{{1,2}}(?:{alternation(words('number_forms', 'written', 'day_after'))}))?"
    end = f"(?:{alternation(words('number_forms', 'written', 'date_end'))})?"
    return re.compile(f"{LEADING_YEAR.pattern}(?:{month})?{day}{end}|^{month}{day}{end}")


@cache
def _leading_span() -> re.Pattern:
    """未来3年, 今后五年 opening a clause (number_forms.csv kind date_before, then a
    count of years): the span a plan speaks of says when, no part of what is measured."""
    count = f"(?:{NUMBER.pattern}|{char_class(CN_ORDINALS)}+)"
    return re.compile(f"^(?:{alternation(words('number_forms', 'written', 'date_before'))}){count}年")


def _lead(phrase: str) -> str:
    """The lead word ``phrase`` starts with, '' where a verb that makes what is
    counted (cues kind made: 新建, 更新改造) or a noun that opens with a lead
    word (cues kind lead_noun: 建成区) starts it instead: that word stays; so
    does a lead before a bare attribute (cues kind attribute: 办复率, 完成率 are
    the rates of that act), and one of kind class_lead where a class's threshold
    follows it (年主营业务收入超50亿元企业: read.mentions.first_threshold; the threshold's
    words define the class counted)."""
    lead = max(_longest_start(phrase, "lead"), _lawmaking(phrase), _for_whom(phrase), _agent(phrase), key=len)
    if lead and phrase[len(lead):] in cues("attribute") or lead in cues("class_lead") and first_threshold(phrase):
        return ""
    noun = _longest_start(phrase, "lead_noun")
    if phrase[len(noun):].startswith(cues("not_zone_after")):
        noun = ""  # 建成区域性中心: 建成 and 区域
    kept = max(_longest_start(phrase, "made"), noun, key=len)
    return "" if len(kept) >= len(lead) else lead


def _lawmaking(phrase: str) -> str:
    """提请省人大常委会审议, 配合市人大及其常委会制定修改, 制定、修改和废止: the verbs of
    making law (cues kind law_verb) opening ``phrase``, chained by list links, maybe
    after who is asked or helped to make it (cues kind law_escort and a body's name),
    '' where none opens it: what is counted is the laws after them."""
    found = _lawmaking_pattern().match(phrase)
    return found.group() if found else ""


def _for_whom(phrase: str) -> str:
    """根治欠薪行动为劳动者追回工资, “医检互认”累计为群众节省医疗费用: who acts and for
    whom (cues kind for_whom, then words of kind beneficiary chained by list links: 为企业和个人)
    opening ``phrase``, '' where none opens it: the number measures the deed done for them
    (追回工资), not the actor or the people. Not where the deed is a verb alone (BARE_DEED:
    为市场主体减负 says whose burden), a list of their needs (为群众看病、供暖…提供保障:
    为 heads a purpose, no deed of its own) or where 为 ends a verb of being or naming
    (cues kind as_verb: 认定为企业技术中心 names what the things counted are)."""
    found = _for_whom_pattern().match(phrase)
    deed = phrase[found.end():] if found else ""
    if not found or _longest_end(phrase[:found.end("cue")], "as_verb"):
        return ""
    return found.group() if len(deed) > BARE_DEED and LIST_PAUSE not in deed else ""


def _agent(phrase: str) -> str:
    """12345热线解决企业和群众诉求, 某某行动新增从业人员: a hotline, campaign or
    mechanism the government acts through (cues kind agent) opening ``phrase`` right
    before a verb of doing (cues kinds deed, lead, made) with its object: who acts, no
    part of what is counted (tests/labels/README.md), '' where none opens it. Not before a
    bare verb (12345热线受理51万次: then the hotline names what is counted)."""
    found = _agent_pattern().match(phrase)
    return found.group("agent") if found and len(phrase) > found.end() else ""


@cache
def _agent_pattern() -> re.Pattern:
    """See :func:`_agent`; the agent's name holds no stop, space or 、."""
    verb = "|".join(cue_words(kind) for kind in ("deed", "lead", "made"))
    return re.compile(f"(?P<agent>{areas.NOT_IN_NAME}*?(?:{cue_words('agent')}))(?:{verb})")


@cache
def _for_whom_pattern() -> re.Pattern:
    """See :func:`_for_whom`; who acts holds no stop, space or 、; group cue is the 为."""
    beneficiary = f"(?:{cue_words('beneficiary')})"
    return re.compile(f"{areas.NOT_IN_NAME}*?(?P<cue>{cue_words('for_whom')}){beneficiary}"
                      f"(?:(?:{cue_words('list_link')}){beneficiary})*")


@cache
def _lawmaking_pattern() -> re.Pattern:
    """See :func:`_lawmaking`; a body's name is short (LAW_BODY) and holds no stop."""
    verb = f"(?:{cue_words('law_verb')})"
    link = f"(?:{cue_words('list_link')})?"
    body = f"(?:(?:{cue_words('law_escort')}){areas.NOT_IN_NAME}{{0,{LAW_BODY}}}?)?"
    return re.compile(f"{body}{verb}(?:{link}{verb})*")


@cache
def _edge_links() -> re.Pattern:
    """List links (cues kind list_link) and spaces at either end of a phrase; not
    the link character that opens a word (cues kind link_word: 和美乡村, 和谐社区)."""
    edge = f"(?:(?!{cue_words('link_word')})(?:{cue_words('list_link')})| )+"
    return re.compile(f"^{edge}|{edge}$")


@cache
def _cue_set(kind: str) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """The cue words of ``kind``, their last characters and their lengths, longest first."""
    words = frozenset(cue for cue in cues(kind) if cue)
    return words, frozenset(cue[-1] for cue in words), tuple(sorted({len(cue) for cue in words}, reverse=True))


def _longest_end(phrase: str, kind: str) -> str:
    """The longest cue of ``kind`` that ``phrase`` ends with ('' if none); a phrase
    ending in a character no cue ends in is answered by one test (most of the
    ~20k asked over the shared reports)."""
    words, lasts, sizes = _cue_set(kind)
    if not phrase or phrase[-1] not in lasts:
        return ""
    return next((phrase[-size:] for size in sizes if size <= len(phrase) and phrase[-size:] in words), "")


def _longest_start(phrase: str, kind: str) -> str:
    """The longest cue of ``kind`` that ``phrase`` starts with ('' if none): the
    cues' pattern tries them longest first, in one call (asked thrice per phrase)."""
    found = any_cue(kind).match(phrase)
    return found.group() if found else ""


def _balance_quotes(phrase: str) -> str:
    """Keep “战新”项目 as written, but drop a quote whose partner lies outside the phrase."""
    if phrase.count("“") != phrase.count("”"):
        phrase = phrase.replace("“", "").replace("”", "")
    return phrase


def _continues(text: str, consumed_end: int, pos: int) -> bool:
    """Whether the words before ``pos`` run on, with no break, from a subject
    that the previous number took from after its counter."""
    return consumed_end > 0 and not _run_break().search(text, consumed_end, pos)


@cache
def _run_break() -> re.Pattern:
    """A break in a run of words: a stop, a space or a list link (cues kind item_link)."""
    return re.compile(char_class(PAUSES, also=r"\s") + f"|{cue_words('item_link')}")


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not SENTENCE_STOP.search(text, a, b)


def _noun_after(text: str, pos: int, object_of_verb: bool) -> str:
    """For 建成8家智能工厂 the subject follows the counter (up to the next number);
    ``object_of_verb``: a verb before the number takes what it counts as its object,
    so a verb said of things (cues kind said_of) is inside the noun, no cut."""
    match = words_through_names().match(text, pos)  # not text[pos:]: a copy of the rest of the report per number
    phrase = ANNOTATION.sub("", match.group()).lstrip(ATTRIBUTIVES) if match else ""  # 7万套（间）保障性租赁住房, 90%的公园
    if any(any_cue(kind).match(phrase) for kind in ("item_link", "milestone", "unit_note")):
        return ""  # an item of a list whose subject came before; 突破3000亿元大关: a mark passed; 70亿元人民币: the unit's
    became = any_cue("becomes").search(phrase)
    if became:  # …成为X: the subject is what it became
        return _balance_quotes(phrase[became.end():])[:MAX_SUBJECT]
    cut_at = (*cues("noun_end"), *cues("quality")) if object_of_verb else (*cues("noun_end"), *cues("quality"), *cues("said_of"))
    words = _without_end_words(phrase)
    ends = [found for cue in cut_at if (found := words.find(cue)) > 0]
    ends += [rank.start() for rank in _rank_phrase().finditer(phrase, 1)
             if not rank.group("awarded")][:1]  # 8项指标增速居全国前3位: the rank's
    runs_on = not ends and match is not None and text[match.end():match.end() + 1].isdigit()
    noun = _edge_links().sub("", _without_verb_item(phrase[:min(ends)] if ends else phrase, runs_on))  # 建设8个中心和20个站: 和 links the next item
    while tail := _longest_end(noun, "noun_tail"):  # 实施10条道路建设, 2个研究院启动建设: what is built
        noun = noun[:-len(tail)]
    return _balance_quotes(_after_attributive(noun))[:MAX_SUBJECT]


def _after_attributive(noun: str) -> str:
    """2-3个特色鲜明、具有较强竞争力的主导产业: a noun after the counter opening with a
    list of qualities ending with 的 is what follows the 的; the qualities say which."""
    head, de, rest = noun.rpartition("的")
    return rest if de and LIST_PAUSE in head and len(rest) > 1 else noun


def _without_end_words(phrase: str) -> str:
    """``phrase`` with each word that holds a noun_end cue but is a word of the noun
    (cues kind end_word: 扩大开放 in 服务业扩大开放综合试点) blanked out, same length,
    so that no cut falls inside it."""
    return any_cue("end_word").sub(lambda found: " " * len(found.group()), phrase)


def _without_verb_item(phrase: str, runs_on: bool) -> str:
    """推出7项成果、累计达到161项: the words after the last 、 that name nothing
    (lead and tail words alone) open the next number's clause, not this noun; so
    do any where the phrase ``runs_on`` into that number (雪松大道等10条道路改造、骏马河等
    3条河道: 骏马河等 names the next number's items)."""
    items = ITEM_BREAK.split(phrase)
    keep = len(items) < 2 or (_strip(items[-1]) and not runs_on)
    return phrase if keep else phrase[:len(phrase) - len(items[-1]) - 1]


def _distribute(rows: list[dict], mentions: list[dict], r: Reading, groups: list[list[int]]) -> Changes:
    """A、B、C分别增长10%、5%和10%: one subject per number, in order."""
    subjects = [row["subject"] for row in rows]  # as distributed so far: a later list may take an earlier one's
    changes: Changes = {}
    for group in groups:
        for i, item in zip(group, _group_subjects(rows, mentions, r, group, subjects)):
            subjects[i] = item
            changes[i] = {"subject": item}
    return changes


def _group_subjects(rows: list[dict], mentions: list[dict], r: Reading, group: list[int], subjects: list[str]
                    ) -> list[str]:
    """The subjects of a list of numbers, one each, [] to leave them as they are.
    Without 分别 only a list of exactly as many items as numbers (A、B、C覆盖率达96%、76%、46%),
    or a head that is an attribute or a share alone (:func:`_is_attribute`), with or
    without 分别: each item is the subject of a number before it with that head
    (甲、乙分别完成投资20亿元、30亿元，占年度计划的110%、120%: 甲完成投资占年度计划)."""
    if len(group) < 2 or rows[group[0]]["role"] == "other":
        return []
    clause = _list_clause(r, mentions, group[0])
    split = any_cue("respectively").split(clause)
    head = _strip(split[0])
    if rows[group[0]]["measure"] == "rank" and not _zone_ranking(head):
        head = _rank_words().sub("", head)  # 甲、乙居全国第1、第2位: the rank's words name no item
    if head and _item_count(head) == 1 and _is_attribute(head):  # 办理建议238件、提案385件，满意率分别达…
        items = [_whole(item) + head for item in _earlier_subjects(rows, mentions, r.text, group, subjects)]
    elif len(split) < 2 and head and _item_count(head) != len(group):
        return []  # no head at all (产量分别达…，居全省第一、二位): the numbers before name the items
    else:
        items = _list_items(head, len(group)) if head else _earlier_subjects(rows, mentions, r.text, group, subjects)
    tail = _shared_tail(split[-1]) if len(split) > 1 and rows[group[0]]["measure"] != "rank" else ""
    return [item + tail for item in items] if len(items) == len(group) else []


def _is_attribute(head: str) -> bool:
    """Whether a list's ``head`` is an attribute alone (满意率, 办结率: short, ending with
    cues kind attribute) or a share opening its clause (占年度计划的, cues kind share_of):
    it names no items, so each is the number before it in the sentence, whose
    attribute or share it is (人大代表建议满意率; 省重点项目完成投资占年度计划)."""
    return len(head) <= MAX_ATTRIBUTE and head.endswith(cues("attribute")) or head.startswith(cues("share_of"))


def _shared_tail(words: str) -> str:
    """The words after 分别 that every item takes (甲、乙产业项目分别到位 → 甲产业项目到位,
    分别完成年度任务的 → …完成年度任务: tests/labels/README.md): without the tail
    words that say how the number is reached (增长, 达到, 的), which name nothing;
    none where they hold a number (从771家、481家: a base) or are a verb alone,
    of kind made or lead (分别新增, 分别新认定: the items are what is counted)."""
    words = words.strip().rstrip(ATTRIBUTIVES)
    while tail := _longest_end(words, "tail"):
        words = words[:-len(tail)].rstrip(ATTRIBUTIVES)
    return "" if words in cues("made") or not _strip(words) or NUMBER.search(words) else words


def _item_count(head: str) -> int:
    """How many items ``head`` lists: those a 、 parts, else those a link word parts
    (甲和乙考核居全省第一、第二位: two items, as 甲、乙 would be)."""
    paused = head.count(LIST_PAUSE) + 1
    return paused if paused > 1 else len([i for i in any_cue("item_link").split(head) if i])


def _modifier_items(rows: list[dict], mentions: list[dict], text: str) -> Changes:
    """3个千亿级、10个百亿级产业集群, 200个省重点、500个市重点项目: an item written
    after its counter that is a modifier alone, right before the next number,
    takes the noun the next item's subject goes on with after its own modifier
    (the part of it that ends as this item ends: 级, 点). It runs before the lists are
    distributed, so amounts after them (分别完成投资…) take the whole items."""
    changes: Changes = {}
    for i, j in _consecutive_measures(mentions):
        item, following = rows[i]["subject"], rows[j]["subject"]
        noun_start = _words_after(mentions[i])
        if not item or len(item) > MAX_MODIFIER or text[noun_start:mentions[j]["start"]] != item + LIST_PAUSE:
            continue
        cut = following.find(item[-1], 0, len(item) + 1) + 1
        if 0 < cut < len(following):
            changes[i] = {"subject": item + following[cut:]}
    return changes


def _shared_predicates(rows: list[dict], mentions: list[dict], text: str) -> Changes:
    """10所学校、12个专业群入选…计划: counted items listed before one predicate that
    says which of them are counted (cues kind selected: 入选, 获评) share it
    (tests/labels/README.md: it stays), so an item written whole after its counter,
    right before the next number, takes what follows the next item's noun from
    the predicate on; read back from the last item, so a longer list shares it too."""
    changes: Changes = {}
    subjects = [row["subject"] for row in rows]
    for i, j in reversed(_consecutive_measures(mentions)):
        item, following = subjects[i], subjects[j]
        if not item or text[_words_after(mentions[i]):mentions[j]["start"]] != item + LIST_PAUSE:
            continue
        found = [pos for cue in cues("selected") if (pos := following.find(cue)) > 0]
        if found and not item.endswith(following[min(found):]):
            subjects[i] = item + following[min(found):]
            changes[i] = {"subject": subjects[i]}
    return changes


def _side_by_side_subjects(rows: list[dict], mentions: list[dict]) -> Changes:
    """实现1446户2414人稳定脱贫: a measure that names nothing and whose counter runs
    straight into the next measure counts the same things in another unit, so it
    takes that measure's subject."""
    return {i: {"subject": rows[j]["subject"]} for i, j in _consecutive_measures(mentions)
            if not rows[i]["subject"] and mentions[i]["raw_end"] == mentions[j]["start"]}


def _consecutive_measures(mentions: list[dict]) -> list[tuple[int, int]]:
    """The indices of each measure and the measure after it (names, years and
    thresholds between them skipped), the pairs the passes above compare."""
    measures = [i for i, m in enumerate(mentions) if m["form"] == "measure"]
    return list(zip(measures, measures[1:]))


def _list_clause(r: Reading, mentions: list[dict], first: int) -> str:
    """The words that name a list's items: the clause before its first number,
    joined to the clause before that where its words before 分别 name nothing but a
    base (接待游客人数、旅游收入，较“十三五”末分别增长…) and the clause before
    holds no number of its own."""
    start, clause = r.clause_before(mentions[first]["start"])
    head = any_cue("respectively").split(clause, maxsplit=1)[0]
    if _strip(head) or start == 0 or not _same_sentence(r.text, start - 1, start):
        return clause
    before_start, before = r.clause_before(start - 1)
    if first and mentions[first - 1]["end"] > before_start:
        return clause
    return before + clause


def _earlier_subjects(rows: list[dict], mentions: list[dict], text: str, group: list[int], subjects: list[str]
                      ) -> list[str]:
    """游客17.52亿人次、花费1.27万亿元，分别增长32.9%、41.6%: the list names its
    items with the numbers just before it, in the same sentence, one each; or with
    the one number just before it where that number's subject lists as many items
    (甲、乙分别达21个，居全省第一、第二位: 甲, 乙)."""
    first = group[0]
    earlier = [i for i in range(first - 1, -1, -1)
               if mentions[i]["form"] == "measure" and _same_sentence(text, mentions[i]["start"], mentions[first]["start"])]
    if earlier and len(group) > 1 and _item_count(subjects[earlier[0]]) == len(group):
        return _list_items(subjects[earlier[0]], len(group))
    chosen = sorted(earlier[:len(group)])
    if len(chosen) != len(group) or any(rows[i]["measure"] in ("growth", "share") for i in chosen):
        return []
    return [subjects[i] for i in chosen]


def _list_items(head: str, count: int) -> list[str]:
    """甲、乙、丙占比 → 甲占比, 乙占比, 丙占比; 城乡居民收入 → 城镇…, 农村… (only
    when 、 does not list the items already: 城乡居民养老、医疗保险 are two insurances)."""
    for row in table("list_expansions"):
        if head.count(LIST_PAUSE) + 1 == count:
            break
        if head.startswith(row["written"]) and len(row["items"].split("|")) == count:
            rest = head[len(row["written"]):]
            return [item + rest for item in row["items"].split("|")]
    items = [i for i in head.split(LIST_PAUSE) if i]
    if len(items) != count:
        items = [i for i in any_cue("item_link").split(head) if i]
    if len(items) != count:
        items = _quoted_items(head)
    lead, items = _single_items(items)
    last = items[-1] if items else ""
    tail = _shared_head(last)
    out = []
    for item in items:
        if tail and not item.endswith((tail, *cues("attribute"))):  # 绿地率、绿化覆盖率: a rate of its own
            item = _joined(item, tail)
        elif len(item) <= 3 < len(last) and item != last:
            item += last[len(item):]
        out.append(item)
    return [lead + item for item in _with_shared_lead(out, items[0] if items else "")]


def _single_items(items: list[str]) -> tuple[str, list[str]]:
    """金融机构存、贷款余额: items of one character each, written as a list of
    cues kind single_item (存、贷: a pair is a row, as the one-character items
    of other lists are no items: 财政支出、贷款余额), the first after words every
    item shares (金融机构) and the last before the shared tail (款余额): those
    words apart, and the items as written after them."""
    first = items[0] if items else ""
    if len(items) < 2 or len(first) < 2 or any(len(item) != 1 for item in items[1:-1]):
        return "", items
    if LIST_PAUSE.join([first[-1], *items[1:-1], items[-1][:1]]) not in cues("single_item"):
        return "", items
    return first[:-1], [first[-1], *items[1:]]


QUOTED_RUN = re.compile(r"((?:“[^“”]+”){2,})(.*)")
QUOTED = re.compile(r"“[^“”]+”")


def _quoted_items(head: str) -> list[str]:
    """“一网通办”“免证办”事项 → “一网通办”事项, “免证办”事项: names in quotes written
    side by side, with no 、 between them, are items sharing the words after them."""
    run = QUOTED_RUN.fullmatch(head)
    return [name + run.group(2) for name in QUOTED.findall(run.group(1))] if run else []


def _with_shared_lead(items: list[str], first: str) -> list[str]:
    """建成区绿地率、绿化覆盖率 → 建成区绿地率, 建成区绿化覆盖率: a scope word opening
    the first item as written (``first``, cues kind shared_lead) is every item's, written
    once; so is what it measures an attribute of (cues kind measured_attribute: 事故起数、
    死亡人数 → 事故死亡人数), before the list's shared head joins it (快递业务量和收入增速)."""
    lead = _longest_start(first, "shared_lead") or _attribute_of(first)
    return [item if not lead or item.startswith(lead) else lead + item for item in items]


def _attribute_of(subject: str) -> str:
    """What ``subject`` measures an attribute of (事故起数 → 事故), '' where it ends with none."""
    whole = _without_attribute(subject)
    return whole if whole != subject else ""


def _shared_head(last: str) -> str:
    """The head the items of a list share, written once after its last item
    (钢铁、建材产业增加值: 产业增加值; 工业、税收占全区比重: 占全区比重): the last
    item from the earliest head word in it (cues kind shared_head) to its end."""
    found = [pos for cue in cues("shared_head") if (pos := last.find(cue)) > 0]
    return last[min(found):] if found else ""


def _joined(item: str, head: str) -> str:
    """``item`` with the shared ``head``, written once where the item already ends
    with the head's first words (文化产业 + 产业增加值 → 文化产业增加值)."""
    overlap = next((size for size in range(min(len(item), len(head)), 0, -1) if item.endswith(head[:size])), 0)
    return item + head[overlap:]


def _placed(rows: list[dict], zones: dict[int, str], region: str = "") -> Changes:
    """Each row's area from ``zones`` (:mod:`pipeline.meaning.areas`: its zone, else
    ``region``), and its subject without the zone it opens with (:func:`_without_area`).
    A zone that is the region is none (新乡海关…, 举办新乡文旅博览会 in 新乡市's report:
    the 乡 of its name ends no township; :func:`areas.is_region`)."""
    own = areas.division_names(region) if region else ()
    zones = {i: "" if own and areas.is_region(zone, own) else zone for i, zone in zones.items()}
    return {i: {"area": zone or region, "subject": _without_area(rows[i]["subject"], zone)} for i, zone in zones.items()}


def _without_area(subject: str, area: str) -> str:
    """(市)某园区完成投资 → 投资: the zone a subject opens with (maybe after a word
    before a body named whole: cues kind zone_lead) is the figure's area, no part
    of what is measured; a subject that is the zone alone stays."""
    lead = subject.find(area) if area else -1
    if lead < 0 or subject[:lead] not in ("", *cues("zone_lead")) or len(subject) <= lead + len(area):
        return subject
    rest = subject[lead + len(area):]
    return _strip(rest) or rest
