"""Start-up cost: what each entry point imports, checked in a fresh interpreter.

``policyscore --help``, shell completion and ``validate`` run on every
keystroke or save; they must not pay for modules they do not use (numpy
alone takes longer to import than typer). Timing is measured by
``benchmarks/run.py``; these tests check the import lists, which do not
depend on how busy the machine is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
BASE = ROOT / "tests" / "data" / "example" / "scenarios" / "base.yaml"

# Runs the CLI as the console script does, then lists the imported modules.
_PROBE = """
import sys
sys.argv = ["policyscore", *sys.argv[1:]]
from policyscore.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_POLICYSCORE_COMPLETE")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def imported(*args: str, **env: str) -> set[str]:
    """Top-level and dotted names of every module imported by ``policyscore ARGS``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=_env(**env),
        cwd=ROOT,
        timeout=60,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def heavy(modules: set[str], *names: str) -> list[str]:
    """Which of the packages ``names`` (or their submodules) were imported."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_help_imports_only_typer() -> None:
    modules = imported("--help")
    assert "policyscore.cli" in modules
    # Rich-formatted help alone would import rich, markdown-it and pygments.
    assert heavy(modules, "numpy", "pydantic", "yaml", "rich", "importlib.metadata") == []
    assert heavy(modules, "policyscore.loading", "policyscore.engine", "policyscore.render") == []


@pytest.mark.parametrize("command", ["rank", "validate"])
def test_command_help_imports_no_engine(command: str) -> None:
    # Past the group, typer coerces its own --help and completion flags with
    # pydantic validators, so pydantic is typer's cost here, not ours.
    modules = imported(command, "--help")
    assert heavy(modules, "numpy", "yaml", "rich") == []
    assert heavy(modules, "policyscore.loading", "policyscore.engine", "policyscore.render") == []


def test_completion_imports_no_engine() -> None:
    modules = imported(
        _POLICYSCORE_COMPLETE="complete_bash", COMP_WORDS="policyscore ra", COMP_CWORD="1"
    )
    assert "typer.completion" in modules
    assert heavy(modules, "numpy", "yaml", "rich") == []
    assert heavy(modules, "policyscore.loading", "policyscore.engine", "policyscore.render") == []


def test_validate_imports_no_numpy_or_rich() -> None:
    modules = imported("validate", str(BASE))
    assert "policyscore.loading" in modules
    assert heavy(modules, "numpy", "rich") == []
    assert heavy(modules, "policyscore.engine", "policyscore.problem") == []


def test_rank_imports_what_it_uses() -> None:
    """The probe itself works: rank does import the engine and numpy."""
    modules = imported("rank", str(BASE))
    assert heavy(modules, "numpy", "policyscore.engine", "rich") == [
        "numpy",
        "policyscore.engine",
        "rich",
    ]
    # the console takes no emoji codes, so Rich's emoji table is not loaded.
    assert "rich._emoji_codes" not in modules


def test_rank_to_a_data_format_loads_no_table_and_no_sentences() -> None:
    """A CSV export of 100,000 options pays for neither Rich nor the English of other results."""
    modules = imported("rank", str(BASE), "--format", "csv")
    assert "policyscore.render.ranking" in modules
    assert (
        heavy(modules, "rich", "policyscore.render.sentences", "policyscore.render.terminal") == []
    )


def test_import_policyscore_is_light() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, policyscore; print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        check=True,
    )
    modules = set(result.stdout.split())
    assert heavy(modules, "numpy", "pydantic", "yaml", "rich", "typer", "importlib.metadata") == []


def test_version_is_read_on_demand() -> None:
    import policyscore

    assert isinstance(policyscore.__version__, str)
    assert policyscore.__version__


def test_command_modules_keep_real_annotations() -> None:
    """typer evaluates string annotations on every start, even for ``--help``."""
    for path in sorted((SRC / "policyscore" / "cli").glob("*.py")):
        if path.name in {"__init__.py", "common.py"}:
            continue  # no command signatures there
        assert "from __future__ import annotations" not in path.read_text(), path.name


_THREADS_PROBE = """
import os, sys
sys.argv = ["policyscore", "rank", sys.argv[1], "--format", "csv"]
from policyscore.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nTHREADS " + repr(os.environ.get("OPENBLAS_NUM_THREADS")) + "\\n")
"""


def _threads(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _THREADS_PROBE, str(BASE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    return next(x for x in result.stderr.splitlines() if x.startswith("THREADS ")).split()[1]


def test_the_command_line_runs_blas_on_one_thread_unless_told_otherwise() -> None:
    from policyscore.cli import BLAS_THREAD_VARIABLES

    clean = {k: v for k, v in _env().items() if k not in BLAS_THREAD_VARIABLES}
    assert _threads(clean) == "'1'"
    assert _threads({**clean, "OPENBLAS_NUM_THREADS": "2"}) == "'2'"
    assert _threads({**clean, "OMP_NUM_THREADS": "4"}) == "None"  # the user's choice stands


def test_one_blas_thread_sets_the_openblas_and_mkl_counts_only_when_none_is_set() -> None:
    from policyscore.cli import BLAS_THREAD_VARIABLES, one_blas_thread

    environ: dict[str, str] = {"PATH": "/bin"}
    one_blas_thread(environ)
    assert environ == {"PATH": "/bin", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for name in BLAS_THREAD_VARIABLES:
        chosen = {name: "3"}
        one_blas_thread(chosen)
        assert chosen == {name: "3"}
