"""The package's contract: what validate checks, report by report.

- any Frictionless error (types, constraints, keys, foreign keys);
- any row whose ``raw_text[start:end]`` differs from its ``text`` or ``name``,
  or whose raw file is not the one ``reports.csv`` hashed (provenance);
- any Arabic numeral of a report that is not a ``figures`` row (the ledger);
- ``indicators``/``targets`` that are not exactly the figures of that role;
- a key that joins rows of two reports (every key must include ``report_id``,
  else reports cannot be checked one by one);
- the rows that join reports (the scorecard) linking to rows that do not exist.

Each problem is a ``Problem``, which ``name_files`` turns into a line led by
the file it comes from: the raw report behind the row, or its sidecar where
the failing field is one the sidecar sets. How often and where these checks
run (the cache, the workers) is ``pipeline/package/incremental.py``'s business.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.package.spans import ALL, REPORT_ID, Table, read_table, subset_package
from pipeline.read.text import NUMBER, clean, decode

SIDECAR_SUFFIXES = (".yaml", ".yml")  # as extract reads them: raw/<id>.yaml, then raw/reports.yaml
SHARED_SIDECAR = "reports.yaml"


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
                                 "so reports cannot be validated one by one (see pipeline/package/checks.py)")


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
