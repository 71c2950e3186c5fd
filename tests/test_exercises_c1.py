"""C1 checkers: a verdict for every hand-written answer, right or wrong."""

import copy
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from exercise_helpers import assert_verdict
from sciml_course import data, inverse_problems, models
from sciml_course.exercises import c1

NAN = float("nan")
RIGHT_OUTPUTS = [0.5, 0.0, 1.0, 0.5]


@pytest.mark.parametrize(
    "outputs, status, fragment",
    [
        (RIGHT_OUTPUTS, "correct", ""),
        (tuple(RIGHT_OUTPUTS), "correct", ""),
        (np.array(RIGHT_OUTPUTS, dtype=np.float32), "correct", ""),
        (torch.tensor(RIGHT_OUTPUTS), "correct", ""),
        ([1, 0, 1, 1], "wrong", "H(0)"),  # the typical slip: H(0) = 1
        ([0, 0, 1, 0], "wrong", "H(0)"),
        ([0.5, 0, 0, 0.5], "wrong", "point(s) [3]"),
        ([-0.5, 0, -1, -0.5], "wrong", "point(s) [1, 3, 4]"),  # wrong sign
        ([1, 0, 2, 1], "wrong", "point(s) [1, 3, 4]"),  # factor 2
        ([NAN, 0, 1, 0.5], "wrong", "non-finite"),
        ([0.5, 0], "wrong", "four numbers"),
        ([RIGHT_OUTPUTS], "wrong", "four numbers"),
        ("abc", "wrong", "four numbers"),
        (None, "not attempted", ""),
    ],
)
def test_perceptron_outputs(outputs, status, fragment):
    assert_verdict(c1.check_perceptron_outputs(outputs), status, fragment)


def softsign_derivative(x):
    return 1 / (1 + x.abs()) ** 2


@pytest.mark.parametrize(
    "answer, status, fragment",
    [
        (softsign_derivative, "correct", ""),
        (lambda x: softsign_derivative(x.float()), "correct", "matches"),  # float32 of the right answer
        (lambda x: softsign_derivative(x).detach(), "correct", ""),
        (lambda x: torch.where(x > 0, 1 / (1 + x) ** 2, 1 / (1 - x) ** 2), "correct", ""),
        (lambda x: -softsign_derivative(x), "wrong", "off by"),
        (lambda x: 2 * softsign_derivative(x), "wrong", "off by"),
        (lambda x: 1 / (1 + x) ** 2, "wrong", "x < 0"),  # the typical mistake: |x| dropped
        (lambda x: 1 / (1 + x**2), "wrong", "off by"),
        (lambda x: x * NAN, "wrong", "non-finite"),
        (lambda x: softsign_derivative(x).tolist(), "wrong", "tensor"),
        (lambda x: softsign_derivative(x).numpy(), "wrong", "tensor"),
        (lambda x: softsign_derivative(x)[:10], "wrong", "shape"),
        (lambda x: 1 / 0, "wrong", "ZeroDivisionError"),
        (3.0, "wrong", "should be a function"),
        (None, "not attempted", ""),
    ],
)
def test_softsign_derivative(answer, status, fragment):
    assert_verdict(c1.check_softsign_derivative(answer), status, fragment)


# ------------------------------------------------------------------------ iterative attack
EPS = 0.05


def fgsm(model, x, label, eps):
    x = x.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(F.cross_entropy(model(x), label), x)
    return (x + eps * g.sign()).clamp(0, 1).detach()


def iterative_fgsm(model, x, label, eps, steps=10):
    x_adv = x.clone()
    for _ in range(steps):
        x_adv = fgsm(model, x_adv, label, eps / 4)
        x_adv = torch.max(torch.min(x_adv, x + eps), x - eps).clamp(0, 1)
    return x_adv


def in_place_iterative(model, x, label, eps):
    start = x.clone()
    for _ in range(10):
        x += fgsm(model, x, label, eps / 4) - x
        x.copy_(torch.max(torch.min(x, start + eps), start - eps).clamp(0, 1))
    return x


