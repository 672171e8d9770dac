"""Stage ``validate``: check the package as a user receives it.

Reads only what a user downloads (``datapackage.json``, ``data/``, ``raw/``)
and fails, with a readable list of problems, on:
- any Frictionless error (types, constraints, keys, foreign keys);
- any row whose ``raw_text[start:end]`` differs from its ``text`` or ``name``;
- any Arabic numeral of a report that is not a ``figures`` row (the ledger);
- ``indicators``/``targets`` that are not exactly the figures of that role.
Writes ``metrics.json`` (counts per resource, figures per role, codebook
coverage per report, number of errors) for ``dvc metrics show``.

In the build (``--staging``) the CSVs checked are the ones normalize staged in
``build/staging/data/``; only if they pass are they published into ``data/``,
with ``metrics.json``, in one step (``pipeline/package/publish.py``). A failure leaves
both as they were. Each problem names the file it comes from: the raw report
behind the row, or its sidecar where the failing field is one the sidecar sets.

Per report, so that a corpus of thousands is checked in seconds after a
change: every primary and foreign key of the package includes ``report_id``
(checked here) except references to the codebook, so one report's rows are
valid or not whatever the other reports hold. A report whose rows, raw text,
and everything shared (descriptor, codebook, CSV headers, this code, the
Frictionless version) are unchanged since they last passed every check is not
checked again (``data/cache/validate.json``). The others are checked as a
package of their own: the same descriptor with only their rows and the whole
codebook (``pipeline/package/spans.py`` finds and writes out a report's rows), split
over the CPUs when there are many.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import yaml

from pipeline.run import console
from pipeline.package import publish
from pipeline.run.atomic import write_text
from pipeline.run.cache import fingerprint
from pipeline.run.parallel import cpus, pool
from pipeline.package.spans import ALL, REPORT_ID, Table, read_table, subset_package
from pipeline.package.schema import PUBLISHED, descriptor, paths
from pipeline.read.text import NUMBER, InputError, clean, decode

MAX_SHOWN = 50
SIDECAR_SUFFIXES = (".yaml", ".yml")  # as extract reads them: raw/<id>.yaml, then raw/reports.yaml
SHARED_SIDECAR = "reports.yaml"
CACHE = Path("data/cache/validate.json")
ROWS_PER_WORKER = 50_000  # below this, a second process costs more than it saves
EARLY_WORKERS_BYTES = 50_000_000  # CSVs read in ~0.15 s, half of Frictionless's import (about 400 reports)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with the report (if any) and resource and field it is in, so
    that the line shown can name the file it comes from (``name_files``)."""

    line: str
    report: str | None = None
    resource: str = ""
    field: str = ""


