"""The descriptor is generated from one registry of fields (pipeline/package/fields.py,
resources.py): the committed datapackage.json is what it builds, each field and each
enum is written once, and every override names a column its resource has."""
from __future__ import annotations

import ast
from pathlib import Path

from pipeline.package import fields, resources
from pipeline.package.resources import RESOURCES, build
from pipeline.package.schema import descriptor_bytes, expand, paths, resource

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = [Path(fields.__file__), Path(resources.__file__)]


def committed_partitions() -> list[str]:
    """The partitions the committed datapackage.json lists (``2025/120000``), from its reports' files."""
    files = paths(resource("reports", ROOT / "datapackage.json"))
    return [Path(f).relative_to("data/reports").with_suffix("").as_posix() for f in files]


def test_the_committed_datapackage_json_is_the_one_the_registry_builds():
    committed = (ROOT / "datapackage.json").read_bytes()
    assert descriptor_bytes(expand(build(), committed_partitions())) == committed, \
        "datapackage.json is stale: run `dvc repro` (or the registry was changed by mistake)"


def string_lists(path: Path) -> list[tuple[str, ...]]:
    """Every list or tuple literal of two or more strings in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) > 1 and \
                all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            found.append(tuple(e.value for e in node.elts))
    return found


def test_each_enum_is_written_once():
    enums = {tuple(f["constraints"]["enum"]) for res in build()["resources"] for f in res["schema"]["fields"]
             if len(f.get("constraints", {}).get("enum", [])) > 1}
    written = [lst for path in REGISTRY for lst in string_lists(path) if lst in enums]
    assert tuple(fields.MEASURES) in written  # the check sees the enums written in code
    assert len(written) == len(set(written)), f"an enum is written twice: {written}"
    from_tables = {tuple(enum) for enum in (fields.UNITS, fields.COMPARATORS, fields.QUALITY_FLAGS, fields.SECTION_KINDS)}
    assert not from_tables & set(written), "an enum a rule table gives is written in code too"


def test_each_field_is_defined_once():
    tree = ast.parse(Path(fields.__file__).read_text(encoding="utf-8"))
    registry = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and n.target.id == "FIELDS")
    names = [key.value for key in registry.keys]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    used = {name for spec in RESOURCES for name in spec["fields"]}
    assert set(names) == used, f"defined but unused: {set(names) - used}"


def test_every_override_names_a_column_of_its_resource():
    for spec in RESOURCES:
        assert set(spec.get("overrides", {})) <= set(spec["fields"]), spec["name"]


def test_a_column_of_the_built_descriptor_changes_alone():
    """Columns share the registry's constants (YEAR, UNITS); what build hands out must not,
    or narrowing one column (as tests/test_transaction.py does) narrows others."""
    package = build()
    columns = {(res["name"], f["name"]): f for res in package["resources"] for f in res["schema"]["fields"]}
    columns["figures", "unit"]["constraints"]["enum"].remove("TEU")
    columns["reports", "plan_year"]["constraints"]["maximum"] = 2030
    assert "TEU" in columns["figures", "unit"]["categories"] and "TEU" in columns["targets", "unit"]["constraints"]["enum"]
    assert columns["reports", "review_year"]["constraints"]["maximum"] == 2100


def test_a_field_with_categories_and_an_enum_lists_the_same_values():
    """Frictionless categories are what a user's table tool offers; the enum is what
    validation allows: a value allowed but not offered (region_level national was)
    is a trap for the user."""
    for res in build()["resources"]:
        for field in res["schema"]["fields"]:
            if "categories" in field and "enum" in field.get("constraints", {}):
                assert field["categories"] == field["constraints"]["enum"], (res["name"], field["name"])
