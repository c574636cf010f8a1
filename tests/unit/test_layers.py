"""The import map of shared/DESIGN.md, enforced.

cli -> loading, engine, render -> model, problem, results -> errors. Nothing
imports cli; typer only in cli/, yaml only in loading.py, rich only in cli/
and render/; the engine imports neither rich, typer nor yaml.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "policyscore"
MODULES = sorted(p for p in SRC.rglob("*.py"))


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def area(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 else path.stem


ALLOWED_THIRD_PARTY = {
    "typer": {"cli"},
    "click": set(),
    "yaml": {"loading"},
    "rich": {"cli", "render"},
}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_third_party_imports_stay_in_their_layer(path: Path) -> None:
    for name in imports(path):
        top = name.split(".")[0]
        if top in ALLOWED_THIRD_PARTY:
            assert area(path) in ALLOWED_THIRD_PARTY[top], f"{path.name} imports {name}"


LOWER_MAY_IMPORT = {"policyscore.engine.weights"}
"""The one engine module a lower layer may import: problem.py derives the numeric
weights of a rank order, AHP judgements or swing points with it. It is a leaf
(next test), so the edge makes no cycle."""


def test_engine_weights_is_a_leaf() -> None:
    path = SRC / "engine" / "weights.py"
    ours = {n.split(".")[1] for n in imports(path) if n.startswith("policyscore.")}
    assert ours <= {"model", "results", "errors"}, ours


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_imports_the_cli_and_lower_layers_import_no_upper(path: Path) -> None:
    here = area(path)
    lower = {"model", "problem", "overlays", "results", "errors"}
    for name in imports(path):
        if not name.startswith("policyscore."):
            continue
        target = name.split(".")[1]
        if here != "cli" and here != "__main__":
            assert target != "cli", f"{path.name} imports {name}"
        if here in lower and name not in LOWER_MAY_IMPORT:
            assert target in lower, f"{path.name} (lower layer) imports {name}"
        if here == "engine":
            assert target not in {"render", "loading"}, f"{path.name} imports {name}"
        if here == "render":
            assert target not in {"engine", "loading"}, f"renderer {path.name} imports {name}"
