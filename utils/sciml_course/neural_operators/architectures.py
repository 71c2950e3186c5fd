"""Operator models on a periodic grid: FNO, DeepONet, POD-DeepONet and a grid-bound MLP."""

from __future__ import annotations

import math

import torch

from .._validation import check_choice, check_int, check_tensor
from ..models import mlp
from .layers import FourierLayer


class FNO1d(torch.nn.Module):
    """Fourier neural operator for functions on the periodic interval [0, 1).

    u (batch, N) ↦ lift P → ``n_layers`` Fourier layers of width W → project Q → (batch, N).

    Parameters
    ----------
    modes : int
        Fourier modes kept in every layer.
    width : int
        Channels W of the hidden layers.
    n_layers : int
        Number of Fourier layers (the last has no activation, as in Li et al.).
    grid_channel : bool
        Append x as a second input channel, as in Li et al.; without it the
        operator commutes exactly with grid translations.
    projection : int
        Hidden size of the projection Q.
    dtype : torch.dtype

    Examples
    --------
    >>> model = FNO1d(modes=8, width=16)
    >>> model(torch.randn(3, 64)).shape, model(torch.randn(3, 256)).shape
    (torch.Size([3, 64]), torch.Size([3, 256]))
    """

    def __init__(
        self,
        modes: int = 16,
        width: int = 64,
        n_layers: int = 4,
        grid_channel: bool = True,
        projection: int = 128,
        dtype: torch.dtype = torch.float32,
    ):
        super().__init__()
        n_layers = check_int("n_layers", n_layers, minimum=1)
        width = check_int("width", width, minimum=1)
        projection = check_int("projection", projection, minimum=1)
        if not isinstance(grid_channel, bool):
            raise TypeError(f"grid_channel must be a bool, got {type(grid_channel).__name__}")
        self.grid_channel = grid_channel
        self.lift = torch.nn.Conv1d(2 if grid_channel else 1, width, 1, dtype=dtype)
        self.layers = torch.nn.Sequential(
            *[FourierLayer(width, modes, activation=i < n_layers - 1, dtype=dtype) for i in range(n_layers)]
        )
        self.project = torch.nn.Sequential(
            torch.nn.Conv1d(width, projection, 1, dtype=dtype),
            torch.nn.GELU(),
            torch.nn.Conv1d(projection, 1, 1, dtype=dtype),
        )

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """Map u of shape (batch, N) on the grid x_j = j / N to the output on the same grid."""
        check_tensor("u", u, ndim=2)
        v = u.unsqueeze(1)
        if self.grid_channel:
            x = torch.arange(u.shape[-1], dtype=u.dtype, device=u.device) / u.shape[-1]
            v = torch.cat([v, x.expand(u.shape[0], 1, -1)], dim=1)
        return self.project(self.layers(self.lift(v))).squeeze(1)


