"""The same report in another text form gives the same figures: a text saved from
a PDF (its lines wrapped at the page's margin, inside numbers and units, with or
without a first-line indent, its page numbers between the lines) is read by
``pipeline add`` as its paragraphs, and extract + normalize find in it what they
find in the report's own text (role, value, unit, comparator, subject, year,
area, basis, in order: offsets move where lines were joined)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract, normalize
from pipeline.read import convert
from pipeline.read.convert import Source

FIELDS = ("role", "value", "unit", "comparator", "subject", "year", "area", "basis")
REPORT = "hebei-2025"  # a tuning report, read in about a second
SHORT = ("各位代表：\n"
         "一、2024年工作回顾\n"
         "过去一年，全区地区生产总值增长5.2%，全年一般公共预算收入较上年同期达到12,345万元，增长6.8%，"
         "城镇新增就业1.2万人，全区粮食总产量继续稳定在600万吨以上，新建学校3所。\n"
         "二、2025年主要目标\n"
         "地区生产总值增长5%左右，固定资产投资增长6%以上，一般公共预算收入达到135亿元，城镇新增就业1万人以上。\n")


def figures(folder: Path, text: bytes) -> list[tuple]:
    """The fields of every figure extract + normalize find in the report ``text``, in order."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    (raw / "t.txt").write_bytes(text)
    extract.run(raw, folder / "interim")
    record = json.loads((folder / "interim" / "t.json").read_text(encoding="utf-8"))
    return [tuple(str(row[k]) for k in FIELDS) for row in normalize.report_tables(record)["figures"]]


def wrapped(text: str, width: int, indent: str = "", page_every: int = 0) -> str:
    """``text`` as a PDF's text layer saved as a file: each paragraph cut every ``width``
    characters, its first line after ``indent``, and a page number every ``page_every`` lines."""
    lines = [(indent if at == 0 else "") + paragraph[at:at + width]
             for paragraph in text.splitlines() for at in range(0, len(paragraph), width)]
    if page_every:
        lines = [line for number, chunk in enumerate(range(0, len(lines), page_every), 1)
                 for line in [*lines[chunk:chunk + page_every], f"— {number} —"]]
    return "\n".join(lines) + "\n"


def test_the_short_text_is_cut_inside_a_number_and_a_unit():
    text = wrapped(SHORT, 20)
    assert "12,\n345" in text and "1\n.2万人" in text and "亿\n元" in text


@pytest.mark.parametrize("indent", ["", "\u3000\u3000", "  "])
def test_a_wrapped_text_gives_the_figures_of_its_paragraphs(tmp_path, indent):
    lines = wrapped(SHORT, 20, indent, page_every=4).splitlines(keepends=True)
    margin = convert.text_margin(lines)
    assert margin == 20
    kept = [line for line in lines if not convert.is_chrome(line, "pdf")]
    joined = "\n".join(convert.text_paragraphs(kept, margin)) + "\n"
    assert joined == SHORT
    own = figures(tmp_path / "own", SHORT.encode())
    assert len(own) > 10 and figures(tmp_path / "joined", joined.encode()) == own


def test_a_report_whose_lines_are_paragraphs_is_not_read_as_wrapped(shared_reports):
    for path in sorted(shared_reports.glob("*.txt")):
        assert convert.text_margin(path.read_text(encoding="utf-8").splitlines()) == 0, path.name


@pytest.mark.parametrize("form", ["wrapped", "indented, CRLF, GB18030"])
def test_a_tuning_report_saved_from_a_pdf_gives_its_figures(tmp_path, shared_reports, form):
    own = (shared_reports / f"{REPORT}.txt").read_text(encoding="utf-8")
    if form == "wrapped":
        data = wrapped(own, 28, page_every=30).encode("utf-8")
    else:
        data = wrapped(own, 31, "\u3000\u3000", page_every=40).replace("\n", "\r\n").encode("gb18030")
    item = convert.convert(Source(f"{REPORT}.txt", data))
    wanted = figures(tmp_path / "own", own.encode("utf-8"))
    assert len(wanted) > 100 and figures(tmp_path / "pdf", item.raw) == wanted


def test_a_page_number_line_of_a_text_is_dropped_and_a_bare_number_kept():
    page = "第 3 页 共 20 页\n"
    text = SHORT * 20
    lines = text.splitlines(keepends=True)
    saved = "".join(lines[:40] + [page] + lines[40:] + ["12\n"])
    item = convert.convert(Source("t.txt", saved.encode("utf-8")))
    assert item.text == text + "12\n"  # a line of a number alone may be the report's, in a text not wrapped


FULL_WIDTH = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, "%": "％", ".": "．"})


def test_full_width_digits_give_the_figures_of_ascii_ones(tmp_path):
    text = SHORT + "过去五年，城乡居民收入比缩小至2.31∶1。\n"  # a ratio is a level of its year, not a change
    assert figures(tmp_path / "wide", text.translate(FULL_WIDTH).encode()) == figures(tmp_path / "own", text.encode())


@pytest.mark.parametrize("form", ["CRLF in UTF-16", "every line indented", "&nbsp; indents and digit groups"])
def test_line_ends_indents_and_spaces_give_the_figures_of_plain_lines(tmp_path, form):
    text = SHORT + "地级及以上城市细颗粒物（PM\n2.5\n）平均浓度下降9.1%。\n"  # a subscript a Word file set apart
    own = figures(tmp_path / "own", text.encode())
    assert "地级及以上城市细颗粒物（PM2.5）平均浓度" in {row[4] for row in own}
    if form == "CRLF in UTF-16":
        other = text.replace("\n", "\r\n").encode("utf-16")
    elif form == "every line indented":
        other = "".join("\u3000\u3000" + line for line in text.splitlines(keepends=True)).encode()
    else:
        spaced = text.replace("12,345", "12\u00a0345")
        other = "".join("\u00a0" * 4 + line for line in spaced.splitlines(keepends=True)).encode()
    assert figures(tmp_path / "other", other) == own

def test_ascii_punctuation_gives_the_figures_of_chinese_punctuation(tmp_path):
    text = SHORT + "固定资产投资增长7.5%，居全省第三；技能人才总量突破百万；主要产品市场份额超过四成。\n"
    ascii = text.translate(str.maketrans({"，": ",", "；": ";", "：": ":"}))
    own = figures(tmp_path / "own", text.encode())
    assert {("3", "rank"), ("1000000", "person"), ("40", "percent")} <= {row[1:3] for row in own}
    assert figures(tmp_path / "ascii", ascii.encode()) == own
