#!/usr/bin/python3
"""The authors' random draws for one matrix-completion run, written as a problem file.

Reproduces how the authors' scripts (PyTorch 1.13 + numpy; ../shared/SPEC.md, "The
authors' random draws") draw a run's randomness for a seed s:
  1. numpy.random.seed(s), torch.manual_seed(s);
  2. task 1: A, B = numpy randn(N, r1) as float32 (A first), M = A B^T / sqrt(r1), then
     M / ||M||_F * N, in float32; in switch mode task 2 right after, the same way with r2;
  3. observed entries: torch.multinomial(torch.ones(N*N), n, replacement=False), entry k is
     (idx_k // N, idx_k % N), in drawn order (a subset deficit sees the first n_deficit).
     Which entries that call draws depends on the PyTorch build (--draw):
       mkl   (default; the paper's: an MKL-enabled x86 pip/conda build) draws the exponentials
             of its Gumbel-top-k through MKL: ONE 32-bit output of torch's CPU generator
             (torch.randint(0, 2^31 - 1, (1,)) right after the seed; seed 1: 1791095845) seeds
             an MCG31m1 stream (m = 2^31 - 1, a = 1132489760, x_0 = seed mod m or 1 if 0,
             x_{k+1} = a x_k mod m), one value per entry k = 0 .. N^2 - 1 in row-major order
             starting with x_0; q_k = -ln(x_k / m) in float32; the entries are
             torch.topk(1 / q, n) (the n smallest q_k, in topk's order). Emulated here.
       nomkl (a build without MKL: Debian's python3-torch, Arm Macs): the call itself, run by
             this machine's torch (which must have no MKL, checked);
  4. after numpy.random.seed(s), torch.manual_seed(s) again: for each layer k = 1..D in
     order, torch.nn.init.normal_(A_k, std = g^(1/D) / sqrt(N)), A_k (out x in) the weight
     of the k-th torch.nn.Linear(N, N, bias=False).
Their end-to-end matrix is A_1^T A_2^T ... A_D^T; in our convention W = W_D ... W_1 that is
W_j = A_{D+1-j}^T, and the file holds W_1 .. W_D.

The problem file (read by mc_sweep --problem, src/completion/problem_file.hpp) is text:
`# key: value` header lines with the parameters, then the sections
    task1 N N        N rows of N values (task 2 follows as `task2 N N` in switch mode)
    entries n 2      n lines `u v` (0-based row and column, in drawn order)
    layer1 N N ... layerD N N   (W_1 .. W_D, row-major)
    end
and, as its last line, `# crc32: <8 hex digits>`, the CRC-32 (zlib's) of every byte before
that line. Values are float32, written with 9 significant digits (which read back to the
same float32). Two exports of the same parameters are byte-identical.

usage: authors_draws.py --out FILE [--draw mkl|nomkl] [--mode switch|subset] [--N 100] [--n 2000]
           [--n-deficit 1000] [--rank1 10] [--rank2 5] [--depth 3] [--g 0.001] [--seed 1]
The flags are mc_sweep's names. mc_sweep's training flags (--lr, --switch-times,
--continue-steps, --sv-every, --sv-count, --precision, --quiet) do not change the draws and
are accepted and ignored, so that a run's mc_sweep arguments can be passed unchanged.
"""
import argparse
import math
import os
import sys
import zlib

FORMAT_VERSION = "1"

# How each --draw makes the observed entries (written into the problem file's header).
ENTRY_DRAW = {
    "mkl": "as an MKL-enabled PyTorch build draws it (the paper's; emulated: MKL MCG31m1 stream seeded by one "
           "32-bit output of torch's generator, q = -ln(x/m) in float32, topk(1/q, n))",
    "nomkl": "as a PyTorch build without MKL draws it (this machine's torch)",
}


