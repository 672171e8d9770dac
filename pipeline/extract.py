"""Stage ``extract``: each report in ``raw/`` → ``data/interim/<id>.json``.

Lossless and rule-light: decode, read the header and outline, find every
number with the words written around it. Nothing here decides roles or
canonical units (that is ``normalize``).

A report whose bytes and extraction code are unchanged is not extracted again:
its interim file records the content hash and a fingerprint of the code and
rules, so adding one report to a large corpus re-does only that report.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

from pipeline import numbers, outline
from pipeline.atomic import write_text
from pipeline.progress import progress
from pipeline.text import InputError, clean, decode

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SIDECAR_SUFFIXES = (".yaml", ".yml")
CODE_FILES = ("text.py", "numbers.py", "outline.py", "extract.py", "rules.py",
              "rules/units.csv", "rules/multipliers.csv", "rules/qualifiers.csv",
              "rules/chinese_measures.csv", "rules/sections.csv", "rules/region_levels.csv")
SIDECAR_FIELDS = ("title", "region", "region_level", "parent_region", "delivered_on", "speaker",
                  "speaker_title", "meeting", "review_year", "plan_year")


def code_fingerprint() -> str:
    """Hash of the code and rules that shape an interim file."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for name in CODE_FILES:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:16]


def report_files(raw_dir: Path) -> list[Path]:
    """The reports in ``raw_dir``: every file but sidecars and dotfiles, checked.

    Raises InputError on a name that is not a slug or two files with the same bytes.
    """
    files = sorted(p for p in raw_dir.iterdir()
                   if p.is_file() and not p.name.startswith(".") and p.suffix not in SIDECAR_SUFFIXES
                   and p.name != "reports.yaml")
    seen: dict[str, Path] = {}
    for path in files:
        if not SLUG.fullmatch(path.stem):
            raise InputError(f"{path}: file name '{path.stem}' is not a lowercase slug "
                             "(letters, digits and single hyphens, e.g. tianjin-jinghai-2025)")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            raise InputError(f"{path}: same content as {seen[digest]} (remove one of them)")
        seen[digest] = path
    return files


def load_sidecar(raw_dir: Path, report_id: str) -> dict:
    """Metadata from ``raw/<id>.yaml`` and ``raw/reports.yaml`` (the first wins)."""
    merged: dict = {}
    shared = raw_dir / "reports.yaml"
    for path, pick in ((raw_dir / f"{report_id}.yaml", None), (raw_dir / f"{report_id}.yml", None),
                       (shared, report_id)):
        if not path.exists():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            raise InputError(f"{path}: not valid YAML ({str(err).splitlines()[0]})") from None
        data = data.get(pick, {}) if pick else data
        if not isinstance(data, dict):
            raise InputError(f"{path}: expected a mapping of field: value")
        unknown = set(data) - set(SIDECAR_FIELDS)
        if unknown:
            raise InputError(f"{path}: unknown field(s) {sorted(unknown)}; allowed: {', '.join(SIDECAR_FIELDS)}")
        merged = {**{k: v for k, v in data.items() if v is not None}, **merged}
    return merged


def extract_report(path: Path, raw_dir: Path) -> dict:
    """The interim record of one report."""
    data = path.read_bytes()
    decoded = decode(data, str(path))
    text = clean(decoded.text)
    body = outline.body_start(text)
    sections = outline.find_sections(text, body)
    meta = outline.read_header(text)
    meta.update(_years(sections, meta))
    meta.update(load_sidecar(raw_dir, path.stem))
    meta = {k: str(v) if k == "delivered_on" else v for k, v in meta.items()}
    if not any(s.kind for s in sections):
        print(f"warning: {path}: no review or plan section found; roles left empty", file=sys.stderr)
    return {
        "fingerprint": code_fingerprint(),
        "report": {"report_id": path.stem, "source_path": path.as_posix(), "encoding": decoded.encoding,
                   "source_sha256": hashlib.sha256(data).hexdigest(), "chars": len(decoded.text), **meta},
        "sections": [s.as_dict() for s in sections],
        "mentions": [m.as_dict() for m in numbers.find_mentions(text)],
        "text": decoded.text,
    }


def _years(sections: list[outline.Section], meta: dict) -> dict:
    """Review and plan year from the outline (2024年工作回顾, 2025年工作安排)."""
    plan = [s.year for s in sections if s.kind == "plan" and s.year and outline.YEAR.search(s.title)]
    review = [s.year for s in sections if s.kind == "review" and s.year]
    years: dict = {}
    delivered = int(meta["delivered_on"][:4]) if meta.get("delivered_on") else None
    if plan or delivered:
        years["plan_year"] = plan[0] if plan else delivered
    if review or plan or delivered:
        years["review_year"] = review[0] if review else years["plan_year"] - 1
    return years


def is_current(out: Path, path: Path, fingerprint: str) -> bool:
    """Whether ``out`` was extracted from these bytes by this code."""
    if not out.exists():
        return False
    try:
        record = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (record.get("fingerprint") == fingerprint
            and record["report"]["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest())


def run(raw_dir: Path, out_dir: Path) -> int:
    """Extract every report; returns how many were (re)extracted."""
    files = report_files(raw_dir)
    if not files:
        raise InputError(f"{raw_dir}: no reports found")
    out_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = code_fingerprint()
    done = 0
    for path in progress(files, "extract"):
        out = out_dir / f"{path.stem}.json"
        if is_current(out, path, fingerprint):
            continue
        record = extract_report(path, raw_dir)
        write_text(out, json.dumps(record, ensure_ascii=False, sort_keys=True))
        done += 1
    wanted = {f"{p.stem}.json" for p in files}
    for stale in out_dir.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    return done


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
