"""Small network architectures shared by the lectures.

* :func:`mlp` — the feed-forward network x_{k+1} = σ(A_k x_k + b_k) ∈ R^W of
  width W and depth L, with a linear read-out.
* :class:`EchoStateNetwork` — a random, fixed reservoir with a trained linear
  read-out (reservoir computing), used in C1 and D4.
"""

from __future__ import annotations

import numpy as np
import torch

from . import seeding
from ._validation import check_array, check_choice, check_int, check_real

ACTIVATIONS = {
    "tanh": torch.nn.Tanh,
    "relu": torch.nn.ReLU,
    "sigmoid": torch.nn.Sigmoid,
    "gelu": torch.nn.GELU,
    "silu": torch.nn.SiLU,
    "softplus": torch.nn.Softplus,
}


def mlp(
    in_dim: int,
    out_dim: int,
    width: int,
    depth: int,
    activation: str = "tanh",
    dtype: torch.dtype = torch.float32,
) -> torch.nn.Sequential:
    """Feed-forward network with ``depth`` hidden layers of ``width`` neurons.

    The network is x_{k+1} = σ(A_k x_k + b_k) for k = 0, ..., L−1 followed by
    a linear read-out, so it has
    (d W + W) + (L − 1)(W² + W) + (W m + m) parameters for input size d and
    output size m.

    Examples
    --------
    >>> net = mlp(2, 1, width=20, depth=3)
    >>> sum(p.numel() for p in net.parameters()) == (2*20+20) + 2*(20*20+20) + (20+1)
    True
    """
    in_dim = check_int("in_dim", in_dim, minimum=1)
    out_dim = check_int("out_dim", out_dim, minimum=1)
    width = check_int("width", width, minimum=1)
    depth = check_int("depth", depth, minimum=1)
    check_choice("activation", activation, tuple(ACTIVATIONS))
    if not isinstance(dtype, torch.dtype):
        raise TypeError(f"dtype must be a torch.dtype, got {type(dtype).__name__}")
    layers: list[torch.nn.Module] = []
    sizes = [in_dim] + [width] * depth
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [torch.nn.Linear(n_in, n_out, dtype=dtype), ACTIVATIONS[activation]()]
    layers.append(torch.nn.Linear(width, out_dim, dtype=dtype))
    return torch.nn.Sequential(*layers)


def count_parameters(model: torch.nn.Module) -> int:
    """Number of trainable parameters of ``model``.

    Examples
    --------
    >>> count_parameters(torch.nn.Linear(3, 2))
    8
    """
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


