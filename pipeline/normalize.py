"""Stage ``normalize``: interim records → the package's CSVs in ``data/``.

Every resource but the codebook is a concatenation of per-report rows, and a
report's rows depend on its interim record alone. So each report's rows are
computed once, on every CPU, and kept as CSV pieces in
``data/cache/normalize/<id>``, keyed by the interim file's hash and the
stage's code (``pipeline.run.cache``); adding one report to a corpus of thousands
classifies one report and joins the others' pieces.

The CSVs are written to a staging folder (``build/staging/data/``), never to
``data/``: the validate stage publishes them there once they pass. They are
written only when every report succeeded, and together
(``atomic.write_files``), so a failure leaves the staging folder as it was too.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import zip_longest
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pipeline.meaning import codebook, periods, projects, quality, scorecard
from pipeline.run import console
from pipeline.run.atomic import is_stray, write_bytes, write_files
from pipeline.run.cache import fingerprint, sha256
from pipeline.meaning.figures import classify_report, in_project_names
from pipeline.meaning.headline import headline_rows
from pipeline.run.parallel import ordered_map
from pipeline.run.params import stage_params
from pipeline.package.publish import recover
from pipeline.read.reading import Reading
from pipeline.package.resources import build, columns
from pipeline.package.schema import (PUBLISHED, csv_lines, descriptor_bytes, expand, part_path, partition_of,
                             partitioned, to_csv)

CACHE = Path("data/cache/normalize")

ROLE_TABLES = {"indicators": "indicator", "targets": "target"}  # the figures of one role, with the figures' columns
SIDES = "_scorecard_sides"  # a piece's private part: the report's candidate targets and results
# Python's csv module, and so Frictionless and most readers built on it, refuse a
# cell over 131,072 characters. Contexts are capped far below this; a cell this
# long is a report with no line breaks or stops where headings should end.
MAX_CELL = 100_000
CHUNK = 1 << 20  # bytes read at a time where a staged file is compared or copied


def interim_files(interim_dir: Path) -> list[Path]:
    """Interim files, sorted by report id for a stable row order."""
    paths = sorted(interim_dir.glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"{interim_dir}: no interim files (run the extract stage first)")
    return paths


def report_tables(record: dict) -> dict[str, list[dict]]:
    """The rows one report contributes to each resource (all but the codebook).

    The memos keyed by a report's own words (a project item's lead, a clause's
    tails) start afresh: kept across reports, they made the scale benchmark,
    whose corpus is copies of the shared reports, about 6 % faster than a year of
    distinct reports would run. The codebook's memo, keyed by subjects, a
    vocabulary every report shares, is kept."""
    projects.forget_texts()
    periods.forget_texts()
    report = record["report"]
    reading = Reading(record["text"])  # one cleaned view and one index of stops for every rule below
    named = projects.find_projects(record, reading)
    figures = in_project_names(classify_report(record, reading), named)
    for row in figures:
        if row["role"] in ("indicator", "target") and not codebook.conditioned(row):
            row["code"] = codebook.figure_code(row, report.get("region", ""))
    return {
        "reports": [report],
        "sections": [{"report_id": report["report_id"], **s} for s in record["sections"]],
        "figures": figures,
        **{name: [r for r in figures if r["role"] == role] for name, role in ROLE_TABLES.items()},
        "projects": named,
        "headline": headline_rows(figures, [report]),
        "quality": quality.report_flags(report, record["parts"], figures, record["text"]),
        SIDES: scorecard.sides(figures, report),
    }


@dataclass
class Piece:
    """One report's rows: header-less CSV bytes and a row count per resource."""

    csv: dict[str, bytes | memoryview]
    rows: dict[str, int]

    def dump(self, key: str, place: Place) -> bytes:
        """A cache file: one JSON line (key, partition, region code, counts, sizes),
        then the CSV bytes, the scorecard sides first, so that reading the sides back
        reads the file's first bytes only and reading the rows needs no decoding."""
        names = sorted(self.csv, key=lambda name: name != SIDES)
        head = {"key": key, "partition": place.partition, "region_code": place.region_code, "rows": self.rows,
                "sizes": {name: len(self.csv[name]) for name in names}}
        return json.dumps(head).encode() + b"\n" + b"".join(self.csv[name] for name in names)

    @classmethod
    def load(cls, path: Path, key: str) -> Piece | None:
        """The piece cached at ``path`` if it was made with ``key``; its CSV parts
        are views into the file's bytes."""
        try:
            data = path.read_bytes()
            cut = data.index(b"\n")
            meta = json.loads(data[:cut])
        except (OSError, ValueError):
            return None
        if meta.get("key") != key:
            return None
        body, csv, pos = memoryview(data)[cut + 1:], {}, 0
        for name, size in meta["sizes"].items():
            csv[name], pos = body[pos:pos + size], pos + size
        return cls(csv, meta["rows"])


