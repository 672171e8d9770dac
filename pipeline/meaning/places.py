"""Where a report is from: region, level, parent region and GB/T 2260 code.

A report names its region in several places: the meeting line of its header
(在天津市静海区第三届人民代表大会…), the opening line (我代表定兴县人民政府,
我代表国务院), the speaker's office (定兴县人民政府县长) and its title. Each
pattern of ``rules/self_references.csv`` gives a written name or chain of
names; the first the division table knows decides region, level, parent and
code. A name the table does not know is kept as written (its level from its
suffix, ``rules/region_levels.csv``), never guessed into a code; a bare level
word (在县十七届人民代表大会, 我代表县人民政府) gives the level alone, and
failing all of these, the words the report uses of itself most (全县, 我市,
``rules/level_words.csv``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from pipeline.meaning import divisions
from pipeline.read.text import ORDINAL
from pipeline.rules import alternation, lookup, table, words


@lru_cache(maxsize=None)
def self_reference_patterns() -> tuple[re.Pattern, ...]:
    """The self-reference patterns, in the table's order of trust, their ``{ordinal}``
    a character of an ordinal Chinese numeral and ``{speaker_title}`` any title of
    ``rules/speaker_titles.csv``."""
    title = alternation(words("speaker_titles", "title"))
    return tuple(re.compile(row["pattern"].replace("{ordinal}", ORDINAL).replace("{speaker_title}", title),
                            re.MULTILINE) for row in table("self_references"))


@lru_cache(maxsize=1)
def name_part() -> re.Pattern:
    """One name of a written chain: Chinese characters up to the first level
    suffix of ``rules/region_levels.csv`` (某某市某某县 → 某某市, 某某县)."""
    return re.compile(rf"[\u4e00-\u9fff]+?(?:{alternation(words('region_levels', 'suffix'))})")


def written_names(head: str) -> Iterator[str]:
    """Every region name the header and opening lines write, most trusted first,
    each looked for as it is asked for: ``locate`` stops at the first the division
    table knows, mostly before the slow patterns (the speaker's office) are tried."""
    for pattern in self_reference_patterns():
        for match in pattern.finditer(head):
            yield match.group("region")


def level_of_word(name: str) -> str:
    """The level a written name's longest suffix says (静海区 → district, 县 →
    county, 神农架林区 → whatever a row 林区 says, wherever in the table it is), or ''."""
    suffix = next((s for s in words("region_levels", "suffix") if name.endswith(s)), None)
    return lookup("region_levels", "suffix")[suffix]["level"] if suffix is not None else ""


def split_written(name: str) -> dict:
    """A chain the table does not know, as written: 某某市某某县 → region 某某县,
    parent 某某市, level county. A bare level word gives the level only."""
    parts = name_part().findall(name)
    if not parts:
        return {"region_level": level_of_word(name)} if name else {}
    out = {"region": parts[-1], "region_level": level_of_word(parts[-1])}
    if len(parts) > 1:
        out["parent_region"] = "".join(parts[:-1])
    return out


def locate(head: str, body: str, given: dict) -> dict:
    """Region fields of a report from its header ``head`` (up to the opening
    line) and ``body`` (for self-references); ``given`` holds what a sidecar
    states: its region is the only name tried, so a code never belongs to
    another name than the published one."""
    given_name = str(given.get("region") or "")
    names = [given_name] if given_name else written_names(head)  # a region the sidecar states is the only one
    tried = []
    for name in names:
        tried.append(name)
        found = divisions.find(name, str(given.get("parent_region") or "") if name == given_name else "")
        if found is not None:
            return {"region": found.name, "region_code": found.code, "region_level": found.level,
                    "parent_region": found.parent_name}
    written = [split_written(name) for name in tried]  # every name: none is in the table
    named = [w for w in written if w.get("region")]
    if named:
        return named[0]
    level = next((w["region_level"] for w in written if w.get("region_level")), "")
    return {"region_level": level or level_from_words(body)}


def level_from_words(body: str) -> str:
    """The level the report's words of itself say most often (全县, 我市), or ''."""
    counts = Counter({row["level"]: 0 for row in table("level_words")})
    for row in table("level_words"):
        counts[row["level"]] += body.count(row["word"])
    level, count = counts.most_common(1)[0]
    return level if count else ""
