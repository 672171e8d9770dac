"""Promise against result, across reports: a year's target beside the result
reported for that year, per region, codebook concept and measure.

The target for year Y comes from the report whose plan year is Y; the result
from the report whose review year is Y (the next year's report). A target
quoted beside the result in a review (增长6.5%（年度目标6%以上）) is a target
for Y too; where the plan's own target exists it wins, and a quoted one that
disagrees is noted. Only like with like is paired: the same region code,
concept and measure, the same unit, and annual figures on both sides.

Each report contributes its *sides* (candidate targets and results, a few rows)
through :func:`sides`; normalize caches them per report, so adding a report
re-joins only these small rows. :func:`verdict` is the documented rule: the
target's comparator, else the concept's ``direction`` in the codebook, with
``approx_tolerance`` from ``params.yaml``; what it cannot decide is ``unclear``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from pipeline.rules.patterns import any_cue
from pipeline.meaning.figures import format_value
from pipeline.meaning.codebook import clauses_before, code_for
from pipeline.rules import cues, table
from pipeline.read.text import NO_QUOTES

SIDE_FIELDS = ("side", "region_code", "region", "year", "code", "measure", "flow", "value", "upper", "unit",
               "comparator", "report_id", "figure_id", "quoted")
LIST_SPLIT = re.compile("|".join(map(re.escape, cues("list_link"))))
ONE_YEAR = ("annual", "as_of")  # never a five-year total or mean against one year (but see _of_one_year)
COUNTED = ("count", "level")  # measures where a number of new things and a stock share a code
FLOORS, CEILINGS = ("ge", "gt"), ("le", "lt")
FAR_END = {"ge": Decimal("Infinity"), "gt": Decimal("Infinity"), "le": Decimal("-Infinity"), "lt": Decimal("-Infinity")}


@lru_cache(maxsize=None)
def directions() -> dict[str, str]:
    """Codebook code → higher | lower | '' (no direction: verdicts on eq/approx targets stay unclear)."""
    return {row["code"]: row["direction"] for row in table("codebook")}


@lru_cache(maxsize=None)
def _yearly_registers() -> frozenset[str]:
    """Codes whose stock is registered anew each year (``rules/yearly_registers.csv``)."""
    return frozenset(row["code"] for row in table("yearly_registers"))


def sides(figures: list[dict], report: dict) -> list[dict]:
    """One report's candidate targets (for its plan year, or quoted in its
    review: a target of the review year can only be a quoted one) and results
    (for its review year), the first in text order per key and unit (新改造老旧小区183个1.25万户:
    the households are a result too, for a target in households); a range (ge
    then le on the same subject) is one target with an upper bound."""
    if not report.get("region_code"):
        return []
    out: dict[tuple, dict] = {}
    for i, base in enumerate(figures):
        if _side_by_year(base, report) is None:
            continue  # most figures: their list subjects need no codes (a concept changes no role or year)
        for row in _each_concept(base):
            side = _side(row, report)
            key = (side, row.get("year"), row.get("code"), row.get("measure"), row.get("unit"), _flow(row) if side else "")
            if side is not None and key not in out:
                out[key] = _side_row(side, row, report, _upper(figures, i) if side != "result" else "", key[-1])
    return [{**row, "side": "result" if row["side"] == "result" else "target"} for row in out.values()]


def _each_concept(row: dict) -> list[dict]:
    """The row once per concept it is about: its own code, or, for one number
    about a list (实际利用境外资金、进出口额均增长3%以上), each item's code."""
    if row.get("code") or row.get("role") not in ("indicator", "target"):
        return [row]
    items = [item for item in LIST_SPLIT.split(row.get("subject", "")) if item]
    codes = dict.fromkeys(code for item in items if len(items) > 1 and (code := code_for(item)))
    return [{**row, "code": code} for code in codes] or [row]


def _side_row(side: str, row: dict, report: dict, upper: str, flow: str) -> dict:
    """One candidate target or result, as the scorecard's join reads it."""
    return {"side": side, "region_code": report["region_code"], "region": report.get("region", ""),
            "year": row["year"], "code": row["code"], "measure": row["measure"], "flow": flow,
            "value": row["value"], "upper": upper, "unit": row["unit"], "comparator": row["comparator"],
            "report_id": report["report_id"], "figure_id": row["figure_id"], "quoted": "1" if side == "quoted" else ""}