class Place(NamedTuple):
    """Where a report's rows go: its partition's files, and its region's share of
    the scorecard (the join pairs a region's own targets and results only)."""

    partition: str
    region_code: str


class Entry(NamedTuple):
    """A report's cached piece as normalize needs it before reading its rows: one
    of these per report is all normalize keeps of the corpus."""

    report_id: str
    key: str
    place: Place
    path: Path
    rows: dict[str, int]  # the piece's row count per resource, read with its key: the totals read no file again


def head(path: Path) -> dict | None:
    """A cache file's first line (key, partition, counts, sizes), None if unreadable."""
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.readline())
    except (OSError, ValueError):
        return None


def read_sides(entry: Entry) -> bytes:
    """The scorecard sides of a cached piece (the first bytes after its head)."""
    with open(entry.path, "rb") as fh:
        meta = json.loads(fh.readline())
        return fh.read(meta["sizes"].get(SIDES, 0))


def check_cells(tables: dict[str, list[dict]], source: str) -> None:
    """ValueError naming the report's file, resource, row and field of a cell no
    CSV reader would read back (``MAX_CELL``)."""
    for name, rows in tables.items():
        for number, row in enumerate(rows, 1):
            for field, value in row.items():
                if isinstance(value, str) and len(value) > MAX_CELL:
                    raise ValueError(f"{source}: {name}: row {number} of the report, field {field}: "
                                     f"{len(value)} characters, more than the {MAX_CELL} a cell may have "
                                     "(does the text lack line breaks?)")


def report_piece(path: Path, tables_of: Callable[[dict], dict[str, list[dict]]] = report_tables
                 ) -> tuple[Piece, Place]:
    """One report's piece and place, computed from its interim file by ``tables_of``
    (a benchmark passes a function of no rules, to measure all but the rules)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    tables = tables_of(record)
    fields = {name: list(scorecard.SIDE_FIELDS) if name == SIDES else columns(name) for name in tables}
    texts = {name: "".join(lines) for name, lines in table_lines(tables, fields).items()}
    for name, text in texts.items():  # in table order, as check_cells goes: the same first error
        if len(text) > MAX_CELL:  # else no cell of it can be longer
            check_cells({name: tables[name]}, record["report"]["source_path"])
    piece = Piece({name: text.encode("utf-8") for name, text in texts.items()},
                  {name: len(rows) for name, rows in tables.items()})
    return piece, Place(partition_of(record["report"]), record["report"].get("region_code") or "")


def table_lines(tables: dict[str, list[dict]], fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each table's CSV lines (``csv_lines``), in table order. The indicators and
    targets are figures rows with the figures' columns: they take the figures'
    lines of their role instead of formatting them again (a twentieth of normalize)."""
    lines = {name: csv_lines(rows, fields[name]) for name, rows in tables.items() if name not in ROLE_TABLES}
    figures = list(zip(tables["figures"], lines["figures"]))
    for name, role in ROLE_TABLES.items():
        lines[name] = [line for row, line in figures if row["role"] == role]
    return {name: lines[name] for name in tables}


def interim_keys(paths: list[Path]) -> dict[Path, str]:
    """What each interim file was made from: extract's record of it in ``index.csv``
    (the report's bytes, sidecar and extract's code), so that an unchanged corpus is
    not read again; the file's own hash where the index does not name it."""
    index = {}
    if paths and (paths[0].parent / "index.csv").is_file():  # extract's INDEX: report_id, input key, code
        with open(paths[0].parent / "index.csv", encoding="utf-8", newline="") as fh:
            index = {row["report_id"]: (row["input_sha256"], row["fingerprint"]) for row in csv.DictReader(fh)}
    return {p: ":".join(index[p.stem]) if p.stem in index else sha256(p.read_bytes()) for p in paths}


