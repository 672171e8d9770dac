"""Find every number in a report and read what is written around it.

This module knows numerals, multipliers (万, 亿), unit and counter words and
qualifiers (左右, 以上, 超 …), all from the tables in ``pipeline/rules/``, and
reads characters and Chinese numerals as ``read.text`` defines them.
It knows nothing of roles, subjects or canonical units: it reports what is
written, with spans, so that later stages can decide what it means.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.rules import cues, longest_prefix, longest_suffix, lookup, table, words
from pipeline.read.text import (CN_DIGITS, CN_SCALES, CN_VALUES, INVISIBLE, NUMBER, QUOTES_OPEN, RANGE_LINKS,
                                RATIO_LINKS, SENTENCE_STOPS, char_class, digits_of)

ARABIC = NUMBER
# A numeral with more digits is no figure (the largest real ones, written out in
# yuan, have 15; an ID card number 18) and would exceed the precision values are
# computed with: extract stops with a clear error instead.
MAX_DIGITS = 20
CN_NUMERAL = char_class(CN_DIGITS + CN_SCALES) + "+"
RANGE_LINK = re.compile(char_class(RANGE_LINKS) + "{1,2}")
LATIN = re.compile(r"[A-Za-z]")


@dataclass
class Mention:
    """One number as written, with the words around it that qualify it."""

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
        return dict(vars(self))  # every field is a str, int or bool: no deep copy needed (asdict's was half of extract)


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

    ``text`` is the cleaned view (ASCII digits); offsets are into it.
    """
    mentions = [_read_arabic(text, m) for m in ARABIC.finditer(text)]
    _link_ranges(text, mentions)
    _read_structures(text, mentions)
    taken = {m.start for m in mentions}
    for found in _chinese_measures(text):
        if found.start not in taken:
            taken.add(found.start)
            mentions.append(found)
    return sorted(mentions, key=lambda m: m.start)


RATIO_LINK = re.compile(rf"\s*{char_class(RATIO_LINKS)}\s*")
MIN_STRUCTURE = 3  # 22.2:41.3:36.5 splits a whole in three; 2.1∶1 is a ratio, not shares


def _read_structures(text: str, mentions: list[Mention]) -> None:
    """三次产业结构调整为19.2:38.5:42.3: bare numbers joined by colons, three or more,
    are the shares of a whole, in percent."""
    run: list[Mention] = []
    for mention in [*mentions, None]:
        if (mention is not None and run and mention.form == "bare"
                and RATIO_LINK.fullmatch(text[run[-1].end:mention.start])):
            run.append(mention)
            continue
        if len(run) >= MIN_STRUCTURE:
            for part in run:
                part.form, part.unit_word = "measure", "%"
        run = [mention] if mention is not None and mention.form == "bare" else []


def _read_arabic(text: str, match: re.Match) -> Mention:
    start, end = match.span()
    number = digits_of(match.group())
    if sum(c.isdigit() for c in number) > MAX_DIGITS:
        raise TooManyDigits(f"a number of {sum(c.isdigit() for c in number)} digits at character {start} "
                            f"({number[:12]}…): at most {MAX_DIGITS} digits are read as a figure; remove or split it")
    mention = Mention(start, end, match.group(), number, end)
    _read_after(text, mention)
    mention.before = longest_suffix(text, _skip_back(text, start), lookup("qualifiers", "written"))
    if mention.before and lookup("qualifiers", "written")[mention.before]["position"] != "before":
        mention.before = ""
    mention.form = _form(text, mention)
    return mention


@lru_cache(maxsize=None)
def _qualifiers(position: str) -> dict[str, dict[str, str]]:
    """The qualifiers of ``rules/qualifiers.csv`` written at ``position`` (before,
    inner, after), by word: the table alone says which word goes where."""
    return {word: row for word, row in lookup("qualifiers", "written").items() if row["position"] == position}


def _read_after(text: str, mention: Mention) -> None:
    """Read inner qualifier, multiplier, unit word and trailing qualifier."""
    qualifiers = lookup("qualifiers", "written")
    pos = mention.end
    for part in ("inner", "multiplier", "inner", "unit_word"):
        at = _skip(text, pos)  # 5\u200e%: an invisible mark between number and unit
        if part == "inner":
            word = "" if mention.inner else longest_prefix(text, at, _qualifiers("inner"))
        elif part == "multiplier":
            word = _multiplier(text, at)
        else:
            word = longest_prefix(text, at, lookup("units", "written"))
        if word:
            setattr(mention, part, word)
            pos = at + len(word)
    if not mention.unit_word and not mention.multiplier and mention.inner:
        mention.inner, pos = "", mention.end
    mention.raw_end = pos
    after = longest_prefix(text, _skip(text, pos), qualifiers)
    if after and qualifiers[after]["position"] == "after":
        mention.after = after


