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

import codecs
import difflib
import errno
import os
import re
import stat
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
    Score,
    Swing,
    check_scenario,
)
from policyscore.model import (
    Path as DocPath,
)
from policyscore.overlays import check_futures
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
_YAML11_TEXT_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
"""Numbers YAML 1.1 leaves as text: 1e3, 1.5e3, 2E-4 (it wants 1.0e+3)."""


def _yaml11_float(text: str) -> str:
    mantissa, _, exponent = text.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent[:1] not in "+-":
        exponent = "+" + exponent
    return f"{mantissa}e{exponent}"


_KINDS = {"int": "an integer", "float": "a number", "bool": "a boolean", "null": "null"}
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


def resolve_path(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()``, or the absolute path where the system cannot resolve it.

    A loop of symbolic links makes ``resolve`` raise RuntimeError (Python 3.11)
    and a NUL character ValueError; the absolute path then fails where the file
    is opened, as an input error that names it.
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def display_path(path: Path) -> str:
    """A path as the user should read it: relative to the working folder if inside it."""
    try:
        return str(resolve_path(path).relative_to(Path.cwd()))
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
    files: tuple[Path, ...] = ()
    """Every scenario file read for it: the file and what it extends (-o must spare them)."""


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
    except ValueError as exc:  # a NUL character in the name
        raise ScenarioError(
            f"{shown}: cannot read: {exc}", hint="a file name cannot hold a NUL character"
        ) from exc
    if len(raw) > limit:
        raise ScenarioError(
            f"{shown}: file is larger than {limit // (1024 * 1024)} MiB",
            hint="split it, or read large performance matrices from CSV",
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScenarioError(
            f"{shown}:1:1: the file is saved as UTF-16, not UTF-8",
            hint="save the file as UTF-8",
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


def _line_col(location: Location | None, node: yaml.Node) -> str:
    """``line 10``; with the column when the repeat is on the same line (a flow mapping)."""
    if location is None:
        return "an earlier line"
    if location.line == node.start_mark.line + 1:
        return f"line {location.line}, column {location.column}"
    return f"line {location.line}"


def _syntax_error(shown: str, text: str, exc: yaml.MarkedYAMLError) -> ScenarioError:
    """A PyYAML syntax error as ``file:line:col: what`` with a hint that fits it."""
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    hint = "check indentation, colons, quotes and brackets near that place"
    if "quoted scalar" in context and start is not None:
        # Where the quote opened is what the user must look at, not the end of the file.
        return ScenarioError(
            f"{_loc(shown, start)}: YAML syntax error: a quoted text is never closed "
            f"({problem or 'the file ends inside it'})",
            hint="add the closing quote; a quote inside '...' is written twice ('')",
        )
    if mark is None:
        mark, start = start, None
    what = problem or context or "invalid YAML"
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 <= index < len(text) and text[index] == "\t":
        what = "a tab character where YAML expects spaces"
        hint = "indent with spaces, not tabs"
    elif start is not None and context:
        what += f" ({context} at line {start.line + 1}, column {start.column + 1})"
        if "flow sequence" in context:
            hint = "close the list with ] (and separate its items with commas)"
        elif "flow mapping" in context:
            hint = "close the mapping with } (and separate its entries with commas)"
    if "undefined alias" in what:
        hint = "write the anchor (&name) on a value before the alias (*name) that repeats it"
    elif "another document" in what:
        hint = "a scenario is one YAML document: remove the second --- and what follows it"
    elif "mapping values are not allowed" in what:
        hint = (
            "this line is indented deeper than the key above it, or a value holds an "
            "unquoted ': ' (quote the value)"
        )
    where = str(_loc(shown, mark)) if mark is not None else shown
    return ScenarioError(f"{where}: YAML syntax error: {what}", hint=hint)


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
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it has a character offset, not a line.
        position = min(max(int(exc.position), 0), len(text))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(int(exc.character))
        raise ScenarioError(
            f"{shown}:{line}:{column}: the control character U+{ord(char):04X} "
            "is not allowed in a YAML file",
            hint="delete it; inside double quotes, write it as an escape such as \\x07",
        ) from exc
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(shown, text, exc) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{shown}: YAML error: {exc}") from exc
    except RecursionError as exc:
        raise ScenarioError(
            f"{shown}: nested too deeply to read", hint=f"keep nesting under {MAX_DEPTH} levels"
        ) from exc
    if node is None:
        raise ScenarioError(f"{shown}: file is empty", hint="see `policyscore init` for a start")
    _check_expansion(shown, node)
    walker = _Walker(shown)
    data = walker.walk(node, (), 0)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ScenarioError(
            f"{_loc(shown, node.start_mark)}: the file holds {kind}, not a mapping",
            hint="the top level must be keys such as `title:` and `options:`",
        )
    return data, walker.positions


def _check_expansion(shown: str, root: yaml.Node) -> None:
    """Refuse a document whose aliases expand it past :data:`MAX_VALUES`, before expanding it.

    The error points at the list or mapping whose items are small but whose
    repetition is huge (in a "billion laughs" file, the anchor that explodes).
    """
    sizes: dict[int, int] = {}
    if _expanded_size(root, sizes, set(), 0) <= MAX_VALUES:
        return
    node, seen = root, {id(root)}
    while True:
        children = (
            list(node.value)
            if isinstance(node, yaml.SequenceNode)
            else [v for _, v in node.value]
            if isinstance(node, yaml.MappingNode)
            else []
        )
        big = [c for c in children if sizes.get(id(c), 0) > MAX_VALUES and id(c) not in seen]
        if not big:
            break
        node = big[0]
        seen.add(id(node))
    raise ScenarioError(
        f"{_loc(shown, node.start_mark)}: with its aliases, this value expands to more than "
        f"{MAX_VALUES:,} values",
        hint="aliases (*name) must not build huge documents; write the values out",
    )


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

    @staticmethod
    def tag(node: yaml.Node) -> str:
        """A tag as written: ``!!binary`` for YAML's own tags, ``!include`` for local ones."""
        tag = str(node.tag)
        return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag

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
                node,
                f"the tag {self.tag(node)} is not allowed",
                "remove the tag (the text after !)",
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
                    f"duplicate key '{key}' (first written at {_line_col(first, key_node)})",
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
            try:
                # The constructor's own function, not construct_object: that one caches
                # every node in a dict shared by all loads, which would grow without end.
                construct = self._constructor.yaml_constructors[node.tag]
                return construct(self._constructor, node)
            except ValueError as exc:  # e.g. 0b_ or an integer of thousands of digits
                raise self.fail(
                    node,
                    f"cannot read {str(node.value)[:40]!r} as {_KINDS.get(tag, tag)}",
                    "quote it to keep it as text, or write an ordinary number such as 7.5",
                ) from exc
        raise self.fail(
            node, f"the tag {self.tag(node)} is not allowed", "remove the tag (the text after !)"
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
        data["criteria"] = _Criteria(resolve_path(path.parent / criteria), positions[("criteria",)])
    options = data.get("options")
    if isinstance(options, dict) and "from_csv" in options:
        data["options"] = _csv_options(path, options, positions)
    extends = data.get("extends")
    if extends is None:
        return _Document(data, positions, path, (path,))
    mark = positions[("extends",)].value
    if not isinstance(extends, str):
        raise ScenarioError(f"{mark}: extends must be a file path", hint="extends: base.yaml")
    parent = resolve_path(path.parent / extends)
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
    base = _read_scenario_document(parent, (*chain, path))
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
    return _CsvOptions(resolve_path(path.parent / options["from_csv"]), mark)


def _read_csv_options(ref: _CsvOptions, criteria: Mapping[str, Criterion]) -> OptionTable:
    from policyscore.options_csv import parse_options_csv

    _check_named_file(ref.path, ref.mark.value, "from_csv", "the CSV file", "CSV file")
    text = read_text(ref.path, what="CSV file", limit=MAX_CSV_BYTES)
    return parse_options_csv(text, display_path(ref.path), criteria)


# -- validation -------------------------------------------------------------------


def _nearest(positions: Positions, path: tuple[Any, ...]) -> Mark | None:
    for end in range(len(path), -1, -1):
        mark = positions.get(tuple(path[:end]))
        if mark is not None:
            return mark
    return None


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The model (or other annotation) found by walking ``loc`` down from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return None
            current = _unwrap(info.annotation)
        elif getattr(current, "__origin__", None) in (dict, Mapping):
            current = _unwrap(current.__args__[1])
        else:
            return None
    return current


def _model_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking ``loc`` down from ``model``."""
    current = _model_at(model, loc)
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
    if kind == "missing" and loc and isinstance(loc[-1], int):
        # pydantic reports [10] for a [low, high] pair as "item 1 missing"
        dotted = ".".join(str(p) for p in loc[:-1])
        message = f"{dotted} must be a list of exactly two numbers, [low, high]"
        hint = "e.g. [0, 10]"
    elif kind == "missing":
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
        text = value.strip() if isinstance(value, str) else ""
        if _YAML11_TEXT_NUMBER.match(text) and _yaml11_float(text) != text.lower():
            hint = (
                f"YAML 1.1 reads {text} as text: write the exponent with a dot "
                f"and a sign ({_yaml11_float(text)}) or the plain number"
            )
    elif kind == "greater_than_equal":
        message = f"{dotted} is {value}, but weights must not be negative"
        hint = "use 0 to ignore a criterion"
    elif kind in {"string_type"}:
        message = f"{dotted} must be text, not {_describe(value)}"
        hint = "quote it if YAML reads it as something else"
    elif (
        kind in {"dict_type", "model_type", "model_attributes_type"}
        and _model_at(model, loc) is Score
    ):
        message = f"{dotted} must be a number or a mapping with value:, not {_describe(value)}"
        hint = "write a bare number such as 7, or value: 7 with rationale: and sources:"
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
        errors = _without_misspelt(model, exc.errors(include_url=False))
        raise ScenarioError.from_problems([_problem(e, model, positions) for e in errors]) from exc


def _without_misspelt(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """Drop "missing 'title'" beside an unknown 'titel': one typo is one problem."""
    suggested: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            close = difflib.get_close_matches(
                str(loc[-1]), _model_fields(model, loc[:-1]), n=1, cutoff=0.6
            )
            suggested.update((*loc[:-1], name) for name in close)
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """Load and validate a criteria file."""
    file = resolve_path(path)
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
                base = resolve_path(where.value.file).parent if where else Path.cwd()
                file = resolve_path(base / match["file"])
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
    file = resolve_path(path)
    document = _read_scenario_document(file, ())
    data, positions = document.data, document.positions
    inputs = [file, *document.files]
    inputs += sorted({m.value.file for m in positions.values()} - {display_path(file)})  # type: ignore[arg-type]
    inputs = [resolve_path(p) for p in inputs]
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
    if not problems:
        # After the CSV is read: a future may override options read from it.
        problems = [
            Problem(
                finding.message,
                _finding_location(positions, finding.path, finding.at_key),
                finding.hint,
            )
            for finding in check_futures(scenario)
        ]
    if problems:
        raise ScenarioError.from_problems(problems)
    return LoadedScenario(scenario, file, tuple(dict.fromkeys(inputs)), sources, positions)


def _finding_location(positions: Positions, path: DocPath, at_key: bool) -> Location | None:
    mark = _nearest(positions, path)
    if mark is None:
        return None
    return mark.key if at_key and mark.key else mark.value


def _kind(path: Path) -> str | OSError:
    """``"file"``, ``"folder"`` or ``"missing"``; the OSError for a path the system
    refuses to look at (a name too long, a loop of symbolic links).

    ``Path.exists()`` would call a loop of links "missing"; ``stat`` says why.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
        return "missing"
    except OSError as exc:
        return exc
    return "folder" if stat.S_ISDIR(mode) else "file"


def _unreadable_hint(error: OSError, otherwise: str) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link on this path leads round in a loop: point it at the real file"
    return otherwise


def _check_named_file(path: Path, mark: Location, key: str, what: str, kind_of_file: str) -> None:
    """Refuse the file a scenario names under ``key`` (``criteria:``, ``from_csv:``)
    when it is missing, cannot be looked at, or is a folder."""
    relative = "the path is relative to the scenario file that names it"
    kind = _kind(path)
    if isinstance(kind, OSError):
        raise ScenarioError(
            f"{mark}: {what} cannot be read: {kind.strerror or kind}",
            hint=_unreadable_hint(kind, relative),
        )
    if kind == "missing":
        raise ScenarioError(f"{mark}: {what} {display_path(path)} does not exist", hint=relative)
    if kind == "folder":
        raise ScenarioError(
            f"{mark}: {key} names a folder ({display_path(path)}), not a file",
            hint=f"name the {kind_of_file} inside it",
        )


def _load_criteria_ref(ref: _Criteria) -> CriteriaSet:
    _check_named_file(
        ref.path, ref.mark.value, "criteria", "the criteria file", "criteria YAML file"
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
    file = resolve_path(path)
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
