"""SVG charts for the HTML brief, drawn with matplotlib.

Imported only by ``policyscore report`` (matplotlib takes a moment to load).
The output is deterministic: no backend window (a bare :class:`Figure` saved
as SVG), ``svg.hashsalt`` fixed so generated ids do not vary, no date or
creator in the metadata, text kept as text (``svg.fonttype: none``) and
never parsed as mathtext (a ``$`` in a name stays a dollar sign). Every id in
a chart is prefixed with the chart's key, so several charts can share one
HTML page.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
import warnings
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from policyscore.render import figures
from policyscore.render.text import printable
from policyscore.results import CriterionInfo, Ranking
from policyscore.results.analysis import Acceptability, Brief, Comparison, Stability
from policyscore.results.futures import FlipChart

PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
"""Okabe & Ito's colour-blind-safe palette (cycled with hatching beyond eight)."""

HATCHES = ("", "//", "..", "xx")

WIDTH = 5.6
"""Width of every chart, in inches (403 pt, 538 CSS px at its natural size)."""

FONT_SIZE = 10.5
"""Text size in points at the chart's natural width. A chart shrinks to fit a narrow
screen: at 368 CSS px (a 400 px phone less the page's margins) its text is still
10.5 x 368 / 403 = 9.6 px, at least the 9 px the brief promises (tests/cli/
test_report_browser.py measures it)."""

