"""A common figure style, and captions that travel with the figure.

:func:`finish` refuses a figure whose axes lack labels, then writes the
caption under it, so the caption is visible in Jupyter, Colab and the book.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt

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


def finish(fig: mpl.figure.Figure, caption: str, width: int = 100) -> mpl.figure.Figure:
    """Check that every axis is labelled and write ``caption`` under the figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The finished figure.
    caption : str
        One or two sentences saying what the figure shows.
    width : int
        Characters per caption line.

    Returns
    -------
    matplotlib.figure.Figure
        The same figure (so a cell can end with ``finish(fig, "...")``).

    Raises
    ------
    ValueError
        If an axis with visible frame has no x or y label, or the caption is empty.

    Examples
    --------
    >>> fig, ax = plt.subplots(); _ = ax.set(xlabel="x", ylabel="y")
    >>> finish(fig, "A blank plot.") is fig
    True
    """
    if not isinstance(fig, mpl.figure.Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(caption, str) or not caption.strip():
        raise ValueError("caption must be a non-empty string")
    problems = _unlabelled_axes(fig)
    if problems:
        raise ValueError("every plotted axis needs labels: " + "; ".join(problems))
    fig.tight_layout()
    text = textwrap.fill(caption.strip(), width=width)
    fig.text(0.5, 0.0, text, ha="center", va="top", fontsize=9, style="italic")
    return fig
