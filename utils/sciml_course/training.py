"""Training loops: one place for Adam/SGD and L-BFGS, with a tqdm progress bar.

Two entry points:

* :func:`minimise` drives any scalar loss (a PINN residual, a Ritz energy, a
  regression loss) with a chosen optimiser and returns the loss history.
* :func:`fit` trains a model on (inputs, targets) pairs, full-batch or in
  mini-batches, and records training and validation losses per epoch.

Every training function of the package (these two, and the specialised loops in
``pinn``, ``neural_operators``, ``neural_ode`` and ``approximation``) returns one
type, :class:`TrainingLog`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, overload

import torch
from tqdm.auto import tqdm

from ._validation import check_choice, check_int, check_real, check_tensor

METHODS = ("adam", "sgd", "lbfgs")


@dataclass
class TrainingLog(Sequence):
    """What every training function of the package returns.

    A ``TrainingLog`` is a sequence of the training losses (index it, take its
    ``len``, plot it), with the rest of the record as attributes.

    Attributes
    ----------
    train : list of float
        The training loss at every optimiser step (:func:`minimise`) or the mean
        over every epoch (:func:`fit`, ``neural_operators.train_operator``).
    validation : list of float
        The loss or error on held-out data, where the training function was given
        some (``fit(validation=...)``, ``train_operator(test=...)``); else empty.
    seconds : float
        Wall-clock time of the training.
    phases : dict of str to (int, int)
        For training in stages (``pinn.adam_then_lbfgs``): each stage's name and its
        range ``(start, stop)`` of ``train`` entries; read one with :meth:`phase`.
    state : dict
        What a later run needs to continue where this one stopped (BFGS's
        inverse-Hessian estimate, ``pinn.minimise_bfgs``); else empty.

    Examples
    --------
    >>> log = TrainingLog([4.0, 2.0, 1.0], phases={"adam": (0, 2), "lbfgs": (2, 3)})
    >>> log[-1], len(log), log.phase("adam")
    (1.0, 3, [4.0, 2.0])
    """

    train: list[float] = field(default_factory=list)
    validation: list[float] = field(default_factory=list)
    seconds: float = 0.0
    phases: dict[str, tuple[int, int]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> list[float]: ...

    def __getitem__(self, index):
        return self.train[index]

    def __len__(self) -> int:
        return len(self.train)

    def __array__(self, dtype=None, copy=None):
        import numpy as np

        return np.asarray(self.train, dtype=dtype)

    def phase(self, name: str) -> list[float]:
        """The training losses of the stage ``name`` (see ``phases``)."""
        check_choice("name", name, tuple(self.phases))
        start, stop = self.phases[name]
        return self.train[start:stop]


def make_optimizer(
    params: Iterable[torch.nn.Parameter],
    method: str = "adam",
    lr: float = 1e-3,
    weight_decay: float = 0.0,
) -> torch.optim.Optimizer:
    """Build the optimiser named by ``method``.

    L-BFGS uses a strong-Wolfe line search and performs one iteration per
    ``step`` call, so that a progress bar can follow it. Its line search may
    evaluate the loss up to 25 times per iteration (torch's default would
    allow a single evaluation when ``max_iter=1``, which stalls it).

    Examples
    --------
    >>> w = torch.nn.Parameter(torch.zeros(2))
    >>> type(make_optimizer([w], "lbfgs")).__name__
    'LBFGS'
    """
    check_choice("method", method, METHODS)
    lr = check_real("lr", lr, minimum=0.0, strict=True)
    weight_decay = check_real("weight_decay", weight_decay, minimum=0.0)
    params = list(params)
    if not params:
        raise ValueError("params must contain at least one parameter")
    if method == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    if method == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if weight_decay:
        raise ValueError("weight_decay is not supported with method='lbfgs'")
    return torch.optim.LBFGS(
        params,
        lr=lr,
        max_iter=1,
        max_eval=25,
        history_size=50,
        line_search_fn="strong_wolfe",
        tolerance_grad=1e-12,
        tolerance_change=1e-15,
    )


def minimise(
    loss_fn: Callable[[], torch.Tensor],
    params: Iterable[torch.nn.Parameter],
    *,
    method: str = "adam",
    steps: int = 1000,
    lr: float = 1e-3,
    weight_decay: float = 0.0,
    schedule: str | None = None,
    callback: Callable[[int], None] | None = None,
    progress: bool = True,
    desc: str | None = None,
) -> TrainingLog:
    """Minimise a scalar loss and return its value at every step.

    Parameters
    ----------
    loss_fn : callable
        Takes no argument and returns a scalar tensor that depends on ``params``.
    params : iterable of torch.nn.Parameter
        What is optimised.
    method : {"adam", "sgd", "lbfgs"}
        The optimiser (see :func:`make_optimizer`).
    steps : int
        Number of optimiser steps (L-BFGS: iterations).
    lr : float
        Learning rate (L-BFGS: initial step length, 1.0 is usual).
    weight_decay : float
        L2 penalty for Adam and SGD.
    schedule : {None, "cosine"}
        Optional learning-rate schedule over ``steps``.
    callback : callable, optional
        Called as ``callback(step)`` after every step (for logging).
    progress : bool
        Show a tqdm progress bar.
    desc : str, optional
        Label of the progress bar.

    Returns
    -------
    TrainingLog
        The loss before each step (``train``) and the wall time.

    Examples
    --------
    >>> w = torch.nn.Parameter(torch.tensor([3.0]))
    >>> history = minimise(lambda: (w ** 2).sum(), [w], lr=0.1, steps=200, progress=False)
    >>> history[-1] < 1e-6
    True
    """
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be callable, got {type(loss_fn).__name__}")
    steps = check_int("steps", steps, minimum=0)
    if schedule is not None:
        check_choice("schedule", schedule, ("cosine",))
    params = list(params)
    optimizer = make_optimizer(params, method, lr, weight_decay)
    scheduler = (
        torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(steps, 1))
        if schedule == "cosine"
        else None
    )
    history = TrainingLog()
    start = time.perf_counter()

    def closure() -> torch.Tensor:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn()
        if not isinstance(loss, torch.Tensor) or loss.numel() != 1:
            raise ValueError("loss_fn must return a scalar tensor")
        loss.backward()
        return loss

    bar = tqdm(range(steps), desc=desc or method, disable=not progress, leave=False)
    for step in bar:
        loss = optimizer.step(closure)
        history.train.append(float(loss.detach()))
        if not math.isfinite(history[-1]):
            raise FloatingPointError(
                f"the loss became {history[-1]} at step {step}: training diverged (try a smaller lr)"
            )
        if scheduler is not None:
            scheduler.step()
        if callback is not None:
            callback(step)
        if step % 50 == 0:
            bar.set_postfix(loss=f"{history[-1]:.3e}")
    history.seconds = time.perf_counter() - start
    return history


LOSSES = {
    "mse": torch.nn.functional.mse_loss,
    "cross_entropy": torch.nn.functional.cross_entropy,
}


def fit(
    model: torch.nn.Module,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    *,
    loss: str = "mse",
    epochs: int = 100,
    batch_size: int | None = None,
    method: str = "adam",
    lr: float = 1e-3,
    weight_decay: float = 0.0,
    validation: tuple[torch.Tensor, torch.Tensor] | None = None,
    generator: torch.Generator | None = None,
    progress: bool = True,
    desc: str | None = None,
) -> TrainingLog:
    """Train ``model`` to map ``inputs`` to ``targets``.

    Parameters
    ----------
    model : torch.nn.Module
        The network; it is trained in place.
    inputs, targets : torch.Tensor
        Training pairs; the first dimension indexes samples.
    loss : {"mse", "cross_entropy"}
        Regression or classification loss.
    epochs : int
        Passes over the data.
    batch_size : int, optional
        Mini-batch size; ``None`` means full batch (required for L-BFGS).
    method, lr, weight_decay
        Passed to :func:`make_optimizer`.
    validation : (inputs, targets), optional
        Evaluated after each epoch (no gradient).
    generator : torch.Generator, optional
        Shuffles mini-batches reproducibly.
    progress : bool
        Show a tqdm progress bar.
    desc : str, optional
        Label of the progress bar.

    Returns
    -------
    TrainingLog
        Training and validation loss per epoch, and the wall time.

    Examples
    --------
    >>> x = torch.linspace(-1, 1, 20).unsqueeze(1); y = 2 * x
    >>> net = torch.nn.Linear(1, 1)
    >>> h = fit(net, x, y, epochs=300, lr=0.05, progress=False)
    >>> h.train[-1] < 1e-4
    True
    """
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    check_tensor("inputs", inputs)
    check_tensor("targets", targets)
    if inputs.ndim == 0 or targets.ndim == 0 or len(inputs) != len(targets):
        raise ValueError(
            "inputs and targets must have the same number of samples, got shapes "
            f"{tuple(inputs.shape)} and {tuple(targets.shape)}"
        )
    check_choice("loss", loss, tuple(LOSSES))
    epochs = check_int("epochs", epochs, minimum=1)
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, minimum=1)
        if method == "lbfgs":
            raise ValueError("method='lbfgs' needs full batches: use batch_size=None")
    if validation is not None:
        if not (isinstance(validation, tuple) and len(validation) == 2):
            raise TypeError("validation must be a tuple (inputs, targets)")
        check_tensor("validation[0]", validation[0])
        check_tensor("validation[1]", validation[1])
    loss_of = LOSSES[loss]
    if loss == "mse":
        with torch.no_grad():
            shape = tuple(model(inputs[:1]).shape)
        if shape != tuple(targets[:1].shape):
            raise ValueError(  # (N, 1) against (N,) would silently broadcast to N x N
                f"the model's output shape {shape[1:]} differs from the targets' {tuple(targets.shape[1:])} "
                "(per sample): reshape targets or model"
            )
    optimizer = make_optimizer(model.parameters(), method, lr, weight_decay)
    history = TrainingLog()
    start = time.perf_counter()
    n = len(inputs)
    bar = tqdm(range(epochs), desc=desc or "training", disable=not progress, leave=False)
    for _ in bar:
        model.train()
        order = (
            torch.randperm(n, generator=generator, device=generator.device if generator else "cpu")
            if batch_size
            else None
        )
        batches = (
            [order[i : i + batch_size] for i in range(0, n, batch_size)]
            if order is not None
            else [None]
        )
        total = 0.0
        for index in batches:
            x = inputs if index is None else inputs[index.to(inputs.device)]
            y = targets if index is None else targets[index.to(targets.device)]

            def closure() -> torch.Tensor:
                optimizer.zero_grad(set_to_none=True)
                value = loss_of(model(x), y)
                value.backward()
                return value

            total += float(optimizer.step(closure).detach()) * len(x)
        history.train.append(total / n)
        if validation is not None:
            history.validation.append(evaluate(model, *validation, loss=loss))
        bar.set_postfix(loss=f"{history.train[-1]:.3e}")
    history.seconds = time.perf_counter() - start
    return history


@torch.no_grad()
def evaluate(
    model: torch.nn.Module, inputs: torch.Tensor, targets: torch.Tensor, loss: str = "mse"
) -> float:
    """Return the loss of ``model`` on (inputs, targets) without tracking gradients.

    Examples
    --------
    >>> evaluate(torch.nn.Identity(), torch.ones(3, 1), torch.zeros(3, 1))
    1.0
    """
    check_choice("loss", loss, tuple(LOSSES))
    check_tensor("inputs", inputs)
    check_tensor("targets", targets)
    model.eval()
    return float(LOSSES[loss](model(inputs), targets))
