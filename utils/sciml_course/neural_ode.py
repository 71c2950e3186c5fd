"""Neural ODEs: learned vector fields, trajectory data and the tools to fit them (lecture D3).

* :class:`ODEFunc` — an MLP vector field f_θ(t, y) that counts its evaluations.
* :func:`spiral_rhs`, :func:`spiral_trajectory` — the cubic spiral of Chen et al. (2018).
* :func:`lotka_volterra_rhs`, :func:`lotka_volterra_invariant`,
  :func:`pendulum_rhs`, :func:`pendulum_energy`, :func:`trajectory` — physical systems with a
  conserved quantity, and noisy trajectories of any of them.
* :func:`sample_segments`, :func:`fit_trajectory` — fit a vector field to short pieces of
  observed trajectories by backpropagating through fixed-step RK4.
* :class:`SavedTensorMeter` — peak memory that autograd keeps for the backward pass.
"""

from __future__ import annotations

import weakref
from typing import Callable

import numpy as np
import torch

from . import ode, training
from ._validation import check_int, check_real, check_state, check_tensor
from .models import mlp

Tensor = torch.Tensor
SPIRAL_MATRIX = ((-0.1, 2.0), (-2.0, -0.1))


class ODEFunc(torch.nn.Module):
    """An MLP vector field f_θ(t, y), the right-hand side of a neural ODE y' = f_θ(t, y).

    Parameters
    ----------
    dim : int
        Size of the state y.
    width, depth : int
        Width W and depth L of the MLP (see :func:`sciml_course.models.mlp`).
    activation : str
        Activation σ of the hidden layers.
    time_dependent : bool
        Feed t to the network as an extra input (non-autonomous field).
    features : callable, optional
        Fixed map applied to y before the network (Chen et al. feed y³ for the spiral).
    dtype : torch.dtype
        Parameter dtype.

    Attributes
    ----------
    nfe : int
        Number of function evaluations since creation or the last ``nfe = 0``.

    Examples
    --------
    >>> f = ODEFunc(2, width=16)
    >>> f(0.0, torch.zeros(5, 2)).shape, f.nfe
    (torch.Size([5, 2]), 1)
    """

    def __init__(
        self,
        dim: int,
        width: int = 50,
        depth: int = 1,
        activation: str = "tanh",
        time_dependent: bool = False,
        features: Callable[[Tensor], Tensor] | None = None,
        dtype: torch.dtype = torch.float32,
    ) -> None:
        super().__init__()
        self.dim = check_int("dim", dim, minimum=1)
        if not isinstance(time_dependent, bool):
            raise TypeError(f"time_dependent must be a bool, got {type(time_dependent).__name__}")
        if features is not None and not callable(features):
            raise TypeError(f"features must be callable or None, got {type(features).__name__}")
        self.time_dependent = time_dependent
        self.features = features
        self.net = mlp(dim + int(time_dependent), dim, width, depth, activation, dtype)
        self.nfe = 0

    def forward(self, t: float | Tensor, y: Tensor) -> Tensor:
        """Evaluate f_θ(t, y) for a state or a batch of states (last axis = ``dim``)."""
        self.nfe += 1
        z = self.features(y) if self.features is not None else y
        if self.time_dependent:
            t = torch.as_tensor(t, dtype=y.dtype, device=y.device)
            z = torch.cat([z, t.expand(*y.shape[:-1], 1)], dim=-1)
        return self.net(z)


def _stack(parts: tuple, like: object) -> np.ndarray | Tensor:
    return torch.stack(parts, -1) if isinstance(like, torch.Tensor) else np.stack(parts, -1)


def spiral_rhs(t: float, y: np.ndarray | Tensor) -> np.ndarray | Tensor:
    """The spiral of Chen et al. (2018): y' = A y³ (cube taken entrywise), A = [[−0.1, 2], [−2, −0.1]].

    Acts on the last axis (size 2), for NumPy arrays and torch tensors.

    Examples
    --------
    >>> spiral_rhs(0.0, np.array([1.0, 0.0])).tolist()
    [-0.1, -2.0]
    """
    check_state("y", y, 2)
    c = y**3
    (a, b), (c_, d) = SPIRAL_MATRIX
    return _stack((a * c[..., 0] + b * c[..., 1], c_ * c[..., 0] + d * c[..., 1]), y)


def lotka_volterra_rhs(
    t: float,
    y: np.ndarray | Tensor,
    alpha: float = 1.0,
    beta: float = 0.5,
    gamma: float = 1.0,
    delta: float = 0.5,
) -> np.ndarray | Tensor:
    """Lotka–Volterra predator–prey model: x' = αx − βxy, y' = δxy − γy.

    The state is (prey x, predators y) on the last axis.

    Examples
    --------
    >>> lotka_volterra_rhs(0.0, np.array([2.0, 2.0])).tolist()  # the fixed point (γ/δ, α/β)
    [0.0, 0.0]
    """
    check_state("y", y, 2)
    x, p = y[..., 0], y[..., 1]
    return _stack((alpha * x - beta * x * p, delta * x * p - gamma * p), y)


