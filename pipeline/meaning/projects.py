"""Named projects: what was started, topped out, completed, opened or planned.

A project is a noun phrase that ends in a head noun (…医院, …线, …工程, …平台;
``rules/project_heads.csv``), possibly extended by a suffix (二期, 小学部;
``rules/project_suffixes.csv``), standing in a clause with a status verb
(开工, 封顶, 建成, 投入使用, 加快…; ``rules/project_status.csv``). Items of a
list (甲、乙主体封顶) share the clause's verb. Phrases with event or campaign
words (``rules/project_exclude.csv``) and counted groups (56个工业项目,
8家智能工厂、数字车间) are not projects.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from pipeline.meaning.areas import division_names, is_generic_name, is_region, zone_at
from pipeline.meaning.figures import format_value, scaled, section_finder
from pipeline.rules.patterns import any_cue, cue_words, multiplier_words, qualifier_words, unit_words
from pipeline.read.reading import Reading
from pipeline.read.text import (ATTRIBUTIVES, BRACKETS_CLOSE, BRACKETS_OPEN, CLAUSE_STOPS, CN_ORDINALS, LIST_PAUSE, PAUSES,
                                char_class)
from pipeline.rules import alternation, longest_prefix, lookup, prefix_pattern, table

CLAUSE = re.compile(char_class(CLAUSE_STOPS, negated=True) + "+")
NUMERALS = CN_ORDINALS + "两"  # 两座大桥, 两横三纵
SLOGAN = re.compile(rf"^[{NUMERALS}][^{NUMERALS}]")  # 四好农村路, 两横三纵
SEGMENT = re.compile(rf"{char_class(BRACKETS_OPEN)}{char_class(BRACKETS_OPEN + BRACKETS_CLOSE, negated=True)}{{1,20}}"
                     rf"{char_class(BRACKETS_CLOSE)}")  # 西二环北延（北三环至马坊路）
MIN_NAME, MAX_NAME = 3, 30
THROUGH_LAST_ATTRIBUTIVE = re.compile(f".*{char_class(ATTRIBUTIVES)}", re.S)  # 历时3年的: one match, not an rfind per mark


@cache
def _measure_at() -> re.Pattern:
    """An amount before a name (83公里, 总投资5亿元): an investment word (cues kind
    investment), a number, a multiplier and a unit of a level (``rules/units.csv``)."""
    return re.compile(rf"(?:{cue_words('investment')})?[\d.]+(?:{multiplier_words()})?"
                      rf"(?:{unit_words('measure', 'level')})")


@cache
def _counted() -> re.Pattern:
    """A number of things (8家, 两座, 镇原4县高速项目): a numeral and a counter (unit count in
    ``rules/units.csv``); places (cues kind place_counter) counted in Chinese numerals are part
    of a name, saying whom it serves (南水北调中线向四县供水工程)."""
    places = cue_words("place_counter")
    return re.compile(rf"(?:\d+|[{NUMERALS}]+(?!{places}))(?:{unit_words('unit', 'count')})")


def _own_names(region: str) -> tuple[str, ...]:
    """The region's names (``division_names``) that read as its name, not as words: a
    short name that is itself a lead word or an item link (新建 of 新建区 leads
    新建市第一人民医院) stays a word, so it neither ends an item's leads nor is masked."""
    return tuple(name for name in division_names(region)
                 if not _leads().fullmatch(name) and not any_cue("item_link").fullmatch(name))


def _masked(item: str, own: tuple[str, ...]) -> str:
    """``item`` with the region's own names (``own``) blanked, as long as they were,
    so that a search for a count reads none in them (三门峡保税物流中心 in 三门峡市's
    report: 三门 counts no gates)."""
    return re.sub(alternation(own), lambda m: "□" * len(m.group()), item) if own else item


