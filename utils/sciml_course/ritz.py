"""The Deep Ritz method: Monte-Carlo quadrature, Ritz energies, trial functions, errors.

Lecture C4 derives these pieces; this module keeps them for reuse.

* Domains: the unit square ``"square"`` = (0, 1)² and the L-shape ``"lshape"`` =
  (−1, 1)² minus [0, 1] × [−1, 0] (re-entrant corner at the origin), with
  :func:`sample_interior`, :func:`sample_boundary` (uniform samples),
  :func:`monte_carlo` and :func:`gauss_points` (quadrature for error norms).
* The Ritz energy E(u) = ∫ ½|∇u|² − f u (:func:`ritz_energy`), a boundary
  penalty β ∫_∂Ω (u − g)² (:func:`boundary_penalty`), both combined with fresh
  samples at every call in :func:`deep_ritz_loss`.
* Trial functions that satisfy the boundary condition exactly:
  :class:`ExactBoundaryTrial` with the bubble :func:`square_bubble`, or on the
  L-shape the factor :func:`lshape_factor` and the lifting :func:`lshape_lifting`.
* The strong (PINN) residual needs :func:`laplacian`.
* Exact solutions: u = sin(πx) sin(πy) on the square (:func:`sine_solution`) and
  the corner singularity u = r^{2/3} sin(2θ/3) on the L-shape
  (:func:`singular_solution`), with their gradients.
* Errors: :func:`relative_errors` (relative L2 and H1) and :class:`ErrorLog`, a
  training callback that records the errors against training time.

Scalar fields take points of shape (..., 2) and return shape (...); networks
returning shape (N, 1) are accepted wherever a field is expected.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import numpy as np
import torch

from ._validation import check_choice, check_int, check_real, check_tensor

Field = Callable[[torch.Tensor], torch.Tensor]

DOMAINS = ("square", "lshape")
VERTICES = {
    "square": ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)),
    "lshape": ((-1.0, -1.0), (0.0, -1.0), (0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (-1.0, 1.0)),
}
# lower-left corners of the unit cells that tile each domain
_CELLS = {"square": ((0.0, 0.0),), "lshape": ((-1.0, -1.0), (-1.0, 0.0), (0.0, 0.0))}
SINGULAR_EXPONENT = 2.0 / 3.0


def area(domain: str) -> float:
    """Area |Ω| of ``domain``.

    Examples
    --------
    >>> area("square"), area("lshape")
    (1.0, 3.0)
    """
    check_choice("domain", domain, DOMAINS)
    return float(len(_CELLS[domain]))


def perimeter(domain: str) -> float:
    """Length |∂Ω| of the boundary of ``domain``.

    Examples
    --------
    >>> perimeter("square"), perimeter("lshape")
    (4.0, 8.0)
    """
    check_choice("domain", domain, DOMAINS)
    v = np.asarray(VERTICES[domain])
    return float(np.linalg.norm(np.roll(v, -1, axis=0) - v, axis=1).sum())


def _check_sampling(domain, n, generator, dtype):
    check_choice("domain", domain, DOMAINS)
    n = check_int("n", n, minimum=1)
    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator, got {type(generator).__name__}")
    if not isinstance(dtype, torch.dtype):
        raise TypeError(f"dtype must be a torch.dtype, got {type(dtype).__name__}")
    device = generator.device if generator is not None else torch.device("cpu")
    return n, device


def sample_interior(
    domain: str,
    n: int,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32,
) -> torch.Tensor:
    """Draw ``n`` points uniformly from ``domain`` (on the generator's device).

    The L-shape is the union of three unit squares; a point picks one of them
    with probability 1/3 and is uniform inside it, so no sample is rejected.

    Examples
    --------
    >>> x = sample_interior("lshape", 1000, torch.Generator().manual_seed(0))
    >>> bool(((x[:, 0] > 0) & (x[:, 1] < 0)).any())  # nothing in the cut-out quadrant
    False
    """
    n, device = _check_sampling(domain, n, generator, dtype)
    cells = torch.tensor(_CELLS[domain], dtype=dtype, device=device)
    which = torch.randint(len(cells), (n,), generator=generator, device=device)
    return cells[which] + torch.rand(n, 2, generator=generator, device=device, dtype=dtype)


def sample_boundary(
    domain: str,
    n: int,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32,
) -> torch.Tensor:
    """Draw ``n`` points uniformly (by arc length) from the boundary of ``domain``.

    Examples
    --------
    >>> x = sample_boundary("square", 100, torch.Generator().manual_seed(0))
    >>> bool((torch.minimum(x, 1 - x).min(dim=1).values.abs() < 1e-6).all())
    True
    """
    n, device = _check_sampling(domain, n, generator, dtype)
    start = torch.tensor(VERTICES[domain], dtype=dtype, device=device)
    edge = torch.roll(start, -1, dims=0) - start
    lengths = edge.norm(dim=1)
    s = torch.rand(n, generator=generator, device=device, dtype=dtype) * lengths.sum()
    ends = torch.cumsum(lengths, 0)
    which = torch.searchsorted(ends, s, right=True).clamp(max=len(lengths) - 1)
    t = (s - (ends[which] - lengths[which])) / lengths[which]
    return start[which] + t.unsqueeze(1) * edge[which]


def monte_carlo(
    fn: Field,
    domain: str,
    n: int,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float64,
) -> tuple[float, float]:
    """Monte-Carlo estimate of ∫_Ω fn and its estimated standard error.

    The estimate is |Ω| · mean fn(x_i) over ``n`` uniform samples; its standard
    error is |Ω| · std fn(x_i) / √n, which shrinks like n^{-1/2} whatever the
    dimension.

    Examples
    --------
    >>> est, se = monte_carlo(lambda x: x[:, 0], "square", 10_000, torch.Generator().manual_seed(0))
    >>> bool(abs(est - 0.5) < 4 * se < 0.02)
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable, got {type(fn).__name__}")
    x = sample_interior(domain, n, generator, dtype)
    with torch.no_grad():
        values = _field(fn, x)
    size = area(domain)
    spread = float(values.std()) if n > 1 else float("inf")
    return size * float(values.mean()), size * spread / np.sqrt(n)


def gauss_points(
    domain: str,
    n: int,
    dtype: torch.dtype = torch.float64,
    device: torch.device | str | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Tensor Gauss–Legendre rule with n × n points on each unit cell of ``domain``.

    Returns points (M, 2) and weights (M,) that integrate polynomials of degree
    2n − 1 in each variable exactly; used to measure error norms accurately.

    Examples
    --------
    >>> x, w = gauss_points("lshape", 4)
    >>> float(w.sum()), float((w * x[:, 0] ** 2).sum())
    (3.0, 1.0)
    """
    check_choice("domain", domain, DOMAINS)
    n = check_int("n", n, minimum=1)
    nodes, weights = np.polynomial.legendre.leggauss(n)
    nodes, weights = (nodes + 1) / 2, weights / 2
    gx, gy = np.meshgrid(nodes, nodes, indexing="ij")
    local = np.stack([gx.ravel(), gy.ravel()], axis=1)
    w = np.outer(weights, weights).ravel()
    points = np.concatenate([local + np.asarray(c) for c in _CELLS[domain]])
    w = np.tile(w, len(_CELLS[domain]))
    return (
        torch.as_tensor(points, dtype=dtype, device=device),
        torch.as_tensor(w, dtype=dtype, device=device),
    )


def _field(u: Field, x: torch.Tensor) -> torch.Tensor:
    """Values of ``u`` at ``x`` as shape (N,) (a network's (N, 1) is squeezed)."""
    values = u(x)
    if values.ndim == x.ndim and values.shape[-1] == 1:
        values = values.squeeze(-1)
    if values.shape != x.shape[:-1]:
        raise ValueError(
            f"u must return one value per point, got shape {tuple(values.shape)} "
            f"for points of shape {tuple(x.shape)}"
        )
    return values


def gradient(u: Field, x: torch.Tensor, create_graph: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """Values u(x) (N,) and gradients ∇u(x) (N, 2) by automatic differentiation.

    With ``create_graph=True`` (for a loss) both stay differentiable with respect to
    the parameters of ``u``; with ``create_graph=False`` (for evaluation) both are
    returned detached.

    Examples
    --------
    >>> x = torch.tensor([[1.0, 2.0]])
    >>> gradient(lambda p: (p ** 2).sum(1), x)[1]
    tensor([[2., 4.]], grad_fn=<MulBackward0>)
    """
    if not callable(u):
        raise TypeError(f"u must be callable, got {type(u).__name__}")
    check_tensor("x", x, ndim=2, last_dim=2)
    x = x.detach().requires_grad_(True)
    values = _field(u, x)
    (grad,) = torch.autograd.grad(values.sum(), x, create_graph=create_graph)
    return (values, grad) if create_graph else (values.detach(), grad)


def laplacian(u: Field, x: torch.Tensor, create_graph: bool = True) -> torch.Tensor:
    """Δu(x) (N,) by automatic differentiation (two backward passes per coordinate).

    With ``create_graph=False`` the result is detached (for evaluation).

    Examples
    --------
    >>> x = torch.tensor([[1.0, 2.0]])
    >>> laplacian(lambda p: p[:, 0] ** 2 * p[:, 1], x, create_graph=False)
    tensor([4.])
    """
    if not callable(u):
        raise TypeError(f"u must be callable, got {type(u).__name__}")
    check_tensor("x", x, ndim=2, last_dim=2)
    x = x.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(_field(u, x).sum(), x, create_graph=True)
    second = [torch.autograd.grad(grad[:, i].sum(), x, create_graph=create_graph, retain_graph=True)[0][:, i]
              for i in range(2)]
    result = second[0] + second[1]
    return result if create_graph else result.detach()


def ritz_energy(u: Field, x: torch.Tensor, source: Field, size: float) -> torch.Tensor:
    """Monte-Carlo Ritz energy |Ω| · mean(½|∇u|² − f u) over the samples ``x``.

    Parameters
    ----------
    u : callable
        Trial function (e.g. a network), points (N, 2) → values (N,) or (N, 1).
    x : torch.Tensor
        Uniform samples (N, 2) of the domain.
    source : callable
        Right-hand side f of −Δu = f.
    size : float
        The area |Ω|.

    Examples
    --------
    >>> x, _ = gauss_points("square", 3)  # any points: the mean is what counts
    >>> float(ritz_energy(lambda p: p[:, 0], x, lambda p: 0 * p[:, 0], 1.0).detach())
    0.5
    """
    size = check_real("size", size, minimum=0.0, strict=True)
    if not callable(source):
        raise TypeError(f"source must be callable, got {type(source).__name__}")
    values, grad = gradient(u, x)
    density = 0.5 * (grad**2).sum(dim=1) - source(x.detach()) * values
    return size * density.mean()


def boundary_penalty(
    u: Field, x: torch.Tensor, data: Field, length: float, beta: float
) -> torch.Tensor:
    """Penalty β |∂Ω| · mean (u − g)² over boundary samples ``x``.

    Examples
    --------
    >>> x = torch.zeros(5, 2)
    >>> float(boundary_penalty(lambda p: p[:, 0] + 1, x, lambda p: p[:, 0], 4.0, 10.0))
    40.0
    """
    if not callable(u) or not callable(data):
        raise TypeError("u and data must be callable")
    check_tensor("x", x, ndim=2, last_dim=2)
    length = check_real("length", length, minimum=0.0, strict=True)
    beta = check_real("beta", beta, minimum=0.0)
    return beta * length * ((_field(u, x) - data(x)) ** 2).mean()


def deep_ritz_loss(
    u: Field,
    domain: str,
    source: Field,
    *,
    n_interior: int,
    generator: torch.Generator,
    boundary_data: Field | None = None,
    beta: float = 500.0,
    n_boundary: int = 0,
    dtype: torch.dtype = torch.float32,
) -> Callable[[], torch.Tensor]:
    """Return a loss closure for :func:`sciml_course.training.minimise`.

    Every call draws fresh samples and returns the Ritz energy plus, when
    ``boundary_data`` is given, the penalty β ∫_∂Ω (u − g)².

    Examples
    --------
    >>> gen = torch.Generator().manual_seed(0)
    >>> loss = deep_ritz_loss(lambda p: 0 * p[:, 0], "square", sine_source, n_interior=10, generator=gen)
    >>> float(loss().detach())
    0.0
    """
    check_choice("domain", domain, DOMAINS)
    n_interior = check_int("n_interior", n_interior, minimum=1)
    if not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator, got {type(generator).__name__}")
    if boundary_data is not None:
        n_boundary = check_int("n_boundary", n_boundary, minimum=1)
        beta = check_real("beta", beta, minimum=0.0, strict=True)
    size, length = area(domain), perimeter(domain)

    def loss() -> torch.Tensor:
        x = sample_interior(domain, n_interior, generator, dtype)
        value = ritz_energy(u, x, source, size)
        if boundary_data is not None:
            xb = sample_boundary(domain, n_boundary, generator, dtype)
            value = value + boundary_penalty(u, xb, boundary_data, length, beta)
        return value

    return loss


def square_bubble(x: torch.Tensor) -> torch.Tensor:
    """Bubble 16 x(1 − x) y(1 − y): zero on the unit square's boundary, 1 at its centre.

    Examples
    --------
    >>> square_bubble(torch.tensor([[0.5, 0.5], [0.0, 0.3]]))
    tensor([1., 0.])
    """
    return 16 * x[..., 0] * (1 - x[..., 0]) * x[..., 1] * (1 - x[..., 1])


def lshape_factor(x: torch.Tensor) -> torch.Tensor:
    """φ = (1 − x²)(1 − y²) max(−x, y): zero on the L-shape's six edges, positive inside.

    ``max(−x, y)`` vanishes on the two edges at the re-entrant corner and is
    positive off the removed quadrant {x > 0, y < 0}; the product removes the
    outer edges. Its kink along y = −x is harmless for the Ritz energy, which
    needs first derivatives only.

    Examples
    --------
    >>> lshape_factor(torch.tensor([[0.5, 0.0], [0.0, -0.5], [-0.5, 0.5]])).abs()
    tensor([0.0000, 0.0000, 0.2812])
    """
    check_tensor("x", x, last_dim=2)
    return (1 - x[..., 0] ** 2) * (1 - x[..., 1] ** 2) * torch.maximum(-x[..., 0], x[..., 1])


def lshape_lifting(data: Field) -> Field:
    """Extend boundary data g of the L-shape radially: G(x) = s g(x / s), s = max(|x|, |y|).

    x / s is the point of the outer square's boundary seen from the re-entrant
    corner in the direction of x, so G = g on the four outer edges; on the two
    edges at the corner x / s is (1, 0) or (0, −1). G is therefore a valid
    lifting when g vanishes on those two edges and at those two points (true for
    :func:`singular_solution`). G is 1-homogeneous: Lipschitz, made from boundary
    values only, and not the solution.

    Examples
    --------
    >>> G = lshape_lifting(singular_solution)
    >>> x = torch.tensor([[-1.0, 0.3], [0.5, 0.0], [-0.5, 0.5]], dtype=torch.float64)
    >>> bool(torch.allclose(G(x)[0], singular_solution(x[0]))), float(G(x)[1])
    (True, 0.0)
    """
    if not callable(data):
        raise TypeError(f"data must be callable, got {type(data).__name__}")

    def lifting(x: torch.Tensor) -> torch.Tensor:
        scale = x.abs().amax(dim=-1).clamp_min(torch.finfo(x.dtype).tiny)
        return scale * data(x / scale.unsqueeze(-1))

    return lifting


class ExactBoundaryTrial(torch.nn.Module):
    """Trial function u(x) = G(x) + φ(x) N_θ(x) that equals g on ∂Ω for every θ.

    Parameters
    ----------
    network : torch.nn.Module
        The free part N_θ, points (N, 2) → (N, 1) or (N,).
    distance : callable
        φ, zero on ∂Ω and positive inside (e.g. :func:`square_bubble`).
    lifting : callable, optional
        G, any extension of the boundary data g into Ω (zero if omitted).

    Examples
    --------
    >>> trial = ExactBoundaryTrial(torch.nn.Linear(2, 1), square_bubble)
    >>> float(trial(torch.tensor([[1.0, 0.4]])).detach().abs().max())
    0.0
    """

    def __init__(self, network: torch.nn.Module, distance: Field, lifting: Field | None = None):
        super().__init__()
        if not isinstance(network, torch.nn.Module):
            raise TypeError(f"network must be a torch.nn.Module, got {type(network).__name__}")
        if not callable(distance):
            raise TypeError(f"distance must be callable, got {type(distance).__name__}")
        if lifting is not None and not callable(lifting):
            raise TypeError(f"lifting must be callable, got {type(lifting).__name__}")
        self.network, self.distance, self.lifting = network, distance, lifting

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        value = self.distance(x) * _field(self.network, x)
        return value if self.lifting is None else value + self.lifting(x)


def _backend(x: Any):
    if isinstance(x, torch.Tensor):
        return torch
    if isinstance(x, np.ndarray):
        return np
    raise TypeError(f"x must be a torch.Tensor or numpy array, got {type(x).__name__}")


def sine_solution(x: Any) -> Any:
    """u = sin(πx) sin(πy), the exact solution on the square (zero on ∂Ω).

    Accepts a tensor or an array of shape (..., 2) and returns shape (...).

    Examples
    --------
    >>> float(sine_solution(np.array([0.5, 0.5])))
    1.0
    """
    xp = _backend(x)
    return xp.sin(np.pi * x[..., 0]) * xp.sin(np.pi * x[..., 1])


def sine_gradient(x: Any) -> Any:
    """∇u = π (cos πx sin πy, sin πx cos πy), shape (..., 2).

    Examples
    --------
    >>> np.round(sine_gradient(np.array([0.0, 0.5])), 6)
    array([3.141593, 0.      ])
    """
    xp = _backend(x)
    sx, sy = xp.sin(np.pi * x[..., 0]), xp.sin(np.pi * x[..., 1])
    cx, cy = xp.cos(np.pi * x[..., 0]), xp.cos(np.pi * x[..., 1])
    return np.pi * xp.stack([cx * sy, sx * cy], -1)


def sine_source(x: Any) -> Any:
    """f = −Δu = 2π² sin(πx) sin(πy) for :func:`sine_solution`.

    Examples
    --------
    >>> bool(np.isclose(sine_source(np.array([0.5, 0.5])), 2 * np.pi ** 2))
    True
    """
    return 2 * np.pi**2 * sine_solution(x)


def _polar(x: Any):
    xp = _backend(x)
    r = xp.sqrt(x[..., 0] ** 2 + x[..., 1] ** 2)
    theta = xp.remainder(xp.arctan2(x[..., 1], x[..., 0]), 2 * np.pi)
    return xp, r, theta


def singular_solution(x: Any) -> Any:
    """u = r^{2/3} sin(2θ/3) with θ ∈ [0, 2π): harmonic, zero on the re-entrant edges.

    On the L-shape it solves −Δu = 0 with u = g on ∂Ω and has ∇u ~ r^{-1/3},
    so u lies in H^{5/3−ε} but not in H²: finite elements converge slowly.

    Examples
    --------
    >>> u = singular_solution(np.array([[0.0, 1.0], [0.0, -1.0], [1.0, 0.0]]))
    >>> [round(float(v), 6) + 0.0 for v in u]
    [0.866025, 0.0, 0.0]
    """
    xp, r, theta = _polar(x)
    a = SINGULAR_EXPONENT
    return r**a * xp.sin(a * theta)


def singular_gradient(x: Any) -> Any:
    """∇u = (2/3) r^{−1/3} (sin(−θ/3), cos(−θ/3)), shape (..., 2); infinite at r = 0.

    Examples
    --------
    >>> [round(float(v), 6) for v in singular_gradient(np.array([1.0, 0.0]))]
    [-0.0, 0.666667]
    """
    xp, r, theta = _polar(x)
    a = SINGULAR_EXPONENT
    scale = a * r ** (a - 1)
    return xp.stack([scale * xp.sin((a - 1) * theta), scale * xp.cos((a - 1) * theta)], -1)


def relative_errors(
    u: Field,
    exact: Field,
    exact_gradient: Field,
    points: torch.Tensor,
    weights: torch.Tensor,
) -> tuple[float, float]:
    """Relative L2 and H1 errors ‖u − u*‖ / ‖u*‖ by quadrature (see :func:`gauss_points`).

    The H1 norm is the full one, ‖v‖²_{H1} = ∫ v² + |∇v|². The points are cast
    to the dtype of ``u``'s first parameter when ``u`` is a module.

    Examples
    --------
    >>> x, w = gauss_points("square", 8)
    >>> l2, h1 = relative_errors(lambda p: 1.1 * sine_solution(p), sine_solution, sine_gradient, x, w)
    >>> round(l2, 6), round(h1, 6)
    (0.1, 0.1)
    """
    check_tensor("points", points, ndim=2, last_dim=2)
    check_tensor("weights", weights, ndim=1)
    if len(weights) != len(points):
        raise ValueError("weights must have one entry per point")
    if isinstance(u, torch.nn.Module):
        first = next(u.parameters(), None)
        if first is not None:
            points = points.to(first.dtype)
    values, grad = gradient(u, points, create_graph=False)
    values, grad = values.detach().double(), grad.detach().double()
    points, weights = points.detach().double(), weights.double()
    true, true_grad = exact(points), exact_gradient(points)
    l2 = float((weights * (values - true) ** 2).sum())
    semi = float((weights * ((grad - true_grad) ** 2).sum(1)).sum())
    norm_l2 = float((weights * true**2).sum())
    norm_semi = float((weights * (true_grad**2).sum(1)).sum())
    return float(np.sqrt(l2 / norm_l2)), float(np.sqrt((l2 + semi) / (norm_l2 + norm_semi)))


class ErrorLog:
    """Training callback: every ``every`` steps, record training time and errors.

    Use as ``minimise(..., callback=log)``; the time spent measuring errors is
    not counted as training time, which starts when the log is created (so create
    it just before training). Attributes ``steps``, ``seconds``, ``l2``, ``h1``.

    Examples
    --------
    >>> x, w = gauss_points("square", 4)
    >>> log = ErrorLog(sine_solution, sine_solution, sine_gradient, x, w, every=1)
    >>> log(0); log.l2
    [0.0]
    """

    def __init__(self, u: Field, exact: Field, exact_gradient: Field,
                 points: torch.Tensor, weights: torch.Tensor, every: int = 100) -> None:
        self.args = (u, exact, exact_gradient, points, weights)
        self.every = check_int("every", every, minimum=1)
        self.steps: list[int] = []
        self.seconds: list[float] = []
        self.l2: list[float] = []
        self.h1: list[float] = []
        self._clock = time.perf_counter()
        self._spent = 0.0

    def __call__(self, step: int) -> None:
        if step % self.every:
            return
        now = time.perf_counter()
        self._spent += now - self._clock
        l2, h1 = relative_errors(*self.args)
        self.steps.append(step + 1)
        self.seconds.append(self._spent)
        self.l2.append(l2)
        self.h1.append(h1)
        self._clock = time.perf_counter()
