"""The C3 checkers accept right answers, reject wrong ones and handle None."""

import torch

from sciml_course import pinn
from sciml_course.exercises import c3


def _residual(u_fn, t, omega):
    t = t.detach().clone().requires_grad_(True)
    u = u_fn(t)
    return pinn.derivative(u, t, 2) + omega**2 * u


def test_oscillator_residual():
    assert c3.check_oscillator_residual(_residual).passed
    assert c3.check_oscillator_residual(lambda u, t, w: _residual(u, t, w) - w**2 * u(t) + u(t)).status == "wrong"
    assert c3.check_oscillator_residual(lambda u, t, w: 1 / 0).status == "wrong"
    assert c3.check_oscillator_residual(None).status == "not attempted"


def test_fd_unknowns():
    assert c3.check_fd_unknowns(2048).passed
    assert c3.check_fd_unknowns(1024).status == "wrong"
    assert c3.check_fd_unknowns(4096).status == "wrong"
    assert c3.check_fd_unknowns(1000).status == "wrong"
    assert c3.check_fd_unknowns(None).status == "not attempted"


def test_mixed_trial():
    assert c3.check_mixed_trial(lambda n, x: 1 + x * (1 - x) ** 2 * n).passed
    assert c3.check_mixed_trial(lambda n, x: 1 + x * (1 - x) * n).status == "wrong"
    assert c3.check_mixed_trial(lambda n, x: torch.ones_like(x)).status == "wrong"
    assert c3.check_mixed_trial(None).status == "not attempted"
