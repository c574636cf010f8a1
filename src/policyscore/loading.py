"""YAML files -> validated models, with ``file:line:col`` in every error.

The loader reads YAML the safe way (PyYAML's ``SafeLoader`` composer: no
Python tags, no code), walks the node graph itself so that it can

* refuse duplicate keys at every level (PyYAML would keep the last silently),
* refuse keys that YAML 1.1 turns into booleans or numbers (``no:``, ``1:``),
* refuse tags it does not know and bound what aliases can expand to,
* remember where every value and key was written, so that a Pydantic error
  at ``options.isolation.scores.counterterrorism`` becomes
  ``base.yaml:42:24``.

It then resolves ``extends:`` (deep merge, cycles detected) and ``criteria:``
paths relative to the file that wrote them, validates the models, checks the
cross-references and the local ``file#pN`` sources.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from policyscore.errors import Location, Problem, ScenarioError, did_you_mean, quoted_list
from policyscore.model import (
    WEIGHT_FORMS,
    CriteriaSet,
    Criterion,
    OptionTable,
    Pairwise,
    RankOrder,
    Scenario,
    Swing,
    check_scenario,
)
from policyscore.model import (
    Path as DocPath,
)
from policyscore.results import Source

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest input file read (10 MiB); larger files are refused, not truncated."""

MAX_CSV_BYTES = 1024 * 1024 * 1024
"""Largest CSV of options read (1 GiB: some 30 million scores written in full precision)."""

MAX_VALUES = 1_000_000
"""Most values one document may expand to (aliases included): stops "billion laughs"."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""

_SOURCE_FILE = re.compile(r"^(?P<file>[^\s:#][^\s#]*)#p(?P<paragraph>\d+)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_CORE = "tag:yaml.org,2002:"
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""Characters PyYAML's reader refuses (libyaml's set differs slightly)."""
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
_EMPTY_FLOW_VALUE = re.compile(r":[ \n]*[,}\]]")


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a value (and, in a mapping, its key) was written."""

    value: Location
    key: Location | None = None


Positions = dict[DocPath, Mark]


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

    def location(self, *path: str | int) -> Location | None:
        """Where ``path`` (e.g. ``"weights", "counterterrorism"``) was written."""
        mark = _nearest(self.positions, path)
        return mark.value if mark else None


def display_path(path: Path) -> str:
    """A path as the user should read it: relative to the working folder if inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:  # outside the working folder
        return str(path)


# -- reading YAML -------------------------------------------------------------


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


