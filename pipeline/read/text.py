"""Read a report file: detect its encoding, reject what is not a report, and
give a cleaned view of the text that still maps back to raw offsets.

Every offset the package publishes is an index into the *decoded raw* text.
Rules run on the cleaned view (full-width digits made ASCII, conversion
artefacts blanked), so cleaning must never move a character: artefacts are
replaced by spaces of the same length, full-width forms by their one-character
ASCII twins. The cleaned view therefore has the same length as the raw text
and its offsets are the raw offsets.

Characters that show nothing (zero-width spaces, a BOM inside the text, bidi
marks: ``rules/invisible.csv``) cannot be deleted without moving offsets, so
the cleaned view writes each as ``INVISIBLE``, and ``NUMBER`` reads a numeral
across them: ``1\u200b234`` is one number whose span covers all five
characters. Thin, no-break, narrow no-break and figure spaces between digit groups
(``1\u2009234``) read as a thousands comma, elsewhere as a space.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import ascii_letters

from pipeline.rules import table


class InputError(Exception):
    """A report file that cannot be read; the message names file and problem."""


BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP/DOCX/XLSX file",
    b"\xd0\xcf\x11\xe0": "a legacy Office (DOC/XLS) file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF file",
}
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
HTML_START = re.compile(rb"^\s*<(!doctype html|html|head|body)\b", re.IGNORECASE)
ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\[image: [^\]]*\]")
# Full-width digits, signs and spaces -> ASCII, one character for one.
FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     "％": "%", "．": ".", "＋": "+", "－": "-", "～": "~", "／": "/",
     "\u3000": " ", "\u2002": " ", "\u2003": " "})  # a no-break space: rules/invisible.csv
INVISIBLE = "\u200b"  # what a character that shows nothing is in the cleaned view
_I = re.escape(INVISIBLE)
# A numeral of the cleaned view: digits, thousands commas and one decimal point,
# with invisible characters allowed between them (never first or last). Without
# them it is \d+(?:,\d{3})*(?:\.\d+)?. extract and the ledger check in validate
# both use it, so they agree on where every number starts.
NUMBER = re.compile(rf"\d(?:{_I}*\d)*(?:{_I}*,{_I}*\d(?:{_I}*\d){{2}})*(?:{_I}*\.{_I}*\d(?:{_I}*\d)*)?")


def characters(kind: str) -> str:
    """The characters of one kind of ``rules/characters.csv`` (``\\n`` there is a line break)."""
    rows = [row["characters"] for row in table("characters") if row["kind"] == kind]
    if len(rows) != 1:
        raise LookupError(f"rules/characters.csv: {len(rows)} rows of kind {kind} (expected one)")
    return rows[0].replace("\\n", "\n")


def char_class(chars: str, negated: bool = False, also: str = "") -> str:
    """A regular-expression class of ``chars`` (each escaped) and of the classes in
    ``also`` (``\\d``, ``\\s``), or of all characters but those."""
    return ("[^" if negated else "[") + "".join(map(re.escape, chars)) + also + "]"


SENTENCE_STOPS = characters("sentence_stop")
CLAUSE_STOPS = characters("clause_stop")
FULL_STOPS = characters("full_stop")
ITEM_STOPS = characters("item_stop")
GREETING_ENDS = characters("greeting_end")
BRACKETS_OPEN = characters("bracket_open")
BRACKETS_CLOSE = characters("bracket_close")
QUOTES_OPEN = characters("quote_open")
QUOTES_CLOSE = characters("quote_close")
RANGE_LINKS = characters("range_link")
RATIO_LINKS = characters("ratio_link")
NAME_LINKS = characters("name_link")
FRACTION_LINKS = characters("fraction_link")
PAUSES = characters("pause")
COLONS = characters("colon")
ITEM_PAUSES = characters("item_pause")
LIST_PAUSE = characters("list_pause")
ATTRIBUTIVES = characters("attributive")  # 的 of 较“十三五”末的9000亿元
NO_QUOTES = str.maketrans("", "", characters("quote"))  # to compare names with or without quotation marks
LOST = characters("lost")
# compiled once for every module that looks for the end of a sentence or clause
SENTENCE_STOP = re.compile(char_class(SENTENCE_STOPS))
CLAUSE_STOP = re.compile(char_class(CLAUSE_STOPS))


_NUMERALS = table("chinese_numerals")
CN_VALUES = {row["written"]: int(row["value"]) for row in _NUMERALS}
CN_DIGITS = "".join(row["written"] for row in _NUMERALS if row["kind"] in ("digit", "count"))
CN_SCALES = "".join(row["written"] for row in _NUMERALS if row["kind"] == "scale")
CN_DATE_DIGITS = "".join(row["written"] for row in _NUMERALS if row["kind"] == "digit")  # 二〇二六, never 两
CN_ORDINALS = "".join(row["written"] for row in _NUMERALS if row["ordinal"] == "yes")  # 一、 （十二） 十四五
ORDINAL = char_class(CN_ORDINALS)  # what ``{ordinal}`` stands for in a rule table's pattern


def open_quote(phrase: str) -> int:
    """Where the last quotation opened in ``phrase`` and not closed after it opens
    (实施天然气“入镇 → 5), -1 when every quotation in it is closed: a name that
    ends inside a quote, a number written inside one."""
    opened = max(map(phrase.rfind, QUOTES_OPEN))
    return -1 if opened < 0 or any(mark in phrase[opened:] for mark in QUOTES_CLOSE) else opened


@dataclass(frozen=True)
class Decoded:
    """A report's decoded text and how it was decoded."""

    text: str
    encoding: str