def _flow(row: dict) -> str:
    """'new' for a count or amount of new things (新增高新技术企业60家), 'stock' for
    a total (总数, 达1432家), '' when the words do not say or the concept is a
    register renewed each year: the codebook gives new things and the stock one
    code, and the scorecard never pairs 'new' with 'stock'."""
    if row.get("measure") not in COUNTED or row.get("code") in _yearly_registers():
        return ""  # a register renewed each year: its total is the year's count
    if row.get("basis") == "as_of":
        return "stock"
    clauses = clauses_before(row)
    own = _clause_flow(clauses[-1])
    if own or not _bare(clauses[-1], row.get("subject", "")):
        return own
    return next(filter(None, map(_clause_flow, reversed(clauses[:-1]))), "")  # the nearest clause with a cue


def _clause_flow(clause: str) -> str:
    """'stock', 'new' or '' by the cue words of one clause."""
    if any_cue("stock_total").search(clause):
        return "stock"
    return "new" if any_cue("flow").search(clause) else ""


def _bare(clause: str, subject: str) -> bool:
    """A clause that is only its subject (规上工业企业达1432家，专精特新企业149家): an
    item of a list whose verb came in an earlier clause of the sentence, so it
    is new or stock as the clause with that verb says."""
    return bool(subject) and clause.translate(NO_QUOTES) == subject.translate(NO_QUOTES)


def _clause(row: dict) -> str:
    """The words of the figure's clause before its number."""
    return clauses_before(row)[-1]


def _in_a_run(row: dict) -> bool:
    """连续6年稳定在325天以上: a level held through a run of years, not one year's result."""
    clause = _clause(row)
    return any_cue("streak").search(clause) is not None


def _of_one_year(row: dict) -> bool:
    """A flow or rate of one year or a state at its end; or a bound held each year
    of a span (过去五年粮食产量保持在60万吨以上: annual from the span's first year),
    which binds its last year, the figure's year, too. An each-year figure that
    is no bound (每年新增10万人) may be a rounded mean, so it stays out."""
    spans = str(row.get("period_start") or row.get("year")) != str(row.get("year"))
    if row.get("basis") in ONE_YEAR and not spans:
        return True
    return (row.get("basis") == "annual" and row.get("comparator") in FLOORS + CEILINGS
            and any_cue("each_year", "periods").search(_clause(row)) is not None)


def _of_owned_units(row: dict) -> bool:
    """省属企业完成…研发投入133.5亿元: a sentence about the firms (or schools …) the
    region owns gives their figures, not the region's (cues kind owned_units)."""
    return clauses_before(row)[0].startswith(cues("owned_units"))


def _side(row: dict, report: dict) -> str | None:
    """'target', 'quoted', 'result' or None: one year's figures (:func:`_of_one_year`)
    with a code, for the report's own years."""
    side = _side_by_year(row, report)  # first: most figures are of no side, and the clause tests below read text
    if (side is None or not row.get("code") or row.get("value") in ("", None) or row.get("area") != report.get("region")
            or not _of_one_year(row) or _in_a_run(row) or _of_owned_units(row)):
        return None  # a zone's or a company's figure is not the region's promise or result
    return side


def _side_by_year(row: dict, report: dict) -> str | None:
    """The side a figure's role and year alone give: a target of the plan year, one
    of the review year (quoted in the review), a result of the review year."""
    if row["role"] == "target" and row["year"] == report.get("plan_year"):
        return "target"
    if row["role"] == "target" and row["year"] == report.get("review_year"):
        return "quoted"
    if row["role"] == "indicator" and row["year"] == report.get("review_year"):
        return "result"
    return None


def _upper(figures: list[dict], i: int) -> str:
    """The upper bound of a range target that starts at ``figures[i]`` (4.5%—5%)."""
    low = figures[i]
    nxt = figures[i + 1] if i + 1 < len(figures) else None
    if (low["comparator"] == "ge" and nxt and nxt["comparator"] == "le" and nxt.get("subject") == low.get("subject")
            and nxt.get("unit") == low["unit"] and int(nxt["start"]) - int(low["end"]) <= 3):
        return nxt["value"]
    return ""


