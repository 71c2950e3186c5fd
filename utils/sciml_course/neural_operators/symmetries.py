"""Burgers' symmetries on a periodic grid: the parity map, a parity-equivariant wrapper, augmentation."""

from __future__ import annotations

import torch

from .._validation import check_tensor


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
