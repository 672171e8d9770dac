"""Command-line interface: ``python -m pipeline <command>``.

One entry point for the things a user does with the repository: add a report,
build, validate, look at a report, cut a release, explore in a browser. Each
command runs in the repository folder given by ``--root`` (default: the
current one). Errors are one line on stderr and a non-zero exit status.
No pipeline stage imports this module.
"""
from __future__ import annotations

import argparse
import csv
import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.run import console
from pipeline.tools import explore, release
from pipeline import add, validate
from pipeline.meaning.headline import COMPARATOR_SIGNS
from pipeline.package.schema import descriptor, iter_resource, paths, resource
from pipeline.read.text import InputError

ADD_LOCK = Path("build/add.lock")  # held by a running `pipeline add` (its pid inside)


class CommandError(Exception):
    """A problem the user can fix; the message is the whole error line."""


class Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line, like every other error here."""

    def error(self, message: str) -> None:
        self.exit(2, f"error: {message} (see --help)\n")


def repro(root: Path, quiet: bool = False) -> int:
    """``dvc repro`` in ``root``, with this interpreter's folder first on PATH so stages run in this venv.

    ``quiet`` keeps DVC's output (progress, advice on git and remotes) and shows
    it only when the build fails, for ``add``, which prints its own summary."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [sys.executable, "-m", "dvc", "repro"]
    if not quiet:
        return subprocess.run(command, cwd=root, env=env).returncode
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
    return done.returncode


def read_resource(root: Path, name: str) -> list[dict]:
    """A resource's rows from its CSV under ``root``."""
    package = root / "datapackage.json"
    if not package.exists():
        raise CommandError(f"{package}: missing (run `python -m pipeline build` first)")
    res = resource(name, package)
    missing = [path for path in paths(res) if not (root / path).exists()]
    if missing:
        raise CommandError(f"{root / missing[0]}: missing (run `python -m pipeline build` first)")
    return list(iter_resource(root, res))


def cmd_build(args: argparse.Namespace) -> int:
    """Rebuild what changed."""
    return repro(args.root)


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the package as a user receives it."""
    return validate.main(["--root", str(args.root), "--metrics", str(args.root / "metrics.json")])


def cmd_show(args: argparse.Namespace) -> int:
    """Print a report's metadata, quality flags and headline rows, or a region's scorecard over the years."""
    reports = {r["report_id"]: r for r in read_resource(args.root, "reports")}
    if args.report not in reports:
        return show_region(args.root, args.report, reports)
    for key, value in reports[args.report].items():
        print(f"{key:>14}: {value}")
    flags = [r for r in read_resource(args.root, "quality") if r["report_id"] == args.report]
    print(f"{'quality':>14}: " + ("; ".join(f"{r['flag']} ({r['detail']})" for r in flags) or "no flags"))
    names = {r["code"]: r["name_en"] for r in read_resource(args.root, "codebook")}
    rows = [r for r in read_resource(args.root, "headline") if r["report_id"] == args.report]
    print(f"\nheadline ({len(rows)} concepts): result {reports[args.report]['review_year']}"
          f" | target {reports[args.report]['plan_year']}")
    for row in rows:
        print(f"  {row['code']:<40} {side_text(row, 'result'):>24} | {side_text(row, 'target'):<24}"
              f" {names.get(row['code'], '')}")
    return 0


def show_region(root: Path, region: str, reports: dict[str, dict]) -> int:
    """A region's scorecard (by name or code): per year and concept, target, result, verdict."""
    codes = {r["region_code"] for r in reports.values() if region in (r["region"], r["region_code"]) and r["region_code"]}
    if not codes:
        raise CommandError(f"no report or region {region!r}; reports: {', '.join(sorted(reports))}")
    rows = [r for r in read_resource(root, "scorecard") if r["region_code"] in codes]
    verdicts = Counter(r["verdict"] for r in rows)
    print(f"scorecard of {region}: {len(rows)} checkable target(s): "
          + ", ".join(f"{verdicts[v]} {v}" for v in ("met", "missed", "unclear")))
    for row in rows:
        upper = f"—{row['target_upper_value']}" if row["target_upper_value"] else ""
        print(f"  {row['year']} {row['code']:<40} {row['measure']:<7} target {COMPARATOR_SIGNS.get(row['target_comparator'], '')}"
              f"{row['target_value']}{upper} {row['target_unit']:<8} result {row['result_value']:<12} {row['verdict']}")
    return 0


def side_text(row: dict, side: str) -> str:
    """One side of a headline row for a reader: ≈4.5 percent growth; '-' when absent."""
    if not row[f"{side}_figure_id"]:
        return "-"
    sign = COMPARATOR_SIGNS.get(row[f"{side}_comparator"], "")
    return f"{sign}{row[f'{side}_value']} {row[f'{side}_unit']} {row[f'{side}_measure']}"


def cmd_add(args: argparse.Namespace) -> int:
    """Add reports as published (text, saved web page, PDF, Word file or http(s) address):
    extract each one's text into raw/<id>.txt, keep the original in originals/ (DVC), rebuild."""
    if args.id and len(args.sources) > 1:
        raise CommandError("--id names one report: give one SOURCE with it")
    with add_lock(args.root):
        return _add(args)


