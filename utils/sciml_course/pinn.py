"""Building blocks of physics-informed neural networks (C3, case study one).

* :func:`derivative` — d^k u/dx_i^k of a network output by automatic
  differentiation (``create_graph=True``, so a loss built on it can be trained).
* :func:`mlp_derivatives` — the same first and second derivatives of a tanh
  :func:`sciml_course.models.mlp`, propagated forward through the layers
  (forward-mode "jets"): a few matrix products instead of nested backward
  passes, several times faster for small networks.
* :func:`uniform_points` and :func:`resample_by_residual` — collocation points:
  uniform random, and residual-based adaptive distribution (RAD, Wu et al. 2023),
  which puts points where the residual is large (near a shock).
* :func:`hard_trial` — a trial function u = g + d · N_θ that satisfies the
  boundary (and initial) conditions exactly.
* :func:`adam_then_lbfgs` — Adam for a rough start, then L-BFGS with a
  strong-Wolfe line search, both via :func:`sciml_course.training.minimise`.
* :func:`minimise_bfgs` — full-memory BFGS (O(n²) update, SciPy's Wolfe line
  search) on the flattened parameters, in float64; for networks with a few
  thousand parameters it converges much further than L-BFGS on PINN losses.
"""

from __future__ import annotations

import time
from typing import Callable, Iterable, Sequence

import numpy as np
import torch
from tqdm.auto import tqdm

from . import training
from ._validation import check_int, check_real, check_tensor

__all__ = [
    "derivative",
    "mlp_derivatives",
    "uniform_points",
    "resample_by_residual",
    "hard_trial",
    "adam_then_lbfgs",
    "minimise_bfgs",
]


def derivative(u: torch.Tensor, x: torch.Tensor, order: int = 1, dim: int = 0) -> torch.Tensor:
    """Derivative ∂^k u / ∂x_dim^k at every sample, by automatic differentiation.

    Parameters
    ----------
    u : torch.Tensor
        Network output, shape (N,) or (N, 1), computed from ``x``.
    x : torch.Tensor
        Inputs with ``requires_grad=True``, shape (N,) or (N, d).
    order : int
        k ≥ 1.
    dim : int
        Which input coordinate (column of ``x``) to differentiate in.

    Returns
    -------
    torch.Tensor
        Shape (N,) (or (N, 1) if ``u`` is (N, 1)), part of the autograd graph.

    Examples
    --------
    >>> x = torch.linspace(0, 1, 5, dtype=torch.float64, requires_grad=True)
    >>> torch.allclose(derivative(x ** 3, x, order=2), 6 * x)
    True
    """
    check_tensor("u", u)
    check_tensor("x", x)
    order = check_int("order", order, minimum=1)
    dim = check_int("dim", dim, minimum=0)
    if not x.requires_grad:
        raise ValueError("x must have requires_grad=True (set it before computing u)")
    if x.ndim == 2 and dim >= x.shape[1]:
        raise ValueError(f"dim must be < {x.shape[1]}, got {dim}")
    if x.ndim == 1 and dim != 0:
        raise ValueError(f"dim must be 0 for one-dimensional x, got {dim}")
    shape = u.shape
    out = u.reshape(-1)
    for _ in range(order):
        (grad,) = torch.autograd.grad(out.sum(), x, create_graph=True)
        out = grad if x.ndim == 1 else grad[:, dim]
    return out.reshape(shape)


