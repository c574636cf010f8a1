"""The loader's entry points: a scenario or criteria file -> validated models.

:func:`load` reads a scenario (and what it ``extends:``), resolves its
``criteria:`` file, validates the models, checks the cross-references
(:mod:`policyscore.checks`), reads ``options: {from_csv: ...}`` or resolves
the local ``file#pN`` sources, and raises a
:class:`~policyscore.errors.ScenarioError` naming ``file:line:col`` for
anything wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policyscore.checks import Finding, advise_criteria, check_criteria, check_scenario
from policyscore.errors import Location, Problem, ScenarioError
from policyscore.loading.extends import (
    _Criteria,
    _CsvOptions,
    _Document,
    _read_scenario_document,
)
from policyscore.loading.files import (
    MAX_CSV_BYTES,
    Confinement,
    _check_named_file,
    display_path,
    read_text,
    resolve_path,
)
from policyscore.loading.reader import Positions, _nearest, read_yaml
from policyscore.loading.sources import _resolve_sources
from policyscore.loading.validation import _finding_location, _validate
from policyscore.model import CriteriaSet, Criterion, OptionTable, Scenario
from policyscore.overlays import Overlay, apply, check_futures, check_panel
from policyscore.results import Source


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario and what the loader learned reading it."""

    scenario: Scenario
    path: Path
    inputs: tuple[Path, ...]
    """Every file read: the scenario, files it extends, the criteria file, cited text files."""
    sources: Mapping[tuple[str, str], tuple[Source, ...]] = field(default_factory=dict)
    """Sources of each score by (option id, criterion id), local paragraphs resolved."""
    positions: Positions = field(default_factory=dict, repr=False)
    future_sources: Mapping[str, Mapping[tuple[str, str], tuple[Source, ...]]] = field(
        default_factory=dict
    )
    """Per future id, the sources of its overrides by (option id, criterion id)."""
    warnings: tuple[Problem, ...] = ()
    """What loads but a reviewer would query in the criteria (criteria without anchored
    ends, value functions short of 0-100), at ``file:line:col``; ``validate`` shows them
    with :func:`range_warnings`."""

    def location(self, *path: str | int) -> Location | None:
        """Where ``path`` (e.g. ``"weights", "counterterrorism"``) was written."""
        mark = _nearest(self.positions, path)
        return mark.value if mark else None

    def through(self, overlay: Overlay) -> LoadedScenario:
        """The scenario as ``overlay`` (a future) sees it, with the sources of its scores.

        A score the overlay changes cites the overlay's sources; one whose value
        it keeps without restating its sources keeps the base's (as
        :func:`policyscore.overlays.merged` keeps its evidence).
        """
        own = self.future_sources.get(overlay.id, {}) if overlay.kind == "future" else {}
        sources = dict(self.sources)
        for oid, scores in overlay.scores.items():
            for cid, score in scores.items():
                base = self.scenario.options[oid].scores[cid]
                if score.value != base.value or "sources" in score.model_fields_set:
                    if (oid, cid) in own:
                        sources[(oid, cid)] = own[(oid, cid)]
                    else:  # not resolved (options from CSV): the texts as written
                        sources.pop((oid, cid), None)
        return replace(self, scenario=apply(self.scenario, overlay), sources=sources)


def _read_csv_options(
    ref: _CsvOptions, criteria: Mapping[str, Criterion], confinement: Confinement
) -> OptionTable:
    from policyscore.options_csv import parse_options_csv

    confinement.check("from_csv", ref.path, ref.mark.value)
    _check_named_file(ref.path, ref.mark.value, "from_csv", "the CSV file", "CSV file")
    text = read_text(ref.path, what="CSV file", limit=MAX_CSV_BYTES)
    return parse_options_csv(text, display_path(ref.path), criteria)


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """Load and validate a criteria file."""
    return _read_criteria(resolve_path(path))[0]


