"""The layer map of docs/architecture.md ("Layers"), enforced on every module.

Every module of the package belongs to an *area*: a top-level module
(``problem.py`` is ``problem``) or a top-level package with everything in it
(``loading/``, ``engine/``, ``render/``, ``cli/``, ``results/``). The areas
stand in layers, listed below from the bottom up. A module may import from
its own area and from areas in lower layers, never from its own layer's other
areas nor from a higher layer. Imports inside functions and under
``TYPE_CHECKING`` count as well. Third-party packages are kept to their
areas too: typer only in cli/, yaml only in loading/, rich only in cli/ and
render/, so that the engine imports neither rich, typer nor yaml.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "policyscore"
MODULES = sorted(p for p in SRC.rglob("*.py"))

FACADE = "policyscore"
"""The package's own ``__init__``: the Python API, importing its names lazily."""

LAYERS: list[set[str]] = [
    {"errors", "catalogue"},
    {"model", "results", "manifest"},
    {"weights", "checks", "options_csv", "schemas"},
    {"problem", "overlays"},
    {"loading", "engine", "render"},
    {"library"},
    {FACADE, "output"},
    {"cli"},
    {"__main__"},
]
"""Bottom first. docs/architecture.md shows the same map, top first (a test checks)."""

LEVEL = {area: level for level, areas in enumerate(LAYERS) for area in areas}

ALLOWED_THIRD_PARTY = {
    "typer": {"cli"},
    "click": set(),
    "yaml": {"loading"},
    "rich": {"cli", "render"},
}

METADATA = {"__version__"}
"""Read from the package metadata by the facade; any layer may ask for it."""


def imports(path: Path) -> set[str]:
    """Dotted names of what ``path`` imports: ``from a.b import c`` gives ``a.b.c``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def area(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    if parts == ("__init__.py",):
        return FACADE
    return parts[0] if len(parts) > 1 else path.stem


def target_area(name: str) -> str | None:
    """The area ``name`` (a dotted import) lands in; None for metadata and other packages."""
    parts = name.split(".")
    if parts[0] != "policyscore":
        return None
    if len(parts) == 1:
        return FACADE
    if parts[1] in METADATA:
        return None
    if (SRC / parts[1]).is_dir() or (SRC / f"{parts[1]}.py").is_file():
        return parts[1]
    return FACADE  # a name the facade re-exports, such as rank or load_scenario


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_third_party_imports_stay_in_their_layer(path: Path) -> None:
    for name in imports(path):
        top = name.split(".")[0]
        if top in ALLOWED_THIRD_PARTY:
            assert area(path) in ALLOWED_THIRD_PARTY[top], f"{path.name} imports {name}"


def upward(here: str, names: set[str]) -> list[str]:
    """The imports in ``names`` that an ``here`` module may not make, explained."""
    wrong = []
    for name in sorted(names):
        there = target_area(name)
        if there is None or there == here:
            continue
        if there not in LEVEL:
            wrong.append(f"{name} ({there} is on no layer)")
        elif LEVEL[there] >= LEVEL[here]:
            wrong.append(f"{name} ({there}, layer {LEVEL[there]}; {here} is on {LEVEL[here]})")
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_go_down_the_layers(path: Path) -> None:
    here = area(path)
    assert here in LEVEL, f"{here} is on no layer: add it to LAYERS and docs/architecture.md"
    assert upward(here, imports(path)) == [], "a module imports only from lower layers"


def test_every_area_in_the_map_exists() -> None:
    areas = {area(path) for path in MODULES}
    assert set(LEVEL) - areas == set(), "LAYERS names an area that no longer exists"


@pytest.mark.parametrize(
    ("here", "source"),
    [
        ("engine", "from policyscore.render.export import dumps"),  # engine -> render
        ("model", "from policyscore.loading import load"),  # up from the bottom
        ("loading", "from policyscore.engine import ranking"),  # across one layer
        ("problem", "def f():\n    from policyscore.cli import main"),  # lazy, into cli
        ("weights", "from policyscore import rank"),  # through the facade
        ("render", "import policyscore.engine.ranking"),  # a renderer computing
        ("errors", "from policyscore.results import Ranking"),  # up one layer
    ],
)
def test_the_check_fails_on_a_forbidden_import(here: str, source: str, tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(source + "\n", encoding="utf-8")
    assert len(upward(here, imports(probe))) == 1


def test_the_check_lets_downward_and_own_area_imports_pass(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from policyscore import __version__\n"
        "from policyscore.engine import methods\n"
        "from policyscore.problem import Problem\n"
        "import policyscore.errors\n",
        encoding="utf-8",
    )
    assert upward("engine", imports(probe)) == []


def _documented_layers() -> list[set[str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block, "docs/architecture.md: the Layers section shows the map in a ```text block"
    rows = [line.split("#")[0].split() for line in block[1].splitlines()]
    return [set(row) for row in reversed(rows) if row]


def test_docs_show_the_same_map() -> None:
    assert _documented_layers() == LAYERS
