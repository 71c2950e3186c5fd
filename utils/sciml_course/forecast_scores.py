"""How good is a forecast? Scores used by weather centres, for arrays of forecasts (lecture D4).

Conventions: a set of forecasts has shape (cases, leads, *space); ``forecast[:, j]`` is the
forecast at lead time (j + 1) Δt, verified against ``truth`` of the same shape.

* :func:`rmse_by_lead` — root-mean-square error at each lead time.
* :func:`anomaly_correlation` — the anomaly correlation coefficient (ACC) at each lead time.
* :func:`normalised_error`, :func:`valid_time` — the error relative to the climate's
  spread, and the lead time until it first exceeds a threshold (0.5 by convention).
* :func:`persistence_forecast`, :func:`climatology_forecast` — the two baselines that any
  forecast must beat.
* :func:`spread_error` — ensemble spread against the error of the ensemble mean.
* :func:`crps_ensemble`, :func:`rank_histogram` — the reliability of an ensemble: its
  continuous ranked probability score, and where the truth falls among the members.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_array, check_int, check_real


def _pair(forecast: object, truth: object, min_ndim: int = 2) -> tuple[np.ndarray, np.ndarray]:
    forecast = check_array("forecast", forecast)
    truth = check_array("truth", truth)
    if forecast.shape != truth.shape:
        raise ValueError(f"forecast and truth must have the same shape, got {forecast.shape} and {truth.shape}")
    if forecast.ndim < min_ndim:
        raise ValueError(f"forecast must have shape (cases, leads, ...), got {forecast.shape}")
    return forecast, truth


def rmse_by_lead(forecast: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """RMSE at each lead time, averaged over cases and space: shape (leads,).

    Examples
    --------
    >>> truth = np.zeros((4, 3, 5)); forecast = truth + np.array([1.0, 2.0, 3.0])[None, :, None]
    >>> rmse_by_lead(forecast, truth).tolist()
    [1.0, 2.0, 3.0]
    """
    forecast, truth = _pair(forecast, truth)
    squared = (forecast - truth) ** 2
    return np.sqrt(squared.reshape(squared.shape[0], squared.shape[1], -1).mean(axis=(0, 2)))


def anomaly_correlation(forecast: np.ndarray, truth: np.ndarray, climatology: np.ndarray | float = 0.0) -> np.ndarray:
    """Anomaly correlation coefficient at each lead, averaged over cases: shape (leads,).

    For one case and lead, with anomalies f' = f − c and a' = a − c from the climatology c,
    ACC = Σ f' a' / sqrt(Σ f'² Σ a'²), the sum running over space. 1 is perfect; 0 is no
    skill; weather centres call a forecast useful while ACC > 0.6.

    Examples
    --------
    >>> truth = np.random.default_rng(0).standard_normal((2, 3, 10))
    >>> anomaly_correlation(2 * truth, truth).round(6).tolist()  # the pattern is right
    [1.0, 1.0, 1.0]
    """
    forecast, truth = _pair(forecast, truth)
    if isinstance(climatology, numbers.Real) and not isinstance(climatology, bool):
        climatology = np.array(float(climatology))
    climatology = check_array("climatology", climatology)
    fa = (forecast - climatology).reshape(forecast.shape[0], forecast.shape[1], -1)
    ta = (truth - climatology).reshape(fa.shape)
    denominator = np.sqrt((fa**2).sum(-1) * (ta**2).sum(-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        acc = np.where(denominator > 0, (fa * ta).sum(-1) / denominator, 0.0)
    return acc.mean(axis=0)


def normalised_error(forecast: np.ndarray, truth: np.ndarray, scale: float) -> np.ndarray:
    """E = ‖forecast − truth‖ / scale over the last axis: shape (cases, leads).

    With ``scale`` = sqrt(⟨‖u − ū‖²⟩), the climate's root-mean-square distance from its
    mean, a forecast of the climatological mean has E ≈ 1 and a random state of the
    climate E ≈ √2.

    Examples
    --------
    >>> normalised_error(np.ones((1, 2, 4)), np.zeros((1, 2, 4)), scale=2.0).tolist()
    [[1.0, 1.0]]
    """
    forecast, truth = _pair(forecast, truth, min_ndim=3)
    scale = check_real("scale", scale, minimum=0.0, strict=True)
    return np.linalg.norm(forecast - truth, axis=-1) / scale


def valid_time(error: np.ndarray, dt: float, threshold: float = 0.5) -> np.ndarray | float:
    """Lead time before the normalised error first exceeds ``threshold``.

    ``error`` has shape (leads,) or (cases, leads), with ``error[..., j]`` at lead
    (j + 1) ``dt``; the valid time is j ``dt`` for the first exceedance j, and the whole
    horizon (leads · ``dt``) if the error never exceeds the threshold.

    Examples
    --------
    >>> valid_time(np.array([0.1, 0.3, 0.6, 0.2]), dt=0.5)
    1.0
    """
    error = check_array("error", error)
    if error.ndim not in (1, 2) or error.shape[-1] == 0:
        raise ValueError(f"error must have shape (leads,) or (cases, leads), got {error.shape}")
    dt = check_real("dt", dt, minimum=0.0, strict=True)
    threshold = check_real("threshold", threshold, minimum=0.0, strict=True)
    above = error > threshold
    first = np.where(above.any(-1), above.argmax(-1), error.shape[-1])
    times = first * dt
    return float(times) if error.ndim == 1 else times


def persistence_forecast(initial: np.ndarray, leads: int) -> np.ndarray:
    """Tomorrow will be like today: repeat the initial states (cases, *space) for each lead.

    Examples
    --------
    >>> persistence_forecast(np.array([[1.0, 2.0]]), leads=3).shape
    (1, 3, 2)
    """
    initial = check_array("initial", initial)
    if initial.ndim < 1:
        raise ValueError("initial must have shape (cases, ...)")
    leads = check_int("leads", leads, minimum=1)
    return np.repeat(initial[:, None], leads, axis=1)


def climatology_forecast(climatology: np.ndarray, cases: int, leads: int) -> np.ndarray:
    """Forecast the long-term mean state ``climatology`` (*space) for every case and lead.

    Examples
    --------
    >>> climatology_forecast(np.zeros(5), cases=2, leads=3).shape
    (2, 3, 5)
    """
    climatology = check_array("climatology", climatology)
    cases = check_int("cases", cases, minimum=1)
    leads = check_int("leads", leads, minimum=1)
    return np.broadcast_to(climatology, (cases, leads) + climatology.shape).copy()


def spread_error(ensemble: np.ndarray, truth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ensemble spread and ensemble-mean RMSE at each lead time.

    ``ensemble`` has shape (members, cases, leads, *space) and ``truth`` (cases, leads,
    *space). The spread is the square root of the mean (over cases and space) of the
    ensemble variance (with the unbiased 1/(M − 1)); for a reliable ensemble it matches
    the RMSE of the ensemble mean (the spread–error relationship).

    Returns
    -------
    spread, error : numpy.ndarray
        Both of shape (leads,).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> truth = rng.standard_normal((200, 2, 3))
    >>> members = rng.standard_normal((20, 200, 2, 3))  # truth and members alike
    >>> spread, error = spread_error(members, truth)
    >>> bool(np.all(abs(spread / error - 1) < 0.15))
    True
    """
    ensemble, truth = _ensemble_pair(ensemble, truth)
    variance = ensemble.var(axis=0, ddof=1)
    spread = np.sqrt(variance.reshape(variance.shape[0], variance.shape[1], -1).mean(axis=(0, 2)))
    return spread, rmse_by_lead(ensemble.mean(axis=0), truth)


