"""A score marked the analyst's inference (``inference:``, issue 16): read, checked, carried
through a variant, shown labelled beside the rationale in every view, and counted in the
brief's limitations."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from rich.console import Console

from policyscore.engine import explain as explaining
from policyscore.engine.brief import build_brief
from policyscore.engine.inputs import score_matrix
from policyscore.engine.ranking import rank
from policyscore.errors import ScenarioError
from policyscore.loading import load
from policyscore.manifest import build_manifest
from policyscore.render import xlsx
from policyscore.render.explanation import evidence_view
from policyscore.render.report import document, to_html, to_markdown
from policyscore.render.sentences import limitation_sentences
from policyscore.results.provenance import MarginBasis
from tests.conftest import SHIPPED, scenario_data

PAPER = "Title\n\nCosts are rising fast.\n\nBenefits are high and rising.\n"
INFERENCE = "From p2's rising costs: Beta, the larger scheme, bears more of them."


def _write(tmp_path: Path, beta_cost: dict[str, Any], name: str = "scenario.yaml") -> Path:
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    data = scenario_data(
        references={
            "paper": {"title": "Paper", "author": "A. Writer", "date": 2021, "file": "paper.txt"}
        }
    )
    data["options"]["beta"]["scores"]["cost"] = beta_cost
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _inferred(tmp_path: Path) -> Any:
    return load(
        _write(
            tmp_path,
            {
                "value": 8,
                "rationale": "Costs rise (p2); Beta is the larger scheme.",
                "inference": INFERENCE,
                "sources": ["paper#p2"],
                "quote": "Costs are rising",
                "confidence": "low",
            },
        )
    )


def test_an_inference_is_read_and_carried_into_the_evidence(tmp_path: Path) -> None:
    loaded = _inferred(tmp_path)
    assert loaded.scenario.options["beta"].scores["cost"].inference == INFERENCE
    facts = explaining.evidence(loaded.scenario, loaded.sources)
    assert facts[("beta", "cost")].inference == INFERENCE
    assert facts[("alpha", "cost")].inference is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            True,
            "inference must be a sentence saying what the score is inferred from, not the boolean true",
        ),
        (None, "inference is empty"),
        ("   ", "inference is empty"),
        (
            ["a", "b"],
            "inference must be a sentence saying what the score is inferred from, not a list",
        ),
    ],
)
def test_an_inference_that_says_nothing_is_an_error(
    tmp_path: Path, value: Any, message: str
) -> None:
    path = _write(tmp_path, {"value": 8, "inference": value})
    with pytest.raises(ScenarioError) as caught:
        load(path)
    text = str(caught.value)
    assert message in text
    line = next(
        n for n, t in enumerate(path.read_text("utf-8").splitlines(), 1) if "inference" in t
    )
    # at the value: on the key's line, or for a block list on its first item's
    assert f"scenario.yaml:{line + isinstance(value, list)}:" in text


def test_a_variant_that_rewrites_the_rationale_says_afresh_whether_it_infers(
    tmp_path: Path,
) -> None:
    _inferred(tmp_path)
    rewritten = tmp_path / "rewritten.yaml"
    rewritten.write_text(
        "extends: scenario.yaml\noptions:\n  beta:\n    scores:\n      cost:\n"
        "        value: 7\n        rationale: The paper says costs rise (p2).\n"
        "        sources: ['paper#p2']\n",
        "utf-8",
    )
    assert load(rewritten).scenario.options["beta"].scores["cost"].inference is None
    kept = tmp_path / "kept.yaml"
    kept.write_text(
        "extends: scenario.yaml\noptions:\n  beta:\n    scores:\n      cost:\n"
        "        confidence: medium\n",
        "utf-8",
    )
    assert load(kept).scenario.options["beta"].scores["cost"].inference == INFERENCE
    restated = tmp_path / "restated.yaml"
    restated.write_text(
        "extends: scenario.yaml\noptions:\n  beta:\n    scores:\n      cost:\n"
        "        value: 7\n        rationale: Less than before.\n"
        "        inference: From p2, read again.\n        sources: ['paper#p2']\n",
        "utf-8",
    )
    assert load(restated).scenario.options["beta"].scores["cost"].inference == (
        "From p2, read again."
    )


def test_a_future_score_may_be_an_inference(tmp_path: Path) -> None:
    path = _write(tmp_path, {"value": 8})
    data = yaml.safe_load(path.read_text("utf-8"))
    data["futures"] = {
        "dear": {
            "name": "Costs soar",
            "scores": {"beta": {"cost": {"value": 9, "rationale": "r", "inference": "From p2."}}},
        }
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    (future,) = load(path).scenario.futures.values()
    assert future.scores["beta"]["cost"].inference == "From p2."


def test_explain_shows_the_inference_labelled_beside_the_rationale(tmp_path: Path) -> None:
    loaded = _inferred(tmp_path)
    facts = explaining.evidence(loaded.scenario, loaded.sources)
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(evidence_view(facts[("beta", "cost")]))
    lines = [line.strip() for line in console.file.getvalue().splitlines()]  # type: ignore[attr-defined]
    at = lines.index("Costs rise (p2); Beta is the larger scheme.")
    assert lines[at + 1] == f"Analyst's inference: {INFERENCE}"
    assert lines[at + 2] == "source: Writer (2021), para. 2"
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(evidence_view(facts[("alpha", "cost")]))
    assert "inference" not in console.file.getvalue()  # type: ignore[attr-defined]


def _blocks(loaded: Any) -> Any:
    brief = build_brief(loaded.scenario, loaded.sources, samples=100)
    manifest = build_manifest("report", [], method="wsm", normalization="scale")
    return brief, document(brief, manifest)


def test_the_brief_shows_the_inference_labelled_and_counts_it(tmp_path: Path) -> None:
    brief, blocks = _blocks(_inferred(tmp_path))
    markdown = to_markdown(blocks)
    assert (
        "  Costs rise (p2); Beta is the larger scheme.  \n"
        f"  *Analyst's inference:* {INFERENCE}\n  - Source: Writer (2021), para. 2" in markdown
    )
    html = to_html(blocks, {})
    assert (
        '<p class="inference"><strong>Analyst&#x27;s inference:</strong> '
        "From p2&#x27;s rising costs" in html
    )
    assert html.count("Analyst&#x27;s inference:") == 1
    assert brief.limitations.inferences == 1
    assert "Of the 9 scores, 1 is the analyst's inference rather than a reading of a source; " in (
        markdown
    )


@pytest.mark.parametrize(
    ("inferred", "low", "said"),
    [
        (2, 2, "both scores are the analyst's inferences and both are marked low confidence"),
        (2, 0, "both scores are the analyst's inferences"),
        (1, 1, "one of its two scores is the analyst's inference and one is marked low confidence"),
        (0, 1, "one of its two scores is marked low confidence"),
        (0, 2, "both scores are marked low confidence"),
        (0, 0, "neither score is marked the analyst's inference or low confidence"),
    ],
)
def test_what_the_criterion_that_carries_the_lead_rests_on(
    tmp_path: Path, inferred: int, low: int, said: str
) -> None:
    brief, _ = _blocks(_inferred(tmp_path))
    margin = brief.limitations.margin
    assert isinstance(margin, MarginBasis) and margin.carrier is not None
    shown = replace(margin, carrier="Cost", carrier_inferred=inferred, carrier_low=low)
    lim = replace(brief.limitations, margin=shown)
    _, seen = limitation_sentences(replace(brief, limitations=lim))
    assert f"The lead rests most on Cost, where {said}." in seen


def test_without_inferences_or_confidence_the_carrier_is_not_said(tmp_path: Path) -> None:
    brief, _ = _blocks(load(_write(tmp_path, {"value": 8})))
    assert brief.limitations.inferences == 0 and brief.limitations.low_confidence == 0
    _, seen = limitation_sentences(brief)
    assert not any(s.startswith("The lead rests most on") for s in seen)
    assert not any("inference" in s for s in seen)


def test_the_spreadsheet_has_the_inference_and_readable_sources(tmp_path: Path) -> None:
    loaded = _inferred(tmp_path)
    data = xlsx.ranking_workbook(
        rank(loaded.scenario), score_matrix(loaded.scenario, loaded.sources)
    )
    book = load_workbook(io.BytesIO(data))
    rows = list(book["Evidence"].iter_rows(values_only=True))
    head = list(rows[0])
    beta = next(dict(zip(head, r, strict=True)) for r in rows[1:] if r[:2] == ("beta", "cost"))
    assert beta["analyst's inference"] == INFERENCE
    assert beta["sources"] == "Writer (2021), para. 2"
    assert beta["sources as written"] == "paper#p2"
    assert beta["quotes"] == "“Costs are rising”"
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert sources[1][:4] == ("Writer (2021)", "A. Writer", "2021", "Paper")
    assert sources[1][-2:] == (1, "paper")


def test_every_shipped_score_whose_rationale_calls_it_an_inference_is_marked() -> None:
    """The worked example marks with inference: every score whose rationale says it is the
    analyst's inference, in the options and in the futures (a variant that rewrites a
    rationale answers for itself)."""
    unmarked = []
    for path in sorted(SHIPPED.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        scores = [
            ((path.name, oid, cid), score)
            for oid, option in (data.get("options") or {}).items()
            for cid, score in (option.get("scores") or {}).items()
        ] + [
            ((path.name, fid, oid, cid), score)
            for fid, future in (data.get("futures") or {}).items()
            for oid, row in (future.get("scores") or {}).items()
            for cid, score in row.items()
        ]
        for where, score in scores:
            if not isinstance(score, dict):
                continue
            said = str(score.get("rationale", "")).lower()
            if ("analyst's inference" in said or "analyst infers" in said) and not score.get(
                "inference"
            ):
                unmarked.append(where)
    assert not unmarked
    base = load(SHIPPED / "base.yaml").scenario
    marked = sum(1 for o in base.options.values() for s in o.scores.values() if s.inference)
    assert marked >= 19


def test_a_panel_analyst_s_inference_is_shown_beside_their_value(tmp_path: Path) -> None:
    from policyscore.render.explanation import analyst_lines

    data = scenario_data()
    data["panel"] = {
        "analysts": {
            "ana": {
                "name": "Ana",
                "scores": {
                    "alpha": {"cost": {"value": 3, "rationale": "Cheap.", "inference": "From p1."}}
                },
            },
            "ben": {"name": "Ben", "scores": {"alpha": {"cost": 4}}},
        }
    }
    path = tmp_path / "panel.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    loaded = load(path)
    facts = explaining.evidence(loaded.scenario, loaded.sources, loaded.scenario)
    ana, ben = facts[("alpha", "cost")].analysts
    assert (ana.inference, ben.inference) == ("From p1.", None)
    console = Console(width=200, file=io.StringIO(), color_system=None)
    for line in analyst_lines(facts[("alpha", "cost")]):
        console.print(line)
    shown = [line.strip() for line in console.file.getvalue().splitlines()]  # type: ignore[attr-defined]
    assert "Ana: 3 — Cheap. — Analyst's inference: From p1." in shown
    assert "Ben: 4" in shown
