"""Make an executed notebook's stored outputs read well in the book.

:func:`clean_for_book` is applied by ``benchmarks.run_notebooks`` before it
saves a notebook. It

- removes finished progress bars (tqdm's widget: an HBox around a
  FloatProgress): they belong to live runs and render as blank gaps;
- keeps in the notebook's widget state only the models that a shown output
  still uses, and the links between them (``jslink``: a LinkModel is referenced
  by no view, it references the two widgets it ties); a page without a real
  widget then loads no widget script;
  outputs of cells tagged ``remove-output`` (live-kernel widgets that the book
  replaces by a kernel-free twin) do not count;
- replaces a widget output's plain-text fallback (``interactive(children=(FloatSlider(…``,
  what JupyterLab and Colab show before the cell has run in a live kernel) by
  :data:`WIDGET_FALLBACK`, a line that says what to do;
- copies each figure's caption, attached by ``sciml_course.plotting.finish``
  as output metadata, into the cell metadata that MyST-NB turns into the
  image's alt text (``mystnb: image: alt:``).

It is idempotent: cleaning a clean notebook changes nothing.
"""

from __future__ import annotations

from typing import Any

from sciml_course.plotting import ALT_TEXT_KEY

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_REFERENCE = "IPY_MODEL_"
WIDGET_FALLBACK = "[An interactive widget: run this cell to use it.]"


def _state(notebook: Any) -> dict:
    return notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _references(value: Any) -> list[str]:
    """Every model id a widget model's state points at (``"IPY_MODEL_<id>"`` strings)."""
    if isinstance(value, str):
        return [value[len(_REFERENCE):]] if value.startswith(_REFERENCE) else []
    if isinstance(value, dict):
        return [ref for item in value.values() for ref in _references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in _references(item)]
    return []


def _reachable(roots: list[str], state: dict) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen or model not in state:
            continue
        seen.add(model)
        todo += _references(state[model].get("state", {}))
    return seen


def is_progress_bar(output: Any, state: dict) -> bool:
    """True for a widget output whose model tree contains a progress bar (tqdm in a notebook)."""
    view = output.get("data", {}).get(WIDGET_VIEW)
    if not view:
        return False
    models = _reachable([view.get("model_id", "")], state)
    return any(state[m].get("model_name", "").endswith("ProgressModel") for m in models)


def _links_within(entry: dict, kept: set[str]) -> bool:
    """True for a jslink model (referenced by no view) between widgets that are all kept."""
    tied = set(_references(entry.get("state", {})))
    return entry.get("model_name", "").endswith("LinkModel") and bool(tied) and tied <= kept


def _tags(cell: Any) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def clean_for_book(notebook: Any) -> Any:
    """Drop progress bars and unused widget state, and set figures' alt text; returns ``notebook``."""
    state = _state(notebook)
    roots = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        cell["outputs"] = [o for o in cell.get("outputs", []) if not is_progress_bar(o, state)]
        for output in cell["outputs"]:
            if WIDGET_VIEW in output.get("data", {}):
                output["data"]["text/plain"] = WIDGET_FALLBACK
        if "remove-output" not in _tags(cell):
            roots += [o["data"][WIDGET_VIEW]["model_id"] for o in cell["outputs"] if WIDGET_VIEW in o.get("data", {})]
        alts = [o["metadata"][ALT_TEXT_KEY] for o in cell["outputs"] if ALT_TEXT_KEY in o.get("metadata", {})]
        if alts:
            cell["metadata"].setdefault("mystnb", {}).setdefault("image", {})["alt"] = " / ".join(alts)
    if state:
        keep = _reachable(roots, state)
        keep |= {model for model, entry in state.items() if _links_within(entry, keep)}
        if keep:
            for model in set(state) - keep:
                del state[model]
        else:
            del notebook["metadata"]["widgets"]
    return notebook
