"""The release archive: deterministic, and a package Frictionless opens as it is."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from frictionless import Package

from pipeline import release

ROOT = Path(__file__).resolve().parents[1]


def test_release_zip_is_deterministic_and_validates_straight_from_the_zip(tmp_path):
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    first = release.release(package, ROOT, tmp_path / "a")
    second = release.release(package, ROOT, tmp_path / "b")
    assert first.name == f"{package['name']}-{package['version']}.zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == sorted(["datapackage.json", *(r["path"] for r in package["resources"])])
        assert {info.date_time for info in archive.infolist()} == {release.EPOCH}
    opened = Package(str(first))
    report = opened.validate()
    assert report.valid, report.flatten(["rowNumber", "message"])[:5]
    rows = opened.get_table_resource("headline").read_rows()
    gdp = next(r for r in rows if r["report_id"] == "tianjin-jinghai-2025" and r["code"] == "gdp")
    assert float(gdp["target_value"]) == 4.5