def _read_criteria(file: Path) -> tuple[CriteriaSet, tuple[Problem, ...]]:
    """A criteria file, validated and checked, and the warnings about it."""
    data, positions = read_yaml(file)
    result: CriteriaSet = _validate(CriteriaSet, data, positions)
    _raise_findings(check_criteria(result), positions)
    return result, _problems(advise_criteria(result), positions)


def _problems(findings: list[Finding], positions: Positions) -> tuple[Problem, ...]:
    return tuple(
        Problem(f.message, _finding_location(positions, f.path, f.at_key), f.hint) for f in findings
    )


def _raise_findings(findings: list[Finding], positions: Positions) -> None:
    if findings:
        raise ScenarioError.from_problems(_problems(findings, positions))


def load(
    path: str | os.PathLike[str], *, allow: Iterable[str | os.PathLike[str]] = ()
) -> LoadedScenario:
    """Load, merge, validate and cross-check a scenario file.

    Every file the scenario names (``extends:``, ``criteria:``, ``from_csv:``,
    ``sources:``) must lie inside its project
    (:func:`~policyscore.loading.files.project_root`) or inside a folder of
    ``allow``. Raises :class:`ScenarioError` naming ``file:line:col`` for
    anything wrong.
    """
    file = resolve_path(path)
    confinement = Confinement.around(file, allow)
    document = _read_scenario_document(file, (), confinement)
    _is_a_scenario(file, document.data)
    if len(document.files) > 1:
        try:
            return _load_document(file, document, confinement)
        except ScenarioError as error:
            raise _in_chain(error, document.files) from error
    return _load_document(file, document, confinement)


SCENARIO_KEYS = ("title", "criteria", "weights", "options")


def _is_a_scenario(file: Path, data: dict[str, Any]) -> None:
    """One line for a file that is not a scenario at all (a criteria file, other YAML),
    instead of a list of every key it lacks."""
    shown = display_path(file)
    criteria = data.get("criteria")
    if "options" not in data and "title" not in data and isinstance(criteria, dict):
        inner = criteria.get("criteria")
        n = len(inner) if isinstance(inner, dict) else len(criteria)
        raise ScenarioError(
            f"{shown}: this is a criteria file ({n} {'criterion' if n == 1 else 'criteria'}), "
            "not a scenario",
            hint=f"give a scenario: a file with title:, criteria: {shown}, weights: and "
            "options: (`policyscore init` writes one)",
        )
    if not any(key in data for key in SCENARIO_KEYS) and isinstance(data.get("scores"), dict):
        raise ScenarioError(
            f"{shown}: this is an analyst's file of a panel (scores by option), not a scenario",
            hint="give the scenario whose panel: names this file; `policyscore panel "
            "SCENARIO` compares its analysts",
        )
    if not any(key in data for key in SCENARIO_KEYS):
        keys = ", ".join(list(data)[:5]) + (" ..." if len(data) > 5 else "")
        raise ScenarioError(
            f"{shown}: not a scenario: it has none of the keys title:, criteria:, weights:, "
            f"options: (it has {keys})",
            hint="give a scenario file (`policyscore init` writes one to start from)",
        )


def _in_chain(error: ScenarioError, files: tuple[Path, ...]) -> ScenarioError:
    """The error of a variant, naming the chain of files it extends (the file read first)."""
    chain = " -> ".join(display_path(p) for p in reversed(files))
    return ScenarioError(
        f"{error.message} (in the chain {chain})", hint=error.hint, problems=error.problems
    )


