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
import sys
from datetime import date
from functools import partial
from pathlib import Path

import yaml

from pipeline import divisions, numbers, outline, periods, places
from pipeline.atomic import write_text
from pipeline.cache import fingerprint, sha256
from pipeline.parallel import ordered_map
from pipeline.text import InputError, clean, decode

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SIDECAR_SUFFIXES = (".yaml", ".yml")
SHARED_SIDECAR = "reports.yaml"
SIDECAR_FIELDS = ("title", "region", "region_level", "parent_region", "delivered_on", "speaker",
                  "speaker_title", "meeting", "review_year", "plan_year",
                  # where the text came from: written by `python -m pipeline add` for a page, PDF or Word file
                  "source_format", "source_url", "original_sha256")
INDEX = "index.csv"
OPENING_CHARS = 300  # the opening line after 各位代表 (我代表…人民政府) is part of the header
INDEX_FIELDS = ("report_id", "input_sha256", "fingerprint")


def report_files(raw_dir: Path) -> dict[Path, str]:
    """The reports in ``raw_dir`` (every file but sidecars and dotfiles) → SHA-256 of their bytes.

    Raises InputError on a name that is not a slug or two files with the same bytes.
    """
    files = sorted(p for p in raw_dir.iterdir()
                   if p.is_file() and not p.name.startswith(".") and p.suffix not in SIDECAR_SUFFIXES)
    hashes: dict[Path, str] = {}
    seen: dict[str, Path] = {}
    for path in files:
        if not SLUG.fullmatch(path.stem):
            raise InputError(f"{path}: file name '{path.stem}' is not a lowercase slug "
                             "(letters, digits and single hyphens, e.g. tianjin-jinghai-2025)")
        digest = sha256(path.read_bytes())
        if digest in seen:
            raise InputError(f"{path}: same content as {seen[digest]} (remove one of them)")
        seen[digest] = path
        hashes[path] = digest
    return hashes


def load_sidecars(raw_dir: Path, report_ids: list[str]) -> dict[str, dict]:
    """Metadata per report from ``raw/<id>.yaml`` (or ``.yml``) and ``raw/reports.yaml``.

    A report's own file wins over the shared one. Each file is read once, so a
    shared file listing thousands of reports costs one parse.
    """
    shared_path = raw_dir / SHARED_SIDECAR
    shared = _read_yaml(shared_path) if shared_path.exists() else {}
    unknown = sorted(set(shared) - set(report_ids))
    if unknown:
        print(f"warning: {shared_path}: no report file for {', '.join(map(str, unknown))}", file=sys.stderr)
    out = {}
    for report_id in report_ids:
        meta = _fields(shared_path, shared.get(report_id) or {}) if report_id in shared else {}
        for suffix in SIDECAR_SUFFIXES:
            own = raw_dir / f"{report_id}{suffix}"
            if own.exists():
                meta.update(_fields(own, _read_yaml(own)))
        out[report_id] = meta
    return out


def _read_yaml(path: Path) -> dict:
    """A sidecar file's mapping, or InputError naming the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: not valid YAML ({str(err).splitlines()[0]})") from None
    if not isinstance(data, dict | None):
        raise InputError(f"{path}: expected a mapping of field: value")
    return data or {}


def _fields(path: Path, data: object) -> dict:
    """The known fields of one report's sidecar entry; InputError on anything else."""
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of field: value")
    unknown = set(data) - set(SIDECAR_FIELDS)
    if unknown:
        raise InputError(f"{path}: unknown field(s) {sorted(map(str, unknown))}; "
                         f"allowed: {', '.join(SIDECAR_FIELDS)}")
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items() if v is not None}