def build(all_sides: list[dict], tolerance: Decimal) -> list[dict]:
    """Scorecard rows from every report's sides, sorted by region code, year, code, measure."""
    targets: dict[tuple, list[dict]] = {}
    results: dict[tuple, list[dict]] = {}
    for row in all_sides:
        key = (row["region_code"], str(row["year"]), row["code"], row["measure"])
        (targets if row["side"] == "target" else results).setdefault(key, []).append(row)
    rows = []
    for key in sorted(set(targets) & set(results)):
        pair = next(((target, result) for target in _by_preference(targets[key]) for result in results[key]
                     if _alike(target, result)), None)
        if pair is not None:
            rows.append(_row(*pair, _note(pair[0], targets[key]), tolerance))
    return rows


def _by_preference(candidates: list[dict]) -> list[dict]:
    """The plan's own targets before those quoted in a review, each in text order."""
    return sorted(candidates, key=lambda c: bool(c["quoted"]))


def _alike(target: dict, result: dict) -> bool:
    """Like with like: one unit (or counters the concept counts alike), and never
    a number of new things against a stock."""
    units = {result["unit"], target["unit"]}
    return ((len(units) == 1 or units <= _same_counters().get(target["code"], frozenset()))
            and {result["flow"], target["flow"]} != {"new", "stock"})


@lru_cache(maxsize=None)
def _same_counters() -> dict[str, frozenset[str]]:
    """Code → the units that count one thing of it alike (``rules/same_counters.csv``: 户 and 家 of market entities)."""
    return {row["code"]: frozenset(row["units"].split("|")) for row in table("same_counters")}


def _note(chosen: dict, candidates: list[dict]) -> str:
    """Where another target in the same unit for the same year says otherwise."""
    others = {c["value"] for c in candidates
              if c is not chosen and c["unit"] == chosen["unit"] and c["value"] != chosen["value"]}
    return f"target quoted elsewhere differs: {', '.join(sorted(others))}" if others else ""


def _row(target: dict, result: dict, note: str, tolerance: Decimal) -> dict:
    gap = Decimal(result["value"]) - Decimal(target["value"])
    return {
        "region_code": target["region_code"], "region": target["region"], "year": int(target["year"]),
        "code": target["code"], "measure": target["measure"],
        "target_value": target["value"], "target_upper_value": target["upper"], "target_unit": target["unit"],
        "target_comparator": target["comparator"], "target_report_id": target["report_id"],
        "target_figure_id": target["figure_id"],
        "result_value": result["value"], "result_unit": result["unit"],
        "result_report_id": result["report_id"], "result_figure_id": result["figure_id"],
        "gap": format_value(gap), "verdict": verdict(target, result["value"], tolerance, result["comparator"]),
        "note": note,
    }


def verdict(target: dict, result_value: str, tolerance: Decimal, result_comparator: str = "eq") -> str:
    """met | missed | unclear, by the documented rule (README, "Promise against result").
    A result that is only a bound (突破2000亿元, 保持在160亿斤以上) decides only where
    every value it allows gets the same verdict: judged at its number and at its far end."""
    at_number = _verdict(target, Decimal(result_value), tolerance)
    far = FAR_END.get(result_comparator)
    return at_number if far is None or _verdict(target, far, tolerance) == at_number else "unclear"


def _verdict(target: dict, result: Decimal, tolerance: Decimal) -> str:
    """The verdict for one exact result."""
    value = Decimal(target["value"])
    if target["upper"]:
        return _range(result, value, Decimal(target["upper"]), directions().get(target["code"], ""))
    comparator = target["comparator"]
    if comparator in FLOORS:
        return _floor(result, value, comparator)
    if comparator in CEILINGS:
        return _ceiling(result, value, comparator)
    slack = abs(value) * tolerance if comparator == "approx" else Decimal(0)
    direction = directions().get(target["code"], "")
    if direction == "higher":
        return _floor(result, value - slack, "ge")
    if direction == "lower":
        return _ceiling(result, value + slack, "le")
    return "unclear"


def _floor(result: Decimal, bound: Decimal, comparator: str) -> str:
    if result == bound and comparator == "gt":
        return "unclear"
    return "met" if result >= bound else "missed"


def _ceiling(result: Decimal, bound: Decimal, comparator: str) -> str:
    if result == bound and comparator == "lt":
        return "unclear"
    return "met" if result <= bound else "missed"


def _range(result: Decimal, low: Decimal, high: Decimal, direction: str) -> str:
    """5%—5.5%: met inside; above the range is met too where higher is better
    (and below it where lower is better)."""
    if direction == "higher":
        return "met" if result >= low else "missed"
    if direction == "lower":
        return "met" if result <= high else "missed"
    return "met" if low <= result <= high else "missed"
