"""``extends:``: a variant read on top of the scenario it names, merged deeply.

:func:`_read_scenario_document` reads a scenario file and, recursively, the
file it extends (cycles, missing files and folders refused at the
``extends:`` that names them), then deep-merges the variant into it:
mappings merge, anything else replaces, weights written in another form
replace the weights whole, and a changed score must restate its evidence
(restated ``sources:`` drop the base's quote, a restated ``rationale:`` its
inference). ``criteria:`` and ``from_csv:`` paths are resolved against the file that
wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policyscore.errors import Problem, ScenarioError, quote
from policyscore.loading.files import (
    Confinement,
    _kind,
    _unreadable_hint,
    display_path,
    resolve_path,
)
from policyscore.loading.reader import Mark, Positions, read_yaml
from policyscore.model import Path as DocPath


@dataclass(frozen=True, slots=True)
class _Criteria:
    """A ``criteria:`` path, resolved against the file that wrote it."""

    path: Path
    mark: Mark


@dataclass(frozen=True, slots=True)
class _CsvOptions:
    """``options: {from_csv: file.csv}``, the path resolved against the file that wrote it."""

    path: Path
    mark: Mark


@dataclass
class _Document:
    data: dict[str, Any]
    positions: Positions
    file: Path
    files: tuple[Path, ...] = ()
    """Every scenario file read for it: the file and what it extends (-o must spare them)."""


def _merge(
    base: dict[str, Any],
    base_pos: Positions,
    child: dict[str, Any],
    child_pos: Positions,
    path: DocPath = (),
) -> list[Problem]:
    """Deep-merge ``child`` into ``base`` in place: mappings merge, the rest replaces."""
    problems: list[Problem] = []
    for key, value in child.items():
        here = (*path, key)
        old = base.get(key)
        if (
            isinstance(old, dict)
            and isinstance(value, dict)
            and not _switches_form(here, old, value)
        ):
            problems += _restates_evidence(here, old, value, child_pos)
            _drop_stale_quote(here, old, value, base_pos)
            _drop_stale_inference(here, old, value, base_pos)
            problems += _merge(old, base_pos, value, child_pos, here)
        else:
            problems += _restates_evidence(here, old, value, child_pos)
            for stale in [p for p in base_pos if p[: len(here)] == here]:
                del base_pos[stale]
            base[key] = value
            base_pos.update({p: m for p, m in child_pos.items() if p[: len(here)] == here})
    for p, m in child_pos.items():
        if len(p) == len(path) and p == path:
            base_pos[p] = m
    return problems


_ELICITATION_KEYS = ("rank_order", "pairwise", "swing", "objectives")


def _weights_form(value: dict[str, Any]) -> str:
    return next((k for k in _ELICITATION_KEYS if k in value), "direct")


def _switches_form(path: DocPath, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A variant that writes its weights in another form replaces them whole.

    Merging ``{rank_order: [...]}`` into direct numbers would mix two forms;
    within one form the usual deep merge applies (one weight, one judgement).
    """
    is_weights = path == ("weights",) or (
        len(path) == 3 and path[0] == "profiles" and path[2] == "weights"
    )
    return is_weights and _weights_form(old) != _weights_form(new)


def _restates_evidence(path: DocPath, old: Any, new: Any, child_pos: Positions) -> list[Problem]:
    """A variant that changes a score's value must restate its rationale and sources.

    A score is ``options.<option>.scores.<criterion>``, or a future's override
    ``futures.<future>.scores.<option>.<criterion>``.
    """
    option = len(path) == 4 and path[0] == "options" and path[2] == "scores"
    future = len(path) == 5 and path[0] == "futures" and path[2] == "scores"
    if not (option or future):
        return []
    if not isinstance(old, dict) or not (old.get("rationale") or old.get("sources")):
        return []
    new_value = new.get("value") if isinstance(new, dict) else new
    if new_value is None or new_value == old.get("value"):
        return []
    if isinstance(new, dict) and "rationale" in new and "sources" in new:
        return []
    oid, cid = (path[1], path[3]) if option else (path[3], path[4])
    where = "" if option else f" in future '{path[1]}'"
    return [
        Problem(
            f"the score of '{oid}' on '{cid}'{where} changes but its rationale and sources "
            "are not restated",
            child_pos[path].value,
            "write value, rationale and sources together when a variant changes a score",
        )
    ]


def _drop_stale_quote(
    path: DocPath, old: dict[str, Any], new: dict[str, Any], base_pos: Positions
) -> None:
    """A variant that restates a score's sources without a quote drops the base's quote:
    the quoted words belong to the sources they were checked against."""
    if len(path) != 4 or path[0] != "options" or path[2] != "scores":
        return
    if "sources" in new and "quote" not in new and "quote" in old:
        del old["quote"]
        here = (*path, "quote")
        for stale in [p for p in base_pos if p[: len(here)] == here]:
            del base_pos[stale]


def _drop_stale_inference(
    path: DocPath, old: dict[str, Any], new: dict[str, Any], base_pos: Positions
) -> None:
    """A variant that restates a score's rationale without ``inference:`` drops the base's:
    the inference belongs to the reasoning it was written with, and a variant that
    rewrites the reasoning says afresh whether the score is an inference."""
    option = len(path) == 4 and path[0] == "options" and path[2] == "scores"
    future = len(path) == 5 and path[0] == "futures" and path[2] == "scores"
    if not (option or future):
        return
    if "rationale" in new and "inference" not in new and "inference" in old:
        del old["inference"]
        here = (*path, "inference")
        for stale in [p for p in base_pos if p[: len(here)] == here]:
            del base_pos[stale]