def lotka_volterra_invariant(
    y: np.ndarray | Tensor,
    alpha: float = 1.0,
    beta: float = 0.5,
    gamma: float = 1.0,
    delta: float = 0.5,
) -> np.ndarray | Tensor:
    """The conserved quantity V = δx − γ ln x + βy − α ln y of :func:`lotka_volterra_rhs`.

    Examples
    --------
    >>> path = trajectory(lotka_volterra_rhs, np.array([1.0, 1.0]), 10.0, 101)[1]
    >>> v = lotka_volterra_invariant(path)
    >>> bool(np.ptp(v) < 1e-6)
    True
    """
    check_state("y", y, 2)
    log = torch.log if isinstance(y, torch.Tensor) else np.log
    x, p = y[..., 0], y[..., 1]
    return delta * x - gamma * log(x) + beta * p - alpha * log(p)


def pendulum_rhs(t: float, y: np.ndarray | Tensor, omega: float = 1.0) -> np.ndarray | Tensor:
    """The frictionless pendulum q' = p, p' = −ω² sin q (angle q, angular velocity p).

    Examples
    --------
    >>> pendulum_rhs(0.0, np.array([0.0, 1.0])).tolist()
    [1.0, -0.0]
    """
    check_state("y", y, 2)
    sin = torch.sin if isinstance(y, torch.Tensor) else np.sin
    return _stack((y[..., 1], -(omega**2) * sin(y[..., 0])), y)


def pendulum_energy(y: np.ndarray | Tensor, omega: float = 1.0) -> np.ndarray | Tensor:
    """The energy H = p²/2 + ω²(1 − cos q) conserved by :func:`pendulum_rhs`.

    Examples
    --------
    >>> float(pendulum_energy(np.array([0.0, 2.0])))
    2.0
    """
    check_state("y", y, 2)
    cos = torch.cos if isinstance(y, torch.Tensor) else np.cos
    return y[..., 1] ** 2 / 2 + omega**2 * (1 - cos(y[..., 0]))


def trajectory(
    rhs: Callable,
    y0: np.ndarray | Tensor,
    t_end: float,
    n_points: int,
    noise: float = 0.0,
    substeps: int = 20,
    generator: torch.Generator | np.random.Generator | None = None,
) -> tuple:
    """Sample a trajectory of y' = rhs(t, y) at ``n_points`` equally spaced times, with noise.

    The reference is RK4 with ``substeps`` steps between samples; the noisy copy adds
    independent Gaussian noise of standard deviation ``noise`` to every entry.

    Parameters
    ----------
    rhs : callable
        Right-hand side f(t, y), e.g. :func:`lotka_volterra_rhs`.
    y0 : numpy.ndarray or torch.Tensor
        Initial state, or a batch of initial states (last axis = state).
    t_end : float
        Time of the last sample (the first is at t = 0).
    n_points : int
        Number of samples (≥ 2).
    noise : float
        Standard deviation of the observation noise (0: none).
    substeps : int
        RK4 steps per sampling interval.
    generator : torch.Generator or numpy.random.Generator, optional
        Source of the noise (matching the type of ``y0``); ``None`` uses the global one.

    Returns
    -------
    t : same type as y0
        Sample times, shape (n_points,).
    clean : same type as y0
        The exact trajectory, shape (n_points, *y0.shape).
    noisy : same type as y0
        ``clean`` plus noise.

    Examples
    --------
    >>> t, clean, noisy = trajectory(spiral_rhs, np.array([2.0, 0.0]), 25.0, 1000, noise=0.01)
    >>> clean.shape, bool(np.abs(noisy - clean).std() < 0.02)
    ((1000, 2), True)
    """
    if not callable(rhs):
        raise TypeError(f"rhs must be callable, got {type(rhs).__name__}")
    if not isinstance(y0, (np.ndarray, torch.Tensor)):
        raise TypeError(f"y0 must be a numpy array or torch tensor, got {type(y0).__name__}")
    t_end = check_real("t_end", t_end, minimum=0.0, strict=True)
    n_points = check_int("n_points", n_points, minimum=2)
    noise = check_real("noise", noise, minimum=0.0)
    substeps = check_int("substeps", substeps, minimum=1)
    steps = (n_points - 1) * substeps
    clean = ode.integrate(rhs, y0, t_end, steps, method="rk4", save_every=substeps)
    if isinstance(y0, torch.Tensor):
        t = torch.linspace(0.0, t_end, n_points, dtype=y0.dtype, device=y0.device)
        if generator is not None and not isinstance(generator, torch.Generator):
            raise TypeError("generator must be a torch.Generator for a tensor y0")
        eps = torch.randn(clean.shape, generator=generator, dtype=clean.dtype,
                          device=generator.device if generator is not None else clean.device)
        return t, clean, clean + noise * eps.to(clean.device)
    if generator is not None and not isinstance(generator, np.random.Generator):
        raise TypeError("generator must be a numpy.random.Generator for an array y0")
    rng = generator if generator is not None else np.random  # the global stream, seeded by setup
    t = np.linspace(0.0, t_end, n_points)
    return t, clean, clean + noise * rng.standard_normal(clean.shape)


