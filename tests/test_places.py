"""Where a report is from: header, opening line and self-references, checked
against the division table (short headers written for the test)."""
from pipeline.meaning.places import level_from_words, locate, split_written, written_names


def place(head: str, body: str = "", given: dict | None = None) -> dict:
    return locate(head, body or head, given or {})


def test_meeting_line_gives_region_parent_and_code():
    got = place("——2025年1月9日在天津市静海区第三届人民代表大会第六次会议上\n各位代表：")
    assert got == {"region": "静海区", "region_code": "120118", "region_level": "district", "parent_region": "天津市"}


def test_the_state_council_is_the_whole_country_with_or_without_header():
    for head in ("——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理\n李克强\n各位代表：",
                 "各位代表：\n现在，我代表国务院，向大会报告政府工作。"):
        got = place(head)
        assert (got["region"], got["region_code"], got["region_level"], got["parent_region"]) == (
            "全国", "100000", "national", "")


def test_a_bare_level_word_in_the_meeting_line_is_not_a_name():
    head = "——2025年1月14日在县十七届人民代表大会第五次会议上\n各位代表：\n现在，我代表县人民政府，向大会报告工作。"
    assert "县十" not in written_names(head)
    assert place(head) == {"region_level": "county"}


def test_the_opening_line_names_the_region_when_the_header_does_not():
    got = place("政府工作报告\n各位代表：\n现在，我代表安国市人民政府，向大会报告工作。")
    assert (got["region"], got["region_code"], got["region_level"], got["parent_region"]) == (
        "安国市", "130683", "county", "保定市")  # a county-level city is county level


def test_a_name_the_table_does_not_know_is_kept_as_written():
    got = place("——2023年1月5日在某某市某某县第三届人民代表大会第二次会议上\n各位代表：")
    assert got == {"region": "某某县", "region_level": "county", "parent_region": "某某市"}
    assert "region_code" not in got


def test_a_sidecar_region_wins_and_its_parent_picks_among_namesakes():
    got = place("各位代表：", given={"region": "朝阳区", "parent_region": "北京市"})
    assert got["region_code"] == "110105"


def test_without_any_name_the_words_the_report_uses_of_itself_decide_the_level():
    assert level_from_words("全县地区生产总值增长6%。我县新建学校3所，全市第一。") == "county"
    assert split_written("县") == {"region_level": "county"}
