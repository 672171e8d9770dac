"""Metamorphic tests: nothing may know one report's places or years.

A report is rewritten in a known way (its region's name swapped for another's, every
year shifted, a county's words made a district's) and built again; every row must be
the first build's rows rewritten the same way, with the region's code, parent and
level the division table's for the new name. A difference beyond that is hidden
knowledge of one place or year (a rule that reads the region's own name as a zone, a
count or a link), as it was for 和平 (和 as a link), 三门峡 (三门 as a count) and 新乡
(乡 as a township's suffix).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import normalize
from pipeline.extract import extract_report

TABLES = ("reports", "figures", "projects")
# text is the digits of a raw; offsets (and the ids made of them) move with a name's length
UNCOMPARED = ("source_path", "source_sha256", "original_sha256", "chars", "text", "start", "end", "figure_id", "project_id")
YEAR_FIELDS = ("year", "period_start", "review_year", "plan_year")
PLANS = ("十二", "十三", "十四", "十五", "十六")  # five-year plans by number (十四五, 第十四个五年规划), each five years on
CN_DIGITS = "〇一二三四五六七八九"  # a date's year in Chinese digits: 二〇二六年
HEAD = "政府工作报告\n——2025年1月9日在{parent}{name}第一届人民代表大会第二次会议上\n{name}{office}长 李四\n各位代表：\n"
BODY = ("一、2024年工作回顾\n全{level}地区生产总值增长5%，比2020年提高1个百分点。{short}供销生活广场开业运营。"
        "{short}海关开关运行，外贸进出口总值达92亿元。“十四五”期间累计完成投资300亿元。\n"
        "二、2025年工作安排\n全{level}地区生产总值增长6%左右。加快市实验中学{short}学校、{short}保税物流中心建设。"
        "研究论证{short}机场建设。到2030年，常住人口城镇化率达到65%。\n")


def build(tmp_path: Path, text: str) -> dict[str, list[dict]]:
    """The rows of ``TABLES`` that extract and normalize give for ``text`` (report id t)."""
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    tables = normalize.report_tables(extract_report(path, {}))
    return {name: [{k: v for k, v in row.items() if k not in UNCOMPARED} for row in tables[name]] for name in TABLES}


def replacing(pairs: dict[str, str]) -> Callable[[str], str]:
    """Every key of ``pairs`` replaced by its value at once (longest first)."""
    pattern = re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: pairs[m.group()], text)


def shifting(years: int) -> Callable[[str], str]:
    """Every year written before 年 (or before a range to one), in digits or Chinese
    digits, moved by ``years``, a multiple of five, and each five-year plan's name with it."""
    steps = years // 5
    plans = replacing({f"{old}{form}": f"{PLANS[i + steps]}{form}" for i, old in enumerate(PLANS)
                       if 0 <= i + steps < len(PLANS) for form in ("五", "个五年")})
    digits = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?=年|[—－-]\d{4}年)")
    chinese = re.compile(f"[{CN_DIGITS}]{{4}}(?=年)")

    def cn(match: re.Match) -> str:
        year = int("".join(str(CN_DIGITS.index(c)) for c in match.group())) + years
        return "".join(CN_DIGITS[int(c)] for c in str(year))
    return lambda text: plans(chinese.sub(cn, digits.sub(lambda m: str(int(m.group()) + years), text)))


def expected(rows: dict[str, list[dict]], rewrite: Callable[[str], str], **fields: Callable) -> dict[str, list[dict]]:
    """``rows`` as the rewritten text must give them: every string rewritten, and each
    field named in ``fields`` set by its function of the old value."""
    def one(row: dict) -> dict:
        new = {k: rewrite(v) if isinstance(v, str) else v for k, v in row.items()}
        return new | {k: f(row[k]) for k, f in fields.items() if k in row and row[k] not in ("", None)}
    return {name: [one(row) for row in table] for name, table in rows.items()}


def region(code: str, parent: str, level: str) -> dict[str, Callable]:
    """The report fields a swapped region takes from the division table."""
    return {"region_code": lambda _: code, "parent_region": lambda _: parent, "region_level": lambda _: level}


def years(n: int) -> dict[str, Callable]:
    """The fields a shift of ``n`` years moves (the delivery date's year among them)."""
    moved = {field: (lambda v: int(v) + n) for field in YEAR_FIELDS}
    return moved | {"delivered_on": lambda v: f"{int(v[:4]) + n}{v[4:]}"}


