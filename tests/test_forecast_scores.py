import numpy as np
import pytest

from sciml_course import forecast_scores as fs


def test_rmse_by_lead_averages_over_cases_and_space():
    truth = np.zeros((2, 3, 4, 4))
    forecast = truth + np.array([0.0, 1.0, 2.0])[None, :, None, None]
    assert np.allclose(fs.rmse_by_lead(forecast, truth), [0.0, 1.0, 2.0])


def test_anomaly_correlation_is_one_for_right_pattern_and_minus_one_for_opposite():
    truth = np.random.default_rng(0).standard_normal((3, 2, 50)) + 5
    assert np.allclose(fs.anomaly_correlation(5 + 3 * (truth - 5), truth, 5.0), 1.0)
    assert np.allclose(fs.anomaly_correlation(5 - (truth - 5), truth, np.full(50, 5.0)), -1.0)


def test_valid_time_counts_steps_before_the_first_exceedance():
    error = np.array([[0.1, 0.6, 0.2], [0.1, 0.2, 0.3]])
    assert np.allclose(fs.valid_time(error, dt=0.5), [0.5, 1.5])
    assert fs.valid_time(np.array([0.9]), dt=1.0) == 0.0


def test_normalised_error_of_climatology_is_about_one():
    rng = np.random.default_rng(1)
    truth = rng.standard_normal((500, 1, 40))
    scale = np.sqrt(np.mean(np.sum(truth**2, axis=-1)))
    error = fs.normalised_error(np.zeros_like(truth), truth, scale)
    assert abs(error.mean() - 1) < 0.05


def test_baselines_have_the_forecast_shape():
    initial = np.arange(6.0).reshape(2, 3)
    persistence = fs.persistence_forecast(initial, 4)
    assert persistence.shape == (2, 4, 3) and np.all(persistence[:, -1] == initial)
    assert fs.climatology_forecast(np.ones(3), 2, 4).shape == (2, 4, 3)


def test_spread_matches_error_for_a_reliable_ensemble_and_not_for_an_overconfident_one():
    rng = np.random.default_rng(0)
    truth = rng.standard_normal((300, 2, 5))
    members = rng.standard_normal((10, 300, 2, 5))
    spread, error = fs.spread_error(members, truth)
    assert np.all(abs(spread / error - 1) < 0.1)
    spread, error = fs.spread_error(0.1 * members, truth)
    assert np.all(spread < 0.2 * error)


def test_crps_is_the_absolute_error_for_a_sharp_ensemble_and_matches_the_normal_formula():
    rng = np.random.default_rng(2)
    truth = rng.standard_normal((50, 3, 4))
    forecast = truth + rng.standard_normal(truth.shape)
    sharp = np.repeat(forecast[None], 5, axis=0)
    assert np.allclose(fs.crps_ensemble(sharp, truth), np.abs(forecast - truth).mean(axis=(0, 2)))
    members = rng.standard_normal((8, 2000, 2, 5))  # truth and members all N(0, 1)
    crps = fs.crps_ensemble(members, rng.standard_normal((2000, 2, 5)))
    assert np.allclose(crps, (1 + 1 / 8) / np.sqrt(np.pi), rtol=0.03)


def test_rank_histogram_is_flat_for_a_reliable_ensemble_and_u_shaped_for_an_overconfident_one():
    rng = np.random.default_rng(3)
    truth = rng.standard_normal((4000, 2))
    members = rng.standard_normal((9, 4000, 2))
    flat = fs.rank_histogram(members, truth)
    assert flat.shape == (10,) and np.isclose(flat.sum(), 1.0)
    assert np.all(abs(flat * 10 - 1) < 0.15)
    narrow = fs.rank_histogram(0.3 * members, truth)
    assert narrow[0] > 2.5 * narrow[5] and narrow[-1] > 2.5 * narrow[5]


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: fs.rmse_by_lead(np.zeros((2, 3)), np.zeros((2, 4))), ValueError, "same shape"),
        (lambda: fs.rmse_by_lead(np.zeros(3), np.zeros(3)), ValueError, "forecast"),
        (lambda: fs.anomaly_correlation("a", np.zeros((2, 3))), TypeError, "forecast"),
        (lambda: fs.normalised_error(np.zeros((1, 2, 3)), np.zeros((1, 2, 3)), 0.0), ValueError, "scale"),
        (lambda: fs.valid_time(np.zeros((1, 2, 3)), 0.1), ValueError, "error"),
        (lambda: fs.valid_time(np.zeros(3), -0.1), ValueError, "dt"),
        (lambda: fs.persistence_forecast(np.zeros((2, 3)), 0), ValueError, "leads"),
        (lambda: fs.climatology_forecast(np.zeros(3), 0, 2), ValueError, "cases"),
        (lambda: fs.spread_error(np.zeros((1, 2, 3, 4)), np.zeros((2, 3, 4))), ValueError, "members"),
        (lambda: fs.spread_error(np.zeros((2, 2, 3)), np.zeros((2, 3, 4))), ValueError, "ensemble"),
        (lambda: fs.crps_ensemble(np.zeros((1, 2, 3, 4)), np.zeros((2, 3, 4))), ValueError, "members"),
        (lambda: fs.rank_histogram(np.zeros((3, 2)), np.zeros(3)), ValueError, "ensemble"),
    ],
)
def test_scores_reject_bad_input(call, error, name):
    with pytest.raises(error, match=name):
        call()
