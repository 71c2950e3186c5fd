"""Widgets that work live in Jupyter and without a kernel in the built book.

A live widget needs Python behind it. For the static book, :func:`frame_slider`
precomputes one image per slider value and shows them in an
``ipywidgets.Stack`` whose visible child is linked to the slider *in the
browser* (``jslink``), so moving the slider changes the picture with no kernel.

Works with ipywidgets 8 (the local environment and the book) and 7.7 (Colab's
own, which the course does not upgrade: see utils/pyproject.toml). ``Stack``
is new in 8; with 7.7 :func:`frame_slider` shows one ``Image`` whose picture
the kernel swaps when the slider moves, which Colab's live kernel does.
"""

from __future__ import annotations

import io
from typing import Callable, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .plotting import RENDER_LOCK
from ._validation import check_int


def figure_to_png(fig: Figure, dpi: int = 72) -> bytes:
    """Render a matplotlib figure to PNG bytes and close it.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> figure_to_png(fig)[:4] == b"\\x89PNG"
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    dpi = check_int("dpi", dpi, minimum=10)
    buffer = io.BytesIO()
    with RENDER_LOCK:  # a widget callback may be drawing on another thread
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def render_frames(draw: Callable[[float], Figure], values: Sequence, dpi: int = 72) -> list[bytes]:
    """Call ``draw(value)`` for every value and return the PNG of each figure.

    Examples
    --------
    >>> def draw(a):
    ...     fig, ax = plt.subplots(); ax.plot([0, 1], [0, a]); return fig
    >>> len(render_frames(draw, [0.0, 1.0]))
    2
    """
    if not callable(draw):
        raise TypeError(f"draw must be callable, got {type(draw).__name__}")
    values = list(values)
    if not values:
        raise ValueError("values must contain at least one value")
    return [figure_to_png(draw(value), dpi=dpi) for value in values]


def _fluid() -> widgets.Layout:
    """A picture's layout that shrinks to the page's width (a phone's 390 px)."""
    return widgets.Layout(max_width="100%", height="auto")


def frame_slider(
    frames: Sequence[bytes],
    labels: Sequence,
    description: str = "value",
    start: int = 0,
) -> widgets.VBox:
    """A slider that flips through precomputed images, with no kernel needed.

    Parameters
    ----------
    frames : sequence of bytes
        PNG images, one per slider position (see :func:`render_frames`).
    labels : sequence
        What the slider shows at each position (e.g. the epsilon values).
    description : str
        Text in front of the slider.
    start : int
        Index shown first.

    Returns
    -------
    ipywidgets.VBox
        The slider above the image stack; ``box.children`` is ``(slider, stack)``.
        With ipywidgets 7 (no ``Stack``) it is ``(slider, image)``, the image
        updated by the kernel.

    Examples
    --------
    >>> box = frame_slider([b"a", b"b"], [0.1, 0.2], description="eps")
    >>> box.children[1].selected_index
    0
    """
    frames = list(frames)
    labels = [str(label) for label in labels]
    if not frames or not all(isinstance(frame, bytes) for frame in frames):
        raise TypeError("frames must be a non-empty sequence of PNG bytes")
    if len(labels) != len(frames):
        raise ValueError(
            f"labels must have one entry per frame: {len(labels)} labels, {len(frames)} frames"
        )
    if len(set(labels)) != len(labels):
        raise ValueError("labels must be distinct")
    start = check_int("start", start, minimum=0)
    if start >= len(frames):
        raise ValueError(f"start must be < {len(frames)}, got {start}")
    slider = widgets.SelectionSlider(
        options=labels,
        index=start,
        description=description,
        continuous_update=True,
        layout=widgets.Layout(width="100%", max_width="480px"),
        style={"description_width": "initial"},
    )
    if not hasattr(widgets, "Stack"):  # ipywidgets 7
        return widgets.VBox([slider, _kernel_image(slider, frames, start)])
    # fluid sizes: the slider and the pictures shrink to a phone's width
    images = [widgets.Image(value=frame, format="png", layout=_fluid()) for frame in frames]
    stack = widgets.Stack(images, selected_index=start)
    widgets.jslink((slider, "index"), (stack, "selected_index"))
    return widgets.VBox([slider, stack])


def _kernel_image(slider: widgets.SelectionSlider, frames: list[bytes], start: int) -> widgets.Image:
    """One image showing ``frames[slider.index]``, swapped by the kernel (ipywidgets 7)."""
    image = widgets.Image(value=frames[start], format="png", layout=_fluid())

    def show(change):
        image.value = frames[change["new"]]

    slider.observe(show, names="index")
    return image
