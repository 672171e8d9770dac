"""When a figure is about: the report's parts (review, plan, five-year review,
five-year outlook) and, per figure, its role, year, period and basis.

A report's structure is read against its plan year, not against cue words
alone: a heading that names a year before the plan year is a review even when
it says 主要工作 (一、2025年主要工作和“十四五”发展成就 in a 2026 report), and a
heading naming a five-year plan that ends on or after the plan year is an
outlook. Inside a top-level section, a paragraph that opens with a period cue
(五年来, 过去一年, “十四五”时期 …, ``rules/periods.csv``) starts a part of its
own, so a review of 2025 followed by the five years of the 十四五 reads each
paragraph with its own period.
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.read.mentions import BEFORE_POSITIONS, cn_to_int, first_threshold, top_share, words_through_names
from pipeline.read.outline import YEAR_LINK, report_cue, section_kind, year_spans
from pipeline.read.text import (ATTRIBUTIVES, BRACKETS_CLOSE, BRACKETS_OPEN, CLAUSE_STOP, CLAUSE_STOPS, CN_DIGITS,
                                CN_SCALES, CN_VALUES, FULL_STOPS, GREETING_ENDS, ITEM_STOPS, LIST_PAUSE, ORDINAL, char_class,
                                characters)
from pipeline.rules import alternation, lookup, prefix_pattern, table, word_tree, words
from pipeline.rules.patterns import any_cue
from pipeline.rules import cues as rule_cues

YEAR_SLOT = r"((?:19|20)\d\d)"
YEARS_SLOT = rf"{YEAR_SLOT}{YEAR_LINK}(?:19|20)\d\d年"  # a run of years, 2021～2024年: its first year the group
YEAR_COUNT_MAX = 10  # 三年来, 十年来 name a period; 建党百年来 an age, no period a running total runs over
# a count of years up to YEAR_COUNT_MAX, one Chinese numeral or digits (三年来, 近5年), no numeral before it (十二年来)
COUNT_SLOT = (rf"(?<!{char_class(CN_DIGITS + CN_SCALES)})(?<!\d)"
              rf"({char_class(''.join(w for w, v in CN_VALUES.items() if 1 <= v <= YEAR_COUNT_MAX))}"
              rf"|[1-9]|{YEAR_COUNT_MAX})")
OPENER_LEAD = re.compile(rf"[\s　]*(?:(?:{report_cue('address').pattern}){char_class(GREETING_ENDS)}?|——|—)?[\s　]*")
TERM_YEARS = 5
RUN_IN_LINE = 1200  # characters: longer than any real paragraph of the shared reports (max 1,063)
SENTENCE_END = re.compile(rf"{char_class(FULL_STOPS)}(?=[^\n])")
# a bracket closed, or a clause ended, between a bracket and the number: no quoted target
QUOTE_BREAK = re.compile(char_class(BRACKETS_CLOSE + ITEM_STOPS))
RATE_MEASURES = ("growth", "change_pp", "multiple")
STATE_MEASURES = ("duration",)
REACHED_MEASURES = ("count", "share")  # 达到 a number of firms or a rate is a state (unless a flow's: quantities.csv)
QUOTE_MARKS = re.compile(char_class(characters("quote")))  # dropped by a sub: str.translate is slow on Chinese text
NOUN_AFTER = re.compile(rf"{char_class(CLAUSE_STOPS + LIST_PAUSE + '0123456789', negated=True)}*")  # up to a stop, 、 or number
ITEM_START = re.compile(rf"(?:.*{char_class(LIST_PAUSE)})?", re.S)  # matched up to a clause's last 、, if any
CHANGED_NOUN_REACH = 7  # a counter and the noun it counts before a verb of changing to (个产业集聚区整合为)
NUMERAL = rf"(?:\d|{char_class(CN_DIGITS)})"  # a digit of a count, Arabic or Chinese
# periods.csv kinds whose cue in a clause ends a list of counts an earlier verb governs: a stock, a total, a time
LIST_BREAKS = ("as_of", "capacity", "cumulative", "one_year", "past_year")
MIN_QUANTITY_NAME = 4  # a codebook name shorter than this (经济, 服务业) is too common a word to say what is measured


@dataclass(frozen=True)
class Part:
    """A span of the report with one role and one period."""

    start: int
    end: int
    kind: str
    year: int | None
    period_start: int | None
    under_heading: bool = True  # its top-level heading still says its period: no paragraph opener named a time since

    @property
    def five_year(self) -> bool:
        return self.year is not None and self.period_start is not None and self.period_start < self.year

    def as_dict(self) -> dict:
        return dict(vars(self))  # plain values: no deep copy needed


@lru_cache(maxsize=None)
def cues(kind: str) -> tuple[str, ...]:
    """Cue words of one kind from ``rules/periods.csv``, longest first."""
    return words("periods", "cue", kind)


def _says(phrase: str, kind: str) -> bool:
    """Whether ``phrase`` holds a cue of ``kind`` (``rules/periods.csv``)."""
    return any_cue(kind, "periods").search(phrase) is not None


@lru_cache(maxsize=None)
def _done() -> re.Pattern:
    """Words that say something was done or is new (cues.csv kind flow, periods.csv kind done)."""
    return re.compile(alternation((*rule_cues("flow"), *cues("done"))))


def plan_span(numeral: str) -> tuple[int, int]:
    """First and last year of the N-th five-year plan: 十四 → (2021, 2025)."""
    end = 1955 + 5 * cn_to_int(numeral)
    return end - 4, end


@lru_cache(maxsize=None)
def plan_pattern(kind: str) -> str:
    """The patterns of one kind of ``rules/plan_names.csv`` as one regex: ``{ordinal}``
    a character of an ordinal Chinese numeral, ``{plan_after}`` a word of periods.csv kind plan_after."""
    after = alternation(cues("plan_after"))
    return "|".join(row["pattern"].replace("{ordinal}", ORDINAL).replace("{plan_after}", after)
                    for row in table("plan_names") if row["kind"] == kind)


@lru_cache(maxsize=None)
def _plan_regex(where: str) -> re.Pattern:
    """A plan's name: ``anywhere`` in a text; at the ``opener`` of a paragraph,
    with a period word or a comma after it; at the ``start`` of a phrase, with
    its period word if any (what ``strip_plan_names`` takes off)."""
    short, after = plan_pattern("short"), alternation(cues("plan_after"))
    opener = rf"^(?:{plan_pattern('full')}|{short})(?:{after}|，)"
    return re.compile({"anywhere": f"{plan_pattern('full')}|{plan_pattern('name')}", "opener": opener,
                       "start": rf"^{short}(?:{after})?"}[where])


def plan_spans(text: str) -> list[tuple[int, int]]:
    """Every five-year plan named in ``text`` (“十四五”, 第十五个五年规划)."""
    return [plan_span(next(g for g in m.groups() if g)) for m in _plan_regex("anywhere").finditer(text)]


def heading_time(title: str, plan_year: int, now: int | None = None) -> tuple[str, int | None, int | None]:
    """(kind, year, period_start) of a top-level heading, judged against the plan year;
    a run of years it names (2021—2025年) is a period as a plan's name is. ``now``: the year
    今年 names (``outline.delivery_years``), the plan year unless said."""
    found = year_spans(title)
    years = [last for first, last in found if first == last]
    spans = plan_spans(title) + [(first, last) for first, last in found if first < last]
    cue = section_kind(title)
    if plan_year in years:
        return "plan", plan_year, plan_year
    # 过去一年和“十四五”以来的工作: the year reviewed names the part; the plan period only its running totals
    past_years = [y for y in years if y < plan_year] or ([plan_year - 1] if _names_past_year(title) else [])
    future = [s for s in spans if s[1] >= plan_year]
    if future and not past_years and cue != "review":
        return "plan", future[-1][1], future[-1][0]
    past = [s for s in spans if s[1] < plan_year]
    if past_years:
        return "review", max(past_years), max(past_years)
    if past or _says(title, "past_five"):
        end = past[-1][1] if past else plan_year - 1
        return "review", end, (past[-1][0] if past else end - 4)
    if any(y > plan_year for y in years):
        return "plan", min(years), plan_year
    if _says(title, "future_five"):  # 二、今后五年的奋斗目标
        return "plan", plan_year + TERM_YEARS - 1, plan_year
    if cue == "review" or _says(title, "past_year"):  # 一、过去一年工作
        return "review", plan_year - 1, plan_year - 1
    if cue == "plan":
        return "plan", plan_year, plan_year
    if _says(title, "now_year"):  # 二、今年工作: the plan, or in a report delivered in December the review
        return _spoken_time(plan_year if now is None else now, plan_year)
    if _says(title, "this_year"):  # 二、新的一年工作
        return "plan", plan_year, plan_year
    return "", None, None


def _names_past_year(title: str) -> bool:
    """Whether a heading names the one year before the plan year in words (过去一年, 去年: periods.csv
    kinds past_year, one_year), read without its words of five years (刚刚过去的五年 names five)."""
    one_year = any_cue("past_five", "periods").sub("", title)
    return _says(one_year, "past_year") or _says(one_year, "one_year")


def _spoken_time(now: int, plan_year: int) -> tuple[str, int, int]:
    """(kind, year, period_start) of 今年: the plan when it names the plan year, else the review."""
    return ("plan" if now >= plan_year else "review"), now, now


def label_sections(sections: list[dict], plan_year: int, now: int | None = None) -> list[dict]:
    """Sections with kind and year decided from the plan year: top-level headings
    by :func:`heading_time`, an uncued one by the section before it, and every
    section inside one by its top-level section (a sub-heading's cue words do
    not turn a review into a plan). ``now``: the year 今年 names (``outline.delivery_years``)."""
    out: list[dict] = []
    by_id: dict[str, dict] = {}
    previous: dict | None = None
    for section in sections:
        if section["level"] == 0:
            new = {**section, "kind": "", "year": None, "period_start": None}
        elif section["level"] == 1:
            kind, year, start = heading_time(section["title"], plan_year, now)
            if not kind and previous:
                kind, year, start = previous["kind"], previous["year"], previous["period_start"]
            new = {**section, "kind": kind, "year": year, "period_start": start}
            previous = new
        else:
            parent = by_id[section["parent_id"]]
            new = {**section, "kind": parent["kind"], "year": parent["year"], "period_start": parent["period_start"]}
        by_id[new["section_id"]] = new
        out.append(new)
    return out


def find_parts(text: str, sections: list[dict], plan_year: int, now: int | None = None) -> list[Part]:
    """The report cut into parts: each top-level section, split again where a
    paragraph opens with a period cue that changes the period, or names again the one its
    heading gave with other words (2025年和“十四五”时期工作回顾, then 刚刚过去的2025年，…):
    from there the period the heading names no longer reaches its running totals. ``now``: the year
    今年 names (``outline.delivery_years``), the plan year unless said."""
    parts = [Part(0, len(text), "", None, None)]
    # a report with no numbered headings is one section: its paragraphs' openers still part it
    for section in [s for s in sections if s["level"] == 1] or sections[:1]:
        current = Part(section["start"], section["end"], section["kind"], section["year"], section["period_start"])
        for pos in _paragraph_starts(text, section):
            switched = opener_time(text, plan_year, pos, section["end"], now, headed=bool(section["kind"]))
            if not switched or (switched == (current.kind, current.year, current.period_start) and not current.under_heading):
                continue
            if pos > current.start + len(section["title"]) + len(section["label"]):
                parts.append(replace(current, end=pos))
                current = Part(pos, section["end"], *switched, under_heading=False)
            else:
                current = Part(current.start, section["end"], *switched, under_heading=False)
        parts.append(current)
    return parts


def _paragraph_starts(text: str, section: dict) -> list[int]:
    """Where paragraphs begin inside a section: after its title (a paragraph run
    into its heading) and after every line break; in a line too long to be one
    paragraph (a crawled layout that runs paragraphs together), after every
    sentence too."""
    starts = []
    line_start = section["title_end"]
    while line_start < section["end"]:
        line_end = text.find("\n", line_start, section["end"])
        line_end = section["end"] if line_end == -1 else line_end
        if line_end > line_start:
            starts.append(line_start)
        if line_end - line_start > RUN_IN_LINE:
            starts += [m.end() for m in SENTENCE_END.finditer(text, line_start, line_end)]
        line_start = line_end + 1
    return starts


def opener_time(text: str, plan_year: int, start: int = 0, end: int | None = None,
                now: int | None = None, headed: bool = True) -> tuple[str, int, int] | None:
    """(kind, year, period_start) the opening clause of the paragraph at ``start``
    sets, if any; ``end``: where its section ends (the clause runs at most to there);
    ``now``: the year 今年 names (``outline.delivery_years``), the plan year unless said;
    ``headed``: whether the section's heading decides its period, so that only the words of a
    whole year or period past (过去一年, 五年来) turn it, not a paragraph opening on the year
    reviewed (去年，… / 2024年，…: :func:`_opens_review_year`), which a plan may recall in passing.
    Read in place: a copy of the text from each paragraph on made this quadratic in a section's size."""
    end = len(text) if end is None else end
    lead = OPENER_LEAD.match(text, start, end).end()
    stop = CLAUSE_STOP.search(text, lead, end)
    clause = text[lead:stop.start() if stop else min(lead + 40, end)]
    review = plan_year - 1
    if _says(clause, "future_five"):
        return "plan", plan_year + 4, plan_year
    if match := _plan_regex("opener").match(clause):
        first, last = plan_span(next(g for g in match.groups() if g))
        if match.group().endswith(cues("since")):  # “十四五”以来 runs to now: the review's, its running totals from 2021
            return "review", review, review
        return ("plan", last, first) if last >= plan_year else ("review", last, first)
    if _says(clause, "past_five"):
        return "review", review, review - 4
    if _says(clause, "past_year") or (not headed and _opens_review_year(clause, review)):
        return "review", review, review
    if clause.startswith(cues("now_year")):  # 今年以来 in a report delivered in December: the year it reviews
        return _spoken_time(plan_year if now is None else now, plan_year)
    if _opens_plan_year(clause, plan_year):
        return "plan", plan_year, plan_year
    return None


