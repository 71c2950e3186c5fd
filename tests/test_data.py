import numpy as np
import pytest
import torch

from sciml_course import data


def test_cats_and_dogs_shapes_labels_and_ranges():
    X, labels = data.cats_and_dogs(50, seed=1)
    assert X.shape == (100, 2) and X.dtype == torch.float64
    assert labels.tolist() == [data.CAT] * 50 + [data.DOG] * 50
    assert X[:, 0].min() >= 5 and X[:, 1].max() <= 10


def test_cats_and_dogs_dogs_are_bigger_and_floppier_on_average():
    X, labels = data.cats_and_dogs(200)
    assert (X[labels == data.DOG].mean(0) > X[labels == data.CAT].mean(0)).all()


@pytest.mark.parametrize("seed", range(4))
def test_cats_and_dogs_separable_at_small_noise_and_overlapping_at_large_noise(seed):
    from scipy.optimize import linprog

    def separable(X, labels):  # is there (w, C) with s_i (w·X_i − C) ≥ 1 for all i?
        s = 2 * labels.double().numpy() - 1
        rows = -s[:, None] * np.column_stack([X.numpy(), -np.ones(len(X))])
        return linprog(np.zeros(3), A_ub=rows, b_ub=-np.ones(len(X)), bounds=[(None, None)] * 3).status == 0

    assert separable(*data.cats_and_dogs(100, noise=0.5, seed=seed))
    assert not separable(*data.cats_and_dogs(100, noise=1.2, seed=seed))


def test_cats_and_dogs_is_reproducible():
    assert torch.equal(data.cats_and_dogs(10, seed=3)[0], data.cats_and_dogs(10, seed=3)[0])


@pytest.mark.parametrize(
    "kwargs, error, name",
    [({"n_per_class": 0}, ValueError, "n_per_class"), ({"noise": -1.0}, ValueError, "noise"), ({"seed": 0.5}, TypeError, "seed")],
)
def test_cats_and_dogs_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        data.cats_and_dogs(**({"n_per_class": 5} | kwargs))


def test_digits_are_scaled_and_binary_on_request():
    images, labels = data.digits()
    assert images.shape == (1797, 8, 8) and 0 <= images.min() and images.max() == 1
    binary, _ = data.digits(binary=True)
    assert set(np.unique(binary)) == {0.0, 1.0}
    assert set(labels) == set(range(10))
    with pytest.raises(TypeError, match="binary"):
        data.digits(binary=1)


def test_mackey_glass_is_bounded_chaotic_and_validated():
    x = data.mackey_glass(800)
    assert x.shape == (800,) and 0.2 < x.min() and x.max() < 1.5
    assert np.std(x) > 0.1  # it oscillates, it does not settle
    with pytest.raises(ValueError, match="tau"):
        data.mackey_glass(10, tau=0.0)
    with pytest.raises(TypeError, match="sample_every"):
        data.mackey_glass(10, sample_every=2.5)
