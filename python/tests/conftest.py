"""Helpers of the module's tests: the command-line programs of the module's own build
(clp.build_info()["programs_dir"], or $CLP_BIN) and a reader of the data files they write.

The tests compare the module with those programs on the same parameters: the module's
keywords are written here as the command line a user would type ("--name value"), so
that the conversion of keywords is tested too.
"""
import os
import subprocess

import numpy as np
import pytest

import clp


@pytest.fixture(scope="session")
def bin_dir():
    d = os.environ.get("CLP_BIN") or clp.build_info()["programs_dir"]
    assert os.path.isdir(d), f"no programs in {d}: build them (make python)"
    return d


def command_line(**kw):
    """The command line of keywords, as typed by hand: --name value, lists comma-separated."""
    args = []
    for k, v in kw.items():
        name = "--" + k.replace("_", "-")
        if v is None:
            continue
        if v is True:
            args.append(name)
        elif isinstance(v, (list, tuple)):
            args += [name, ",".join(str(x) for x in v)]
        else:
            args += [name, str(v)]
    return args


def run_program(bin_dir, program, out, **kw):
    """Runs the program with --out out and the keywords; returns the CompletedProcess."""
    cmd = [os.path.join(bin_dir, program), "--out", str(out)] + command_line(**kw)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


class Tsv:
    """A data file: provenance ("# key: value"), columns as numpy arrays (int, float or str)."""

    def __init__(self, path):
        self.provenance, rows, self.header = {}, [], None
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("#"):
                    key, _, value = line[2:].partition(": ")
                    self.provenance[key] = value
                elif not line:
                    continue
                elif self.header is None:
                    self.header = line.split("\t")
                else:
                    rows.append(line.split("\t"))
        self.columns = {}
        for j, name in enumerate(self.header):
            cells = [r[j] for r in rows]
            for kind in (int, float):
                try:
                    # float() of the shortest round-trip text the programs write is the same double.
                    self.columns[name] = np.array([kind(c) for c in cells])
                    break
                except ValueError:
                    continue
            else:
                self.columns[name] = np.array(cells)

    def __getitem__(self, name):
        return self.columns[name]


@pytest.fixture
def program(bin_dir, tmp_path):
    """program(name, file, **kw): runs it (must succeed) and reads one of its data files."""

    def run(name, file, **kw):
        out = tmp_path / name
        res = run_program(bin_dir, name, out, **kw)
        assert res.returncode == 0, res.stderr
        return Tsv(out / file), out

    return run


def same_provenance(module_result, tsv):
    """Every value the module states is the data file's."""
    for key, value in module_result["provenance"].items():
        assert tsv.provenance.get(key) == value, key


def same_columns(module_result, tsv):
    """Every column of the data file is in the result under its name, value for value and of the
    same kind (int, float, str; NaN where the file has nan)."""
    for name in tsv.header:
        assert name in module_result, f"the result has no column {name}"
        mine, theirs = np.asarray(module_result[name]), tsv[name]
        # A float column whose every value the file writes as a whole number reads back as int.
        numbers = set(mine.dtype.kind + theirs.dtype.kind) <= set("iuf")
        assert mine.dtype.kind == theirs.dtype.kind or numbers, (name, mine.dtype, theirs.dtype)
        assert mine.shape == theirs.shape, name
        if "f" in mine.dtype.kind + theirs.dtype.kind:
            assert np.array_equal(mine, theirs, equal_nan=True), name
        else:
            assert np.array_equal(mine, theirs), name
