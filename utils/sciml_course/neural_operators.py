"""Neural operators for functions on the periodic interval: FNO, DeepONet and a grid-bound MLP.

* :class:`SpectralConv1d` — v ↦ F⁻¹(R · (F v)|_{k < modes}), the heart of the
  Fourier neural operator (Li et al. 2021); D2 writes it from scratch first.
* :class:`FourierLayer` — σ(W v + K v): spectral convolution K plus a pointwise
  linear path W.
* :class:`FNO1d` — lift, ``n_layers`` Fourier layers, project.
* :class:`DeepONet` — G(u)(y) ≈ Σ_k b_k(u) t_k(y) + b_0 (Lu et al. 2021).
* :class:`PODDeepONet` — DeepONet whose trunk is the POD basis of the training
  outputs, with input and output normalisation (Lu et al. 2022).
* :class:`GridMLP` — a plain MLP on the N grid values: tied to its grid.
* :class:`ParitySymmetrized` — averages a model with its mirror image, so that
  it respects Burgers' parity symmetry exactly.
* :func:`relative_l2` — the error measure of the FNO papers.
* :func:`train_operator` — mini-batch AdamW with a one-cycle schedule (or the
  step schedule of Li et al.), optional symmetry augmentation, and a tqdm bar.
"""

from __future__ import annotations

import math
import time
from typing import Callable

import torch
from tqdm.auto import tqdm

from . import seeding, training
from ._validation import check_choice, check_int, check_real, check_tensor
from .models import mlp

__all__ = [
    "SpectralConv1d",
    "FourierLayer",
    "FNO1d",
    "DeepONet",
    "PODDeepONet",
    "GridMLP",
    "ParitySymmetrized",
    "reflect",
    "relative_l2",
    "roll_and_flip",
    "train_operator",
]


