"""The module's results equal the command-line programs' data files, bit for bit: the same
library call on the same parameters (small sizes: every test here takes seconds)."""
import zlib

import numpy as np
import pytest

import clp
from conftest import same_columns, same_provenance

# A small task switch: N 20, 3 switch times, singular values every 50 steps.
SWEEP = dict(N=20, n=200, rank1=3, rank2=2, depth=3, switch_times=[0, 100, 250], continue_steps=300,
             sv_every=50, sv_count=4, seed=3, quiet=True)


@pytest.mark.parametrize("extra", [
    {},
    {"precision": "double", "lr": 0.15},
    {"mode": "subset", "n_deficit": 120, "rank2": None},
    {"switch_shrink": 0.5, "switch_perturb": 0.01, "task2_wd": 1e-4},
    {"switch_reinit": True, "depth": 2},
], ids=["switch", "double", "subset", "shrink-perturb", "reinit"])
def test_mc_sweep_equals_program(program, extra):
    kw = {**SWEEP, **extra}
    kw = {k: v for k, v in kw.items() if v is not None}
    r = clp.mc_sweep(**kw)
    tsv, out = program("mc_sweep", "final_error.tsv", **kw)
    same_columns(r, tsv)  # t_switch, test_error, train_loss, status and every parameter column
    assert "status" in tsv.header
    assert float(tsv.provenance["init_norm"]) == r["init_norm"]
    assert tsv.provenance["draw_crc32"] == r["draw_crc32"]
    same_provenance(r, tsv)
    # singular_values.tsv: rows (t_switch, step, index, sv), grouped by t_switch then index.
    from conftest import Tsv
    sv = Tsv(out / "singular_values.tsv")
    for t in r["t_switch"]:
        mine = r["sv"][r["sv_t_switch"] == t]
        steps = r["sv_step"][r["sv_t_switch"] == t]
        for i in range(kw["sv_count"]):
            rows = (sv["t_switch"] == t) & (sv["index"] == i + 1)
            assert np.array_equal(sv["step"][rows], steps)
            assert np.array_equal(sv["sv"][rows], mine[:, i])


def test_mc_sweep_keywords_are_the_command_line():
    """numpy values, repr() of floats, flags as True/False, None as the default."""
    base = clp.mc_sweep(**SWEEP)
    same = clp.mc_sweep(**{**SWEEP, "switch_times": np.array([0, 100, 250]), "N": np.int64(20),
                           "lr": np.float64(0.2), "switch_reinit": False, "g": None})
    assert np.array_equal(base["test_error"], same["test_error"])
    assert base["provenance"] == same["provenance"]
    # repr(0.1 + 0.2) = 0.30000000000000004 reaches the program unrounded.
    no_sv = {**SWEEP, "sv_every": 0, "sv_count": None}
    assert clp.mc_sweep(**{**no_sv, "lr": 0.1 + 0.2})["provenance"]["lr"] == "0.30000000000000004"
    assert "sv" not in clp.mc_sweep(**no_sv)


def test_config_file_replays_a_run(program):
    kw = {**SWEEP, "sv_every": 0, "sv_count": None, "switch_times": [0, 80]}
    tsv, out = program("mc_sweep", "final_error.tsv", **kw)
    r = clp.mc_sweep(config=out / "config.toml")
    assert np.array_equal(r["test_error"], tsv["test_error"])
    same_provenance(r, tsv)


def test_mc_sv_ode_equals_program(program):
    kw = dict(N=20, n=[200, 300], rank1=3, rank2=2, depth=3, totals=[200, 400], task2_steps=100, record_every=20,
              sv_count=4, seed=2, quiet=True)
    r = clp.mc_sv_ode(**kw)
    tsv, _ = program("mc_sv_ode", "singular_values.tsv", **kw)
    # The same rows; the file groups them by (n descending, total_steps, index).
    order = lambda t: np.lexsort((t["step"], t["index"], t["total_steps"], -t["n"]))
    mine, theirs = order(r), order(tsv)
    assert len(mine) == len(theirs)
    for col in tsv.header:  # status included
        assert np.array_equal(r[col][mine], tsv[col][theirs]), col
    assert "status" in tsv.header
    same_columns(r, tsv)  # the same order too
    same_provenance(r, tsv)


def write_problem(path, N=8, n=30, rank1=2, rank2=1, depth=2, g=0.1, seed=1):
    """A small problem file in the format of completion/problem_file.hpp (float32 values)."""
    rng = np.random.default_rng(seed)
    task = lambda r: (rng.standard_normal((N, r)) @ rng.standard_normal((r, N)) / np.sqrt(r)).astype(np.float32)
    cells = rng.permutation(N * N)[:n]
    layers = [(rng.standard_normal((N, N)) * g ** (1 / depth) / np.sqrt(N)).astype(np.float32) for _ in range(depth)]
    mat = lambda name, m: f"{name} {N} {N}\n" + "".join(" ".join("%.9g" % x for x in row) + "\n" for row in m)
    text = "".join(f"# {k}: {v}\n" for k, v in [("clp-problem", 1), ("mode", "switch"), ("N", N), ("n", n),
                                                 ("n_deficit", n), ("rank1", rank1), ("rank2", rank2),
                                                 ("depth", depth), ("g", g), ("seed", seed)])
    text += mat("task1", task(rank1)) + mat("task2", task(rank2))
    text += f"entries {n} 2\n" + "".join(f"{c // N} {c % N}\n" for c in cells)
    text += "".join(mat(f"layer{j + 1}", w) for j, w in enumerate(layers)) + "end\n"
    data = text.encode()
    path.write_bytes(data + b"# crc32: %08x\n" % zlib.crc32(data))
    return path


