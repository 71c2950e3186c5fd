import json

import numpy as np
import pytest
import torch

from sciml_course import random_fields, spectral_burgers as sb


def test_grid_refinement_agreement_at_nu_0_1():
    u0 = random_fields.sample_grf(4, 128, n_modes=15, zero_mean=True, seed=0)
    coarse = sb.solve_burgers(u0[:, ::2], 0.1, 0.2, dt=2e-3)
    fine = sb.solve_burgers(u0, 0.1, 0.2, dt=2e-3)
    assert np.abs(fine[:, ::2] - coarse).max() < 1e-9 * np.abs(fine).max()


def test_time_stepping_is_fourth_order():
    u0 = random_fields.sample_grf(2, 64, n_modes=10, zero_mean=True, seed=0)
    ref = sb.solve_burgers(u0, 0.02, 0.5, dt=2.5e-3)
    errors = [np.abs(sb.solve_burgers(u0, 0.02, 0.5, dt=dt) - ref).max() for dt in (2e-2, 1e-2)]
    assert 10 < errors[0] / errors[1] < 24


def test_linear_limit_and_conservation():
    x = np.arange(64) / 64
    u0 = 1e-6 * np.sin(2 * np.pi * x)
    u = sb.solve_burgers(u0, 0.05, 0.5)
    assert np.allclose(u, u0 * np.exp(-0.05 * (2 * np.pi) ** 2 * 0.5), atol=1e-13)
    v0 = random_fields.sample_grf(2, 64, n_modes=10, seed=1)
    v = sb.solve_burgers(v0, 0.02, 0.3)
    assert np.allclose(v.mean(1), v0.mean(1), atol=1e-12)  # mean is conserved


def test_torch_and_numpy_agree_and_snapshots():
    u0 = random_fields.sample_grf(2, 32, n_modes=6, zero_mean=True, seed=2)
    a = sb.solve_burgers(u0, 0.1, 0.2)
    b = sb.solve_burgers(torch.as_tensor(u0), 0.1, 0.2)
    assert isinstance(b, torch.Tensor) and np.allclose(a, b.numpy())
    snaps = sb.solve_burgers(u0[0], 0.1, 0.2, n_snapshots=4)
    assert snaps.shape == (4, 32) and np.allclose(snaps[-1], a[0], atol=1e-4)


def test_fourier_resample_is_exact_for_trigonometric_polynomials():
    u = random_fields.sample_grf(3, 32, n_modes=8, seed=3)
    fine = random_fields.sample_grf(3, 128, n_modes=8, seed=3)
    assert np.allclose(sb.fourier_resample(u, 128), fine)
    assert np.allclose(sb.fourier_resample(fine, 32), u)


def test_dataset_batches_by_amplitude_keep_every_pair_in_place():
    d = sb.burgers_dataset(7, 0.05, n_grid=32, batch_size=2, use_cache=False, progress=False, seed=3)
    amplitudes = np.abs(d["u0"]).max(axis=1)
    assert not np.all(np.diff(amplitudes) >= 0)  # the samples are not stored in amplitude order
    one_by_one = np.stack([sb.solve_burgers(u, 0.05) for u in d["u0"]])
    assert np.allclose(d["u1"], one_by_one, atol=1e-5)  # time steps differ; a swapped pair would not


def test_solve_sorted_keeps_the_order_and_gives_each_batch_its_own_time_step():
    x = np.arange(32) / 32
    u0 = np.outer([1.5, 0.1, 0.8, 0.2], np.sin(2 * np.pi * x)) + 0.05 * np.cos(6 * np.pi * x)
    alone = np.stack([sb.solve_burgers(u, 0.05, 0.2) for u in u0])
    by_two = sb.solve_sorted(u0, 0.05, 0.2, batch_size=2)
    assert np.allclose(by_two, alone, atol=1e-3)  # time steps differ; a swapped pair would not
    # the gentle pair is solved with a longer step than one batch would allow: equal to solving it alone
    gentle = sb.solve_burgers(u0[[1, 3]], 0.05, 0.2)
    assert np.array_equal(by_two[[1, 3]], gentle)


def test_dataset_is_cached_with_a_checksum(tmp_path):
    first = sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)
    assert not first["cached"] and first["path"].exists()
    second = sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)
    assert second["cached"] and np.array_equal(first["u1"], second["u1"])
    meta = json.loads(first["path"].with_suffix(".json").read_text())
    meta["sha256"] = "0" * 64
    first["path"].with_suffix(".json").write_text(json.dumps(meta))
    third = sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)
    assert not third["cached"] and np.allclose(third["u1"], first["u1"])
    first["path"].unlink()
    assert not sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)["cached"]


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: sb.solve_burgers("u", 0.1), TypeError, "u0"),
        (lambda: sb.solve_burgers(np.zeros(8), 0.0), ValueError, "nu"),
        (lambda: sb.solve_burgers(np.zeros(7), 0.1), ValueError, "even"),
        (lambda: sb.solve_burgers(np.zeros((2, 2, 8)), 0.1), ValueError, "u0"),
        (lambda: sb.solve_burgers(np.zeros(8), 0.1, cfl=2.0), ValueError, "cfl"),
        (lambda: sb.solve_burgers(np.zeros(8), 0.1, n_snapshots=0), ValueError, "n_snapshots"),
        (lambda: sb.fourier_resample(np.zeros(8), 1), ValueError, "n_out"),
        (lambda: sb.burgers_dataset(2, 0.1, n_grid=15, use_cache=False), ValueError, "n_grid"),
        (lambda: sb.burgers_dataset(2, 0.1, n_grid=16, n_solver=24, use_cache=False), ValueError, "n_solver"),
        (lambda: sb.burgers_dataset(2, 0.1, n_grid=16, n_modes=8, use_cache=False), ValueError, "n_modes"),
    ],
)
def test_bad_inputs_are_rejected(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_a_truncated_cache_file_is_regenerated_not_read(tmp_path):
    first = sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)
    first["path"].write_bytes(first["path"].read_bytes()[:100])
    again = sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)
    assert not again["cached"] and np.array_equal(again["u1"], first["u1"])
    first["path"].with_suffix(".json").write_text("{not json")
    assert not sb.burgers_dataset(6, 0.1, n_grid=16, n_solver=32, cache_dir=tmp_path, progress=False)["cached"]
    assert not list(tmp_path.glob("*.part"))  # no temporary file left behind


def test_the_cache_key_follows_the_run_seed(tmp_path, monkeypatch):
    default = sb.burgers_dataset(4, 0.1, n_grid=16, cache_dir=tmp_path, progress=False)
    monkeypatch.setenv("SCIML_SEED", "1")
    shifted = sb.burgers_dataset(4, 0.1, n_grid=16, cache_dir=tmp_path, progress=False)
    assert shifted["path"] != default["path"] and not shifted["cached"]
    assert not np.allclose(shifted["u0"], default["u0"])


def _write_dataset(cache_dir):
    return sb.burgers_dataset(40, 0.1, n_grid=32, n_solver=64, cache_dir=cache_dir, progress=False)["u1"]


def test_two_processes_writing_the_same_cache_entry_leave_valid_data(tmp_path):
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        results = list(pool.map(_write_dataset, [tmp_path] * 4))
    reread = sb.burgers_dataset(40, 0.1, n_grid=32, n_solver=64, cache_dir=tmp_path, progress=False)
    assert reread["cached"]
    assert all(np.array_equal(r, reread["u1"]) for r in results)