def written(name: str, parent: str, office: str, level: str, short: str) -> str:
    return HEAD.format(parent=parent, name=name, office=office) + BODY.format(level=level, short=short)


CITY = dict(name="驻马店市", parent="河南省", office="市", level="市", short="驻马店")


@pytest.mark.parametrize("name, short, code", [
    ("三门峡市", "三门峡", "411200"),  # 三门: a numeral and a counter
    ("新乡市", "新乡", "410700"),  # 乡: a township's suffix
    ("平顶山市", "平顶山", "410400"),
])
def test_a_city_swapped_for_another_changes_only_its_name(tmp_path, name, short, code):
    text = written(**CITY)
    swap = replacing({"驻马店市": name, "驻马店": short})
    assert build(tmp_path, swap(text)) == expected(build(tmp_path, text), swap, **region(code, "河南省", "city"))


def test_a_district_named_like_a_link_keeps_its_projects_whole(tmp_path):
    """和平区: 和 opens the region's name, no link between two projects."""
    text = written("静海区", "天津市", "区", "区", "静海")
    swap = replacing({"静海区": "和平区", "静海": "和平"})
    assert build(tmp_path, swap(text)) == expected(build(tmp_path, text), swap, **region("120101", "天津市", "district"))


def test_a_district_named_like_a_lead_verb_keeps_the_verb(tmp_path):
    """新建区: 新建 of 新建市第一人民医院 is the verb leading two projects, not the region's name."""
    text = HEAD.format(parent="南昌市", name="青山湖区", office="区") + (
        "一、2024年工作回顾\n全区地区生产总值增长5%。\n"
        "二、2025年工作安排\n新建市第一人民医院、第三中学。青山湖区人民医院开工建设。\n")
    swap = replacing({"青山湖区": "新建区"})
    assert build(tmp_path, swap(text)) == expected(build(tmp_path, text), swap, **region("360112", "南昌市", "district"))


def test_a_county_made_a_district_changes_only_its_name_and_level(tmp_path):
    text = written("定兴县", "保定市", "县", "县", "定兴")
    swap = replacing({"定兴县": "徐水区", "定兴": "徐水", "全县": "全区", "县长": "区长"})
    assert build(tmp_path, swap(text)) == expected(build(tmp_path, text), swap, **region("130609", "保定市", "district"))


@pytest.mark.parametrize("n", [5, -5, 10])
def test_every_year_shifts_by_as_many_years_as_the_text(tmp_path, n):
    text = written(**CITY)
    shift = shifting(n)
    assert build(tmp_path, shift(text)) == expected(build(tmp_path, text), shift, **years(n))


@pytest.mark.parametrize("report, pairs, table", [
    ("tianjin-jinghai-2025", {"静海区": "和平区", "静海": "和平"}, ("120101", "天津市", "district")),
    ("henan-zhumadian-2024", {"驻马店市": "新乡市", "驻马店": "新乡"}, ("410700", "河南省", "city")),
    ("henan-zhumadian-2023", {"驻马店市": "平顶山市", "驻马店": "平顶山"}, ("410400", "河南省", "city")),
    ("hebei-baoding-dingxing-2020", {"定兴县": "徐水区", "定兴": "徐水", "全县": "全区", "县委": "区委", "县政府": "区政府",
                                     "县长": "区长"}, ("130609", "保定市", "district")),
])
def test_a_tuning_report_with_its_region_swapped(tmp_path, shared_reports, report, pairs, table):
    text = (shared_reports / f"{report}.txt").read_text(encoding="utf-8")
    swap = replacing(pairs)
    assert build(tmp_path, swap(text)) == expected(build(tmp_path, text), swap, **region(*table))


@pytest.mark.parametrize("report", ["china-2021", "gansu-2026", "hebei-2024", "henan-zhumadian-2025",
                                    "hebei-baoding-mancheng-2023", "tianjin-jinghai-2025"])
@pytest.mark.parametrize("n", [5, -5])
def test_a_tuning_report_with_its_years_shifted(tmp_path, shared_reports, report, n):
    text = (shared_reports / f"{report}.txt").read_text(encoding="utf-8")
    shift = shifting(n)
    assert build(tmp_path, shift(text)) == expected(build(tmp_path, text), shift, **years(n))
