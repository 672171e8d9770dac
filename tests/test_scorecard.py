"""The scorecard's verdict rule and pairing, on rows and short reports written for the test."""
from decimal import Decimal

from pipeline.meaning import scorecard
from pipeline.meaning.figures import classify_report
from pipeline.meaning.codebook import code_for

TOL = Decimal("0.05")
SERIES = ("hebei-2024", "hebei-2025")  # a region's consecutive years: a scorecard of real pairs


def build_series(root, shared_reports):
    """The package of 河北省 2024 and 2025 built under ``root``; its raw folder."""
    from tests.helpers import build_package

    raw = root / "raw"
    raw.mkdir()
    for name in SERIES:
        (raw / f"{name}.txt").write_bytes((shared_reports / f"{name}.txt").read_bytes())
    assert build_package(root, raw) == []
    return raw


def target(value: str, comparator: str, code: str = "gdp", upper: str = "") -> dict:
    return {"value": value, "comparator": comparator, "code": code, "upper": upper}


def test_floors_and_ceilings_follow_the_comparator():
    assert scorecard.verdict(target("6", "ge"), "6", TOL) == "met"
    assert scorecard.verdict(target("6", "ge"), "5.9", TOL) == "missed"
    assert scorecard.verdict(target("6", "gt"), "6", TOL) == "unclear"  # 超过6%, exactly 6%: not decided
    assert scorecard.verdict(target("5.5", "le", "surveyed_urban_unemployment_rate"), "5.2", TOL) == "met"


def test_point_targets_follow_the_codebooks_direction_with_a_tolerance_for_approx():
    assert scorecard.verdict(target("5", "approx"), "4.8", TOL) == "met"  # within 5 % of 5
    assert scorecard.verdict(target("5", "approx"), "4.7", TOL) == "missed"
    assert scorecard.verdict(target("5", "eq"), "4.8", TOL) == "missed"
    assert scorecard.verdict(target("3", "approx", "cpi"), "3.1", TOL) == "met"  # CPI: a ceiling
    assert scorecard.verdict(target("3", "eq", "cpi"), "3.2", TOL) == "missed"
    assert scorecard.verdict(target("1000", "eq", "resident_population"), "990", TOL) == "unclear"


def test_a_range_is_met_inside_it():
    assert scorecard.verdict(target("5", "ge", upper="5.5"), "5.2", TOL) == "met"
    assert scorecard.verdict(target("5", "ge", upper="5.5"), "4.9", TOL) == "missed"
    assert scorecard.verdict(target("1", "ge", "resident_population", "2"), "3", TOL) == "missed"


def test_every_codebook_direction_is_known():
    assert set(scorecard.directions().values()) <= {"higher", "lower", ""}
    assert scorecard.directions()["gdp"] == "higher" and scorecard.directions()["cpi"] == "lower"


def _sides(make_record, review: str, plan: str) -> list[dict]:
    record = make_record(review=review, plan=plan)
    figures = classify_report(record)
    for row in figures:
        row["code"] = code_for(row["subject"]) if row["role"] in ("indicator", "target") else ""
    report = {**record["report"], "region_code": "999999"}
    return scorecard.sides(figures, report)


def test_a_year_pairs_the_plans_target_with_the_next_reports_result(make_record):
    first = _sides(make_record, "地区生产总值增长4%。", "地区生产总值增长5%左右，五年来累计新增就业30万人。")
    later = _sides(make_record, "地区生产总值增长5.2%。", "")
    for row in later:  # the later report: its review year is the first one's plan year
        row["year"] = 2025
    rows = scorecard.build(first + later, TOL)
    assert [(r["year"], r["code"], r["target_value"], r["result_value"], r["verdict"]) for r in rows] == [
        (2025, "gdp", "5", "5.2", "met")]
    assert rows[0]["gap"] == "0.2"


