"""Stage ``normalize``: interim records → the package's CSVs in ``data/``.

All rows are computed first and written only when every report succeeded,
each file atomically, so a failure leaves ``data/`` as it was.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import codebook, projects
from pipeline.classify import classify_report
from pipeline.headline import headline_rows
from pipeline.progress import progress
from pipeline.schema import write_resource


def load_interim(interim_dir: Path) -> list[dict]:
    """Interim records, sorted by report id for a stable row order."""
    paths = sorted(interim_dir.glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"{interim_dir}: no interim files (run the extract stage first)")
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def build_tables(records: list[dict]) -> dict[str, list[dict]]:
    """Every resource's rows from the interim records."""
    tables: dict[str, list[dict]] = {name: [] for name in
                                     ("reports", "sections", "figures", "indicators", "targets", "projects")}
    for record in progress(records, "normalize"):
        report = record["report"]
        tables["reports"].append(report)
        tables["sections"].extend({"report_id": report["report_id"], **s} for s in record["sections"])
        figures = classify_report(record)
        for row in figures:
            if row["role"] in ("indicator", "target"):
                row["code"] = codebook.code_for(row["subject"], report.get("region", ""))
        tables["figures"].extend(figures)
        tables["projects"].extend(projects.find_projects(record))
    tables["indicators"] = [r for r in tables["figures"] if r["role"] == "indicator"]
    tables["targets"] = [r for r in tables["figures"] if r["role"] == "target"]
    tables["codebook"] = codebook.rows()
    tables["headline"] = headline_rows(tables["figures"], tables["reports"])
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interim", type=Path, default=Path("data/interim"))
    parser.add_argument("--root", type=Path, default=Path("."), help="folder holding data/")
    args = parser.parse_args(argv)
    try:
        tables = build_tables(load_interim(args.interim))
    except (OSError, ValueError, KeyError) as err:
        print(f"error: normalize: {err}", file=sys.stderr)
        return 1
    for name, rows in tables.items():
        write_resource(name, rows, args.root)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in tables.items())
    print(f"normalize: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
