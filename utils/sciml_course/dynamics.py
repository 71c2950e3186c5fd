"""Chaotic toy models of the atmosphere: Lorenz-63 and Lorenz-96 (lecture D4).

* :func:`lorenz63_rhs`, :func:`lorenz96_rhs` — right-hand sides f(t, y) that act on the
  last axis, for NumPy arrays and torch tensors, so a batch of states is integrated at once.
* :func:`lorenz63_trajectory`, :func:`lorenz96_trajectory` — trajectories on the attractor,
  integrated by RK4 with :func:`sciml_course.ode.integrate`.
* :func:`leading_lyapunov` — the largest Lyapunov exponent by the two-trajectory
  renormalisation method of Benettin et al. (1980).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from . import ode, seeding
from ._validation import check_int, check_real, check_state

State = np.ndarray | torch.Tensor


def lorenz63_rhs(
    t: float, y: State, sigma: float = 10.0, rho: float = 28.0, beta: float = 8.0 / 3.0
) -> State:
    """Lorenz (1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz.

    Acts on the last axis (size 3), so ``y`` may be a batch of states.

    Examples
    --------
    >>> lorenz63_rhs(0.0, np.array([1.0, 1.0, 1.0])).round(3).tolist()
    [0.0, 26.0, -1.667]
    """
    check_state("y", y, 3)
    x, v, z = y[..., 0], y[..., 1], y[..., 2]
    parts = (sigma * (v - x), x * (rho - z) - v, x * v - beta * z)
    return torch.stack(parts, -1) if isinstance(y, torch.Tensor) else np.stack(parts, -1)


def lorenz96_rhs(t: float, x: State, forcing: float = 8.0) -> State:
    """Lorenz (1996): x_k' = (x_{k+1} − x_{k−2}) x_{k−1} − x_k + F on a periodic ring.

    Acts on the last axis (the ring, K ≥ 4 sites), so ``x`` may be a batch of states.

    Examples
    --------
    >>> float(abs(lorenz96_rhs(0.0, np.full(40, 8.0))).max())  # x_k = F is a fixed point
    0.0
    """
    check_state("x", x)
    if x.shape[-1] < 4:
        raise ValueError(f"x needs at least 4 sites on the ring, got {x.shape[-1]}")
    if isinstance(x, torch.Tensor):
        roll = lambda a, s: torch.roll(a, s, dims=-1)  # noqa: E731
    else:
        roll = lambda a, s: np.roll(a, s, axis=-1)  # noqa: E731
    return (roll(x, -1) - roll(x, 2)) * roll(x, 1) - x + forcing


def lorenz63_trajectory(
    steps: int,
    dt: float = 0.01,
    y0: np.ndarray | None = None,
    spinup: int = 1000,
    save_every: int = 1,
    seed: int = 0,
) -> np.ndarray:
    """A Lorenz-63 trajectory, shape (steps // save_every + 1, ..., 3), RK4 step ``dt``.

    ``spinup`` steps from ``y0`` (default: a random point near (1, 1, 1); may be a batch
    (..., 3)) are discarded, to start on the attractor.

    Examples
    --------
    >>> path = lorenz63_trajectory(100)
    >>> path.shape, bool(abs(path[:, 2]).max() < 60)
    ((101, 3), True)
    """
    steps = check_int("steps", steps, minimum=1)
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    spinup = check_int("spinup", spinup, minimum=0)
    if y0 is None:
        y0 = np.ones(3) + 0.1 * seeding.numpy_rng(check_int("seed", seed, minimum=0)).standard_normal(3)
    check_state("y0", y0, 3)
    y0 = np.asarray(y0, dtype=float)
    if spinup:
        y0 = ode.integrate(lorenz63_rhs, y0, spinup * dt, spinup)[-1]
    return ode.integrate(lorenz63_rhs, y0, steps * dt, steps, save_every=save_every)


def lorenz96_trajectory(
    steps: int,
    dt: float = 0.01,
    sites: int = 40,
    forcing: float = 8.0,
    x0: np.ndarray | None = None,
    spinup: int = 1000,
    save_every: int = 1,
    seed: int = 0,
) -> np.ndarray:
    """A Lorenz-96 trajectory, shape (steps // save_every + 1, ..., sites), RK4 step ``dt``.

    ``x0`` may be a batch (..., sites); by default it is F plus a small random
    perturbation. ``spinup`` steps are discarded to reach the attractor.

    Examples
    --------
    >>> path = lorenz96_trajectory(200, sites=8, save_every=10)
    >>> path.shape
    (21, 8)
    """
    steps = check_int("steps", steps, minimum=1)
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    sites = check_int("sites", sites, minimum=4)
    forcing = check_real("forcing", forcing)
    spinup = check_int("spinup", spinup, minimum=0)
    if x0 is None:
        rng = seeding.numpy_rng(check_int("seed", seed, minimum=0))
        x0 = forcing + 0.01 * rng.standard_normal(sites)
    check_state("x0", x0, sites)
    x0 = np.asarray(x0, dtype=float)

    def rhs(t: float, x: np.ndarray) -> np.ndarray:
        return lorenz96_rhs(t, x, forcing)

    if spinup:
        x0 = ode.integrate(rhs, x0, spinup * dt, spinup)[-1]
    return ode.integrate(rhs, x0, steps * dt, steps, save_every=save_every)


def leading_lyapunov(
    rhs: Callable[[float, np.ndarray], np.ndarray],
    y0: np.ndarray,
    dt: float,
    steps: int,
    renormalise_every: int = 10,
    delta: float = 1e-8,
    transient: int = 0,
    seed: int = 0,
) -> float:
    """Largest Lyapunov exponent by the two-trajectory (Benettin) method.

    A twin trajectory starts ``delta`` away from ``y0``; both are integrated by RK4. Every
    ``renormalise_every`` steps the separation d is measured, log(d / delta) is accumulated
    and the twin is pulled back to distance ``delta`` along the current separation. The
    exponent is the accumulated log-growth divided by the elapsed time, ignoring the first
    ``transient`` steps (while the separation aligns with the most unstable direction).
    ``y0`` may be a batch (B, n) of independent states: the estimate is their mean.

    Parameters
    ----------
    rhs : callable
        f(t, y) acting on the last axis of ``y``.
    y0 : numpy.ndarray
        Starting state(s), best on the attractor.
    dt : float
        RK4 step.
    steps : int
        Number of steps (a multiple of ``renormalise_every``).
    renormalise_every : int
        Steps between renormalisations.
    delta : float
        Size of the separation after each renormalisation.
    transient : int
        Steps excluded from the average.
    seed : int
        Seed of the random initial separation.

    Returns
    -------
    float
        The estimate of λ₁ in inverse time units.

    Examples
    --------
    >>> y0 = lorenz63_trajectory(1, spinup=2000)[-1]
    >>> lam = leading_lyapunov(lorenz63_rhs, y0, dt=0.01, steps=20000)
    >>> bool(0.75 < lam < 1.05)  # 0.906 in the literature
    True
    """
    if not callable(rhs):
        raise TypeError(f"rhs must be callable, got {type(rhs).__name__}")
    check_state("y0", y0)
    if isinstance(y0, torch.Tensor):
        raise TypeError("y0 must be a numpy array")
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    steps = check_int("steps", steps, minimum=1)
    every = check_int("renormalise_every", renormalise_every, minimum=1)
    delta = check_real("delta", delta, minimum=0.0, strict=True)
    transient = check_int("transient", transient, minimum=0)
    if steps % every:
        raise ValueError(f"steps ({steps}) must be a multiple of renormalise_every ({every})")
    if transient >= steps:
        raise ValueError(f"transient ({transient}) must be < steps ({steps})")
    y = np.atleast_2d(np.asarray(y0, dtype=float))
    direction = seeding.numpy_rng(check_int("seed", seed, minimum=0)).standard_normal(y.shape)
    twin = y + delta * direction / np.linalg.norm(direction, axis=-1, keepdims=True)
    both = np.concatenate([y, twin])
    batch = len(y)
    log_growth, elapsed = np.zeros(batch), 0.0
    for n in range(0, steps, every):
        for _ in range(every):
            both = ode.rk4_step(rhs, 0.0, both, dt)
        separation = both[batch:] - both[:batch]
        distance = np.linalg.norm(separation, axis=-1)
        if n + every > transient:
            log_growth += np.log(distance / delta)
            elapsed += every * dt
        both[batch:] = both[:batch] + separation * (delta / distance)[:, None]
    return float(np.mean(log_growth) / elapsed)


class LocalReservoir:
    """A localised, parallel echo-state network for a ring of sites (Pathak et al. 2018).

    The ring of K sites is cut into G = K / ``group`` groups. Every group has its own
    reservoir state, driven by its ``group`` sites and ``overlap`` neighbours on each side,
    and predicts its own sites at the next step. Because Lorenz-96 is the same at every
    site, all groups share one :class:`~sciml_course.models.EchoStateNetwork` (its random W
    and W_in) and one read-out, trained on the data of all groups at once: weight sharing,
    as in a convolution. The states of all groups (and of a batch of forecasts) are
    updated together, r ← (1 − a) r + a tanh(r Wᵀ + u W_inᵀ).

    Parameters
    ----------
    sites : int
        Number of sites K on the ring.
    group : int
        Sites predicted by one reservoir (divides K).
    overlap : int
        Neighbours on each side that a reservoir also sees.
    reservoir_size, spectral_radius, input_scale, leak, density, ridge, seed
        Passed to :class:`~sciml_course.models.EchoStateNetwork`.

    Examples
    --------
    >>> series = lorenz96_trajectory(3000, dt=0.01, sites=8, save_every=5) / 4
    >>> model = LocalReservoir(8, group=2, overlap=2, reservoir_size=100).fit(series[:500])
    >>> model.forecast(series[None, 400:500], steps=3).shape
    (1, 3, 8)
    """

    def __init__(
        self,
        sites: int,
        group: int = 2,
        overlap: int = 2,
        reservoir_size: int = 300,
        spectral_radius: float = 0.9,
        input_scale: float = 0.5,
        leak: float = 1.0,
        density: float = 0.1,
        ridge: float = 1e-6,
        seed: int = 0,
        increment: bool = True,
        squares: bool = False,
    ) -> None:
        from .models import EchoStateNetwork

        self.sites = check_int("sites", sites, minimum=1)
        self.group = check_int("group", group, minimum=1)
        self.overlap = check_int("overlap", overlap, minimum=0)
        if self.sites % self.group:
            raise ValueError(f"group ({group}) must divide sites ({sites})")
        if self.group + 2 * self.overlap > self.sites:
            raise ValueError("group + 2 overlap must not exceed sites")
        self.groups = self.sites // self.group
        self.esn = EchoStateNetwork(
            self.group + 2 * self.overlap, reservoir_size, spectral_radius, input_scale,
            leak, density, ridge, seed,
        )
        starts = np.arange(self.groups)[:, None] * self.group
        self._window = (starts + np.arange(-self.overlap, self.group + self.overlap)) % self.sites
        self.increment, self.squares = bool(increment), bool(squares)
        self.W_out: np.ndarray | None = None

    def _check_series(self, name: str, series: object, ndim: int) -> np.ndarray:
        from ._validation import check_array

        series = check_array(name, series, ndim=ndim)
        if series.shape[-1] != self.sites:
            raise ValueError(f"{name} must have last dimension {self.sites}, got shape {series.shape}")
        return series

    def _drive(self, series: np.ndarray, state: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Drive the states (B, G, N) by a series (B, T, K); return all states (B, T, G, N)."""
        esn = self.esn
        shape = state.shape
        state = state.reshape(-1, shape[-1])  # one matrix product for all groups and cases
        out = np.empty(series.shape[:2] + shape[1:])
        for t in range(series.shape[1]):
            u = series[:, t][:, self._window].reshape(len(state), -1)
            state = (1 - esn.leak) * state + esn.leak * np.tanh(state @ esn.W.T + u @ esn.W_in.T)
            out[:, t] = state.reshape(shape)
        return out, state.reshape(shape)

    def _readout(self, state: np.ndarray) -> np.ndarray:
        """Map states (B, G, N) to the next full state (B, K)."""
        features = np.concatenate([state, state**2], -1) if self.squares else state
        local = features @ self.W_out[:, 1:].T + self.W_out[:, 0]  # (B, G, group)
        return local.reshape(len(state), self.sites)

    def _zero_state(self, batch: int) -> np.ndarray:
        return np.zeros((batch, self.groups, self.esn.reservoir_size))

    def fit(self, series: np.ndarray, washout: int = 100) -> "LocalReservoir":
        """Train the shared read-out by ridge regression on a series (T, K) of states."""
        series = self._check_series("series", series, 2)
        washout = check_int("washout", washout, minimum=0)
        if washout >= len(series) - 1:
            raise ValueError(f"washout must be < {len(series) - 1}, the number of training pairs")
        states, _ = self._drive(series[None, :-1], self._zero_state(1))
        features = states[0, washout:].reshape(-1, self.esn.reservoir_size)
        if self.squares:
            features = np.hstack([features, features**2])
        features = np.hstack([np.ones((len(features), 1)), features])
        own = self._window[:, self.overlap : self.overlap + self.group]
        targets = series[washout + 1 :][:, own]
        if self.increment:
            targets = targets - series[washout:-1][:, own]
        targets = targets.reshape(-1, self.group)
        gram = features.T @ features + self.esn.ridge * np.eye(features.shape[1])
        self.W_out = np.linalg.solve(gram, features.T @ targets).T
        return self

    def forecast(self, history: np.ndarray, steps: int) -> np.ndarray:
        """Synchronise on ``history`` (B, T, K), then run freely for ``steps`` steps.

        Returns the forecasts (B, steps, K) of the states after the last one of ``history``.
        """
        if self.W_out is None:
            raise RuntimeError("call fit before forecasting")
        history = self._check_series("history", history, 3)
        steps = check_int("steps", steps, minimum=1)
        _, state = self._drive(history, self._zero_state(len(history)))
        out = np.empty((len(history), steps, self.sites))
        last = history[:, -1]
        for t in range(steps):
            out[:, t] = self._readout(state) + (last if self.increment else 0.0)
            last = out[:, t]
            _, state = self._drive(out[:, t : t + 1], state)
        return out