def spiral_trajectory(
    n_points: int = 1000,
    t_end: float = 25.0,
    noise: float = 0.0,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float64,
    device: torch.device | str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """The spiral data of Chen et al. (2018): y' = A y³ from y(0) = (2, 0) on [0, 25].

    Returns the tensors ``(t, clean, noisy)`` of :func:`trajectory`.

    Examples
    --------
    >>> t, clean, _ = spiral_trajectory(100)
    >>> t.shape, clean.shape, float(clean[0, 0])
    (torch.Size([100]), torch.Size([100, 2]), 2.0)
    """
    y0 = torch.tensor([2.0, 0.0], dtype=dtype, device=device)
    return trajectory(spiral_rhs, y0, t_end, n_points, noise=noise, generator=generator)


def sample_segments(
    y: Tensor, length: int, batch_size: int, generator: torch.Generator | None = None
) -> tuple[Tensor, Tensor]:
    """Random pieces of observed trajectories: starting states and the observations that follow.

    Parameters
    ----------
    y : torch.Tensor
        Observations on a uniform time grid, shape (T, dim) or (T, n_trajectories, dim).
    length : int
        Samples per segment (≥ 2), the first being the starting state.
    batch_size : int
        Number of segments.
    generator : torch.Generator, optional
        Source of the random starts.

    Returns
    -------
    y0 : torch.Tensor
        Starting states, shape (batch_size, dim).
    targets : torch.Tensor
        The segments, shape (length, batch_size, dim); ``targets[0] == y0``.

    Examples
    --------
    >>> y = torch.arange(20.0).reshape(10, 2)
    >>> y0, seg = sample_segments(y, 3, 4, torch.Generator().manual_seed(0))
    >>> seg.shape, bool((seg[0] == y0).all()), bool((seg[1] - seg[0] == 2).all())
    (torch.Size([3, 4, 2]), True, True)
    """
    check_tensor("y", y)
    if y.ndim == 2:
        y = y.unsqueeze(1)
    if y.ndim != 3:
        raise ValueError(f"y must have shape (T, dim) or (T, n, dim), got {tuple(y.shape)}")
    length = check_int("length", length, minimum=2)
    batch_size = check_int("batch_size", batch_size, minimum=1)
    n_times, n_traj, _ = y.shape
    if length > n_times:
        raise ValueError(f"length ({length}) must not exceed the number of samples ({n_times})")
    gen_device = generator.device if generator is not None else "cpu"
    start = torch.randint(0, n_times - length + 1, (batch_size,), generator=generator, device=gen_device)
    which = torch.randint(0, n_traj, (batch_size,), generator=generator, device=gen_device)
    rows = start.to(y.device)[None, :] + torch.arange(length, device=y.device)[:, None]
    targets = y[rows, which.to(y.device)[None, :]]
    return targets[0], targets


def fit_trajectory(
    func: torch.nn.Module,
    t: Tensor,
    y: Tensor,
    *,
    segment_length: int = 10,
    batch_size: int = 20,
    steps: int = 500,
    lr: float = 1e-2,
    substeps: int = 1,
    schedule: str | None = "cosine",
    generator: torch.Generator | None = None,
    progress: bool = True,
    desc: str | None = None,
) -> training.TrainingLog:
    """Fit a vector field to observed trajectories by backpropagation through RK4.

    Each Adam step draws ``batch_size`` random segments of ``segment_length`` samples
    (:func:`sample_segments`), integrates f_θ from their first states with fixed-step RK4
    (``substeps`` steps per sampling interval) and minimises the mean squared difference
    from the observations. Short segments keep the loss landscape tame (Chen et al. 2018).

    Parameters
    ----------
    func : torch.nn.Module
        The vector field f_θ(t, y), e.g. :class:`ODEFunc`; trained in place.
    t : torch.Tensor
        Uniform sample times, shape (T,).
    y : torch.Tensor
        Observations, shape (T, dim) or (T, n_trajectories, dim).
    segment_length, batch_size : int
        Segment size and number of segments per step.
    steps : int
        Adam steps.
    lr : float
        Learning rate.
    substeps : int
        RK4 steps per sampling interval.
    schedule : {None, "cosine"}
        Learning-rate schedule (see :func:`sciml_course.training.minimise`).
    generator : torch.Generator, optional
        Source of the random segments.
    progress : bool
        Show a tqdm progress bar.
    desc : str, optional
        Label of the progress bar.

    Returns
    -------
    sciml_course.training.TrainingLog
        The training loss at every step and the wall time.

    Examples
    --------
    >>> t = torch.linspace(0, 2, 21, dtype=torch.float64)
    >>> y = torch.exp(-t)[:, None]
    >>> f = ODEFunc(1, width=8, dtype=torch.float64)
    >>> h = fit_trajectory(f, t, y, segment_length=5, steps=200, progress=False,
    ...                    generator=torch.Generator().manual_seed(0))
    >>> h[-1] < 1e-4
    True
    """
    if not isinstance(func, torch.nn.Module):
        raise TypeError(f"func must be a torch.nn.Module, got {type(func).__name__}")
    check_tensor("t", t, ndim=1)
    check_tensor("y", y)
    if len(t) < 2 or y.shape[0] != len(t):
        raise ValueError(f"y must have one sample per time in t, got {tuple(y.shape)} and {len(t)}")
    dts = torch.diff(t)
    dt = float(dts[0])
    if dt <= 0 or not torch.allclose(dts, dts[0], rtol=1e-6, atol=0.0):
        raise ValueError("t must be increasing and uniformly spaced")
    segment_length = check_int("segment_length", segment_length, minimum=2)
    substeps = check_int("substeps", substeps, minimum=1)

    def loss() -> Tensor:
        y0, targets = sample_segments(y, segment_length, batch_size, generator)
        n = segment_length - 1
        pred = ode.integrate(func, y0, n * dt, n * substeps, method="rk4", save_every=substeps)
        return torch.mean((pred - targets) ** 2)

    return training.minimise(loss, func.parameters(), method="adam", steps=steps, lr=lr,
                             schedule=schedule, progress=progress, desc=desc or "neural ODE")


class SavedTensorMeter:
    """Measure the memory autograd keeps alive for the backward pass (peak, in bytes).

    Inside the ``with`` block every tensor that autograd saves is counted once per
    storage (views share it) until its graph is freed; leaf tensors that require a
    gradient (the parameters, which exist anyway) are not counted. ``peak`` is the
    largest total alive at any moment: the activation memory of backpropagation.

    Examples
    --------
    >>> w = torch.ones(100, requires_grad=True)
    >>> with SavedTensorMeter() as meter:
    ...     loss = (torch.sin(w) ** 2).sum()
    ...     loss.backward()
    >>> meter.peak  # sin saves its input w (a leaf, not counted); ** 2 saves sin(w)
    400
    """

    def __init__(self) -> None:
        self.peak = 0
        self.current = 0
        self._alive: dict[int, list[int]] = {}
        self._hooks = torch.autograd.graph.saved_tensors_hooks(self._pack, self._unpack)

    class _Holder:
        __slots__ = ("tensor", "__weakref__")

        def __init__(self, tensor: Tensor) -> None:
            self.tensor = tensor

    def _release(self, key: int) -> None:
        entry = self._alive.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            self.current -= entry[0]
            del self._alive[key]

    def _pack(self, tensor: Tensor) -> object:
        if tensor.is_leaf and tensor.requires_grad:
            return tensor
        # A detached alias: holding the tensor itself would, for a saved *output*, close a
        # reference cycle through its grad_fn that a retained graph could never free.
        holder = self._Holder(tensor.detach())
        storage = tensor.untyped_storage()
        key = storage.data_ptr()
        if key in self._alive:
            self._alive[key][1] += 1
        else:
            self._alive[key] = [storage.nbytes(), 1]
            self.current += storage.nbytes()
            self.peak = max(self.peak, self.current)
        weakref.finalize(holder, self._release, key)
        return holder

    @staticmethod
    def _unpack(packed: object) -> Tensor:
        return packed.tensor if isinstance(packed, SavedTensorMeter._Holder) else packed

    def __enter__(self) -> "SavedTensorMeter":
        self._hooks.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._hooks.__exit__(*exc)


__all__ = [
    "ODEFunc", "SavedTensorMeter", "fit_trajectory", "lotka_volterra_invariant",
    "lotka_volterra_rhs", "pendulum_energy", "pendulum_rhs", "sample_segments",
    "spiral_rhs", "spiral_trajectory", "trajectory",
]