def report_entries(paths: list[Path], cache_dir: Path,
                   make_piece: Callable[[Path], tuple[Piece, Place]] = report_piece) -> list[Entry]:
    """Every report's cached piece, computing those whose interim file or the code
    changed (on every CPU, by ``make_piece``); a piece is written to the cache as it
    comes and not kept, so memory does not grow with the corpus."""
    code = fingerprint("normalize")
    keys = {p: f"{code}:{k}" for p, k in interim_keys(paths).items()}
    entries: dict[Path, Entry] = {}
    for p in paths:
        meta = head(cache_dir / p.stem)
        if meta and meta.get("key") == keys[p] and all(field in meta for field in Place._fields):
            entries[p] = Entry(p.stem, keys[p], Place(*(meta[field] for field in Place._fields)), cache_dir / p.stem,
                               meta.get("rows", {}))
    pending = [p for p in paths if p not in entries]
    for path, (piece, place) in zip(pending, ordered_map(make_piece, pending, "normalize")):
        write_bytes(cache_dir / path.stem, piece.dump(keys[path], place))
        entries[path] = Entry(path.stem, keys[path], place, cache_dir / path.stem, piece.rows)
    wanted = {p.stem for p in paths}
    for stale in cache_dir.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    return [entries[p] for p in paths]


def partition_key(entries: list[Entry], source: bytes) -> str:
    """What a partition's files are made from: its reports' piece keys, in order, and the descriptor."""
    return sha256(json.dumps([[e.report_id, e.key] for e in entries]).encode() + b"\0" + source)


def partition_files(entries: list[Entry], partition: str, package: dict) -> dict[str, list[bytes | memoryview]]:
    """The files of one partition (path relative to the root → parts): each per-report
    resource's header, then its reports' rows in report order."""
    pieces = []
    for entry in entries:
        piece = Piece.load(entry.path, entry.key)
        if piece is None:
            raise ValueError(f"{entry.path}: cached rows of {entry.report_id} changed while normalize ran")
        pieces.append(piece)
    return {part_path(res, partition): [to_csv([], columns(res["name"])).encode("utf-8"),
                                        *(p.csv[res["name"]] for p in pieces)]
            for res in package["resources"] if partitioned(res)}


def scorecard_lines(entries: list[Entry], tolerance: Decimal) -> Iterator[list[str]]:
    """The scorecard's CSV lines, one region at a time: the join pairs a region's own
    targets and results only, and sorts by region code first, so each region's
    sides are read from the cache, joined and dropped in turn, and neither the
    corpus's sides nor its scorecard is ever in memory whole."""
    regions: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.place.region_code:  # a report of no region has no sides
            regions.setdefault(entry.place.region_code, []).append(entry)
    for region in sorted(regions):
        sides = b"".join(read_sides(e) for e in regions[region]).decode("utf-8")
        rows = csv.DictReader(io.StringIO(sides, newline=""), fieldnames=scorecard.SIDE_FIELDS)
        yield csv_lines(scorecard.build(list(rows), tolerance), columns("scorecard"))


def shared_files(entries: list[Entry], package: dict, tolerance: Decimal, spool: BinaryIO
                 ) -> tuple[dict[str, BinaryIO], dict[str, int]]:
    """The resources that are no report's own, each as a file to read: the codebook
    from its rule table, in memory, and the scorecard, which grows with the corpus,
    written region by region into ``spool`` (a temporary file)."""
    codes = codebook.rows()
    counts = {"codebook": len(codes), "scorecard": 0}
    spool.write(to_csv([], columns("scorecard")).encode("utf-8"))
    for lines in scorecard_lines(entries, tolerance):
        spool.write("".join(lines).encode("utf-8"))
        counts["scorecard"] += len(lines)
    contents = {"codebook": io.BytesIO(to_csv(codes, columns("codebook")).encode("utf-8")), "scorecard": spool}
    return {res["path"]: contents[res["name"]] for res in package["resources"] if not partitioned(res)}, counts


