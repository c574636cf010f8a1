"""CSV, JSON and Markdown writers for ``policyscore sensitivity``.

Same rules as :mod:`policyscore.render.export`: built in memory, numbers in
CSV and JSON as Python ``repr`` floats, every CSV cell made safe, user text
escaped in Markdown.
"""

from __future__ import annotations

from typing import Any

from policyscore.render.export import dumps, md, md_table, rows_to_csv
from policyscore.render.formats import Format
from policyscore.render.sentences import count, robustness_verdict, weight_sampling
from policyscore.render.tipping import tipping_csv, tipping_dict, tipping_markdown
from policyscore.results.analysis import Acceptability, SensitivityReport


def report_dict(report: SensitivityReport) -> dict[str, Any]:
    """The JSON shape of a sensitivity report."""
    stability = report.stability
    acc = report.acceptability
    return {
        "scenario": report.scenario,
        "method": acc.method,
        "normalization": report.normalization,
        "profile": report.profile,
        "weights": {c.id: c.weight for c in report.criteria},
        "verdict": robustness_verdict(report),
        "stability": {
            "top": stability.top,
            "exact": stability.exact,
            "tolerance": stability.tolerance,
            "criteria": [
                {
                    "criterion": row.criterion,
                    "weight": row.weight,
                    "top": {
                        "low": row.top_low,
                        "high": row.top_high,
                        "low_taken_by": row.top_low_by,
                        "high_taken_by": row.top_high_by,
                    },
                    "ranking": {
                        "low": row.ranking_low,
                        "high": row.ranking_high,
                        "low_changed_by": row.ranking_low_by,
                        "high_changed_by": row.ranking_high_by,
                    },
                }
                for row in stability.criteria
            ],
        },
        "smaa": {
            "samples": acc.samples,
            "seed": acc.seed,
            "weights": acc.weights,
            "concentration": acc.concentration,
            "score_uncertainty": acc.score_uncertainty,
            "uncertain_scores": acc.uncertain_scores,
            "meta_weights": list(acc.meta_weights),
            "options": [
                {
                    "id": o.id,
                    "name": o.name,
                    "rank": o.rank,
                    "acceptability": list(o.acceptability),
                    "standard_error": list(o.errors),
                    "holistic": o.holistic,
                    "central_weights": o.central_weights,
                    "confidence": o.confidence,
                }
                for o in acc.options
            ],
            **_groups(acc),
        },
        "higher_is_better": report.higher_is_better,
        **(tipping_dict(report.tipping) if report.tipping is not None else {}),
    }


def _groups(acc: Acceptability) -> dict[str, Any]:
    """``{"futures": [...]}`` when each sample drew a future; nothing otherwise."""
    if not acc.groups:
        return {}
    return {
        f"{acc.group_kind}s": [
            {
                "id": g.id,
                "name": g.name,
                "chance": g.weight,
                "samples": g.samples,
                "options": [
                    {
                        "id": o.id,
                        "rank": o.rank,
                        "acceptability": list(o.acceptability),
                        "standard_error": list(o.errors),
                        "holistic": o.holistic,
                    }
                    for o in g.options
                ],
            }
            for g in acc.groups
        ]
    }


def to_json(report: SensitivityReport) -> str:
    return dumps(report_dict(report))


