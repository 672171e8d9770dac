"""How far two labellers agree: the first labels (tests/labels/) against a second
labeller's labels of the same spans (tests/labels/second/), figure by figure.

A labeller's own error rate bounds what any score against the labels can mean:
where two careful people disagree on a field, a score near 1.00 on it is luck
or convention, not accuracy. Prints, per field, the share of figures both
labelled on which they agree (role; value, unit and comparator; subject strict
and lenient; measure, year, area, period_start, basis), and the figures only one
of them labelled.

Usage: python benchmarks/agreement.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import LABELS, _lenient_subject, _same_value, _strict_subject  # noqa: E402

SECOND = LABELS / "second"
FIELDS = ("measure", "year", "area", "period_start", "basis")


def read(folder: Path) -> pd.DataFrame:
    """Every figure label in ``folder``, one row per report and start."""
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(folder.glob("figures-*.csv"))]
    labels = pd.concat(frames, ignore_index=True).fillna("")
    labels["start"] = labels["start"].astype(int)
    # a figure in two files (a passage and its whole section): the label that gives the period
    labels = labels.sort_values("basis", ascending=False, kind="stable")
    return labels.drop_duplicates(["report_id", "start"]).sort_values(["report_id", "start"])


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, float]:
    """Shares of agreement over the figures the second labeller's spans hold."""
    spans = second.groupby("report_id").agg(lo=("start", "min"), hi=("start", "max"))
    inside = first[first.apply(lambda r: r["report_id"] in spans.index
                               and spans.at[r["report_id"], "lo"] <= r["start"] <= spans.at[r["report_id"], "hi"],
                               axis=1)]
    both = inside.merge(second, on=["report_id", "start"], suffixes=("_1", "_2"))
    measured = both[both["role_1"].isin(("indicator", "target")) & (both["role_1"] == both["role_2"])]
    out = {"figures_first": len(inside), "figures_second": len(second), "both": len(both),
           "role": (both["role_1"] == both["role_2"]).mean()}
    out["value_unit_comparator"] = measured.apply(
        lambda r: _same_value(r["value_1"], r["value_2"]) and r["unit_1"] == r["unit_2"]
        and r["comparator_1"] == r["comparator_2"], axis=1).mean()
    out["subject_strict"] = measured.apply(lambda r: _strict_subject(r["subject_1"], r["subject_2"]), axis=1).mean()
    out["subject_lenient"] = measured.apply(lambda r: _lenient_subject(r["subject_1"], r["subject_2"]), axis=1).mean()
    for field in FIELDS:
        given = measured[(measured[f"{field}_1"] != "") & (measured[f"{field}_2"] != "")]
        out[field] = (given[f"{field}_1"] == given[f"{field}_2"]).mean() if len(given) else float("nan")
    return out


def main() -> int:
    result = agreement(read(LABELS), read(SECOND))
    for name, value in result.items():
        print(f"{name:>22}: {value:.3f}" if isinstance(value, float) else f"{name:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
