#!/usr/bin/python3
"""Cross-implementation check: the same gradient descent in PyTorch, on the same problem file.

Runs the authors' loop written the authors' way (their layers as torch.nn.Linear(N, N,
bias=False) weights A_k = W_{D+1-k}^T, end-to-end E = I A_1^T ... A_D^T by passing the
identity through the layers, loss 0.5 * mean over the phase's entries of (E_uv - y)^2,
autograd, torch.optim.SGD without momentum or decay) in float32 or float64, records the train
loss and test error of every iteration before its update (evaluated in float64 from E, as
mc_trace does), and compares with our trajectory (mc_trace's trajectory.tsv and layers.tsv,
same problem, same steps):
  loss_rel   max over iterations of |ours - theirs| / |theirs|  (train loss)
  error_rel  the same for the test error
  layer_rel  max over layers of max |W_ours - W_theirs| / max |W_theirs|  (final layers)
Each must be at most --tol; the result is one line appended to --summary.

usage: crosscheck.py --problem p.txt --ours out/crosscheck/small_float --dtype float32
           --steps 3000 --switch-at 1500 --tol 1e-4 --case small --summary out/crosscheck/summary.tsv
"""
import argparse
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from authors_draws import read_problem  # noqa: E402


def read_tsv(path, columns):
    with open(path) as f:
        lines = [ln.rstrip("\n") for ln in f if not ln.startswith("#") and ln.strip()]
    head = lines[0].split("\t")
    if head != columns:
        raise SystemExit(f"crosscheck.py: error: {path}: columns {head}, expected {columns}")
    return [ln.split("\t") for ln in lines[1:]]


def main():
    p = argparse.ArgumentParser(prog="crosscheck.py")
    p.add_argument("--problem", required=True)
    p.add_argument("--ours", required=True, help="mc_trace's output directory for the same problem and steps")
    p.add_argument("--dtype", choices=["float32", "float64"], required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--switch-at", type=int, default=-1)
    p.add_argument("--lr", type=float, default=0.2)
    p.add_argument("--tol", type=float, required=True, help="largest relative difference accepted")
    p.add_argument("--case", required=True, help="name of this case in the summary")
    p.add_argument("--summary", required=True, help="TSV to append the result line to")
    a = p.parse_args()

    import numpy as np
    import torch

    torch.set_num_threads(1)
    dt = torch.float32 if a.dtype == "float32" else torch.float64
    header, tasks, u, v, layers = read_problem(a.problem)
    N, D = int(header["N"]), int(header["depth"])
    subset = header["mode"] == "subset"
    n_def = int(header["n_deficit"])
    M1 = torch.tensor(tasks[0], dtype=torch.float64)
    M2 = M1 if subset else torch.tensor(tasks[1], dtype=torch.float64)
    u_all, v_all = torch.tensor(u), torch.tensor(v)
    u_def, v_def = (u_all[:n_def], v_all[:n_def]) if subset else (u_all, v_all)
    y1 = torch.tensor(tasks[0], dtype=dt)[u_def, v_def]
    y2 = torch.tensor(tasks[0] if subset else tasks[1], dtype=dt)[u_all, v_all]

    net = [torch.nn.Linear(N, N, bias=False).to(dt) for _ in range(D)]
    with torch.no_grad():
        for k, lin in enumerate(net, start=1):  # A_k = W_{D+1-k}^T
            lin.weight.copy_(torch.tensor(layers[D - k].T.copy(), dtype=dt))
    opt = torch.optim.SGD([lin.weight for lin in net], lr=a.lr, momentum=0, weight_decay=0)
    eye = torch.eye(N, dtype=dt)
    losses, errors = [], []
    for t in range(a.steps):
        deficit = t <= a.switch_at
        uu, vv, y, M = (u_def, v_def, y1, M1) if deficit else (u_all, v_all, y2, M2)
        E = eye
        for lin in net:
            E = lin(E)
        loss = 0.5 * ((E[uu, vv] - y) ** 2).mean()
        with torch.no_grad():
            E64 = E.detach().double()
            losses.append(0.5 * ((E64[uu, vv] - y.double()) ** 2).mean().item())
            errors.append(((E64 - M) ** 2).mean().item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    theirs_layers = [net[D - j].weight.detach().double().numpy().T for j in range(1, D + 1)]  # W_j

    traj = read_tsv(os.path.join(a.ours, "trajectory.tsv"), ["step", "train_loss", "test_error"])
    if len(traj) != a.steps or [int(r[0]) for r in traj] != list(range(a.steps)):
        raise SystemExit(f"crosscheck.py: error: {a.ours}/trajectory.tsv does not have steps 0..{a.steps - 1}")
    ours_loss = np.array([float(r[1]) for r in traj])
    ours_err = np.array([float(r[2]) for r in traj])
    cells = read_tsv(os.path.join(a.ours, "layers.tsv"), ["layer", "row", "col", "value"])
    ours_layers = np.zeros((D, N, N))
    if len(cells) != D * N * N:
        raise SystemExit(f"crosscheck.py: error: {a.ours}/layers.tsv has {len(cells)} values, not D N^2 = {D * N * N}")
    for j, r, c, x in cells:
        ours_layers[int(j) - 1, int(r), int(c)] = float(x)

    def rel(ours, theirs):
        theirs = np.asarray(theirs)
        if not (np.all(np.isfinite(ours)) and np.all(np.isfinite(theirs))):
            return float("inf")
        return float(np.max(np.abs(ours - theirs) / np.abs(theirs)))

    loss_rel = rel(ours_loss, losses)
    error_rel = rel(ours_err, errors)
    layer_rel = max(float(np.max(np.abs(ours_layers[j] - theirs_layers[j])) / np.max(np.abs(theirs_layers[j])))
                    for j in range(D))
    worst = max(loss_rel, error_rel, layer_rel)
    verdict = "PASS" if worst <= a.tol else "FAIL"
    new = not os.path.exists(a.summary)
    with open(a.summary, "a") as f:
        if new:
            f.write("case\tdtype\tN\tn\tdepth\tsteps\tswitch_at\tloss_rel\terror_rel\tlayer_rel\ttol\tfinal_loss\tverdict\n")
        f.write(f"{a.case}\t{a.dtype}\t{N}\t{header['n']}\t{D}\t{a.steps}\t{a.switch_at}\t{loss_rel:.3g}\t"
                f"{error_rel:.3g}\t{layer_rel:.3g}\t{a.tol:g}\t{losses[-1]:.6g}\t{verdict}\n")
    print(f"crosscheck {a.case} {a.dtype}: max relative difference loss {loss_rel:.3g}, test error {error_rel:.3g}, "
          f"final layers {layer_rel:.3g} (tolerance {a.tol:g}): {verdict}")
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
