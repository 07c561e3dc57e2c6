#!/usr/bin/python3
"""The task switch's depth panel and the Fig 2 trajectories, from Python.

Left: deep matrix completion (paper Sec. 4) trained on task 1 (rank 10) for T_switch steps,
then on task 2 (rank 5): the final error on task 2 against T_switch for depth 1, 2 and 3
(seed 1). Deeper factorizations keep more of task 1 and end further from task 2.
Right: the Fig 2 two-pathway network: mode 1 of pathway a (solid) and b (dashed) for a
deficit to b starting at step 0, 400 or 750, gradient descent in colour, the per-mode ODE
in black dots.

Sizes (environment variable CLP_EXAMPLE_SIZE):
  quick (default)  the pipeline's QUICK=1 sweep: switch times 0, 20000, 40000, then 30000 steps
                   (about a minute on one core)
  ci               switch times 0, 2000, 4000, then 3000 steps: the same code in seconds, for CI
                   (too short to show the effect: depth 3 is still on its plateau)
The Fig 2 panel is the paper's size in both (1000 steps).

usage: PYTHONPATH=build/release/python /usr/bin/python3 examples/task_switch.py [--out DIR]
writes DIR/task_switch.png (default: the current directory).
"""
import argparse
import os
import sys
import time

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402

import clp  # noqa: E402

SIZES = {
    "quick": dict(switch_times=[0, 20000, 40000], continue_steps=30000),
    "ci": dict(switch_times=[0, 2000, 4000], continue_steps=3000),
}


def show_progress(label, done, total):
    """A progress callback: one line, redrawn in place."""
    print(f"\r{label}: {100 * done / total:5.1f}%", end="" if done < total else "\n", file=sys.stderr, flush=True)


def depth_panel(ax, size):
    for depth in (1, 2, 3):
        t0 = time.monotonic()
        r = clp.mc_sweep(depth=depth, seed=1, quiet=True, progress=show_progress, **SIZES[size])
        print(f"depth {depth}: final task-2 error {r['test_error'].round(4).tolist()} "
              f"at T_switch {r['t_switch'].tolist()} ({time.monotonic() - t0:.1f} s)")
        ax.plot(r["t_switch"], r["test_error"], "o-", label=f"D = {depth}")
    ax.set_xlabel("T_switch (steps on task 1)")
    ax.set_ylabel("final test error on task 2")
    ax.set_title("task switch, rank 10 -> 5 (seed 1)")
    ax.legend()


def fig2_panel(ax):
    r = clp.fig2_multipath_deficit(quiet=True)
    s1 = r["s"][0]
    for k, start in enumerate(r["deficit_starts"]):
        colour = f"C{k}"
        ax.plot(r["step"], r["Ka_gd"][k, :, 0] / s1, "-", color=colour, label=f"deficit at {start}")
        ax.plot(r["step"], r["Kb_gd"][k, :, 0] / s1, "--", color=colour)
        ax.plot(r["step"][::50], r["Ka_ode"][k, ::50, 0] / s1, "k.", ms=3)
        ax.plot(r["step"][::50], r["Kb_ode"][k, ::50, 0] / s1, "k.", ms=3)
    ax.set_xlabel("step")
    ax.set_ylabel("K_a (solid), K_b (dashed) of mode 1, / s_1")
    ax.set_title("Fig 2: two pathways, deficit to b")
    ax.legend()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=".", help="directory of task_switch.png")
    args = ap.parse_args()
    size = os.environ.get("CLP_EXAMPLE_SIZE", "quick")
    if size not in SIZES:
        sys.exit(f"CLP_EXAMPLE_SIZE must be one of {', '.join(SIZES)} (got '{size}')")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    depth_panel(left, size)
    fig2_panel(right)
    fig.tight_layout()
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "task_switch.png")
    fig.savefig(path, dpi=120)
    print(f"wrote {path} (clp {clp.__version__}, build {clp.build_info()['build_id']}, size {size})")


if __name__ == "__main__":
    main()