def _load_document(file: Path, document: _Document, confinement: Confinement) -> LoadedScenario:
    data, positions = document.data, document.positions
    inputs = [file, *document.files]
    inputs += sorted({m.value.file for m in positions.values()} - {display_path(file)})  # type: ignore[arg-type]
    inputs = [resolve_path(p) for p in inputs]
    criteria = data.get("criteria")
    warnings: tuple[Problem, ...] = ()
    if isinstance(criteria, _Criteria):
        confinement.check("criteria", criteria.path, criteria.mark.value)
        criteria_set, warnings = _load_criteria_ref(criteria)
        data = {**data, "criteria": criteria_set}
        inputs.append(criteria.path)
    data.pop("extends", None)
    csv_options = data.get("options")
    if isinstance(csv_options, _CsvOptions):
        # Validated without its options first: reading the CSV needs the criteria.
        import numpy as np

        data = {**data, "options": OptionTable((), (), (), np.empty((0, 0)), "")}
    scenario: Scenario = _validate(Scenario, data, positions)
    if not isinstance(criteria, _Criteria):  # a criteria file was checked as it was read
        _raise_findings(check_criteria(scenario.criteria, ("criteria",)), positions)
        warnings = _problems(advise_criteria(scenario.criteria, ("criteria",)), positions)
    problems = [
        Problem(
            finding.message,
            _finding_location(positions, finding.path, finding.at_key),
            finding.hint,
        )
        for finding in check_scenario(scenario)
    ]
    sources: dict[tuple[str, str], tuple[Source, ...]] = {}
    future_sources: dict[str, dict[tuple[str, str], tuple[Source, ...]]] = {}
    if isinstance(csv_options, _CsvOptions) and not problems:
        table = _read_csv_options(csv_options, scenario.criteria.criteria, confinement)
        scenario = scenario.model_copy(update={"options": table})
        inputs.append(csv_options.path)
    if not problems:
        # After the CSV is read: a future may override options read from it.
        problems = [
            Problem(
                finding.message,
                _finding_location(positions, finding.path, finding.at_key),
                finding.hint,
            )
            for finding in [*check_futures(scenario), *check_panel(scenario)]
        ]
    if not problems and not isinstance(csv_options, _CsvOptions):
        sources, future_sources, problems = _resolve_sources(
            scenario, positions, inputs, confinement
        )
    if problems:
        raise ScenarioError.from_problems(problems)
    return LoadedScenario(
        scenario,
        file,
        tuple(dict.fromkeys(inputs)),
        sources,
        positions,
        future_sources,
        warnings,
    )


def _load_criteria_ref(ref: _Criteria) -> tuple[CriteriaSet, tuple[Problem, ...]]:
    _check_named_file(
        ref.path, ref.mark.value, "criteria", "the criteria file", "criteria YAML file"
    )
    return _read_criteria(ref.path)


def load_scenario(
    path: str | os.PathLike[str], *, allow: Iterable[str | os.PathLike[str]] = ()
) -> Scenario:
    """Load a scenario file into a validated :class:`~policyscore.model.Scenario`
    (``allow``: folders outside its project it may name files in, see :func:`load`)."""
    return load(path, allow=allow).scenario


def validate_file(
    path: str | os.PathLike[str], *, allow: Iterable[str | os.PathLike[str]] = ()
) -> str:
    """Validate a scenario or a criteria file; a one-line summary of what it holds.

    A file with a ``criteria:`` mapping and no ``options:`` is read as a
    criteria set; anything else as a scenario.
    """
    return check_file(path, allow=allow).summary


@dataclass(frozen=True)
class Validation:
    """What ``validate`` says of a file that loads: a summary, and warnings."""

    summary: str
    """What the file holds, e.g. ``4 options, 6 criteria, 2 profiles``."""
    warnings: tuple[Problem, ...] = ()


def check_file(
    path: str | os.PathLike[str], *, allow: Iterable[str | os.PathLike[str]] = ()
) -> Validation:
    """:func:`validate_file`, with the warnings about a file that loads."""
    file = resolve_path(path)
    data, _ = read_yaml(file)
    if "options" not in data and isinstance(data.get("criteria"), dict) and "title" not in data:
        criteria, warnings = _read_criteria(file)
        n = len(criteria.criteria)
        return Validation(f"criteria set, {n} {_plural('criterion', n)}", warnings)
    loaded = load(file, allow=allow)
    scenario = loaded.scenario
    counts = [
        (len(scenario.options), "option"),
        (len(scenario.criteria.criteria), "criterion"),
        (len(scenario.profiles), "profile"),
    ]
    if scenario.futures:
        counts.append((len(scenario.futures), "future"))
    if scenario.panel is not None:
        counts.append((len(scenario.panel.analysts), "analyst"))
    summary = ", ".join(f"{n} {_plural(word, n)}" for n, word in counts)
    # a prose warning is one line that names its own place (rank prints it too)
    prose = tuple(Problem(text) for text in prose_cut_warnings(loaded))
    return Validation(summary, loaded.warnings + prose + range_warnings(loaded))


