"""Find every number in a report and read what is written around it.

This module knows numerals, multipliers (万, 亿), unit and counter words and
qualifiers (左右, 以上, 超 …), all from the tables in ``pipeline/rules/``, and
reads characters and Chinese numerals as ``read.text`` defines them.
It knows nothing of roles, subjects or canonical units: it reports what is
written, with spans, so that later stages can decide what it means.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from string import ascii_letters
from typing import NamedTuple

from pipeline.rules import alternation, cues, longest_suffix, lookup, table, word_tree, words
from pipeline.read.text import (CN_DIGITS, CN_SCALES, CN_VALUES, FRACTION_LINKS, INVISIBLE, LIST_PAUSE, NAME_LINKS,
                                NUMBER, QUOTES_CLOSE, QUOTES_OPEN, RANGE_LINKS, RATIO_LINKS, CLAUSE_STOP, CLAUSE_STOPS, SENTENCE_STOP,
                                SENTENCE_STOPS, char_class, digits_of, open_quote)

ARABIC = NUMBER
# A numeral with more digits is no figure (the largest real ones, written out in
# yuan, have 15; an ID card number 18) and would exceed the precision values are
# computed with: extract stops with a clear error instead.
MAX_DIGITS = 20
CN_CHAR = char_class(CN_DIGITS + CN_SCALES)
BEFORE_VERB = "before_verb"  # qualifiers.csv position of a word that may stand before a number's verb too (至少打造1个)
BEFORE_POSITIONS = ("before", "mark", BEFORE_VERB)  # qualifiers.csv positions written before a number
VERB_SIZE = 2  # characters of the verb a qualifier of position before_verb stands before (打造, 出庭)
AFTER_DURATION = "after_duration"  # qualifiers.csv position of a word that bounds only a time (90天内)
AFTER_POSITIONS = ("after", AFTER_DURATION)  # qualifiers.csv positions written after a number's unit
AFTER_SCALE = "after_scale"  # qualifiers.csv position of a word that qualifies only a scale written before it (以千万计)
THRESHOLD_COMPARATORS = ("gt", "ge")  # qualifiers.csv comparators of a bound a class passes (超100亿元企业)
ALONE = "alone"  # qualifiers.csv position of a word that qualifies only a multiplier standing alone (上亿, 数万)
# A Chinese numeral: one numeral character and any after it. The same as [...]+, but
# written so that a pattern starting with it is searched for at C speed, not tried at every character.
CN_NUMERAL = CN_CHAR * 2 + "*"
RANGE_LINK = re.compile(char_class(RANGE_LINKS) + "{1,2}")
# A Latin letter on either side makes a numeral part of a name (A3, 5G, 5G+; a + or ×
# only between numbers or letters, _linked_to_a_number): a set, not a pattern, since
# each number asks it of one character at a time.
NAME_MARKS = frozenset(ascii_letters)
YEAR_DIGITS = re.compile(r"(19|20)\d\d")
QUOTE_REACH = 40  # characters on each side a quoted name's marks are looked for (longer quotes are no names)
QUOTE_OPENING = re.compile(char_class(QUOTES_OPEN))
RANK_ITEM_REACH = 8  # characters a 第N、 before another 第N may take (第一、, 第12、)
RING_REACH = 8  # characters between a ring's time and the end of its name (15分钟高品质生活服务圈: 7)
RANK_POOL_REACH = 12  # characters between a rank's pool and its 第N (全国344个城市第三方评估中位列第27名)


class Mention(NamedTuple):
    """One number as written, with the words around it that qualify it.

    Immutable: each reading step returns new mentions (``_replace``), so no step
    changes a mention another step or a caller holds. A named tuple, not a frozen
    dataclass: a frozen dataclass and ``dataclasses.replace`` made finding the
    mentions half again as slow."""

    start: int
    end: int
    text: str
    number: str              # the numeral as a plain decimal string ("48.7", "8")
    raw_end: int             # end of number + multiplier + unit as written
    multiplier: str = ""     # 万, 亿 …
    unit_word: str = ""      # 元, %, 个百分点, 人次 …
    before: str = ""         # qualifier word just before the number (约, 超 …)
    after: str = ""          # qualifier word just after the unit (左右, 以上 …)
    inner: str = ""          # a qualifier between number and unit (余, 多: position inner in qualifiers.csv)
    form: str = "measure"    # measure | year | date | anniversary | ordinal | name | bare
    range_part: str = ""     # low | high for the two ends of a range

    def as_dict(self) -> dict:
        """The fields by name, keys in sorted order, as the interim file writes them:
        built so, they need no sorting there (``extract.interim_json``). Every field
        is a str or int: no deep copy needed (``dataclasses.asdict``'s was half of extract)."""
        return dict(zip(_SORTED_FIELDS, _in_sorted_order(self)))


_SORTED_FIELDS = tuple(sorted(Mention._fields))
_in_sorted_order = itemgetter(*map(Mention._fields.index, _SORTED_FIELDS))


class TooManyDigits(ValueError):
    """A numeral longer than ``MAX_DIGITS``; the message says where (extract adds the file)."""


def cn_to_int(numeral: str) -> int:
    """Value of a Chinese numeral such as 八, 两, 十二, 二十, 一百零五."""
    total, current = 0, 0
    for char in numeral:
        if char in CN_SCALES:
            total += (current or 1) * CN_VALUES[char]
            current = 0
        else:
            current = CN_VALUES[char]
    return total + current


def cn_digits_to_int(numeral: str) -> int:
    """Digit-by-digit value, as in dates: 二〇二六 -> 2026; else cn_to_int."""
    if any(c in CN_SCALES for c in numeral):
        return cn_to_int(numeral)
    return int("".join(str(cn_to_int(c)) for c in numeral))


def find_mentions(text: str) -> list[Mention]:
    """Every Arabic numeral and every Chinese-numeral measure in ``text``.

    ``text`` is the cleaned view (ASCII digits); offsets are into it. A Chinese
    measure that overlaps one read before is none: the Arabic ones first, then the
    Chinese ones longest first (提前三十年 is 三十, not 十). A Chinese numeral that
    only names a class (超千万元企业: form threshold) is no figure, as the contract
    says of one in a name, but keeps its span from the shorter ones inside it.
    """
    mentions = _read_structures(text, _link_ranges(text, [_read_arabic(text, m) for m in _arabic().finditer(text)]))
    mentions = _shared_tails(text, mentions)
    taken = {pos for m in mentions for pos in range(m.start, m.end)}
    for found in sorted(_chinese_measures(text), key=lambda m: m.start - m.end):  # longest first
        span = range(found.start, found.end)
        if taken.isdisjoint(span):
            taken.update(span)
            if found.form == "measure":
                mentions.append(found)
    return sorted(mentions, key=lambda m: m.start)


RATIO_LINK = re.compile(rf"\s*{char_class(RATIO_LINKS)}\s*")
RATIO_REACH = 30  # characters back from a bare number where its clause may name a ratio
MIN_STRUCTURE = 3  # 22.2:41.3:36.5 splits a whole in three; 2.1∶1 is a ratio, not shares


def _read_structures(text: str, mentions: list[Mention]) -> list[Mention]:
    """三次产业结构调整为19.2:38.5:42.3: bare numbers joined by colons, three or more,
    are the shares of a whole, in percent; 收入比缩小至2.1:1 is a ratio, the first
    number a multiple of the second (times), the 1 no figure."""
    runs = _ratio_runs(text, mentions)
    shares = {i for run in runs if len(run) >= MIN_STRUCTURE for i in run}
    ratios = {run[0]: mentions[run[1]] for run in runs if len(run) == 2 and mentions[run[1]].number == "1"}
    ratios |= {run[0]: mentions[run[0]] for run in runs if len(run) == 1 and _names_a_ratio(text, mentions[run[0]])}
    fractions = _shared_fractions(text, mentions)
    return [m._replace(form="measure", unit_word="%") if i in shares
            else m._replace(form="measure", unit_word="%", number=fractions[i][0], raw_end=fractions[i][1])
            if i in fractions
            else m._replace(form="measure", unit_word=unit_word_of("multiple"), raw_end=ratios[i].raw_end,
                            after=ratios[i].after) if i in ratios
            else m for i, m in enumerate(mentions)]


def _shared_tails(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare number listed right before a measure (joined by cues kind item_link)
    shares the multiplier and unit written after the list's last item (72、43微克/立方米).
    An amount listed right before a threshold in the same unit names a class too
    (投资超50亿元、100亿元产业项目: the noun after the last item is the class of both).
    From the list's end backwards, so every item of a run shares."""
    shared = list(mentions)
    for i in range(len(shared) - 2, -1, -1):
        m, nxt = shared[i], shared[i + 1]
        if text[m.raw_end:nxt.start].strip() not in cues("item_link"):
            continue
        if m.form == "bare" and nxt.form == "measure" and nxt.unit_word and not nxt.before and not nxt.range_part:
            shared[i] = m._replace(form="measure", multiplier=nxt.multiplier, unit_word=nxt.unit_word)
        elif m.form == "measure" and nxt.form == "threshold" and (m.unit_word, m.multiplier) == (
                nxt.unit_word, nxt.multiplier):
            shared[i] = m._replace(form="threshold")
    return shared


def _names_a_ratio(text: str, m: Mention) -> bool:
    """城乡居民收入比值由3.27缩小至2.93: a bare number in a clause that names a ratio
    (number_forms.csv kind ratio_noun) is the ratio, a multiple."""
    return any(noun in _clause_before(text, m.start) for noun in words("number_forms", "written", "ratio_noun"))


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before ``start``, at most ``RATIO_REACH`` characters back."""
    stops = list(CLAUSE_STOP.finditer(text, max(0, start - RATIO_REACH), start))
    return text[stops[-1].end() if stops else max(0, start - RATIO_REACH):start]


def _shared_fractions(text: str, mentions: list[Mention]) -> dict[int, tuple[str, int]]:
    """占全省的1/10: two bare numbers joined by a fraction link (characters.csv) in a
    clause of a share (cues kind share_of) are one share, 10 percent. By numerator
    index: the share (to two decimals) and where the denominator ends; the
    denominator stays a bare number (every Arabic numeral is a figure). A date
    (1/10 with no share word) is no fraction."""
    fractions = {}
    for i, (top, bottom) in enumerate(zip(mentions, mentions[1:])):
        if (top.form == bottom.form == "bare" and top.end < bottom.start
                and text[top.end:bottom.start] in FRACTION_LINKS and Decimal(bottom.number)
                and any(cue in _clause_before(text, top.start) for cue in cues("share_of"))):
            fractions[i] = (_percent(top.number, bottom.number), bottom.raw_end)
    return fractions


def _percent(top: str | int, bottom: str | int) -> str:
    """The fraction ``top``/``bottom`` in percent, to two decimals, as a plain decimal (1/3: 33.33)."""
    share = round(Decimal(100) * Decimal(top) / Decimal(bottom), 2)
    return f"{share:f}".rstrip("0").rstrip(".")


def _ratio_runs(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Indices of bare numbers written one after another with colons between them
    (22.2:41.3:36.5), one list per run; a lone bare number is a run of one."""
    runs: list[list[int]] = []
    for i, mention in enumerate(mentions):
        if mention.form != "bare":
            continue
        if runs and runs[-1][-1] == i - 1 and RATIO_LINK.fullmatch(text[mentions[i - 1].end:mention.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


@lru_cache(maxsize=1)
def _arabic() -> re.Pattern:
    """An Arabic numeral and, in a look-ahead, the words after it (``_after_pattern``):
    one pass over a text finds each number and reads what follows it."""
    return re.compile(ARABIC.pattern + _after_pattern().pattern)


def _read_arabic(text: str, match: re.Match) -> Mention:
    """One Arabic numeral (a match of ``_arabic``), with the words written before and
    after it and its form."""
    start, end = match.span()
    written = match.group()
    number = digits_of(written)
    digits = len(number) - number.count(".")  # a plain decimal: digits and at most one point
    if digits > MAX_DIGITS:
        raise TooManyDigits(f"a number of {digits} digits at character {start} "
                            f"({number[:12]}…): at most {MAX_DIGITS} digits are read as a figure; remove or split it")
    after = _after_read(text, match)
    draft = _drafted(start, end, written, number, _qualifier_before(text, start, after), after)
    form, unit_word = _form(text, draft)
    if (form, unit_word) == (draft.form, draft.unit_word):
        return draft  # most are measures, as drafted: no copy
    return draft._replace(form=form, unit_word=unit_word)


def _drafted(start: int, end: int, written: str, number: str, before: str, after: _After) -> Mention:
    """A mention of the numeral ``written`` from ``start`` to ``end`` with the words
    before and after it, built by position: keywords made each one slower to build."""
    return Mention(start, end, written, number, after.raw_end, after.multiplier, after.unit_word, before,
                   after.after, after.inner)


def _qualifier_before(text: str, start: int, after: _After) -> str:
    """The qualifier written just before a number (约, 超 …), '' if none; one of
    position mark (跨越) only before an amount or a mark passed (``after``, the words
    read after the number: 跨越3万元, 跨越1000家大关; 跨越5个乡镇 crosses places), one of
    position alone (上, 数) only before a multiplier standing for one (上亿)."""
    word = longest_suffix(text, _skip_back(text, start), lookup("qualifiers", "written")) or _before_verb(text, start)
    position = lookup("qualifiers", "written")[word]["position"] if word else ""
    if position == "mark" and not _passes_a_mark(text, after):
        return ""
    if position == ALONE:
        return word if _multiplier_alone(text, start, after) else ""
    return word if position in BEFORE_POSITIONS else ""


def _before_verb(text: str, start: int) -> str:
    """A qualifier of position before_verb written before the verb right before the
    number (至少打造1个, 每季度至少出庭一次): it bounds what the verb does, so the
    number; '' where none is, or where the characters between are no word."""
    at = _skip_back(text, start) - VERB_SIZE
    if at <= 0 or text[at - 1] not in _last_characters(BEFORE_VERB) or not text[at:start].isalpha():
        return ""  # the last character first: before most numbers no such word ends there
    word = longest_suffix(text, at, lookup("qualifiers", "written"))
    return word if word and lookup("qualifiers", "written")[word]["position"] == BEFORE_VERB else ""


def _multiplier_alone(text: str, start: int, after: _After) -> bool:
    """Whether the number at ``start`` is a multiplier standing for one (上亿市场主体,
    数亿人) or a Chinese numeral opening with a scale (上千家, 数十个: 千 for 一千):
    上 and 数 say more than it only there, since before a numeral they are
    other words' ends (总数1200家, 线上3000单)."""
    return (bool(after.multiplier) and text.startswith(after.multiplier, start)) or text[start] in CN_SCALES


def _passes_a_mark(text: str, after: _After) -> bool:
    """Whether the number read as ``after`` says is an amount (a unit that counts no
    things, or a multiplier alone) or has a mark after it (cues kind milestone: 大关)."""
    unit = after.unit_word
    if unit:
        amount = lookup("units", "written").get(unit, {}).get("measure") != "count"
    else:
        amount = bool(after.multiplier)
    return amount or text.startswith(cues("milestone"), _skip(text, after.raw_end))


@lru_cache(maxsize=None)
def _qualifiers(position: str) -> dict[str, dict[str, str]]:
    """The qualifiers of ``rules/qualifiers.csv`` written at ``position`` (before,
    inner, after), by word: the table alone says which word goes where."""
    return {word: row for word, row in lookup("qualifiers", "written").items() if row["position"] == position}


@lru_cache(maxsize=None)
def _last_characters(position: str) -> frozenset[str]:
    """The characters the qualifiers at ``position`` end with: a place after none of
    them ends none of them, known without cutting out the text before it."""
    return frozenset(word[-1] for word in _qualifiers(position))


class _After(NamedTuple):
    """The words read after a number (``_read_after``), and where they end."""

    raw_end: int
    multiplier: str = ""
    unit_word: str = ""
    after: str = ""
    inner: str = ""


def _read_after(text: str, end: int) -> _After:
    """The words after a number ending at ``end`` (as ``_after_read``)."""
    return _after_read(text, _after_pattern().match(text, end))


def _after_read(text: str, found: re.Match, multiplier: bool = True, unit: bool = True) -> _After:
    """The words after a number whose reading is ``found`` (a match of ``_after_pattern``
    ending where the number does; its groups hold each word, ``_after_body``): inner
    qualifier (before or after the multiplier: 5余万, 5万余元; after a multiple's 倍:
    1倍多), multiplier and unit word (those written), where they end (``raw_end``) and
    the trailing qualifier. A multiplier or unit the checks on the groups refuse is
    read again without it (``multiplier``, ``unit``: whether the pattern reads one).
    The groups are taken in one call, by place (by name was a tenth of reading a
    number): ``found`` has no groups but those of ``_after_body``."""
    _, inner, here, multiplier_word, then, inner2, unit_word, inner3 = found.groups()  # _after_body's, in order
    end = found.end()
    if here and len(here) >= len(multiplier_word) + len(then or ""):  # 12千瓦时 is kWh, 83千米 km (not 千 × 米)
        return _after_read(text, _after_pattern(False, unit).match(text, end), False, unit)
    if multiplier_word and unit_word in cues("place_counter"):
        return _after_read(text, _after_pattern(multiplier, False).match(text, end), multiplier, False)
    pos = found.end("words")
    if inner3 and lookup("units", "written")[unit_word]["measure"] == "multiple":
        inner, pos = inner3, found.end("inner3")  # 增加1倍多: no noun follows a multiple's 倍
    inner = inner or inner2 or ""
    if inner and not multiplier_word and not unit_word:
        inner, pos = "", end  # an inner qualifier stands between the number and a multiplier or unit
    return _After(pos, multiplier_word or "", unit_word or "", _qualifier_after(text, pos, unit_word or ""), inner)


@lru_cache(maxsize=None)
def _after_pattern(multiplier: bool = True, unit: bool = True) -> re.Pattern:
    """``_after_body`` as a look-ahead, compiled once per process: matched where a
    number ends, it reads every word after it in one go and moves nowhere."""
    return re.compile(f"(?={_after_body(multiplier, unit)})")


def _after_body(multiplier: bool = True, unit: bool = True) -> str:
    """The words after a number as one pattern of the rule tables, each word a named
    group, past invisible characters (5\u200e%): an inner qualifier (qualifiers.csv
    position inner); a multiplier (multipliers.csv) with the unit words written where
    it starts (here) and after it (then), and an inner qualifier after it if none came
    before; a unit word (units.csv) unless a word that is none opens there (cues kinds
    milestone: 迈上1200亿台阶 counts no 台; not_unit: 县域), and an inner qualifier after
    it if none came before (``_after_read`` keeps it after a multiple only).
    ``multiplier``, ``unit``: whether a multiplier, a unit word may be read at all."""
    skip = f"{re.escape(INVISIBLE)}*+"
    inner, units = word_tree(_qualifiers("inner")), word_tree(lookup("units", "written"))
    multipliers = word_tree(lookup("multipliers", "written") if multiplier else ())
    no_unit = alternation((*cues("milestone"), *cues("not_unit")))
    here = f"(?={multipliers})(?=(?P<here>{units})?)"  # asked only where a multiplier is written
    return (f"(?P<words>(?:{skip}(?P<inner>{inner}))?"
            f"(?:{skip}{here}(?P<multiplier>{multipliers})(?=(?:{skip}(?P<then>{units}))?)"
            f"(?(inner)|(?:{skip}(?P<inner2>{inner}))?))?"
            f"(?:{skip}(?!{no_unit})(?P<unit>{units if unit else '(?!)'}))?)"
            f"(?(unit)(?(inner)|(?(inner2)|(?:{skip}(?P<inner3>{inner}))?)))")


def _qualifier_after(text: str, pos: int, unit_word: str) -> str:
    """The qualifier written at ``pos``, after a number's unit (以上, 左右 …), '' if none;
    one of position after_duration (内) only after a unit of time (90天内完成审批: a time
    limit), since after others it opens another word (540万千瓦内用煤电); one of position
    after_scale (计) only right after a scale or multiplier (以千万计: counted in tens of
    millions), since after a unit it says how a sum is reckoned (按3%计)."""
    after, _ = _word_at(_qualifier_words(), text, pos)
    position = lookup("qualifiers", "written")[after]["position"] if after else ""
    if position == AFTER_DURATION:
        return after if lookup("units", "written").get(unit_word, {}).get("measure") == "duration" else ""
    if position == AFTER_SCALE:
        return after if text[pos - 1] in CN_SCALES or text.endswith(tuple(lookup("multipliers", "written")), 0, pos) else ""
    return after if position == "after" else ""


class _Words(NamedTuple):
    """One kind of word read after a number: its table's words as one pattern, longest
    first (matched at a place in a text, it finds the longest written there, group 1,
    past the invisible characters before it: 5\u200e%), and the characters it can
    open with, so that the many places holding no such word are passed without it."""

    pattern: re.Pattern
    opens: frozenset[str]


@lru_cache(maxsize=1)
def _qualifier_words() -> _Words:
    """Every qualifier (one not written after a number is none there), built once per process."""
    written = lookup("qualifiers", "written")
    return _Words(re.compile(f"{re.escape(INVISIBLE)}*({alternation(written)})"),
                  frozenset(INVISIBLE + "".join(word[:1] for word in written)))


def _word_at(words: _Words, text: str, pos: int) -> tuple[str, int]:
    """The word of ``words`` written at ``pos``, past invisible characters, and
    where it ends; ('', ``pos``) if none."""
    if pos >= len(text) or text[pos] not in words.opens:
        return "", pos
    found = words.pattern.match(text, pos)
    return (found.group(1), found.end()) if found else ("", pos)


def _skip(text: str, pos: int) -> int:
    """The first position from ``pos`` on that is not an invisible character."""
    if text.startswith(INVISIBLE, pos):
        while pos < len(text) and text[pos] == INVISIBLE:
            pos += 1
    return pos


def _skip_back(text: str, pos: int) -> int:
    """``pos`` moved back over the invisible characters just before it."""
    if pos > 0 and text[pos - 1] == INVISIBLE:
        while pos > 0 and text[pos - 1] == INVISIBLE:
            pos -= 1
    return pos


def _form(text: str, m: Mention) -> tuple[str, str]:
    """Whether a numeral is a measure or a year, date, ordinal, name … (``form``),
    and its unit word: a 第N with no counter that ranks something (全省第7) is a
    measure in the rank unit."""
    before = _skip_back(text, m.start)
    written = _named_form(text, m, before)
    if written:
        return written, m.unit_word
    ordinal = text.endswith(words("number_forms", "written", "ordinal_before"), 0, before)  # 第
    if ordinal and not m.unit_word and _after_rank_scope(text, m.start - 1):
        return "measure", unit_word_of("rank")
    return _counted_form(text, m, ordinal), m.unit_word


def _named_form(text: str, m: Mention, before: int) -> str:
    """name, year, date or anniversary when the characters around the numeral (from
    ``before``, past the invisible ones) say so, whatever it counts ('' otherwise):
    A3, 5G, “30条”, 750千伏 and 时速350公里 (a class in a name), 2024年, 未来5年, 70周年 …."""
    after = _skip(text, m.end)
    prev = text[before - 1] if before else ""
    nxt = text[after] if after < len(text) else ""
    linked = (prev in NAME_LINKS or nxt in NAME_LINKS) and _linked_to_a_number(text, before, after)
    lettered = nxt in NAME_MARKS and not _lettered_unit(text, m, after)
    if prev in NAME_MARKS or lettered or (prev and prev in QUOTES_OPEN) or linked or _quoted_name(text, m):
        return "name"  # “30条”, “15分钟生活圈”: a quote opening on the number names a policy or a slogan
    if prev == "." or (nxt == "." and m.end + 1 < len(text) and text[m.end + 1].isdigit()):
        return "name"
    if m.unit_word == "年" and not m.multiplier and YEAR_DIGITS.fullmatch(m.text):
        return "year"
    if _names_a_ring(text, m) or text.endswith(words("number_forms", "written", "name_before"), 0, before):
        return "name"  # 15分钟…服务圈: a planning concept; 时速350公里: a spec of the class, whatever follows
    if nxt not in _form_word_openings():  # after most numbers: no word of a name, date or anniversary
        return "date" if _date_before(text, before) else ""
    if text.startswith(words("number_forms", "written", "name_after"), after):
        return "name"
    if _date_before(text, before) or _date_after(text, after):
        return "date"  # 3月, 6月1日, 未来5年: when, not how much
    if text.startswith(words("number_forms", "written", "anniversary"), m.end):
        return "anniversary"
    return ""


@lru_cache(maxsize=1)
def _form_word_openings() -> frozenset[str]:
    """The characters that open the words after a numeral that make it a name, date
    or anniversary (number_forms.csv kinds name_after, date_after, day_after,
    anniversary): after any other character, as after nearly every number, none of
    them is written, known without asking each kind. (An anniversary is read right
    after the numeral, the others past invisible characters; where one stands after
    the numeral, it opens no word of the table.)"""
    kinds = ("name_after", "date_after", "day_after", "anniversary")
    return frozenset(word[0] for kind in kinds for word in words("number_forms", "written", kind))


def _names_a_ring(text: str, m: Mention) -> bool:
    """15分钟诊疗服务圈, 1小时通勤圈: a time to reach (number_forms kind reach_unit) with the end
    of a ring's name (kind ring_end) a few words on (RING_REACH, no number or clause stop
    between) names a planning concept, the area reached in that time; it measures nothing
    (as “15分钟生活圈” quoted). 建成14个生活服务圈 counts rings: its 个 is no time."""
    return m.unit_word in words("number_forms", "written", "reach_unit") and _ring_end().match(text, m.raw_end) is not None


@lru_cache(maxsize=1)
def _ring_end() -> re.Pattern:
    """A few words (no digit, no clause stop) and the end of a ring's name (number_forms kind ring_end)."""
    word = char_class(CLAUSE_STOPS, negated=True, also=r"\d")
    return re.compile(f"{word}{{0,{RING_REACH}}}?(?:{alternation(words('number_forms', 'written', 'ring_end'))})")


def _lettered_unit(text: str, m: Mention, after: int) -> bool:
    """Whether the Latin letters right after the numeral (from ``after``) are the unit it
    is read with, a whole word (units.csv: 新增算力2000P is 2000 PFLOPS, as 11.4万P is),
    not the letters of a name (5G, 5A级, 5GW光伏 with no unit GW: no letter may follow the unit)."""
    end = after + len(m.unit_word)
    return bool(m.unit_word) and text.startswith(m.unit_word, after) and not (end < len(text) and text[end] in NAME_MARKS)


def _date_before(text: str, before: int) -> bool:
    """A span ahead written before the numeral (未来5年: number_forms kind date_before) says when."""
    return text.endswith(words("number_forms", "written", "date_before"), 0, before)


def _date_after(text: str, after: int) -> bool:
    """Whether the words after a numeral (from ``after``, past the invisible
    characters) say when: a month or a day (3月, 5号: number_forms kind date_after),
    or a 日 (kind day_after: 6月1日, 至7日, 5日、20日) but for a time taken, where a
    word of a time limit follows (kind day_limit: 1日办结, 3日内)."""
    if text.startswith(words("number_forms", "written", "date_after"), after):
        return True
    day = next((word for word in words("number_forms", "written", "day_after") if text.startswith(word, after)), "")
    return bool(day) and not text.startswith(words("number_forms", "written", "day_limit"), after + len(day))


def first_threshold(phrase: str) -> re.Match | None:
    """The first threshold of a class of things in ``phrase`` (主营业务收入超100亿元企业): a
    qualifier written before a number (group 1) that bounds it from below (超, 超过, 不低于:
    read/qualifiers.csv comparators gt and ge), then a digit. 约 and 近 say about and
    不超过 bounds from above (read as a whole, never as its 超过): no class."""
    return next((found for found in _bound_pattern().finditer(phrase)
                 if lookup("qualifiers", "written")[found.group(1)]["comparator"] in THRESHOLD_COMPARATORS), None)


@lru_cache(maxsize=1)
def _bound_pattern() -> re.Pattern:
    """Any qualifier written before a number (group 1), longest first, then a digit."""
    bounds = (row["written"] for row in table("qualifiers") if row["position"] in BEFORE_POSITIONS)
    return re.compile(rf"({alternation(bounds)})\d")


@lru_cache(maxsize=1)
def words_through_names() -> re.Pattern:
    """Words up to the next number or clause stop; digits that open a Latin-lettered
    name (5G基站, 5A级景区), a name (number_forms.csv kind name_after: 2个1类创新药,
    where the number measures nothing) or a list's name after the things counted
    (cues kind top_n: 26家企业上榜…500强, part of the list's name) are words, and so is the
    top share of a ranking (cues kind rank_top, a number and number_forms.csv kind
    share_sign: 学科进入全球前1%, the class counted)."""
    word = char_class(CLAUSE_STOPS, negated=True, also=r"\d")
    names = alternation((*words("number_forms", "written", "name_after"), *cues("top_n")))
    return re.compile(f"(?:{top_share().pattern}|{word}|" + r"\d+(?=[A-Za-z]|" + names + "))*")


@lru_cache(maxsize=1)
def top_share() -> re.Pattern:
    """The top share of a ranking: 前 (cues kind rank_top), a number and a share's sign
    (number_forms.csv kind share_sign): 前1%, 前1‰."""
    signs = alternation(words("number_forms", "written", "share_sign"))
    return re.compile(f"(?:{alternation(cues('rank_top'))})" + r"\d+(?:\.\d+)?" + f"(?:{signs})")


def _quoted_name(text: str, m: Mention) -> bool:
    """Whether a number inside a quotation (:func:`_inside_a_quote`) is part of a name:
    one whose clause in the quote opens on it (“300米见绿，500米见园”, a slogan) or that
    counts bare things, with no multiplier and only a counter of canonical unit count
    (“雄才16条”, “稳就业30条”: a policy of so many articles). An amount or a rate
    quoted is a goal stated in words (实现“地区生产总值突破1000亿元”的目标,
    确保实现“粮食产量稳定在60万吨”), a figure."""
    if not _inside_a_quote(text, m.start, m.end):
        return False
    counted = not m.unit_word or lookup("units", "written")[m.unit_word]["unit"] == "count"
    return (counted and not m.multiplier) or text[m.start - 1] in CLAUSE_STOPS


def _inside_a_quote(text: str, start: int, end: int) -> bool:
    """Whether the numeral from ``start`` to ``end`` stands inside a quotation opened
    earlier in its sentence and closed later in it, before any other opens (“雄才16条”,
    “一个方案、四个清单”, “300米见绿，500米见园”): part of a quoted name, a policy or a
    slogan, not a measure (a quotation closed before the number, 全球“灯塔工厂”3家,
    names what is counted)."""
    if not QUOTE_OPENING.search(text, max(0, start - QUOTE_REACH), start):
        return False  # no quotation opens within reach, as for most numbers: nothing to cut out
    window = text[max(0, start - QUOTE_REACH):start]
    sentence = window[max(map(window.rfind, SENTENCE_STOPS)) + 1:]
    if open_quote(sentence) < 0:
        return False
    ahead = text[end:end + QUOTE_REACH]
    closed = min((at for at in map(ahead.find, QUOTES_CLOSE) if at >= 0), default=-1)
    return closed >= 0 and not any(mark in ahead[:closed] for mark in SENTENCE_STOPS + QUOTES_OPEN)


def _linked_to_a_number(text: str, before: int, after: int) -> bool:
    """Whether a name link (+, ×) joins the numeral written from ``before`` to
    ``after`` to a number or a letter: “3+5”, “1+N”, 7×24小时 name a scheme or a spec;
    2个主导产业+1个新兴产业 joins counted phrases, each of them a count."""
    def joined(link: int, other: int) -> bool:
        return 0 <= other < len(text) and text[link] in NAME_LINKS and (
            text[other].isdigit() or text[other] in NAME_MARKS)
    return (before >= 1 and joined(before - 1, before - 2)) or (after < len(text) and joined(after, after + 1))


def _counted_form(text: str, m: Mention, ordinal: bool) -> str:
    """ordinal, bare, name, threshold or measure: what a numeral that is no name or
    date by the characters around it counts (name: the divisions that make up the
    whole region, 全市10县区: :func:`_names_the_divisions`); ``ordinal``: whether an
    ordinal word (第) is written before it."""
    if ordinal and m.unit_word not in words("number_forms", "written", "rank_counter"):
        return "ordinal"
    if not m.unit_word and not m.multiplier:
        return "bare"
    if _names_the_divisions(text, m):
        return "name"
    if _names_a_class(text, m) or _bounds_the_counted(text, m) or _scopes_a_rank(text, m):
        return "threshold"
    return "measure"


def _names_the_divisions(text: str, m: Mention) -> bool:
    """全市10县区: places counted with no 个 (cues kind place_counter) right after the word
    for the whole region (cues kind whole_set) name all its divisions, its make-up; a
    list of them (凉州、陇西、康县3县区) or a part (黄河流域4市州) is a count."""
    return m.unit_word in cues("place_counter") and text.endswith(cues("whole_set"), 0, _skip_back(text, m.start))


def _names_a_class(text: str, m: Mention) -> bool:
    """超50亿元企业3家, 55人以上大班额: the amount defines a class of things
    (cues kind class_noun right after it), it measures nothing itself; so does
    an age (cues kind class_unit) with a noun after it (0-6岁残疾儿童), where
    人均预期寿命78岁 ends the clause. A bound before an amount with no unit (超50万县)
    sets a class of the noun after it too, unless that noun is people it counts
    (cues kind person_noun: 超130万老年人). A noun of kind bounded_class_noun (部分) is a
    class only after a bounded amount (超过300万元部分, 100万元至300万元部分): 投资20亿元部分用于…
    is the amount, part of which is spent."""
    counter = not m.unit_word or lookup("units", "written")[m.unit_word]["measure"] == "count"
    pos = _skip(text, m.raw_end)
    bound = m.before and not m.unit_word and not text.startswith(cues("person_noun"), pos)
    if counter and not m.after and not bound:
        return False  # 170家企业, 130万老年人 count them; 55人以上大班额 is a class
    pos += len(m.after) if text.startswith(m.after, pos) else 0
    if m.unit_word in cues("class_unit"):  # but 寿命从74.9岁增长到: a verb after it, no noun
        return text[pos:pos + 1].isalpha() and not text.startswith(cues("growth"), pos)
    if text.startswith(cues("bounded_class_noun"), pos):
        return bool(m.before or m.after) or (m.start > 0 and text[m.start - 1] in RANGE_LINKS)
    return text.startswith(cues("class_noun"), pos)



def _bounds_the_counted(text: str, m: Mention) -> bool:
    """4个县一般公共预算收入超过15亿元, 95%以上的村集体经营性收入超过10万元: a bound
    above (超过: comparator gt) on an amount that closes a clause opening with how
    many, or what share, of things are counted says which of them are counted; the
    amount measures none of them (a count is no amount: 4个县超过15家 is none; nor
    is a total or an investment: 12个项目总投资超过100亿元 sums them)."""
    if not m.before or lookup("qualifiers", "written")[m.before]["comparator"] != "gt" or not m.unit_word:
        return False
    if lookup("units", "written")[m.unit_word]["measure"] == "count":
        return False
    end = _skip(text, m.raw_end)
    if not CLAUSE_STOP.match(text, end + len(m.after) if text.startswith(m.after, end) else end):
        return False
    opening = max(text.rfind(stop, max(0, m.start - SENTENCE_REACH), m.start) for stop in CLAUSE_STOPS) + 1
    totals = cues("investment") + cues("total_word") + cues("stock_total")
    return bool(_count_opening().match(text, opening, m.start)) and not any(
        word in text[opening:m.start] for word in totals)


def _scopes_a_rank(text: str, m: Mention) -> bool:
    """居全国168个重点城市第2名: a number between a rank's scope (cues kind rank_scope)
    and its 第N says among how many things the rank is; it measures nothing."""
    scoped = text.endswith(cues("rank_scope"), 0, _skip_back(text, m.start))
    return scoped and bool(_rank_after().match(text, m.raw_end))


@lru_cache(maxsize=1)
def _rank_after() -> re.Pattern:
    """A few words of a clause and a rank (重点城市第2名, 城市第三方评估中位列第27名): an
    ordinal word, a numeral and a rank counter or the clause's end."""
    ordinal = alternation(words("number_forms", "written", "ordinal_before"))
    ranked = f"(?:{alternation(words('number_forms', 'written', 'rank_counter'))}|{char_class(CLAUSE_STOPS)})"
    numeral = char_class("0123456789" + CN_DIGITS + CN_SCALES) + "+"
    return re.compile(f"{char_class(CLAUSE_STOPS, negated=True)}{{0,{RANK_POOL_REACH}}}?(?:{ordinal}){numeral}{ranked}")


@lru_cache(maxsize=1)
def _count_opening() -> re.Pattern:
    """A number and a counter (4个, 95%) at a clause's opening: how many are counted."""
    counters = [word for word, row in lookup("units", "written").items() if row["measure"] in ("count", "percent")]
    return re.compile(f"(?:[\\d.]+|{CN_CHAR}+)(?:{alternation(counters)})")


@lru_cache(maxsize=None)
def unit_word_of(measure: str) -> str:
    """The first unit word ``rules/units.csv`` gives ``measure`` (rank: 名次, multiple: 倍)."""
    return next(word for word, row in lookup("units", "written").items() if row["measure"] == measure)


def _after_rank_scope(text: str, pos: int) -> bool:
    """全省第7, 居全国第2: a 第N with no counter that ranks something; so does
    each 第N of a list that opens with one (全省第1、第5、第2: a rank each)."""
    if text.endswith(cues("rank_scope"), 0, pos):
        return True
    listed = _rank_item_before().search(text, max(0, pos - RANK_ITEM_REACH), pos)
    return bool(listed) and _after_rank_scope(text, listed.start())


@lru_cache(maxsize=None)
def _rank_item_before() -> re.Pattern:
    """第1、 or 第一、 ending where the next 第N starts: the item before it in a list."""
    ordinal = alternation(words("number_forms", "written", "ordinal_before"))
    return re.compile(f"(?:{ordinal})(?:{NUMBER.pattern}|{CN_CHAR}+){re.escape(LIST_PAUSE)}$")


def _link_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with ``4.5%—5%`` and ``4.5-5%`` read as a low and a high end
    sharing a unit. Pair by pair, each with the previous one as already linked
    (the high end of one range may be the low end of the next). The low end of a
    bracket whose high end names a class (所得额100万元至300万元部分) names it too."""
    linked = mentions[:1]
    for high in mentions[1:]:
        low = linked[-1]
        if _is_range(text, low, high):
            unit = {} if low.unit_word else {"unit_word": high.unit_word, "multiplier": high.multiplier}
            linked[-1] = low._replace(form=high.form, range_part="low", **unit)
            high = high._replace(range_part="high")
        linked.append(high)
    return linked


def _is_range(text: str, low: Mention, high: Mention) -> bool:
    """Whether two numbers joined by a range link (—, -, 至 …) are its ends: the
    high one a measure or a class's threshold, the low one a measure of the same unit or a bare number."""
    if low.form not in ("measure", "bare") or high.form not in ("measure", "threshold"):
        return False  # asked first: most pairs fail here, without cutting out the text between them
    if low.unit_word and low.unit_word != high.unit_word:
        return False
    return bool(RANGE_LINK.fullmatch(text[low.raw_end:high.start].replace(INVISIBLE, "")))


# Every pattern of rules/chinese_measures.csv reads a Chinese numeral, or (近亿元) a
# multiplier standing for one, and at most this many characters on either side of
# it, look-arounds included (test_mentions checks every row against it).
MEASURE_REACH = 8


def _chinese_measures(text: str) -> list[Mention]:
    """Chinese numerals that count or measure (连续八年, 第四名, 提升一倍, 突破千亿元).

    The patterns search ``_numeral_windows``, not the whole text: each of them
    scanning every character of a report was a third of extract. A match there is
    a match in the text ``shift`` characters on, and the same one (its numeral
    and all it looks at lie inside its window)."""
    view, starts, shifts = _numeral_windows(text)
    found = []
    for pattern, unit_word in _chinese_patterns():
        for match in pattern.finditer(view):
            shift = shifts[bisect_right(starts, match.start()) - 1]
            if not _in_a_slogan(text, match, shift):
                found.append(_chinese_measure(text, match, unit_word, shift))
    return found


@lru_cache(maxsize=1)
def _numeral_runs() -> re.Pattern:
    """Runs of what every Chinese measure holds or looks at (a Chinese numeral or a
    multiplier's character: 近亿元) no more than twice ``MEASURE_REACH`` apart: one
    match per window of ``_numeral_windows``, not one per numeral (一 is everywhere).
    The gap is possessive (``{0,16}+``): it holds none of the characters the next
    anchor is, so giving some back could never find one, and the last numeral of
    every run no longer tries sixteen times (0.2 ms a report before, 0.08 ms now)."""
    chars = CN_DIGITS + CN_SCALES + "".join(lookup("multipliers", "written"))
    anchor, gap = char_class(chars), char_class(chars, negated=True)
    return re.compile(f"{anchor}(?:{gap}{{0,{2 * MEASURE_REACH}}}+{anchor})*")


def _numeral_windows(text: str) -> tuple[str, list[int], list[int]]:
    """The parts of ``text`` within ``MEASURE_REACH`` of a numeral (about a third
    of a report), joined by line breaks, with where each starts in that view and
    how far on it starts in ``text`` (its shift)."""
    spans = [(max(0, run.start() - MEASURE_REACH), run.end() + MEASURE_REACH) for run in _numeral_runs().finditer(text)]
    parts = [text[lo:hi] for lo, hi in spans]
    starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=0))
    return "\n".join(parts), starts, [lo - start for (lo, _), start in zip(spans, starts)]


@lru_cache(maxsize=1)
def _chinese_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Each row of ``rules/chinese_measures.csv`` as a compiled pattern, its ``{n}``
    a Chinese numeral (``_numeral``), its ``{of}`` the numerator of a fraction
    whose denominator ``{n}`` is (十分之一), with its unit word; compiled once per process.
    A row that opens on a word, a class or words each opening on a plain character
    (全[国省市球]|东部|中部) is searched for at C speed; one opening on a look-behind or
    on words one of which opens on a class ([东中西]部) is tried at every character."""
    return tuple((re.compile(row["pattern"].replace("{n}", _numeral(row["not_after"]))
                             .replace("{of}", f"(?P<of>{CN_NUMERAL})")), row["unit_word"])
                 for row in table("chinese_measures"))


def _numeral(not_after: str) -> str:
    """A pattern's ``{n}``: a Chinese numeral, named n; with ``not_after`` (words
    joined by |), one not written right after any of them (提前两年完成 is no streak
    of years; 第十四个, “两个确保” count nothing). The check comes after the numeral's
    first character, looking back over it too: a pattern opening with a look-behind
    is tried at every character of a report, one opening with a character class is
    searched for at C speed."""
    if not not_after:
        return f"(?P<n>{CN_NUMERAL})"
    behind = "".join(f"(?<!{re.escape(word)}.)" for word in not_after.split("|"))
    return f"(?P<n>{CN_CHAR}{behind}{CN_CHAR}*)"


def _chinese_measure(text: str, match: re.Match, unit_word: str, shift: int) -> Mention:
    """One Chinese-numeral measure with the qualifier before it (近两倍: approx). A row
    with no unit word reads the multiplier, unit and qualifier written after the
    numeral as for an Arabic one (千亿元); a multiplier with no numeral counts one
    (超万亿元: the mention is the multiplier itself). ``match`` is one in a view whose
    positions are ``shift`` characters before the text's (``_chinese_measures``)."""
    numeral = match.group("n") or ""
    start = (match.start("n") if numeral else match.end()) + shift
    if unit_word:
        end = match.end("n") + shift
        unit_end = end + len(unit_word) if text.startswith(unit_word, end) else end
        before = _qualifier_before(text, start, _After(unit_end, unit_word=unit_word))
        numerator = match.groupdict().get("of")
        unit_end = match.end("of") + shift if numerator else unit_end  # 十分之一: the fraction is written through its numerator
        number, inner = _counted_number(numeral, unit_word, numerator)
        return Mention(start, end, numeral, number, unit_end, unit_word=unit_word, before=before, inner=inner,
                       after=_qualifier_after(text, unit_end, unit_word))
    after = _read_after(text, start + len(numeral))
    end = start + (len(numeral) or len(after.multiplier))
    before = _qualifier_before(text, start, after)
    draft = _drafted(start, end, text[start:end], str(cn_to_int(numeral) if numeral else 1), before, after)
    return draft._replace(form=_counted_form(text, draft, ordinal=False))


def _counted_number(numeral: str, unit_word: str, numerator: str | None) -> tuple[str, str]:
    """The value of a numeral before ``unit_word`` and the inner qualifier it takes.
    The denominator of a fraction with a ``numerator`` (十分之一) makes a percent (10).
    Before a count of digits (number_forms.csv kind digit_count: 两位数增长) the
    numeral says how many digits a rate has, so the rate is at least ten to the
    power of one less (两位数 >= 10); the word is its qualifier (qualifiers.csv: ge).
    Before a count of doublings (kind doubling: 翻两番) the numeral says how often
    the base doubled, an increase of 2^n - 1 times it, as 增长N倍 counts (翻一番: 1)."""
    count = cn_to_int(numeral)
    if numerator and count:
        return _percent(cn_to_int(numerator), count), ""
    if unit_word in words("number_forms", "written", "doubling"):
        return str(2 ** count - 1), ""
    digits = next((w for w in words("number_forms", "written", "digit_count") if unit_word.startswith(w)), "")
    return (str(10 ** (count - 1)), digits) if digits and count else (str(count), "")


def _in_a_slogan(text: str, match: re.Match, shift: int) -> bool:
    """Whether ``match`` (in a view ``shift`` characters before ``text``) is a numeral
    opening a slogan, or one inside a quotation (“一个方案、四个清单”); the first asked only
    of a pattern opening on its numeral: one with a word before it says what it counts
    (举办两届“一带一路”大会 holds two of them)."""
    opens = match.start() >= match.start("n") and _is_slogan(text, match.end() + shift)
    start, end = match.span("n") if match.group("n") else match.span()
    return opens or _inside_a_quote(text, start + shift, end + shift)


def _is_slogan(text: str, pos: int) -> bool:
    """A numeral directly followed by a quoted phrase is a slogan (四个“善作善成”)."""
    return pos < len(text) and text[pos] in QUOTES_OPEN


# How far a sentence is looked for on each side of a number: real sentences are
# under 400 characters, and a line of numbers with no stop must not make every
# number scan the whole line (time and output growing with the square of it).
SENTENCE_REACH = 2000
# The most characters a figure's ``context`` holds (datapackage.json says so).
MAX_CONTEXT = 500


def context_span(text: str, start: int, end: int, reach: int = SENTENCE_REACH) -> tuple[int, int]:
    """The clause around a span: between the nearest 。；！？ or line breaks, looked
    for at most ``reach`` characters away on each side."""
    floor = max(0, start - reach)
    left = max((text.rfind(stop, floor, start) + 1 for stop in SENTENCE_STOPS), default=floor) or floor
    right = SENTENCE_STOP.search(text, end, end + reach)
    return left, right.end() if right else min(len(text), end + reach)


def context_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, cut to ``MAX_CONTEXT`` characters around it when longer."""
    first, last = context_span(text, start, end)
    if last - first <= MAX_CONTEXT:
        return first, last
    left = max(first, start - max(0, MAX_CONTEXT - (end - start)) // 2)
    right = min(last, max(end, left + MAX_CONTEXT))
    return max(first, min(left, right - MAX_CONTEXT)), right


__all__ = ["Mention", "TooManyDigits", "find_mentions", "cn_to_int", "cn_digits_to_int", "context_span",
           "context_window"]
