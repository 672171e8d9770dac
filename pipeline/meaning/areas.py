"""Decide where a figure is about: its ``area``.

A figure is about the zone, town, park, port or company the text names where it
stands, else the report's region (``figures`` falls back to it). The name is
found by its suffix (``rules/meaning/areas.csv``), as a body named whole (cues
kind whole_area: 中心城区), as a division inside the region
(``rules/meaning/divisions.csv``), or as the project that owns an amount; it
counts where it opens the figure's sentence or clause (:func:`zone_at`), an
earlier clause of its sentence, a sentence before it that only introduces it,
or the paragraph's heading about building it (:func:`assign` lists them in the
order they are asked). A name that is the object of a project (某某园区建设)
or a general one (其他各乡镇) names no place of the figure's. A list of zones
shares its numbers out one each (:func:`distribute`).
"""
from __future__ import annotations

import re
from functools import cache
from typing import Callable, Generic, TypeVar

from pipeline.meaning import periods
from pipeline.read.mentions import CN_NUMERAL, cn_to_int
from pipeline.read.reading import Reading
from pipeline.read.text import (BRACKETS_CLOSE, BRACKETS_OPEN, CLAUSE_STOP, CLAUSE_STOPS, CN_ORDINALS, COLONS,
                                FULL_STOPS, ITEM_PAUSES, LIST_PAUSE, NUMBER, PAUSES, char_class, digits_of, open_quote)
from pipeline.rules import alternation, cues, longest_prefix, lookup, table, words
from pipeline.rules.patterns import any_cue, cue_words

NOT_IN_NAME = char_class(PAUSES + COLONS + LIST_PAUSE, negated=True, also=r"\s")  # a zone's name: no stop, space or 、
MIN_SHORT_NAME = 2  # a division's short name of one character (环县 → 环, 成县 → 成) is no name a report writes alone
SCOPE_KINDS = ("scope_change", "member_scope")  # cue kinds of a clause about another scope than a zone's
CN_NUMERAL_RUN = re.compile(CN_NUMERAL)  # a run of Chinese digits and scales (两, 十二)
LIST_CLOSE_REACH = 4  # characters before a number where the close of the list it counts may stand (等, spaces)
State = TypeVar("State")  # where a walk back over a text stands
Answer = TypeVar("Answer")  # what the walk finds


def assign(rows: list[dict], r: Reading, region_code: str) -> dict[int, str]:
    """By row index, the zone, town, park or company each figure's sentence is
    about, '' where none (the figure is then the report's region's).

    The sentence must open with the name (子牙经开区…, 友发集团连续19年…, a list
    of them: 唐官屯加工物流区、静海国际商贸物流园…), or a sentence just before it
    in the same paragraph that only introduces it (合作示范区以…为目标，…。加强…，
    产业项目到位20亿元), or an earlier clause of its sentence (省属企业资产总额…，
    工业总产值突破1万亿元), or one where a verb builds the zone (…，加快某数据中心集群
    建设，…，力争算力规模突破10万P: :meth:`ClauseZones.at`), or else the paragraph's
    heading, one clause about building a zone (某某新区建设取得新进展。: :meth:`ParagraphZones.at`);
    a name followed by 建设/项目 is otherwise the object of a project, not what the
    figures measure, and a general one (其他各乡镇) is no particular place. A division
    inside the region needs no suffix to be one (:func:`_division_zone`). A count of
    the zones named, ending its clause (百亿园区达到11个), is the region's (a rank or
    amount there is the zone's: 跻身全国50强).
    """
    zones: dict[int, str] = {}
    clause_zones, paragraph_zones = ClauseZones(r), ParagraphZones(r)
    for i, row in enumerate(rows):
        if row["role"] in ("other", ""):
            continue
        area = _owning_project(r.text, row["end"])
        area = _own_zone(r, row["start"]) if area is None else area
        area = _shared_out_zone(r, row["start"]) if area is None else area
        area = _division_zone(r, row["start"], region_code) if area is None else area
        area = _growth_zone(r, row["start"], rows[i - 1], zones.get(i - 1)) if area is None and i else area
        area = clause_zones.at(row["start"]) if area is None else area
        area = paragraph_zones.at(row["start"]) if area is None else area
        if area and row["subject"] == area and row["measure"] == "count" and _ends_clause(r, row["start"] + len(row["raw"])):
            area = ""  # 百亿园区达到11个: a number counting the zones it names is the region's (跻身全国50强 ranks the zone)
        zones[i] = area
    return zones


def _ends_clause(r: Reading, pos: int) -> bool:
    """Whether nothing but a qualifier stands between ``pos`` (a number's end as
    written) and its clause's stop: 园区达到11个。 counts the zones, 园区8家企业… counts firms."""
    rest = r.text[pos:r.clause_end(pos)].strip()
    return not rest or rest in lookup("qualifiers", "written")


