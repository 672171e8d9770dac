"""A canonical unit is one line in units.csv: the generated descriptor's unit
enums (figures, indicators, targets, headline, scorecard) then hold it."""
from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import ROOT, run_python, with_rule_line

UNIT_ENUMS = """
import json
from pipeline.package.resources import build
print(json.dumps({f"{res['name']}.{f['name']}": f["constraints"]["enum"] for res in build()["resources"]
                  for f in res["schema"]["fields"] if f["name"].endswith("unit")}))
"""


def unit_enums(root: Path) -> dict[str, list[str]]:
    return json.loads(run_python(root, UNIT_ENUMS))


def test_a_canonical_unit_line_puts_the_unit_in_every_unit_enum(tmp_path):
    without = unit_enums(ROOT)
    assert len(without) == 7 and not any("kg" in enum for enum in without.values())
    root = with_rule_line(tmp_path, "units", "千克,kg,1,level,")
    with_line = unit_enums(root)
    assert with_line == {name: [*enum, "kg"] for name, enum in without.items()}


UNIT_DESCRIPTION = """
from pipeline.package.resources import build
figures = next(res for res in build()["resources"] if res["name"] == "figures")
print(next(f["description"] for f in figures["schema"]["fields"] if f["name"] == "unit"))
"""


def test_a_canonical_unit_with_a_gloss_is_documented_by_one_more_line(tmp_path):
    assert "kg" not in run_python(ROOT, UNIT_DESCRIPTION)
    with_rule_line(tmp_path, "units", "千克,kg,1,level,")
    plain = run_python(tmp_path, UNIT_DESCRIPTION)
    assert plain.endswith(", kg.")
    glossed = with_rule_line(tmp_path / "glossed", "canonical_units", "kg,kilograms,")
    (glossed / "pipeline" / "rules" / "read" / "units.csv").write_text(
        (tmp_path / "pipeline" / "rules" / "read" / "units.csv").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_python(glossed, UNIT_DESCRIPTION).endswith(", kg (kilograms).")
