"""Parts of a report and each figure's period, on short sentences written for the tests."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from helpers import ROOT, run_python, with_rule_line

from pipeline.meaning import periods
from pipeline.meaning.figures import classify_report


def test_a_heading_naming_a_past_year_is_a_review_whatever_its_cue_words():
    assert periods.heading_time("2025年主要工作和“十四五”发展成就", 2026) == ("review", 2025, 2025)


@pytest.mark.parametrize(("title", "plan_year"), [
    ("2024年和“十四五”以来工作回顾", 2025), ("2024年工作和“十四五”时期主要成就", 2025),
    ("2024年及“十四五”前四年工作回顾", 2025), ("“十四五”以来和2024年工作回顾", 2025),
    ("过去一年和“十四五”以来的工作", 2025), ("去年和“十四五”以来的工作", 2025), ("2024年和2021年以来工作回顾", 2025),
    ("过去一年和五年来的工作", 2025), ("2025年和“十四五”时期工作回顾", 2026), ("过去五年和2025年工作回顾", 2026)])
def test_a_heading_naming_a_past_year_and_a_plan_period_is_a_review_of_the_year(title, plan_year):
    assert periods.heading_time(title, plan_year) == ("review", plan_year - 1, plan_year - 1)


def test_a_heading_of_five_years_past_alone_stays_a_review_of_the_five():
    assert periods.heading_time("刚刚过去的五年工作回顾", 2026) == ("review", 2025, 2021)


def test_a_heading_naming_the_next_five_year_plan_is_an_outlook():
    assert periods.heading_time("关于《国民经济和社会发展第十五个五年规划纲要（草案）》的说明", 2026) == ("plan", 2030, 2026)
    assert periods.heading_time("“十四五”时期工作回顾", 2026) == ("review", 2025, 2021)


def test_a_paragraph_cue_opens_a_part_with_its_own_period():
    assert periods.opener_time("五年来，新增就业30万人。", 2026) == ("review", 2025, 2021)
    assert periods.opener_time("“十四五”时期是新征程的第一个五年。", 2021) == ("plan", 2025, 2021)
    assert periods.opener_time("刚刚过去的2025年，经济增长5%。", 2026) == ("review", 2025, 2025)
    # the plan year opens the year's plan; the five-year plan it names does not make it an outlook
    assert periods.opener_time("2025年是“十四五”规划收官之年。", 2025) == ("plan", 2025, 2025)
    assert periods.opener_time("今年，新增就业3000人。", 2025) == ("plan", 2025, 2025)
    assert periods.opener_time("2024年，新增就业3000人。", 2025) is None
    assert periods.opener_time("2025年以来的第一个月，新增就业300人。", 2025) is None


def test_a_heading_with_no_year_and_no_cue_word_is_read_by_its_time_word():
    assert periods.heading_time("过去一年工作", 2025) == ("review", 2024, 2024)
    assert periods.heading_time("今年工作", 2025) == ("plan", 2025, 2025)
    assert periods.heading_time("今后五年的奋斗目标", 2026) == ("plan", 2030, 2026)
    assert periods.heading_time("加强自身建设", 2025) == ("", None, None)


@pytest.mark.parametrize("body", [
    "一、过去一年工作\n全区生产总值增长5.5%。\n二、今年工作\n生产总值增长6%左右。\n",  # headings without years
    "过去一年，全区生产总值增长5.5%。\n今年，生产总值增长6%左右。\n",  # no numbered headings at all
    "一、2024年工作回顾\n全区生产总值增长5.5%。\n2025年是关键之年。生产总值增长6%左右。\n",  # the plan's heading lost
])
def test_review_and_plan_are_found_in_layouts_without_a_dated_plan_heading(tmp_path, body):
    from conftest import HEAD
    from pipeline.extract import extract_report
    path = tmp_path / "t.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    rows = classify_report(extract_report(path, {}))
    assert {(r["raw"], r["role"], r["year"]) for r in rows if r["role"] != "other"} == {
        ("5.5%", "indicator", 2024), ("6%", "target", 2025)}


def figures_of(tmp_path, head: str, body: str) -> set[tuple]:
    """(raw, role, year, period_start) of the indicators and targets of a short report ``head`` + ``body``."""
    from pipeline.extract import extract_report
    path = tmp_path / "t.txt"
    path.write_text(head + body, encoding="utf-8")
    return {(r["raw"], r["role"], r["year"], r["period_start"]) for r in classify_report(extract_report(path, {}))
            if r["role"] in ("indicator", "target")}


@pytest.mark.parametrize("title", ["2021—2025年工作回顾", "2021-2025年发展成就", "2021～2025年工作回顾",
                                   "2021年至2025年工作回顾", "2021年到2025年工作回顾"])
def test_a_heading_over_a_run_of_years_starts_its_part_at_the_first(title):
    assert periods.heading_time(title, 2026) == ("review", 2025, 2021)


def test_a_run_of_years_ahead_is_an_outlook_and_a_single_year_stays_one():
    assert periods.heading_time("2026—2030年奋斗目标", 2026) == ("plan", 2030, 2026)
    assert periods.heading_time("2025年工作回顾", 2026) == ("review", 2025, 2025)


def test_running_totals_under_a_heading_over_years_start_at_its_first_year(tmp_path):
    head = "政府工作报告\n——2021年1月9日在某某市第一届人民代表大会第二次会议上\n某某市市长 李四\n各位代表：\n"
    body = "一、2016年至2020年工作回顾\n累计新增城镇就业30万人。\n二、2021年工作安排\n新增城镇就业6万人。\n"
    assert ("30万人", "indicator", 2020, 2016) in figures_of(tmp_path, head, body)


def test_a_report_with_no_date_plans_the_year_after_the_last_of_the_run_it_reviews():
    from pipeline.extract import extract_report
    text = "政府工作报告\n各位代表：\n一、2016年至2020年工作回顾\n累计新增城镇就业30万人。\n二、今后五年的奋斗目标\n"
    with contextlib.redirect_stderr(io.StringIO()):  # no region named: its warning kept quiet
        record = extract_report(Path("t.txt"), {}, data=text.encode())
    assert record["report"]["plan_year"] == 2021
    assert [(s["kind"], s["year"], s["period_start"]) for s in record["sections"][1:]] == [
        ("review", 2020, 2016), ("plan", 2025, 2021)]


DECEMBER = "政府工作报告\n——2024年12月20日在某某县第十八届人民代表大会第五次会议上\n某某县县长 李四\n各位代表：\n"


def test_this_year_is_the_year_delivered_so_a_december_report_reviews_it(tmp_path):
    body = "一、工作回顾\n今年以来，全县地区生产总值增长5.5%。\n二、明年工作安排\n地区生产总值增长6%左右。\n"
    assert figures_of(tmp_path, DECEMBER, body) == {("5.5%", "indicator", 2024, 2024), ("6%", "target", 2025, 2025)}
    assert periods.heading_time("今年以来的工作", 2025, now=2024) == ("review", 2024, 2024)
    assert periods.heading_time("新的一年工作", 2025, now=2024) == ("plan", 2025, 2025)  # the year to come


def test_this_year_of_a_report_delivered_in_the_plan_year_is_the_plan_year(tmp_path):
    from conftest import HEAD
    body = "一、2024年工作回顾\n全区生产总值增长5.5%。\n今年以来，生产总值增长6%左右。\n"
    assert figures_of(tmp_path, HEAD.replace("1月9日", "5月9日"), body) == {
        ("5.5%", "indicator", 2024, 2024), ("6%", "target", 2025, 2025)}


def test_a_paragraph_is_read_in_place_up_to_its_section_end():
    text = "一、回顾\n五年来，新增就业30万人。\n各位代表，过去一年\n二、"
    start, end = text.index("五年来"), text.index("\n二")
    assert periods.opener_time(text, 2026, start, end) == ("review", 2025, 2021)
    lead = text.index("各位代表")  # no clause stop before the section ends: the clause stops there
    assert periods.opener_time(text, 2026, lead, end) == periods.opener_time(text[lead:end], 2026) == (
        "review", 2025, 2025)
    assert periods.opener_time(text, 2026, lead, end - 3) is None  # cut inside 过去一年


def test_figures_get_basis_and_period_start(make_record):
    record = make_record(review="地区生产总值增长5.2%。\n五年来，累计新增就业30万人，居民收入年均增长6%。",
                         plan="地区生产总值增长5%左右。到2030年，城镇化率达到70%。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] in ("indicator", "target")}
    assert (rows["5.2%"]["role"], rows["5.2%"]["basis"], rows["5.2%"]["period_start"]) == ("indicator", "annual", 2024)
    assert (rows["30万人"]["basis"], rows["30万人"]["year"], rows["30万人"]["period_start"]) == ("cumulative", 2024, 2020)
    assert rows["6%"]["basis"] == "annual_average"
    assert (rows["70%"]["role"], rows["70%"]["year"], rows["70%"]["basis"]) == ("target", 2030, "as_of")


def test_a_target_quoted_beside_a_result_is_a_target_of_the_review_year(make_record):
    record = make_record(review="地区生产总值增长6.5%（年度目标6%以上）。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["6.5%"]["role"], rows["6.5%"]["year"]) == ("indicator", 2024)
    assert (rows["6%"]["role"], rows["6%"]["year"], rows["6%"]["comparator"]) == ("target", 2024, "ge")


def test_a_change_over_a_named_base_covers_the_years_since(make_record):
    record = make_record(review="一般公共预算收入是2017年的1.8倍。单位生产总值能耗比“十三五”末下降13.5%。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["1.8倍"]["basis"], rows["1.8倍"]["period_start"], rows["1.8倍"]["year"]) == ("cumulative", 2018, 2024)
    assert (rows["13.5%"]["basis"], rows["13.5%"]["period_start"]) == ("cumulative", 2021)


def test_reaching_an_amount_is_the_years_flow_and_reaching_a_count_a_state(make_record):
    record = make_record(review="地区生产总值达到3257.4亿元，高新技术企业达到120家，居民收入年均增长6.3%，"
                                "细颗粒物年均浓度35微克/立方米。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["3257.4亿元"]["basis"] == "annual" and rows["120家"]["basis"] == "as_of"
    assert (rows["6.3%"]["basis"], rows["6.3%"]["period_start"]) == ("annual_average", 2020)  # the five-year term
    assert (rows["35微克/立方米"]["basis"], rows["35微克/立方米"]["period_start"]) == ("annual", 2024)


def test_paragraphs_run_together_on_one_line_still_open_their_own_period(make_record):
    filler = "我们坚持稳中求进，各项工作取得新进展。" * 70  # a crawled layout: one line for the whole section
    record = make_record(review=f"刚刚过去的2024年，地区生产总值增长5%。{filler}五年来，累计新增就业30万人。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["5%"]["period_start"], rows["5%"]["basis"]) == (2024, "annual")
    assert (rows["30万人"]["period_start"], rows["30万人"]["basis"]) == (2020, "cumulative")


def test_a_streak_covers_the_years_it_runs_and_a_comparison_takes_the_basis_of_what_it_compares(make_record):
    record = make_record(review="经济增速连续16个季度高于全国平均水平，粮食产量连续8年稳定在160亿斤以上。"
                                "生产总值年均增长7.3%，高于全省1个百分点。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["16个季度"]["period_start"], rows["16个季度"]["basis"]) == (2021, "cumulative")
    assert (rows["8年"]["period_start"], rows["8年"]["basis"]) == (2017, "cumulative")
    assert (rows["1个百分点"]["basis"], rows["1个百分点"]["period_start"]) == ("annual_average", 2020)
    assert rows["7.3%"]["subject"] == "生产总值"  # 年均 stripped whole, not 年 left behind


def test_the_full_name_of_a_plan_opens_a_paragraph_of_its_period(make_record):
    record = make_record(review="第十三个五年规划期间，全县粮食产量年均增长3%。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["3%"]["basis"], rows["3%"]["period_start"], rows["3%"]["year"]) == ("annual_average", 2016, 2020)


def test_five_years_named_in_the_clause_run_back_from_the_review_year(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(review="五年间改建乡村公路80公里。"))}
    assert (rows["80公里"]["basis"], rows["80公里"]["period_start"], rows["80公里"]["year"]) == ("cumulative", 2020, 2024)


def test_a_run_since_a_year_starts_that_year_and_is_no_part_of_the_subject(make_record):
    record = make_record(review="2021年以来累计引进项目40个。出口增速2023年以来连续6个季度高于全省。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["40个"]["basis"], rows["40个"]["period_start"]) == ("cumulative", 2021)
    assert "以来" not in rows["6个季度"]["subject"]
    assert periods.strip_bases("出口增速2023年以来") == "出口增速"


def test_a_change_over_a_base_is_cumulative_and_the_base_level_is_the_base_year(make_record):
    record = make_record(review="五年来，全县林地面积较“十三五”末的30万亩增加5万亩，人均寿命较“十三五”末提高1.2岁，"
                                "注册企业800家，是“十三五”末的1.6倍，完成投资900亿元，为“十三五”时期的1.3倍。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["30万亩"]["year"], rows["30万亩"]["period_start"], rows["30万亩"]["basis"]) == (2020, 2020, "as_of")
    assert (rows["5万亩"]["basis"], rows["5万亩"]["period_start"]) == ("cumulative", 2021)
    assert (rows["1.2岁"]["basis"], rows["1.2岁"]["period_start"]) == ("cumulative", 2021)
    assert (rows["1.6倍"]["basis"], rows["1.6倍"]["period_start"]) == ("cumulative", 2021)
    assert (rows["1.3倍"]["basis"], rows["1.3倍"]["period_start"]) == ("cumulative", 2021)


def test_a_five_year_review_counts_what_was_done_and_a_level_reached_is_a_state_or_the_last_year_s_flow(make_record):
    record = make_record(review="五年来，全县审批项目320个，组建研发中心12家，规上企业达450家，"
                                "粮食产量突破80万吨，地区生产总值达到900亿元。")
    rows = {r["raw"]: r for r in classify_report(record)}
    for raw in ("320个", "12家"):
        assert (rows[raw]["basis"], rows[raw]["period_start"]) == ("cumulative", 2020), raw
    assert (rows["450家"]["basis"], rows["450家"]["period_start"]) == ("as_of", 2024)
    for raw in ("80万吨", "900亿元"):  # a harvest, an output: the last year's flow
        assert (rows[raw]["basis"], rows[raw]["period_start"]) == ("annual", 2024), raw


def test_an_outlook_counts_only_things_to_be_done(make_record):
    record = make_record(plan="今后五年，新设外资企业100家，开工项目300个，高新技术企业达到500家，研发中心60家。")
    rows = {r["raw"]: r for r in classify_report(record)}
    for raw in ("100家", "300个"):  # a flow word of cues.csv, a done word of periods.csv
        assert (rows[raw]["basis"], rows[raw]["period_start"]) == ("cumulative", 2025), raw
    for raw in ("500家", "60家"):
        assert rows[raw]["basis"] == "as_of", raw


def test_a_figure_held_each_year_of_five_is_annual_over_the_five(make_record):
    record = make_record(review="过去一年，粮食产量稳定在50万吨以上。",
                         plan="今后五年，城镇登记失业率控制在4%以内，每年植树造林2万亩。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["50万吨"]["basis"], rows["50万吨"]["period_start"]) == ("annual", 2024)
    for raw in ("4%", "2万亩"):  # each year's value, not their average (tests/labels/README.md)
        assert (rows[raw]["basis"], rows[raw]["period_start"], rows[raw]["year"]) == ("annual", 2025, 2029), raw


def test_each_year_over_a_past_five_years_is_annual_from_their_first(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，全县每年办成民生实事12件，每年接待游客超过500万人次，社保参保率稳定在95%以上。"))}
    for raw in ("12件", "500万人次", "95%"):  # 超过 or not: held in each year, not a level reached
        assert (rows[raw]["basis"], rows[raw]["period_start"], rows[raw]["year"]) == ("annual", 2020, 2024), raw


def test_a_yearly_flow_held_at_a_horizon_year_is_annual_for_that_year(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        plan="今后五年，力争到2029年，港口年吞吐量保持在3000万吨以上。"))}
    assert (rows["3000万吨"]["basis"], rows["3000万吨"]["period_start"], rows["3000万吨"]["year"]) == ("annual", 2029, 2029)


def test_a_five_year_review_counts_only_what_its_words_say_was_done(make_record):
    record = make_record(review="五年来，全县获得省级奖励15项，8家企业主板上市，国家级研发平台9家，"
                                "入驻企业320家，职业院校在校学生3万人。")
    rows = {r["raw"]: r for r in classify_report(record)}
    for raw in ("15项", "8家"):  # a verb of kind acted before the number, or after it
        assert (rows[raw]["basis"], rows[raw]["period_start"]) == ("cumulative", 2020), raw
    for raw in ("9家", "320家", "3万人"):  # no word of a thing done: where the five years ended
        assert (rows[raw]["basis"], rows[raw]["period_start"]) == ("as_of", 2024), raw


def test_the_second_of_a_respectively_list_with_no_words_of_its_own_is_of_the_first_s_period(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，园区面积和企业数量较“十三五”末分别提高12.5%，20.3%。"))}
    assert (rows["20.3%"]["basis"], rows["20.3%"]["period_start"]) == ("cumulative", 2021)


def test_a_rate_raised_to_a_level_is_a_state(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(review="森林覆盖率增加到42%，农民收入增加8%。"))}
    assert (rows["42%"]["measure"], rows["42%"]["basis"]) == ("share", "as_of")
    assert (rows["8%"]["measure"], rows["8%"]["basis"]) == ("growth", "annual")


def test_a_rank_held_through_a_streak_covers_the_streak(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(review="工业投资增速连续12个季度居全省前5位。"))}
    assert (rows["5位"]["basis"], rows["5位"]["period_start"]) == ("cumulative", 2022)


def test_words_right_before_a_number_decide_a_five_year_figure(make_record):
    record = make_record(review="五年来，全县工业总产值从不到200亿元增加到310亿元，新增就业超5万人，"
                                "新建公园30座，累计达到210座，二氧化硫年均浓度累计下降20%。",
                         plan="今后五年，人均预期寿命再增加1岁。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["200亿元"]["year"], rows["200亿元"]["basis"]) == (2019, "annual")  # the output of 2019
    assert rows["5万人"]["basis"] == "cumulative"  # 超 reaches nothing where the clause says new
    assert (rows["30座"]["basis"], rows["210座"]["basis"]) == ("cumulative", "as_of")
    assert (rows["20%"]["basis"], rows["20%"]["period_start"]) == ("cumulative", 2020)
    assert (rows["1岁"]["basis"], rows["1岁"]["period_start"]) == ("cumulative", 2025)


def test_what_the_quantity_is_decides_between_a_year_s_flow_and_a_state(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，全县地区生产总值达到900亿元，社会消费品零售总额突破300亿元，规上企业达450家，"
               "森林覆盖率达到45%，县属企业资产总额达到200亿元。"))}
    assert [rows[raw]["basis"] for raw in ("900亿元", "300亿元", "450家", "45%", "200亿元")] == [
        "annual", "annual", "as_of", "as_of", "as_of"]
    assert rows["300亿元"]["period_start"] == 2024


def test_a_rate_of_a_year_s_flows_reached_in_one_year_is_annual(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="研发投入强度达到2.5%，接待游客突破1000万人次，常住人口城镇化率达到60%，全年空气质量优良天数300天。"))}
    assert [rows[raw]["basis"] for raw in ("2.5%", "1000万人次", "60%", "300天")] == [
        "annual", "annual", "as_of", "annual"]


def test_a_level_a_period_started_from_is_that_year_s_flow_or_state(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，一般公共预算收入从80亿元增加到120亿元，市场主体从20万户增加到30万户。"
               "地区生产总值达到900亿元，较“十三五”末的600亿元增加300亿元。"))}
    assert (rows["80亿元"]["year"], rows["80亿元"]["basis"]) == (2019, "annual")
    assert (rows["20万户"]["year"], rows["20万户"]["basis"]) == (2019, "as_of")
    assert (rows["600亿元"]["year"], rows["600亿元"]["basis"]) == (2020, "annual")


def test_a_clause_of_only_a_verb_of_reaching_shares_the_sentence_s_quantity(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，人均生产总值跨越4万元大关，达到4.1万元；城市品牌、生产总值双双进入百强，跃居全国三线城市第46位。"))}
    assert rows["4.1万元"]["basis"] == "annual"
    assert rows["46位"]["basis"] == "as_of"  # its clause names a thing of its own, not the sentence's output


def test_the_quantity_named_last_decides_and_the_longest_word_there():
    assert periods.quantity("全市社会消费品零售总额") == "flow"
    assert periods.quantity("省属企业资产总额") == "stock"  # 资产总额 over 总额
    assert periods.quantity("民营经济主体数量从") == "stock"
    assert periods.quantity("高新技术企业达") == "stock"  # the codebook's name, column quantity
    assert periods.quantity("设施农业种植面积近") == ""


def test_a_capacity_is_a_stock_but_new_capacity_a_flow(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="全县新能源装机规模达到300万千瓦，新增装机50万千瓦，粮食加工能力突破80万吨。"))}
    assert [rows[raw]["basis"] for raw in ("300万千瓦", "50万千瓦", "80万吨")] == ["as_of", "annual", "as_of"]


def test_a_reserve_forest_or_reserve_planned_is_no_stock_held(make_record):
    """储备 is what is held (储备上市潜力企业14家: as_of), but 国家储备林 is a forest
    planted in the year (periods.csv kind noun) and 谋划储备项目 the year's planning
    (kind builds): annual, built or reviewed."""
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="其中国家储备林1万亩。", plan="建设国家储备林10万亩，谋划储备重大项目300个，储备上市潜力企业14家。"))}
    assert [rows[raw]["basis"] for raw in ("1万亩", "10万亩", "300个", "14家")] == ["annual", "annual", "annual", "as_of"]


def test_a_rate_of_the_year_s_samples_meeting_a_standard_is_annual(make_record):
    """绿色社区达标率 is a state of the communities (as_of); 空气质量达标率, 断面达标率,
    污水处理达标率 are rates of the year's samples, as 优良天数比例 (annual)."""
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="空气质量达标率85%，地表水国考断面达标率100%，污水处理达标率98%，绿色社区达标率达到60%。"))}
    assert [rows[raw]["basis"] for raw in ("85%", "100%", "98%", "60%")] == ["annual", "annual", "annual", "as_of"]