def _owning_project(text: str, end: int) -> str | None:
    """总投资4.7亿元的某某江水置换工程: the one project named right after an amount
    and its 的 (ending in a head of cues kind owning_project) owns the figure; not a
    count or list of them (…的8个园区项目, 甲、乙等项目) nor a kind of project whose
    words are all general (…的重点项目: ``rules/meaning/project_generic.csv``)."""
    match = _owning_project_pattern().match(text, end)
    if not match:
        return None
    name, head = match.group(1), match.group(2)
    return None if is_generic_name(name, head) or _generic(name) else name


def is_generic_name(name: str, head: str) -> bool:
    """Whether what stands before the head noun ``head`` of ``name`` holds only
    words of ``rules/meaning/project_generic.csv``, none that names (a place, a company, a
    proper name): 省市重点项目 is a kind of project, 南拒马河防洪工程 one. Projects ask it of
    every name they find; a figure, of the project that owns it."""
    modifier = name[:name.rfind(head)] if head else name
    generic = lookup("project_generic", "word")
    pos = 0
    while pos < len(modifier):
        word = longest_prefix(modifier, pos, generic)
        if not word:
            return False
        pos += len(word)
    return True


@cache
def _owning_project_pattern() -> re.Pattern:
    """A unit (no digit or stop), a link (cues kind owning_link: 的), then a name of
    no digit, stop, list link or second link up to its first head word (group 2)."""
    link = cue_words("owning_link")
    stops = char_class(PAUSES + COLONS, negated=True, also=r"\s\d")
    name_char = rf"(?!{link}|{cue_words('list_close')}|{cue_words('list_link')}){stops}"
    return re.compile(rf"{name_char}{{0,4}}?(?:{link})((?:{name_char}){{2,30}}?({cue_words('owning_project')}))")


def _own_zone(r: Reading, pos: int) -> str | None:
    """:func:`_zone` of the number at ``pos``; but a number right after a list's
    close (cues kind list_close: 某基地码头二期等10个项目) counts the list, whose
    first item names no zone of the figure's: then only a sentence opening
    before the list's clause may."""
    if not r.text[max(0, pos - LIST_CLOSE_REACH):pos].rstrip().endswith(cues("list_close")):
        return _zone(r, pos, pos, owners=True)
    sentence = r.sentence_start(pos)
    return _zone_opening(r.text, sentence, pos, owners=True) if sentence != r.clause_start(pos) else None


def _shared_out_zone(r: Reading, pos: int) -> str | None:
    """某机场旅客和货邮吞吐量分别达到…，分别增长8.3%、7.9%: a clause opening with 分别
    (cues kind respectively) shares out the things of the clause before, so it is
    about the zone that clause opens with (one owning its figures too)."""
    clause = r.clause_start(pos)
    if clause == r.sentence_start(pos) or not r.text.startswith(cues("respectively"), clause):
        return None
    return _zone_opening(r.text, r.clause_start(clause - 1), clause, owners=True)


def _growth_zone(r: Reading, pos: int, before: dict, zone: str | None) -> str | None:
    """…，泌阳某企业产值达50亿元，增长12%: a clause of a growth word (cues kind growth),
    maybe after the base it is over (cues kind growth_base: 比上年增长12%), and the
    number alone is the change of the amount just before it, in the clause before, so
    it is about the place that amount is about (``zone``, the area found for the row
    ``before``); None where the clause says more or that amount is the region's."""
    clause = r.clause_start(pos)
    said = r.text[clause:pos].strip()
    said = said[len(_opening_cue(said, "growth_base")):]
    growth = _opening_cue(said, "growth")
    if not zone or not growth or said[len(growth):] not in ("", *lookup("qualifiers", "written")):
        return None
    return zone if r.clause_start(clause - 1) <= before["start"] < clause else None


def _opening_cue(said: str, kind: str) -> str:
    """The longest cue of ``kind`` that ``said`` opens with, '' if none (cues come longest first)."""
    return next((word for word in cues(kind) if said.startswith(word)), "")


def zone_at(r: Reading, pos: int, limit: int) -> str:
    """The zone named at the opening of the clause or sentence holding ``pos``,
    written before ``limit`` ('' if none, or a general one)."""
    return _zone(r, pos, limit) or ""


def _zone(r: Reading, pos: int, limit: int, owners: bool = False) -> str | None:
    """As :func:`zone_at`, but None when neither opens with a zone at all. A later
    clause opening with each member of the region (…，每县新建停车位1000个: cues kind
    member_scope) is not about the zone its sentence opens with; one opening with
    the whole region still is (…，全市排名第1位 ranks the zone; …，外贸占全市比重超过60%)."""
    clause, sentence = r.clause_start(pos), r.sentence_start(pos)
    turned = clause != sentence and r.text[clause:pos].lstrip().startswith(cues("member_scope"))
    openings = (clause,) if turned else (clause, sentence, _after_enumeration(r.text, sentence))
    for opening in dict.fromkeys(openings):  # often one opening: read once
        found = _zone_opening(r.text, opening, limit, owners)
        if found is not None:
            return found
    return None


