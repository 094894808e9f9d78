"""A national year on a Dask cluster of worker processes beside one process: time, memory, shipping.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_cluster.py                  # 150,000 tables, 3 rounds
    PYTHONPATH=src python benchmarks/bench_cluster.py --tables 15000   # a tenth of it

Workload: ``bench_national.py``'s national year (``--tables`` department tables, default 150,000,
shaped as the seed table with 68 indicators; about 10 million results, numbers and labels, 2 %
missing), written as a user keeps it on disk for Dask: two directories of Parquet files,
``indicators/`` (the columns of ``perfscore.indicator_frame``) and ``results/`` (``table``, ``id``,
``value`` float, ``label`` text), one file per partition of ``--per-partition`` tables (default
5,000, a province), file k of both holding the same tables, in table order. Each directory is
read with ``dd.read_parquet(..., index="table", calculate_divisions=True)``: the divisions come
from the files' statistics, both frames get the same ones, and ``dd.map_partitions`` pairs file k
of the one with file k of the other, with no shuffle (``set_index("table")`` after reading would
sort ten million rows across the workers first).

The ways, each in a fresh process, their order rotated round by round (``--rounds``, default 3;
medians, with the range):

- ``process``: ``pandas.read_parquet`` of both directories (text columns dictionary-encoded) and
  one ``score_frame`` call (method ``mean``) down to the four frames: the reference;
- ``1 worker`` and ``2 workers``: ``LocalCluster(n_workers=..., processes=True,
  threads_per_worker=1)`` with distributed's defaults, running the recipe of docs/performance.md:
  each task reads its two files on the worker, puts the labels into the value column and calls
  ``score_frame``; the departments come back to the client (the other three frames are built on
  the workers, as in one call, and dropped). ``.optimize()`` before ``compute()`` fuses each
  partition's two reads into its scoring task;
- ``2 workers, no trim``: the same without the ``MALLOC_TRIM_THRESHOLD_=65536`` distributed's
  nanny sets for its workers (``distributed.nanny.pre-spawn-environ``), which returns freed memory
  to the system at once, and makes every large array a fresh mapping to fault in;
- ``2 workers, unfused``: the same as ``2 workers`` without ``.optimize()``: the reads are tasks
  of their own, which the scheduler may run on another worker than the scoring.

Reported: the wall time from files to frames (a cluster's start-up apart), the speed-ups, each
process's peak resident memory (Linux's VmHWM, read in each worker through ``client.run``, and in
the client's process, where a LocalCluster's scheduler runs; ``ru_maxrss`` would count the parent's
memory at the fork), where the workers' time goes (``distributed``'s task stream and each task's
own timings: reading, scoring, transfers, the gather), and, in the first ``2 workers`` run, what
shipping one partition from the client would cost instead: its two frames, and its tables as
``Table`` objects. The machine may be shared, so each round also measures what two processes gain
over one on it then, and each run how many cores other work kept busy; times and speed-ups are
given over all rounds and over the quiet ones (other work under 0.1 cores in every run of the
round). Every way's departments are checked equal to the one process's, and one table against
``score``.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_national import TEXT_COLUMNS, national_frames, with_labels

import perfscore
from perfscore.frames import tables_from_frame

WAYS = ("process", "1 worker", "2 workers", "2 workers, no trim", "2 workers, unfused")
GB = 1e9


def generate(directory: Path, tables: int, per_partition: int) -> None:
    """Both frames written as pairs of Parquet files, ``per_partition`` tables a pair."""
    indicators, results = national_frames(tables)
    names = pd.unique(indicators["table"])  # in table order: counties, then departments
    # Each row's partition from its table's position; a stable sort keeps a table's rows in the
    # generator's (shuffled) order.
    for frame, name in ((indicators, "indicators"), (results, "results")):
        position = pd.Categorical(frame["table"], categories=names).codes // per_partition
        order = np.argsort(position, kind="stable")
        ordered, position = frame.iloc[order], position[order]
        bounds = np.searchsorted(position, np.arange(position.max() + 2))
        (directory / name).mkdir()
        for k in range(len(bounds) - 1):
            part = ordered.iloc[bounds[k] : bounds[k + 1]]
            part.to_parquet(directory / name / f"part.{k:04d}.parquet", index=False)
    workload = {
        "tables": len(names),
        "indicators": len(indicators),
        "results": len(results),  # missing results are rows left out
        "partitions": int(-(-len(names) // per_partition)),
        "per_partition": per_partition,
        "megabytes": {
            name: sum(p.stat().st_size for p in (directory / name).iterdir()) / 1e6
            for name in ("indicators", "results")
        },
    }
    (directory / "workload.json").write_text(json.dumps(workload))


def peak_memory() -> float:
    """This process's peak resident memory in bytes: VmHWM, which starts afresh at exec (Linux),
    else ru_maxrss (KiB on Linux, bytes on macOS), which keeps the parent's size at the fork."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        scale = 1 if sys.platform == "darwin" else 1024
        return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale)
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return float(line.split()[1]) * 1024


