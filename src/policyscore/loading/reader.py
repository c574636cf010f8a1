"""YAML text -> plain data, with the position of every value and key.

The reader parses YAML the safe way (PyYAML's ``SafeLoader`` composer: no
Python tags, no code; libyaml's parser where it reads a text exactly as
PyYAML would), walks the node graph itself so that it can

* refuse duplicate keys at every level (PyYAML would keep the last silently),
* refuse keys that YAML 1.1 turns into booleans or numbers (``no:``, ``1:``), except
  the numbers that key a criterion's ``anchors:`` (points of its scale),
* refuse tags it does not know and bound what aliases can expand to,
* remember where every value and key was written (:data:`Positions`), so
  that an error at ``options.isolation.scores.counterterrorism`` becomes
  ``base.yaml:42:24``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policyscore.errors import Location, ScenarioError, quote
from policyscore.loading.files import display_path, read_text
from policyscore.model import Path as DocPath
from policyscore.model import parse_number

MAX_VALUES = 1_000_000
"""Most values one document may expand to (aliases included): stops "billion laughs"."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""


_CORE = "tag:yaml.org,2002:"


_YAML_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def _decimal(text: str, value: Any) -> bool:
    """Whether YAML's ``value`` for ``text`` is what the number syntax of every other
    input (``model.NUMBER_PATTERN``) reads: ``010`` is 8 to YAML 1.1 and 10 elsewhere."""
    if _YAML_SPECIAL.fullmatch(text):
        return True  # .inf and .nan: refused later as not finite, with their own words
    number = parse_number(text)
    return number is not None and number == value


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


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _line_col(location: Location | None, node: yaml.Node) -> str:
    """``line 10``; with the column when the repeat is on the same line (a flow mapping)."""
    if location is None:
        return "an earlier line"
    if location.line == node.start_mark.line + 1:
        return f"line {location.line}, column {location.column}"
    return f"line {location.line}"


