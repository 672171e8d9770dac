"""Finding each report's rows in the package's CSVs (pipeline/package/spans.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.package import spans as records
from pipeline.package.spans import ALL, Span, read_table

HEADER = b"report_id,n,text\n"


def table(tmp_path: Path, body: bytes, order: list[str] | None = None, header: bytes = HEADER) -> records.Table:
    (tmp_path / "t.csv").write_bytes(header + body)
    return read_table(tmp_path, {"name": "t", "path": "t.csv"}, order)


def test_blocks_in_report_order_are_mapped_by_byte_search(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "_by_record", lambda *a: pytest.fail("fell back to reading record by record"))
    t = table(tmp_path, b"a,1,x\na,2,y\nb-2,3,z\n", ["a", "b", "b-2"])  # b has no rows here
    assert t.spans == {"a": [Span(len(HEADER), len(HEADER) + 12, 2, 2)], "b-2": [Span(len(HEADER) + 12, len(HEADER) + 20, 4, 1)]}
    assert t.records("a") == b"a,1,x\na,2,y\n"
    assert t.dicts(["b-2"]) == [{"report_id": "b-2", "n": "3", "text": "z"}]
    assert t.row_numbers(["b-2", "a"]) == [4, 2, 3]


@pytest.mark.parametrize("body, order", [
    (b"b,1,x\na,2,y\n", ["a", "b"]),            # blocks out of order
    (b"a,1,x\nb,2,y\na,3,z\n", ["a", "b"]),     # a report's rows split in two
    (b"a,1,x\nc,2,y\n", ["a"]),                 # a report id not in reports.csv
    (b'a,1,"two\nlines"\nb,2,y\n', ["a", "b"]),  # a line break inside a quoted cell
    (b"a,1,x\nb,2,y", ["a", "b"]),              # no line break at the end
    (b'a,1,"x\nb,y"\nb,2,z\n', ["a", "b"]),       # a quoted line break that looks like a row of b
    (b'a,1,"x\na,y"\nb,2,z\n', ["a", "b"]),       # ... or like a second row of a
])
def test_any_other_file_is_mapped_record_by_record_with_the_same_result(tmp_path, body, order):
    fast = table(tmp_path, body, order)
    slow = table(tmp_path, body, None)
    assert fast.spans == slow.spans
    spans = sorted((span for spans in fast.spans.values() for span in spans), key=lambda s: s.start)
    assert b"".join(body[s.start - len(HEADER):s.end - len(HEADER)] for s in spans) == body  # every byte, once
    assert sum(len(fast.dicts([rid])) for rid in fast.spans) == fast.count()


def test_record_by_record_keeps_quoted_line_breaks_and_row_numbers(tmp_path):
    t = table(tmp_path, b'a,1,"two\nlines"\nb,2,y\na,3,z\n')
    assert t.dicts(["a"]) == [{"report_id": "a", "n": "1", "text": "two\nlines"},
                              {"report_id": "a", "n": "3", "text": "z"}]
    assert t.row_numbers(["a", "b"]) == [2, 4, 3]


def test_report_id_in_a_later_column_and_short_rows(tmp_path):
    t = table(tmp_path, b"1,a\n2\n", header=b"n,report_id\n")
    assert set(t.spans) == {"a", ""}
    assert t.dicts([""]) == [{"n": "2", "report_id": ""}]


def test_a_table_without_report_id_is_one_span(tmp_path):
    t = table(tmp_path, b"x,1\ny,2\n", header=b"code,n\n")
    assert not t.per_report and list(t.spans) == [ALL] and t.count() == 2


def test_an_empty_table_has_no_spans(tmp_path):
    assert table(tmp_path, b"", ["a"]).spans == {}
    assert table(tmp_path, b"", None, header=b"").count() == 0


def test_a_long_block_is_found_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "_by_record", lambda *a: pytest.fail("fell back to reading record by record"))
    body = b"".join(b"a,%d,%s\n" % (n, b"x" * (n % 700)) for n in range(3000)) + b"b,0,y\n"
    t = table(tmp_path, body, ["a", "b"])
    assert t.spans["a"][0].rows == 3000 and t.records("b") == b"b,0,y\n" and t.row_numbers(["b"]) == [3002]


def test_every_record_ends_with_a_line_break_wherever_it_is_copied(tmp_path):
    t = table(tmp_path, b"b,1,x\na,2,y", None)  # the last row, of a report sorted first, has no line break
    assert b"".join(t.records(rid) for rid in sorted(t.spans)) == b"a,2,y\nb,1,x\n"


@pytest.mark.parametrize("body, quoted", [
    (b'a,"1,2",x\n', False), (b'a,"say ""hi""",x\n', False), (b'a,"two\nlines",x\n', True),
    (b'a,"""\n""",x\n', True), (b"a,1,x\n", False),
])
def test_quoted_line_breaks_are_seen_without_reading_line_by_line(body, quoted):
    assert records._quoted_line_breaks(body) is quoted
