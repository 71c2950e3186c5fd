import math

import numpy as np
import pytest
import torch

from sciml_course import training


def quadratic():
    w = torch.nn.Parameter(torch.tensor([3.0, -2.0], dtype=torch.float64))
    return w, (lambda: ((w - 1.0) ** 2).sum())


@pytest.mark.parametrize("method, lr, steps", [("adam", 0.1, 300), ("sgd", 0.1, 200), ("lbfgs", 1.0, 10)])
def test_minimise_reaches_the_minimum_of_a_quadratic(method, lr, steps):
    w, loss = quadratic()
    history = training.minimise(loss, [w], method=method, lr=lr, steps=steps, progress=False)
    assert len(history) == steps
    assert torch.allclose(w, torch.ones(2, dtype=torch.float64), atol=1e-3)
    assert history[-1] < history[0]


def test_minimise_lbfgs_fits_a_small_network_to_high_accuracy():
    # regression test: one iteration per step must still allow a full line search
    torch.manual_seed(1)
    x = torch.linspace(-1, 1, 64, dtype=torch.float64).unsqueeze(1)
    net = torch.nn.Sequential(
        torch.nn.Linear(1, 20, dtype=torch.float64), torch.nn.Tanh(),
        torch.nn.Linear(20, 20, dtype=torch.float64), torch.nn.Tanh(),
        torch.nn.Linear(20, 1, dtype=torch.float64),
    )
    history = training.minimise(
        lambda: torch.nn.functional.mse_loss(net(x), torch.sin(3 * x)),
        net.parameters(), method="lbfgs", lr=1.0, steps=150, progress=False,
    )
    assert history[-1] < 1e-5


def test_minimise_cosine_schedule_and_callback_run_every_step():
    w, loss = quadratic()
    seen = []
    training.minimise(loss, [w], steps=5, schedule="cosine", callback=seen.append, progress=False)
    assert seen == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"method": "newton"}, ValueError, "method"),
        ({"steps": -1}, ValueError, "steps"),
        ({"lr": 0.0}, ValueError, "lr"),
        ({"schedule": "step"}, ValueError, "schedule"),
        ({"method": "lbfgs", "weight_decay": 0.1}, ValueError, "weight_decay"),
    ],
)
def test_minimise_rejects_bad_settings(kwargs, error, name):
    w, loss = quadratic()
    with pytest.raises(error, match=name):
        training.minimise(loss, [w], progress=False, **kwargs)


def test_minimise_rejects_non_callable_and_non_scalar_losses():
    w, _ = quadratic()
    with pytest.raises(TypeError, match="loss_fn"):
        training.minimise(3.0, [w], progress=False)
    with pytest.raises(ValueError, match="scalar"):
        training.minimise(lambda: w * 2, [w], steps=1, progress=False)


def test_make_optimizer_needs_parameters():
    with pytest.raises(ValueError, match="params"):
        training.make_optimizer([], "adam")


def test_fit_minibatch_regression_and_validation_history():
    torch.manual_seed(0)
    x = torch.linspace(-1, 1, 64).unsqueeze(1)
    y = 3 * x - 1
    model = torch.nn.Linear(1, 1)
    history = training.fit(
        model, x, y, epochs=60, batch_size=16, lr=0.05,
        validation=(x, y), generator=torch.Generator().manual_seed(0), progress=False,
    )
    assert len(history.train) == len(history.validation) == 60
    assert history.validation[-1] < 1e-3


def test_fit_cross_entropy_classifies_two_clusters():
    torch.manual_seed(0)
    x = torch.cat([torch.randn(50, 2) - 3, torch.randn(50, 2) + 3])
    labels = torch.cat([torch.zeros(50), torch.ones(50)]).long()
    model = torch.nn.Linear(2, 2)
    training.fit(model, x, labels, loss="cross_entropy", epochs=100, lr=0.1, progress=False)
    assert (model(x).argmax(1) == labels).float().mean() > 0.95


def test_fit_lbfgs_full_batch():
    x = torch.linspace(0, 1, 10, dtype=torch.float64).unsqueeze(1)
    model = torch.nn.Linear(1, 1, dtype=torch.float64)
    history = training.fit(model, x, 2 * x, epochs=20, method="lbfgs", lr=1.0, progress=False)
    assert history.train[-1] < 1e-12


