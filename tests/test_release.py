"""The release archive: deterministic, and a package Frictionless opens as it is."""
from __future__ import annotations

import json
import re
import stat
import zipfile
from pathlib import Path

from frictionless import Package

from pipeline.tools import release
from pipeline.package.schema import paths

ROOT = Path(__file__).resolve().parents[1]


def test_release_zip_is_deterministic_and_validates_straight_from_the_zip(tmp_path):
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    first = release.release(package, ROOT, tmp_path / "a")
    second = release.release(package, ROOT, tmp_path / "b")
    assert first.name == f"{package['name']}-{package['version']}.zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        raw = sorted(f"raw/{p.name}" for p in (ROOT / "raw").iterdir() if not p.name.startswith("."))
        assert archive.namelist() == sorted(["datapackage.json", "README.md", "LICENSE", *raw,
                                             *(p for r in package["resources"] for p in paths(r))])
        assert {info.date_time for info in archive.infolist()} == {release.EPOCH}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
        assert archive.read("raw/tianjin-jinghai-2025.txt") == (ROOT / "raw" / "tianjin-jinghai-2025.txt").read_bytes()
    assert stat.S_IMODE(first.stat().st_mode) == 0o644  # readable by all, like any file the user makes
    opened = Package(str(first))
    report = opened.validate()
    assert report.valid, report.flatten(["rowNumber", "message"])[:5]
    rows = opened.get_table_resource("headline").read_rows()
    gdp = next(r for r in rows if r["report_id"] == "tianjin-jinghai-2025" and r["code"] == "gdp")
    assert float(gdp["target_value"]) == 4.5


def test_the_version_is_the_descriptors_and_the_changelog_is_in_step():
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    changelog = (ROOT / "README.md").read_text(encoding="utf-8").split("## Changelog", 1)[1]
    assert re.search(r"^- (\d+\.\d+\.\d+) ", changelog, re.MULTILINE).group(1) == version
