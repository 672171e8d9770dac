"""A partitioned package (issue 14): per-report resources are one CSV per plan
year and province, listed in datapackage.json as a Data Package v2 multipart
``path``. It must validate with Frictionless as users run it, load in pandas per
part and whole, travel in the release zip and serve in Datasette."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from pipeline.tools import explore, release
from pipeline import normalize
from pipeline.package import publish
from pipeline.package.schema import descriptor, paths, resource
from tests.helpers import BIN, build_package

PARTITIONED = ("reports", "sections", "figures", "indicators", "targets", "projects", "quality", "headline")


@pytest.fixture(scope="module")
def package_root(tmp_path_factory, shared_reports) -> Path:
    """Three reports in two partitions: Hebei 2024 and 2025 (130000), Jinghai 2025 (120000)."""
    root = tmp_path_factory.mktemp("partitioned")
    raw = root / "raw"
    raw.mkdir()
    for name in ("hebei-2024", "hebei-2025", "tianjin-jinghai-2025"):
        (raw / f"{name}.txt").write_bytes((shared_reports / f"{name}.txt").read_bytes())
    assert build_package(root, raw) == []
    return root


def test_each_report_resource_is_one_file_per_plan_year_and_province(package_root):
    package = descriptor(package_root / "datapackage.json")
    for res in package["resources"]:
        if res["name"] in PARTITIONED:
            assert res["path"] == [f"data/{res['name']}/{p}.csv" for p in ("2024/130000", "2025/120000", "2025/130000")]
        else:
            assert isinstance(res["path"], str)  # the codebook and the scorecard (rows across reports) are one file
    for path in paths(resource("reports", package_root / "datapackage.json")):
        year, province = Path(path).parent.name, Path(path).stem
        for row in pd.read_csv(package_root / path, dtype=str).itertuples():
            assert (row.plan_year, row.region_code[:2] + "0000") == (year, province)


def test_frictionless_validates_the_partitioned_package_as_users_run_it(package_root):
    result = subprocess.run([str(BIN / "frictionless"), "validate", "--json", "datapackage.json"],
                            cwd=package_root, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-2000:]
    assert {task["name"] for task in report["tasks"]} >= set(PARTITIONED)


def test_frictionless_finds_a_key_broken_across_two_parts(package_root, tmp_path):
    """Multipart resources are one table to Frictionless: a primary key repeated in
    another part is an error (so partitions never hide a duplicate)."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(package_root, copy, ignore=shutil.ignore_patterns("cache", "interim", "build"))
    first, second = paths(resource("reports", copy / "datapackage.json"))[:2]
    row = (copy / first).read_bytes().split(b"\n")[1]
    with open(copy / second, "ab") as fh:
        fh.write(row + b"\n")
    report = Package(str(copy / "datapackage.json")).get_resource("reports").validate()
    assert not report.valid and "primary-key" in {err.type for task in report.tasks for err in task.errors}


def test_pandas_reads_each_part_and_the_whole_resource(package_root):
    package = Package(str(package_root / "datapackage.json"))
    for name in PARTITIONED:
        parts = [pd.read_csv(package_root / p, dtype=str, keep_default_na=False)
                 for p in paths(resource(name, package_root / "datapackage.json"))]
        whole = package.get_table_resource(name).to_pandas()
        assert len(whole) == sum(len(p) for p in parts)  # each part has its own header, read once
        assert all(list(p.columns) == [f["name"] for f in resource(name, package_root / "datapackage.json")["schema"]["fields"]]
                   for p in parts)
    figures = pd.concat(pd.read_csv(package_root / p) for p in paths(resource("figures", package_root / "datapackage.json")))
    assert set(figures["report_id"]) == {"hebei-2024", "hebei-2025", "tianjin-jinghai-2025"}


def test_the_release_zip_holds_every_part_and_validates_as_it_is(package_root, tmp_path):
    (package_root / "README.md").write_text("readme\n", encoding="utf-8")
    (package_root / "LICENSE").write_text("licence\n", encoding="utf-8")
    target = release.release(descriptor(package_root / "datapackage.json"), package_root, tmp_path)
    names = zipfile.ZipFile(target).namelist()
    for name in PARTITIONED:
        assert set(paths(resource(name, package_root / "datapackage.json"))) <= set(names)
    zipped = Package(str(target))
    assert zipped.validate().valid
    assert len(zipped.get_table_resource("figures").to_pandas()) == sum(
        len(pd.read_csv(package_root / p)) for p in paths(resource("figures", package_root / "datapackage.json")))


def test_datasette_serves_every_row_of_every_part(package_root, tmp_path):
    from datasette.app import Datasette

    package = descriptor(package_root / "datapackage.json")
    db_path, metadata_path = explore.prepare(package, package_root, tmp_path)
    datasette = Datasette([str(db_path)], immutables=[], metadata=json.loads(metadata_path.read_text()))

    async def count(table: str) -> int:
        response = await datasette.client.get(f"/{explore.DB_NAME}.json?sql=select+count(*)+as+n+from+{table}&_shape=array")
        assert response.status_code == 200, response.text
        return response.json()[0]["n"]

    for name in PARTITIONED:
        rows = sum(len(pd.read_csv(package_root / p)) for p in paths(resource(name, package_root / "datapackage.json")))
        assert asyncio.run(count(name)) == rows