def read_text(path: Path, *, what: str = "file", limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text input (a byte-order mark is accepted) or raise ScenarioError."""
    shown = display_path(path)
    try:
        if path.is_dir():
            raise ScenarioError(
                f"{shown}: is a folder, not a {what}", hint=f"name a {what} inside it"
            )
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise ScenarioError(
            f"{shown}: no such {what}",
            hint="check the path (relative paths start at the file that names them)",
        ) from exc
    except PermissionError as exc:
        raise ScenarioError(
            f"{shown}: permission denied", hint="make the file readable (chmod +r)"
        ) from exc
    except OSError as exc:
        raise ScenarioError(f"{shown}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise ScenarioError(
            f"{shown}: file is larger than {limit // (1024 * 1024)} MiB",
            hint="split it, or read large performance matrices from CSV",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(
            f"{shown}:{line}:{column}: byte 0x{raw[exc.start]:02x} is not UTF-8 text",
            hint="save the file as UTF-8",
        ) from exc


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _fast_loader() -> type | None:
    """libyaml's parser under PyYAML's own composer, or None without libyaml.

    PyYAML's pure-Python scanner and parser are most of the time it takes to
    read a file (10 ms for ``scenarios/base.yaml``; libyaml: 1 ms). Only the
    parser is swapped: the composer stays PyYAML's Python one, so that the
    nodes, tags and marks are the ones ``SafeLoader`` builds and nesting too
    deep for it is a ``RecursionError``, not a crash (libyaml's own composer
    recurses in C).
    """
    try:
        from yaml.cyaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class FastLoader(Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    return FastLoader


_FAST_LOADER = _fast_loader()


def _libyaml_agrees(text: str) -> bool:
    """False where libyaml and PyYAML may read ``text`` differently.

    Found by fuzzing both parsers with mutated documents (see
    tests/unit/test_loading_fast_yaml.py); in each case libyaml is the more
    lenient or marks the end of the text elsewhere: tabs between tokens;
    ``?`` inside a plain scalar in a flow collection (``[a?b]``: PyYAML ends
    the scalar at ``?``); tags (``!``); a block scalar header followed at once
    by ``#`` (``|#``); an empty value in a flow mapping (``{a: , b: 1}``:
    its position); a last line without a line break; characters PyYAML's
    reader refuses. Such files are parsed by PyYAML alone.
    """
    if not text.endswith("\n") or "\t" in text or "!" in text:
        return False
    if "?" in text and ("[" in text or "{" in text):
        return False
    return not (
        _BLOCK_HEADER_COMMENT.search(text)
        or _EMPTY_FLOW_VALUE.search(text)
        or _NON_PRINTABLE.search(text)
    )


def compose(text: str) -> Any:
    """The node graph of ``text``, exactly as ``yaml.compose(text, SafeLoader)`` gives it.

    Parsed by libyaml when PyYAML has it; any document libyaml refuses is
    parsed again by ``SafeLoader``, so that what is accepted, and every error
    message and position, are PyYAML's own.
    """
    if _FAST_LOADER is not None and _libyaml_agrees(text):
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[dict[str, Any], Positions]:
    """Parse one YAML file into plain data and the position of every value."""
    shown = display_path(path)
    text = read_text(path)
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = str(_loc(shown, mark)) if mark else shown
        what = exc.problem or exc.context or "invalid YAML"
        if "\t" in text and "tab" in str(exc):
            hint = "indent with spaces, not tabs"
        else:
            hint = "check indentation, colons, quotes and brackets near that place"
        raise ScenarioError(f"{where}: YAML syntax error: {what}", hint=hint) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{shown}: YAML error: {exc}") from exc
    except RecursionError as exc:
        raise ScenarioError(
            f"{shown}: nested too deeply to read", hint=f"keep nesting under {MAX_DEPTH} levels"
        ) from exc
    if node is None:
        raise ScenarioError(f"{shown}: file is empty", hint="see `policyscore init` for a start")
    size = _expanded_size(node, {}, set(), 0)
    if size > MAX_VALUES:
        raise ScenarioError(
            f"{_loc(shown, node.start_mark)}: the document expands to more than "
            f"{MAX_VALUES:,} values",
            hint="anchors and aliases (&a, *a) must not build huge documents",
        )
    walker = _Walker(shown)
    data = walker.walk(node, (), 0)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ScenarioError(
            f"{_loc(shown, node.start_mark)}: the file holds {kind}, not a mapping",
            hint="the top level must be keys such as `title:` and `options:`",
        )
    return data, walker.positions


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int], depth: int) -> int:
    """How many values ``node`` becomes once aliases are expanded (memoised per node).

    Counting before building keeps a "billion laughs" document from costing
    more than its own size: each distinct node is visited once.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if depth > MAX_DEPTH:
        return 1  # the walker refuses it as nested too deeply
    if key in open_:
        return MAX_VALUES + 1  # an alias inside its own anchor expands without end
    open_.add(key)
    total = 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            total += _expanded_size(key_node, sizes, open_, depth + 1)
            total += _expanded_size(value_node, sizes, open_, depth + 1)
            if total > MAX_VALUES:
                break
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            total += _expanded_size(item, sizes, open_, depth + 1)
            if total > MAX_VALUES:
                break
    open_.discard(key)
    sizes[key] = total
    return total


