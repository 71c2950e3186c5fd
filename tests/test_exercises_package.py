"""Properties every exercise checker shares: the notebooks' call signatures, never crashing on
odd answers, no answer in sight (no passing examples, no public references), no repeated
scaffolding, and docstring examples that run."""

import doctest
import importlib
import inspect
import pathlib
import re

import numpy as np
import pytest
import torch

from notebook_helpers import NOTEBOOKS, code_source, read
from sciml_course.exercises import Feedback, core

CHAPTERS = ("c1", "c2", "c3", "c4", "cs1", "cs2", "d1", "d2", "d3", "d4")
MODULES = {name: importlib.import_module(f"sciml_course.exercises.{name}") for name in CHAPTERS}
PACKAGE = pathlib.Path(core.__file__).parent

# The public functions and the parameters the notebooks rely on (some are passed by keyword).
SIGNATURES = {
    "c1.check_discrepancy_lambda": ["lam", "A", "y", "noise_std"],
    "c1.check_iterative_attack": ["attack", "model", "images", "labels", "eps", "baseline_success"],
    "c1.check_perceptron_outputs": ["outputs"],
    "c1.check_softsign_derivative": ["derivative"],
    "c1.check_tuned_esn": ["validation_rmse", "esn", "train", "test"],
    "c2.check_bernstein_rho": ["answer"],
    "c2.check_fourier_features": ["candidate"],
    "c2.check_fourier_slope_kink": ["answer"],
    "c2.check_sawtooth_counts": ["pieces", "min_width"],
    "c2.check_square_approximation": ["candidate"],
    "c3.check_fd_unknowns": ["answer"],
    "c3.check_mixed_trial": ["answer"],
    "c3.check_oscillator_residual": ["answer"],
    "c3.check_soft_boundary_net": ["net"],
    "c4.check_mc_rms_error": ["answer"],
    "c4.check_neumann_ritz": ["network"],
    "c4.check_reaction_energy_density": ["density"],
    "c4.check_slit_factor": ["factor"],
    "c4.check_slit_rates": ["exponent", "h1_rate"],
    "cs1.check_burgers_residual": ["answer"],
    "cs1.check_max_exponent": ["answer"],
    "cs1.check_rad_probabilities": ["answer"],
    "cs1.check_viscous_pinn": ["answer"],
    "cs2.check_break_even": ["count"],
    "cs2.check_heat_prediction": ["heat_prediction"],
    "cs2.check_parity": ["parity"],
    "cs2.check_trained_fno": ["model"],
    "cs2.fno_exercise_data": [],
    "d1.check_dt_max_2d": ["answer"],
    "d1.check_fd4_second_weights": ["weights"],
    "d1.check_learned_d1_stencil": ["kernel"],
    "d1.check_nu_discovered": ["answer"],
    "d1.heat_data": ["n", "snapshots", "t_final"],
    "d2.check_deeponet_combine": ["combine"],
    "d2.check_fewer_modes": ["model", "twelve_mode_fno"],
    "d2.check_spectral_conv": ["spectral_conv"],
    "d2.check_spectral_parameter_count": ["count"],
    "d3.check_adjoint_rhs": ["adjoint_rhs"],
    "d3.check_learned_linear_field": ["matrix"],
    "d3.linear_field_data": ["noise", "seed"],
    "d3.check_heun_step": ["heun_step"],
    "d3.check_max_stable_step": ["answer"],
    "d3.check_pendulum_invariant": ["invariant"],
    "d4.check_damped_persistence": ["coefficient", "anomalies"],
    "d4.check_predictability_horizon": ["days"],
    "d4.check_valid_time_function": ["candidate"],
    "d4.check_twelve_hour_step": ["step", "scale"],
}


def _function(dotted):
    module, name = dotted.split(".")
    return getattr(MODULES[module], name)


@pytest.mark.parametrize("dotted", SIGNATURES)
def test_public_functions_keep_the_signatures_the_notebooks_use(dotted):
    assert list(inspect.signature(_function(dotted)).parameters) == SIGNATURES[dotted]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_modules_export_exactly_the_notebooks_functions(chapter):
    module = MODULES[chapter]
    defined = {name for name, value in vars(module).items() if inspect.isfunction(value)
               and value.__module__ == module.__name__ and not name.startswith("_")}
    expected = {dotted.split(".")[1] for dotted in SIGNATURES if dotted.split(".")[0] == chapter}
    assert set(module.__all__) == defined == expected


