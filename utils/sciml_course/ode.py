"""Fixed-step time integrators for y' = f(t, y), for NumPy arrays and torch tensors.

The same code serves both array types because it only adds and scales states.
Lecture D3 derives these methods; D4 and the PDE solvers reuse them.
"""

from __future__ import annotations

from typing import Callable, TypeVar

import numpy as np
import torch

from ._validation import check_choice, check_int, check_real

State = TypeVar("State", np.ndarray, torch.Tensor)
RightHandSide = Callable[[float, State], State]


def euler_step(f: RightHandSide, t: float, y: State, dt: float) -> State:
    """One forward-Euler step y + dt f(t, y).

    Examples
    --------
    >>> float(euler_step(lambda t, y: -y, 0.0, np.array(1.0), 0.1))
    0.9
    """
    return y + dt * f(t, y)


def rk4_step(f: RightHandSide, t: float, y: State, dt: float) -> State:
    """One classical fourth-order Runge–Kutta step.

    Examples
    --------
    >>> y = rk4_step(lambda t, y: -y, 0.0, np.array(1.0), 0.1)
    >>> bool(abs(float(y) - np.exp(-0.1)) < 1e-6)
    True
    """
    k1 = f(t, y)
    k2 = f(t + dt / 2, y + dt / 2 * k1)
    k3 = f(t + dt / 2, y + dt / 2 * k2)
    k4 = f(t + dt, y + dt * k3)
    return y + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


STEPPERS = {"euler": euler_step, "rk4": rk4_step}


def integrate(
    f: RightHandSide,
    y0: State,
    t_end: float,
    steps: int,
    method: str = "rk4",
    t0: float = 0.0,
    save_every: int = 1,
) -> State:
    """Integrate y' = f(t, y) from ``t0`` to ``t_end`` in ``steps`` equal steps.

    Parameters
    ----------
    f : callable
        Right-hand side ``f(t, y)`` returning an array like ``y``.
    y0 : numpy.ndarray or torch.Tensor
        Initial state (any shape, e.g. a batch of states).
    t_end : float
        Final time (> t0).
    steps : int
        Number of steps; the step size is (t_end − t0) / steps.
    method : {"rk4", "euler"}
        The stepper.
    t0 : float
        Initial time.
    save_every : int
        Keep every ``save_every``-th state (``steps`` must be a multiple).

    Returns
    -------
    numpy.ndarray or torch.Tensor
        The trajectory, shape ``(steps // save_every + 1, *y0.shape)``, starting at y0.

    Examples
    --------
    >>> path = integrate(lambda t, y: -y, np.ones(2), 1.0, steps=100)
    >>> path.shape, bool(abs(path[-1, 0] - np.exp(-1)) < 1e-8)
    ((101, 2), True)
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if not isinstance(y0, (np.ndarray, torch.Tensor)):
        raise TypeError(f"y0 must be a numpy array or torch tensor, got {type(y0).__name__}")
    t0 = check_real("t0", t0)
    t_end = check_real("t_end", t_end, minimum=t0, strict=True)
    steps = check_int("steps", steps, minimum=1)
    save_every = check_int("save_every", save_every, minimum=1)
    if steps % save_every:
        raise ValueError(f"steps ({steps}) must be a multiple of save_every ({save_every})")
    stepper = STEPPERS[check_choice("method", method, tuple(STEPPERS))]
    dt = (t_end - t0) / steps
    saved = [y0]
    y = y0
    for n in range(steps):
        y = stepper(f, t0 + n * dt, y, dt)
        if (n + 1) % save_every == 0:
            saved.append(y)
    return torch.stack(saved) if isinstance(y0, torch.Tensor) else np.stack(saved)
