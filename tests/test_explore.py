"""``make explore``: the package in SQLite with its keys, served by a real Datasette."""
from __future__ import annotations

import csv
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.tools import explore
from pipeline.package.schema import paths

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30


def package() -> dict:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[Path, Path]:
    return explore.prepare(package(), ROOT, tmp_path_factory.mktemp("explore"))


def test_every_table_has_its_rows_keys_and_types(prepared):
    conn = sqlite3.connect(prepared[0])
    for res in package()["resources"]:
        rows = sum(len(list(csv.DictReader(open(ROOT / path, encoding="utf-8", newline="")))) for path in paths(res))
        assert conn.execute(f'SELECT count(*) FROM "{res["name"]}"').fetchone()[0] == rows
        pk = [row[1] for row in sorted(conn.execute(f'PRAGMA table_info("{res["name"]}")'), key=lambda r: r[5])
              if row[5]]
        assert pk == res["schema"].get("primaryKey", [])
        fks = {row[2] for row in conn.execute(f'PRAGMA foreign_key_list("{res["name"]}")')}
        assert fks == {fk["reference"]["resource"] for fk in res["schema"].get("foreignKeys", [])}
    value, code = conn.execute("SELECT value, code FROM figures WHERE role = 'other' LIMIT 1").fetchone()
    assert (value, code) == (None, None)  # empty cells are NULL, not ''
    assert conn.execute("SELECT typeof(plan_year) FROM reports").fetchone()[0] == "integer"


def test_a_broken_foreign_key_stops_the_load(tmp_path):
    root = tmp_path / "pkg"
    (root / "data").mkdir(parents=True)
    for res in package()["resources"]:
        for path in paths(res):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes((ROOT / path).read_bytes())
    with open(root / paths(next(r for r in package()["resources"] if r["name"] == "headline"))[-1], "a",
              encoding="utf-8") as fh:
        fh.write("tianjin-jinghai-2025,no_such_code" + "," * 12 + "\n")
    with pytest.raises(sqlite3.IntegrityError, match="foreign key"):
        explore.build_database(package(), root, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str, deadline: float) -> dict:
    """GET ``url`` until the server answers or ``deadline`` (time.monotonic) passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_datasette_serves_the_jinghai_report_with_its_links(prepared, tmp_path):
    port = free_port()
    log = open(tmp_path / "datasette.log", "wb")  # a file, not a pipe nobody reads, so it never blocks
    server = subprocess.Popen(explore.serve_command(*prepared, port), stdout=log, stderr=log, cwd=prepared[0].parent)
    try:
        base = f"http://127.0.0.1:{port}/{explore.DB_NAME}"
        deadline = time.monotonic() + STARTUP_SECONDS
        report = get_json(f"{base}/reports/tianjin-jinghai-2025.json?_shape=objects", deadline)["rows"][0]
        assert (report["region"], report["plan_year"]) == ("静海区", 2025)
        gdp = get_json(f"{base}/headline.json?_shape=objects&_labels=on"
                       "&report_id=tianjin-jinghai-2025&code=gdp", deadline)["rows"][0]
        assert gdp["code"] == {"value": "gdp", "label": "Gross Domestic Product / Gross Regional Product"}
        assert (gdp["result_value"], gdp["target_value"]) == (4.0, 4.5)
        # issue 11, finding 13: a 404 prints no traceback, and no visitor sees the user's folders
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/no-such-table", timeout=5)
        assert missing.value.code == 404
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-database", timeout=5)
        assert bad.value.code == 404
        databases = get_json(f"http://127.0.0.1:{port}/-/databases.json", deadline)
        assert [db["path"] for db in databases] == [f"{explore.DB_NAME}.sqlite"]
        assert str(tmp_path.parent) not in json.dumps(databases)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    printed = (tmp_path / "datasette.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in printed and "KeyError" not in printed, printed


@pytest.mark.parametrize("how", ["pipeline", "make"])
def test_killing_explore_stops_the_server(tmp_path, how):
    port = free_port()
    command = ([sys.executable, "-m", "pipeline", "explore", "--port", str(port)] if how == "pipeline"
               else ["make", "--no-print-directory", "explore", f"PORT={port}"])
    log = open(tmp_path / "explore.log", "wb")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log, env=env)
    try:
        get_json(f"http://127.0.0.1:{port}/{explore.DB_NAME}.json", time.monotonic() + STARTUP_SECONDS)
        process.terminate()  # `kill PID`
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not answers(port), (tmp_path / "explore.log").read_text()
    finally:
        process.kill()
        process.wait()
        log.close()


def answers(port: int) -> bool:
    """Whether anything still accepts connections on ``port``."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