@pytest.fixture(scope="module")
def classifier():
    """A strongly nonlinear classifier: several small steps beat one big one clearly."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.Tanh(), torch.nn.Linear(32, 32),
                                torch.nn.Tanh(), torch.nn.Linear(32, 4))
    with torch.no_grad():
        for layer in model[::2]:
            layer.weight *= 10
    x = torch.rand(300, 16)
    labels = model(x).argmax(1)
    baseline = float((model(fgsm(model, x, labels, EPS)).argmax(1) != labels).float().mean())
    return model, x, labels, baseline


@pytest.mark.parametrize(
    "attack, status, fragment",
    [
        (iterative_fgsm, "correct", "flips"),
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e).double(), "correct", ""),  # float64 result
        (lambda m, x, y, e: iterative_fgsm(m, x.double(), y, e), "wrong", "raised"),  # the model is float32
        (in_place_iterative, "correct", ""),
        (fgsm, "wrong", "not clearly stronger"),  # the typical mistake: one step only
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e, steps=1), "wrong", "fewer than one-step FGSM"),
        (lambda m, x, y, e: fgsm(m, x, y, 3 * e), "wrong", "ε-ball"),
        (lambda m, x, y, e: (x - e), "wrong", "[0, 1]"),
        (lambda m, x, y, e: x * NAN, "wrong", "non-finite"),
        (lambda m, x, y, e: (x + e * torch.randn_like(x).sign()).clamp(0, 1), "wrong",
         "fewer than one-step FGSM"),  # random noise
        (lambda m, x, y, e: iterative_fgsm(m, x, y, e).tolist(), "wrong", "tensor"),
        (lambda m, x, y, e: x[:3], "wrong", "shape"),
        (lambda m, x, y, e: 1 / 0, "wrong", "raised"),
        (42, "wrong", "function"),
        (None, "not attempted", ""),
    ],
)
def test_iterative_attack(classifier, attack, status, fragment):
    model, x, labels, baseline = classifier
    before = x.clone()
    assert_verdict(c1.check_iterative_attack(attack, model, x, labels, EPS, baseline), status, fragment)
    assert torch.equal(x, before), "the checker must hand the attack a copy of the images"


# ----------------------------------------------------------------------- discrepancy lambda
@pytest.fixture(scope="module")
def blurred():
    rng = np.random.default_rng(0)
    A = inverse_problems.gaussian_blur_matrix(32, 2.0)
    y = A @ np.ones(32) + 0.01 * rng.standard_normal(32)
    return A, y, 0.01


def bisect_lambda(A, y, target):
    """The λ whose Tikhonov residual equals ``target``, by bisection on log λ (as in the lecture)."""
    def residual(lam):
        x = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)
        return np.linalg.norm(A @ x - y)

    low, high = math.log(1e-12), math.log(1e2)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (low, mid) if residual(math.exp(mid)) > target else (mid, high)
    return math.exp(low)


@pytest.mark.parametrize(
    "transform, status, fragment",
    [
        (lambda lam, n: lam, "correct", ""),
        (lambda lam, n: lam * 1.01, "correct", ""),
        (lambda lam, n: np.float32(lam), "correct", ""),
        (lambda lam, n: np.array([lam]), "correct", ""),
        (lambda lam, n: 3 * lam, "wrong", "too large"),
        (lambda lam, n: lam / 3, "wrong", "too small"),
        (lambda lam, n: -lam, "wrong", "wrong sign"),
        (lambda lam, n: NAN, "wrong", "not finite"),
        (lambda lam, n: [lam], "wrong", "single number"),
        (lambda lam, n: str(lam), "wrong", "single number"),
        (None, "not attempted", ""),
    ],
)
def test_discrepancy_lambda(blurred, transform, status, fragment):
    A, y, sigma = blurred
    right = bisect_lambda(A, y, math.sqrt(len(y)) * sigma)
    answer = None if transform is None else transform(right, len(y))
    feedback = c1.check_discrepancy_lambda(answer, A, y, sigma)
    assert_verdict(feedback, status, fragment, hidden=(f"{right:.2g}",))


def test_discrepancy_lambda_names_the_forgotten_sqrt_n(blurred):
    A, y, sigma = blurred
    forgot = bisect_lambda(A, y, sigma)
    assert_verdict(c1.check_discrepancy_lambda(forgot, A, y, sigma), "wrong", "sqrt(n)")


# ------------------------------------------------------------------ hands-on: tuned ESN
RADII = (0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5)  # written out: the exercise's grid


def network(radius, seed=0):
    return models.EchoStateNetwork(1, reservoir_size=300, spectral_radius=radius, ridge=1e-7, seed=seed)


def one_step_rmse(model, part):
    prediction = model.predict(part[:-1])[100:]
    return float(np.sqrt(np.mean((prediction - part[101:]) ** 2)))


def curve(fit_on, score_on):
    return [one_step_rmse(network(r).fit(fit_on[:-1], fit_on[1:], washout=200), score_on) for r in RADII]


@pytest.fixture(scope="module")
def mackey_glass():
    """The lecture's split and a hand-written solution: the validation curve and the refitted network."""
    signal = data.mackey_glass(2200)[:, None]
    train, test = signal[:1600], signal[1600:]
    fit_part, validation_part = train[:1200], train[1200:]
    validation = curve(fit_part, validation_part)
    best = RADII[int(np.argmin(validation))]
    return dict(train=train, test=test, fit_part=fit_part, validation_part=validation_part,
                validation=validation, best=best,
                tuned=network(best).fit(train[:-1], train[1:], washout=200))


def float32_readout(d):
    tuned = copy.deepcopy(d["tuned"])
    tuned.W_out = tuned.W_out.astype(np.float32)
    return tuned