class _Walker:
    """Node graph -> Python data, refusing what a silent loader would hide."""

    _constructor = yaml.SafeLoader("")

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: Positions = {}
        self.count = 0

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> ScenarioError:
        return ScenarioError(f"{_loc(self.file, node.start_mark)}: {message}", hint=hint)

    def walk(self, node: yaml.Node, path: DocPath, depth: int, key: Location | None = None) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                f"the document expands to more than {MAX_VALUES:,} values",
                "anchors and aliases (&a, *a) must not build huge documents",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, "nested too deeply", f"keep nesting under {MAX_DEPTH} levels")
        self.positions[path] = Mark(_loc(self.file, node.start_mark), key)
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "map")
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != _CORE + expected:
            raise self.fail(
                node, f"the tag {node.tag} is not allowed", "remove the tag (the text after !)"
            )

    def _mapping(self, node: yaml.MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise self.fail(
                    key_node, "merge keys (<<) are not supported", "write the keys out in full"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be a plain name, not a list or mapping")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                kind = {bool: "a boolean", type(None): "null", int: "a number"}.get(
                    type(key), "a number"
                )
                raise self.fail(
                    key_node,
                    f"the key {key_node.value!r} is read by YAML as {kind}, not a name",
                    f"quote it: '{key_node.value}':",
                )
            if key in result:
                first = self.positions[(*path, key)].key
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first written at line {first.line if first else '?'})",
                    "remove or rename one of them; a later key would silently replace the first",
                )
            key_loc = _loc(self.file, key_node.start_mark)
            result[key] = self.walk(value_node, (*path, key), depth + 1, key_loc)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag.removeprefix(_CORE)
        if tag == "timestamp":
            return node.value  # a date written bare stays the text the analyst wrote
        if tag in {"str", "int", "float", "bool", "null"}:
            return self._constructor.construct_object(node, deep=True)
        raise self.fail(
            node, f"the tag {node.tag} is not allowed", "remove the tag (the text after !)"
        )


# -- extends and merging --------------------------------------------------------


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


_ELICITATION_KEYS = ("rank_order", "pairwise", "swing")


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
    """A variant that changes a score's value must restate its rationale and sources."""
    if len(path) != 4 or path[0] != "options" or path[2] != "scores":
        return []
    if not isinstance(old, dict) or not (old.get("rationale") or old.get("sources")):
        return []
    new_value = new.get("value") if isinstance(new, dict) else new
    if new_value is None or new_value == old.get("value"):
        return []
    if isinstance(new, dict) and "rationale" in new and "sources" in new:
        return []
    return [
        Problem(
            f"the score of '{path[1]}' on '{path[3]}' changes but its rationale and sources "
            "are not restated",
            child_pos[path].value,
            "write value, rationale and sources together when a variant changes a score",
        )
    ]


def _read_scenario_document(path: Path, chain: tuple[Path, ...]) -> _Document:
    """Read a scenario file and, recursively, what it extends."""
    data, positions = read_yaml(path)
    criteria = data.get("criteria")
    if isinstance(criteria, str):
        data["criteria"] = _Criteria((path.parent / criteria).resolve(), positions[("criteria",)])
    options = data.get("options")
    if isinstance(options, dict) and "from_csv" in options:
        data["options"] = _csv_options(path, options, positions)
    extends = data.get("extends")
    if extends is None:
        return _Document(data, positions, path)
    mark = positions[("extends",)].value
    if not isinstance(extends, str):
        raise ScenarioError(f"{mark}: extends must be a file path", hint="extends: base.yaml")
    parent = (path.parent / extends).resolve()
    if parent in chain or parent == path:
        cycle = " -> ".join(display_path(p) for p in (*chain, path, parent))
        raise ScenarioError(
            f"{mark}: extends makes a cycle: {cycle}", hint="a variant cannot extend itself"
        )
    if not parent.is_file() and not parent.is_dir():
        raise ScenarioError(
            f"{mark}: extends names {extends!r}, which does not exist "
            f"(looked for {display_path(parent)})",
            hint="paths are relative to the file that writes them",
        )
    base = _read_scenario_document(parent, (*chain, path))
    problems = _merge(base.data, base.positions, data, positions)
    if problems:
        raise ScenarioError.from_problems(problems)
    return base


