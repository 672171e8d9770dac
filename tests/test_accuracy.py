"""The labelled figures, projects, report metadata and scorecard pairs
(tests/labels/) against their bars. The labels are hand-checked and never read
by the pipeline.

Two sets of figure labels: the main-target and headline passages of the first
six reports (issue 3's set, whose bars hold), and the passages labelled for
issue 12 (national reports, 驻马店 2020-2024, 河北 2025, the 2026 provincial
reports and their five-year passages), whose floors below record where the
extraction stands today so that nothing slips back; the README's accuracy
section gives their numbers and the gap to the 0.98 goal."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from benchmarks.accuracy import (ROLES, build, load_labels, score_figures, score_projects, score_reports,
                                 score_scorecard)
from tests.conftest import ROOT

FIRST = "tianjin-jinghai-2025"
FIRST_SET = ("gansu-2026", "hebei-2024", "hebei-baoding-dingxing-2020", "hebei-baoding-mancheng-2023",
             "henan-zhumadian-2025", FIRST)
FIRST_SET_PASSAGES = ("headline", "main_targets", "review")


@pytest.fixture(scope="module")
def tables(shared_reports):
    """The first report, the shared reports and the 2025 Word files of ../shared/originals
    (whose 2026 reports are shared: the provinces' scorecard series)."""
    return build([ROOT / "raw", shared_reports], shared_reports.parent / "originals")


@pytest.fixture(scope="module")
def labels():
    return load_labels("figures")


@pytest.fixture(scope="module")
def first_set_scores(tables, labels):
    first = labels[labels["report_id"].isin(FIRST_SET) & labels["passage"].str.startswith(FIRST_SET_PASSAGES)]
    return score_figures(tables["figures"], first)


WHOLE_PASSAGES = ("whole-", "plan-")  # issue 13: every figure of whole reports or sections


# The held-out passages of past rounds, tuning labels since (tests/labels/README.md), with
# floors where the rules stand once tuned on them, so nothing slips back: (passage prefix,
# reports, floor of exact figures per role, floor of measure, year, area and period_start,
# floor of basis, floor of the lenient subject). The fields have a floor of their own: a
# round whose few figures of one role are missed must not leave them untested.
PAST_ROUNDS = {"r2-": (4, 0.965, 0.97, 0.96, 0.975), "r3-": (7, 0.975, 0.985, 0.975, 0.975),
               "r4-": (5, 0.95, 0.975, 0.965, 0.965), "r5-": (6, 0.975, 0.98, 0.96, 0.96),
               "r6-": (4, 0.97, 0.97, 0.955, 0.94), "r7-": (3, 0.99, 0.99, 0.98, 0.99),
               "r8-": (4, 0.99, 0.96, 0.96, 0.955), "r9-": (4, 0.975, 0.985, 0.965, 0.965)}
# Rounds whose labels are new to the rules: held to their PAST_ROUNDS floor, not yet to
# the every-report bars below. None now: r9 (round h's plan work of china-2022 and 驻马店 2024,
# round i's last review paragraphs of chongqing-2026 and shanghai-2026's outlook, promoted at
# the start of round 7 at exact 0.94-0.96, area 0.928, strict 0.838) meets them since round
# 7's rules (exact 0.98-1.0, area 1.0, strict 0.937), as r6 to r8 did before it.
IN_WORK: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def new_set_scores(tables, labels):
    first = labels["report_id"].isin(FIRST_SET) & labels["passage"].str.startswith(FIRST_SET_PASSAGES)
    later = labels["passage"].str.startswith((*WHOLE_PASSAGES, *PAST_ROUNDS))
    return score_figures(tables["figures"], labels[~first & ~later])


@pytest.fixture(scope="module")
def whole_scores(tables, labels):
    return score_figures(tables["figures"], labels[labels["passage"].str.startswith(WHOLE_PASSAGES)])


def test_exact_figures_on_the_first_report(first_set_scores):
    row = first_set_scores.loc[FIRST]
    for role in ROLES:
        assert row[f"{role}_precision"] >= 0.98 and row[f"{role}_recall"] >= 0.98, (role, row)


def test_exact_figures_on_the_first_set_of_other_reports(first_set_scores):
    unseen = first_set_scores.drop(index=[FIRST, "all"])
    assert len(unseen) == 5
    for report, row in unseen.iterrows():
        for role in ROLES:
            for kind in ("precision", "recall"):
                value = row[f"{role}_{kind}"]
                assert math.isnan(value) or value >= 0.95, (report, role, kind, value)


def test_fields_of_the_first_set(first_set_scores):
    overall = first_set_scores.loc["all"]
    assert overall["measure"] >= 0.95 and overall["year"] >= 0.95 and overall["area"] >= 0.95, overall
    assert overall["subject"] >= 0.85, overall


def test_exact_figures_role_year_and_period_on_the_new_labels(new_set_scores):
    overall = new_set_scores.loc["all"]
    assert len(new_set_scores) >= 13  # 12 reports and 'all'
    for role in ROLES:
        assert overall[f"{role}_precision"] >= 0.985 and overall[f"{role}_recall"] >= 0.985, (role, overall)
    assert overall["year"] >= 0.98 and overall["measure"] >= 0.98, overall
    assert overall["period_start"] >= 0.975 and overall["basis"] >= 0.975, overall


@pytest.fixture(scope="module")
def report_scores(tables, labels):
    return score_figures(tables["figures"], labels[~labels["passage"].str.startswith(IN_WORK)])


def test_issue_13_s_bars_on_every_labelled_report(report_scores):
    """Issue 13's bars, which every tuning report meets: area ≥ 0.95, strict subject ≥ 0.85
    and lenient ≥ 0.95 (since round 4); exact figures ≥ 0.98 per role, measure and year
    ≥ 0.98 (since round 8). A role a report has no label or prediction of is NaN."""
    for report, row in report_scores.drop(index="all").iterrows():
        assert row["area"] >= 0.95 and row["subject_lenient"] >= 0.95, (report, row)
        assert row["subject_strict"] >= 0.85, (report, row)
        assert row["measure"] >= 0.98 and row["year"] >= 0.98, (report, row)
        for role in ROLES:
            assert all(math.isnan(v) or v >= 0.98 for v in row[[f"{role}_precision", f"{role}_recall"]]), (report, role, row)


def test_every_figure_of_whole_labelled_reports(whole_scores):
    overall = whole_scores.loc["all"]
    for role in ROLES:
        assert overall[f"{role}_precision"] >= 0.97 and overall[f"{role}_recall"] >= 0.97, (role, overall)
    assert overall["measure"] >= 0.98 and overall["year"] >= 0.98 and overall["area"] >= 0.97, overall
    assert overall["period_start"] >= 0.97 and overall["basis"] >= 0.97, overall
    assert overall["subject_strict"] >= 0.88 and overall["subject_lenient"] >= 0.965, overall


@pytest.mark.parametrize("prefix", PAST_ROUNDS)
def test_the_passages_of_past_held_out_rounds(tables, labels, prefix):
    """The passages held out in past rounds (r2: a county of 2020 and one of 2023, two 2025
    provinces; r3: two national reviews, 2024-2026 provinces, a city's review; r4: reviews
    and plan work of a national report, 2024-2026 provinces and a city; r5: a 十四五 review, a
    2025 province's review, a city's review and four years of its plan work; r6: plan work of a
    national report, a 2026 province and a city; r7: a city's plan work of 2021, 2022 and 2025;
    r8: reviews of a 2025 province and of a city's 2020 and 2021 reports, its plan work of 2021, 2025;
    r9: plan work of a national report and of a city, a 2026 province's last review paragraphs and
    another's outlook)."""
    reports, floor, floor_fields, floor_basis, floor_subject = PAST_ROUNDS[prefix]
    scores = score_figures(tables["figures"], labels[labels["passage"].str.startswith(prefix)])
    assert len(scores) == reports + 1, scores  # the reports and 'all'
    overall = scores.loc["all"]
    for role in ROLES:  # NaN: no figure of the role labelled or predicted
        assert all(math.isnan(v) or v >= floor for v in overall[[f"{role}_precision", f"{role}_recall"]]), (role, overall)
    assert min(overall[["measure", "year", "area", "period_start"]]) >= floor_fields, overall
    assert overall["basis"] >= floor_basis and overall["subject_lenient"] >= floor_subject, overall


def test_report_metadata_of_every_shared_report(tables):
    scores = score_reports(tables["reports"])
    assert len(scores) == 22  # the 17 shared reports and the five 2025 Word files (tests/labels/reports.csv)
    assert (scores.drop(columns="all_right") == 1).all().all(), scores


def test_scorecard_pairs_and_verdicts(tables):
    scores = score_scorecard(tables["scorecard"], load_labels("scorecard", spans=False))
    assert set(scores.index) == {"china", "hebei", "zhumadian", "provinces-2025"}
    assert (scores["verdict"] == 1).all(), scores  # every pair made and called clear gets the label's verdict
    assert (scores["precision"] == 1).all(), scores  # as reached (the issue's bar is 0.98): no pair of unlike things
    assert all(scores.loc[series, "recall"] >= floor for series, floor in RECALL_FLOORS.items()), scores


# Each series' recall as reached (issue 15). Missing: 甘肃 FAI (a figure without
# real estate, no code by design); 驻马店 2021 processing output (area read as the
# park opening the sentence), 2022 toilets (a five-year review's list), 2024 farmland
# (the target is a demonstration zone's).
RECALL_FLOORS = {"china": 1.0, "hebei": 1.0, "zhumadian": 0.95, "provinces-2025": 0.95}


# Floors at today's numbers (precision, recall, status, year); issue 13 asks for 0.9 each.
PROJECT_FLOORS = {FIRST: (0.93, 0.95, 1.0, 1.0), "hebei-baoding-mancheng-2023": (1.0, 0.95, 0.97, 1.0)}


@pytest.mark.parametrize("report", sorted(PROJECT_FLOORS))
def test_projects_of_the_labelled_reports(tables, report):
    row = score_projects(tables["projects"], load_labels("projects")).loc[report]
    floors = dict(zip(("precision", "recall", "status", "year"), PROJECT_FLOORS[report]))
    assert all(round(row[field], 3) >= floor for field, floor in floors.items()), row


def test_the_readmes_scorecard_chart_of_the_shared_reports_is_current(tables):
    from benchmarks.shared_series import OUT, chart

    rows = tables["scorecard"].fillna("").astype(str).to_dict("records")
    assert chart(rows) == OUT.read_bytes(), "run: python benchmarks/shared_series.py"


def test_no_subject_is_a_bare_verb_a_qualifier_a_bracket_or_a_plan_name(tables):
    """Issue 13: a subject names what is measured. Listed over every figure of every shared report."""
    from pipeline.rules import cues
    from pipeline.rules import table

    words = {*cues("lead"), *cues("made"), *cues("tail"), *cues("compare"), *(r["written"] for r in table("qualifiers"))}
    measured = tables["figures"][tables["figures"]["role"].isin(ROLES)]
    bad = measured[measured["subject"].map(lambda s: s in words or s.startswith(("（", "(", "“十", "十四五", "十五五")))]
    assert bad[["report_id", "raw", "subject"]].values.tolist() == []


def test_held_out_label_files_are_scored_apart(tmp_path, monkeypatch):
    """A label file named *-heldout-* never reaches the default scores, --errors or
    the floors above (its errors must not be tuned on); --heldout reads it alone."""
    import benchmarks.accuracy as accuracy
    header = "report_id,passage,start,end,text,raw,role\n"
    (tmp_path / "figures-a-2025-whole-1.csv").write_text(header + "a-2025,whole-1,1,2,5,5个,other\n", encoding="utf-8")
    (tmp_path / "figures-b-2025-heldout-1.csv").write_text(header + "b-2025,heldout-1,3,4,6,6个,other\n", encoding="utf-8")
    monkeypatch.setattr(accuracy, "LABELS", tmp_path)
    assert list(accuracy.load_labels("figures")["report_id"]) == ["a-2025"]
    assert list(accuracy.load_labels("figures", heldout=True)["report_id"]) == ["b-2025"]


def test_each_passage_of_a_label_file_is_its_own_span():
    """A figure between two passages of one file is no false positive of either."""
    from benchmarks.accuracy import _in_passages
    labels = pd.DataFrame({"file": ["f", "f", "f", "f"], "passage": ["targets", "targets", "plan", "plan"],
                           "report_id": ["a"] * 4, "start": [10, 20, 100, 110], "end": [12, 22, 102, 112]})
    figures = pd.DataFrame({"report_id": ["a"] * 4, "start": [10, 50, 100, 200]})
    assert list(_in_passages(figures, labels)["start"]) == [10, 100]
