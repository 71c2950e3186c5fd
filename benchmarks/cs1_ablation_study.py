"""Case study one's ablation over seeds at equal CPU time, with Raissi et al.'s own setup beside it.

Usage::

    python -m benchmarks.cs1_ablation_study                  # all variants, seeds 0-2, 30 CPU s each
    python -m benchmarks.cs1_ablation_study --seeds 1 --budget 20 --out /tmp/x.json   # a smoke test

The case study's own ablation runs every variant for the same number of
iterations from one seed; this study gives every variant the same **CPU time**
(``time.process_time`` of this single-threaded process, so that other jobs on
the machine do not bias it; the error evaluations are not counted) and repeats
it for several seeds. Variants:

* ``hard + odd, BFGS``: the case study's recipe without adaptive resampling:
  the trial function u = −sin(πx) + t(1 − x²) N_θ^odd meets the initial and
  boundary conditions and the odd symmetry exactly; 2000 collocation points
  in the half domain; network 2 → 20×4 → 1.
* ``hard + odd, L-BFGS``: the same with L-BFGS (strong Wolfe, memory 50).
* ``hard, no symmetry, BFGS``: the exact trial function without the odd part,
  4000 points in the whole domain.
* ``soft, paper setup, BFGS``: like for like with Raissi et al. (2019): a
  plain 2 → 20×8 → 1 tanh network, the loss mean residual² on N_f = 10 000
  collocation points in the whole domain plus mean misfit² on N_u = 100 points
  drawn from the initial and boundary data; nothing built in. (The paper drew
  the collocation points by Latin hypercube sampling and trained with L-BFGS-B
  until convergence; here they are uniform, the optimiser is the stronger full
  BFGS, and the run stops at the budget.)

Each run starts with 200 Adam steps (inside the budget), then the quasi-Newton
method until the budget is spent. The relative L2 error on the 256 × 100
reference grid is recorded along the way. The default study (4 variants × 3
seeds × 30 CPU s) takes about 7 min on one core; 30 s is half of the case
study's main run, the early phase of training (a longer budget, e.g.
``--budget 300``, shows the later phase). Results go to
``sciml_course/studies/cs1_ablation.json`` (:mod:`sciml_course.studies`), which the case study renders. Run with ``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import time
from pathlib import Path

import numpy as np
import torch

from sciml_course import burgers_reference as ref
from sciml_course import models, pinn, seeding, studies, training

RESULTS = studies.path("cs1_ablation")  # package data: the case study reads it anywhere
ADAM_STEPS = 200
VARIANTS = {  # name: (conditions, optimiser, symmetric)
    "hard + odd, BFGS": ("hard", "bfgs", True),
    "hard + odd, L-BFGS": ("hard", "lbfgs", True),
    "hard, no symmetry, BFGS": ("hard", "bfgs", False),
    "soft, paper setup, BFGS": ("soft", "bfgs", False),
}
DTYPE = torch.float64


class _Budget(Exception):
    """Raised by the tracking callback when the CPU budget is spent."""


def hard_trial(net: torch.nn.Sequential, xt: torch.Tensor, symmetric: bool):
    """u, u_x, u_t, u_xx of −sin(πx) + t(1 − x²) N (N odd in x if ``symmetric``); as in the case study."""
    x, t = xt[:, 0], xt[:, 1]
    if symmetric:
        both = torch.cat([torch.stack([x, 2 * t - 1], 1), torch.stack([-x, 2 * t - 1], 1)])
        n, dn, d2n = pinn.mlp_derivatives(net, both)
        m = len(x)
        N, Nx = (n[:m] - n[m:]) / 2, (dn[:m, 0] + dn[m:, 0]) / 2
        Nt, Nxx = dn[:m, 1] - dn[m:, 1], (d2n[:m, 0] - d2n[m:, 0]) / 2
    else:
        n, dn, d2n = pinn.mlp_derivatives(net, torch.stack([x, 2 * t - 1], 1))
        N, Nx, Nt, Nxx = n, dn[:, 0], 2 * dn[:, 1], d2n[:, 0]
    g, gx, gt, gxx = t * (1 - x**2), -2 * x * t, 1 - x**2, -2 * t
    s, c = torch.sin(math.pi * x), torch.cos(math.pi * x)
    return (-s + g * N, -math.pi * c + gx * N + g * Nx, gt * N + g * Nt,
            math.pi**2 * s + gxx * N + 2 * gx * Nx + g * Nxx)


def plain_trial(net: torch.nn.Sequential, xt: torch.Tensor):
    """u, u_x, u_t, u_xx of the plain network (input (x, 2t − 1))."""
    n, dn, d2n = pinn.mlp_derivatives(net, torch.stack([xt[:, 0], 2 * xt[:, 1] - 1], 1))
    return n, dn[:, 0], 2 * dn[:, 1], d2n[:, 0]


def boundary_data(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """n points drawn from the initial line and the two boundaries (as the paper), with their u."""
    x0 = torch.cat([torch.stack([torch.linspace(-1, 1, 256, dtype=DTYPE), torch.zeros(256, dtype=DTYPE)], 1),
                    torch.stack([-torch.ones(100, dtype=DTYPE), torch.linspace(0, 0.99, 100, dtype=DTYPE)], 1),
                    torch.stack([torch.ones(100, dtype=DTYPE), torch.linspace(0, 0.99, 100, dtype=DTYPE)], 1)])
    pick = torch.randperm(len(x0), generator=generator)[:n]
    xt = x0[pick]
    u = torch.where(xt[:, 1] == 0, -torch.sin(math.pi * xt[:, 0]), torch.zeros(n, dtype=DTYPE))
    return xt, u


def run(conditions: str, optimiser: str, symmetric: bool, seed: int, budget: float,
        grid: torch.Tensor, u_ref: np.ndarray, track_every: float = 5.0) -> dict:
    """Train one variant for ``budget`` CPU seconds; return its error curve and final error."""
    seeding.manual_seed(seed)
    depth = 4 if conditions == "hard" else 8
    net = models.mlp(2, 1, 20, depth, dtype=DTYPE)
    gen = seeding.torch_generator(seed + 1)
    if conditions == "hard":
        n_points = 2000 if symmetric else 4000
        points = pinn.uniform_points(n_points, [0 if symmetric else -1, 0], [1, 1], generator=gen)

        def loss():
            u, ux, ut, uxx = hard_trial(net, points, symmetric)
            return (ut + u * ux - ref.NU * uxx).pow(2).mean()

        def predict(xt):
            return hard_trial(net, xt, symmetric)[0]
    else:
        points = pinn.uniform_points(10_000, [-1, 0], [1, 1], generator=gen)
        xt_b, u_b = boundary_data(100, gen)

        def loss():
            u, ux, ut, uxx = plain_trial(net, points)
            misfit = net(torch.stack([xt_b[:, 0], 2 * xt_b[:, 1] - 1], 1))[:, 0] - u_b
            return (ut + u * ux - ref.NU * uxx).pow(2).mean() + misfit.pow(2).mean()

        def predict(xt):
            return plain_trial(net, xt)[0]

    def error() -> float:
        with torch.no_grad():
            return ref.relative_l2(predict(grid).numpy().reshape(u_ref.shape), u_ref)

    clock = {"start": time.process_time(), "paused": 0.0, "next": track_every, "iterations": 0}
    curve: list[tuple[float, int, float]] = []  # (CPU seconds, iterations, relative L2)

    def elapsed() -> float:
        return time.process_time() - clock["start"] - clock["paused"]

    def track(_=None) -> None:
        clock["iterations"] += 1
        if elapsed() >= clock["next"]:
            pause = time.process_time()
            curve.append((elapsed(), clock["iterations"], error()))
            clock["paused"] += time.process_time() - pause
            clock["next"] += track_every
        if elapsed() >= budget:
            raise _Budget

    try:
        training.minimise(loss, net.parameters(), method="adam", steps=ADAM_STEPS, lr=5e-3,
                          callback=track, progress=False)
        if optimiser == "bfgs":
            pinn.minimise_bfgs(loss, net.parameters(), steps=1_000_000, callback=_stop_iteration(track),
                               progress=False)
        else:
            training.minimise(loss, net.parameters(), method="lbfgs", steps=1_000_000, lr=1.0,
                              callback=track, progress=False)
    except _Budget:
        pass
    seconds = elapsed()
    final = error()
    curve.append((seconds, clock["iterations"], final))
    return {"seconds": seconds, "iterations": clock["iterations"], "rel_l2": final,
            "loss": float(loss().detach()), "curve": curve,
            "parameters": models.count_parameters(net)}


def _stop_iteration(track):
    """SciPy's minimize stops cleanly (keeping the current point) on StopIteration."""
    def callback(step):
        try:
            track(step)
        except _Budget:
            raise StopIteration from None
    return callback


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0 … n − 1")
    parser.add_argument("--budget", type=float, default=30.0, help="CPU seconds per run")
    parser.add_argument("--only", nargs="*", default=[], help="variants whose name contains one of these")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--merge", action="store_true",
                        help="keep the other variants already in --out (run with the same --seeds and --budget)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    x_ref, t_ref, u_ref = ref.reference_grid(256, 100)
    grid = torch.tensor(np.stack(np.meshgrid(x_ref, t_ref), -1).reshape(-1, 2), dtype=DTYPE)
    results = {"budget_cpu_seconds": args.budget, "seeds": args.seeds, "adam_steps": ADAM_STEPS,
               "machine": platform.processor() or platform.machine(), "variants": {}}
    if args.merge and args.out.exists():
        previous = json.loads(args.out.read_text())
        if (previous["seeds"], previous["budget_cpu_seconds"]) != (args.seeds, args.budget):
            raise SystemExit(f"{args.out} has other seeds or budget: cannot merge")
        results["variants"] = previous["variants"]
    for name, (conditions, optimiser, symmetric) in VARIANTS.items():
        if args.only and not any(key in name for key in args.only):
            continue
        runs = []
        for seed in range(args.seeds):
            wall = time.perf_counter()
            r = run(conditions, optimiser, symmetric, seed, args.budget, grid, u_ref)
            print(f"{name:28s} seed {seed}: {r['rel_l2']:.2e} after {r['iterations']} iterations, "
                  f"{r['seconds']:.0f} CPU s ({time.perf_counter() - wall:.0f} s wall)", flush=True)
            runs.append(r)
        errors = [r["rel_l2"] for r in runs]
        results["variants"][name] = {
            "conditions": conditions, "optimiser": optimiser, "symmetric": symmetric,
            "parameters": runs[0]["parameters"], "runs": runs,
            "median": float(np.median(errors)), "min": min(errors), "max": max(errors),
        }
        args.out.write_text(json.dumps(results, indent=1))  # after each variant: partial results survive
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
