"""The module is the build of these sources and of the programs it is compared with."""
import hashlib
import os
import subprocess

import clp


def source_id(src, registry):
    """python/build_info.cmake's build id, computed again from the sources."""
    files = []
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith((".cpp", ".hpp", ".in", ".cmake")) or name == "CMakeLists.txt":
                files.append(os.path.relpath(os.path.join(root, name), src))
    lines = ""
    for f in sorted(files):
        with open(os.path.join(src, f), "rb") as fh:
            lines += f"{f} {hashlib.sha256(fh.read()).hexdigest()}\n"
    with open(registry, "rb") as fh:
        lines += f"figures.tsv {hashlib.sha256(fh.read()).hexdigest()}\n"
    return hashlib.sha256(lines.encode()).hexdigest()[:16]


def test_module_is_built_from_these_sources():
    info = clp.build_info()
    src = os.path.join(info["source_dir"], "src")
    registry = os.path.join(info["source_dir"], "pipeline", "figures.tsv")
    assert info["build_id"] == source_id(src, registry), "the module is older than the sources: rebuild (make python)"


def test_module_links_the_library_of_the_programs(bin_dir):
    info = clp.build_info()
    with open(info["library"], "rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == info["library_sha256"], "the library changed: rebuild"
    # The programs of this build were linked after the library was last written.
    lib_time = os.path.getmtime(info["library"])
    for name in clp.programs():
        assert os.path.getmtime(os.path.join(bin_dir, name)) >= lib_time, name


def test_version_is_the_programs(bin_dir, tmp_path):
    r = clp.fig1_phase_large(runs=1, depths=[2], steps=200, quiet=True)
    out = tmp_path / "fig1"
    subprocess.run([os.path.join(bin_dir, "fig1_phase_large"), "--out", str(out), "--runs", "1", "--depths", "2",
                    "--steps", "200", "--quiet"], check=True, capture_output=True)
    with open(out / "endpoints.tsv") as f:
        version = [line.strip()[len("# version: "):] for line in f if line.startswith("# version: ")]
    assert version == [r["provenance"]["version"]] == [clp.__version__]
