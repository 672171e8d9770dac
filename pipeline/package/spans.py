"""The package's CSVs as byte spans of records, per report.

Validation re-checks only the reports whose rows changed, so it must find
each report's rows in files of hundreds of thousands of rows quickly. A table
is kept as the file's bytes plus, per report, the spans its records occupy: a
report's rows are recognised by hashing their bytes, and only the rows of
changed reports are parsed into cells or written out for Frictionless.

normalize writes each report's rows as one block, in the order of
``reports.csv``; such a file is mapped with a few byte searches and counts per
report (``_blocks``). Any other file (rows out of order, unknown report ids,
line breaks inside quoted cells) is mapped record by record (``_by_record``),
which is five times slower but makes no assumption.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, groupby
from pathlib import Path

from pipeline.package.schema import descriptor, paths

REPORT_ID = "report_id"
ALL = "*all rows*"  # the key of a table's only span when it has no report_id column
NOT_QUOTES_OR_BREAKS = bytes(b for b in range(256) if b not in b'"\n')


@dataclass(frozen=True)
class Span:
    """Consecutive records: bytes ``start`` to ``end`` (line breaks included) of
    the file, the first being data row ``row`` (the header is row 1)."""

    start: int
    end: int
    row: int
    rows: int


@dataclass
class Table:
    """One resource's CSV file as written, and where each report's records are."""

    name: str
    data: bytes
    header: list[str]
    body: int  # where the first record starts
    spans: dict[str, list[Span]] = field(default_factory=dict)  # report_id (or ALL) → its records

    @property
    def per_report(self) -> bool:
        """Whether rows belong to reports (every table but the codebook)."""
        return REPORT_ID in self.header

    def records(self, report_id: str) -> bytes:
        """The records of one report (of all rows, for ``ALL``), as written."""
        return b"".join(self.data[s.start:s.end] for s in self.spans.get(report_id, []))

    def row_numbers(self, report_ids: Iterable[str]) -> list[int]:
        """Row numbers in the file of the records of ``report_ids``, in that order."""
        return [n for rid in report_ids for s in self.spans.get(rid, []) for n in range(s.row, s.row + s.rows)]

    def report_at(self, row: int) -> str | None:
        """The report whose records include row ``row`` of the file (None for shared resources)."""
        if not self.per_report:
            return None
        return next((rid for rid, spans in self.spans.items() for s in spans if s.row <= row < s.row + s.rows), None)

    def dicts(self, report_ids: Iterable[str]) -> list[dict]:
        """Records of ``report_ids`` parsed into dicts keyed by the header (missing cells are '').

        Bytes that are not UTF-8 become U+FFFD here; Frictionless reports them."""
        text = b"".join(self.records(rid) for rid in report_ids).decode("utf-8", "replace")
        width = len(self.header)
        return [dict(zip(self.header, [*row, *[""] * (width - len(row))]))
                for row in csv.reader(io.StringIO(text, newline=""))]

    def count(self, report_ids: Iterable[str] | None = None) -> int:
        """Number of records of ``report_ids`` (of every report by default)."""
        return sum(s.rows for rid in (self.spans if report_ids is None else report_ids)
                   for s in self.spans.get(rid, []))


def read_parts(root: Path, files: Sequence[str]) -> bytes:
    """The files of a resource (or of one partition of it) as one CSV: the first
    file whole, the others without their header row, as Frictionless reads a
    multipart resource; each ending with a line break."""
    out = []
    for n, name in enumerate(files):
        data = (root / name).read_bytes()
        if n:
            data = data[data.find(b"\n") + 1:] if b"\n" in data else b""
        if data and not data.endswith(b"\n"):
            data += b"\n"  # so that every record ends with a line break, wherever it is copied to
        out.append(data)
    return b"".join(out)


def read_table(root: Path, resource: dict, order: list[str] | None = None, files: Sequence[str] | None = None
               ) -> Table:
    """A resource's CSV file (or ``files``, one partition's, read as one) mapped into
    spans; ``order`` is the report ids in the order normalize writes them
    (``reports.csv``), for the fast mapping."""
    data = read_parts(root, files if files is not None else paths(resource))
    body = data.find(b"\n") + 1 or len(data)
    header = next(csv.reader([data[:body].decode("utf-8", "replace")]), [])
    table = Table(resource["name"], data, header, body)
    if not table.per_report:
        table.spans = {ALL: [Span(body, len(data), 2, len(_split_records(data[body:])))]} if data[body:] else {}
    elif header[0] == REPORT_ID and order is not None and not _quoted_line_breaks(data):
        table.spans = _blocks(data, body, order) or _by_record(data, body)
    else:
        table.spans = _by_record(data, body, header.index(REPORT_ID))
    return table


def _quoted_line_breaks(data: bytes) -> bool:
    """Whether a quoted cell holds a line break, i.e. some line has an odd number of
    quotes: with all but quotes and line breaks deleted, and pairs of quotes too, a
    quote is left. All in C, unlike a loop over the lines."""
    return b'"' in data.translate(None, NOT_QUOTES_OR_BREAKS).replace(b'""', b"")


def _blocks(data: bytes, body: int, order: list[str]) -> dict[str, list[Span]] | None:
    """Spans of a file whose rows come in one block per report, in ``order``, each line
    starting with its report id; None if the file is not so. The file ends with a line
    break and no quoted cell holds one."""
    rank = {rid: n for n, rid in enumerate(order)}
    spans: dict[str, list[Span]] = {}
    start, row, last = body - 1, 2, -1  # start: the line break before the block's first line
    while start < len(data) - 1:
        comma, newline = data.find(b",", start + 1), data.find(b"\n", start + 1)
        if not 0 <= comma < newline:
            return None
        rid = data[start + 1:comma].decode("utf-8", "replace")
        if rank.get(rid, -1) <= last:  # unknown, or out of reports.csv order, or a second block
            return None
        last, prefix = rank[rid], data[start:comma + 1]
        end = _run_end(data, start, prefix)
        lines = data.count(b"\n", start, end)
        if data.count(prefix, start, end) != lines:  # a line of another report inside the block
            return None
        spans[rid] = [Span(start + 1, end + 1, row, lines)]
        start, row = end, row + lines
    return spans


def _run_end(data: bytes, start: int, prefix: bytes) -> int:
    """The line break ending the run of lines that begin with ``prefix`` (b"\\n<id>,")
    from ``start``: galloping, then bisecting, over byte offsets, so a block costs a
    few dozen probes whatever its size."""
    def within(offset: int) -> bool:
        """Whether the line holding ``offset`` begins with ``prefix`` (a line break starts its line)."""
        return data.startswith(prefix, data.rfind(b"\n", start, offset + 1))

    low, step = start, 256
    while low + step < len(data) - 1 and within(low + step):
        low, step = low + step, step * 2
    high = min(low + step, len(data) - 1)  # within(high) is false: the final line break begins no line
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if within(middle) else (low, middle)
    return high


def _by_record(data: bytes, body: int, column: int = 0) -> dict[str, list[Span]]:
    """Spans of any CSV file, found by reading each record's report id."""
    records = _split_records(data[body:])
    ends = list(accumulate((len(r) + 1 for r in records), initial=body))
    ids = [_cell(r, column) for r in records]
    spans: dict[str, list[Span]] = {}
    index = 0
    for rid, run in groupby(ids):
        size = sum(1 for _ in run)
        spans.setdefault(rid, []).append(Span(ends[index], min(ends[index + size], len(data)), index + 2, size))
        index += size
    return spans