def _opens_review_year(clause: str, review: int) -> bool:
    """A paragraph whose first words name the year reviewed (去年，… / 回首2024年，… / 2024年全县…:
    periods.csv kind past_lead, its {year} the ``review`` year) opens a review paragraph
    where no heading decides, as 过去一年 does; a period from then on (2024年以来) is no one year."""
    named = _head_period(clause)
    period = named is not None and named[0] != "year"
    return not period and clause.startswith(_filled("past_lead", review))


def _filled(kind: str, year: int) -> tuple[str, ...]:
    """The cues of periods.csv ``kind`` with their {year} written as ``year``."""
    return tuple(cue.replace("{year}", str(year)) for cue in cues(kind))


def _opens_plan_year(clause: str, plan_year: int) -> bool:
    """A paragraph that opens on the plan year (新的一年，… / 2025年是… / 2025年，…) starts
    the plan even where the plan's own heading was lost (a crawled page, a report
    with no numbered headings): periods.csv kinds this_year, plan_year_lead (opening the
    clause) and plan_year_clause (the whole clause), their {year} the plan year. 今年 is
    read before, by the year the report was delivered (kind now_year)."""
    leads = (*cues("this_year"), *_filled("plan_year_lead", plan_year))
    return clause.startswith(leads) or clause in _filled("plan_year_clause", plan_year)