_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?(?P<key>[\w-]+):\s+(?P<value>[^'\"\[{|>].*)$")
"""A one-line ``key: value`` (the value not quoted, not a list, mapping or block)."""


_FLOW_ENTRY = re.compile(r"[{,]\s*(?P<key>[\w-]+):\s+(?P<value>[^'\"\[{\s][^,{}:]*)$")
"""The start of the unquoted ``key: value`` entry of a flow mapping a ``: `` stopped."""

_PROSE_KEYS = frozenset({"name", "title", "description", "rationale", "quote"})


def _quote_hint(key: str, value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return (
        f"the text of {key!r} holds ': ', which YAML reads as a new key: "
        f'put the text in quotes, {key}: "{shown}"'
    )


def _flow_colon_hint(text: str, mark: Any) -> str | None:
    """For ``{value: 7, rationale: The paper says: it works}``: the hint to quote the
    text holding ': ', or None when the ':' YAML stopped at is not inside such a text."""
    if mark is None:
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if line[mark.column : mark.column + 1] != ":":
        return None
    entry = _FLOW_ENTRY.search(line[: mark.column])
    if entry is None or entry["key"] not in _PROSE_KEYS:  # else a comma is likelier missing
        return None
    rest = re.match(r"[^,}]*", line[mark.column :])
    value = (entry["value"] + (rest.group(0) if rest else "")).strip()
    return _quote_hint(entry["key"], value)


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
            hint = _flow_colon_hint(text, mark) or (
                "close the mapping with } (and separate its entries with commas)"
            )
    if "undefined alias" in what:
        hint = "write the anchor (&name) on a value before the alias (*name) that repeats it"
    elif "another document" in what:
        hint = "a scenario is one YAML document: remove the second --- and what follows it"
    elif "mapping values are not allowed" in what:
        hint = (
            "this line is indented deeper than the key above it, or a value holds an "
            "unquoted ': ' (quote the value)"
        )
        line = text.splitlines()[mark.line] if mark is not None else ""
        prose = _KEY_VALUE.match(line)
        if prose is not None and ": " in prose["value"]:
            hint = _quote_hint(prose["key"], prose["value"].strip())
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
        # CSafeLoader is libyaml's CParser with PyYAML's SafeConstructor and
        # Resolver; the parser class itself is not public API (yaml._yaml).
        from yaml.cyaml import CSafeLoader
    except ImportError:  # PyYAML built without libyaml
        return None
    from yaml.composer import Composer

    class FastLoader(Composer, CSafeLoader):
        """Composer first: its compose methods win over the parser's C ones."""

        def __init__(self, stream: str) -> None:
            CSafeLoader.__init__(self, stream)
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
            key = self._scalar(key_node, key=True)
            if path and path[-1] in NUMERIC_KEYS and not isinstance(key, str):
                self._check_point_key(key_node, key, path)
            if not isinstance(key, str) and not _numeric_key_allowed(path, key):
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
                    f"duplicate key {quote(key)} (first written at {_line_col(first, key_node)})",
                    "remove or rename one of them; a later key would silently replace the first",
                )
            key_loc = _loc(self.file, key_node.start_mark)
            result[key] = self.walk(value_node, (*path, key), depth + 1, key_loc)
        return result

    def _check_point_key(self, key_node: yaml.Node, key: Any, path: DocPath) -> None:
        """A key of ``anchors:`` that YAML reads as a boolean, null, NaN or infinity: refused
        at the key itself, in the terms of anchors (points of the scale), not of names."""
        owner = f" of '{path[-2]}'" if len(path) >= 2 else ""
        if isinstance(key, bool) or key is None:
            kind = "a boolean" if isinstance(key, bool) else "null"
        elif isinstance(key, float) and not math.isfinite(key):
            kind = str(key)
        else:
            return
        raise self.fail(
            key_node,
            f"{path[-1]}{owner} are keyed by points of the scale, not by "
            f"{key_node.value!r} (YAML reads it as {kind})",
            ANCHOR_KEY_HINT,
        )

    def _scalar(self, node: yaml.Node, key: bool = False) -> Any:
        tag = node.tag.removeprefix(_CORE)
        if tag == "timestamp":
            return node.value  # a date written bare stays the text the analyst wrote
        if tag in {"str", "int", "float", "bool", "null"}:
            try:
                # The constructor's own function, not construct_object: that one caches
                # every node in a dict shared by all loads, which would grow without end.
                construct = self._constructor.yaml_constructors[node.tag]
                value = construct(self._constructor, node)
            except ValueError as exc:  # e.g. 0b_ or an integer of thousands of digits
                raise self.fail(
                    node,
                    f"cannot read {str(node.value)[:40]!r} as {_KINDS.get(tag, tag)}",
                    "quote it to keep it as text, or write an ordinary number such as 7.5",
                ) from exc
            if tag in {"int", "float"} and not key and not _decimal(str(node.value), value):
                # YAML 1.1 reads 010 as 8, 0x10 as 16, 1:30 as 90 and 1_000 as 1000: a
                # number is written one way everywhere (model.NUMBER_PATTERN), in decimal.
                raise self.fail(
                    node,
                    f"{str(node.value)[:40]!r} is not a decimal number "
                    f"(YAML 1.1 would read it as {value!r})",
                    "write the number in decimal digits, such as 8 or 7.5 (no leading 0, "
                    "_, hexadecimal or base 60); quote it to keep it as text",
                )
            return value
        raise self.fail(
            node, f"the tag {self.tag(node)} is not allowed", "remove the tag (the text after !)"
        )


ANCHOR_KEY_HINT = "write the score each description belongs to as a number, e.g. 0: ... and 10: ..."
"""How to key an anchor, for every error about an anchor's key."""

NUMERIC_KEYS = frozenset({"anchors"})
"""Mappings keyed by numbers (points of a scale) rather than by names."""


def _numeric_key_allowed(path: DocPath, key: Any) -> bool:
    """A number is a key only in a mapping named in :data:`NUMERIC_KEYS` (``anchors:``).

    Elsewhere a key is a name, and ``1:`` or ``no:`` read as a number or a
    boolean is refused with a hint to quote it.
    """
    if not path or path[-1] not in NUMERIC_KEYS:
        return False
    return isinstance(key, int | float) and not isinstance(key, bool)


def _nearest(positions: Positions, path: tuple[Any, ...]) -> Mark | None:
    for end in range(len(path), -1, -1):
        mark = positions.get(tuple(path[:end]))
        if mark is not None:
            return mark
    return None