def resident_memory() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss)


def score_partition(tables: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """One partition: its tables' indicator rows and their results, aligned on ``table``."""
    start = time.perf_counter()
    results = with_labels(rows.reset_index())
    labelled = time.perf_counter()
    departments = perfscore.score_frame(tables.reset_index(), results).departments
    if len(tables):  # not for the metadata
        from distributed import get_worker

        get_worker().log_event(
            "perfscore-partition",
            {"labels": labelled - start, "score_frame": time.perf_counter() - labelled},
        )
    return departments


def one_process(directory: Path) -> dict[str, Any]:
    start = time.perf_counter()
    indicators = pd.read_parquet(directory / "indicators", read_dictionary=TEXT_COLUMNS)
    raw = pd.read_parquet(directory / "results", read_dictionary=["table", "id", "label"])
    results = with_labels(raw)
    del raw
    read = time.perf_counter() - start
    departments = perfscore.score_frame(indicators, results).departments
    wall = time.perf_counter() - start
    return {"wall": wall, "read": read, "peak": peak_memory(), "departments": departments}


def on_cluster(directory: Path, way: str, ship: bool) -> dict[str, Any]:
    import dask
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, get_task_stream

    indicators = dd.read_parquet(directory / "indicators", index="table", calculate_divisions=True)
    results = dd.read_parquet(directory / "results", index="table", calculate_divisions=True)
    meta = score_partition(indicators.head(0), results.head(0))  # reads no rows
    # None unsets the variable the nanny would set before starting a worker process.
    trim = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    start = time.perf_counter()
    with (
        dask.config.set(trim if "no trim" in way else {}),
        LocalCluster(
            n_workers=int(way[0]),
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # a heartbeat cut short by the close is no news
            local_directory=directory / "dask-scratch",
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter() - start
        before = client.run(resident_memory)
        with get_task_stream(client) as stream:
            submitted = time.time()
            start = time.perf_counter()
            mapped = dd.map_partitions(score_partition, indicators, results, meta=meta)
            departments = (mapped if "unfused" in way else mapped.optimize()).compute()
            wall = time.perf_counter() - start
            returned = time.time()
        peaks = client.run(peak_memory)
        scheduler = client.run_on_scheduler(peak_memory)
        events = [event for _, event in client.get_events("perfscore-partition")]
        tasks = stream.data
        shipping = ship_one_partition(client, directory) if ship else {}
    computing = [
        (t["worker"], s["start"], s["stop"], "score_partition" in str(t["key"]))
        for t in tasks
        for s in t["startstops"]
        if s["action"] == "compute"
    ]
    busy: dict[str, float] = defaultdict(float)
    for worker, begin, end, _ in computing:
        busy[worker] += end - begin
    transfers = [
        s["stop"] - s["start"] for t in tasks for s in t["startstops"] if s["action"] == "transfer"
    ]
    return {
        "wall": wall,
        "started": started,
        "departments": departments,
        "tasks": len(tasks),
        "peak_workers": sorted(peaks.values()),
        "before_workers": sorted(before.values()),
        "peak_scheduler": scheduler,
        "busy": max(busy.values()),
        "first_task": min(b for _, b, _, _ in computing) - submitted,
        "gather": returned - max(e for _, _, e, _ in computing),
        "transfers": len(transfers),
        "transfer": sum(transfers),
        "task": statistics.median(e - b for _, b, e, scoring in computing if scoring),
        "score_frame": statistics.median(e["score_frame"] for e in events),
        "score_frame_max": max(e["score_frame"] for e in events),
        **shipping,
    }


def ship_one_partition(client: Any, directory: Path) -> dict[str, float]:
    """What reading the files on the workers saves: partition 0's frames, and its tables as
    ``Table`` objects (the recipe from loaded tables), sent from the client to a worker."""
    from dask.base import tokenize

    indicators = pd.read_parquet(directory / "indicators" / "part.0000.parquet")
    results = pd.read_parquet(directory / "results" / "part.0000.parquet")
    worker = sorted(client.scheduler_info()["workers"])[0]
    start = time.perf_counter()
    future = client.scatter([indicators, results], workers=[worker], direct=True, hash=False)
    client.gather(client.map(len, future))
    frames = time.perf_counter() - start
    frame_bytes = len(pickle.dumps((indicators, results), protocol=5))
    tables = list(tables_from_frame(indicators)[0].values())
    start = time.perf_counter()
    payload = pickle.dumps(tables, protocol=5)
    dumped = time.perf_counter() - start
    start = time.perf_counter()
    pickle.loads(payload)
    loaded = time.perf_counter() - start
    # distributed serializes a list item by item: each Table is pickled on its own.
    start = time.perf_counter()
    (future,) = client.scatter([tables], workers=[worker], direct=True, hash=False)
    client.submit(len, future).result()
    sent = time.perf_counter() - start
    # What naming them costs when they go into a graph (an argument of map_partitions, a
    # closure, a scatter with hash=True): dask hashes every object.
    start = time.perf_counter()
    tokenize(tables)
    named = time.perf_counter() - start
    return {
        "ship_tables": len(tables),
        "ship_frames_s": frames,
        "ship_frames_mb": frame_bytes / 1e6,
        "ship_objects_mb": len(payload) / 1e6,
        "ship_objects_dumps": dumped,
        "ship_objects_loads": loaded,
        "ship_objects_s": sent,
        "ship_objects_tokenize": named,
    }


def _probe(kind: str, directory: str, barrier: Any, out: Any) -> None:
    """Time three rounds of work after a warm-up, starting with the other probes (a barrier)."""
    if kind == "loop":  # pure Python in the cache: scales with free cores

        def work() -> None:
            total = 0
            for i in range(4_000_000):
                total += i

    else:  # scoring a partition: arrays to and from memory as well
        indicators = pd.read_parquet(Path(directory) / "indicators" / "part.0000.parquet")
        results = with_labels(pd.read_parquet(Path(directory) / "results" / "part.0000.parquet"))

        def work() -> None:
            perfscore.score_frame(indicators, results)

    work()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(3):
        work()
    out.put(time.perf_counter() - start)


def ceiling(kind: str, directory: Path) -> float:
    """The speed-up two processes get over one on this machine now, for ``kind`` of work: twice
    the time of one alone over the time of each of two at once (2.0 with two free cores)."""
    context = multiprocessing.get_context("spawn")
    taken = {}
    for count in (1, 2):
        barrier, out = context.Barrier(count), context.Queue()
        probes = [
            context.Process(target=_probe, args=(kind, str(directory), barrier, out))
            for _ in range(count)
        ]
        for probe in probes:
            probe.start()
        taken[count] = max(out.get() for _ in probes)
        for probe in probes:
            probe.join()
    return 2 * taken[1] / taken[2]


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds all processes on the machine have used (Linux's /proc/stat; steal counted as
    used), and those of this process's children."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    machine = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return machine, children.ru_utime + children.ru_stime


def _slug(way: str) -> str:
    return way.replace(", ", "-").replace(" ", "-")


def run(way: str, directory: Path, check: bool) -> None:
    """One way, timed in this (fresh) process; figures as one JSON line on stdout."""
    if way == "process":
        figures = one_process(directory)
    else:  # what shipping from the client would cost: once, in the first round
        figures = on_cluster(directory, way, ship=check and way == "2 workers")
    departments = figures.pop("departments")
    if check:
        departments.to_parquet(directory / f"departments-{_slug(way)}.parquet")
    print("FIGURES " + json.dumps(figures))


def check(directory: Path) -> None:
    """Every way's departments equal the one process's; one table equals ``score``."""
    columns = ["table", "score", "grade", "graded", "total", "missing"]
    frames = {
        way: pd.read_parquet(directory / f"departments-{_slug(way)}.parquet")[columns]
        .astype(object)
        .sort_values("table")
        .reset_index(drop=True)
        for way in WAYS
    }
    reference = frames["process"]
    for way, frame in frames.items():
        if not frame.equals(reference):
            raise SystemExit(f"{way}: the departments differ from one score_frame call")
    spot = reference["table"].iloc[len(reference) // 2]
    part = pd.read_parquet(directory / "indicators", filters=[("table", "==", spot)])
    rows = with_labels(pd.read_parquet(directory / "results", filters=[("table", "==", spot)]))
    table = tables_from_frame(part)[0][spot]
    card = perfscore.score(table, dict(zip(rows["id"], rows["value"], strict=True)))
    if reference["score"].iloc[len(reference) // 2] != card.department.score:
        raise SystemExit("score_frame and score disagree")


QUIET = 0.1  # cores of other work during a run, at most, for the run to count as quiet


def median(rounds: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in rounds)


def spread(values: list[float], unit: str = "×") -> str:
    if not values:
        return "—"
    middle = statistics.median(values)
    return f"{middle:.2f}{unit} ({min(values):.2f}–{max(values):.2f})"


def report(
    workload: dict[str, Any],
    figures: dict[str, list[dict[str, Any]]],
    ceilings: dict[str, list[float]],
) -> None:
    rounds = len(figures["process"])
    quiet = [k for k in range(rounds) if all(figures[w][k]["others"] < QUIET for w in WAYS)]
    print(
        f"{workload['tables']:,} tables, {workload['indicators']:,} indicators, "
        f"{workload['results']:,} results; {workload['partitions']} partitions of "
        f"{workload['per_partition']:,} tables (Parquet: indicators "
        f"{workload['megabytes']['indicators']:.0f} MB, results "
        f"{workload['megabytes']['results']:.0f} MB); {rounds} rounds"
    )
    print(
        f"  {os.cpu_count()} cores; each round, what two processes gained over one here, and how "
        "many cores other work kept busy during each run:"
    )
    for k in range(rounds):
        others = ", ".join(f"{figures[w][k]['others']:.2f}" for w in WAYS)
        print(
            f"    round {k + 1}: pure Python {ceilings['loop'][k]:.2f}×, scoring a partition "
            f"{ceilings['score'][k]:.2f}×; other work {others}" + (" (quiet)" if k in quiet else "")
        )
    print(
        f"  wall, files → frames, medians (range): all {rounds} rounds | {len(quiet)} quiet rounds"
    )
    for way in WAYS:
        walls = [r["wall"] for r in figures[way]]
        calm = [walls[k] for k in quiet]
        print(f"    {way + ':':21} {spread(walls, ' s')} | {spread(calm, ' s')}")
    print("  speed-ups, medians (range): all rounds | quiet rounds")
    ratios = (
        ("2 workers over 1 worker", "2 workers", "1 worker"),
        ("2 workers over one process", "2 workers", "process"),
        ("1 worker over one process", "1 worker", "process"),
        ("no trim over trim, 2 workers", "2 workers, no trim", "2 workers"),
        ("no trim, 2 workers over one process", "2 workers, no trim", "process"),
        ("unfused over fused, 2 workers", "2 workers, unfused", "2 workers"),
    )
    for name, faster, slower in ratios:
        gained = [
            s["wall"] / f["wall"] for f, s in zip(figures[faster], figures[slower], strict=True)
        ]
        calm = [gained[k] for k in quiet]
        print(f"    {name + ':':37} {spread(gained)} | {spread(calm)}")
    one = figures["process"]
    print(
        f"  one process: reading {median(one, 'read'):.1f} s of it, peak RSS "
        f"{median(one, 'peak') / GB:.2f} GB; on the cluster, medians of all rounds:"
    )
    for way in WAYS[1:]:
        runs = figures[way]
        peaks = [max(r["peak_workers"]) for r in runs]
        before = [max(r["before_workers"]) for r in runs]
        print(
            f"    {way}: cluster start {median(runs, 'started'):.1f} s (not counted), "
            f"{runs[0]['tasks']} tasks; peak RSS per worker {statistics.median(peaks) / GB:.2f} GB "
            f"(max {max(peaks) / GB:.2f}; {statistics.median(before) / GB:.2f} GB before the "
            f"run), scheduler + client process {median(runs, 'peak_scheduler') / GB:.2f} GB"
        )
        print(
            f"      busiest worker computing {median(runs, 'busy'):.1f} s of "
            f"{median(runs, 'wall'):.1f} s; a partition's task {median(runs, 'task'):.2f} s, "
            f"of it score_frame {median(runs, 'score_frame'):.2f} s (slowest "
            f"{median(runs, 'score_frame_max'):.2f} s); first task "
            f"{median(runs, 'first_task'):.2f} s after compute(); "
            f"{median(runs, 'transfers'):.0f} transfers between workers, "
            f"{median(runs, 'transfer'):.2f} s; departments back {median(runs, 'gather'):.2f} s "
            "after the last task"
        )
    shipped = figures["2 workers"][0]
    print(
        f"  shipping one partition ({shipped['ship_tables']:,} tables) from the client instead "
        "(round 1):"
    )
    print(
        f"    indicator rows + results as frames: {shipped['ship_frames_s']:.2f} s "
        f"({shipped['ship_frames_mb']:.0f} MB pickled)"
    )
    print(
        f"    the same tables as Table objects: {shipped['ship_objects_s']:.2f} s scattered "
        f"({shipped['ship_objects_mb']:.0f} MB pickled together: pickle "
        f"{shipped['ship_objects_dumps']:.2f} s, unpickle {shipped['ship_objects_loads']:.2f} s); "
        f"dask's tokenize of them {shipped['ship_objects_tokenize']:.2f} s"
    )


def child(*arguments: str) -> str:
    """This script in a fresh process (so that its memory is its own); its last line of output."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], check=True, stdout=subprocess.PIPE, text=True
    )
    return done.stdout.splitlines()[-1] if done.stdout else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tables", type=int, default=150_000)
    parser.add_argument("--per-partition", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 100), metavar="N")
    parser.add_argument("--data", type=Path, help="keep the files here (made if absent)")
    parser.add_argument("--run", choices=WAYS, help=argparse.SUPPRESS)  # a timed child
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run is not None:
        run(args.run, args.data, args.check)
        return
    if args.generate:
        generate(args.data, args.tables, args.per_partition)
        return
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.data or Path(scratch)
        if not (directory / "workload.json").exists():
            directory.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            child("--generate", "--data", str(directory), "--tables", str(args.tables),
                  "--per-partition", str(args.per_partition))  # fmt: skip
            print(f"(generated and written in {time.perf_counter() - start:.0f} s, not timed)")
        workload = json.loads((directory / "workload.json").read_text())
        figures: dict[str, list[dict[str, Any]]] = {way: [] for way in WAYS}
        ceilings: dict[str, list[float]] = {"loop": [], "score": []}
        for round_ in range(args.rounds):
            for kind, found in ceilings.items():
                found.append(ceiling(kind, directory))
            # The order rotates round by round: all ways see the machine's load alike.
            for way in WAYS[round_ % len(WAYS) :] + WAYS[: round_ % len(WAYS)]:
                machine, ours = cpu_seconds()
                start = time.perf_counter()
                checked = ["--check"] if round_ == 0 else []
                line = child("--run", way, "--data", str(directory), *checked)
                took = time.perf_counter() - start
                figures[way].append(json.loads(line.removeprefix("FIGURES ")))
                # Other work on the machine meanwhile, in cores: all CPU time less this run's.
                machine_after, ours_after = cpu_seconds()
                others = (machine_after - machine - (ours_after - ours)) / took
                figures[way][-1]["others"] = max(0.0, others)
                print(f"  round {round_ + 1}, {way}: {figures[way][-1]['wall']:.1f} s", flush=True)
            if round_ == 0:
                check(directory)
        report(workload, figures, ceilings)


if __name__ == "__main__":
    main()
