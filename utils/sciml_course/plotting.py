"""A common figure style, and captions that travel with the figure.

:func:`caption` refuses a figure whose axes lack labels, then writes the
caption under it, so the caption is visible in Jupyter, Colab and the book.
:func:`finish` does that and shows the figure exactly once, with the caption
attached to the output as its alt text (``ALT_TEXT_KEY`` in the output
metadata; ``tools.book_outputs.clean_for_book`` hands it to the book). It
returns ``None``, so a cell may end with it without showing the figure twice.
Frames for a kernel-free slider use :func:`caption` (they are not shown).

Rendering holds :data:`RENDER_LOCK`: in JupyterLab with ipykernel 7, widget
callbacks run on their own thread while the main thread may be drawing too, and
matplotlib's mathtext parser is not thread-safe.

The colour cycle is Okabe and Ito's, which stays distinguishable under the
common forms of colour blindness.
"""

from __future__ import annotations

import textwrap
import threading

import matplotlib as mpl
import matplotlib.pyplot as plt

ALT_TEXT_KEY = "sciml_alt_text"
RENDER_LOCK = threading.RLock()
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
    "legend.frameon": False,
    "image.cmap": "viridis",
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
}


def use_course_style() -> None:
    """Apply the course's matplotlib style (call once per notebook)."""
    mpl.rcParams.update(STYLE)


def _unlabelled_axes(fig: mpl.figure.Figure) -> list[str]:
    problems = []
    for i, ax in enumerate(fig.axes):
        if not ax.axison or ax.get_label() == "<colorbar>":
            continue  # images shown without axes, and colour bars
        if ax.name == "3d":
            continue
        if not ax.get_xlabel():
            problems.append(f"axes {i} has no x label")
        if not ax.get_ylabel():
            problems.append(f"axes {i} has no y label")
    return problems


def caption(fig: mpl.figure.Figure, text: str, width: int = 100) -> mpl.figure.Figure:
    """Check that every axis is labelled and write ``text`` under the figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The finished figure.
    text : str
        One or two sentences saying what the figure shows.
    width : int
        Characters per caption line.

    Returns
    -------
    matplotlib.figure.Figure
        The same figure (for a frame of :func:`sciml_course.widgets.render_frames`).

    Raises
    ------
    ValueError
        If an axis with visible frame has no x or y label, or the caption is empty.

    Examples
    --------
    >>> fig, ax = plt.subplots(); _ = ax.set(xlabel="x", ylabel="y")
    >>> caption(fig, "A blank plot.") is fig
    True
    """
    if not isinstance(fig, mpl.figure.Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("caption must be a non-empty string")
    problems = _unlabelled_axes(fig)
    if problems:
        raise ValueError("every plotted axis needs labels: " + "; ".join(problems))
    with RENDER_LOCK:
        fig.tight_layout()
    fig.text(0.5, 0.0, textwrap.fill(text.strip(), width=width), ha="center", va="top", fontsize=9, style="italic")
    fig._sciml_caption = text.strip()
    return fig


def show(fig: mpl.figure.Figure, alt: str | None = None) -> None:
    """Display ``fig`` once (its caption as alt text) and close it; outside IPython, do nothing.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> show(fig) is None
    True
    """
    if not isinstance(fig, mpl.figure.Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    from IPython import get_ipython
    from IPython.display import display

    if get_ipython() is None:
        return
    alt = alt if alt is not None else getattr(fig, "_sciml_caption", "")
    with RENDER_LOCK:
        display(fig, metadata={ALT_TEXT_KEY: alt} if alt else None)
    plt.close(fig)  # the inline backend would otherwise show it a second time


def finish(fig: mpl.figure.Figure, text: str, width: int = 100) -> None:
    """:func:`caption` the figure, then :func:`show` it once; returns None.

    Raises
    ------
    ValueError
        If an axis with visible frame has no x or y label, or the caption is empty.

    Examples
    --------
    >>> fig, ax = plt.subplots(); _ = ax.set(xlabel="x", ylabel="y")
    >>> finish(fig, "A blank plot.") is None
    True
    """
    show(caption(fig, text, width))