def _csv_options(path: Path, options: dict[str, Any], positions: Positions) -> _CsvOptions:
    """``options: {from_csv: file.csv}``: one key, a path relative to ``path``."""
    for key in options:
        if key != "from_csv":
            raise ScenarioError(
                f"{positions[('options', key)].key}: unknown key '{key}' beside from_csv",
                hint="options are either read from a CSV file (from_csv: file.csv) "
                "or written out here, not both",
            )
    mark = positions[("options", "from_csv")]
    if not isinstance(options["from_csv"], str):
        raise ScenarioError(
            f"{mark.value}: from_csv must be the path of a CSV file",
            hint="from_csv: options.csv (relative to this file)",
        )
    return _CsvOptions((path.parent / options["from_csv"]).resolve(), mark)


def _read_csv_options(ref: _CsvOptions, criteria: Mapping[str, Criterion]) -> OptionTable:
    from policyscore.options_csv import parse_options_csv

    if not ref.path.exists():
        raise ScenarioError(
            f"{ref.mark.value}: the CSV file {display_path(ref.path)} does not exist",
            hint="the path is relative to the scenario file that names it",
        )
    text = read_text(ref.path, what="CSV file", limit=MAX_CSV_BYTES)
    return parse_options_csv(text, display_path(ref.path), criteria)


# -- validation -------------------------------------------------------------------


def _nearest(positions: Positions, path: tuple[Any, ...]) -> Mark | None:
    for end in range(len(path), -1, -1):
        mark = positions.get(tuple(path[:end]))
        if mark is not None:
            return mark
    return None


def _model_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking ``loc`` down from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = _unwrap(info.annotation)
        elif getattr(current, "__origin__", None) in (dict, Mapping):
            current = _unwrap(current.__args__[1])
        else:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    if getattr(annotation, "__origin__", None) in (dict, Mapping):
        return annotation
    models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
    return models[0] if models else annotation


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return repr(value)