@cache
def _count_after() -> re.Pattern:
    """项目10个, 项目10个以上: a name followed by a count is a category."""
    return re.compile(rf"[\d.]+(?:{unit_words('unit', 'count')})(?:{qualifier_words('after')})?(?:{char_class(PAUSES)}|$)")


@cache
def _trailing() -> re.Pattern:
    """Words after a name that belong to its verb (cues kind project_tail: 主体封顶)."""
    return re.compile(f"(?:{cue_words('project_tail')})+$")


@cache
def _investment() -> re.Pattern:
    """投资5亿元: the amount, its multiplier and a word of the yuan (unit CNY)."""
    return re.compile(rf"(?:{cue_words('investment')})(\d+(?:\.\d+)?)({multiplier_words()})?"
                      rf"(?:{unit_words('unit', 'CNY')})")


@dataclass
class Candidate:
    """A project name found in a clause, before its status is decided."""

    start: int
    end: int
    kind: str
    area: str


def find_projects(record: dict, reading: Reading | None = None) -> list[dict]:
    """``projects`` rows of one report, in text order. ``reading`` is the report's
    text read once (``pipeline.read.reading``), when the caller has it already."""
    r = reading or Reading(record["text"])
    text = r.text
    region = record["report"].get("region") or ""
    own = _own_names(region) if region else ()  # '' would open every text
    rows: dict[int, dict] = {}
    section_at = section_finder(record["sections"])
    for clause in _verb_clauses(r):  # no status verb, no project (and the name search is the costly part)
        start, end = clause.span()
        section = section_at(start)
        if section["kind"] not in ("review", "plan"):
            continue
        candidates = _names(r, start, end, own)
        if not candidates:
            continue  # six clauses in seven: no name, so no parts or status to read
        candidates = _outside_parts(clause.group(), start, candidates)
        status = _status(text, start, end, candidates, section["kind"])
        for found in candidates if status else []:
            if found.start not in rows:
                rows[found.start] = _row(record, r, found, status, section, clause)
    return [rows[k] for k in sorted(rows)]


def _verb_clauses(r: Reading) -> Iterator[re.Match]:
    """The clauses (runs of text between clause stops) that hold a status verb,
    in text order. The verbs are found in one pass over the text, each giving the
    clause around it (a verb holds no clause stop), instead of one search per
    clause: three clauses in four hold none."""
    last = -1
    for verb in _verb_pattern().finditer(r.text):
        start = r.clause_start(verb.start())
        if start > last:
            last = start
            yield CLAUSE.match(r.text, start)


def _outside_parts(clause: str, start: int, candidates: list[Candidate]) -> list[Candidate]:
    """建设集甲中心、乙基地为一体的示范区: what stands between the words of a
    ``rules/project_parts.csv`` row is a part of the one thing built, not a project."""
    spans = [range(start + m.start(), start + m.end()) for m in _parts().finditer(clause)]
    return [c for c in candidates if not any(c.start in span for span in spans)]


@cache
def _parts() -> re.Pattern:
    """集…为一体: the opening and closing words of each row, nothing between them that ends a clause."""
    between = char_class(CLAUSE_STOPS, negated=True)
    return re.compile("|".join(f"{re.escape(row['open'])}{between}*?{re.escape(row['close'])}"
                               for row in table("project_parts")))


@lru_cache(maxsize=1)
def _verb_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, lookup("project_status", "verb"))))


def _names(r: Reading, start: int, end: int, own: tuple[str, ...]) -> list[Candidate]:
    """Named projects among the 、-separated items of one clause; ``own`` are the
    report's region's names (和平区, 和平), whose first character no link or lead
    word is (和平供销广场 is one name in 和平区's report)."""
    clause = r.text[start:end]
    headed = _has_head(clause)
    if not headed and not _any_list_head().search(clause):
        return []  # no head noun and no list head: no name (most clauses: the list is not read either)
    shared = _shares_head(r, start, end, own)
    if not shared and not headed:
        return []  # a name ends in a head noun unless its list shares one (no item is read)
    if _category_list().search(clause):
        return []  # 甲、乙等各类平台: categories, not names
    items = clause.split(LIST_PAUSE)
    if _counted().match(_masked(items[0], own), _lead_length(items[0], own)):
        return []  # 建成8家智能工厂、数字车间…: a counted group
    found: list[Candidate] = []
    pos = start
    for item in items:
        found.extend(_names_in(r, pos, pos + len(item), own, shared))
        pos += len(item) + 1
    return found


