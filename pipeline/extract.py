"""Stage ``extract``: each report in ``raw/`` → ``data/interim/<id>.json``.

Lossless and rule-light: decode, read the header and outline, find every
number with the words written around it. Nothing here decides roles or
canonical units (that is ``normalize``).

A report is not extracted again while its bytes, its sidecar metadata and the
extraction code are unchanged: ``data/interim/index.csv`` records what each
interim file was made from, so adding one report to a large corpus re-does
only that report, and checking the others reads one small file. Reports to
extract are spread over every CPU.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import yaml

from pipeline.run import console
from pipeline.meaning import divisions, periods, places
from pipeline.read import mentions as numbers, outline
from pipeline.package import publish
from pipeline.run.atomic import write_text
from pipeline.run.cache import fingerprint, sha256
from pipeline.run.parallel import ordered_map
from pipeline.run.params import stage_params
from pipeline.rules import lookup
from pipeline.read.text import InputError, clean, decode, read_file

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SIDECAR_SUFFIXES = (".yaml", ".yml")
SHARED_SIDECAR = "reports.yaml"
# Sidecars are a few lines each; a shared one lists thousands of reports. Larger
# files are a mistake or an attack, refused before they are parsed.
MAX_SIDECAR_BYTES = 64 * 1024
MAX_SHARED_SIDECAR_BYTES = 16 * 1024 * 1024
MAX_FIELD_CHARS = 200  # a title, name or meeting; a longer value is no such thing
YEARS = range(1949, 2101)  # the years a report of the People's Republic can plan or review
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
PATTERNS = {"url": re.compile(r"(?:https?://[^\s\x00-\x1f\x7f]{1,1990})?"), "sha256": re.compile(r"[0-9a-f]{64}")}


def sidecar_fields() -> dict[str, dict[str, str]]:
    """Field → its type and allowed values, from ``rules/sidecar_fields.csv``."""
    return lookup("sidecar_fields", "field")


class SidecarLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader with dates left as text: the schema checks them, so an
    impossible date (2025-13-45) is one line naming the field, not a ValueError
    from inside the YAML library."""


SidecarLoader.add_constructor("tag:yaml.org,2002:timestamp", SidecarLoader.construct_yaml_str)
INDEX = "index.csv"
OPENING_CHARS = 300  # the opening line after 各位代表 (我代表…人民政府) is part of the header
INDEX_FIELDS = ("report_id", "input_sha256", "fingerprint")
# How an interim file is written: keys sorted at every level. A record is a tree of
# fresh dicts and lists, never a cycle, so the encoder need not keep a table of every
# container it enters (check_circular): the same bytes, a fifth less time.
INTERIM_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False)
AS_BUILT_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def report_files(raw_dir: Path) -> list[Path]:
    """The reports in ``raw_dir``: every file but sidecars and dotfiles, unread.

    Raises InputError on a name that is not a slug, two files with the same report
    id, or an entry that is not a plain file (``checked_entries``)."""
    files = [p for p in checked_entries(raw_dir) if p.suffix not in SIDECAR_SUFFIXES]
    stems: dict[str, Path] = {}
    for path in files:
        if not SLUG.fullmatch(path.stem):
            raise InputError(f"{path}: file name '{path.stem}' is not a lowercase slug "
                             "(letters, digits and single hyphens, e.g. tianjin-jinghai-2025)")
        if path.stem in stems:
            raise InputError(f"{path}: report id '{path.stem}' is also {stems[path.stem]} "
                             "(one file per report: remove or rename one of them)")
        stems[path.stem] = path
    return files


def read_reports(files: list[Path]) -> Iterator[tuple[Path, bytes, str]]:
    """Each report's path, bytes and their SHA-256, each file read once (by
    ``read_file``, the one place this stage reads a report); InputError on a
    file with the same bytes as one before it."""
    seen: dict[str, Path] = {}
    for path in files:
        data = read_file(path)
        digest = sha256(data)
        if digest in seen:
            raise InputError(f"{path}: same content as {seen[digest]} (remove one of them)")
        seen[digest] = path
        yield path, data, digest


