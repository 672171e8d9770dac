"""A report as governments publish it (web page, PDF, Word file, text, link)
→ the plain text ``raw/<id>.txt`` holds, one paragraph a line.

Used by ``python -m pipeline add`` only; no stage imports it, so the heavy
libraries (trafilatura, pdfplumber, python-docx) load only when a report is
added, and ``dvc repro`` never reads an original or the network.

Each format keeps the report's own paragraphs and line breaks and nothing
else: a page's main text comes from trafilatura (navigation, share bars,
related links and footers are not main text), a PDF's wrapped lines are
joined back into paragraphs from their positions, a Word file gives its
paragraphs as written. Then every format goes through the same tidy-up:
chrome lines (``rules/chrome.csv``: 来源, 编辑, ICP numbers, menus, a PDF's
page numbers …) are dropped, whole lines only, so no paragraph of the report
is ever cut; a text file that has none is kept byte for byte, unless it was
saved from a PDF (``text_margin``): its lines are joined as a PDF's are.
Every problem is an InputError naming the source.
"""
from __future__ import annotations

import codecs
import io
import re
import socket
import statistics
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from pipeline.read import outline
from pipeline.rules import table
from pipeline.read.text import BOMS, COLONS, FULL_STOPS, InputError, clean, decode

MIN_REPORT_CHARS = 3000  # the shortest shared report (a county's) has 12,800; a news item on a report ~1,000
CHROME_MAX_CHARS = 200  # chrome lines are short: a rule never drops a paragraph of the report
SHORT_LINE_CHARS = 3  # a PDF line ending this many characters before the margin ends its paragraph
# A text saved from a PDF keeps the page's lines: most of them as wide as the page
# (A4 in 三号 type: 28 characters), where a report's own paragraphs run to hundreds.
WRAP_MAX_CHARS = 100  # the widest margin read as a page's: the shared reports' lines reach 289 and more
WRAPPED_SHARE = 0.5  # of the lines near the margin, how many run on (no full stop) in a wrapped text
FULL_LINE = 0.75  # a line this share of the margin wide or more may run on; a shorter one ends its paragraph
USER_AGENT = "Mozilla/5.0 (compatible; gov-work-reports; +python -m pipeline add)"
IMAGES = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"BM": "BMP",
          b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
# what the bytes start with → (format, or None with the reason the file cannot be read)
LEGACY_OFFICE = b"\xd0\xcf\x11\xe0"
HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype html|html|head|body|meta)\b",
                        re.IGNORECASE | re.DOTALL)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
# A page saying GB2312 or GBK is read as GB18030, their superset: sites that
# declare GB2312 routinely use GBK characters (镕, 堃), which GB2312 rejects.
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
LATIN = {"latin-1", "iso8859-1", "cp1252", "ascii"}  # servers' defaults; never right for a Chinese page


@dataclass(frozen=True)
class Source:
    """An original as received: its bytes, where from, and what the server said it is."""

    name: str  # the path or URL as the user gave it, for error lines
    data: bytes
    url: str = ""
    content_type: str = ""


@dataclass(frozen=True)
class Converted:
    """A report's text for raw/ and the original it came from."""

    source: Source
    format: str
    text: str
    raw: bytes  # the bytes raw/<id>.txt gets: the text as UTF-8, or a .txt original as it was
    encoding: str  # the original's encoding, for a page or text ('' for PDF and Word)


# ------------------------------------------------------------------ reading


def fetch(url: str, timeout: float) -> Source:
    """Download ``url``; InputError with one line on a timeout, an HTTP error or no connection."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Source(url, response.read(), url=response.geturl(),
                          content_type=response.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as err:
        raise InputError(f"{url}: the server answered HTTP {err.code} {err.reason}") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: no answer within {timeout:g} s (try again, or save the page and add the file)") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError | socket.timeout):
            raise InputError(f"{url}: no answer within {timeout:g} s (try again, or save the page and add the file)") from None
        raise InputError(f"{url}: cannot be downloaded ({err.reason})") from None


def sniff(source: Source) -> str:
    """The source's format from its bytes first (a name or a server can be wrong), then its name.

    Raises InputError for what holds no report text this module can read."""
    data, name = source.data, source.name
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(source)
    if data.startswith(LEGACY_OFFICE):
        raise InputError(f"{name}: a legacy Office file (.doc/.xls) or a password-protected Word file "
                         "(save it as .docx without a password, or as PDF)")
    for magic, kind in IMAGES.items():
        if data.startswith(magic):
            raise InputError(f"{name}: a {kind} image, not a text (a scanned report needs OCR first)")
    if data.startswith(b"{\\rtf"):
        raise InputError(f"{name}: an RTF file (save it as .docx or PDF)")
    lower = name.lower().split("?")[0]
    if (HTML_START.match(_strip_bom(data[:2048])) or "html" in source.content_type.lower()
            or lower.endswith((".html", ".htm", ".shtml", ".xhtml"))):
        return "html"
    return "txt"


def _zip_format(source: Source) -> str:
    """A ZIP container: a Word file is ``docx``; anything else is said as what it is."""
    try:
        names = zipfile.ZipFile(io.BytesIO(source.data)).namelist()
    except zipfile.BadZipFile:
        raise InputError(f"{source.name}: a damaged ZIP/Office file") from None
    if "word/document.xml" in names:
        return "docx"
    what = "an Excel file" if any(n.startswith("xl/") for n in names) else "a ZIP archive"
    raise InputError(f"{source.name}: {what}, not a report (add the report's Word, PDF, page or text file)")


def _strip_bom(data: bytes) -> bytes:
    for bom, _ in BOMS:
        if data.startswith(bom):
            return data[len(bom):]
    return data


# ------------------------------------------------------------------ formats


def html_text(source: Source) -> tuple[str, str]:
    """A page's main text and the encoding it was read in."""
    import trafilatura  # 0.2 s to import: only when a page is added

    page, encoding = decode_page(source)
    text = trafilatura.extract(page, output_format="txt", include_tables=True, include_comments=False,
                               include_links=False, include_images=False, favor_precision=True,
                               deduplicate=False, with_metadata=False)
    if not text or not text.strip():
        raise InputError(f"{source.name}: no main text found in the page")
    return text, encoding