def _after_enumeration(text: str, sentence: int) -> int:
    """Where a sentence's words start after the task number it opens with (八是中心城区新建
    停车位5000个: cues kind enumeration after a Chinese numeral) or the bracketed number of
    a sub-heading ((二)某某经开区提质增效。), so that a zone named after it still opens the
    sentence and the number is no part of its name; else the sentence start."""
    match = _enumeration_lead().match(text, sentence)
    return match.end() if match else sentence


def without_enumeration(phrase: str) -> str:
    """``phrase``, stripped, past the task number it opens with (七是完成… → 完成…: as
    :func:`_after_enumeration`): the number opens no subject of a figure's."""
    phrase = phrase.strip()
    return phrase[_after_enumeration(phrase, 0):]


@cache
def _enumeration_lead() -> re.Pattern:
    """A Chinese numeral and a word of cues kind enumeration (八是), or a Chinese numeral in
    brackets (（二）): a sub-heading's number, never a grade as 一、二级 may be."""
    numeral = f"[{CN_ORDINALS}]+"
    bracketed = f"{char_class(BRACKETS_OPEN)}{numeral}{char_class(BRACKETS_CLOSE)}"
    return re.compile(rf"\s*(?:{numeral}(?:{cue_words('enumeration')})|{bracketed})")


def _zone_opening(text: str, opening: int, limit: int, owners: bool = False) -> str | None:
    """The zone (or list of zones) a sentence or clause opens with; '' for a
    general one (其他各乡镇), which says the sentence is about no particular place;
    None when it opens with no zone at all."""
    match = _zone_match(text, opening, limit, owners)
    return None if match is None else _zone_named(text, match)


def _zone_named(text: str, match: re.Match) -> str:
    """The zone (or list of zones) of a :func:`_zone_match`, '' for a general one or
    one item of a longer list."""
    zones = [z for z in any_cue("list_link").split(match.group(1)) if z]
    return "" if any(_generic(z) for z in zones) or text.startswith(LIST_PAUSE, match.end()) else match.group(1)


def _zone_match(text: str, opening: int, limit: int, owners: bool = False) -> re.Match | None:
    """The match of a zone's name at ``opening`` (before ``limit``), unless what
    follows makes it the object of a project (某某园区建设…) but, for the figures of
    its own sentence (``owners``), not the building of the zone a verb leads
    (:func:`_builds_zone`)."""
    if not _area_suffix(owners).search(text, opening, limit):
        return None  # no zone suffix before the limit: the pattern below cannot match (and backtracks a lot to learn it)
    match = area_pattern(owners).match(text, opening, limit)
    return None if not match or _ends_in_quote(match.group(1)) or (owners and _fills_clause(text, match)) or (
        text.startswith(cues("area_object"), match.end()) and not (owners and _builds_zone(text, match))) else match


def _fills_clause(text: str, match: re.Match) -> bool:
    """挂牌某某大学某某学院，…; 引入某某公司，…: a name that is all its clause says, a
    verb of any kind run into it, says nothing of the body it names, so the figures of
    the clauses after it are the region's, not the body's (某某大学某某学院累计输送人才…
    goes on in its own clause)."""
    return CLAUSE_STOP.match(text, match.end()) is not None


def _ends_in_quote(name: str) -> bool:
    """实施天然气“入镇进村”工程: a name that ends inside a quote opened after its
    first character ends on a suffix of a quoted phrase's word (入镇), no zone's."""
    return open_quote(name) > 0


def _builds_zone(text: str, match: re.Match) -> bool:
    """加快某产业园建设，…: a verb of cues kind zone_lead whose object is the zone's
    building, closing its clause, says its sentence goes on about the zone (only its
    own: a heading 推进某类产业园建设。 names a kind of zones); 某园区建设完成投资…
    is the project's figure, not the zone's."""
    if text[match.start():match.start(1)].strip() not in lead_verbs():
        return False
    built = any_cue("area_object").match(text, match.end())
    return built is not None and CLAUSE_STOP.match(text, built.end()) is not None


def _division_zone(r: Reading, pos: int, region_code: str) -> str | None:
    """The division (or list of them) that the clause, list item or sentence
    holding ``pos`` opens with, written without its suffix as often as with it
    (庆阳、酒泉经济总量突破千亿元; 新探明…、玉门超40吨金矿): a place inside the
    report's region, or a province (天津、山东对口协作…), is what its figures are
    about. A list item is about its place only up to its first number (…、平凉7亿吨级
    白云岩…35处), and a figure that counts a list is the region's (:func:`_counts_list`)."""
    clause = r.clause_start(pos)
    item = max([clause] + [r.text.rfind(pause, clause, pos) + 1 for pause in ITEM_PAUSES])
    sentence = r.sentence_start(pos)
    for opening in dict.fromkeys((clause, item, sentence, periods.after_time_lead(r.text, sentence))):  # each once
        match = _division_pattern(region_code).match(r.text, opening, pos)
        if not match or r.text.startswith(cues("area_object"), match.end()):
            continue
        if match.group(2):
            return None  # 临夏州…, 唐山港…: the clause is about another name, which the sentence's place does not reach
        if opening == item != clause and (NUMBER.search(r.text, match.end(), pos)
                                          or _zone_opening(r.text, item, pos) is not None):
            continue  # …、白银集团7万吨: the company, not the city
        counted = _counts_list(r.text, opening, match.end()) or _counts_list(r.text, min(opening, clause), pos)
        return "" if counted else match.group(1)
    return None