def _shares_head(r: Reading, start: int, end: int, own: tuple[str, ...]) -> bool:
    """甲、乙等8个项目开工; 甲和乙、丙项目落地: a list closed by a head that names
    what each item is (``rules/project_list_heads.csv``), after 等 (and a count
    or kind words) or as the last item's own head, makes every item a project's
    name, though the items have no head noun of their own."""
    clause = r.text[start:end]
    last = start + clause.rfind(LIST_PAUSE) + 1
    tail = r.text[last:end]  # both ways end in a list head in the last item: most hold none, and no item is read
    if not _any_list_head().search(tail) or not any_cue("item_link").search(clause):
        return False
    if _closing_head().search(r.text, last, end):
        return True
    named = LIST_PAUSE in clause and _name_in(r, last, end, own)
    return bool(named) and r.text[named.start:named.end].endswith(_list_heads())


@cache
def _closing_head() -> re.Pattern:
    """等8个项目, 等重点项目: 等, a count, kind words (``rules/meaning/project_generic.csv``), the head."""
    generic = "|".join(map(re.escape, lookup("project_generic", "word")))
    heads = "|".join(map(re.escape, _list_heads()))
    return re.compile(rf"等(?:{_counted().pattern})?(?:{generic})*(?:{heads})")


@cache
def _any_list_head() -> re.Pattern:
    """Any head of :func:`_list_heads` (one search instead of a test per head)."""
    return re.compile(alternation(_list_heads()))


@cache
def _list_heads() -> tuple[str, ...]:
    """Heads that name each item of the list before them (``rules/project_list_heads.csv``)."""
    return tuple(row["head"] for row in table("project_list_heads"))


@cache
def _category_list() -> re.Pattern:
    """甲、乙等各类平台, 甲、乙等重点商圈 (cues kind category after 等 and kind
    words, ``rules/meaning/project_generic.csv``): a list of categories or districts."""
    generic = alternation(lookup("project_generic", "word"))
    return re.compile(f"等(?:{generic})*(?:{cue_words('category')})")


def _names_in(r: Reading, start: int, end: int, own: tuple[str, ...], shared: bool = False) -> list[Candidate]:
    """Names in one item; 甲医院和乙研究院 gives two (both sides have a head noun,
    or the list shares its head; cues kind item_link)."""
    item = r.text[start:end]
    for link in any_cue("item_link").finditer(item):
        if item.startswith(own, link.start()):
            continue  # 市实验中学和平学校 in 和平区's report: the region's name, no link
        left, right = item[:link.start()], item[link.end():]
        if left and right and not _crossed(left) and (shared or _has_head(left) and _has_head(right)):
            return (_names_in(r, start, start + link.start(), own, shared)
                    + _names_in(r, start + link.end(), end, own, shared))
    candidate = _name_in(r, start, end, own, shared)
    return [candidate] if candidate else []


def _crossed(left: str) -> bool:
    """管网穿越甲铁路及乙国道工程: a link right after a crossing verb and its first
    name (``rules/project_crossing.csv``) joins what one project crosses; a later
    link (…国道工程和丙工程) joins two projects."""
    verbs = list(_crossing().finditer(left))
    return bool(verbs) and not any_cue("item_link").search(left, verbs[-1].end())


@cache
def _crossing() -> re.Pattern:
    return re.compile(alternation(row["word"] for row in table("project_crossing")))


def _has_head(phrase: str) -> bool:
    return _any_head().search(phrase) is not None