def after_time_lead(text: str, sentence: int) -> int:
    """Where a sentence's second clause starts when its first only names a time
    (五年来，天津、山东对口协作…: kinds past_five, past_year); else the sentence start. The area
    rules ask it, so a place named after the time lead still opens the sentence."""
    leads = _time_leads()
    lead = next((cue for cue in leads if text.startswith(cue, sentence)), "") if text.startswith(leads, sentence) else ""
    after = sentence + len(lead)
    return after + 1 if lead and CLAUSE_STOP.match(text, after) else sentence


@lru_cache(maxsize=None)
def _time_leads() -> tuple[str, ...]:
    """The cues of periods.csv kinds past_five and past_year, in table order (the
    first that opens a sentence wins), picked out of the table once, not per figure."""
    return tuple(row["cue"] for row in table("periods") if row["kind"] in ("past_five", "past_year"))


def named_start(text: str, pos: int, year: int, headings: tuple[str, ...] = ()) -> int | None:
    """First year of the period last named at the start or end of a clause of the paragraph
    holding ``pos``, before it (“十四五”以来，… 累计建成…; 近三年来; 党的十八大以来:
    ``rules/period_heads.csv``), the number's own clause up to it included, or else by
    the ``headings`` over it, outermost first, the innermost naming one winning ((二)“十四五”以来的成就
    over its 一是 items);
    None when that period is one year (去年, 全年, 2024年) or of no said start
    (本届政府以来), when it starts in ``year`` or later, or when none is named. A paragraph
    names a period once and goes on about it: its running totals are over that period
    (tests/labels/README.md, "Time")."""
    line = text.rfind("\n", 0, pos) + 1
    paragraph = line if pos - line <= RUN_IN_LINE else pos - RUN_IN_LINE  # a crawled line of many paragraphs
    start = None
    for head in headings:
        if named := _pieces_named(head, year):
            start = min((first for first in named if first is not None), default=None)
    for head in _clause_heads(text, paragraph, pos):
        if (named := _head_period(head)) is not None:
            start = _first_year(*named, year)
    return start if start is not None and start < year else None


def _pieces_named(title: str, year: int) -> list[int | None]:
    """The first years the pieces of a heading name, cut at its links (和, 及: periods.csv kind
    heading_link), for a figure of ``year``: 2024年和“十四五”以来工作回顾 names 2024 and 2021, the
    year the part reviews and the period its running totals run over, whichever comes first. A piece
    that opens with a plan's bare name (“十四五”发展成就) names that plan's years, as 时期 would."""
    named = (_head_period(piece) or _plan_named(piece) for piece in any_cue("heading_link", "periods").split(title))
    return [_first_year(*found, year) for found in named if found is not None]


def _plan_named(piece: str) -> tuple[str, str] | None:
    """(``{plan_running}``, its numeral) of a plan whose name opens ``piece`` (“十四五”主要成就), else None."""
    found = _plan_regex("start").match(piece)
    return ("{plan_running}", next(g for g in found.groups() if g)) if found else None


def _clause_heads(text: str, paragraph: int, pos: int) -> list[str]:
    """Each clause from ``paragraph`` up to ``pos`` (the last cut at ``pos``), past a greeting
    or a dash (各位代表！, ——): a period is named at a clause's start or end (全市上下团结奋斗，“十四五”以来，…)."""
    stops = list(CLAUSE_STOP.finditer(text, paragraph, pos))
    spans = zip([paragraph, *(stop.end() for stop in stops)], [*(stop.start() for stop in stops), pos])
    return [text[OPENER_LEAD.match(text, start, end).end():end] for start, end in spans]


@lru_cache(maxsize=1024)
def _head_period(head: str) -> tuple[str, str] | None:
    """(first, slot) of the first row of ``rules/period_heads.csv`` that opens ``head``
    or, of column at ``edge``, ends it (新区设立三年来): ``first`` a year, ``{plan}``,
    ``{plan_running}``, ``{year}`` or ``{n}`` (then ``slot`` holds what was written there),
    ``year`` for one year, '' for a period of no said start."""
    for pattern, first in _heads():
        if match := pattern.search(head):
            return first, next((group for group in match.groups() if group), "")
    return None


@lru_cache(maxsize=None)
def _heads() -> tuple[tuple[re.Pattern, str], ...]:
    """The heads of ``rules/period_heads.csv`` as patterns, in table order, at a clause's
    start or (column at ``edge``) either end: ``{plan}`` a five-year plan's short name,
    ``{year}`` a year written in digits, ``{years}`` a run of years written with any range link
    between its ends (2021—2024年, 2021年至2024年: its first year the slot), ``{n}`` a count of years (三年来, 近5年)."""
    slots = {re.escape("{plan}"): plan_pattern("short"), re.escape("{years}"): YEARS_SLOT,
             re.escape("{year}"): YEAR_SLOT, re.escape("{n}"): COUNT_SLOT}
    out = []
    for row in table("period_heads"):
        pattern = re.escape(row["head"])
        for slot, regex in slots.items():
            pattern = pattern.replace(slot, regex)
        edge = f"|(?:{pattern})$" if row["at"] == "edge" else ""
        out.append((re.compile(f"^(?:{pattern}){edge}"), row["first"]))
    return tuple(out)


def _first_year(first: str, slot: str, year: int) -> int | None:
    """The first year a head's ``first`` names, for a figure of ``year``: N years up to it
    (近三年来 in a review of 2024: 2022), the year written, a plan's first year (“十三五”以来:
    2016), a fixed year; None for a period of no said start or a plan's years over by then
    (``{plan_running}``: “十三五”期间 in a review of 2024 is no period the year's running total runs over)."""
    if first in ("{plan}", "{plan_running}"):
        begin, end = plan_span(slot)
        return begin if first == "{plan}" or end >= year else None
    if first == "{n}":
        return year - (int(slot) if slot.isdigit() else cn_to_int(slot)) + 1
    if first == "{year}":
        return int(slot)
    if first == "year":
        return year
    return int(first) if first else None


def of_year_named(part: Part, text: str, sentence: int, pos: int) -> Part:
    """The part narrowed to the one year its ``sentence`` names before ``pos`` at the start of
    a clause (:func:`_year_named`): in a review of five years, 2025年国内生产总值增长5% and
    2023年，全市GDP突破5000亿元 are that year's figures, not the period's. A plan's years are horizons
    and targets, but a year of its past is a result recalled (:func:`_past_in_plan`)."""
    if part.kind == "plan" and part.year is not None:
        return _past_in_plan(part, text, sentence, pos)
    if part.kind != "review" or part.year is None:
        return part
    year = _year_named(text, sentence, pos, part.year, cues("year_lead"))
    if year is None or year > part.year or year == part.period_start == part.year:
        return part
    return replace(part, year=year, period_start=year)


def _past_in_plan(part: Part, text: str, sentence: int, pos: int) -> Part:
    """A plan's clause opening on a year at or before the one reviewed (去年，全县生产总值增长6%;
    2023年全县新建学校3所: periods.csv kind past_lead, a year in digits) states that year's result,
    not a goal: the part read as a review of that year, up to a clause opening on the plan's time
    again (今年, 力争: kind plan_again) or on a later year. The year reviewed is the one before the
    plan's first; a base or a horizon inside a clause (比2024年, 到2024年) is no head."""
    review = (part.period_start or part.year) - 1
    year = _year_named(text, sentence, pos, review, _filled("past_lead", review), cues("plan_again"))
    if year is None or year > review:
        return part
    return replace(part, kind="review", year=year, period_start=year)