def checked_entries(raw_dir: Path) -> list[Path]:
    """Every entry of ``raw_dir`` but dotfiles, sorted; InputError on a symbolic link
    (it would publish whatever file it points to, inside the repository or not), a
    folder or anything else that is not a plain file (a FIFO would hang the build)."""
    entries = sorted(p for p in raw_dir.iterdir() if not p.name.startswith("."))
    for path in entries:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise InputError(f"{path}: a symbolic link, not a file (copy the report itself into {raw_dir})")
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: a folder; {raw_dir} holds report files and sidecars only")
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a pipe, socket or device), not a text report")
    return entries


def load_sidecars(raw_dir: Path, report_ids: list[str]) -> dict[str, dict]:
    """Metadata per report from ``raw/<id>.yaml`` (or ``.yml``) and ``raw/reports.yaml``.

    A report's own file wins over the shared one. Each file is read once, so a
    shared file listing thousands of reports costs one parse. A sidecar whose
    report is missing is an error: it would be ignored, and its fields lost unseen."""
    known = set(report_ids)  # not the list: a lookup per sidecar in it made this quadratic in the corpus
    orphans = sorted(p for p in checked_entries(raw_dir) if p.suffix in SIDECAR_SUFFIXES
                     and p.name != SHARED_SIDECAR and p.stem not in known)
    if orphans:
        raise InputError(f"{orphans[0]}: a sidecar without its report ({raw_dir / orphans[0].stem}.txt or "
                         "another file of that name): add the report or remove the sidecar")
    shared_path = raw_dir / SHARED_SIDECAR
    shared = _read_yaml(shared_path, MAX_SHARED_SIDECAR_BYTES) if shared_path.exists() else {}
    unknown = sorted(set(map(str, shared)) - known)
    if unknown:
        print(f"warning: {shared_path}: no report file for {', '.join(unknown)}", file=sys.stderr)
    out = {}
    for report_id in report_ids:
        meta = _fields(shared_path, shared.get(report_id) or {}, report_id) if report_id in shared else {}
        for suffix in SIDECAR_SUFFIXES:
            own = raw_dir / f"{report_id}{suffix}"
            if own.exists():
                meta.update(_fields(own, _read_yaml(own, MAX_SIDECAR_BYTES)))
        out[report_id] = meta
    return out


def _read_yaml(path: Path, limit: int) -> dict:
    """A sidecar file's mapping, or InputError naming the file. Anchors and aliases
    are refused before anything is built: a few hundred bytes of nested aliases
    expand into gigabytes."""
    try:
        text = read_file(path, limit).decode("utf-8")
        if "&" in text or "*" in text:  # no anchor or alias is written without one: most sidecars need no scan
            _refuse_aliases(path, text)
        data = yaml.load(text, Loader=SidecarLoader)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise InputError(f"{path}: not valid YAML ({(str(err).splitlines() or [type(err).__name__])[0]})") from None
    if not isinstance(data, dict | None):
        raise InputError(f"{path}: expected a mapping of field: value")
    return data or {}


