"""Fuzzing the loader: random YAML, random bytes, random mutations of tests/data/example/scenarios/base.yaml.

Whatever the file holds, policyscore either loads it or refuses it with a
:class:`~policyscore.errors.ScenarioError`; what loads ranks to finite
numbers and exports (see :func:`tests.property.fuzzing.exercise`). A bounded
run is part of the suite; the long run is documented in
``tests/property/conftest.py``.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASE
from tests.property.fuzzing import exercise, fuzz_settings

BASE_TEXT = BASE.read_text(encoding="utf-8")
BASE_DATA: dict[str, Any] = yaml.safe_load(BASE_TEXT)
TOP_KEYS = ["title", "description", "criteria", "method", "weights", "profiles", "options"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's criteria/ and seeds/, so base.yaml's relative paths resolve."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(BASE.parent.parent / "criteria", root / "criteria")
    shutil.copytree(BASE.parent.parent / "seeds", root / "seeds")
    (root / "scenarios").mkdir()
    return root


def write(workspace: Path, content: str | bytes) -> Path:
    path = workspace / "scenarios" / "fuzz.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path


# -- strategies -----------------------------------------------------------------------

odd_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324, -5e-324, 1e-300, 1.7976931348623157e308]),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**320),
    st.integers(min_value=-(10**20), max_value=-1),
)
odd_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "no",
            "on",
            "yes",
            "~",
            "null",
            "1e400",
            ".nan",
            '=HYPERLINK("http://x","click")',
            "[red]boom[/red]",
            "\x1b[2J\x1b[31mred",
            "\u202eevil",
            "\U0001f600 emoji",
            "\u0645\u0631\u062d\u0628\u0627",
            "../" * 20 + "etc/passwd#p1",
            "/dev/null#p1",
            "file.txt#p0",
            "a" * 500,
        ]
    ),
)
scalars = st.one_of(st.none(), st.booleans(), odd_numbers, odd_text)
weird_keys = st.one_of(
    st.text(max_size=12), st.integers(-5, 5), st.booleans(), st.none(), st.floats(-2, 2)
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), weird_keys), children, max_size=4),
    ),
    max_leaves=25,
)
documents = st.one_of(
    values,
    st.fixed_dictionaries({}, optional=dict.fromkeys([*TOP_KEYS, "extends"], values)),
)
YAML_ALPHABET = "abcxyz019 :-[]{},&*!#|>'\"\n\t%@?.~\\"


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``data`` (mapping keys and list indices)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


BASE_PATHS = [p for p in paths(BASE_DATA) if p]


def parent_of(data: Any, path: tuple[Any, ...]) -> Any | None:
    """The container holding ``path``'s last step, or None if the path no longer exists."""
    node = data
    for step in path[:-1]:
        if (
            isinstance(node, dict)
            and step in node
            or isinstance(node, list)
            and isinstance(step, int)
            and step < len(node)
        ):
            node = node[step]
        else:
            return None
    last = path[-1]
    if isinstance(node, dict) and last in node:
        return node
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        return node
    return None


mutation = st.tuples(
    st.sampled_from(BASE_PATHS),
    st.sampled_from(["delete", "replace", "rename", "scale", "wrap"]),
    scalars | values,
    st.one_of(weird_keys, odd_text),
    st.sampled_from([1e300, 1e-300, -1.0, 0.0, 1e16, float("inf")]),
)