@contextmanager
def add_lock(root: Path) -> Iterator[None]:
    """One ``add`` at a time per repository: two at once would each build with the
    other's new file and could take it out again after a failure, leaving a
    report in data/ with no raw file."""
    path = root / ADD_LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise CommandError(f"another `pipeline add` is running in {root} (pid {holder}); "
                               "try again when it has ended") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.truncate(0)
            fcntl.flock(fh, fcntl.LOCK_UN)


def _add(args: argparse.Namespace) -> int:
    """The body of ``add``, under its lock."""
    started = time.monotonic()
    prepared, problems = [], []
    for arg in args.sources:
        try:
            prepared.append((arg, add.prepare(arg, args.root, args.id, args.timeout)))
        except InputError as err:
            problems.append(str(err))
    duplicates = [] if args.allow_duplicate else add.check_duplicates(prepared, args.root)
    problems += duplicates or add.check_ids(prepared, args.root)
    if problems:
        for line in problems[:-1]:
            print(f"error: add: {line}", file=sys.stderr)
        raise CommandError(problems[-1] + (" (nothing was added)" if len(args.sources) > 1 else ""))
    items = [item for _, item in prepared]
    written = [path for item in items for path in add.write_raw(args.root, item)]
    if repro(args.root, quiet=True):
        for path in written:
            path.unlink(missing_ok=True)
        repro(args.root, quiet=True)  # back to the package without them (cached: a few seconds)
        raise CommandError(f"build failed; removed {', '.join(str(p) for p in written)} again (the package is unchanged)")
    originals = add.store_originals(args.root, items)
    if originals:
        track_originals(args.root)
    for item in items:
        print("\n".join(add.summary(args.root, item)))
    print(f"({time.monotonic() - started:.1f} s; commit raw/, data/, docs/, dvc.lock"
          f"{' and ' + add.ORIGINALS + '.dvc' if originals else ''})")
    return 0


def track_originals(root: Path) -> None:
    """``dvc add originals``: the originals go into DVC's cache and ``originals.dvc``, not into git."""
    done = subprocess.run([sys.executable, "-m", "dvc", "add", "--quiet", add.ORIGINALS], cwd=root,
                          capture_output=True, text=True)
    if done.returncode:
        last = (done.stderr.strip() or done.stdout.strip() or "no message").splitlines()[-1]
        raise CommandError(f"{root / add.ORIGINALS}: dvc add failed ({last}); the reports are built, "
                           "run `dvc add originals` yourself")


def cmd_release(args: argparse.Namespace) -> int:
    """Validate, then write dist/<name>-<version>.zip."""
    errors, _ = validate.run(args.root, args.root / "datapackage.json")
    if errors:
        raise CommandError(f"package is invalid ({len(errors)} problem(s)); see `python -m pipeline validate`")
    path = release.release(descriptor(args.root / "datapackage.json"), args.root, args.root / "dist")
    print(path)
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """Load the package into SQLite and serve it with Datasette on 127.0.0.1."""
    return explore.serve(descriptor(args.root / "datapackage.json"), args.root, args.root / "build", args.port)


def parser() -> Parser:
    """The argument parser with one subcommand per ``cmd_*`` function."""
    top = Parser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    top.add_argument("--root", type=Path, default=Path("."), help="repository folder (default: current)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__).set_defaults(run=cmd_build)
    commands.add_parser("validate", help=cmd_validate.__doc__,
                        description=cmd_validate.__doc__).set_defaults(run=cmd_validate)
    show = commands.add_parser("show", help=cmd_show.__doc__, description=cmd_show.__doc__)
    show.add_argument("report", metavar="REPORT", help="report id (tianjin-jinghai-2025), or a region's name or code for its scorecard")
    show.set_defaults(run=cmd_show)
    add_cmd = commands.add_parser("add", help=cmd_add.__doc__.splitlines()[0], description=cmd_add.__doc__)
    add_cmd.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="a .txt, .html/.htm (saved page), .pdf (with a text layer) or .docx file, or an http(s):// address")
    add_cmd.add_argument("--id", help="report id (default: region and plan year in pinyin, e.g. hebei-baoding-2024)")
    add_cmd.add_argument("--allow-duplicate", action="store_true",
                     help="add even if raw/ has a report of the same region and plan year (a genuine correction)")
    add_cmd.add_argument("--timeout", type=float, default=30, help="seconds to wait for a download (default 30)")
    add_cmd.set_defaults(run=cmd_add)
    commands.add_parser("release", help=cmd_release.__doc__,
                        description=cmd_release.__doc__).set_defaults(run=cmd_release)
    explore_cmd = commands.add_parser("explore", help=cmd_explore.__doc__, description=cmd_explore.__doc__)
    explore_cmd.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default 8001)")
    explore_cmd.set_defaults(run=cmd_explore)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status (1 and one line on stderr for a problem the user can fix)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `show … | head` stopped reading: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush finds no pipe
        return 0
    except (CommandError, InputError, OSError, ValueError, KeyError, sqlite3.Error, csv.Error) as err:
        print(f"error: {args.command}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    console.run(main, "pipeline")
