#!/usr/bin/python3
"""A paper-size depth-3 task-switch run from Python against the same run from the command line.

The run: mc_sweep with its defaults (the paper's: N 100, n 2000, depth 3, ranks 10 -> 5, nine
switch times 0 ... 100000 branched from one trunk of 100000 steps, then 30000 steps each: 370,000
gradient steps), quiet. The
command line is timed as a whole process (`mc_sweep --out <tmp> --quiet`: start, compute,
write the files); the Python call as clp.mc_sweep(quiet=True) in this process (module
already imported). The sides alternate for --rounds rounds; the report gives each side's
median wall-clock and CPU (user + system) seconds and the ratios Python / command line, and
checks that both computed the same errors. On a loaded machine the CPU seconds are the
steadier measure.
--cli names one or more programs (e.g. the release build's, whose library is the module's).

usage: PYTHONPATH=build/release/python /usr/bin/python3 bench/python_vs_cli.py \
         [--cli build/release/bin/mc_sweep] [--rounds 3] [--out out/bench/python_vs_cli.tsv]
A measurement, not a test: timing on a shared machine varies by more than the 5% it checks.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import clp


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_cli(binary, out):
    t0, c0 = time.perf_counter(), children_cpu()
    subprocess.run([binary, "--out", out, "--quiet"], check=True, stdout=subprocess.DEVNULL)
    seconds, cpu = time.perf_counter() - t0, children_cpu() - c0
    with open(os.path.join(out, "final_error.tsv")) as f:
        rows = [line.split("\t") for line in f if not line.startswith("#")]
    col = rows[0].index("test_error")
    return seconds, cpu, np.array([float(r[col]) for r in rows[1:] if len(r) > 1])


def time_python():
    t0, c0 = time.perf_counter(), time.process_time()
    r = clp.mc_sweep(quiet=True)
    return time.perf_counter() - t0, time.process_time() - c0, r["test_error"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", nargs="+", default=[os.path.join(clp.build_info()["programs_dir"], "mc_sweep")])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", help="also write the table to this TSV file")
    args = ap.parse_args()
    # Wall-clock and CPU seconds (user + system: less sensitive to other load on the machine).
    times = {"python": []} | {b: [] for b in args.cli}
    cpus = {side: [] for side in times}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.rounds):
            seconds, cpu, py_err = time_python()
            times["python"].append(seconds)
            cpus["python"].append(cpu)
            print(f"round {k + 1}: python {seconds:.2f} s ({cpu:.2f} s CPU)", end="", flush=True)
            for b in args.cli:
                seconds, cpu, cli_err = time_cli(b, os.path.join(tmp, "run"))
                times[b].append(seconds)
                cpus[b].append(cpu)
                same = "same errors" if np.array_equal(py_err, cli_err) else "DIFFERENT errors"
                print(f"; {b} {seconds:.2f} s ({cpu:.2f} s CPU, {same})", end="", flush=True)
            print()
    py, py_cpu = statistics.median(times["python"]), statistics.median(cpus["python"])
    lines = ["side\tmedian_s\tmin_s\tratio_python_over_side\tmedian_cpu_s\tcpu_ratio_python_over_side\tseconds\tcpu_seconds"]
    for side, ts in times.items():
        med, cpu = statistics.median(ts), statistics.median(cpus[side])
        lines.append(f"{side}\t{med:.3f}\t{min(ts):.3f}\t{py / med:.4f}\t{cpu:.3f}\t{py_cpu / cpu:.4f}\t"
                     f"{','.join(f'{t:.3f}' for t in ts)}\t{','.join(f'{t:.3f}' for t in cpus[side])}")
    print("\n".join(lines))
    print(f"# clp {clp.__version__} build {clp.build_info()['build_id']}, {args.rounds} rounds, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}")
    if args.out:
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        with open(args.out, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
