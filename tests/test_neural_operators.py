import pytest
import torch

from sciml_course import neural_operators as no


def test_spectral_conv_matches_a_dense_fourier_computation():
    torch.manual_seed(0)
    layer = no.SpectralConv1d(2, 3, modes=4, dtype=torch.float64)
    v = torch.randn(5, 2, 16, dtype=torch.float64)
    v_hat = torch.fft.rfft(v)
    want_hat = torch.zeros(5, 3, 9, dtype=torch.complex128)
    for k in range(4):
        want_hat[:, :, k] = v_hat[:, :, k] @ layer.weight[:, :, k]
    assert torch.allclose(layer(v), torch.fft.irfft(want_hat, n=16))


def test_spectral_conv_commutes_with_translation_and_drops_high_modes():
    layer = no.SpectralConv1d(1, 1, modes=3, dtype=torch.float64)
    v = torch.randn(2, 1, 32, dtype=torch.float64)
    assert torch.allclose(layer(torch.roll(v, 5, -1)), torch.roll(layer(v), 5, -1))
    high = torch.cos(2 * torch.pi * 10 * torch.arange(32, dtype=torch.float64) / 32).expand(1, 1, 32)
    assert layer(high).abs().max() < 1e-12


def test_fno_runs_on_any_grid_and_is_equivariant_without_grid_channel():
    torch.manual_seed(0)
    model = no.FNO1d(modes=4, width=8, n_layers=2, grid_channel=False, dtype=torch.float64)
    u = torch.randn(3, 32, dtype=torch.float64)
    assert model(torch.randn(2, 64, dtype=torch.float64)).shape == (2, 64)
    assert torch.allclose(model(torch.roll(u, 3, 1)), torch.roll(model(u), 3, 1))


def test_deeponet_shared_and_per_function_points_agree():
    torch.manual_seed(0)
    net = no.DeepONet(n_sensors=6, width=10, depth=2, n_basis=5)
    u, y = torch.randn(3, 6), torch.rand(4)
    assert torch.allclose(net(u, y), net(u, y.expand(3, 4)), atol=1e-6)


def test_grid_mlp_refuses_another_grid():
    net = no.GridMLP(16, width=8, depth=1)
    assert net(torch.randn(2, 16)).shape == (2, 16)
    with pytest.raises(ValueError, match="u"):
        net(torch.randn(2, 32))


def test_relative_l2_and_evaluation():
    a = torch.tensor([[3.0, 4.0], [1.0, 0.0]])
    assert torch.allclose(no.relative_l2(2 * a, a, reduction="none"), torch.ones(2))
    assert no.evaluate_operator(torch.nn.Identity(), a, a) == 0.0


def test_roll_and_flip_preserves_pairs_of_an_equivariant_map():
    u0 = torch.randn(6, 16)
    g = torch.Generator().manual_seed(1)
    a, b = no.roll_and_flip(u0, 3 * u0, generator=g)
    assert torch.allclose(b, 3 * a)
    a, _ = no.roll_and_flip(u0, u0, flip=False)
    assert torch.allclose(a.sum(1), u0.sum(1), atol=1e-5)


def test_reflect_is_an_involution_matching_the_parity_of_a_function():
    x = torch.arange(16, dtype=torch.float64) / 16
    u = torch.sin(2 * torch.pi * x) + torch.cos(4 * torch.pi * x) + x * (1 - x)
    mirrored = -(torch.sin(-2 * torch.pi * x) + torch.cos(-4 * torch.pi * x) + ((-x) % 1) * (1 - (-x) % 1))
    assert torch.allclose(no.reflect(u), mirrored)
    assert torch.equal(no.reflect(no.reflect(u)), u)


def test_parity_symmetrized_model_is_equivariant_and_keeps_equivariant_models():
    torch.manual_seed(0)
    model = no.FNO1d(modes=4, width=8, n_layers=2, grid_channel=False)
    sym = no.ParitySymmetrized(model)
    u = torch.randn(5, 32)
    with torch.no_grad():
        assert torch.allclose(sym(no.reflect(u)), no.reflect(sym(u)), atol=1e-5)
        assert not torch.allclose(model(no.reflect(u)), no.reflect(model(u)), atol=1e-3)
        heat = no.ParitySymmetrized(torch.nn.Identity())
        assert torch.equal(heat(u), u)  # the identity already commutes with the parity map


def test_train_operator_learns_a_linear_map():
    torch.manual_seed(0)
    u = torch.randn(64, 16)
    target = torch.fft.irfft(torch.fft.rfft(u) * torch.exp(-torch.arange(9.0)), n=16)
    model = no.FNO1d(modes=9, width=8, n_layers=1, grid_channel=False)
    log = no.train_operator(model, u, target, epochs=60, batch_size=16, lr=1e-2, test=(u, target),
                            augment=lambda a, b, g: no.roll_and_flip(a, b, g, flip=False), progress=False)
    assert log.validation[-1] < 0.5 * log.validation[0]