def _refuse_aliases(path: Path, text: str) -> None:
    """InputError if the YAML ``text`` holds an anchor or an alias, found by its events
    (an & or * inside a quoted value is none)."""
    for event in yaml.parse(text, Loader=SidecarLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(f"{path}: YAML anchors and aliases (&name, *name) are not allowed in a sidecar")


def _fields(path: Path, data: object, entry: str = "") -> dict:
    """The fields of one report's sidecar entry, each checked against
    ``rules/sidecar_fields.csv``; InputError naming file (and entry) and field otherwise."""
    where = f"{path}: {entry}: " if entry else f"{path}: "
    if not isinstance(data, dict):
        raise InputError(f"{where}expected a mapping of field: value")
    allowed = sidecar_fields()
    unknown = set(map(str, data)) - set(allowed)
    if unknown:
        raise InputError(f"{where}unknown field(s) {sorted(unknown)}; allowed: {', '.join(allowed)}")
    return {k: _value(f"{where}field {k}", v, allowed[k]) for k, v in data.items() if v is not None}


def _value(where: str, value: object, spec: dict[str, str]) -> str | int:
    """A sidecar value of the field ``spec`` describes, as the report row holds it."""
    kind = spec["type"]
    if kind == "year":
        year = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else value
        if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
            raise InputError(f"{where}: expected a year from {YEARS.start} to {YEARS.stop - 1}, got {_shown(value)}")
        return year
    if not isinstance(value, str):
        raise InputError(f"{where}: expected {_expected(kind, spec)}, got {_shown(value)}")
    if kind == "date":
        return _date(where, value)
    if kind == "choice" and value not in spec["allowed"].split("|"):
        raise InputError(f"{where}: expected {_expected(kind, spec)}, got {value!r}")
    if kind in PATTERNS:
        if not PATTERNS[kind].fullmatch(value):
            raise InputError(f"{where}: expected {_expected(kind, spec)}, got {_shown(value)}")
        return value
    if len(value) > MAX_FIELD_CHARS or CONTROL.search(value) or not value.strip():
        raise InputError(f"{where}: expected one line of text of 1 to {MAX_FIELD_CHARS} characters")
    return value


def _date(where: str, value: str) -> str:
    """A YYYY-MM-DD date that exists, in a year a report can have."""
    try:
        when = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        when = None
    if when is None or when.year not in YEARS:
        raise InputError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
    return value


def _expected(kind: str, spec: dict[str, str]) -> str:
    """What a field of ``kind`` must be, for an error line."""
    if kind == "choice":
        return "one of " + ", ".join(spec["allowed"].split("|"))
    return {"date": "a date YYYY-MM-DD", "text": "text", "url": "an http(s) address of at most 2000 characters, or nothing",
            "sha256": "64 hexadecimal digits"}[kind]


def _shown(value: object) -> str:
    """A wrong value in an error line: what YAML made of it, and the value if it is short."""
    if isinstance(value, bool):
        return "a yes/no value (write it in quotes to mean text)"
    if isinstance(value, int | float):
        return f"a number {repr(value)[:40]}"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else "text"
    kinds = {list: "a list", dict: "a mapping", bytes: "binary data", set: "a set"}
    return next((name for cls, name in kinds.items() if isinstance(value, cls)), type(value).__name__)


def extract_report(path: Path, sidecar: dict, data: bytes | None = None, digest: str | None = None) -> dict:
    """The interim record of one report; ``sidecar`` fills or overrides its header.
    ``data`` and ``digest``: the report's bytes and their SHA-256 where the caller has
    them already (``run``), so that no report is read or hashed twice."""
    data = read_file(path) if data is None else data
    decoded = decode(data, str(path))
    text = clean(decoded.text)
    try:
        mentions = numbers.find_mentions(text)
    except numbers.TooManyDigits as err:
        raise InputError(f"{path}: {err}") from None
    found = outline.find_sections(text, outline.body_start(text))
    meta = {**outline.read_header(text), **sidecar}
    header = outline.header_years(text)
    meta = {**meta, **_years(found, meta, header), **sidecar}
    meta = {**meta, **_place(path, text, sidecar), **sidecar}
    sections = [s.as_dict() for s in found]
    parts: list[dict] = []
    if meta.get("plan_year"):
        plan_year = int(meta["plan_year"])
        now = _now_year(meta, header, plan_year)  # 今年 of a report delivered in December
        sections = periods.label_sections(sections, plan_year, now)
        parts = [p.as_dict() for p in periods.find_parts(text, sections, plan_year, now)]
    if not any(s["kind"] for s in sections):
        print(f"warning: {path}: no review or plan section found; roles left empty", file=sys.stderr)
    digest = sha256(data) if digest is None else digest
    return {  # a report without a sidecar saying otherwise is its own original, a text file
        "report": {"report_id": path.stem, "source_path": path.as_posix(), "encoding": decoded.encoding,
                   "source_sha256": digest, "source_format": "txt", "source_url": "", "original_sha256": digest,
                   "chars": len(decoded.text), **meta},
        "sections": sections,
        "parts": parts,
        "mentions": [m.as_dict() for m in mentions],
        "text": decoded.text,
    }


def _years(sections: list[outline.Section], meta: dict, header: tuple[int, int] | None) -> dict:
    """Plan and review year. The plan year is the year the report was delivered
    (a report delivered in December is about the year after); without a date,
    the year its title names, else the year its header gives otherwise
    (``outline.header_years``: 二〇二五年一月), else the outline's own headings
    (2024年工作回顾 → 2025). The review year is the year before: a report reviews
    the year just ended, also when it reviews five years beside it."""
    given = meta.get("plan_year")
    if isinstance(given, int):
        return {"plan_year": given, "review_year": given - 1}
    dated = outline.dated_years(meta.get("delivered_on", ""))
    plan = (dated and dated[0]) or _title_year(meta) or (header and header[0]) or _outline_year(sections)
    reviewed = _reviewed_years(sections)
    if plan and reviewed and max(reviewed) >= plan:
        plan = max(reviewed) + 1  # the date read was not the report's (a body's, a page's): no year reviews itself
    return {"plan_year": plan, "review_year": plan - 1} if plan else {}


def _place(path: Path, text: str, sidecar: dict) -> dict:
    """Region, level, parent and code (``places.locate``); a region the division
    table does not know is kept as written, with a warning naming the file."""
    head = text[:outline.body_start(text) + OPENING_CHARS]
    place = places.locate(head, text, sidecar)
    if not place.get("region_code"):
        written = place.get("region") or "(no region name)"
        print(f"warning: {path}: region {written} is not in the division table "
              f"({divisions.VINTAGE}); region_code left empty", file=sys.stderr)
    return place


def _now_year(meta: dict, header: tuple[int, int] | None, plan_year: int) -> int:
    """The year 今年 names: the year the report was delivered, by its date or else its header's
    month (``outline.delivery_years``: a December report's 今年 is the year it reviews), when that
    source gives the plan year; a date of another plan year (a body's, a page's) or none says
    nothing of it: the plan year."""
    years = outline.dated_years(meta.get("delivered_on", "")) or header
    return years[1] if years and years[0] == plan_year else plan_year


def _title_year(meta: dict) -> int | None:
    match = outline.YEAR.search(str(meta.get("title") or ""))
    return int(match.group(1)) if match else None


def _outline_year(sections: list[outline.Section]) -> int | None:
    """The year after the first reviewed year a heading names, else the first planned one."""
    review = [s.year for s in sections if s.level == 1 and s.kind == "review" and s.year]
    plan = [s.year for s in sections if s.level == 1 and s.kind == "plan" and s.year
            and outline.YEAR.search(s.title)]
    return review[0] + 1 if review else (plan[0] if plan else None)


def _reviewed_years(sections: list[outline.Section]) -> list[int]:
    """Years top-level headings that say review name in digits (2024年工作回顾 → 2024);
    not a five-year plan's last year (“十四五”以来工作回顾 is written before 2025 ends)."""
    return [s.year for s in sections if s.level == 1 and s.year and outline.section_kind(s.title) == "review"
            and outline.YEAR.search(s.title)]


def input_key(file_sha: str, sidecar: dict) -> str:
    """What an interim file is made from: the report's bytes and its sidecar metadata."""
    return sha256(f"{file_sha}\0{json.dumps(sidecar, sort_keys=True, ensure_ascii=False)}".encode())


def read_index(out_dir: Path) -> dict[str, tuple[str, str]]:
    """report_id → (input key, code fingerprint) of the interim files in ``out_dir``."""
    path = out_dir / INDEX
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["report_id"]: (row["input_sha256"], row["fingerprint"]) for row in csv.DictReader(fh)}


