"""The headline table: which figure stands for a concept on each side, and the
committed rows of the Jinghai report."""
from __future__ import annotations

from pipeline.package.schema import iter_resource, resource

import csv
from pathlib import Path

from pipeline.meaning.headline import headline_rows

ROOT = Path(__file__).resolve().parents[1]
REPORT = {"report_id": "r", "region": "静海区", "review_year": 2024, "plan_year": 2025}


def fig(start: int, role: str, code: str, measure: str, value: float, *, area: str = "静海区",
        year: int | None = None) -> dict:
    """A figures row with only the columns the headline reads."""
    year = year or (2024 if role == "indicator" else 2025)
    unit = "percent" if measure in ("growth", "share") else "CNY"
    return {"report_id": "r", "figure_id": f"f{start:06d}", "start": start, "role": role, "code": code,
            "measure": measure, "value": value, "unit": unit, "comparator": "eq", "year": year, "area": area}


def pairs(figures: list[dict]) -> list[tuple]:
    """(code, result figure, target figure) of each headline row."""
    return [(r["code"], r["result_figure_id"], r["target_figure_id"]) for r in headline_rows(figures, [REPORT])]


def test_growth_is_paired_with_growth_when_both_sides_have_it():
    figures = [fig(10, "indicator", "gdp", "level", 5e10), fig(20, "indicator", "gdp", "growth", 4),
               fig(90, "target", "gdp", "growth", 4.5), fig(95, "target", "gdp", "level", 6e10)]
    assert pairs(figures) == [("gdp", "f000020", "f000090")]


def test_a_measure_both_sides_share_beats_growth_on_one_side():
    figures = [fig(10, "indicator", "revenue", "level", 4.87e9), fig(20, "indicator", "revenue", "growth", 20.9),
               fig(90, "target", "revenue", "level", 4.23e9)]
    row = headline_rows(figures, [REPORT])[0]
    assert (row["result_measure"], row["result_value"], row["target_measure"], row["target_value"]) == \
        ("level", 4.87e9, "level", 4.23e9)


def test_without_a_common_measure_each_side_takes_its_preferred_one():
    figures = [fig(10, "indicator", "trade", "level", 5.96e9), fig(90, "target", "trade", "growth", 3)]
    row = headline_rows(figures, [REPORT])[0]
    assert (row["result_measure"], row["target_measure"]) == ("level", "growth")


def test_the_earliest_figure_stands_for_its_side():
    figures = [fig(90, "target", "tax", "growth", 5.5), fig(300, "target", "tax", "growth", 10)]
    assert pairs(figures) == [("tax", "", "f000090")]


def test_zones_other_years_and_uncoded_figures_are_left_out():
    figures = [fig(10, "indicator", "tax", "growth", 8, area="子牙经开区"),
               fig(20, "target", "tax", "growth", 10, year=2027),
               fig(30, "indicator", "", "growth", 3),
               fig(40, "other", "tax", "growth", 1)]
    assert pairs(figures) == []


def test_figures_over_several_years_are_no_year_s_result_or_target():
    average = {**fig(10, "indicator", "urban_new_jobs", "count", 3e5), "period_start": 2021}  # 年均 over 十四五
    year = {**fig(20, "indicator", "urban_new_jobs", "count", 3.17e5), "period_start": 2024}
    each_year = {**fig(90, "target", "urban_new_jobs", "count", 3e5), "period_start": 2021}  # 每年 over 十四五
    target = {**fig(95, "target", "urban_new_jobs", "count", 3e5), "period_start": 2025}
    assert pairs([average, year, each_year, target]) == [("urban_new_jobs", "f000020", "f000095")]
    assert pairs([average]) == []


def test_a_value_held_in_each_year_stands_for_a_side_without_a_figure_of_that_year_alone():
    """连续四年稳定在37万吨以上 is annual from the streak's first year (period_start before
    the year), so the rule of one-year figures alone dropped it, and with it Jinghai's 2024
    grain result; a value held in each year is still that year's value, while a total over
    the same years (cumulative) is no year's and stays out."""
    streak = {**fig(10, "indicator", "grain_output", "level", 3.7e8), "period_start": 2021, "basis": "annual"}
    total = {**fig(15, "indicator", "grain_output", "level", 1.5e9), "period_start": 2021, "basis": "cumulative"}
    target = {**fig(90, "target", "grain_output", "level", 3.7e8), "period_start": 2025, "basis": "annual"}
    assert pairs([streak, total, target]) == [("grain_output", "f000010", "f000090")]
    assert pairs([total, target]) == [("grain_output", "", "f000090")]


def test_rows_follow_the_reports_then_the_text():
    other = {**REPORT, "report_id": "s"}
    figures = [fig(50, "indicator", "b", "growth", 1), fig(10, "target", "a", "growth", 2),
               {**fig(5, "indicator", "c", "growth", 3), "report_id": "s"}]
    rows = headline_rows(figures, [REPORT, other])
    assert [(r["report_id"], r["code"]) for r in rows] == [("r", "a"), ("r", "b"), ("s", "c")]


def read_committed(name: str) -> list[dict]:
    return list(iter_resource(ROOT, resource(name, ROOT / "datapackage.json")))


def committed_headline(report_id: str) -> dict[str, dict]:
    return {r["code"]: r for r in read_committed("headline") if r["report_id"] == report_id}


def test_every_headline_figure_id_names_a_figure_of_that_side():
    # The descriptor cannot declare these keys (see result_figure_id), so they are checked here.
    figures = {(r["report_id"], r["figure_id"]): r for r in read_committed("figures")}
    for row in read_committed("headline"):
        for side, role in (("result", "indicator"), ("target", "target")):
            if row[f"{side}_figure_id"]:
                figure = figures[(row["report_id"], row[f"{side}_figure_id"])]
                assert (figure["role"], figure["code"], figure["value"], figure["measure"]) == \
                    (role, row["code"], row[f"{side}_value"], row[f"{side}_measure"])


def test_jinghai_headline_rows_are_the_reports_own_summary():
    rows = committed_headline("tianjin-jinghai-2025")
    side = ("figure_id", "measure", "value", "unit", "comparator", "year")
    expected = {
        "gdp": (("f000367", "growth", "4", "percent", "approx", "2024"),
                ("f005478", "growth", "4.5", "percent", "approx", "2025")),
        "general_budget_revenue": (("f000380", "level", "4870000000", "CNY", "eq", "2024"),
                                   ("f005493", "level", "4230000000", "CNY", "eq", "2025")),
        "fixed_asset_investment": (("f000403", "growth", "5", "percent", "eq", "2024"),
                                   ("f005528", "growth", "5", "percent", "eq", "2025")),
        "tax_revenue": (("",) * 6, ("f005506", "growth", "5.5", "percent", "eq", "2025")),
        "manufacturing_investment": (("",) * 6, ("f005553", "share", "40", "percent", "gt", "2025")),
        "foreign_direct_investment_actual": (("",) * 6, ("f005563", "level", "30000000", "USD", "eq", "2025")),
    }
    for code, (result, target) in expected.items():
        row = rows[code]
        assert tuple(row[f"result_{f}"] for f in side) == result, code
        assert tuple(row[f"target_{f}"] for f in side) == target, code
    assert list(rows)[:3] == ["gdp", "general_budget_revenue", "fixed_asset_investment"]
