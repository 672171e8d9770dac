"""The report's outline: its header (who, when, where) and its sections.

Work reports number their outline 一、 (or 第一部分) → （一） → 一是; some also use
unnumbered headings (“十四五”时期工作回顾, 2026年重点工作). A section's *kind*
(review or plan) comes from cue words in its title (``rules/sections.csv``) and
is inherited by the sections inside it; the kind decides later whether a
figure is an achievement or a target.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline.read.mentions import cn_digits_to_int, cn_to_int
from pipeline.read.text import (BRACKETS_CLOSE, BRACKETS_OPEN, CLAUSE_STOP, CN_DATE_DIGITS, CN_ORDINALS, FULL_STOPS,
                                ITEM_STOPS, LOST, ORDINAL, RANGE_LINKS, SENTENCE_STOP, SENTENCE_STOPS, char_class)
from pipeline.rules import alternation, table, words


@lru_cache(maxsize=None)
def report_cue(kind: str) -> re.Pattern:
    """The patterns of one kind of ``rules/report_cues.csv`` as one pattern (its
    rows are alternatives; ``{ordinal}`` stands for a character of an ordinal Chinese numeral)."""
    patterns = [row["pattern"].replace("{ordinal}", ORDINAL) for row in table("report_cues")
                if row["kind"] == kind]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


OPEN, CLOSE = char_class(BRACKETS_OPEN), char_class(BRACKETS_CLOSE)
LEVELS = (
    (1, re.compile(rf"[ \t]*({ORDINAL}+)、")),
    (1, re.compile(rf"[ \t]*(?:{report_cue('part_label').pattern})")),  # 第一部分：2024年工作回顾
    (2, re.compile(rf"[ \t]*{OPEN}({ORDINAL}+){CLOSE}")),
    (3, re.compile(rf"[ \t]*({ORDINAL}+)是")),
)
UNNUMBERED_MAX = 30
YEAR = re.compile(r"((?:19|20)\d\d)年")
CN_YEAR = rf"{char_class(CN_DATE_DIGITS)}{{4}}"  # a year written digit by digit: 二〇二五
# between the two ends of a run of years: a range link, the first year's 年 before it or not (2021—2025年, 2016年至2020年)
YEAR_LINK = rf"年?\s*{char_class(RANGE_LINKS)}{{1,2}}\s*"
# a year, or a run of years
YEARS = re.compile(rf"((?:19|20)\d\d)(?:{YEAR_LINK}((?:19|20)\d\d))?年")
FIVE_YEAR_PLAN = re.compile(rf"({ORDINAL}+)五")
ITEM_STOP = re.compile(char_class(ITEM_STOPS))


@dataclass
class Section:
    """One heading of the outline and the span it governs."""

    section_id: str
    parent_id: str
    level: int
    label: str
    title: str
    kind: str
    year: int | None
    start: int
    end: int
    title_end: int  # where the heading's title ends: its paragraphs start after it (periods)

    def as_dict(self) -> dict:
        return dict(vars(self))  # plain values: no deep copy needed


def section_kind(title: str) -> str:
    """review | plan | '' from the title's cue words."""
    for row in table("sections"):
        if row["cue"] in title:
            return row["kind"]
    return ""


def year_spans(title: str) -> list[tuple[int, int]]:
    """(first, last) of each year or run of years ``title`` names: 2024年 → (2024, 2024),
    2021—2025年 → (2021, 2025). A heading over five years names them by their ends, and
    the part it opens starts at the first (its running totals with it), not the last."""
    spans = []
    for match in YEARS.finditer(title):
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        spans += [(first, last)] if first <= last else [(first, first), (last, last)]  # 2025至2024: no run
    return spans


def horizon_year(title: str) -> int | None:
    """The year a heading is about: 2024年 → 2024; 2021—2025年 → 2025; “十五五” → 2030 (its last year)."""
    if spans := year_spans(title):
        return spans[0][1]
    if match := FIVE_YEAR_PLAN.search(title):
        return 1955 + 5 * cn_to_int(match.group(1))
    return None


def find_sections(text: str, body_start: int) -> list[Section]:
    """Sections of ``text`` (cleaned view) from ``body_start`` on, plus a root ``0``."""
    root = Section("0", "", 0, "", "", "", None, 0, len(text), 0)
    sections = [root]
    stack = [root]
    counters: dict[str, int] = {}
    headings = [(line_start, *heading) for line_start, line in _lines(text, body_start)
                if (heading := _heading(line)) is not None]
    raised = _levels_raised(text, headings)
    for line_start, written_level, label, title_len in headings:
        level = written_level - raised
        while stack[-1].level >= level:
            stack.pop().end = line_start
        parent = stack[-1]
        key = parent.section_id
        counters[key] = max(counters.get(key, 0) + 1, _numeral(label))
        section_id = str(counters[key]) if parent is root else f"{key}.{counters[key]}"
        title_start = line_start + len(label)
        title = _title(text, title_start, title_len)
        kind = section_kind(title) or _later_year_kind(sections, title) or parent.kind or _previous_kind(sections, level)
        year = horizon_year(title) if section_kind(title) or kind != parent.kind else parent.year
        section = Section(section_id, parent.section_id, level, label.strip(), title, kind,
                          year, line_start, len(text), title_start + title_len)
        sections.append(section)
        stack.append(section)
    return sections