def _year_named(text: str, sentence: int, pos: int, review: int, leads: tuple[str, ...],
                again: tuple[str, ...] = ()) -> int | None:
    """The one year the last period head of the clauses from ``sentence`` to ``pos`` names: a
    year in digits (2023年，…: period_heads.csv head {year}年), or ``review`` for a clause opening
    with one of ``leads``, words of the year reviewed (去年, 当年); None when that head names a period
    (五年来, 2020年以来, “十四五”时期), when a clause opens with one of ``again`` (the plan's time
    back: 今年, 力争) or no clause opens with one. A year inside a clause (比2020年, 到2025年) is a
    base or a target, no head."""
    named = None
    for head in _clause_heads(text, sentence, pos):
        found = _head_period(head)
        if head.startswith(again):  # a review gives no such words: startswith(()) is False
            named = None
        elif found and found[0] == "year" and found[1].isdigit():
            named = int(found[1])
        elif head.startswith(leads) and (found is None or found[0] == "year"):
            named = review
        elif found:
            named = None
    return named


def part_at(parts: list[Part], starts: list[int], pos: int) -> Part:
    """The innermost part holding ``pos``: the last part starting at or before it
    (parts after the whole-report one are in text order and do not overlap)."""
    i = bisect.bisect_right(starts, pos) - 1
    return parts[i] if i > 0 and pos < parts[i].end else parts[0]


@dataclass(frozen=True)
class Number:
    """One measure's own facts, apart from the words around it: its ``measure``
    (level, count, growth…), the unit or ``counter`` written after it (人次), and
    whether a review ``quotes_target``: names it a target beside a result
    (增长6.5%（年度目标6%以上）) or a goal met, and the ``qualifier`` written after it (以上, 级)."""

    measure: str
    counter: str
    quotes_target: bool
    qualifier: str = ""


def figure_time(part: Part, number: Number, clause: str, sentence: str, after: str,
                named: Callable[[], int | None] = lambda: None) -> dict:
    """Role, year, period_start and basis of one measure in ``part``.

    ``clause`` is the text before the number back to the last comma, ``sentence``
    back to the last full stop, ``after`` the text after it (:func:`words_after`
    keeps the words up to the next number or clause stop). ``named`` gives the first
    year of the period its paragraph named before it (:func:`named_start`), which a
    review's running total or average with no period of its own runs from: asked only of
    those, as reading the paragraph back for every figure cost a fifth of the classification."""
    if not part.kind:
        return {"role": "", "year": "", "period_start": "", "basis": ""}
    measure = number.measure
    role = "indicator" if part.kind == "review" and not number.quotes_target else "target"
    year = part.year
    stated = [m.group(1) for pattern, _ in _slot_patterns(("target_year",)) for m in pattern.finditer(sentence)]
    if role == "target" and not number.quotes_target and (stated or _says(sentence, "next_year_too")):
        year = int(stated[-1]) if stated else (year or 0) + 1  # 今明两年: the plan year and the next
        part = _to_horizon(part, year)
    said_after = words_after(after)
    if measure not in RATE_MEASURES and (_starts_from(clause) or _changed_to_after(said_after)):  # a plan's 从10万元提高到
        before = (part.period_start or 1) - 1  # 从9323.1亿元增加到…: the level the period (a year's review: the year) started from
        return {"role": "indicator", "year": before, "period_start": before, "basis": _level_basis(clause)}
    if measure not in RATE_MEASURES and (base := _base_level(clause)):
        return {"role": "indicator", "year": base, "period_start": base, "basis": _level_basis(clause, sentence)}
    if measure == "level" and number.qualifier in cues("size_class"):  # 新探明7亿吨级白云岩: the size of what was found, a state
        return {"role": role, "year": year or "", "period_start": year or "", "basis": "as_of"}
    events = measure == "count" and number.counter in cues("events")  # 救助916人次: what happened in the period
    kind = "flow" if events else _clause_quantity(clause, sentence, said_after if measure == "share" else "")
    kind = kind or _top_n_standing(number)
    governed = _with_governing_deed(clause, sentence, number, after)  # 建成A5个，B10个: B's clause read with 建成
    basis = _basis(part, governed, measure, said_after, kind, number.qualifier)
    start = year
    each_year = _says(clause, "each_year") or _counts_digits(said_after)
    if basis in ("annual_average", "cumulative") or (basis == "annual" and each_year and not stated):
        start = _period_start(part, clause, year, bool(stated), sentence, named)  # 每年, 保持在 over the 十四五: each year from 2021
    if basis == "cumulative" and start == year and role == "indicator" and (carried := named()):
        start = carried  # “十四五”以来，…。累计建成5G基站4300个: over the period the paragraph named
    elif basis == "cumulative" and start == year:  # no run of years: 累计支出27.2亿元 in a one-year review is the year's total
        basis = "annual" if kind == "flow" and (measure != "count" or events) else "as_of" if _states(governed, measure, kind) else basis
        start = None if basis == "cumulative" and part.kind == "review" and _unstarted_total(governed, sentence) else start
    return {"role": role, "year": year or "", "period_start": start or "", "basis": basis}


def _top_n_standing(number: Number) -> str:
    """``stock`` for a place among the first N of a list (位居全国20强: cues.csv kind top_n) whose
    words name no quantity: a standing in a ranking, a state at the year's end
    (tests/labels/README.md: 跻身全国50强 is as_of), not the year's flow; '' otherwise."""
    return "stock" if number.measure == "rank" and number.counter in rule_cues("top_n") else ""


def _with_governing_deed(clause: str, sentence: str, number: Number, after: str) -> str:
    """The clause as a count's basis is read: a bare count (:func:`_bare_item`) that goes on
    a list of counts of its counter whose first a verb of a deed done governs in an earlier
    comma-clause of its ``sentence`` (建成示范村55个，示范乡镇10个; 获批创建2个产业集群，
    3个现代农业产业园: periods.csv kind list_deed) counts things that verb did, as the first
    does: it is read with that clause's words before their count put before it. The list runs
    back over bare counts of the same counter only: a clause of no such count, or of a verb or
    a stock cue of its own (…，企业总数达到…; 入驻企业5000家 after 建成园区9个) ends it."""
    if number.measure != "count" or not number.counter or not _bare_item(clause, after):
        return clause
    for piece in reversed(CLAUSE_STOP.split(sentence)[:-1]):
        count = _count_of(piece, number.counter)
        if count is None:
            return clause
        head = piece[:count.start()]
        if any_cue("list_deed", "periods").search(_without_nouns(head)):
            return head + clause
        if not _bare(head) or _tells_a_deed(piece):
            return clause
    return clause


def _count_of(piece: str, counter: str) -> re.Match | None:
    """The first count of ``counter`` in a clause (55个, 2.8万家, 5000多家: a numeral, then at most
    one character, a scale or a qualifier, before the counter)."""
    return re.search(rf"{NUMERAL}(?:[\d.]|{NUMERAL})*\D?{re.escape(counter)}", piece)


def _bare_item(clause: str, after: str) -> bool:
    """Whether a count is a bare list item: its clause has no verb or cue of its own
    (:func:`_bare`) and the words after it to the next list item or clause end hold
    neither a verb nor another number (74个断面水质比例保持100% is no item of a list)."""
    rest = CLAUSE_STOP.split(after, maxsplit=1)[0].split(LIST_PAUSE, maxsplit=1)[0]
    return _bare(clause) and not _tells_a_deed(rest) and re.search(NUMERAL, rest) is None


def _bare(words: str) -> bool:
    """Whether ``words`` up to a number say nothing of what it is: no verb of doing
    (:func:`_tells_a_deed`), none of reaching right before it (达到, 突破: :func:`_reaches`),
    and no cue of a stock, a total or a time (periods.csv kinds as_of, capacity, cumulative,
    one_year, past_year: 总数, 年末, 累计, 去年)."""
    return not (_tells_a_deed(words) or _reaches(words) or any(_says(words, kind) for kind in LIST_BREAKS))