def decode_page(source: Source) -> tuple[str, str]:
    """The page decoded by what it declares (BOM, server, ``<meta charset>``), else by its bytes.

    A declared encoding is used only if the bytes decode in it without error, so a
    wrong declaration (a server's default ISO-8859-1 on a GBK page) falls through."""
    data = source.data
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    header = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", source.content_type or "")
    meta = META_CHARSET.search(data[:4096])
    declared = [m.group(1).decode() if isinstance(m.group(1), bytes) else m.group(1) for m in (header, meta) if m]
    tried = [_codec(name) for name in declared]
    tried = [c for c in tried if c and c not in LATIN] + ["utf-8", "gb18030"] + [c for c in tried if c in LATIN]
    for encoding in dict.fromkeys(tried):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source.name}: cannot be decoded ({', '.join(declared) or 'no charset declared'}; "
                     "tried UTF-8 and GB18030)")


def _codec(name: str) -> str:
    """Python's codec name for a declared charset ('' if unknown); the GB family reads as GB18030."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return ""
    return "gb18030" if codec.replace("_", "").replace("-", "") in GB_FAMILY or name.lower() in GB_FAMILY else codec


def docx_text(source: Source) -> str:
    """A Word file's paragraphs (and table rows, cells tab-separated) in document order."""
    import docx  # python-docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(source.data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(f"{source.name}: not a readable Word file ({err})") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_text(source: Source) -> str:
    """A PDF's text, wrapped lines joined back into paragraphs (``pdf_paragraphs``).

    Raises InputError for an encrypted PDF, one without a text layer (scanned
    pages) and one that cannot be parsed."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(source.data)) as pdf:
            pages = [[line for line in page.extract_text_lines(strip=True, return_chars=False)
                      if line["text"].strip()] for page in pdf.pages]
    except PdfminerException as err:
        if "password" in repr(err.args).lower() or "encrypt" in repr(err.args).lower():
            raise InputError(f"{source.name}: an encrypted PDF that needs a password "
                             "(save an unprotected copy first)") from None
        raise InputError(f"{source.name}: not a readable PDF ({err})") from None
    if not any(pages):
        raise InputError(f"{source.name}: a PDF without a text layer (scanned pages?): "
                         "OCR it first, or add the report's Word or text file")
    return "\n".join(pdf_paragraphs(pages))


def pdf_paragraphs(pages: list[list[dict]]) -> list[str]:
    """Paragraphs from each page's text lines (pdfplumber: ``text``, ``x0``, ``x1``).

    A PDF wraps a paragraph into lines that reach the right margin; a new
    paragraph starts indented (首行缩进) or centred, or after a line that stops
    well short of the margin (more than ``SHORT_LINE_CHARS``: CJK line breaking
    leaves a full line up to two characters short). Margins are each page's
    leftmost start and typical line end; chrome lines (page numbers) are
    dropped first, so they shift no margin, and a paragraph runs on across a
    page break."""
    paragraphs: list[str] = []
    ends_full = False
    for lines in pages:
        lines = [line for line in lines if not is_chrome(line["text"], "pdf")]
        if not lines:
            continue
        left = min(line["x0"] for line in lines)
        right = statistics.median(line["x1"] for line in lines)
        width = statistics.median((line["x1"] - line["x0"]) / max(len(line["text"]), 1) for line in lines)
        for line in lines:
            text = line["text"].strip()
            if line["x0"] > left + 0.8 * width or not ends_full or not paragraphs:
                paragraphs.append(text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], text)
            ends_full = line["x1"] >= right - SHORT_LINE_CHARS * width
    return paragraphs


def text_margin(lines: list[str]) -> int:
    """How wide a text's lines are when it was saved from a PDF page by page, 0 when
    it was not: the width nine lines in ten stay within, where most lines that
    wide run on into the next one without a full stop. A report's own paragraph
    lines (Word, a page) are hundreds of characters wide and end on 。."""
    lines = [line.strip(EDGES) for line in lines if line.strip(EDGES)]
    if not lines:
        return 0
    width = sorted(map(len, lines))[len(lines) * 9 // 10]
    full = [line for line in lines if len(line) >= FULL_LINE * width]
    run_on = sum(line[-1] not in FULL_STOPS for line in full)
    return width if width <= WRAP_MAX_CHARS and run_on >= WRAPPED_SHARE * len(full) else 0


def text_paragraphs(lines: list[str], margin: int) -> list[str]:
    """A wrapped text's paragraphs (``text_margin``): no positions as a PDF has, so a
    line runs on unless it is short of the margin, ends on a full stop or a colon,
    or the next one is indented or follows a blank line (a number or a unit cut at
    the margin, 1,2|34 or 亿|元, is whole again)."""
    paragraphs: list[str] = []
    runs_on = False
    for line in lines:
        text = line.strip(EDGES)
        if not text:
            runs_on = False
            continue
        if runs_on and line[0] not in INDENTS:
            paragraphs[-1] = _join(paragraphs[-1], text)
        else:
            paragraphs.append(text)
        runs_on = len(text) >= FULL_LINE * margin and text[-1] not in FULL_STOPS + COLONS
    return paragraphs


def _join(head: str, tail: str) -> str:
    """Two parts of a wrapped paragraph: Chinese runs on without a space, English words get one."""
    if head and tail and head[-1].isascii() and head[-1].isalpha() and tail[0].isascii() and tail[0].isalpha():
        return f"{head} {tail}"
    return head + tail


# ------------------------------------------------------------------ tidy-up


@lru_cache(maxsize=None)
def _chrome(kind: str) -> tuple[re.Pattern, ...]:
    """The chrome patterns for a format: every row for ``all`` formats, and the
    format's own (page numbers only in a PDF: a bare number line in a text is kept)."""
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in table("chrome")
                 if row["formats"] == "all" or kind in row["formats"].split())


