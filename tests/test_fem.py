import numpy as np
import pytest

from sciml_course import convergence, fem, ritz

zero = lambda x: np.zeros(x.shape[:-1])


def test_meshes_cover_the_right_domains():
    square, lshape = fem.domain_mesh("square", 2), fem.domain_mesh("lshape", 2)
    for mesh, expected in ((square, 1.0), (lshape, 3.0)):
        a, b, c = (mesh.p[:, mesh.t[i]] for i in range(3))
        signed = 0.5 * ((b - a)[0] * (c - a)[1] - (b - a)[1] * (c - a)[0])
        assert (signed != 0).all() and np.abs(signed).sum() == pytest.approx(expected)
    centroids = lshape.p[:, lshape.t].mean(1)
    assert not ((centroids[0] > 0) & (centroids[1] < 0)).any()


def test_p1_reproduces_linear_functions_exactly():
    linear = lambda x: 1 + 2 * x[..., 0] - x[..., 1]
    gradient = lambda x: np.broadcast_to(np.array([2.0, -1.0]), x.shape)
    sol = fem.solve_poisson("lshape", 2, zero, linear, linear, gradient)
    assert sol.rel_l2 < 1e-12 and sol.rel_h1 < 1e-12
    assert sol.runtime > 0 and sol.dofs == sol.mesh.p.shape[1]


def test_smooth_problem_converges_at_the_textbook_rates():
    sols = [fem.solve_poisson("square", k, ritz.sine_source, zero, ritz.sine_solution, ritz.sine_gradient)
            for k in (3, 4, 5)]
    dofs = [s.dofs for s in sols]
    assert convergence.loglog_slope(dofs, [s.rel_l2 for s in sols]) == pytest.approx(-1.0, abs=0.06)
    assert convergence.loglog_slope(dofs, [s.rel_h1 for s in sols]) == pytest.approx(-0.5, abs=0.04)
    assert sols[1].h == pytest.approx(sols[0].h / 2)


def test_corner_singularity_reduces_the_h1_rate_to_one_third():
    sols = [fem.solve_poisson("lshape", k, zero, ritz.singular_solution, ritz.singular_solution,
                              ritz.singular_gradient) for k in (3, 4, 5)]
    rate = convergence.loglog_slope([s.dofs for s in sols], [s.rel_h1 for s in sols])
    assert rate == pytest.approx(-1 / 3, abs=0.05)


def test_solve_without_exact_solution_gives_no_errors():
    sol = fem.solve_poisson("square", 1, ritz.sine_source, zero)
    assert sol.rel_l2 is None and sol.rel_h1 is None and sol.u.shape == (sol.dofs,)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: fem.domain_mesh("disk", 1), ValueError, "domain"),
        (lambda: fem.domain_mesh("square", -1), ValueError, "refinements"),
        (lambda: fem.solve_poisson("square", 1, 1.0, zero), TypeError, "source"),
        (lambda: fem.solve_poisson("square", 1, zero, None), TypeError, "boundary_data"),
        (lambda: fem.solve_poisson("square", 1, zero, zero, exact=zero), ValueError, "exact_gradient"),
    ],
)
def test_bad_inputs_name_the_argument(call, error, name):
    with pytest.raises(error, match=name):
        call()