def _title(text: str, title_start: int, title_len: int) -> str:
    return text[title_start:title_start + title_len].strip()


def _levels_raised(text: str, headings: list[tuple[int, int, str, int]]) -> int:
    """1 when the outline's top level is written in brackets (（一）2024年工作回顾 …
    （二）2025年工作安排, no 一、 heading): its first bracketed heading names a review or
    a plan, so the brackets are its parts and their items (一是) their sub-headings.
    0 otherwise, also for a text that lost its 一、 headings but kept their (一) topics
    (（一）经济运行稳中向好): those stay inside the whole, parted by its paragraphs' openers."""
    if any(level == 1 for _, level, _, _ in headings):
        return 0
    first = next(((start + len(label), length) for start, level, label, length in headings if level == 2), None)
    return int(first is not None and bool(section_kind(_title(text, *first))))


def _numeral(label: str) -> int:
    """The number a label writes (（三） → 3), 0 for unnumbered headings."""
    digits = "".join(c for c in label if c in CN_ORDINALS)
    return cn_to_int(digits) if digits else 0


def _later_year_kind(sections: list[Section], title: str) -> str:
    """A heading naming a year after the reviewed one (二、2025年…) opens the plan."""
    year = YEAR.search(title)
    reviewed = [s.year for s in sections if s.kind == "review" and s.year]
    return "plan" if year and reviewed and int(year.group(1)) > max(reviewed) else ""


def _previous_kind(sections: list[Section], level: int) -> str:
    """An uncued top-level section continues the kind of the one before it."""
    same = [s for s in sections if s.level == level]
    return same[-1].kind if same and level == 1 else ""


# A line break; a run of blank lines is one break: no heading is blank, and a text
# with thousands of them must not cost a heading test each. Written \n\n*, not \n+:
# a pattern that starts with a plain character is searched for ten times faster.
LINE_BREAK = re.compile(r"\n\n*")
# A heading run into the paragraph before it (…。（二）…): a full stop and, after
# it, an ordinal in brackets; the new line starts after the full stop.
RUN_IN = re.compile(rf"{char_class(FULL_STOPS)}(?={OPEN}{ORDINAL}+{CLOSE})")
# A top-level heading run into the paragraph before it, as a crawled page joins its
# lines (…增长5%。二、2026年工作安排…): a full stop, then 二、 and, before the sentence
# ends, a section cue (rules/sections.csv); a bare 。二、 in a paragraph stays in it, and so does
# a list of ordinals, 。一、二季度…, whose 、 is followed by another ordinal (not a year in Chinese digits, 二〇二五年).
RUN_IN_TOP = re.compile(rf"{char_class(FULL_STOPS)}(?=[ \t]*{ORDINAL}+、(?!(?!{CN_YEAR}年){ORDINAL})"
                        rf"{char_class(SENTENCE_STOPS, negated=True)}"
                        rf"{{0,{UNNUMBERED_MAX}}}?(?:{alternation(words('sections', 'cue'))}))")


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    """Lines that are not empty (but the first and last may be), and headings run
    into the previous paragraph (RUN_IN, RUN_IN_TOP), each with where it starts. Line breaks and run-in
    headings are found by a search each (one search for either tried a look-behind
    at every character, twice as slow)."""
    breaks = heapq.merge(((m.start(), m.end()) for m in LINE_BREAK.finditer(text, start)),
                         *(((m.end(), m.end()) for m in run_in.finditer(text, start)) for run_in in (RUN_IN, RUN_IN_TOP)))
    pos = start
    for line_end, next_start in breaks:
        yield pos, text[pos:line_end]
        pos = next_start
    yield pos, text[pos:]


def _heading(line: str) -> tuple[int, str, int] | None:
    """(level, label as written, title length) if ``line`` starts a heading."""
    for level, pattern in LEVELS:
        if match := pattern.match(line):
            rest = line[match.end():]
            return level, match.group(), _title_length(rest, level)
    stripped = line.strip()
    if (stripped and len(stripped) <= UNNUMBERED_MAX and section_kind(stripped)
            and not CLAUSE_STOP.search(stripped)):  # a title has no comma: a cue past one is in the run-in paragraph
        return 1, "", len(line)
    return None


