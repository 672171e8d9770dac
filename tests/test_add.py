"""``python -m pipeline add`` with reports as governments publish them: pages
(GB2312 and UTF-8), Word files (the six real ones in ../shared/originals and one
python-docx writes), PDFs (with and without a text layer, encrypted) and links
(a local http.server, and one that never answers). The text taken from each
must be the report's paragraphs in order with no chrome, and the package built
from it must carry the same targets as the one built from the shared text."""
from __future__ import annotations

import functools
import http.server
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from pipeline.read import convert
from pipeline import add
from pipeline.__main__ import main
from pipeline.read.convert import Source
from tests import sources
from tests.conftest import SHARED_REPORTS
from tests.helpers import ROOT, build_package, dvc, git_status, rows, scratch_copy
from tests.test_cli import cli

REPORT = "hebei-2025"  # the same report as ../shared/originals/hebei-2025.docx
ORIGINALS = SHARED_REPORTS.parent / "originals"  # beside the shared reports, wherever SHARED_REPORTS points
TARGET = ("text", "raw", "role", "subject", "code", "measure", "value", "unit", "comparator", "year", "area")
# the main targets (主要预期目标) of each real Word file, as a reader finds them: subject, value, comparator
MAIN_TARGETS = {
    "hebei-2025": [("地区生产总值", "5", "ge")],
    "shanghai-2025": [("生产总值", "5", "approx"), ("城镇调查失业率", "5", "le")],
    "chongqing-2025": [("地区生产总值", "6", "approx"), ("固定资产投资", "5", "eq")],
    "gansu-2025": [("地区生产总值", "5.5", "approx"), ("规模以上工业增加值", "8", "approx")],
    "henan-2025": [("经济", "5.5", "approx"), ("规上工业增加值", "7", "approx")],
    "tianjin-2025": [("地区生产总值", "5", "approx")],
}


def lines(text: str) -> list[str]:
    """A text's paragraphs: its non-blank lines without edge spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def shared_text(shared_reports) -> str:
    return (shared_reports / f"{REPORT}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def inputs(shared_text) -> dict[str, bytes]:
    """Every kind of input, made from the shared report's text."""
    return {"html-gb2312": sources.government_page(shared_text, "2025年河北省政府工作报告", "gb2312"),
            "html-utf8": sources.government_page(shared_text, "2025年河北省政府工作报告", "utf-8"),
            "docx": sources.report_docx(shared_text),
            "pdf": sources.report_pdf(shared_text)}


SUFFIX = {"html-gb2312": "html", "html-utf8": "htm", "docx": "docx", "pdf": "pdf"}


@pytest.fixture(scope="module")
def converted(inputs) -> dict[str, convert.Converted]:
    return {kind: convert.convert(Source(f"report.{SUFFIX[kind]}", data)) for kind, data in inputs.items()}


@pytest.mark.parametrize("kind", list(SUFFIX))
def test_the_text_is_the_reports_paragraphs_in_order_and_no_chrome(converted, shared_text, kind):
    text = converted[kind].text
    assert lines(text) == lines(shared_text)
    assert text == "\n".join(lines(text)) + "\n"  # one paragraph a line, nothing else
    assert [c for c in sources.CHROME if c in text] == []
    assert converted[kind].format == SUFFIX[kind].replace("htm", "html").replace("htmll", "html")


def test_a_page_is_read_in_the_encoding_it_declares(converted):
    assert converted["html-gb2312"].encoding == "gb18030"  # GB2312 read as its superset
    assert converted["html-utf8"].encoding == "utf-8"


def package_targets(root: Path, text: bytes) -> list[tuple]:
    """The targets of a package built from one report text in ``root``."""
    (root / "raw").mkdir(parents=True)
    (root / "raw" / f"{REPORT}.txt").write_bytes(text)
    assert build_package(root, root / "raw") == []
    return [tuple(r[k] for k in TARGET) for r in rows(root, "targets")]


def test_every_kind_gives_the_targets_of_the_shared_text(tmp_path, converted, shared_reports):
    shared = (shared_reports / f"{REPORT}.txt").read_bytes()
    wanted = package_targets(tmp_path / "shared", shared)
    assert len(wanted) > 30
    texts = {item.raw for item in converted.values()}  # kinds that give the same bytes are built once
    for number, text in enumerate(texts):
        assert package_targets(tmp_path / str(number), text) == wanted
    assert texts == {shared}  # today every kind gives the shared text byte for byte