def to_csv(report: SensitivityReport) -> str:
    """Blocks, an empty line between: acceptability per option, stability per criterion,
    then (from the tipping analysis) one row per score and the moves that change the answer."""
    acc = report.acceptability
    m = len(acc.options)
    header: list[Any] = ["id", "name", "rank"]
    header += [f"rank_{r}" for r in range(1, m + 1)]
    header += [f"rank_{r}_se" for r in range(1, m + 1)]
    header += ["holistic", "confidence"] + [f"central_{c}" for c in acc.criteria]
    rows = [
        [o.id, o.name, o.rank, *o.acceptability, *o.errors, o.holistic, o.confidence]
        + [None if o.central_weights is None else o.central_weights[c] for c in acc.criteria]
        for o in acc.options
    ]
    first = rows_to_csv(header, rows)
    directions = {c.id: c.direction for c in report.criteria}
    second = rows_to_csv(
        [
            "criterion",
            "direction",
            "weight",
            "top_low",
            "top_high",
            "top_low_taken_by",
            "top_high_taken_by",
            "ranking_low",
            "ranking_high",
            "ranking_low_changed_by",
            "ranking_high_changed_by",
        ],
        [
            [
                row.criterion,
                directions.get(row.criterion, ""),
                row.weight,
                row.top_low,
                row.top_high,
                row.top_low_by,
                row.top_high_by,
                row.ranking_low,
                row.ranking_high,
                row.ranking_low_by,
                row.ranking_high_by,
            ]
            for row in report.stability.criteria
        ],
    )
    blocks = [first, second]
    if acc.groups:
        blocks.append(
            rows_to_csv(
                [acc.group_kind or "group", "chance", "samples", "id", "rank"]
                + [f"rank_{r}" for r in range(1, m + 1)]
                + [f"rank_{r}_se" for r in range(1, m + 1)]
                + ["holistic"],
                [
                    [g.id, g.weight, g.samples, o.id, o.rank, *o.acceptability, *o.errors]
                    + [o.holistic]
                    for g in acc.groups
                    for o in g.options
                ],
            )
        )
    if report.tipping is not None:
        blocks.append(tipping_csv(report.tipping))
    return "\n".join(blocks)


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def to_markdown(report: SensitivityReport) -> str:
    """Heading, verdict, the stability table, the acceptability table, central weights."""
    stability = report.stability
    acc = report.acceptability
    names = stability.option_names
    crit_names = {
        c.id: c.name + (" (cost)" if c.direction == "cost" else "") for c in report.criteria
    }

    def by(value: str | None, edge: float) -> str:
        return "—" if value is None else f"{md(names.get(value, value))} at {_pct(edge)}"

    stab_rows = [
        [
            md(crit_names.get(row.criterion, row.name)),
            _pct(row.weight),
            f"{_pct(row.top_low)}–{_pct(row.top_high)}",
            f"{_pct(row.ranking_low)}–{_pct(row.ranking_high)}",
            by(row.top_low_by, row.top_low),
            by(row.top_high_by, row.top_high),
        ]
        for row in stability.criteria
    ]
    m = len(acc.options)
    acc_rows = [
        [str(o.rank), md(o.name)]
        + [f"{b * 100:.1f}" for b in o.acceptability]
        + [f"{o.holistic * 100:.1f}", "—" if o.confidence is None else _pct(o.confidence)]
        for o in acc.options
    ]
    cw_rows = [
        [md(o.name)] + [_pct(o.central_weights[c]) for c in acc.criteria]
        for o in acc.options
        if o.central_weights is not None
    ]
    profile = f"`{report.profile}`" if report.profile else "base weights"
    sampling = weight_sampling(acc, why_uniform=False)
    scores = (
        f"{count(acc.uncertain_scores, 'score')} drawn from their ranges (triangular)"
        if acc.score_uncertainty
        else "scores fixed"
    )
    parts = [
        f"## {md(report.scenario)}: sensitivity\n",
        f"**{md(robustness_verdict(report))}**\n",
        f"### Weight stability ({top_name(report)} first)\n",
        md_table(
            [
                "Criterion",
                "Weight",
                "Top stays first",
                "Ranking kept",
                "Below, taken by",
                "Above, taken by",
            ],
            "lrrrll",
            stab_rows,
        ),
        "One weight varied from 0% to 100%, the others keeping their ratios. "
        + (
            "Intervals exact (closed form)."
            if stability.exact
            else f"Break-points to ±{stability.tolerance:g}."
        ),
        "",
        "### Rank acceptability (SMAA-2, % of samples)\n",
        md_table(
            ["Rank", "Option"]
            + [f"Rank {r}" for r in range(1, m + 1)]
            + ["Holistic", "Central win rate"],
            "rl" + "r" * (m + 2),
            acc_rows,
        ),
        f"{count(acc.samples, 'sample')}, seed {acc.seed}; weights {sampling}; {scores}; "
        f"method {acc.method}{norm_words(report)}; profile: {profile}. An acceptability is the "
        "share of plausible weightings and scores under which an option takes a rank, not the "
        "probability that it is the right policy. Holistic acceptability uses centroid "
        "meta-weights; the central win rate is how often the option's central weights still "
        "rank it first when the scores are drawn (SMAA's confidence factor).\n",
        *_groups_markdown(acc),
        "### Central weights\n",
        md_table(
            ["Option"] + [md(crit_names.get(c, c)) for c in acc.criteria],
            "l" + "r" * len(acc.criteria),
            cw_rows,
        ),
    ]
    if report.tipping is not None:
        parts.append(tipping_markdown(report.tipping))
    return "\n".join(parts)


def _groups_markdown(acc: Acceptability) -> list[str]:
    """First place overall and in each drawn future (nothing when none was drawn)."""
    if not acc.groups:
        return []
    kind = acc.group_kind or "group"
    header = ["Option", "Overall"] + [
        f"{md(g.name)} ({g.weight:.2f}; {g.samples:,} samples)" for g in acc.groups
    ]
    rows = [
        [md(o.name), _pct(o.acceptability[0])]
        + [f"{_pct(g.option(o.id).acceptability[0])} (#{g.option(o.id).rank})" for g in acc.groups]
        for o in acc.options
    ]
    return [
        f"### First place in each {kind} (% of its samples)\n",
        md_table(header, "l" + "r" * (len(header) - 1), rows),
        f"Each sample drew one {kind} by its chance, then the weights and the scores from "
        f"that {kind}'s ranges; # is the rank at the stated weights in that {kind}.\n",
    ]


def norm_words(report: SensitivityReport) -> str:
    return f" ({report.normalization} normalisation)" if report.normalization else ""


def top_name(report: SensitivityReport) -> str:
    return md(report.stability.top_name)


def render(report: SensitivityReport, fmt: Format) -> str:
    """The report as text in a data format (not ``table``)."""
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](report)
