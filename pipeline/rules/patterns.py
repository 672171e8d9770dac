"""Regular expressions whose words come from the rule tables.

No module keeps a word list in code (tests/test_no_word_lists.py): a pattern's structure (optional,
anchored, repeated) is written where it is used, and the words inside it are
the rows of a table, so a new word is one line there. Each pattern is built
once per process: figures run on every number of every report.
"""
from __future__ import annotations

import re
from functools import cache

from pipeline.rules import alternation, table, word_tree, words


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
