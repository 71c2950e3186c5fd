"""How long the notebooks take, as issue 19 asks: the median of three runs, on one torch thread and on two.

Usage::

    python -m benchmarks.timing CS1 CS2               # three runs each, OMP_NUM_THREADS=1 then 2
    python -m benchmarks.timing C3 --runs 1 --threads 1

Each run executes the notebook with its default settings and seed 0 (never saved)
in a fresh kernel whose environment sets ``OMP_NUM_THREADS`` (torch's thread count,
unless the notebook fixes it itself: notebooks whose small problems run fastest on
one thread call ``torch.set_num_threads(1)``, and then both rows measure the same
configuration). Before each run it waits, up to ``--wait`` seconds, for the
one-minute load average to fall below ``--quiet`` (other jobs slow a 2-core machine
down), and it records that load average with the run, so a timing taken on a busy
machine shows as such. Every run records its wall time, the kernel's CPU time and
the metrics the notebook recorded; ``benchmarks/results.json`` keeps them under
``"timing"``, with the median of each (a later run with other thread counts adds its rows
to those measured on the same machine), and ``benchmarks/results.md`` shows the medians
beside the targets.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from benchmarks import robustness, run_notebooks
from benchmarks.machine import machine_description
from sciml_course.metrics import read_metrics
from tools.notebooks import ROOT, course_notebooks


def wait_until_quiet(threshold: float, limit: float) -> float:
    """Wait (at most ``limit`` seconds) for the 1-minute load average to drop below ``threshold``."""
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(10)
    return round(os.getloadavg()[0], 2)


def time_notebook(path, threads: int, runs: int, quiet: float, wait: float, timeout: int) -> dict:
    """``runs`` executions of ``path`` with ``OMP_NUM_THREADS=threads``; every run and the medians."""
    records = []
    for run in range(runs):
        load = wait_until_quiet(quiet, wait)
        notebook, times, error = run_notebooks.execute(path, timeout,
                                                       env={"OMP_NUM_THREADS": str(threads), "MPLBACKEND": "Agg"})
        record = {**times, "load_before": load, "metrics": read_metrics(notebook)}
        if error:
            record["failed"] = error
        records.append(record)
        print(f"  {threads} thread(s), run {run + 1}: {times['seconds']:.0f} s wall, "
              f"{times['cpu_seconds']:.0f} s kernel CPU, load before {load}"
              + (f", FAILED: {error}" if error else ""), flush=True)
    names = set.intersection(*(set(r["metrics"]) for r in records))
    return {
        "runs": records,
        "median_seconds": statistics.median(r["seconds"] for r in records),
        "median_cpu_seconds": statistics.median(r["cpu_seconds"] for r in records),
        "median_metrics": {name: statistics.median(r["metrics"][name] for r in records) for name in sorted(names)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="notebooks whose name contains one of these")
    parser.add_argument("--runs", type=int, default=3, help="runs per thread count (default 3)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default 1 2)")
    parser.add_argument("--quiet", type=float, default=0.5, help="load average to wait for (default 0.5)")
    parser.add_argument("--wait", type=float, default=300, help="longest wait for it, seconds (default 300)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = parser.parse_args(argv)
    chosen = [p for p in course_notebooks() if not args.only or any(k in p.name for k in args.only)]
    if not chosen:
        print("no notebook matches", args.only)
        return 1
    machine, failures = machine_description(), 0
    for path in chosen:
        relative = path.relative_to(ROOT).as_posix()
        print(f"timing {relative} ...", flush=True)
        entry = {f"threads_{k}": time_notebook(path, k, args.runs, args.quiet, args.wait, args.timeout)
                 for k in args.threads}
        failures += sum("failed" in r for rows in entry.values() for r in rows["runs"])
        with robustness.results_lock():
            results = run_notebooks.load_results()
            timing = results.setdefault("timing", {})
            earlier = timing.get(relative, {})  # other thread counts measured on this machine are kept
            same_machine = earlier.get("machine") == machine
            kept = {k: v for k, v in earlier.items() if k.startswith("threads_")} if same_machine else {}
            timing[relative] = {**kept, **entry, "machine": machine}
            run_notebooks.save_results(results)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