@lru_cache(maxsize=1)
def _any_head() -> re.Pattern:
    """Any head noun (one search instead of a test per row)."""
    return re.compile(alternation(row["head"] for row in table("project_heads")))


def _name_in(r: Reading, start: int, end: int, own: tuple[str, ...], shared: bool = False) -> Candidate | None:
    """The project name inside one list item, if it has one. A zone that opens
    the item is its area, not part of its name, unless the name is a kind of
    facility without it (某某园区污水处理厂)."""
    item = r.text[start:end]
    if not shared and not _has_head(item):
        return None  # the name would end in a head noun (read no zone for an item that has none)
    if "——" in item:
        start += item.rindex("——") + 2
    area = zone_at(r, start, end)
    area = "" if is_region(area, own) else area  # 研究论证新乡机场 in 新乡市's report: 乡 of its name ends no township
    zoned = bool(area) and r.text.startswith(area, start)
    found = _name_after(r, start + len(area) if zoned else start, end, area, own, shared)
    if found is None and zoned and not _lead_length(r.text[start + len(area):end], own):
        found = _name_after(r, start, end, area, own, shared)
    return found


def _name_after(r: Reading, start: int, end: int, area: str, own: tuple[str, ...], shared: bool) -> Candidate | None:
    """The name in ``text[start:end]`` after its lead verbs: up to its head noun,
    or, in a list that shares its head (甲、乙等项目), the whole item."""
    text = r.text
    item = text[start:end]
    skip = _lead_length(item, own)
    start, item = start + skip, item[skip:]
    if _counted().match(_masked(item, own)):
        return None
    through = THROUGH_LAST_ATTRIBUTIVE.match(item)  # 历时3年的市政管网…工程: the name follows the last 的
    cut = through.end() if through else 0
    start, item = start + cut, item[cut:]
    counted = _counted().search(_masked(item, own))
    item = (item[:counted.start()] if counted else item).split("等")[0]  # 甲等3个项目: 甲 is named
    length = _name_length(item) or (len(item) if shared else 0)
    if not length:
        return None
    start, name = _unquote(start, item[:length])
    head = _head_row(name)
    after = start + len(name)
    if not _acceptable(name, head, own) or _count_after().match(text, after) or _category(text, after):
        return None
    return Candidate(start, start + len(name), _kind(name, head), area)


def _acts(name: str) -> bool:
    """协调甲县实施乙路建设, 头部企业牵头实施重大科技项目: a verb of
    ``rules/project_name_breaks.csv`` inside what reads as a name makes it a
    clause (someone acts on something), not a name."""
    return _name_breaks().search(name, 1) is not None


@cache
def _name_breaks() -> re.Pattern:
    return re.compile(alternation(row["word"] for row in table("project_name_breaks")))


@lru_cache(maxsize=1024)
def _lead_length(item: str, own: tuple[str, ...]) -> int:
    """Verbs and measure prefixes before a name (加快推进, 83公里): each step takes
    the longer of a lead word and an amount. Kept per item: a clause's first item
    is read twice (is the clause a counted group, then its name), and most items
    lead with two or three words, two matches each. The region's own name (``own``)
    ends the leads: 和 of 和平供销广场 is no link in 和平区's report."""
    leads, measure = _leads(), _measure_at()
    total = 0
    while not item.startswith(own, total):
        word, amount = leads.match(item, total), measure.match(item, total)
        end = max(word.end() if word else total, amount.end() if amount else total)
        if end == total:
            return total
        total = end
    return total


def forget_texts() -> None:
    """Drop the memo of item leads: called as each report starts, so that no report
    is read faster for words an earlier one had (normalize.report_tables says why)."""
    _lead_length.cache_clear()


@cache
def _leads() -> re.Pattern:
    """The lead words (``rules/project_lead.csv``), longest first, as one pattern."""
    return prefix_pattern(lookup("project_lead", "word"))


