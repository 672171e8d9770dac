"""The package descriptor is the one source of truth for resources and columns.

Code asks this module for a resource's column names and path instead of
repeating field lists, so adding a column is one edit to datapackage.json.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path


DESCRIPTOR = Path("datapackage.json")


@lru_cache(maxsize=None)
def descriptor(path: Path = DESCRIPTOR) -> dict:
    """The parsed ``datapackage.json``."""
    return json.loads(path.read_text(encoding="utf-8"))


def resource(name: str, path: Path = DESCRIPTOR) -> dict:
    """One resource's descriptor by name."""
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"{path}: no resource named {name!r}")


def columns(name: str, path: Path = DESCRIPTOR) -> list[str]:
    """Column names of a resource, in descriptor order."""
    return [field["name"] for field in resource(name, path)["schema"]["fields"]]


class _Lines:
    """A file for ``csv.writer`` that keeps each row with an LF line ending.

    Python 3.11's writer quotes a cell only for the characters of its line
    terminator (and the delimiter and quote), so a cell holding a bare CR was
    written unquoted and the file no longer parsed. Writing with CRLF quotes
    cells holding either; the writer hands over one whole row per ``write``,
    whose CRLF is turned back into LF here, so every other byte is as before."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def write(self, row: str) -> None:
        self.rows.append(row[:-2] + "\n")


def to_csv(rows: list[dict], fields: list[str], header: bool = True) -> str:
    """CSV text (LF line endings, one header row) of ``rows`` restricted to ``fields``;
    a cell holding a comma, quote, CR or LF is quoted, so any text round-trips.

    Without ``header``, the rows alone: a piece that joins other pieces under one header."""
    out = _Lines()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in fields})
    return "".join(out.rows)


def iter_csv(path: Path) -> Iterator[dict]:
    """Rows of a CSV file written by ``to_csv``, as dicts of strings (empty cells are ''),
    read as they are asked for."""
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def read_csv(path: Path) -> list[dict]:
    """Every row of a CSV file written by ``to_csv``."""
    return list(iter_csv(path))