class DeepONet(torch.nn.Module):
    """Unstacked DeepONet: G(u)(y) ≈ Σ_{k=1}^p b_k(u) t_k(y) + b_0.

    Parameters
    ----------
    n_sensors : int
        m, the number of sensor values u(x_1), ..., u(x_m) fed to the branch net.
    width, depth : int
        Hidden width W and depth L of both nets.
    n_basis : int
        p, the number of branch/trunk outputs.
    activation : {"relu", "tanh", "gelu"}
    dtype : torch.dtype

    The call ``model(u, y)`` takes u of shape (batch, m) and y of shape
    (batch, P) (P query points per function) or (P,) (shared points), and
    returns (batch, P).

    Examples
    --------
    >>> net = DeepONet(n_sensors=10, width=20, depth=2, n_basis=8)
    >>> net(torch.randn(4, 10), torch.rand(4, 7)).shape, net(torch.randn(4, 10), torch.rand(5)).shape
    (torch.Size([4, 7]), torch.Size([4, 5]))
    """

    def __init__(
        self,
        n_sensors: int,
        width: int = 40,
        depth: int = 2,
        n_basis: int = 40,
        activation: str = "relu",
        dtype: torch.dtype = torch.float32,
    ):
        super().__init__()
        check_choice("activation", activation, ("relu", "tanh", "gelu"))
        self.n_sensors = check_int("n_sensors", n_sensors, minimum=1)
        self.branch = mlp(n_sensors, n_basis, width, depth, activation=activation, dtype=dtype)
        self.trunk = torch.nn.Sequential(
            mlp(1, n_basis, width, depth, activation=activation, dtype=dtype),
            torch.nn.ReLU() if activation == "relu" else torch.nn.Tanh() if activation == "tanh" else torch.nn.GELU(),
        )
        self.bias = torch.nn.Parameter(torch.zeros((), dtype=dtype))

    def forward(self, u: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Evaluate G(u)(y)."""
        check_tensor("u", u, ndim=2, last_dim=self.n_sensors)
        check_tensor("y", y)
        b = self.branch(u)  # (batch, p)
        t = self.trunk(y.unsqueeze(-1))  # (P, p) or (batch, P, p)
        if y.ndim == 1:
            return b @ t.T + self.bias
        if y.ndim == 2 and y.shape[0] == u.shape[0]:
            return torch.einsum("bp,bqp->bq", b, t) + self.bias
        raise ValueError(f"y must have shape (P,) or ({u.shape[0]}, P), got {tuple(y.shape)}")


class PODDeepONet(torch.nn.Module):
    """POD-DeepONet on a fixed grid: G(u) = φ_0 + Σ_{k=1}^p b_k(u) s_k φ_k (Lu et al. 2022).

    The trunk is not trained: φ_0 is the mean of the training outputs and
    φ_1, ..., φ_p their leading principal components (POD modes), scaled by
    s_k = σ_k / √S (σ_k the singular values, S the number of samples), so the
    branch net predicts coefficients of order one. Inputs are normalised by
    their training mean and pointwise standard deviation (one number).

    Parameters
    ----------
    inputs, outputs : torch.Tensor, shape (S, N)
        Training inputs (for the normalisation) and outputs (for the POD basis).
    n_basis : int
        p, the number of POD modes (at most min(S, N)).
    width, depth : int
        Hidden width and depth of the branch net.
    activation : {"relu", "tanh", "gelu"}

    Examples
    --------
    >>> u = torch.randn(20, 16); net = PODDeepONet(u, 2 * u, n_basis=5, width=8, depth=1)
    >>> net(u).shape, net.basis.shape
    (torch.Size([20, 16]), torch.Size([5, 16]))
    """

    def __init__(self, inputs: torch.Tensor, outputs: torch.Tensor, n_basis: int = 32, width: int = 128,
                 depth: int = 3, activation: str = "gelu"):
        super().__init__()
        check_tensor("inputs", inputs, ndim=2)
        check_tensor("outputs", outputs, ndim=2)
        if inputs.shape[0] != outputs.shape[0]:
            raise ValueError("inputs and outputs must have the same number of samples")
        check_choice("activation", activation, ("relu", "tanh", "gelu"))
        n_basis = check_int("n_basis", n_basis, minimum=1)
        if n_basis > min(outputs.shape):
            raise ValueError(f"n_basis must be <= min(S, N) = {min(outputs.shape)}, got {n_basis}")
        outputs = outputs.detach()
        mean = outputs.mean(0)
        _, singular, vh = torch.linalg.svd(outputs - mean, full_matrices=False)
        scale = singular[:n_basis] / math.sqrt(len(outputs))
        self.register_buffer("in_mean", inputs.detach().mean(0))
        self.register_buffer("in_std", inputs.detach().std().clamp_min(1e-12))
        self.register_buffer("out_mean", mean)
        self.register_buffer("basis", vh[:n_basis])
        self.register_buffer("scale", scale)
        self.branch = mlp(inputs.shape[1], n_basis, width, check_int("depth", depth, minimum=1),
                          activation=activation, dtype=inputs.dtype)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """Map u of shape (batch, N) to the prediction on the same (training) grid."""
        check_tensor("u", u, ndim=2, last_dim=self.basis.shape[1])
        coefficients = self.branch((u - self.in_mean) / self.in_std)
        return self.out_mean + (coefficients * self.scale) @ self.basis


class GridMLP(torch.nn.Module):
    """The grid-bound baseline: an MLP from the N input grid values to the N output values.

    Examples
    --------
    >>> net = GridMLP(32, width=64, depth=2)
    >>> net(torch.randn(5, 32)).shape
    torch.Size([5, 32])
    """

    def __init__(self, n_grid: int, width: int = 256, depth: int = 3, activation: str = "gelu",
                 dtype: torch.dtype = torch.float32):
        super().__init__()
        self.n_grid = check_int("n_grid", n_grid, minimum=1)
        self.net = mlp(n_grid, n_grid, width, depth, activation=activation, dtype=dtype)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """Map u of shape (batch, n_grid) to (batch, n_grid); any other grid is an error."""
        check_tensor("u", u, ndim=2, last_dim=self.n_grid)
        return self.net(u)
