"""Reports as they come: encodings and line endings, sidecar metadata, texts
without an outline, bad files, and adding or removing a report. Real report
texts from ../shared/reports, in temporary folders or a scratch copy of the
repository where ``dvc repro`` runs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract, normalize, validate
from pipeline.package import checks, incremental
from pipeline.run.atomic import write_files
from pipeline.run.parallel import cpus
from pipeline.package.schema import paths, resource
from pipeline.read.text import InputError
from tests.helpers import ROOT, build_package, dvc, git_status, package_bytes, part, rows, scratch_copy

REPORT = "hebei-baoding-mancheng-2023"  # header: 保定市满城区, 2023-01-11; an outline with review and plan
ENCODINGS = {"utf8": "utf-8", "bom": "utf-8-sig", "gbk": "gb18030", "utf16": "utf-16"}
# What a figure is, apart from where it is: equal for the same text in any encoding or line ending.
MEANING = ("text", "raw", "role", "subject", "code", "measure", "value", "unit", "comparator", "year", "area")


def test_every_encoding_and_crlf_gives_the_same_figures_with_offsets_into_the_decoded_text(
        tmp_path, raw, shared_reports):
    text = (shared_reports / f"{REPORT}.txt").read_text(encoding="utf-8")
    for suffix, encoding in ENCODINGS.items():
        (raw / f"mancheng-{suffix}.txt").write_bytes(text.encode(encoding))
    (raw / "mancheng-crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert build_package(tmp_path, raw) == []  # provenance: raw_text[start:end] == text for every row
    reports = {r["report_id"]: r for r in rows(tmp_path, "reports")}
    assert {rid: r["encoding"] for rid, r in reports.items()} == {
        "mancheng-bom": "utf-8-sig", "mancheng-crlf": "utf-8", "mancheng-gbk": "gb18030",
        "mancheng-utf16": "utf-16", "mancheng-utf8": "utf-8"}
    assert {r["delivered_on"] for r in reports.values()} == {"2023-01-11"}
    assert reports["mancheng-crlf"]["chars"] == str(len(text) + text.count("\n"))
    figures = rows(tmp_path, "figures")
    meaning = {rid: [tuple(f[k] for k in MEANING) for f in figures if f["report_id"] == rid] for rid in reports}
    assert len(meaning["mancheng-utf8"]) > 150
    assert all(found == meaning["mancheng-utf8"] for found in meaning.values())
    spans = {rid: [(f["start"], f["end"]) for f in figures if f["report_id"] == rid] for rid in reports}
    assert spans["mancheng-bom"] == spans["mancheng-gbk"] == spans["mancheng-utf16"] == spans["mancheng-utf8"]
    assert spans["mancheng-crlf"] != spans["mancheng-utf8"]  # CRLF shifts offsets: they index the file's own text


def header_meta(interim: Path, report_id: str) -> dict:
    """The report metadata extract wrote for ``report_id``."""
    return json.loads((interim / f"{report_id}.json").read_text(encoding="utf-8"))["report"]


def test_an_interim_file_is_its_record_with_keys_sorted_at_every_level(shared_reports):
    """interim_json writes the mentions as built (their keys come sorted): the
    same text as encoding the whole record with sorted keys."""
    for path in sorted(shared_reports.glob("*.txt"))[:3]:
        record = extract.extract_report(path, {})
        assert extract.interim_json(record) == json.dumps(record, ensure_ascii=False, sort_keys=True)


def test_sidecars_fill_and_override_the_header(tmp_path, raw, shared_reports):
    for name in ("hebei-baoding-dingxing-2020", REPORT):
        (raw / f"{name}.txt").write_bytes((shared_reports / f"{name}.txt").read_bytes())
    assert extract.extract_report(raw / "hebei-baoding-dingxing-2020.txt", {})["report"]["parent_region"] == "保定市"  # division table
    own = raw / "hebei-baoding-dingxing-2020.yaml"
    own.write_text("parent_region: 保定市\nspeaker: 吴鹏\n", encoding="utf-8")
    (raw / "reports.yaml").write_text(
        "hebei-baoding-dingxing-2020:\n  parent_region: 河北省保定市\n  title: 定兴县政府工作报告\n"
        f"{REPORT}:\n  delivered_on: 2023-01-12\n", encoding="utf-8")
    assert extract.run(raw, tmp_path / "interim") == 2
    dingxing = header_meta(tmp_path / "interim", "hebei-baoding-dingxing-2020")
    assert dingxing["parent_region"] == "保定市"  # the report's own file wins over reports.yaml
    assert dingxing["title"] == "定兴县政府工作报告" and dingxing["speaker"] == "吴鹏"
    assert dingxing["region"] == "定兴县" and dingxing["delivered_on"] == "2020-01-09"  # from the header
    mancheng = header_meta(tmp_path / "interim", REPORT)
    assert mancheng["delivered_on"] == "2023-01-12"
    assert mancheng["parent_region"] == "保定市"  # header fields the sidecar does not name stay
    (raw / f"{REPORT}.yaml").write_text("region_level: district\n", encoding="utf-8")
    assert extract.run(raw, tmp_path / "interim") == 1  # a changed sidecar re-extracts its report only
    assert header_meta(tmp_path / "interim", REPORT)["region_level"] == "district"


@pytest.mark.parametrize("file, content, problem", [
    ("x.yaml", "speaker: 张三\nmayor: 李四\n", "unknown field(s) ['mayor']"),
    ("x.yaml", "speaker: [张三\n", "not valid YAML"),
    ("x.yaml", "- 张三\n", "expected a mapping"),
    ("reports.yaml", "x: 张三\n", "expected a mapping"),
])
def test_bad_sidecars_are_one_clear_error(raw, file, content, problem):
    (raw / "x.txt").write_text("各位代表：\n一、2024年工作回顾\n增长5%。\n", encoding="utf-8")
    (raw / file).write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        extract.load_sidecars(raw, ["x"])
    assert str(err.value).startswith(f"{raw / file}: ") and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_a_text_without_review_or_plan_is_kept_with_a_warning(tmp_path, raw, capsys):
    text = "关于全区经济运行情况的说明\n地区生产总值增长5.5%，新增企业120家。\n"
    (raw / "notes-2025.txt").write_text(text, encoding="utf-8")
    assert build_package(tmp_path, raw) == []
    assert f"warning: {raw / 'notes-2025.txt'}: no review or plan section found" in capsys.readouterr().err
    figures = rows(tmp_path, "figures")
    assert [f["text"] for f in figures] == ["5.5", "120"]
    assert {f["role"] for f in figures} == {""}  # undecidable, not guessed
    assert rows(tmp_path, "indicators") == rows(tmp_path, "targets") == []


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path):
    first, blocker = tmp_path / "a.csv", tmp_path / "blocker"
    first.write_bytes(b"old\n")
    blocker.write_bytes(b"a file where a folder is needed\n")
    with pytest.raises(OSError):
        write_files({first: b"new\n", blocker / "b.csv": b"new\n"})
    assert first.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "blocker"]  # no temporary files left


def test_a_failed_normalize_leaves_data_as_it_was(tmp_path, raw, shared_reports):
    (raw / f"{REPORT}.txt").write_bytes((shared_reports / f"{REPORT}.txt").read_bytes())
    assert build_package(tmp_path, raw) == []
    before = package_bytes(tmp_path)
    (tmp_path / "data" / "interim" / "broken.json").write_text("{not json", encoding="utf-8")
    assert normalize.main(["--interim", str(tmp_path / "data" / "interim"), "--root", str(tmp_path)]) == 1
    assert package_bytes(tmp_path) == before


def test_validation_cache_never_hides_a_change(tmp_path, raw, shared_reports):
    for name in (REPORT, "hebei-2024"):
        (raw / f"{name}.txt").write_bytes((shared_reports / f"{name}.txt").read_bytes())
    assert build_package(tmp_path, raw) == []
    cache = tmp_path / "data" / "cache" / "validate.json"
    mine = [p for p in paths(resource("figures", tmp_path / "datapackage.json")) if "/2023/" in p]
    assert validate.run(tmp_path, tmp_path / "datapackage.json", cache) == validate.run(
        tmp_path, tmp_path / "datapackage.json")  # fills the cache, same verdict and metrics
    figures = tmp_path / mine[0]  # the partition of REPORT (plan year 2023, Hebei)
    good = figures.read_bytes()
    figures.write_bytes(good.replace(b",growth,", b",growing,", 1))
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json", cache)
    assert len(errors) >= 1 and "growing" in errors[0]  # Frictionless: not in the measure enum
    row = good[:good.index(b",growth,")].count(b"\n") + 1
    assert f"figures: row {row}:" in errors[0]  # the row number in the real file
    figures.write_bytes(good)
    text = raw / f"{REPORT}.txt"
    text.write_bytes(text.read_bytes().replace("增长".encode(), "增加".encode(), 1))
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json", cache)
    assert errors and all(REPORT in line for line in errors)  # the raw file is not the one the rows come from


def test_a_broken_foreign_key_is_reported_at_its_row(tmp_path, raw, shared_reports):
    (raw / f"{REPORT}.txt").write_bytes((shared_reports / f"{REPORT}.txt").read_bytes())
    assert build_package(tmp_path, raw) == []
    indicators = part(tmp_path, "indicators")
    lines = indicators.read_bytes().split(b"\n")
    row = next(n for n, line in enumerate(lines) if line.startswith(f"{REPORT},".encode()))
    report, figure_id, rest = lines[row].split(b",", 2)
    lines[row] = b",".join([report, b"f9999", rest])  # no such figure
    indicators.write_bytes(b"\n".join(lines))
    errors, _ = validate.run(tmp_path, tmp_path / "datapackage.json")
    assert any(line.startswith(f"{raw / f'{REPORT}.txt'}: indicators: row {row + 1}:") and "foreign" in line.lower()
               for line in errors)  # led by the report's file


@pytest.mark.skipif(cpus() < 2, reason="with one CPU there are no workers to start early")
def test_workers_started_before_reading_give_the_same_verdict(tmp_path, raw, shared_reports, monkeypatch):
    (raw / f"{REPORT}.txt").write_bytes((shared_reports / f"{REPORT}.txt").read_bytes())
    assert build_package(tmp_path, raw) == []
    figures = part(tmp_path, "figures")
    figures.write_bytes(figures.read_bytes().replace(b",growth,", b",growing,", 1))
    expected = validate.run(tmp_path, tmp_path / "datapackage.json")
    monkeypatch.setattr(incremental, "EARLY_WORKERS_BYTES", 0)  # as for a corpus of hundreds of reports
    assert validate.run(tmp_path, tmp_path / "datapackage.json") == expected
    assert any("growing" in line for line in expected[0])


def test_rows_in_any_order_validate_the_same(tmp_path, raw, shared_reports):
    text = (shared_reports / f"{REPORT}.txt").read_bytes()
    (raw / f"{REPORT}.txt").write_bytes(text)
    (raw / f"{REPORT}-copy.txt").write_bytes(text + b"\n")  # another report of the same partition
    assert build_package(tmp_path, raw) == []
    expected = validate.run(tmp_path, tmp_path / "datapackage.json")
    figures = part(tmp_path, "figures")
    head, *rows = figures.read_bytes().splitlines(keepends=True)
    first = [row for row in rows if row.startswith(rows[0].partition(b",")[0] + b",")]
    others = [row for row in rows if row not in first]
    figures.write_bytes(head + b"".join(others + first))  # reports not in reports.csv order: read row by row
    assert validate.run(tmp_path, tmp_path / "datapackage.json") == expected


def test_a_key_across_reports_is_refused():
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    checks.check_keys_are_per_report(package)
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    figures["schema"]["primaryKey"] = ["figure_id"]
    with pytest.raises(ValueError, match="figures: key .*figure_id.* does not include report_id"):
        checks.check_keys_are_per_report(package)


# --- dvc repro on a scratch copy of the repository ---------------------------

@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def committed(repo_copy) -> dict[str, bytes]:
    return package_bytes(repo_copy)


JINGHAI = (ROOT / "raw" / "tianjin-jinghai-2025.txt").read_bytes()


@pytest.mark.parametrize("name, content, problem", [
    ("empty-2025.txt", b"", "empty file"),
    ("scan-2025.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file, not a text report"),
    ("draft-2025.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), "a ZIP/DOCX/XLSX file, not a text report"),
    ("photo-2025.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "a PNG image, not a text report"),
    ("page-2025.html", "<!DOCTYPE html>\n<html><body>政府工作报告 2025</body></html>".encode(), "an HTML page"),
    ("garbled-2025.txt", bytes([0x81, 0x20, 0xFE, 0x20]) * 50, "cannot be decoded as UTF-8, UTF-16 or GB18030"),
    ("jinghai-copy-2025.txt", JINGHAI, "same content as"),
    ("Jinghai Report 2025.txt", "政府工作报告\n".encode(), "is not a lowercase slug"),
    # issue 11
    ("tianjin-jinghai-2025.md", "另一份文本，增长7%。\n".encode(), "report id 'tianjin-jinghai-2025' is also"),
    ("nobody-2025.yaml", "speaker: 张三\n".encode(), "a sidecar without its report"),
    ("tianjin-jinghai-2025.yaml", b"region_level: galaxy\n", "field region_level: expected one of"),
    ("nul-2025.txt", b"\xef\xbb\xbf" + "增长5%\x00".encode(), "binary file (contains NUL bytes)"),
    ("digits-2025.txt", ("政府工作报告\n编号" + "1" * 25 + "元。\n").encode(), "a number of 25 digits"),
])
def test_bad_input_is_one_clear_line_and_data_stays_as_it_was(repo_copy, committed, name, content, problem):
    path = repo_copy / "raw" / name
    path.write_bytes(content)
    try:
        result = dvc(repo_copy, "repro")
    finally:
        path.unlink()
    assert result.returncode != 0
    ours = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("error: ")]
    assert len(ours) == 1 and f"raw/{name}" in ours[0] and problem in ours[0], ours
    assert package_bytes(repo_copy) == committed
    assert git_status(repo_copy) == ""  # nor dvc.lock, metrics or docs


def test_a_symbolic_link_in_raw_is_refused_and_data_stays_as_it_was(repo_copy, committed, tmp_path):
    secret = tmp_path / "secret.txt"  # outside the repository: a link would publish it
    secret.write_text("政府工作报告\n密码增长123456%。\n", encoding="utf-8")
    link = repo_copy / "raw" / "leak-2025.txt"
    link.symlink_to(secret)
    try:
        result = dvc(repo_copy, "repro")
    finally:
        link.unlink()
    ours = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("error: ")]
    assert result.returncode != 0 and len(ours) == 1 and "raw/leak-2025.txt: a symbolic link" in ours[0], ours
    assert package_bytes(repo_copy) == committed
    assert git_status(repo_copy) == ""


def test_adding_a_report_extracts_it_alone_and_keeps_every_other_row(repo_copy, committed, shared_reports):
    assert dvc(repo_copy, "repro").returncode == 0  # a first build, as after cloning: the caches filled
    added = repo_copy / "raw" / f"{REPORT}.txt"
    added.write_bytes((shared_reports / f"{REPORT}.txt").read_bytes())
    result = dvc(repo_copy, "repro")
    assert result.returncode == 0, result.stderr
    assert "extract: 1 report(s) extracted" in result.stdout + result.stderr
    for path, before in committed.items():
        if path.endswith(("scorecard.csv", "datapackage.json")):
            continue  # rows across reports, keyed by region (tests/test_scorecard.py); the list of files
        assert (repo_copy / path).read_bytes() == before, path  # another partition's file: not touched
    for name in ("reports", "figures", "indicators", "targets", "headline"):
        new = [p for p in paths(resource(name, repo_copy / "datapackage.json")) if p not in committed]
        assert new == [f"data/{name}/2023/130000.csv"]  # the report's own partition: plan year, province
        assert all(line.startswith(f"{REPORT},".encode()) for line in (repo_copy / new[0]).read_bytes().splitlines()[1:])
    added.unlink()
    result = dvc(repo_copy, "repro")
    assert result.returncode == 0, result.stderr
    assert "extract: 0 report(s) extracted" in result.stdout + result.stderr
    assert git_status(repo_copy) == ""  # removing it again gives back the committed files, byte for byte
