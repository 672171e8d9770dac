"""Accuracy of the extraction against the hand-checked labels in tests/labels/.

Runs extract + normalize in memory over the first report (raw/) and the
reports in ../shared/reports/, then prints, per report and overall:
- exact-figure precision and recall for indicators and for targets (role,
  value, unit and comparator all right, matched by ``start``) inside the
  labelled passages;
- the share of labelled indicator/target figures whose subject, measure,
  year, area, period_start and basis are right (over the labels that give
  the field; a blank period_start beside a basis is given: no start named); the subject also strict (equal after trimming quotes and
  spaces) and lenient (either holds the other);
- per report, which metadata fields (region, code, level, parent, date,
  review and plan year) are right against ``tests/labels/reports.csv``;
- for projects: precision, recall, and status/year accuracy of found ones.

Label files named ``*-heldout-*`` are left out of all of this (and of the
tests' floors): ``--heldout`` scores them alone. They are the honest measure
of reports the rules were not tuned on, so their errors are read only once a
round's rules are final; a file whose errors were read becomes a tuning file
(rename it).

Usage: python benchmarks/accuracy.py [--reports DIR] [--errors] [--heldout]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import extract, normalize  # noqa: E402
from pipeline.meaning import codebook, scorecard  # noqa: E402
from pipeline.run.params import stage_params  # noqa: E402
from pipeline.read.convert import Source, convert  # noqa: E402

LABELS = ROOT / "tests" / "labels"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
SHARED_ORIGINALS = ROOT.parent / "shared" / "originals"
ROLES = ("indicator", "target")
FIELDS = ("subject", "measure", "year", "area", "period_start", "basis")
REPORT_FIELDS = ("region", "region_code", "region_level", "parent_region", "delivered_on", "review_year", "plan_year")


SCORED = ("figures", "projects", "reports", "scorecard")
HELDOUT = "-heldout-"  # in a label file's name: scored only with --heldout, never listed by --errors


def build(report_dirs: list[Path], originals: Path | None = None, names: tuple[str, ...] = SCORED) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (by default those scored here) of every report found
    in ``report_dirs``, and of the Word files in ``originals`` (converted as
    ``pipeline add`` converts them) whose id is not there already."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for folder in report_dirs:
            for path in sorted(folder.glob("*.txt")):
                target = raw / path.name
                if not target.exists():
                    target.write_bytes(path.read_bytes())
        for path in sorted(originals.glob("*.docx")) if originals else []:
            target = raw / f"{path.stem}.txt"
            if not target.exists():
                target.write_bytes(convert(Source(path.name, path.read_bytes())).raw)
        extract.run(raw, Path(tmp) / "interim")
        tables = build_tables(Path(tmp) / "interim")
    return {name: pd.DataFrame(rows) for name, rows in tables.items() if name in names}


def build_tables(interim_dir: Path) -> dict[str, list[dict]]:
    """Every resource's rows from the interim records, in memory: normalize's rows
    without its caches, partitions and files."""
    tables: dict[str, list[dict]] = {}
    for path in normalize.interim_files(interim_dir):
        for name, rows in normalize.report_tables(json.loads(path.read_text(encoding="utf-8"))).items():
            tables.setdefault(name, []).extend(rows)
    tables["codebook"] = codebook.rows()
    tolerance = Decimal(str(stage_params("normalize")["approx_tolerance"]))
    tables["scorecard"] = scorecard.build(tables.pop(normalize.SIDES, []), tolerance)
    return tables


def load_labels(kind: str, spans: bool = True, heldout: bool = False) -> pd.DataFrame:
    """The label files of one kind (figures, projects, scorecard), with the passage span:
    those rules may be tuned on, or (``heldout``) only the held-out ones, whose
    name holds ``-heldout-`` and whose errors nobody reads before the rules are
    final, so that their score says how the rules do on reports not tuned on."""
    frames = []
    for path in sorted(p for p in LABELS.glob(f"{kind}-*.csv") if (HELDOUT in p.name) == heldout):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["file"] = path.name
        frames.append(frame)
    labels = pd.concat(frames, ignore_index=True).fillna("")
    if spans:
        labels[["start", "end"]] = labels[["start", "end"]].astype(int)
    return labels


def _same_value(a: str, b: str) -> bool:
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    return abs(x - y) <= max(1e-6, 1e-4 * abs(y))


def _exact(pred: pd.Series, label: pd.Series) -> bool:
    return (pred["role"] == label["role"] and pred["unit"] == label["unit"]
            and pred["comparator"] == label["comparator"] and _same_value(pred["value"], label["value"]))


def score_figures(figures: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """One row per report (and 'all') with precision, recall and field accuracy."""
    figures = figures.astype(str)
    labels = labels.drop_duplicates(["report_id", "start"])  # a figure labelled in two passages counts once
    rows = []
    for report_id in sorted(labels["report_id"].unique()) + ["all"]:
        lab = labels if report_id == "all" else labels[labels["report_id"] == report_id]
        preds = _in_passages(figures, lab)
        by_start = {(r.report_id, int(r.start)): r for r in preds.itertuples(index=False)}
        out = {"report": report_id}
        for role in ROLES:
            wanted = lab[lab["role"] == role]
            predicted = preds[preds["role"] == role]
            hits = sum(1 for _, l in wanted.iterrows()
                       if (key := (l["report_id"], l["start"])) in by_start
                       and _exact(pd.Series(by_start[key]._asdict()), l))
            out[f"{role}_n"] = len(wanted)
            out[f"{role}_precision"] = hits / len(predicted) if len(predicted) else float("nan")
            out[f"{role}_recall"] = hits / len(wanted) if len(wanted) else float("nan")
        for field in FIELDS:  # over the labels that give the field (older files have no period)
            measured = lab[lab["role"].isin(ROLES) & (lab[_given_by(field)] != "")]
            right = sum(1 for _, l in measured.iterrows()
                        if (key := (l["report_id"], l["start"])) in by_start
                        and str(getattr(by_start[key], field)) == str(l[field]))
            out[field] = right / len(measured) if len(measured) else float("nan")
        measured = lab[lab["role"].isin(ROLES)]
        for name, same in (("subject_strict", _strict_subject), ("subject_lenient", _lenient_subject)):
            right = sum(1 for _, l in measured.iterrows()
                        if (key := (l["report_id"], l["start"])) in by_start and same(by_start[key].subject, l["subject"]))
            out[name] = right / len(measured) if len(measured) else float("nan")
        rows.append(out)
    return pd.DataFrame(rows).set_index("report")


QUOTES_AND_SPACES = str.maketrans("", "", "“”‘’\"' 　")


def _given_by(field: str) -> str:
    """The label column that says a label gives ``field``: a label that gives the
    basis gives period_start too, blank where the report names no start (a running
    total of a one-year review), so a start the pipeline guessed there counts wrong."""
    return "basis" if field == "period_start" else field


def _strict_subject(predicted: str, labelled: str) -> bool:
    """The labelled subject, after trimming quotes and spaces (issue 13's strict score)."""
    return str(predicted).translate(QUOTES_AND_SPACES) == str(labelled).translate(QUOTES_AND_SPACES)


def _lenient_subject(predicted: str, labelled: str) -> bool:
    """Either subject holds the other: right but for a qualifier or a shared noun
    (地区生产总值 for 生产总值), the lenient score."""
    got, want = (str(x).translate(QUOTES_AND_SPACES) for x in (predicted, labelled))
    return bool(got) and bool(want) and (got in want or want in got)


def _in_passages(figures: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Predicted figures that lie inside a labelled passage: each passage of a file
    is its own span (a file may hold a report's targets, review and plan passages,
    and what lies between them is not labelled)."""
    spans = labels.groupby(["file", "passage"]).agg(report_id=("report_id", "first"), lo=("start", "min"), hi=("end", "max"))
    starts = figures["start"].astype(int)
    keep = pd.Series(False, index=figures.index)
    for span in spans.itertuples():
        keep |= (figures["report_id"] == span.report_id) & (starts >= span.lo) & (starts < span.hi)
    return figures[keep]


def score_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """Per labelled report, which metadata fields are right (1/0), and their mean."""
    labels = pd.read_csv(LABELS / "reports.csv", dtype=str, keep_default_na=False).set_index("report_id")
    got = reports.fillna("").astype(str).replace({"None": ""}).set_index("report_id")
    rows = {rid: {f: float(rid in got.index and got.at[rid, f] == label[f]) for f in REPORT_FIELDS}
            for rid, label in labels.iterrows()}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame["all_right"] = frame.mean(axis=1)
    return frame


SCORE_KEY = ["region_code", "year", "code", "measure"]


def score_scorecard(scorecard: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Per labelled series: precision and recall of pairs (key, target and result
    values all right) and verdicts right over the pairs the labels call clear."""
    pred = scorecard.astype(str).assign(year=lambda f: f["year"].astype(str))
    rows = []
    for series, lab in labels.groupby("file"):
        mine = pred[pred["region_code"].isin(lab["region_code"])]
        joined = mine.merge(lab, on=SCORE_KEY, suffixes=("", "_label"))
        same = joined.apply(lambda r: _same_value(r["target_value"], r["target_value_label"])
                            and _same_value(r["result_value"], r["result_value_label"]), axis=1)
        good = joined[same] if len(joined) else joined
        clear = good[good["clear"] == "yes"] if len(good) else good
        rows.append({"series": series.removeprefix("scorecard-").removesuffix(".csv"), "labelled": len(lab),
                     "predicted": len(mine), "precision": len(good) / len(mine) if len(mine) else float("nan"),
                     "recall": len(good) / len(lab),
                     "verdict": (clear["verdict"] == clear["verdict_label"]).mean() if len(clear) else float("nan")})
    return pd.DataFrame(rows).set_index("series")


def codebook_coverage(figures: pd.DataFrame, labels: pd.DataFrame) -> pd.Series:
    """Per report: share of labelled headline and main-target figures that got a code."""
    wanted = labels[labels["passage"].isin(["headline", "main_targets"]) & labels["role"].isin(ROLES)]
    coded = figures.astype(str).set_index(["report_id", "start"])["code"]
    keys = list(zip(wanted["report_id"], wanted["start"].astype(str)))
    has_code = [coded.get(key, "") not in ("", "nan") for key in keys]
    return pd.Series(has_code, index=wanted["report_id"]).groupby(level=0).mean().rename("coded")


def figure_errors(figures: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Labelled indicator/target figures the pipeline got wrong, for reading."""
    figures = figures.astype(str)
    index = {(r.report_id, int(r.start)): r for r in figures.itertuples(index=False)}
    wrong = []
    for _, label in labels.iterrows():
        pred = index.get((label["report_id"], label["start"]))
        got = pd.Series(pred._asdict()) if pred else None
        if label["role"] not in ROLES and (got is None or got["role"] not in ROLES):
            continue
        if got is None or not _exact(got, label) or any(str(got[f]) != str(label[f]) for f in FIELDS if label[f]):
            wrong.append({"report": label["report_id"], "start": label["start"], "raw": label["raw"],
                          "want": "|".join(str(label[f]) for f in ("role", "value", "unit", "comparator", *FIELDS)),
                          "got": "missing" if got is None else
                          "|".join(str(got[f]) for f in ("role", "value", "unit", "comparator", *FIELDS))})
    return pd.DataFrame(wrong)


def score_projects(projects: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall (spans overlapping), and status/year accuracy of matches.

    Labels noted "doubtful:" are left out of recall, and a find that overlaps one
    is left out of precision: neither a hit nor a false alarm."""
    rows = []
    for report_id in sorted(labels["report_id"].unique()):
        lab = labels[labels["report_id"] == report_id]
        pred = projects[projects["report_id"] == report_id] if len(projects) else projects
        doubtful = lab["note"].str.startswith("doubtful")
        matched, status_ok, year_ok, used = 0, 0, 0, set()
        for is_doubtful, (_, label) in zip(doubtful, lab.iterrows()):
            hit = next((p for p in pred.itertuples(index=False)
                        if p.project_id not in used and int(p.start) < label["end"] and label["start"] < int(p.end)),
                       None)
            if hit is None:
                continue
            used.add(hit.project_id)  # a find of a doubtful label counts neither way
            if is_doubtful:
                continue
            matched += 1
            status_ok += hit.status == label["status"]
            year_ok += str(hit.year) == str(label["year"])
        scored = len(pred) - (len(used) - matched)
        rows.append({"report": report_id, "clear_cut": int((~doubtful).sum()), "found": len(pred),
                     "precision": matched / scored if scored else float("nan"),
                     "recall": matched / int((~doubtful).sum()),
                     "status": status_ok / matched if matched else float("nan"),
                     "year": year_ok / matched if matched else float("nan")})
    return pd.DataFrame(rows).set_index("report")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=SHARED_REPORTS, help="folder of report texts (default ../shared/reports)")
    parser.add_argument("--only", nargs="+", metavar="REPORT_ID", help="score only these reports' labels")
    parser.add_argument("--errors", action="store_true", help="list every wrong labelled figure")
    parser.add_argument("--heldout", action="store_true",
                        help="score only the held-out label files (*-heldout-*): run it once the rules are final")
    args = parser.parse_args(argv)
    if not any(args.reports.glob("*.txt")):
        parser.error(f"{args.reports}: no report texts (*.txt) there; --reports is a folder, --only picks reports")
    tables = build([ROOT / "raw", args.reports], args.reports.parent / "originals")
    if args.heldout:
        return print_heldout(tables["figures"], args.errors, args.only)
    labels = _only(load_labels("figures"), args.only)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    print("Figures (exact = role, value, unit and comparator right; fields over labelled indicators/targets)")
    print(score_figures(tables["figures"], labels).round(3).to_string())
    print("\nReport metadata (1 = right)")
    print(score_reports(tables["reports"]).round(3).to_string())
    print("\nScorecard (pairs of a region's target and result for a year)")
    print(score_scorecard(tables["scorecard"], load_labels("scorecard", spans=False)).round(3).to_string())
    print("\nCodebook coverage of the headline and main-target figures")
    print(codebook_coverage(tables["figures"], labels).round(3).to_string())
    print("\nProjects")
    print(score_projects(tables["projects"], load_labels("projects")).round(3).to_string())
    if args.errors:
        print("\nWrong figures (role|value|unit|comparator|subject|measure|year|area)")
        print(figure_errors(tables["figures"], labels).to_string())
    return 0


def _only(labels: pd.DataFrame, report_ids: list[str] | None) -> pd.DataFrame:
    """The labels of the reports asked for (all of them when none is named)."""
    return labels[labels["report_id"].isin(report_ids)] if report_ids else labels


def print_heldout(figures: pd.DataFrame, errors: bool, report_ids: list[str] | None = None) -> int:
    """The held-out labels' scores (and, asked for, their errors): a measure of the
    rules on text they were not tuned on, to be read after tuning, not during it."""
    labels = _only(load_labels("figures", heldout=True), report_ids)
    print("Held-out figures (label files *-heldout-*; no rule was tuned on them)")
    print(score_figures(figures, labels).round(3).to_string())
    if errors:
        print("\nWrong held-out figures (role|value|unit|comparator|subject|measure|year|area|period_start|basis)")
        print(figure_errors(figures, labels).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