def is_chrome(line: str, kind: str = "txt") -> bool:
    """True for a whole line of a ``kind`` file that is page chrome (``rules/chrome.csv``), never for a long paragraph."""
    line = line.strip().translate(WIDE_SPACES)
    return bool(line) and len(line) <= CHROME_MAX_CHARS and any(p.fullmatch(line) for p in _chrome(kind))


WIDE_SPACES = str.maketrans({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " "})
INDENTS = " \t" + "".join(map(chr, WIDE_SPACES))  # a first line's indent (首行缩进) as a text keeps it
EDGES = INDENTS + "\r\n"  # what a wrapped text's line has around its words


def tidy(text: str, kind: str) -> str:
    """The report's lines of a converted ``kind`` file: no blank lines, edge spaces or chrome lines."""
    lines = [line.strip(" \t\u3000\u00a0\u2002\u2003\u200b\ufeff") for line in text.splitlines()]
    return "\n".join(line for line in lines if line and not is_chrome(line, kind)) + "\n"


def check_report(text: str, name: str) -> None:
    """InputError unless ``text`` reads as a work report: long enough, and it
    addresses the deputies (各位代表) or has a numbered outline (一、… 二、…)."""
    body = clean(text)
    addressed = outline.report_cue("address").search(body) is not None
    headings = [s for s in outline.find_sections(body, outline.body_start(body)) if s.level == 1]
    if len(text) < MIN_REPORT_CHARS or not (addressed or len(headings) >= 2):
        raise InputError(f"{name}: its text is not a government work report ({len(text)} characters, "
                         f"{'with' if addressed else 'no'} address to the deputies, {len(headings)} top-level headings)")


# ------------------------------------------------------------------ together


def convert(source: Source) -> Converted:
    """The report text of ``source`` for raw/, checked to read as a work report."""
    kind = sniff(source)
    encoding = ""
    if kind == "html":
        extracted, encoding = html_text(source)
    elif kind == "pdf":
        extracted = pdf_text(source)
    elif kind == "docx":
        extracted = docx_text(source)
    else:
        return convert_text(source)
    text = tidy(extracted, kind)
    check_report(text, source.name)
    return Converted(source, kind, text, text.encode("utf-8"), encoding)


def convert_text(source: Source) -> Converted:
    """A text file: kept byte for byte (its encoding and line endings too)
    unless it holds chrome lines, which are taken out (a page saved as text),
    or was saved from a PDF (``text_margin``): then, as a PDF's, its page
    numbers are taken out and its wrapped lines joined into paragraphs."""
    decoded = decode(source.data, source.name)
    lines = decoded.text.splitlines(keepends=True)
    margin = text_margin(lines)
    kept = [line for line in lines if not is_chrome(line, "pdf" if margin else "txt")]
    text = "\n".join(text_paragraphs(kept, margin)) + "\n" if margin else "".join(kept)
    check_report(text, source.name)
    raw = source.data if text == decoded.text else text.encode("utf-8")
    return Converted(source, "txt", text, raw, decoded.encoding)
