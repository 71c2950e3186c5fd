"""Training and evaluating grid operators with the relative L2 error of the FNO papers."""

from __future__ import annotations

import math
import time
from typing import Callable

import torch
from tqdm.auto import tqdm

from .. import seeding, training
from .._validation import check_choice, check_int, check_real, check_tensor


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
    >>> x = torch.randn(32, 16); model = torch.nn.Linear(16, 16)
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