def test_a_target_quoted_beside_a_result_pairs_within_one_report(make_record):
    sides = _sides(make_record, "地区生产总值增长6.5%（年度目标6%以上）。", "")
    rows = scorecard.build(sides, TOL)
    assert [(r["year"], r["target_value"], r["target_comparator"], r["result_value"], r["verdict"]) for r in rows] \
        == [(2024, "6", "ge", "6.5", "met")]


def test_the_plans_target_wins_over_a_quoted_one_that_disagrees():
    plan = {"side": "target", "region_code": "1", "region": "r", "year": "2024", "code": "gdp", "measure": "growth", "flow": "",
            "value": "6", "upper": "", "unit": "percent", "comparator": "ge", "report_id": "a", "figure_id": "f1",
            "quoted": ""}
    quoted = {**plan, "value": "6.5", "report_id": "b", "figure_id": "f2", "quoted": "1"}
    result = {**plan, "side": "result", "value": "6.2", "report_id": "b", "figure_id": "f3"}
    [row] = scorecard.build([quoted, plan, result], TOL)
    assert (row["target_value"], row["target_report_id"], row["verdict"]) == ("6", "a", "met")
    assert "6.5" in row["note"]


def test_a_two_year_series_validates_and_shows_by_region(tmp_path, shared_reports, capsys):
    from pipeline.__main__ import main

    build_series(tmp_path, shared_reports)  # foreign keys from scorecard to both reports' figures hold
    assert main(["--root", str(tmp_path), "show", "130000"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("scorecard of 130000: ") and "2024 gdp" in out
    assert "target ≈5.5 percent  result 5.4          met" in out


def test_a_number_of_new_things_is_never_paired_with_a_stock():
    base = {"region_code": "1", "region": "r", "year": "2024", "code": "high_tech_enterprises",
            "measure": "count", "upper": "", "unit": "count", "comparator": "eq", "quoted": ""}
    new = {**base, "side": "target", "flow": "new", "value": "60", "report_id": "a", "figure_id": "f1"}
    stock = {**base, "side": "result", "flow": "stock", "value": "1432", "report_id": "b", "figure_id": "f2"}
    also_new = {**stock, "flow": "new", "value": "90", "figure_id": "f3"}
    assert scorecard.build([new, stock], TOL) == []
    [row] = scorecard.build([new, stock, also_new], TOL)
    assert (row["result_value"], row["verdict"]) == ("90", "met")


def test_the_words_of_a_clause_say_new_or_stock():
    def row(context: str, raw: str) -> dict:
        return {"measure": "count", "context": context, "raw": raw, "basis": "annual"}
    assert scorecard._flow(row("新增高新技术企业60家。", "60家")) == "new"
    assert scorecard._flow(row("规上工业企业达1432家，", "1432家")) == "stock"
    assert scorecard._flow(row("国家高新技术企业310家", "310家")) == ""


def test_a_clause_that_is_only_its_subject_takes_the_word_of_the_clause_before():
    def row(context: str, raw: str, subject: str) -> dict:
        return {"measure": "count", "context": context, "raw": raw, "basis": "annual", "subject": subject}
    listed = "新增科创平台12家，规上工业企业达900家，“专精特新”企业80家，高新技术企业150家。"
    assert scorecard._flow(row(listed, "150家", "高新技术企业")) == "stock"  # the nearest cue: 达, two clauses back
    assert scorecard._flow(row(listed, "80家", "专精特新企业")) == "stock"
    assert scorecard._flow(row("规上工业企业达900家，打造智能工厂15家。", "15家", "智能工厂")) == ""  # a verb of its own
    assert scorecard._flow(row("规上工业企业达900家。高新技术企业150家", "150家", "高新技术企业")) == ""


def test_a_target_and_a_result_pair_in_the_unit_both_give():
    base = {"region_code": "1", "region": "r", "year": "2024", "code": "old_residential_communities_renovated",
            "measure": "count", "upper": "", "comparator": "eq", "quoted": "", "flow": ""}
    in_count = {**base, "side": "target", "unit": "count", "value": "100", "report_id": "a", "figure_id": "f1"}
    in_households = {**in_count, "unit": "household", "value": "9000", "figure_id": "f2"}
    result = {**base, "side": "result", "unit": "household", "value": "9500", "report_id": "b", "figure_id": "f3"}
    [row] = scorecard.build([in_count, in_households, result], TOL)
    assert (row["target_value"], row["result_value"], row["gap"], row["note"]) == ("9000", "9500", "500", "")
    assert scorecard.build([in_count, {**result, "unit": "m2"}], TOL) == []


def test_sides_keep_the_first_result_per_unit(make_record):
    sides = _sides(make_record, "改造老旧小区120个0.95万户。", "")
    assert sorted((r["side"], r["unit"], r["value"]) for r in sides if r["code"]) == [
        ("result", "count", "120"), ("result", "household", "9500")]


def test_explore_links_a_scorecard_row_to_its_figures_and_their_sentences(tmp_path, shared_reports):
    import json
    import sqlite3

    from pipeline.tools import explore

    build_series(tmp_path, shared_reports)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    db, _ = explore.prepare(package, tmp_path, tmp_path / "build")
    conn = sqlite3.connect(db)
    links = {row[3]: (row[2], row[4]) for row in conn.execute("PRAGMA foreign_key_list(scorecard)")}
    assert links["target_figure_key"] == ("figures", "figure_key")
    context = conn.execute("SELECT f.context FROM scorecard s JOIN figures f ON f.figure_key = s.target_figure_key "
                           "WHERE s.code = 'gdp'").fetchone()[0]
    assert "地区生产总值增长5.5%左右" in context
    assert explore.metadata(package)["databases"]["package"]["tables"]["figures"]["label_column"] == "context"


def test_validate_checks_the_scorecards_links_also_when_reports_are_checked_in_parts(tmp_path, shared_reports,
                                                                                      monkeypatch):
    from pipeline import validate
    from pipeline.package import incremental

    monkeypatch.setattr(incremental, "ROWS_PER_WORKER", 50)  # each report in a part of its own
    raw = build_series(tmp_path, shared_reports)  # a pair's two reports lie in different parts
    path = tmp_path / "data" / "scorecard.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = lines[1].split(",")[10]
    path.write_text(lines[0] + lines[1].replace(f",{target},", ",f999999,", 1) + "".join(lines[2:]),
                    encoding="utf-8")
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json")
    assert errors == [f"{raw / 'hebei-2024.txt'}: scorecard: row 2: "  # led by the file of the report it names
                      "target_report_id, target_figure_id hebei-2024, f999999 not found in figures"]


def test_one_number_about_a_list_is_a_target_for_each_concept_it_names():
    row = {"role": "target", "code": "", "subject": "实际利用境外资金、进出口额", "measure": "growth"}
    row = {**row, "subject": "实际利用外资、进出口额"}
    assert [r["code"] for r in scorecard._each_concept(row)] == ["foreign_direct_investment_actual",
                                                                  "total_imports_exports"]
    assert scorecard._each_concept({**row, "subject": "进出口额"}) == [{**row, "subject": "进出口额"}]


def test_a_level_held_through_a_run_of_years_is_no_one_years_result():
    row = {"context": "空气质量优良天数连续6年稳定在325天以上。", "raw": "325天"}
    assert scorecard._in_a_run(row) and not scorecard._in_a_run({**row, "context": "空气质量优良天数325天。"})


def test_the_metrics_say_per_region_how_many_targets_were_met_and_missed(tmp_path, shared_reports):
    from pipeline import validate

    build_series(tmp_path, shared_reports)
    _, numbers = validate.run(tmp_path, tmp_path / "datapackage.json")
    summary = numbers["scorecard"]["河北省 130000"]
    assert summary["met"] >= 10 and summary["missed"] >= 1 and set(summary) == {"met", "missed", "unclear"}


def test_a_register_renewed_each_year_is_one_line_and_pairs_new_with_total(tmp_path):
    from tests.helpers import ROOT, run_python, with_rule_line

    code = ("from decimal import Decimal\nfrom pipeline.meaning import scorecard\n"
            "base = dict(region_code='1', region='r', year='2024', code='high_tech_enterprises', measure='count',"
            " upper='', unit='count', comparator='eq', quoted='', report_id='a')\n"
            "goal = dict(base, side='target', value='60', figure_id='f1', context='认定高新技术企业60家。', raw='60家')\n"
            "total = dict(base, side='result', value='75', figure_id='f2', context='高新技术企业总数达到75家。', raw='75家')\n"
            "flows = [scorecard._flow(row) for row in (goal, total)]\n"
            "pairs = scorecard.build([dict(r, flow=f) for r, f in zip((goal, total), flows)], Decimal('0.05'))\n"
            "print(flows, len(pairs))")
    assert run_python(ROOT, code) == "['new', 'stock'] 0"
    root = with_rule_line(tmp_path, "yearly_registers", "high_tech_enterprises,for the test,")
    assert run_python(root, code) == "['', ''] 1"


def test_counters_a_concept_counts_alike_pair_and_no_others():
    base = {"region_code": "1", "region": "r", "year": "2024", "measure": "count", "upper": "", "comparator": "eq",
            "quoted": "", "flow": "", "report_id": "a"}
    goal = {**base, "side": "target", "unit": "count", "value": "10000", "figure_id": "f1"}
    result = {**base, "side": "result", "unit": "household", "value": "12000", "figure_id": "f2"}
    [row] = scorecard.build([{**goal, "code": "new_market_entities"}, {**result, "code": "new_market_entities"}], TOL)
    assert (row["target_unit"], row["result_unit"], row["verdict"]) == ("count", "household", "met")
    assert scorecard.build([{**goal, "code": "rural_toilet_renovation"},
                            {**result, "code": "rural_toilet_renovation"}], TOL) == []  # 家 of toilets: not 户


def test_figures_of_the_units_a_region_owns_are_no_side_of_its_scorecard():
    row = {"context": "市属国企完成投资120亿元、研发投入8.6亿元。", "raw": "8.6亿元"}
    assert scorecard._of_owned_units(row)
    assert not scorecard._of_owned_units({**row, "context": "全社会研发投入8.6亿元，其中市属国企3亿元。"})


def test_a_result_that_is_only_a_bound_decides_only_where_all_it_allows_agree():
    assert scorecard.verdict(target("2000", "ge"), "2100", TOL, "gt") == "met"  # 突破2100: above the floor whatever it is
    assert scorecard.verdict(target("2000", "ge"), "1900", TOL, "ge") == "unclear"  # 1900以上: 1950 or 2050
    assert scorecard.verdict(target("81", "eq"), "80", TOL, "ge") == "unclear"
    assert scorecard.verdict(target("3", "le", "cpi"), "3.5", TOL, "gt") == "missed"  # above the ceiling whatever it is
    assert scorecard.verdict(target("3", "le", "cpi"), "2", TOL, "le") == "met"
    assert scorecard.verdict(target("3", "le", "cpi"), "2", TOL, "ge") == "unclear"
    assert scorecard.verdict(target("2000", "ge"), "1900", TOL, "approx") == "missed"  # 约1900: read as written


def test_a_bound_held_each_year_of_a_five_year_review_is_its_last_years_result(make_record):
    review = "过去五年，粮食产量保持在60万吨以上，每年新增城镇就业1万人，地区生产总值年均增长6%。"
    sides = _sides(make_record, review, "")
    assert [(r["side"], r["year"], r["code"], r["value"], r["comparator"]) for r in sides] == [
        ("result", 2024, "grain_output", "600000", "ge")]  # each year's 1万人 may be a mean; 年均 is one
    held = {"basis": "annual", "period_start": 2020, "year": 2024, "comparator": "ge", "context": review, "raw": "60万吨"}
    assert scorecard._of_one_year(held) and not scorecard._of_one_year({**held, "context": "粮食产量达到60万吨以上。"})