def fail(msg):
    print(f"authors_draws.py: error: {msg}", file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="authors_draws.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="problem file to write")
    p.add_argument("--draw", default="mkl", choices=["mkl", "nomkl"],
                   help="which PyTorch build's draw of the observed entries: mkl (the paper's, an MKL-enabled "
                        "x86 pip/conda build; emulated) or nomkl (a build without MKL, e.g. Debian's)")
    p.add_argument("--mode", default="switch", choices=["switch", "subset"])
    p.add_argument("--N", type=int, default=100)
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--n-deficit", type=int, default=1000)
    p.add_argument("--rank1", type=int, default=10)
    p.add_argument("--rank2", type=int, default=5)
    p.add_argument("--depth", type=int, default=3)
    p.add_argument("--g", type=float, default=0.001)
    p.add_argument("--seed", type=int, default=1)
    for ignored in ["--lr", "--switch-times", "--continue-steps", "--sv-every", "--sv-count", "--precision"]:
        p.add_argument(ignored, help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.N < 2:
        fail("--N must be at least 2")
    if not 1 <= a.n <= a.N * a.N:
        fail(f"--n must be in 1..N^2 = {a.N * a.N} (got {a.n})")
    if not 1 <= a.rank1 <= a.N:
        fail(f"--rank1 must be in 1..N (got {a.rank1})")
    if a.mode == "switch" and not 1 <= a.rank2 <= a.N:
        fail(f"--rank2 must be in 1..N (got {a.rank2})")
    if a.mode == "subset" and not 1 <= a.n_deficit <= a.n:
        fail(f"--n-deficit must be in 1..n (got {a.n_deficit})")
    if a.depth < 1:
        fail(f"--depth must be at least 1 (got {a.depth})")
    if not (math.isfinite(a.g) and a.g > 0):
        fail("--g must be a positive finite number")
    if not 0 <= a.seed < 2**32:
        fail("--seed must be in 0..2^32-1 (numpy.random.seed's range)")
    return a


# MKL's MCG31m1 generator (Intel MKL VS Notes, "MCG31m1"): x_{k+1} = A x_k mod M.
MCG31_M = 2**31 - 1
MCG31_A = 1132489760


def mcg31_stream(seed, count):
    """The first `count` states x_0 .. x_{count-1} of MKL's MCG31m1 stream seeded with `seed`
    (x_0 = seed mod M, 1 if that is 0), as int64. Exact integer arithmetic: A x < 2^62."""
    import numpy as np

    x = np.empty(count, dtype=np.int64)
    s = seed % MCG31_M or 1
    for k in range(count):
        x[k] = s
        s = MCG31_A * s % MCG31_M
    return x


def mkl_multinomial_without_replacement(num_entries, n):
    """torch.multinomial(torch.ones(num_entries), n, replacement=False) as an MKL-enabled
    PyTorch 1.x build computes it, from torch's default generator as it stands (right after
    torch.manual_seed(s) in the authors' procedure): PyTorch's Gumbel-top-k, q ~ Exp(1) per
    entry, idx = topk(1 / q, n), with q drawn by MKL (vsRngExponential, ICDF: q = -ln u) from
    an MCG31m1 stream whose seed is one 32-bit output of torch's generator. That output is
    taken with torch.randint(0, 2^31 - 1, (1,)): one 32-bit output reduced mod 2^31 - 1, which
    is what the stream makes of its seed, and it advances torch's generator by the same one
    output as MKL's path does. Returns the int64 tensor of indices, in topk's order."""
    import numpy as np
    import torch

    seed = int(torch.randint(0, MCG31_M, (1,)).item())
    u = (mcg31_stream(seed, num_entries).astype(np.float64) / MCG31_M).astype(np.float32)
    q = -np.log(u)  # float32, as MKL's single-precision exponential
    weights = torch.ones(num_entries)
    return torch.topk(weights / torch.from_numpy(q), n).indices


def draw(a):
    """The authors' draws: (tasks, entries u, v, layers W_1..W_D), numpy float32 arrays."""
    import numpy as np
    import torch

    N, s = a.N, a.seed
    np.random.seed(s)
    torch.manual_seed(s)

    def task(r):
        A = np.random.randn(N, r).astype(np.float32)
        B = np.random.randn(N, r).astype(np.float32)
        M = A @ B.T / np.sqrt(r)
        return M / np.linalg.norm(M) * N

    tasks = [task(a.rank1)]
    if a.mode == "switch":
        tasks.append(task(a.rank2))
    if a.draw == "mkl":
        idx = mkl_multinomial_without_replacement(N * N, a.n)
    else:
        if torch.backends.mkl.is_available():
            fail("--draw nomkl: this PyTorch has MKL, so torch.multinomial would make the MKL draw; "
                 "use a build without MKL (Debian's python3-torch) or --draw mkl")
        idx = torch.multinomial(torch.ones(N * N), a.n, replacement=False)
    u, v = (idx // N).numpy(), (idx % N).numpy()
    # Their network: D layers created in order (the default init is overwritten below).
    net = [torch.nn.Linear(N, N, bias=False) for _ in range(a.depth)]
    np.random.seed(s)
    torch.manual_seed(s)
    std = a.g ** (1.0 / a.depth) / np.sqrt(N)
    with torch.no_grad():
        for lin in net:
            torch.nn.init.normal_(lin.weight, std=std)
    A = [lin.weight.detach().numpy().astype(np.float32) for lin in net]
    layers = [A[a.depth - j].T.copy() for j in range(1, a.depth + 1)]  # W_j = A_{D+1-j}^T
    return tasks, u, v, layers, torch.__version__, np.__version__


def matrix_text(name, M):
    rows = [" ".join("%.9g" % x for x in row.tolist()) for row in M]
    return f"{name} {M.shape[0]} {M.shape[1]}\n" + "\n".join(rows) + "\n"


def read_problem(path):
    """Reads a problem file (checksum checked): (header dict, tasks, u, v, layers W_1..W_D) as numpy float32."""
    import numpy as np

    data = open(path, "rb").read()
    cut = data.rstrip(b"\n").rfind(b"\n") + 1
    tail = data[cut:].decode()
    if not tail.startswith("# crc32: ") or int(tail[9:17], 16) != zlib.crc32(data[:cut]):
        raise SystemExit(f"error: problem file {path}: missing or wrong checksum; write it again")
    lines = data[:cut].decode().split("\n")
    header, i = {}, 0
    while lines[i].startswith("# "):
        k, v = lines[i][2:].split(": ", 1)
        header[k] = v
        i += 1
    sections = {}
    while lines[i] != "end":
        name, rows, cols = lines[i].split()
        rows, cols = int(rows), int(cols)
        block = lines[i + 1:i + 1 + rows]
        dtype = np.int64 if name == "entries" else np.float32
        sections[name] = np.array([[float(x) for x in ln.split()] for ln in block]).astype(dtype).reshape(rows, cols)
        i += 1 + rows
    tasks = [sections[k] for k in ("task1", "task2") if k in sections]
    layers = [sections[f"layer{j}"] for j in range(1, int(header["depth"]) + 1)]
    return header, tasks, sections["entries"][:, 0], sections["entries"][:, 1], layers


def main(argv):
    a = parse_args(argv)
    try:
        tasks, u, v, layers, torch_version, numpy_version = draw(a)
    except ImportError as e:
        fail(f"{e.name} is missing: install Debian's python3-numpy and python3-torch (pipeline/deps.sh torch)")
    header = [
        ("clp-problem", FORMAT_VERSION),
        ("program", "pipeline/authors_draws.py"),
        ("draws", "authors" if a.draw == "mkl" else "authors-nomkl"),
        ("procedure", "numpy.random.seed(s), torch.manual_seed(s); tasks from numpy randn (float32); entries from "
                      "torch.multinomial(ones(N^2), n, replacement=False) " + ENTRY_DRAW[a.draw] +
                      "; layers from torch.nn.init.normal_ after reseeding"),
        ("torch", torch_version),
        ("numpy", numpy_version),
        ("mode", a.mode),
        ("N", a.N),
        ("n", a.n),
        ("n_deficit", a.n_deficit if a.mode == "subset" else a.n),
        ("rank1", a.rank1),
        ("rank2", a.rank2 if a.mode == "switch" else a.rank1),
        ("depth", a.depth),
        ("g", repr(a.g)),
        ("seed", a.seed),
        ("convention", "W = W_D ... W_1 with W_j = A_{D+1-j}^T (A_k the authors' k-th layer weight); "
                       "entries (u, v) 0-based in drawn order; values float32"),
    ]
    parts = ["".join(f"# {k}: {val}\n" for k, val in header)]
    for i, M in enumerate(tasks):
        parts.append(matrix_text(f"task{i + 1}", M))
    parts.append(f"entries {len(u)} 2\n" + "".join(f"{x} {y}\n" for x, y in zip(u.tolist(), v.tolist())))
    for j, W in enumerate(layers):
        parts.append(matrix_text(f"layer{j + 1}", W))
    parts.append("end\n")
    body = "".join(parts).encode()
    data = body + b"# crc32: %08x\n" % zlib.crc32(body)
    out_dir = os.path.dirname(os.path.abspath(a.out))
    if not os.path.isdir(out_dir):
        fail(f"--out: directory {out_dir} does not exist")
    tmp = f"{a.out}.tmp.{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, a.out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
