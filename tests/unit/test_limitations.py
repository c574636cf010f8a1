"""The brief's "Assumptions and limitations" (issue 16), for a scenario built to trigger
each line, and what each variant is said to change."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from policyscore.engine import explain as explaining
from policyscore.engine.brief import build_brief
from policyscore.engine.limitations import describe_variant, limitations
from policyscore.engine.provenance import documents
from policyscore.engine.ranking import rank
from policyscore.loading import load
from policyscore.model import Criterion, Scenario
from policyscore.render.sentences import limitation_sentences, variant_phrase
from policyscore.results.provenance import Overturned
from tests.conftest import scenario_data

TEXT = "First paragraph about costs.\n\nSecond paragraph: benefits are high and rising.\n"


@pytest.fixture
def loaded(tmp_path: Path) -> Any:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TEXT, encoding="utf-8")
    data = scenario_data(
        limitations=["Costs to third parties are left out.", "Only three options are scored."],
        references={
            "one": {"title": "One", "author": "A. Writer", "date": 2020, "file": "one.txt"},
            "two": {"title": "Two", "author": "B. Writer", "date": 2021, "file": "two.txt"},
        },
    )
    options = data["options"]
    options["alpha"]["description"] = "Do the first thing."
    # beta and gamma have no description
    options["beta"]["scores"] = {
        "cost": {"value": 8, "sources": ["one#p1"], "confidence": "low"},
        "benefit": {
            "value": 9,
            "sources": ["one#p2"],
            "quote": "benefits are high",
            "confidence": "high",
        },
        "speed": {
            "value": 5,
            "sources": ["two#p2"],
            "confidence": "low",
            "inference": "From the benefits of p2: speed follows them.",
        },
    }
    options["alpha"]["scores"]["cost"] = {
        "value": 2,
        "sources": ["one#p1"],
        "confidence": "low",
        "inference": "From the costs of p1: Alpha avoids most of them.",
    }
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load(path)


def _brief(loaded: Any, **kwargs: Any) -> Any:
    return build_brief(loaded.scenario, loaded.sources, samples=200, **kwargs)


def test_every_line_of_the_limitations(loaded: Any) -> None:
    brief = _brief(loaded)
    lim = brief.limitations
    assert lim.stated == ("Costs to third parties are left out.", "Only three options are scored.")
    assert (lim.scores, lim.low_confidence, lim.unsourced, lim.unquoted) == (9, 3, 5, 3)
    assert brief.ranking.top.name == "Alpha"
    assert lim.margin is not None
    assert (lim.margin.first, lim.margin.second, lim.margin.scores) == ("Alpha", "Beta", 6)
    assert (lim.margin.low_first, lim.margin.low_second, lim.margin.unquoted) == (1, 2, 5)
    assert [(d.id, d.scores) for d in lim.sources] == [("one", 3), ("two", 1)]
    assert lim.undescribed == ("Beta", "Gamma")
    stated, seen = limitation_sentences(brief)
    assert stated == list(lim.stated)
    text = "\n".join(seen)
    assert "preferential independence" in text
    assert (lim.inferences, lim.margin.inferred_first, lim.margin.inferred_second) == (2, 1, 1)
    assert (lim.margin.carrier, lim.margin.carrier_inferred, lim.margin.carrier_low) == (
        "Cost",
        1,
        2,
    )
    assert (
        "Of the 9 scores, 2 are the analyst's inferences rather than readings of a source; "
        "3 are marked low confidence, 5 cite no source and 3 quote no words of their source, "
        "so what they take from it is not checked against its text." in text
    )
    assert (
        "The lead of Alpha over Beta rests on their 6 scores; 2 are the analyst's inferences "
        "(1 for Beta, 1 for Alpha), 3 are marked low confidence (2 for Beta, 1 for Alpha) and "
        "5 quote no words of a source." in text
    )
    assert (
        "The lead rests most on Cost, where one of its two scores is the analyst's inference "
        "and both are marked low confidence." in text
    )
    assert (
        "The scores rest on 2 sources: Writer (2020) (3 scores) and Writer (2021) (1 score)."
        in text
    )
    assert "2 options have no description of what they consist of: Beta and Gamma." in text
    if "anchors" in Criterion.model_fields:  # the value model (issue 15) has landed
        assert lim.unanchored == ("Cost", "Benefit", "Speed")
        assert "No criterion's scale says what its worst and best ends look like" in text
    else:
        assert lim.unanchored is None
        assert "the scenario format has no anchors yet" in text
    # The score tipping points (issue 14): Alpha's low-confidence cost score (default range
    # 0 to 4) can reach the value at which Beta draws level.
    assert [(t.option, t.criterion, t.taken_by) for t in lim.tipping or ()][:1] == [
        ("Alpha", "Cost", "Beta")
    ]
    assert (
        "inside the stated ranges would take first place from Alpha: Alpha's score on Cost "
        "from 2 to 2.5 (Beta first)" in text
    )
    # Hooks with nothing behind them say nothing: no futures here, no analysts yet.
    assert lim.futures is None and lim.analysts is None
    assert "every future" not in text and "every analyst" not in text
    assert "Under 1 future" not in text


def test_one_source_carrying_everything_is_said(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    data = scenario_data(
        references={"one": {"title": "One", "author": "A. Writer", "file": "one.txt"}}
    )
    for option in data["options"].values():
        option["scores"] = {
            cid: {"value": value, "sources": ["one#p2"]} for cid, value in option["scores"].items()
        }
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, seen = limitation_sentences(_brief(load(path)))
    assert (
        "Every cited score rests on one source, Writer (n.d.): the analysis is as strong as that "
        "one text's argument and no stronger; no second source checks it." in seen
    )


def test_tipping_points_futures_and_analysts_when_they_exist(loaded: Any) -> None:
    """The hooks for the tipping points (issue 14), futures (17) and analysts (18)."""
    scenario = loaded.scenario
    ranking = rank(scenario)
    facts = explaining.evidence(scenario, loaded.sources)
    change = SimpleNamespace(
        kind="score", criterion="benefit", before=9.0, after=7.25, taken_by="gamma", option="beta"
    )
    weight = SimpleNamespace(
        kind="weight", criterion="cost", before=0.5, after=0.62, taken_by="alpha", option=None
    )
    sensitivity: Any = SimpleNamespace(tipping=SimpleNamespace(within=[change, weight]))
    lim = limitations(
        scenario,
        ranking,
        facts,
        documents(scenario, loaded.sources).values(),
        sensitivity,
        futures=(Overturned("Conditions stall", ("Gamma",)),),
        analysts=(),
    )
    brief = replace(_brief(loaded), limitations=lim)
    _, seen = limitation_sentences(brief)
    text = "\n".join(seen)
    assert (
        "2 changes inside the stated ranges would take first place from Alpha: Beta's score on "
        "Benefit from 9 to 7.25 (Gamma first) and the weight of Cost from 50.0% to 62.0% "
        "(Alpha first)." in text
    )
    assert "Under 1 future another option ranks first: “Conditions stall” (Gamma)." in text
    assert "Alpha ranks first under every analyst's own scores." in text
    none = replace(lim, tipping=())
    _, seen = limitation_sentences(replace(brief, limitations=none))
    assert "No single change of a score or a weight inside its stated range takes first" in (
        "\n".join(seen)
    )


# -- variants ---------------------------------------------------------------------------


def _scenario(**overrides: Any) -> Scenario:
    return Scenario.model_validate(scenario_data(**overrides))


def _options(**scores: float) -> dict[str, Any]:
    options = copy.deepcopy(scenario_data()["options"])
    for key, value in scores.items():
        oid, cid = key.split("__")
        options[oid]["scores"][cid] = value
    return options


@pytest.mark.parametrize(
    ("changes", "phrase", "lens"),
    [
        ({"weights": {"cost": 1, "benefit": 1, "speed": 1}}, "changes only the weights", True),
        ({"options": _options(alpha__cost=3)}, "changes 1 score", False),
        (
            {
                "options": _options(alpha__cost=3, beta__speed=4),
                "weights": {"cost": 2, "benefit": 3, "speed": 1},
            },
            "changes 2 scores and 1 weight",
            False,
        ),
        ({"title": "Same numbers"}, "changes neither the scores nor the weights", False),
        ({"method": "topsis"}, "changes the method", False),
    ],
)
def test_a_variant_is_described_by_what_it_changes(
    changes: dict[str, Any], phrase: str, lens: bool
) -> None:
    info = describe_variant("v", _scenario(), _scenario(**changes))
    assert variant_phrase(info).startswith(phrase)
    assert info.weights_only is lens


def test_writing_the_same_weights_in_another_scale_changes_nothing() -> None:
    info = describe_variant(
        "v", _scenario(), _scenario(weights={"cost": 4, "benefit": 2, "speed": 2})
    )
    assert (info.weights, info.changes_ranking_inputs) == (0, False)


def test_a_weights_only_variant_is_a_lens_and_is_not_counted_among_the_scenarios() -> None:
    base = _scenario()
    lens = _scenario(weights={"cost": 0, "benefit": 1, "speed": 0})
    future = _scenario(options=_options(beta__benefit=2))
    same = _scenario(title="Only the title")
    brief = build_brief(
        base, {}, samples=200, variants=[("lens", lens), ("future", future), ("same", same)]
    )
    assert [c.label for c in brief.lenses.columns][-1] == "lens"
    assert brief.variants is not None
    assert [c.label for c in brief.variants.columns] == ["this scenario", "future"]
    assert brief.variants.verdict.columns == 2
    assert [v.label for v in brief.variant_info] == ["lens", "future", "same"]
