"""Stage ``validate``: check the package as a user receives it.

Reads only what a user downloads (``datapackage.json``, ``data/``, ``raw/``)
and fails, with a readable list of problems, on:
- any Frictionless error (types, constraints, keys, foreign keys);
- any row whose ``raw_text[start:end]`` differs from its ``text`` or ``name``;
- any Arabic numeral of a report that is not a ``figures`` row (the ledger);
- ``indicators``/``targets`` that are not exactly the figures of that role.
Writes ``metrics.json`` (counts per resource, figures per role, codebook
coverage per report, number of errors) for ``dvc metrics show``.

Per report, so that a corpus of thousands is checked in seconds after a
change: every primary and foreign key of the package includes ``report_id``
(checked here) except references to the codebook, so one report's rows are
valid or not whatever the other reports hold. A report whose rows, raw text,
and everything shared (descriptor, codebook, CSV headers, this code, the
Frictionless version) are unchanged since they last passed every check is not
checked again (``data/cache/validate.json``). The others are checked as a
package of their own: the same descriptor with only their rows and the whole
codebook, split over the CPUs when there are many.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from pipeline.atomic import write_text
from pipeline.cache import fingerprint, sha256
from pipeline.parallel import cpus, ordered_map
from pipeline.schema import descriptor
from pipeline.text import InputError, clean, decode

ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
MAX_SHOWN = 50
REPORT_ID = "report_id"
CACHE = Path("data/cache/validate.json")
ROWS_PER_WORKER = 50_000  # below this, a second process costs more than it saves


@dataclass
class Table:
    """One resource's CSV as read: its header and rows of cells."""

    name: str
    header: list[str]
    rows: list[list[str]]

    def dicts(self, indexes: list[int]) -> list[dict]:
        """Rows at ``indexes`` as dicts keyed by the header (missing cells are '')."""
        width = len(self.header)
        return [dict(zip(self.header, [*self.rows[i], *[""] * (width - len(self.rows[i]))])) for i in indexes]


