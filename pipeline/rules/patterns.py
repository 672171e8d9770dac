"""Regular expressions whose words come from the rule tables.

No module keeps a word list in code (tests/test_no_word_lists.py): a pattern's structure (optional,
anchored, repeated) is written where it is used, and the words inside it are
the rows of a table, so a new word is one line there. Each pattern is built
once per process: figures run on every number of every report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pipeline.rules import alternation, table, words


@cache
def cue_words(kind: str, name: str = "cues") -> str:
    """The alternation of the cue words of ``kind`` in cue table ``name``
    (``rules/cues.csv``, or ``periods.csv``, whose rows are cue and kind too)."""
    return alternation(words(name, "cue", kind))


@cache
def any_cue(kind: str, name: str = "cues") -> re.Pattern:
    """A pattern found in a text exactly where a cue word of ``kind`` (in cue table
    ``name``) is: one search instead of a substring test per cue, through a tree of
    the cues (:func:`word_tree`: 98 verbs of periods.csv kind acted are tried one by one in a flat one)."""
    return re.compile(word_tree(words(name, "cue", kind)))


@cache
def unit_words(column: str, value: str) -> str:
    """The alternation of the unit words of ``rules/units.csv`` whose ``column`` is ``value``."""
    return alternation(row["written"] for row in table("units") if row[column] == value)


@cache
def multiplier_words() -> str:
    """The alternation of the multipliers of ``rules/multipliers.csv`` (万, 亿 …)."""
    return alternation(row["written"] for row in table("multipliers"))


@cache
def qualifier_words(position: str) -> str:
    """The alternation of the qualifiers of ``rules/qualifiers.csv`` written at ``position``."""
    return alternation(row["written"] for row in table("qualifiers") if row["position"] == position)


def word_tree(choices: Iterable[str]) -> str:
    """:func:`alternation` of ``choices`` written as a tree of shared beginnings
    (企业|企业数|资产 → (?:企业(?:数|)|资产)): it matches the same, the longest
    choice at the first place one starts, but sre tries a flat alternation's
    words one by one there, and a tree's one character at a time, so a list of
    hundreds of words (the codebook's names) costs a few tests, not hundreds."""
    unique = [word for word in dict.fromkeys(choices) if word]
    return _branches(unique) if unique else "(?!)"


def _branches(words: list[str]) -> str:
    """The tree of ``words`` (each non-empty, or "" for a word ending here, tried last
    so the longer one wins)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[:1], []).append(word[1:])
    tried = [re.escape(first) + _branches(rest) for first, rest in rests.items() if first]
    if not tried or (len(tried) == 1 and "" not in rests):
        return "".join(tried)  # every word ends here, or all go on with one character: no choice
    return "(?:" + "|".join(tried) + ("|)" if "" in rests else ")")
