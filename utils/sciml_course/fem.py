"""A small P1 finite-element solver for −Δu = f with Dirichlet data, on scikit-fem.

Lecture C4 compares it with the Deep Ritz method on the same problems:

* :func:`domain_mesh` — uniformly refined triangulations of the unit square
  ``"square"`` and of the L-shape ``"lshape"`` = (−1, 1)² minus [0, 1] × [−1, 0]
  (the same domains as :mod:`sciml_course.ritz`);
* :func:`solve_poisson` — assemble and solve the Galerkin system, timed, and
  measure relative L2 and H1 errors against an exact solution;
* rates against the number of unknowns: :func:`sciml_course.convergence.loglog_slope`.

Callables take points of shape (..., 2) (NumPy) and return shape (...), so the
exact solutions of :mod:`sciml_course.ritz` can be passed directly.

scikit-fem belongs to the package's ``notebooks`` extra: it is imported when a
function needs it, so this module imports without it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np

from ._optional import require
from ._validation import check_choice, check_int

if TYPE_CHECKING:
    import skfem

NumpyField = Callable[[np.ndarray], np.ndarray]
DOMAINS = ("square", "lshape")


def _skfem():
    """scikit-fem, imported on first use."""
    return require("skfem", "scikit-fem", "sciml_course.fem")


def domain_mesh(domain: str, refinements: int) -> skfem.MeshTri:
    """Triangulation of ``domain`` refined uniformly ``refinements`` times.

    The square starts from 4 triangles (``MeshTri.init_symmetric``); the
    L-shape from scikit-fem's 6-triangle L, rotated so that the cut-out
    quadrant is [0, 1] × [−1, 0]. Each refinement halves the mesh size h.

    Examples
    --------
    >>> domain_mesh("lshape", 1).t.shape[1]  # 6 · 4 triangles
    24
    """
    check_choice("domain", domain, DOMAINS)
    refinements = check_int("refinements", refinements, minimum=0)
    skfem = _skfem()
    if domain == "square":
        mesh = skfem.MeshTri.init_symmetric()
    else:
        base = skfem.MeshTri.init_lshaped()  # cut-out quadrant [0, 1]²
        mesh = skfem.MeshTri(np.vstack([base.p[1], -base.p[0]]), base.t)  # rotate by −90°
    return mesh.refined(refinements) if refinements else mesh


@dataclass
class FEMSolution:
    """Result of :func:`solve_poisson`.

    Attributes
    ----------
    mesh, basis : the scikit-fem mesh and P1 basis.
    u : numpy.ndarray
        Nodal values of the discrete solution.
    dofs : int
        Number of degrees of freedom (mesh vertices, boundary ones included).
    h : float
        Largest edge length.
    runtime : float
        Seconds for mesh, assembly and linear solve (not for the error).
    rel_l2, rel_h1 : float or None
        Relative L2 and H1 errors, when an exact solution was given.
    """

    mesh: skfem.MeshTri
    basis: skfem.CellBasis
    u: np.ndarray
    dofs: int
    h: float
    runtime: float
    rel_l2: float | None = None
    rel_h1: float | None = None


def _points(w) -> np.ndarray:
    return np.moveaxis(np.asarray(w.x), 0, -1)  # (2, elements, qp) → (elements, qp, 2)


def solve_poisson(
    domain: str,
    refinements: int,
    source: NumpyField,
    boundary_data: NumpyField,
    exact: NumpyField | None = None,
    exact_gradient: NumpyField | None = None,
) -> FEMSolution:
    """Solve −Δu = f in Ω, u = g on ∂Ω with continuous piecewise-linear elements.

    The Galerkin problem is: find u_h in the P1 space with u_h = I_h g on ∂Ω and
    ∫ ∇u_h · ∇v = ∫ f v for every P1 function v vanishing on ∂Ω.

    Parameters
    ----------
    domain : {"square", "lshape"}
    refinements : int
        Uniform refinements of the coarse mesh (see :func:`domain_mesh`).
    source, boundary_data : callable
        f and g, points (..., 2) → values (...).
    exact, exact_gradient : callable, optional
        u* and ∇u* (shape (..., 2)); when given, relative L2 and H1 errors are
        measured with a 4th-order quadrature rule.

    Returns
    -------
    FEMSolution

    Examples
    --------
    >>> one = lambda x: np.ones(x.shape[:-1]); zero = lambda x: np.zeros(x.shape[:-1])
    >>> sol = solve_poisson("square", 2, zero, one, exact=one, exact_gradient=lambda x: 0 * x)
    >>> sol.dofs, sol.rel_l2 < 1e-12
    (41, True)
    """
    for name, fn in (("source", source), ("boundary_data", boundary_data)):
        if not callable(fn):
            raise TypeError(f"{name} must be callable, got {type(fn).__name__}")
    if (exact is None) != (exact_gradient is None):
        raise ValueError("give both exact and exact_gradient, or neither")
    skfem = _skfem()
    from skfem.models.poisson import laplace

    start = time.perf_counter()
    mesh = domain_mesh(domain, refinements)
    basis = skfem.Basis(mesh, skfem.ElementTriP1())
    stiffness = laplace.assemble(basis)

    @skfem.LinearForm
    def load(v, w):
        return source(_points(w)) * v

    rhs = load.assemble(basis)
    boundary = basis.get_dofs().all()
    u = np.zeros(basis.N)
    u[boundary] = boundary_data(basis.doflocs[:, boundary].T)
    u = skfem.solve(*skfem.condense(stiffness, rhs, x=u, D=boundary))
    runtime = time.perf_counter() - start
    edges = mesh.p[:, mesh.facets]
    h = float(np.linalg.norm(edges[:, 0] - edges[:, 1], axis=0).max())
    solution = FEMSolution(mesh, basis, u, int(basis.N), h, runtime)
    if exact is not None:
        solution.rel_l2, solution.rel_h1 = _relative_errors(solution, exact, exact_gradient)
    return solution


def _relative_errors(solution: FEMSolution, exact: NumpyField, exact_gradient: NumpyField):
    skfem = _skfem()
    from skfem.helpers import dot, grad

    fine = skfem.Basis(solution.mesh, skfem.ElementTriP1(), intorder=4)
    uh = fine.interpolate(solution.u)

    def integral(density) -> float:
        return float(skfem.Functional(density).assemble(fine, uh=uh))

    def true_grad(w):
        return np.moveaxis(exact_gradient(_points(w)), -1, 0)

    def squared(v):
        return dot(v, v)

    err_l2 = integral(lambda w: (w["uh"] - exact(_points(w))) ** 2)
    err_semi = integral(lambda w: squared(grad(w["uh"]) - true_grad(w)))
    norm_l2 = integral(lambda w: exact(_points(w)) ** 2)
    norm_semi = integral(lambda w: squared(true_grad(w)))
    return (
        float(np.sqrt(err_l2 / norm_l2)),
        float(np.sqrt((err_l2 + err_semi) / (norm_l2 + norm_semi))),
    )