def test_a_page_saved_as_text_loses_its_menu_and_footer_but_nothing_else(shared_text):
    saved = ("首页 | 政务公开 | 政务服务 | 互动交流 | 走进河北\n当前位置：首页 > 政务公开\n" + shared_text
             + "（责任编辑：张明）\n分享到：微信 微博\n冀ICP备05003143号 冀公网安备 13010802000154号\n版权所有：河北省人民政府\n")
    item = convert.convert(Source("saved.txt", saved.encode("gb18030")))
    assert item.text == shared_text and item.raw == shared_text.encode("utf-8")
    as_is = convert.convert(Source("hebei.txt", shared_text.encode("gb18030")))
    assert as_is.raw == shared_text.encode("gb18030")  # a clean text file is kept byte for byte


def test_the_six_real_word_files_give_their_main_targets_and_hebei_those_of_its_text(tmp_path, shared_text):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / f"{REPORT}-txt.txt").write_text(shared_text, encoding="utf-8")
    for path in sorted(ORIGINALS.glob("*.docx")):
        item = convert.convert(Source(str(path), path.read_bytes()))
        assert not [c for c in ("来源：", "ICP备") if c in item.text]
        assert add.suggest_id(add.read_meta(item.raw, path.name), path.name) == path.stem
        (raw / f"{path.stem}.txt").write_bytes(item.raw)
    assert build_package(tmp_path, raw) == []
    targets = rows(tmp_path, "targets")
    for report_id, wanted in MAIN_TARGETS.items():
        found = {(r["value"], r["comparator"]) for r in targets if r["report_id"] == report_id and r["year"] == "2025"
                 for subject, value, comparator in wanted if subject in r["subject"]}
        assert {(v, c) for _, v, c in wanted} <= found, report_id
    meaning = {rid: [tuple(r[k] for k in TARGET) for r in targets if r["report_id"] == rid]
               for rid in (REPORT, f"{REPORT}-txt")}
    assert meaning[REPORT] == meaning[f"{REPORT}-txt"]
    reports = {r["report_id"]: r for r in rows(tmp_path, "reports")}
    assert {reports[rid]["region_level"] for rid in MAIN_TARGETS} == {"province"}


def test_ids_suggested_from_the_text_are_the_shared_reports_names(shared_reports):
    for path in sorted(shared_reports.glob("*.txt")):
        assert add.suggest_id(add.read_meta(path.read_bytes(), path.name), path.name) == path.stem


# ------------------------------------------------------------------ bad input


@pytest.fixture
def bare(tmp_path) -> Path:
    """A repository folder with an empty raw/: nothing to build if a check let a file through."""
    root = tmp_path / "repo"
    (root / "raw").mkdir(parents=True)
    (root / "datapackage.json").write_bytes((ROOT / "datapackage.json").read_bytes())
    return root


def not_a_report_page() -> bytes:
    news = "省十四届人大三次会议开幕。省长王正谱作政府工作报告。报告回顾了2024年工作，提出了2025年目标任务。"
    return sources.government_page(news, "省十四届人大三次会议开幕", "utf-8")