def test_pod_deeponet_basis_is_orthonormal_and_spans_the_training_outputs():
    torch.manual_seed(0)
    coefficients = torch.randn(40, 3, dtype=torch.float64)
    modes = torch.stack([torch.sin(2 * torch.pi * k * torch.arange(16, dtype=torch.float64) / 16) for k in (1, 2, 3)])
    outputs = 5.0 + coefficients @ modes  # rank 3 around a constant mean
    net = no.PODDeepONet(torch.randn(40, 8, dtype=torch.float64), outputs, n_basis=3, width=4, depth=1)
    assert torch.allclose(net.basis @ net.basis.T, torch.eye(3, dtype=torch.float64), atol=1e-12)
    projected = net.out_mean + ((outputs - net.out_mean) @ net.basis.T) @ net.basis
    assert torch.allclose(projected, outputs, atol=1e-10)  # three modes reproduce every training output
    assert torch.allclose(net.out_mean, outputs.mean(0))
    # the scaled coefficients of the training outputs have unit mean square per mode
    scaled = ((outputs - net.out_mean) @ net.basis.T) / net.scale
    assert torch.allclose((scaled**2).mean(0), torch.ones(3, dtype=torch.float64))


def test_pod_deeponet_input_normalisation_makes_it_blind_to_input_units():
    torch.manual_seed(0)
    u, v = torch.randn(30, 8, dtype=torch.float64), torch.randn(30, 8, dtype=torch.float64)
    torch.manual_seed(1)
    a = no.PODDeepONet(u, v, n_basis=4, width=8, depth=2)
    torch.manual_seed(1)
    b = no.PODDeepONet(1000 * u + 3, v, n_basis=4, width=8, depth=2)
    assert torch.allclose(a(u), b(1000 * u + 3), atol=1e-9)


def test_step_schedule_halves_the_learning_rate_five_times():
    class Offset(torch.nn.Module):  # u -> b: the relative L2 gradient keeps its sign while b << target
        def __init__(self):
            super().__init__()
            self.b = torch.nn.Parameter(torch.zeros((), dtype=torch.float64))

        def forward(self, u):
            return 0 * u + self.b

    model, u = Offset(), torch.zeros(4, 8, dtype=torch.float64)
    no.train_operator(model, u, u + 1000, epochs=10, batch_size=4, lr=1e-3, weight_decay=0.0, schedule="step",
                      progress=False)
    # Adam moves b by about lr per step; lr halves every 10 // 5 = 2 epochs (one step each)
    assert float(model.b.detach()) == pytest.approx(1e-3 * 2 * (1 + 1 / 2 + 1 / 4 + 1 / 8 + 1 / 16), rel=1e-3)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: no.SpectralConv1d(0, 1, 2), ValueError, "in_channels"),
        (lambda: no.SpectralConv1d(1, 1, 2, dtype=torch.int32), TypeError, "dtype"),
        (lambda: no.SpectralConv1d(1, 1, 10)(torch.randn(1, 1, 8)), ValueError, "modes"),
        (lambda: no.SpectralConv1d(2, 1, 2)(torch.randn(1, 1, 8)), ValueError, "channels"),
        (lambda: no.FNO1d(grid_channel=1), TypeError, "grid_channel"),
        (lambda: no.FNO1d(modes=2, width=4)(torch.randn(8)), ValueError, "u"),
        (lambda: no.DeepONet(4, activation="swish"), ValueError, "activation"),
        (lambda: no.DeepONet(4)(torch.randn(2, 4), torch.rand(3, 5)), ValueError, "y"),
        (lambda: no.relative_l2(torch.ones(2), torch.ones(3)), ValueError, "shape"),
        (lambda: no.relative_l2(torch.ones(2), torch.ones(2), reduction="sum"), ValueError, "reduction"),
        (lambda: no.roll_and_flip(torch.ones(2, 4), torch.ones(2, 5)), ValueError, "shape"),
        (lambda: no.ParitySymmetrized("net"), TypeError, "model"),
        (lambda: no.ParitySymmetrized(torch.nn.Identity())(torch.ones(4)), ValueError, "u"),
        (lambda: no.reflect(torch.tensor(1.0)), ValueError, "u"),
        (lambda: no.train_operator("m", torch.ones(2, 4), torch.ones(2, 4)), TypeError, "model"),
        (lambda: no.train_operator(torch.nn.Identity(), torch.ones(2, 4), torch.ones(2, 4), epochs=0), ValueError, "epochs"),
        (lambda: no.train_operator(torch.nn.Linear(4, 4), torch.ones(2, 4), torch.ones(2, 4), schedule="cosine"),
         ValueError, "schedule"),
        (lambda: no.PODDeepONet(torch.ones(3, 4), torch.ones(3, 4), n_basis=4), ValueError, "n_basis"),
        (lambda: no.PODDeepONet(torch.ones(3, 4), torch.ones(2, 4)), ValueError, "samples"),
        (lambda: no.PODDeepONet(torch.randn(5, 4), torch.randn(5, 4), n_basis=2)(torch.ones(2, 6)), ValueError, "u"),
    ],
)
def test_bad_inputs_are_rejected(call, error, name):
    with pytest.raises(error, match=name):
        call()