def test_every_checker_the_notebooks_call_exists():
    called = set()
    for path in NOTEBOOKS:
        called |= set(re.findall(r"\b((?:c|d|cs)\d)\.(check_\w+|heat_data)\b", code_source(read(path))))
    assert called, "no checker calls found in the notebooks"
    assert {f"{m}.{f}" for m, f in called} <= set(SIGNATURES)


# ------------------------------------------------------------------------------ never crash
def _data_arguments():
    model = torch.nn.Linear(4, 2)
    images, labels = torch.rand(6, 4), torch.zeros(6, dtype=torch.long)
    A, y = np.eye(5) * 0.5, np.linspace(0.1, 1.0, 5)
    return {
        "c1.check_iterative_attack": (model, images, labels, 0.1, 0.2),
        "c1.check_discrepancy_lambda": (A, y, 0.01),
        "c1.check_tuned_esn": (np.zeros((1600, 1)), np.zeros((600, 1))),  # the notebook's series
        "d4.check_damped_persistence": (np.sin(np.arange(50) / 3.0),),
        "d4.check_twelve_hour_step": (3.6,),
    }


ODD_ANSWERS = [
    "abc", b"x", [], [1, 2], [[1, 2], [3]], {"a": 1}, (), object(), True, 1j, float("nan"), float("inf"),
    -1e308, 10**400, np.array([]), np.ones((2, 2)), np.array(["a"]), torch.tensor(float("nan")),
    torch.ones(3, requires_grad=True), torch.zeros(0), torch.tensor([1 + 1j]),
    lambda *a: None, lambda *a: 1 / 0, lambda *a: float("nan"), lambda *a: "x", lambda: 1,
    lambda *a: torch.tensor(float("nan")), lambda *a: a[0], lambda *a: a[-1], lambda *a: np.ones(3),
    lambda *a: object(), lambda *a: torch.ones(3, dtype=torch.complex64), lambda *a: [[1, 2], [3]],
    lambda *a: torch.full((5, 5), float("inf")), lambda *a: np.full((2, 32), np.inf),
]


@pytest.mark.parametrize("dotted", [d for d in SIGNATURES if ".check_" in d])
def test_checkers_never_crash_and_never_accept_nonsense(dotted):
    checker = _function(dotted)
    extra = _data_arguments().get(dotted, ())
    answers = len(SIGNATURES[dotted]) - len(extra)
    for odd in ODD_ANSWERS:
        for position in range(answers):
            given = [1.0] * answers
            given[position] = odd
            feedback = checker(*given, *extra)
            assert isinstance(feedback, Feedback), f"{dotted}({odd!r}) returned {feedback!r}"
            assert feedback.status == "wrong" and feedback.message, f"{dotted}({odd!r}): {feedback}"
    for placeholder in (None, ...):
        assert checker(*[placeholder] * answers, *extra).status == "not attempted"


# --------------------------------------------------------------------------- answers hidden
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_docstring_examples_show_no_passing_answer(chapter):
    for test in doctest.DocTestFinder().find(MODULES[chapter]):
        for example in test.examples:
            assert "correct" not in example.want and "✅" not in example.want, (test.name, example.source)
            shows_a_pass = ".passed" in example.source and example.want.strip() == "True"
            assert not shows_a_pass, (test.name, example.source)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reference_answers_live_only_in_the_private_module(chapter):
    source = (PACKAGE / f"{chapter}.py").read_text()
    assert "_reference" not in source and "def predictability_horizon_days" not in source
    assert "from . import _answers as answers" in source


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_checker_scaffolding_is_written_once_in_core(chapter):
    source = (PACKAGE / f"{chapter}.py").read_text()
    for scaffolding in ("is_unanswered", "NOT_ATTEMPTED", "except Exception", "callable(",
                        'Feedback("not attempted"'):
        assert scaffolding not in source, f"{chapter}.py repeats {scaffolding!r}: use core.checker, core.call"


# ---------------------------------------------------------------------------- doc examples
@pytest.mark.parametrize("module", ["core", "_answers", *CHAPTERS])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(f"sciml_course.exercises.{module}"), verbose=False)
    assert result.failed == 0
    assert module == "_answers" or result.attempted > 0
