"""The Fourier layer of a neural operator: spectral convolution plus a pointwise path."""

from __future__ import annotations

import torch

from .._validation import check_int, check_tensor


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
