"""A toy atmosphere: 2-D barotropic vorticity on a β-plane, doubly periodic (lecture D4).

The relative vorticity ζ = ∇²ψ of a thin layer of fluid on a rotating planet obeys

    ∂ζ/∂t + u·∇ζ + β v = −μ ζ − ν ∇⁸ζ,   (u, v) = (−∂ψ/∂y, ∂ψ/∂x),

on [0, 2π)²: advection by the wind, the β-effect that makes Rossby waves, linear drag μ
and a hyperviscosity ν that removes enstrophy at the grid scale. :class:`BarotropicModel`
solves it pseudo-spectrally (FFT, 2/3 de-aliasing) with the integrating-factor RK4 scheme,
so the linear terms (β, drag, ν) are integrated exactly; it works on a batch of fields
at once, on any torch device.
"""

from __future__ import annotations

import math  # noqa: F401 (used in the examples)

import torch

from ._validation import check_int, check_real, check_tensor


class BarotropicModel:
    """Pseudo-spectral barotropic vorticity model on an n × n periodic grid.

    Parameters
    ----------
    n : int
        Grid points per direction (even).
    beta : float
        Gradient of the planetary vorticity, β ≥ 0.
    drag : float
        Linear (Ekman) drag μ ≥ 0.
    hyperviscosity : float
        Coefficient ν ≥ 0 of the ∇⁸ dissipation.
    dt : float
        Time step.
    device : torch.device or str, optional
        Where the fields live (default: CPU).
    dtype : torch.dtype
        Real dtype of the fields (float64 by default).

    Examples
    --------
    >>> model = BarotropicModel(n=32, dt=0.05)
    >>> zeta = model.random_vorticity(2, generator=torch.Generator().manual_seed(0))
    >>> model.run(zeta, steps=4, save_every=2).shape
    torch.Size([3, 2, 32, 32])
    """

    def __init__(
        self,
        n: int = 64,
        beta: float = 1.0,
        drag: float = 0.01,
        hyperviscosity: float = 1e-9,
        dt: float = 0.05,
        device: torch.device | str | None = None,
        dtype: torch.dtype = torch.float64,
    ) -> None:
        self.n = check_int("n", n, minimum=4)
        if self.n % 2:
            raise ValueError(f"n must be even, got {n}")
        self.beta = check_real("beta", beta, minimum=0.0)
        self.drag = check_real("drag", drag, minimum=0.0)
        self.hyperviscosity = check_real("hyperviscosity", hyperviscosity, minimum=0.0)
        self.dt = check_real("dt", dt, minimum=0.0, strict=True)
        if dtype not in (torch.float32, torch.float64):
            raise TypeError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
        self.device = torch.device(device) if device is not None else torch.device("cpu")
        self.dtype = dtype
        k = torch.fft.fftfreq(self.n, 1.0 / self.n, dtype=dtype, device=self.device)
        kx = torch.fft.rfftfreq(self.n, 1.0 / self.n, dtype=dtype, device=self.device)
        self.ky, self.kx = torch.meshgrid(k, kx, indexing="ij")  # rfft over the last (x) axis
        self.k2 = self.kx**2 + self.ky**2
        self._inv_k2 = torch.where(self.k2 > 0, 1.0 / self.k2.clamp(min=1.0), torch.zeros_like(self.k2))
        cutoff = self.n / 3
        self._dealias = (self.kx.abs() < cutoff) & (self.ky.abs() < cutoff)
        self.linear = -self.drag - self.hyperviscosity * self.k2**4 + 1j * self.beta * self.kx * self._inv_k2
        self._half = torch.exp(self.linear * self.dt / 2)

    # --- diagnostics -----------------------------------------------------------------
    def _check(self, zeta: object) -> torch.Tensor:
        check_tensor("zeta", zeta)
        if zeta.ndim < 2 or zeta.shape[-2:] != (self.n, self.n):
            raise ValueError(f"zeta must have shape (..., {self.n}, {self.n}), got {tuple(zeta.shape)}")
        return zeta.to(self.device, self.dtype)

    def _spectral_velocity(self, zeta_hat: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        psi_hat = -zeta_hat * self._inv_k2
        u = torch.fft.irfft2(-1j * self.ky * psi_hat, s=(self.n, self.n))
        v = torch.fft.irfft2(1j * self.kx * psi_hat, s=(self.n, self.n))
        return u, v

    def velocity(self, zeta: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The wind (u, v) = (−∂ψ/∂y, ∂ψ/∂x) of the vorticity field(s) ``zeta``.

        Examples
        --------
        >>> model = BarotropicModel(n=16)
        >>> x = torch.arange(16, dtype=torch.float64) * 2 * math.pi / 16
        >>> u, v = model.velocity(-torch.sin(x).expand(16, 16))  # ψ = sin x
        >>> bool(torch.allclose(v, torch.cos(x).expand(16, 16)))
        True
        """
        return self._spectral_velocity(torch.fft.rfft2(self._check(zeta)))

    def energy(self, zeta: torch.Tensor) -> torch.Tensor:
        """Mean kinetic energy ⟨u² + v²⟩ / 2 of each field (shape ``zeta.shape[:-2]``)."""
        u, v = self.velocity(zeta)
        return 0.5 * (u**2 + v**2).mean(dim=(-2, -1))

    def enstrophy(self, zeta: torch.Tensor) -> torch.Tensor:
        """Mean enstrophy ⟨ζ²⟩ / 2 of each field (shape ``zeta.shape[:-2]``)."""
        return 0.5 * (self._check(zeta) ** 2).mean(dim=(-2, -1))

    # --- time stepping -----------------------------------------------------------------
    def _nonlinear(self, zeta_hat: torch.Tensor) -> torch.Tensor:
        """−FFT(u ∂ζ/∂x + v ∂ζ/∂y), de-aliased by the 2/3 rule."""
        zeta_hat = zeta_hat * self._dealias
        u, v = self._spectral_velocity(zeta_hat)
        zx = torch.fft.irfft2(1j * self.kx * zeta_hat, s=(self.n, self.n))
        zy = torch.fft.irfft2(1j * self.ky * zeta_hat, s=(self.n, self.n))
        return -torch.fft.rfft2(u * zx + v * zy) * self._dealias

    def _step_hat(self, q: torch.Tensor) -> torch.Tensor:
        """One integrating-factor RK4 step for q̂' = L q̂ + N(q̂) in spectral space."""
        e, dt = self._half, self.dt
        k1 = dt * self._nonlinear(q)
        k2 = dt * self._nonlinear(e * (q + k1 / 2))
        k3 = dt * self._nonlinear(e * q + k2 / 2)
        k4 = dt * self._nonlinear(e * e * q + e * k3)
        return e * e * q + (e * e * k1 + 2 * e * (k2 + k3) + k4) / 6

    def step(self, zeta: torch.Tensor) -> torch.Tensor:
        """Advance the field(s) ``zeta`` (..., n, n) by one step ``dt``."""
        q = self._step_hat(torch.fft.rfft2(self._check(zeta)))
        return torch.fft.irfft2(q, s=(self.n, self.n))

    def run(self, zeta: torch.Tensor, steps: int, save_every: int = 1) -> torch.Tensor:
        """Integrate ``steps`` steps; return every ``save_every``-th field, starting with ``zeta``.

        Returns a tensor of shape (steps // save_every + 1, *zeta.shape).
        """
        steps = check_int("steps", steps, minimum=0)
        save_every = check_int("save_every", save_every, minimum=1)
        if steps % save_every:
            raise ValueError(f"steps ({steps}) must be a multiple of save_every ({save_every})")
        q = torch.fft.rfft2(self._check(zeta))
        saved = [torch.fft.irfft2(q, s=(self.n, self.n))]
        for s in range(steps):
            q = self._step_hat(q)
            if (s + 1) % save_every == 0:
                saved.append(torch.fft.irfft2(q, s=(self.n, self.n)))
        return torch.stack(saved)

    def random_vorticity(
        self,
        batch: int,
        generator: torch.Generator | None = None,
        peak_wavenumber: float = 6.0,
        rms: float = 1.0,
    ) -> torch.Tensor:
        """Random vorticity fields (batch, n, n) with an energy spectrum peaked at ``peak_wavenumber``.

        The amplitudes follow E(k) ∝ k⁷ / (k + k₀)¹⁸ (a common choice for decaying
        turbulence, peaked near k₀ ... a few k₀) with random phases; each field is scaled to
        root-mean-square ``rms``.
        """
        batch = check_int("batch", batch, minimum=1)
        peak_wavenumber = check_real("peak_wavenumber", peak_wavenumber, minimum=0.0, strict=True)
        rms = check_real("rms", rms, minimum=0.0, strict=True)
        k = self.k2.sqrt()
        spectrum = k**7 / (k + peak_wavenumber) ** 18
        # |ζ̂|² ∝ k² E(k) / k (energy in a shell of radius k spread over ~k modes)
        amplitude = torch.sqrt(k * spectrum) * self._dealias
        noise = torch.randn(
            (batch, self.n, self.n), generator=generator, dtype=self.dtype,
            device=generator.device if generator is not None else "cpu",
        ).to(self.device)
        zeta = torch.fft.irfft2(torch.fft.rfft2(noise) * amplitude, s=(self.n, self.n))
        zeta = zeta - zeta.mean(dim=(-2, -1), keepdim=True)
        return zeta * (rms / zeta.pow(2).mean(dim=(-2, -1), keepdim=True).sqrt())


def rossby_wave_frequency(kx: float, ky: float, beta: float) -> float:
    """Frequency ω = −β k_x / (k_x² + k_y²) of a Rossby wave ζ ∝ cos(k_x x + k_y y − ω t).

    Examples
    --------
    >>> rossby_wave_frequency(1, 0, beta=2.0)
    -2.0
    """
    kx = check_real("kx", kx)
    ky = check_real("ky", ky)
    beta = check_real("beta", beta)
    if kx == 0 and ky == 0:
        raise ValueError("kx and ky must not both be zero")
    return -beta * kx / (kx**2 + ky**2)

