"""Loading table files: ``load_table`` on a province's 5,000 YAML files, today's path beside the
previous one, alternated in the same process.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_tables.py            # 5,000 files, 3 paired rounds
    PYTHONPATH=src python benchmarks/bench_tables.py --files 500 --rounds 5

The workload is ``benchmarks/province.py``'s: department tables shaped as the seed table (13
duties, 42 activities, 68 indicators) with the workload's cells, each written once as a YAML
file (``yaml.safe_dump``) into a temporary directory. A round loads every file with each path:

- **today**: ``perfscore.load_table(path)``;
- **previous**: the reading ``load_table`` used before (PyYAML's pure Python safe loader
  refusing repeated keys, then the same pydantic validation), kept below as
  ``previous_load_table`` and labelled as such.

Both produce equal tables (checked). The ladder cache (equal cells are parsed once) is cleared
before every pass, so both pay for parsing the cells. Reported: the median seconds of each path,
and the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from province import tables, workload

import perfscore
from perfscore.tables import _models as table_models


# -- the previous code path, kept for comparison (as it stood before the libyaml reader) -------
class PreviousUniqueKeyLoader(yaml.SafeLoader):
    """PREVIOUS PATH: the pure Python safe loader refusing a repeated key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            seen = first.get(key)
            if seen is not None:
                raise ValueError(f"the key {key!r} is repeated at line {line}")
            first[key] = line
        return super().construct_mapping(node, deep=deep)


def previous_load_table(path: Path) -> perfscore.Table:
    """PREVIOUS PATH: read the text, parse it in pure Python, validate the whole file."""
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=PreviousUniqueKeyLoader)
    return perfscore.Table.model_validate(data)


# -----------------------------------------------------------------------------------------------


def write_files(count: int, folder: Path) -> list[Path]:
    departments = 50
    counties = -(-count // departments)
    ladders, _ = workload(counties=counties, departments=departments, indicators=68, years=1)
    paths = []
    for table in tables(ladders)[:count]:
        path = folder / f"{table.name}.yaml"
        data = table.model_dump(mode="json", exclude_defaults=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def timed(load: Any, paths: list[Path]) -> tuple[float, list[perfscore.Table]]:
    table_models.clear_ladder_cache()
    start = time.perf_counter()
    loaded = [load(p) for p in paths]
    return time.perf_counter() - start, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(args.files, Path(folder))
        now: list[float] = []
        before: list[float] = []
        for _ in range(args.rounds):
            t_now, new = timed(perfscore.load_table, paths)
            t_before, old = timed(previous_load_table, paths)
            if new != old:
                raise SystemExit("the two paths load different tables")
            now.append(t_now)
            before.append(t_before)
    ratios = [b / n for b, n in zip(before, now, strict=True)]
    print(f"{len(paths):,} table files (68 indicators each), {args.rounds} paired rounds")
    print(f"  load_table today : {statistics.median(now):.2f} s "
          f"({statistics.median(now) / len(paths) * 1e3:.1f} ms a file)")  # fmt: skip
    print(f"  previous path    : {statistics.median(before):.2f} s "
          f"({statistics.median(before) / len(paths) * 1e3:.1f} ms a file)")  # fmt: skip
    print(f"  previous / today : {statistics.median(ratios):.1f}× (median of rounds; "
          f"{min(ratios):.1f}–{max(ratios):.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
