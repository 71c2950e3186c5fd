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


def test_a_full_run_switches_the_flag_on_in_the_executed_copy_only(tmp_path):
    import nbformat

    path = tmp_path / "flagged.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "FULL = False\nfrom sciml_course import metrics\n"
        "metrics.record('steps', 10.0 if FULL else 1.0)")]), path)
    assert robustness.has_full_flag(path) and not robustness.has_full_flag(CHEAP_NOTEBOOK)
    assert robustness.run_once(path, 1, timeout=120, full=True)["metrics"] == {"steps": 10.0}
    assert robustness.run_once(path, 1, timeout=120)["metrics"] == {"steps": 1.0}
    assert "FULL = False" in path.read_text()


def test_full_runs_are_summarised_apart_from_the_default_runs():
    runs = {"0": {"seconds": 5.0, "metrics": {"x_error": 2.0}, "failures": []}}
    full_runs = {"1": {"seconds": 9.0, "metrics": {"x_error": 0.5}, "failures": []}}
    table = robustness.render_markdown({"machine": "m", "notebooks": {
        "case_studies/X.ipynb": {"runs": runs},
        f"case_studies/X.ipynb{robustness.FULL_SUFFIX}": {"runs": full_runs}}})
    assert "| `x_error` | 1 | 2 | 2 | 2 |" in table
    assert "| `x_error` (FULL = True) | 1 | 0.5 | 0.5 | 0.5 |" in table
    assert "| case_studies/X.ipynb, FULL = True | 1 | none | 9–9 | not recorded |" in table


def test_benchmark_table_shows_each_run_the_spread_of_its_own_settings(monkeypatch):
    from benchmarks import run_notebooks

    def entry(*values):
        return {"runs": {str(seed): {"metrics": {"x_error": v}} for seed, v in enumerate(values)}}

    monkeypatch.setattr(robustness, "load", lambda: {"machine": "m", "notebooks": {
        "case_studies/X.ipynb": entry(4.0, 6.0, 5.0),
        "case_studies/X.ipynb, FULL = True": entry(1.0, 3.0, 2.0)}})
    table = run_notebooks.render_markdown({"machine": "m", "notebooks": {
        "case_studies/X.ipynb": {"seconds": 1.0, "metrics": {"x_error": 4.0}},
        "case_studies/X.ipynb, FULL = True": {"seconds": 2.0, "metrics": {"x_error": 1.0}}}})
    assert "| `x_error` | 4 | 5 [4, 6], 3 seeds |" in table
    assert "| `x_error` | 1 | 2 [1, 3], 3 seeds |" in table


def test_runs_with_other_settings_get_their_own_key():
    assert robustness.run_key("lectures/X.ipynb", False, "1") == "lectures/X.ipynb"
    assert robustness.run_key("lectures/X.ipynb", True, "1") == "lectures/X.ipynb, FULL = True"
    assert robustness.run_key("lectures/X.ipynb", True, "2") == "lectures/X.ipynb, FULL = True, 2 threads"
    assert robustness.run_key("lectures/X.ipynb", False, "2") == "lectures/X.ipynb, 2 threads"
