"""The data dictionary is generated from the registry's descriptor and committed current."""
from __future__ import annotations

from pathlib import Path

from pipeline.docs import constraints, render
from pipeline.package.resources import build

ROOT = Path(__file__).resolve().parents[1]


def package() -> dict:
    return build()  # the descriptor with path templates, as docs renders it


def test_committed_data_dictionary_is_current():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(package()), "docs/data-dictionary.md is stale: run `dvc repro docs`"


def test_every_column_of_every_resource_has_a_row_of_four_cells():
    text = render(package())
    for res in package()["resources"]:
        section = text.split(f"\n## {res['name']}\n", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        assert [row.split(" | ")[0] for row in rows] == [f"| `{f['name']}`" for f in res["schema"]["fields"]]
        for row in rows:  # a pipe inside a pattern must not open a fifth cell
            assert row.replace("\\|", "").count("|") == 5, row


def test_keys_are_listed_with_their_targets():
    text = render(package())
    headline = text.split("\n## headline\n", 1)[1]
    assert "Primary key: `report_id`, `code`" in headline
    assert "- `code` → `codebook` (`code`)" in headline


def test_constraints_read_as_words():
    field = {"constraints": {"required": True, "enum": ["eq", "ge"], "minimum": 0, "pattern": "f[0-9]+"}}
    assert constraints(field) == "required; one of `eq`, `ge`; minimum 0; matches `f[0-9]+`"
    assert constraints({"name": "x"}) == ""