def _unstarted_total(clause: str, sentence: str) -> bool:
    """Whether a total left over years in a part of one year is a running total whose start the
    report does not name (累计建成5G基站4300个 in a year's review: periods.csv kind cumulative in
    the ``clause``), its ``sentence`` naming no base (2022年以来) and no year (今年以来, 当年: kinds
    now_year, this_year, one_year). Its period_start is blank (tests/labels/README.md): a start guessed
    from outside the report, or the part's own year, is not what the report says."""
    named = _base_start(sentence) or any(_says(sentence, kind) for kind in ("now_year", "this_year", "one_year"))
    return _says(clause, "cumulative") and not named


def _to_horizon(part: Part, horizon: int) -> Part:
    """A plan's target to a stated year after the plan year (到2025年打造1个产业集群)
    covers the years from the plan year to it: read as a multi-year part, so a count
    of things made there is their total over those years (tests/labels/README.md)."""
    if part.kind != "plan" or part.year is None or horizon <= part.year or part.five_year:
        return part
    return Part(part.start, part.end, part.kind, horizon, part.year)


UNITS_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}


def streak(row: dict, year: int, clause: str = "", after: str = "") -> dict:
    """连续16个季度, 连续8年: a run that ends in ``year`` and covers the years before
    it, cumulative from the first of them; a target's run (五年跨入百强) starts in
    the plan year and ends N − 1 years later. A run of times of an event held once a
    year, named in the words ``after`` it (连续四次药品安全考核获评A级: periods.csv kind
    yearly_event), is a run of years. Runs of minutes or days (15分钟
    诊疗服务圈) are no periods, nor is the time a task took or was ahead of its
    schedule (提前三年实现, ``clause`` ending with periods.csv kind spent): nothing changes."""
    if _ends_with(clause, cues("spent")):
        return {}
    yearly = row.get("unit") == "count" and _says(words_after(after), "yearly_event")
    per_year = 1 if yearly else UNITS_PER_YEAR.get(row.get("unit", ""))
    try:
        count = float(row.get("value") or 0)
    except ValueError:
        count = 0
    if not per_year or count <= 0:
        return {}
    years = math.ceil(count / per_year)
    if row.get("role") == "target":
        return {"year": year + years - 1, "period_start": year, "basis": "cumulative"}
    return {"period_start": year - years + 1, "basis": "cumulative"}


def _basis(part: Part, clause: str, measure: str, after: str = "", kind: str = "", bound: str = "") -> str:
    """annual | annual_average | cumulative | as_of, from the clause's words and the part.
    A run of years (连续8年) is a state at the end of the year; a change over a
    base (比2020年增长30%, 较“十三五”末提高3.4岁) covers the years since; a
    figure held in each year of a period (每年, 保持在) is each year's value.
    ``kind`` is what the quantity is (:func:`quantity`): a flow reached (研发投入强度
    达到2.5%, 接待游客突破1亿人次) is the year's flow, not a state. A rate's rate in
    force (补助标准) and a running total after the year's deed are states; a rank
    takes the basis of what it ranks; a rate kept to a count of digits (两位数增长)
    holds in each year. ``bound`` is the qualifier written after the number (内, 以内). A time
    followed by the task it takes (2个工作日办结, 90天拿地: periods.csv kind done_in in ``after``)
    is the time a task takes, the year's, as 仅用27天完成 is; no state at the year's end."""
    five_year = part.five_year or _names_past_plan(clause, part)
    flow = kind == "flow"
    if measure in STATE_MEASURES and not flow:  # 连续8年: a run; but 优良天数278天 counts the days of a year
        # 仅用27天完成, 90天内完成, 2个工作日办结: the time a task takes
        spent = _ends_with(clause, cues("spent")) or _time_limit(bound) or _says(after, "done_in")
        return "annual" if spent else "as_of"
    if measure == "level" and _says(clause, "standard") and not _ends_with(clause, rule_cues("growth")):
        return "as_of"  # 每月300元补贴, 一次性补助1万元: a payment's rate in force, no sum paid (标准再增加30元 is a change)
    if _total_after_deed(clause):
        return "as_of"
    stock = _holds(clause, measure)
    if measure == "rank" and (ranked := _rank_basis(clause, kind, stock)):
        return ranked
    if _says(clause, "each_year") or _counts_digits(after):  # 每年办成10件 over five years: each year's flow, not their average;
        return "as_of" if not five_year and _held_stock(clause, kind, stock) else "annual"  # 外汇储备保持在3万亿美元
    reached = _count_reached(clause, measure, flow)
    if reached == "right_before" and not _tells_a_deed(clause):
        return "as_of"  # 累计达到1100座: the total reached is a state; 累计输送人才超过1000人 counts things done
    if cued := _cued_basis(_cue_scope(clause), stock):
        return cued
    if (stock or reached or (measure == "share" and kind != "flow") or _standing(clause, measure)
            or _level_reached(clause, measure, kind) or _counts_a_standing(clause, after, measure)):
        return "as_of"  # 窨井盖完好率99%: a share that describes a state (quantities.csv stock) with no verb at all
    if five_year:
        return _five_year_basis(part, clause, measure, after, flow)
    stated = _states(clause, measure, kind) or _stock_after(clause, after, measure)
    return "as_of" if (part.kind == "review" or measure == "level" or _threshold_class(clause)) and stated else "annual"


def _time_limit(bound: str) -> bool:
    """Whether the qualifier written after a time (``bound``: read.mentions reads 内 only
    after a unit of time) bounds it from above, comparator le (90天内完成审批, 30日以内):
    the time a task may take, the year's as the time one took is (仅用27天), no run of
    days at the year's end."""
    return bool(bound) and lookup("qualifiers", "written")[bound]["comparator"] == "le"


def _counts_digits(after: str) -> bool:
    """Whether the number counts the digits of a rate (两位数增长: number_forms.csv kind
    digit_count): a rate kept above a floor, in each year of the part's period, not a change over it."""
    return after.startswith(words("number_forms", "written", "digit_count"))


def _total_after_deed(clause: str) -> bool:
    """Whether the number is a running total listed after the year's deed (新建绿道137公里、
    累计达到2136公里; 新增9个、累计达到79个): its item is only 累计 (periods.csv kind
    cumulative) and a verb of reaching, and an item before holds the deed's number; the
    total is the stock the deed added to, a state at the year's end, whatever is counted."""
    cut = _last_item_start(clause)
    return cut > 0 and clause[cut:].strip() in _running_totals() and re.search(r"\d", clause[:cut]) is not None


@lru_cache(maxsize=None)
def _running_totals() -> frozenset[str]:
    """累计 (periods.csv kind cumulative) and a verb of reaching, each way of writing them
    (累计达到): one look-up per clause, not one comparison per pair."""
    return frozenset(total + verb for total in cues("cumulative") for verb in _reaching_verbs())


def _last_item_start(clause: str) -> int:
    """Where the clause's last list item starts (after its last 、), 0 for a clause of one item."""
    return ITEM_START.match(clause).end()


def _cue_scope(clause: str) -> str:
    """The words whose basis cues speak of the number: the clause, or only its last list
    item when that item has a verb of reaching of its own right before the number
    (累计建成“40桥24隧”、城市道路突破7000公里: the 累计 is the bridges', the roads reached a length)."""
    cut = _last_item_start(clause)
    return clause[cut:] if cut and _ends_with(clause[cut:], _reaching_verbs()) else clause


def _count_reached(clause: str, measure: str, flow: bool) -> str:
    """Whether a count or share is a level reached (达到1100座, 超过170家: a state), and
    where its verb of reaching stands: ``right_before`` the number, a qualifier aside
    (then not even 累计 makes it a total: 累计达到1100座), or ``in_clause``; '' when it is
    no level reached: a flow's (接待游客突破1亿人次), or a count of things done, its
    verb right before the verb of reaching (获批超过10项, 赋权超过800项: periods.csv kind
    acted; but 上市后备企业达14家 is a stock whose name holds such a verb)."""
    if measure not in REACHED_MEASURES or flow or not _reaches(clause):
        return ""
    before = _before_end(clause, _reaching_verbs())
    if before is None:
        return "in_clause"
    return "" if before.endswith(cues("acted")) else "right_before"