def _split_records(body: bytes) -> list[bytes]:
    """The records of a CSV body: lines, rejoined where a quoted cell holds a line break."""
    lines = body.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not _quoted_line_breaks(body):
        return lines
    records, pending = [], b""
    for line in lines:
        line = pending + line
        if line.count(b'"') % 2:
            pending = line + b"\n"
            continue
        records.append(line)
        pending = b""
    return [*records, pending] if pending else records


def _cell(record: bytes, column: int) -> str:
    """One cell of a record ('' where there is none)."""
    if column == 0 and not record.startswith(b'"'):
        return record.partition(b",")[0].decode("utf-8", "replace")
    row = next(csv.reader([record.decode("utf-8", "replace")]), [])
    return row[column] if column < len(row) else ""


def subset_package(package_path: Path, tables: dict[str, Table], reports: list[str],
                   folder: Path, leave_out: Sequence[str] = ()) -> dict[str, list[int]]:
    """Write the package with only the records of ``reports`` (and every record of
    shared resources), byte for byte, into ``folder``, without the resources
    ``leave_out``; per resource, the row number in the real file of each record written."""
    folder.mkdir(parents=True)
    package = descriptor(package_path)
    # one file per resource, whatever the package's layout (a partitioned resource's
    # rows here are those of ``tables``, which hold one partition)
    package = {**package, "resources": [{**r, "path": f"data/{r['name']}.csv"} for r in package["resources"]
                                        if r["name"] not in leave_out]}
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    origins: dict[str, list[int]] = {}
    for res in package["resources"]:
        table = tables[res["name"]]
        wanted = reports if table.per_report else [ALL]
        origins[table.name] = table.row_numbers(wanted)
        path = folder / res["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(table.data[:table.body] + b"".join(table.records(rid) for rid in wanted))
    return origins
