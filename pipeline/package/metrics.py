"""``metrics.json``: numbers worth watching from one build to the next (rows per
resource, figures per role, codebook coverage and quality flags per report,
the scorecard per region, the number of problems), for ``dvc metrics show``.

Each report's share is computed when its rows are checked and kept in the
validate cache with its verdict, so an unchanged report costs nothing here.
"""
from __future__ import annotations

from collections import Counter

from pipeline.package.spans import ALL, Table


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