@lru_cache(maxsize=None)
def _reaching_verbs() -> tuple[str, ...]:
    """The verbs of reaching: periods.csv kinds as_of_reached (达到, 提高到) and reached (达, 突破)."""
    return (*cues("as_of_reached"), *cues("reached"))


def _cued_basis(clause: str, stock: bool) -> str:
    """The basis a cue word of the clause says (periods.csv kinds cumulative, annual,
    annual_average, named as the basis), '' for none; a change over a base (比2020年)
    of no ``stock`` is cumulative too, and so are thresholds crossed one after another
    (“十四五”以来连跨4个千亿台阶: kind crossed, right before the number; the level
    reached after them, 跨过3个万亿级关口、突破10万亿元, is not). 累计 is read before 年均:
    PM2.5年均浓度累计下降17% is a change over the years."""
    if _says(clause, "cumulative") or _ends_with(clause, cues("crossed")) or (not stock and _base_start(clause)):
        return "cumulative"
    return "annual" if _says(clause, "annual") else "annual_average" if _says(clause, "annual_average") else ""


def _counts_a_standing(clause: str, after: str, measure: str) -> bool:
    """Whether a count is of things that stand in a ranking's top share, named in the words
    after it up to the next number (85个学科进入全球前1%: :func:`~pipeline.read.mentions.top_share`): how many
    stand there at the year's end, a state as a standing is, whatever verb got them there;
    unless its ``clause`` says they are new or made so (新增3个学科进入…: :func:`_does`), the year's entrants."""
    return measure == "count" and top_share().search(after) is not None and not _does(clause)


def _standing(clause: str, measure: str) -> bool:
    """Whether a rank is a standing in a ranking or an index at a date (全国排名53位,
    波罗的海指数排名前20名: periods.csv kind standing), not a change of rank (排名提升3位:
    cues.csv kind rank) nor a growth rate's or a year's output's place (增速居第3位)."""
    return measure == "rank" and _says(clause, "standing") and not _ends_with(clause, rule_cues("rank"))


def _rank_basis(clause: str, kind: str, stock: bool) -> str:
    """The basis of a rank, that of what is ranked (tests/labels/README.md): a change
    of rank (前进3位: periods.csv kind rank_change, right before the number) or a
    rate's place (增速居第3位) is the year's; a standing in a ranking
    (:func:`_standing`), a holding's place (``stock``: 装机总量居全国第2位) or a stock's
    (企业数量全国第一, 合作社…全省第二位: quantity ``kind`` stock) is a state at the
    year's end; a flow's place (经济总量跻身前五位, 考核居第一位: quantities.csv flow)
    the year's; a place won in an assessment (某产业园获评全市主题园区第四名: periods.csv
    kind assessed) the year's too, what is ranked read from the words after that verb
    only, not a stock word before it (产业园); '' when nothing says."""
    if _ends_with(clause, cues("rank_change")):
        return "annual"
    if _standing(clause, "rank") or stock:  # 排名由369位上升到235位: the standing reached
        return "as_of"
    won = any_cue("assessed", "periods").split(clause)
    if len(won) > 1:  # 获评…第四名: what is ranked is written after the verb
        return "as_of" if quantity(won[-1]) == "stock" else "annual"
    if any_cue("growth").search(clause):
        return "annual"
    return {"stock": "as_of", "flow": "annual"}.get(kind, "")


def _held_stock(clause: str, kind: str, stock: bool) -> bool:
    """Whether a figure held in one year (保持在, 稳定在 right before the number) is a
    stock's level at the year's end, not the year's flow: the quantity is a stock
    (quantities.csv: 企业总量保持在650家, or a word of periods.csv kind as_of or capacity:
    外汇储备保持在3万亿美元) and nothing says it was done or is new. The caller asks of
    one year only: held over five years (参保率稳定在98%) it is each year's value."""
    return ((stock or kind == "stock") and _ends_with(clause, cues("each_year"))
            and not _tells_a_deed(clause))


def _threshold_class(clause: str) -> bool:
    """Whether the things counted are a class a threshold defines, written right before
    the number (主营业务收入超100亿元企业2—3家: a qualifier written before a number, then
    the number: :func:`~pipeline.read.mentions.first_threshold`): how many firms stand
    above it is a state, in a plan too, where a count of firms with no verb of reaching is
    otherwise the year's new ones."""
    return first_threshold(clause[_last_item_start(clause):]) is not None


def _stock_after(clause: str, after: str, measure: str) -> bool:
    """Whether a count or an amount written before what it measures names a stock (160个国控断面,
    770家企业融入…: quantities.csv stock; 守住18亿亩耕地红线: :func:`_measures_a_stock`) and
    neither its clause nor the words after say something was done or happened to them
    (103个项目完成投资, 25个项目竣工, 新增300亿元信贷). What is counted is named first
    (160个国控断面中I类水质占比: the sections; the share of the year's water after them is another figure's),
    unless a verb of reaching ends the words: things counted by a threshold their quantity passed
    (40家企业主营业务收入超10亿元) are counted by that quantity, here a year's flow."""
    if measure == "level":
        stock = _measures_a_stock(after)
    else:
        counted = quantity(after) if _ends_with(after, _reaching_verbs()) else _quantity_named_first(after)
        stock = measure == "count" and counted == "stock"
    return stock and not (_tells_a_deed(clause) or _tells_a_deed(after))


def _measures_a_stock(after: str) -> bool:
    """Whether an amount is written right before the stock it measures, the noun after it
    (up to its clause's or list item's end or the next number) ending in a stock's word of
    quantities.csv (守住18亿亩耕地红线): land or money there at a date. Only that table's
    words: a codebook stock (建设8万亩高标准农田) is added to by the plan's deed."""
    return _ends_with(NOUN_AFTER.match(after).group(), _stock_words())


def _quantity_named_first(text: str) -> str:
    """What the quantity named first in ``text`` is (:func:`quantity` reads the last)."""
    found = prefix_pattern(_quantity_words()).search(text)
    return _quantity_words()[found.group()]["kind"] if found else ""


def _level_reached(clause: str, measure: str, kind: str) -> bool:
    """Whether an amount is a level the year ended at: raised to it (提高到, 达到:
    periods.csv kind as_of_reached) and no flow's (设施农业种植面积达到2.4万亩,
    but 地区生产总值达到3000亿元), or a stock's reached (道路总里程达75公里:
    quantities.csv stock). A bare 突破 or 超过 of an amount that names no
    quantity (以旧换新带动消费超过200亿元) is often the year's flow, and so is one
    whose stock word is not what reaches it (为市场主体减负超过2.6万亿元)."""
    if measure != "level" or kind == "flow" or not _reaches(clause):
        return False
    return _says(clause, "as_of_reached") or _ends_with(_before_end(clause, cues("reached")) or "", _stock_words())


def _states(clause: str, measure: str, kind: str) -> bool:
    """Whether an amount or count with no verb is a state at the year's end: the
    quantity is a stock (``kind``) and its head word stands right before the number
    (quantities.csv stock: 规上工业企业2.8万家, 总投资20.8亿元的项目), and nothing
    says it was done or is new (新增企业, 引进企业 are the year's flow). The caller asks of a plan's amounts only: a plan's count
    of firms (培育专精特新企业20家) is the year's new ones."""
    return (kind == "stock" and measure not in RATE_MEASURES and _ends_with(clause, _stock_words())
            and not _tells_a_deed(clause))


@lru_cache(maxsize=None)
def _stock_words() -> tuple[str, ...]:
    """The head words of ``rules/quantities.csv`` that name a stock (企业, 总投资):
    not the codebook's names, whose stock (高标准农田) a plan's 建设 adds to."""
    return tuple(word for word, row in lookup("quantities", "word").items() if row["kind"] == "stock")