class SpectralConv1d(torch.nn.Module):
    """Spectral convolution: FFT, keep the lowest ``modes`` modes, multiply by complex weights, inverse FFT.

    (K v)(x) = F⁻¹[ R_k (F v)_k ]  with R_k ∈ C^{C_out × C_in} for k < modes, 0 above.

    Parameters
    ----------
    in_channels, out_channels : int
        Channels C_in, C_out.
    modes : int
        Number of Fourier modes kept (k = 0, ..., modes − 1).
    dtype : torch.dtype
        Real dtype of the layer (the weights are the matching complex type).

    Examples
    --------
    >>> layer = SpectralConv1d(3, 5, modes=4)
    >>> layer(torch.randn(2, 3, 16)).shape
    torch.Size([2, 5, 16])
    >>> sum(p.numel() for p in layer.parameters())  # complex numbers
    60
    """

    def __init__(self, in_channels: int, out_channels: int, modes: int, dtype: torch.dtype = torch.float32):
        super().__init__()
        self.in_channels = check_int("in_channels", in_channels, minimum=1)
        self.out_channels = check_int("out_channels", out_channels, minimum=1)
        self.modes = check_int("modes", modes, minimum=1)
        if dtype not in (torch.float32, torch.float64):
            raise TypeError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
        cdtype = torch.complex64 if dtype == torch.float32 else torch.complex128
        scale = 1.0 / (in_channels * out_channels)
        self.weight = torch.nn.Parameter(scale * torch.rand(in_channels, out_channels, modes, dtype=cdtype))

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        """Apply the layer to ``v`` of shape (batch, in_channels, N)."""
        check_tensor("v", v, ndim=3)
        if v.shape[1] != self.in_channels:
            raise ValueError(f"v must have {self.in_channels} channels, got shape {tuple(v.shape)}")
        n = v.shape[-1]
        if n // 2 + 1 < self.modes:
            raise ValueError(f"a grid of {n} points resolves {n // 2 + 1} modes, fewer than modes={self.modes}")
        v_hat = torch.fft.rfft(v)
        out = torch.zeros(v.shape[0], self.out_channels, n // 2 + 1, dtype=v_hat.dtype, device=v.device)
        out[..., : self.modes] = torch.einsum("bik,iok->bok", v_hat[..., : self.modes], self.weight)
        return torch.fft.irfft(out, n=n)


class FourierLayer(torch.nn.Module):
    """One Fourier layer v ↦ σ(W v + K v) with K a :class:`SpectralConv1d` and W pointwise.

    Examples
    --------
    >>> FourierLayer(8, 4)(torch.randn(2, 8, 32)).shape
    torch.Size([2, 8, 32])
    """

    def __init__(self, width: int, modes: int, activation: bool = True, dtype: torch.dtype = torch.float32):
        super().__init__()
        self.spectral = SpectralConv1d(width, width, modes, dtype=dtype)
        self.pointwise = torch.nn.Conv1d(width, width, 1, dtype=dtype)
        self.activation = torch.nn.GELU() if activation else torch.nn.Identity()

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        """Apply the layer to ``v`` of shape (batch, width, N)."""
        return self.activation(self.spectral(v) + self.pointwise(v))


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
        from .models import mlp

        self.n_grid = check_int("n_grid", n_grid, minimum=1)
        self.net = mlp(n_grid, n_grid, width, depth, activation=activation, dtype=dtype)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """Map u of shape (batch, n_grid) to (batch, n_grid); any other grid is an error."""
        check_tensor("u", u, ndim=2, last_dim=self.n_grid)
        return self.net(u)


def reflect(u: torch.Tensor) -> torch.Tensor:
    """Burgers' parity map u(x) ↦ −u(−x) on the periodic grid x_j = j / N, along the last axis.

    −x_j ≡ x_{N−j}, so entry j takes the value at index (N − j) mod N.

    Examples
    --------
    >>> reflect(torch.tensor([[0.0, 1.0, 2.0, 3.0]]))
    tensor([[-0., -3., -2., -1.]])
    """
    check_tensor("u", u)
    if u.ndim == 0:
        raise ValueError("u must have at least one axis (the grid)")
    return -torch.roll(torch.flip(u, [-1]), 1, -1)


class ParitySymmetrized(torch.nn.Module):
    """G_sym(u) = ½ (G(u) + P G(P u)) with P = :func:`reflect`: exactly parity-equivariant.

    If the true operator commutes with P (Burgers' equation does), averaging
    a trained model with its mirror image removes the part of its error that
    breaks the symmetry, at twice the cost of a prediction and no training.

    Examples
    --------
    >>> sym = ParitySymmetrized(torch.nn.Linear(8, 8))
    >>> u = torch.randn(3, 8)
    >>> bool(torch.allclose(sym(reflect(u)), reflect(sym(u)), atol=1e-6))
    True
    """

    def __init__(self, model: torch.nn.Module):
        super().__init__()
        if not isinstance(model, torch.nn.Module):
            raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
        self.model = model

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """Symmetrised prediction for u of shape (batch, N)."""
        check_tensor("u", u, ndim=2)
        return 0.5 * (self.model(u) + reflect(self.model(reflect(u))))


def relative_l2(prediction: torch.Tensor, target: torch.Tensor, reduction: str = "mean") -> torch.Tensor:
    """‖prediction − target‖₂ / ‖target‖₂ per sample (last axis), averaged or not.

    Examples
    --------
    >>> relative_l2(torch.tensor([[1.0, 1.0]]), torch.tensor([[1.0, 0.0]])).item()
    1.0
    """
    check_tensor("prediction", prediction)
    check_tensor("target", target)
    if prediction.shape != target.shape or prediction.ndim == 0:
        raise ValueError(f"prediction and target must have the same shape, got "
                         f"{tuple(prediction.shape)} and {tuple(target.shape)}")
    check_choice("reduction", reduction, ("mean", "none"))
    err = torch.linalg.vector_norm(prediction - target, dim=-1) / torch.linalg.vector_norm(target, dim=-1)
    return err.mean() if reduction == "mean" else err


def roll_and_flip(
    u0: torch.Tensor, u1: torch.Tensor, generator: torch.Generator | None = None, flip: bool = True
) -> tuple[torch.Tensor, torch.Tensor]:
    """Random symmetry copies of Burgers pairs on a periodic grid (free data augmentation).

    Every pair gets the same random integer shift applied to input and output
    (translation invariance); with ``flip``, half of the pairs are first mapped
    to (−u0(−x), −u1(−x)) by :func:`reflect` (Burgers' parity symmetry
    x ↦ −x, u ↦ −u).

    Examples
    --------
    >>> a = torch.randn(4, 16); b, c = roll_and_flip(a, a.clone())
    >>> bool(torch.equal(b, c)), bool(torch.allclose(b.norm(dim=1), a.norm(dim=1)))
    (True, True)
    """
    check_tensor("u0", u0, ndim=2)
    check_tensor("u1", u1, ndim=2)
    if u0.shape != u1.shape:
        raise ValueError(f"u0 and u1 must have the same shape, got {tuple(u0.shape)} and {tuple(u1.shape)}")
    batch, n = u0.shape
    gen_device = generator.device if generator is not None else "cpu"
    shift = torch.randint(0, n, (batch, 1), generator=generator, device=gen_device).to(u0.device)
    if flip:  # mirror half of the pairs, then shift every pair
        mirror = torch.randint(0, 2, (batch, 1), generator=generator, device=gen_device).to(u0.device).bool()
        u0, u1 = torch.where(mirror, reflect(u0), u0), torch.where(mirror, reflect(u1), u1)
    index = (torch.arange(n, device=u0.device) - shift) % n
    return torch.gather(u0, 1, index), torch.gather(u1, 1, index)


def train_operator(
    model: torch.nn.Module,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    *,
    epochs: int = 100,
    batch_size: int = 20,
    lr: float = 1e-3,
    weight_decay: float = 1e-4,
    augment: Callable[[torch.Tensor, torch.Tensor, torch.Generator], tuple[torch.Tensor, torch.Tensor]] | None = None,
    test: tuple[torch.Tensor, torch.Tensor] | None = None,
    test_every: int = 1,
    seed: int = 0,
    schedule: str = "onecycle",
    progress: bool = True,
    desc: str = "training",
) -> training.TrainingLog:
    """Train a grid operator (batch, N) → (batch, N) with the relative L2 loss.

    AdamW with a one-cycle learning-rate schedule (warm-up, then cosine decay
    to zero) or Li et al.'s step schedule, mini-batches shuffled by a seeded
    generator.

    Parameters
    ----------
    model : torch.nn.Module
    inputs, targets : torch.Tensor, shape (S, N)
    epochs, batch_size, lr, weight_decay
        Optimisation settings.
    augment : callable, optional
        ``augment(u0_batch, u1_batch, generator)`` returns a modified batch
        (e.g. :func:`roll_and_flip`).
    test : (inputs, targets), optional
        Held-out pairs evaluated every ``test_every`` epochs (relative L2, no
        gradient), recorded in the log's ``validation``.
    seed : int
        Seed of the shuffling/augmentation generator.
    schedule : {"onecycle", "step"}
        "onecycle": warm-up over the first 10 % of the steps to ``lr``, then
        cosine decay; "step": ``lr`` halved every ``epochs // 5`` epochs (Li et
        al. 2021: 500 epochs, halved every 100).
    progress : bool
    desc : str

    Returns
    -------
    sciml_course.training.TrainingLog
        Mean training loss per epoch (``train``), held-out error (``validation``),
        wall time.

    Examples
    --------
    >>> x = torch.randn(32, 16); model = FNO1d(modes=4, width=8, n_layers=1)
    >>> log = train_operator(model, x, 2 * x, epochs=3, batch_size=8, progress=False)
    >>> len(log.train)
    3
    """
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    check_tensor("inputs", inputs, ndim=2)
    check_tensor("targets", targets, ndim=2)
    if len(inputs) != len(targets):
        raise ValueError("inputs and targets must have the same number of samples")
    epochs = check_int("epochs", epochs, minimum=1)
    batch_size = check_int("batch_size", batch_size, minimum=1)
    lr = check_real("lr", lr, minimum=0.0, strict=True)
    weight_decay = check_real("weight_decay", weight_decay, minimum=0.0)
    test_every = check_int("test_every", test_every, minimum=1)
    check_choice("schedule", schedule, ("onecycle", "step"))
    generator = seeding.torch_generator(check_int("seed", seed, minimum=0))
    n = len(inputs)
    steps = epochs * math.ceil(n / batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    if schedule == "step":
        step_size = max(1, epochs // 5) * math.ceil(n / batch_size)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=0.5)
    else:
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps, pct_start=0.1)
    log = training.TrainingLog()
    start = time.perf_counter()
    bar = tqdm(range(epochs), desc=desc, disable=not progress, leave=False)
    for epoch in bar:
        model.train()
        order = torch.randperm(n, generator=generator).to(inputs.device)
        total = 0.0
        for i in range(0, n, batch_size):
            x, y = inputs[order[i : i + batch_size]], targets[order[i : i + batch_size]]
            if augment is not None:
                x, y = augment(x, y, generator)
            loss = relative_l2(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += float(loss.detach()) * len(x)
        log.train.append(total / n)
        if test is not None and (epoch % test_every == test_every - 1 or epoch == epochs - 1):
            log.validation.append(evaluate_operator(model, *test))
            bar.set_postfix(train=f"{log.train[-1]:.2e}", test=f"{log.validation[-1]:.2e}")
        else:
            bar.set_postfix(train=f"{log.train[-1]:.2e}")
    log.seconds = time.perf_counter() - start
    return log


@torch.no_grad()
def evaluate_operator(model: torch.nn.Module, inputs: torch.Tensor, targets: torch.Tensor,
                      batch_size: int = 256) -> float:
    """Mean relative L2 error of ``model`` on (inputs, targets), in batches, without gradients.

    Examples
    --------
    >>> evaluate_operator(torch.nn.Identity(), torch.ones(3, 4), 2 * torch.ones(3, 4))
    0.5
    """
    check_tensor("inputs", inputs, ndim=2)
    check_tensor("targets", targets, ndim=2)
    model.eval()
    errors = [relative_l2(model(inputs[i : i + batch_size]), targets[i : i + batch_size], reduction="none")
              for i in range(0, len(inputs), batch_size)]
    return float(torch.cat(errors).mean())
