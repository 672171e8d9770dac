"""The package's resources and metadata, from which its descriptor is built.

Each resource names its columns in order (defined once in ``fields.py``),
says where a column differs here (``overrides``: its own description, a
``required`` flag), and gives its keys. ``build`` turns them into the source
descriptor, whose per-report resources have a path template
(``data/figures/{plan_year}/{province}.csv``); normalize expands the templates
into lists of files and writes ``datapackage.json`` (``schema.expand``).
"""
from __future__ import annotations

import json

from pipeline.package.fields import (COMPARATORS, MEASURES, PROJECT_KINDS, REGION_CODE, SLUG, UNITS, categorical,
                                     field)

PACKAGE = {
    "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
    "name": "china-government-work-reports",
    "title": "Chinese government work reports: indicators, targets and projects",
    "description": "Indicators, targets and named projects extracted from Chinese government work reports "
                   "(政府工作报告), every row traceable to the exact characters of the report it came from. Built by "
                   "the pipeline in this repository (dvc repro) and validated on every change.",
    "version": "0.2.0",  # the changelog in the README names it too (tests/test_release.py)
    "keywords": ["China", "government work report", "政府工作报告", "economic targets", "indicators"],
    "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                  "title": "Creative Commons Attribution 4.0 (data)"}],
    "sources": [{"title": "Government work reports as delivered and published by the governments concerned; the "
                          "texts are in raw/"}],
    "contributors": [{"title": "China work reports data team", "roles": ["creator"]}],
}

# how every resource's files are read: UTF-8 CSV on disk
FILE = {"scheme": "file", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}


def key(fields: list[str], resource: str, to: list[str] | None = None) -> dict:
    """A foreign key: ``fields`` point to ``to`` (the same names by default) of ``resource``."""
    return {"fields": fields, "reference": {"resource": resource, "fields": to or fields}}


def always(role: str) -> dict:
    """The override of ``role`` in a resource that holds the figures of one role."""
    return {"description": f"Always {role}.", "constraints": {"required": True, "enum": [role]}, "categories": [role]}


def required(**constraints: object) -> dict:
    """The override of a column the scorecard requires: the registry's ``constraints``
    (given again, as an override replaces them whole), then ``required``."""
    return {"constraints": {**constraints, "required": True}}


TO_REPORT = key(["report_id"], "reports")
TO_SECTION = key(["report_id", "section_id"], "sections")
TO_CODE = key(["code"], "codebook")
FIGURE_FIELDS = ["report_id", "figure_id", "section_id", "start", "end", "text", "raw", "context", "role", "subject",
                 "code", "measure", "value", "unit", "comparator", "year", "period_start", "basis", "area"]
FIGURE_KEYS = {"primaryKey": ["report_id", "figure_id"], "per_report": True}
SLUG_ID = {"constraints": {"required": True, "pattern": SLUG}}