def _multiplier(text: str, at: int) -> str:
    """The multiplier written at ``at``, unless a unit word there reads longer than
    the multiplier and the unit after it: 12千瓦时 is kWh, 83千米 km (not 千 × 米)."""
    units = lookup("units", "written")
    word = longest_prefix(text, at, lookup("multipliers", "written"))
    unit_here = longest_prefix(text, at, units)
    if word and len(unit_here) >= len(word) + len(longest_prefix(text, at + len(word), units)):
        return ""
    return word


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


def _form(text: str, m: Mention) -> str:
    """Whether a numeral is a measure or a year, date, ordinal, name …"""
    before, after = _skip_back(text, m.start), _skip(text, m.end)
    prev = text[before - 1] if before else ""
    nxt = text[after] if after < len(text) else ""
    if LATIN.match(prev) or LATIN.match(nxt) or "+" in (prev, nxt):
        return "name"
    if prev == "." or (nxt == "." and m.end + 1 < len(text) and text[m.end + 1].isdigit()):
        return "name"
    if m.unit_word == "年" and not m.multiplier and re.fullmatch(r"(19|20)\d\d", m.text):
        return "year"
    if text.startswith(words("number_forms", "written", "date_after"), after):
        return "date"
    if text.startswith(words("number_forms", "written", "anniversary"), m.end):
        return "anniversary"
    ordinal = text.endswith(words("number_forms", "written", "ordinal_before"), 0, before)
    if ordinal and not m.unit_word and _after_rank_scope(text, m.start - 1):
        m.unit_word = rank_unit()
        return "measure"
    if ordinal and m.unit_word not in words("number_forms", "written", "rank_counter"):
        return "ordinal"
    if not m.unit_word and not m.multiplier:
        return "bare"
    if _names_a_class(text, m):
        return "threshold"
    return "measure"


def _names_a_class(text: str, m: Mention) -> bool:
    """超50亿元企业3家, 55人以上大班额: the amount defines a class of things
    (cues kind class_noun right after it), it measures nothing itself."""
    counter = lookup("units", "written").get(m.unit_word, {}).get("measure") == "count"
    if counter and not m.after:
        return False  # 170家企业 counts firms; 55人以上大班额 is a class
    pos = _skip(text, m.raw_end)
    pos += len(m.after) if text.startswith(m.after, pos) else 0
    return any(text.startswith(noun, pos) for noun in cues("class_noun"))



@lru_cache(maxsize=1)
def rank_unit() -> str:
    """The unit word of a place in a ranking: the word ``rules/units.csv`` gives the measure rank (名次)."""
    return next(word for word, row in lookup("units", "written").items() if row["measure"] == "rank")


def _after_rank_scope(text: str, pos: int) -> bool:
    """全省第7, 居全国第2: a 第N with no counter that ranks something."""
    scopes = [row["cue"] for row in table("cues") if row["kind"] == "rank_scope"]
    return any(text.endswith(scope, 0, pos) for scope in scopes)


def _link_ranges(text: str, mentions: list[Mention]) -> None:
    """Mark ``4.5%—5%`` and ``4.5-5%`` as a low and a high end sharing a unit."""
    for low, high in zip(mentions, mentions[1:]):
        link = RANGE_LINK.fullmatch(text[low.raw_end:high.start].replace(INVISIBLE, ""))
        if not link or low.form not in ("measure", "bare") or high.form != "measure":
            continue
        if low.unit_word and low.unit_word != high.unit_word:
            continue
        if not low.unit_word:
            low.unit_word, low.multiplier = high.unit_word, high.multiplier
        low.form, low.range_part, high.range_part = "measure", "low", "high"


def _chinese_measures(text: str) -> list[Mention]:
    """Chinese numerals that count or measure (连续八年, 第四名, 提升一倍)."""
    found = []
    for row in table("chinese_measures"):
        pattern = re.compile(row["pattern"].replace("{n}", f"(?P<n>{CN_NUMERAL})"))
        for match in pattern.finditer(text):
            start, end = match.span("n")
            if _is_slogan(text, match.end()):
                continue
            unit_end = end + len(row["unit_word"]) if text.startswith(row["unit_word"], end) else end
            found.append(Mention(start, end, match.group("n"), str(cn_to_int(match.group("n"))),
                                 unit_end, unit_word=row["unit_word"]))
    return found


def _is_slogan(text: str, pos: int) -> bool:
    """A numeral directly followed by a quoted phrase is a slogan (四个“善作善成”)."""
    return pos < len(text) and text[pos] in QUOTES_OPEN


SENTENCE_END = re.compile(char_class(SENTENCE_STOPS))
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
    right = SENTENCE_END.search(text, end, end + reach)
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
