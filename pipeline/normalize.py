"""Stage ``normalize``: interim records → the package's CSVs in ``data/``.

Every resource but the codebook is a concatenation of per-report rows, and a
report's rows depend on its interim record alone. So each report's rows are
computed once, on every CPU, and kept as CSV pieces in
``data/cache/normalize/<id>``, keyed by the interim file's hash and the
stage's code (``pipeline.cache``); adding one report to a corpus of thousands
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
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pipeline import codebook, console, projects, quality, scorecard
from pipeline.atomic import is_stray, write_bytes, write_files
from pipeline.cache import fingerprint, sha256
from pipeline.classify import classify_report
from pipeline.headline import headline_rows
from pipeline.parallel import ordered_map
from pipeline.publish import STAGING, recover
from pipeline.schema import columns, resource, to_csv

CACHE = Path("data/cache/normalize")

SIDES = "_scorecard_sides"  # a piece's private part: the report's candidate targets and results
DEFAULT_TOLERANCE = Decimal("0.05")
# Python's csv module, and so Frictionless and most readers built on it, refuse a
# cell over 131,072 characters. Contexts are capped far below this; a cell this
# long is a report with no line breaks or stops where headings should end.
MAX_CELL = 100_000


def interim_files(interim_dir: Path) -> list[Path]:
    """Interim files, sorted by report id for a stable row order."""
    paths = sorted(interim_dir.glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"{interim_dir}: no interim files (run the extract stage first)")
    return paths


def load_interim(interim_dir: Path) -> list[dict]:
    """Interim records, sorted by report id."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in interim_files(interim_dir)]


def report_tables(record: dict) -> dict[str, list[dict]]:
    """The rows one report contributes to each resource (all but the codebook)."""
    report = record["report"]
    figures = classify_report(record)
    for row in figures:
        if row["role"] in ("indicator", "target") and not codebook.conditioned(row):
            row["code"] = codebook.code_for(row["subject"], report.get("region", ""))
    return {
        "reports": [report],
        "sections": [{"report_id": report["report_id"], **s} for s in record["sections"]],
        "figures": figures,
        "indicators": [r for r in figures if r["role"] == "indicator"],
        "targets": [r for r in figures if r["role"] == "target"],
        "projects": projects.find_projects(record),
        "headline": headline_rows(figures, [report]),
        "quality": quality.report_flags(report, record["parts"], figures, record["text"]),
        SIDES: scorecard.sides(figures, report),
    }


def build_tables(records: list[dict], tolerance: Decimal = DEFAULT_TOLERANCE) -> dict[str, list[dict]]:
    """Every resource's rows from the interim records, in memory (for measurements)."""
    tables: dict[str, list[dict]] = {}
    for record in records:
        for name, rows in report_tables(record).items():
            tables.setdefault(name, []).extend(rows)
    tables["codebook"] = codebook.rows()
    tables["scorecard"] = scorecard.build(tables.pop(SIDES, []), tolerance)
    return tables


@dataclass
class Piece:
    """One report's rows: header-less CSV bytes and a row count per resource."""

    csv: dict[str, bytes | memoryview]
    rows: dict[str, int]

    def dump(self, key: str) -> bytes:
        """A cache file: one JSON line (key, counts, sizes), then the CSV bytes, so
        reading it back needs no decoding of the rows."""
        head = {"key": key, "rows": self.rows, "sizes": {name: len(data) for name, data in self.csv.items()}}
        return json.dumps(head).encode() + b"\n" + b"".join(self.csv.values())

    @classmethod
    def load(cls, path: Path, key: str) -> Piece | None:
        """The piece cached at ``path`` if it was made with ``key``; its CSV parts
        are views into the file's bytes (a corpus of thousands holds ~100 MB)."""
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


def report_piece(path: Path) -> Piece:
    """One report's piece, computed from its interim file."""
    record = json.loads(path.read_text(encoding="utf-8"))
    tables = report_tables(record)
    check_cells(tables, record["report"]["source_path"])
    fields = {name: list(scorecard.SIDE_FIELDS) if name == SIDES else columns(name) for name in tables}
    return Piece({name: to_csv(rows, fields[name], header=False).encode("utf-8") for name, rows in tables.items()},
                 {name: len(rows) for name, rows in tables.items()})


def report_pieces(paths: list[Path], cache_dir: Path) -> list[Piece]:
    """Every report's piece, from the cache where its interim file and the code are unchanged."""
    code = fingerprint("normalize")
    keys = {p: f"{code}:{sha256(p.read_bytes())}" for p in paths}
    pieces = {p: Piece.load(cache_dir / p.stem, keys[p]) for p in paths}
    pending = [p for p, piece in pieces.items() if piece is None]
    for path, piece in zip(pending, ordered_map(report_piece, pending, "normalize")):
        write_bytes(cache_dir / path.stem, piece.dump(keys[path]))
        pieces[path] = piece
    wanted = {p.stem for p in paths}
    for stale in cache_dir.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    return [pieces[p] for p in paths]


def package_files(pieces: list[Piece], root: Path, tolerance: Decimal = DEFAULT_TOLERANCE
                  ) -> tuple[dict[Path, list[bytes | memoryview]], dict[str, int]]:
    """Each resource's CSV as its parts (a header, then the reports' pieces in order) and its row count;
    the codebook from its rule table and the scorecard joined from the pieces' sides."""
    files = {name: [to_csv([], columns(name)).encode("utf-8"), *(p.csv[name] for p in pieces)]
             for name in pieces[0].csv if name != SIDES}
    counts = {name: sum(p.rows[name] for p in pieces) for name in files}
    for name, rows in (("codebook", codebook.rows()), ("scorecard", scorecard.build(_sides(pieces), tolerance))):
        files[name], counts[name] = [to_csv(rows, columns(name)).encode("utf-8")], len(rows)
    return {root / resource(name)["path"]: data for name, data in files.items()}, counts


def _sides(pieces: list[Piece]) -> list[dict]:
    """Every report's scorecard sides, read back from the pieces' private part."""
    text = b"".join(bytes(p.csv.get(SIDES, b"")) for p in pieces).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), fieldnames=scorecard.SIDE_FIELDS))


def sweep(folder: Path) -> None:
    """Remove the temporary files a killed run of this stage left in ``folder``."""
    if folder.is_dir():
        for path in folder.iterdir():
            if is_stray(path.name):
                path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interim", type=Path, default=Path("data/interim"))
    parser.add_argument("--root", type=Path, default=Path("."), help="folder holding data/")
    parser.add_argument("--staging", type=Path, default=STAGING,
                        help="folder (under --root) to write data/*.csv into for validate to publish")
    parser.add_argument("--approx-tolerance", type=Decimal, default=DEFAULT_TOLERANCE,
                        help="scorecard: how far (a share of the target) an approx target may be missed and still be met")
    args = parser.parse_args(argv)
    staging = args.root / args.staging
    try:
        recover(args.root)
        for folder in (staging / "data", args.root / CACHE):
            sweep(folder)
        pieces = report_pieces(interim_files(args.interim), args.root / CACHE)
    except (OSError, ValueError, KeyError) as err:
        print(f"error: normalize: {err}", file=sys.stderr)
        return 1
    files, counts = package_files(pieces, staging, args.approx_tolerance)
    write_files(files)
    print(f"normalize: {', '.join(f'{name} {n}' for name, n in counts.items())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    console.run(main, "normalize")
