"""The labelled figures and projects (tests/labels/) at or above the bars of
issues 3 and 4. The labels are hand-checked and never read by the pipeline."""
from __future__ import annotations

import math

import pytest

from benchmarks.accuracy import ROLES, build, load_labels, score_figures, score_projects
from tests.conftest import ROOT

FIRST = "tianjin-jinghai-2025"


@pytest.fixture(scope="module")
def tables(shared_reports):
    return build([ROOT / "raw", shared_reports])


@pytest.fixture(scope="module")
def figure_scores(tables):
    return score_figures(tables["figures"], load_labels("figures"))


def test_exact_figures_on_the_first_report(figure_scores):
    row = figure_scores.loc[FIRST]
    for role in ROLES:
        assert row[f"{role}_precision"] >= 0.98 and row[f"{role}_recall"] >= 0.98, (role, row)


def test_exact_figures_on_unseen_reports(figure_scores):
    unseen = figure_scores.drop(index=[FIRST, "all"])
    assert len(unseen) == 5
    for report, row in unseen.iterrows():
        for role in ROLES:
            for kind in ("precision", "recall"):
                value = row[f"{role}_{kind}"]
                assert math.isnan(value) or value >= 0.95, (report, role, kind, value)


def test_fields_of_labelled_figures(figure_scores):
    overall = figure_scores.loc["all"]
    assert overall["measure"] >= 0.95 and overall["year"] >= 0.95 and overall["area"] >= 0.95, overall
    assert overall["subject"] >= 0.90, overall


def test_projects_of_the_first_report(tables):
    row = score_projects(tables["projects"], load_labels("projects")).loc[FIRST]
    assert row["precision"] >= 0.85 and row["recall"] >= 0.85, row
    assert row["status"] >= 0.85 and row["year"] >= 0.95, row