def nan_readout(d):
    tuned = copy.deepcopy(d["tuned"])
    tuned.W_out = tuned.W_out * NAN
    return tuned


RIGHT_CURVE = lambda d: d["validation"]
RIGHT_MODEL = lambda d: d["tuned"]


@pytest.mark.parametrize(
    "make_curve, make_model, status, fragment",
    [
        (RIGHT_CURVE, RIGHT_MODEL, "correct", "smallest"),
        (lambda d: tuple(d["validation"]), RIGHT_MODEL, "correct", ""),
        (lambda d: np.array(d["validation"], dtype=np.float32), RIGHT_MODEL, "correct", ""),  # float32
        (lambda d: torch.tensor(d["validation"]), RIGHT_MODEL, "correct", ""),
        (RIGHT_CURVE, float32_readout, "correct", ""),  # a float32 read-out predicts alike
        # the typical mistakes: choosing on the test part, on training errors, with leaked data
        (lambda d: curve(d["fit_part"], d["test"]), RIGHT_MODEL, "wrong", "test part"),
        (lambda d: curve(d["train"], d["test"]), RIGHT_MODEL, "wrong", "test part"),
        (lambda d: curve(d["fit_part"], d["fit_part"]), RIGHT_MODEL, "wrong", "training errors"),
        (lambda d: curve(d["train"], d["validation_part"]), RIGHT_MODEL, "wrong", "validation part included"),
        (lambda d: np.square(d["validation"]), RIGHT_MODEL, "wrong", "mean squared"),
        (lambda d: 2 * np.array(d["validation"]), RIGHT_MODEL, "wrong", "not the validation errors"),  # factor 2
        (lambda d: d["validation"][::-1], RIGHT_MODEL, "wrong", "not the validation errors"),  # order
        (lambda d: [NAN] + d["validation"][1:], RIGHT_MODEL, "wrong", "non-finite"),
        (lambda d: d["validation"][:-1], RIGHT_MODEL, "wrong", "8 numbers"),
        (lambda d: dict(zip(RADII, d["validation"])), RIGHT_MODEL, "wrong", "8 numbers"),
        (lambda d: min(d["validation"]), RIGHT_MODEL, "wrong", "8 numbers"),
        # the final network
        (RIGHT_CURVE, lambda d: network(d["best"]).fit(d["fit_part"][:-1], d["fit_part"][1:], washout=200),
         "wrong", "fitted on the fitting steps only"),  # not retrained
        (RIGHT_CURVE, lambda d: network(0.9).fit(d["train"][:-1], d["train"][1:], washout=200),
         "wrong", "times the smallest"),  # the lecture's radius kept
        (RIGHT_CURVE, lambda d: network(1.5).fit(d["train"][:-1], d["train"][1:], washout=200),
         "wrong", "times the smallest"),
        (RIGHT_CURVE, lambda d: network(1.0).fit(d["train"][:-1], d["train"][1:], washout=200),
         "wrong", "not one of c1.ESN_RADII"),
        (RIGHT_CURVE, lambda d: network(d["best"], seed=3).fit(d["train"][:-1], d["train"][1:], washout=200),
         "wrong", "not the lecture's network"),
        (RIGHT_CURVE, lambda d: network(d["best"]).fit(d["train"][:-1], d["train"][1:], washout=100),
         "wrong", "washout 200"),
        (RIGHT_CURVE, lambda d: network(d["best"]), "wrong", "not been fitted"),
        (RIGHT_CURVE, nan_readout, "wrong", "non-finite"),
        (RIGHT_CURVE, lambda d: [d["tuned"]], "wrong", "models.EchoStateNetwork"),
        (RIGHT_CURVE, lambda d: d["best"], "wrong", "models.EchoStateNetwork"),  # the radius, not the network
        (RIGHT_CURVE, lambda d: None, "not attempted", ""),
        (lambda d: None, RIGHT_MODEL, "not attempted", ""),
    ],
)
def test_tuned_esn(mackey_glass, make_curve, make_model, status, fragment):
    d = mackey_glass
    answer, model = make_curve(d), make_model(d)
    state = None if not isinstance(model, models.EchoStateNetwork) else model.state.copy()
    feedback = c1.check_tuned_esn(answer, model, d["train"], d["test"])
    hidden = ("1.1",) if status == "wrong" else ()
    assert_verdict(feedback, status, fragment, hidden=hidden)
    if state is not None:
        assert np.array_equal(model.state, state), "the check must not change the student's network"


def test_tuned_esn_check_follows_the_run_seed(mackey_glass, monkeypatch):
    """Under another SCIML_SEED the reservoirs differ: seed 0's curve is no longer the right one."""
    d = mackey_glass
    monkeypatch.setenv("SCIML_SEED", "1")
    feedback = c1.check_tuned_esn(d["validation"], d["tuned"], d["train"], d["test"])
    assert_verdict(feedback, "wrong", "not the validation errors")
