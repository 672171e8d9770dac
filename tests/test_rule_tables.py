"""The rule tables check themselves: a line a reader adds that repeats a key,
gives an alias to two codes, names a cue kind no code asks for, or writes a
value the package's descriptor does not allow, fails here with the table and
the line, instead of being silently ignored or failing validation later. And
each table shows what its lines do: an example sentence per table (per kind of
cue) that is run through the pipeline, so a reader learns a table from its
examples and a change that breaks one fails with the table, the line and what
came out."""
from __future__ import annotations

import ast
import contextlib
import csv
import io
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline import rules
from pipeline.add import read_meta, suggest_id
from pipeline.extract import extract_report, load_sidecars
from pipeline.meaning import scorecard
from pipeline.meaning.scorecard import sides
from pipeline.normalize import report_tables
from pipeline.package.resources import build
from pipeline.read.convert import is_chrome
from pipeline.read.text import InputError
from pipeline.run.params import stage_params

ROOT = Path(__file__).resolve().parents[1]
TABLES = sorted(rules.RULES_DIR.rglob("*.csv"))
# The columns that identify a row, where they are not just the first column.
KEYS = {"cues": ("cue", "kind"), "periods": ("cue", "kind"), "qualifiers": ("written", "position"),
        "report_cues": ("kind", "pattern"), "self_references": ("source", "pattern"),
        "project_parts": ("open", "close")}
# Columns whose values must be allowed by a field of the descriptor: (resource, field).
ENUMS = {("units", "unit"): ("figures", "unit"), ("units", "measure"): ("figures", "measure"),
         ("qualifiers", "comparator"): ("figures", "comparator"), ("codebook", "direction"): ("codebook", "direction"),
         ("level_words", "level"): ("reports", "region_level"), ("region_levels", "level"): ("reports", "region_level"),
         ("project_status", "review"): ("projects", "status"), ("project_status", "plan"): ("projects", "status"),
         ("project_heads", "kind"): ("projects", "kind"), ("project_kind_words", "kind"): ("projects", "kind"),
         ("quality_flags", "flag"): ("quality", "flag")}
