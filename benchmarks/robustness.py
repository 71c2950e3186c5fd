"""Run every notebook under several seeds: do its asserts hold, and how much do its numbers move?

Usage::

    python -m benchmarks.robustness                  # all ten notebooks, seeds 0 (default) and 1..3
    python -m benchmarks.robustness C3 CS2 --seeds 5 # names containing C3 or CS2, seeds 0..5
    python -m benchmarks.robustness --jobs 2         # two notebooks at a time (one torch thread each)
    python -m benchmarks.robustness CS1 --full       # with FULL = True, recorded apart from the default runs

Each run executes a notebook (never saved) with ``SCIML_SEED`` set (see
:mod:`sciml_course.seeding`; seed 0 is the default run, as committed), lets
every cell run even after a failure, and records the wall time, every failing
cell (index and message), the kernel's CPU time and every metric the notebook recorded with
``sciml_course.metrics.record``. Results are merged into
``benchmarks/robustness.json``, keyed by :func:`run_key` and seed, with the machine.
The key is the notebook's path, followed by ``, FULL = True`` for a ``--full`` run
and by ``, <n> threads`` when ``OMP_NUM_THREADS`` is not 1 (kernels get one thread
when it is unset). ``benchmarks.run_notebooks`` stores its run there as seed 0 of
the same key. The summary, ``benchmarks/robustness.md``, gives per key the seeds
run and the failures, and per metric min / median / max across seeds. The book's
results page shows that spread.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import fcntl
import json
import os
import pathlib
import statistics
import sys

import nbformat

from benchmarks.execution import FULL_SUFFIX, execute_notebook, switch_full_on
from benchmarks.machine import machine_description
from sciml_course.metrics import read_metrics
from sciml_course.seeding import ENV_VARIABLE
from tools.notebooks import ROOT, course_notebooks

ROBUSTNESS_JSON = ROOT / "benchmarks" / "robustness.json"
ROBUSTNESS_MD = ROOT / "benchmarks" / "robustness.md"


def failing_cells(notebook: nbformat.NotebookNode) -> list[dict]:
    """Index (among code cells), error name and first line of the message of every failed cell."""
    found = []
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for index, cell in enumerate(code_cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = (output.get("evalue") or "").strip().splitlines()
                found.append({"cell": index, "error": output.get("ename", ""),
                              "message": message[0][:300] if message else ""})
    return found


def run_once(path: pathlib.Path, seed: int, timeout: int, full: bool = False) -> dict:
    """Execute ``path`` with ``SCIML_SEED=seed`` (all cells, errors allowed; with ``full`` its
    ``FULL`` flag set to True); return the record."""
    notebook = nbformat.read(path, as_version=4)
    if full:
        switch_full_on(notebook)
    settings = {ENV_VARIABLE: str(seed), "OMP_NUM_THREADS": threads(),
                "MPLBACKEND": "Agg"}
    times, stopped = execute_notebook(notebook, path.parent, timeout=timeout, allow_errors=True, env=settings)
    return {**times, "metrics": read_metrics(notebook),
            "failures": failing_cells(notebook) + ([{"cell": -1, **stopped}] if stopped else [])}


def threads() -> str:
    """The kernels' ``OMP_NUM_THREADS``: this process's, 1 when unset."""
    return os.environ.get("OMP_NUM_THREADS", "1")


def run_key(relative: str, full: bool, thread_count: str) -> str:
    """The key of a notebook's runs in the result files: its path, then the settings if not the defaults."""
    more_threads = f", {thread_count} threads" if thread_count != "1" else ""
    return relative + (FULL_SUFFIX if full else "") + more_threads


def has_full_flag(path: pathlib.Path) -> bool:
    """Whether the notebook has a ``FULL = False`` line that ``--full`` can switch on."""
    try:
        switch_full_on(nbformat.read(path, as_version=4))
    except ValueError:
        return False
    return True


