"""Load the rule tables in ``pipeline/rules/``.

Rules are data: a new unit, qualifier or cue word is one line in a CSV file,
not a new branch in the code. Tables are read once per process. They are
sorted like the code that reads them (``read/`` for what is written,
``meaning/`` for what it means, ``package/`` for the published descriptor)
and named by file name alone, which is unique.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

RULES_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def path(name: str) -> Path:
    """The file of table ``name``, in whichever folder of ``rules/`` it is sorted."""
    found = sorted(RULES_DIR.rglob(f"{name}.csv"))
    if len(found) != 1:
        raise LookupError(f"rules: {len(found)} tables named {name}.csv under {RULES_DIR} (expected one)")
    return found[0]


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``rules/<name>.csv`` as dicts, in file order."""
    with open(path(name), encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=None)
def lookup(name: str, key: str) -> dict[str, dict[str, str]]:
    """``rules/<name>.csv`` indexed by column ``key`` (first row wins)."""
    out: dict[str, dict[str, str]] = {}
    for row in table(name):
        out.setdefault(row[key], row)
    return out


class _Shape(NamedTuple):
    """What finding a table's words in a text needs, computed once per table."""

    keys: re.Pattern  # the keys, longest first: matched at a position, it finds the longest key there in one call
    lasts: frozenset[str]  # the last characters of the keys: a position after none of them ends no key
    sizes: tuple[int, ...]  # the lengths the keys have, longest first


def _shape(words: dict[str, dict[str, str]]) -> _Shape:
    """``words``' shape, computed the first time it is asked for and kept with the
    table, so a table looked up at every number of every report is prepared once."""
    shape = _SHAPES.get(id(words))
    if shape is None or shape[0] is not words:
        keys = [k for k in words if k]
        shape = (words, _Shape(re.compile(word_tree(keys)), frozenset(k[-1] for k in keys),
                               tuple(sorted({len(k) for k in keys}, reverse=True))))
        _SHAPES[id(words)] = shape  # the table itself is kept, so its id is never reused
    return shape[1]


_SHAPES: dict[int, tuple[dict, _Shape]] = {}


@lru_cache(maxsize=None)
def words(name: str, column: str, kind: str = "") -> tuple[str, ...]:
    """The values of ``column`` in table ``name`` (only rows whose ``kind`` is
    ``kind``, if given), longest first: a longer word is tried before one it contains."""
    rows = table(name) if not kind else [row for row in table(name) if row["kind"] == kind]
    return tuple(sorted((row[column] for row in rows), key=len, reverse=True))


def alternation(choices: Iterable[str]) -> str:
    """``a|b|c`` of ``choices`` as written: escaped, longest first (自治州 is tried
    before 州), in table order among equals, each once; a pattern that never
    matches when there are none. The caller groups it where it needs to."""
    unique = sorted(dict.fromkeys(c for c in choices if c), key=len, reverse=True)
    return "|".join(map(re.escape, unique)) if unique else "(?!)"


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


@lru_cache(maxsize=None)
def cues(kind: str) -> tuple[str, ...]:
    """Cue words of one kind from ``rules/cues.csv``, longest first (a longer cue
    is tried before one it contains: 年均 before 均)."""
    return words("cues", "cue", kind)


def prefix_pattern(words: dict[str, dict[str, str]]) -> re.Pattern:
    """The keys of ``words`` as one pattern, longest first, compiled once per table:
    matched at a position of a text, it finds the longest key written there."""
    return _shape(words).keys


def longest_prefix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` that ``text`` has at ``pos`` ('' if none)."""
    found = prefix_pattern(words).match(text, pos)
    return found.group() if found else ""


def longest_suffix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` that ends in ``text`` just before ``pos`` ('' if none)."""
    _, lasts, sizes = _shape(words)
    if pos <= 0 or text[pos - 1] not in lasts:
        return ""
    for size in sizes:
        if size <= pos and text[pos - size:pos] in words:
            return text[pos - size:pos]
    return ""
