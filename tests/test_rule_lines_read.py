"""One line in one rule table is the whole change, for the kinds of rule the
read side (numbers, outline, header, places) knows: each test appends the line
to a scratch copy of ``pipeline/`` and checks that a short sentence reads
differently with it than without it (so the test fails if the line is ignored).

And no word list is left in the code these tables serve: the last test fails on
a Chinese string literal of more than one character in those modules."""
from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, run_python, with_rule_line

MENTION = ("from pipeline.read.mentions import find_mentions\n"
           "m = find_mentions({text!r})[0]\n"
           "print('|'.join((m.number, m.before, m.inner, m.multiplier, m.unit_word, m.after)))")


def with_and_without(tmp_path: Path, table: str, line: str, code: str) -> tuple[str, str]:
    """What ``code`` prints with ``line`` appended to rule table ``table``, and what it prints today."""
    return run_python(with_rule_line(tmp_path, table, line), code), run_python(ROOT, code)


def mention(tmp_path: Path, table: str, line: str, text: str) -> tuple[str, str]:
    """number|before|inner|multiplier|unit_word|after of the first number of ``text``, with and without ``line``."""
    return with_and_without(tmp_path, table, line, MENTION.format(text=text))


def test_a_unit(tmp_path):
    assert mention(tmp_path, "units", "克,g,1,level,", "每份含盐5克。") == ("5||||克|", "5|||||")


def test_a_unit_starting_with_a_multiplier_reads_longer_than_the_multiplier(tmp_path):
    # 83千帕 is 83 kPa, not 83 × 千 with no unit: the longer reading wins
    assert mention(tmp_path, "units", "千帕,kPa,1,level,", "压力83千帕。") == ("83||||千帕|", "83|||千||")


def test_a_unit_longer_than_eight_characters(tmp_path):
    line = "标准立方米天然气当量吨,t,1,level,"
    assert mention(tmp_path, "units", line, "折合5标准立方米天然气当量吨。") == ("5||||标准立方米天然气当量吨|", "5|||||")


def test_a_multiplier(tmp_path):
    assert mention(tmp_path, "multipliers", "百亿,10000000000,", "投资3百亿元。") == ("3|||百亿|元|", "3|||||")


def test_a_qualifier_before(tmp_path):
    assert mention(tmp_path, "qualifiers", "高达,before,approx,", "投资高达5亿元。") == ("5|高达||亿|元|", "5|||亿|元|")


def test_a_qualifier_after(tmp_path):
    assert mention(tmp_path, "qualifiers", "出头,after,gt,", "平均30岁出头。") == ("30||||岁|出头", "30||||岁|")


def test_a_qualifier_inside(tmp_path):
    # 来 between number and counter, beside 余 and 多: the table alone says it is one
    assert mention(tmp_path, "qualifiers", "来,inner,approx,", "新建10来个公园。") == ("10||来||个|", "10|||||")


def test_a_section_heading_cue(tmp_path):
    code = ("from pipeline.read.outline import body_start, find_sections\n"
            "text = '各位代表：\\n一、过去一年工作回顾\\n增长5%。\\n今年发展目标\\n增长6%。\\n'\n"
            "print([(s.title, s.kind) for s in find_sections(text, body_start(text))[1:]])")
    got, today = with_and_without(tmp_path, "sections", "发展目标,plan,", code)
    assert got == "[('过去一年工作回顾', 'review'), ('今年发展目标', 'plan')]"
    assert today == "[('过去一年工作回顾', 'review')]"


def test_a_region_level_word(tmp_path):
    # appended after 区: the longest suffix decides, not the row order
    code = "from pipeline.meaning.places import split_written\nprint(split_written('某某市某某林区'))"
    got, today = with_and_without(tmp_path, "region_levels", "林区,county,", code)
    assert got == "{'region': '某某林区', 'region_level': 'county', 'parent_region': '某某市'}"
    assert today == "{'region': '某某林区', 'region_level': 'district', 'parent_region': '某某市'}"


def test_a_speaker_title(tmp_path):
    head = "政府工作报告\\n——2025年1月9日在某某镇第一届人民代表大会第二次会议上\\n某某镇镇长 李四\\n各位代表：\\n"
    code = ("from pipeline.read.outline import read_header\n"
            f"meta = read_header('{head}')\n"
            "print(meta.get('speaker_title'), meta.get('speaker'))")
    assert with_and_without(tmp_path, "speaker_titles", "镇长,,", code) == ("某某镇镇长 李四", "None None")

