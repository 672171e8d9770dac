"""How validate stays fast on a corpus of thousands: it checks only what changed,
one partition at a time, on every CPU. What it checks is ``checks.py``.

Every primary and foreign key of the package includes ``report_id`` (checked by
``checks.check_keys_are_per_report``) except references to the codebook, so
one report's rows are valid or not whatever the other reports hold. A report
whose rows, raw text, and everything shared (descriptor, codebook, CSV headers,
the validate code, the Frictionless version) are unchanged since they last
passed every check is not checked again (``data/cache/validate.json``). The
others are checked as a package of their own: the same descriptor with only
their rows and the whole codebook (``spans.py`` finds and writes out a
report's rows), split over the CPUs by reports when there are many, by
resources when there are few.

No key crosses a partition (a plan year and province), so the package is read
one partition at a time: memory is that of the largest partition. A partition
whose files and raw reports are byte for byte those that passed is hashed, not
parsed. Each raw report is read once (``RawFiles``): the same bytes are hashed
for the cache and checked for provenance and the ledger.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from pipeline.package.checks import Problem, check_report, cross_report_errors, frictionless_errors, name_files
from pipeline.package.metrics import report_metrics
from pipeline.package.schema import descriptor, paths
from pipeline.package.spans import ALL, REPORT_ID, Table, read_table, subset_package
from pipeline.read.text import read_file
from pipeline.run.atomic import write_text
from pipeline.run.cache import fingerprint
from pipeline.run.parallel import cpus, pool

CACHE = Path("data/cache/validate.json")
ROWS_PER_WORKER = 50_000  # below this, a second process costs more than it saves
EARLY_WORKERS_BYTES = 50_000_000  # CSVs read in ~0.15 s, half of Frictionless's import (about 400 reports)


def check_package(root: Path, csvs: Path, package_path: Path, package: dict, cache: Path | None
                  ) -> tuple[list[str], dict[str, dict], dict[str, Table]]:
    """The problems of the package (each line naming its file), every report's share
    of the metrics, and the shared tables (the codebook, the scorecard).

    With ``cache``, a partition whose files and raw reports are byte for byte those
    that passed is not read again, reports that passed before and are unchanged
    are not checked again, and the cache is updated when everything passes. For a
    large package the worker processes start first and load Frictionless while
    this process reads the tables."""
    groups = partitions(package)
    shared_tables = {res["name"]: read_table(csvs, res) for res in package["resources"]
                     if not any(f["name"] == REPORT_ID for f in res["schema"]["fields"])}
    heads = {name: _header(csvs, f) for group in groups.values() for name, files in group.items() for f in files}
    shared = shared_key(shared_tables, heads, package_path, package)
    entry = _cache_entry(cache, shared)
    run = Run(root, csvs, package_path, package, shared_tables, entry.get("reports", {}))
    with ExitStack() as stack:
        workers = lazy_pool(stack, _large(csvs, package))
        for part, files in groups.items():
            run.partition(part, files, entry.get("partitions", {}).get(part, {}), workers)
        cross = cross_report_errors(package_path, csvs, package, groups, shared_tables, run.where)
        run.errors += name_files(root, shared_tables, cross, run.sources)
    if cache and not run.errors:
        write_text(cache, run.cache_text(shared))
    return run.errors, run.shares, shared_tables


@dataclass
class Run:
    """One validation of a package: where it is, which reports passed before
    (``passed``: report → its key and metrics, from the cache), and what this run
    learns: each report's key, share of the metrics, raw file and partition, each
    partition's record for the cache, and the problems."""

    root: Path
    csvs: Path
    package_path: Path
    package: dict
    shared_tables: dict[str, Table]
    passed: dict[str, dict]
    shares: dict[str, dict] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # report → its raw file
    where: dict[str, str] = field(default_factory=dict)  # report → its partition
    digests: dict[str, dict] = field(default_factory=dict)  # partition → its files' and raw files' hashes
    errors: list[str] = field(default_factory=list)

    def partition(self, part: str, files: dict[str, list[str]], known: dict,
                  workers: Callable[[], Executor]) -> None:
        """Take one partition as it passed (``known``, its record in the cache) if
        nothing of it changed, else read it and check its changed reports."""
        raws = RawFiles(self.root)
        digest = files_digest(self.csvs, [f for fs in files.values() for f in fs])
        if (known.get("digest") == digest and all(rid in self.passed for rid in known.get("reports", []))
                and known.get("raw") == raws.digest(known.get("sources", {}))):
            for rid in known["reports"]:
                self.shares[rid], self.keys[rid] = self.passed[rid]["metrics"], self.passed[rid]["key"]
                self.sources[rid], self.where[rid] = known["sources"][rid], part
            self.digests[part] = known
            return
        self.check_partition(part, read_partition(self.csvs, self.package, files, self.shared_tables),
                             digest, raws, workers)

    def check_partition(self, part: str, tables: dict[str, Table], digest: str, raws: RawFiles,
                        workers: Callable[[], Executor]) -> None:
        """Check the reports of one partition's ``tables`` that did not pass unchanged before."""
        report_ids = sorted({rid for table in tables.values() if table.per_report for rid in table.spans})
        own = {row[REPORT_ID]: row.get("source_path", "") for row in tables["reports"].dicts(list(tables["reports"].spans))}
        mapped = {rid: own.get(rid, "") for rid in report_ids}
        raw = {rid: raws.get(mapped[rid]) for rid in report_ids}
        mine = {rid: report_key(tables, rid, raw[rid]) for rid in report_ids}
        self.keys.update(mine)
        self.sources.update(own)
        self.where.update({rid: part for rid in report_ids})
        self.digests[part] = {"digest": digest, "reports": report_ids, "sources": mapped, "raw": raws.digest(mapped)}
        self.shares.update({rid: self.passed[rid]["metrics"] for rid in report_ids
                            if self.passed.get(rid, {}).get("key") == mine[rid]})
        pending = [rid for rid in report_ids if rid not in self.shares]
        if pending:
            problems, shares = check(self.package_path, tables, pending, raw, workers())
            self.shares.update(shares)
            self.errors += name_files(self.root, tables, problems, self.sources)

    def cache_text(self, shared: str) -> str:
        """The cache file recording what passed in this run."""
        entries = {rid: {"key": self.keys[rid], "metrics": self.shares[rid]} for rid in sorted(self.keys)}
        return json.dumps({"shared": shared, "reports": entries, "partitions": self.digests}, sort_keys=True) + "\n"


