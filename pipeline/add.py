"""``python -m pipeline add``: from a published report to a report in raw/.

Each source (a file or an http(s) address) is converted (``pipeline.read.convert``),
read as extract reads it (region, level, years), named, and checked against
the reports already there, all before anything is written: a source that
fails any of this leaves raw/, data/ and originals/ as they were. Then the
texts go into raw/ (with a sidecar recording the original's format, address
and hash), one ``dvc repro`` builds them, and only if it succeeds are the
originals stored in ``originals/``, a folder DVC tracks (``dvc add``): a PDF
can be megabytes, so it belongs in DVC's cache, not in git, and no stage
reads it, so ``dvc repro`` never needs an original or the network.
"""
from __future__ import annotations

import contextlib
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.meaning import divisions, places
from pipeline import extract
from pipeline.run.atomic import write_bytes, write_text
from pipeline.run.cache import sha256
from pipeline.read.convert import Converted, Source, convert, fetch
from pipeline.rules import lookup, table
from pipeline.package.schema import iter_resource, paths, resource
from pipeline.read.text import InputError

ORIGINALS = "originals"
URL = re.compile(r"https?://", re.IGNORECASE)
METADATA = ("region", "region_code", "region_level", "parent_region", "review_year", "plan_year")


@dataclass(frozen=True)
class Prepared:
    """A converted source, named and read, ready to be written into raw/."""

    converted: Converted
    report_id: str
    meta: dict  # what extract reads from the text: region, level, years …

    @property
    def sidecar(self) -> dict:
        """The provenance fields raw/<id>.yaml records ({} for a text file that is its own original)."""
        source = self.converted.source
        if self.converted.raw == source.data and not source.url:
            return {}
        return {"source_format": self.converted.format, "source_url": source.url,
                "original_sha256": sha256(source.data)}

    @property
    def original_name(self) -> str:
        """The original's file name in originals/ ('' when raw/ holds the original itself)."""
        return f"{self.report_id}.{self.converted.format}" if self.sidecar else ""


def read_source(arg: str, timeout: float) -> Source:
    """The bytes of a path or an http(s) address."""
    if URL.match(arg):
        return fetch(arg, timeout)
    path = Path(arg)
    if not path.is_file():
        raise InputError(f"{arg}: no such file")
    return Source(arg, path.read_bytes())


def read_meta(text: bytes, name: str) -> dict:
    """Region, level and years as the extract stage will read them from ``text``
    (warnings about the text are extract's to give at build time, so kept quiet here)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(text)
        with contextlib.redirect_stderr(io.StringIO()):
            record = extract.extract_report(path, {})
    report = record["report"]
    return {key: report.get(key) or "" for key in METADATA}


def romanised(name: str) -> str:
    """A region name as an id part: pinyin without its level suffix (河北省 → hebei,
    静海区 → jinghai), or the slug ``rules/id_names.csv`` gives (全国 → china)."""
    from pypinyin import lazy_pinyin  # loads its dictionaries: only when an id is suggested

    if name in lookup("id_names", "name"):
        return lookup("id_names", "name")[name]["slug"]
    for row in sorted(table("id_suffixes"), key=lambda r: -len(r["suffix"])):
        if name.endswith(row["suffix"]) and len(name) - len(row["suffix"]) >= 2:
            name = name[:-len(row["suffix"])]
            break
    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower())


def suggest_id(meta: dict, name: str) -> str:
    """``<province>-<city>-<county>-<plan year>`` in pinyin from the region and
    its parents in the division table (tianjin-jinghai-2025, hebei-2025,
    china-2022); from the names as written when the table does not know them."""
    if not meta["region"] or not meta["plan_year"]:
        missing = "region" if not meta["region"] else "plan year"
        raise InputError(f"{name}: the text does not say its {missing}; give the report's id with --id")
    division = divisions.get(meta["region_code"]) if meta["region_code"] else None
    if division is not None:
        chain = [division]
        while (up := divisions.parent(chain[0])) is not None and up.level != "national":
            chain.insert(0, up)
        names = [d.name for d in chain]
    else:
        names = places.name_part().findall(str(meta["parent_region"])) + [meta["region"]]
    parts = [romanised(n) for n in names]
    return "-".join([p for p in parts if p] + [str(meta["plan_year"])])


def prepare(arg: str, root: Path, report_id: str | None, timeout: float) -> Prepared:
    """Convert, read and name one source; InputError (one line) if it cannot go in."""
    converted = convert(read_source(arg, timeout))
    meta = read_meta(converted.raw, arg)
    report_id = report_id or suggest_id(meta, arg)
    if not extract.SLUG.fullmatch(report_id):
        raise InputError(f"{arg}: report id '{report_id}' is not a lowercase slug (e.g. hebei-baoding-2024)")
    return Prepared(converted, report_id, meta)


def check_ids(prepared: list[tuple[str, Prepared]], root: Path) -> list[str]:
    """One line per source whose id a file in raw/ or an earlier source of the command has."""
    problems, seen = [], set()
    for arg, item in prepared:
        taken = sorted(p.name for p in (root / "raw").glob(f"{item.report_id}.*"))
        if taken or item.report_id in seen:
            where = f"raw/{taken[0]} already exists" if taken else f"report id {item.report_id} is given twice"
            problems.append(f"{arg}: {where} (remove it to replace the report, or give another id with --id)")
        seen.add(item.report_id)
    return problems


def same_report(meta: dict, other: dict) -> bool:
    """The same region (by code, else by name and parent) and the same plan year."""
    if not meta["plan_year"] or str(meta["plan_year"]) != str(other.get("plan_year") or ""):
        return False
    if meta["region_code"] or other.get("region_code"):
        return meta["region_code"] == other.get("region_code")
    return bool(meta["region"]) and (meta["region"], meta["parent_region"]) == (
        other.get("region"), other.get("parent_region") or "")


def _rows(root: Path, name: str) -> list[dict]:
    """A resource's rows in the package published under ``root`` (none before the first build)."""
    package = root / "datapackage.json"
    if not package.exists():
        return []
    res = resource(name, package)
    return list(iter_resource(root, res)) if all((root / p).exists() for p in paths(res)) else []