def test_mc_trace_equals_program(program, tmp_path):
    problem = write_problem(tmp_path / "problem.txt")
    kw = dict(problem=problem, steps=300, switch_at=120, lr=0.1, precision="double")
    r = clp.mc_trace(**kw)
    tsv, out = program("mc_trace", "trajectory.tsv", **kw)
    same_columns(r, tsv)
    assert tsv.provenance["status"].startswith(r["status"] + " (")
    same_provenance(r, tsv)
    from conftest import Tsv
    layers = Tsv(out / "layers.tsv")
    assert r["layers"].shape == (2, 8, 8)
    assert np.array_equal(r["layers"][layers["layer"] - 1, layers["row"], layers["col"]], layers["value"])


@pytest.mark.parametrize("name", ["fig2_multipath_deficit", "fig3_gate_lesion", "fig11_nonlinear_tanh"])
def test_two_pathway_equals_program(program, name):
    kw = dict(steps=200, deficit_starts=[0, 120], deficit_length=40, quiet=True)
    if name == "fig3_gate_lesion":
        kw = dict(steps=200, deficit_length=40, quiet=True)
    r = clp.__dict__[name](**kw)
    tsv, out = program(name, "trajectories.tsv", **kw)
    R, T, M = r["Ka_gd"].shape
    assert (T, M) == (201, 8) and np.array_equal(r["step"], np.arange(201))
    # trajectories.tsv: rows (deficit_start, step, mode), by run, then mode, then step.
    run = np.searchsorted(r["deficit_starts"], tsv["deficit_start"])
    assert np.array_equal(r["deficit_starts"][run], tsv["deficit_start"])
    for col in ("Ka_gd", "Kb_gd") + (("Ka_ode", "Kb_ode") if "Ka_ode" in tsv.columns else ()):
        assert np.array_equal(r[col][run, tsv["step"], tsv["mode"] - 1], tsv[col]), col
    assert ("Ka_ode" in r) == ("Ka_ode" in tsv.columns)
    # The runs' verdicts: '# status_runs:' (deficit_start:status per run), '# status:' the worst.
    runs = dict(x.split(":") for x in tsv.provenance["status_runs"].split(","))
    assert [runs[str(s)] for s in r["deficit_starts"]] == list(r["status"])
    assert tsv.provenance["status"] in set(r["status"])
    from conftest import Tsv
    modes = Tsv(out / "modes.tsv")
    assert np.array_equal(r["s"], modes["s"]) and np.array_equal(r["d"], modes["d"])
    same_provenance(r, tsv)
    if name == "fig3_gate_lesion":
        final = Tsv(out / "final_Kb.tsv")
        assert np.array_equal(r["final_Kb"][0, final["row"] - 1, final["col"] - 1], final["K"])


@pytest.mark.parametrize("name,kw", [
    ("fig1_phase_large", dict(runs=6, depths=[2, 5], quiet=True)),
    ("fig7_phase_small", dict(steps=3000, late_start=1500, late_length=100, depths=[2, 3], quiet=True)),
])
def test_phase_endpoints_equal_program(program, name, kw):
    r = clp.__dict__[name](**kw)
    tsv, out = program(name, "endpoints.tsv", **kw)
    same_columns(r, tsv)  # deficit, depth, run, Ka, Kb, status
    assert "status" in tsv.header
    from conftest import Tsv
    paths = Tsv(out / "trajectories.tsv")
    for k, path in enumerate(r["paths"]):
        rows = (paths["deficit"] == r["deficit"][k]) & (paths["depth"] == r["depth"][k]) & (paths["run"] == r["run"][k])
        assert np.array_equal(path, np.column_stack([paths["step"][rows], paths["Ka"][rows], paths["Kb"][rows]]))
    same_provenance(r, tsv)


def test_twopath_lr_equals_program(program):
    kw = dict(depths=[2], lrs=[0.05, 0.8], seeds=[1, 2], time=2, deficit_time=0.4, quiet=True)
    r = clp.twopath_lr(**kw)
    tsv, _ = program("twopath_lr", "runs.tsv", **kw)
    same_columns(r, tsv)  # NaN for a diverged run's share, Ka1, Kb1, final_loss
    assert "validity" in tsv.header and "status" in tsv.header
    same_provenance(r, tsv)
