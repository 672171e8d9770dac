"""``python -m pipeline``: help for every command, one-line errors, and ``add``
copying a report in and rebuilding (or taking it out again) on a scratch copy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.__main__ import main
from tests.helpers import resource_bytes
from tests.test_pipeline import scratch_copy

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("build", "validate", "show", "add", "release", "explore")


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(cwd), "DVC_NO_ANALYTICS": "1"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = cli(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: python -m pipeline {command}")


def test_show_prints_the_reports_metadata_and_headline(capsys):
    assert main(["--root", str(ROOT), "show", "tianjin-jinghai-2025"]) == 0
    out = capsys.readouterr().out
    assert "region: 静海区" in out and "plan_year: 2025" in out
    gdp = next(line for line in out.splitlines() if line.strip().startswith("gdp "))
    assert "≈4 percent growth | ≈4.5 percent growth" in gdp


@pytest.mark.parametrize(("args", "message"), [
    (("show", "nowhere-2025"), "error: show: no report or region 'nowhere-2025'; reports: "),
    (("add", "Not_A_Slug.txt"), "error: add: Not_A_Slug.txt: no such file"),
    (("add", "--id", "Not A Slug", __file__), f"error: add: {__file__}: its text is not a government work report"),
    (("frobnicate",), "error: argument COMMAND: invalid choice: 'frobnicate'"),
])
def test_errors_are_one_line_with_a_non_zero_status(args, message):
    result = cli(*args)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr


def test_add_rejects_a_file_that_is_not_a_report_before_touching_raw(tmp_path):
    root = tmp_path / "repo"  # a bare repository folder: nothing to build if the check let the file through
    (root / "raw").mkdir(parents=True)
    (root / "datapackage.json").write_bytes((ROOT / "datapackage.json").read_bytes())
    pdf = tmp_path / "hebei-x-2024.txt"
    pdf.write_bytes(b"%PDF-1.7 not text")
    result = cli("--root", str(root), "add", str(pdf))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: add: {pdf}: not a readable PDF (") and result.stderr.count("\n") == 1
    assert list((root / "raw").iterdir()) == []


def test_show_into_a_pipe_closed_early_ends_without_an_error():
    result = subprocess.run(f"{sys.executable} -m pipeline show tianjin-jinghai-2025 | head -1", shell=True,
                            cwd=ROOT, capture_output=True, text=True)
    assert result.stdout == "     report_id: tianjin-jinghai-2025\n" and result.stderr == ""


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    return scratch_copy(tmp_path_factory.mktemp("cli"))


def git_status(copy: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=copy, capture_output=True, text=True,
                          check=True).stdout


def test_add_copies_the_report_and_rebuilds(repo_copy, shared_reports):
    source = shared_reports / "hebei-baoding-mancheng-2023.txt"
    result = cli("--root", str(repo_copy), "add", str(source), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert (repo_copy / "raw" / source.name).read_bytes() == source.read_bytes()
    reports = resource_bytes(repo_copy, "reports").decode("utf-8")
    assert "\nhebei-baoding-mancheng-2023," in reports
    assert "\nhebei-baoding-mancheng-2023," in resource_bytes(repo_copy, "headline").decode("utf-8")


def test_add_takes_the_file_out_again_when_the_build_fails(repo_copy, tmp_path):
    twin = tmp_path / "tianjin-jinghai-copy-2025.txt"  # same bytes as a report already there
    twin.write_bytes((repo_copy / "raw" / "tianjin-jinghai-2025.txt").read_bytes())
    before = git_status(repo_copy)
    result = cli("--root", str(repo_copy), "add", "--allow-duplicate", "--id", "tianjin-jinghai-copy-2025", str(twin),
                 cwd=repo_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (f"error: add: build failed; removed {repo_copy}/raw/{twin.name} "
                                              "again (the package is unchanged)")
    assert "same content as" in result.stderr
    assert git_status(repo_copy) == before


def test_stages_run_with_the_projects_venv_when_the_python_on_path_lacks_it(repo_copy, tmp_path):
    bin_dir = tmp_path / "bin"  # a shell without the venv: `python` is the bare interpreter
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys._base_executable)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "DVC_NO_ANALYTICS": "1"}
    dvc = [str(Path(sys.executable).parent / "dvc"), "repro", "--force", "--single-item", "extract"]
    alone = subprocess.run(dvc, cwd=repo_copy, capture_output=True, text=True, env=env)
    assert alone.returncode != 0
    errors = [line for line in alone.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bin_dir}/python lacks the project's dependencies (")
    assert errors[0].endswith("run `make build` (creates .venv), or `source .venv/bin/activate` first")
    assert "Traceback" not in alone.stdout + alone.stderr
    (repo_copy / ".venv").symlink_to(Path(sys.executable).parents[1])
    try:
        found = subprocess.run(dvc, cwd=repo_copy, capture_output=True, text=True, env=env)
    finally:
        (repo_copy / ".venv").unlink()
    assert found.returncode == 0, found.stdout + found.stderr


def test_stages_that_do_not_draw_or_serve_do_not_import_matplotlib_or_datasette():
    code = ("import sys, pipeline.extract, pipeline.normalize, pipeline.validate, pipeline.docs; "
            "print(sorted(m for m in ('matplotlib', 'datasette') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