RC: dict[Any, Any] = {
    "svg.hashsalt": "policyscore",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.size": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

_XML_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
_ID = re.compile(r'\bid="([^"]+)"')


LEGEND_WRAP = 26
"""Characters per line of a label in a two-column legend: two columns of 26 characters
and their colour keys fit the chart's width (a longer line ran past the chart's edge and
was cut off: "Human rights and accountability (12%)")."""


def _label(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(printable(text), width)) or " "


def _svg(figure: Figure, key: str) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # A glyph missing from the layout font only affects spacing; the
        # browser draws the text with its own fonts (svg.fonttype none).
        warnings.simplefilter("ignore")
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _XML_PROLOGUE.sub("", buffer.getvalue())
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{key}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg.strip()


def contributions_chart(ranking: Ranking, key: str = "contributions", expand: bool = False) -> str:
    """Stacked horizontal bars: each option's score split into its contributions, by
    objective where the criteria are grouped (each criterion outside every objective on
    its own), by criterion otherwise or with ``expand``."""
    parts: list[tuple[str, float, tuple[str, ...]]] = (
        [(b.name, b.weight, b.criteria) for b in ranking.branches]
        if figures.rolled_up(ranking, expand)
        else [(c.name, c.weight, (c.id,)) for c in ranking.criteria]
    )
    with matplotlib.rc_context(RC):
        options = list(ranking.options)
        height = 1.6 + 0.5 * len(options) + 0.22 * len(parts)
        figure = Figure(figsize=(WIDTH, height))
        axes = figure.add_subplot()
        rows = range(len(options))
        left = [0.0] * len(options)
        for j, (name, weight, ids) in enumerate(parts):
            widths = [math.fsum(o.contributions[c] for c in ids) * 100 for o in options]
            axes.barh(
                rows,
                widths,
                left=left,
                color=PALETTE[j % len(PALETTE)],
                hatch=HATCHES[(j // len(PALETTE)) % len(HATCHES)],
                edgecolor="white",
                linewidth=0.6,
                label=_label(f"{name} ({weight * 100:.0f}%)", LEGEND_WRAP),
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for row, option in zip(rows, options, strict=True):
            axes.text(option.score * 100 + 1, row, f"{option.score * 100:.1f}", va="center")
        axes.set_yticks(list(rows), [_label(o.name) for o in options])
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("Points out of 100")
        figure.legend(loc="outside lower center", ncols=2, frameon=False)
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def comparison_chart(comparison: Comparison, key: str) -> str:
    """One line per option across the columns (lenses or scenarios): score in points."""
    with matplotlib.rc_context(RC):
        columns = [printable(c.label) for c in comparison.columns]
        figure = Figure(figsize=(WIDTH, 3.4 + 0.25 * len(comparison.rows)))
        axes = figure.add_subplot()
        xs = list(range(len(columns)))
        for i, row in enumerate(comparison.rows):
            points = [(x, cell.score * 100) for x, cell in zip(xs, row.cells, strict=True) if cell]
            axes.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                marker="o",
                color=PALETTE[i % len(PALETTE)],
                linestyle=("-", "--", ":", "-.")[(i // len(PALETTE)) % 4],
                label=_label(row.name, 40),
            )
        axes.set_xticks(xs, [_short(c) for c in columns], rotation=30, ha="right")
        axes.set_ylabel("Points out of 100")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_xlim(-0.3, max(len(columns) - 0.7, 0.3))
        figure.legend(loc="outside lower center", ncols=1, frameon=False)
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def stability_chart(stability: Stability, key: str = "stability") -> str:
    """Tornado-style: per criterion, the weight intervals that keep the top and the ranking."""
    with matplotlib.rc_context(RC):
        rows = sorted(stability.criteria, key=lambda r: (r.top_margin, r.criterion))
        figure = Figure(figsize=(WIDTH, 1.2 + 0.5 * len(rows)))
        axes = figure.add_subplot()
        ys = list(range(len(rows)))
        for y, row in zip(ys, rows, strict=True):
            axes.barh(y, 100, left=0, color="#eeeeee", height=0.6)
            axes.barh(
                y,
                (row.top_high - row.top_low) * 100,
                left=row.top_low * 100,
                color="#9ecae1",
                height=0.6,
            )
            axes.barh(
                y,
                (row.ranking_high - row.ranking_low) * 100,
                left=row.ranking_low * 100,
                color="#3182bd",
                height=0.6,
            )
            axes.plot([row.weight * 100], [y], marker="D", color="#000000", markersize=5)
        axes.set_yticks(ys, [_label(r.name) for r in rows])
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("Weight (%), the other weights keeping their ratios")
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def acceptability_chart(acceptability: Acceptability, key: str = "acceptability") -> str:
    """Heat map: options down, ranks across, the share of samples in each cell."""
    with matplotlib.rc_context(RC):
        options = list(acceptability.options)
        n = len(options)
        figure = Figure(figsize=(WIDTH, 1.3 + 0.55 * n))
        axes = figure.add_subplot()
        data = [[a * 100 for a in o.acceptability] for o in options]
        # Vector cells (pcolormesh), not an embedded raster image (imshow).
        edges_x = [r - 0.5 for r in range(n + 1)]
        edges_y = [i - 0.5 for i in range(n + 1)]
        axes.pcolormesh(
            edges_x,
            edges_y,
            data,
            cmap="Blues",
            vmin=0,
            vmax=100,
            edgecolors="white",
            linewidth=1,
        )
        axes.invert_yaxis()
        for i, row in enumerate(data):
            for r, value in enumerate(row):
                axes.text(
                    r,
                    i,
                    f"{value:.1f}",
                    ha="center",
                    va="center",
                    color="white" if value > 60 else "black",
                )
        axes.set_xticks(range(n), [f"Rank {r}" for r in range(1, n + 1)])
        axes.set_yticks(range(n), [_label(o.name) for o in options])
        axes.tick_params(length=0)
        for side in ("left", "bottom"):
            axes.spines[side].set_visible(False)
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def value_function_chart(criterion: CriterionInfo, key: str) -> str:
    """A small line chart of a criterion's value function: value (0-100) against score."""
    points = criterion.value_function or ()
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(4.0, 2.4))
        axes = figure.add_subplot()
        scores = [x for x, _ in points]
        axes.plot(
            scores,
            [v for _, v in points],
            color=PALETTE[0],
            marker="o",
            markersize=4,
            clip_on=False,  # the ends sit on the axes
        )
        low, high = criterion.scale
        axes.plot(
            [low, high],
            [0, 100] if criterion.direction != "cost" else [100, 0],
            color="#999999",
            linestyle=":",
            linewidth=1,
        )
        axes.set_xlim(low, high)
        axes.set_ylim(0, 100)
        axes.set_xlabel(_label(f"{criterion.name} (score)", 48))
        axes.set_ylabel("Value")
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def flip_chart(chart: FlipChart, key: str = "futures") -> str:
    """Expected score (×100) of each option against the chance of the pivotal future.

    Each option's expected score is a straight line in that chance, so each
    is drawn from its two ends; the stated chance is dashed, the flip dotted.
    """
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(WIDTH, 3.8 + 0.25 * len(chart.lines)))
        axes = figure.add_subplot()
        for i, line in enumerate(chart.lines):
            axes.plot(
                [0.0, chart.span],
                [line.start * 100, line.end * 100],
                color=PALETTE[i % len(PALETTE)],
                linestyle=("-", "--", ":", "-.")[(i // len(PALETTE)) % 4],
                label=_label(line.name, 40),
            )
        axes.axvline(chart.stated, color="#555555", linestyle="--", linewidth=0.8)
        if chart.flip is not None:
            axes.axvline(chart.flip, color="#000000", linestyle=":", linewidth=1.0)
        axes.set_xlim(0.0, chart.span)
        axes.set_xlabel(_label(f"Chance of “{chart.target.name}”", 50))
        axes.set_ylabel("Expected score (× 100)")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        figure.legend(loc="outside lower center", ncols=1, frameon=False)
        figure.set_layout_engine("constrained")
        return _svg(figure, key)


def _short(label: str, width: int = 24) -> str:
    """A column label on one line (the axis turns it), shortened past ``width``."""
    return label if len(label) <= width else label[: width - 1] + "…"


def charts(keys: Sequence[str], brief: Brief, expand: bool = False) -> dict[str, str]:
    """The SVG of each chart named in ``keys`` (see ``render.report.figure_keys``);
    ``expand`` splits the contributions by criterion where the criteria are grouped."""
    result = {}
    for key in keys:
        if key == "contributions":
            result[key] = contributions_chart(brief.ranking, key, expand)
        elif key == "stability" and brief.sensitivity is not None:
            result[key] = stability_chart(brief.sensitivity.stability, key)
        elif key == "acceptability" and brief.sensitivity is not None:
            result[key] = acceptability_chart(brief.sensitivity.acceptability, key)
        elif key == "lenses":
            result[key] = comparison_chart(brief.lenses, key)
        elif key == "variants" and brief.variants is not None:
            result[key] = comparison_chart(brief.variants, key)
        elif key.startswith("value-function-"):
            criterion = brief.ranking.criteria[int(key.removeprefix("value-function-")) - 1]
            result[key] = value_function_chart(criterion, key)
        elif key == "futures" and brief.futures is not None and brief.futures.chart is not None:
            result[key] = flip_chart(brief.futures.chart, key)
    return result
