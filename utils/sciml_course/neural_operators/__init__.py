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
* :func:`reflect` and :func:`roll_and_flip` — the parity map, and random
  symmetry copies of training pairs (free data augmentation).
* :func:`relative_l2` — the error measure of the FNO papers;
  :func:`train_operator` — mini-batch AdamW with a one-cycle schedule (or the
  step schedule of Li et al.), optional symmetry augmentation, and a tqdm bar;
  :func:`evaluate_operator`.

One module per concept, all names importable from here:
:mod:`~sciml_course.neural_operators.layers` (the Fourier layer),
:mod:`~sciml_course.neural_operators.architectures` (the models),
:mod:`~sciml_course.neural_operators.symmetries` (Burgers' symmetries) and
:mod:`~sciml_course.neural_operators.fitting` (the loss, training and evaluation).
"""

from .architectures import DeepONet, FNO1d, GridMLP, PODDeepONet
from .fitting import evaluate_operator, relative_l2, train_operator
from .layers import FourierLayer, SpectralConv1d
from .symmetries import ParitySymmetrized, reflect, roll_and_flip

__all__ = [
    "SpectralConv1d",
    "FourierLayer",
    "FNO1d",
    "DeepONet",
    "PODDeepONet",
    "GridMLP",
    "ParitySymmetrized",
    "reflect",
    "roll_and_flip",
    "relative_l2",
    "train_operator",
    "evaluate_operator",
]