class RawFiles:
    """The raw reports a partition's rows point to, each read at most once
    (``read_file``): the same bytes are hashed for the cache and into each report's
    key, and decoded for provenance and the ledger."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[str, bytes | None] = {}

    def get(self, source_path: str) -> bytes | None:
        """The bytes of the raw file ``source_path`` names (None if it names none)."""
        if source_path not in self._read:
            path = self.root / source_path
            self._read[source_path] = read_file(path) if source_path and path.is_file() else None
        return self._read[source_path]

    def digest(self, sources: dict[str, str]) -> str:
        """Hash of the raw files of a partition's reports (``sources``: report → its raw file)."""
        digest = hashlib.sha256()
        for rid in sorted(sources):
            data = self.get(sources[rid])
            digest.update(f"\0{rid}\0".encode() + (b"\0missing" if data is None else data))
        return digest.hexdigest()


def lazy_pool(stack: ExitStack, now: bool) -> Callable[[], Executor]:
    """The worker pool, closed with ``stack``: started at once when ``now`` (its
    workers load Frictionless while this process reads the tables), else when
    first asked for (a run with nothing to check starts none)."""
    started = [stack.enter_context(pool(cpus(), warm=load_frictionless))] if now else []

    def workers() -> Executor:
        if not started:
            started.append(stack.enter_context(pool(cpus())))
        return started[0]

    return workers