def check_keys_are_per_report(package: dict) -> None:
    """Per-report checking is sound only if no key or unique column joins rows of two reports."""
    local = {res["name"] for res in package["resources"]
             if any(f["name"] == REPORT_ID for f in res["schema"]["fields"])}
    for res in package["resources"]:
        if res["name"] not in local:
            continue
        schema = res["schema"]
        keys = [schema.get("primaryKey", [REPORT_ID])]
        keys += [fk["fields"] for fk in schema.get("foreignKeys", [])
                 if (fk["reference"].get("resource") or res["name"]) in local]
        keys += [[f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
        for key in keys:
            if REPORT_ID not in ([key] if isinstance(key, str) else key):
                raise ValueError(f"datapackage.json: {res['name']}: key {key} does not include {REPORT_ID}, "
                                 "so reports cannot be validated one by one (see pipeline/validate.py)")


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


def report_key(tables: dict[str, Table], report_id: str, raw: bytes | None) -> str:
    """Hash of one report's records in every resource and of its raw file."""
    digest = hashlib.sha256(raw or b"")
    for name, table in sorted(tables.items()):
        if table.per_report:
            digest.update(f"\0{name}\0".encode())
            for span in table.spans.get(report_id, []):
                digest.update(memoryview(table.data)[span.start:span.end])
    return digest.hexdigest()


def raw_files(tables: dict[str, Table], root: Path) -> dict[str, bytes | None]:
    """report_id → bytes of the raw file its ``reports`` row names (None if missing)."""
    out = {}
    for row in tables["reports"].dicts(list(tables["reports"].spans)):
        path = root / row["source_path"]
        out[row[REPORT_ID]] = path.read_bytes() if row["source_path"] and path.is_file() else None
    return out


def load_frictionless() -> None:
    """Import Frictionless (about half a second), in a worker before its first task."""
    import frictionless  # noqa: F401


def frictionless_errors(package_path: Path, names: list[str], descriptor_too: bool
                        ) -> list[tuple[str, int, str, str]]:
    """Every error Frictionless finds in the resources ``names`` (and, with
    ``descriptor_too``, in the descriptor): (resource or '', row number or 0, field
    or '', what is wrong). Resources are validated one by one, each within the package (for its
    foreign keys), so that workers can share a package's resources."""
    from frictionless import FrictionlessException, Package

    package = Package(str(package_path))
    if descriptor_too:
        try:
            package.to_descriptor(validate=True)
        except FrictionlessException as err:
            return [("", 0, "", error.message) for error in err.to_errors()]
    found = []
    for name in names:
        report = package.get_resource(name).validate()
        found += [(name, 0, "", err.message) for err in report.errors]
        for task in report.tasks:
            for err in task.errors:
                row = getattr(err, "row_number", 0)
                if not row:
                    found.append((name, 0, "", err.message))
                    continue
                field = getattr(err, "field_name", "")
                cell = f" {err.cell!r}" if hasattr(err, "cell") else ""
                found.append((name, row, field,
                              f"{err.title}{f' in field {field!r}' if field else ''}{cell}: {err.note}"))
    return found


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
            for name, row, field, message in future.result():
                real = origin[name][row - 2] if row else 0
                where = f"row {real}: " if row else ""
                report = tables[name].report_at(real) if real else None
                found.append((order.get(name, -1), Problem(f"{name or package_path}: {where}{message}",
                                                           report, name, field)))
        return list(dict.fromkeys(problem for _, problem in sorted(found, key=lambda item: item[0])))

    return errors


def provenance_errors(tables: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    """Rows whose span in the raw text is not what they say they are."""
    errors = []
    for name, rows in tables.items():
        for row in rows:
            span = _span(row)
            if span is None or row["report_id"] not in texts:
                continue
            written = row.get("text", row.get("name"))
            if written is None:
                continue
            raw = texts[row["report_id"]][span[0]:span[1]]
            if raw != written:
                errors.append(f"{name}: {row['report_id']} {row['start']}-{row['end']}: "
                              f"raw text is {raw!r}, row says {written!r}")
    return errors


def _span(row: dict) -> tuple[int, int] | None:
    """``(start, end)`` of a row, None where it has none or they are no integers (Frictionless says so)."""
    try:
        return int(row["start"]), int(row["end"])
    except (KeyError, ValueError):
        return None


def ledger_errors(figures: list[dict], texts: dict[str, str]) -> list[str]:
    """Arabic numerals of a report with no figure starting where they start."""
    starts = {(r["report_id"], span[0]) for r in figures if (span := _span(r))}
    errors = []
    for report_id, text in texts.items():
        for match in NUMBER.finditer(clean(text)):  # extract's own pattern: they agree on every start
            if (report_id, match.start()) not in starts:
                errors.append(f"figures: {report_id}: number {match.group()!r} at {match.start()} is missing")
    return errors


def role_errors(tables: dict[str, list[dict]], report_id: str) -> list[str]:
    """indicators and targets must be exactly the figures of that role."""
    errors = []
    for name, role in (("indicators", "indicator"), ("targets", "target")):
        expected = [r for r in tables["figures"] if r["role"] == role]
        if expected != tables[name]:
            errors.append(f"{name}: {report_id}: {len(tables[name])} rows, but figures has {len(expected)} "
                          f"rows with role {role} (or they differ)")
    return errors


def check_report(report_id: str, rows: dict[str, list[dict]], raw: bytes | None) -> list[str]:
    """Provenance (the raw file's hash, every row's span), ledger and role errors of one report's rows."""
    texts, errors = {}, []
    for report in rows["reports"]:
        if raw is None:
            raise FileNotFoundError(f"{report['source_path']}: raw file of report {report_id} is missing")
        if hashlib.sha256(raw).hexdigest() != report["source_sha256"]:
            errors.append(f"reports: {report_id}: {report['source_path']} has changed since it was extracted "
                          "(source_sha256 differs; rebuild)")
        texts[report_id] = decode(raw, report["source_path"]).text
    return (errors + provenance_errors(rows, texts) + ledger_errors(rows["figures"], texts)
            + role_errors(rows, report_id))


def report_metrics(rows: dict[str, list[dict]]) -> dict:
    """One report's share of the metrics: rows per resource, figures per role, codebook coverage."""
    measured = [r for r in rows["figures"] if r["role"] in ("indicator", "target")]
    coded = sum(1 for r in measured if r["code"])
    return {"rows": {name: len(table) for name, table in rows.items()},
            "roles": Counter(r["role"] or "undecided" for r in rows["figures"]),
            "flags": [r["flag"] for r in rows.get("quality", [])],
            "coverage": (round(coded / len(measured), 3) if measured else 0.0) if rows["reports"] else None}


def metrics(package: dict, shared: dict[str, Table], shares: dict[str, dict], errors: int) -> dict:
    """Numbers worth watching from one build to the next, from every report's share."""
    rows = {res["name"]: shared[res["name"]].count() if res["name"] in shared else 0 for res in package["resources"]}
    roles: Counter = Counter()
    for rid in sorted(shares):
        share = shares[rid]
        rows.update({name: rows[name] + n for name, n in share["rows"].items()})
        roles.update(share["roles"])
    shares = dict(sorted(shares.items()))
    return {
        "rows": rows,
        "figures_by_role": dict(sorted(roles.items())),
        "code_coverage": {rid: share["coverage"] for rid, share in shares.items() if share["coverage"] is not None},
        "quality_flags": {rid: share["flags"] for rid, share in shares.items() if share.get("flags")},
        "scorecard": scorecard_summary(shared.get("scorecard")),
        "validation_errors": errors,
    }


def scorecard_summary(table: Table | None) -> dict[str, dict[str, int]]:
    """Per region (name and code): how many checkable targets were met, missed, unclear."""
    out: dict[str, dict[str, int]] = {}
    for row in table.dicts([ALL]) if table is not None else []:
        counts = out.setdefault(f"{row['region']} {row['region_code']}", {"met": 0, "missed": 0, "unclear": 0})
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    return dict(sorted(out.items()))


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


def run(root: Path, package_path: Path, cache: Path | None = None, csvs: Path | None = None
        ) -> tuple[list[str], dict]:
    """All problems found, each naming its file, and the metrics of the package at
    ``root`` (its CSVs under ``csvs`` when given: the staging folder, whose own
    ``datapackage.json``, written by normalize, is then the one checked).

    The package is read one partition at a time (a plan year and province: every
    key of the package holds within one), so memory is that of the largest
    partition, not of the corpus. With ``cache``, a partition whose files are byte
    for byte those that passed is not read again, reports that passed before and
    are unchanged are not checked again, and the cache is updated when everything
    passes. For a large package the worker processes start first and load
    Frictionless while this process reads the tables."""
    csvs = csvs or root
    if (csvs / PUBLISHED).is_file() and csvs != root:
        package_path = csvs / PUBLISHED
    package = descriptor(package_path)
    check_keys_are_per_report(package)
    groups = partitions(package)
    shared_tables = {res["name"]: read_table(csvs, res) for res in package["resources"]
                     if not any(f["name"] == REPORT_ID for f in res["schema"]["fields"])}
    heads = {name: _header(csvs, f) for group in groups.values() for name, files in group.items() for f in files}
    shared = shared_key(shared_tables, heads, package_path, package)
    entry = _cache_entry(cache, shared)
    passed, done = entry.get("reports", {}), entry.get("partitions", {})
    shares: dict[str, dict] = {}
    keys: dict[str, str] = {}
    digests: dict[str, dict] = {}
    sources: dict[str, str] = {}
    where: dict[str, str] = {}  # report → its partition
    errors: list[str] = []
    with ExitStack() as stack:
        executor = stack.enter_context(pool(cpus(), warm=load_frictionless)) if _large(csvs, package) else None
        for part, files in groups.items():
            digest = files_digest(csvs, [f for fs in files.values() for f in fs])
            known = done.get(part, {})
            if (known.get("digest") == digest and all(rid in passed for rid in known.get("reports", []))
                    and known.get("raw") == raw_digest(root, known.get("sources", {}))):
                for rid in known["reports"]:
                    shares[rid], keys[rid] = passed[rid]["metrics"], passed[rid]["key"]
                    sources[rid], where[rid] = known["sources"][rid], part
                digests[part] = known
                continue
            tables = read_partition(csvs, package, files, shared_tables)
            report_ids = sorted({rid for table in tables.values() if table.per_report for rid in table.spans})
            raws = raw_files(tables, root)
            mine = {rid: report_key(tables, rid, raws.get(rid)) for rid in report_ids}
            keys.update(mine)
            own = {row[REPORT_ID]: row.get("source_path", "") for row in tables["reports"].dicts(list(tables["reports"].spans))}
            sources.update(own)
            where.update({rid: part for rid in report_ids})
            mapped = {rid: own.get(rid, "") for rid in report_ids}
            digests[part] = {"digest": digest, "reports": report_ids, "sources": mapped, "raw": raw_digest(root, mapped)}
            for rid in report_ids:
                if passed.get(rid, {}).get("key") == mine[rid]:
                    shares[rid] = passed[rid]["metrics"]
            pending = [rid for rid in report_ids if rid not in shares]
            if pending:
                executor = executor or stack.enter_context(pool(cpus()))
                problems = check(package_path, tables, pending, raws, shares, executor)
                errors += name_files(root, tables, problems, sources)
            del tables, raws
        cross = cross_report_errors(package_path, csvs, package, groups, shared_tables, where)
        errors += name_files(root, shared_tables, cross, sources)
    if cache and not errors:
        entries = {rid: {"key": keys[rid], "metrics": shares[rid]} for rid in sorted(keys)}
        write_text(cache, json.dumps({"shared": shared, "reports": entries, "partitions": digests},
                                     sort_keys=True) + "\n")
    return errors, metrics(package, shared_tables, shares, len(errors))


def raw_digest(root: Path, sources: dict[str, str]) -> str:
    """Hash of the raw files of a partition's reports (their rows are checked against them)."""
    digest = hashlib.sha256()
    for rid in sorted(sources):
        path = root / sources[rid] if sources[rid] else None
        digest.update(f"\0{rid}\0".encode() + (path.read_bytes() if path and path.is_file() else b"\0missing"))
    return digest.hexdigest()


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


def name_files(root: Path, tables: dict[str, Table], problems: list[Problem], sources: dict[str, str]) -> list[str]:
    """Each problem's line, led by the file it comes from: the raw report behind the
    row (``sources``: report → its raw file), or its sidecar where the failing field
    of ``reports`` is one the sidecar sets; the cross-report rows of the scorecard
    name the files of both their reports."""
    lines = []
    for problem in problems:
        files = []
        if problem.report:
            sidecar = (_sidecar_setting(root, problem.report, sources.get(problem.report, ""), problem.field)
                       if problem.resource == "reports" else None)
            files = [sidecar or sources.get(problem.report)]
        elif problem.resource in tables and not tables[problem.resource].per_report:
            files = [sources.get(rid) for rid in _reports_named(problem.line, sources)]
        named = [f for f in dict.fromkeys(files) if f]
        lines.append(f"{named[0] if len(named) == 1 else ', '.join(named)}: {problem.line}" if named else problem.line)
    return lines


def _reports_named(line: str, sources: dict[str, str]) -> list[str]:
    """The report ids a cross-report problem's line mentions."""
    return [rid for rid in sources if f" {rid}" in line or f"{rid}," in line]


def _sidecar_setting(root: Path, report_id: str, source_path: str, field: str) -> str | None:
    """The sidecar (``raw/<id>.yaml``, or the entry of ``raw/reports.yaml``) that sets
    ``field`` of the report, if one does: that is where a bad value was written."""
    if not field or not source_path:
        return None
    folder = Path(source_path).parent
    for path in [folder / f"{report_id}{suffix}" for suffix in SIDECAR_SUFFIXES]:
        if field in _yaml_mapping(root / path):
            return path.as_posix()
    if field in _yaml_mapping(root / folder / SHARED_SIDECAR).get(report_id, {}) or {}:
        return f"{(folder / SHARED_SIDECAR).as_posix()}: {report_id}"
    return None


def _yaml_mapping(path: Path) -> dict:
    """A sidecar's mapping ({} where there is none, or it is no mapping: extract refuses those)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def cross_report_errors(package_path: Path, csvs: Path, package: dict, groups: dict[str, dict[str, list[str]]],
                        shared: dict[str, Table], where: dict[str, str]) -> list[Problem]:
    """Problems of the cross-report resources: Frictionless on them alone (types,
    constraints, primary key, links to shared resources such as the codebook),
    and each of their links into per-report resources looked up here, in the
    partition of the report it names."""
    cross = {res["name"]: [fk for fk in res["schema"].get("foreignKeys", []) if fk["reference"]["resource"] not in shared]
             for res in package["resources"] if res["name"] in shared}
    cross = {name: keys for name, keys in cross.items() if keys}
    if not any(shared[name].spans.get(ALL) for name in cross):
        return []
    with tempfile.TemporaryDirectory(prefix="validate-cross-") as tmp:
        folder = Path(tmp) / "package"
        per_report = [res["name"] for res in package["resources"] if res["name"] not in shared]
        subset_package(package_path, shared, [], folder, leave_out=per_report)
        _drop_links(folder / "datapackage.json", cross)
        found = [Problem(f"{name}: {f'row {row}: ' if row else ''}{message}", None, name, field)
                 for name, row, field, message in frictionless_errors(folder / "datapackage.json", list(cross), False)]
    resources = {res["name"]: res for res in package["resources"]}
    loaded: dict[tuple[str, str], Table] = {}

    def rows_of(name: str, rid: str) -> list[dict]:
        """The rows of report ``rid`` in resource ``name`` (its partition's file, read once)."""
        part = where.get(rid)
        if part is None:
            return []
        if (name, part) not in loaded:
            loaded.clear()  # one partition's file at a time
            loaded[(name, part)] = read_table(csvs, resources[name], files=groups[part][name])
        return loaded[(name, part)].dicts([rid])

    return found + [Problem(line, None, name) for name, keys in cross.items()
                    for line in link_errors(shared[name], keys, rows_of)]


def _drop_links(descriptor_path: Path, cross: dict[str, list[dict]]) -> None:
    """Remove the links into per-report resources (left out of that package) from its descriptor."""
    package = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] in cross:
            res["schema"]["foreignKeys"] = [fk for fk in res["schema"].get("foreignKeys", [])
                                            if fk not in cross[res["name"]]]
    descriptor_path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def link_errors(table: Table, keys: list[dict], rows_of: Callable[[str, str], list[dict]]) -> list[str]:
    """Rows of ``table`` whose link names a row that the referenced resource does not
    hold (``rows_of(resource, report)``: that report's rows of it)."""
    rows = table.dicts([ALL])
    errors = []
    for fk in keys:
        ref = fk["reference"]["resource"]
        wanted = {tuple(row[f] for f in fk["fields"]) for row in rows}
        at = fk["reference"]["fields"].index(REPORT_ID)  # which part of the link names the report
        held: set[tuple] = set()
        for rid in sorted({key[at] for key in wanted}):
            held |= {tuple(r[f] for f in fk["reference"]["fields"]) for r in rows_of(ref, rid)}
        errors += [f"{table.name}: row {i}: {', '.join(fk['fields'])} {', '.join(key)} not found in {ref}"
                   for i, row in enumerate(rows, start=2)
                   if (key := tuple(row[f] for f in fk["fields"])) not in held]
    return errors


def _large(root: Path, package: dict) -> bool:
    """Whether reading the package's CSVs takes about as long as loading Frictionless,
    so that workers started first are ready in time and, when there is nothing to
    check, make this process wait little for their loading to end."""
    return sum((root / path).stat().st_size for res in package["resources"] for path in paths(res)
               if (root / path).is_file()) >= EARLY_WORKERS_BYTES


def check(package_path: Path, tables: dict[str, Table], reports: list[str], raws: dict[str, bytes | None],
          shares: dict[str, dict], executor: Executor) -> list[Problem]:
    """Every problem of the rows of ``reports``: Frictionless on ``executor``'s
    workers, our own checks here meanwhile. Adds each report's share of the
    metrics to ``shares``."""
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        frictionless = frictionless_check(package_path, tables, chunks(reports, tables), Path(tmp), executor)
        errors = []
        for rid in reports:
            rows = {name: table.dicts([rid]) for name, table in tables.items() if table.per_report}
            errors += [Problem(line, rid, line.partition(":")[0]) for line in check_report(rid, rows, raws.get(rid))]
            shares[rid] = report_metrics(rows)
        return frictionless() + errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--staging", type=Path, default=None,
                        help="folder (under --root) holding the staged data/*.csv: check them and, only if "
                             "they pass, publish them into data/ with the metrics; without it, check data/ in place")
    parser.add_argument("--metrics", type=Path, default=Path("metrics.json"))
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
