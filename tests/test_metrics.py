import math

import nbformat
import pytest

from sciml_course import metrics


def test_record_attaches_the_value_to_the_output_metadata(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    outputs = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: outputs.append((data, metadata))
    assert metrics.record("demo_error", 0.125) == 0.125
    data, metadata = outputs[-1]
    assert data["text/plain"] == "demo_error = 0.125"
    assert metadata == {"sciml_metric": {"demo_error": 0.125}}


def test_read_metrics_collects_from_every_cell():
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"text/plain": "a"}, metadata={"sciml_metric": {"a": 1.0}}),
        nbformat.v4.new_output("stream", text="hello"),
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("m")])
    assert metrics.read_metrics(notebook) == {"a": 1.0}


@pytest.mark.parametrize("name", ["Bad Name", "", "x-y", 3])
def test_record_rejects_bad_names(name):
    with pytest.raises(ValueError, match="name"):
        metrics.record(name, 1.0)


@pytest.mark.parametrize("value, error", [("1", TypeError), (math.nan, ValueError)])
def test_record_rejects_bad_values(value, error):
    with pytest.raises(error, match="value"):
        metrics.record("ok_name", value)
