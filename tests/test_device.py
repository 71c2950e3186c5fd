import numpy as np
import pytest
import torch

from sciml_course import device


def test_setup_returns_cpu_without_gpu_preference():
    assert device.setup(seed=0, prefer_gpu=False) == torch.device("cpu")


def test_setup_picks_cuda_exactly_when_available():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert device.setup(seed=0).type == expected


def test_seed_everything_makes_torch_and_numpy_repeat():
    device.seed_everything(3)
    first = (torch.rand(3), np.random.rand(3))
    device.seed_everything(3)
    assert torch.equal(first[0], torch.rand(3))
    assert np.array_equal(first[1], np.random.rand(3))


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError)])
def test_seed_rejects_bad_values(seed, error):
    with pytest.raises(error, match="seed"):
        device.setup(seed=seed)


def test_pick_device_rejects_non_bool():
    with pytest.raises(TypeError, match="prefer_gpu"):
        device.pick_device("yes")