_PROSE_CUT = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>name|title|description|rationale):[ \t]+"
    r"(?P<value>[^\s'\"|>#\[{][^#\n]*?)(?P<gap>[ \t]+)#(?P<rest>[^\n]*)$"
)


def prose_cut_warnings(loaded: LoadedScenario) -> list[str]:
    """One line per unquoted prose value (name, title, description, rationale) that YAML
    cut at `` #``: the rest of the line became a comment.

    A comment set off the usual way (two spaces, ``# ``) is left alone; one space before
    the ``#`` or none after it reads as part of the text.
    """
    lines = []
    for path in loaded.inputs:
        if path.suffix.lower() not in (".yaml", ".yml"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue
        for number, line in enumerate(text.split("\n"), 1):
            if "#" not in line:  # most lines: a substring test, not the expression
                continue
            match = _PROSE_CUT.match(line)
            if match is None or (len(match["gap"]) > 1 and match["rest"][:1] in (" ", "")):
                continue
            column = match.start("gap") + 1
            kept = match["value"].strip()
            lines.append(
                f"{display_path(path)}:{number}:{column}: the {match['key']} stops at ' #': "
                f"YAML reads '{_words('#' + match['rest'], 30)}' as a comment and keeps only "
                f"'{_words(kept, 30, tail=True)}'; put the whole text in quotes to keep it"
            )
    return lines


def _words(text: str, limit: int, *, tail: bool = False) -> str:
    """``text``, or its first (``tail``: last) whole words within ``limit`` characters
    with an ellipsis where the rest is left out: a word is never cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    words = text.split()
    kept: list[str] = []
    for word in reversed(words) if tail else words:
        if kept and sum(len(w) + 1 for w in kept) + len(word) > limit:
            break
        kept.append(word)
    if tail:
        return "… " + " ".join(reversed(kept))
    return " ".join(kept) + " …"


def range_warnings(loaded: LoadedScenario) -> tuple[Problem, ...]:
    """One warning per low-confidence score whose range is narrower than a medium default."""
    from policyscore.checks import narrow_ranges
    from policyscore.model import DEFAULT_RANGE_SHARE, Confidence

    share = DEFAULT_RANGE_SHARE[Confidence.MEDIUM]
    found = []
    for item in narrow_ranges(loaded.scenario):
        where = loaded.location("options", item.option, "scores", item.criterion, "range")
        (low, high), (m_low, m_high) = item.range, item.medium
        found.append(
            Problem(
                f"the score of '{item.option}' on '{item.criterion}' is marked low confidence, "
                f"but its range [{low:g}, {high:g}] is narrower than a medium-confidence "
                f"score's default ([{m_low:g}, {m_high:g}], ±{share:.0%} of the scale)",
                where,
                "widen the range or raise the confidence",
            )
        )
    return tuple(found)


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return "criteria" if word == "criterion" else word + "s"


def find_variants(path: str | os.PathLike[str]) -> list[Path]:
    """Scenario files in the same folder as ``path`` whose ``extends:`` names it, by name.

    Only the ``extends`` key is read; a file that cannot be read as YAML is not
    a variant (it is not loaded, so it cannot fail the caller).
    """
    target = resolve_path(path)
    found = []
    for candidate in sorted(target.parent.iterdir()):
        if candidate.suffix.lower() not in {".yaml", ".yml"} or resolve_path(candidate) == target:
            continue
        if not candidate.is_file():
            continue
        try:
            data, _ = read_yaml(candidate)
        except ScenarioError:
            continue
        extends = data.get("extends")
        if isinstance(extends, str) and resolve_path(candidate.parent / extends) == target:
            found.append(candidate)
    return found