def test_a_noun_that_holds_a_verb_says_nothing_was_done(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="五年来，城市建成区面积150平方公里，建成公园20个，民生支出占同期财政支出的80%。"))}
    assert (rows["150平方公里"]["basis"], rows["20个"]["basis"], rows["80%"]["basis"]) == ("as_of", "cumulative", "cumulative")


BASIS_OF = """
import tempfile
from pathlib import Path
from pipeline.extract import extract_report
from pipeline.meaning.figures import classify_report

HEAD = "政府工作报告\\n——2025年1月9日在某某市某某区第一届人民代表大会第二次会议上\\n某某区区长 李四\\n各位代表：\\n"
path = Path(tempfile.mkdtemp()) / "t.txt"
path.write_text(HEAD + "一、2024年工作回顾\\n{review}\\n二、2025年工作安排\\n\\n", encoding="utf-8")
print(next(f["basis"] for f in classify_report(extract_report(path, {{}})) if f["raw"] == "{raw}"))
"""


def basis_of(root: Path, review: str, raw: str) -> str:
    """The basis of the figure ``raw`` of a one-sentence review, with the rules of the
    copy of the pipeline at ``root`` (one rule line added or not)."""
    return run_python(root, BASIS_OF.format(review=review, raw=raw)).splitlines()[-1]


