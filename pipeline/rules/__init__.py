"""Load the rule tables in ``pipeline/rules/``.

Rules are data: a new unit, qualifier or cue word is one line in a CSV file,
not a new branch in the code. Tables are read once per process. They are
sorted like the code that reads them (``read/`` for what is written,
``meaning/`` for what it means, ``package/`` for the published descriptor)
and named by file name alone, which is unique.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

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


MAX_WORD = 8  # the longest word ``longest_prefix`` and ``longest_suffix`` look for


def _shape(words: dict[str, dict[str, str]]) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """The first characters, last characters and lengths (longest first, at most
    ``MAX_WORD``) of the keys of ``words``, computed once per table: a position
    whose character starts no key is passed over without slicing the text."""
    shape = _SHAPES.get(id(words))
    if shape is None or shape[0] is not words:
        keys = [k for k in words if 0 < len(k) <= MAX_WORD]
        shape = (words, (frozenset(k[0] for k in keys), frozenset(k[-1] for k in keys),
                         tuple(sorted({len(k) for k in keys}, reverse=True))))
        _SHAPES[id(words)] = shape  # the table itself is kept, so its id is never reused
    return shape[1]


_SHAPES: dict[int, tuple[dict, tuple[frozenset[str], frozenset[str], tuple[int, ...]]]] = {}


@lru_cache(maxsize=None)
def cues(kind: str) -> tuple[str, ...]:
    """Cue words of one kind from ``rules/cues.csv``, longest first (a longer cue
    is tried before one it contains: 年均 before 均)."""
    return tuple(sorted((r["cue"] for r in table("cues") if r["kind"] == kind), key=len, reverse=True))


def longest_prefix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` (of at most ``MAX_WORD`` characters) that ``text`` has at ``pos`` ('' if none)."""
    firsts, _, sizes = _shape(words)
    if pos >= len(text) or text[pos] not in firsts:
        return ""
    for size in sizes:
        if text[pos:pos + size] in words:
            return text[pos:pos + size]
    return ""


def longest_suffix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` (of at most ``MAX_WORD`` characters) that ends in ``text`` just before ``pos``."""
    _, lasts, sizes = _shape(words)
    if pos <= 0 or text[pos - 1] not in lasts:
        return ""
    for size in sizes:
        if size <= pos and text[pos - size:pos] in words:
            return text[pos - size:pos]
    return ""
