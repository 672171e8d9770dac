"""Stage ``validate``: check the package as a user receives it.

Reads only what a user downloads (``datapackage.json``, ``data/``, ``raw/``)
and fails, with a readable list of problems, on:
- any Frictionless error (types, constraints, keys, foreign keys);
- any row whose ``raw_text[start:end]`` differs from its ``text`` or ``name``;
- any Arabic numeral of a report that is not a ``figures`` row (the ledger);
- ``indicators``/``targets`` that are not exactly the figures of that role.
Writes ``metrics.json`` (counts per resource, figures per role, codebook
coverage per report, number of errors) for ``dvc metrics show``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from pipeline.atomic import write_text
from pipeline.schema import descriptor
from pipeline.text import InputError, clean, decode

ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
MAX_SHOWN = 50


def read_csv(root: Path, resource: dict) -> list[dict]:
    with open(root / resource["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def frictionless_errors(package_path: Path) -> list[str]:
    """Every error Frictionless finds, one line each."""
    from frictionless import Package

    report = Package(str(package_path)).validate()
    lines = [f"{package_path}: {err.message}" for err in report.errors]
    for task in report.tasks:
        lines += [f"{task.name}: row {getattr(err, 'row_number', '?')}: {err.message}" for err in task.errors]
    return lines


def provenance_errors(tables: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    """Rows whose span in the raw text is not what they say they are."""
    errors = []
    for name, rows in tables.items():
        for row in rows:
            if "start" not in row or row["report_id"] not in texts:
                continue
            written = row.get("text", row.get("name"))
            if written is None:
                continue
            span = texts[row["report_id"]][int(row["start"]):int(row["end"])]
            if span != written:
                errors.append(f"{name}: {row['report_id']} {row['start']}-{row['end']}: "
                              f"raw text is {span!r}, row says {written!r}")
    return errors


def ledger_errors(figures: list[dict], texts: dict[str, str]) -> list[str]:
    """Arabic numerals of a report with no figure starting where they start."""
    starts = {(r["report_id"], int(r["start"])) for r in figures}
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


def metrics(tables: dict[str, list[dict]], errors: int) -> dict:
    """Numbers worth watching from one build to the next."""
    coverage = {}
    for report in tables["reports"]:
        rid = report["report_id"]
        rows = [r for r in tables["figures"] if r["report_id"] == rid and r["role"] in ("indicator", "target")]
        coded = sum(1 for r in rows if r["code"])
        coverage[rid] = round(coded / len(rows), 3) if rows else 0.0
    return {
        "rows": {name: len(rows) for name, rows in tables.items()},
        "figures_by_role": dict(sorted(Counter(r["role"] or "undecided" for r in tables["figures"]).items())),
        "code_coverage": coverage,
        "validation_errors": errors,
    }


def load_texts(reports: list[dict], root: Path) -> dict[str, str]:
    texts = {}
    for report in reports:
        path = root / report["source_path"]
        texts[report["report_id"]] = decode(path.read_bytes(), str(path)).text
    return texts


def run(root: Path, package_path: Path) -> tuple[list[str], dict]:
    """All problems found and the metrics of the package at ``root``."""
    package = descriptor(package_path)
    tables = {res["name"]: read_csv(root, res) for res in package["resources"]}
    texts = load_texts(tables["reports"], root)
    errors = (frictionless_errors(package_path) + provenance_errors(tables, texts)
              + ledger_errors(tables["figures"], texts) + role_errors(tables))
    return errors, metrics(tables, len(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--metrics", type=Path, default=Path("metrics.json"))
    args = parser.parse_args(argv)
    package_path = args.root / "datapackage.json"
    try:
        errors, numbers = run(args.root, package_path)
    except (OSError, InputError, KeyError) as err:
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
