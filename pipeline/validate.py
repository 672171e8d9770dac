"""Stage ``validate``: check the package as a user receives it.

Reads only what a user downloads (``datapackage.json``, ``data/``, ``raw/``)
and fails, with a readable list of problems, on any breach of the package's
contract (``pipeline/package/checks.py``): a Frictionless error, a row whose
``raw_text[start:end]`` is not its ``text``, an Arabic numeral that is not a
figure (the ledger), ``indicators``/``targets`` that are not exactly the
figures of that role. Writes ``metrics.json`` (``pipeline/package/metrics.py``)
for ``dvc metrics show``.

In the build (``--staging``) the CSVs checked are the ones normalize staged in
``build/staging/data/``; only if they pass are they published into ``data/``,
with ``metrics.json``, in one step (``pipeline/package/publish.py``). A failure leaves
both as they were. Each problem names the file it comes from: the raw report
behind the row, or its sidecar where the failing field is one the sidecar sets.

Only reports whose rows or raw text changed are checked again, one partition
at a time, on every CPU (``pipeline/package/incremental.py``).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from pipeline.package import publish
from pipeline.package.checks import check_keys_are_per_report
from pipeline.package.incremental import CACHE, check_package
from pipeline.package.metrics import metrics
from pipeline.package.schema import PUBLISHED, descriptor, paths
from pipeline.read.text import InputError
from pipeline.run import console
from pipeline.run.atomic import write_text
from pipeline.run.params import stage_params

MAX_SHOWN = 50


def run(root: Path, package_path: Path, cache: Path | None = None, csvs: Path | None = None
        ) -> tuple[list[str], dict]:
    """All problems found, each naming its file, and the metrics of the package at
    ``root`` (its CSVs under ``csvs`` when given: the staging folder, whose own
    ``datapackage.json``, written by normalize, is then the one checked). With
    ``cache``, what passed before and is unchanged is not checked again."""
    csvs = csvs or root
    if (csvs / PUBLISHED).is_file() and csvs != root:
        package_path = csvs / PUBLISHED
    package = descriptor(package_path)
    check_keys_are_per_report(package)
    errors, shares, shared = check_package(root, csvs, package_path, package, cache)
    return errors, metrics(package, shared, shares, len(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    params = stage_params("validate")
    parser.add_argument("--root", type=Path, default=Path(params["root"]))
    parser.add_argument("--staging", type=Path, default=None,
                        help="folder (under --root) holding the staged data/*.csv: check them and, only if "
                             "they pass, publish them into data/ with the metrics; without it, check data/ in place")
    parser.add_argument("--metrics", type=Path, default=Path(params["metrics"]))
    args = parser.parse_args(argv)
    package_path = args.root / "datapackage.json"
    staging = args.root / args.staging if args.staging else None
    try:
        publish.recover(args.root)
        errors, numbers = run(args.root, package_path, args.root / CACHE, staging)
        if errors:
            return report_invalid(errors, bool(staging))
        text = json.dumps(numbers, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if staging:
            staged = staging / PUBLISHED if (staging / PUBLISHED).is_file() else package_path
            names = [path for res in descriptor(staged)["resources"] for path in paths(res)]
            publish.publish(args.root, staging, names, {args.metrics: text.encode("utf-8"),
                                                        package_path: staged.read_bytes()})
        else:
            write_text(args.metrics, text)
    except (OSError, InputError, KeyError, ValueError, csv.Error) as err:
        print(f"error: validate: {err}", file=sys.stderr)
        return 1
    print(f"validate: valid, 0 problem(s){'; published data/ and ' + str(args.metrics) if staging else ''}",
          file=sys.stderr)
    return 0



def report_invalid(errors: list[str], staged: bool) -> int:
    """Print the problems (at most ``MAX_SHOWN``), then one error line naming the files they come from."""
    for line in errors[:MAX_SHOWN]:
        print(f"invalid: {line}", file=sys.stderr)
    if len(errors) > MAX_SHOWN:
        print(f"invalid: … and {len(errors) - MAX_SHOWN} more", file=sys.stderr)
    files = list(dict.fromkeys(f for line in errors if (f := _file_of(line))))
    shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    kept = "; data/ and metrics.json left as they were" if staged else ""
    print(f"error: validate: {len(errors)} problem(s){f' in {shown}' if shown else ''}{kept}", file=sys.stderr)
    return 1



def _file_of(line: str) -> str | None:
    """The file a problem's line begins with, if it begins with one (a path with a suffix)."""
    head = line.split(": ", 1)[0]
    return head if "/" in head and "." in head.rsplit("/", 1)[-1] else None


if __name__ == "__main__":
    console.run(main, "validate")