def write_index(out_dir: Path, index: dict[str, tuple[str, str]]) -> None:
    """Record what each interim file was made from, in report order."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(INDEX_FIELDS)
    writer.writerows((report_id, *index[report_id]) for report_id in sorted(index))
    write_text(out_dir / INDEX, buf.getvalue())


@dataclass(frozen=True)
class Job:
    """One report to extract: its bytes, read and hashed once here, go with it to the worker."""

    path: Path
    data: bytes
    digest: str  # the SHA-256 of ``data``
    sidecar: dict
    key: tuple[str, str]  # what index.csv records: (input key, code fingerprint)


def interim_json(record: dict) -> str:
    """``record`` as ``INTERIM_JSON`` writes it. Its mentions, nine in ten of its
    dicts, are built with their keys sorted (``Mention.as_dict``), so they are
    written as built, without the sorting that was a third of the encoding's
    time, and put first: ``mentions`` is the first of the record's keys."""
    rest = INTERIM_JSON.encode({key: value for key, value in record.items() if key != "mentions"})
    return '{"mentions": ' + AS_BUILT_JSON.encode(record["mentions"]) + ", " + rest[1:]


def extract_to(out_dir: Path, job: Job) -> tuple[str, tuple[str, str]]:
    """Extract one report and write its interim file (runs in a worker process);
    returns the report id and what index.csv records of it."""
    record = extract_report(job.path, job.sidecar, job.data, job.digest)
    write_text(out_dir / f"{job.path.stem}.json", interim_json(record))
    return job.path.stem, job.key