def _five_year_basis(part: Part, clause: str, measure: str, after: str, flow: bool) -> str:
    """A figure of a five-year part with no cue of its own: a change over the
    period is cumulative; a level reached is where the period ended (高新技术企业
    达到300家), or the last year's flow when the quantity is one (地区生产总值
    达到3万亿元: ``flow``). An amount or count is what the period did when the words
    around it say it was done (完成投资, 新增: words of cues.csv kind flow and
    periods.csv kind done; in a review also the verbs of kind acted, before the
    number or after it: 出让矿业权755宗, 7个贫困县全部摘帽); else it is a state
    at the period's end (国家级创新平台10家, 研发中心60家) or the last year's flow."""
    at_end = "annual" if flow else "as_of"
    if measure in RATE_MEASURES or _ends_with(clause, rule_cues("growth")) or _says(clause, "over_period"):
        return "cumulative"  # 人均预期寿命再提高1岁: a change, whatever its unit; 占同期支出的80%: of the period's total
    if _reaches(clause) or measure not in ("level", "count"):
        return at_end
    if _does(clause) or _acted(clause) or (part.kind == "review" and _tells_a_deed(after)):
        return "cumulative"
    return at_end


def _starts_from(clause: str) -> bool:
    """Whether the number is the level a change started from: 从 or 由 right before it,
    or before the rate it is paid at (从每月70元提高到88元: periods.csv kind standard)."""
    return _ends_with(clause, cues("from")) or (_before_end(clause, cues("standard")) or "").endswith(cues("from"))


def _changed_to_after(said_after: str) -> bool:
    """Whether the words after the number, up to the next one, are only its counter, a
    short noun and a verb of changing to (20个产业集聚区整合为11个: periods.csv kind
    changed_to): the number is the level the change started from, as after 从; not
    the things whose level reached one (5家企业产值达到10亿元: 达到 is no change of
    the number before), not one item of a list, a deed with its running total after it (新增9个、累计达到79个), nor
    things one of whose attributes reached a level (74个国控断面水质优良比例达到100%)."""
    before = _before_end(said_after, cues("changed_to"))
    return (before is not None and len(before) <= CHANGED_NOUN_REACH and LIST_PAUSE not in before
            and not _says(before, "cumulative"))


def _level_basis(clause: str, sentence: str = "") -> str:
    """The basis of a level a period started from or is compared with (从9323.1亿元,
    较“十三五”末的9323.1亿元): that year's flow when the quantity is one, else a state.
    A base's clause names nothing but the base (较“十三五”末的): then ``sentence``,
    given for a base only, says what is compared (地区生产总值达到13697.5亿元，较…). A standard
    (起征点从月销售额10万元: periods.csv kind standard) is a rate in force, whatever it is of."""
    flow = (quantity(clause) or quantity(sentence)) == "flow"
    return "annual" if flow and not _says(clause, "standard") else "as_of"


def _clause_quantity(clause: str, sentence: str, after: str = "") -> str:
    """What the number's quantity is (:func:`quantity`): from its clause, or, when
    the clause is only a verb of reaching (人均生产总值跨越4万元大关，达到4.1万元; 2024年达到),
    from the sentence, whose subject it shares. A clause of its own words that
    name nothing known (种植面积近) is not read from the sentence's other figures,
    nor one of none: what is measured follows the number, and ``after``, the words
    up to the next number, say what a share is of (95%的村集体经营性收入超过: a year's
    income); the caller gives none for a count, whose noun comes first (74个国控断面水质…)."""
    if kind := quantity(_deed_before_total(clause)):
        return kind
    if not clause.strip():
        return quantity(after)
    return quantity(sentence) if _bare_reach().fullmatch(clause) else ""


def _deed_before_total(clause: str) -> str:
    """The clause as its quantity is read: where its last list item is only a verb of
    reaching after an item that holds the deed's number (净增市场主体3000家、达到), the
    total reached is of the things the deed added to, so the deed's verb (净增, 新增:
    cues.csv kind flow) is dropped from the words before: the things, not the new ones."""
    cut = _last_item_start(clause)
    item = clause[cut:]
    if not (cut and _ends_with(item, _reaching_verbs()) and _bare_reach().fullmatch(item) and re.search(r"\d", clause[:cut])):
        return clause
    return _done().sub("", clause[:cut]) + clause[cut:]


@lru_cache(maxsize=None)
def _bare_reach() -> re.Pattern:
    """A clause of nothing but verbs of reaching (periods.csv kinds as_of_reached,
    reached), qualifiers written before a number (近, 超过) and the year reached (2024年达到)."""
    reach = alternation((*_reaching_verbs(), *_before_qualifiers()))
    return re.compile(rf"(?:{reach}|{YEAR_SLOT}年|\s)*")


def quantity(text: str) -> str:
    """What the quantity named last in ``text`` is: ``flow`` (a year's GDP, revenue,
    trade, output: what a year adds up), ``stock`` (enterprises, balances, coverage:
    what exists at a date) or '' when no word says. The words are the codebook's
    names with its column quantity and ``rules/quantities.csv``; the one ending
    last wins, the longest of those (资产总额, a stock, over 总额, a flow)."""
    found = _quantity_words_backwards().search(text[::-1])
    return _quantity_words()[found.group()[::-1]]["kind"] if found else ""


@lru_cache(maxsize=None)
def _quantity_words_backwards() -> re.Pattern:
    """The quantity words written backwards, longest first: searched for in a text
    written backwards, the first match is the word that ends last in the text, the
    longest of those, in one pass (a look-up per end and length cost twice as much)."""
    return re.compile(word_tree(word[::-1] for word in _quantity_words()))


@lru_cache(maxsize=None)
def _quantity_words() -> dict[str, dict[str, str]]:
    """Word → {kind: flow | stock}: the codebook's names and aliases (column
    quantity), and ``rules/quantities.csv``'s head words, which win."""
    out = {name: {"kind": row["quantity"]} for row in table("codebook")
           for name in (row["name_zh"], *row["aliases"].split("|")) if len(name) >= MIN_QUANTITY_NAME}
    return {**out, **lookup("quantities", "word")}


def words_after(text: str) -> str:
    """The words after a number up to the next number or clause stop: what
    the clause goes on to say of it (7个贫困县全部摘帽, 2个1类创新药获批上市)."""
    return words_through_names().match(text).group()


def _tells_a_deed(words: str) -> bool:
    """Whether ``words`` say something was done, is new or happened to the things
    (:func:`_does` or :func:`_acted`): then a count or amount there is no bare state."""
    return _does(words) or _acted(words)


def _acted(words: str) -> bool:
    """Whether ``words`` hold a verb of a thing done in a review (periods.csv kind acted)."""
    return any_cue("acted", "periods").search(_without_nouns(words)) is not None


def _does(clause: str) -> bool:
    """Whether the clause says something was done or is new (完成, 新增: words of
    cues.csv kind flow and periods.csv kind done)."""
    return _done().search(_without_nouns(clause)) is not None


def _without_nouns(words: str) -> str:
    """``words`` without the nouns that hold a verb (建成区, the built-up area: periods.csv kind noun)."""
    return any_cue("noun", "periods").sub("", words)


def _holds(clause: str, measure: str) -> bool:
    """Whether the number is a stock: a word of kind as_of (年末, 余额), or of kind
    capacity (装机, 能力, 储备: what is held) in a clause of nothing new (新增装机 is a flow)
    that builds or plans nothing (kind builds: 谋划储备项目 are the year's plans), read
    without the nouns that hold such a word (储备林 is a forest: kind noun)."""
    if measure in RATE_MEASURES:
        return False
    return _says(clause, "as_of") or (_says(_without_nouns(clause), "capacity")
                                      and not (_does(clause) or _says(clause, "builds")))