def _read_scenario_document(
    path: Path, chain: tuple[Path, ...], confinement: Confinement
) -> _Document:
    """Read a scenario file and, recursively, what it extends (inside ``confinement``)."""
    data, positions = read_yaml(path)
    criteria = data.get("criteria")
    if isinstance(criteria, str):
        data["criteria"] = _Criteria(resolve_path(path.parent / criteria), positions[("criteria",)])
    options = data.get("options")
    if isinstance(options, dict) and "from_csv" in options:
        data["options"] = _csv_options(path, options, positions)
    _read_analyst_files(path, data, positions, confinement)
    extends = data.get("extends")
    if extends is None:
        return _Document(data, positions, path, (path,))
    mark = positions[("extends",)].value
    if not isinstance(extends, str):
        raise ScenarioError(f"{mark}: extends must be a file path", hint="extends: base.yaml")
    parent = resolve_path(path.parent / extends)
    confinement.check("extends", parent, mark)
    if parent in chain or parent == path:
        cycle = " -> ".join(display_path(p) for p in (*chain, path, parent))
        raise ScenarioError(
            f"{mark}: extends makes a cycle: {cycle}", hint="a variant cannot extend itself"
        )
    kind = _kind(parent)
    if isinstance(kind, OSError):
        raise ScenarioError(
            f"{mark}: extends names {extends[:80]!r}, which cannot be read: "
            f"{kind.strerror or kind}",
            hint=_unreadable_hint(kind, "paths are relative to the file that writes them"),
        )
    if kind == "folder":
        raise ScenarioError(
            f"{mark}: extends names a folder ({display_path(parent)}), not a file",
            hint="name the scenario YAML file inside it",
        )
    if kind == "missing":
        raise ScenarioError(
            f"{mark}: extends names {extends!r}, which does not exist "
            f"(looked for {display_path(parent)})",
            hint="paths are relative to the file that writes them",
        )
    if kind != "file":
        raise ScenarioError(
            f"{mark}: extends names {display_path(parent)}, which is {kind}, not a regular file",
            hint="name a scenario YAML file saved on disk",
        )
    base = _read_scenario_document(parent, (*chain, path), confinement)
    problems = _merge(base.data, base.positions, data, positions)
    if problems:
        raise ScenarioError.from_problems(problems)
    base.files = (*base.files, path)
    return base


def _csv_options(path: Path, options: dict[str, Any], positions: Positions) -> _CsvOptions:
    """``options: {from_csv: file.csv}``: one key, a path relative to ``path``."""
    for key in options:
        if key != "from_csv":
            raise ScenarioError(
                f"{positions[('options', key)].key}: unknown key {quote(key)} beside from_csv",
                hint="options are either read from a CSV file (from_csv: file.csv) "
                "or written out here, not both",
            )
    mark = positions[("options", "from_csv")]
    if not isinstance(options["from_csv"], str):
        raise ScenarioError(
            f"{mark.value}: from_csv must be the path of a CSV file",
            hint="from_csv: options.csv (relative to this file)",
        )
    return _CsvOptions(resolve_path(path.parent / options["from_csv"]), mark)


_SCENARIO_KEYS = ("title", "options", "criteria", "extends", "panel", "futures", "profiles")
"""Keys of a scenario that an analyst's mapping never has (an analyst file holding one is
a scenario named by mistake)."""


def _read_analyst_files(
    path: Path, data: dict[str, Any], positions: Positions, confinement: Confinement
) -> None:
    """``panel: {analysts: {id: file.yaml}}``: each named file read in place of its path.

    The file holds the analyst's mapping (name, scores, weights); its values keep
    their own ``file:line:col``. A file outside ``confinement`` (never opened), a
    missing file, a folder, a pipe, device or socket, or a file that is a scenario
    rather than an analyst's mapping is refused at the path that names it.
    """
    panel = data.get("panel")
    analysts = panel.get("analysts") if isinstance(panel, dict) else None
    if not isinstance(analysts, dict):
        return
    for aid, entry in analysts.items():
        if not isinstance(entry, str):
            continue
        here = ("panel", "analysts", aid)
        mark = positions[here].value
        file = resolve_path(path.parent / entry)
        confinement.check(f"the file of analyst {quote(aid)}", file, mark)
        kind = _kind(file)
        relative = "the path is relative to the scenario file that names it"
        if isinstance(kind, OSError):
            raise ScenarioError(
                f"{mark}: the file of analyst {quote(aid)} cannot be read: {kind.strerror or kind}",
                hint=_unreadable_hint(kind, relative),
            )
        if kind == "missing":
            raise ScenarioError(
                f"{mark}: the file of analyst {quote(aid)}, {display_path(file)}, does not exist",
                hint=relative,
            )
        if kind == "folder":
            raise ScenarioError(
                f"{mark}: analyst {quote(aid)} names a folder ({display_path(file)}), not a file",
                hint="name the analyst's YAML file inside it",
            )
        if kind != "file":
            raise ScenarioError(
                f"{mark}: analyst {quote(aid)} names {display_path(file)}, which is {kind}, "
                "not a regular file",
                hint="name the analyst's YAML file saved on disk",
            )
        own, own_positions = read_yaml(file)
        found = [k for k in _SCENARIO_KEYS if k in own]
        if found:
            raise ScenarioError(
                f"{mark}: the file of analyst {quote(aid)}, {display_path(file)}, is a scenario "
                f"(it has {quoted_keys(found)}), not an analyst's mapping",
                hint="an analyst's file holds name, scores and (optionally) weights",
            )
        analysts[aid] = own
        for p, m in own_positions.items():
            positions[(*here, *p)] = m if p else Mark(m.value, positions[here].key)


def quoted_keys(keys: list[str]) -> str:
    return ", ".join(f"{k}:" for k in keys)