RESOURCES: list[dict] = [
    {"name": "reports", "title": "Reports", "per_report": True,
     "description": "One row per report in raw/: who delivered it, when, where, and the file it was read from.",
     "fields": ["report_id", "title", "region", "region_code", "region_level", "parent_region", "delivered_on",
                "speaker", "speaker_title", "meeting", "review_year", "plan_year", "source_path", "source_sha256",
                "source_format", "source_url", "original_sha256", "encoding", "chars"],
     "overrides": {"report_id": {"description": "Report identifier: the file name in raw/ without extension, a "
                                                "lowercase slug.", **SLUG_ID}},
     "primaryKey": ["report_id"]},
    {"name": "sections", "title": "Sections", "per_report": True,
     "description": "One row per heading of a report's outline (一、 （一） 一是 …), with its span; '0' is the whole "
                    "report.",
     "fields": ["report_id", "section_id", "parent_id", "level", "label", "title", "kind", "year", "start", "end"],
     "overrides": {
         "report_id": {"description": "Report the section belongs to."},
         "section_id": {"description": "Outline position: '0' for the whole report, "
                                       "then 1, 1.2, 1.2.3 for 一、（二）三是.",
                        "constraints": {"required": True, "pattern": "0|[0-9]+(\\.[0-9]+)*"}},
         "title": {"description": "Heading text without its numbering."},
         "year": {"description": "Year the section's heading names (2024年工作回顾 → 2024; “十五五” → 2030), or "
                                 "inherited."},
         "start": {"description": "Start of the section (its heading) in the raw report text."},
         "end": {"description": "End (exclusive) of the section: the next heading of the same or a higher level.",
                 "constraints": {"required": True, "minimum": 0}}},
     "primaryKey": ["report_id", "section_id"], "foreignKeys": [TO_REPORT]},
    {"name": "figures", "title": "Figures", **FIGURE_KEYS,
     "description": "Every Arabic-numeral number of every report, and every Chinese-numeral quantity that is a "
                    "measure, with its role and reading. Numbers that are not measures (years, dates, names) "
                    "have role other.",
     "fields": FIGURE_FIELDS, "foreignKeys": [TO_REPORT, TO_SECTION, TO_CODE]},
    {"name": "indicators", "title": "Indicators", **FIGURE_KEYS,
     "description": "The figures with role indicator: achieved or observed quantities, repeated from figures for "
                    "convenience.",
     "fields": FIGURE_FIELDS, "overrides": {"role": always("indicator")},
     "foreignKeys": [TO_REPORT, TO_SECTION, TO_CODE, key(["report_id", "figure_id"], "figures")]},
    {"name": "targets", "title": "Targets", **FIGURE_KEYS,
     "description": "The figures with role target: goals and planned quantities, repeated from figures for "
                    "convenience.",
     "fields": FIGURE_FIELDS, "overrides": {"role": always("target")},
     "foreignKeys": [TO_REPORT, TO_SECTION, TO_CODE, key(["report_id", "figure_id"], "figures")]},
    {"name": "projects", "title": "Projects", "per_report": True,
     "description": "Named projects a report says were started, built, opened, put into use, pushed forward or "
                    "planned.",
     "fields": ["report_id", "project_id", "name", "start", "end", "status", "year", "area", "kind", "investment_cny",
                "section_id", "context"],
     "overrides": {
         "report_id": {"description": "Report the project is named in."},
         "start": {"description": "Start of the name in the raw report text."},
         "end": {"description": "End (exclusive) of the name; raw_text[start:end] == name."},
         "year": {"description": "Review year for what happened, plan year for what is planned."},
         "area": {"description": "Zone or town the passage names, else the report's region."},
         "kind": {"description": "infrastructure, facility, industrial, platform, agriculture or other.",
                  **categorical(PROJECT_KINDS)},
         "section_id": {"description": "Innermost outline section holding the name."},
         "context": {"description": "The sentence the project is named in, as written. At most 500 characters: a "
                                    "longer sentence is cut to the 500 characters around the name."}},
     "primaryKey": ["report_id", "project_id"], "foreignKeys": [TO_REPORT, TO_SECTION]},
    {"name": "quality", "title": "Quality flags", "per_report": True,
     "description": "One row per report and flag raised: a report whose structure looks wrong (no plan part, a "
                    "plan without targets, years that do not fit the delivery date, most figures of one role, "
                    "targets before indicators, a region the division table does not know). A flagged report is "
                    "still published; check its figures before use. The README explains each flag.",
     "fields": ["report_id", "flag", "detail"],
     "overrides": {"report_id": {"description": "The report flagged.", **SLUG_ID}},
     "primaryKey": ["report_id", "flag"], "foreignKeys": [TO_REPORT]},
    {"name": "codebook", "title": "Codebook", "per_report": False,
     "description": "Standard indicator concepts that recur across reports, with their aliases, so figures from "
                    "different reports can be compared.",
     "fields": ["code", "name_zh", "name_en", "aliases", "description", "direction"],
     "overrides": {"code": {"description": "Stable English snake_case code of the concept.",
                            "constraints": {"required": True, "pattern": "[a-z0-9]+(_[a-z0-9]+)*"}}},
     "primaryKey": ["code"]},
    {"name": "headline", "title": "Headline", "per_report": True,
     "description": "One row per report and codebook concept: last year's result beside this year's target, each "
                    "with its figure. Only figures about the whole region count; both sides use the same measure "
                    "where the report gives one in common (growth first, then share, change_pp, level, count, "
                    "multiple, rank, duration), and of several figures the earliest in the text (the opening "
                    "summary of the review, the 主要预期目标 paragraph of the plan). A range is given by its lower "
                    "bound.",
     "fields": ["report_id", "code", "result_figure_id", "result_measure", "result_value", "result_unit",
                "result_comparator", "result_year", "target_figure_id", "target_measure", "target_value",
                "target_unit", "target_comparator", "target_year"],
     "overrides": {
         "report_id": {"description": "Report the row summarises."},
         "code": {"description": "Codebook concept the two figures measure (foreign key to codebook).",
                  "constraints": {"required": True}}},
     "primaryKey": ["report_id", "code"], "foreignKeys": [TO_REPORT, TO_CODE]},
    {"name": "scorecard", "title": "Scorecard", "per_report": False,
     "description": "Promise against result: one row per region, year, codebook concept and measure for which "
                    "the package holds both the target set for that year (from the report whose plan year it is, "
                    "or quoted beside the result in a review) and the result reported for it (from the next "
                    "year's report). Only annual figures with the same unit are paired.",
     "fields": ["region_code", "region", "year", "code", "measure", "target_value", "target_upper_value",
                "target_unit", "target_comparator", "target_report_id", "target_figure_id", "result_value",
                "result_unit", "result_report_id", "result_figure_id", "gap", "verdict", "note"],
     "overrides": {
         "region_code": {"description": "Six-digit GB/T 2260 code of the region (100000 for the whole country): "
                                        "regions are matched across reports by this code, never by name.",
                         **required(pattern=REGION_CODE)},
         "region": {"description": "The region's name in the division table (全国, 河北省, 驻马店市)."},
         "year": {"description": "The year the target was set for and the result reported for.", **required()},
         "code": {"description": "Codebook concept both figures are about.", **required()},
         "measure": {"description": "Kind of quantity, the same on both sides "
                                    "(growth with growth, level with level).",
                     **required(enum=MEASURES)},
         "target_value": {"description": "The target in the canonical unit (for a range, its lower bound).",
                          **required()},
         "target_unit": {"description": "Canonical unit of the target (the result's is the same).",
                         **required(enum=UNITS)},
         "target_comparator": {"description": "How the target bounds the quantity: ge/gt a floor, le/lt a "
                                              "ceiling, eq/approx a point judged by the concept's direction.",
                               **required(enum=COMPARATORS)},
         "target_figure_id": {"description": "The target's figure in that report (foreign key to figures).",
                              **required()},
         "result_value": {"description": "The result reported for the year, in the canonical unit.", **required()},
         "result_unit": {"description": "Canonical unit of the result.", **required(enum=UNITS)},
         "result_figure_id": {"description": "The result's figure in that report (foreign key to figures).",
                              **required()}},
     "primaryKey": ["region_code", "year", "code", "measure"],
     "foreignKeys": [TO_CODE, key(["target_report_id", "target_figure_id"], "figures", ["report_id", "figure_id"]),
                     key(["result_report_id", "result_figure_id"], "figures", ["report_id", "figure_id"])]},
]