def _ensemble_pair(ensemble: object, truth: object, min_ndim: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Both as arrays, ``ensemble`` of shape (members >= 2, *truth.shape) with at least ``min_ndim`` axes."""
    ensemble = check_array("ensemble", ensemble)
    truth = check_array("truth", truth)
    if ensemble.ndim < min_ndim or ensemble.shape[1:] != truth.shape:
        raise ValueError(
            f"ensemble must have shape (members, *truth.shape), got {ensemble.shape} and {truth.shape}"
        )
    if len(ensemble) < 2:
        raise ValueError("ensemble needs at least 2 members")
    return ensemble, truth


def crps_ensemble(ensemble: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Continuous ranked probability score of an ensemble at each lead time: shape (leads,).

    For one truth value y and members x_1 … x_M, CRPS = mean_i |x_i − y| − mean_ij |x_i − x_j| / 2
    (the empirical distribution's score), averaged over cases and space. Lower is better; for
    a one-member "ensemble" it would be the absolute error, so it compares probabilistic and
    deterministic forecasts in the same units. Shapes as in :func:`spread_error`.

    Examples
    --------
    >>> truth = np.zeros((1, 1, 1))
    >>> crps_ensemble(np.array([-1.0, 1.0]).reshape(2, 1, 1, 1), truth).tolist()  # 1 - 2/4
    [0.5]
    """
    ensemble, truth = _ensemble_pair(ensemble, truth)
    skill = np.abs(ensemble - truth).mean(axis=0)
    members = ensemble.reshape(len(ensemble), -1)
    pairs = np.zeros(members.shape[1])
    for member in members:  # M passes over the members: memory of one ensemble, not M²
        pairs += np.abs(members - member).sum(axis=0)
    score = skill - (pairs / len(ensemble) ** 2 / 2).reshape(truth.shape)
    return score.reshape(score.shape[0], score.shape[1], -1).mean(axis=(0, 2))


def rank_histogram(ensemble: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Frequencies of the rank of the truth among the M members: shape (M + 1,), summing to 1.

    Rank r means that r members lie below the truth. If the truth is statistically one of
    the members (a reliable ensemble), every rank is equally likely, 1/(M + 1); a U shape
    means too little spread, a dome too much. All cases, leads and points given are pooled.

    Examples
    --------
    >>> ensemble = np.array([0.0, 1.0, 2.0]).reshape(3, 1, 1)
    >>> rank_histogram(ensemble, np.array([[1.5]])).tolist()
    [0.0, 0.0, 1.0, 0.0]
    """
    ensemble, truth = _ensemble_pair(ensemble, truth, min_ndim=2)
    ranks = (ensemble < truth[None]).sum(axis=0).ravel()
    return np.bincount(ranks, minlength=len(ensemble) + 1) / ranks.size
