"""Speed and memory benchmarks of policyscore, each against the floor it cannot beat.

    python benchmarks/run.py              # about four minutes
    python benchmarks/run.py --repeat 3   # quicker, noisier

Prints one table: each figure, its floor, the ratio of the two (medians of
``--repeat`` runs, taken in turns so that a busy machine slows both alike)
and the peak memory. Not part of the test run. Every input is generated
here, seeded, in a temporary folder; nothing large is committed.

* start-up: ``policyscore --help`` against ``python -c "import typer"``;
  ``policyscore rank scenarios/base.yaml`` against ``python -c "import typer,
  pydantic, rich.table, yaml, numpy"``; each a fresh process, peak memory its
  maximum resident set. The source tree is byte-compiled first, as pip does
  when it installs a package.
* engine: each method scoring a problem already in arrays (``methods.score``:
  what ``rank`` computes, without loading or output), at 1,000 x 10 and
  100,000 x 20, against ``M.sum()`` on the same matrix; peak memory is what
  numpy allocated during the call (tracemalloc). promethee2 with gaussian
  preferences (pairwise, chunked) at 2,000 options shows memory stays linear.
* end to end: ``policyscore rank options.yaml -o out.csv`` on a 100,000 x 20
  CSV, against reading that CSV's numbers with ``numpy.loadtxt`` and writing
  them back with ``numpy.savetxt`` in a fresh process.
* SMAA at 1,000,000 samples, as ``benchmarks/smaa.py`` defines problem and floor.
* tipping: every score's tipping points, the weakest assumption and what it
  would take (``engine.tipping.tipping``) at 10 options x 6 criteria, each
  method, against the weight-stability intervals it sits beside
  (``engine.sensitivity.stability`` on the same problem); the target is
  issue 14's "well under a second", read as at most half a second.
* context: a typer app with ``rank``'s options that only imports the floor's
  modules, to show what typer's own parsing adds to the start-up floor.

numpy's BLAS runs on one thread throughout, as the command line runs it
(unless one of :data:`policyscore.cli.BLAS_THREAD_VARIABLES` is set): see
:func:`policyscore.cli.one_blas_thread`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

# BLAS on one thread, as the command line runs it (policyscore.cli.one_blas_thread),
# set before numpy loads: for the engine figures, measured in this process, and
# for every process started here, floors included, so both sides run alike.
from policyscore.cli import one_blas_thread  # noqa: E402

one_blas_thread(os.environ)

import numpy as np  # noqa: E402

from policyscore.engine import methods  # noqa: E402
from policyscore.model import Preference  # noqa: E402
from policyscore.problem import Problem  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(SRC)}
PY = sys.executable


@dataclass
class Row:
    figure: str
    seconds: float
    floor: float
    floor_name: str
    peak_mib: float | None
    target: float | None = None
    floor_peak_mib: float | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor


# -- measuring ----------------------------------------------------------------------------


def run_process(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{argv} exited with {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def processes(figure: str, argv: list[str], floor_name: str, floor: list[str], repeat: int,
              cwd: Path, target: float | None) -> Row:  # fmt: skip
    ours: list[float] = []
    base: list[float] = []
    peaks: list[float] = []
    floor_peaks: list[float] = []
    run_process(argv, cwd)  # warm the file cache
    run_process(floor, cwd)
    for _ in range(repeat):
        seconds, peak = run_process(argv, cwd)
        ours.append(seconds)
        peaks.append(peak)
        seconds, peak = run_process(floor, cwd)
        base.append(seconds)
        floor_peaks.append(peak)
    return Row(figure, statistics.median(ours), statistics.median(base), floor_name,
               max(peaks), target, max(floor_peaks))  # fmt: skip


def peak_mib(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def in_process(figure: str, call: Callable[[], object], matrix: np.ndarray, repeat: int,
               target: float | None) -> Row:  # fmt: skip
    """Median time of ``call`` against ``matrix.sum()``, interleaved."""
    call()
    number = max(1, int(0.05 / max(timeit.timeit(call, number=1), 1e-6)))
    ours, base = [], []
    for _ in range(repeat):
        ours.append(timeit.timeit(call, number=number) / number)
        base.append(timeit.timeit(matrix.sum, number=number * 10) / (number * 10))
    return Row(figure, statistics.median(ours), statistics.median(base), "M.sum()",
               peak_mib(call), target)  # fmt: skip


# -- inputs -------------------------------------------------------------------------------


def problem(n: int, m: int, seed: int, preference: str = "usual") -> Problem:
    """Scores on a 0-10 scale in halves (as analysts score), a quarter of criteria costs."""
    rng = np.random.default_rng(seed)
    matrix = np.asfortranarray(rng.integers(0, 21, size=(n, m)) / 2.0)
    weights = rng.uniform(1, 10, m)
    pref = Preference(function=preference, s=2.0) if preference == "gaussian" else None
    return Problem(
        option_ids=tuple(f"p{i:06d}" for i in range(n)),
        option_names=tuple(f"Proposal {i}" for i in range(n)),
        criterion_ids=tuple(f"c{j:02d}" for j in range(m)),
        criterion_names=tuple(f"Criterion {j}" for j in range(m)),
        matrix=matrix,
        is_cost=np.arange(m) % 4 == 0,
        scale_low=np.zeros(m),
        scale_high=np.full(m, 10.0),
        weights=weights / weights.sum(),
        low=matrix,
        high=matrix,
        preferences=tuple(pref or Preference(function="usual") for _ in range(m)),
    )


def write_csv_scenario(folder: Path, n: int, m: int, seed: int) -> Path:
    p = problem(n, m, seed)
    lines = ["name: Benchmark criteria", "criteria:"]
    for j, cid in enumerate(p.criterion_ids):
        direction = "cost" if p.is_cost[j] else "benefit"
        lines.append(f"  {cid}: {{name: Criterion {j}, direction: {direction}, scale: [0, 10]}}")
    (folder / "criteria.yaml").write_text("\n".join(lines) + "\n")
    weights = ", ".join(
        f"{c}: {w!r}" for c, w in zip(p.criterion_ids, p.weights.tolist(), strict=True)
    )
    (folder / "options.yaml").write_text(
        "title: Benchmark\ncriteria: criteria.yaml\n"
        f"weights: {{{weights}}}\noptions: {{from_csv: options.csv}}\n"
    )
    with (folder / "options.csv").open("w") as handle:
        handle.write("id,name," + ",".join(p.criterion_ids) + "\n")
        for oid, name, row in zip(p.option_ids, p.option_names, p.matrix.tolist(), strict=True):
            handle.write(f"{oid},{name}," + ",".join(map(repr, row)) + "\n")
    return folder / "options.yaml"


# -- the benchmarks -----------------------------------------------------------------------


TYPER_APP = """
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(rich_markup_mode=None)