def check(package_path: Path, tables: dict[str, Table], reports: list[str], raws: dict[str, bytes | None],
          executor: Executor) -> tuple[list[Problem], dict[str, dict]]:
    """Every problem of the rows of ``reports``, Frictionless on ``executor``'s
    workers and our own checks here meanwhile, and each report's share of the metrics."""
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        frictionless = frictionless_check(package_path, tables, chunks(reports, tables), Path(tmp), executor)
        errors, shares = [], {}
        for rid in reports:
            rows = {name: table.dicts([rid]) for name, table in tables.items() if table.per_report}
            errors += [Problem(line, rid, line.partition(":")[0]) for line in check_report(rid, rows, raws.get(rid))]
            shares[rid] = report_metrics(rows)
        return frictionless() + errors, shares


def frictionless_check(package_path: Path, tables: dict[str, Table], parts: list[list[str]],
                       folder: Path, executor: Executor) -> Callable[[], list[Problem]]:
    """Start Frictionless on the rows of each part's reports, in as many tasks as
    there are CPUs (a part's resources split among them when there are fewer parts);
    the returned function waits for the errors, in the descriptor's resource order,
    with row numbers of the real files and the report each row belongs to."""
    tasks = []
    cross = cross_report(descriptor(package_path), tables)
    own = {name: table for name, table in tables.items() if name not in cross}
    for n, part in enumerate(parts):
        origin = subset_package(package_path, tables, part, folder / str(n), leave_out=list(cross))
        for index, names in enumerate(resource_groups(own, part, max(1, cpus() // len(parts)))):
            future = executor.submit(frictionless_errors, folder / str(n) / "datapackage.json", names, index == 0)
            tasks.append((origin, future))
    order = {name: position for position, name in enumerate(tables)}

    def errors() -> list[Problem]:
        found = []
        for origin, future in tasks:
            for name, row, column, message in future.result():
                real = origin[name][row - 2] if row else 0
                where = f"row {real}: " if row else ""
                report = tables[name].report_at(real) if real else None
                found.append((order.get(name, -1), Problem(f"{name or package_path}: {where}{message}",
                                                           report, name, column)))
        return list(dict.fromkeys(problem for _, problem in sorted(found, key=lambda item: item[0])))

    return errors


def load_frictionless() -> None:
    """Import Frictionless (about half a second), in a worker before its first task."""
    import frictionless  # noqa: F401


def resource_groups(tables: dict[str, Table], reports: list[str], count: int) -> list[list[str]]:
    """The resources in at most ``count`` groups holding about as many of ``reports``' rows each."""
    rows = {name: table.count(reports if table.per_report else [ALL]) for name, table in tables.items()}
    groups: list[list[str]] = [[] for _ in range(count)]
    for name in sorted(rows, key=lambda n: -rows[n]):
        min(groups, key=lambda group: sum(rows[n] for n in group)).append(name)
    return [group for group in groups if group]


def chunks(reports: list[str], tables: dict[str, Table]) -> list[list[str]]:
    """``reports`` in contiguous runs of about equal row counts, one per worker worth starting."""
    sizes = [sum(table.count([rid]) for table in tables.values()) for rid in reports]
    count = max(1, min(cpus(), sum(sizes) // ROWS_PER_WORKER))
    share, out, current, filled = sum(sizes) / count, [], [], 0
    for rid, size in zip(reports, sizes):
        current.append(rid)
        filled += size
        if filled >= share * (len(out) + 1) and len(out) < count - 1:
            out.append(current)
            current = []
    return [*out, current] if current else out


def cross_report(package: dict, tables: dict[str, Table]) -> dict[str, list[dict]]:
    """Resources whose rows join several reports (the scorecard) → their foreign keys
    into per-report resources. No report's verdict depends on them, so they are
    checked on their own at every run (they are small), never with a report."""
    out: dict[str, list[dict]] = {}
    for res in package["resources"]:
        if tables[res["name"]].per_report:
            continue
        keys = [fk for fk in res["schema"].get("foreignKeys", []) if tables[fk["reference"]["resource"]].per_report]
        if keys:
            out[res["name"]] = keys
    return out


def shared_key(shared: dict[str, Table], heads: dict[str, bytes], package_path: Path, package: dict) -> str:
    """Hash of all that every report's verdict depends on besides its own rows: the
    descriptor, this code, Frictionless's version, every file's header row and the
    rows of the shared resources no report's verdict depends on (the codebook)."""
    # the descriptor without its lists of files: a partition added is no change for the others
    layout = {**package, "resources": [{k: v for k, v in res.items() if k != "path"} for res in package["resources"]]}
    digest = hashlib.sha256(json.dumps(layout, sort_keys=True, ensure_ascii=False).encode())
    digest.update(f"{fingerprint('validate')}\0{version('frictionless')}".encode())
    cross = {res["name"] for res in package["resources"] if res["name"] in shared
             and any(fk["reference"]["resource"] not in shared for fk in res["schema"].get("foreignKeys", []))}
    for name in sorted(heads):
        digest.update(b"\0" + name.encode() + b"\0" + heads[name])
    for table in shared.values():
        digest.update(b"\0" + table.data[:table.body])
        if table.name not in cross:
            digest.update(table.records(ALL))
    return digest.hexdigest()


def report_key(tables: dict[str, Table], report_id: str, raw: bytes | None) -> str:
    """Hash of one report's records in every resource and of its raw file."""
    digest = hashlib.sha256(raw or b"")
    for name, table in sorted(tables.items()):
        if table.per_report:
            digest.update(f"\0{name}\0".encode())
            for span in table.spans.get(report_id, []):
                digest.update(memoryview(table.data)[span.start:span.end])
    return digest.hexdigest()


def partitions(package: dict) -> dict[str, dict[str, list[str]]]:
    """The package's per-report files in groups that share their reports: partition →
    resource → its files. A package as normalize writes it has one file per resource
    and partition, at the same place of every per-report resource's list of paths;
    any other layout is one group of every file."""
    local = [res for res in package["resources"] if any(f["name"] == REPORT_ID for f in res["schema"]["fields"])]
    lists = {res["name"]: paths(res) for res in local}
    counts = {len(files) for files in lists.values()}
    if len(counts) != 1:
        return {"": lists}
    return {"|".join(files[i] for files in lists.values()): {name: [files[i]] for name, files in lists.items()}
            for i in range(counts.pop())}


def files_digest(root: Path, files: list[str]) -> str:
    """Hash of the bytes of ``files`` (read in blocks: memory stays small)."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"\0{name}\0".encode())
        with open(root / name, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()


def read_partition(root: Path, package: dict, files: dict[str, list[str]], shared: dict[str, Table]
                   ) -> dict[str, Table]:
    """One partition's tables (``reports`` first, whose order lets the others be
    mapped fast) with the shared ones, in the descriptor's resource order."""
    resources = {res["name"]: res for res in package["resources"]}
    reports = read_table(root, resources["reports"], files=files["reports"])
    order = list(reports.spans)
    return {name: shared[name] if name in shared else reports if name == "reports"
            else read_table(root, res, order, files=files[name]) for name, res in resources.items()}


def _header(root: Path, name: str) -> bytes:
    """A CSV file's header row (its first line)."""
    with open(root / name, "rb") as fh:
        return fh.readline()


def _cache_entry(cache: Path | None, shared: str) -> dict:
    """The validate cache if it was written with this shared key, else {}."""
    try:
        entry = json.loads(cache.read_text(encoding="utf-8")) if cache else {}
    except (OSError, ValueError):
        return {}
    return entry if entry.get("shared") == shared else {}


def _large(root: Path, package: dict) -> bool:
    """Whether reading the package's CSVs takes about as long as loading Frictionless,
    so that workers started first are ready in time and, when there is nothing to
    check, make this process wait little for their loading to end."""
    return sum((root / path).stat().st_size for res in package["resources"] for path in paths(res)
               if (root / path).is_file()) >= EARLY_WORKERS_BYTES