def test_a_verb_of_a_thing_done_in_a_review_is_one_line(tmp_path):
    sentence = "五年来，全区承办国际赛事6场。"
    assert basis_of(ROOT, sentence, "6场") == "as_of"  # no word says the matches were held
    assert basis_of(with_rule_line(tmp_path, "periods", "承办,acted,"), sentence, "6场") == "cumulative"


def test_a_quantity_that_is_a_year_s_flow_is_one_line(tmp_path):
    sentence = "五年来，全区电影票房突破5亿元。"
    assert basis_of(ROOT, sentence, "5亿元") == "as_of"  # no word says box office is a year's flow
    assert basis_of(with_rule_line(tmp_path, "quantities", "票房,flow,,"), sentence, "5亿元") == "annual"


def test_a_stock_named_right_before_a_number_is_a_state_unless_something_was_done(make_record):
    record = make_record(review="规上工业企业2800家，新落户企业300家，总投资20亿元的园区项目有序推进。",
                         plan="抓好总投资32亿元的重点项目，培育专精特新企业20家。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["2800家"]["basis"] == rows["20亿元"]["basis"] == rows["32亿元"]["basis"] == "as_of"
    assert rows["300家"]["basis"] == rows["20家"]["basis"] == "annual"  # the year's new firms


def test_a_total_over_one_year_is_the_years_flow_or_a_state(make_record):
    record = make_record(review="累计支出27亿元，累计谋划项目70个、总投资350亿元。\n五年来，累计支出90亿元。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["27亿元"]["basis"], rows["350亿元"]["basis"]) == ("annual", "as_of")
    assert (rows["90亿元"]["basis"], rows["90亿元"]["period_start"]) == ("cumulative", 2020)  # a run of years


def test_a_share_is_a_state_unless_it_is_a_rate_of_the_years_flow(make_record):
    record = make_record(review="村集体收入全部达到5万元，10万元以上村占47%，保交房项目交付率94.6%，重点项目开工率100%，"
                                "研发投入强度2.5%。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["47%"]["basis"] == rows["94.6%"]["basis"] == "as_of"
    assert rows["100%"]["basis"] == rows["2.5%"]["basis"] == "annual"  # quantities.csv flow


def test_a_year_s_flow_of_the_genre_stays_annual_whatever_verb_reaches_it(make_record):
    record = make_record(review="全市发电量达到120亿千瓦时，货物周转量达到500亿吨公里，新能源汽车销量达到10万辆，"
                                "高校毕业生超过10万人，产品质量抽检合格率达到98%。\n五年来，全市发电量达到150亿千瓦时。",
                         plan="全市发电量达到130亿千瓦时。")
    rows = {r["raw"]: r for r in classify_report(record)}
    flows = ("120亿千瓦时", "500亿吨公里", "10万辆", "10万人", "98%", "130亿千瓦时")
    assert {raw: rows[raw]["basis"] for raw in flows} == dict.fromkeys(flows, "annual")  # quantities.csv flow
    assert (rows["150亿千瓦时"]["basis"], rows["150亿千瓦时"]["period_start"]) == ("annual", 2024)  # the last year's flow


def test_things_that_exist_are_a_state_unless_a_verb_says_they_were_made(make_record):
    record = make_record(review="全市养老床位2.3万张，充电桩1.2万个，生猪存栏300万头，国家级农业产业园3个，天然气管道通到90个乡镇，"
                                "上市公司总市值3000亿元，人均预期寿命79.5岁，每千人口执业医师数3.2人，建成区绿地率居全省第2位。"
                                "新增养老床位2000张，建成充电桩3000个。\n五年来，新增养老床位8000张。")
    rows = {r["raw"]: r["basis"] for r in classify_report(record)}
    stocks = ("2.3万张", "1.2万个", "300万头", "3个", "90个", "3000亿元", "79.5岁", "3.2人", "2位")
    assert {raw: rows[raw] for raw in stocks} == dict.fromkeys(stocks, "as_of")  # quantities.csv stock
    assert (rows["2000张"], rows["3000个"], rows["8000张"]) == ("annual", "annual", "cumulative")  # a verb of doing


def test_a_verb_of_building_or_changing_makes_things_that_exist_a_count_of_things_done(make_record):
    record = make_record(review="幼儿园107所，新改扩建幼儿园31所，3个开发区升格为国家级开发区，40所乡镇敬老院转型为养老服务中心，"
                                "5所幼儿园通过省级验收。\n五年来，新晋国家一级博物馆6家，优化调整开发区12个。")
    rows = {r["raw"]: r["basis"] for r in classify_report(record)}
    assert rows["107所"] == "as_of"  # no verb: how many there are
    assert (rows["31所"], rows["3个"], rows["40所"], rows["5所"]) == ("annual",) * 4  # periods.csv done, acted
    assert rows["6家"] == rows["12个"] == "cumulative"


def test_an_amount_raised_to_a_level_or_a_stock_reached_is_a_state(make_record):
    record = make_record(review="设施农业种植面积达到2万亩，道路总里程达75公里，地区生产总值达到900亿元，"
                                "为企业减负超过30亿元，以旧换新带动消费超过20亿元。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["2万亩"]["basis"] == rows["75公里"]["basis"] == "as_of"
    assert rows["900亿元"]["basis"] == rows["30亿元"]["basis"] == rows["20亿元"]["basis"] == "annual"


def _times(make_record, review: str, plan: str = "") -> dict[str, tuple]:
    """(basis, period_start) of each figure of a short report, by the number as written."""
    return {r["raw"]: (r["basis"], r["period_start"]) for r in classify_report(make_record(review, plan))}


def test_a_figure_held_through_a_streak_is_each_year_s_from_the_streak_s_start(make_record):
    times = _times(make_record, "粮食产量连续8年稳定在60万吨以上，耕地面积连续4年累计净增1万亩，工业投资连续30个月保持两位数增长。")
    assert (times["60万吨"], times["1万亩"], times["两位数增长"]) == (
        ("annual", 2017), ("cumulative", 2021), ("annual", 2022))


def test_a_quoted_stock_name_before_a_number_is_still_the_stock(make_record):
    assert _times(make_record, "全球“灯塔工厂”3家。")["3家"] == ("as_of", 2024)


def test_a_count_of_things_that_happen_is_the_period_s_flow(make_record):
    times = _times(make_record, "全年累计救助困难群众916人次，接待邮轮超过100艘次。\n五年来，累计培训农民5万人次。")
    assert times["916人次"] == times["100艘次"] == ("annual", 2024)  # not a state reached
    assert times["5万人次"] == ("cumulative", 2020)


def test_a_payment_s_standard_is_a_state_but_a_sum_paid_the_year_s_flow(make_record):
    times = _times(make_record, "育儿家庭每月多了300元补贴，发放补贴2000万元。", "困难家庭新生一次性补助5000元。")
    assert (times["300元"][0], times["5000元"][0], times["2000万元"][0]) == ("as_of", "as_of", "annual")


def test_the_time_a_task_took_is_the_year_s_but_a_run_a_state(make_record):
    times = _times(make_record, "仅用27天完成征迁任务，连续8年获评先进，全社会研发经费投入达30亿元。")
    assert times["27天"] == ("annual", 2024)
    assert times["8年"] == ("cumulative", 2017)
    assert times["30亿元"] == ("annual", 2024)  # 经费投入 names a flow: no verb of a thing done


def test_a_number_that_opens_its_clause_is_not_read_by_the_sentence_s_other_words(make_record):
    assert _times(make_record, "新增就业1万人，89%的公园实现24小时开放。")["89%"] == ("as_of", 2024)


def test_a_count_written_before_a_stock_is_a_state_unless_something_befell_it(make_record):
    times = _times(make_record, "770家企业融入产业链，1.4万家市场主体享受惠企政策，25个项目竣工。")
    assert (times["770家"][0], times["1.4万家"][0], times["25个"][0]) == ("as_of", "annual", "annual")


def test_a_value_listed_right_after_another_shares_its_time(make_record):
    record = make_record(review="五年来，研发中心、总部分别从771家、481家增加到1076家、636家。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["481家"]["year"], rows["481家"]["basis"]) == (rows["771家"]["year"], "as_of") == (2019, "as_of")


def test_a_stock_held_in_one_year_is_a_state_but_held_over_five_years_each_year_s(make_record):
    times = _times(make_record, "外汇储备保持在3万亿美元以上，粮食产量稳定在50万吨以上。",
                   "高新技术企业总量保持在650家以上。")
    assert (times["3万亿美元"], times["50万吨"], times["650家"]) == (("as_of", 2024), ("annual", 2024), ("as_of", 2025))
    five = _times(make_record, "五年来，企业参保率稳定在98%以上。")
    assert five["98%"] == ("annual", 2020)


def test_a_rate_paid_from_a_level_is_the_level_the_year_started_from(make_record):
    rows = {r["raw"]: r for r in classify_report(make_record(review="基础养老金最低标准从每月70元提高到88元。"))}
    assert (rows["70元"]["year"], rows["70元"]["basis"]) == (2023, "as_of")
    assert (rows["88元"]["year"], rows["88元"]["basis"]) == (2024, "as_of")


def test_a_clause_of_the_year_and_a_verb_of_reaching_shares_the_sentence_s_quantity(make_record):
    assert _times(make_record, "全县地区生产总值连跨两个台阶，2024年达到500亿元。")["500亿元"] == ("annual", 2024)


# The rule each case checks → a short review written for it, and (basis, period_start) of some of its figures.
REVIEW_TIMES = {
    "a_count_reached_is_a_state_unless_it_counts_things_done": (
        "职务科技成果赋权超过800项，国家级高新技术企业超过170家，8家企业亮相国际展会。",
        {"800项": ("annual", 2024), "170家": ("as_of", 2024), "8家": ("annual", 2024)}),
    "a_share_written_before_what_it_measures_is_read_by_the_words_after_it": (
        "新增就业1万人，95%以上的村集体经营性收入超过10万元，89%的公园实现24小时开放。", {"95%": ("annual", 2024), "89%": ("as_of", 2024)}),
    "a_part_of_the_figure_before_is_of_its_period_and_basis": (
        "新设经营主体30.8万户，其中企业8.4万户。", {"30.8万户": ("annual", 2024), "8.4万户": ("annual", 2024)}),
    "a_standing_in_a_ranking_is_a_state_but_a_growth_rate_s_place_or_a_rise_the_year_s": (
        "高新区全国排名53位、提升3位，地区生产总值增速居全省第2位。",
        {"53位": ("as_of", 2024), "3位": ("annual", 2024), "2位": ("annual", 2024)}),
    "a_rank_takes_the_basis_of_what_it_ranks": (
        "企业数量居全省第一，经济总量居全省第3位，农民合作社2.3万家，全省第二位，排名46位，提升6位。",
        {"一": ("as_of", 2024), "3位": ("annual", 2024), "二": ("as_of", 2024), "6位": ("annual", 2024)}),
    "a_rank_of_the_total_of_the_counts_before_takes_their_basis": (
        "五年来，8家单位荣获先进集体称号，8人被授予先进个人称号，总数全省第一。",
        {"8人": ("cumulative", 2020), "一": ("cumulative", 2020)}),
    "a_list_of_ranks_is_one_list_each_item_of_the_first_s_basis": (
        "农业产业化集群、农业产业化联合体分别达21个，居全省第一、第二位。",
        {"一": ("as_of", 2024), "二": ("as_of", 2024)}),
    "a_verb_of_a_deed_reaches_the_bare_counts_of_its_list_in_the_clauses_after": (
        "建成示范村55个，示范乡镇10个、示范村250个。获批创建产业集群2个，3个现代农业产业园。",
        {"10个": ("annual", 2024), "250个": ("annual", 2024), "3个": ("annual", 2024)}),
    "a_list_a_verb_reaches_ends_at_a_stock_cue_a_verb_or_another_counter": (
        "新建学校5所，学校总数达到100所，幼儿园30所。建成产业园9个，入驻企业5000家。新增企业800家，其中高新技术企业20家。",
        {"30所": ("as_of", 2024), "5000家": ("as_of", 2024), "20家": ("annual", 2024)}),
    "a_place_won_in_an_assessment_is_the_year_s_whatever_stock_names_the_winner": (
        "某产业园获评全市主题园区第四名，企业数量居全省第一。", {"四": ("annual", 2024), "一": ("as_of", 2024)}),
    "a_base_followed_by_a_word_of_one_year_names_what_is_counted_not_the_period": (
        "2013年以来新增的企业去年纳税达到50亿元，2022年以来累计新增就业10万人。", {"50亿元": ("annual", 2024), "10万人": ("cumulative", 2022)}),
}


@pytest.mark.parametrize(("review", "expected"), REVIEW_TIMES.values(), ids=REVIEW_TIMES)
def test_a_review_s_figures_take_the_basis_and_period_their_words_say(make_record, review: str,
                                                                       expected: dict[str, tuple]):
    """One rule per case, each on a sentence of its own: one test body, not a copy per rule."""
    times = _times(make_record, review)
    assert {raw: times[raw] for raw in expected} == expected


def test_a_count_before_its_noun_and_a_verb_of_changing_to_is_the_level_changed_from(make_record):
    """20个产业集聚区整合为11个: the 20 were there before the year; 74个国控断面 whose share reached
    100% are the year's, the share being theirs, not the count changing."""
    rows = {r["raw"]: r for r in classify_report(make_record("全市20个产业集聚区整合为11个，74个国控断面水质优良比例达到100%。"))}
    assert [(rows[raw]["year"], rows[raw]["basis"]) for raw in ("20个", "11个")] == [(2023, "as_of"), (2024, "as_of")]
    assert rows["74个"]["year"] == 2024


def test_a_count_before_the_things_whose_level_reached_one_is_the_years(make_record):
    """5家企业产值达到10亿元: 达到 says what the firms' output reached, no change of their
    number; the 5 are the year's firms (periods.csv kind changed_to holds 调整为, 整合为 only)."""
    rows = {r["raw"]: r for r in classify_report(make_record("全市5家企业产值达到10亿元。"))}
    assert (rows["5家"]["year"], rows["5家"]["basis"]) == (2024, "annual")


def test_a_plan_of_a_five_year_plan_s_last_year_completing_its_goal_counts_the_whole_plan(make_record):
    times = _times(make_record, "", "完成“十四五”100个“无废细胞”创建目标，实现“十四五”能耗强度下降12%的目标，新建公园5个。")
    assert (times["100个"], times["12%"], times["5个"]) == (("cumulative", 2021), ("cumulative", 2021), ("annual", 2025))


def test_a_running_total_listed_after_the_years_deed_is_a_state(make_record):
    """新建绿道137公里、累计达到2136公里: the year's deed, then the total it added to (as_of)."""
    record = make_record(review="新建绿道137公里、累计达到2136公里。新增示范案例9个、累计达到79个。")
    rows = {r["raw"]: r["basis"] for r in classify_report(record) if r["role"] == "indicator"}
    assert rows == {"137公里": "annual", "2136公里": "as_of", "9个": "annual", "79个": "as_of"}


def test_a_rate_kept_to_a_count_of_digits_is_each_years(make_record):
    """五年来…出口保持两位数增长: a rate above a floor in each year of the five, not a change over them."""
    record = make_record(review="五年来，全市出口保持两位数增长，新建学校20所。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "indicator"}
    assert (rows["两位数增长"]["basis"], rows["两位数增长"]["period_start"]) == ("annual", 2020)
    assert rows["20所"]["basis"] == "cumulative"


def test_a_standard_in_force_is_a_state_and_its_change_the_year_s(make_record):
    record = make_record(plan="居民医保人均财政补助标准再增加30元。将增值税起征点从月销售额10万元提高到15万元。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["30元"]["basis"] == "annual"
    assert (rows["10万元"]["year"], rows["10万元"]["basis"]) == (2024, "as_of")
    assert rows["15万元"]["basis"] == "as_of"


def test_a_total_of_things_done_is_cumulative_and_a_total_reached_a_state(make_record):
    times = _times(make_record, "五年来，学院累计输送人才超过1000人，5G基站累计达到1100座。")
    assert (times["1000人"], times["1100座"]) == (("cumulative", 2020), ("as_of", 2024))


def test_thresholds_crossed_since_a_plan_opening_the_sentence_run_from_its_first_year(make_record):
    times = _times(make_record, "地区生产总值增长5%。“十三五”以来，全县地区生产总值连跨2个百亿台阶、突破300亿元。")
    assert (times["2个"], times["300亿元"]) == (("cumulative", 2016), ("annual", 2024))


def test_a_count_before_its_noun_counts_what_is_named_first(make_record):
    times = _times(make_record, "全省160个国控断面中I类水质占比86.1%，26家企业上榜民企500强，40家企业营业收入超10亿元。")
    assert times["160个"][0] == "as_of"
    assert times["40家"][0] == "annual"  # firms counted by a threshold their year's revenue passed
    assert (times["86.1%"][0], times["26家"][0]) == ("annual", "annual")


def test_years_ahead_of_schedule_are_no_run(make_record):
    assert _times(make_record, "提前三年实现县县通高速。")["三年"] == ("annual", 2024)


def test_a_list_item_with_its_own_verb_of_reaching_is_a_level_whatever_the_items_before_did(make_record):
    times = _times(make_record, "五年来，累计建成桥梁40座、城市道路突破7000公里，人均预期寿命较2020年提高1.2岁、达到79.7岁。")
    assert times["40座"] == ("cumulative", 2020)
    assert (times["7000公里"], times["79.7岁"]) == (("as_of", 2024), ("as_of", 2024))


def test_a_plan_s_count_of_a_class_over_a_threshold_is_a_state_and_so_are_both_ends_of_its_range(make_record):
    """力争主营业务收入超50亿元企业2—3家: no verb, firms above a bound at the year's end
    (tests/labels/README.md: only a verb of doing makes a plan's count the year's flow)."""
    record = make_record(plan="力争主营业务收入超50亿元企业2—3家，培育专精特新企业20家。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "target"}
    assert (rows["2"]["basis"], rows["3家"]["basis"]) == ("as_of", "as_of")
    assert rows["20家"]["basis"] == "annual"


def test_a_time_limit_is_the_year_s_and_a_run_of_years_spans_them(make_record):
    """10天内完成: the time a task may take, the year's (annual); 连续5年稳定在: a run over the
    five years up to the review year (cumulative)."""
    times = _times(make_record, "项目拿地后10天内完成“四证”办理，粮食产量连续5年稳定在60万吨。")
    assert (times["10天"][0], times["5年"][0]) == ("annual", "cumulative")


def test_a_total_reached_after_the_years_net_gain_is_the_stock_of_the_things(make_record):
    record = make_record(review="全年净增市场主体3000家、达到3.3万家，地区生产总值增长5%、达到3000亿元。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["3000家"]["basis"], rows["3.3万家"]["basis"]) == ("annual", "as_of")
    assert rows["3000亿元"]["basis"] == "annual"  # a flow reached stays the year's


def test_a_running_total_in_a_years_review_names_no_start_unless_the_sentence_does(make_record):
    """累计建成 with no period named: period_start blank (tests/labels/README.md), not the year guessed."""
    record = make_record(review="累计建成5G基站4300个。今年以来，累计治愈病例139例。全年累计支出27.2亿元。",
                         plan="累计建成驿站700个以上。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] in ("indicator", "target")}
    assert (rows["4300个"]["basis"], rows["4300个"]["period_start"]) == ("cumulative", "")
    assert rows["139例"]["period_start"] == 2024  # 今年以来 names the year it runs from
    assert (rows["27.2亿元"]["basis"], rows["27.2亿元"]["period_start"]) == ("annual", 2024)  # a flow: the year's total
    assert rows["700个"]["period_start"] == 2025  # a plan's total: left to the plan year


@pytest.mark.parametrize("review, basis", [
    ("严守18亿亩耕地红线。", "as_of"),
    ("新增300亿元信贷。", "annual"),
    ("投放500亿元信贷。", "annual"),
    ("新增300家企业。", "annual"),
])
def test_an_amount_before_a_stock_is_a_state_unless_its_clause_tells_a_deed(make_record, review, basis):
    """18亿亩耕地红线: an amount written before the stock it measures is there at a date;
    新增, 投放 (a deed, as for a count before what it counts) make it the year's flow."""
    assert basis_of_the_one_figure(make_record(review=review)) == basis


@pytest.mark.parametrize("review, basis", [
    ("全省92个学科进入ESI全球前1%。", "as_of"),
    ("92个学科进入ESI全球前1%。", "as_of"),
    ("新增3个学科进入ESI全球前1%。", "annual"),
])
def test_things_standing_in_a_top_share_are_a_state_unless_the_clause_says_they_are_new(make_record, review, basis):
    """92个学科进入全球前1%: how many stand there at the year's end; 新增 counts the year's entrants."""
    assert basis_of_the_one_figure(make_record(review=review)) == basis


def basis_of_the_one_figure(record: dict) -> str:
    """The basis of the one figure (role other aside) of a short report."""
    [row] = [r for r in classify_report(record) if r["role"] != "other"]
    return row["basis"]


def test_a_plan_named_with_since_at_a_paragraph_s_start_runs_to_now_not_into_the_plan():
    assert periods.opener_time("“十四五”以来，累计新增就业30万人。", 2025) == ("review", 2024, 2024)
    assert periods.opener_time("“十四五”时期，地区生产总值年均增长6%。", 2025) == ("plan", 2025, 2021)


@pytest.mark.parametrize("paragraph, start", [
    ("“十四五”以来，全区坚持创新驱动。累计建成5G基站4300个。", 2021),
    ("全区坚持创新驱动，近三年来，累计建成5G基站4300个。", 2022),
    ("新区设立五年来，全区坚持创新驱动。累计建成5G基站4300个。", 2020),  # the period ends a clause
    ("党的十八大以来，全区坚持创新驱动。累计建成5G基站4300个。", 2013),
    ("2021～2024年，累计建成5G基站4300个。", 2021),  # a run of years, any range link between its ends
    ("2021年到2024年，累计建成5G基站4300个。", 2021),
    ("“十四五”以来，全区坚持创新驱动。全年累计建成5G基站4300个。", None),  # one year named since
    ("“十四五”以来，全区坚持创新驱动。2023年，全区获批国家创新型城市。累计建成5G基站4300个。", None),  # one past year
    ("“十四五”以来，全区坚持创新驱动。本届政府以来，累计建成5G基站4300个。", None),  # no start said
    ("“十三五”期间，全区坚持创新驱动。累计建成5G基站4300个。", None),  # a plan over by 2024
    ("“十三五”以来，全区坚持创新驱动。累计建成5G基站4300个。", 2016),  # since a plan: to now
    ("全区坚持创新驱动。累计建成5G基站4300个。", None),
    ("创党的十八大以来最好水平。累计建成5G基站4300个。", None),  # a record, not a period: mid-clause
    ("全区人均预期寿命提高近两年，累计建成5G基站4300个。", None),  # a change of two years: 近两年 opens a clause only
    ("增速高于过去三年，累计建成5G基站4300个。", None),  # a comparison with the years before
    ("建党百年来，累计建成5G基站4300个。", None),  # an age, no count of years a period runs
    ("全区坚持创新驱动，近10年来，累计建成5G基站4300个。", 2015),
])
def test_the_period_a_paragraph_names_before_a_number(paragraph, start):
    text = f"一、2024年工作回顾\n{paragraph}\n"
    assert periods.named_start(text, text.index("4300"), 2024) == start


def test_every_period_head_has_an_example():
    """Each head of rules/period_heads.csv is its own form (a start, an end, a slot): each shows what it does."""
    from pipeline.rules import table
    assert [row["head"] for row in table("period_heads") if not row["example"]] == []


def test_a_period_named_in_another_paragraph_or_after_the_number_does_not_reach_it():
    text = "近三年来，全区坚持创新驱动。\n累计建成5G基站4300个，近三年来成效明显。\n"
    assert periods.named_start(text, text.index("4300"), 2024) is None
    assert periods.named_start(text, text.index("4300"), 2024, ("“十四五”以来的主要成就",)) == 2021
    assert periods.named_start(text, text.index("4300"), 2024, ("“十四五”以来的主要成就", "2024年工作")) is None


def test_a_running_total_takes_the_period_its_paragraph_named_and_a_years_flow_keeps_the_year(make_record):
    """A paragraph names its period once: the running totals after it are over that period,
    until one year is named; the year's own flows stay the year's (tests/labels/README.md)."""
    times = _times(make_record, "“十四五”以来，全区坚持创新驱动。累计建成5G基站4300个，新增就业3万人。"
                                "全年累计支出27.2亿元。\n累计建成驿站70个。")
    assert times["4300个"] == ("cumulative", 2021)
    assert times["3万人"] == ("annual", 2024)
    assert times["27.2亿元"] == ("annual", 2024)  # 全年 names the year: the year's total
    assert times["70个"] == ("cumulative", "")  # the next paragraph names no period


def test_a_sub_heading_names_the_period_of_its_paragraphs_running_totals(make_record):
    times = _times(make_record, "地区生产总值增长5%。\n（一）“十四五”以来的主要成就\n全区坚持创新驱动。"
                                "累计完成投资1200亿元。\n（二）民生改善\n累计建成驿站70个。")
    assert (times["1200亿元"], times["70个"]) == (("cumulative", 2021), ("cumulative", ""))


def test_a_period_a_heading_names_reaches_the_items_written_under_it(make_record):
    """一是 items are sections inside the （一） heading: its period reaches their running totals."""
    times = _times(make_record, "地区生产总值增长5%。\n（一）“十四五”以来的主要成就\n一是创新驱动成效明显。"
                                "累计完成投资1200亿元。\n二是民生改善。累计建成驿站70个。")
    assert (times["1200亿元"], times["70个"]) == (("cumulative", 2021), ("cumulative", 2021))


def test_a_share_over_the_year_s_plan_a_time_limit_and_a_place_among_the_first_n(make_record):
    record = make_record(review="完成改造80万平方米，超年度计划5.1%。企业投资项目审批时限压减至60个工作日以内。"
                                "某医院胸痛中心建设位居全国20强。全市工业产值位居全省30强。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["5.1%"]["basis"] == "annual"  # a share of the year's plan, as 年度任务
    assert rows["60个工作日"]["basis"] == "as_of"  # the limit in force, no year's investment
    assert rows["20强"]["basis"] == "as_of"  # a standing among the first 20 (tests/labels/README.md)
    assert rows["30强"]["basis"] == "annual"  # but a flow's place is the year's


def test_a_plan_s_cohort_is_the_plan_year_s_given_not_a_goal(make_record):
    record = make_record(plan="今年高校毕业生超过1000万人，要加强就业服务。帮助高校毕业生就业10万人，"
                              "高校毕业生就业率达到90%。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["1000万人"]["role"], rows["1000万人"]["basis"]) == ("indicator", "annual")
    assert rows["1000万人"]["year"] == rows["10万人"]["year"]  # the plan year's, not the review year's
    assert rows["10万人"]["role"] == rows["90%"]["role"] == "target"  # what the work aims at stays a goal


def times_of(tmp_path, head: str, body: str) -> set[tuple]:
    """(raw, role, year, period_start, basis) of the indicators and targets of a short report ``head`` + ``body``."""
    from pipeline.extract import extract_report
    path = tmp_path / "t.txt"
    path.write_text(head + body, encoding="utf-8")
    return {(r["raw"], r["role"], r["year"], r["period_start"], r["basis"]) for r in classify_report(extract_report(path, {}))
            if r["role"] in ("indicator", "target")}


REVIEW_OF_YEAR_AND_PLAN = "全市地区生产总值增长5.7%。累计建成5G基站4300个，新增高新技术企业1200家，年均增长6.1%。\n"


@pytest.mark.parametrize(("title", "delivered"), [
    ("2024年和“十四五”以来工作回顾", 2025), ("2024年工作和“十四五”时期主要成就", 2025),
    ("2024年及“十四五”前四年工作回顾", 2025), ("“十四五”以来和2024年工作回顾", 2025),
    ("过去一年和“十四五”以来的工作", 2025), ("去年和“十四五”以来的工作", 2025), ("2024年和2021年以来工作回顾", 2025),
    ("2024年工作回顾和“十四五”发展成就", 2025), ("2025年和“十四五”时期工作回顾", 2026),
    ("过去五年和2025年工作回顾", 2026), ("2025年主要工作和“十四五”发展成就", 2026)])
def test_under_a_heading_of_a_year_and_a_plan_period_flows_stay_the_year_s_and_totals_run_from_the_plan(
        tmp_path, title, delivered):
    from conftest import HEAD
    year = delivered - 1
    head = HEAD.replace("2025年1月9日", f"{delivered}年1月9日")
    body = f"一、{title}\n{REVIEW_OF_YEAR_AND_PLAN}二、{delivered}年工作安排\n地区生产总值增长6%左右。\n"
    assert times_of(tmp_path, head, body) == {
        ("5.7%", "indicator", year, year, "annual"), ("4300个", "indicator", year, 2021, "cumulative"),
        ("1200家", "indicator", year, year, "annual"), ("6.1%", "indicator", year, 2021, "annual_average"),
        ("6%", "target", delivered, delivered, "annual")}


def test_a_paragraph_naming_the_year_again_ends_the_reach_of_the_heading_s_plan_period(tmp_path):
    head = "政府工作报告\n——2026年1月9日在某某市第一届人民代表大会第二次会议上\n某某市市长 李四\n各位代表：\n"
    body = ("一、2025年和“十四五”时期工作回顾\n刚刚过去的2025年，全市地区生产总值增长5.7%。\n累计建成5G基站4300个。\n"
            "“十四五”时期，累计新建学校120所。\n二、2026年工作安排\n地区生产总值增长6%左右。\n")
    assert times_of(tmp_path, head, body) == {
        ("5.7%", "indicator", 2025, 2025, "annual"), ("4300个", "indicator", 2025, "", "cumulative"),
        ("120所", "indicator", 2025, 2021, "cumulative"), ("6%", "target", 2026, 2026, "annual")}


NATIONAL_2026 = "政府工作报告\n——2026年3月5日在第十四届全国人民代表大会第四次会议上\n国务院总理 李强\n各位代表：\n"
PLAN_2026 = "二、2026年政府工作任务\n新建改造城市燃气管道10万公里。\n"
GAS = ("10万公里", "target", 2026, 2026, "annual")


@pytest.mark.parametrize("heading", ["“十四五”时期工作回顾", "“十四五”时期和2025年工作回顾"])
@pytest.mark.parametrize("body", [
    "2025年国内生产总值增长5%。", "2025年，国内生产总值增长5%。", "去年国内生产总值增长5%。",
    "过去五年，国内生产总值年均增长5.4%。2025年国内生产总值增长5%。",
    "过去五年，国内生产总值年均增长5.4%。2025年，国内生产总值增长5%。",
    "过去五年，国内生产总值年均增长5.4%。\n2025年国内生产总值增长5%。",
    "国内生产总值年均增长5.4%，2025年增长5%。"])
def test_a_year_named_in_a_five_year_review_makes_the_figure_that_year_s(tmp_path, heading, body):
    rows = times_of(tmp_path, NATIONAL_2026, f"一、{heading}\n{body}\n{PLAN_2026}")
    assert ("5%", "indicator", 2025, 2025, "annual") in rows and GAS in rows
    assert {row[2:] for row in rows if row[0] == "5.4%"} <= {(2025, 2021, "annual_average")}


def test_an_earlier_year_named_gives_that_year_s_flows_and_stocks_and_keeps_a_base(tmp_path):
    body = "2023年，全市GDP突破5000亿元，新增高新技术企业120家，比2020年增长30%，常住人口城镇化率达到66%。"
    assert times_of(tmp_path, NATIONAL_2026, f"一、“十四五”时期工作回顾\n{body}\n{PLAN_2026}") == {
        ("5000亿元", "indicator", 2023, 2023, "annual"), ("120家", "indicator", 2023, 2023, "annual"),
        ("30%", "indicator", 2023, 2021, "cumulative"), ("66%", "indicator", 2023, 2023, "as_of"), GAS}


def test_a_period_named_after_the_year_takes_the_figures_after_it_back(tmp_path):
    body = "2025年国内生产总值增长5%，五年来累计新建学校600所。"
    assert times_of(tmp_path, NATIONAL_2026, f"一、“十四五”时期工作回顾\n{body}\n{PLAN_2026}") == {
        ("5%", "indicator", 2025, 2025, "annual"), ("600所", "indicator", 2025, 2021, "cumulative"), GAS}


@pytest.mark.parametrize(("body", "expected"), [
    ("国内生产总值比2020年增长30%。", ("30%", "indicator", 2025, 2021, "cumulative")),
    ("2020年以来累计新建学校120所。", ("120所", "indicator", 2025, 2020, "cumulative")),
    ("到2025年，累计新建学校120所。", ("120所", "indicator", 2025, 2021, "cumulative"))])
def test_a_year_that_is_a_base_a_start_or_a_target_leaves_the_period(tmp_path, body, expected):
    assert expected in times_of(tmp_path, NATIONAL_2026, f"一、“十四五”时期工作回顾\n{body}\n{PLAN_2026}")


def test_an_earlier_year_in_a_one_year_review_is_that_year_s_and_a_plan_s_horizon_stays(tmp_path):
    from conftest import HEAD
    body = ("一、2024年工作回顾\n2023年，全区新建学校20所。地区生产总值增长5%。\n"
            "二、2025年工作安排\n到2027年，建成5G基站4300个。2027年，高新技术企业达到1500家。\n")
    assert times_of(tmp_path, HEAD, body) == {
        ("20所", "indicator", 2023, 2023, "annual"), ("5%", "indicator", 2024, 2024, "annual"),
        ("4300个", "target", 2027, 2025, "cumulative"), ("1500家", "target", 2025, 2025, "as_of")}


COUNTY_2025 = "政府工作报告\n——2025年1月10日在某某县第一届人民代表大会第二次会议上\n某某县县长 李四\n各位代表：\n"
PLANNED = "一、2024年工作回顾\n全县生产总值增长6%。\n二、2025年工作安排\n"


@pytest.mark.parametrize(("plan", "past", "planned"), [
    ("去年，全县生产总值增长6%，今年要增长6.5%。", ("6%", "annual"), "6.5%"),
    ("2024年全县生产总值增长6%，今年要增长6.5%。", ("6%", "annual"), "6.5%"),
    ("去年全县新建学校3所，今年再建5所。", ("3所", "annual"), "5所"),
    ("上年全县新建学校3所，努力新建5所。", ("3所", "annual"), "5所"),
    ("去年底全县已有高新技术企业50家，力争新增10家。", ("50家", "as_of"), "10家")])
def test_a_past_year_s_result_recalled_in_the_plan_is_an_indicator_of_that_year(tmp_path, plan, past, planned):
    rows = times_of(tmp_path, COUNTY_2025, f"{PLANNED}{plan}\n")
    assert (past[0], "indicator", 2024, 2024, past[1]) in rows
    assert {row[1:3] for row in rows if row[0] == planned} == {("target", 2025)}


def test_an_earlier_year_in_the_plan_is_that_year_s_and_a_later_one_the_plan_s(tmp_path):
    rows = times_of(tmp_path, COUNTY_2025, f"{PLANNED}2023年全县新建学校3所，2025年再建5所。\n")
    assert ("3所", "indicator", 2023, 2023, "annual") in rows
    assert {row[1:3] for row in rows if row[0] == "5所"} == {("target", 2025)}


@pytest.mark.parametrize("plan", ["比2024年增长6.5%。", "较去年增长6.5%，要新建学校5所。", "2026年全县新建学校6.5所。"])
def test_a_base_or_a_later_year_in_the_plan_leaves_its_target(tmp_path, plan):
    rows = times_of(tmp_path, COUNTY_2025, f"{PLANNED}{plan}\n")
    assert {row[1:3] for row in rows if row[0].startswith("6.5")} == {("target", 2025)}


@pytest.mark.parametrize("opener", ["过去一年，", "一年来，", "回顾过去一年，", "刚刚过去的2024年，",
                                    "去年，", "2024年，", "回顾去年，", "回首2024年，"])
def test_a_paragraph_opening_on_the_year_reviewed_is_a_review_where_no_heading_decides(tmp_path, opener):
    body = f"今年的主要目标：地区生产总值增长6.5%左右。\n{opener}全县生产总值增长6%。新建学校3所。\n"
    rows = times_of(tmp_path, COUNTY_2025, body)
    assert {("6.5%", "target", 2025, 2025, "annual"), ("6%", "indicator", 2024, 2024, "annual"),
            ("3所", "indicator", 2024, 2024, "annual")} <= rows


def test_a_paragraph_on_the_year_reviewed_turns_no_part_a_heading_decides():
    assert periods.opener_time("去年，全县生产总值增长6%。", 2025) is None
    assert periods.opener_time("去年，全县生产总值增长6%。", 2025, headed=False) == ("review", 2024, 2024)
    assert periods.opener_time("2024年以来，全县新建学校3所。", 2025, headed=False) is None
    assert periods.opener_time("2023年，全县新建学校3所。", 2025, headed=False) is None
