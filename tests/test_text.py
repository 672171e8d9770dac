"""Decoding and bad-input rules."""
import pytest

from pipeline.read.text import InputError, clean, decode

SENTENCE = "地区生产总值增长５%左右"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings_are_detected(encoding):
    decoded = decode(SENTENCE.encode(encoding), "r.txt")
    assert decoded.text == SENTENCE


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"PK\x03\x04...", "DOCX"),
    (b"\x89PNG\r\n", "PNG"),
    (b"<!DOCTYPE html><html>", "HTML"),
    (b"\x00\x01\x02abc", "binary"),
    (b"\xff\xfe\x00\xd8", "BOM"),
    (bytes([0x81, 0x20, 0xfe, 0x20]) * 3, "cannot be decoded"),
])
def test_bad_inputs_give_one_clear_line(data, problem):
    with pytest.raises(InputError) as err:
        decode(data, "raw/x.txt")
    message = str(err.value)
    assert message.startswith("raw/x.txt: ") and problem in message and "\n" not in message


def test_cleaning_keeps_every_offset():
    raw = "[bookmark: OLE_LINK2]增长１２．５％\u00a0"
    cleaned = clean(raw)
    assert len(cleaned) == len(raw)
    assert cleaned.strip() == "增长12.5%"


@pytest.mark.parametrize("raw, hidden", [("（PM\n2.5\n）", True), ("（SO2\n1.2\n）", False), ("年\n2.5\n）", False)])
def test_only_a_subscript_after_a_latin_letter_loses_its_line_breaks(raw, hidden):
    """（PM\\n2.5\\n）: a Word subscript's line breaks show nothing; a number on a line of
    its own after anything but a letter keeps them."""
    assert ("\n" not in clean(raw)) == hidden
    assert len(clean(raw)) == len(raw)