def _name_length(item: str) -> int:
    """Length of the name: up to its right-most head noun, plus suffixes."""
    best = _last_head_end(item)
    if not best:
        return 0
    suffixes = lookup("project_suffixes", "suffix")
    while suffix := longest_prefix(item, best, suffixes):  # one match of them all per suffix added, longest first
        best += len(suffix)
    segment = SEGMENT.match(item, best) or _section().match(item, best)
    best = segment.end() if segment else best
    name = _trailing().sub("", item[:best])
    return len(name)


def _last_head_end(item: str) -> int:
    """Where the right-most head noun of ``item`` whose ``needs`` the words up to it
    hold ends (0 if none); heads inside （…） do not end a name."""
    masked = SEGMENT.sub(lambda m: "□" * len(m.group()), item)
    return max((end for end, _, _ in _right_heads(masked, needs_in=item)), default=0)


def _right_heads(text: str, needs_in: str | None = None) -> list[tuple[int, int, dict[str, str]]]:
    """The head nouns that may end a name in ``text``, as (end, length, row), in the
    order they are met: the places a head may start read from the end back, and no
    earlier one tried once no head starting there could end further right (most
    texts: the last one). With ``needs_in``, a head counts only where its ``needs``
    match that text up to the head's end (the unmasked words of a masked item)."""
    starts, heads, longest = _heads()
    found: list[tuple[int, int, dict[str, str]]] = []
    right = 0
    for pos in reversed([at.start() for at in starts.finditer(text)]):
        if pos + longest < right:
            break
        for head, needs, row in heads[text[pos]]:
            end = pos + len(head)
            if text.startswith(head, pos) and (needs_in is None or needs is None or needs.search(needs_in, 0, end)):
                found.append((end, len(head), row))
                right = max(right, end)
    return found


@cache
def _section() -> re.Pattern:
    """甘肃段, 中武段: a stretch of a line named by a place of up to four characters
    and a word of ``rules/project_sections.csv``; no number (6个标段 is a count)
    and no word that joins (cues kind item_link) or closes (等) a list."""
    char = char_class(PAUSES + CLAUSE_STOPS, negated=True)
    place = rf"(?:(?!{any_cue('item_link').pattern}|等|\d){char})"
    return re.compile(rf"{place}{{1,4}}(?:{alternation(row['word'] for row in table('project_sections'))})")


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern, dict[str, list[tuple[str, re.Pattern | None, dict[str, str]]]], int]:
    """The first characters of the head nouns, as a pattern; per first character,
    each head row's head, its ``needs`` compiled (None when it needs nothing) and
    the row, in table order; and the longest head's length: a name's end is found
    in one pass over it, not one per head."""
    heads: dict[str, list[tuple[str, re.Pattern | None, dict[str, str]]]] = {}
    for row in table("project_heads"):
        needs = re.compile(row["needs"]) if row["needs"] else None
        heads.setdefault(row["head"][0], []).append((row["head"], needs, row))
    longest = max(len(head) for rows in heads.values() for head, _, _ in rows)
    return re.compile("[" + "".join(map(re.escape, heads)) + "]"), heads, longest


def _unquote(start: int, name: str) -> tuple[int, str]:
    """“循环经济数字中台” → 循环经济数字中台; unbalanced leading quotes dropped."""
    while name.startswith("“") and name.count("“") > name.count("”") or name.startswith("“") and name.endswith("”"):
        start, name = start + 1, name[1:]
        if name.endswith("”") and name.count("”") > name.count("“"):
            name = name[:-1]
    return start, name


def _category(text: str, end: int) -> bool:
    """老年人日间照料服务中心覆盖率: the name is a kind of thing being measured."""
    return text.startswith(_not_after(), end)


@lru_cache(maxsize=1)
def _not_after() -> tuple[str, ...]:
    return tuple(row["word"] for row in table("project_not_after"))


@lru_cache(maxsize=1)
def _excluded() -> re.Pattern:
    return re.compile(alternation(r["word"] for r in table("project_exclude")))


