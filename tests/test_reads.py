"""Each stage reads each raw report once (issue 10: one reading of a report).

Every read of a report goes through ``pipeline.read.text.read_file``; the tests
count its calls where extract and validate use it, with one CPU so that every
read happens in this process and is seen."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from pipeline import extract, normalize, validate
from pipeline.package import incremental, publish
from tests.conftest import HEAD
from tests.helpers import part

REPORTS = {
    "a-2025": "一、2024年工作回顾\n地区生产总值增长5.2%，新建项目12个。\n二、2025年工作安排\n预期目标：增长5%左右。\n",
    "b-2025": "一、2024年工作回顾\n粮食产量达到30.5万吨。\n二、2025年工作安排\n城镇新增就业1.2万人。\n",
}


@pytest.fixture
def one_cpu(monkeypatch) -> None:
    """Every stage in this process: a read in a worker would not be counted."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})


def counted(monkeypatch, module: ModuleType) -> Counter:
    """The reports ``module`` reads from now on, by file name, with how often."""
    reads: Counter = Counter()
    real = module.read_file

    def read_file(path: Path, limit: int | None = None) -> bytes:
        reads[Path(path).name] += 1
        return real(path, limit)

    monkeypatch.setattr(module, "read_file", read_file)
    return reads


@pytest.fixture
def reports(raw: Path) -> Path:
    for name, body in REPORTS.items():
        (raw / f"{name}.txt").write_text(HEAD + body, encoding="utf-8")
    return raw


def test_extract_reads_each_report_once(tmp_path, reports, one_cpu, monkeypatch):
    reads = counted(monkeypatch, extract)
    assert extract.run(reports, tmp_path / "interim") == 2
    assert reads == {"a-2025.txt": 1, "b-2025.txt": 1}  # hashed and extracted from the same bytes
    reads.clear()
    assert extract.run(reports, tmp_path / "interim") == 0
    assert reads == {"a-2025.txt": 1, "b-2025.txt": 1}  # hashed, found current


def test_validate_reads_each_report_once(tmp_path, reports, one_cpu, monkeypatch):
    extract.run(reports, tmp_path / "data" / "interim")
    assert normalize.main(["--interim", str(tmp_path / "data" / "interim"), "--root", str(tmp_path)]) == 0
    staging, cache = tmp_path / publish.STAGING, tmp_path / "cache.json"
    reads = counted(monkeypatch, incremental)
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json", cache, staging)
    assert errors == []
    assert reads == {"a-2025.txt": 1, "b-2025.txt": 1}  # hashed for the cache, into its key, decoded and checked
    reads.clear()
    figures = part(staging, "figures")  # a changed row: the partition is read and its reports checked again
    figures.write_bytes(figures.read_bytes().replace(b",growth,", b",growing,", 1))
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json", cache, staging)
    assert any("growing" in line for line in errors)
    assert reads == {"a-2025.txt": 1, "b-2025.txt": 1}  # its raw files hashed for the cache and checked: one read
