"""Bad arguments raise ValueError with the program's own error text; a failed run raises
clp.RunError (a RuntimeError) as the program exits 2."""
import numpy as np
import pytest

import clp
from conftest import run_program


@pytest.mark.parametrize("name,kw", [
    ("mc_sweep", dict(depth=0)),
    ("mc_sweep", dict(switch_times=[0, 100, 50])),
    ("mc_sweep", dict(lr=-0.5)),
    ("mc_sweep", dict(lr=float("nan"))),
    ("mc_sweep", dict(N=10, rank1=11)),
    ("mc_sweep", dict(n_deficit=10)),               # applies only with --mode subset
    ("mc_sweep", dict(mode="swap")),
    ("mc_sweep", dict(seed=-1)),
    ("mc_sweep", dict(switch_times=[])),
    ("mc_sweep", dict(depht=3)),                    # no such parameter
    ("mc_sweep", dict(problem="/nonexistent/problem.txt")),
    ("mc_sv_ode", dict(totals=[5000], task2_steps=10000)),
    ("fig2_multipath_deficit", dict(hidden=3)),
    ("fig1_phase_large", dict(depths=[2, 0])),
    ("mc_trace", dict(steps=10)),                   # --problem is required
])
def test_value_error_is_the_programs_error(bin_dir, tmp_path, name, kw):
    with pytest.raises(ValueError) as e:
        clp.__dict__[name](**kw)
    res = run_program(bin_dir, name, tmp_path / "out", **kw)
    assert res.returncode == 2
    assert res.stderr == f"{name}: error: {e.value}\n"
    assert not (tmp_path / "out").exists()


def test_value_error_names_the_parameter():
    with pytest.raises(ValueError, match="--switch-times"):
        clp.mc_sweep(switch_times=[0, 100, 50])
    with pytest.raises(ValueError, match="--out"):
        clp.mc_sweep(out="somewhere")
    with pytest.raises(ValueError, match="progress"):
        clp.mc_sweep(progress=3)
    with pytest.raises(TypeError):
        clp.mc_sweep(3)  # keywords only


def test_diverged_run_raises_run_error(bin_dir, tmp_path):
    kw = dict(N=20, n=200, rank1=3, rank2=2, lr=5000, switch_times=[0, 10], continue_steps=50, quiet=True)
    with pytest.raises(clp.RunError) as e:
        clp.mc_sweep(**kw)
    assert isinstance(e.value, RuntimeError) and "diverged" in str(e.value)
    res = run_program(bin_dir, "mc_sweep", tmp_path / "out", **kw)
    assert res.returncode == 2
    assert res.stderr == f"mc_sweep: error: {e.value}\n"


def test_parameters_are_the_declarations():
    params = {p["keyword"]: p for p in clp.parameters("mc_sweep")}
    assert params["switch_times"]["flag"] == "--switch-times"
    assert params["switch_times"]["default"] == "0,1000,5000,10000,20000,40000,60000,80000,100000"
    assert params["n_deficit"]["applies_when"] == "--mode subset"
    assert "out" not in params
    for name in clp.programs():
        doc = clp.__dict__[name].__doc__
        for p in clp.parameters(name):
            assert f"    {p['keyword']}: " in doc
    assert set(clp.programs()) >= {"mc_sweep", "mc_trace", "mc_sv_ode", "fig1_phase_large", "fig2_multipath_deficit"}
    # A name that is no program is a bad argument, as everywhere else.
    with pytest.raises(ValueError, match="no program nope: one of .*mc_sweep"):
        clp.parameters("nope")


def test_numpy_values_are_accepted():
    r = clp.fig1_phase_large(runs=np.int32(2), depths=np.array([2, 3]), steps=200, quiet=np.bool_(True))
    assert list(r["depth"]) == [2, 2, 3, 3, 2, 2, 3, 3]