class EchoStateNetwork:
    """Leaky echo-state network: fixed random reservoir, ridge-regression read-out.

    The reservoir state follows
    r_{t+1} = (1 − a) r_t + a tanh(W r_t + W_in u_t), and the output is the
    linear read-out y_t = W_out [1; r_t]. Only ``W_out`` is trained.

    Parameters
    ----------
    n_inputs : int
        Size of the input u_t.
    reservoir_size : int
        Number of reservoir neurons.
    spectral_radius : float
        Largest |eigenvalue| of W (below about 1 for the echo-state property).
    input_scale : float
        Entries of W_in are uniform in [−input_scale, input_scale].
    leak : float
        Leak rate a in (0, 1].
    density : float
        Fraction of non-zero entries of W.
    ridge : float
        Tikhonov parameter of the read-out.
    seed : int
        Seed of the reservoir's random matrices.

    Examples
    --------
    >>> t = np.linspace(0, 60, 1200); u = np.sin(t)[:, None]
    >>> esn = EchoStateNetwork(1, 100, seed=0).fit(u[:-1], u[1:], washout=100)
    >>> float(np.abs(esn.predict(u[:-1])[200:] - u[201:]).max()) < 1e-2
    True
    """

    def __init__(
        self,
        n_inputs: int,
        reservoir_size: int = 300,
        spectral_radius: float = 0.9,
        input_scale: float = 0.5,
        leak: float = 1.0,
        density: float = 0.1,
        ridge: float = 1e-6,
        seed: int = 0,
    ) -> None:
        self.n_inputs = check_int("n_inputs", n_inputs, minimum=1)
        self.reservoir_size = check_int("reservoir_size", reservoir_size, minimum=1)
        spectral_radius = check_real("spectral_radius", spectral_radius, minimum=0.0, strict=True)
        input_scale = check_real("input_scale", input_scale, minimum=0.0, strict=True)
        self.leak = check_real("leak", leak, minimum=0.0, maximum=1.0, strict=False)
        if self.leak == 0.0:
            raise ValueError("leak must be > 0")
        density = check_real("density", density, minimum=0.0, maximum=1.0)
        if density == 0.0:
            raise ValueError("density must be > 0")
        self.ridge = check_real("ridge", ridge, minimum=0.0)
        rng = seeding.numpy_rng(check_int("seed", seed, minimum=0))
        n = self.reservoir_size
        weights = rng.uniform(-1.0, 1.0, (n, n)) * (rng.random((n, n)) < density)
        radius = np.max(np.abs(np.linalg.eigvals(weights)))
        self.W = weights * (spectral_radius / radius) if radius > 0 else weights
        self.W_in = rng.uniform(-input_scale, input_scale, (n, self.n_inputs))
        self.W_out: np.ndarray | None = None
        self.state = np.zeros(n)

    def _check_inputs(self, inputs: np.ndarray, name: str = "inputs") -> np.ndarray:
        inputs = check_array(name, inputs, ndim=2)
        if inputs.shape[1] != self.n_inputs:
            raise ValueError(
                f"{name} must have shape (T, {self.n_inputs}), got {inputs.shape}"
            )
        return inputs

    def _step(self, state: np.ndarray, u: np.ndarray) -> np.ndarray:
        update = np.tanh(self.W @ state + self.W_in @ u)
        return (1.0 - self.leak) * state + self.leak * update

    def run(self, inputs: np.ndarray, state: np.ndarray | None = None) -> np.ndarray:
        """Drive the reservoir with ``inputs`` (T, n_inputs); return the states (T, N).

        The last state is kept in ``self.state`` for a following :meth:`rollout`.
        """
        inputs = self._check_inputs(inputs)
        state = np.zeros(self.reservoir_size) if state is None else np.asarray(state, float)
        states = np.empty((len(inputs), self.reservoir_size))
        for t, u in enumerate(inputs):
            state = self._step(state, u)
            states[t] = state
        self.state = state
        return states

    @staticmethod
    def _features(states: np.ndarray) -> np.ndarray:
        return np.hstack([np.ones((len(states), 1)), states])

    def fit(self, inputs: np.ndarray, targets: np.ndarray, washout: int = 100) -> "EchoStateNetwork":
        """Train the read-out by ridge regression, discarding the first ``washout`` states."""
        inputs = self._check_inputs(inputs)
        targets = check_array("targets", targets, ndim=2)
        if len(targets) != len(inputs):
            raise ValueError(
                f"targets must have {len(inputs)} rows like inputs, got {len(targets)}"
            )
        washout = check_int("washout", washout, minimum=0)
        if washout >= len(inputs):
            raise ValueError(f"washout must be < the number of samples {len(inputs)}")
        features = self._features(self.run(inputs))[washout:]
        gram = features.T @ features + self.ridge * np.eye(features.shape[1])
        self.W_out = np.linalg.solve(gram, features.T @ targets[washout:]).T
        return self

    def _readout(self, states: np.ndarray) -> np.ndarray:
        if self.W_out is None:
            raise RuntimeError("call fit before predicting")
        return self._features(states) @ self.W_out.T

    def predict(self, inputs: np.ndarray) -> np.ndarray:
        """One-step predictions with the true inputs fed in (teacher forcing)."""
        return self._readout(self.run(inputs))

    def rollout(self, steps: int) -> np.ndarray:
        """Run autonomously from ``self.state``, feeding each output back as input.

        Needs as many outputs as inputs; returns an array (steps, n_inputs).
        """
        steps = check_int("steps", steps, minimum=1)
        if self.W_out is None:
            raise RuntimeError("call fit before rolling out")
        if self.W_out.shape[0] != self.n_inputs:
            raise ValueError("rollout needs the read-out to predict the next input")
        state = self.state
        outputs = np.empty((steps, self.n_inputs))
        for t in range(steps):
            outputs[t] = self._readout(state[None, :])[0]
            state = self._step(state, outputs[t])
        self.state = state
        return outputs
