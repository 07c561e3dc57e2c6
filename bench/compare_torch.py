#!/usr/bin/python3
"""Our deep matrix-completion gradient step against the same step written in PyTorch.

One step = forward W = W_D ... W_1, loss 0.5 * mean over the n observed entries of
(W_uv - M_uv)^2, backward, and the gradient-descent update of every layer (lr 0.2), in
float32, on one thread on both sides (torch.set_num_threads(1) and one BLAS thread; our binary uses no
threads). Debian's torch runs on the system BLAS: bench-compare installs OpenBLAS for it
(the reference BLAS would make PyTorch ten times slower and the comparison unfair). No logging and no SVD on either side. Ours is the structured kernel of
bench_completion (BM_FastStep<float>); sizes N in {50, 100, 200, 400}, n = N^2 / 5,
D in 1..4 (or the --N and --D given). The two sides are timed alternately, size by size,
for `--rounds` rounds, in CPU time of the one thread each uses (so that other processes on
a shared machine slow neither side's clock), and the medians and minima are reported.

usage: compare_torch.py --bench build/release/bin/bench_completion --out out/bench/compare.tsv
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

# One thread on the PyTorch side too, BLAS included (set before torch loads it).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402

# The reference "peak" for the FLOP-count line (--peak-gflops): by default the best
# single-core float GEMM rate measured on the project's first machine (OpenBLAS, 100 x 100,
# 2-vCPU AMD EPYC Zen 5, ../shared/PLATFORM.md); pass this machine's own if known.
PEAK_GFLOPS = 182.0


def blas_core():
    """The BLAS torch loaded and, for OpenBLAS, the kernels it chose for this CPU (an
    OpenBLAS that does not recognize the CPU falls back to old, slow ones: Prescott)."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in os.path.basename(path):
                libs.add(path)
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return f"OpenBLAS ({path}), kernels for {lib.openblas_get_corename().decode()}"
        except (OSError, AttributeError):
            continue
    return "not OpenBLAS: " + (", ".join(sorted(libs)) or "unknown")


def our_flops(N, D):
    """Arithmetic of our structured step (same formula as bench_completion.cpp)."""
    n = N * N / 5.0
    if D == 1:
        return 3 * n
    return (3.0 * D - 6) * 2.0 * N ** 3 + 3 * 2.0 * n * N


def torch_seconds_per_step(N, D, min_time):
    g = torch.Generator().manual_seed(1)
    n = N * N // 5
    scale = 0.001 ** (1.0 / D) / N ** 0.5
    layers = [(torch.randn(N, N, generator=g) * scale).requires_grad_() for _ in range(D)]
    A, B = torch.randn(N, 5, generator=g), torch.randn(N, 5, generator=g)
    M = A @ B.T
    M *= N / M.norm()
    idx = torch.randperm(N * N, generator=g)[:n]
    us, vs = idx // N, idx % N
    ys = M[us, vs]

    def step():
        W = layers[0]
        for L in layers[1:]:
            W = L @ W
        loss = 0.5 * (W[us, vs] - ys).pow(2).mean()
        for L in layers:
            L.grad = None
        loss.backward()
        with torch.no_grad():
            for L in layers:
                L -= 0.2 * L.grad

    for _ in range(3):
        step()
    count, start = 0, time.thread_time()
    while True:
        step()
        count += 1
        elapsed = time.thread_time() - start
        if elapsed >= min_time:
            return elapsed / count