def _counts_list(text: str, opening: int, pos: int) -> bool:
    """庆阳、张掖、天水3个医疗中心; 甲花生、乙黄牛2个产业园; …、某某大学等5所: the
    number counts the items listed before it (as many as 、 joins, or closed by a
    cue of kind list_close), so it is no one place's figure. Clauses are no items:
    确山某企业出口增长5倍，利税增长2倍 counts nothing."""
    items = re.split(char_class(ITEM_PAUSES), text[opening:pos])
    listed = text.count(LIST_PAUSE, opening, pos) + 1
    return any(cue in items[-1] for cue in cues("list_close")) or (listed > 1 and _count_at(text, pos) == listed)


def _count_at(text: str, pos: int) -> int | None:
    """The whole number written at ``pos`` in digits or Chinese numerals (3, 两, 十二:
    酒泉、天水两个区域中心城市 counts its list as 庆阳、张掖3个 does), None if none."""
    digits = NUMBER.match(text, pos)
    if digits:
        value = digits_of(digits.group())
        return int(value) if value.isdigit() else None
    numeral = CN_NUMERAL_RUN.match(text, pos)
    return cn_to_int(numeral.group()) if numeral else None


@cache
def _division_pattern(region_code: str) -> re.Pattern:
    """Names of the divisions a report names as places, joined by list links
    (group 1): those one or two levels below its region and every province but
    its own (重庆经…: the region itself, named short); then a word that makes the
    last name part of another one (group 2, cues kind not_division_after: 唐山港). A
    short name may be written with its kind (cues kind division_written: 临夏州)."""
    names = [name for division in _named_divisions(region_code) for name in division_names(division["name"])]
    name = alternation(name for name in names if name not in lookup("not_areas", "word"))
    one = rf"(?:{name})(?:{cue_words('division_written')})?"  # 临夏州: the short name written with its kind
    return re.compile(rf"\s*({one}(?:(?:{cue_words('list_link')}){one})*)({cue_words('not_division_after')})?")


def _named_divisions(region_code: str) -> list[dict[str, str]]:
    """The rows of ``rules/meaning/divisions.csv`` one or two levels below the
    region (a report names its cities and counties, not their districts'
    namesakes elsewhere in the country), and the provinces, in table order."""
    rows = table("divisions")
    picked = sorted({*_division_rows_by("level").get("province", []), *near_rows(region_code)})
    return [rows[n] for n in picked if rows[n]["code"] != region_code]


def near_rows(region_code: str) -> list[int]:
    """Row numbers of ``rules/meaning/divisions.csv`` one or two levels below the region."""
    rows, below = table("divisions"), _division_rows_by("parent_code")
    children = below.get(region_code, []) if region_code else []
    return children + [n for child in children for n in below.get(rows[child]["code"], [])]


@cache
def _division_rows_by(column: str) -> dict[str, list[int]]:
    """Row numbers of ``rules/meaning/divisions.csv`` by their value of ``column``:
    in a corpus each report is of another region, and reading the whole table
    for each cost a millisecond a report."""
    rows: dict[str, list[int]] = {}
    for n, row in enumerate(table("divisions")):
        rows.setdefault(row[column], []).append(n)
    return rows


@cache
def division_names(name: str) -> tuple[str, ...]:
    """A division's name and its short name, as reports write it (酒泉市 → 酒泉,
    甘南藏族自治州 → 甘南: ``rules/meaning/division_short_forms.csv``), when the
    short name keeps two characters (环县 → 环 is no name). Derived once per
    division and process: every region's pattern names the provinces again."""
    stem = name.removesuffix(next((s for s in words("division_short_forms", "written", "suffix")
                                   if name.endswith(s)), ""))
    people = words("division_short_forms", "written", "people")
    while (found := next((p for p in people if stem.endswith(p) and len(stem) - len(p) >= MIN_SHORT_NAME), "")):
        stem = stem.removesuffix(found)
    return (name, stem) if len(stem) >= MIN_SHORT_NAME and stem != name else (name,)


def is_region(zone: str, own: tuple[str, ...]) -> bool:
    """Whether ``zone`` is the region itself (``own``: its names): one of them, or one
    ending in a name whose last characters are a zone suffix with more of the name
    before it (研究论证新乡 in 新乡市's report: the 乡 of 新乡 ends no township). A zone
    whose suffix is the whole short name is a zone of its own (科技新城 in 新城区's report)."""
    return zone in own or any(zone.endswith(name) and _suffix_inside(name) for name in own)


@cache
def _suffix_inside(name: str) -> bool:
    """Whether a zone suffix ends ``name`` with more of the name before it (新乡, 连云港)."""
    return any(name.endswith(suffix) and len(suffix) < len(name) for suffix in _suffixes(owners=True))