@app.callback()
def root(version: Annotated[bool, typer.Option("--version")] = False) -> None:
    pass


@app.command()
def rank(
    scenario: Path,
    *,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    weight: Annotated[list[str] | None, typer.Option("--weight")] = None,
    method: Annotated[str | None, typer.Option("--method")] = None,
    normalization: Annotated[str | None, typer.Option("--normalization")] = None,
    fmt: Annotated[str | None, typer.Option("--format")] = None,
    output: Annotated[Path | None, typer.Option("--output")] = None,
    top: Annotated[int, typer.Option("--top")] = 20,
) -> None:
    import numpy, pydantic, rich.table, yaml  # noqa: F401


app()
"""


def startup(repeat: int, folder: Path) -> list[Row]:
    compileall.compile_dir(SRC, quiet=1)
    cli = [PY, "-m", "policyscore"]
    app = folder / "typer_app.py"
    app.write_text(TYPER_APP)
    floor = [PY, "-c", "import typer, pydantic, rich.table, yaml, numpy"]
    return [
        processes("policyscore --help", [*cli, "--help"], 'python -c "import typer"',
                  [PY, "-c", "import typer"], repeat, ROOT, 1.2),
        processes("policyscore rank scenarios/base.yaml", [*cli, "rank", "scenarios/base.yaml"],
                  "import typer, pydantic, rich.table, yaml, numpy",
                  [PY, "-c", "import typer, pydantic, rich.table, yaml, numpy"], repeat, ROOT,
                  1.3),
        processes("(context) a typer app with rank's options, doing nothing",
                  [PY, str(app), "rank", "scenarios/base.yaml"],
                  "import typer, pydantic, rich.table, yaml, numpy", floor, repeat, ROOT, None),
        processes("policyscore validate scenarios/base.yaml",
                  [*cli, "validate", "scenarios/base.yaml"],
                  "import typer, pydantic, rich.table, yaml, numpy",
                  [PY, "-c", "import typer, pydantic, rich.table, yaml, numpy"], repeat, ROOT,
                  None),
    ]  # fmt: skip


def engine(repeat: int) -> list[Row]:
    rows = []
    targets = {("wsm", 100_000): 3.0, ("topsis", 100_000): 8.0}
    for n, m in ((1_000, 10), (100_000, 20)):
        p = problem(n, m, seed=n)
        w = p.weights[np.newaxis, :]
        rows.extend(
            in_process(
                f"engine {name} {n:,} x {m}",
                lambda name=name, p=p, w=w: methods.score(name, p, w),
                p.matrix,
                repeat,
                targets.get((name, n)),
            )  # fmt: skip
            for name in methods.METHODS
        )
    gaussian = problem(2_000, 10, seed=7, preference="gaussian")
    rows.append(
        in_process(
            "engine promethee2 gaussian 2,000 x 10 (pairwise, chunked)",
            lambda: methods.score("promethee2", gaussian, gaussian.weights[None, :]),
            gaussian.matrix,
            max(3, repeat // 2),
            None,
        )  # fmt: skip
    )
    return rows


def end_to_end(repeat: int, folder: Path) -> list[Row]:
    scenario = write_csv_scenario(folder, 100_000, 20, seed=100_000)
    floor = (
        "import numpy as np; "
        "x = np.loadtxt('options.csv', delimiter=',', skiprows=1, usecols=range(2, 22)); "
        "np.savetxt('floor.csv', x, delimiter=',')"
    )
    rank = [PY, "-m", "policyscore", "rank", scenario.name]
    return [
        processes("rank 100,000 x 20 CSV -o out.csv (end to end)",
                  [*rank, "-o", "out.csv"],
                  "numpy.loadtxt + numpy.savetxt of that CSV", [PY, "-c", floor],
                  max(3, repeat // 2), folder, 3.0),
        # Issue 19: the JSON export streams; within 2x of the CSV export's time,
        # and its peak memory no more than the CSV export's (compare the rows).
        processes("rank 100,000 x 20 CSV -o out.json (end to end)",
                  [*rank, "-o", "out.json"],
                  "rank ... -o out.csv", [*rank, "-o", "out.csv"],
                  max(3, repeat // 2), folder, 2.0),
        processes("rank 100,000 x 20 CSV -f json > stdout",
                  [*rank, "-f", "json"],
                  "rank ... -f csv > stdout", [*rank, "-f", "csv"],
                  max(3, repeat // 2), folder, 2.0),
    ]  # fmt: skip


def smaa(repeat: int) -> list[Row]:
    """SMAA-2 at 10^6 samples, as ``benchmarks/smaa.py`` defines problem and floor.

    10 options x 6 criteria, wsm, weights ``around`` the stated ones; floor:
    ``W @ V.T`` plus one ``argsort`` per row, ``W`` drawn beforehand. One BLAS
    thread, like ``smaa.py`` and the command line.
    """
    try:
        import smaa as bench  # benchmarks/smaa.py, beside this file

        from policyscore.engine.scoring import scorer
        from policyscore.engine.smaa import smaa as run_smaa
    except ImportError:  # before the sensitivity work
        return []
    samples = 1_000_000
    values = np.random.default_rng(1).random((bench.OPTIONS, bench.CRITERIA))
    weights = np.random.default_rng(2).dirichlet(np.ones(bench.CRITERIA), samples)

    def floor() -> object:
        return np.argsort(weights @ values.T, axis=1)

    rows = []
    for label, uncertain in (("scores fixed", False), ("60 scores drawn", True)):
        s = scorer(bench.problem(uncertain))

        def ours(s: object = s) -> object:
            return run_smaa(s, samples=samples)  # type: ignore[arg-type]

        ours()
        times, floors = [], []
        for _ in range(max(3, repeat // 2)):
            times.append(timeit.timeit(ours, number=1))
            floors.append(timeit.timeit(floor, number=1))
        # Issue 5's 5x target is for weights drawn against fixed scores (the floor
        # draws nothing); drawing 60 scores per sample too (120 million uniforms)
        # is shown against the same floor, without a target.
        rows.append(
            Row(f"SMAA 1,000,000 samples, 10 x 6, {label}", statistics.median(times),
                statistics.median(floors), "W @ V.T + argsort per row", peak_mib(ours),
                None if uncertain else 5.0)
        )  # fmt: skip
    return rows


def tipping(repeat: int) -> list[Row]:
    """Score tipping points at 10 x 6 per method, against the stability intervals."""
    try:
        from policyscore.engine.scoring import scorer
        from policyscore.engine.sensitivity import stability
        from policyscore.engine.tipping import tipping as run_tipping
    except ImportError:  # before the tipping work
        return []
    base = problem(10, 6, 14)
    ranged = replace(
        base, low=np.clip(base.matrix - 1.0, 0, 10), high=np.clip(base.matrix + 1.0, 0, 10)
    )
    rows = []
    for name in methods.METHODS:
        s = scorer(ranged, name)
        intervals = stability(s)

        def ours(s: object = s, intervals: object = intervals) -> object:
            return run_tipping(s, intervals)  # type: ignore[arg-type]

        def floor(s: object = s) -> object:
            return stability(s)  # type: ignore[arg-type]

        ours()
        times, floors = [], []
        for _ in range(max(3, repeat // 2)):
            times.append(timeit.timeit(ours, number=1))
            floors.append(timeit.timeit(floor, number=1))
        rows.append(
            Row(f"tipping points, 10 x 6, {name}", statistics.median(times),
                statistics.median(floors), "stability(), same problem", peak_mib(ours),
                None)
        )  # fmt: skip
    return rows


# -- the report ---------------------------------------------------------------------------


MEMORY_COMMANDS = [
    ["validate", "{s}"],
    ["rank", "{s}"],
    ["rank", "{s}", "-o", "out.csv"],
    ["rank", "{s}", "-o", "out.json"],
    ["rank", "{s}", "-f", "json"],
    ["rank", "{s}", "-o", "out.xlsx"],
    ["rank", "{s}", "-o", "out.md"],
    ["rank", "{s}", "--method", "all", "-o", "all.csv"],
    ["rank", "{s}", "--method", "all", "-o", "all.json"],
    ["rank", "{s}", "--method", "promethee2", "-o", "p.csv"],
    ["weights", "{s}"],
    ["scores", "{s}"],
    ["scores", "{s}", "-o", "scores.csv"],
    ["explain", "{s}"],
    ["compare", "{s}", "{s}", "-o", "c.csv"],
    ["futures", "{futures}"],
    ["futures", "{futures}", "-o", "f.json"],
    ["panel", "{panel}"],
    ["panel", "{panel}", "-o", "panel.json"],
    ["sensitivity", "{s}"],
    ["sensitivity", "{futures}", "--futures"],
    ["sensitivity", "{panel}", "--panel"],
    ["report", "{s}", "-o", "brief.md"],
    ["report", "{s}", "-o", "brief.html"],
    ["sensitivity", "{s}", "--samples", "1000", "-o", "s.csv"],  # at 2,000 options
]
"""Every command that reads a scenario, at 100,000 options (the last at 2,000)."""


def with_overlays(scenario: Path) -> tuple[Path, Path]:
    """Beside ``scenario`` (``write_csv_scenario``'s): the same options with two futures
    that each change one score, and with a panel of two analysts who each score one cell."""
    text = scenario.read_text()
    (scenario.parent / "evidence.txt").write_text("What a future changes, and why.\n")
    futures = scenario.parent / "futures.yaml"
    futures.write_text(
        text.replace("title: Benchmark", "title: Benchmark futures")
        + "futures:\n"
        + "  boom: {name: Boom, probability: 0.5, scores: {p000001: {c01: {value: 9,"
        + " rationale: r, sources: [evidence.txt#p1]}}}}\n"
        + "  bust: {name: Bust, probability: 0.5, scores: {p000002: {c01: {value: 1,"
        + " rationale: r, sources: [evidence.txt#p1]}}}}\n"
    )
    panel = scenario.parent / "panel.yaml"
    panel.write_text(
        text.replace("title: Benchmark", "title: Benchmark panel")
        + "panel:\n  analysts:\n"
        + "    ana: {name: Ana, scores: {p000001: {c01: 9}}}\n"
        + "    ben: {name: Ben, scores: {p000002: {c01: 1}}}\n"
    )
    return futures, panel


def memory(folder: Path) -> str:
    """Every command on 100,000 options x 6 criteria: exit code, time, peak memory (issue 13).

    A command either finishes in memory that grows with the options (not their
    square), or refuses up front (``sensitivity`` and ``report``: exit 2, with
    the limit and ``--max-options``); the last row shows what ``sensitivity``
    costs at its default limit, 2,000 options. ``futures`` and ``panel`` read
    the same options with two futures, or two analysts, that change one score each.
    """
    big = folder / "memory_100k"
    small = folder / "memory_2k"
    big.mkdir()
    small.mkdir()
    scenarios = {
        100_000: write_csv_scenario(big, 100_000, 6, seed=13),
        2_000: write_csv_scenario(small, 2_000, 6, seed=13),
    }
    futures, panel = with_overlays(scenarios[100_000])
    lines = [
        "| command | options | exit | time | peak memory |",
        "|---|---:|---:|---:|---:|",
    ]
    for i, command in enumerate(MEMORY_COMMANDS):
        n = 2_000 if i == len(MEMORY_COMMANDS) - 1 else 100_000
        scenario = scenarios[n]
        argv = [a.format(s=scenario.name, futures=futures.name, panel=panel.name) for a in command]
        start = time.perf_counter()
        child = subprocess.Popen(
            [PY, "-m", "policyscore", *argv],
            cwd=scenario.parent,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)  # this process's own peak
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        lines.append(
            f"| policyscore {' '.join(argv)} | {n:,} | {code} | {elapsed:.1f} s "
            f"| {usage.ru_maxrss / 1024:.0f} MiB |"
        )
        print(lines[-1], flush=True)
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, numpy {numpy.__version__}"
    )


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def table(rows: list[Row]) -> str:
    header = "| figure | time | floor | floor time | ratio | target | peak memory | floor's peak |"
    lines = [header, "|---|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        target = f"≤ {r.target:g}x" + (" ✓" if r.ratio <= r.target else " ✗") if r.target else ""
        peak = f"{r.peak_mib:.1f} MiB" if r.peak_mib is not None else ""
        floor_peak = f"{r.floor_peak_mib:.1f} MiB" if r.floor_peak_mib is not None else ""
        lines.append(
            f"| {r.figure} | {seconds(r.seconds)} | {r.floor_name} | {seconds(r.floor)} "
            f"| {r.ratio:.2f}x | {target} | {peak} | {floor_peak} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per figure (median)")
    parser.add_argument(
        "--only",
        choices=["startup", "engine", "e2e", "smaa", "tipping", "memory"],
        help="run one group only (memory: every command at 100,000 options; only on its own)",
    )
    args = parser.parse_args()
    if args.only == "memory":
        with tempfile.TemporaryDirectory(prefix="policyscore-bench-") as tmp:
            print(memory(Path(tmp)))
        return
    print(f"machine: {machine()}")
    print(f"load average before: {os.getloadavg()[0]:.2f}\n", flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="policyscore-bench-") as tmp:
        groups = {
            "startup": lambda: startup(args.repeat, Path(tmp)),
            "engine": lambda: engine(args.repeat),
            "e2e": lambda: end_to_end(args.repeat, Path(tmp)),
            "smaa": lambda: smaa(args.repeat),
            "tipping": lambda: tipping(args.repeat),
        }
        for name, group in groups.items():
            if args.only in (None, name):
                rows += group()
    print(table(rows))
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