def _acceptable(name: str, head: dict[str, str] | None, own: tuple[str, ...]) -> bool:
    """Whether ``name``, whose head-noun row is ``head`` (:func:`_head_row`), names one
    project; a numeral that opens the region's own name (三门峡, 七台河) opens no slogan."""
    return (MIN_NAME <= len(name) <= MAX_NAME and (not name[0].isdigit() or _numbered(name))
            and not SLOGAN.match(_masked(name, own))
            and name.count("“") == name.count("”") and not _excluded_word(name, head) and not _acts(name)
            and not _generic(name, head))


def _excluded_word(name: str, head: dict[str, str] | None) -> bool:
    """An excluded word (``rules/project_exclude.csv``) in the name, unless it lies
    inside the name's head noun: 展览 does not exclude 展览馆, but 宅基地 holding
    the head 基地 still excludes."""
    at = name.rfind(head["head"]) if head else -1
    inside = range(at, at + len(head["head"]) + 1) if head else range(0)
    return any(m.start() not in inside or m.end() not in inside for m in _excluded().finditer(name))


def _numbered(name: str) -> bool:
    """107国道: a number and a head noun alone name a road; any other number
    that opens a name is an amount (83公里…)."""
    digits = re.match(r"\d+", name)
    return bool(digits) and _any_head().fullmatch(name, digits.end()) is not None


def _generic(name: str, head: dict[str, str] | None) -> bool:
    """农村公路, 新型储能项目, 卫生院: a kind of thing, not a named one."""
    return is_generic_name(name, head["head"] if head else "")


def _kind(name: str, head: dict[str, str] | None) -> str:
    for row in table("project_kind_words"):
        if row["word"] in name:
            return row["kind"]
    return head["kind"] if head else "other"


def _head_row(name: str) -> dict[str, str] | None:
    """The head-noun row that ends a name: the right-most, then the longest (found
    once per name: the checks and the kind of a name all ask for it); rows of
    equal heads share one, in table order, so the first of them still wins."""
    found = _right_heads(name)
    return max(found, key=lambda head: head[:2])[2] if found else None


def _status(text: str, start: int, end: int, names: list[Candidate], kind: str) -> str:
    """The strongest status verb of the clause outside the names themselves."""
    if not names:
        return ""
    masked = list(text[start:end])
    for name in names:
        masked[name.start - start:name.end - start] = "□" * (name.end - name.start)
    clause = "".join(masked)
    best, best_strength = "", 0
    for verb, row in _verbs_longest_first():
        if verb in clause and int(row["strength"]) > best_strength:
            best, best_strength = row[kind], int(row["strength"])
            clause = clause.replace(verb, "□" * len(verb))
    return best


@lru_cache(maxsize=1)
def _verbs_longest_first() -> tuple[tuple[str, dict[str, str]], ...]:
    return tuple(sorted(lookup("project_status", "verb").items(), key=lambda item: -len(item[0])))


def _row(record: dict, r: Reading, found: Candidate, status: str, section: dict, clause: re.Match) -> dict:
    raw = r.raw
    report = record["report"]
    sentence_start, sentence_end = r.raw_window(found.start, found.end)
    year = report.get("review_year") if section["kind"] == "review" else report.get("plan_year")
    investment = _investment().search(clause.group())
    value = ""
    if investment:
        factor = lookup("multipliers", "written")[investment.group(2)]["factor"] if investment.group(2) else "1"
        value = format_value(scaled(investment.group(1), Decimal(factor)))
    return {
        "report_id": report["report_id"], "project_id": f"p{found.start:06d}", "name": raw[found.start:found.end],
        "start": found.start, "end": found.end, "status": status, "year": year or "",
        "area": found.area or report.get("region", ""), "kind": found.kind, "investment_cny": value,
        "section_id": section["section_id"], "context": raw[sentence_start:sentence_end].strip(),
    }