def test_adding_a_report_rewrites_only_its_partition(package_root, tmp_path, shared_reports):
    """normalize writes the files of the partitions whose reports changed, no others."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(package_root, root)
    staging = root / publish.STAGING
    before = {p: p.stat().st_mtime_ns for p in (staging / "data").rglob("*.csv")}
    (root / "raw" / "china-2022.txt").write_bytes((shared_reports / "china-2022.txt").read_bytes())
    from pipeline import extract

    extract.run(root / "raw", root / "data" / "interim")
    assert normalize.main(["--interim", str(root / "data" / "interim"), "--root", str(root)]) == 0
    after = {p: p.stat().st_mtime_ns for p in (staging / "data").rglob("*.csv")}
    changed = sorted(p.relative_to(staging).as_posix() for p in after if before.get(p) != after[p])
    assert changed == sorted([f"data/{name}/2022/100000.csv" for name in PARTITIONED] + ["data/scorecard.csv"]) or \
        changed == sorted(f"data/{name}/2022/100000.csv" for name in PARTITIONED)


def test_a_piece_cache_written_before_partitions_is_recomputed(tmp_path):
    """A cache file without its partition (written by 0.1 code) is no hit."""
    path = tmp_path / "x"
    path.write_bytes(b'{"key": "k", "rows": {}, "sizes": {}}\n')
    assert "partition" not in (normalize.head(path) or {})



def test_the_package_kept_in_a_dvc_remote_is_pushed_and_pulled_back(tmp_path):
    """The README's recipe for a corpus too big for git: validate's outputs cached by
    DVC (cache: true), pushed to the default remote, a folder outside the repository
    (here redirected to a temporary one, as `dvc remote modify --local` does), and
    pulled back into a copy that has only what git holds."""
    import shutil

    import yaml

    from tests.helpers import dvc, scratch_copy

    copy = scratch_copy(tmp_path)
    assert "remote = local" in (copy / ".dvc" / "config").read_text()  # the default remote, ../dvc-store
    store = tmp_path / "store"
    assert dvc(copy, "remote", "modify", "--local", "local", "url", str(store)).returncode == 0
    spec = yaml.safe_load((copy / "dvc.yaml").read_text(encoding="utf-8"))
    for out in spec["stages"]["validate"]["outs"]:
        path, options = next(iter(out.items()))
        if path.startswith("data/"):  # datapackage.json stays in git: users validate it from there
            options["cache"] = True
    (copy / "dvc.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    subprocess.run(["git", "rm", "-r", "-q", "--cached", "data"], cwd=copy, check=True)
    built = dvc(copy, "repro")
    assert built.returncode == 0, built.stderr
    before = {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "data" / "figures").rglob("*.csv")}
    pushed = dvc(copy, "push")
    assert pushed.returncode == 0, pushed.stderr
    assert any(store.rglob("*"))
    shutil.rmtree(copy / "data" / "figures")
    shutil.rmtree(copy / ".dvc" / "cache")
    pulled = dvc(copy, "pull", "validate")
    assert pulled.returncode == 0, pulled.stderr
    assert {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "data" / "figures").rglob("*.csv")} == before


def test_the_scorecard_joined_one_region_at_a_time_is_the_join_of_every_side_at_once(tmp_path):
    """``normalize.scorecard_lines`` reads one region's sides at a time (memory stays
    flat): the same lines as joining every report's sides together, whatever
    the order of the reports' regions."""
    from decimal import Decimal

    from pipeline.meaning import scorecard
    from pipeline.package.resources import columns
    from pipeline.package.schema import csv_lines

    def side(kind: str, region_code: str, year: int, value: str, report_id: str) -> dict:
        return {"side": kind, "region_code": region_code, "region": "", "year": year, "code": "gdp",
                "measure": "growth", "flow": "", "value": value, "upper": "", "unit": "%", "comparator": "approx",
                "report_id": report_id, "figure_id": f"{report_id}-f1", "quoted": ""}

    reports = {"b-2025": [side("target", "620000", 2025, "6", "b-2025")],
               "a-2025": [side("target", "130000", 2025, "5", "a-2025")],
               "b-2026": [side("result", "620000", 2025, "5.8", "b-2026")],
               "a-2026": [side("result", "130000", 2025, "5.2", "a-2026")]}
    entries = []
    for report_id, rows in reports.items():
        sides = "".join(csv_lines(rows, list(scorecard.SIDE_FIELDS))).encode()
        place = normalize.Place("2025/000000", rows[0]["region_code"])
        (tmp_path / report_id).write_bytes(normalize.Piece({normalize.SIDES: sides}, {}).dump("k", place))
        entries.append(normalize.Entry(report_id, "k", place, tmp_path / report_id, {}))
    every = [row for rows in reports.values() for row in rows]
    joined = csv_lines(scorecard.build(every, Decimal("0.05")), columns("scorecard"))
    assert [line for lines in normalize.scorecard_lines(entries, Decimal("0.05")) for line in lines] == joined
    assert len(joined) == 2


def test_indicators_and_targets_take_the_figures_lines_as_they_would_be_written(make_record):
    """``normalize.table_lines`` reuses a figure's line for its role's table: the
    same bytes as writing that table with its own columns."""
    from pipeline.package.resources import columns
    from pipeline.package.schema import csv_lines
    record = make_record(review="地区生产总值增长5%，粮食产量1200万吨。", plan="地区生产总值增长5.5%左右。")
    tables = normalize.report_tables(record)
    fields = {name: columns(name) for name in tables if name != normalize.SIDES}
    lines = normalize.table_lines({name: tables[name] for name in fields}, fields)
    assert {name: csv_lines(tables[name], fields[name]) for name in fields} == lines
    assert lines["indicators"] and lines["targets"]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
