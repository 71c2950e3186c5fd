import torch

from sciml_course import ode
from sciml_course.exercises import d3


def heun(f, t, y, h):
    k1 = f(t, y)
    return y + h / 2 * (k1 + f(t + h, y + h * k1))


def test_heun_step_accepts_heun_and_rejects_euler_rk4_and_broken_steps():
    assert d3.check_heun_step(heun).passed
    assert d3.check_heun_step(None).status == "not attempted"
    assert "Euler" in d3.check_heun_step(ode.euler_step).message
    assert "RK4" in d3.check_heun_step(ode.rk4_step).message
    wrong = lambda f, t, y, h: y + h / 2 * (f(t, y) + f(t, y + h * f(t, y)))  # noqa: E731
    assert d3.check_heun_step(wrong).status == "wrong"
    assert "raised" in d3.check_heun_step(lambda f, t, y, h: 1 / 0).message
    assert d3.check_heun_step(3).status == "wrong"


def test_adjoint_rhs_accepts_minus_a_m_and_explains_sign_and_transpose():
    assert d3.check_adjoint_rhs(lambda a, M: -a @ M).passed
    assert d3.check_adjoint_rhs(lambda a, M: -(M.T @ a.T).T).passed
    assert "sign" in d3.check_adjoint_rhs(lambda a, M: a @ M).message
    assert "transpose" in d3.check_adjoint_rhs(lambda a, M: -a @ M.T).message
    assert d3.check_adjoint_rhs(lambda a, M: a).status == "wrong"
    assert d3.check_adjoint_rhs(None).status == "not attempted"


def test_pendulum_invariant_accepts_any_conserved_quantity_and_rejects_others():
    energy = lambda y: y[:, 1] ** 2 / 2 + 2.25 * (1 - torch.cos(y[:, 0]))  # noqa: E731
    assert d3.check_pendulum_invariant(energy).passed
    assert d3.check_pendulum_invariant(lambda y: torch.exp(energy(y))).passed
    assert d3.check_pendulum_invariant(lambda y: y[:, 1] ** 2 / 2 + 1 - torch.cos(y[:, 0])).status == "wrong"
    assert "constant" in d3.check_pendulum_invariant(lambda y: 0 * y[:, 0] + 1).message
    assert d3.check_pendulum_invariant(lambda y: y).status == "wrong"
    assert d3.check_pendulum_invariant(None).status == "not attempted"


def test_max_stable_step_accepts_one_tenth_and_explains_common_slips():
    assert d3.check_max_stable_step(0.1).passed
    assert d3.check_max_stable_step(torch.tensor(0.1)).passed
    assert "stiffer" in d3.check_max_stable_step(1.0).message
    assert "decays" in d3.check_max_stable_step(0.05).message
    assert d3.check_max_stable_step("0.1").status == "wrong"
    assert d3.check_max_stable_step(None).status == "not attempted"