def check_duplicates(prepared: list[tuple[str, Prepared]], root: Path) -> list[str]:
    """One line per source whose region and plan year a report in raw/ (or an
    earlier source of the same command) already has."""
    known = [(row["source_path"], row) for row in _rows(root, "reports")]
    known = [(path, row) for path, row in known if (root / path).exists()]
    problems = []
    for arg, item in prepared:
        twin = next((path for path, row in known if same_report(item.meta, row)), None)
        if twin:
            problems.append(f"{arg}: {item.meta['region']} {item.meta['plan_year']} is already in {twin} "
                            "(same region and plan year; --allow-duplicate adds it anyway)")
        known.append((f"raw/{item.report_id}.txt", item.meta))
    return problems


def write_raw(root: Path, item: Prepared) -> list[Path]:
    """Write raw/<id>.txt and, for a converted original, its sidecar; the files written."""
    text_path = root / "raw" / f"{item.report_id}.txt"
    write_bytes(text_path, item.converted.raw)
    if not item.sidecar:
        return [text_path]
    sidecar_path = root / "raw" / f"{item.report_id}.yaml"
    write_text(sidecar_path, "# written by `python -m pipeline add`: where this report's text came from\n"
               + yaml.safe_dump(item.sidecar, allow_unicode=True, sort_keys=False))
    return [text_path, sidecar_path]


def store_originals(root: Path, items: list[Prepared]) -> list[Path]:
    """Copy each converted original into originals/; the files written (track them with ``dvc add``)."""
    written = []
    for item in items:
        if item.original_name:
            path = root / ORIGINALS / item.original_name
            write_bytes(path, item.converted.source.data)
            written.append(path)
    return written


def summary(root: Path, item: Prepared) -> list[str]:
    """A few lines on an added report: id, place, years, how many targets and
    indicators, its headline concepts and quality flags."""
    def rows(name: str) -> list[dict]:
        return [r for r in _rows(root, name) if r["report_id"] == item.report_id]

    report = rows("reports")[0]
    headline = [r["code"] for r in rows("headline")]
    flags = [f"{r['flag']} ({r['detail']})" if r.get("detail") else r["flag"] for r in rows("quality")]
    source = item.converted.source
    origin = f"{source.name} ({item.converted.format})"
    return [f"added {item.report_id} from {origin}: {report['region'] or '(region unknown)'}"
            f" ({report['region_level'] or 'level unknown'}{', ' + report['region_code'] if report['region_code'] else ''}),"
            f" review {report['review_year'] or '-'}, plan {report['plan_year'] or '-'}",
            f"  {len(rows('targets'))} targets, {len(rows('indicators'))} indicators;"
            f" headline: {', '.join(headline) or 'none'}",
            f"  quality: {'; '.join(flags) or 'no flags'}"]