MANIFEST = "partitions.json"  # in the staging folder: partition → the key its files were written with


def write_package(entries: list[Entry], staging: Path, package: dict, tolerance: Decimal
                  ) -> tuple[dict[str, int], list[str]]:
    """Write the staged package: the files of every partition whose reports changed
    (one partition in memory at a time), the shared resources and the expanded
    descriptor where their bytes changed; remove the files of partitions gone.
    ``package`` is the source descriptor (path templates). Returns the row counts
    and the partitions written."""
    source_bytes = descriptor_bytes(package)
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.place.partition, []).append(entry)
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    keys = {part: partition_key(group, source_bytes) for part, group in groups.items()}
    written = []
    for part in sorted(groups):
        files = [staging / p for p in partition_files([], part, package)]
        if manifest.get(part) == keys[part] and all(f.is_file() for f in files):
            continue
        write_files({staging / path: data for path, data in partition_files(groups[part], part, package).items()})
        written.append(part)
    staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=staging) as spool:
        shared, counts = shared_files(entries, package, tolerance, spool)
        shared[PUBLISHED.as_posix()] = io.BytesIO(descriptor_bytes(expand(package, list(groups))))
        changed = {staging / path: _chunks(data) for path, data in shared.items() if not _holds(staging / path, data)}
        changed[staging / MANIFEST] = (json.dumps(keys, sort_keys=True, indent=0) + "\n").encode()
        write_files(changed)
    wanted = {staging / path for part in groups for path in partition_files([], part, package)}
    wanted |= {staging / path for path in shared}
    data = staging / "data"
    for stale in (data.rglob("*.csv") if data.is_dir() else []):
        if stale not in wanted:
            stale.unlink()  # a partition gone, or a file of an older layout (data/figures.csv)
    totals = {res["name"]: counts.get(res["name"], 0) for res in package["resources"]}
    per_report = {res["name"] for res in package["resources"] if partitioned(res)}
    for entry in entries:
        for name, n in entry.rows.items():
            if name in per_report:
                totals[name] += n
    return totals, written


def _chunks(fh: BinaryIO) -> Iterator[bytes]:
    """``fh``'s bytes from its start, a megabyte at a time."""
    fh.seek(0)
    return iter(partial(fh.read, CHUNK), b"")


def _holds(path: Path, fh: BinaryIO) -> bool:
    """Whether ``path`` already holds ``fh``'s bytes (then it is not written again),
    compared a chunk at a time."""
    try:
        with open(path, "rb") as old:
            return all(a == b for a, b in zip_longest(_chunks(old), _chunks(fh)))
    except OSError:
        return False


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed run of this stage left in ``folder``."""
    if folder.is_dir():
        for path in folder.rglob(".*.tmp"):
            if is_stray(path.name) and path.is_file():
                path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    params = stage_params("normalize")
    parser.add_argument("--interim", type=Path, default=Path(params["interim"]))
    parser.add_argument("--root", type=Path, default=Path(params["root"]), help="folder holding data/")
    parser.add_argument("--staging", type=Path, default=Path(params["staging"]),
                        help="folder (under --root) to write data/*.csv into for validate to publish")
    parser.add_argument("--approx-tolerance", type=Decimal, default=Decimal(str(params["approx_tolerance"])),
                        help="scorecard: how far (a share of the target) an approx target may be missed and still be met")
    parser.add_argument("--descriptor", type=Path, default=None,
                        help="a descriptor file (path templates) to expand into the staged datapackage.json "
                             "instead of the one pipeline/package/resources.py builds")
    args = parser.parse_args(argv)
    staging = args.root / args.staging
    try:
        recover(args.root)
        for folder in (staging, args.root / CACHE):
            sweep(folder)
        entries = report_entries(interim_files(args.interim), args.root / CACHE)
        package = build() if args.descriptor is None else json.loads(args.descriptor.read_text(encoding="utf-8"))
        counts, written = write_package(entries, staging, package, args.approx_tolerance)
    except (OSError, ValueError, KeyError) as err:
        print(f"error: normalize: {err}", file=sys.stderr)
        return 1
    print(f"normalize: {', '.join(f'{name} {n}' for name, n in counts.items())}; "
          f"{len(written)} partition(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    console.run(main, "normalize")
