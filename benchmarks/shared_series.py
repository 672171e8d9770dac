"""The scorecard of the shared reports (../shared/reports/), drawn and summed up
for the README.

The committed package holds only the first report, so its scorecard is empty;
the shared reports hold consecutive years of three regions (the State Council
2021-2022, 河北省 2024-2025, 驻马店市 2020-2025), and with the 2025 Word files
of ../shared/originals (converted as ``pipeline add`` converts them) three more
(上海, 重庆, 甘肃 2025-2026). This script builds them in a
temporary folder with the pipeline's own code, draws
``docs/scorecard-shared-reports.png`` with ``pipeline.scorecard_chart`` and
prints, per region, how many checkable targets were met and missed.

Usage: python benchmarks/shared_series.py [--reports DIR] [--out PNG]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import SHARED_REPORTS, build  # noqa: E402
from pipeline import scorecard_chart  # noqa: E402
from pipeline.run.atomic import write_bytes  # noqa: E402
from pipeline.rules import table  # noqa: E402

OUT = ROOT / "docs" / "scorecard-shared-reports.png"


def chart(scorecard: list[dict]) -> bytes:
    """The PNG of these scorecard rows (as the CSV gives them: strings), labelled
    with the codebook's English names."""
    names = {row["code"]: row["name_en"] for row in table("codebook")}
    return scorecard_chart.render(scorecard, names)


def summary(scorecard: list[dict]) -> str:
    """Per region: checkable targets, met, missed, unclear (a Markdown table)."""
    counts: dict[tuple[str, str], Counter] = {}
    for row in scorecard:
        counts.setdefault((row["region_code"], row["region"]), Counter())[row["verdict"]] += 1
    lines = ["| region | code | years | checkable | met | missed | unclear |", "|---|---|---|---|---|---|---|"]
    for (code, region), n in sorted(counts.items()):
        years = sorted({str(r["year"]) for r in scorecard if r["region_code"] == code})
        lines.append(f"| {region} | {code} | {', '.join(years)} | {sum(n.values())} | {n['met']} | {n['missed']} "
                     f"| {n['unclear']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=SHARED_REPORTS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    tables = build([ROOT / "raw", args.reports], args.reports.parent / "originals")
    rows = tables["scorecard"].fillna("").astype(str).to_dict("records")
    write_bytes(args.out, chart(rows))
    print(summary(rows))
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
