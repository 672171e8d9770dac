"""Outline and header rules, on short texts written for the test."""
from pathlib import Path

import pytest

from pipeline.extract import extract_report
from pipeline.read.outline import (body_start, dated_years, delivery_years, find_sections, header_years, horizon_year,
                                   read_header)

REPORT = (
    "政 府 工 作 报 告\n"
    "——2023年1月5日在某某市某某县第三届人民代表大会第二次会议上\n"
    "某某县县长  张三\n"
    "各位代表：\n"
    "一、2022年工作回顾\n"
    "一年来，生产总值增长5%。\n"
    "（一）产业发展。新增企业12家。\n"
    "二、2023年工作安排\n"
    "主要预期目标是：生产总值增长6%左右。\n"
    "（一）稳增长。\n一是扩大投资。\n二是促进消费。\n"
    "三、加强政府自身建设\n"
)


def test_header_fields():
    meta = read_header(REPORT)
    assert meta["delivered_on"] == "2023-01-05"
    assert meta["speaker"] == "张三" and meta["speaker_title"] == "某某县县长"
    assert meta["meeting"] == "某某市某某县第三届人民代表大会第二次会议"


def test_sections_have_levels_kinds_and_spans():
    sections = {s.section_id: s for s in find_sections(REPORT, body_start(REPORT))}
    assert sections["1"].kind == "review" and sections["1"].year == 2022
    assert sections["1.1"].kind == "review" and sections["1.1"].parent_id == "1"
    assert sections["2"].kind == "plan" and sections["2"].year == 2023
    assert sections["2.1.1"].label == "一是" and sections["2.1.1"].title == "扩大投资"
    assert sections["3"].kind == "plan"
    assert REPORT[sections["2"].start:].startswith("二、2023年工作安排")
    assert sections["1"].end == sections["2"].start


def test_headings_run_into_paragraphs():
    text = "各位代表：\n一、2024年工作回顾过去一年，我们做了很多。（二）扩大开放。外贸增长5%。"
    sections = {s.section_id: s for s in find_sections(text, 0)}
    assert sections["1"].title == "2024年工作回顾"
    assert sections["1.2"].label == "（二）"


def test_unnumbered_headings_and_five_year_plans():
    text = "各位代表：\n“十四五”时期工作回顾\n五年来成绩显著。\n2026年重点工作\n"
    kinds = [(s.kind, s.year) for s in find_sections(text, 0)[1:]]
    assert kinds == [("review", 2025), ("plan", 2026)]
    assert horizon_year("“十五五”时期的主要目标任务") == 2030


def test_a_heading_naming_the_next_year_opens_the_plan():
    text = "各位代表：\n一、2024年工作回顾\n成绩显著。\n二、2025年经济社会发展总体思路和政策取向\n三、2025年政府工作任务\n"
    kinds = [(s.label, s.kind, s.year) for s in find_sections(text, 0)[1:]]
    assert kinds == [("一、", "review", 2024), ("二、", "plan", 2025), ("三、", "plan", 2025)]


def test_blank_lines_are_not_tested_for_headings(monkeypatch):
    """A report copied with thousands of trailing blank lines (benchmarks/scale.py's)
    costs no heading test per blank line, and its sections are the same."""
    from pipeline.read import outline

    tested: list[str] = []
    real = outline._heading
    monkeypatch.setattr(outline, "_heading", lambda line: tested.append(line) or real(line))
    padded = REPORT.replace("二、2023年", "\n\n\n二、2023年") + "\n" * 1000
    assert len(find_sections(padded, body_start(padded))) == len(find_sections(REPORT, body_start(REPORT)))
    assert tested.count("") <= 2  # at most the first and last line


# The forms a work report's outline takes, national to county, 2015–2026: each a
# short outline whose top-level parts must get their kind and year (a five-year
# part its first year too). Header: delivered 2025-01-10 unless the form is the date.
HEAD = "某某市政府工作报告\n——2025年1月10日在某某市第十六届人民代表大会第四次会议上\n某某市市长 张三\n各位代表：\n"
DONE, AIM = "一年来，地区生产总值增长5%。\n", "主要预期目标是：地区生产总值增长6%左右。\n"
REVIEW, PLAN, FIVE_BACK, FIVE_AHEAD = ("review", 2024, 2024), ("plan", 2025, 2025), ("review", 2024, 2020), \
    ("plan", 2029, 2025)
