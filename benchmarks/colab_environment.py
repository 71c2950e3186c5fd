"""Do the notebooks work in a Colab-like environment, installed the way Colab installs them?

Usage: python -m benchmarks.colab_environment [--notebook C1] [--keep]

1. a fresh virtual environment is pre-loaded with the versions Colab ships
   (``benchmarks/colab_constraints.txt``, cited there; torch is the local CPU
   build);
2. the repository's committed state is cloned, and the notebooks' own Colab
   setup cell (``tools.notebooks.colab_cell_source``, the one place that names
   the repository) is run in IPython with ``google.colab`` present and the
   repository address pointed at the clone (``git+file://…``);
3. checks: the install changed none of Colab's pinned packages (above all
   ipywidgets 7.7.1, which an in-place upgrade breaks in Colab); every import
   line of every notebook runs; one notebook (C1 by default: live and
   kernel-free widgets, training, exercises) executes end to end.

Needs the package index (pip) and a few minutes; it writes
``benchmarks/colab_environment.md``. It is a benchmark-style check, not part
of the test suite (a fresh environment takes minutes to install).
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from benchmarks.machine import machine_description
from tools.lock import canonical
from tools.notebooks import ROOT, colab_cell_source, course_notebooks, import_statements, repository_url

CONSTRAINTS = ROOT / "benchmarks" / "colab_constraints.txt"
REPORT = ROOT / "benchmarks" / "colab_environment.md"
TORCH = "torch==2.13.0"


def pinned() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonical(name)] = version
    return pins


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(command)[:200], flush=True)
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def installed(python: pathlib.Path) -> dict[str, str]:
    listing = json.loads(run([str(python), "-m", "pip", "list", "--format=json"]).stdout)
    return {canonical(entry["name"]): entry["version"] for entry in listing}


def import_lines() -> str:
    """Every distinct import statement of every notebook (``google.colab`` left out)."""
    found: list[str] = []
    for path in course_notebooks():
        for node in import_statements(nbformat.read(path, as_version=4)):
            line = ast.unparse(node)
            if line not in found and "google.colab" not in line:
                found.append(line)
    return "\n".join(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="C1", help="name part of the notebook to execute (default C1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary environment")
    args = parser.parse_args()
    start = time.perf_counter()
    work = pathlib.Path(tempfile.mkdtemp(prefix="colab-like-"))
    venv, clone = work / "venv", work / "clone"
    python = venv / "bin" / "python"
    results: list[tuple[str, bool, str]] = []

    run([sys.executable, "-m", "venv", str(venv)])
    run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(python), "-m", "pip", "install", "--quiet", TORCH, "-r", str(CONSTRAINTS)])
    before = installed(python)
    run(["git", "clone", "--quiet", f"file://{ROOT}", str(clone)])  # full: pip cannot clone a shallow clone

    cell = colab_cell_source().replace(repository_url(), f"file://{clone}")
    setup = ("import sys, types\n"
             "sys.modules['google.colab'] = types.ModuleType('google.colab')\n"
             f"result = get_ipython().run_cell({cell!r})\n"
             "print('SETUP', 'OK' if result.success else 'FAILED')\n")
    shown = subprocess.run([str(venv / "bin" / "ipython"), "-c", setup], text=True, capture_output=True)
    results.append(("the notebooks' Colab setup cell installs the course", "SETUP OK" in shown.stdout,
                    "" if "SETUP OK" in shown.stdout else shown.stdout[-1500:] + shown.stderr[-1500:]))
    after = installed(python)
    changed = {name: (version, after.get(name)) for name, version in pinned().items() if after.get(name) != version}
    torch_kept = after.get("torch", "").startswith("2.13.0")
    results.append(("Colab's pinned packages (and torch) are left as they are", not changed and torch_kept,
                    ", ".join(f"{n}: {a} → {b}" for n, (a, b) in changed.items())))
    added = sorted(set(after) - set(before))
    results.append(("packages the install added", True, ", ".join(f"{n} {after[n]}" for n in added)))

    try:
        run([str(python), "-c", import_lines()], cwd=work)
        results.append(("every import line of every notebook runs", True, ""))
    except subprocess.CalledProcessError as failure:
        results.append(("every import line of every notebook runs", False, failure.stderr[-1500:]))

    chosen = next(p for p in course_notebooks() if args.notebook in p.name)
    # the Colab-like interpreter runs the kernel; this (the course's) environment drives it
    run([str(python), "-m", "ipykernel", "install", "--prefix", str(work / "kernel"), "--name", "colab-like"])
    os.environ["JUPYTER_PATH"] = str(work / "kernel" / "share" / "jupyter")
    os.environ["OMP_NUM_THREADS"] = "1"
    notebook = nbformat.read(clone / chosen.relative_to(ROOT), as_version=4)
    seconds = time.perf_counter()
    try:
        NotebookClient(notebook, timeout=900, kernel_name="colab-like",
                       resources={"metadata": {"path": str(work)}}).execute()
        results.append((f"{chosen.name} runs end to end", True, f"{time.perf_counter() - seconds:.0f} s"))
    except (CellExecutionError, CellTimeoutError) as failure:
        results.append((f"{chosen.name} runs end to end", False, str(failure)[-2000:]))

    versions = {name: after.get(name, "—") for name in ["torch", *pinned()]}
    lines = ["<!-- generated by benchmarks/colab_environment.py; do not edit by hand -->",
             f"Run on {datetime.date.today().isoformat()}, {machine_description()}, "
             f"Python {sys.version.split()[0]}, {time.perf_counter() - start:.0f} s in all.", "",
             "| check | result | detail |", "|---|---|---|"]
    for name, passed, detail in results:
        detail = " ".join(detail.split()).replace("|", "/")[:600]
        lines.append(f"| {name} | {'pass' if passed else '**FAIL**'} | {detail} |")
    lines += ["", "Versions after the install: " + ", ".join(f"{n} {v}" for n, v in versions.items()) + "."]
    REPORT.write_text("\n".join(lines) + "\n")
    print(REPORT.read_text())
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(passed for _, passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
