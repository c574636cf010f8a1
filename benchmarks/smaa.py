"""SMAA-2 speed and memory against the bare numpy floor.

    python benchmarks/smaa.py [--samples 1000000] [--repeat 5]

Problem: 10 options x 6 criteria, wsm, weights ``around`` the stated ones.
Floor: for the same sizes, one ``W @ V.T`` matmul plus one ``argsort`` per
row, with ``W`` drawn beforehand (not timed). Each figure is the median of
``--repeat`` runs, measured in the same process, one thread (set before numpy
loads). Peak memory: numpy's allocations as traced by ``tracemalloc`` during
one run; the maximum resident set size of this process (which holds the
floor's million-row arrays) and of a fresh process that runs only SMAA.

Target (issue 5): SMAA at most 5x the floor at 1,000,000 samples; peak
memory under 300 MB at any number of samples.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from policyscore.engine.scoring import scorer  # noqa: E402
from policyscore.engine.smaa import smaa  # noqa: E402
from policyscore.problem import Problem  # noqa: E402

OPTIONS, CRITERIA = 10, 6


def problem(uncertain: bool) -> Problem:
    rng = np.random.default_rng(0)
    matrix = rng.uniform(2.0, 8.0, (OPTIONS, CRITERIA))
    spread = rng.uniform(0.5, 2.0, (OPTIONS, CRITERIA)) if uncertain else 0.0
    weights = rng.uniform(1.0, 5.0, CRITERIA)
    return Problem(
        option_ids=tuple(f"o{i}" for i in range(OPTIONS)),
        option_names=tuple(f"Option {i}" for i in range(OPTIONS)),
        criterion_ids=tuple(f"c{j}" for j in range(CRITERIA)),
        criterion_names=tuple(f"Criterion {j}" for j in range(CRITERIA)),
        matrix=matrix,
        is_cost=np.array([False, True] * (CRITERIA // 2)),
        scale_low=np.zeros(CRITERIA),
        scale_high=np.full(CRITERIA, 10.0),
        weights=weights / weights.sum(),
        low=np.clip(matrix - spread, 0.0, 10.0),
        high=np.clip(matrix + spread, 0.0, 10.0),
    )


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def peak_traced(run: Callable[[], object]) -> int:
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child)
        return
    n = args.samples

    values = np.random.default_rng(1).random((OPTIONS, CRITERIA))
    weights = np.random.default_rng(2).dirichlet(np.ones(CRITERIA), n)

    def floor() -> None:
        scores = weights @ values.T
        np.argsort(scores, axis=1)

    certain, ranged = scorer(problem(False)), scorer(problem(True))
    runs: dict[str, Callable[[], object]] = {
        "floor: W @ V.T + argsort per row": floor,
        "smaa, weights around, scores fixed": lambda: smaa(certain, samples=n),
        "smaa, weights uniform, scores fixed": lambda: smaa(certain, samples=n, weights="uniform"),
        "smaa, weights around, 60 scores drawn": lambda: smaa(ranged, samples=n),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():  # warm up: imports, first allocations
        run()
    for _ in range(args.repeat):
        for name, run in runs.items():
            times[name].append(timed(run))
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    base = medians["floor: W @ V.T + argsort per row"]

    blas = os.environ.get("OPENBLAS_CORETYPE", "(unset)")
    print(
        f"{n:,} samples, {OPTIONS} options x {CRITERIA} criteria, wsm; "
        f"median of {args.repeat}; numpy {np.__version__}; OPENBLAS_CORETYPE={blas}"
    )
    print(f"{'run':45} {'seconds':>9} {'x floor':>8}")
    for name, value in medians.items():
        print(f"{name:45} {value:9.3f} {value / base:8.2f}")

    print()
    print(f"{'peak memory (tracemalloc, numpy arrays)':45} {'MB':>9}")
    for count in (10_000, n):
        for label, subject in (("scores fixed", certain), ("60 scores drawn", ranged)):
            peak = peak_traced(lambda s=subject, c=count: smaa(s, samples=c))
            print(f"{f'smaa {count:,} samples, {label}':45} {peak / 1e6:9.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{'max RSS of this process (floor arrays incl.)':45} {rss:9.1f}")
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(n)], capture_output=True, text=True, check=True
    )
    print(f"{f'max RSS of a process running only smaa {n:,}':45} {float(child.stdout):9.1f}")


def run_child(n: int) -> None:
    """Only SMAA (60 scores drawn) in a fresh process: its peak resident set size in MB.

    Read from /proc (VmHWM): getrusage's ru_maxrss survives fork + exec on
    Linux and would report the parent's peak.
    """
    smaa(scorer(problem(True)), samples=n)
    status = Path("/proc/self/status").read_text(encoding="ascii")
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    print(int(kilobytes) / 1024)


if __name__ == "__main__":
    main()