def extract_report(path: Path, sidecar: dict) -> dict:
    """The interim record of one report; ``sidecar`` fills or overrides its header."""
    data = path.read_bytes()
    decoded = decode(data, str(path))
    text = clean(decoded.text)
    found = outline.find_sections(text, outline.body_start(text))
    meta = {**outline.read_header(text), **sidecar}
    meta = {**meta, **_years(found, meta), **sidecar}
    meta = {**meta, **_place(path, text, sidecar), **sidecar}
    sections = [s.as_dict() for s in found]
    parts: list[dict] = []
    if meta.get("plan_year"):
        sections = periods.label_sections(sections, int(meta["plan_year"]))
        parts = [p.as_dict() for p in periods.find_parts(text, sections, int(meta["plan_year"]))]
    if not any(s["kind"] for s in sections):
        print(f"warning: {path}: no review or plan section found; roles left empty", file=sys.stderr)
    digest = sha256(data)
    return {  # a report without a sidecar saying otherwise is its own original, a text file
        "report": {"report_id": path.stem, "source_path": path.as_posix(), "encoding": decoded.encoding,
                   "source_sha256": digest, "source_format": "txt", "source_url": "", "original_sha256": digest,
                   "chars": len(decoded.text), **meta},
        "sections": sections,
        "parts": parts,
        "mentions": [m.as_dict() for m in numbers.find_mentions(text)],
        "text": decoded.text,
    }


def _years(sections: list[outline.Section], meta: dict) -> dict:
    """Plan and review year. The plan year is the year the report was delivered
    (a report delivered in December is about the year after); without a date,
    the year its title names, else the outline's own headings (2024年工作回顾 →
    2025). The review year is the year before: a report reviews the year just
    ended, also when it reviews five years beside it."""
    given = meta.get("plan_year")
    plan = given if isinstance(given, int) else _delivered_year(meta) or _title_year(meta) or _outline_year(sections)
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


def _delivered_year(meta: dict) -> int | None:
    when = str(meta.get("delivered_on") or "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
        return None
    return int(when[:4]) + (when[5:7] == "12")


def _title_year(meta: dict) -> int | None:
    match = outline.YEAR.search(str(meta.get("title") or ""))
    return int(match.group(1)) if match else None


def _outline_year(sections: list[outline.Section]) -> int | None:
    """The year after the first reviewed year a heading names, else the first planned one."""
    review = [s.year for s in sections if s.level == 1 and s.kind == "review" and s.year]
    plan = [s.year for s in sections if s.level == 1 and s.kind == "plan" and s.year
            and outline.YEAR.search(s.title)]
    return review[0] + 1 if review else (plan[0] if plan else None)


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


def extract_to(out_dir: Path, job: tuple[Path, dict]) -> None:
    """Extract one report and write its interim file (runs in a worker process)."""
    path, sidecar = job
    record = extract_report(path, sidecar)
    write_text(out_dir / f"{path.stem}.json", json.dumps(record, ensure_ascii=False, sort_keys=True))


def run(raw_dir: Path, out_dir: Path) -> int:
    """Extract every report not extracted yet; returns how many were (re)extracted."""
    files = report_files(raw_dir)
    if not files:
        raise InputError(f"{raw_dir}: no reports found")
    sidecars = load_sidecars(raw_dir, [p.stem for p in files])
    code = fingerprint("extract")
    old = read_index(out_dir)
    wanted = {p.stem: (input_key(sha, sidecars[p.stem]), code) for p, sha in files.items()}
    index = {rid: key for rid, key in old.items() if wanted.get(rid) == key and (out_dir / f"{rid}.json").exists()}
    pending = [p for p in files if p.stem not in index]
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        for path, _ in zip(pending, ordered_map(partial(extract_to, out_dir),
                                                [(p, sidecars[p.stem]) for p in pending], "extract")):
            index[path.stem] = wanted[path.stem]
    finally:
        write_index(out_dir, index)
    for stale in out_dir.glob("*.json"):
        if stale.stem not in wanted:
            stale.unlink()
    return len(pending)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("raw"))
    parser.add_argument("--out", type=Path, default=Path("data/interim"))
    args = parser.parse_args(argv)
    try:
        done = run(args.raw, args.out)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"extract: {done} report(s) extracted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
