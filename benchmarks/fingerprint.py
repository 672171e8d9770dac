"""A fingerprint of every table the pipeline builds from raw/, the shared
reports and the shared Word originals: one sha256 per table and its row count.

Why: the package in data/ holds one report, so a refactoring that must keep
outputs byte-identical is checked here on all of them. Run it before and after
a change and compare (``diff``); any difference names the table that moved.

Usage: python benchmarks/fingerprint.py [--reports DIR] [--dump DIR]
(--dump: also write each table as CSV into DIR, to diff the rows)
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from benchmarks.accuracy import SHARED_REPORTS, build  # noqa: E402

TABLES = ("figures", "projects", "reports", "scorecard", "indicators", "targets", "headline", "quality")


def _portable(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each source path cut to its file name: the reports are built
    in a fresh temporary folder each run, whose name says nothing of the code."""
    if "source_path" not in table:
        return table
    return table.assign(source_path=table["source_path"].map(lambda p: Path(p).name if p else p))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=SHARED_REPORTS)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args(argv)
    tables = build([ROOT / "raw", args.reports], args.reports.parent / "originals", TABLES)
    for name in sorted(tables):
        text = _portable(tables[name]).to_csv(index=False, lineterminator="\n")
        print(f"{name:<12} {len(tables[name]):>6} rows  {hashlib.sha256(text.encode()).hexdigest()}")
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{name}.csv").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
