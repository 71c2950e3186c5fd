"""The robustness runner, and determinism: the same run seed twice gives the same numbers."""

import pytest

from benchmarks import robustness
from tools.notebooks import ROOT

CHEAP_NOTEBOOK = ROOT / "lectures" / "D1_differential_operators.ipynb"


@pytest.fixture(scope="module")
def runs():
    return [robustness.run_once(CHEAP_NOTEBOOK, seed, timeout=600) for seed in (2, 2, 0)]


def test_same_seed_twice_on_one_machine_records_identical_metrics(runs):
    first, second, _ = runs
    assert first["metrics"] and first["metrics"] == second["metrics"]
    assert not first["failures"] and not second["failures"]


def test_another_seed_moves_the_trained_numbers(runs):
    shifted, _, default = runs
    assert shifted["metrics"]["d1_learned_stencil_error"] != default["metrics"]["d1_learned_stencil_error"]


def test_spread_summarises_min_median_max_per_metric():
    runs = {"0": {"metrics": {"a": 1.0}}, "1": {"metrics": {"a": 3.0}}, "2": {"metrics": {"a": 2.0, "b": 5.0}}}
    assert robustness.spread(runs) == {"a": (1.0, 2.0, 3.0, 3), "b": (5.0, 5.0, 5.0, 1)}


def test_failing_cells_are_reported_with_index_and_message():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("1"),
        nbformat.v4.new_code_cell("assert False, 'claim broken'"),
    ])
    notebook.cells[2].outputs = [nbformat.v4.new_output("error", ename="AssertionError",
                                                        evalue="claim broken", traceback=[])]
    assert robustness.failing_cells(notebook) == [{"cell": 1, "error": "AssertionError", "message": "claim broken"}]
