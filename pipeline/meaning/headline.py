"""The ``headline`` resource: per report and codebook concept, last year's
result beside this year's target, so that "Jinghai: GDP grew about 4 % in
2024; target for 2025: about 4.5 %" is one row.

A report often states the same concept several times (GDP growth in the
opening summary, GDP in 亿元 further on; a district-wide tax target and one per
industrial zone). The rules that pick one figure per side:

1. Only figures about the whole region and one year count: ``area`` is the
   report's ``region``; a result is an ``indicator`` of the review year, a
   target a ``target`` of the plan year (a 2027 horizon target is not this
   year's); and the figure covers that year alone (``period_start`` is its
   ``year``): a five-year average or a total since 2020 is no year's result or
   target. A value held in each year of a period (连续四年稳定在37万吨以上,
   basis ``annual`` from an earlier ``period_start``) is that year's too, but
   stands for its side only where no figure of that year alone does.
2. Both sides use the same measure when they can, so that they compare: the
   first of ``MEASURE_PREFERENCE`` that both sides have. Growth comes first
   because reports headline growth rates. With no measure in common each side
   takes its own first preferred measure.
3. Of the figures left on a side, the earliest in the text: reports open the
   review with the headline results and the plan with the 主要预期目标
   paragraph. For a range (4.5%—5%) that is its lower bound (comparator ge).
"""
from __future__ import annotations

# Ranks and durations (居全国第2位, 连续54个月) describe a result, they are not one.
MEASURE_PREFERENCE = ("growth", "share", "change_pp", "level", "count", "multiple")
SIDES = {"result": ("indicator", "review_year"), "target": ("target", "plan_year")}
SIDE_FIELDS = ("figure_id", "measure", "value", "unit", "comparator", "year")
# How a reader writes each comparator before a number (≈4.5), for the chart and `show`.
COMPARATOR_SIGNS = {"eq": "", "approx": "≈", "ge": "≥", "gt": ">", "le": "≤", "lt": "<"}


def headline_rows(figures: list[dict], reports: list[dict]) -> list[dict]:
    """One row per report and code, in report order, then in the text order of the chosen figures."""
    rows = []
    for report in reports:
        pairs = [_choose(sides) for sides in _candidates(figures, report).values()]
        rows.extend(_row(report["report_id"], pair) for pair in sorted(pairs, key=_first_start))
    return rows


def _candidates(figures: list[dict], report: dict) -> dict[str, dict[str, list[dict]]]:
    """code → side → the report's whole-region figures of that side (rule 1), in text order."""
    out: dict[str, dict[str, list[dict]]] = {}
    for row in sorted(figures, key=lambda r: int(r["start"])):
        if (row["report_id"] != report["report_id"] or not row.get("code") or row.get("area") != report.get("region")
                or row["measure"] not in MEASURE_PREFERENCE or not (_one_year(row) or row.get("basis") == "annual")):
            continue
        for side, (role, year_field) in SIDES.items():
            if row["role"] == role and str(row.get("year") or "") == str(report.get(year_field) or ""):
                out.setdefault(row["code"], {s: [] for s in SIDES})[side].append(row)
    return out


def _one_year(row: dict) -> bool:
    """The figure covers its year alone (rows without a period, as older interim
    records have, count as one year's)."""
    return str(row.get("period_start") or row.get("year") or "") == str(row.get("year") or "")


def _held_each_year(row: dict) -> bool:
    """Sort key: a figure of its year alone (False) before a value held in each
    year of a longer period (True); the sort is stable, so text order stays within each."""
    return not _one_year(row)


def _choose(sides: dict[str, list[dict]]) -> dict[str, dict]:
    """side → the chosen figure of one code, or {} where the side has none (rules 2 and 3)."""
    measures = {side: {r["measure"] for r in rows} for side, rows in sides.items()}
    common = set.intersection(*measures.values())
    chosen = {}
    for side, rows in sides.items():
        measure = _preferred(common or measures[side])
        chosen[side] = next((r for r in sorted(rows, key=_held_each_year) if r["measure"] == measure), {})
    return chosen


def _preferred(measures: set[str]) -> str:
    """The first measure of ``MEASURE_PREFERENCE`` in ``measures`` ('' if none)."""
    return next((m for m in MEASURE_PREFERENCE if m in measures), "")


def _first_start(pair: dict[str, dict]) -> int:
    """Where the earlier of the two chosen figures starts in the text."""
    return min(int(figure["start"]) for figure in pair.values() if figure)


def _row(report_id: str, pair: dict[str, dict]) -> dict:
    """The headline row of one chosen pair, columns prefixed by side."""
    code = next(figure["code"] for figure in pair.values() if figure)
    row = {"report_id": report_id, "code": code}
    for side, figure in pair.items():
        row.update({f"{side}_{field}": figure.get(field, "") for field in SIDE_FIELDS})
    return row
