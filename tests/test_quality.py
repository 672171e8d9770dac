"""Quality flags on reports whose structure looks wrong (short reports written for the test)."""
from pathlib import Path

from pipeline.meaning.figures import classify_report
from pipeline.extract import extract_report
from pipeline.meaning.quality import report_flags

HEAD = "政府工作报告\n——2025年1月9日在天津市静海区第三届人民代表大会第六次会议上\n静海区区长 李四\n各位代表：\n"
REVIEW = "地区生产总值增长4%，一般公共预算收入增长5%，新增就业1.2万人。\n"
PLAN = "主要预期目标是：地区生产总值增长5%左右。\n"


def flags(tmp_path: Path, body: str, sidecar: dict | None = None, head: str = HEAD) -> dict[str, str]:
    path = tmp_path / "t.txt"
    path.write_text(head + body, encoding="utf-8")
    record = extract_report(path, sidecar or {})
    rows = report_flags(record["report"], record["parts"], classify_report(record), record["text"])
    return {row["flag"]: row["detail"] for row in rows}


def test_a_well_formed_report_raises_no_flag(tmp_path):
    assert flags(tmp_path, f"一、2024年工作回顾\n{REVIEW}二、2025年工作安排\n{PLAN}") == {}


def test_a_review_read_as_plan_is_flagged(tmp_path):
    found = flags(tmp_path, f"一、2025年工作安排\n{REVIEW}二、2025年重点任务\n{PLAN}")
    assert "no_review_part" in found and "one_role" in found


def test_a_plan_without_its_main_targets_list_is_flagged(tmp_path):
    found = flags(tmp_path, f"一、2024年工作回顾\n{REVIEW}二、2025年工作安排\n地区生产总值增长5%左右。\n")
    assert list(found) == ["no_main_targets_list"]


def test_no_plan_part_is_flagged(tmp_path):
    assert "no_plan_part" in flags(tmp_path, f"一、2024年工作回顾\n{REVIEW}")


def test_years_that_do_not_fit_the_delivery_date_are_flagged(tmp_path):
    found = flags(tmp_path, f"一、2024年工作回顾\n{REVIEW}二、2025年工作安排\n{PLAN}",
                  {"plan_year": 2026, "review_year": 2024})
    assert found["plan_year_not_delivery_year"] == "plan year 2026, delivered 2025-01-09"
    assert "review_year_not_plan_year_minus_one" in found


def test_a_region_the_division_table_does_not_know_is_flagged(tmp_path):
    path_body = f"一、2024年工作回顾\n{REVIEW}二、2025年工作安排\n{PLAN}"
    assert "region_unknown" in flags(tmp_path, path_body, {"region": "某某县", "parent_region": ""})


def test_a_report_whose_parts_cannot_be_told_apart_is_flagged(tmp_path):
    """Headings that name neither a year nor a review or plan, and paragraphs that open on no period."""
    found = flags(tmp_path, f"一、砥砺奋进，经济发展取得新成效\n{REVIEW}二、乘势而上，奋力开创新局面\n{PLAN}")
    assert {"no_review_part", "no_plan_part"} <= set(found)


def test_a_report_without_a_year_is_flagged(tmp_path):
    found = flags(tmp_path, f"一、过去一年工作回顾\n{REVIEW}二、今年工作安排\n{PLAN}", head="政府工作报告\n各位代表：\n")
    assert {"no_plan_year", "no_review_part", "no_plan_part"} <= set(found)
