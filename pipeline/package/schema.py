"""The package descriptor as published, and the CSV files it describes.

The descriptor is built from the field registry (``fields.py``,
``resources.py``: code asks ``resources.columns`` for a resource's column
names instead of repeating field lists); this module expands, reads and
writes it and reads and writes its CSVs. A resource whose rows belong to
reports is partitioned: its ``path`` in the registry's descriptor is a
template, ``data/figures/{plan_year}/{province}.csv``, one file per plan year
and province (the GB/T 2260 code of the report's province, ``120000``), each
a CSV with its own header row. The ``datapackage.json`` users receive, at the
repository root, is that descriptor with each template replaced by the list
of its files (a Data Package v2 multipart resource, ``expand``): normalize
writes it beside the staged CSVs and validate publishes it with them.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path


PUBLISHED = Path("datapackage.json")  # the package's descriptor, generated: templates → lists of files
NO_YEAR = "no-year"  # the partition of a report whose plan year is unknown
NO_PROVINCE = "unknown"  # ... whose region code is unknown


def descriptor(path: Path) -> dict:
    """The parsed descriptor at ``path`` (read again once the file has changed: the
    published ``datapackage.json`` changes with every build that adds a partition)."""
    st = Path(path).stat()
    return _parsed(Path(path), st.st_mtime_ns, st.st_size, st.st_ino)


@lru_cache(maxsize=64)
def _parsed(path: Path, mtime_ns: int, size: int, inode: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


descriptor.cache_clear = _parsed.cache_clear  # type: ignore[attr-defined]


def resource(name: str, path: Path) -> dict:
    """One resource's descriptor by name."""
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"{path}: no resource named {name!r}")


def paths(res: dict) -> list[str]:
    """A resource's files (one, or the parts of a multipart resource)."""
    path = res["path"]
    return list(path) if isinstance(path, list) else [path]


def partitioned(res: dict) -> bool:
    """Whether a resource of the source descriptor is split into one file per partition."""
    return isinstance(res.get("path"), str) and "{" in res["path"]


def partition_of(report: dict) -> str:
    """The partition a report's rows go to: ``<plan_year>/<province code>`` (``2025/120000``)."""
    code = str(report.get("region_code") or "")
    province = f"{code[:2]}0000" if len(code) == 6 and code.isdigit() else NO_PROVINCE
    return f"{report.get('plan_year') or NO_YEAR}/{province}"


def part_path(res: dict, partition: str) -> str:
    """The file of ``partition`` of a partitioned resource of the source descriptor."""
    year, province = partition.split("/")
    return res["path"].format(plan_year=year, province=province)


def expand(source: dict, partitions: list[str]) -> dict:
    """The published descriptor: ``source`` with each path template replaced by the
    files of ``partitions`` (sorted), as a list even when there is one."""
    out = json.loads(json.dumps(source))
    for res in out["resources"]:
        if partitioned(res):
            res["path"] = [part_path(res, p) for p in sorted(partitions)]
    return out


def descriptor_bytes(package: dict) -> bytes:
    """A descriptor as written to ``datapackage.json``: indented like the source, one LF at the end."""
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def iter_resource(root: Path, res: dict) -> Iterator[dict]:
    """Rows of every file of a resource of a published descriptor, file after file."""
    for path in paths(res):
        yield from iter_csv(root / path)


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


def to_csv(rows: list[dict], fields: list[str]) -> str:
    """CSV text (LF line endings, one header row) of ``rows`` restricted to ``fields``;
    a cell holding a comma, quote, CR or LF is quoted, so any text round-trips."""
    return "".join(_lines([fields]) + csv_lines(rows, fields))


def csv_lines(rows: list[dict], fields: list[str]) -> list[str]:
    """The lines ``to_csv`` writes for ``rows``, one per row, without the header:
    a piece that joins other pieces under one header, and whose lines another
    piece of the same rows and fields may reuse."""
    return _lines(map(row.get, fields) for row in rows)  # a missing or None cell is written empty


def _lines(cells: Iterable[Iterable]) -> list[str]:
    """One line per row of ``cells``, as the writer quotes them (``_Lines``)."""
    out = _Lines()
    csv.writer(out, lineterminator="\r\n").writerows(cells)  # DictWriter's per-row dict and generator cost a tenth of normalize
    return out.rows


def iter_csv(path: Path) -> Iterator[dict]:
    """Rows of a CSV file written by ``to_csv``, as dicts of strings (empty cells are ''),
    read as they are asked for."""
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def read_csv(path: Path) -> list[dict]:
    """Every row of a CSV file written by ``to_csv``."""
    return list(iter_csv(path))