def _reaches(clause: str) -> bool:
    """Whether the number is a level reached: a word of kind as_of_reached in the
    clause (达到, 提高到), or one of kind reached right before the number, a
    qualifier (近) aside, in a clause of nothing new: 达2859亿元, 突破1300万吨 (but
    达标, 达效 reach nothing)."""
    if _says(clause, "as_of_reached"):
        return True
    return _ends_with(clause, cues("reached")) and not _does(_cue_scope(clause))  # 新增就业超3万人 is new jobs


def _ends_with(clause: str, ends: tuple[str, ...]) -> bool:
    """Whether one of ``ends`` stands right before the number, a qualifier aside
    (从不到70万亿元, 达近100平方公里)."""
    return _before_end(clause, ends) is not None


def _before_end(clause: str, ends: tuple[str, ...]) -> str | None:
    """``clause`` up to the one of ``ends`` standing right before the number, a
    qualifier aside (道路总里程达近 → 道路总里程), and quotation marks too (全球“灯塔工厂”3家:
    the quoted name is still the word before the number); None when none stands there."""
    for candidate in _tails(clause):
        if candidate.endswith(ends):  # one test of them all first: most clauses end with none
            return candidate.removesuffix(max((word for word in ends if candidate.endswith(word)), key=len))
    return None


@lru_cache(maxsize=256)
def _tails(clause: str) -> tuple[str, ...]:
    """The ends :func:`_before_end` tries: the clause without quotation marks and
    trailing space, then without the qualifier it ends with, if any (达近 → 达). Kept
    for the last clauses: the rules ask one clause for several kinds of word."""
    tail = QUOTE_MARKS.sub("", clause).rstrip()
    qualifiers = _before_qualifiers()
    qualifier = next((q for q in qualifiers if tail.endswith(q)), "") if tail.endswith(qualifiers) else ""
    return tuple(dict.fromkeys((tail, tail.removesuffix(qualifier).rstrip())))


def forget_texts() -> None:
    """Drop the memos of clause tails and heads: called as each report starts, so
    that no report is read faster for clauses an earlier one had (normalize.report_tables says why)."""
    _tails.cache_clear()
    _head_period.cache_clear()


@lru_cache(maxsize=None)
def _before_qualifiers() -> tuple[str, ...]:
    """Qualifiers written before a number (近, 超过: ``rules/qualifiers.csv``), longest first."""
    before = (r["written"] for r in table("qualifiers") if r["position"] in BEFORE_POSITIONS)
    return tuple(sorted(before, key=len, reverse=True))


def _base_level(clause: str) -> int | None:
    """较“十三五”末的9323.1亿元: the number right after a base is the base's own
    level, of the base year."""
    for pattern, kind in _base_patterns_in(clause):
        if kind != "since_year" and (match := pattern.search(clause)) and not clause[match.end():].strip(ATTRIBUTIVES + " "):
            return _base_start(match.group(0)) - 1
    return None


@lru_cache(maxsize=None)
def _slot_patterns(kinds: tuple[str, ...]) -> tuple[tuple[re.Pattern, str], ...]:
    """The cues of ``kinds`` as patterns with their kind, their slot a group:
    比{year}年 → 比(2020)年; 比{plan}末 → 比“?(十三)五”?末; 到{year}年 → 到(2027)年."""
    out = []
    for kind in kinds:
        for cue in cues(kind):
            pattern = re.escape(cue).replace(re.escape("{year}"), YEAR_SLOT)
            out.append((re.compile(pattern.replace(re.escape("{plan}"), plan_pattern("short"))), kind))
    return tuple(out)


def _base_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """The base cues (比2020年, 较“十三五”末, 2022年以来) as patterns."""
    return _slot_patterns(("base_year", "base_plan", "since_year"))


def _base_patterns_in(phrase: str) -> tuple[tuple[re.Pattern, str], ...]:
    """:func:`_base_patterns`, or none when ``phrase`` holds no base at all: one
    search of them joined answers that for most phrases (asked several times
    for every figure), instead of one search or substitution per pattern."""
    return _base_patterns() if _any_base().search(phrase) else ()


@lru_cache(maxsize=None)
def _any_base() -> re.Pattern:
    """Any of :func:`_base_patterns`, as one pattern."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _base_patterns()))


def strip_plan_names(phrase: str) -> str:
    """“十四五”能耗强度 → 能耗强度: the plan names the period (period_start), not what is measured."""
    return _plan_regex("start").sub("", phrase)


def strip_bases(phrase: str) -> str:
    """``phrase`` without the bases it compares with or runs from (比2017年, 较“十三五”末的, 2022年以来)."""
    for pattern, _ in _base_patterns_in(phrase):  # none matches: no substitution can make one match
        phrase = pattern.sub("", phrase)
    return phrase.rstrip(ATTRIBUTIVES)


def _base_start(clause: str) -> int | None:
    """The first year a change over a named base covers: 比2020年 → 2021, 比“十三五”末 → 2021;
    the year a run since a year starts: 2022年以来 → 2022. None when a word of one year
    follows the base (2013年以来新增的主体去年纳税4.76万亿元: periods.csv kind one_year):
    the base then says which things are counted, that year when."""
    for pattern, kind in _base_patterns_in(clause):
        if match := pattern.search(clause):
            if _says(clause[match.end():], "one_year"):
                return None
            if kind == "since_year":
                return int(match.group(1))
            base = int(match.group(1)) if kind == "base_year" else plan_span(match.group(1))[1]
            return base + 1
    return None


def _names_past_plan(clause: str, part: Part) -> bool:
    """A clause of one year about a whole plan period that ends by then: in a review
    (“十四五”以来累计 …), or in the plan of the period's last year (完成“十四五”100个
    “无废细胞”创建目标: the plan's total, from its first year)."""
    return any(last <= (part.year or 0) for _, last in plan_spans(clause))


def _period_start(part: Part, clause: str, year: int | None, horizon: bool, sentence: str = "",
                  named: Callable[[], int | None] = lambda: None) -> int | None:
    """First year of an average or total: the plan the clause names, or the one that
    opens its ``sentence`` (“十四五”以来，地区生产总值连跨4个千亿台阶), the part's
    period, or, for a target to a stated year, the plan year. An average in a one-year
    review runs over the period its paragraph or headings name (``named``: 2024年和“十四五”以来
    工作回顾), else over the government's five-year term."""
    if base := _base_start(clause):
        return base
    opener = _plan_regex("opener").match(sentence.lstrip())
    spans = plan_spans(clause) or (plan_spans(opener.group()) if opener else [])
    if spans:
        return spans[-1][0]
    if _says(clause, "past_five") and year:
        return year - 4
    if part.five_year:
        return part.period_start
    if horizon and part.period_start:
        return part.period_start
    if part.kind == "review" and year and _basis(part, clause, "growth") == "annual_average":
        return named() or year - TERM_YEARS + 1
    return year


def is_quoted_target(text: str, pos: int) -> bool:
    """Whether the number at ``pos`` stands in brackets opened by a target cue:
    增长6.5%（年度目标6%以上） quotes last year's target beside the result."""
    window = max(0, pos - 12)  # a bracket further back is too far anyway: no scan back to the report's start
    open_at = max(text.rfind(bracket, window, pos) for bracket in BRACKETS_OPEN)
    if open_at == -1 or pos - open_at > 12 or QUOTE_BREAK.search(text, open_at, pos):
        return False
    inside = text[open_at + 1:pos]
    return any(inside.startswith(c) for c in cues("target_quote"))


def names_a_goal_met(after: str) -> bool:
    """Whether the words after a number in a review call it a goal met (1亿农业转移人口
    在城镇落户目标顺利实现: periods.csv kind goal_met): the number is the goal's, a target."""
    return _says(words_after(after), "goal_met")
