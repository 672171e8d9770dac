"""Stage ``chart``: ``data/headline.csv`` → ``docs/headline.png``.

One panel per report: each growth target of the plan year beside last year's
growth of the same concept, so a reader sees at a glance what each government
promised against what it achieved. Concepts are labelled with the codebook's
English names, so no CJK font is needed and the PNG is the same everywhere.

The PNG is byte-identical for the same data: fixed size and resolution, the
bundled DejaVu font, and no software or date metadata in the file.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import textwrap
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.run import console
from pipeline.run.atomic import write_bytes, write_text
from pipeline.run.cache import fingerprint, sha256
from pipeline.run.params import stage_params
from pipeline.meaning.headline import COMPARATOR_SIGNS
from pipeline.package.schema import iter_csv, read_csv

if TYPE_CHECKING:
    import matplotlib.pyplot as plt

COLUMNS = 2
PANEL_WIDTH_IN = 6.5
BAR_HEIGHT_IN = 0.3
PANEL_EXTRA_IN = 1.3
DPI = 100
COLOURS = {"result": "#9e9e9e", "target": "#1f77b4"}
LABEL_WIDTH = 24
LABEL_LINES = 3


def growth_panels(headline: Iterable[dict], max_reports: int) -> dict[str, list[dict]]:
    """report_id → its rows with a growth target, in table order, for the first
    ``max_reports`` reports that have one (a corpus of thousands would make a
    picture nobody can read and matplotlib minutes to draw).

    Rows come grouped by report, as normalize writes them, so reading stops at the
    first row of a report after the last one drawn."""
    panels: dict[str, list[dict]] = {}
    for row in headline:
        if len(panels) == max_reports and row["report_id"] not in panels:
            break
        if row["target_measure"] == "growth":
            panels.setdefault(row["report_id"], []).append(row)
    return panels


def render(headline: list[dict], names: dict[str, str], max_reports: int) -> bytes:
    """The chart as PNG bytes, panels two to a row; ``names`` maps a code to its English label."""
    panels = list(growth_panels(headline, max_reports).items())
    if not panels:
        raise ValueError("headline: no growth targets to chart")
    plt = _pyplot()
    ncols = min(COLUMNS, len(panels))
    rows_of_panels = [panels[i:i + ncols] for i in range(0, len(panels), ncols)]
    slots = [max(len(rows) for _, rows in line) for line in rows_of_panels]
    heights = [n * 2 * BAR_HEIGHT_IN + PANEL_EXTRA_IN for n in slots]
    fig, axes = plt.subplots(len(heights), ncols, figsize=(PANEL_WIDTH_IN * ncols, sum(heights)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for i, (report_id, rows) in enumerate(panels):
        draw_panel(axes.flat[i], report_id, rows, names, slots[i // ncols])
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _pyplot():
    """matplotlib's pyplot on the file-only Agg backend, imported only when drawing
    (the import costs more than the rest of the stage)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def draw_panel(ax: plt.Axes, report_id: str, rows: list[dict], names: dict[str, str], slots: int) -> None:
    """One report: a pair of horizontal bars per concept, first concept on top; ``slots``
    concepts fit the panel, so bars are as thick as in its neighbour."""
    years = {side: next((r[f"{side}_year"] for r in rows if r[f"{side}_year"]), "?") for side in COLOURS}
    for i, row in enumerate(rows):
        for offset, side in ((-0.2, "result"), (0.2, "target")):
            if row[f"{side}_measure"] == "growth":
                draw_bar(ax, i + offset, float(row[f"{side}_value"]), side, row[f"{side}_comparator"])
    labels = [textwrap.fill(names.get(r["code"], r["code"]), LABEL_WIDTH, max_lines=LABEL_LINES, placeholder=" …")
              for r in rows]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.set_ylim(slots - 0.5, -0.5)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.margins(x=0.15)
    ax.set_title(report_id, fontsize=9, loc="left", fontweight="bold")
    ax.set_xlabel("growth, percent", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=COLOURS[side], label=f"{years[side]} {side}") for side in COLOURS],
              loc="lower right", bbox_to_anchor=(1, 1), ncols=2, fontsize=7, frameon=False)


def draw_bar(ax: plt.Axes, y: float, value: float, side: str, comparator: str) -> None:
    """One bar, labelled with its value and comparator (≈4.5%)."""
    ax.barh(y, value, height=0.38, color=COLOURS[side])
    ax.annotate(f"{COMPARATOR_SIGNS.get(comparator, '')}{value:g}%", (value, y), xytext=(3 if value >= 0 else -3, 0),
                textcoords="offset points", va="center", ha="left" if value >= 0 else "right", fontsize=7)


STAMP = Path("data/cache/chart.key")  # what the committed PNG was drawn from (git-ignored)


def _drawn_key(panels: dict[str, list[dict]], names: dict[str, str], max_reports: int) -> str:
    """Everything the PNG shows: the drawn rows, their labels, the code and
    matplotlib's version. Drawing it again from these gives the same bytes, so
    the stage keeps the PNG when they are unchanged (adding a report that is not
    drawn, or ``dvc repro --force``; matplotlib takes seconds)."""
    shown = {"panels": panels, "names": {code: names.get(code, "") for rows in panels.values() for code in
                                         (row["code"] for row in rows)},
             "max_reports": max_reports, "code": fingerprint("chart"), "matplotlib": version("matplotlib")}
    return sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode())


def headline_rows(path: Path) -> Iterable[dict]:
    """The headline rows of a CSV file, or of every CSV under a folder (a partitioned
    resource: ``data/headline/<plan_year>/<province>.csv``) in path order, which is
    the order of the files in ``datapackage.json``."""
    files = sorted(path.rglob("*.csv"), key=lambda p: p.as_posix()) if path.is_dir() else [path]
    for file in files:
        yield from iter_csv(file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    params = stage_params("chart")  # max_reports: panels drawn at most; the rest are in data/headline/
    parser.add_argument("--headline", type=Path, default=Path(params["headline"]),
                        help="headline CSV, or the folder of its partitions")
    parser.add_argument("--codebook", type=Path, default=Path(params["codebook"]))
    parser.add_argument("--out", type=Path, default=Path(params["out"]))
    parser.add_argument("--max-reports", type=int, default=params["max_reports"], help="panels drawn at most")
    args = parser.parse_args(argv)
    try:
        panels = growth_panels(headline_rows(args.headline), args.max_reports)
        names = {row["code"]: row["name_en"] for row in read_csv(args.codebook)}
        key = _drawn_key(panels, names, args.max_reports)
        if args.out.exists() and STAMP.exists() and STAMP.read_text(encoding="utf-8") == key:
            print(f"chart: {args.out} is current", file=sys.stderr)
            return 0
        drawn = [row for rows in panels.values() for row in rows]
        write_bytes(args.out, render(drawn, names, args.max_reports))
        write_text(STAMP, key)
    except (OSError, ValueError, KeyError) as err:
        print(f"error: chart: {err}", file=sys.stderr)
        return 1
    print(f"chart: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    console.run(main, "chart")
