"""libyaml parsing gives exactly what PyYAML's pure-Python SafeLoader gives.

:func:`policyscore.loading.reader.compose` parses with libyaml (ten times faster)
under PyYAML's own composer. Every node, tag, value and position, what is
accepted, and every error message must be the same as ``SafeLoader``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.loading import reader

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("criteria/*.yaml")])


def shape(node: Any) -> Any:
    """A node graph as plain data: kind, tag, value and both marks of every node."""
    marks = (
        node.start_mark.line,
        node.start_mark.column,
        node.end_mark.line,
        node.end_mark.column,
    )
    if isinstance(node, yaml.MappingNode):
        return ("map", node.tag, marks, [(shape(k), shape(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, marks, [shape(v) for v in node.value])
    return ("scalar", node.tag, marks, node.value)


def outcome(compose: Any, text: str) -> Any:
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))
    except RecursionError:
        return ("recursion",)
    return ("ok", None if node is None else shape(node))


def pure(text: str) -> Any:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def test_libyaml_is_used_when_present() -> None:
    assert (reader._FAST_LOADER is not None) == yaml.__with_libyaml__


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_compose_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert outcome(reader.compose, text) == outcome(pure, text)
    assert outcome(reader.compose, text)[0] == "ok"
    assert reader._libyaml_agrees(text)  # the shipped files take the fast path


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a: 1\nb: [1, 2, {c: d}]\n",
        "k: 'é😀x'\nè: [1, {a: 😀}]\n",
        "a: &x [1, 2]\nb: *x\n",
        "a: *missing\n",
        "a: 1\n\tb: 2\n",
        "a: [1, 2\n",
        "a: 'unclosed\n",
        "a: b: c\n",
        "--- 1\n--- 2\n",
        "a: !!python/object:os.system x\n",
        "a: \x01\n",
        "a: \x85b\n",
        "? [a, b]\n: c\n",
        "%YAML 1.1\n---\na: 1\n",
        "%YAML 2.0\n---\na: 1\n",
        "a: |\n  text\n   more\nb: >-\n  folded\n",
        "- - - - x\n",
        "[" * 2000 + "]" * 2000,
        "a: 1\r\nb: 2\r\n",
        "\ufeffa: 1\n",
        "a: 1",
        # Where libyaml and PyYAML differ (found by fuzzing): PyYAML alone reads these.
        "[n?ull, null]\n",
        "[]\t\n",
        "[!-50,114!719 ]\n",
        "!'!'\n\n\n",
        "#{}\n|#\n",
        "? >#''\n: nul.l\n",
        "{'a': , b: 1}\n",
        "a: 1\n?",
    ],
)
def test_edge_cases_compose_identically(text: str) -> None:
    assert outcome(reader.compose, text) == outcome(pure, text)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    _documents,
    st.booleans(),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(list(":-[]{}'\"&*!#|>\t \n?,%@`\\.=~<"))),
        max_size=3,
    ),
)
def test_random_documents_compose_identically(
    data: Any, flow: bool, edits: list[tuple[int, str]]
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    for position, char in edits:  # break it a little: both parsers must agree on errors too
        at = position % (len(text) + 1)
        text = text[:at] + char + text[at:]
    assert outcome(reader.compose, text) == outcome(pure, text)