@contextlib.contextmanager
def results_lock():
    """Hold an exclusive lock on the benchmark result files while reading and rewriting them.

    Several runners (robustness seeds, ``run_notebooks``) may finish at the same
    moment; without the lock one read-modify-write would drop the other's entry.
    """
    with open(ROOT / "benchmarks" / ".results.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load() -> dict:
    if ROBUSTNESS_JSON.exists():
        return json.loads(ROBUSTNESS_JSON.read_text())
    return {"machine": "", "notebooks": {}}


def spread(runs: dict) -> dict[str, tuple[float, float, float, int]]:
    """Per metric: (min, median, max, number of seeds) over the runs."""
    values: dict[str, list[float]] = {}
    for run in runs.values():
        for name, value in run["metrics"].items():
            values.setdefault(name, []).append(value)
    return {name: (min(v), statistics.median(v), max(v), len(v)) for name, v in values.items()}


def render_markdown(results: dict) -> str:
    lines = [
        "<!-- generated by benchmarks/robustness.py; do not edit by hand -->",
        f"Measured on: {results['machine']}. Seed 0 is the default run; seeds 1, 2, … set "
        f"`{ENV_VARIABLE}`, which shifts every random stream of the notebook.",
        "",
        "| notebook | seeds | failing cells | wall time (s), min–max | kernel CPU (s), min–max |",
        "|---|---|---|---|---|",
    ]
    for path, entry in sorted(results["notebooks"].items()):
        runs = entry["runs"]
        seeds = ", ".join(sorted(runs, key=int))
        failed = [f"seed {s}, cell {f['cell']}: {f['error']} {f['message']}".replace("|", "/")
                  for s, run in sorted(runs.items(), key=lambda item: int(item[0])) for f in run["failures"]]
        times = [run["seconds"] for run in runs.values()]
        cpu = [run["cpu_seconds"] for run in runs.values() if "cpu_seconds" in run]
        cpu_range = f"{min(cpu):.0f}–{max(cpu):.0f} ({len(cpu)} runs)" if cpu else "not recorded"
        lines.append(f"| {path} | {seeds} | {'<br>'.join(failed) if failed else 'none'} "
                     f"| {min(times):.0f}–{max(times):.0f} | {cpu_range} |")
    lines += ["", "| metric | seeds | min | median | max |", "|---|---:|---:|---:|---:|"]
    for path, entry in sorted(results["notebooks"].items()):
        settings = f" ({path.split(', ', 1)[1]})" if ", " in path else ""
        for name, (low, middle, high, count) in sorted(spread(entry["runs"]).items()):
            lines.append(f"| `{name}`{settings} | {count} | {low:.4g} | {middle:.4g} | {high:.4g} |")
    return "\n".join(lines) + "\n"


def save(results: dict) -> None:
    ROBUSTNESS_JSON.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    ROBUSTNESS_MD.write_text(render_markdown(results))


def store(relative: str, seed: int, record: dict, machine: str) -> None:
    """Merge one run into robustness.json (re-read first: other runs may have written meanwhile)."""
    with results_lock():
        results = load()
        results["machine"] = machine
        results["notebooks"].setdefault(relative, {"runs": {}})["runs"][str(seed)] = record
        save(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run notebooks whose name contains one of these")
    parser.add_argument("--seeds", type=int, default=3, help="seeds besides the default 0 (default 3)")
    parser.add_argument("--skip-default", action="store_true", help="do not run seed 0")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at the same time")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    parser.add_argument("--full", action="store_true",
                        help="run with FULL = True (only notebooks with that flag); recorded apart")
    args = parser.parse_args()
    chosen = [p for p in course_notebooks() if not args.only or any(k in p.name for k in args.only)]
    if args.full:
        chosen = [path for path in chosen if has_full_flag(path)]
    if not chosen:
        print("no notebook matches", args.only, "with a FULL flag" if args.full else "")
        return 1
    seeds = range(1 if args.skip_default else 0, args.seeds + 1)
    # longest notebooks (the case studies) first, so the parallel runs end together
    tasks = sorted(((p, s) for p in chosen for s in seeds), key=lambda task: task[0].parent.name != "case_studies")
    machine = machine_description()
    failures = 0
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_once, path, seed, args.timeout, args.full): (path, seed)
                   for path, seed in tasks}
        for future in concurrent.futures.as_completed(futures):
            path, seed = futures[future]
            relative = run_key(path.relative_to(ROOT).as_posix(), args.full, threads())
            record = future.result()
            failures += bool(record["failures"])
            print(f"{relative} seed {seed}: {record['seconds']:.0f} s, {len(record['metrics'])} metrics, "
                  f"{len(record['failures'])} failing cells", flush=True)
            for failure in record["failures"]:
                print(f"   cell {failure['cell']}: {failure['error']}: {failure['message']}", flush=True)
            store(relative, seed, record, machine)
    print(ROBUSTNESS_MD.read_text())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
