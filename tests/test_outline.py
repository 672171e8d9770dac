"""Outline and header rules, on short texts written for the test."""
from pipeline.read.outline import body_start, find_sections, horizon_year, read_header

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
