import matplotlib.pyplot as plt
import pytest

from sciml_course import plotting


def test_finish_adds_the_caption_under_a_labelled_figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set(xlabel="x", ylabel="y")
    assert plotting.caption(fig, "A straight line.") is fig
    assert any("A straight line." in t.get_text() for t in fig.texts)
    assert plotting.finish(fig, "A straight line.") is None  # nothing for IPython to echo a second time


def test_finish_refuses_unlabelled_axes():
    fig, ax = plt.subplots()
    ax.set_xlabel("x")
    with pytest.raises(ValueError, match="no y label"):
        plotting.finish(fig, "caption")


def test_finish_ignores_images_without_axes():
    fig, ax = plt.subplots()
    ax.imshow([[0, 1], [1, 0]])
    ax.axis("off")
    plotting.finish(fig, "An image.")


@pytest.mark.parametrize("caption, error", [("", ValueError), (None, ValueError)])
def test_finish_needs_a_caption(caption, error):
    fig, ax = plt.subplots()
    ax.set(xlabel="x", ylabel="y")
    with pytest.raises(error, match="caption"):
        plotting.finish(fig, caption)


def test_finish_needs_a_figure():
    with pytest.raises(TypeError, match="fig"):
        plotting.finish("figure", "caption")


def test_use_course_style_sets_rcparams():
    plotting.use_course_style()
    assert plt.rcParams["axes.grid"] is True


def test_show_displays_the_figure_once_with_its_caption_as_alt_text(monkeypatch):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda obj, metadata=None: shown.append((obj, metadata)))
    fig, ax = plt.subplots()
    ax.set(xlabel="x", ylabel="y")
    plotting.finish(fig, "Alt and caption.")
    assert shown == [(fig, {plotting.ALT_TEXT_KEY: "Alt and caption."})]
    assert not plt.fignum_exists(fig.number)  # closed: the inline backend will not show it again


def test_course_colours_are_the_okabe_ito_palette():
    plotting.use_course_style()
    assert plt.rcParams["axes.prop_cycle"].by_key()["color"] == plotting.OKABE_ITO
