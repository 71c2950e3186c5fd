"""Executing one notebook for a benchmark: its kernel's environment, wall time and CPU time, first error."""

from __future__ import annotations

import contextlib
import os
import pathlib
import resource
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def children_cpu_seconds() -> float:
    """CPU time (user + system) of this process's finished children: the kernels it ran."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def kernel_environment(settings: dict[str, str]):
    """Set environment variables for the kernels started inside the block (they inherit them)."""
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute_notebook(notebook: nbformat.NotebookNode, directory: pathlib.Path, *, timeout: int,
                     allow_errors: bool = False, env: dict[str, str] | None = None) -> tuple[dict, dict | None]:
    """Execute ``notebook`` in place, its kernel started in ``directory`` with ``env`` added to its environment.

    Returns the times ``{"seconds": wall, "cpu_seconds": kernel CPU}`` (the kernel is a child
    process, counted once it has exited) and the error that stopped the run as
    ``{"error": name, "message": its start}``, or None. With ``allow_errors`` failing cells do
    not stop the run (read them from the outputs); a timed-out cell always does. Widget states
    are stored with the notebook (nbclient's output-widget hook needs them: without, a cell that
    displays an ``ipywidgets.Output`` fails with a KeyError).
    """
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(directory)}}, store_widget_state=True)
    stopped = None
    start, cpu_start = time.perf_counter(), children_cpu_seconds()
    with kernel_environment(env or {}):
        try:
            client.execute()
        except CellExecutionError as failure:
            stopped = {"error": failure.ename, "message": str(failure.evalue).strip()[:300]}
        except CellTimeoutError as failure:
            stopped = {"error": "CellTimeoutError", "message": str(failure).splitlines()[0][:300]}
    times = {"seconds": round(time.perf_counter() - start, 1),
             "cpu_seconds": round(children_cpu_seconds() - cpu_start, 1)}
    return times, stopped


FULL_OFF, FULL_ON = "FULL = False", "FULL = True"
FULL_SUFFIX = ", FULL = True"  # a FULL run's key beside the notebook's path in the result files


def switch_full_on(notebook: nbformat.NotebookNode) -> None:
    """Set the notebook's ``FULL = False`` flag (the start of a code line) to True."""
    for cell in notebook.cells:
        lines = cell.source.splitlines()
        if cell.cell_type == "code" and any(line.startswith(FULL_OFF) for line in lines):
            cell.source = "\n".join(FULL_ON + line[len(FULL_OFF):] if line.startswith(FULL_OFF) else line
                                    for line in lines)
            return
    raise ValueError("the notebook has no code line starting with 'FULL = False'")
