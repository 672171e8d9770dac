"""Load the rule tables in ``pipeline/rules/``.

Rules are data: a new unit, qualifier or cue word is one line in a CSV file,
not a new branch in the code. Tables are read once per process.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).parent / "rules"


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``rules/<name>.csv`` as dicts, in file order."""
    with open(RULES_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=None)
def lookup(name: str, key: str) -> dict[str, dict[str, str]]:
    """``rules/<name>.csv`` indexed by column ``key`` (first row wins)."""
    out: dict[str, dict[str, str]] = {}
    for row in table(name):
        out.setdefault(row[key], row)
    return out


def longest_prefix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` that ``text`` has at ``pos`` ('' if none)."""
    for size in range(min(8, len(text) - pos), 0, -1):
        if text[pos:pos + size] in words:
            return text[pos:pos + size]
    return ""


def longest_suffix(text: str, pos: int, words: dict[str, dict[str, str]]) -> str:
    """The longest key of ``words`` that ends in ``text`` just before ``pos``."""
    for size in range(min(8, pos), 0, -1):
        if text[pos - size:pos] in words:
            return text[pos - size:pos]
    return ""