FORMS = {
    "numbered": (f"一、2024年工作回顾\n{DONE}二、2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "words, no years": (f"一、过去一年的工作回顾\n{DONE}二、今年的主要目标任务\n{AIM}", [REVIEW, PLAN]),
    "a summary": (f"一、2024年工作总结\n{DONE}二、2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "an unnumbered summary": (f"2024年工作总结\n{DONE}2025年重点工作\n{AIM}", [REVIEW, PLAN]),
    "years alone": (f"一、2024年工作\n{DONE}二、2025年工作\n{AIM}", [REVIEW, PLAN]),
    "last year": (f"一、去年工作回顾\n{DONE}二、今年工作安排\n{AIM}", [REVIEW, PLAN]),
    "five years back and ahead": (f"一、过去五年工作回顾\n{DONE}二、今后五年的奋斗目标\n{AIM}三、2025年工作安排\n{AIM}",
                                  [FIVE_BACK, FIVE_AHEAD, PLAN]),
    "a new government's proposals": (f"一、过去五年工作回顾\n{DONE}二、对新一届政府工作的建议\n{AIM}", [FIVE_BACK, PLAN]),
    "this year's proposals": (f"一、过去一年和五年工作回顾\n{DONE}二、对今年政府工作的建议\n{AIM}", [REVIEW, PLAN]),
    "five years and the year": (f"一、过去五年和2024年工作\n{DONE}二、2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "general requirements": (f"一、2024年工作回顾\n{DONE}二、今年工作的总体要求和主要预期目标\n{AIM}"
                             f"三、全力抓好重点工作\n{AIM}四、加强政府自身建设\n{AIM}", [REVIEW, PLAN, PLAN, PLAN]),
    "national": (f"一、2024年工作回顾\n{DONE}二、2025年经济社会发展总体要求和政策取向\n{AIM}三、2025年政府工作任务\n{AIM}",
                 [REVIEW, PLAN, PLAN]),
    "unnumbered": (f"2024年工作回顾\n{DONE}2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "parts": (f"第一部分 2024年工作回顾\n{DONE}第二部分 2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "parts with a colon": (f"第一部分：2024年工作回顾\n{DONE}第二部分：2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "arabic numbers": (f"1. 2024年工作回顾\n{DONE}2. 2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "brackets on top": (f"（一）2024年工作回顾\n{DONE}一是稳增长。\n（二）2025年工作安排\n{AIM}", [REVIEW, PLAN]),
    "run into the paragraph": ("一、2024年工作回顾过去一年，地区生产总值增长5%。\n二、2025年工作安排今年，生产总值增长6%。\n",
                               [REVIEW, PLAN]),
    "a crawled page's one line": ("一、2024年工作回顾 过去一年，地区生产总值增长5%。二、2025年工作安排 今年，生产总值增长6%。\n",
                                  [REVIEW, PLAN]),
    "plan before review": (f"一、2025年工作安排\n{AIM}二、2024年工作回顾\n{DONE}", [PLAN, REVIEW]),
}


def top_parts(text: str) -> tuple[dict, list[tuple[str, int | None, int | None]]]:
    """The report's metadata and (kind, year, first year) of its top-level sections."""
    record = extract_report(Path("t.txt"), {}, data=text.encode())
    top = [(s["kind"], s["year"], s.get("period_start")) for s in record["sections"] if s["level"] == 1]
    return record["report"], top


@pytest.mark.parametrize("form", FORMS)
def test_each_form_of_outline_gets_its_parts_kinds_and_years(form: str):
    body, expected = FORMS[form]
    assert top_parts(HEAD + body)[1] == expected


@pytest.mark.parametrize(("head", "plan_year"), [
    ("——2025年3月5日在第十四届全国人民代表大会第三次会议上\n", 2025),  # March, as the national report
    ("——2024年12月26日在某某县第十八届人民代表大会第五次会议上\n", 2025),  # a December session: the year after
    ("——二〇二五年一月十日在某某县第十八届人民代表大会第五次会议上\n", 2025),  # Chinese digits
    ("——在某某县第十八届人民代表大会第五次会议上\n二〇二五年一月\n", 2025),  # a month, no day
    ("——在某某县第十八届人民代表大会第五次会议上\n二〇二四年十二月\n", 2025),
])
def test_the_header_date_gives_the_plan_year_also_without_heading_years(head: str, plan_year: int):
    report, top = top_parts(f"某某县政府工作报告\n{head}各位代表：\n一、过去一年工作回顾\n{DONE}二、今年工作安排\n{AIM}")
    assert (report["plan_year"], report["review_year"]) == (plan_year, plan_year - 1)
    assert top == [("review", plan_year - 1, plan_year - 1), ("plan", plan_year, plan_year)]


def test_a_report_with_no_headings_is_parted_by_its_paragraphs_openers():
    record = extract_report(Path("t.txt"), {}, data=(HEAD + f"过去一年，地区生产总值增长5%。\n今年，{AIM}").encode())
    assert [(p["kind"], p["year"]) for p in record["parts"][1:]] == [("", None), ("review", 2024), ("plan", 2025)]


def test_a_date_that_is_not_the_reports_does_not_make_its_review_the_plan():
    """No address to the deputies, so the first lines read for a date run into the
    speech, whose first date is an event of the year reviewed."""
    text = f"政府工作报告\n现在，我向大会报告工作。\n一、2024年工作回顾\n2024年5月1日，新区挂牌。\n二、2025年工作安排\n{AIM}"
    report, top = top_parts(text)
    assert (report["plan_year"], report["review_year"]) == (2025, 2024) and top == [REVIEW, PLAN]


def test_a_year_the_header_names_alone_gives_the_plan_year():
    assert header_years("某某市政府工作报告（2025年）\n各位代表：\n") == (2025, 2025)
    assert header_years("某某县人民政府工作报告\n（2025年）\n各位代表：\n") == (2025, 2025)


def test_a_month_the_speech_names_is_no_date_of_the_report():
    assert header_years("某某县政府工作报告\n各位代表：\n2024年12月，新区获批。\n") is None
    report, top = top_parts(f"某某县政府工作报告\n各位代表：\n一、过去一年工作回顾\n2024年12月，新区获批。\n二、今年工作安排\n")
    assert "plan_year" not in report and [kind for kind, _, _ in top] == ["review", "plan"]


def test_a_bare_ordinal_after_a_full_stop_stays_in_its_paragraph():
    text = "各位代表：\n一、2024年工作回顾\n主要做了两件事。一、抓项目。二、稳就业。\n"
    assert [s.title for s in find_sections(text, 0)[1:]] == ["2024年工作回顾"]


def test_a_list_of_ordinals_after_a_full_stop_is_no_heading_but_a_year_in_chinese_digits_is():
    text = "各位代表：\n一、2024年工作回顾\n全市经济增长5%。一、二季度主要目标全面完成，就业稳定。\n"
    assert [s.title for s in find_sections(text, 0)[1:]] == ["2024年工作回顾"]
    text = "各位代表：\n一、2024年工作回顾\n全市经济增长5%。二、二〇二五年工作安排\n"
    assert [s.title for s in find_sections(text, 0)[1:]] == ["2024年工作回顾", "二〇二五年工作安排"]


def test_bracketed_topics_of_a_text_that_lost_its_top_headings_stay_inside_the_whole():
    text = "各位代表：\n过去一年，生产总值增长5%。\n（一）经济运行稳中向好。\n今年，生产总值增长6%。\n（二）产业发展。\n"
    sections = find_sections(text, 0)
    assert [(s.level, s.label) for s in sections[1:]] == [(2, "（一）"), (2, "（二）")]


@pytest.mark.parametrize(("body", "expected"), [
    (f"一、“十四五”时期工作回顾\n{DONE}二、“十五五”时期主要目标任务\n{AIM}三、2026年重点工作\n{AIM}",
     [("review", 2025, 2021), ("plan", 2030, 2026), ("plan", 2026, 2026)]),
    (f"一、“十四五”发展成就和2025年工作回顾\n{DONE}二、“十五五”时期发展目标和2026年重点工作\n{AIM}",
     [("review", 2025, 2025), ("plan", 2026, 2026)]),
    (f"“十四五”发展成就\n{DONE}2026年工作安排\n{AIM}", [("review", 2025, 2021), ("plan", 2026, 2026)]),
])
def test_a_five_year_plans_last_year_reviews_it_and_plans_the_next(body: str, expected: list):
    assert top_parts(HEAD.replace("2025年1月10日", "2026年1月12日") + body)[1] == expected


def test_this_year_of_a_month_only_december_header_is_the_year_reviewed():
    """二〇二四年十二月 with no day fills no delivered_on: the header month alone says the
    report plans 2025 and that its 今年 is 2024, the year it reviews."""
    text = ("某某市政府工作报告\n二〇二四年十二月\n各位代表：\n一、今年工作\n全市地区生产总值增长5%。\n"
            f"二、明年工作安排\n{AIM}")
    report, top = top_parts(text)
    assert report["plan_year"] == 2025 and top[0] == ("review", 2024, 2024)


def test_a_december_delivery_plans_the_year_after_and_its_this_year_is_the_year_reviewed():
    assert delivery_years(2024, 12) == (2025, 2024) and delivery_years(2025, 1) == (2025, 2025)
    assert delivery_years(2025) == (2025, 2025)  # a year named alone: the plan year
    assert dated_years("2024-12-20") == (2025, 2024) and dated_years("2025-05-20") == (2025, 2025)
    assert dated_years("") is None and dated_years("2024年12月") is None
    assert header_years("某某市政府工作报告\n二〇二四年十二月\n各位代表：\n") == (2025, 2024)