# Values a table may hold beyond the enum, because code resolves them first.
RESOLVED = {("units", "measure"): {"percent"}}  # figures.py makes a percent growth, share or change_pp
# Cue tables whose ``kind`` column code asks for by name (``cues("growth")``).
KIND_TABLES = ("cues", "periods", "sections", "report_cues")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def code_strings() -> set[str]:
    """Every string constant in the pipeline's code: the names code can ask for."""
    found: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        found |= {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_a_table_has_no_two_rows_with_one_key(path: Path):
    table = rows(path)
    key = KEYS.get(path.stem, tuple(table[0])[:1] if table else ())
    repeated = [k for k, n in Counter(tuple(r[c] for c in key) for r in table).items() if n > 1]
    assert not repeated, f"{path.relative_to(ROOT)}: {key} repeated: {repeated}"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_row_has_every_column(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    short = [i + 1 for i, line in enumerate(lines) if len(line) != len(lines[0])]
    assert not short, f"{path.relative_to(ROOT)}: lines {short} do not have the header's {len(lines[0])} columns"


def test_no_alias_names_two_codes():
    owners: dict[str, set[str]] = {}
    for row in rules.table("codebook"):
        for alias in filter(None, [row["name_zh"], *row["aliases"].split("|")]):
            owners.setdefault(alias, set()).add(row["code"])
    shared = {alias: sorted(codes) for alias, codes in owners.items() if len(codes) > 1}
    assert not shared, f"codebook.csv: aliases on two codes: {shared}"


def test_every_quantity_is_a_flow_or_a_stock():
    """The period rules read only these two (periods.quantity): any other word would be silently ignored."""
    kinds = {("codebook", r["code"]): r["quantity"] for r in rules.table("codebook")}
    kinds |= {("quantities", r["word"]): r["kind"] for r in rules.table("quantities")}
    odd = {key: kind for key, kind in kinds.items() if kind not in ("flow", "stock")}
    assert not odd, f"quantity must be flow or stock: {odd}"


@pytest.mark.parametrize("name", KIND_TABLES)
def test_every_kind_of_cue_is_asked_for_by_some_code(name: str):
    unread = sorted({r["kind"] for r in rules.table(name)} - code_strings())
    assert not unread, f"{rules.path(name).relative_to(ROOT)}: kinds no code reads: {unread}"


@pytest.mark.parametrize(("table", "column"), sorted(ENUMS))
def test_table_values_are_allowed_by_the_descriptor(table: str, column: str):
    res, field = ENUMS[(table, column)]
    fields = next(r for r in build()["resources"] if r["name"] == res)["schema"]["fields"]
    allowed = next(f for f in fields if f["name"] == field)["constraints"]["enum"]
    wrong = sorted({r[column] for r in rules.table(table) if r[column]} - set(allowed) - RESOLVED.get((table, column), set()))
    assert not wrong, f"{rules.path(table).relative_to(ROOT)}: {column} {wrong} not in {res}.{field}'s enum {allowed}"


# Examples: each rule table has an ``example`` column, ``sentence → expected``,
# and every example is run through the pipeline. The sentence is put in a short
# report (``make_record``: the review of 2024; the plan of 2025 when the
# expected says ``part=plan`` or ``role=target``); ``expected`` is
# ``field=value[; field=value]``, which some row the sentence gives must hold
# (``code=`` for an empty cell), or ``no`` before them: no row holds them
# (``no project``: no row at all). Which rows depends on the table's effect.
# A table whose effect is not on a report's body gives rows from the sentence
# alone (``TEXT_CHECKERS``): a report's header, a heading, a line of a page, a
# sidecar. In every sentence ``\n`` is a line break and ``\u200b`` (four hex
# digits) the character it names, so an example can show a line break or an
# invisible character.
EXAMPLE = "example"
ARROW = " → "
# Tables that are no rules, with the reason they need no example.
EXEMPT = {"divisions": "reference data (the national division codes), not rules: tests/test_divisions.py checks it",
          "division_aliases": "names of the country in the division lookups: tests/test_divisions.py checks them",
          "division_exceptions": "the division table generator's exceptions: tests/test_divisions.py checks that the "
                                 "committed table is what they give",
          "division_suffixes": "the division table generator's level suffixes: tests/test_divisions.py checks that "
                               "the committed table is what they give",
          "canonical_units": "the published order of the unit enum, not a reading rule: tests/test_fields.py checks "
                             "the descriptor built from it, tests/test_rule_lines_fields.py a unit added"}
SCORED_REGION = "999999"  # the test report's 某某区 is in no division table; the scorecard needs a code


def figure_rows(record: dict) -> list[dict]:
    """The sentence's figures, with their codebook codes (as normalize gives them)."""
    return report_tables(record)["figures"]


def project_rows(record: dict) -> list[dict]:
    return report_tables(record)["projects"]


def quality_rows(record: dict) -> list[dict]:
    """The report's quality flags (the report is one sentence: write ``part=plan`` for a plan's flags)."""
    return report_tables(record)["quality"]


def scorecard_rows(record: dict) -> list[dict]:
    """The targets and results the scorecard would join, were the report's region known."""
    return sides(figure_rows(record), {**record["report"], "region_code": SCORED_REGION})


def scorecard_pairs(record: dict) -> list[dict]:
    """The scorecard rows the report alone makes (a target quoted beside its result)."""
    return scorecard.build(scorecard_rows(record), Decimal(str(stage_params("normalize")["approx_tolerance"])))


def extracted(text: str) -> dict:
    """The interim record of a report whose whole text is ``text`` (its warnings kept quiet)."""
    with contextlib.redirect_stderr(io.StringIO()):
        return extract_report(Path("t.txt"), {}, data=text.encode())


def report_rows(text: str) -> list[dict]:
    """What a report's header (and the words it uses of itself) say of it: region, level, speaker…"""
    return [extracted(text)["report"]]


def section_rows(heading: str) -> list[dict]:
    """The sections of a short outline: a review, then ``heading`` (write its number: 二、…)."""
    return extracted(f"各位代表：\n一、2024年工作回顾\n地区生产总值增长5%。\n{heading}\n稳定就业。\n")["sections"]


def chrome_rows(line: str) -> list[dict]:
    """Whether convert drops ``line`` of a page, for each format it takes reports from."""
    return [{"format": kind, "dropped": "yes" if is_chrome(line, kind) else "no"} for kind in SOURCE_FORMATS]


def id_rows(text: str) -> list[dict]:
    """The report id ``add`` suggests for a report that begins with ``text``."""
    with contextlib.redirect_stderr(io.StringIO()):
        return [{"id": suggest_id(read_meta(text.encode(), "t.txt"), "t.txt")}]


def sidecar_rows(yaml: str) -> list[dict]:
    """A report's sidecar ``t.yaml`` holding ``yaml``: its fields, accepted, or the error."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "t.txt").write_text("各位代表：\n", encoding="utf-8")
        (Path(folder) / "t.yaml").write_text(yaml, encoding="utf-8")
        try:
            return [{**load_sidecars(Path(folder), ["t"])["t"], "accepted": "yes"}]
        except InputError as err:
            return [{"accepted": "no", "error": str(err).partition(": ")[2]}]


Checker = Callable[[dict], list[dict]]
TextChecker = Callable[[str], list[dict]]
# Checkers given the sentence itself, not a report with the sentence in it.
TEXT_CHECKERS = (report_rows, section_rows, chrome_rows, id_rows, sidecar_rows)
SOURCE_FORMATS = ("txt", "html", "pdf", "docx")
PROJECT_TABLES = ("project_crossing", "project_exclude", "project_generic", "project_heads", "project_kind_words",
                  "project_lead", "project_list_heads", "project_name_breaks", "project_not_after", "project_parts",
                  "project_sections", "project_status", "project_suffixes")
FIGURE_TABLES = ("areas", "codebook", "cues", "division_short_forms", "list_expansions", "not_areas", "units", "multipliers", "qualifiers",
                 "chinese_measures", "chinese_numerals", "number_forms", "periods", "period_heads", "plan_names", "quantities", "characters",
                 "invisible")
CHECKERS: dict[str, Checker | TextChecker] = {
    **dict.fromkeys(FIGURE_TABLES, figure_rows), **dict.fromkeys(PROJECT_TABLES, project_rows),
    "quality_flags": quality_rows, "sections": section_rows, "chrome": chrome_rows, "sidecar_fields": sidecar_rows,
    **dict.fromkeys(("region_levels", "self_references", "level_words", "speaker_titles", "report_cues"), report_rows),
    **dict.fromkeys(("id_names", "id_suffixes"), id_rows), "yearly_registers": scorecard_rows,
    "same_counters": scorecard_pairs}
# (table, kind) whose effect is not the table's: a cue kind not on a figure, a character kind that ends a heading…
KIND_CHECKERS: dict[tuple[str, str], Checker | TextChecker] = {
    **dict.fromkeys((("cues", "investment"), ("cues", "category"), ("cues", "project_tail")), project_rows),
    ("cues", "main_targets"): quality_rows, ("cues", "streak"): scorecard_rows, ("cues", "owned_units"): scorecard_rows,
    ("characters", "item_stop"): section_rows, ("characters", "full_stop"): section_rows,
    ("characters", "lost"): report_rows}


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])


def examples() -> list:
    """(table, line, row) of every row with an example, named table:line."""
    found = []
    for path in (p for p in TABLES if p.stem not in EXEMPT):
        for line, row in enumerate(rows(path), start=2):
            if row.get(EXAMPLE):
                found.append(pytest.param(path.stem, line, row, id=f"{path.stem}:{line}"))
    return found


def checker(table: str, row: dict[str, str]) -> Checker | TextChecker:
    """The rows an example of ``table`` speaks of."""
    if (table, row.get("kind")) in KIND_CHECKERS:
        return KIND_CHECKERS[(table, row["kind"])]
    assert table in CHECKERS, f"{table}.csv has examples but no checker: add it to CHECKERS"
    return CHECKERS[table]


def unescaped(sentence: str) -> str:
    """``sentence`` with ``\\n`` a line break and ``\\uXXXX`` the character it names."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), sentence.replace("\\n", "\n"))


def parse(expected: str) -> tuple[str, bool, dict[str, str]]:
    """The part of the report, whether no row may hold the conditions, and the conditions."""
    conditions, negative = {}, False
    for item in expected.split("; "):
        if item == "no" or item.startswith("no "):
            negative, item = True, item[3:]  # no project; no flag=…
        if "=" in item:
            field, _, value = item.partition("=")
            conditions[field.strip()] = value.strip()
    part = conditions.pop("part", "plan" if conditions.get("role") == "target" else "review")
    return part, negative, conditions


def holds(row: dict, conditions: dict[str, str]) -> bool:
    return all(str(row.get(field, "")) == value for field, value in conditions.items())


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_table_has_an_example_column_or_says_why_not(path: Path):
    assert EXAMPLE in header(path) or path.stem in EXEMPT, (
        f"{path.relative_to(ROOT)}: no {EXAMPLE} column (a short sentence → what it must give)")


def test_the_tables_without_examples_are_tables_that_exist():
    assert not set(EXEMPT) - {p.stem for p in TABLES}


@pytest.mark.parametrize("path", [p for p in TABLES if EXAMPLE in header(p)], ids=lambda p: p.stem)
def test_a_table_with_the_column_has_an_example(path: Path):
    assert any(r[EXAMPLE] for r in rows(path)), f"{path.relative_to(ROOT)}: no row has an {EXAMPLE}"


# The column whose value changes what a row does, so each of its values shows its effect.
KIND_COLUMNS = {"cues": "kind", "periods": "kind", "report_cues": "kind", "characters": "kind",
                "number_forms": "kind", "plan_names": "kind", "qualifiers": "position"}


@pytest.mark.parametrize("table", sorted(KIND_COLUMNS))
def test_every_kind_of_a_table_has_an_example(table: str):
    column = KIND_COLUMNS[table]
    kinds = {r[column] for r in rules.table(table)}
    shown = {r[column] for r in rules.table(table) if r[EXAMPLE]}
    assert not kinds - shown, f"{table}.csv: {column}s without an example: {sorted(kinds - shown)}"


@pytest.mark.parametrize(("table", "line", "row"), examples())
def test_the_example_gives_what_it_says(table: str, line: int, row: dict[str, str], make_record):
    sentence, arrow, expected = row[EXAMPLE].partition(ARROW)
    assert arrow, f"{table}.csv line {line}: example {row[EXAMPLE]!r} is not 'sentence{ARROW}expected'"
    part, negative, conditions = parse(expected)
    check, text = checker(table, row), unescaped(sentence)
    got = check(text) if check in TEXT_CHECKERS else check(make_record(**{part: text}))
    fields = list(conditions) or list(got[0] if got else ())[:3]
    shown = [{f: r.get(f, "") for f in fields} for r in got if any(r.get(f) for f in fields)]
    assert any(holds(r, conditions) for r in got) != negative, (
        f"{table}.csv line {line}: {sentence}{ARROW}{expected}\n  gave: {shown}")


def test_longest_prefix_and_suffix_find_the_longest_word_written_there():
    from pipeline.rules import longest_prefix, longest_suffix

    words = {w: {} for w in ("千", "千米", "千瓦时", "%", "个百分点", "m+", "")}  # one pattern of them, compiled once
    text = "83千米，12千瓦时，5个百分点，3%，2m+"
    assert [longest_prefix(text, text.index(c), words) for c in "千瓦个%m"] == ["千米", "", "个百分点", "%", "m+"]
    assert longest_prefix(text, text.index("千瓦"), words) == "千瓦时"
    assert longest_prefix(text, len(text), words) == "" and longest_prefix(text, 0, words) == ""
    assert longest_suffix(text, text.index("，12"), words) == "千米" and longest_suffix(text, 0, words) == ""
    assert longest_prefix("2mm", 1, words) == ""  # m+ is a word, not a pattern


def test_a_word_tree_matches_what_the_flat_alternation_matches():
    """The tree of shared beginnings finds the longest word at the first place one starts, as the flat one does."""
    from pipeline.rules import alternation, word_tree
    words = ["企业", "企业数", "资产", "资产总额", "总额", "a.b"]
    tree, flat = re.compile(word_tree(words)), re.compile(alternation(words))
    for text in ("规上企业数达到", "资产总额增长", "企业资产", "a.b和axb", "无"):
        assert [m.group() for m in tree.finditer(text)] == [m.group() for m in flat.finditer(text)]
    assert word_tree([]) == alternation([])