def _without_tags(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """Drop the tag pydantic adds after ``weights`` (which form was tried): not in the YAML."""
    for i in range(1, len(loc)):
        if loc[i - 1] == "weights" and loc[i] in WEIGHT_FORMS:
            return loc[:i] + loc[i + 1 :], str(loc[i])
    return loc, None


_FORM_MODELS: dict[str, type[BaseModel]] = {
    "rank_order": RankOrder,
    "pairwise": Pairwise,
    "swing": Swing,
}


def _problem(error: Any, model: type[BaseModel], positions: Positions) -> Problem:
    loc, form = _without_tags(tuple(error["loc"]))
    kind = error["type"]
    value = error.get("input")
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc = loc[:-1]
    dotted = ".".join(str(p) for p in loc) or "the top level"
    mark = _nearest(positions, loc)
    where = mark.key if (on_key or kind == "extra_forbidden") and mark and mark.key else None
    where = where or (mark.value if mark else None)
    hint: str | None = None
    if kind == "missing":
        name = loc[-1]
        message = (
            f"missing required key '{name}' in {'.'.join(map(str, loc[:-1])) or 'the top level'}"
        )
        hint = f"add `{name}:`"
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _model_fields(model, loc[:-1])
        if form in _FORM_MODELS and loc[-2] == "weights":
            allowed = list(_FORM_MODELS[form].model_fields)
        message = f"unknown key '{name}'{did_you_mean(name, allowed)}"
        hint = f"allowed keys here: {quoted_list(allowed)}" if allowed else None
    elif on_key and kind == "string_pattern_mismatch":
        message = f"'{loc[-1]}' is not a valid id"
        hint = "ids start with a lower-case letter, then a-z, 0-9 or _ (e.g. sanctions_relief)"
    elif kind == "finite_number":
        message = f"{dotted} must be a finite number, not {value}"
        hint = "NaN and infinity cannot be ranked"
    elif kind in {"float_type", "int_type", "float_parsing"}:
        message = f"{dotted} must be a number, not {_describe(value)}"
        hint = "write digits without quotes, e.g. 7 or 7.5"
    elif kind == "greater_than_equal":
        message = f"{dotted} is {value}, but weights must not be negative"
        hint = "use 0 to ignore a criterion"
    elif kind in {"string_type"}:
        message = f"{dotted} must be text, not {_describe(value)}"
        hint = "quote it if YAML reads it as something else"
    elif kind in {"dict_type", "model_type", "model_attributes_type"}:
        message = f"{dotted} must be a mapping of keys, not {_describe(value)}"
    elif kind in {"list_type", "tuple_type"}:
        message = f"{dotted} must be a list, not {_describe(value)}"
    elif kind == "too_short" and isinstance(value, dict):
        message = f"{dotted} is empty"
        hint = "give at least one entry"
    elif kind in {"too_short", "too_long"} and isinstance(value, list | tuple):
        message = f"{dotted} must be a list of exactly two numbers, [low, high]"
    elif kind == "literal_error" and loc and loc[-1] == "name" and "method" in loc:
        expected = error.get("ctx", {}).get("expected", "")
        names = re.findall(r"'([^']+)'", expected)
        message = f"unknown method {value!r}{did_you_mean(str(value), names)}"
        hint = "see `policyscore methods`"
    elif kind == "enum":
        message = f"{dotted}: {error['msg'][0].lower()}{error['msg'][1:]}, not {_describe(value)}"
    elif kind == "value_error":
        message = f"{dotted}: {error['msg'].removeprefix('Value error, ')}"
    else:
        message = f"{dotted}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return Problem(message, where, hint)


def _validate(model: type[BaseModel], data: Any, positions: Positions) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError.from_problems(
            [_problem(e, model, positions) for e in exc.errors(include_url=False)]
        ) from exc


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """Load and validate a criteria file."""
    file = Path(path).resolve()
    data, positions = read_yaml(file)
    result: CriteriaSet = _validate(CriteriaSet, data, positions)
    return result


def paragraphs(text: str) -> list[str]:
    """Blocks of ``text`` separated by blank lines, in order (p1 is the first)."""
    return [block.strip() for block in _PARAGRAPH_BREAK.split(text.strip()) if block.strip()]


def _resolve_sources(
    scenario: Scenario, positions: Positions, inputs: list[Path]
) -> tuple[dict[tuple[str, str], tuple[Source, ...]], list[Problem]]:
    cache: dict[Path, list[str] | ScenarioError] = {}
    resolved: dict[tuple[str, str], tuple[Source, ...]] = {}
    problems: list[Problem] = []
    unreadable: dict[Path, Problem] = {}  # one problem per missing file, not one per citation
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            found = []
            for index, text in enumerate(score.sources):
                match = _SOURCE_FILE.match(text)
                if not match:
                    found.append(Source(text))
                    continue
                where = _nearest(positions, ("options", oid, "scores", cid, "sources", index))
                base = Path(where.value.file).resolve().parent if where else Path.cwd()
                file = (base / match["file"]).resolve()
                number = int(match["paragraph"])
                if file not in cache:
                    try:
                        cache[file] = paragraphs(read_text(file, what="source file"))
                        inputs.append(file)
                    except ScenarioError as exc:
                        cache[file] = exc
                blocks = cache[file]
                if isinstance(blocks, ScenarioError):
                    if file not in unreadable:
                        unreadable[file] = Problem(
                            f"source {text!r} cannot be read: {blocks.message}",
                            where.value if where else None,
                            "paths in sources are relative to the file that writes them",
                        )
                        problems.append(unreadable[file])
                elif not 1 <= number <= len(blocks):
                    problems.append(
                        Problem(
                            f"source {text!r} cites paragraph {number}, but "
                            f"{display_path(file)} has {len(blocks)}",
                            where.value if where else None,
                            "paragraphs are blocks separated by blank lines, counted from 1",
                        )
                    )
                else:
                    found.append(Source(text, file, number, blocks[number - 1]))
            resolved[(oid, cid)] = tuple(found)
    return resolved, problems


def load(path: str | os.PathLike[str]) -> LoadedScenario:
    """Load, merge, validate and cross-check a scenario file.

    Raises :class:`ScenarioError` naming ``file:line:col`` for anything wrong.
    """
    file = Path(path).resolve()
    document = _read_scenario_document(file, ())
    data, positions = document.data, document.positions
    inputs = [file]
    inputs += sorted({m.value.file for m in positions.values()} - {display_path(file)})  # type: ignore[arg-type]
    inputs = [Path(p).resolve() for p in inputs]
    criteria = data.get("criteria")
    if isinstance(criteria, _Criteria):
        data = {**data, "criteria": _load_criteria_ref(criteria)}
        inputs.append(criteria.path)
    data.pop("extends", None)
    csv_options = data.get("options")
    if isinstance(csv_options, _CsvOptions):
        # Validated without its options first: reading the CSV needs the criteria.
        import numpy as np

        data = {**data, "options": OptionTable((), (), (), np.empty((0, 0)), "")}
    scenario: Scenario = _validate(Scenario, data, positions)
    problems = [
        Problem(
            finding.message,
            _finding_location(positions, finding.path, finding.at_key),
            finding.hint,
        )
        for finding in check_scenario(scenario)
    ]
    sources: dict[tuple[str, str], tuple[Source, ...]] = {}
    if isinstance(csv_options, _CsvOptions) and not problems:
        table = _read_csv_options(csv_options, scenario.criteria.criteria)
        scenario = scenario.model_copy(update={"options": table})
        inputs.append(csv_options.path)
    elif not problems:
        sources, problems = _resolve_sources(scenario, positions, inputs)
    if problems:
        raise ScenarioError.from_problems(problems)
    return LoadedScenario(scenario, file, tuple(dict.fromkeys(inputs)), sources, positions)


def _finding_location(positions: Positions, path: DocPath, at_key: bool) -> Location | None:
    mark = _nearest(positions, path)
    if mark is None:
        return None
    return mark.key if at_key and mark.key else mark.value


def _load_criteria_ref(ref: _Criteria) -> CriteriaSet:
    if not ref.path.exists():
        raise ScenarioError(
            f"{ref.mark.value}: criteria file {display_path(ref.path)} does not exist",
            hint="the path is relative to the scenario file that names it",
        )
    if ref.path.is_dir():
        raise ScenarioError(
            f"{ref.mark.value}: criteria names a folder ({display_path(ref.path)}), not a file",
            hint="name the criteria YAML file inside it",
        )
    return load_criteria(ref.path)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load a scenario file into a validated :class:`~policyscore.model.Scenario`."""
    return load(path).scenario


def validate_file(path: str | os.PathLike[str]) -> str:
    """Validate a scenario or a criteria file; a one-line summary of what it holds.

    A file with a ``criteria:`` mapping and no ``options:`` is read as a
    criteria set; anything else as a scenario.
    """
    file = Path(path).resolve()
    data, _ = read_yaml(file)
    if "options" not in data and isinstance(data.get("criteria"), dict) and "title" not in data:
        criteria = load_criteria(file)
        n = len(criteria.criteria)
        return f"criteria set, {n} {_plural('criterion', n)}"
    scenario = load(file).scenario
    counts = [
        (len(scenario.options), "option"),
        (len(scenario.criteria.criteria), "criterion"),
        (len(scenario.profiles), "profile"),
    ]
    return ", ".join(f"{n} {_plural(word, n)}" for n, word in counts)


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return "criteria" if word == "criterion" else word + "s"


def find_variants(path: str | os.PathLike[str]) -> list[Path]:
    """Scenario files in the same folder as ``path`` whose ``extends:`` names it, by name.

    Only the ``extends`` key is read; a file that cannot be read as YAML is not
    a variant (it is not loaded, so it cannot fail the caller).
    """
    target = Path(path).resolve()
    found = []
    for candidate in sorted(target.parent.iterdir()):
        if candidate.suffix.lower() not in {".yaml", ".yml"} or candidate.resolve() == target:
            continue
        if not candidate.is_file():
            continue
        try:
            data, _ = read_yaml(candidate)
        except ScenarioError:
            continue
        extends = data.get("extends")
        if isinstance(extends, str) and (candidate.parent / extends).resolve() == target:
            found.append(candidate)
    return found