def decode(data: bytes, name: str) -> Decoded:
    """Decode a report's bytes, or raise InputError naming ``name``.

    Tries BOMs, then strict UTF-8, then GB18030 (a superset of GBK/GB2312),
    the encodings Chinese government sites publish in.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not a text report (convert it to text first)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, name)
            if "\x00" in text:  # a BOM says nothing about what follows it
                raise InputError(f"{name}: binary file (contains NUL bytes), not a text report")
            return Decoded(text, encoding)
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text report")
    if HTML_START.match(data[:512]):
        raise InputError(f"{name}: an HTML page, not a text report (save the page's text instead)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: cannot be decoded as UTF-8, UTF-16 or GB18030")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: declares {encoding} by its BOM but does not decode ({err.reason})") from None


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the plain file at ``path``, never through a symbolic link even if
    one was put there since it was listed; InputError beyond ``limit`` bytes. The one
    way the stages read a report (and a sidecar), so that a test can count the reads."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file, not a text report")
        if limit is not None and info.st_size > limit:
            raise InputError(f"{path}: {info.st_size} bytes, more than the {limit} a sidecar may have")
        return fh.read()


@lru_cache(maxsize=1)
def _invisibles() -> tuple[dict[int, str], re.Pattern, dict[int, str]]:
    """From ``rules/invisible.csv``: the translation of characters that show nothing
    (to ``INVISIBLE``), the pattern of a digit group separator between digits, and
    the translation of the separators left (to a space)."""
    rows = [(chr(int(row["code_point"][2:], 16)), row["reads_as"]) for row in table("invisible")]
    hidden = {ord(char): INVISIBLE for char, reads in rows if reads == "nothing"}
    groups = "".join(char for char, reads in rows if reads == "digit group separator")
    between = re.compile(rf"(?<=\d)[{groups}](?=\d{{3}}(?!\d))")
    return {**FULL_WIDTH, **hidden}, between, {ord(char): " " for char in groups}


@lru_cache(maxsize=1)
def _replacers() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    """``_invisibles``' two translations as patterns of the characters they change and
    what each becomes: a report holds a handful of them, and ``str.translate`` with a
    mapping looks up every character of the text (a millisecond per report)."""
    hidden, _, spaces = _invisibles()
    out: list = []
    for mapping in (hidden, spaces):
        chars = {chr(code): to for code, to in mapping.items()}
        out += [re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)"), chars]
    return tuple(out)  # type: ignore[return-value]


# A subscript a Word file set apart (细颗粒物（PM\n2.5\n）): the line breaks around
# it show nothing, so PM2.5 reads as one name and the subject runs on through it.
# The pattern opens on the line break, a plain character searched for at C speed
# (one opening on [A-Za-z] tries a class at every character, fifteen times slower);
# ``_subscript`` checks the Latin letter before it.
# A Windows line end's carriage return is invisible by then (PM\r\n2.5\r\n）), a
# page's indent of each line (\u3000\u3000, \u00a0) a space.
SUBSCRIPT_LINE = re.compile(rf"\n *[\d.]+{_I}?\n? *(?={char_class(BRACKETS_CLOSE)})")


def _subscript(match: re.Match) -> str:
    """A ``SUBSCRIPT_LINE`` match with its line breaks and indents invisible when a Latin
    letter is written just before it (PM, an invisible carriage return between), else as it is."""
    before = match.string[max(0, match.start() - 2):match.start()].rstrip(INVISIBLE)[-1:]
    if before and before in ascii_letters:
        return match.group().replace("\n", INVISIBLE).replace(" ", INVISIBLE)
    return match.group()


def clean(text: str) -> str:
    """The cleaned view: same length as ``text``, so offsets need no map."""
    _, between, _ = _invisibles()
    hidden, hidden_to, spaces, spaces_to = _replacers()
    text = ARTEFACT.sub(lambda m: " " * len(m.group()), text)
    text = hidden.sub(lambda m: hidden_to[m.group()], text)
    # most reports have no separator: no slower search between digits (a substring
    # search per separator: a class tried at every character took fifty times as long)
    if any(space in text for space in spaces_to):
        text = spaces.sub(lambda m: spaces_to[m.group()], between.sub(",", text))
    return SUBSCRIPT_LINE.sub(_subscript, text)  # after the spaces: an indent of &nbsp; is one


def digits_of(numeral: str) -> str:
    """A numeral of the cleaned view as a plain decimal string: no commas, no invisible characters."""
    return numeral.replace(",", "").replace(INVISIBLE, "")