def read_table(root: Path, resource: dict) -> Table:
    with open(root / resource["path"], encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        return Table(resource["name"], next(reader, []), list(reader))


def check_keys_are_per_report(package: dict) -> None:
    """Per-report checking is sound only if no key or unique column joins rows of two reports."""
    local = {res["name"] for res in package["resources"]
             if any(f["name"] == REPORT_ID for f in res["schema"]["fields"])}
    for res in package["resources"]:
        if res["name"] not in local:
            continue
        schema = res["schema"]
        keys = [schema.get("primaryKey", [REPORT_ID])]
        keys += [fk["fields"] for fk in schema.get("foreignKeys", [])
                 if (fk["reference"].get("resource") or res["name"]) in local]
        keys += [[f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
        for key in keys:
            if REPORT_ID not in ([key] if isinstance(key, str) else key):
                raise ValueError(f"datapackage.json: {res['name']}: key {key} does not include {REPORT_ID}, "
                                 "so reports cannot be validated one by one (see pipeline/validate.py)")


def rows_by_report(tables: dict[str, Table]) -> dict[str, dict[str, list[int]]]:
    """report_id → resource → indexes of that report's rows (resources with a report_id column)."""
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for table in tables.values():
        if REPORT_ID not in table.header:
            continue
        column = table.header.index(REPORT_ID)
        for i, row in enumerate(table.rows):
            groups[row[column] if column < len(row) else ""][table.name].append(i)
    return groups


def shared_key(tables: dict[str, Table], package_path: Path) -> str:
    """Hash of all that every report's verdict depends on besides its own rows."""
    shared = [package_path.read_text(encoding="utf-8"), fingerprint("validate"), version("frictionless")]
    shared += [t.header if REPORT_ID in t.header else [t.header, t.rows] for t in tables.values()]
    return sha256(json.dumps(shared, ensure_ascii=False).encode())


def report_key(tables: dict[str, Table], rows: dict[str, list[int]], raw: bytes | None) -> str:
    """Hash of one report's rows in every resource and of its raw file."""
    mine = {name: [tables[name].rows[i] for i in indexes] for name, indexes in sorted(rows.items())}
    return sha256(json.dumps(mine, ensure_ascii=False).encode() + b"\0" + (raw or b""))


def raw_files(tables: dict[str, Table], root: Path) -> dict[str, bytes | None]:
    """report_id → bytes of the raw file its ``reports`` row names (None if missing)."""
    out = {}
    for row in tables["reports"].dicts(list(range(len(tables["reports"].rows)))):
        path = root / row["source_path"]
        out[row[REPORT_ID]] = path.read_bytes() if row["source_path"] and path.is_file() else None
    return out


def frictionless_errors(package_path: Path) -> list[tuple[str, int, str]]:
    """Every error Frictionless finds: (resource or '', row number or 0, what is wrong)."""
    from frictionless import Package

    report = Package(str(package_path)).validate()
    found = [("", 0, err.message) for err in report.errors]
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", 0)
            if not row:
                found.append((task.name, 0, err.message))
                continue
            field = getattr(err, "field_name", "")
            cell = f" {err.cell!r}" if hasattr(err, "cell") else ""
            found.append((task.name, row, f"{err.title}{f' in field {field!r}' if field else ''}{cell}: {err.note}"))
    return found


def subset_package(package_path: Path, tables: dict[str, Table], reports: list[str],
                   groups: dict[str, dict[str, list[int]]], folder: Path) -> dict[str, list[int]]:
    """Write the package with only the rows of ``reports`` (and every row of shared
    resources) into ``folder``; per resource, the file row number of each written row."""
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_bytes(package_path.read_bytes())
    origins: dict[str, list[int]] = {}
    for res in descriptor(package_path)["resources"]:
        table = tables[res["name"]]
        if REPORT_ID in table.header:
            indexes = [i for rid in reports for i in groups[rid].get(table.name, [])]
        else:
            indexes = list(range(len(table.rows)))
        origins[table.name] = [i + 2 for i in indexes]  # row 1 is the header
        path = folder / res["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(table.header)
            writer.writerows(table.rows[i] for i in indexes)
    return origins


def chunks(reports: list[str], groups: dict[str, dict[str, list[int]]]) -> list[list[str]]:
    """``reports`` in contiguous runs of about equal row counts, one per worker worth starting."""
    sizes = [sum(map(len, groups[rid].values())) for rid in reports]
    count = max(1, min(cpus(), sum(sizes) // ROWS_PER_WORKER))
    share, out, current, filled = sum(sizes) / count, [], [], 0
    for rid, size in zip(reports, sizes):
        current.append(rid)
        filled += size
        if filled >= share * (len(out) + 1) and len(out) < count - 1:
            out.append(current)
            current = []
    return [*out, current] if current else out


def package_errors(package_path: Path, tables: dict[str, Table], reports: list[str],
                   groups: dict[str, dict[str, list[int]]]) -> list[str]:
    """Frictionless errors of the rows of ``reports``, with row numbers of the real files."""
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        parts = chunks(reports, groups)
        folders = [Path(tmp) / str(n) for n in range(len(parts))]
        origins = [subset_package(package_path, tables, part, groups, folder)
                   for part, folder in zip(parts, folders)]
        found = ordered_map(frictionless_errors, [f / "datapackage.json" for f in folders], "validate")
        lines = []
        for origin, errors in zip(origins, found):
            for name, row, message in errors:
                where = f"row {origin[name][row - 2]}: " if row else ""
                lines.append(f"{name or package_path}: {where}{message}")
    return list(dict.fromkeys(lines))


def provenance_errors(tables: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    """Rows whose span in the raw text is not what they say they are."""
    errors = []
    for name, rows in tables.items():
        for row in rows:
            span = _span(row)
            if span is None or row["report_id"] not in texts:
                continue
            written = row.get("text", row.get("name"))
            if written is None:
                continue
            raw = texts[row["report_id"]][span[0]:span[1]]
            if raw != written:
                errors.append(f"{name}: {row['report_id']} {row['start']}-{row['end']}: "
                              f"raw text is {raw!r}, row says {written!r}")
    return errors


def _span(row: dict) -> tuple[int, int] | None:
    """``(start, end)`` of a row, None where it has none or they are no integers (Frictionless says so)."""
    try:
        return int(row["start"]), int(row["end"])
    except (KeyError, ValueError):
        return None


def ledger_errors(figures: list[dict], texts: dict[str, str]) -> list[str]:
    """Arabic numerals of a report with no figure starting where they start."""
    starts = {(r["report_id"], span[0]) for r in figures if (span := _span(r))}
    errors = []
    for report_id, text in texts.items():
        for match in ARABIC.finditer(clean(text)):
            if (report_id, match.start()) not in starts:
                errors.append(f"figures: {report_id}: number {match.group()!r} at {match.start()} is missing")
    return errors


def role_errors(tables: dict[str, list[dict]]) -> list[str]:
    """indicators and targets must be exactly the figures of that role."""
    errors = []
    for name, role in (("indicators", "indicator"), ("targets", "target")):
        expected = [r for r in tables["figures"] if r["role"] == role]
        if expected != tables[name]:
            errors.append(f"{name}: {len(tables[name])} rows, but figures has {len(expected)} "
                          f"rows with role {role} (or they differ)")
    return errors


def content_errors(tables: dict[str, Table], reports: list[str], groups: dict[str, dict[str, list[int]]],
                   raws: dict[str, bytes | None]) -> list[str]:
    """Provenance, ledger and role errors of the rows of ``reports``."""
    mine = {name: table.dicts([i for rid in reports for i in groups[rid].get(name, [])])
            for name, table in tables.items()}
    texts = {}
    for row in mine["reports"]:
        if raws.get(row[REPORT_ID]) is None:
            raise FileNotFoundError(f"{row['source_path']}: raw file of report {row[REPORT_ID]} is missing")
        texts[row[REPORT_ID]] = decode(raws[row[REPORT_ID]], row["source_path"]).text
    return provenance_errors(mine, texts) + ledger_errors(mine["figures"], texts) + role_errors(mine)


def metrics(tables: dict[str, Table], errors: int) -> dict:
    """Numbers worth watching from one build to the next."""
    figures = tables["figures"].dicts(list(range(len(tables["figures"].rows))))
    measured: Counter = Counter()
    coded: Counter = Counter()
    for row in figures:
        if row["role"] in ("indicator", "target"):
            measured[row[REPORT_ID]] += 1
            coded[row[REPORT_ID]] += bool(row["code"])
    coverage = {}
    for report in tables["reports"].dicts(list(range(len(tables["reports"].rows)))):
        rid = report[REPORT_ID]
        coverage[rid] = round(coded[rid] / measured[rid], 3) if measured[rid] else 0.0
    return {
        "rows": {name: len(table.rows) for name, table in tables.items()},
        "figures_by_role": dict(sorted(Counter(r["role"] or "undecided" for r in figures).items())),
        "code_coverage": coverage,
        "validation_errors": errors,
    }


def run(root: Path, package_path: Path, cache: Path | None = None) -> tuple[list[str], dict]:
    """All problems found and the metrics of the package at ``root``.

    With ``cache``, reports that passed before and are unchanged are not checked again,
    and the cache is updated when everything passes."""
    package = descriptor(package_path)
    check_keys_are_per_report(package)
    tables = {res["name"]: read_table(root, res) for res in package["resources"]}
    groups = rows_by_report(tables)
    raws = raw_files(tables, root)
    shared = shared_key(tables, package_path)
    keys = {rid: report_key(tables, rows, raws.get(rid)) for rid, rows in groups.items()}
    passed = _passed(cache, shared)
    pending = sorted(rid for rid in groups if passed.get(rid) != keys[rid])
    errors = []
    if pending:
        errors = package_errors(package_path, tables, pending, groups) + content_errors(tables, pending, groups, raws)
    if cache and not errors:
        write_text(cache, json.dumps({"shared": shared, "reports": keys}, sort_keys=True) + "\n")
    return errors, metrics(tables, len(errors))


def _passed(cache: Path | None, shared: str) -> dict[str, str]:
    """report_id → key of the reports that passed with this shared key."""
    try:
        entry = json.loads(cache.read_text(encoding="utf-8")) if cache else {}
    except (OSError, ValueError):
        return {}
    return entry.get("reports", {}) if entry.get("shared") == shared else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--metrics", type=Path, default=Path("metrics.json"))
    args = parser.parse_args(argv)
    package_path = args.root / "datapackage.json"
    try:
        errors, numbers = run(args.root, package_path, args.root / CACHE)
    except (OSError, InputError, KeyError, ValueError) as err:
        print(f"error: validate: {err}", file=sys.stderr)
        return 1
    write_text(args.metrics, json.dumps(numbers, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    for line in errors[:MAX_SHOWN]:
        print(f"invalid: {line}", file=sys.stderr)
    if len(errors) > MAX_SHOWN:
        print(f"invalid: … and {len(errors) - MAX_SHOWN} more", file=sys.stderr)
    print(f"validate: {'INVALID' if errors else 'valid'}, {len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
