"""The run seed SCIML_SEED: one switch that shifts every random stream of a run."""

import numpy as np
import pytest
import torch

from sciml_course import data, device, models, random_fields, seeding, training


@pytest.fixture
def run_seed(monkeypatch):
    def set_to(value):
        if value is None:
            monkeypatch.delenv(seeding.ENV_VARIABLE, raising=False)
        else:
            monkeypatch.setenv(seeding.ENV_VARIABLE, str(value))
    return set_to


@pytest.mark.parametrize("unset", [None, "", "0"])
def test_without_a_run_seed_every_seed_is_used_as_written(run_seed, unset):
    run_seed(unset)
    assert seeding.derive(7) == 7
    assert np.array_equal(seeding.numpy_rng(3).random(4), np.random.default_rng(3).random(4))
    assert torch.equal(torch.rand(3, generator=seeding.torch_generator(5)),
                       torch.rand(3, generator=torch.Generator().manual_seed(5)))


def test_a_run_seed_gives_new_distinct_seeds_and_repeats_them(run_seed):
    run_seed(1)
    shifted = [seeding.derive(s) for s in range(20)]
    assert len(set(shifted)) == 20 and shifted != list(range(20))
    assert shifted == [seeding.derive(s) for s in range(20)]
    run_seed(2)
    assert not set(shifted) & {seeding.derive(s) for s in range(20)}
    assert all(0 <= s < 2**63 for s in shifted)


@pytest.mark.parametrize("bad", ["-1", "one", "1.5"])
def test_a_bad_run_seed_is_rejected_naming_the_variable(run_seed, bad):
    run_seed(bad)
    with pytest.raises(ValueError, match=seeding.ENV_VARIABLE):
        seeding.derive(0)


def test_package_generators_and_global_streams_follow_the_run_seed(run_seed):
    draws = {}
    for value in (None, 1, 1):
        run_seed(value)
        device.seed_everything(0)
        draws.setdefault(value, []).append(np.concatenate([
            random_fields.sample_grf(1, 16, seed=0)[0], data.cats_and_dogs(n_per_class=2, seed=0)[0].ravel(),
            torch.rand(2).numpy(), np.random.rand(2)]))
    assert not np.allclose(draws[None][0], draws[1][0])  # every stream moved
    assert np.array_equal(draws[1][0], draws[1][1])  # and repeats under the same run seed


def _train_once() -> list[float]:
    device.setup(seed=0, prefer_gpu=False)
    x = torch.linspace(-1, 1, 64).unsqueeze(1)
    y = torch.sin(3 * x) + 0.1 * torch.randn(x.shape)
    model = models.mlp(1, 1, width=16, depth=2)
    history = training.fit(model, x, y, epochs=20, batch_size=16, lr=1e-2,
                           generator=seeding.torch_generator(1), progress=False)
    return history.train


def test_same_run_seed_twice_gives_identical_training_and_another_seed_does_not(run_seed):
    run_seed(3)
    first, second = _train_once(), _train_once()
    assert first == second
    run_seed(4)
    assert _train_once() != first
