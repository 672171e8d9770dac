"""Flags on a report whose structure looks wrong, so it is never published as
if it were fine.

A report of a kind the rules have not met can come out with its review read
as plan (every result a target) or with no plan at all. Such a report is still
built, but each symptom becomes a row of the ``quality`` resource, shown by
``dvc metrics show`` and ``pipeline show``. The flags, their thresholds, their
meaning and the detail a row gives (a template filled in here) are
``rules/quality_flags.csv``; the README lists them.
"""
from __future__ import annotations

import statistics
from functools import lru_cache

from pipeline.read.outline import dated_years
from pipeline.rules import cues, lookup

ROLES = ("indicator", "target")


@lru_cache(maxsize=None)
def threshold(flag: str) -> float:
    return float(lookup("quality_flags", "flag")[flag]["threshold"])


def raised(flag: str, **values: object) -> tuple[str, str]:
    """``flag`` and its detail: the table's template filled with ``values``."""
    return flag, lookup("quality_flags", "flag")[flag]["detail"].format(**values)


def report_flags(report: dict, parts: list[dict], figures: list[dict], text: str) -> list[dict]:
    """The ``quality`` rows of one report: one per flag raised, with a detail for a reader."""
    found = [*_structure(parts, figures, text), *_years(report), *_roles(figures)]
    if not report.get("region_code"):
        found.append(raised("region_unknown", region=report.get("region") or "(none)"))
    return [{"report_id": report["report_id"], "flag": flag, "detail": detail} for flag, detail in found]


def _structure(parts: list[dict], figures: list[dict], text: str) -> list[tuple[str, str]]:
    kinds = {p["kind"] for p in parts}
    out = []
    if "review" not in kinds:
        out.append(raised("no_review_part"))
    if "plan" not in kinds:
        return [*out, raised("no_plan_part")]
    if not any(f["role"] == "target" for f in figures):
        out.append(raised("plan_without_targets"))
    plan_text = "".join(text[p["start"]:p["end"]] for p in parts if p["kind"] == "plan")
    if not any(cue in plan_text for cue in cues("main_targets")):
        out.append(raised("no_main_targets_list"))
    return out


def _years(report: dict) -> list[tuple[str, str]]:
    plan, review = report.get("plan_year"), report.get("review_year")
    out = [] if plan else [raised("no_plan_year")]
    delivered = str(report.get("delivered_on") or "")
    if plan and (dated := dated_years(delivered)) and int(plan) != dated[0]:
        out.append(raised("plan_year_not_delivery_year", plan=plan, delivered=delivered))
    if plan and review and int(review) != int(plan) - 1:
        out.append(raised("review_year_not_plan_year_minus_one", review=review, plan=plan))
    return out


def _roles(figures: list[dict]) -> list[tuple[str, str]]:
    measured = [f for f in figures if f["role"] in ROLES]
    if len(measured) < 2:
        return []
    out = []
    for role in ROLES:
        share = sum(f["role"] == role for f in measured) / len(measured)
        if share > threshold("one_role"):
            out.append(raised("one_role", share=share, count=len(measured), role=role))
    positions = {role: [int(f["start"]) for f in measured if f["role"] == role] for role in ROLES}
    if all(positions.values()) and statistics.median(positions["target"]) < statistics.median(positions["indicator"]):
        out.append(raised("review_after_plan"))
    return out