def run(raw_dir: Path, out_dir: Path) -> int:
    """Extract every report not extracted yet; returns how many were (re)extracted.

    Reports are read one by one, each as a worker is about to need it
    (``ordered_map``), so memory does not grow with the corpus. The index keeps, for
    a report not reached (an error stopped the run), what its interim file was made from."""
    files = report_files(raw_dir)
    if not files:
        raise InputError(f"{raw_dir}: no reports found")
    sidecars = load_sidecars(raw_dir, [p.stem for p in files])  # one entry per report
    code = fingerprint("extract")
    index = {rid: key for rid, key in read_index(out_dir).items()
             if rid in sidecars and (out_dir / f"{rid}.json").exists()}
    out_dir.mkdir(parents=True, exist_ok=True)
    made = dict(index)
    jobs = (Job(path, data, digest, sidecars[path.stem], (input_key(digest, sidecars[path.stem]), code))
            for path, data, digest in read_reports(files))
    todo = (job for job in jobs if made.get(job.path.stem) != job.key)
    done = 0
    try:
        # how many of the reports need extracting is known only once each is hashed
        label = f"extract (new or changed, of {len(files)} reports)"
        for report_id, key in ordered_map(partial(extract_to, out_dir), todo, label):
            index[report_id] = key
            done += 1
    finally:
        write_index(out_dir, index)
    for stale in out_dir.glob("*.json"):
        if stale.stem not in sidecars:
            stale.unlink()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    params = stage_params("extract")
    parser.add_argument("--raw", type=Path, default=Path(params["raw"]))
    parser.add_argument("--out", type=Path, default=Path(params["interim"]))
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="repository folder: a publish of its data/ cut short is finished first")
    args = parser.parse_args(argv)
    try:
        publish.recover(args.root)
        for stray in args.out.glob(".*.tmp"):
            stray.unlink(missing_ok=True)
        done = run(args.raw, args.out)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: extract: {err}", file=sys.stderr)
        return 1
    print(f"extract: {done} report(s) extracted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    console.run(main, "extract")