class Walk(Generic[State, Answer]):
    """Walks back over one report's text that keep every state they pass (``known``, with
    the answer the walk found from it), so a later walk ends at the first state an earlier
    one passed: the figures after a clause or sentence all walk over it once, not once each."""

    def __init__(self) -> None:
        self.known: dict[State, Answer] = {}

    def back(self, state: State, step: Callable[[State], tuple[bool, Answer, State]]) -> Answer:
        """The answer of the walk back from ``state``: ``step`` says of each state whether
        it decides the walk (True and its answer) or where the walk goes on (False, the
        state before it)."""
        walked: list[State] = []
        while state not in self.known:
            walked.append(state)
            done, answer, before = step(state)
            if done:
                self.known[state] = answer
            else:
                state = before
        self.known.update(dict.fromkeys(walked, self.known[state]))
        return self.known[state]


class ClauseZones:
    """The zone an earlier clause of its sentence hands a figure (:meth:`at`), for
    one report. The walk back from a clause to the one that decides its zone is the
    same for every figure after it in the sentence, so each clause's answer is kept
    (``known``, by clause start): a sentence of 3,000 figures and no full stop costs
    one walk, not 3,000."""

    def __init__(self, r: Reading) -> None:
        self.r = r
        self.known: Walk[int, str | None] = Walk()

    def at(self, pos: int) -> str | None:
        """The topic (:func:`_topic`) of the nearest earlier clause of the sentence
        holding ``pos`` that opens with a zone, read back to the full stop (a
        semicolon's clauses go on about one thing: 中心城区实施项目97个，完成投资10亿元；
        新建公园8个): the clauses after it that name no place of their own go on about it,
        up to one that names another scope (…；实施县域经济项目136个: cues kinds
        scope_change and member_scope). Only a body named whole (cues kind whole_area) whose clause
        holds a figure of its own is sure to be the subject the next clauses go on
        about: a name found by its suffix inside a sentence often opens with the verb
        whose object it is (…，设立某新区…), and 中心城区住房市场止跌回稳，投资增长3%
        turns to the region's figures. But a clause where a verb builds a zone
        (:func:`_builds_zone`: …，加快某数据中心集群建设，…，力争算力规模突破10万P) hands
        the clauses after it to the zone, as it does when it opens the sentence."""
        first, clause = self.r.statement_start(pos), self.r.clause_start(pos)
        if clause <= first or _names_scope(self.r.text, clause, pos):
            return None
        return self.known.back(clause, lambda start: self._step(start, first))  # the zone the clauses before hand on

    def _step(self, clause: int, first: int) -> tuple[bool, str | None, int]:
        """The clause just before ``clause``: (True, its zone) if it ends the
        walk (it names a zone, a topic or another scope, or opens the sentence),
        else (False, None, its start: the walk goes on from there)."""
        text, end = self.r.text, clause - 1
        start = self.r.clause_start(end)
        built = _zone_match(text, start, end, owners=True)
        if built is not None and _builds_zone(text, built):
            return True, _zone_named(text, built), start
        found = _topic(text, start, end)
        if found is not None:
            whole = found in cues("whole_area") and NUMBER.search(text, start, end) and not _verb_first(text, start)
            return True, found if not found or whole else None, start
        if start <= first or _names_scope(text, start, end):
            return True, None, start
        return False, None, start


