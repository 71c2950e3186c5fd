import math

import pytest
import torch

from sciml_course import barotropic


def _grid(n):
    x = torch.arange(n, dtype=torch.float64) * 2 * math.pi / n
    return torch.meshgrid(x, x, indexing="xy")


def test_a_single_mode_is_an_exact_rossby_wave():
    model = barotropic.BarotropicModel(n=32, beta=2.0, drag=0.0, hyperviscosity=0.0, dt=0.1)
    X, Y = _grid(32)
    omega = barotropic.rossby_wave_frequency(2, 3, 2.0)
    final = model.run(torch.cos(2 * X + 3 * Y), 20)[-1]
    assert torch.allclose(final, torch.cos(2 * X + 3 * Y - omega * 2.0), atol=1e-10)


def test_inviscid_flow_conserves_energy_and_enstrophy():
    model = barotropic.BarotropicModel(n=32, beta=1.0, drag=0.0, hyperviscosity=0.0, dt=0.02)
    zeta = model.random_vorticity(2, generator=torch.Generator().manual_seed(0), peak_wavenumber=4.0)
    path = model.run(zeta, 50, save_every=50)
    assert torch.allclose(model.energy(path[-1]), model.energy(path[0]), rtol=1e-4)
    assert torch.allclose(model.enstrophy(path[-1]), model.enstrophy(path[0]), rtol=1e-3)


def test_drag_damps_the_vorticity_exponentially():
    model = barotropic.BarotropicModel(n=16, beta=0.0, drag=0.5, hyperviscosity=0.0, dt=0.1)
    X, _ = _grid(16)
    final = model.run(torch.sin(X), 10)[-1]
    assert torch.allclose(final, math.exp(-0.5) * torch.sin(X), atol=1e-12)


def test_random_vorticity_has_zero_mean_and_the_requested_rms():
    model = barotropic.BarotropicModel(n=32)
    zeta = model.random_vorticity(3, generator=torch.Generator().manual_seed(1), rms=2.0)
    assert zeta.shape == (3, 32, 32)
    assert torch.allclose(zeta.mean(dim=(-2, -1)), torch.zeros(3, dtype=zeta.dtype), atol=1e-12)
    assert torch.allclose(zeta.pow(2).mean(dim=(-2, -1)).sqrt(), torch.full((3,), 2.0, dtype=zeta.dtype))


def test_velocity_of_a_shear_flow():
    model = barotropic.BarotropicModel(n=16)
    _, Y = _grid(16)
    u, v = model.velocity(torch.sin(Y))  # ψ = −sin y, u = −ψ_y = cos y
    assert torch.allclose(u, torch.cos(Y), atol=1e-12) and v.abs().max() < 1e-12


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: barotropic.BarotropicModel(n=31), ValueError, "n"),
        (lambda: barotropic.BarotropicModel(beta=-1.0), ValueError, "beta"),
        (lambda: barotropic.BarotropicModel(dt=0), ValueError, "dt"),
        (lambda: barotropic.BarotropicModel(dtype=torch.int32), TypeError, "dtype"),
        (lambda: barotropic.BarotropicModel(n=16).step(torch.zeros(8, 8)), ValueError, "zeta"),
        (lambda: barotropic.BarotropicModel(n=16).step([0.0]), TypeError, "zeta"),
        (lambda: barotropic.BarotropicModel(n=16).run(torch.zeros(16, 16), 3, save_every=2), ValueError, "steps"),
        (lambda: barotropic.BarotropicModel(n=16).random_vorticity(0), ValueError, "batch"),
        (lambda: barotropic.rossby_wave_frequency(0, 0, 1.0), ValueError, "kx"),
    ],
)
def test_barotropic_rejects_bad_input(call, error, name):
    with pytest.raises(error, match=name):
        call()
