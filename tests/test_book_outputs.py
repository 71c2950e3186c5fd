"""The stored notebooks read well in the book: no progress bars, no unused widget state, alt text."""

import copy

import nbformat
import pytest

from sciml_course.plotting import ALT_TEXT_KEY
from tools.book_outputs import WIDGET_FALLBACK, WIDGET_STATE, WIDGET_VIEW, clean_for_book
from tools.notebooks import course_notebooks


def _widget_output(model_id):
    return nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": model_id, "version_major": 2}})


def _model(name, **state):
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}


def _notebook():
    state = {
        "bar": _model("HBoxModel", children=["IPY_MODEL_progress"], layout="IPY_MODEL_layout1"),
        "progress": _model("FloatProgressModel", value=1.0),
        "layout1": _model("LayoutModel"),
        "slider_box": _model("VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_stack"]),
        "slider": _model("SelectionSliderModel", index=0),
        "stack": _model("StackModel", children=[]),
        "link": _model("LinkModel", source=["IPY_MODEL_slider", "index"], target=["IPY_MODEL_stack", "selected_index"]),
        "dead_link": _model("LinkModel", source=["IPY_MODEL_progress", "value"], target=["IPY_MODEL_live", "x"]),
        "live": _model("VBoxModel", children=[]),
    }
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"}, metadata={ALT_TEXT_KEY: "A caption."})
    cells = [
        nbformat.v4.new_code_cell("train()", outputs=[_widget_output("bar")]),
        nbformat.v4.new_code_cell("slider()", outputs=[_widget_output("slider_box")]),
        nbformat.v4.new_code_cell("interact()", outputs=[_widget_output("live")], metadata={"tags": ["remove-output"]}),
        nbformat.v4.new_code_cell("plot()", outputs=[figure]),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    return notebook


def test_progress_bars_go_and_only_shown_widgets_and_their_links_keep_their_state():
    notebook = clean_for_book(_notebook())
    assert notebook.cells[0].outputs == []
    # the jslink between the slider and the picture stack stays: without it the slider is dead
    assert set(notebook.metadata["widgets"][WIDGET_STATE]["state"]) == {"slider_box", "slider", "stack", "link"}
    assert notebook.cells[2].outputs  # the live widget stays in the notebook, hidden in the book by its tag


def test_widget_text_fallback_says_to_run_the_cell():
    notebook = _notebook()
    notebook.cells[1].outputs[0].data["text/plain"] = "VBox(children=(SelectionSlider(index=0, ..."
    notebook = clean_for_book(notebook)
    assert notebook.cells[1].outputs[0].data["text/plain"] == WIDGET_FALLBACK
    assert "run this cell" in WIDGET_FALLBACK


def test_figure_captions_become_alt_text():
    notebook = clean_for_book(_notebook())
    assert notebook.cells[3].metadata["mystnb"]["image"]["alt"] == "A caption."


def test_a_notebook_without_shown_widgets_loads_no_widget_state():
    notebook = _notebook()
    notebook.cells = notebook.cells[:1]
    assert "widgets" not in clean_for_book(notebook).metadata


def test_cleaning_is_idempotent():
    once = clean_for_book(_notebook())
    assert clean_for_book(copy.deepcopy(once)) == once


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_stored_notebooks_are_clean_for_the_book(path):
    notebook = nbformat.read(path, as_version=4)
    assert clean_for_book(copy.deepcopy(notebook)) == notebook, "re-save with python -m benchmarks.run_notebooks"
    images = [cell for cell in notebook.cells if cell.cell_type == "code"
              and any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))]
    missing = [i for i, cell in enumerate(images) if not cell.metadata.get("mystnb", {}).get("image", {}).get("alt")]
    assert not missing, f"figures without alt text in {len(missing)} cells"