@pytest.mark.parametrize(("name", "make", "message"), [
    ("scan.pdf", sources.scanned_pdf, "a PDF without a text layer (scanned pages?): OCR it first"),
    ("locked.pdf", lambda: sources.report_pdf("政府工作报告\n各位代表：\n", encrypt="secret"),
     "an encrypted PDF that needs a password (save an unprotected copy first)"),
    ("photo.png", sources.png, "a PNG image, not a text (a scanned report needs OCR first)"),
    ("news.html", not_a_report_page, "its text is not a government work report ("),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a legacy Office file (.doc/.xls)"),
])
def test_what_cannot_go_in_is_one_line_and_nothing_changes(bare, tmp_path, capsys, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    assert main(["--root", str(bare), "add", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: add: {path}: {message}") and err.count("\n") == 1, err
    assert list((bare / "raw").iterdir()) == [] and not (bare / "data").exists()


class Page(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A local http.server on 127.0.0.1 serving a folder."""
    folder = tmp_path_factory.mktemp("site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Page, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_link_that_never_answers_or_is_missing_is_one_line(bare, capsys, server):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/report.html"
        started = time.monotonic()
        assert main(["--root", str(bare), "add", "--timeout", "0.5", url]) == 1
        assert time.monotonic() - started < 5
    assert capsys.readouterr().err == f"error: add: {url}: no answer within 0.5 s (try again, or save the page and add the file)\n"
    assert main(["--root", str(bare), "add", f"{server[1]}/gone.html"]) == 1
    assert capsys.readouterr().err == f"error: add: {server[1]}/gone.html: the server answered HTTP 404 File not found\n"
    assert list((bare / "raw").iterdir()) == []


# ------------------------------------------------------------------ with DVC


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("add"))


def test_the_six_word_files_go_in_with_one_command(repo):
    files = sorted(ORIGINALS.glob("*.docx"))
    result = cli("--root", str(repo), "add", *map(str, files), cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "added hebei-2025 from" in out and "河北省 (province, 130000), review 2024, plan 2025" in out
    assert "git add" not in out + result.stderr and "dvc push" not in out + result.stderr  # no DVC advice
    reports = {r["report_id"]: r for r in rows(repo, "reports")}
    for path in files:
        report = reports[path.stem]
        assert (report["source_format"], report["original_sha256"]) == ("docx", add.sha256(path.read_bytes()))
        assert (repo / "originals" / path.name).read_bytes() == path.read_bytes()
    assert (repo / "originals.dvc").exists() and "originals" not in git_status(repo).split("originals.dvc")[0]


def test_the_same_region_and_year_again_is_refused_naming_both_files(repo, shared_reports):
    source = shared_reports / f"{REPORT}.txt"
    before = git_status(repo)
    result = cli("--root", str(repo), "add", str(source), cwd=repo)
    assert result.returncode == 1
    assert result.stderr == (f"error: add: {source}: 河北省 2025 is already in raw/hebei-2025.txt "
                             "(same region and plan year; --allow-duplicate adds it anyway)\n")
    assert git_status(repo) == before


def test_a_page_from_a_link_goes_in_with_its_address(repo, server, shared_reports):
    folder, base = server
    text = (shared_reports / "henan-zhumadian-2025.txt").read_text(encoding="utf-8")
    (folder / "zmd.html").write_bytes(sources.government_page(text, "2025年驻马店市政府工作报告", "gb2312"))
    result = cli("--root", str(repo), "add", f"{base}/zmd.html", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"added henan-zhumadian-2025 from {base}/zmd.html (html): 驻马店市 (city")
    report = next(r for r in rows(repo, "reports") if r["report_id"] == "henan-zhumadian-2025")
    assert report["source_url"] == f"{base}/zmd.html" and report["source_format"] == "html"
    assert lines((repo / "raw" / "henan-zhumadian-2025.txt").read_text(encoding="utf-8")) == lines(text)


def test_a_second_add_while_one_runs_is_refused_with_one_line_and_changes_nothing(tmp_path, capsys):
    import fcntl

    from pipeline.__main__ import ADD_LOCK

    (tmp_path / "raw").mkdir()
    lock = tmp_path / ADD_LOCK
    lock.parent.mkdir(parents=True)
    with open(lock, "w", encoding="utf-8") as held:
        held.write("4242")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX)  # the first add, still building
        assert main(["--root", str(tmp_path), "add", str(tmp_path / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: add: another `pipeline add` is running") and "pid 4242" in err
    assert list((tmp_path / "raw").iterdir()) == []


def test_a_report_failing_in_validate_leaves_no_row_behind(tmp_path_factory):
    """Issue 11, finding 2: the raw file is taken out again and data/ holds none of its rows."""
    repo = scratch_copy(tmp_path_factory.mktemp("add-fails"))
    units = repo / "pipeline" / "rules" / "read" / "units.csv"
    units.write_bytes(units.read_bytes() + "光年,km,1,astronomy,\n".encode())  # a measure the descriptor does not allow
    assert dvc(repo, "repro").returncode == 0  # the unit changes no committed row, only dvc.lock
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "unit"],
                   cwd=repo, check=True)
    before = {p: (repo / p).read_bytes() for p in ("datapackage.json", "data/reports/2025/120000.csv", "data/figures/2025/120000.csv", "metrics.json")}
    source = tmp_path_factory.mktemp("far") / "far.txt"
    text = (ROOT / "raw" / "tianjin-jinghai-2025.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("各位代表：", "各位代表：\n航程达到5光年。", 1), encoding="utf-8")
    result = cli("--root", str(repo), "add", str(source), "--id", "far-2025", "--allow-duplicate", cwd=repo)
    assert result.returncode == 1 and "build failed; removed" in result.stderr, result.stderr
    assert not (repo / "raw" / "far-2025.txt").exists()
    assert {p: (repo / p).read_bytes() for p in before} == before
    assert git_status(repo) == ""