def mlp_derivatives(
    net: torch.nn.Sequential, x: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Value, gradient and pure second derivatives of a tanh MLP, forward mode.

    For each layer z = A h + b, h' = tanh(z), the derivatives are pushed
    forward by the chain rule: ∂h'/∂x_i = tanh'(z) ∂z/∂x_i and
    ∂²h'/∂x_i² = tanh''(z) (∂z/∂x_i)² + tanh'(z) ∂²z/∂x_i², with
    tanh' = 1 − tanh² and tanh'' = −2 tanh tanh'.

    Parameters
    ----------
    net : torch.nn.Sequential
        Alternating ``Linear`` and ``Tanh`` layers ending with ``Linear`` and a
        single output, e.g. ``models.mlp(d, 1, W, L)``.
    x : torch.Tensor
        Inputs of shape (N, d).

    Returns
    -------
    u : torch.Tensor
        Shape (N,).
    du : torch.Tensor
        Shape (N, d): ∂u/∂x_i.
    d2u : torch.Tensor
        Shape (N, d): ∂²u/∂x_i².

    Examples
    --------
    >>> from sciml_course.models import mlp
    >>> net = mlp(2, 1, 8, 2, dtype=torch.float64)
    >>> x = torch.rand(4, 2, dtype=torch.float64, requires_grad=True)
    >>> u, du, d2u = mlp_derivatives(net, x)
    >>> torch.allclose(du[:, 1], derivative(net(x)[:, 0], x, dim=1))
    True
    """
    if not isinstance(net, torch.nn.Sequential):
        raise TypeError(f"net must be a torch.nn.Sequential, got {type(net).__name__}")
    check_tensor("x", x, ndim=2)
    layers = list(net)
    if not layers or not isinstance(layers[-1], torch.nn.Linear) or layers[-1].out_features != 1:
        raise ValueError("net must end with a Linear layer with one output")
    for layer in layers:
        if not isinstance(layer, (torch.nn.Linear, torch.nn.Tanh)):
            raise ValueError(f"net may contain only Linear and Tanh layers, found {type(layer).__name__}")
    d = x.shape[1]
    h = x
    # dh[:, i] = ∂h/∂x_i, d2h[:, i] = ∂²h/∂x_i², stacked on a leading axis of size d
    dh = torch.eye(d, dtype=x.dtype, device=x.device)[:, None, :].expand(d, x.shape[0], d)
    d2h = torch.zeros_like(dh)
    for layer in layers:
        if isinstance(layer, torch.nn.Linear):
            h = layer(h)
            dh = dh @ layer.weight.T
            d2h = d2h @ layer.weight.T
        else:
            h = torch.tanh(h)
            s1 = 1 - h * h
            s2 = -2 * h * s1
            d2h = s2 * dh * dh + s1 * d2h
            dh = s1 * dh
    return h[:, 0], dh[..., 0].T, d2h[..., 0].T


def uniform_points(
    n: int,
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float64,
    device: torch.device | str | None = None,
) -> torch.Tensor:
    """``n`` uniform random points in the box [lower, upper] (shape (n, d)).

    Examples
    --------
    >>> p = uniform_points(100, [-1, 0], [1, 1], generator=torch.Generator().manual_seed(0))
    >>> p.shape, bool((p[:, 1] >= 0).all())
    (torch.Size([100, 2]), True)
    """
    n = check_int("n", n, minimum=1)
    lo = torch.as_tensor(np.asarray(lower, dtype=float), dtype=dtype)
    hi = torch.as_tensor(np.asarray(upper, dtype=float), dtype=dtype)
    if lo.ndim != 1 or lo.shape != hi.shape:
        raise ValueError("lower and upper must be sequences of the same length")
    if not bool((hi > lo).all()):
        raise ValueError("upper must exceed lower in every coordinate")
    u = torch.rand(n, len(lo), generator=generator, dtype=dtype)
    return (lo + (hi - lo) * u).to(device or "cpu")


def resample_by_residual(
    residual: Callable[[torch.Tensor], torch.Tensor],
    candidates: torch.Tensor,
    n: int,
    *,
    k: float = 1.0,
    c: float = 1.0,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Residual-based adaptive distribution (RAD) of collocation points.

    Draws ``n`` of the ``candidates`` without replacement with probability
    p(x) ∝ |r(x)|^k / mean |r|^k + c (Wu et al. 2023): k → 0 or c → ∞ gives
    uniform sampling, large k concentrates points where the residual is large.

    Parameters
    ----------
    residual : callable
        Maps points (M, d) to residuals (M,); evaluated once on ``candidates``.
    candidates : torch.Tensor
        Shape (M, d) with M ≥ n.
    n : int
        Number of points to keep.
    k, c : float
        Exponent (> 0) and uniform floor (≥ 0) of the density.
    generator : torch.Generator, optional
        For reproducible draws.

    Examples
    --------
    >>> pts = torch.linspace(-1, 1, 101, dtype=torch.float64)[:, None]
    >>> chosen = resample_by_residual(lambda p: torch.exp(-100 * p[:, 0] ** 2), pts, 10,
    ...                               k=2, c=0, generator=torch.Generator().manual_seed(0))
    >>> bool(chosen.abs().max() < 0.3)
    True
    """
    if not callable(residual):
        raise TypeError(f"residual must be callable, got {type(residual).__name__}")
    check_tensor("candidates", candidates, ndim=2)
    n = check_int("n", n, minimum=1)
    if n > len(candidates):
        raise ValueError(f"n must be <= the number of candidates ({len(candidates)}), got {n}")
    k = check_real("k", k, minimum=0.0, strict=True)
    c = check_real("c", c, minimum=0.0)
    r = residual(candidates).detach().abs().reshape(-1) ** k
    if r.shape[0] != len(candidates) or not torch.isfinite(r).all():
        raise ValueError("residual must return one finite value per candidate")
    density = r / r.mean().clamp_min(torch.finfo(r.dtype).tiny) + c
    index = torch.multinomial(density.cpu(), n, replacement=False, generator=generator)
    return candidates[index.to(candidates.device)]


def hard_trial(
    network: Callable[[torch.Tensor], torch.Tensor],
    particular: Callable[[torch.Tensor], torch.Tensor],
    distance: Callable[[torch.Tensor], torch.Tensor],
) -> Callable[[torch.Tensor], torch.Tensor]:
    """Trial function u(x) = g(x) + d(x) N_θ(x) that meets the constraints exactly.

    ``g`` satisfies the boundary/initial conditions and ``d`` vanishes where
    they are imposed, so every θ gives an admissible u and the loss needs
    only the PDE residual.

    Parameters
    ----------
    network : callable
        N_θ, maps (N, d) to (N, 1) or (N,).
    particular : callable
        g, maps (N, d) to (N,).
    distance : callable
        d, maps (N, d) to (N,), zero on the constrained set.

    Returns
    -------
    callable
        x ↦ u(x) of shape (N,).

    Examples
    --------
    >>> u = hard_trial(lambda x: torch.ones(len(x), 1), lambda x: 1 + x[:, 0],
    ...                lambda x: x[:, 0] * (1 - x[:, 0]))
    >>> u(torch.tensor([[0.0], [1.0]])).tolist()
    [1.0, 2.0]
    """
    for name, f in (("network", network), ("particular", particular), ("distance", distance)):
        if not callable(f):
            raise TypeError(f"{name} must be callable, got {type(f).__name__}")

    def u(x: torch.Tensor) -> torch.Tensor:
        return particular(x) + distance(x) * network(x).reshape(len(x))

    return u


def adam_then_lbfgs(
    loss_fn: Callable[[], torch.Tensor],
    params: Iterable[torch.nn.Parameter],
    *,
    adam_steps: int = 1000,
    lbfgs_steps: int = 1000,
    lr: float = 1e-3,
    progress: bool = True,
) -> training.TrainingLog:
    """Adam, then L-BFGS (strong-Wolfe line search), on the same loss.

    Adam moves the parameters out of the poor initial region cheaply; L-BFGS
    then converges much faster near a minimum. Both phases use
    :func:`sciml_course.training.minimise`.

    Returns
    -------
    sciml_course.training.TrainingLog
        The losses of both stages in order, with ``phase("adam")`` and
        ``phase("lbfgs")`` for each stage and the total wall time.

    Examples
    --------
    >>> w = torch.nn.Parameter(torch.tensor([3.0, -1.0], dtype=torch.float64))
    >>> h = adam_then_lbfgs(lambda: ((w - 1) ** 4).sum(), [w], adam_steps=10,
    ...                     lbfgs_steps=30, progress=False)
    >>> h[-1] < 1e-6, len(h.phase("adam"))
    (True, 10)
    """
    params = list(params)
    adam_steps = check_int("adam_steps", adam_steps, minimum=0)
    lbfgs_steps = check_int("lbfgs_steps", lbfgs_steps, minimum=0)
    lr = check_real("lr", lr, minimum=0.0, strict=True)
    adam = training.minimise(loss_fn, params, method="adam", steps=adam_steps, lr=lr,
                             progress=progress, desc="Adam")
    lbfgs = training.minimise(loss_fn, params, method="lbfgs", steps=lbfgs_steps, lr=1.0,
                              progress=progress, desc="L-BFGS")
    return training.TrainingLog(adam.train + lbfgs.train, seconds=adam.seconds + lbfgs.seconds,
                                 phases={"adam": (0, len(adam)), "lbfgs": (len(adam), len(adam) + len(lbfgs))})


def minimise_bfgs(
    loss_fn: Callable[[], torch.Tensor],
    params: Iterable[torch.nn.Parameter],
    *,
    steps: int = 1000,
    inverse_hessian: np.ndarray | None = None,
    callback: Callable[[int], None] | None = None,
    progress: bool = True,
    desc: str = "BFGS",
) -> training.TrainingLog:
    """Full-memory BFGS with a Wolfe line search on the flattened parameters (float64).

    BFGS keeps the whole n × n inverse-Hessian estimate H; for n of a few
    thousand that captures the badly conditioned curvature of a PINN loss that
    L-BFGS's short memory misses. After each step s = x⁺ − x with gradient
    change y (ρ = 1 / sᵀy) the estimate is updated as

        H ← H + (ρ + ρ² yᵀHy) s sᵀ − ρ (H y sᵀ + s yᵀ H),

    a rank-two correction in O(n²) operations. (SciPy's
    ``minimize(method="BFGS")`` forms the same matrix as (I − ρ s yᵀ) H (I − ρ y sᵀ)
    + ρ s sᵀ with two dense n × n products, O(n³): at n ≈ 1300 that costs several
    times a PINN loss evaluation; case study one measures it.) The step length
    comes from SciPy's public Wolfe line search (``scipy.optimize.line_search``);
    the first iteration from H = I uses SciPy's first trial step. If the line
    search finds no acceptable step, BFGS restarts once from H = I and stops if
    that fails too. The parameters are updated in place and end at the last
    accepted point.

    Parameters
    ----------
    loss_fn : callable
        Returns the scalar loss (float64 recommended).
    params : iterable of torch.nn.Parameter
        What is optimised.
    steps : int
        Number of BFGS iterations (fewer if the line search fails twice, the
        gradient vanishes or ``callback`` raises StopIteration).
    inverse_hessian : numpy.ndarray, optional
        An n × n estimate to start from, e.g. ``log.state["inverse_hessian"]`` of an
        earlier run on a related loss (after resampling collocation points);
        default the identity. It is copied, not changed.
    callback : callable, optional
        Called as ``callback(iteration)`` after each iteration, parameters set;
        it may raise StopIteration to end the run there.
    progress : bool
        Show a tqdm bar.
    desc : str
        Label of the bar.

    Returns
    -------
    sciml_course.training.TrainingLog
        The loss after each iteration, the wall time, and in
        ``state["inverse_hessian"]`` the final estimate H (to continue from).

    Examples
    --------
    >>> w = torch.nn.Parameter(torch.tensor([3.0, -1.0], dtype=torch.float64))
    >>> h = minimise_bfgs(lambda: ((w - 1) ** 2).sum() + (w[0] * w[1] - 1) ** 2,
    ...                   [w], steps=100, progress=False)
    >>> h[-1] < 1e-12, h.state["inverse_hessian"].shape
    (True, (2, 2))
    """
    import warnings

    from scipy import optimize

    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be callable, got {type(loss_fn).__name__}")
    params = list(params)
    if not params:
        raise ValueError("params must contain at least one parameter")
    steps = check_int("steps", steps, minimum=1)
    size = sum(p.numel() for p in params)
    if inverse_hessian is not None:
        inverse_hessian = np.array(inverse_hessian, dtype=np.float64)  # a copy
        if inverse_hessian.shape != (size, size) or not np.all(np.isfinite(inverse_hessian)):
            raise ValueError(f"inverse_hessian must be a finite {size} × {size} matrix, "
                             f"got shape {inverse_hessian.shape}")
    memo: dict[bytes, tuple[float, np.ndarray]] = {}

    def assign(x: np.ndarray) -> None:
        torch.nn.utils.vector_to_parameters(torch.from_numpy(x).to(params[0]), params)

    def value_and_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
        # the line search asks for f and f' separately: evaluate once per point
        if x.tobytes() not in memo:
            assign(x)
            loss = loss_fn()
            if not isinstance(loss, torch.Tensor) or loss.numel() != 1:
                raise ValueError("loss_fn must return a scalar tensor")
            grads = torch.autograd.grad(loss, params, allow_unused=True)
            flat = torch.cat([(g if g is not None else torch.zeros_like(p)).reshape(-1)
                              for g, p in zip(grads, params)])
            memo.clear()
            memo[x.tobytes()] = float(loss.detach()), flat.detach().cpu().double().numpy()
        return memo[x.tobytes()]

    log = training.TrainingLog()
    start = time.perf_counter()
    x = torch.nn.utils.parameters_to_vector(params).detach().cpu().double().numpy().copy()
    (f, g), fresh = value_and_grad(x), inverse_hessian is None
    H = np.eye(size) if fresh else inverse_hessian
    f_before = f + np.linalg.norm(g) / 2 if fresh else None  # sets the first trial step, as SciPy does
    for iteration in tqdm(range(steps), desc=desc, disable=not progress, leave=False):
        if not np.any(g):
            break
        direction = -H @ g
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "The line search algorithm")
            alpha, _, _, f_new, f_before, g_new = optimize.line_search(
                lambda v: value_and_grad(v)[0], lambda v: value_and_grad(v)[1], x, direction, g, f, f_before)
        if alpha is None:  # no acceptable step: restart once from H = I, stop if that fails too
            if fresh:
                break
            H, f_before, fresh = np.eye(size), f + np.linalg.norm(g) / 2, True
            continue
        s, fresh = alpha * direction, False
        x = x + s
        y = (value_and_grad(x)[1] if g_new is None else g_new) - g
        f, g = f_new, g + y
        log.train.append(float(f))
        sy = s @ y
        if sy > 0:  # the Wolfe conditions guarantee it; skip the update if rounding broke it
            Hy, rho = H @ y, 1.0 / sy
            H += np.outer(s, rho * (1 + rho * (y @ Hy)) * s - rho * Hy)
            H -= np.outer(rho * Hy, s)
        if callback is not None:
            assign(x)
            try:
                callback(iteration)
            except StopIteration:
                break
    assign(x)  # leave the parameters at the last accepted point
    memo.clear()
    log.seconds = time.perf_counter() - start
    log.state["inverse_hessian"] = H
    return log