def _title_length(rest: str, level: int) -> int:
    """Where a heading's title ends, also when it runs into its paragraph: an item's
    (一是) at its first clause, a sub-heading's at its sentence, a top-level one's
    after the last section cue word of its first clause (一、2024年工作回顾 过去一年…: after 回顾), if any."""
    stop = SENTENCE_STOP.search(rest)
    length = stop.start() if stop else len(rest)
    if level == 3:
        first_stop = ITEM_STOP.search(rest)
        return first_stop.start() if first_stop else length
    if level == 2:
        return length
    clause = CLAUSE_STOP.search(rest)
    within = min(length, clause.start()) if clause else length
    # each cue looked for once, and only where it would start before ``within``: a heading
    # run into its paragraph makes ``rest`` the whole paragraph
    found = ((rest.find(row["cue"], 0, within + len(row["cue"]) - 1), row["cue"]) for row in table("sections"))
    cues = [at + len(cue) for at, cue in found if at >= 0]
    return max(cues) if cues else length


# --- header ------------------------------------------------------------------

MONTH = re.compile(rf"(?P<y>(?:19|20)\d\d|{CN_YEAR})年(?P<m>\d{{1,2}}|{ORDINAL}+)月")
DATE = re.compile(rf"{MONTH.pattern}(?P<d>\d{{1,2}}|{ORDINAL}+)日")


LOST_CHARS = "".join(map(re.escape, LOST))
OFFICE = "([^\\n" + "".join(map(re.escape, BRACKETS_OPEN + BRACKETS_CLOSE)) + "]*?)"  # the office, back to a bracket
NAME = rf"[\s{LOST_CHARS}]*([\u4e00-\u9fff][\u4e00-\u9fff\s{LOST_CHARS}]{{1,5}})"


def body_start(text: str) -> int:
    """Where the speech starts: after the first 各位代表 line (cue kind address), else 0."""
    match = report_cue("address").search(text)
    return match.start() if match and match.start() < 2000 else 0


def read_header(text: str) -> dict:
    """Report metadata the header states; missing fields are absent, never guessed."""
    head = text[:body_start(text) or 600]
    flat = re.sub(r"\s+", "", head)
    meta: dict = {}
    first = _first_line(text)
    title = re.sub(r"[\s—]+", "", first)
    title = re.split(r"——|（\d", title)[0]
    if end := report_cue("title_end").search(title):
        meta["title"] = title[:end.end()] if len(title) > 40 else title
    if match := DATE.search(flat):
        meta["delivered_on"] = _date(match)
    if match := report_cue("meeting").search(flat):
        meta["meeting"] = match.group("region") + match.group("meeting")
    return {**meta, **_speaker(head)}


def _speaker(head: str) -> dict:
    """Speaker and office from the header: the first title of ``rules/speaker_titles.csv``
    written there with a name after it (河北省省长 王正谱)."""
    for speaker_title in words("speaker_titles", "title"):
        if speaker_title not in head:
            continue  # a title not written is not searched for (the lazy pattern costs a scan per position)
        if match := re.search(rf"{OFFICE}{re.escape(speaker_title)}{NAME}$", head, re.MULTILINE):
            office = report_cue("office_after").split(re.sub(r"\s", "", match.group(1)))[-1]
            speaker = re.sub(rf"[\s{LOST_CHARS}]", "", match.group(2))
            return {"speaker_title": office + speaker_title, "speaker": speaker}
    return {}


def _first_line(text: str) -> str:
    """The first line holding more than white space ('' if none), without splitting the whole text."""
    pos = 0
    while True:
        cut = text.find("\n", pos)
        line = text[pos:] if cut == -1 else text[pos:cut]
        if line.strip() or cut == -1:
            return line if line.strip() else ""
        pos = cut + 1


def delivery_years(year: int, month: int | None = None) -> tuple[int, int]:
    """(plan year, year 今年 names) of a report delivered in ``month`` of ``year``: a report
    delivered in December is about the year after, and its 今年 is the year it reviews;
    one of no month said (a header naming its year alone) plans the year it names."""
    return year + (month == 12), year


def dated_years(delivered_on: str) -> tuple[int, int] | None:
    """:func:`delivery_years` of a date written YYYY-MM-DD (``delivered_on``); None for anything else."""
    when = str(delivered_on or "")
    return delivery_years(int(when[:4]), int(when[5:7])) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else None


def header_years(text: str) -> tuple[int, int] | None:
    """:func:`delivery_years` of a header that states no whole date (``delivered_on``): by
    its month, 二〇二四年十二月, else by the year it names, 某某市政府工作报告（2025年）.
    Only the lines before 各位代表 are read: a year or month the speech names is no date of the report."""
    head = re.sub(r"\s+", "", text[:body_start(text)])
    if match := MONTH.search(head):
        return delivery_years(_year(match), _count(match.group("m")))
    match = YEAR.search(head)
    return delivery_years(int(match.group(1))) if match else None


def _date(match: re.Match) -> str:
    month, day = (_count(match.group(g)) for g in ("m", "d"))
    return f"{_year(match):04d}-{month:02d}-{day:02d}"


def _year(match: re.Match) -> int:
    """The year of a MONTH or DATE match, in digits or Chinese digits (二〇二五)."""
    written = match.group("y")
    return int(written) if written.isdigit() else cn_digits_to_int(written)


def _count(written: str) -> int:
    """A month or day in digits or Chinese numerals (十二)."""
    return int(written) if written.isdigit() else cn_to_int(written)