def _names_scope(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names another scope than a zone's (cues kinds SCOPE_KINDS)."""
    return any(any_cue(kind).search(text, start, end) for kind in SCOPE_KINDS)


def _verb_first(text: str, start: int) -> bool:
    """Whether the clause at ``start`` opens with a verb of cues kind zone_lead (治理中心城区
    交通堵乱点60处): the body is where the verb's things are, its figures its own, but the
    clauses after it are not about the body."""
    return text[start:].lstrip().startswith(lead_verbs())


class ParagraphZones:
    """The zone a sentence before a figure's in its paragraph, or the paragraph's heading,
    hands the figure (:meth:`at`), for one report. The walk back over the sentences before
    a figure is the same for every figure after them in the paragraph, so each sentence's
    answer is kept (``known``, by sentence start and whether a sentence of works was
    passed; ``scopes``, where the last sentence of another scope up to it opens): a
    paragraph of 3,000 sentences costs one walk, not 3,000. The walk steps by whole
    sentences (:meth:`Reading.whole_sentence_start`)."""

    def __init__(self, r: Reading) -> None:
        self.r = r
        self.known: Walk[tuple[int, bool], str] = Walk()
        self.scopes: Walk[int, int] = Walk()

    def at(self, pos: int) -> str:
        """The zone of :meth:`_earlier`, else of :meth:`_heading`, for the figure at ``pos``."""
        return self._earlier(pos) or self._heading(pos)

    def _earlier(self, pos: int) -> str:
        """The topic (:func:`_topic`) of the last sentence without figures before the
        one holding ``pos``, in the same paragraph, where every sentence between holds
        figures and opens with no zone of its own (合作示范区以…为目标，…。加强…，产业
        项目到位20亿元。…): a sentence that only introduces a zone heads what follows,
        up to the next such sentence, or a heading on a line of its own above the paragraph
        (:func:`_heading_line_zone`). A body named whole (cues kind whole_area: 推动中心
        城区扩容提质。) heads past sentences without figures that name no zone and are no
        one-clause heading of another topic (解决好…问题，加快…建设。完成管网入地32公里;
        提升县城综合承载力。 ends it): the works of the body go on up to its paragraph's
        next sub-heading; a zone found by its suffix is too loose a topic to reach that far.
        A sentence opening with another scope (全市…, 各县区…: :func:`_opens_scope`), its
        own or one between, ends the zone's reach."""
        return self.known.back((self.r.whole_sentence_start(pos), False), self._sentence_step)

    def _sentence_step(self, state: tuple[int, bool]) -> tuple[bool, str, tuple[int, bool]]:
        """One step of :meth:`_earlier` from the sentence at ``state[0]`` (``state[1]``: a
        sentence of works passed): (True, the zone) if the sentence before decides it or
        none is left in the paragraph, else (False, '', that sentence's state)."""
        (start, passed), text = state, self.r.text
        if start <= 0 or _opens_scope(text, start):
            return True, "", state
        if text[start - 1] == "\n":
            return True, _heading_line_zone(self.r, start, passed), state
        before = self.r.whole_sentence_start(start - 1)
        if not NUMBER.search(text, before, start):
            found = _topic(text, _after_enumeration(text, before), start - 1)
            found = found if found is not None else _led_body(self.r, before, start - 1) or None  # None: no zone
            if found is not None or not CLAUSE_STOP.search(text, before, start - 1):
                return True, _reached(found, passed), state
            return False, "", (before, True)  # a sentence of works, no heading of one clause (提升乡村治理水平。): the body's go on
        if _zone_match(text, before, start) is not None:
            return True, "", state
        return False, "", (before, passed)

    def _heading(self, pos: int) -> str:
        """The zone whose building a paragraph's heading is about, one clause without
        figures run in (某某新区建设取得新进展。…, 高标准推进某某新区建设。…, 某某新区建设：…)
        or a line of its own above it ((一)某某新区建设): the figures of the paragraph that
        name no place of their own are that zone's, past the sub-headings that end
        :meth:`_earlier`'s reach, up to a sentence opening with another scope
        (:func:`_opens_scope`); 京津冀协同发展呈现新气象 is about a strategy the region
        takes part in, not about building a zone. A heading line that names no such zone
        ((三)聚力重点区域) leaves the paragraph's run-in heading to be read."""
        text = self.r.text
        paragraph = text.rfind("\n", 0, pos) + 1
        headings = (_heading_line(text, paragraph), (paragraph, _run_in_heading_end(self.r, paragraph, pos)))
        return next((zone for heading in headings if heading and heading[1] >= 0 and not self._scope_after(heading[1], pos)
                     and (zone := _zone_built(text, *heading))), "")

    def _scope_after(self, heading: int, pos: int) -> bool:
        """Whether a sentence after ``heading`` up to the one holding ``pos`` opens with another
        scope (:func:`_opens_scope`: 各县区…, 全市…)."""
        return self.scopes.back(self.r.whole_sentence_start(pos), self._scope_step) > heading

    def _scope_step(self, sentence: int) -> tuple[bool, int, int]:
        """One step of :meth:`_scope_after` from the sentence at ``sentence``: (True, its
        start) if it opens with another scope, (True, -1) if it opens the text, else
        (False, -1, the sentence before)."""
        if _opens_scope(self.r.text, sentence):
            return True, sentence, sentence
        return (True, -1, sentence) if sentence <= 0 else (False, -1, self.r.whole_sentence_start(sentence - 1))


def _heading_line_zone(r: Reading, paragraph: int, passed: bool) -> str:
    """The zone a heading on a line of its own right above the paragraph at ``paragraph``
    introduces to it ((一)中心城区面貌一新 / (二)推动中心城区扩容提质: as a sentence without
    figures opening the paragraph would, :meth:`ParagraphZones._earlier`; a body named whole also past
    a sentence of works, ``passed``); '' if none, or if no such heading stands there: a zone
    of the paragraph before heads nothing in this one."""
    heading = _heading_line(r.text, paragraph)
    if heading is None:
        return ""
    start, end = heading
    return _reached(_topic(r.text, _after_enumeration(r.text, start), end) or _led_body(r, start, end), passed)


def _reached(zone: str | None, passed: bool) -> str:
    """``zone`` where it heads the figure: any zone right before it, only a body named
    whole (cues kind whole_area) past a sentence of works (``passed``); '' otherwise."""
    return zone if zone and (not passed or zone in cues("whole_area")) else ""


def _heading_line(text: str, paragraph: int) -> tuple[int, int] | None:
    """Start and end of the line above the paragraph at ``paragraph`` (past blank lines)
    when it is a heading standing alone, a title with no full stop and no figure
    ((一)中心城区建设); None where the paragraph opens the text or follows a paragraph."""
    end = len(text[:paragraph].rstrip())
    start = text.rfind("\n", 0, end) + 1
    title = text[start:end]
    if not title.strip() or any(stop in title for stop in FULL_STOPS) or NUMBER.search(title):
        return None
    return start, end


def _opens_scope(text: str, sentence: int) -> bool:
    """Whether the sentence at ``sentence`` opens, past its task number, with a word of
    another scope than a zone's (cues kinds scope_change, member_scope: 全市新建学校3所,
    各县区实施项目30个): its figures are the region's or its members', not those of a
    zone named in a sentence or heading before it."""
    return _scope_opening().match(text, _after_enumeration(text, sentence)) is not None


@cache
def _scope_opening() -> re.Pattern:
    """A word of cues kinds scope_change or member_scope, after any spaces."""
    return re.compile(rf"\s*(?:{'|'.join(cue_words(kind) for kind in SCOPE_KINDS)})")


def _zone_built(text: str, start: int, end: int) -> str:
    """The zone whose building the heading ``text[start:end]`` is about, past its task
    number (某某新区建设, 高标准推进某某新区建设); '' if none."""
    start = _after_enumeration(text, start)
    for opening in (start, *(found.end() for found in _lead_verb_pattern().finditer(text, start, end))):
        match = area_pattern().match(text, opening, end)
        if match and any_cue("area_object").match(text, match.end()) and not _generic(match.group(1)):
            return match.group(1)
    return ""


def _run_in_heading_end(r: Reading, paragraph: int, pos: int) -> int:
    """Where the heading run into the paragraph at ``paragraph`` ends: its first clause,
    closed by a full stop or a colon and holding no figure, before ``pos``; -1 if none."""
    stop = CLAUSE_STOP.search(r.text, paragraph, pos)
    if stop is None or r.text[stop.start()] not in FULL_STOPS + COLONS or NUMBER.search(r.text, paragraph, stop.start()):
        return -1
    return stop.start()


@cache
def _lead_verb_pattern() -> re.Pattern:
    """A verb of cues kind zone_lead of two characters or more (推进 before a zone's name)."""
    return re.compile(alternation(lead_verbs()))


def _led_body(r: Reading, start: int, end: int) -> str:
    """The body named whole that a verb puts last in the sentence ``r.text[start:end]``
    (推动中心城区扩容提质: cues kinds zone_lead, of two characters or more, and
    whole_area): a heading run into the heading before it (（六）着力加快…进程推动中心
    城区扩容提质。) introduces the body to the sentences after as if it opened the sentence."""
    match = _led_body_pattern().search(r.text, max(start, r.clause_start(end)), end)
    return match.group(1) if match else ""


@cache
def _led_body_pattern() -> re.Pattern:
    """A verb of cues kind zone_lead (not 市, a single character) right before a body
    of cues kind whole_area (group 1)."""
    return re.compile(rf"(?:{alternation(lead_verbs())})({cue_words('whole_area')})")


def _topic(text: str, start: int, end: int) -> str | None:
    """The zone the clause or sentence ``text[start:end]`` opens with when it says
    something of it that the text after it may go on about: '' when the zone fills
    its clause (用好某产业园，…: the region's means; 引入某集团，…), it is the object of
    the verb it opens with (打通开发区经一路: a verb before a project's name,
    ``rules/meaning/project_lead.csv``), or it reports the zone's honour or
    milestone in its own clause, a statement closed in itself (某新区入围试点城市,
    某产业园开园运营; cues kind zone_event), or its clause names a project in it
    (加快推进中心城区道路雨污分流工程, 中心城区某某工程完工: :func:`_names_project`; the zone
    is the works' place, not what the sentences after go on about);
    None when it opens with no zone."""
    match = _zone_match(text, start, end)
    if match is None:
        return None
    said = re.split(char_class(CLAUSE_STOPS), text[match.end():end])[0].strip()  # in the zone's own clause
    closed = any(cue in said for cue in cues("zone_event")) or _verb_led(match.group(1)) or _names_project(said)
    return _zone_opening(text, start, end) if said and not closed else ""


def _names_project(said: str) -> bool:
    """Whether what a clause says after its zone ends in a project's head
    (``rules/meaning/project_heads.csv``), bare or with its status after it
    (``rules/meaning/project_status.csv``: 内环综合整治二期工程完工): the zone is the works' place."""
    status = next((verb for verb in words("project_status", "verb") if said.endswith(verb)), "")
    return said.removesuffix(status).endswith(words("project_heads", "head"))


def _verb_led(name: str) -> bool:
    """Whether a zone's name opens with a verb written before a project's name (打通,
    加快推进: ``rules/meaning/project_lead.csv``, words of two characters or more;
    a single one, 和 or 在, begins names too: 和平区)."""
    return name.startswith(_project_lead_verbs())


@cache
def _project_lead_verbs() -> tuple[str, ...]:
    """The words of ``rules/meaning/project_lead.csv`` of two characters or more,
    gathered once: every clause that opens with a zone asks."""
    return tuple(word for word in lookup("project_lead", "word") if len(word) >= MIN_SHORT_NAME)


def distribute(rows: list[dict], mentions: list[dict], r: Reading, groups: list[list[int]]) -> dict[int, str]:
    """大邱庄工业区、双塘工业园…产业项目分别到位10亿元、1.2亿元; 甲经开区、乙经开区
    全国排名46位、82位: one zone per number, in order, when the words before the
    numbers (or before 分别) list no other things than the zones (甲园区、乙园区产值、
    税收分别增长… is about both). A clause opening with 分别 (…，分别提升6位、49位)
    goes on about the zones the list before it shared out. By row index, the
    zone of each number so shared out."""
    placed: dict[int, str] = {}
    shared: dict[int, str] = {}  # by sentence start: the zones the last list of it shared out
    for group in groups:
        start = mentions[group[0]]["start"]
        head = any_cue("respectively").split(r.clause_before(start)[1])
        opens = len(head) == 2 and not head[0].strip()
        area = shared.get(r.sentence_start(start), "") if opens else rows[group[0]].get("area") or ""
        zones = any_cue("list_link").split(area)
        if len(group) < 2 or len(zones) != len(group) or rows[group[0]]["role"] == "other":
            continue
        if len(head) <= 2 and LIST_PAUSE not in head[0].strip().removeprefix(area):
            placed.update(zip(group, zones))
            shared[r.sentence_start(start)] = area
    return placed


@cache
def area_pattern(owners: bool = False) -> re.Pattern:
    """A sentence opening with a name that ends in a zone suffix (longest such name),
    not followed by a word that makes the suffix part of another word (镇村, 区域:
    cues kind not_zone_after); names joined by list links (cues kind list_link).
    A word before a body named whole is no part of its name (cues kind zone_lead:
    市中心城区 is the city's 中心城区; 强化中心城区…). ``owners``: the suffixes of
    names that own only the figures of the sentence they open too
    (:func:`_suffixes`), and any zone after a verb of cues kind zone_lead, even
    named by its suffix alone (深化开发区改革，重点发展2个主导产业: the region's
    one): the figures of the verb's sentence are the zone's, but a zone a verb acts
    on is no topic of the sentences after (推进某类园区建设。) nor a project's place."""
    verbs = "|".join(cues("area_stop"))
    suffix = alternation(_suffixes(owners))  # a body named whole ends no other name
    after_verb = "|".join(f"(?<={re.escape(verb)})" for verb in lead_verbs())
    bare = rf"|(?:{after_verb})(?:{suffix})" if owners else ""
    one = (rf"(?:(?:(?!{verbs}){NOT_IN_NAME}){{2,30}}(?:{suffix})|{cue_words('whole_area')}{bare})"
           rf"(?!{cue_words('not_zone_after')})")
    lead = rf"(?:{cue_words('zone_lead')}){{1,2}}(?={cue_words('whole_area')})"
    lead += f"|{alternation(lead_verbs())}" if owners else ""
    return re.compile(rf"\s*(?:{lead})?({one}(?:(?:{cue_words('list_link')}){one})*)")


@cache
def lead_verbs() -> tuple[str, ...]:
    """The verbs of cues kind zone_lead: its words of two characters or more (市, a
    single character, is the region's own and leads only a body named whole);
    gathered once: every zone a sentence opens with asks."""
    return tuple(word for word in cues("zone_lead") if len(word) >= MIN_SHORT_NAME)


@cache
def _area_suffix(owners: bool = False) -> re.Pattern:
    """Any zone suffix, or a body named whole (cues kind whole_area: 省属企业): a
    sentence holding none before the limit opens with no zone."""
    words = [*_suffixes(owners), *cues("whole_area")]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _suffixes(owners: bool) -> list[str]:
    """The suffixes of ``rules/meaning/areas.csv``: of zones (reach zone), which head
    the sentences after them and are a project's area; with ``owners`` also those of
    a port, airport or fund (reach sentence: 天津港集装箱吞吐量…), which owns the
    figures of the sentence it opens but is part of a project's name (机场T3航站楼)
    and is often only named by the sentences before (复制推广自贸试验区经验)."""
    return [row["suffix"] for row in table("areas") if owners or row["reach"] == "zone"]


def _generic(area: str) -> bool:
    """各重点乡镇, 全区园区, 常住人口城镇, 42个功能区, 园区开发区 … name no particular place (cues
    kinds general_area and lead before, a count of zones, ``rules/not_areas.csv`` at the end,
    or kinds of zones run together with no name before them: :func:`_kinds_only`)."""
    return (area.startswith((*cues("general_area"), *cues("lead"))) or bool(NUMBER.match(area))
            or any(area.endswith(row["word"]) for row in table("not_areas"))
            or _kinds_only().fullmatch(area) is not None)


@cache
def _kinds_only() -> re.Pattern:
    """Two or more suffixes of ``rules/meaning/areas.csv`` and nothing else (园区开发区由106家整合为50家):
    the zones of those kinds, all of the region's, not one of them."""
    return re.compile(rf"(?:{alternation(_suffixes(owners=True))}){{2,}}")
