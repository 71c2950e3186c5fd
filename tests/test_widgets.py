import ipywidgets
import matplotlib.pyplot as plt
import pytest
from ipywidgets.embed import embed_data

from sciml_course import widgets


def draw(a):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, a])
    return fig


def test_frame_slider_links_slider_and_stack_in_the_browser():
    frames = widgets.render_frames(draw, [0.0, 0.5, 1.0])
    box = widgets.frame_slider(frames, ["0", "0.5", "1"], description="a", start=1)
    slider, stack = box.children
    assert isinstance(stack, ipywidgets.Stack)
    assert stack.selected_index == 1 and slider.index == 1
    assert all(frame.startswith(b"\x89PNG") for frame in frames)
    state = embed_data(views=[box])["manager_state"]["state"]
    links = [m["state"] for m in state.values() if m["model_name"] == "LinkModel"]
    assert {"source": [f"IPY_MODEL_{slider.model_id}", "index"],
            "target": [f"IPY_MODEL_{stack.model_id}", "selected_index"]} in [
        {k: link[k] for k in ("source", "target")} for link in links
    ]


def test_frame_slider_without_stack_swaps_one_image_from_the_kernel(monkeypatch):
    # ipywidgets 7.7 (Colab's own, which the course does not upgrade) has no Stack
    monkeypatch.delattr(ipywidgets, "Stack")
    frames = [b"\x89PNG0", b"\x89PNG1", b"\x89PNG2"]
    box = widgets.frame_slider(frames, ["0", "1", "2"], start=2)
    slider, image = box.children
    assert isinstance(image, ipywidgets.Image) and image.value == frames[2]
    slider.index = 0
    assert image.value == frames[0]
    slider.value = "1"
    assert image.value == frames[1]


@pytest.mark.parametrize(
    "frames, labels, kwargs, error, name",
    [
        ([], [], {}, TypeError, "frames"),
        (["not bytes"], ["a"], {}, TypeError, "frames"),
        ([b"a", b"b"], ["x"], {}, ValueError, "labels"),
        ([b"a", b"b"], ["x", "x"], {}, ValueError, "distinct"),
        ([b"a"], ["x"], {"start": 1}, ValueError, "start"),
    ],
)
def test_frame_slider_rejects_bad_inputs(frames, labels, kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.frame_slider(frames, labels, **kwargs)


def test_render_frames_and_figure_to_png_reject_bad_inputs():
    with pytest.raises(TypeError, match="draw"):
        widgets.render_frames(None, [1])
    with pytest.raises(ValueError, match="values"):
        widgets.render_frames(draw, [])
    with pytest.raises(TypeError, match="fig"):
        widgets.figure_to_png("fig")
    with pytest.raises(ValueError, match="dpi"):
        widgets.figure_to_png(draw(1.0), dpi=1)