@pytest.mark.parametrize(
    "args, kwargs, error, name",
    [
        (("model", torch.ones(2, 1), torch.ones(2, 1)), {}, TypeError, "model"),
        ((torch.nn.Linear(1, 1), [[1.0]], torch.ones(1, 1)), {}, TypeError, "inputs"),
        ((torch.nn.Linear(1, 1), torch.ones(3, 1), torch.ones(2, 1)), {}, ValueError, "same number"),
        ((torch.nn.Linear(1, 1), torch.ones(2, 1), torch.ones(2, 1)), {"epochs": 0}, ValueError, "epochs"),
        ((torch.nn.Linear(1, 1), torch.ones(2, 1), torch.ones(2, 1)), {"loss": "l1"}, ValueError, "loss"),
        ((torch.nn.Linear(1, 1), torch.ones(2, 1), torch.ones(2, 1)), {"batch_size": 1, "method": "lbfgs"}, ValueError, "lbfgs"),
        ((torch.nn.Linear(1, 1), torch.ones(2, 1), torch.ones(2, 1)), {"validation": torch.ones(2)}, TypeError, "validation"),
    ],
)
def test_fit_rejects_bad_inputs(args, kwargs, error, name):
    with pytest.raises(error, match=name):
        training.fit(*args, progress=False, **kwargs)


def test_evaluate_returns_the_loss_value():
    assert training.evaluate(torch.nn.Identity(), torch.ones(4, 1), torch.zeros(4, 1)) == 1.0


def test_fit_rejects_an_output_target_shape_mismatch_instead_of_broadcasting():
    x = torch.linspace(-1, 1, 8).unsqueeze(1)
    with pytest.raises(ValueError, match="output shape"):
        training.fit(torch.nn.Linear(1, 1), x, 2 * x[:, 0], epochs=1, progress=False)


def test_minimise_stops_on_a_non_finite_loss():
    w = torch.nn.Parameter(torch.tensor([1.0]))
    with pytest.raises(FloatingPointError, match="diverged"):
        training.minimise(lambda: (w * float("nan")).sum(), [w], steps=5, progress=False)


def test_every_training_function_returns_one_log_type():
    """minimise, fit, adam_then_lbfgs, minimise_bfgs, train_operator, fit_trajectory, fit_jointly."""
    from sciml_course import approximation, neural_ode, neural_operators, pinn

    w = torch.nn.Parameter(torch.tensor([3.0, -1.0], dtype=torch.float64))
    x = torch.linspace(-1, 1, 16, dtype=torch.float64)[:, None]
    t = torch.linspace(0, 1, 11, dtype=torch.float64)
    logs = {
        "minimise": training.minimise(lambda: (w ** 2).sum(), [w], steps=5, progress=False),
        "fit": training.fit(torch.nn.Linear(1, 1).double(), x, 2 * x, epochs=3, progress=False,
                            validation=(x, 2 * x)),
        "adam_then_lbfgs": pinn.adam_then_lbfgs(lambda: ((w - 1) ** 2).sum(), [w], adam_steps=4,
                                                lbfgs_steps=3, progress=False),
        "minimise_bfgs": pinn.minimise_bfgs(lambda: ((w + 1) ** 2).sum(), [w], steps=5, progress=False),
        "train_operator": neural_operators.train_operator(
            neural_operators.FNO1d(modes=2, width=4, n_layers=1), torch.randn(8, 8), torch.randn(8, 8),
            epochs=2, batch_size=4, test=(torch.randn(4, 8), torch.randn(4, 8)), progress=False),
        "fit_trajectory": neural_ode.fit_trajectory(neural_ode.ODEFunc(1, width=4, dtype=torch.float64), t,
                                                    torch.exp(-t)[:, None], segment_length=3, steps=4,
                                                    progress=False, generator=torch.Generator().manual_seed(0)),
        "fit_jointly": approximation.fit_jointly([torch.nn.Linear(1, 1).double()], x, [x], steps=4,
                                                 progress=False),
    }
    for name, log in logs.items():
        assert type(log) is training.TrainingLog, name
        assert len(log) == len(log.train) > 0 and log[-1] == log.train[-1], name
        assert all(math.isfinite(v) for v in log) and log.seconds > 0, name
    assert len(logs["fit"].validation) == 3 and len(logs["train_operator"].validation) == 2
    staged = logs["adam_then_lbfgs"]
    assert staged.phase("adam") == staged.train[:4] and staged.phase("lbfgs") == staged.train[4:]
    with pytest.raises(ValueError, match="name"):
        staged.phase("sgd")
    assert np.asarray(logs["minimise"]).shape == (5,)