def our_seconds_per_step(bench, N, D, min_time):
    out = subprocess.run(
        [bench, f"--benchmark_filter=^BM_FastStep<float>/N:{N}/D:{D}$", "--benchmark_format=json",
         f"--benchmark_min_time={min_time}"],
        check=True, capture_output=True, text=True).stdout
    b = json.loads(out)["benchmarks"][0]
    assert b["time_unit"] == "ns", b["time_unit"]
    return b["cpu_time"] * 1e-9


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", required=True, help="path of bench_completion")
    p.add_argument("--out", required=True, help="TSV to write")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--min-time", type=float, default=0.3, help="seconds per measurement")
    p.add_argument("--peak-gflops", type=float, default=PEAK_GFLOPS,
                   help="single-core float GEMM rate for the FLOP-floor column (default: %(default)s)")
    p.add_argument("--N", default="50,100,200,400", help="sizes N, comma-separated")
    p.add_argument("--D", default="1,2,3,4", help="depths D, comma-separated")
    p.add_argument("--json", help="also write the results and the machine here (JSON)")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.ones(2, 2) @ torch.ones(2, 2)  # loads the BLAS
    blas = blas_core()
    print(f"PyTorch {torch.__version__} on {blas}", file=sys.stderr)
    sizes = [(int(N), int(D)) for D in a.D.split(",") for N in a.N.split(",")]
    ours = {s: [] for s in sizes}
    theirs = {s: [] for s in sizes}
    for r in range(a.rounds):
        for (N, D) in sizes:
            ours[(N, D)].append(our_seconds_per_step(a.bench, N, D, a.min_time))
            theirs[(N, D)].append(torch_seconds_per_step(N, D, a.min_time))
        print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
    rows = []
    for (N, D) in sizes:
        o, t = statistics.median(ours[(N, D)]), statistics.median(theirs[(N, D)])
        rows.append((N, D, N * N // 5, o * 1e6, t * 1e6, t / o, our_flops(N, D) / (a.peak_gflops * 1e9) * 1e6))
    if a.json:
        model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        doc = {"program": "bench/compare_torch.py", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "cpu_model": model, "torch": torch.__version__, "blas": blas, "threads": 1, "rounds": a.rounds,
               "clock": "CPU time of the measuring thread, both sides",
               "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", ""),
               "results": [{"N": N, "D": D, "n": N * N // 5,
                            "ours_us_median": statistics.median(ours[(N, D)]) * 1e6,
                            "ours_us_min": min(ours[(N, D)]) * 1e6,
                            "torch_us_median": statistics.median(theirs[(N, D)]) * 1e6,
                            "torch_us_min": min(theirs[(N, D)]) * 1e6,
                            "ratio_of_medians": statistics.median(theirs[(N, D)]) / statistics.median(ours[(N, D)]),
                            "ratio_of_mins": min(theirs[(N, D)]) / min(ours[(N, D)]),
                            "ours_rounds_us": [x * 1e6 for x in ours[(N, D)]],
                            "torch_rounds_us": [x * 1e6 for x in theirs[(N, D)]]} for (N, D) in sizes]}
        with open(a.json + ".tmp", "w") as f:
            json.dump(doc, f, indent=1)
        os.replace(a.json + ".tmp", a.json)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("# program: bench/compare_torch.py\n")
        f.write(f"# torch: {torch.__version__}\n# blas: {blas}\n# threads: 1 (both sides)\n# rounds: {a.rounds}\n")
        f.write(f"# peak_gflops: {a.peak_gflops} (single-core float GEMM rate of the peak_us column, --peak-gflops)\n")
        f.write("# content: median time per gradient step, ours (structured kernel, float) and PyTorch (float32)\n")
        f.write("N\tD\tn\tours_us\ttorch_us\tspeedup\tpeak_us\n")
        for r in rows:
            f.write("%d\t%d\t%d\t%.3f\t%.3f\t%.2f\t%.3f\n" % r)
    os.replace(tmp, a.out)
    print(f"{'N':>4} {'D':>2} {'n':>6} {'ours (us)':>10} {'PyTorch (us)':>13} {'ratio':>7}")
    for N, D, n, o, t, ratio, _ in rows:
        print(f"{N:>4} {D:>2} {n:>6} {o:>10.1f} {t:>13.1f} {ratio:>6.1f}x")


if __name__ == "__main__":
    main()
