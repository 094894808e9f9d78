"""How fast the command line starts: whole processes, against Python's own start-up floors.

Run from the repository root, in the environment perfscore is installed in::

    python benchmarks/bench_startup.py            # 9 runs of each, alternated
    python benchmarks/bench_startup.py --runs 21

Workload: whole processes, each started afresh (nothing cached in memory between runs but what
the operating system keeps), in turn, one run of each command per round, after one warm-up round:

- floors: ``python -c pass`` (the interpreter) and ``python -c "import pydantic, pint"`` (the two
  libraries every table needs);
- ``perfscore --help`` and ``perfscore --version`` (no command's implementation is imported);
- ``perfscore score zanhuang-hrss-2018 examples/zanhuang-hrss-2018-results.csv`` (the bundled
  table loaded and 68 results read from CSV, graded, rolled up and printed).

It prints each command's median wall time and its ratio to its floor (the medians of the same
rounds), and the targets: ``--help`` and ``--version`` within 0.15 s, ``score`` within 0.5 s.
Seconds depend on the machine; the ratios travel better.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def _perfscore() -> list[str]:
    """The installed command, beside this interpreter (else ``python -m perfscore``)."""
    script = Path(PYTHON).with_name("perfscore")
    found = str(script) if script.exists() else shutil.which("perfscore")
    return [found] if found else [PYTHON, "-m", "perfscore"]


COMMANDS: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import pydantic, pint": [PYTHON, "-c", "import pydantic, pint"],
    "perfscore --help": [*_perfscore(), "--help"],
    "perfscore --version": [*_perfscore(), "--version"],
    "perfscore score": [
        *_perfscore(), "score", "zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv",
    ],
}  # fmt: skip
#: Each command's floor, and its target in seconds.
FLOORS = {
    "perfscore --help": ("python -c pass", 0.15),
    "perfscore --version": ("python -c pass", 0.15),
    "perfscore score": ("import pydantic, pint", 0.5),
}


def _run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="counted rounds (default 9)")
    args = parser.parse_args()
    for command in COMMANDS.values():  # warm-up: the files in the page cache
        _run(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            times[name].append(_run(command))
    median = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"workload: whole processes, {args.runs} alternated rounds after one warm-up")
    print(f"{'command':<24}{'median s':>10}{'min s':>9}{'floor':>24}{'ratio':>8}{'target s':>10}")
    for name, runs in times.items():
        floor, target = FLOORS.get(name, ("", None))
        ratio = f"{median[name] / median[floor]:.2f}" if floor else ""
        goal = f"≤ {target:.2f}" if target is not None else ""
        print(f"{name:<24}{median[name]:>10.3f}{min(runs):>9.3f}{floor:>24}{ratio:>8}{goal:>10}")


if __name__ == "__main__":
    main()