def mutate(data: dict[str, Any], steps: list[tuple[Any, ...]]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for path, op, value, key, factor in steps:
        parent = parent_of(data, path)
        if parent is None:
            continue
        last = path[-1]
        old = parent[last]
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = value
        elif op == "rename" and isinstance(parent, dict):
            parent[key] = parent.pop(last)
        elif op == "scale" and isinstance(old, int | float) and not isinstance(old, bool):
            try:
                parent[last] = old * factor
            except OverflowError:  # a huge int times a float: the float limit
                parent[last] = float("inf")
        elif op == "wrap":
            parent[last] = [old] if not isinstance(old, list) else {"value": old}
    return data


# -- targets --------------------------------------------------------------------------


@fuzz_settings(40)
@given(document=documents, unicode=st.booleans())
def test_random_yaml_documents(workspace: Path, document: Any, unicode: bool) -> None:
    text = yaml.safe_dump(document, allow_unicode=unicode, sort_keys=False)
    exercise(write(workspace, text), "random YAML documents")


@fuzz_settings(60)
@given(text=st.text(alphabet=YAML_ALPHABET, max_size=300))
def test_random_yaml_like_text(workspace: Path, text: str) -> None:
    exercise(write(workspace, text), "random YAML-like text")


@fuzz_settings(30)
@given(raw=st.binary(max_size=300))
def test_random_bytes(workspace: Path, raw: bytes) -> None:
    exercise(write(workspace, raw), "random bytes")


@fuzz_settings(30)
@given(steps=st.lists(mutation, min_size=1, max_size=4), unicode=st.booleans())
def test_mutations_of_the_base_scenario(
    workspace: Path, steps: list[tuple[Any, ...]], unicode: bool
) -> None:
    """Keys deleted or renamed, values swapped for other types, numbers made huge or tiny."""
    data = mutate(BASE_DATA, steps)
    text = yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False)
    exercise(write(workspace, text), "mutations of base.yaml (data)")


LINES = BASE_TEXT.splitlines(keepends=True)


@fuzz_settings(40)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["duplicate", "delete", "swap", "insert", "indent", "dedent"]),
            st.integers(0, len(LINES) - 1),
            st.integers(0, len(LINES) - 1),
            st.text(alphabet=YAML_ALPHABET, max_size=20),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_text_edits_of_the_base_scenario(
    workspace: Path, edits: list[tuple[str, int, int, str]]
) -> None:
    """Lines duplicated (duplicate keys), deleted, swapped, re-indented, junk inserted."""
    lines = list(LINES)
    for op, i, j, junk in edits:
        i, j = i % len(lines), j % len(lines)
        if op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, junk + "\n")
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].removeprefix("  ")
    exercise(write(workspace, "".join(lines)), "mutations of base.yaml (text)")


def test_the_base_scenario_itself_passes_the_contract(workspace: Path) -> None:
    assert exercise(write(workspace, BASE_TEXT), "base.yaml") == "ranked"


CSV_SCENARIO = """\
title: Options from CSV
criteria:
  name: C
  criteria:
    cost: {name: Cost, direction: cost, scale: [-10, 10]}
    benefit: {name: Benefit, direction: benefit, scale: [0, 1000]}
weights: {cost: 1, benefit: 2}
options: {from_csv: fuzz.csv}
"""
CSV_TEXT = 'id,name,cost,benefit\nalpha,Alpha,2,6\nbeta,"Beta, revised",-8,900\n'
CSV_ALPHABET = "abz019,.\"\n\r -+eE_xnaif\t\x00;'=@é"


@fuzz_settings(40)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(CSV_TEXT)), st.integers(0, 3), st.text(CSV_ALPHABET)),
        max_size=4,
    ),
    raw=st.none() | st.binary(max_size=80),
)
def test_random_options_csv(
    workspace: Path, edits: list[tuple[int, int, str]], raw: bytes | None
) -> None:
    """``options: {from_csv: ...}``: cells cut, junk spliced in, or random bytes."""
    text = CSV_TEXT
    for at, cut, junk in edits:
        text = text[:at] + junk + text[at + cut :]
    csv_file = workspace / "scenarios" / "fuzz.csv"
    if raw is None:
        csv_file.write_text(text, encoding="utf-8")
    else:
        csv_file.write_bytes(raw)
    exercise(write(workspace, CSV_SCENARIO), "options from CSV")
