"""The headline chart: deterministic PNG bytes, committed current, growth targets only."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import chart
from pipeline.chart import growth_panels, render
from pipeline.package.schema import read_csv

ROOT = Path(__file__).resolve().parents[1]


def names() -> dict[str, str]:
    return {row["code"]: row["name_en"] for row in read_csv(ROOT / "data" / "codebook.csv")}


def test_chart_is_byte_identical_across_builds_and_committed_current():
    headline = list(chart.headline_rows(ROOT / "data" / "headline"))
    first, second = render(headline, names(), 12), render(headline, names(), 12)
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert first == second
    assert (ROOT / "docs" / "headline.png").read_bytes() == first, "docs/headline.png is stale: run `dvc repro chart`"


def test_only_reports_with_growth_targets_get_a_panel():
    rows = [{"report_id": "a", "code": "gdp", "target_measure": "growth"},
            {"report_id": "a", "code": "revenue", "target_measure": "level"},
            {"report_id": "b", "code": "gdp", "target_measure": ""}]
    assert growth_panels(rows, 12) == {"a": [rows[0]]}


def test_no_growth_target_at_all_is_a_clear_error():
    with pytest.raises(ValueError, match="no growth targets"):
        render([], names(), 12)


def test_a_large_corpus_draws_a_bounded_number_of_panels():
    rows = [{"report_id": f"r{i:04d}", "code": "gdp", "target_measure": "growth"} for i in range(1000)]
    panels = growth_panels(rows, max_reports=12)
    assert list(panels) == [f"r{i:04d}" for i in range(12)]


def test_reading_stops_after_the_last_drawn_report():
    def rows():
        for i in range(3):
            yield {"report_id": f"r{i}", "code": "gdp", "target_measure": "growth"}
        raise AssertionError("read past the first row of an undrawn report")

    assert list(growth_panels(rows(), max_reports=2)) == ["r0", "r1"]


def test_adding_a_report_that_is_not_drawn_keeps_the_png(tmp_path, monkeypatch, capsys):
    from pipeline.chart import main
    from pipeline.package.schema import to_csv

    monkeypatch.chdir(tmp_path)
    fields = list(list(chart.headline_rows(ROOT / "data" / "headline"))[0])
    row = {**list(chart.headline_rows(ROOT / "data" / "headline"))[0], "target_measure": "growth", "target_value": "5"}
    rows = [{**row, "report_id": f"r{i:02d}"} for i in range(3)]
    (tmp_path / "h.csv").write_text(to_csv(rows, fields), encoding="utf-8")
    args = ["--headline", "h.csv", "--codebook", str(ROOT / "data" / "codebook.csv"), "--out", "c.png",
            "--max-reports", "2"]
    assert main(args) == 0 and "wrote" in capsys.readouterr().err
    (tmp_path / "h.csv").write_text(to_csv([*rows, {**row, "report_id": "r99"}], fields), encoding="utf-8")
    assert main(args) == 0 and "is current" in capsys.readouterr().err
    (tmp_path / "h.csv").write_text(to_csv([{**rows[0], "target_value": "6"}, *rows[1:]], fields), encoding="utf-8")
    assert main(args) == 0 and "wrote" in capsys.readouterr().err


def test_the_scorecard_chart_is_deterministic_and_says_when_it_has_nothing_to_draw():
    from pipeline import scorecard_chart

    row = {"region_code": "411700", "year": "2023", "code": "gdp", "measure": "growth", "target_value": "7",
           "target_upper_value": "", "target_unit": "percent", "target_comparator": "approx",
           "result_value": "4.5", "result_report_id": "henan-zhumadian-2024", "verdict": "missed"}
    rows = [row, {**row, "year": "2024", "target_value": "6.5", "result_value": "6.1",
                  "result_report_id": "henan-zhumadian-2025"}]
    assert list(scorecard_chart.regions(rows)) == ["411700"]
    assert scorecard_chart.regions(rows[:1]) == {}  # one year is no series
    assert scorecard_chart.region_label(scorecard_chart.regions(rows)["411700"], "411700") == "henan-zhumadian (411700)"
    png = scorecard_chart.render(rows, {"gdp": "GDP"})
    assert png.startswith(b"\x89PNG") and png == scorecard_chart.render(rows, {"gdp": "GDP"})
    assert scorecard_chart.render([], {}) != png
