"""Stage ``scorecard_chart``: ``data/scorecard.csv`` → ``docs/scorecard.png``.

For each region with at least two paired years, the target and the result per
year of its most often paired concepts (GDP growth first): a picture of
promise against result a reader can put in a paper. A target is a hollow
marker (a range a bar), the result a filled one coloured by its verdict.
Regions are named by the report ids' place part and their code, concepts by
the codebook's English names, so no CJK font is needed; the PNG is the same
everywhere (fixed size, the bundled DejaVu font, no metadata).

A package without such a region still gets a PNG, saying so.
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import textwrap
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.run import console
from pipeline.run.atomic import write_bytes
from pipeline.run.params import stage_params
from pipeline.chart import _pyplot
from pipeline.meaning.headline import COMPARATOR_SIGNS
from pipeline.package.schema import read_csv

MAX_REGIONS = 6
MAX_CONCEPTS = 4
FIRST_CONCEPTS = ("gdp",)  # drawn first when a region has them: the headline concept of every report
RATES = ("growth", "share", "change_pp")  # in percent or points: comparable on one axis across regions
PANEL_IN = (3.2, 2.6)
TITLE_WIDTH = 48
DPI = 100
VERDICT_COLOURS = {"met": "#2e7d32", "missed": "#c62828", "unclear": "#9e9e9e"}
TARGET_COLOUR = "#1f77b4"


def regions(rows: list[dict], max_regions: int = MAX_REGIONS) -> dict[str, dict[tuple[str, str], list[dict]]]:
    """region_code → (code, measure) → rows by year, for regions with two or more
    paired years of rates (growth, shares), their concepts with the most years
    first (GDP growth ahead); levels and counts are in the table."""
    by_region: dict[str, dict[tuple[str, str], list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row["measure"] in RATES:
            by_region[row["region_code"]][(row["code"], row["measure"])].append(row)
    out = {}
    for region, concepts in sorted(by_region.items()):
        if len({row["year"] for series in concepts.values() for row in series}) < 2:
            continue
        ranked = sorted(concepts.items(), key=lambda item: (item[0][0] not in FIRST_CONCEPTS, -len(item[1]), item[0]))
        out[region] = {key: sorted(series, key=lambda r: int(r["year"])) for key, series in ranked[:MAX_CONCEPTS]}
        if len(out) == max_regions:
            break
    return out


def region_label(series: dict[tuple[str, str], list[dict]], code: str) -> str:
    """henan-zhumadian (411700): the report ids' place part, which is ASCII."""
    ids = Counter(re.sub(r"-\d{4}$", "", row["result_report_id"]) for rows in series.values() for row in rows)
    return f"{ids.most_common(1)[0][0]} ({code})"


def render(rows: list[dict], names: dict[str, str]) -> bytes:
    """The chart as PNG bytes: a row of panels per region, one panel per concept."""
    plt = _pyplot()
    drawn = regions(rows)
    if not drawn:
        fig, ax = plt.subplots(figsize=(6, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "No region has two paired years yet:\nadd consecutive reports of one region.",
                ha="center", va="center", fontsize=10)
        return _png(plt, fig)
    fig, axes = plt.subplots(len(drawn), MAX_CONCEPTS, squeeze=False,
                             figsize=(PANEL_IN[0] * MAX_CONCEPTS, PANEL_IN[1] * len(drawn)))
    for line, (code, series) in zip(axes, drawn.items()):
        for ax, (key, years) in zip(line, series.items()):
            draw_panel(ax, years, textwrap.fill(f"{names.get(key[0], key[0])}, {key[1]}", TITLE_WIDTH))
        for ax in line[len(series):]:
            ax.axis("off")
        line[0].annotate(region_label(series, code), (0, 1.22), xycoords="axes fraction", fontsize=10,
                         fontweight="bold")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return _png(plt, fig)


def draw_panel(ax, years: list[dict], title: str) -> None:
    """One concept of one region: per year, the target (hollow, a bar for a range) and the result."""
    for row in years:
        year, target = int(row["year"]), float(row["target_value"])
        if row["target_upper_value"]:
            ax.vlines(year - 0.08, target, float(row["target_upper_value"]), color=TARGET_COLOUR, linewidth=3)
        ax.plot(year - 0.08, target, marker="o", markerfacecolor="none", color=TARGET_COLOUR, markersize=6)
        ax.annotate(f"{COMPARATOR_SIGNS.get(row['target_comparator'], '')}{target:g}", (year - 0.08, target),
                    xytext=(-4, 0), textcoords="offset points", ha="right", va="center", fontsize=6,
                    color=TARGET_COLOUR)
        ax.plot(year + 0.08, float(row["result_value"]), marker="o", color=VERDICT_COLOURS[row["verdict"]],
                markersize=6)
    ax.set_xticks(sorted({int(r["year"]) for r in years}))
    ax.set_xlim(min(int(r["year"]) for r in years) - 0.6, max(int(r["year"]) for r in years) + 0.6)
    ax.margins(y=0.25)
    ax.set_title(title, fontsize=7, loc="left")
    ax.set_ylabel(years[0]["target_unit"], fontsize=7)
    ax.tick_params(labelsize=6)
    ax.spines[["top", "right"]].set_visible(False)


def _png(plt, fig) -> bytes:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", markerfacecolor="none", color=TARGET_COLOUR, linestyle="", label="target")]
    handles += [Line2D([], [], marker="o", color=c, linestyle="", label=f"result: {v}")
                for v, c in VERDICT_COLOURS.items()]
    fig.legend(handles=handles, loc="lower center", ncols=4, fontsize=7, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches=None)
    plt.close(fig)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    params = stage_params("scorecard_chart")
    parser.add_argument("--scorecard", type=Path, default=Path(params["scorecard"]))
    parser.add_argument("--codebook", type=Path, default=Path(params["codebook"]))
    parser.add_argument("--out", type=Path, default=Path(params["out"]))
    args = parser.parse_args(argv)
    try:
        names = {row["code"]: row["name_en"] for row in read_csv(args.codebook)}
        write_bytes(args.out, render(read_csv(args.scorecard), names))
    except (OSError, ValueError, KeyError) as err:
        print(f"error: scorecard chart: {err}", file=sys.stderr)
        return 1
    print(f"scorecard chart: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    console.run(main, "scorecard_chart")