def path(spec: dict) -> str:
    """Where a resource's rows go: one file per plan year and province for a
    resource whose rows belong to reports, else one file."""
    if spec["per_report"]:
        return f"data/{spec['name']}/{{plan_year}}/{{province}}.csv"
    return f"data/{spec['name']}.csv"


def resource(spec: dict) -> dict:
    """The descriptor entry of one resource."""
    overrides = spec.get("overrides", {})
    schema = {"fields": [field(name, overrides.get(name)) for name in spec["fields"]],
              "primaryKey": spec["primaryKey"]}
    if spec.get("foreignKeys"):
        schema["foreignKeys"] = spec["foreignKeys"]
    return {"name": spec["name"], "type": "table", "path": path(spec), **FILE,
            "title": spec["title"], "description": spec["description"], "schema": schema}


def build() -> dict:
    """The source descriptor: the package's metadata and every resource, with path
    templates. A new tree each time with no part shared (columns share the
    constants of ``fields.py``, and ``copy.deepcopy`` would keep them shared), so
    a caller may change one column's constraints alone."""
    return json.loads(json.dumps({**PACKAGE, "resources": [resource(spec) for spec in RESOURCES]}))


def columns(name: str) -> list[str]:
    """Column names of resource ``name``, in order: what code writes, instead of a list of its own."""
    return list(next(spec["fields"] for spec in RESOURCES if spec["name"] == name))
