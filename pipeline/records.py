"""The package's CSVs as records, grouped by report.

Validation re-checks only the reports whose rows changed, so it must find
each report's rows in files of hundreds of thousands of rows quickly. Rows
are kept as raw bytes (one record per CSV row, quoted line breaks included):
a report's rows are recognised by hashing their bytes, and only the rows of
changed reports are parsed into cells or written out for Frictionless.
"""
from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from pipeline.schema import descriptor

REPORT_ID = "report_id"
Groups = dict[str, dict[str, list[int]]]  # report_id → resource → indexes of its records


@dataclass
class Table:
    """One resource's CSV as written: its header line and its records (data rows, as bytes)."""

    name: str
    head: bytes
    records: list[bytes]

    @property
    def header(self) -> list[str]:
        """Column names as the file writes them (Frictionless checks them against the schema)."""
        return next(csv.reader([self.head.decode("utf-8", "replace")]), [])

    def dicts(self, indexes: list[int]) -> list[dict]:
        """Records at ``indexes`` parsed into dicts keyed by the header (missing cells are '').

        Bytes that are not UTF-8 become U+FFFD here; Frictionless reports them."""
        header = self.header
        rows = csv.reader(self.records[i].decode("utf-8", "replace") for i in indexes)
        return [dict(zip(header, [*row, *[""] * (len(header) - len(row))])) for row in rows]

    def report_ids(self) -> list[bytes]:
        """The report_id cell of each record, as bytes (b'' where there is none)."""
        column = self.header.index(REPORT_ID)
        if column:
            return [self._cell(record, column) for record in self.records]
        return [record.partition(b",")[0] if not record.startswith(b'"') else self._cell(record, 0)
                for record in self.records]

    @staticmethod
    def _cell(record: bytes, column: int) -> bytes:
        """One cell of a record, parsed properly: the slow way, for quoted or later columns."""
        row = next(csv.reader([record.decode("utf-8", "replace")]), [])
        return row[column].encode("utf-8") if column < len(row) else b""


def read_table(root: Path, resource: dict) -> Table:
    """A resource's CSV split into records: at line ends outside quoted cells."""
    records = (root / resource["path"]).read_bytes().split(b"\n")
    if any(b'"' in line and line.count(b'"') % 2 for line in records):
        records = _join_quoted_lines(records)
    if records and records[-1] == b"":
        records.pop()
    return Table(resource["name"], records[0] if records else b"", records[1:])


def _join_quoted_lines(lines: list[bytes]) -> list[bytes]:
    """Rejoin the lines of records whose quoted cells hold line breaks."""
    records, pending = [], b""
    for line in lines:
        line = pending + line
        if line.count(b'"') % 2:
            pending = line + b"\n"
            continue
        records.append(line)
        pending = b""
    return [*records, pending] if pending else records


def rows_by_report(tables: dict[str, Table]) -> Groups:
    """report_id → resource → indexes of that report's records (resources with a report_id column)."""
    groups: Groups = defaultdict(lambda: defaultdict(list))
    for table in tables.values():
        if REPORT_ID in table.header:
            start = 0
            for report_id, run in groupby(table.report_ids()):  # a report's rows are usually together
                end = start + len(list(run))
                groups[report_id.decode("utf-8", "replace")][table.name].extend(range(start, end))
                start = end
    return groups


def report_key(tables: dict[str, Table], rows: dict[str, list[int]], raw: bytes | None) -> str:
    """Hash of one report's records in every resource and of its raw file."""
    digest = hashlib.sha256(raw or b"")
    for name, indexes in sorted(rows.items()):
        records = tables[name].records
        digest.update(f"\0{name}\0".encode() + b"\n".join(records[i] for i in indexes))
    return digest.hexdigest()


def subset_package(package_path: Path, tables: dict[str, Table], reports: list[str], groups: Groups,
                   folder: Path) -> dict[str, list[int]]:
    """Write the package with only the records of ``reports`` (and every record of
    shared resources), byte for byte, into ``folder``; per resource, the row number
    in the real file of each record written."""
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_bytes(package_path.read_bytes())
    origins: dict[str, list[int]] = {}
    for res in descriptor(package_path)["resources"]:
        table = tables[res["name"]]
        if REPORT_ID in table.header:
            indexes = [i for rid in reports for i in groups[rid].get(table.name, [])]
        else:
            indexes = list(range(len(table.records)))
        origins[table.name] = [i + 2 for i in indexes]  # row 1 is the header
        path = folder / res["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\n".join([table.head, *(table.records[i] for i in indexes)]) + b"\n")
    return origins
