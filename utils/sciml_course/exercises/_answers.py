"""Reference answers of the exercises (private: only the checkers use them).

One section per chapter, in the order of the exercises. Each entry is either the data an
exercise states (``SAWTOOTH_DEPTH``), the answer computed from that data, or a reference
implementation of a function the exercise asks for. The chapter modules import this
module and never show what it returns; the tests use hand-written answers, not these.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import torch

from .. import approximation, forecast_scores, inverse_problems, models, seeding, training

# ----------------------------------------------------------------------------------- C1
PERCEPTRON_W = (2.0, -1.0)
PERCEPTRON_C = 1.0
PERCEPTRON_POINTS = ((1.0, 1.0), (0.0, 0.0), (1.0, 0.0), (2.0, 3.0))


def perceptron_outputs(at_zero: float = 0.5) -> list[float]:
    """H(w·X − C) at the four points, with H(0) = ``at_zero`` (the lecture's is 1/2)."""
    sums = [PERCEPTRON_W[0] * a + PERCEPTRON_W[1] * b - PERCEPTRON_C for a, b in PERCEPTRON_POINTS]
    return [1.0 if s > 0 else (0.0 if s < 0 else at_zero) for s in sums]


def softsign_derivative(x: torch.Tensor) -> torch.Tensor:
    """f'(x) of f(x) = x / (1 + |x|), by autograd."""
    x = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad((x / (1 + x.abs())).sum(), x)
    return grad


def fgsm(model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor, eps: float) -> torch.Tensor:
    """One-step FGSM, the lecture's baseline."""
    with torch.enable_grad():
        x = images.detach().clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(torch.nn.functional.cross_entropy(model(x), labels), x)
    return (x + eps * grad.sign()).clamp(0, 1).detach()


def discrepancy_lambda(A: np.ndarray, y: np.ndarray, noise_std: float) -> float:
    return inverse_problems.discrepancy_lambda(A, y, noise_std)


# The hands-on exercise: the echo-state network's spectral radius chosen on a validation split.
# Measured for seeds 0-3 (scripted): ρ = 1.1 has the smallest validation RMSE, the runner-up's is
# 1.4-1.9 times larger; retrained on all of `train`, its test RMSE is 0.55-1.0e-4, 1.3-2.2 times
# below the lecture's ρ = 0.9. A fit on the fitting steps alone predicts the test part differently
# by 12-24 % of that error, a washout of 100 instead of 200 by 5-9 %.
ESN_RADII = (0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5)
ESN_FIT_STEPS = 1200  # the first steps of `train` fit each candidate; the rest validates
ESN_WASHOUT = 200  # reservoir states discarded by the fit, as in the lecture
ESN_WARMUP = 100  # predicted steps not scored, as in the lecture
ESN_LECTURE_RADIUS = 0.9


def esn(spectral_radius: float) -> models.EchoStateNetwork:
    """The lecture's network (300 units, ridge 1e-7, reservoir seed 0) at another radius."""
    return models.EchoStateNetwork(1, reservoir_size=300, spectral_radius=spectral_radius,
                                   ridge=1e-7, seed=0)


def esn_predictions(network: models.EchoStateNetwork, part: np.ndarray) -> np.ndarray:
    """One-step predictions of part[ESN_WARMUP + 1:], after ESN_WARMUP warm-up steps."""
    return network.predict(part[:-1])[ESN_WARMUP:]


def esn_rmse(network: models.EchoStateNetwork, part: np.ndarray) -> float:
    return float(np.sqrt(np.mean((esn_predictions(network, part) - part[ESN_WARMUP + 1:]) ** 2)))


def esn_fit(network: models.EchoStateNetwork, series: np.ndarray) -> models.EchoStateNetwork:
    return network.fit(series[:-1], series[1:], washout=ESN_WASHOUT)


def esn_curve(fit_on: np.ndarray, score_on: np.ndarray) -> np.ndarray:
    """One-step RMSE on ``score_on`` of the network at each radius fitted on ``fit_on``.

    Cached (by the run seed and the data), so that checking again costs no refits.
    """
    as_key = lambda a: (np.shape(a), np.ascontiguousarray(a, dtype=float).tobytes())
    return _esn_curve(seeding.run_seed(), as_key(fit_on), as_key(score_on)).copy()


@functools.lru_cache(maxsize=16)
def _esn_curve(run_seed: int, fit_on: tuple, score_on: tuple) -> np.ndarray:
    # run_seed only keys the cache: the reservoirs' seeds follow it (seeding.numpy_rng)
    fit_on, score_on = (np.frombuffer(data).reshape(shape) for shape, data in (fit_on, score_on))
    return np.array([esn_rmse(esn_fit(esn(r), fit_on), score_on) for r in ESN_RADII])


def esn_validation_rmse(train: np.ndarray) -> np.ndarray:
    """The reference answer's validation curve."""
    return esn_curve(train[:ESN_FIT_STEPS], train[ESN_FIT_STEPS:])


# ----------------------------------------------------------------------------------- C2
SAWTOOTH_DEPTH = 6
SAWTOOTH_PIECES = 2**SAWTOOTH_DEPTH
YAROTSKY_LEVELS = 4
RUNGE10_POLE = 0.1j
FOURIER_KINK_SLOPE = -1.5


def yarotsky(x: torch.Tensor, levels: int = YAROTSKY_LEVELS) -> torch.Tensor:
    """f_m(x) = x − Σ_{s ≤ m} g_s(x) / 4^s."""
    result, saw = x.clone(), x.clone()
    for s in range(1, levels + 1):
        saw = approximation.hat(saw)
        result = result - saw / 4**s
    return result


def bernstein_rho(pole: complex = RUNGE10_POLE) -> float:
    return approximation.bernstein_rho(pole)


FEATURE_FREQUENCIES = (2, 7, 13)  # the check's target: other frequencies than the lecture's 1, 4, 10
FEATURE_STEPS, FEATURE_SEEDS, FEATURE_THRESHOLD = 300, (0, 1), 0.1


class RandomFourierFeatures(torch.nn.Module):
    """x ↦ (cos(x b_j), sin(x b_j)) with fixed random frequencies b_j."""

    def __init__(self, frequencies: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("frequencies", frequencies)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = x @ self.frequencies
        return torch.cat([torch.cos(z), torch.sin(z)], dim=1)


def train_with_fourier_features(x: torch.Tensor, y: torch.Tensor, steps: int, seed: int,
                                sigma: float = 10.0, features: int = 32) -> torch.nn.Module:
    frequencies = sigma * torch.randn(1, features, generator=seeding.torch_generator(seed))
    seeding.manual_seed(seed)
    net = torch.nn.Sequential(RandomFourierFeatures(frequencies),
                              models.mlp(2 * features, 1, width=64, depth=2, activation="tanh")).to(x.device)
    approximation.fit_jointly([net], x, [y], steps=steps, lr=1e-3, schedule=None, progress=False)
    return net


# ----------------------------------------------------------------------------------- C3
def oscillator_cases() -> list[tuple]:
    """(u, ω, u'' + ω² u) for three test functions."""
    return [
        (lambda s: torch.sin(2 * s), 2.0, lambda s: torch.zeros_like(s)),
        (lambda s: s**3, 1.5, lambda s: 6 * s + 2.25 * s**3),
        (lambda s: torch.cos(s), 3.0, lambda s: 8 * torch.cos(s)),
    ]


def fd_unknowns() -> int:
    """Smallest power of two n with FD relative L2 error below 1e-6 on C3's BVP."""
    from scipy.linalg import solve_banded

    def u(x):
        return np.sin(np.pi * x) + 0.25 * np.sin(4 * np.pi * x)

    def f(x):
        return np.pi**2 * np.sin(np.pi * x) + 4 * np.pi**2 * np.sin(4 * np.pi * x)

    for k in range(3, 15):
        n = 2**k
        x = np.linspace(0, 1, n + 2)[1:-1]
        h = 1 / (n + 1)
        bands = np.zeros((3, n))
        bands[0, 1:], bands[1], bands[2, :-1] = -1 / h**2, 2 / h**2, -1 / h**2
        err = np.linalg.norm(solve_banded((1, 1), bands, f(x)) - u(x)) / np.linalg.norm(u(x))
        if err < 1e-6:
            return n
    raise AssertionError("no n reached 1e-6")  # pragma: no cover


SOFT_BOUNDARY_VALUES = (1.0, 2.0)  # the hands-on exercise: u(0) = 1, u(1) = 2 by a penalty
# Measured for run seeds 0-3, lowest-loss run of three (3 of the 12 single runs stall, caught by their
# loss): rel. L2 error 2e-6 to 2e-4, boundary error 5e-6 to 6e-4; w = 1e4 ends at 2.6e-3 to 6.2e-3
# with the boundary held (boundary error at most 1.1e-3), w = 1e-4 and u(0)² + u(1)² at 0.7 or more.
SOFT_BOUNDARY_TOL = 1e-3  # relative L2 error against the exact solution, on 1001 points
SOFT_BOUNDARY_BC_TOL = 3e-3  # max |u(0) − 1|, |u(1) − 2|
SOFT_BOUNDARY_WEIGHT = 1.0


def soft_boundary_exact(x: torch.Tensor) -> torch.Tensor:
    """u* + 1 + x: solves −u'' = f of C3 with u(0) = 1, u(1) = 2."""
    return torch.sin(math.pi * x) + 0.25 * torch.sin(4 * math.pi * x) + 1 + x


def soft_boundary_rhs(x: torch.Tensor) -> torch.Tensor:
    """f = π² sin(πx) + 4π² sin(4πx), the right-hand side the exercise states."""
    return math.pi**2 * torch.sin(math.pi * x) + 4 * math.pi**2 * torch.sin(4 * math.pi * x)


def soft_boundary_net(restarts: int = 3, adam_steps: int = 500, lbfgs_steps: int = 300) -> torch.nn.Module:
    """The exercise's reference: soft-constraint PINN, w = 1, lowest final loss of three restarts."""
    from .. import pinn

    x = torch.linspace(0, 1, 64, dtype=torch.float64)[:, None].requires_grad_(True)
    ends = torch.tensor([[0.0], [1.0]], dtype=torch.float64)
    values = torch.tensor(SOFT_BOUNDARY_VALUES, dtype=torch.float64)[:, None]
    f = soft_boundary_rhs(x.detach())
    best = None
    for seed in range(restarts):
        seeding.manual_seed(seed)
        net = models.mlp(1, 1, width=20, depth=2, dtype=torch.float64)

        def loss(net=net):
            residual = -pinn.derivative(net(x), x, 2) - f
            return residual.pow(2).mean() + SOFT_BOUNDARY_WEIGHT * (net(ends) - values).pow(2).sum()

        pinn.adam_then_lbfgs(loss, net.parameters(), adam_steps=adam_steps, lbfgs_steps=lbfgs_steps,
                             lr=1e-2, progress=False)
        final = float(loss().detach())
        if best is None or final < best[0]:
            best = (final, net)
    return best[1]


# ----------------------------------------------------------------------------------- C4
MC_SAMPLES = 1000
MC_VARIANCE = (3 / 8) ** 2 - (1 / 4) ** 2  # ∫ u⁴ − (∫ u²)² with ∫ sin⁴ = 3/8, ∫ sin² = 1/2
MC_SECOND_MOMENT = (3 / 8) ** 2  # ∫ u⁴ alone, the variance without the mean subtracted


def mc_rms_error() -> float:
    return math.sqrt(MC_VARIANCE / MC_SAMPLES)


def reaction_energy_density(u: torch.Tensor, grad_u: torch.Tensor, f: torch.Tensor, c: float) -> torch.Tensor:
    return 0.5 * (grad_u**2).sum(-1) + 0.5 * c * u**2 - f * u


SLIT_EXPONENT = 0.5
SLIT_H1_RATE = -0.25
LSHAPE_EXPONENT = 2 / 3
LSHAPE_H1_RATE = -1 / 3


# The hands-on exercise: −Δu = 0 on (0, 1)², u = 0 on x = 0, y = 0, y = 1, ∂u/∂x = h on x = 1.
# Its solution is sinh(πx) sin(πy) / sinh(π). Measured for run seeds 0-3 (scripted) with the reference
# below, which is the notebook's solution (2 000 steps, 7-9 s CPU): relative L2 0.6-1.1 %, H1 1.3-1.8 %;
# after 300 steps H1 is 6-7 % (seeds 0, 1). Trained with the typical slips (seed 0, 1 000 steps): no
# boundary term gives 0.00 × the solution, the wrong sign −1.00 ×, ½ ∫ h u 0.50 ×, the bubble factor
# vanishes on x = 1, a penalty (β = 100) instead of φ leaves |u| = 1e-2 on x = 0; sampling the whole
# boundary passes when weighted by its length 4 and gives 0.25 × when not.
NEUMANN_L2_TOL, NEUMANN_H1_TOL = 0.03, 0.04
NEUMANN_GAUSS = 24  # Gauss points per direction for the check's error norms


def neumann_solution(x: torch.Tensor) -> torch.Tensor:
    return torch.sinh(math.pi * x[..., 0]) * torch.sin(math.pi * x[..., 1]) / math.sinh(math.pi)


def neumann_gradient(x: torch.Tensor) -> torch.Tensor:
    px, py = math.pi * x[..., 0], math.pi * x[..., 1]
    return math.pi / math.sinh(math.pi) * torch.stack([torch.cosh(px) * torch.sin(py),
                                                       torch.sinh(px) * torch.cos(py)], -1)


def neumann_data(y: torch.Tensor) -> torch.Tensor:
    """h(y) = ∂u/∂x at x = 1."""
    return math.pi / math.tanh(math.pi) * torch.sin(math.pi * y)


def train_neumann_ritz(steps: int = 2000, seed: int = 6,
                       device: torch.device | str = "cpu") -> torch.nn.Module:
    """The reference solution: exact Dirichlet edges, the boundary term −∫_{x=1} h u, Adam."""
    from .. import ritz, training as train  # noqa: PLC0415 (ritz imports nothing from here)

    seeding.manual_seed(0)
    factor = lambda x: 4 * x[..., 0] * x[..., 1] * (1 - x[..., 1])  # noqa: E731
    net = ritz.ExactBoundaryTrial(models.mlp(2, 1, 32, 3).to(device), factor)
    generator = seeding.torch_generator(seed, device)

    def loss() -> torch.Tensor:
        x = ritz.sample_interior("square", 1000, generator)
        _, grad = ritz.gradient(net, x)
        y = torch.rand(200, generator=generator, device=device)
        edge = torch.stack([torch.ones_like(y), y], 1)
        return 0.5 * (grad**2).sum(1).mean() - (neumann_data(y) * net(edge)).mean()

    train.minimise(loss, net.parameters(), steps=steps, lr=1e-2, schedule="cosine", progress=False)
    return net


# ---------------------------------------------------------------------------------- CS1
CS1_NU = 0.001 / math.pi
MAX_EXPONENT = 1 / (2 * math.pi * CS1_NU)
CS1_VISCOUS_NU = 0.1 / math.pi  # the hands-on exercise: the PINN retrained at ten times the viscosity
CS1_VISCOUS_TOL = 3e-3  # relative L2; the exercise's recipe reaches 4.6e-4 to 5.3e-4 for seeds 0-3
CS1_BENCHMARK_NU = 0.01 / math.pi


def burgers_exact(x: np.ndarray, t: np.ndarray, nu: float) -> np.ndarray:
    """The exact (Cole–Hopf) solution of case study one's problem on the grid t × x (rows: t)."""
    from ..burgers_reference import cole_hopf

    return cole_hopf(x[None, :], t[:, None], nu=nu)


def burgers_residual(u, u_x, u_t, u_xx, nu):
    return u_t + u * u_x - nu * u_xx


def rad_probabilities(residual: torch.Tensor, k: float, c: float) -> torch.Tensor:
    density = residual.abs() ** k / (residual.abs() ** k).mean() + c
    return density / density.sum()


# ---------------------------------------------------------------------------------- CS2
BREAK_EVEN = dict(train_seconds=120.0, data_seconds=30.0, solver_seconds=5e-3, fno_seconds=1e-4)


def break_even_count(**costs: float) -> float:
    b = {**BREAK_EVEN, **costs}
    return (b["train_seconds"] + b["data_seconds"]) / (b["solver_seconds"] - b["fno_seconds"])


def parity(u: np.ndarray) -> np.ndarray:
    return -np.roll(u[..., ::-1], 1, axis=-1)


def heat_prediction(u0: np.ndarray, nu: float, t: float) -> np.ndarray:
    n = u0.shape[-1]
    k = 2 * np.pi * np.fft.rfftfreq(n, d=1.0 / n)
    return np.fft.irfft(np.fft.rfft(u0) * np.exp(-nu * k**2 * t), n=n)


# the hands-on exercise: data, held-out pairs and the tolerance. Measured over run seeds 0-3 (held-out
# error, 150 epochs): modes 8: 2.3e-2 to 2.9e-2, modes 16: 2.5e-2 to 3.0e-2, modes 4: 2.9e-2 to 3.4e-2,
# modes 2 (the starting point): 7.0e-2 to 8.4e-2; the tolerance sits between.
FNO_EXERCISE = dict(nu=0.01, n_grid=64, n_train=200, n_test=100, train_seed=31, test_seed=32,
                    tolerance=5e-2, too_few_modes=2)


def trained_fno(modes: int = 8, epochs: int = 150):
    """The reference: a small FNO with enough modes, trained on the exercise's 200 pairs."""
    from .. import neural_operators, seeding
    from .cs2 import fno_exercise_data

    seeding.manual_seed(0)
    model = neural_operators.FNO1d(modes=modes, width=16, n_layers=2, grid_channel=False)
    neural_operators.train_operator(model, *fno_exercise_data(), epochs=epochs, batch_size=20, lr=5e-3,
                                    augment=neural_operators.roll_and_flip, progress=False)
    return model


# ----------------------------------------------------------------------------------- D1
H_2D = 1 / 32
NU_2D = 0.5
HEAT_NU = 0.02  # the diffusivity hidden in d1.heat_data()


def dt_max_2d() -> float:
    return H_2D**2 / (4 * NU_2D)


D1_STENCIL = (-0.5, 0.0, 0.5)  # the three-point u' stencil times h, offsets -1, 0, +1
D1_STENCIL_ATOL = 0.01


# ----------------------------------------------------------------------------------- D2
SPECTRAL_CHANNELS = 32
SPECTRAL_MODES = 16
SPECTRAL_PARAMETERS = 2 * SPECTRAL_CHANNELS * SPECTRAL_CHANNELS * SPECTRAL_MODES


def spectral_conv(v: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    modes = weights.shape[-1]
    v_hat = torch.fft.rfft(v)
    out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1] // 2 + 1, dtype=v_hat.dtype)
    out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
    return torch.fft.irfft(out, n=v.shape[-1])


def deeponet_combine(branch: torch.Tensor, trunk: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    return branch @ trunk.T + bias


FEW_MODES = 4  # the hands-on exercise: an FNO whose Fourier layers keep 4 modes
FEW_MODES_BURGERS = dict(nu=0.1, t_final=0.25, n_grid=64, n_solver=128, n_modes=31)  # D2's Burgers map
FEW_MODES_CHECK_SAMPLES, FEW_MODES_CHECK_SEED = 100, 21  # held-out pairs (the notebook uses seeds 10, 11)
FEW_MODES_TOL = 5e-3  # trained at the lecture's budget, seeds 0-3: 1.2e-3 to 1.8e-3; 5 epochs: 8.8e-3; untrained: 1
FEW_MODES_UNTRAINED = 0.5


def fno_four_modes(u0: torch.Tensor, u1: torch.Tensor, epochs: int = 25) -> torch.nn.Module:
    """The exercise's reference: the lecture's FNO with 4 modes, trained as the lecture trains its FNO."""
    from .. import neural_operators

    seeding.manual_seed(0)
    model = neural_operators.FNO1d(modes=FEW_MODES, width=32, n_layers=4)
    neural_operators.train_operator(model, u0, u1, epochs=epochs, batch_size=25, lr=3e-3, progress=False)
    return model


# ----------------------------------------------------------------------------------- D3
PENDULUM_OMEGA = 1.5
STIFFNESS = (20.0, 2.0)


def heun_step(f, t: float, y: torch.Tensor, h: float) -> torch.Tensor:
    k1 = f(t, y)
    return y + h / 2 * (k1 + f(t + h, y + h * k1))


def midpoint_step(f, t: float, y: torch.Tensor, h: float) -> torch.Tensor:
    return y + h * f(t + h / 2, y + h / 2 * f(t, y))


def adjoint_rhs(a: torch.Tensor, M: torch.Tensor) -> torch.Tensor:
    return -a @ M


def max_stable_step() -> float:
    return 2.0 / max(STIFFNESS)


LINEAR_FIELD = ((-0.1, 1.0), (-1.0, -0.1))  # the hands-on exercise's y' = M y
LINEAR_FIELD_SPACING = 0.1  # its sampling interval
LINEAR_FIELD_ATOL = 0.02  # fitted from 1 % noise: within 0.003 for every seed


# ----------------------------------------------------------------------------------- D4
HORIZON_LAMBDA = 1.68  # per time unit
HORIZON_DAYS_PER_UNIT = 5.0
HORIZON_INITIAL_ERROR = 0.01
HORIZON_TOLERANCE = 1.0


def horizon_units() -> float:
    return math.log(HORIZON_TOLERANCE / HORIZON_INITIAL_ERROR) / HORIZON_LAMBDA


def horizon_days() -> float:
    return horizon_units() * HORIZON_DAYS_PER_UNIT


def valid_time(forecast: np.ndarray, truth: np.ndarray, scale: float, dt: float) -> np.ndarray:
    return forecast_scores.valid_time(forecast_scores.normalised_error(forecast, truth, scale), dt)


def damped_persistence(anomalies: np.ndarray) -> float:
    x = np.asarray(anomalies, dtype=float).ravel()
    return float(x[:-1] @ x[1:] / (x[:-1] @ x[:-1]))


# The hands-on exercise: a window MLP trained to step 12 hours (two samples of STEP12_DT).
# On the checker's record, over run seeds 0-3, the reference (twelve_hour_step below) has a
# 12-hour error of 6-7 % of persistence's and rolled-out valid times of 2.10-2.16 Lyapunov times;
# 15 L-BFGS steps instead of 150 leave 45-52 %, the 6-hour model ~52 %, an untrained one 98-103 %;
# 60 steps (seed 0): 14 % but valid for 1.36 Lyapunov times, rejected; 100 steps: 9 % and 1.78, accepted.
STEP12_DT = 0.05  # the lecture's sampling step (6 hours)
STEP12_SEED = 11  # the checker's own Lorenz-96 record, never seen by the notebook
STEP12_RECORD = 2000  # its length in samples
STEP12_ROLLOUT = 24  # 12-hour steps of the rollout: 12 days, about 4 Lyapunov times
STEP12_MAX_ERROR = 0.15  # largest accepted 12-hour error relative to persistence's
STEP12_UNTRAINED = 0.8  # above this relative error the model has hardly learnt anything
STEP12_MIN_VALID = 1.5  # smallest accepted mean valid time of the rollout (Lyapunov times)


WINDOW_OFFSETS = (4, 3, 2, 1, 0, -1, -2, -3)  # the lecture's window: 4 neighbours east, 3 west


def _windows(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([torch.roll(x, s, dims=-1) for s in WINDOW_OFFSETS], dim=-1)


def window_mlp(series: np.ndarray, lead: int, steps: int, device: torch.device | str = "cpu"):
    """The lecture's window MLP trained on pairs (x(t), x(t + lead Δt)): returns (net, target scale)."""
    snapshots = torch.tensor(series, dtype=torch.float32, device=device)
    inputs = _windows(snapshots[:-lead:5]).reshape(-1, len(WINDOW_OFFSETS))
    targets = (snapshots[lead::5] - snapshots[:-lead:5]).reshape(-1, 1)
    tscale = float(targets.std())
    net = models.mlp(len(WINDOW_OFFSETS), 1, width=32, depth=2).to(device)
    training.minimise(lambda: torch.nn.functional.mse_loss(net(inputs), targets / tscale),
                      net.parameters(), method="lbfgs", lr=1.0, steps=steps, progress=False)
    return net, tscale


def window_stepper(net: torch.nn.Module, tscale: float):
    """The forecast function x ↦ x + tscale · net(windows of x) of a trained window MLP."""
    device = next(net.parameters()).device

    @torch.no_grad()
    def step(states: np.ndarray) -> np.ndarray:
        x = torch.as_tensor(states, dtype=torch.float32, device=device)
        return (x + tscale * net(_windows(x)).squeeze(-1)).cpu().numpy()

    return step


def twelve_hour_step(series: np.ndarray, device: torch.device | str = "cpu", steps: int = 150):
    """The reference answer: the lecture's window MLP trained on pairs (x(t), x(t + 2Δt))."""
    return window_stepper(*window_mlp(series, 2, steps, device))
